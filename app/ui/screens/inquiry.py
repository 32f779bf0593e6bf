"""首问登记 (F4) — register every inquiry; the first worker owns it until closed."""
from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import format_local
from app.ui.labels import inquiry_outcome_labels, sync_state_labels
from app.ui.operations import CHANGED_CATALOG, CHANGED_INQUIRIES, Failure, OperationRunner
from app.ui.widgets import EmptyHint, date_edit, date_of, error_label, set_date, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.case_detail import ItemChoices
    from app.services.changes import Change
    from app.services.inquiries import InquiryResult, InquiryRow

ROLE = Qt.ItemDataRole.UserRole
VIEW_MINE, VIEW_OPEN, VIEW_ALL = "mine", "open", "all"


class InquiryScreen(QWidget):
    convert_requested = Signal(object)  # InquiryRow: start intake from it
    print_requested = Signal(object, object)  # inquiry id, tuple of document types
    answered = Signal(object)  # inquiry id: the resident may rate the answer

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Any = None
        self._items: dict[str, Any] = {}  # item name -> id

        entry = QGroupBox(self.tr("Register an inquiry"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Who is asking"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("Optional"))
        self.topic = QLineEdit()
        self.topic.setPlaceholderText(self.tr("A catalog item (type to choose) or the question in a few words"))
        self.completer = QCompleter([], self)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.topic.setCompleter(self.completer)
        self.answer = QPlainTextEdit()
        self.answer.setPlaceholderText(self.tr("The answer given"))
        self.answer.setMaximumHeight(70)
        self.outcome_buttons = QButtonGroup(self)
        outcomes = QHBoxLayout()
        labels = inquiry_outcome_labels()
        self.outcome_radios: dict[str, QRadioButton] = {}
        for code, label in (("answered", labels["answered"]), ("referred", labels["referred"]),
                            ("open", self.tr("Make it a case now")), ("follow_up", labels["follow_up"])):
            radio = QRadioButton(label)
            self.outcome_buttons.addButton(radio)
            self.outcome_radios[code] = radio
            outcomes.addWidget(radio)
        outcomes.addStretch(1)
        self.outcome_radios["answered"].setChecked(True)
        self.referred_to = QLineEdit()
        self.referred_to.setPlaceholderText(self.tr("Post, department or person"))
        self.referred_contact = QLineEdit()
        self.referred_phone = QLineEdit()
        self.follow_up_due = date_edit(date.today() + timedelta(days=3))
        self.entry_error = error_label()
        self.register_button = QPushButton(self.tr("Register (Ctrl+Enter)"))
        form = QFormLayout(entry)
        top = QHBoxLayout()
        top.addWidget(self.name, 2)
        top.addWidget(QLabel(self.tr("Phone")))
        top.addWidget(self.phone, 1)
        form.addRow(self.tr("Name *"), top)
        form.addRow(self.tr("Topic *"), self.topic)
        form.addRow(self.tr("Answer"), self.answer)
        form.addRow(self.tr("Outcome"), outcomes)
        self._referral_rows = []
        for label, widget in ((self.tr("Referred to *"), self.referred_to), (self.tr("Contact person"), self.referred_contact),
                              (self.tr("Their phone *"), self.referred_phone)):
            caption = QLabel(label)
            form.addRow(caption, widget)
            self._referral_rows += [caption, widget]
        self._follow_caption = QLabel(self.tr("Answer due by *"))
        form.addRow(self._follow_caption, self.follow_up_due)
        form.addRow(self.entry_error)
        form.addRow(self.register_button)

        self.view = QComboBox()
        self.view.addItem(self.tr("My open inquiries"), VIEW_MINE)
        self.view.addItem(self.tr("All open inquiries"), VIEW_OPEN)
        self.view.addItem(self.tr("All recent inquiries"), VIEW_ALL)
        self.table = QTableWidget(0, 9)
        self.table.setHorizontalHeaderLabels([
            self.tr("Asked"), self.tr("Name"), self.tr("Phone"), self.tr("Topic"), self.tr("Outcome"),
            self.tr("Referred to / due"), self.tr("First worker"), self.tr("Closed"), self.tr("County"),
        ])
        self._sync_labels = sync_state_labels()
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.empty_hint = EmptyHint(self.table, self.tr(
            "No inquiries in this list. When a resident asks about something, record it in the form above."))
        self.close_button = QPushButton(self.tr("Report the result and close…"))
        self.convert_button = QPushButton(self.tr("Make it a case"))
        self.print_button = QPushButton(self.tr("Print referral slip"))
        self.list_error = error_label()
        row = QHBoxLayout()
        row.addWidget(self.view)
        row.addStretch(1)
        for button in (self.close_button, self.convert_button, self.print_button):
            row.addWidget(button)
        explain = QLabel(self.tr("The first worker asked owns the inquiry until it is closed. Referred inquiries and "
                                 "follow-ups stay open until you report the result; follow-ups with a date also show "
                                 "on the Deadlines board."))
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #555")

        layout = QVBoxLayout(self)
        layout.addWidget(entry)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.list_error)
        layout.addWidget(explain)

        self.outcome_buttons.buttonToggled.connect(lambda *_: self._show_fields())
        self.register_button.clicked.connect(self.register)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), entry)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.register)
        self.view.currentIndexChanged.connect(self.reload)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.close_button.clicked.connect(self.close_selected)
        self.convert_button.clicked.connect(self.convert_selected)
        self.print_button.clicked.connect(self.print_selected)
        runner.changed.connect(self._on_changed)
        self._show_fields()
        self._selection_changed()

    # -- public ---------------------------------------------------------------------
    def set_actor(self, actor: Any) -> None:
        self._actor = actor
        self._load_items()
        self.reload()

    def start(self) -> None:
        """F4: a new inquiry, focus on the name."""
        for edit in (self.name, self.phone, self.topic, self.referred_to, self.referred_contact, self.referred_phone):
            edit.clear()
        self.answer.clear()
        self.outcome_radios["answered"].setChecked(True)
        set_date(self.follow_up_due, date.today() + timedelta(days=3))
        show_error(self.entry_error, "")
        self.name.setFocus()

    def outcome(self) -> str:
        return next(code for code, radio in self.outcome_radios.items() if radio.isChecked())

    # -- entry ------------------------------------------------------------------------
    def _show_fields(self) -> None:
        outcome = self.outcome()
        for widget in self._referral_rows:
            widget.setVisible(outcome == "referred")
        for widget in (self._follow_caption, self.follow_up_due):
            widget.setVisible(outcome in ("follow_up", "referred"))
        self._follow_caption.setText(self.tr("Answer due by *") if outcome == "follow_up" else self.tr("Check back by"))

    def _load_items(self) -> None:
        def work(session: Session) -> ItemChoices:
            from app.services.case_detail import item_choices

            return item_choices(session)

        def done(choices: ItemChoices) -> None:
            self._items = {item.name: item.id for item in choices.items}
            self.completer.setModel(QStringListModel(list(self._items), self.completer))

        self._runner.op(work).success(done).run()

    def register(self) -> None:
        from app.services.inquiries import InquiryInput

        outcome = self.outcome()
        topic = self.topic.text().strip()
        data = InquiryInput(
            asker_name=self.name.text(), asker_phone=self.phone.text(), topic=topic, item_id=self._items.get(topic),
            answer=self.answer.toPlainText(), outcome=outcome, referred_to=self.referred_to.text(),
            referred_contact=self.referred_contact.text(), referred_phone=self.referred_phone.text(),
            follow_up_due=date_of(self.follow_up_due) if outcome in ("follow_up", "referred") else None,
        )
        actor = self._actor

        def work(session: Session) -> tuple[InquiryResult, InquiryRow]:
            from app.services.inquiries import inquiry_row, register_inquiry

            result = register_inquiry(session, actor, data)
            return result, inquiry_row(session, result.id)

        def done(result: tuple[InquiryResult, InquiryRow]) -> None:
            registered, row = result
            self.start()
            if registered.documents:
                self.print_requested.emit(registered.id, registered.documents)
            if outcome == "open":
                self.convert_requested.emit(row)
            elif outcome in ("answered", "referred"):
                self.answered.emit(registered.id)

        def failed(failure: Failure) -> None:
            show_error(self.entry_error, failure.message)
            widget = {"asker_name": self.name, "asker_phone": self.phone, "topic": self.topic,
                      "answer": self.answer, "referred_to": self.referred_to, "referred_phone": self.referred_phone,
                      "follow_up_due": self.follow_up_due}.get(failure.field)
            if widget is not None:
                widget.setFocus()

        self._runner.op(work).success(done).failure(failed).run()

    # -- list ---------------------------------------------------------------------------
    def reload(self) -> None:
        if self._actor is None:
            return
        view, owner = self.view.currentData(), self._actor.staff_id

        def work(session: Session) -> list[InquiryRow]:
            from app.services.inquiries import inquiry_rows

            return inquiry_rows(session, open_only=view != VIEW_ALL, owner_id=owner if view == VIEW_MINE else None)

        self._runner.op(work).success(self._show_rows).run()

    def _show_rows(self, rows: list[Any]) -> None:
        labels = inquiry_outcome_labels()
        today = date.today()
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            where = row.referred_to
            if row.referred_phone:
                where += f"（{row.referred_contact + ' ' if row.referred_contact else ''}{row.referred_phone}）"
            if row.follow_up_due:
                where += (" · " if where else "") + self.tr("due %1").replace("%1", f"{row.follow_up_due:%Y-%m-%d}")
            cells = [format_local(row.asked_at), row.asker_name, row.phone_masked, row.topic,
                     labels.get(row.outcome, row.outcome), where, row.owner_name,
                     format_local(row.closed_at) if row.closed_at else self.tr("open"),
                     self._sync_labels.get(row.sync_state, row.sync_state)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 8 and row.sync_state == "error":
                    item.setForeground(QColor("#c00000"))
                    item.setToolTip(row.sync_error)  # the county's reason
                if c == 0:
                    item.setData(ROLE, row)
                if c == 5 and row.is_open and row.follow_up_due and row.follow_up_due < today:
                    item.setBackground(QColor("#f8d0d0"))  # overdue follow-up
                self.table.setItem(r, c, item)
        self._selection_changed()

    def selected(self) -> Any:
        row = self.table.currentRow()
        if row < 0 or not self.table.selectionModel().hasSelection():
            return None
        item = self.table.item(row, 0)
        return item.data(ROLE) if item is not None else None

    def _selection_changed(self) -> None:
        row = self.selected()
        mine = row is not None and self._actor is not None and (row.owner_id == self._actor.staff_id or self._actor.is_head)
        self.close_button.setEnabled(bool(row and row.is_open and mine))
        self.convert_button.setEnabled(bool(row and row.is_open and mine))
        self.print_button.setEnabled(bool(row and row.referred_to))
        if row is not None and row.is_open and not mine:
            self.close_button.setToolTip(self.tr("Only the first worker (%1) or the center head can close it.")
                                         .replace("%1", row.owner_name))
        else:
            self.close_button.setToolTip("")

    def close_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Close the inquiry"),
                                                 self.tr("The result reported back to %1:").replace("%1", row.asker_name))
        if not ok:
            return
        actor = self._actor

        def work(session: Session) -> None:
            from app.services.inquiries import close_inquiry

            close_inquiry(session, actor, row.id, text)

        def closed(_result: None) -> None:
            self.reload()
            self.answered.emit(row.id)

        self._runner.op(work).success(closed).failure(
            lambda f: show_error(self.list_error, f.message)).run()

    def convert_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.convert_requested.emit(row)

    def print_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.print_requested.emit(row.id, ("referral_slip",))

    def _on_changed(self, tags: frozenset[Change]) -> None:
        if CHANGED_INQUIRIES in tags:
            self.reload()
        if CHANGED_CATALOG in tags and self._actor is not None:
            self._load_items()
