"""A lazy table model over cases: rows are fetched a page at a time on the
writer thread, so the list of a busy center never loads whole."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.clock import format_local
from app.ui.labels import sync_state_labels
from app.ui.operations import Failure, OperationRunner

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from app.db import Session
    from app.services.queries import CaseRow

PAGE_SIZE = 200

DEADLINE_COLOURS = {
    "overdue": QColor("#f8d0d0"),
    "due_soon": QColor("#fdebc0"),
    "on_time": QColor("#d9f2d9"),
    "paused": QColor("#e3e3e3"),
}


class CaseTableModel(QAbstractTableModel):
    """办件列表 — pages of CaseRow fetched by the OperationRunner."""

    loaded = Signal(int)  # rows now held
    total_changed = Signal(int)

    def __init__(self, runner: OperationRunner, *, status_labels: dict[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._status_labels = status_labels
        self._rows: list[Any] = []
        self._total = 0
        self._fetching = False
        self._generation = 0
        self._filter: Any = None
        self._context: Any = None  # (calendar, today, soon_days) made on the writer thread
        self._headers = [
            self.tr("Case number"), self.tr("Applicant"), self.tr("ID number"), self.tr("Service item"),
            self.tr("Status"), self.tr("Received"), self.tr("Committed date"), self.tr("Handled by"),
            self.tr("County"),
        ]
        self._sync_labels = sync_state_labels()

    # Qt model interface -------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.case_number
            if column == 1:
                return row.resident_name
            if column == 2:
                return row.id_masked
            if column == 3:
                return row.item_name
            if column == 4:
                return self._status_labels.get(row.status, row.status)
            if column == 5:
                return format_local(row.received_at)
            if column == 6:
                if row.committed_due is None:
                    return ""
                text = f"{row.committed_due:%Y-%m-%d}"
                return text + self.tr(" (provisional)") if row.due_provisional else text
            if column == 7:
                return row.handled_by
            if column == 8:
                return self._sync_labels.get(row.sync_state, row.sync_state)
        if role == Qt.ItemDataRole.ForegroundRole and column == 8 and row.sync_state == "error":
            return QBrush(QColor("#c00000"))
        if role == Qt.ItemDataRole.ToolTipRole and column == 8 and row.sync_error:
            return row.sync_error
        if role == Qt.ItemDataRole.BackgroundRole and column in (4, 6):
            colour = DEADLINE_COLOURS.get(row.deadline)
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 6 and row.statutory_due:
            return self.tr("Statutory limit: %1").replace("%1", f"{row.statutory_due:%Y-%m-%d}")
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and not self._fetching and self._filter is not None and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._fetch(offset=len(self._rows))

    # Loading ------------------------------------------------------------
    def total(self) -> int:
        return self._total

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def set_filter(self, flt: Any) -> None:
        """Start over with a new filter (the first page and the total)."""
        self._filter = flt
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._total = 0
        self.endResetModel()
        self._fetch(offset=0, with_total=True)

    def refresh(self) -> None:
        if self._filter is not None:
            self.set_filter(self._filter)

    def _fetch(self, *, offset: int, with_total: bool = False) -> None:
        from app.clock import local_today

        flt, generation = self._filter, self._generation
        self._fetching = True

        def load(session: Session) -> tuple[int | None, list[CaseRow]]:  # writer thread
            from app.services import settings
            from app.services.calendar_store import load_work_calendar
            from app.services.queries import case_page, count_cases

            calendar = load_work_calendar(session)
            total = count_cases(session, flt) if with_total else None
            rows = case_page(session, flt, offset=offset, limit=PAGE_SIZE, today=local_today(), calendar=calendar,
                             soon_days=settings.get(session, settings.DEADLINE_SOON_DAYS))
            return total, rows

        def done(result: tuple[int | None, list[CaseRow]]) -> None:
            self._fetching = False
            if generation != self._generation:
                return  # a newer filter replaced this one
            total, rows = result
            if total is not None:
                self._total = total
                self.total_changed.emit(total)
            if rows:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
                self._rows.extend(rows)
                self.endInsertRows()
            self.loaded.emit(len(self._rows))

        def failed(failure: Failure) -> None:
            self._fetching = False
            self._runner.failed.emit(failure)

        self._runner.op(load).success(done).failure(failed).run()

