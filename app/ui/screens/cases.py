"""办件 — the case list, and the 时限预警 board that shares its model."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.case_model import CaseTableModel
from app.ui.labels import status_labels
from app.ui.operations import CHANGED_CASES, OperationRunner


def _make_table(model: CaseTableModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    return table


class CasesScreen(QWidget):
    """办件: all cases, newest first, filtered by status and text."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.services.queries import CaseFilter

        self._filter_type = CaseFilter
        self._runner = runner
        self.model = CaseTableModel(runner, status_labels=status_labels(), parent=self)
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("All statuses"), None)
        for code, label in status_labels().items():
            self.status_box.addItem(label, code)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Case number, applicant name or initials, item"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Status:")))
        top.addWidget(self.status_box)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        self.table = _make_table(self.model)
        hint = QLabel(self.tr("Colours: red = overdue, yellow = due within 1 working day, green = on time, grey = paused."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.status_box.currentIndexChanged.connect(self.reload)
        self.search.returnPressed.connect(self.reload)
        self.model.total_changed.connect(lambda n: self.count_label.setText(self.tr("%1 cases").replace("%1", str(n))))
        runner.changed.connect(self._on_changed)

    def search_for(self, text: str) -> None:
        self.search.setText(text)
        self.reload()

    def reload(self) -> None:
        self.model.set_filter(self._filter_type(status=self.status_box.currentData(), text=self.search.text()))

    def _on_changed(self, tags: frozenset) -> None:
        if CHANGED_CASES in tags:
            self.model.refresh()


class DeadlineScreen(QWidget):
    """时限预警: open cases by committed date; overdue ones never drop off."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.services.queries import CaseFilter

        self._runner = runner
        self.model = CaseTableModel(runner, status_labels=status_labels(), parent=self)
        self.model.set_filter(CaseFilter(open_with_deadline=True))
        self.summary = QLabel(self.tr("Counting…"))
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.table = _make_table(self.model)
        explain = QLabel(self.tr(
            "Open cases with a committed completion date, earliest first. Deadlines count Chinese working days; "
            "time waiting for the resident's materials does not count."))
        explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        runner.changed.connect(lambda tags: self.model.refresh() if CHANGED_CASES in tags else None)

    def show_counts(self, counts) -> None:  # noqa: ANN001 - DeadlineCounts
        self.summary.setText(
            self.tr("<b style='color:#b00000'>Overdue: %1</b> &nbsp; <b style='color:#a06000'>Due soon: %2</b>"
                    " &nbsp; <span style='color:#206020'>On time: %3</span> &nbsp; Paused: %4")
            .replace("%1", str(counts.overdue)).replace("%2", str(counts.due_soon))
            .replace("%3", str(counts.on_time)).replace("%4", str(counts.paused))
        )
