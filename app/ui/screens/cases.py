"""办件 — the case list with its filters, and the 时限预警 board that shares its model."""
from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.case_model import CaseTableModel
from app.ui.labels import inquiry_outcome_labels, status_labels
from app.ui.operations import CHANGED_CASES, CHANGED_CATALOG, CHANGED_INQUIRIES, CHANGED_SETTINGS, OperationRunner
from app.ui.widgets import EmptyHint, date_edit, date_of

if TYPE_CHECKING:
    from PySide6.QtCore import QDate, QModelIndex

    from app.db import Session
    from app.services.case_detail import ItemChoice
    from app.services.changes import Change
    from app.services.search import CaseSearch
    from app.services.staff import StaffSummary


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

    # A list first shown empty (a new center) kept its header-wide columns when
    # the first cases arrived ("QSC0…"): size them again to what they hold.
    def fit() -> None:
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    model.rowsInserted.connect(fit)
    model.modelReset.connect(fit)
    return table


class CasesScreen(QWidget):
    """办件: all cases, newest first, filtered by status, item, staff, dates, overdue,
    and by the main window's one search box (:meth:`search_for`): this screen has no box of its own."""

    open_case = Signal(object)  # case id
    searched = Signal(object)  # the CaseSearch now shown
    search_cleared = Signal()  # the worker asked for all cases again

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
        self.item_box = QComboBox()
        self.item_box.addItem(self.tr("All items"), None)
        self.item_box.setMaximumWidth(260)
        self.staff_box = QComboBox()
        self.staff_box.addItem(self.tr("All staff"), None)
        self.dates_on = QCheckBox(self.tr("Received from"))
        self.date_from = date_edit(date.today() - timedelta(days=30))
        self.date_to = date_edit(date.today())
        self.overdue_only = QCheckBox(self.tr("Overdue only"))
        self._search: CaseSearch | None = None
        self.search_hint = QLabel()
        self.search_hint.setWordWrap(True)
        self.search_hint.setVisible(False)
        self.show_all = QPushButton(self.tr("Show all cases"))
        self.show_all.setVisible(False)
        self.count_label = QLabel()
        # Room for a large center's count, so the label is never squeezed to a sliver.
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("共 1,000,000 件") + 8)
        self.open_button = QPushButton(self.tr("Open (Enter)"))
        first = QHBoxLayout()
        first.addWidget(QLabel(self.tr("Status:")))
        first.addWidget(self.status_box)
        first.addWidget(self.item_box)
        first.addWidget(self.staff_box)
        first.addWidget(self.overdue_only)
        first.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.dates_on)
        second.addWidget(self.date_from)
        second.addWidget(QLabel(self.tr("to")))
        second.addWidget(self.date_to)
        second.addStretch(1)
        second.addWidget(self.count_label)
        second.addWidget(self.open_button)
        self.table = _make_table(self.model)
        self.empty_hint = EmptyHint(self.table)
        self.model.total_changed.connect(self._show_empty_hint)
        hint = QLabel(self.tr("Colours: red = overdue, yellow = due soon, green = on time, grey = paused. "
                              "Double-click or Enter opens a case."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        found = QHBoxLayout()
        found.addWidget(self.search_hint, 1)
        found.addWidget(self.show_all)
        layout.addLayout(found)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        for box in (self.status_box, self.item_box, self.staff_box):
            box.currentIndexChanged.connect(self.reload)
        for check in (self.dates_on, self.overdue_only):
            check.toggled.connect(self.reload)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._dates_changed)
        self.show_all.clicked.connect(self._show_all)
        self.table.activated.connect(self._open_index)
        self.open_button.clicked.connect(lambda: self._open_index(self.table.currentIndex()))
        self.model.total_changed.connect(self._total_changed)
        runner.changed.connect(self._on_changed)

    def load_choices(self) -> None:
        """Fill the item and staff filters (after login; again when the catalog changes)."""
        def work(session: Session) -> tuple[tuple[ItemChoice, ...], list[StaffSummary]]:
            from app.services.case_detail import item_choices
            from app.services.staff import list_staff

            return item_choices(session).items, list_staff(session, active_only=False)

        def done(result: tuple[tuple[ItemChoice, ...], list[StaffSummary]]) -> None:
            items, staff = result
            for box, entries in ((self.item_box, [(i.name, i.id) for i in items]),
                                 (self.staff_box, [(s.display_name, s.id) for s in staff])):
                current = box.currentData()
                box.blockSignals(True)
                while box.count() > 1:
                    box.removeItem(1)
                for label, value in entries:
                    box.addItem(label, value)
                box.setCurrentIndex(max(box.findData(current), 0))
                box.blockSignals(False)

        self._runner.op(work).success(done).run()

    def search_for(self, text: str) -> None:
        """List the cases the one search box finds for ``text`` (search.find_cases);
        a case number or a scanned receipt opens its case as well. Empty text lists all."""
        if not text.strip():
            self._show_search(None)
            return

        def work(session: Session) -> CaseSearch:
            from app.services.search import find_cases

            return find_cases(session, text)

        def done(found: CaseSearch) -> None:
            from app.services.search import KIND_CASE

            self._show_search(found)
            self.searched.emit(found)
            if found.kind == KIND_CASE and len(found.case_ids) == 1:
                self.open_case.emit(found.case_ids[0])

        self._runner.op(work).success(done).run()

    def search_text(self) -> str:
        """What the list is searched for now ("" when it lists all cases)."""
        return self._search.text if self._search is not None else ""

    def _show_search(self, found: CaseSearch | None) -> None:
        self._search = found if found is not None and found.text else None
        self.show_all.setVisible(self._search is not None)
        self.search_hint.setVisible(False)  # until the count is known
        self.reload()

    def _show_all(self) -> None:
        self._show_search(None)
        self.search_cleared.emit()

    def _total_changed(self, total: int) -> None:
        self.count_label.setText(self.tr("%1 cases").replace("%1", str(total)))
        found = self._search
        if found is None:
            self.search_hint.setVisible(False)
            return
        if found.found_nothing:
            text, colour = found.hint, "#b00000"  # what was searched and what can be typed
        elif total == 0:
            text, colour = self.tr("“%1”: found, but no case matches it and the filters above.") \
                .replace("%1", found.text), "#b00000"
        else:
            text, colour = self.tr("Cases found for “%1”.").replace("%1", found.text), "#205080"
            if found.more:
                text += " " + self.tr("Many residents match and not all are listed: type more to narrow.")
            if found.hint:
                text += " " + found.hint
        self.search_hint.setText(text)
        self.search_hint.setStyleSheet(f"color: {colour}; font-size: 14px")
        self.search_hint.setVisible(True)

    def current_filter(self) -> Any:
        dates = self.dates_on.isChecked()
        return self._filter_type(
            status=self.status_box.currentData(), search=self._search, item_id=self.item_box.currentData(),
            staff_id=self.staff_box.currentData(),
            received_from=date_of(self.date_from) if dates else None,
            received_to=date_of(self.date_to) if dates else None,
            overdue_on=date.today() if self.overdue_only.isChecked() else None,
        )

    def reload(self) -> None:
        self.model.set_filter(self.current_filter())

    def _dates_changed(self, _date: QDate) -> None:
        if self.dates_on.isChecked():
            self.reload()

    def _show_empty_hint(self, _total: int) -> None:
        if self.current_filter() == self._filter_type():  # no filter, no search: the center has no case yet
            self.empty_hint.set_text(self.tr("No cases yet. Press F2 to start an intake."))
        else:
            self.empty_hint.set_text(self.tr("No case matches. Change the filters above or clear the search box."))

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_case.emit(self.model.row_at(index.row()).id)

    def _on_changed(self, tags: frozenset[Change]) -> None:
        if CHANGED_CASES in tags or CHANGED_SETTINGS in tags:
            self.model.refresh()
        if CHANGED_CATALOG in tags:
            self.load_choices()


# The least height of each list under the cases on 时限预警: its header and two rows.
SECTION_MIN_HEIGHT = 84


class DeadlineScreen(QWidget):
    """时限预警: open cases by committed date, and inquiries awaiting follow-up.
    Overdue ones never drop off: only closing them does."""

    open_case = Signal(object)  # case id
    open_complaint = Signal(object)  # complaint id
    soon_days_changed = Signal(int)

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.services.queries import CaseFilter

        self._runner = runner
        self.model = CaseTableModel(runner, status_labels=status_labels(), parent=self)
        self.model.set_filter(CaseFilter(open_with_deadline=True))
        self.summary = QLabel(self.tr("Counting…"))
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.soon_days = QSpinBox()
        self.soon_days.setRange(0, 10)
        self.soon_days.setValue(1)
        self.soon_days.setSuffix(self.tr(" working days"))
        self.save_days = QPushButton(self.tr("Save"))
        self.save_days.setEnabled(False)
        setting = QHBoxLayout()
        setting.addWidget(self.summary, 1)
        setting.addWidget(QLabel(self.tr("Warn when due within")))
        setting.addWidget(self.soon_days)
        setting.addWidget(self.save_days)
        self.table = _make_table(self.model)
        explain = QLabel(self.tr(
            "Open cases with a committed completion date, earliest first. Deadlines count Chinese working days; "
            "time waiting for the resident's materials does not count. Double-click opens a case."))
        explain.setWordWrap(True)
        self.follow_ups = QTableWidget(0, 6)
        self.follow_ups.setHorizontalHeaderLabels([
            self.tr("Due"), self.tr("Name"), self.tr("Topic"), self.tr("Outcome"), self.tr("Referred to"),
            self.tr("First worker"),
        ])
        self.follow_ups.verticalHeader().setVisible(False)
        self.follow_ups.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.follow_ups.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.follow_ups.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.follow_ups.setMaximumHeight(170)
        self.follow_title = QLabel()
        self.empty_hint = EmptyHint(self.table, self.tr("No case is nearing its deadline."))
        self.model.total_changed.connect(self.empty_hint.refresh)
        EmptyHint(self.follow_ups, self.tr("No inquiry is waiting for an answer."))
        # 投诉举报: open complaints by their committed answer date, in the cases' colours.
        self.complaint_title = QLabel()
        self.complaints = QTableWidget(0, 6)
        self.complaints.setHorizontalHeaderLabels([
            self.tr("Answer by"), self.tr("Complaint number"), self.tr("Title"), self.tr("Status"),
            self.tr("Days overdue"), self.tr("Next step"),
        ])
        self.complaints.verticalHeader().setVisible(False)
        self.complaints.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.complaints.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.complaints.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.complaints.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.complaints.setMaximumHeight(170)
        EmptyHint(self.complaints, self.tr("No complaint is waiting for an answer."))
        layout = QVBoxLayout(self)
        layout.addLayout(setting)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.follow_title)
        layout.addWidget(self.follow_ups)
        layout.addWidget(self.complaint_title)
        layout.addWidget(self.complaints)
        # 差评整改: the bad ratings' follow-ups, in the same colours (app/ui/screens/ratings.py)
        from app.ui.screens.ratings import follow_up_table

        self.rating_title = QLabel()
        self.rating_follow_ups = follow_up_table()
        self.rating_follow_ups.setMaximumHeight(170)
        EmptyHint(self.rating_follow_ups, self.tr("No bad rating is waiting for a follow-up."))
        layout.addWidget(self.rating_title)
        layout.addWidget(self.rating_follow_ups)
        # The cases' list gets twice the room of each list below it: at their
        # preferred height the three lists below left it a row and a half on a
        # 768-pixel screen. Each below keeps room for a few rows and scrolls.
        layout.setStretchFactor(self.table, 2)
        for section in (self.follow_ups, self.complaints, self.rating_follow_ups):
            section.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
            section.setMinimumHeight(SECTION_MIN_HEIGHT)
            layout.setStretchFactor(section, 1)
        self.table.activated.connect(self._open_index)
        self.complaints.cellActivated.connect(self._open_complaint)
        self.soon_days.valueChanged.connect(lambda _v: self.save_days.setEnabled(True))
        self.save_days.clicked.connect(self._save_days)
        runner.changed.connect(self._on_changed)

    def show_counts(self, counts: Any, follow: Any, soon_days: int) -> None:
        self.soon_days.blockSignals(True)
        self.soon_days.setValue(soon_days)
        self.soon_days.blockSignals(False)
        self.save_days.setEnabled(False)
        self.summary.setText(
            self.tr("<b style='color:#b00000'>Overdue: %1</b> &nbsp; <b style='color:#a06000'>Due soon: %2</b>"
                    " &nbsp; <span style='color:#206020'>On time: %3</span> &nbsp; Paused: %4")
            .replace("%1", str(counts.overdue)).replace("%2", str(counts.due_soon))
            .replace("%3", str(counts.on_time)).replace("%4", str(counts.paused))
        )
        self.follow_title.setText(
            self.tr("<b>Inquiries awaiting an answer</b> — overdue: %1, due soon: %2, later: %3")
            .replace("%1", str(follow.overdue)).replace("%2", str(follow.due_soon)).replace("%3", str(follow.waiting)))

    def show_follow_ups(self, rows: list[Any]) -> None:
        labels = inquiry_outcome_labels()
        today = date.today()
        self.follow_ups.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [f"{row.follow_up_due:%Y-%m-%d}", row.asker_name, row.topic, labels.get(row.outcome, row.outcome),
                     row.referred_to, row.owner_name]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 0 and row.follow_up_due < today:
                    item.setBackground(QColor("#f8d0d0"))  # overdue, like the cases above
                self.follow_ups.setItem(r, c, item)

    def show_complaints(self, counts: Any, rows: list[Any]) -> None:
        """Open complaints (app.services.complaints.open_complaint_rows), coloured like the cases above."""
        from app.models.vocabulary import ComplaintStatus
        from app.ui.case_model import DEADLINE_COLOURS

        self.complaint_title.setText(
            self.tr("<b>Complaints awaiting an answer or the telling</b> — overdue: %1, due soon: %2, on time: %3")
            .replace("%1", str(counts.overdue)).replace("%2", str(counts.due_soon)).replace("%3", str(counts.on_time)))
        statuses = ComplaintStatus.labels()
        self.complaints.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [f"{row.answer_due:%Y-%m-%d}", row.complaint_number, row.title, statuses.get(row.status, row.status),
                     str(row.days_overdue) if row.days_overdue else "", row.next_step]
            colour = DEADLINE_COLOURS.get(row.deadline)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, row.id)
                if colour is not None and c in (0, 4):
                    item.setBackground(colour)
                self.complaints.setItem(r, c, item)

    def _open_complaint(self, row: int, _column: int) -> None:
        item = self.complaints.item(row, 0)
        if item is not None:
            self.open_complaint.emit(item.data(Qt.ItemDataRole.UserRole))

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_case.emit(self.model.row_at(index.row()).id)

    def show_rating_follow_ups(self, rows: list[Any], counts: Any) -> None:
        from app.ui.screens.ratings import fill_follow_ups

        fill_follow_ups(self.rating_follow_ups, rows)
        self.rating_title.setText(
            self.tr("<b>Bad ratings to follow up (差评整改)</b> — overdue: %1, due soon: %2")
            .replace("%1", str(counts.overdue)).replace("%2", str(counts.due_soon)))

    def _save_days(self) -> None:
        days = self.soon_days.value()

        def work(session: Session) -> None:
            from app.services.settings import set_deadline_soon_days

            set_deadline_soon_days(session, days)

        self._runner.op(work).success(lambda _r: self.soon_days_changed.emit(days)).run()

    def _on_changed(self, tags: frozenset[Change]) -> None:
        if tags & {CHANGED_CASES, CHANGED_SETTINGS, CHANGED_INQUIRIES}:
            self.model.refresh()
