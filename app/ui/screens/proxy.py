"""代办与网办 — the village proxy's errands (代办) and the helped online
applications (帮办网办), each on its own tab.

An errand starts at the intake (the 代办员 field); here the worker records
that the proxy took the materials up, hands the result back, or stops the
errand, and prints the form each step issues. The 帮办网办 tab registers an
online application and follows it up.
"""
from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import Change
from app.ui.operations import Failure, OperationRunner
from app.ui.widgets import EmptyHint, date_edit, date_of, error_label, read_only_table, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.context import Actor
    from app.services.online_assist import AssistRow, Platform
    from app.services.proxy import ErrandRow

_REFRESH_ON = {Change.CASES, Change.SERVICES, Change.SETTINGS, Change.CATALOG}


class ErrandsTab(QWidget):
    """代办: the errands whose materials are out, and the steps that bring them back."""

    print_targets = Signal(list)  # [PrintTarget]
    open_case = Signal(object)

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Actor | None = None
        self._rows: list[ErrandRow] = []
        intro = QLabel(self.tr(
            "An errand starts at Intake: fill in the village proxy's name and the 代办委托书 is printed with the "
            "receipt. Until the result is handed back (代办办结单) or the errand stops (代办终止单), the materials "
            "are in the proxy's hands and show on Today."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #444")
        self.table = read_only_table([
            self.tr("Case number"), self.tr("Resident"), self.tr("Item"), self.tr("Proxy"), self.tr("Papers"),
            self.tr("Stage"), self.tr("Due"), self.tr("Warning")])
        self.empty = EmptyHint(self.table, self.tr("No materials are with a proxy."))
        self.sent_button = QPushButton(self.tr("Taken up to the town…"))
        self.back_button = QPushButton(self.tr("Hand the result back…"))
        self.stop_button = QPushButton(self.tr("Stop the errand…"))
        self.print_button = QPushButton(self.tr("Print the mandate again"))
        self.open_button = QPushButton(self.tr("Open the case"))
        buttons = QHBoxLayout()
        for button in (self.sent_button, self.back_button, self.stop_button, self.print_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.send_days = QSpinBox()
        self.send_days.setRange(1, 15)
        self.send_days.setSuffix(self.tr(" working days"))
        self.save_days = QPushButton(self.tr("Save"))
        days = QHBoxLayout()
        days.addWidget(QLabel(self.tr("The proxy takes the materials up within")))
        days.addWidget(self.send_days)
        days.addWidget(self.save_days)
        days.addStretch(1)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addLayout(days)
        self.sent_button.clicked.connect(self._sent)
        self.back_button.clicked.connect(self._hand_back)
        self.stop_button.clicked.connect(self._stop)
        self.print_button.clicked.connect(lambda: self._print("proxy_mandate"))
        self.open_button.clicked.connect(self._open)
        self.table.itemDoubleClicked.connect(lambda _item: self._open())
        self.save_days.clicked.connect(self._save_days)

    def set_actor(self, actor: Actor | None) -> None:
        self._actor = actor
        head = actor is not None and actor.is_head
        self.send_days.setEnabled(head)
        self.save_days.setEnabled(head)
        self.save_days.setToolTip("" if head else self.tr("Only the center head can change it."))
        self.reload()

    def reload(self) -> None:
        if self._actor is None:
            return

        def work(session: Session) -> tuple[list[ErrandRow], int]:
            from app.services import proxy

            return proxy.open_errands(session), proxy.send_days(session)

        self._runner.op(work).success(self._show).failure(lambda f: show_error(self.error, f.message)).run()

    def _show(self, result: tuple[list[ErrandRow], int]) -> None:
        from app.clock import local_today
        from app.services.proxy import STAGE_LABELS

        rows, days = result
        self._rows = rows
        self.send_days.setValue(days)
        today = local_today()
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            errand = row.errand
            late = errand.overdue(today)
            values = (row.case_number, row.resident_name, row.item_name, errand.agent_name, str(row.material_count),
                      str(STAGE_LABELS[errand.stage]), errand.due.isoformat() if errand.due else "",
                      str(late) if late else "")
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if c == 7 and text:
                    cell.setForeground(QColor("#b00000"))
                self.table.setItem(r, c, cell)
        self.empty.refresh()
        show_error(self.error, "")

    def _selected(self) -> ErrandRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._rows):
            show_error(self.error, self.tr("Choose an errand in the list first."))
            return None
        return self._rows[rows[0].row()]

    def _run(self, work: Any, printed: str) -> None:
        def done(case_id: uuid.UUID) -> None:
            show_error(self.error, "")
            self._print(printed, case_id)

        self._runner.op(work).success(done).failure(lambda f: show_error(self.error, f.message)).run()

    def _sent(self) -> None:
        row = self._selected()
        if row is None:
            return
        renewal = row.errand.sent_on is not None
        where, ok = QInputDialog.getText(self, self.tr("Taken up"), self.tr("Taken to (town or county office):"),
                                         text=row.errand.forwarded_to)
        if not ok:
            return
        note = ""
        if renewal:
            note, ok = QInputDialog.getText(self, self.tr("Sent up again"), self.tr(
                "The case came back once: why does the errand go on? (printed on the 续办委托书)"))
            if not ok:
                return
        actor, case_id = self._actor, row.errand.case_id
        assert actor is not None

        def work(session: Session) -> uuid.UUID:
            from app.services import proxy
            from app.services.calendar_store import load_work_calendar

            proxy.send_up(session, actor, case_id, forwarded_to=where, note=note, calendar=load_work_calendar(session))
            return case_id

        self._run(work, "proxy_renewal" if renewal else "")

    def _hand_back(self) -> None:
        row = self._selected()
        if row is None:
            return
        things, ok = QInputDialog.getText(self, self.tr("Hand the result back"), self.tr(
            "What is handed back (licence, decision, card …; separate with 、):"))
        if not ok:
            return
        actor, case_id = self._actor, row.errand.case_id
        assert actor is not None

        def work(session: Session) -> uuid.UUID:
            from app.services import proxy
            from app.services.calendar_store import load_work_calendar

            proxy.hand_back(session, actor, case_id, handed_back=things.replace(",", "、").split("、"),
                            calendar=load_work_calendar(session))
            return case_id

        self._run(work, "proxy_completion")

    def _stop(self) -> None:
        row = self._selected()
        if row is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Stop the errand"), self.tr(
            "Why does the errand stop? The materials go back to the resident (代办终止单)."))
        if not ok:
            return
        actor, case_id = self._actor, row.errand.case_id
        assert actor is not None

        def work(session: Session) -> uuid.UUID:
            from app.services import proxy
            from app.services.calendar_store import load_work_calendar

            proxy.terminate(session, actor, case_id, reason=reason, calendar=load_work_calendar(session))
            return case_id

        self._run(work, "proxy_termination")

    def _print(self, doc_type: str, case_id: uuid.UUID | None = None) -> None:
        if not doc_type:
            return
        if case_id is None:
            row = self._selected()
            if row is None:
                return
            case_id = row.errand.case_id
        from app.services.documents import PrintTarget

        self.print_targets.emit([PrintTarget(doc_type, case_id=case_id)])

    def _open(self) -> None:
        row = self._selected()
        if row is not None:
            self.open_case.emit(row.errand.case_id)

    def _save_days(self) -> None:
        days = self.send_days.value()

        def work(session: Session) -> None:
            from app.services import proxy

            proxy.set_send_days(session, days)

        self._runner.op(work).failure(lambda f: show_error(self.error, f.message)).run()


