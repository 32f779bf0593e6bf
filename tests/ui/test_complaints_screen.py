"""投诉举报 in the real widgets: register (a bad input refused, nothing typed
lost), the list and its colours, answer, tell, extend, escalate."""
from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db import Database
from app.models import Complaint
from app.models.vocabulary import ComplaintSource, ComplaintStatus, ComplaintToldBy
from app.ui.operations import InlineLanes, OperationRunner
from app.ui.screens.complaints import ComplaintsScreen

SHOTS = os.environ.get("COMPLAINT_SHOTS")  # a folder: save what the worker sees, to look at


@pytest.fixture
def desk_runner(qapp, desk_db: Database) -> OperationRunner:
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = desk_db.session_factory
    return runner


@pytest.fixture
def screen(qtbot, desk_runner, intake_template) -> ComplaintsScreen:
    widget = ComplaintsScreen(desk_runner)
    qtbot.addWidget(widget)
    widget.resize(1366, 760)
    widget.set_actor(intake_template.head)
    widget.show()
    widget.start()
    return widget


def shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"{name}.png"))


def complaints(db: Database) -> list[Complaint]:
    with db.session_factory() as session:
        return list(session.scalars(select(Complaint).order_by(Complaint.received_at)))


def fill(screen: ComplaintsScreen) -> None:
    screen.title.insert("窗口人员态度生硬")
    screen.subject.insert("本中心民政窗口")
    screen.name.insert("张大爷")
    screen.phone.insert("13800138000")
    screen.content.insertPlainText("办理高龄津贴时，工作人员不耐烦，没有讲清楚要带哪些材料。")


