"""设置 › 中心信息 — the center's name and place, address, phones and hours,
changed by the center head after the first run."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.operations import Failure, OperationRunner
from app.ui.widgets import error_label, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.setup import CenterDetails, CenterEdit

_WRONG = "border: 2px solid #b00000"


class CenterDetailsDialog(QDialog):
    """Opens with the stored details; Save checks them with the same rules as
    the first-run wizard. The county's fields are read-only once this computer
    is enrolled, and everything is read-only for anyone but the center head."""

    def __init__(self, runner: OperationRunner, *, actor: Any, details: CenterDetails,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor = actor
        self.saved: CenterDetails | None = None
        self.setWindowTitle(self.tr("Center details"))
        self.setMinimumWidth(620)
        data = details.details
        self.code = QLabel(details.center_code)  # never edited here: it begins every case number
        self.fields: dict[str, QLineEdit] = {}
        phone_example = self.tr("mobile 13812345678 or landline 0769-22345678")
        rows = (
            ("center_name", self.tr("Center name *"), data.center_name, ""),
            ("county", self.tr("County / city *"), data.county,
             self.tr("e.g. Shifan County: a county, county-level city or city district")),
            ("district", self.tr("Zone (if any)"), data.district,
             self.tr("e.g. a development zone or management area; usually empty")),
            ("town", self.tr("Town / subdistrict *"), data.town, self.tr("e.g. Shifan Town, or XX Subdistrict")),
            ("address", self.tr("Address"), data.address, ""),
            ("phone", self.tr("Center phone"), data.phone, phone_example),
            ("consultation_phone", self.tr("Consultation phone"), data.consultation_phone, phone_example),
            ("supervision_phone", self.tr("Supervision phone"), data.supervision_phone, phone_example),
            ("opening_hours", self.tr("Opening hours"), data.opening_hours,
             self.tr("e.g. weekdays 8:30–12:00, 14:00–17:30")),
            ("pickup_hours", self.tr("Pickup hours"), data.pickup_hours, self.tr("empty = the opening hours")),
        )
        form = QFormLayout()
        form.addRow(self.tr("Center code"), self.code)
        for name, label, value, placeholder in rows:
            edit = QLineEdit(value)
            edit.setPlaceholderText(placeholder)
            self.fields[name] = edit
            form.addRow(label, edit)
        self.fields["district"].setToolTip(self.tr("Only if the town is run by a development zone, new area or "
                                                   "management area; usually empty"))
        from app.services.setup import COUNTY_OWNED

        is_head = actor is not None and actor.is_head
        notes = [self.tr("The center code begins every case number; it cannot be changed.")]
        if details.county_managed:
            notes.append(self.tr("This computer is enrolled with the county server: the name, county, zone and "
                                 "town are kept by the county. Ask the county administrator to change them."))
        notes.append(self.tr("The phones and hours are printed on the slips and notices; an empty one is left off."))
        if not is_head:
            notes.append(self.tr("Only the center head can change the center's details."))
        for name, edit in self.fields.items():
            edit.setReadOnly(not is_head or (details.county_managed and name in COUNTY_OWNED))
        self.note = QLabel("\n".join(notes))
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555")
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(is_head)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def edit(self) -> CenterEdit:
        from app.services.setup import CenterEdit

        return CenterEdit(**{name: edit.text() for name, edit in self.fields.items()})

    def save(self) -> None:
        from app.services.setup import update_center

        actor, edit = self._actor, self.edit()
        for field in self.fields.values():
            field.setStyleSheet("")
        show_error(self.error, "")
        self.save_button.setEnabled(False)

        def work(session: Session) -> CenterDetails:
            return update_center(session, actor, edit)

        def done(details: CenterDetails) -> None:
            self.saved = details
            self.accept()

        def failed(failure: Failure) -> None:
            self.save_button.setEnabled(True)
            wrong = self.fields.get(failure.field)
            if wrong is not None:
                wrong.setStyleSheet(_WRONG)
                wrong.setFocus()
            show_error(self.error, failure.message)

        self._runner.op(work).success(done).failure(failed).run()
