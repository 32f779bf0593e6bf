"""投诉举报 — register a complaint, answer it by its committed date, tell the
complainant; extend once with a reason, or escalate a complaint about the
center itself to the county. The rules and the next step come from
``app.services.complaints``; this screen only shows them."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import format_local
from app.models.vocabulary import ComplaintSource, ComplaintStatus, ComplaintToldBy
from app.ui.case_model import DEADLINE_COLOURS
from app.ui.labels import sync_state_labels
from app.ui.operations import CHANGED_SERVICES, CHANGED_SETTINGS, CHANGED_STAFF, Failure, OperationRunner
from app.ui.widgets import EmptyHint, date_edit, date_of, error_label, read_only_table, show_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.db import Session
    from app.services.changes import Change
    from app.services.complaints import ComplaintRow, RegisteredComplaint, StaffChoice

ROLE = Qt.ItemDataRole.UserRole
# The widest a list column grows to fit its text (a long title is cut with …).
TITLE_WIDTH = 240
VIEW_OPEN, VIEW_ALL = "open", "all"
CONTENT_MAX, ANSWER_MAX = 1000, 500  # the service's limits (app.services.complaints), shown as counters


class _ActionDialog(QDialog):
    """One step on a complaint (answer, tell, extend, escalate): the fields, and
    an inline error that keeps what was typed when the service refuses it."""

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.error = error_label()
        explain = QLabel(intro)
        explain.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)


class ComplaintsScreen(QWidget):
    """投诉举报: the register form on the left, the list and the chosen complaint on the right."""

    print_requested = Signal(object)  # complaint id: print its 投诉受理回执

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Any = None
        self._dialog: _ActionDialog | None = None
        self._select_after_load: Any = None
        self._sync_labels = sync_state_labels()

        # -- the register form ----------------------------------------------------------
        entry = QGroupBox(self.tr("Register a complaint"))
        entry.setMaximumWidth(470)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("In a few words, e.g. rude at the window"))
        self.subject = QLineEdit()
        self.subject.setPlaceholderText(self.tr("The unit or person complained about"))
        self.source = QComboBox()
        for code, label in ComplaintSource.labels().items():
            self.source.addItem(label, code)
        self.work_order = QLineEdit()
        self.work_order.setPlaceholderText(self.tr("12345 work-order number"))
        self.work_order_due_on = QCheckBox(self.tr("Hotline deadline"))
        self.work_order_due = date_edit(date.today())
        self.work_order_due.setEnabled(False)
        self.work_order_due_on.toggled.connect(self.work_order_due.setEnabled)
        self.anonymous = QCheckBox(self.tr("Anonymous"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Complainant's name"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("To give the answer (optional)"))
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText(self.tr("What happened, as the complainant tells it"))
        self.content.setMinimumHeight(120)
        self.content.setMaximumHeight(220)
        self.content_count = QLabel()
        self.simple = QCheckBox(self.tr("Simple: answer the same or next day"))
        self.answer_days = QSpinBox()
        self.answer_days.setRange(0, 15)
        self.answer_days.setValue(5)
        self.answer_days.setSuffix(self.tr(" working days"))
        self.handler = QComboBox()
        self.case_number = QLineEdit()
        self.case_number.setPlaceholderText(self.tr("Case number, if it is about a case (optional)"))
        self.entry_error = error_label()
        # A refusal names one field: it goes as soon as that field is edited (or
        # any field, when it named none), so a fixed mistake does not linger.
        self._error_field: QWidget | None = None
        for edit in (self.title, self.subject, self.work_order, self.name, self.phone, self.case_number):
            edit.textEdited.connect(lambda _t, w=edit: self._edited(w))
        self.content.textChanged.connect(lambda: self._edited(self.content))
        self.answer_days.valueChanged.connect(lambda _v: self._edited(self.answer_days))
        self.handler.activated.connect(lambda _i: self._edited(self.handler))
        self.register_button = QPushButton(self.tr("Register and print the slip (Ctrl+Enter)"))
        self.register_button.setDefault(True)

        form = QFormLayout(entry)
        form.addRow(self.tr("Title *"), self.title)
        form.addRow(self.tr("Complained about *"), self.subject)
        form.addRow(self.tr("Source"), self.source)
        hotline = QHBoxLayout()
        hotline.addWidget(self.work_order, 1)
        hotline.addWidget(self.work_order_due_on)
        hotline.addWidget(self.work_order_due)
        self._hotline_caption = QLabel(self.tr("Work order *"))
        form.addRow(self._hotline_caption, hotline)
        self._hotline_widgets = [self._hotline_caption, self.work_order, self.work_order_due_on, self.work_order_due]
        who = QHBoxLayout()
        who.addWidget(self.name, 1)
        who.addWidget(self.anonymous)
        form.addRow(self.tr("Complainant"), who)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Content *"), self.content)
        form.addRow("", self.content_count)
        days = QHBoxLayout()
        days.addWidget(self.answer_days)
        days.addWidget(self.simple, 1)
        form.addRow(self.tr("Answer within"), days)
        form.addRow(self.tr("Handler"), self.handler)
        form.addRow(self.tr("Linked case"), self.case_number)
        form.addRow(self.entry_error)
        form.addRow(self.register_button)
        self.slip_hint = QLabel(self.tr("The slip with the complaint number and query code is printed for the "
                                        "complainant at once; with them the progress can be followed online."))
        self.slip_hint.setWordWrap(True)
        self.slip_hint.setStyleSheet("color: #555")
        form.addRow(self.slip_hint)

        # -- the list -------------------------------------------------------------------
        self.view = QComboBox()
        self.view.addItem(self.tr("Open complaints"), VIEW_OPEN)
        self.view.addItem(self.tr("All complaints"), VIEW_ALL)
        self.count_label = QLabel()
        self.table = read_only_table([
            self.tr("Number"), self.tr("Received"), self.tr("Title"), self.tr("Complainant"), self.tr("Status"),
            self.tr("Answer by"), self.tr("Days overdue"), self.tr("Handler"), self.tr("County"),
        ])
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        # Every column sized to its text (the title too, at most TITLE_WIDTH): a
        # stretched title got only what the others left, none on a 1366-pixel
        # screen, and the list showed numbers and dates but not what was complained of.
        self.table.horizontalHeader().setMaximumSectionSize(TITLE_WIDTH)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.empty_hint = EmptyHint(self.table, self.tr(
            "No open complaint. When someone complains, in person, by phone, by letter or from 12345, "
            "register it in the form on the left."))
        legend = QLabel(self.tr("Colours: red = overdue, yellow = due soon or waiting to be told, green = on time."))
        legend.setStyleSheet("color: #555")

        # -- the chosen complaint -------------------------------------------------------------
        detail_box = QGroupBox(self.tr("The chosen complaint"))
        self.next_step = QLabel()
        self.next_step.setWordWrap(True)
        self.next_step.setStyleSheet("font-size: 15px; font-weight: bold; color: #205080")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_button = QPushButton(self.tr("Answer…"))
        self.tell_button = QPushButton(self.tr("Record telling the complainant…"))
        self.extend_button = QPushButton(self.tr("Extend…"))
        self.escalate_button = QPushButton(self.tr("Escalate to the county…"))
        self.print_button = QPushButton(self.tr("Print the slip"))
        self.phone_button = QPushButton(self.tr("Show the full phone"))
        self.list_error = error_label()
        # Two rows: in one, the six buttons made the screen 1308 pixels wide in
        # English, and the main window wider than a 1366-pixel screen.
        actions = QVBoxLayout()
        handling = QHBoxLayout()
        for button in (self.answer_button, self.tell_button, self.extend_button, self.escalate_button):
            handling.addWidget(button)
        handling.addStretch(1)
        slip = QHBoxLayout()
        slip.addStretch(1)
        slip.addWidget(self.phone_button)
        slip.addWidget(self.print_button)
        actions.addLayout(handling)
        actions.addLayout(slip)
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.addWidget(self.next_step)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.detail)
        detail_layout.addWidget(scroll, 1)
        detail_layout.addLayout(actions)
        detail_layout.addWidget(self.list_error)

        top = QHBoxLayout()
        top.addWidget(self.view)
        top.addStretch(1)
        top.addWidget(self.count_label)
        list_part = QWidget()
        list_layout = QVBoxLayout(list_part)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(top)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(legend)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(list_part)
        right.addWidget(detail_box)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        right.setSizes([320, 420])
        layout = QHBoxLayout(self)
        layout.addWidget(entry)
        layout.addWidget(right, 1)

        self.source.currentIndexChanged.connect(lambda _i: self._show_fields())
        self.anonymous.toggled.connect(lambda _on: self._show_fields())
        self.simple.toggled.connect(self._simple_toggled)
        self.content.textChanged.connect(self._count_content)
        self.register_button.clicked.connect(self.register)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), entry)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.register)
        self.view.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.answer_button.clicked.connect(self.answer_selected)
        self.tell_button.clicked.connect(self.tell_selected)
        self.extend_button.clicked.connect(self.extend_selected)
        self.escalate_button.clicked.connect(self.escalate_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.phone_button.clicked.connect(self.reveal_phone)
        runner.changed.connect(self._on_changed)
        self._show_fields()
        self._count_content()
        self._selection_changed()

    # -- public ---------------------------------------------------------------------------
    def set_actor(self, actor: Any) -> None:
        self._actor = actor
        self._load_handlers()
        self.reload()

    def start(self) -> None:
        """A new complaint: the form emptied, the cursor in the title."""
        for edit in (self.title, self.subject, self.work_order, self.name, self.phone, self.case_number):
            edit.clear()
        self.content.clear()
        self.source.setCurrentIndex(0)
        self.anonymous.setChecked(False)
        self.simple.setChecked(False)
        self.answer_days.setValue(5)
        self.work_order_due_on.setChecked(False)
        if self._actor is not None:
            self.handler.setCurrentIndex(max(self.handler.findData(self._actor.staff_id), 0))
        show_error(self.entry_error, "")
        self.title.setFocus()

    def show_complaint(self, complaint_id: Any) -> None:
        """Select ``complaint_id`` in the list (from the 时限预警 board), open or not."""
        self._select_after_load = complaint_id
        self.reload()

    # -- the form -----------------------------------------------------------------------------
    def _show_fields(self) -> None:
        hotline = self.source.currentData() == ComplaintSource.HOTLINE_12345
        for widget in self._hotline_widgets:
            widget.setVisible(hotline)
        anonymous = self.anonymous.isChecked()
        self.name.setEnabled(not anonymous)
        self.name.setPlaceholderText(self.tr("Not recorded: anonymous") if anonymous else self.tr("Complainant's name"))

    def _simple_toggled(self, simple: bool) -> None:
        self.answer_days.setRange(0, 1 if simple else 15)
        self.answer_days.setValue(1 if simple else 5)

    def _count_content(self) -> None:
        count = len(self.content.toPlainText().strip())
        self.content_count.setText(self.tr("%1 of %2 characters").replace("%1", str(count))
                                   .replace("%2", str(CONTENT_MAX)))
        self.content_count.setStyleSheet("color: #c00000; font-weight: bold" if count > CONTENT_MAX else "color: #555")

    def _load_handlers(self) -> None:
        actor = self._actor

        def work(session: Session) -> list[StaffChoice]:
            from app.services.complaints import handler_choices

            return handler_choices(session, actor)

        def done(choices: list[StaffChoice]) -> None:
            self.handler.clear()
            for choice in choices:
                self.handler.addItem(choice.name, choice.id)
            self.handler.setCurrentIndex(max(self.handler.findData(actor.staff_id), 0))

        self._runner.op(work).success(done).run()

    def _edited(self, widget: QWidget) -> None:
        if self.entry_error.text() and self._error_field in (None, widget):
            show_error(self.entry_error, "")
            self._error_field = None

    def register(self) -> None:
        from app.services.complaints import ComplaintInput

        hotline = self.source.currentData() == ComplaintSource.HOTLINE_12345
        data = ComplaintInput(
            title=self.title.text(), subject=self.subject.text(), content=self.content.toPlainText(),
            source=self.source.currentData(), anonymous=self.anonymous.isChecked(),
            complainant_name="" if self.anonymous.isChecked() else self.name.text(),
            complainant_phone=self.phone.text(),
            work_order_number=self.work_order.text() if hotline else "",
            work_order_due=date_of(self.work_order_due) if hotline and self.work_order_due_on.isChecked() else None,
            simple=self.simple.isChecked(), answer_days=self.answer_days.value(),
            handler_id=self.handler.currentData(), case_number=self.case_number.text(),
        )
        actor = self._actor

        def work(session: Session) -> RegisteredComplaint:
            from app.services.calendar_store import load_work_calendar
            from app.services.complaints import register_complaint

            return register_complaint(session, actor, data, calendar=load_work_calendar(session))

        def done(registered: RegisteredComplaint) -> None:
            self.start()
            self._select_after_load = registered.id
            self.reload()
            self.print_requested.emit(registered.id)

        def failed(failure: Failure) -> None:
            show_error(self.entry_error, failure.message)
            widget = {"title": self.title, "subject": self.subject, "content": self.content,
                      "complainant_name": self.name, "complainant_phone": self.phone,
                      "work_order_number": self.work_order, "answer_days": self.answer_days,
                      "case_number": self.case_number, "handler": self.handler}.get(failure.field)
            self._error_field = widget
            if widget is not None:
                widget.setFocus()

        self._runner.op(work).success(done).failure(failed).run()

    # -- the list ---------------------------------------------------------------------------------
    def reload(self) -> None:
        if self._actor is None:
            return
        open_only = self.view.currentData() == VIEW_OPEN

        def work(session: Session) -> list[ComplaintRow]:
            from app.clock import local_today
            from app.services import settings
            from app.services.calendar_store import load_work_calendar
            from app.services.complaints import complaint_rows

            return complaint_rows(session, today=local_today(), calendar=load_work_calendar(session),
                                  open_only=open_only, soon_days=settings.get(session, settings.DEADLINE_SOON_DAYS))

        self._runner.op(work).success(self._show_rows).run()

    def _show_rows(self, rows: list[ComplaintRow]) -> None:
        wanted = self._select_after_load
        self._select_after_load = None
        current = self.selected()
        keep = wanted or (current.id if current is not None else None)
        if wanted is not None and all(row.id != wanted for row in rows) and self.view.currentData() == VIEW_OPEN:
            self._select_after_load = wanted  # a closed one: look for it among all
            self.view.setCurrentIndex(self.view.findData(VIEW_ALL))
            return
        self.table.setRowCount(len(rows))
        statuses = ComplaintStatus.labels()
        select_row = -1
        for r, row in enumerate(rows):
            due = f"{row.answer_due:%Y-%m-%d}" + (self.tr(" (extended)") if row.extended_from else "")
            status = statuses.get(row.status, row.status)
            if row.status == ComplaintStatus.ESCALATED and row.county_answered_at is not None:
                status = self.tr("County answered")
            cells = [row.complaint_number, format_local(row.received_at), row.title,
                     row.complainant_name or self.tr("Anonymous"), status, due,
                     str(row.days_overdue) if row.days_overdue else "", row.handler_name,
                     self._sync_labels.get(row.sync_state, row.sync_state)]
            colour = DEADLINE_COLOURS.get(row.deadline)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(ROLE, row)
                if colour is not None and c in (4, 5, 6):
                    item.setBackground(colour)
                if c == 8 and row.sync_state == "error":
                    item.setForeground(QColor("#c00000"))
                    item.setToolTip(row.sync_error)
                self.table.setItem(r, c, item)
            if row.id == keep:
                select_row = r
        self.count_label.setText(self.tr("%1 complaints").replace("%1", str(len(rows))))
        if select_row >= 0:
            self.table.selectRow(select_row)
        self._selection_changed()

    def selected(self) -> ComplaintRow | None:
        row = self.table.currentRow()
        if row < 0 or not self.table.selectionModel().hasSelection():
            return None
        item = self.table.item(row, 0)
        return item.data(ROLE) if item is not None else None

    def _selection_changed(self) -> None:
        row = self.selected()
        show_error(self.list_error, "")
        registered = row is not None and row.status == ComplaintStatus.REGISTERED
        can_tell = row is not None and (row.status == ComplaintStatus.ANSWERED or (
            row.status == ComplaintStatus.ESCALATED and row.county_answered_at is not None))
        self.answer_button.setEnabled(registered)
        self.extend_button.setEnabled(registered and row is not None and row.extended_from is None
                                      and row.days_overdue == 0 and row.answer_due >= date.today())
        self.escalate_button.setEnabled(registered)
        self.tell_button.setEnabled(can_tell)
        self.print_button.setEnabled(row is not None)
        self.phone_button.setEnabled(row is not None and bool(row.phone_masked))
        if row is None:
            self.next_step.setText(self.tr("Choose a complaint in the list to see it and what to do next."))
            self.detail.setText("")
            return
        self.next_step.setText(self.tr("Next: %1").replace("%1", row.next_step))
        self.detail.setText(self._detail_html(row))

    def _detail_html(self, row: ComplaintRow) -> str:
        from html import escape

        sources = ComplaintSource.labels()
        told = ComplaintToldBy.labels()
        lines: list[tuple[str, str]] = [
            (self.tr("Number / query code"), f"{row.complaint_number} / {row.query_code}"),
            (self.tr("Title"), row.title),
            (self.tr("Complained about"), row.subject),
            (self.tr("Complainant"), (row.complainant_name or self.tr("Anonymous"))
             + (f"（{row.phone_masked}）" if row.phone_masked else "")),
            (self.tr("Source"), sources.get(row.source, row.source)
             + (f" · {row.work_order_number}" if row.work_order_number else "")
             + (self.tr(" · hotline deadline %1").replace("%1", f"{row.work_order_due:%Y-%m-%d}")
                if row.work_order_due else "")),
            (self.tr("Received"), f"{format_local(row.received_at)} · {row.received_by_name}"),
            (self.tr("Handler"), row.handler_name),
            (self.tr("Answer by"), f"{row.answer_due:%Y-%m-%d}"
             + (self.tr(" (provisional)") if row.due_provisional else "")
             + (self.tr(" · %1 working days overdue").replace("%1", str(row.days_overdue)) if row.days_overdue else "")),
        ]
        if row.case_number:
            lines.append((self.tr("Linked case"), row.case_number))
        if row.extended_from:
            lines.append((self.tr("Extended"), self.tr("from %1: %2").replace("%1", f"{row.extended_from:%Y-%m-%d}")
                          .replace("%2", row.extension_reason)))
        lines.append((self.tr("Content"), row.content))
        if row.answer:
            lines.append((self.tr("Answer"), f"{row.answer}（{format_local(row.answered_at)} · {row.answered_by_name}）"))
        if row.escalated_at:
            lines.append((self.tr("Escalated"), f"{format_local(row.escalated_at)}：{row.escalation_reason}"))
        if row.county_answer:
            lines.append((self.tr("County's answer"),
                          f"{row.county_answer}（{format_local(row.county_answered_at)} · {row.county_officer}）"))
        if row.told_at:
            lines.append((self.tr("Told"), f"{told.get(row.told_by, row.told_by)} · {format_local(row.told_at)}"
                          + (f"：{row.told_note}" if row.told_note else "")))
        cells = "".join(
            f"<tr><td style='color:#555; padding-right:10px; white-space:nowrap' valign='top'>{escape(label)}</td>"
            f"<td>{escape(value).replace(chr(10), '<br>')}</td></tr>" for label, value in lines)
        return f"<table cellspacing='2'>{cells}</table>"

    # -- the steps ---------------------------------------------------------------------------------
    def _run_step(self, dialog: _ActionDialog, work: Callable[[Session], object]) -> None:
        """Run the step; on a refusal the dialog stays open with what was typed and the reason."""

        def done(_result: object) -> None:
            dialog.accept()
            self.reload()

        self._runner.op(work).success(done).failure(lambda f: show_error(dialog.error, f.message)).run()

    def _open(self, dialog: _ActionDialog, on_ok: Callable[[], None]) -> None:
        dialog.buttons.accepted.connect(on_ok)
        self._dialog = dialog
        dialog.open()

    def answer_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = _ActionDialog(self.tr("Answer the complaint"), self.tr(
            "The answer (at most %1 characters). Afterwards, tell the complainant and record how.")
            .replace("%1", str(ANSWER_MAX)), self)
        text = QPlainTextEdit()
        dialog.form.addRow(self.tr("Answer *"), text)
        actor = self._actor

        def ok() -> None:
            answer = text.toPlainText()

            def work(session: Session) -> None:
                from app.services.complaints import answer_complaint

                answer_complaint(session, actor, row.id, answer)

            self._run_step(dialog, work)

        self._open(dialog, ok)

    def tell_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = _ActionDialog(self.tr("Tell the complainant"), self.tr(
            "Record how and when the answer reached the complainant. This closes the complaint."), self)
        method = QComboBox()
        for code, label in ComplaintToldBy.labels().items():
            method.addItem(label, code)
        if row.source == ComplaintSource.HOTLINE_12345:
            method.setCurrentIndex(method.findData(ComplaintToldBy.HOTLINE_12345))
        elif row.source in (ComplaintSource.PHONE, ComplaintSource.QR):
            method.setCurrentIndex(method.findData(ComplaintToldBy.PHONE))
        elif row.source == ComplaintSource.LETTER:
            method.setCurrentIndex(method.findData(ComplaintToldBy.LETTER))
        note = QLineEdit()
        note.setPlaceholderText(self.tr("e.g. the complainant accepts the answer"))
        dialog.form.addRow(self.tr("How *"), method)
        dialog.form.addRow(self.tr("Note"), note)
        actor = self._actor

        def ok() -> None:
            told_by, remark = method.currentData(), note.text()

            def work(session: Session) -> None:
                from app.services.complaints import record_told

                record_told(session, actor, row.id, told_by=told_by, note=remark)

            self._run_step(dialog, work)

        self._open(dialog, ok)

    def extend_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = _ActionDialog(self.tr("Extend the answer date"), self.tr(
            "Once only, before %1, and with the reason the complainant will be told.")
            .replace("%1", f"{row.answer_due:%Y-%m-%d}"), self)
        days = QSpinBox()
        days.setRange(1, 10)
        days.setValue(3)
        days.setSuffix(self.tr(" working days"))
        reason = QPlainTextEdit()
        reason.setMaximumHeight(80)
        dialog.form.addRow(self.tr("Extend by"), days)
        dialog.form.addRow(self.tr("Reason *"), reason)
        actor = self._actor

        def ok() -> None:
            extra, why = days.value(), reason.toPlainText()

            def work(session: Session) -> None:
                from app.services.calendar_store import load_work_calendar
                from app.services.complaints import extend_complaint

                extend_complaint(session, actor, row.id, extra_days=extra, reason=why,
                                 calendar=load_work_calendar(session))

            self._run_step(dialog, work)

        self._open(dialog, ok)

    def escalate_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = _ActionDialog(self.tr("Escalate to the county"), self.tr(
            "For a complaint about the center itself: the county answers it, and its answer comes back here "
            "with the next sync. Then tell the complainant."), self)
        reason = QPlainTextEdit()
        reason.setMaximumHeight(80)
        dialog.form.addRow(self.tr("Reason *"), reason)
        actor = self._actor

        def ok() -> None:
            why = reason.toPlainText()

            def work(session: Session) -> None:
                from app.services.complaints import escalate_complaint

                escalate_complaint(session, actor, row.id, why)

            self._run_step(dialog, work)

        self._open(dialog, ok)

    def print_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.print_requested.emit(row.id)

    def reveal_phone(self) -> None:
        row = self.selected()
        if row is None:
            return
        actor = self._actor

        def work(session: Session) -> str:
            from app.services.complaints import reveal_phone

            return reveal_phone(session, actor, row.id)

        def done(phone: str) -> None:
            self.detail.setText(self._detail_html(row).replace(row.phone_masked, phone, 1))

        self._runner.op(work).success(done).failure(lambda f: show_error(self.list_error, f.message)).run()

    def _on_changed(self, tags: frozenset[Change]) -> None:
        if CHANGED_SERVICES in tags or CHANGED_SETTINGS in tags:
            self.reload()
        if CHANGED_STAFF in tags and self._actor is not None:
            self._load_handlers()