class FollowUpDialog(QDialog):
    """跟进: the outcome the platform shows now, and the next date if still undecided."""

    def __init__(self, row: AssistRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.models.vocabulary import OnlineAssistOutcome

        self.setWindowTitle(self.tr("Follow up: %1").replace("%1", row.resident_name))
        self.outcome = QComboBox()
        for outcome in OnlineAssistOutcome:
            self.outcome.addItem(str(outcome.label), outcome.value)
        self.outcome.setCurrentIndex(max(self.outcome.findData(row.outcome), 0))
        self.next_date = date_edit(date.today() + timedelta(days=3))
        self.application_no = QLineEdit(row.application_no)
        form = QFormLayout(self)
        form.addRow(QLabel(f"{row.item_name} · {row.platform}"))
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.tr("Next follow-up (if not decided)"), self.next_date)
        form.addRow(self.tr("Application number"), self.application_no)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class OnlineTab(QWidget):
    """帮办网办: register a helped online application; follow the open ones up."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.models.vocabulary import OnlineAssistOutcome
        from app.services.online_assist import NOTICE

        self._runner = runner
        self._actor: Actor | None = None
        self._rows: list[AssistRow] = []
        self._platforms: list[Platform] = []
        self.notice = notice = QLabel("⚠ " + str(NOTICE))
        notice.setWordWrap(True)
        notice.setStyleSheet("color: #b00000; font-weight: bold; padding: 4px")
        self.resident = QLineEdit()
        self.resident.setPlaceholderText(self.tr("Name of the resident helped"))
        self.platform = QComboBox()
        self.item = QComboBox()
        self.item.setEditable(True)
        editor = self.item.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(self.tr("Item (the catalog's online items are listed)"))
        self.application_no = QLineEdit()
        self.application_no.setPlaceholderText(self.tr("The number the platform gave (申办流水号)"))
        self.outcome = QComboBox()
        for outcome in OnlineAssistOutcome:
            self.outcome.addItem(str(outcome.label), outcome.value)
        self.follow_up_on = QCheckBox(self.tr("Follow up on"))
        self.follow_up_on.setChecked(True)
        self.follow_up = date_edit(date.today() + timedelta(days=3))
        follow = QHBoxLayout()
        follow.addWidget(self.follow_up_on)
        follow.addWidget(self.follow_up)
        follow.addStretch(1)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Optional note — never a password or an SMS code"))
        self.register_button = QPushButton(self.tr("Register"))
        self.register_button.setDefault(True)
        form = QFormLayout()
        form.addRow(self.tr("Resident *"), self.resident)
        form.addRow(self.tr("Platform *"), self.platform)
        form.addRow(self.tr("Item *"), self.item)
        form.addRow(self.tr("Application number"), self.application_no)
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow("", follow)
        form.addRow(self.tr("Note"), self.note)
        form.addRow("", self.register_button)
        self.error = error_label()
        self.table = read_only_table([
            self.tr("Helped at"), self.tr("Resident"), self.tr("Platform"), self.tr("Item"),
            self.tr("Application number"), self.tr("Outcome"), self.tr("Follow up on"), self.tr("Helped by")])
        self.empty = EmptyHint(self.table, self.tr("No helped online application yet."))
        self.follow_button = QPushButton(self.tr("Follow up…"))
        self.platforms_button = QPushButton(self.tr("Edit the platforms…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.follow_button)
        buttons.addStretch(1)
        buttons.addWidget(self.platforms_button)
        left = QVBoxLayout()
        left.addWidget(notice)
        left.addLayout(form)
        left.addWidget(self.error)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.table, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 4)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.register_button.clicked.connect(self._register)
        self.follow_button.clicked.connect(self._follow)
        self.table.itemDoubleClicked.connect(lambda _item: self._follow())
        self.platforms_button.clicked.connect(self._edit_platforms)

    def set_actor(self, actor: Actor | None) -> None:
        self._actor = actor
        head = actor is not None and actor.is_head
        self.platforms_button.setEnabled(head)
        self.platforms_button.setToolTip("" if head else self.tr("Only the center head can change the list."))
        self.reload()

    def _outcome_changed(self) -> None:
        from app.models.vocabulary import OnlineAssistOutcome

        still_open = OnlineAssistOutcome(self.outcome.currentData()).open
        self.follow_up_on.setChecked(still_open)

    def reload(self) -> None:
        if self._actor is None:
            return

        def work(session: Session) -> tuple[list[AssistRow], list[Platform], list[str]]:
            from app.services import online_assist

            return (online_assist.assist_rows(session, limit=300), online_assist.platforms(session),
                    [item.name for item in online_assist.online_items(session)])

        self._runner.op(work).success(self._show).failure(lambda f: show_error(self.error, f.message)).run()

    def _show(self, result: tuple[list[AssistRow], list[Platform], list[str]]) -> None:
        from app.models.vocabulary import OnlineAssistOutcome

        rows, platforms, items = result
        self._rows, self._platforms = rows, platforms
        chosen = self.platform.currentText()
        self.platform.clear()
        self.platform.addItems([p.name for p in platforms])
        if chosen:
            self.platform.setCurrentText(chosen)
        typed = self.item.currentText()
        self.item.clear()
        self.item.addItems(items)
        self.item.setCurrentText(typed)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            follow = "" if row.followed_up_at is not None or row.follow_up_on is None else row.follow_up_on.isoformat()
            values = (f"{row.helped_at.astimezone():%Y-%m-%d %H:%M}", row.resident_name, row.platform, row.item_name,
                      row.application_no, str(OnlineAssistOutcome.text_of(row.outcome)), follow, row.staff_name)
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.empty.refresh()

    def _register(self) -> None:
        from app.services.online_assist import AssistInput

        form = AssistInput(
            resident_name=self.resident.text(), platform=self.platform.currentText(),
            item_name=self.item.currentText(), outcome=self.outcome.currentData(),
            application_no=self.application_no.text(),
            follow_up_on=date_of(self.follow_up) if self.follow_up_on.isChecked() else None, note=self.note.text())
        actor = self._actor
        assert actor is not None

        def work(session: Session) -> AssistRow:
            from app.services import online_assist

            return online_assist.register(session, actor, form)

        def done(_row: AssistRow) -> None:
            show_error(self.error, "")
            for edit in (self.resident, self.application_no, self.note):
                edit.clear()
            self.resident.setFocus()

        def failed(failure: Failure) -> None:
            show_error(self.error, failure.message)
            widget = {"resident_name": self.resident, "platform": self.platform, "item_name": self.item,
                      "application_no": self.application_no, "note": self.note,
                      "follow_up_on": self.follow_up}.get(failure.field)
            if widget is not None:
                widget.setFocus()

        self._runner.op(work).success(done).failure(failed).run()

    def _follow(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._rows):
            show_error(self.error, self.tr("Choose an application in the list first."))
            return
        row = self._rows[rows[0].row()]
        dialog = FollowUpDialog(row, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        actor, outcome = self._actor, dialog.outcome.currentData()
        assert actor is not None
        next_date, number = date_of(dialog.next_date), dialog.application_no.text()

        def work(session: Session) -> AssistRow:
            from app.models.vocabulary import OnlineAssistOutcome
            from app.services import online_assist

            still_open = OnlineAssistOutcome(outcome).open
            return online_assist.follow_up(session, actor, row.id, outcome=outcome,
                                           next_follow_up=next_date if still_open else None, application_no=number)

        self._runner.op(work).success(lambda _r: show_error(self.error, "")).failure(
            lambda f: show_error(self.error, f.message)).run()

    def _edit_platforms(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Online platforms"))
        text = QPlainTextEdit("\n".join(f"{p.name}  {p.url}".strip() for p in self._platforms))
        hint = QLabel(self.tr("One platform a line: its name, then its address (the address is printed as a QR "
                              "code on the online guide). The first is the portal the catalog's guides use."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(hint)
        layout.addWidget(text)
        layout.addWidget(buttons)
        dialog.resize(520, 360)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        from app.services.online_assist import Platform

        entries = []
        for line in text.toPlainText().splitlines():
            parts = line.strip().rsplit(None, 1)
            if len(parts) == 2 and parts[1].startswith(("http://", "https://")):
                entries.append(Platform(parts[0].strip(), parts[1]))
            elif line.strip():
                entries.append(Platform(line.strip()))
        actor = self._actor
        assert actor is not None

        def work(session: Session) -> None:
            from app.services import online_assist

            online_assist.set_platforms(session, actor, entries, portal=entries[0].name if entries else None)

        self._runner.op(work).failure(lambda f: show_error(self.error, f.message)).run()


class ProxyScreen(QTabWidget):
    """The navigation entry 代办与网办."""

    print_targets = Signal(list)
    open_case = Signal(object)

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errands = ErrandsTab(runner)
        self.online = OnlineTab(runner)
        self.addTab(self.errands, self.tr("Proxy errands (代办)"))
        self.addTab(self.online, self.tr("Helped online (帮办网办)"))
        self.errands.print_targets.connect(self.print_targets.emit)
        self.errands.open_case.connect(self.open_case.emit)
        runner.changed.connect(self._on_changed)

    def set_actor(self, actor: Actor | None) -> None:
        self.errands.set_actor(actor)
        self.online.set_actor(actor)

    def _on_changed(self, tags: frozenset[Change]) -> None:
        if tags & _REFRESH_ON:
            self.errands.reload()
            self.online.reload()
