"""去向留言 dialogs: leaving a note, and the hand-back summary (交接) shown on return."""
from __future__ import annotations

import html
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.operations import Failure, OperationRunner
from app.ui.widgets import error_label, flag_over_limit, show_error

if TYPE_CHECKING:
    import uuid

    from app.db import Session
    from app.services.context import Actor
    from app.services.whereabouts import HandBack, NoteInput, NoteResult


def _rounded_later(minutes: int = 60) -> QDateTime:
    """A return time a worker would say: the next quarter hour after ``minutes`` from now."""
    moment = datetime.now() + timedelta(minutes=minutes)
    moment = moment.replace(second=0, microsecond=0) + timedelta(minutes=(15 - moment.minute % 15) % 15)
    return QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)


class SetNoteDialog(QDialog):
    """留言外出: status, where, the expected return and (for half a day or more) the reason.

    The head can leave a note for any worker; anyone else for themselves."""

    def __init__(self, runner: OperationRunner, actor: Actor, people: list[tuple[uuid.UUID, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.models.vocabulary import AWAY_STATUSES
        from app.services.whereabouts import REASON_MAX, WHERE_MAX

        self._runner = runner
        self._actor = actor
        self.result_note: NoteResult | None = None
        self.setWindowTitle(self.tr("Leave a whereabouts note"))
        self.setMinimumWidth(460)
        self.person = QComboBox()
        for staff_id, name in people:
            if actor.is_head or staff_id == actor.staff_id:
                self.person.addItem(name, str(staff_id))  # text: findData cannot match a Python object
        self.person.setCurrentIndex(max(0, self.person.findData(str(actor.staff_id))))
        self.person.setEnabled(actor.is_head)
        self.status = QComboBox()
        for status in AWAY_STATUSES:
            self.status.addItem(str(status.label), status.value)
        self.where = QLineEdit()
        self.where.setPlaceholderText(self.tr("e.g. town government, meeting room 2; group 3, home visit"))
        flag_over_limit(self.where, WHERE_MAX)
        self.back = QDateTimeEdit(_rounded_later())
        self.back.setCalendarPopup(True)
        self.back.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Required for half a day or more, a trip or leave"))
        flag_over_limit(self.reason, REASON_MAX)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Worker"), self.person)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Where"), self.where)
        form.addRow(self.tr("Expected back"), self.back)
        form.addRow(self.tr("Reason"), self.reason)
        hint = QLabel(self.tr("Residents see the status and the return time on the public board; the reason is "
                              "shown only to colleagues. The note is cleared when you come back or log in."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save note"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fields: dict[str, QWidget] = {"status": self.status, "where": self.where,
                                             "expected_back_at": self.back, "reason": self.reason}

    def note_input(self) -> tuple[uuid.UUID, NoteInput]:
        from app.services.whereabouts import NoteInput

        back = datetime.fromtimestamp(self.back.dateTime().toSecsSinceEpoch()).astimezone()
        import uuid

        return uuid.UUID(self.person.currentData()), NoteInput(self.status.currentData(), self.where.text(), back, self.reason.text())

    def save(self) -> None:
        """Check the note first (nothing saved), warn if the A/B partner is away, then save."""
        staff_id, note = self.note_input()
        actor = self._actor

        def check(session: Session) -> list[str]:
            from app.clock import utcnow
            from app.services.whereabouts import absence_warnings, check_note

            now = utcnow()
            check_note(note, now=now)
            return absence_warnings(session, actor.center_id, staff_id, now=now)

        self._runner.op(check).success(self._confirm).failure(self._failed).run()

    def _confirm(self, warnings: list[str]) -> None:
        show_error(self.error, "")
        if warnings:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("A and B away together"),
                              self.tr("The A/B partner is away as well:"), parent=self)
            box.setInformativeText("\n".join(warnings))
            save = box.addButton(self.tr("Save the note anyway"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(self.tr("Back"), QMessageBox.ButtonRole.RejectRole)
            self.warning_box = box
            box.buttonClicked.connect(lambda button: self._store() if button is save else None)
            box.open()
            return
        self._store()

    def _store(self) -> None:
        staff_id, note = self.note_input()
        actor = self._actor

        def work(session: Session) -> NoteResult:
            from app.services.whereabouts import set_note

            return set_note(session, actor, staff_id, note)

        def done(result: NoteResult) -> None:
            self.result_note = result
            self.accept()

        self._runner.op(work).success(done).failure(self._failed).run()

    def _failed(self, failure: Failure) -> None:
        show_error(self.error, failure.message)
        widget = self._fields.get(failure.field)
        if widget is not None:
            widget.setFocus()


class HandBackDialog(QDialog):
    """交接 — shown to a worker on return: what the backup did for them, what is still open."""

    def __init__(self, summary: HandBack, runner: OperationRunner | None = None, actor: Actor | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self._runner = runner
        self._actor = actor
        self.setWindowTitle(self.tr("Welcome back, %1: hand-back").replace("%1", summary.staff_name))
        self.resize(620, 460)
        self.text = QTextBrowser()
        self.text.setHtml(self.summary_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Got it"))
        buttons.accepted.connect(self.accept)
        count = len(summary.can_take_back)
        self.take_back_button = buttons.addButton(
            self.tr("Take back the %1 new case(s)").replace("%1", str(count)), QDialogButtonBox.ButtonRole.ActionRole)
        self.take_back_button.setVisible(bool(count) and runner is not None and actor is not None)
        self.take_back_button.clicked.connect(self.take_back)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def take_back(self) -> None:
        """The new cases of the worker's items come back to them from whoever stood in."""
        runner, actor, note_id = self._runner, self._actor, self.summary.note_id
        assert runner is not None and actor is not None

        def work(session: Session) -> int:
            from app.services.whereabouts import take_back

            return take_back(session, actor, note_id)

        def done(moved: int) -> None:
            self.take_back_button.setEnabled(False)
            self.take_back_button.setText(self.tr("%1 case(s) taken back").replace("%1", str(moved)))

        runner.op(work).success(done).failure(lambda f: show_error(self.error, f.message)).run()

    def summary_html(self) -> str:
        """What was done for the worker while away, and what is still open, as rich text."""
        from app.clock import format_local

        summary, esc = self.summary, html.escape
        away, none = self.tr("While you were away"), self.tr("None.")
        parts = [f"<h3>{esc(away)} ({format_local(summary.left_at, '%m-%d %H:%M')} – "
                 f"{format_local(summary.returned_at, '%m-%d %H:%M')})</h3>"]

        def lines(title: str, rows: list[str]) -> None:
            parts.append(f"<p><b>{esc(title)}</b></p>")
            if rows:
                parts.append("<ul>" + "".join(f"<li>{row}</li>" for row in rows) + "</ul>")
            else:
                parts.append(f"<p style='color:#666'>{esc(none)}</p>")

        lines(self.tr("Done for you by your backup"), [
            f"{format_local(line.when, '%m-%d %H:%M')} {esc(line.reference)} {esc(line.item_name)}：{esc(line.what)}"
            f"（{esc(line.by_name)}）" for line in summary.done_for_you])
        taken = self.tr("taken in by %1, handled by %2")
        lines(self.tr("New cases of your items, taken in while you were away"), [
            f"{format_local(line.when, '%m-%d %H:%M')} {esc(line.reference)} {esc(line.item_name)}"
            f"（{esc(taken.replace('%1', line.by_name).replace('%2', line.handler_name))}）"
            for line in summary.new_cases])
        if summary.other_actions:
            lines(self.tr("Other work done for you"), [esc(text) for text in summary.other_actions])
        due = self.tr("due")
        lines(self.tr("Still open with you"), [
            f"{esc(e.reference)} {esc(e.title)} · {esc(e.status_label)}" + (f" · {due} {e.due:%Y-%m-%d}" if e.due else "")
            for e in summary.still_open])
        return "".join(parts)
