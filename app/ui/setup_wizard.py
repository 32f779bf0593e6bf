"""初始设置 — the first-run wizard: center, its phones and hours, this PC, the
first center head, and then a catalog to start with."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.ui.operations import Failure, OperationRunner

if TYPE_CHECKING:
    from app.db import Session
    from app.services.context import Actor
    from app.services.setup import CenterSetup

# The pages, in order. The head page saves the center; the catalog page comes after.
CENTER_PAGE, CONTACT_PAGE, DEVICE_PAGE, HEAD_PAGE, CATALOG_PAGE = range(5)
# The first steps offered on the last page.
CATALOG_SAMPLE, CATALOG_FILE, CATALOG_LATER = "sample", "file", "later"


class SetupWizard(QWizard):
    """Nothing else works until this is done; every field is checked with a
    message that names it."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.actor: Actor | None = None
        self._saving = False  # a save is on its way: a second Finish does not save twice
        self.catalog_imported = False
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
        self.county.setPlaceholderText(self.tr("e.g. Shifan County: a county, county-level city or city district"))
        # 所属县（市、区） already holds a city district (市辖区): this optional
        # line is a zone between the county and the town, and most centers have none.
        self.district = QLineEdit()
        self.district.setPlaceholderText(self.tr("e.g. a development zone or management area; usually empty"))
        self.district.setToolTip(self.tr("Only if the town is run by a development zone, new area or "
                                         "management area; usually empty"))
        self.town = QLineEdit()
        self.town.setPlaceholderText(self.tr("e.g. Shifan Town, or XX Subdistrict"))
        self.address = QLineEdit()
        self._errors = [self._error_label() for _ in range(5)]
        form = self._form(center, self._errors[CENTER_PAGE])
        form.addRow(self.tr("Center name *"), self.center_name)
        form.addRow(self.tr("Center code *"), self.center_code)
        form.addRow(self.tr("County / city *"), self.county)
        form.addRow(self.tr("Zone (if any)"), self.district)
        form.addRow(self.tr("Town / subdistrict *"), self.town)
        form.addRow(self.tr("Address"), self.address)

        contact = QWizardPage()
        contact.setTitle(self.tr("Phones and hours"))
        contact.setSubTitle(self.tr("Printed on the slips and notices residents take home. Leave a line empty if "
                                    "the center has none: nothing is printed for it. The center head can change "
                                    "them later in Settings."))
        phone_example = self.tr("mobile 13812345678 or landline 0769-22345678")
        self.phone = QLineEdit()
        self.consultation_phone = QLineEdit()
        self.supervision_phone = QLineEdit()
        for edit in (self.phone, self.consultation_phone, self.supervision_phone):
            edit.setPlaceholderText(phone_example)
        self.opening_hours = QLineEdit()
        self.opening_hours.setPlaceholderText(self.tr("e.g. weekdays 8:30–12:00, 14:00–17:30"))
        self.pickup_hours = QLineEdit()
        self.pickup_hours.setPlaceholderText(self.tr("empty = the opening hours"))
        form = self._form(contact, self._errors[CONTACT_PAGE])
        form.addRow(self.tr("Center phone"), self.phone)
        form.addRow(self.tr("Consultation phone"), self.consultation_phone)
        form.addRow(self.tr("Supervision phone"), self.supervision_phone)
        form.addRow(self.tr("Opening hours"), self.opening_hours)
        form.addRow(self.tr("Pickup hours"), self.pickup_hours)

        device = QWizardPage()
        device.setTitle(self.tr("This computer"))
        device.setSubTitle(self.tr("Each computer of the center needs its own number; it is part of every case number."))
        self.window_no = QLineEdit("1")
        self.device_number = QSpinBox()
        self.device_number.setRange(1, 99)
        form = self._form(device, self._errors[DEVICE_PAGE])
        form.addRow(self.tr("Window number *"), self.window_no)
        form.addRow(self.tr("Computer number *"), self.device_number)

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
        self.error_label = self._errors[HEAD_PAGE]
        form = self._form(head, self.error_label)
        form.addRow(self.tr("Full name *"), self.head_name)
        form.addRow(self.tr("Login name *"), self.head_username)
        form.addRow(self.tr("Password * (8+ characters, letters and digits)"), self.head_password)
        form.addRow(self.tr("Repeat password *"), self.head_password2)
        head.setCommitPage(True)  # saved here: no way back to change what is stored
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Save and continue"))

        self._pages = [self.addPage(page) for page in (center, contact, device, head, self._catalog_page())]
        self._fields = {
            "center_name": (self.center_name, CENTER_PAGE), "center_code": (self.center_code, CENTER_PAGE),
            "county": (self.county, CENTER_PAGE), "district": (self.district, CENTER_PAGE),
            "town": (self.town, CENTER_PAGE), "address": (self.address, CENTER_PAGE),
            "phone": (self.phone, CONTACT_PAGE), "consultation_phone": (self.consultation_phone, CONTACT_PAGE),
            "supervision_phone": (self.supervision_phone, CONTACT_PAGE),
            "opening_hours": (self.opening_hours, CONTACT_PAGE), "pickup_hours": (self.pickup_hours, CONTACT_PAGE),
            "window_no": (self.window_no, DEVICE_PAGE), "device_number": (self.device_number, DEVICE_PAGE),
            "head_display_name": (self.head_name, HEAD_PAGE), "head_username": (self.head_username, HEAD_PAGE),
            "head_password": (self.head_password, HEAD_PAGE),
        }

    def _catalog_page(self) -> QWizardPage:
        """第一步：事项目录 — intake needs a catalog; offer the labelled sample or the county's file."""
        page = QWizardPage()
        page.setTitle(self.tr("Service catalog"))
        page.setSubTitle(self.tr("The center is set up. Intake needs a catalog of service items: choose how to start."))
        self.catalog_sample = QRadioButton(self.tr("Import the sample catalog (示例, for trial only)"))
        self.catalog_file = QRadioButton(self.tr("Import the catalog file published by the county…"))
        self.catalog_later = QRadioButton(self.tr("Later (once this computer is enrolled with the county server, "
                                                  "the catalog arrives by sync)"))
        self.catalog_choice = QButtonGroup(page)
        for button, choice in ((self.catalog_sample, CATALOG_SAMPLE), (self.catalog_file, CATALOG_FILE),
                               (self.catalog_later, CATALOG_LATER)):
            button.setObjectName(choice)
            self.catalog_choice.addButton(button)
        self.catalog_sample.setChecked(True)
        sample_note = QLabel(self.tr("The sample is marked 示例 on the catalog screen. Its items are examples, "
                                     "not your county's: replace it before real work."))
        self.catalog_path = QLineEdit()
        self.catalog_path.setReadOnly(True)
        self.catalog_path.setPlaceholderText(self.tr("No file chosen"))
        self.catalog_browse = QPushButton(self.tr("Choose file…"))
        file_row = QHBoxLayout()
        file_row.setContentsMargins(24, 0, 0, 0)
        file_row.addWidget(self.catalog_path, 1)
        file_row.addWidget(self.catalog_browse)
        sync_note = QLabel(self.tr("Once this computer is enrolled with the county server (Settings › County sync), "
                                   "the county's catalog arrives by itself with the sync, and later versions too."))
        for note in (sample_note, sync_note):
            note.setWordWrap(True)
            note.setStyleSheet("color: #555")
        sample_note.setContentsMargins(24, 0, 0, 0)
        layout = QVBoxLayout(page)
        layout.addWidget(self.catalog_sample)
        layout.addWidget(sample_note)
        layout.addSpacing(8)
        layout.addWidget(self.catalog_file)
        layout.addLayout(file_row)
        layout.addSpacing(8)
        layout.addWidget(self.catalog_later)
        layout.addSpacing(12)
        layout.addWidget(sync_note)
        layout.addWidget(self._errors[CATALOG_PAGE])
        layout.addStretch(1)
        self.catalog_browse.clicked.connect(self._choose_catalog)
        self.catalog_path.textChanged.connect(lambda text: self.catalog_file.setChecked(True) if text else None)
        return page

    @staticmethod
    def _form(page: QWizardPage, error: QLabel) -> QFormLayout:
        """The page's fields, and its problems below them with room to wrap."""
        form = QFormLayout()
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(error)
        layout.addStretch(1)
        return form

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
            consultation_phone=self.consultation_phone.text(), opening_hours=self.opening_hours.text(),
            pickup_hours=self.pickup_hours.text(),
            window_no=self.window_no.text(), device_number=self.device_number.value(),
            head_username=self.head_username.text(), head_display_name=self.head_name.text(),
            head_password=self.head_password.text(),
        )

    def validateCurrentPage(self) -> bool:
        from app.services.setup import setup_problems

        page = self.currentId()
        if page == CATALOG_PAGE:
            return self._first_catalog()
        if page == HEAD_PAGE and self.actor is not None:
            return True  # saved: on to the catalog page
        problems = [p for p in setup_problems(self.setup_data()) if self._fields.get(p.field, (None, -1))[1] == page]
        if page == HEAD_PAGE and self.head_password.text() != self.head_password2.text():
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
        if page != HEAD_PAGE:
            return True
        if not self._saving:
            self._save()
        # Not yet: when the save has finished, done() moves on to the catalog
        # page, whether that happens at once or later on the writer lane.
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
            self.next()

        def failed(failure: Failure) -> None:
            self._saving = False
            self._show_problems([failure.message])

        self._runner.op(lambda session: set_up_center(session, data)).success(done).failure(failed).run()

    # -- the catalog to start with ---------------------------------------------------------

    def catalog_choice_made(self) -> str:
        checked = self.catalog_choice.checkedButton()
        return checked.objectName() if checked is not None else CATALOG_LATER

    def _choose_catalog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import catalog"), "", self.tr("Catalog files (*.json)"))
        if path:
            self.catalog_path.setText(path)

    def _first_catalog(self) -> bool:
        """Finish: import what was chosen, then close; a failed import keeps the page open with the reason."""
        if self.catalog_imported:
            return True
        choice = self.catalog_choice_made()
        if choice == CATALOG_LATER:
            return True
        self._errors[CATALOG_PAGE].clear()
        if choice == CATALOG_FILE and not self.catalog_path.text():
            self._show_problems([self.tr("Choose the catalog file, or pick another option.")])
            return False
        if self._saving:
            return False
        actor = self.actor
        path = Path(self.catalog_path.text()) if choice == CATALOG_FILE else None

        def work(session: Session) -> None:
            from app.services.catalog_import import SAMPLE_CATALOG, import_catalog, load_catalog_file

            import_catalog(session, load_catalog_file(path or SAMPLE_CATALOG), actor=actor)

        def done(_result: None) -> None:
            self._saving = False
            self.catalog_imported = True
            self.accept()

        def failed(failure: Failure) -> None:
            self._saving = False
            self._show_problems([failure.message, self.tr("The center is saved. Choose another option, or "
                                                          "“Later” to import a catalog from the catalog screen.")])

        self._saving = True
        self._runner.op(work).success(done).failure(failed).run()
        return False
