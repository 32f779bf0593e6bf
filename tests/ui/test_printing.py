"""The desk's print path: preview, print through QPrinter, archive and record;
a failed print is told and never recorded; paper choices are remembered."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.db import Database
from app.models import PrintedDocument
from app.models.vocabulary import IntakeOutcome
from app.services import settings as settings_store
from app.services.calendar_store import load_work_calendar
from app.services.cases import IntakeRequest, MaterialReceipt, take_in
from app.services.documents import PrintTarget
from app.ui.operations import InlineLanes, OperationRunner
from app.ui.printing import PDF_FILE_PRINTER, PrintDialog, print_pdf


@pytest.fixture
def runner(qapp, desk_db: Database) -> OperationRunner:
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = desk_db.session_factory
    return runner


@pytest.fixture
def case_id(desk_db: Database, intake_template):
    from app.models import CatalogItem, Resident

    with desk_db.session_factory.begin() as session:
        item = session.scalar(select(CatalogItem).where(CatalogItem.code == "MZ-004"))
        resident = session.scalar(select(Resident).where(Resident.name == "张三丰"))
        case = take_in(session, intake_template.head, IntakeRequest(
            resident_id=resident.id, item_id=item.id, outcome=IntakeOutcome.ACCEPT,
            materials=tuple(MaterialReceipt(m.id, m.count) for m in item.materials)),
            calendar=load_work_calendar(session))
        return case.id


def _dialog(qtbot, runner, desk_db, intake_template, targets) -> PrintDialog:
    dialog = PrintDialog(runner, targets, actor=intake_template.head, data_dir=desk_db.path.parent)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _finish(dialog: PrintDialog) -> None:
    assert dialog.wait_for_prints()
    for _ in range(20):
        QApplication.processEvents()


def records(db: Database) -> list[PrintedDocument]:
    with db.session_factory() as session:
        return list(session.scalars(select(PrintedDocument).order_by(PrintedDocument.printed_at)))


def test_preview_then_print_records_and_archives(qtbot, runner, desk_db, intake_template, case_id) -> None:
    dialog = _dialog(qtbot, runner, desk_db, intake_template,
                     [PrintTarget("receipt", case_id=case_id), PrintTarget("notification", case_id=case_id)])
    assert all(e.prepared is not None for e in dialog._entries)
    assert dialog.document.pageCount() >= 1  # the preview shows the receipt
    assert dialog.printer.findData(PDF_FILE_PRINTER) >= 0
    dialog.printer.setCurrentIndex(dialog.printer.findData(PDF_FILE_PRINTER))
    with qtbot.waitSignal(dialog.printed, timeout=20000) as printed:
        dialog.print_all()
        _finish(dialog)
    stored = records(desk_db)
    assert [r.doc_type for r in stored] == ["receipt", "notification"]
    assert printed.args[0] == [r.doc_number for r in stored]
    for record in stored:
        archived = desk_db.path.parent / record.file_path
        assert archived.read_bytes()[:5] == b"%PDF-"
        output = desk_db.path.parent / "print-output" / f"{record.doc_number}.pdf"
        info = subprocess.run(["pdfinfo", str(output)], capture_output=True, text=True, check=True).stdout
        assert "Pages:" in info  # QPrinter really wrote the pages


def test_a_printer_that_is_not_there_is_told_and_nothing_is_recorded(qtbot, runner, desk_db,
                                                                    intake_template, case_id) -> None:
    with desk_db.session_factory.begin() as session:
        settings_store.put(session, settings_store.PRINT_PREFERENCES,
                           {"receipt": {"printer": "Office-HP-2F", "paper": "A4", "copies": 1}})
    dialog = _dialog(qtbot, runner, desk_db, intake_template, [PrintTarget("receipt", case_id=case_id)])
    assert "Office-HP-2F" in dialog.status.text()  # remembered, but not installed on this PC today
    # A printer that was listed when the dialog opened and is unplugged now.
    dialog.printer.addItem("Office-HP-2F", "Office-HP-2F")
    dialog.printer.setCurrentIndex(dialog.printer.count() - 1)
    dialog.print_all()
    _finish(dialog)
    assert "Office-HP-2F" in dialog.error.text() and "未记录为已打印" in dialog.error.text()
    assert records(desk_db) == []
    assert dialog.print_button.isEnabled()  # the worker can choose another printer and try again


def test_paper_is_remembered_per_document_type(qtbot, runner, desk_db, intake_template, case_id) -> None:
    dialog = _dialog(qtbot, runner, desk_db, intake_template, [PrintTarget("receipt", case_id=case_id)])
    assert [dialog.paper.itemData(i) for i in range(dialog.paper.count())] == ["A4", "A5", "80mm"]
    dialog.paper.setCurrentIndex(2)
    dialog._paper_changed()
    assert dialog._entries[0].prepared.paper == "80mm"
    with desk_db.session_factory() as session:
        prefs = settings_store.get(session, settings_store.PRINT_PREFERENCES)
    assert prefs["receipt"]["paper"] == "80mm"
    again = _dialog(qtbot, runner, desk_db, intake_template, [PrintTarget("receipt", case_id=case_id)])
    assert again._entries[0].prepared.paper == "80mm" and again.paper.currentData() == "80mm"


def test_print_pdf_refuses_what_is_not_a_pdf(tmp_path: Path, qapp) -> None:
    from app.ui.printing import PrintError

    with pytest.raises(PrintError):
        print_pdf(b"not a pdf", printer_name="", output_file=str(tmp_path / "x.pdf"))


def test_print_center_lists_waiting_documents_records_and_reprints(qtbot, runner, desk_db,
                                                                  intake_template, case_id) -> None:
    from app.ui.screens.print_center import PrintCenterScreen

    screen = PrintCenterScreen(runner)
    qtbot.addWidget(screen)
    screen.set_context(actor=intake_template.head, data_dir=desk_db.path.parent)
    screen.show()
    screen.reload()
    assert screen.pending.rowCount() == 1 and screen.pending.item(0, 0).text() == "受理回执"
    assert "WenQuanYi" in screen.font_label.text() or "wqy" in screen.font_label.text().lower()
    screen.pending.selectRow(0)
    with qtbot.waitSignal(screen.print_targets) as asked:
        screen._print_pending()
    (target,) = asked.args[0]
    assert (target.doc_type, target.case_id) == ("receipt", case_id)
    dialog = _dialog(qtbot, runner, desk_db, intake_template, asked.args[0])
    dialog.printer.setCurrentIndex(dialog.printer.findData(PDF_FILE_PRINTER))
    with qtbot.waitSignal(dialog.printed, timeout=20000):
        dialog.print_all()
        _finish(dialog)
    screen.reload()
    assert screen.pending.rowCount() == 0 and screen.records.rowCount() == 1
    screen.records.selectRow(0)
    with qtbot.waitSignal(screen.print_targets) as again:
        screen._reprint()
    reprint = _dialog(qtbot, runner, desk_db, intake_template, again.args[0])
    assert reprint._entries[0].prepared.reprint_count == 1
    with qtbot.waitSignal(screen.print_targets) as ledger:
        screen._print_ledger()
    assert ledger.args[0][0].doc_type == "ledger"
    screen.status_url.setText("ftp://nope")
    screen._save_url()
    assert "http" in screen.settings_error.text()
    screen.status_url.setText("https://zwfw.example.org/")
    screen._save_url()
    with desk_db.session_factory() as session:
        assert settings_store.get(session, settings_store.STATUS_URL_BASE) == "https://zwfw.example.org"


# -- the paper survives the system's print dialog ---------------------------------------------

MM = 72 / 25.4


def _page_size_mm(path: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    line = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, _x, height = line.split()[2:5]
    return round(float(width) / MM), round(float(height) / MM)


def _dialog_reset(printer_file: Path) -> QPrinter:
    """A printer as the system's dialog hands it back: "print to file" chosen,
    the paper reset to the driver's default (Letter), copies raised."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printer_file))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    printer.setCopyCount(2)
    return printer


