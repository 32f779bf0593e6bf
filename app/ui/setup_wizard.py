"""初始设置 — the first-run wizard: center, this PC, the first center head."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.ui.operations import Failure, OperationRunner

if TYPE_CHECKING:
    from app.services.context import Actor
    from app.services.setup import CenterSetup


class SetupWizard(QWizard):
    """Nothing else works until this is done; every field is checked with a
    message that names it."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.actor: Actor | None = None
        self._saving = False  # a save is on its way: a second Finish does not save twice
        self.setWindowTitle(self.tr("OneWindow — first-time setup"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(640, 520)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButton, False)

        center = QWizardPage()
        center.setTitle(self.tr("Service center"))
        center.setSubTitle(self.tr("Enter the center's details as registered with the county."))
        self.center_name = QLineEdit()
        self.center_name.setPlaceholderText(self.tr("e.g. Qingshan Village Party-Mass Service Center"))
        self.center_code = QLineEdit()
        self.center_code.setPlaceholderText(self.tr("2–16 letters or digits, assigned by the county"))
        self.county = QLineEdit()
        self.district = QLineEdit()
        self.town = QLineEdit()
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.supervision_phone = QLineEdit()
        form = QFormLayout(center)
        self._errors = [self._error_label() for _ in range(3)]
        form.addRow(self.tr("Center name *"), self.center_name)
        form.addRow(self.tr("Center code *"), self.center_code)
        form.addRow(self.tr("County / city *"), self.county)
        form.addRow(self.tr("District"), self.district)
        form.addRow(self.tr("Town / subdistrict *"), self.town)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Service phone"), self.phone)
        form.addRow(self.tr("Supervision phone"), self.supervision_phone)
        form.addRow(self._errors[0])

        device = QWizardPage()
        device.setTitle(self.tr("This computer"))
        device.setSubTitle(self.tr("Each computer of the center needs its own number; it is part of every case number."))
        self.window_no = QLineEdit("1")
        self.device_number = QSpinBox()
        self.device_number.setRange(1, 99)
        form = QFormLayout(device)
        form.addRow(self.tr("Window number *"), self.window_no)
        form.addRow(self.tr("Computer number *"), self.device_number)
        form.addRow(self._errors[1])

        head = QWizardPage()
        head.setTitle(self.tr("Center head account"))
        head.setSubTitle(self.tr("The center head manages staff accounts and the catalog. Keep the password safe."))
        self.head_name = QLineEdit()
        self.head_username = QLineEdit()
        self.head_username.setPlaceholderText(self.tr("letters and digits, e.g. wangjg"))
        self.head_password = QLineEdit()
        self.head_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.head_password2 = QLineEdit()
        self.head_password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = self._errors[2]
        form = QFormLayout(head)
        form.addRow(self.tr("Full name *"), self.head_name)
        form.addRow(self.tr("Login name *"), self.head_username)
        form.addRow(self.tr("Password * (8+ characters, letters and digits)"), self.head_password)
        form.addRow(self.tr("Repeat password *"), self.head_password2)
        form.addRow(self.error_label)
        self._pages = [self.addPage(center), self.addPage(device), self.addPage(head)]
        self._fields = {
            "center_name": (self.center_name, 0), "center_code": (self.center_code, 0), "county": (self.county, 0),
            "town": (self.town, 0), "window_no": (self.window_no, 1), "device_number": (self.device_number, 1),
            "head_display_name": (self.head_name, 2), "head_username": (self.head_username, 2),
            "head_password": (self.head_password, 2),
        }

    @staticmethod
    def _error_label() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet("color: #b00000")
        return label

    def setup_data(self) -> CenterSetup:
        from app.services.setup import CenterSetup

        return CenterSetup(
            center_name=self.center_name.text(), center_code=self.center_code.text(), county=self.county.text(),
            district=self.district.text(), town=self.town.text(), address=self.address.text(),
            phone=self.phone.text(), supervision_phone=self.supervision_phone.text(),
            window_no=self.window_no.text(), device_number=self.device_number.value(),
            head_username=self.head_username.text(), head_display_name=self.head_name.text(),
            head_password=self.head_password.text(),
        )

    def validateCurrentPage(self) -> bool:
        from app.services.setup import setup_problems

        page = self.currentId()
        if page == 2 and self.actor is not None:
            return True  # saved: accept() validates the page once more on its way out
        problems = [p for p in setup_problems(self.setup_data()) if self._fields.get(p.field, (None, -1))[1] == page]
        if page == 2 and self.head_password.text() != self.head_password2.text():
            from app.services.setup import FieldProblem

            problems.append(FieldProblem("head_password", self.tr("The two passwords differ")))
        for widget, _page in self._fields.values():
            widget.setStyleSheet("")
        self._errors[max(page, 0)].clear()
        if problems:
            for problem in problems:
                wrong = self._fields.get(problem.field)
                if wrong is not None:
                    wrong[0].setStyleSheet("border: 2px solid #b00000")
            self._show_problems([p.message for p in problems])
            return False
        if page != 2:
            return True
        if not self._saving:
            self._save()
        # Not yet: when the save has finished, done() accepts the wizard,
        # whether that happens at once or later on the writer lane.
        return False

    def _show_problems(self, messages: list[str]) -> None:
        """Every problem of the page, one per line, under its fields."""
        self._errors[max(self.currentId(), 0)].setText("\n".join(messages))

    def _save(self) -> None:
        from app.services.setup import set_up_center

        data = self.setup_data()
        self._saving = True

        def done(actor: Actor) -> None:
            self._saving = False
            self.actor = actor
            self.accept()

        def failed(failure: Failure) -> None:
            self._saving = False
            self._show_problems([failure.message])

        self._runner.op(lambda session: set_up_center(session, data)).success(done).failure(failed).run()