def test_a_hotline_complaint_without_its_work_order_is_refused_and_nothing_typed_is_lost(
        qtbot, screen: ComplaintsScreen, desk_db: Database) -> None:
    printed: list[object] = []
    screen.print_requested.connect(printed.append)
    assert screen.title.hasFocus() and not screen.work_order.isVisible()
    fill(screen)
    screen.source.setCurrentIndex(screen.source.findData(ComplaintSource.HOTLINE_12345))
    assert screen.work_order.isVisible()
    qtbot.keyClick(screen.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "12345工单号" in screen.entry_error.text() and screen.work_order.hasFocus()
    assert screen.title.text() == "窗口人员态度生硬" and "高龄津贴" in screen.content.toPlainText()
    assert complaints(desk_db) == [] and printed == []
    shot(screen, "complaint-refused")
    screen.work_order.insert("GD20261201001")
    screen.register()
    (saved,) = complaints(desk_db)
    assert saved.work_order_number == "GD20261201001" and saved.status == ComplaintStatus.REGISTERED
    assert printed == [saved.id]  # the slip goes to the printer
    assert screen.title.text() == "" and screen.title.hasFocus()  # ready for the next one
    assert screen.table.rowCount() == 1 and screen.selected().id == saved.id
    assert screen.table.item(0, 5).background().color().name() == "#d9f2d9"  # on time: green, as cases
    assert "前答复" in screen.next_step.text()
    assert "138****8000" in screen.detail.text() and "13800138000" not in screen.detail.text()


def test_the_content_counter_turns_red_past_the_limit(screen: ComplaintsScreen) -> None:
    screen.content.insertPlainText("长" * 1001)
    assert "1001" in screen.content_count.text() and "c00000" in screen.content_count.styleSheet()
    fill(screen)
    screen.register()
    assert "1000" in screen.entry_error.text() and screen.content.hasFocus()


def test_answer_then_tell_in_the_dialogs(qtbot, screen: ComplaintsScreen, desk_db: Database) -> None:
    fill(screen)
    screen.register()
    assert screen.answer_button.isEnabled() and not screen.tell_button.isEnabled()
    screen.answer_selected()
    dialog = screen._dialog
    dialog.buttons.accepted.emit()  # empty: refused, the dialog stays
    assert dialog.isVisible() and "答复内容" in dialog.error.text()
    text = dialog.findChild(type(screen.content))
    text.insertPlainText("已对当事人批评教育，并向您致歉。")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert screen.selected().status == ComplaintStatus.ANSWERED and screen.tell_button.isEnabled()
    assert "告知投诉人" in screen.next_step.text()
    shot(screen, "complaint-detail")
    screen.tell_selected()
    dialog = screen._dialog
    dialog.buttons.accepted.emit()
    (saved,) = complaints(desk_db)
    assert saved.status == ComplaintStatus.TOLD and saved.told_by == ComplaintToldBy.IN_PERSON
    assert screen.table.rowCount() == 0  # the open list no longer holds it
    screen.show_complaint(saved.id)
    assert screen.selected().id == saved.id and "已办结" in screen.next_step.text()


def test_extend_and_escalate(screen: ComplaintsScreen, desk_db: Database) -> None:
    fill(screen)
    screen.register()
    screen.extend_selected()
    dialog = screen._dialog
    dialog.buttons.accepted.emit()
    assert "延期理由" in dialog.error.text()
    dialog.findChild(type(screen.content)).insertPlainText("需调取监控核实")
    dialog.buttons.accepted.emit()
    assert screen.selected().extended_from is not None and not screen.extend_button.isEnabled()
    screen.escalate_selected()
    dialog = screen._dialog
    dialog.findChild(type(screen.content)).insertPlainText("投诉对象为中心主任本人")
    dialog.buttons.accepted.emit()
    assert screen.selected().status == ComplaintStatus.ESCALATED
    assert not screen.answer_button.isEnabled() and not screen.tell_button.isEnabled()
    assert "等待县级答复" in screen.next_step.text()
    shot(screen, "complaint-list")


def test_the_demo_complaints_show_on_their_screen_and_on_the_board(qtbot, runner, options, db) -> None:
    """The demo's complaints, one in each state, as a worker meets them after login."""
    from app.services.demo import build_demo
    from app.ui.application import OpenedStore
    from app.ui.main_window import NAV_KEYS, MainWindow

    build_demo(db.session_factory, residents=20, cases=80, days=30)
    window = MainWindow(runner, options=options)
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    window.store_opened(OpenedStore(db.path, is_set_up=True, is_demo=False, backup=None))
    window._dialog.username.setText("lina")
    window._dialog.password.setText("demo2026")
    window._dialog.try_login()
    assert window.actor is not None, window._dialog.error.text()
    assert window.nav.item(NAV_KEYS.index("complaints")).text() == "投诉举报"
    window.go("complaints")
    screen = window.screens["complaints"]
    assert screen.table.rowCount() == 5  # the told one is closed
    colours = {screen.table.item(r, 5).background().color().name() for r in range(screen.table.rowCount())}
    assert {"#f8d0d0", "#fdebc0"} <= colours  # overdue and due soon / to be told, as on the cases' board
    screen.table.selectRow(screen.table.rowCount() - 1)  # the oldest: overdue
    assert "请立即答复" in screen.next_step.text() and not screen.extend_button.isEnabled()
    qtbot.wait(50)
    shot(window, "demo-complaints")
    window.go("deadlines")
    board = window.screens["deadlines"]
    assert board.complaints.rowCount() == 5 and "待答复或待告知的投诉" in board.complaint_title.text()
    assert board.complaints.item(0, 0).background().color().name() == "#f8d0d0"  # the overdue one on top
    qtbot.wait(50)
    shot(window, "demo-deadlines")
    board.complaints.cellActivated.emit(0, 0)  # double-click: the complaint on its own screen
    assert window.stack.currentWidget() is screen and screen.selected() is not None


def test_the_list_shows_the_title_in_the_main_window_width(qtbot, screen: ComplaintsScreen) -> None:
    # In the 1280-pixel main window the stretched title column got no width at all.
    screen.resize(1090, 700)
    fill(screen)
    screen.register()
    qtbot.wait(10)
    title_column = 2
    assert screen.table.item(0, title_column).text() == "窗口人员态度生硬"
    assert screen.table.columnWidth(title_column) >= screen.table.fontMetrics().horizontalAdvance("窗口人员态度生硬")


ENGLISH_WIDTH = """
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.text import set_language
set_language("en")
from app.ui.operations import OperationRunner
from app.ui.screens.complaints import ComplaintsScreen
print(ComplaintsScreen(OperationRunner()).minimumSizeHint().width())
"""


def test_in_english_the_screen_fits_beside_the_navigation_on_a_1366_pixel_screen() -> None:
    # English words are longer: the six action buttons in one row made the
    # screen 1308 pixels wide, so the main window ran off a 1366-pixel screen.
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", ENGLISH_WIDTH], capture_output=True, text=True, cwd=root,
                            env={"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
                            timeout=60)
    navigation_and_margins = 170 + 40
    assert int(result.stdout.split()[-1]) <= 1366 - navigation_and_margins, result.stderr


def test_a_refusal_goes_once_its_field_is_edited(qtbot, screen: ComplaintsScreen) -> None:
    fill(screen)
    screen.source.setCurrentIndex(screen.source.findData(ComplaintSource.HOTLINE_12345))
    screen.register()
    assert "12345工单号" in screen.entry_error.text()
    qtbot.keyClicks(screen.title, " 2")  # another field: the refusal still stands
    assert "12345工单号" in screen.entry_error.text()
    qtbot.keyClicks(screen.work_order, "GD2026")  # the field it named: the stale words go
    assert screen.entry_error.text() == ""
