"""打印中心 — documents waiting to be printed, the print records with 补打,
the ledgers for a date range (cases, first inquiries), and the printing
settings (font, QR address, the center's referral units)."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import format_local
from app.ui.labels import document_labels
from app.ui.operations import (
    CHANGED_CASES,
    CHANGED_PRINTS,
    OperationRunner,
)
from app.ui.widgets import EmptyHint, date_edit, date_of, error_label, read_only_table, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.changes import Change
    from app.services.document_settings import PrintSettingsView
    from app.services.documents import PendingDocument, PrintRecordRow

    _Shown = tuple[list[PendingDocument], list[PrintRecordRow], str, bool, PrintSettingsView]

ROLE = Qt.ItemDataRole.UserRole
PENDING_DAYS = 7


class PrintCenterScreen(QWidget):
    print_targets = Signal(object)  # list of PrintTarget

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Any = None
        self._data_dir: Path | None = None

        pending_box = QGroupBox(self.tr("Waiting to be printed (last 7 days)"))
        self.pending = read_only_table([self.tr("Document"), self.tr("Case number"), self.tr("Applicant"), self.tr("Item"),
                               self.tr("Issued")])
        self.pending.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        EmptyHint(self.pending, self.tr("Nothing waits to be printed. The documents an intake or a case action "
                                        "issues appear here until they are printed."))
        self.print_pending = QPushButton(self.tr("Print selected"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Documents that intake outcomes and case actions issued but nobody printed.")), 1)
        row.addWidget(self.print_pending)
        pending_layout = QVBoxLayout(pending_box)
        pending_layout.addLayout(row)
        pending_layout.addWidget(self.pending)

        records_box = QGroupBox(self.tr("Print records"))
        self.records = read_only_table([self.tr("Number"), self.tr("Document"), self.tr("Case / asker"), self.tr("Printed"),
                               self.tr("By"), self.tr("Paper"), self.tr("Copies")])
        self.records.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        EmptyHint(self.records, self.tr("Nothing printed yet. Every printed document is listed here with its "
                                        "number, for reprinting (补打)."))
        self.reprint = QPushButton(self.tr("Reprint (补打)"))
        self.open_archive = QPushButton(self.tr("Open archived PDF"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_archive)
        buttons.addWidget(self.reprint)
        records_layout = QVBoxLayout(records_box)
        records_layout.addWidget(self.records)
        records_layout.addLayout(buttons)

        ledger_box = QGroupBox(self.tr("Ledger"))
        first = date.today().replace(day=1)
        self.ledger_from = date_edit(first)
        self.ledger_to = date_edit(date.today())
        self.print_ledger = QPushButton(self.tr("Print ledger"))
        self.ledger_kind = QComboBox()
        self.ledger_kind.addItem(self.tr("Case ledger"), "ledger")
        self.ledger_kind.addItem(self.tr("First-inquiry ledger"), "inquiry_ledger")
        ledger_layout = QHBoxLayout(ledger_box)
        ledger_layout.addWidget(self.ledger_kind)
        ledger_layout.addWidget(QLabel(self.tr("from")))
        ledger_layout.addWidget(self.ledger_from)
        ledger_layout.addWidget(QLabel(self.tr("to")))
        ledger_layout.addWidget(self.ledger_to)
        ledger_layout.addStretch(1)
        ledger_layout.addWidget(self.print_ledger)

        settings_box = QGroupBox(self.tr("Printing settings"))
        self.font_label = QLabel()
        self.font_label.setWordWrap(True)
        self.font_button = QPushButton(self.tr("Choose a font file…"))
        self.status_url = QLineEdit()
        self.status_url.setPlaceholderText(self.tr("e.g. https://zwfw.example.gov.cn — given by the county"))
        self.save_url = QPushButton(self.tr("Save"))
        self.settings_error = error_label()
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_label, 1)
        font_row.addWidget(self.font_button)
        url_row = QHBoxLayout()
        url_row.addWidget(QLabel(self.tr("Progress-query address (QR codes):")))
        url_row.addWidget(self.status_url, 1)
        url_row.addWidget(self.save_url)
        self.url_note = QLabel()
        self.url_note.setWordWrap(True)
        units_row = QHBoxLayout()
        self.units_label = QLabel()
        self.units_label.setWordWrap(True)
        self.add_unit = QPushButton(self.tr("Add referral unit…"))
        self.remove_unit = QPushButton(self.tr("Remove"))
        self.units = QComboBox()
        units_row.addWidget(QLabel(self.tr("Referral units (首问转办):")))
        units_row.addWidget(self.units, 1)
        units_row.addWidget(self.add_unit)
        units_row.addWidget(self.remove_unit)
        settings_layout = QVBoxLayout(settings_box)
        settings_layout.addLayout(font_row)
        settings_layout.addLayout(url_row)
        settings_layout.addWidget(self.url_note)
        settings_layout.addLayout(units_row)
        settings_layout.addWidget(self.units_label)
        settings_layout.addWidget(self.settings_error)

        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(pending_box, 2)
        layout.addWidget(records_box, 3)
        layout.addWidget(ledger_box)
        layout.addWidget(settings_box)
        layout.addWidget(self.error)

        self.print_pending.clicked.connect(self._print_pending)
        self.pending.doubleClicked.connect(lambda _i: self._print_pending())
        self.reprint.clicked.connect(self._reprint)
        self.open_archive.clicked.connect(self._open_archive)
        self.print_ledger.clicked.connect(self._print_ledger)
        self.font_button.clicked.connect(self._choose_font)
        self.save_url.clicked.connect(self._save_url)
        self.add_unit.clicked.connect(self._add_unit)
        self.remove_unit.clicked.connect(self._remove_unit)
        self.units.currentIndexChanged.connect(self._unit_chosen)
        self.records.itemSelectionChanged.connect(self._selection_changed)
        runner.changed.connect(self._on_changed)
        self._selection_changed()

    def set_context(self, *, actor: Any, data_dir: Path) -> None:
        self._actor, self._data_dir = actor, data_dir
        head = bool(actor and actor.is_head)
        for widget in (self.font_button, self.save_url, self.status_url, self.add_unit, self.remove_unit):
            widget.setEnabled(head)
            widget.setToolTip("" if head else self.tr("Only the center head changes the printing settings."))

    def show_on_entry(self) -> None:
        self.reload()

    def reload(self) -> None:
        def work(session: Session) -> _Shown:
            from datetime import datetime

            from app.printing import FontNotFound, font_chain
            from app.services import document_settings, settings
            from app.services.documents import pending_documents, print_records

            font = settings.get(session, settings.PRINT_FONT) or None
            try:
                chain = font_chain(font)
                font_text = chain.describe()
                font_ok = True
            except FontNotFound as error:
                font_text, font_ok = str(error), False
            since = datetime.now().astimezone() - timedelta(days=PENDING_DAYS)
            return (pending_documents(session, since=since), print_records(session), font_text, font_ok,
                    document_settings.view(session))

        self._runner.op(work).success(self._show).failure(lambda f: show_error(self.error, f.message)).run()

    def _show(self, result: _Shown) -> None:
        pending, records, font_text, font_ok, view = result
        names = document_labels()
        self.pending.setRowCount(len(pending))
        for r, doc in enumerate(pending):
            for c, text in enumerate((names.get(doc.doc_type, doc.doc_type), doc.case_number, doc.resident_name,
                                      doc.item_name, format_local(doc.issued_at))):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(ROLE, doc)
                self.pending.setItem(r, c, item)
        self.records.setRowCount(len(records))
        for r, record in enumerate(records):
            kind = names.get(record.doc_type, record.doc_type)
            if record.reprint_count:
                kind += self.tr(" (reprint %1)").replace("%1", str(record.reprint_count))
            for c, text in enumerate((record.doc_number, kind, record.subject, format_local(record.printed_at),
                                      record.staff_name, record.paper, str(record.copies))):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(ROLE, record)
                self.records.setItem(r, c, item)
        self.font_label.setText((self.tr("Font for printed documents: %1") if font_ok else
                                 self.tr("No Chinese font for printing: %1")).replace("%1", font_text))
        self.font_label.setStyleSheet("" if font_ok else "color: #b00000; font-weight: bold")
        self._show_settings(view)
        self._selection_changed()

    def _show_settings(self, view: PrintSettingsView) -> None:
        self.status_url.setText(view.status_url)
        head = bool(self._actor and self._actor.is_head)
        # An address the county published is the one in force; the desk cannot point elsewhere.
        self.status_url.setReadOnly(view.status_url_by_county)
        self.save_url.setEnabled(head and not view.status_url_by_county)
        if view.status_url_problem:
            note, color = view.status_url_problem, "#b00000"
        elif not view.status_url:
            note, color = self.tr("No address: documents print the case number and query code, without a QR "
                                  "code."), "#b00000"
        elif view.status_url_by_county:
            note, color = self.tr("Set by the county."), ""
        else:
            note, color = "", ""
        self.url_note.setText(note)
        self.url_note.setStyleSheet(f"color: {color}" if color else "")
        self._units = view.referral_units
        self.units.blockSignals(True)
        self.units.clear()
        for unit in view.referral_units:
            suffix = "" if unit.from_county else self.tr(" (this center)")
            self.units.addItem(unit.name + suffix, unit.name)
        self.units.blockSignals(False)
        self._unit_chosen()

    def _unit_chosen(self) -> None:
        index = self.units.currentIndex()
        units = getattr(self, "_units", ())
        unit = units[index] if 0 <= index < len(units) else None
        head = bool(self._actor and self._actor.is_head)
        self.remove_unit.setEnabled(head and unit is not None and not unit.from_county)
        if unit is None:
            self.units_label.setText(self.tr("No referral units yet: the county publishes them with the catalog; "
                                             "add the center's own here."))
            return
        parts = [unit.address, unit.hours, unit.contact, unit.phone]
        self.units_label.setText("　".join(part for part in parts if part))

    def _add_unit(self) -> None:
        dialog = ReferralUnitDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        actor = self._actor

        def work(session: Session) -> None:
            from app.services.document_settings import add_referral_unit

            add_referral_unit(session, actor, values)

        show_error(self.settings_error, "")
        self._runner.op(work).success(lambda _r: self.reload()).failure(
            lambda f: show_error(self.settings_error, f.message)).run()

    def _remove_unit(self) -> None:
        name = self.units.currentData()
        if not name:
            return
        actor = self._actor

        def work(session: Session) -> None:
            from app.services.document_settings import remove_referral_unit

            remove_referral_unit(session, actor, name)

        self._runner.op(work).success(lambda _r: self.reload()).failure(
            lambda f: show_error(self.settings_error, f.message)).run()

    def _selected_record(self) -> Any:
        row = self.records.currentRow()
        if row < 0 or not self.records.selectionModel().hasSelection():
            return None
        item = self.records.item(row, 0)
        return item.data(ROLE) if item is not None else None

    def _selection_changed(self) -> None:
        record = self._selected_record()
        self.reprint.setEnabled(record is not None)
        self.open_archive.setEnabled(record is not None and bool(record.file_path))

    def _print_pending(self) -> None:
        from app.services.documents import PrintTarget

        rows = sorted({index.row() for index in self.pending.selectedIndexes()})
        docs = [item.data(ROLE) for r in rows if (item := self.pending.item(r, 0)) is not None]
        if not docs:
            show_error(self.error, self.tr("Select the documents to print first."))
            return
        show_error(self.error, "")
        self.print_targets.emit([PrintTarget(d.doc_type, case_id=d.case_id) for d in docs])

    def _reprint(self) -> None:
        from app.services.documents import target_of

        record = self._selected_record()
        if record is not None:
            self.print_targets.emit([target_of(record)])

    def _open_archive(self) -> None:
        record = self._selected_record()
        if record is None or self._data_dir is None:
            return
        path = self._data_dir / record.file_path
        if not path.exists():
            show_error(self.error, self.tr("The archived copy is missing: %1").replace("%1", str(path)))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _print_ledger(self) -> None:
        from app.services.documents import PrintTarget

        start, end = date_of(self.ledger_from), date_of(self.ledger_to)
        if end < start:
            show_error(self.error, self.tr("The ledger's end date is before its start date."))
            return
        show_error(self.error, "")
        kind = self.ledger_kind.currentData() or "ledger"
        self.print_targets.emit([PrintTarget(kind, date_from=start, date_to=end)])

    def _choose_font(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Font for printed documents"), "",
                                              self.tr("TrueType fonts (*.ttf *.ttc)"))
        if path:
            self.set_font(path)

    def set_font(self, path: str) -> None:
        def work(session: Session) -> None:
            from app.printing import find_font
            from app.services import settings

            find_font(path)  # refuses a file that is not a usable TrueType font, in words
            settings.put(session, settings.PRINT_FONT, path)

        self._runner.op(work).success(lambda _r: self.reload()).failure(
            lambda f: show_error(self.settings_error, f.message)).run()

    def _save_url(self) -> None:
        url = self.status_url.text()
        actor = self._actor

        def work(session: Session) -> None:
            from app.services.document_settings import set_status_url

            set_status_url(session, actor, url)  # refuses a loopback, private or plain-http address, in words

        show_error(self.settings_error, "")
        self._runner.op(work).success(lambda _r: self.reload()).failure(
            lambda f: show_error(self.settings_error, f.message)).run()

    def _on_changed(self, tags: frozenset[Change]) -> None:
        if tags & {CHANGED_PRINTS, CHANGED_CASES} and self.isVisible():
            self.reload()


class ReferralUnitDialog(QDialog):
    """One of the center's own referral units: where the resident goes, when, whom to ask."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Referral unit"))
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.address = QLineEdit()
        self.hours = QLineEdit()
        self.hours.setPlaceholderText(self.tr("e.g. working days 8:30–12:00, 14:30–17:30"))
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        form.addRow(self.tr("Unit name *"), self.name)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Office hours"), self.hours)
        form.addRow(self.tr("Contact person"), self.contact)
        form.addRow(self.tr("Phone"), self.phone)
        self.error = error_label()
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if not self.name.text().strip():
            show_error(self.error, self.tr("Enter the unit's name."))
            return
        self.accept()

    def values(self) -> dict[str, str]:
        return {"name": self.name.text(), "address": self.address.text(), "hours": self.hours.text(),
                "contact": self.contact.text(), "phone": self.phone.text()}
