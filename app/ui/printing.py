"""Printing on the desk: preview (QtPdf), printer / paper / copies remembered
per document type, printing off the GUI thread, and a print record only after
the printer took the job.

The PDF comes from app.printing (reportlab, embedded font) through
app.services.documents; here it is only previewed and sent to a QPrinter.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QSize,
    QSizeF,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import DomainError
from app.ui.operations import Failure, Lane, OperationRunner
from app.ui.widgets import error_label, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.documents import Prepared, PrintTarget

# Printer choice meaning "no printer: write the print to a PDF file in the data folder".
PDF_FILE_PRINTER = "__pdf_file__"
PAPER_NAMES = {"A4": "A4", "A5": "A5", "80mm": "80 mm"}
MAX_RASTER_DPI = 300
ROLE = Qt.ItemDataRole.UserRole


class PrintError(DomainError):
    """The printer did not take the job; the message is for the worker."""


def available_printers() -> list[str]:
    return QPrinterInfo.availablePrinterNames()


def page_layout_of(document: QPdfDocument) -> QPageLayout:
    """The paper OneWindow chose, as the PDF's first page says it: A4, A5 or the roll, no margins."""
    first = document.pagePointSize(0)
    landscape = first.width() > first.height()
    short, long_ = sorted((first.width(), first.height()))
    return QPageLayout(
        QPageSize(QSizeF(short, long_), QPageSize.Unit.Point),
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0))


def keep_page_layout(printer: QPrinter, layout: QPageLayout) -> None:
    """Set OneWindow's paper on ``printer``, over whatever was there.

    The native print dialog (and a change of printer) resets the page size to
    the driver's default, often Letter or A4: a 80 mm slip would then come
    out scaled onto a sheet. So this runs last, after every other setting."""
    printer.setFullPage(True)
    if not printer.setPageLayout(layout):
        raise PrintError(QCoreApplication.translate(
            "Printing", "The printer does not take this paper size. Choose another printer or paper."))


def print_pdf(pdf: bytes, *, printer_name: str, copies: int = 1, output_file: str | None = None,
              printer: QPrinter | None = None) -> None:
    """Send a PDF to a printer (or, with ``output_file``, through QPrinter to a PDF file).

    Runs on a worker thread. Each page is rendered by QtPdf at the printer's
    resolution (at most 300 dpi) onto the full page; the page size follows the
    PDF, so A4, A5 and the 80 mm roll all come out at their real size.
    ``printer`` is one set up in the native print dialog (its driver options
    kept); its page size is set back to the document's paper before printing.
    """
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PrintError(QCoreApplication.translate("Printing", "The document could not be read for printing. Nothing was printed."))
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if output_file:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(output_file)
        else:
            printer.setPrinterName(printer_name)
            if not printer.isValid() or (printer_name and printer.printerName() != printer_name):
                raise PrintError(QCoreApplication.translate("Printing", "The printer “%1” is not available. Check that it is switched on and "
                                            "connected, or choose another printer.").replace("%1", printer_name))
    printer.setCopyCount(max(1, copies))
    keep_page_layout(printer, page_layout_of(document))  # last: nothing after it may reset the paper
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(QCoreApplication.translate("Printing", "The printer did not accept the job. Check the printer and try again."))
    try:
        dpi = min(printer.resolution(), MAX_RASTER_DPI)
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            size = document.pagePointSize(index)
            image = document.render(index, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi)))
            if image.isNull():
                raise PrintError(QCoreApplication.translate("Printing", "A page could not be prepared for the printer. Nothing more was printed."))
            painter.drawImage(painter.viewport(), image)
    finally:
        painter.end()
    buffer.close()


@dataclass
class _Entry:
    target: PrintTarget
    prepared: Prepared | None = None
    printed_number: str = ""
    error: str = ""


