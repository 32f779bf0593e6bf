"""开放时间与预约 — the center's opening hours (延时/错时, 周末值班) and the
appointment slot lengths, on the settings page; a center head changes them."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import Change
from app.ui.operations import Failure, OperationRunner
from app.ui.widgets import error_label, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.opening_hours import OpeningHours


class OpeningHoursBox(QGroupBox):
    """The settings page's line about the opening hours, with the button to change them."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Opening hours and appointments"), parent)
        self._runner = runner
        self._actor: Any = None
        self._dialog: OpeningHoursDialog | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("Opening hours…"))
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.button.clicked.connect(self.edit)
        runner.changed.connect(lambda tags: self.reload() if Change.SETTINGS in tags else None)

    def set_actor(self, actor: Any) -> None:
        self._actor = actor
        self.button.setEnabled(actor is not None and actor.is_head)
        self.button.setToolTip("" if self.button.isEnabled() else self.tr("Only the center head changes them."))
        self.reload()

    def reload(self) -> None:
        if self._actor is None:
            return

        def work(session: Session) -> OpeningHours:
            from app.services import opening_hours

            return opening_hours.load(session)

        self._runner.op(work).success(self._show).run()

    def _show(self, hours: OpeningHours) -> None:
        self.label.setText(hours.describe() + "\n" + self.tr(
            "Appointments: %1 minutes a slot unless an item has its own. These hours never change the working days "
            "that count deadlines.").replace("%1", str(hours.slot_minutes)))

    def edit(self) -> None:
        def work(session: Session) -> OpeningHours:
            from app.services import opening_hours

            return opening_hours.load(session)

        def show(hours: OpeningHours) -> None:
            dialog = OpeningHoursDialog(self._runner, self._actor, hours, self)
            self._dialog = dialog
            dialog.open()

        self._runner.op(work).success(show).run()


class OpeningHoursDialog(QDialog):
    """Regular hours on working days, 延时/错时 per weekday, 周末值班 on
    Saturday and Sunday, and the slot lengths."""

    def __init__(self, runner: OperationRunner, actor: Any, hours: OpeningHours,
                 parent: QWidget | None = None) -> None:
        from app.services.opening_hours import periods_text

        super().__init__(parent)
        self._runner = runner
        self._actor = actor
        self.setWindowTitle(self.tr("Opening hours and appointments"))
        self.setMinimumWidth(560)
        self.regular = QLineEdit(periods_text(hours.regular))
        weekdays = (self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"), self.tr("Thursday"),
                    self.tr("Friday"), self.tr("Saturday"), self.tr("Sunday"))
        self.extended = {day: QLineEdit(periods_text(tuple(hours.extended.get(day, ())))) for day in range(5)}
        self.duty = {day: QLineEdit(periods_text(tuple(hours.weekend_duty.get(day, ())))) for day in (5, 6)}
        self.slot_minutes = QSpinBox()
        self.slot_minutes.setRange(10, 240)
        self.slot_minutes.setSingleStep(5)
        self.slot_minutes.setSuffix(self.tr(" minutes"))
        self.slot_minutes.setValue(hours.slot_minutes)
        self.item_minutes = QLineEdit(", ".join(f"{code}={m}" for code, m in hours.item_slot_minutes.items()))
        self.item_minutes.setPlaceholderText(self.tr("e.g. MZ-008=30, MZ-001=90 (item code = minutes)"))
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Working days *"), self.regular)
        form.addRow(QLabel(self.tr("<b>Extended hours</b>, on working days, besides the above:")))
        for day, edit in self.extended.items():
            edit.setPlaceholderText(self.tr("none, or e.g. 17:30-19:00 or 12:00-14:00"))
            form.addRow(weekdays[day], edit)
        form.addRow(QLabel(self.tr("<b>Weekend duty</b>, on a Saturday or Sunday that is not a holiday:")))
        for day, edit in self.duty.items():
            edit.setPlaceholderText(self.tr("closed, or e.g. 09:00-12:00"))
            form.addRow(weekdays[day], edit)
        form.addRow(self.tr("Slot length"), self.slot_minutes)
        form.addRow(self.tr("Per item"), self.item_minutes)
        note = QLabel(self.tr("Type periods as start-end, separated by commas. Statutory holidays are always closed; "
                              "a make-up working day keeps the working-day hours. Deadlines keep counting "
                              "legal working days only."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _save(self) -> None:
        from app.services import opening_hours as oh
        from app.services.errors import DomainError

        try:
            value = {
                "regular": oh.parse_periods_text(self.regular.text(), field_name="regular"),
                "extended": {str(day): oh.parse_periods_text(edit.text(), field_name="extended")
                             for day, edit in self.extended.items()},
                "weekend_duty": {str(day): oh.parse_periods_text(edit.text(), field_name="weekend_duty")
                                 for day, edit in self.duty.items()},
                "slot_minutes": self.slot_minutes.value(),
                "item_slot_minutes": oh.parse_item_minutes_text(self.item_minutes.text()),
            }
            hours = oh.from_setting(value)
        except DomainError as error:
            show_error(self.error, str(error))
            return
        actor = self._actor

        def work(session: Session) -> None:
            oh.save(session, actor, hours)

        def failed(failure: Failure) -> None:
            show_error(self.error, failure.message)

        self._runner.op(work).success(lambda _r: self.accept()).failure(failed).run()
