"""去向与AB角 screens driven like a worker and the head would: a refused note,
the residents' board redrawn at once, the A/B settings, 代 A 办理 and the hand-back."""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime
from sqlalchemy import select

from app.clock import utcnow
from app.db import Database
from app.models import CatalogItem, Center, Resident
from app.models.vocabulary import CaseEventKind, IntakeOutcome
from app.services import assignments, settings, whereabouts
from app.services.calendar_store import load_work_calendar
from app.services.cases import IntakeRequest, MaterialReceipt, record_event, take_in
from app.services.staff import actor_for, add_staff, check_login
from app.services.whereabouts import NoteInput
from app.ui.operations import InlineLanes, OperationRunner
from app.ui.public_board import PublicBoardWindow
from app.ui.screens.whereabouts import WhereaboutsScreen
from app.ui.whereabouts_dialogs import HandBackDialog, SetNoteDialog
from tests.ui.conftest import HEAD_PASSWORD
from tests.ui.test_setup_and_login import type_text

SHOTS = os.environ.get("WHEREABOUTS_SHOTS")  # a folder to save screenshots in, when looking at the screens


def _shot(widget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture
def runner(qapp, desk_db: Database) -> OperationRunner:
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = desk_db.session_factory
    return runner


@pytest.fixture
def people(desk_db: Database):
    """The head 王建国, 李娜 (A of 民政岗 and of 高龄津贴) and 赵强 (her B)."""
    with desk_db.session_factory.begin() as session:
        head = check_login(session, "wangjg", HEAD_PASSWORD)
        a = actor_for(session, add_staff(session, head, username="lina", display_name="李娜", password="lina2026pw",
                                         phone="13812345678"))
        b = actor_for(session, add_staff(session, head, username="zhaoq", display_name="赵强", password="zhaoq2026pw",
                                         phone="13912345678"))
        assignments.set_post(session, head, None, "民政岗", primary=a.staff_id, backup=b.staff_id)
        assignments.set_post(session, head, None, "社保医保岗", primary=b.staff_id, backup=a.staff_id)
        item = session.scalars(select(CatalogItem).order_by(CatalogItem.code)).first()
        assignments.set_item_pair(session, head, item.code, primary=a.staff_id, backup=b.staff_id)
        center = session.get(Center, head.center_id)
        center.phone, center.supervision_phone = "0903-1234567", "12345"
        settings.put(session, settings.COMPLAINT_PHONE, "0903-7654321")
    return head, a, b


def _case_for(desk_db: Database, actor) -> None:
    with desk_db.session_factory.begin() as session:
        resident = session.scalars(select(Resident)).first()
        item = session.scalars(select(CatalogItem).where(CatalogItem.handling_mode == "committed")).first()
        calendar = load_work_calendar(session)
        materials = tuple(MaterialReceipt(m.id, m.count) for m in item.materials)
        case = take_in(session, actor, IntakeRequest(resident_id=resident.id, item_id=item.id, materials=materials,
                                                     outcome=IntakeOutcome.ACCEPT), calendar=calendar)
        return case.id


def test_a_note_without_where_is_refused_naming_the_field_then_saved(qtbot, runner, desk_db, people) -> None:
    _head, a, _b = people
    dialog = SetNoteDialog(runner, a, [(a.staff_id, "李娜")])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.status.setCurrentIndex(dialog.status.findData("meeting"))
    dialog.back.setDateTime(QDateTime.currentDateTime().addSecs(6 * 3600))
    dialog.save()
    assert "去向" in dialog.error.text() and dialog.result_note is None
    type_text(qtbot, dialog.where, "镇政府三楼会议室")
    dialog.save()
    assert "事由" in dialog.error.text()  # six hours: half a day or more
    _shot(dialog, "set-note-refused")
    type_text(qtbot, dialog.reason, "镇里民政工作例会")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    assert dialog.result_note is not None and dialog.result_note.acting_backup_name == "赵强"


def test_the_residents_board_redraws_as_soon_as_a_note_is_saved(qtbot, runner, desk_db, people) -> None:
    head, a, _b = people
    window = PublicBoardWindow(runner, head.center_id)
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    assert {row.name: str(row.status_label) for row in window.board.rows}["李娜"] == "在岗"
    loads = window.loads
    runner.op(lambda session: whereabouts.set_note(
        session, a, a.staff_id, NoteInput("field_visit", "三组张家上门", utcnow() + timedelta(hours=2)))).run()
    assert window.loads == loads + 1  # redrawn by the change itself, not by the timer
    statuses = {row.name: str(row.status_label) for row in window.board.rows}
    assert statuses["李娜"] == "下村/上门"
    assert window.footer.text() == "中心电话：0903-1234567　　投诉电话：0903-7654321　　监督电话：12345"
    _shot(window, "public-board")


def test_bs_board_shows_as_work_and_a_sees_the_hand_back_on_return(qtbot, runner, desk_db, people) -> None:
    head, a, b = people
    case_id = _case_for(desk_db, a)
    runner.op(lambda session: whereabouts.set_note(
        session, a, a.staff_id, NoteInput("meeting", "镇政府", utcnow() + timedelta(hours=1)))).run()
    screen = WhereaboutsScreen(runner)
    qtbot.addWidget(screen)
    screen.resize(1100, 600)
    screen.set_actor(b)
    screen.show()
    assert [w.absent_name for w in screen.held.held] == ["李娜"]
    assert screen.held.tree.topLevelItem(0).text(0) == "代 李娜 办理"
    screen.tabs.setCurrentWidget(screen.held)
    _shot(screen, "held-for-a")
    with desk_db.session_factory.begin() as session:
        record_event(session, b, case_id, CaseEventKind.START, calendar=load_work_calendar(session))
    screen.tabs.setCurrentIndex(0)
    _shot(screen, "board-colleagues")
    a_screen = WhereaboutsScreen(runner)
    qtbot.addWidget(a_screen)
    a_screen.set_actor(a)
    assert a_screen.back_button.isEnabled()
    a_screen.i_am_back()
    dialog = a_screen._dialog
    assert isinstance(dialog, HandBackDialog)
    assert len(dialog.summary.done_for_you) == 1 and dialog.summary.done_for_you[0].by_name == "赵强"
    dialog.resize(640, 460)
    _shot(dialog, "hand-back")
    assert screen.held.held == []  # the deputy is not left listed after the absence ends


def test_the_head_sets_a_and_b_on_the_settings_tab(qtbot, runner, desk_db, people) -> None:
    head, a, b = people
    screen = WhereaboutsScreen(runner)
    qtbot.addWidget(screen)
    screen.resize(1100, 650)
    screen.set_actor(head)
    panel = screen.assignments
    screen.tabs.setCurrentWidget(panel)
    screen.show()
    first_item = next(i for i, r in enumerate(panel._rows) if r.subject == "item") + 1
    panel.table.selectRow(first_item)
    row = panel.selected()
    assert row is not None and row.subject == "item"
    panel.primary.setCurrentIndex(panel.primary.findData(str(b.staff_id)))
    panel.backup.setCurrentIndex(panel.backup.findData(str(b.staff_id)))
    panel.save()
    assert "B角不能与A角是同一人" in panel.error.text()
    panel.backup.setCurrentIndex(panel.backup.findData(str(a.staff_id)))
    panel.save()
    assert panel.error.text() == "" or not panel.error.isVisible()
    saved = next(r for r in panel._rows if r.item_code == row.item_code)
    assert (saved.primary_name, saved.backup_name) == ("赵强", "李娜")
    panel.table.selectRow(first_item)
    _shot(screen, "ab-settings")


def test_a_worker_cannot_edit_the_ab_settings(qtbot, runner, desk_db, people) -> None:
    _head, a, _b = people
    screen = WhereaboutsScreen(runner)
    qtbot.addWidget(screen)
    screen.set_actor(a)
    screen.assignments.table.selectRow(0)
    assert not screen.assignments.save_button.isEnabled()
    assert not screen.assignments.add_post_button.isEnabled()


def test_logging_in_clears_the_workers_note_and_hands_back(qtbot, runner, desk_db, people) -> None:
    from PySide6.QtCore import Qt

    from app.ui.login import LoginDialog

    _head, a, _b = people
    runner.op(lambda session: whereabouts.set_note(
        session, a, a.staff_id, NoteInput("stepped_out", "村委会", utcnow() + timedelta(hours=1)))).run()
    login = LoginDialog(runner, center_name="青山村党群服务中心")
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.username, "lina")
    qtbot.keyClicks(login.password, "lina2026pw")
    with qtbot.waitSignal(login.accepted, timeout=5000):
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.returned_note_id is not None
    with desk_db.session_factory() as session:
        assert whereabouts.open_note(session, a.staff_id) is None


