"""台账统计 — the center head's ledgers and statistics of a day, a month or any range.

The figures and the ledgers come from Qt-free services (app.services.statistics,
app.services.ledgers) on the runner's DATABASE lane; this screen only shows
them, with each figure's formula on hover and listed under the table.
Printing goes through the print dialog like any document: the 台账 and
首问登记台账 in their own layouts, any ledger of app.services.ledgers.LEDGERS
as a 台账 sheet, and the month's report with its charts. The charts tab
(app.ui.screens.ledger_charts, QtCharts) is built when first opened. The
Excel export (app.services.ledger_export) runs on the DATABASE lane with a
busy bar.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.clock import local_today
from app.services.ledgers import LEDGERS
from app.services.statistics import FIGURES, Group, StatRow
from app.ui.operations import CHANGED_CASES, CHANGED_INQUIRIES, CHANGED_SERVICES, Failure, OperationRunner
from app.ui.widgets import date_edit, date_of, error_label, set_date, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.changes import Change
    from app.services.ledger_documents import Charts
    from app.services.ledgers import Ledger
    from app.services.statistics import Statistics
    from app.ui.screens.ledger_charts import ChartsPanel

MODE_DAY, MODE_MONTH, MODE_CUSTOM = "day", "month", "custom"


@dataclass(frozen=True)
class _Loaded:
    statistics: Statistics
    ledgers: tuple[Ledger, ...]


def month_of(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


class LedgerModel(QAbstractTableModel):
    """One ledger's rows, with its 合计 line last in bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ledger: Ledger | None = None

    def set_ledger(self, ledger: Ledger) -> None:
        self.beginResetModel()
        self._ledger = ledger
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid() or self._ledger is None:
            return 0
        return len(self._ledger.rows) + 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid() or self._ledger is None:
            return 0
        return len(self._ledger.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._ledger is None:
            return None
        rows = self._ledger.rows
        row = rows[index.row()] if index.row() < len(rows) else self._ledger.total
        if role == Qt.ItemDataRole.DisplayRole:
            return row[index.column()]
        if role == Qt.ItemDataRole.FontRole and index.row() == len(rows):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and self._ledger is not None):
            return self._ledger.columns[section].title
        return None