def test_print_pdf_sets_the_documents_paper_again_on_a_printer_the_dialog_reset(tmp_path: Path, qapp) -> None:
    from app.printing import render
    from tests.printing import samples

    for paper, size in (("A5", (148, 210)), ("80mm", (80, None))):
        output = tmp_path / f"{paper}.pdf"
        printer = _dialog_reset(output)
        assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
        print_pdf(render(samples.test_page(), paper), printer_name="", printer=printer)
        width, height = _page_size_mm(output)
        assert width == size[0] and (size[1] is None or height == size[1])  # not Letter (216 × 279)


def test_the_paper_chosen_in_onewindow_survives_the_system_print_dialog(qtbot, runner, desk_db,
                                                                        intake_template) -> None:
    dialog = _dialog(qtbot, runner, desk_db, intake_template, [PrintTarget("test_page")])
    dialog.paper.setCurrentIndex(dialog.paper.findData("A5"))
    dialog._paper_changed()
    assert dialog._entries[0].prepared.paper == "A5"
    output = desk_db.path.parent / "from-system-dialog.pdf"
    # The worker opened 打印机选项 and the dialog returned with the paper reset to Letter.
    dialog.take_native_choice(_dialog_reset(output))
    assert dialog.paper.currentData() == "A5" and dialog.copies.value() == 2
    with qtbot.waitSignal(dialog.printed, timeout=20000):
        dialog.print_all()
        _finish(dialog)
    assert _page_size_mm(output) == (148, 210)  # A5 as chosen here, not the dialog's Letter
    (record,) = records(desk_db)
    assert (record.doc_type, record.paper, record.copies) == ("test_page", "A5", 2)


def test_the_printer_test_page_prints_from_settings_through_the_print_dialog(qtbot, runner, desk_db,
                                                                              intake_template) -> None:
    from app.ui.screens.settings import SettingsScreen

    screen = SettingsScreen(runner)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.print_targets) as asked:
        screen.test_page_button.click()
    (target,) = asked.args[0]
    assert target.doc_type == "test_page"
    dialog = _dialog(qtbot, runner, desk_db, intake_template, asked.args[0])
    assert [dialog.paper.itemData(i) for i in range(dialog.paper.count())] == ["A4", "A5", "80mm"]
    dialog.printer.setCurrentIndex(dialog.printer.findData(PDF_FILE_PRINTER))
    with qtbot.waitSignal(dialog.printed, timeout=20000):
        dialog.print_all()
        _finish(dialog)
    (record,) = records(desk_db)
    assert record.doc_number.startswith("CS-") and record.file_path.startswith("archive/printer-tests/")
    assert _page_size_mm(desk_db.path.parent / "print-output" / f"{record.doc_number}.pdf") == (210, 297)