def test_deactivating_a_worker_with_open_cases_offers_their_backup(qtbot, runner, desk_db, people) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.ui.screens.staff import StaffScreen

    head, a, b = people
    case_id = _case_for(desk_db, a)
    screen = StaffScreen(runner)
    qtbot.addWidget(screen)
    screen.set_actor(head)
    screen.select_username("lina")
    screen.toggle_active()
    box = screen.deactivate_box
    assert "1 件在办件" in box.informativeText() and "赵强" in box.informativeText()
    _shot(box, "deactivate-offer")
    hand_over = next(button for button in box.buttons()
                     if box.buttonRole(button) == QMessageBox.ButtonRole.YesRole)
    hand_over.click()
    with desk_db.session_factory() as session:
        from app.models import Case, Staff

        assert session.get(Case, case_id).handled_by == b.staff_id
        assert session.get(Staff, a.staff_id).active is False


def test_back_at_the_desk_a_takes_back_the_new_cases_from_the_hand_back(qtbot, runner, desk_db, people) -> None:
    head, a, b = people
    with desk_db.session_factory.begin() as session:
        item = session.scalars(select(CatalogItem).where(CatalogItem.handling_mode == "committed")).first()
        assignments.set_item_pair(session, head, item.code, primary=a.staff_id, backup=b.staff_id)
    runner.op(lambda session: whereabouts.set_note(
        session, a, a.staff_id, NoteInput("meeting", "镇政府", utcnow() + timedelta(hours=1)))).run()
    case_id = _case_for(desk_db, head)  # taken in by the head while A is away: it goes to B
    with desk_db.session_factory() as session:
        from app.models import Case

        assert session.get(Case, case_id).handled_by == b.staff_id
    screen = WhereaboutsScreen(runner)
    qtbot.addWidget(screen)
    screen.set_actor(a)
    screen.i_am_back()
    dialog = screen._dialog
    assert isinstance(dialog, HandBackDialog) and dialog.take_back_button.isVisibleTo(dialog)
    dialog.resize(640, 460)
    _shot(dialog, "hand-back-take-back")
    dialog.take_back_button.click()
    assert not dialog.take_back_button.isEnabled()
    with desk_db.session_factory() as session:
        assert session.get(Case, case_id).handled_by == a.staff_id