class LedgerScreen(QWidget):
    """台账统计."""

    print_targets = Signal(object)  # list of PrintTarget

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Any = None
        self._loaded: _Loaded | None = None
        self._dirty = True
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.mode = QComboBox()
        self.mode.addItem(self.tr("One day"), MODE_DAY)
        self.mode.addItem(self.tr("One month"), MODE_MONTH)
        self.mode.addItem(self.tr("From … to …"), MODE_CUSTOM)
        self.mode.setCurrentIndex(1)
        today = local_today()
        first, _last = month_of(today)
        self.date_from = date_edit(first)
        self.date_to = date_edit(today)
        self.group = QComboBox()
        for group, text in ((Group.ALL, self.tr("Whole center")), (Group.ITEM, self.tr("By item")),
                            (Group.DEPARTMENT, self.tr("By department")), (Group.WORKER, self.tr("By worker")),
                            (Group.MONTH, self.tr("By month"))):
            self.group.addItem(text, group.value)
        self.group.setCurrentIndex(3)
        self.show_button = QPushButton(self.tr("Count"))
        self.to_label = QLabel(self.tr("to"))
        for widget in (QLabel(self.tr("Period")), self.mode, self.date_from, self.to_label, self.date_to,
                       QLabel(self.tr("Group")), self.group, self.show_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout.addLayout(bar)

        actions = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.only_shown = QCheckBox(self.tr("Only the ledger shown"))
        self.only_shown.setToolTip(self.tr("Export the ledger of the open tab with the formulas, without the "
                                           "other ledgers and the statistics"))
        self.unmasked = QCheckBox(self.tr("Full ID numbers and phones in the export (recorded in the audit log)"))
        self.print_cases = QPushButton(self.tr("Print the case ledger…"))
        self.print_inquiries = QPushButton(self.tr("Print the inquiry ledger…"))
        self.print_ledger = QPushButton(self.tr("Print a ledger…"))
        self.print_menu = QMenu(self.print_ledger)
        for kind in LEDGERS:
            entry = self.print_menu.addAction(str(kind.title))
            entry.triggered.connect(lambda _checked=False, key=kind.key: self.print_sheet(key))
        self.print_ledger.setMenu(self.print_menu)
        self.print_report = QPushButton(self.tr("Print the month's report…"))
        self.print_report.setToolTip(self.tr("Figures with their formulas, the three charts and the signature lines "
                                             "制表人 / 审核人"))
        # Exporting on one line, printing on the next: in one row the English
        # words made the screen, and so the window, wider than a 1366-pixel screen.
        for action in (self.export_button, self.only_shown, self.unmasked):
            actions.addWidget(action)
        actions.addStretch(1)
        layout.addLayout(actions)
        printing = QHBoxLayout()
        for action in (self.print_cases, self.print_inquiries, self.print_ledger, self.print_report):
            printing.addWidget(action)
        printing.addStretch(1)
        layout.addLayout(printing)
        status_line = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the export reports no steps
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        status_line.addWidget(self.status, 1)
        status_line.addWidget(self.progress)
        layout.addLayout(status_line)
        self.error = error_label()
        layout.addWidget(self.error)

        self.tabs = QTabWidget()
        stats_page = QWidget()
        stats_layout = QVBoxLayout(stats_page)
        self.table = QTableWidget(0, len(FIGURES) + 1)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        stats_layout.addWidget(self.table, 3)
        formulas_title = QLabel(self.tr("How each figure is counted"))
        bold = formulas_title.font()
        bold.setBold(True)
        formulas_title.setFont(bold)
        stats_layout.addWidget(formulas_title)
        self.formulas = QLabel()
        self.formulas.setWordWrap(True)
        self.formulas.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formulas.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.formulas)
        stats_layout.addWidget(scroll, 2)
        self.tabs.addTab(stats_page, self.tr("Statistics"))
        # The charts load QtCharts and count twelve months: only when their tab is opened.
        self.charts_page = QWidget()
        QVBoxLayout(self.charts_page)
        self.charts: ChartsPanel | None = None
        self._charts_dirty = True
        self.tabs.addTab(self.charts_page, self.tr("Charts"))
        self.first_ledger_tab = self.tabs.count()
        self.ledger_views: list[tuple[QTableView, LedgerModel]] = []
        for kind in LEDGERS:
            title = str(kind.title)
            view, model = QTableView(), LedgerModel(self)
            view.setModel(model)
            view.verticalHeader().setVisible(False)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            self.tabs.addTab(view, title)
            self.ledger_views.append((view, model))
        layout.addWidget(self.tabs, 1)

        self._fill_headers()
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.date_from.dateChanged.connect(self._from_changed)
        self.show_button.clicked.connect(self.reload)
        self.group.currentIndexChanged.connect(lambda _i: self.reload())
        self.export_button.clicked.connect(self._export)
        self.print_cases.clicked.connect(lambda: self._print("ledger"))
        self.print_inquiries.clicked.connect(lambda: self._print("inquiry_ledger"))
        self.print_report.clicked.connect(lambda: self._print("month_report"))
        self.tabs.currentChanged.connect(self._tab_changed)
        runner.changed.connect(self._on_changed)
        self._mode_changed()

    # -- the period -----------------------------------------------------------

    def period(self) -> tuple[date, date]:
        start = date_of(self.date_from)
        mode = self.mode.currentData()
        if mode == MODE_DAY:
            return start, start
        if mode == MODE_MONTH:
            return month_of(start)
        return start, date_of(self.date_to)

    def set_period(self, mode: str, start: date, end: date | None = None) -> None:
        self.mode.setCurrentIndex(self.mode.findData(mode))
        set_date(self.date_from, start)
        if end is not None:
            set_date(self.date_to, end)

    def _mode_changed(self) -> None:
        custom = self.mode.currentData() == MODE_CUSTOM
        self.date_to.setEnabled(custom)
        # A month is chosen by any of its days: show only the month, so nobody reads a day into it.
        self.date_from.setDisplayFormat("yyyy-MM" if self.mode.currentData() == MODE_MONTH else "yyyy-MM-dd")
        self._from_changed()

    def _from_changed(self) -> None:
        if self.mode.currentData() != MODE_CUSTOM:
            start, end = self.period()
            self.date_to.blockSignals(True)
            set_date(self.date_to, end)
            self.date_to.blockSignals(False)

    # -- loading --------------------------------------------------------------

    def set_actor(self, actor: Any) -> None:
        self._actor = actor
        head = bool(actor and actor.is_head)
        self.unmasked.setChecked(False)
        self.unmasked.setEnabled(head)
        self.unmasked.setToolTip("" if head else self.tr("Only the center head may export full ID numbers and "
                                                         "phones."))

    def show_on_entry(self) -> None:
        if self._dirty or self._loaded is None:
            self.reload()

    def _on_changed(self, tags: frozenset[Change]) -> None:
        if tags & {CHANGED_CASES, CHANGED_INQUIRIES, CHANGED_SERVICES}:
            self._dirty = True
            if self.isVisible():
                self.reload()

    def reload(self) -> None:
        start, end = self.period()
        if end < start:
            show_error(self.error, self.tr("The last day comes before the first: choose the period again."))
            return
        show_error(self.error, "")
        group = Group(self.group.currentData())
        today = local_today()
        self.status.setText(self.tr("Counting…"))
        self.show_button.setEnabled(False)

        def work(session: Session) -> _Loaded:
            from app.services.ledgers import all_ledgers
            from app.services.statistics import center_statistics

            return _Loaded(center_statistics(session, start=start, end=end, today=today, group=group),
                           all_ledgers(session, start=start, end=end, today=today))

        self._dirty = False
        self._charts_dirty = True
        self._runner.op(work).success(self._show).failure(self._failed).run()
        if self.tabs.currentWidget() is self.charts_page:
            self.load_charts()

    # -- the charts -------------------------------------------------------------

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.charts_page and self._charts_dirty:
            self.load_charts()

    def load_charts(self) -> None:
        """Count the charts' figures on the DATABASE lane and draw them."""
        start, end = self.period()
        if end < start:
            return
        today = local_today()
        self._charts_dirty = False

        def work(session: Session) -> Charts:
            from app.services.ledger_documents import chart_data

            return chart_data(session, start=start, end=end, today=today)

        self._runner.op(work).success(self._show_charts).failure(self._failed).run()

    def _show_charts(self, charts: Charts) -> None:
        if self.charts is None:
            from app.ui.screens.ledger_charts import ChartsPanel

            self.charts = ChartsPanel()
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(self.charts)
            layout = self.charts_page.layout()
            assert layout is not None
            layout.addWidget(scroll)
        self.charts.show_charts(charts)

    def _failed(self, failure: Failure) -> None:
        self.show_button.setEnabled(True)
        self.status.setText("")
        show_error(self.error, failure.message)

    def _fill_headers(self) -> None:
        self.table.setHorizontalHeaderItem(0, QTableWidgetItem(""))
        for c, spec in enumerate(FIGURES, 1):
            item = QTableWidgetItem(str(spec.label))
            item.setToolTip(str(spec.formula))
            self.table.setHorizontalHeaderItem(c, item)
        self.formulas.setText("\n".join(f"{n}. {spec.formula}" for n, spec in enumerate(FIGURES, 1)))

    def _show(self, loaded: _Loaded) -> None:
        self._loaded = loaded
        self.show_button.setEnabled(True)
        stats = loaded.statistics
        group_label = str(stats.group.label)
        self.table.setHorizontalHeaderItem(0, QTableWidgetItem(group_label))
        rows: list[StatRow] = [stats.total, *stats.rows]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            first = QTableWidgetItem(self.tr("Total") if r == 0 else row.label)
            if r == 0:
                font = first.font()
                font.setBold(True)
                first.setFont(font)
            self.table.setItem(r, 0, first)
            for c, spec in enumerate(FIGURES, 1):
                item = QTableWidgetItem(row.shown(spec.key))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(str(spec.formula))
                if r == 0:
                    item.setFont(first.font())
                self.table.setItem(r, c, item)
        for (view, model), ledger in zip(self.ledger_views, loaded.ledgers):
            model.set_ledger(ledger)
            view.resizeColumnsToContents()
            for column in range(model.columnCount()):
                view.setColumnWidth(column, min(view.columnWidth(column), 320))
        for n, ledger in enumerate(loaded.ledgers, self.first_ledger_tab):
            self.tabs.setTabText(n, f"{ledger.title} ({len(ledger.rows)})")
        self.status.setText(self.tr("{start} to {end}. A dash (—) means there was nothing to count. Hover over a "
                                    "figure to see how it is counted.").format(start=f"{stats.start:%Y-%m-%d}",
                                                                              end=f"{stats.end:%Y-%m-%d}"))

    # -- printing and export ----------------------------------------------------

    def _print(self, kind: str, ledger: str = "") -> None:
        from app.services.documents import PrintTarget

        start, end = self.period()
        if end < start:
            show_error(self.error, self.tr("The last day comes before the first: choose the period again."))
            return
        self.print_targets.emit([PrintTarget(kind, date_from=start, date_to=end, ledger=ledger)])

    def print_sheet(self, key: str) -> None:
        """Print one ledger of the registry (A4 landscape, with the formulas of its 合计 line)."""
        self._print("ledger_sheet", key)

    def shown_ledger(self) -> str | None:
        """The key of the ledger whose tab is open, if one is."""
        index = self.tabs.currentIndex() - self.first_ledger_tab
        return LEDGERS[index].key if 0 <= index < len(LEDGERS) else None

    def _export(self) -> None:
        start, end = self.period()
        if end < start:
            show_error(self.error, self.tr("The last day comes before the first: choose the period again."))
            return
        suggested = f"台账统计_{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the ledgers to Excel"), suggested,
                                                self.tr("Excel workbook (*.xlsx)"))
        if chosen:
            self.export_to(chosen)

    def export_to(self, path: str) -> None:
        """Write the workbook of the shown period on the DATABASE lane."""
        from pathlib import Path

        start, end = self.period()
        group = Group(self.group.currentData())
        mask = not self.unmasked.isChecked()
        actor, today = self._actor, local_today()
        shown = self.shown_ledger() if self.only_shown.isChecked() else None
        keys = (shown,) if shown is not None else None
        target = Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")
        self.status.setText(self.tr("Writing the workbook…"))
        self.export_button.setEnabled(False)
        self.progress.setVisible(True)

        def work(session: Session) -> Path:
            from app.services.ledger_export import export_workbook

            return export_workbook(session, actor, target, start=start, end=end, group=group, mask=mask,
                                   today=today, ledgers=keys, statistics=keys is None)

        def done(written: Path) -> None:
            self.export_button.setEnabled(True)
            self.progress.setVisible(False)
            self.status.setText(self.tr("Saved {path}").format(path=str(written)))

        def failed(failure: Failure) -> None:
            self.export_button.setEnabled(True)
            self.progress.setVisible(False)
            self._failed(failure)

        self._runner.op(work).success(done).failure(failed).run()