class PrintDialog(QDialog):
    """Preview and print one or more documents. Enter prints them all."""

    printed = Signal(object)  # list of document numbers printed

    def __init__(self, runner: OperationRunner, targets: list[PrintTarget], *, actor: Any, data_dir: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner, self._actor, self._data_dir = runner, actor, data_dir
        self._entries = [_Entry(t) for t in targets]
        self._prefs: dict[str, dict[str, Any]] = {}
        self._printing = False
        # A printer set up in the system's own print dialog (tray, duplex …), if the worker opened it.
        self._native: QPrinter | None = None
        self.setWindowTitle(self.tr("Print"))
        self.resize(1000, 760)

        self.list = QListWidget()
        self.list.setMaximumWidth(300)
        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.printer = QComboBox()
        printers = available_printers()
        for name in printers:
            self.printer.addItem(name, name)
        self.printer.addItem(self.tr("PDF file in the data folder") if printers else
                             self.tr("No printer found: save as a PDF file in the data folder"), PDF_FILE_PRINTER)
        default = QPrinterInfo.defaultPrinterName()
        if default:
            self.printer.setCurrentIndex(max(self.printer.findData(default), 0))
        self.paper = QComboBox()
        self.copies = QSpinBox()
        self.copies.setRange(1, 9)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error = error_label()
        self.print_button = QPushButton(self.tr("Print all (Enter)"))
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.native_button = QPushButton(self.tr("Printer options…"))  # the system's print dialog
        self.cancel_button = QPushButton(self.tr("Close"))
        form = QFormLayout()
        form.addRow(self.tr("Printer"), self.printer)
        form.addRow(self.tr("Paper"), self.paper)
        form.addRow(self.tr("Copies"), self.copies)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Documents")))
        left.addWidget(self.list, 1)
        left.addLayout(form)
        left.addWidget(self.status)
        left.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.native_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.print_button)
        left.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addWidget(self.view, 1)

        self.list.currentRowChanged.connect(self._show_entry)
        self.paper.activated.connect(lambda _i: self._paper_changed())
        self.printer.activated.connect(lambda _i: self._printer_changed())
        self.copies.valueChanged.connect(lambda _v: self._remember())
        self.print_button.clicked.connect(self.print_all)
        self.save_button.clicked.connect(self.save_as)
        self.native_button.clicked.connect(self.open_native_dialog)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self.print_all)
        self._fill_list()
        self._load_preferences()

    # -- preparing -------------------------------------------------------------------
    def _fill_list(self) -> None:
        from app.printing import DOC_TYPES

        self.list.clear()
        for entry in self._entries:
            title = DOC_TYPES[entry.target.doc_type].title if entry.target.doc_type in DOC_TYPES else entry.target.doc_type
            text = title
            if entry.prepared is not None:
                text += f"\n{entry.prepared.subject}"
                if entry.prepared.reprint_count:
                    text += "  " + self.tr("(reprint %1)").replace("%1", str(entry.prepared.reprint_count))
            if entry.printed_number:
                text += "\n✓ " + self.tr("printed: %1").replace("%1", entry.printed_number)
            elif entry.error:
                text += "\n✗ " + entry.error
            item = QListWidgetItem(text)
            self.list.addItem(item)
        if self.list.count() and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)

    def _load_preferences(self) -> None:
        def work(session: Session) -> dict[str, dict[str, Any]]:
            from app.services import settings

            prefs: dict[str, dict[str, Any]] = settings.get(session, settings.PRINT_PREFERENCES)
            return prefs

        def done(prefs: dict[str, dict[str, Any]]) -> None:
            self._prefs = dict(prefs)
            for index in range(len(self._entries)):
                self._prepare(index)
            self._show_entry(self.list.currentRow())

        self._runner.op(work).success(done).run()

    def _pref(self, doc_type: str) -> dict[str, Any]:
        from app.printing import DOC_TYPES

        papers = DOC_TYPES[doc_type].papers if doc_type in DOC_TYPES else ("A4",)
        pref = dict(self._prefs.get(doc_type) or {})
        if pref.get("paper") not in papers:
            pref["paper"] = papers[0]
        pref.setdefault("copies", 1)
        pref.setdefault("printer", "")
        return pref

    def _prepare(self, index: int) -> None:
        entry = self._entries[index]
        paper = self._pref(entry.target.doc_type)["paper"]
        target, actor = entry.target, self._actor

        def work(session: Session) -> Prepared:
            from app.services import settings
            from app.services.documents import prepare

            return prepare(session, actor, target, paper=paper, font_path=settings.get(session, settings.PRINT_FONT) or None)

        def done(prepared: Prepared) -> None:
            entry.prepared, entry.error = prepared, ""
            self._fill_list()
            if self.list.currentRow() == index:
                self._show_entry(index)

        def failed(failure: Failure) -> None:
            entry.error = failure.message
            show_error(self.error, failure.message)
            self._fill_list()

        self._runner.op(work).success(done).failure(failed).run()

    def _show_entry(self, index: int) -> None:
        if not 0 <= index < len(self._entries):
            return
        entry = self._entries[index]
        pref = self._pref(entry.target.doc_type)
        from app.printing import DOC_TYPES

        papers = DOC_TYPES[entry.target.doc_type].papers if entry.target.doc_type in DOC_TYPES else ("A4",)
        self.paper.blockSignals(True)
        self.paper.clear()
        for paper in papers:
            self.paper.addItem(PAPER_NAMES.get(paper, paper), paper)
        self.paper.setCurrentIndex(max(self.paper.findData(pref["paper"]), 0))
        self.paper.blockSignals(False)
        self.copies.blockSignals(True)
        self.copies.setValue(int(pref["copies"]))
        self.copies.blockSignals(False)
        missing_printer = ""
        if pref["printer"] and self.printer.findData(pref["printer"]) >= 0:
            self.printer.setCurrentIndex(self.printer.findData(pref["printer"]))
        elif pref["printer"] and pref["printer"] != PDF_FILE_PRINTER:
            missing_printer = pref["printer"]
        if entry.prepared is not None:
            self.document.close()
            self._buffer.close()
            self._buffer.setData(QByteArray(entry.prepared.pdf))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
            text = self.tr("%1 · %2 · %3 page(s)").replace("%1", entry.prepared.doc_number) \
                .replace("%2", PAPER_NAMES.get(entry.prepared.paper, entry.prepared.paper)) \
                .replace("%3", str(self.document.pageCount()))
            if missing_printer:
                text += "\n" + self.tr("The printer used last time (%1) is not available now; check the printer "
                                        "chosen above.").replace("%1", missing_printer)
            self.status.setText(text)

    def _printer_changed(self) -> None:
        self._native = None  # its options were for the printer chosen before
        self._remember()

    # -- the system's print dialog ---------------------------------------------------
    def open_native_dialog(self) -> None:
        """The system's print dialog, for the driver's options (tray, duplex, quality).

        It starts on OneWindow's printer and paper; whatever paper it ends on,
        the paper chosen here is what prints (see :meth:`take_native_choice`)."""
        index = self.list.currentRow()
        entry = self._entries[index] if 0 <= index < len(self._entries) else None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        name = self.printer.currentData()
        if name and name != PDF_FILE_PRINTER:
            printer.setPrinterName(name)
        printer.setCopyCount(self.copies.value())
        if entry is not None and entry.prepared is not None and self.document.pageCount() > 0:
            keep_page_layout(printer, page_layout_of(self.document))
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, False)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.take_native_choice(printer)

    def take_native_choice(self, printer: QPrinter) -> None:
        """What the system's dialog returned: its printer, copies and driver options
        are kept; its paper size is not (OneWindow's paper is set again when printing)."""
        self._native = printer
        name = printer.printerName()
        if name and self.printer.findData(name) < 0:
            self.printer.addItem(name, name)
        if name:
            self.printer.setCurrentIndex(self.printer.findData(name))
        self.copies.blockSignals(True)
        self.copies.setValue(min(max(printer.copyCount(), 1), self.copies.maximum()))
        self.copies.blockSignals(False)
        paper = self.paper.currentText()
        target = name or printer.outputFileName()
        self.status.setText(self.tr("System print settings for %1 kept; the paper stays %2.")
                            .replace("%1", target).replace("%2", paper))
        self._remember()

    def _paper_changed(self) -> None:
        index = self.list.currentRow()
        if 0 <= index < len(self._entries):
            self._remember()
            self._prepare(index)

    def _remember(self) -> None:
        """Printer, paper and copies are remembered per document type."""
        index = self.list.currentRow()
        if not 0 <= index < len(self._entries):
            return
        doc_type = self._entries[index].target.doc_type
        self._prefs[doc_type] = {"printer": self.printer.currentData() or "", "paper": self.paper.currentData(),
                                 "copies": self.copies.value()}
        prefs = dict(self._prefs)

        def work(session: Session) -> None:
            from app.services import settings

            settings.put(session, settings.PRINT_PREFERENCES, prefs)

        self._runner.op(work).run()

    # -- printing --------------------------------------------------------------------
    def print_all(self) -> None:
        if self._printing:
            return
        waiting = [i for i, e in enumerate(self._entries) if e.prepared is not None and not e.printed_number]
        if not waiting:
            show_error(self.error, self.tr("Nothing to print yet: the documents are still being prepared, or "
                                           "could not be prepared (see above)."))
            return
        self._remember()
        show_error(self.error, "")
        self._printing = True
        self.print_button.setEnabled(False)
        self._print_next(waiting)

    def _print_next(self, waiting: list[int]) -> None:
        if not waiting:
            self._printing = False
            self.print_button.setEnabled(True)
            numbers = [e.printed_number for e in self._entries if e.printed_number]
            if all(e.printed_number for e in self._entries):
                self.printed.emit(numbers)
                self.accept()
            return
        index, rest = waiting[0], waiting[1:]
        entry = self._entries[index]
        prepared = entry.prepared
        assert prepared is not None  # only prepared entries are waiting
        pref = self._pref(entry.target.doc_type)
        printer = pref["printer"] or (self.printer.currentData() or "")
        if printer == PDF_FILE_PRINTER or not printer and not available_printers():
            output = self._data_dir / "print-output" / f"{prepared.doc_number}.pdf"
            output.parent.mkdir(parents=True, exist_ok=True)
            output_file, printer_name = str(output), ""
        else:
            output_file, printer_name = None, printer
        pdf, copies = prepared.pdf, int(pref["copies"])
        native = self._native
        if native is not None:
            output_file = native.outputFileName() or None  # the system dialog's "print to file", if chosen
        self.status.setText(self.tr("Printing %1…").replace("%1", prepared.doc_number))

        def failed(failure: Failure) -> None:
            entry.error = failure.message
            show_error(self.error, failure.message + " " + self.tr("It is not recorded as printed; try again."))
            self._fill_list()
            self._printing = False
            self.print_button.setEnabled(True)

        unexpected = self.tr("Printing failed: %1. Nothing was recorded as printed.")

        def job() -> None:  # on the printer lane
            try:
                if native is not None:  # set up in the system's dialog: its options, OneWindow's paper
                    print_pdf(pdf, printer_name="", copies=copies, printer=native)
                else:
                    print_pdf(pdf, printer_name=printer_name, copies=copies, output_file=output_file)
            except PrintError:
                raise
            except Exception as error:  # any other failure of the printer, told in words
                raise PrintError(unexpected.replace("%1", str(error))) from error

        self._runner.task(job, lane=Lane.PRINTER) \
            .success(lambda _none: self._record(entry, copies, rest, output_file)).failure(failed).run()

    def _record(self, entry: _Entry, copies: int, rest: list[int], output_file: str | None) -> None:
        prepared, actor, data_dir = entry.prepared, self._actor, self._data_dir
        assert prepared is not None

        def work(session: Session) -> str:
            from app.services.documents import record_print

            record_print(session, actor, prepared, data_dir=data_dir, copies=copies)
            return prepared.doc_number

        def done(number: str) -> None:
            entry.printed_number, entry.error = number, ""
            if output_file:
                self.status.setText(self.tr("Saved as %1 (no printer).").replace("%1", output_file))
            self._fill_list()
            self._print_next(rest)

        def failed(failure: Failure) -> None:
            entry.error = failure.message
            show_error(self.error, self.tr("The paper was printed but the print record could not be saved: %1")
                       .replace("%1", failure.message))
            self._fill_list()
            self._printing = False
            self.print_button.setEnabled(True)

        self._runner.op(work).success(done).failure(failed).run()

    def save_as(self) -> None:
        index = self.list.currentRow()
        prepared = self._entries[index].prepared if 0 <= index < len(self._entries) else None
        if prepared is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), str(Path.home() / f"{prepared.doc_number}.pdf"),
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.write_pdf(prepared, Path(path))

    def write_pdf(self, prepared: Prepared, path: Path) -> None:
        def work() -> Path:
            path.write_bytes(prepared.pdf)
            return path

        self._runner.task(work).success(
            lambda p: self.status.setText(self.tr("Saved: %1").replace("%1", html.escape(str(p))))
        ).failure(lambda f: show_error(self.error, f.message)).run()

    def wait_for_prints(self, msecs: int = 30000) -> bool:
        """Tests and benchmarks: wait until queued print jobs finished."""
        return self._runner.wait_idle(msecs, Lane.PRINTER)
