"""审计日志 — the center head reads who saw or changed what, by staff member or resident, and exports it."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.operations import Failure, OperationRunner

if TYPE_CHECKING:
    from app.db import Session
    from app.services.audit_log import AuditPage, StaffChoice


class AuditLogDialog(QDialog):
    """Filters (staff member, resident, dates), the entries newest first, and 导出 CSV."""

    def __init__(self, runner: OperationRunner, *, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner, self._actor = runner, actor
        self.page: AuditPage | None = None
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(1100, 680)
        self.staff = QComboBox()
        self.staff.addItem(self.tr("All staff"), None)
        self.resident = QLineEdit()
        self.resident.setPlaceholderText(self.tr("Resident: name, ID number or phone"))
        self.resident.returnPressed.connect(self.reload)
        self.use_dates = QCheckBox(self.tr("From"))
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addMonths(-1))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.search_button = QPushButton(self.tr("Show"))
        self.search_button.clicked.connect(self.reload)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(lambda: self.export())
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Staff")))
        filters.addWidget(self.staff)
        filters.addWidget(self.resident, 1)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.date_to)
        filters.addWidget(self.search_button)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Staff"), self.tr("Action"), self.tr("What")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._load_staff()
        self.reload()

    def _load_staff(self) -> None:
        actor = self._actor

        def work(session: Session) -> tuple[StaffChoice, ...]:
            from app.services.audit_log import staff_choices

            return staff_choices(session, actor)

        def done(choices: tuple[StaffChoice, ...]) -> None:
            for choice in choices:
                self.staff.addItem(choice.name, choice.id)

        self._runner.op(work).success(done).failure(self._failed).run()

    def _filters(self) -> dict[str, Any]:
        dates: dict[str, Any] = {"date_from": None, "date_to": None}
        if self.use_dates.isChecked():
            dates = {"date_from": self.date_from.date().toPython(), "date_to": self.date_to.date().toPython()}
        return {"staff_id": self.staff.currentData(), "resident_query": self.resident.text(), **dates}

    def reload(self) -> None:
        actor, filters = self._actor, self._filters()

        def work(session: Session) -> AuditPage:
            from app.services.audit_log import audit_rows

            return audit_rows(session, actor, **filters)

        self._runner.op(work).success(self._show).failure(self._failed).run()

    def _show(self, page: AuditPage) -> None:
        from app.clock import format_local

        self.page = page
        self.table.setRowCount(len(page.rows))
        for row, entry in enumerate(page.rows):
            for column, text in enumerate((format_local(entry.occurred_at), entry.staff_name, entry.action_label,
                                           entry.summary)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        text = self.tr("%1 entries").replace("%1", str(len(page.rows)))
        if page.residents:
            text += " · " + self.tr("residents found: %1").replace("%1", "、".join(page.residents))
        elif self.resident.text().strip():
            text += " · " + self.tr("no resident matches this search")
        if page.truncated:
            text += " · " + self.tr("only the newest are shown: narrow the dates")
        self.status.setText(text)
        self.export_button.setEnabled(bool(page.rows))

    def export(self, path: Path | None = None) -> None:
        page, actor = self.page, self._actor
        if page is None:
            return
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit log"), "审计日志.csv",
                                                    self.tr("CSV files (*.csv)"))
            if not chosen:
                return
            path = Path(chosen)
        target, described = path, " ".join(x for x in (self.staff.currentText(), self.resident.text().strip()) if x)

        def work(session: Session) -> Path:
            from app.services.audit_log import export_audit_csv

            target.write_bytes(export_audit_csv(session, actor, page, described_as=described))
            return target

        self._runner.op(work).success(
            lambda saved: self.status.setText(self.tr("Exported to %1").replace("%1", str(saved)))
        ).failure(self._failed).run()

    def _failed(self, failure: Failure) -> None:
        self.status.setText(failure.message)
