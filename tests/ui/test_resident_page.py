"""群众档案 in the real widgets: masked until 显示, the reveal audited with
the screen; a correction with a reason; a merge the head confirms."""
from __future__ import annotations

import os
from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.db import Database
from app.models import AuditEntry, Resident
from app.services.identity import RESIDENT_ID, fictional_id_number
from app.services.residents import ResidentInput, register_resident
from app.services.staff import actor_for, add_staff
from app.ui.operations import InlineLanes, OperationRunner
from app.ui.resident_page import CorrectionDialog, MergeDialog, ResidentPageDialog
from app.ui.screens.intake import IntakeScreen
from tests.ui.test_intake import choose_item, choose_resident, enter, only_case, to_outcome

SHOTS = os.environ.get("ONEWINDOW_SHOTS")  # a folder: save the page as the worker sees it


@pytest.fixture
def runner(qapp, desk_db: Database) -> OperationRunner:
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = desk_db.session_factory
    return runner


def _resident(db: Database, name: str) -> Resident:
    with db.session_factory() as session:
        return session.scalar(select(Resident).where(Resident.name == name))


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"{name}.png"))


def test_the_page_masks_reveals_on_request_and_lists_the_cases(qtbot, runner, desk_db, intake_template) -> None:
    intake = IntakeScreen(runner)
    qtbot.addWidget(intake)
    intake.set_actor(intake_template.head)
    intake.show()
    intake.start()
    choose_resident(qtbot, intake)
    choose_item(qtbot, intake, "高龄津贴申报")
    to_outcome(qtbot, intake, "accept")
    enter(qtbot, intake.outcomes)
    case = only_case(desk_db)
    person = _resident(desk_db, "张三丰")

    page = ResidentPageDialog(runner, person.id, actor=intake_template.head)
    qtbot.addWidget(page)
    page.resize(940, 700)
    page.show()
    assert page.page is not None and page.page.name == "张三丰"
    assert "****" in page.id_value.text() and person.id_number not in page.id_value.text()
    assert page.phone_value.text() == "139****5678"
    assert page.cases.rowCount() == 1 and page.cases.item(0, 0).text() == case.case_number
    assert page.tabs.tabText(0) == "办件 (1)"
    _shot(page, "resident-page-masked")

    with qtbot.waitSignal(page.open_case) as opened:
        page.cases.itemActivated.emit(page.cases.item(0, 1))
    assert opened.args == [case.id]

    page.show_id.click()
    page.show_phone.click()
    assert page.id_value.text() == person.id_number and page.phone_value.text() == "13912345678"
    assert not page.show_id.isVisible()
    _shot(page, "resident-page-revealed")
    with desk_db.session_factory() as session:
        reveals = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "reveal")))
    assert [(r.detail["field"], r.detail["screen"]) for r in reveals] == [("id_number", "群众档案"), ("phone", "群众档案")]
    assert all(r.staff_id == intake_template.head.staff_id for r in reveals)

    # intake's resident step opens the same page
    intake.start()
    choose_resident(qtbot, intake)
    with qtbot.waitSignal(intake.open_resident) as asked:
        intake.page_button.click()
    assert asked.args == [person.id]


def test_a_correction_needs_a_reason_and_the_form_holds_the_limits(qtbot, runner, desk_db, intake_template) -> None:
    person = _resident(desk_db, "欧阳娜娜")
    page = ResidentPageDialog(runner, person.id, actor=intake_template.head)
    qtbot.addWidget(page)
    page.show()
    edit = CorrectionDialog(runner, page.page, actor=intake_template.head, parent=page)
    qtbot.addWidget(edit)
    edit.show()
    edit.address.setText("和" * 300)  # pasted: kept whole, flagged, and refused in words, never cut silently
    assert len(edit.address.text()) == 300 and "200" in edit.address.toolTip()
    edit.reason.setText("入户核实")
    edit.submit()
    assert "住址" in edit.error.text() and "200" in edit.error.text()
    edit.reason.setText("")
    edit.address.setText("和平村三组 8 号")
    edit.notes.setPlainText("独居老人，女儿在广州")
    edit.submit()
    assert "原因" in edit.error.text()
    assert _resident(desk_db, "欧阳娜娜").address == ""  # nothing saved
    edit.notes.setPlainText("长" * 1001)
    edit.reason.setText("入户核实")
    edit.submit()
    assert "家庭情况备注" in edit.error.text() and "1000" in edit.error.text()
    edit.notes.setPlainText("独居老人，女儿在广州")
    edit.submit()
    assert edit.result() == edit.DialogCode.Accepted
    stored = _resident(desk_db, "欧阳娜娜")
    assert (stored.address, stored.household_notes) == ("和平村三组 8 号", "独居老人，女儿在广州")
    assert "独居老人" in page.notes.text()  # the page refreshed itself
    _shot(page, "resident-page-notes")


def test_a_worker_asks_and_the_head_confirms_the_merge(qtbot, runner, desk_db, intake_template) -> None:
    with desk_db.session_factory.begin() as session:
        clerk = actor_for(session, add_staff(session, intake_template.head, username="lina", display_name="李娜",
                                             password="lina2026"))
        typo = register_resident(session, clerk, ResidentInput(RESIDENT_ID, fictional_id_number(
            region_code="449901", birth_date=date(1948, 3, 19), sequence=21, gender="男"), "张三丰")).resident_id
    person = _resident(desk_db, "张三丰")
    page = ResidentPageDialog(runner, typo, actor=clerk)
    qtbot.addWidget(page)
    page.show()
    merge = MergeDialog(runner, page.page, actor=clerk, parent=page)
    qtbot.addWidget(merge)
    merge.show()
    merge.lookup.setText("张三丰")
    merge.search()
    assert merge.results.count() == 1  # the other record, not this one
    merge.keep_other.setChecked(True)
    merge.reason.setText("出生日期录错，重复登记")
    merge.submit()
    assert merge.result() == merge.DialogCode.Accepted
    assert page.merges_box.isVisibleTo(page) and "等待中心主任" in page.merges_box.findChildren(
        type(page.title))[1].text()
    head_page = ResidentPageDialog(runner, person.id, actor=intake_template.head)
    qtbot.addWidget(head_page)
    head_page.show()
    _shot(head_page, "resident-page-merge-request")
    [confirm] = [b for b in head_page.merges_box.findChildren(type(head_page.edit_button)) if b.text() == "确认合并"]
    confirm.click()
    assert _resident_by_id(desk_db, typo).merged_into is None  # asked first, No by default
    head_page.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    assert _resident_by_id(desk_db, typo).merged_into == person.id
    assert not head_page.merges_box.isVisibleTo(head_page)
    page.reload()
    assert page.merged_banner.isVisibleTo(page) and "张三丰" in page.merged_banner.text()
    assert not page.edit_button.isEnabled()
    _shot(page, "resident-page-merged")


def _resident_by_id(db: Database, resident_id) -> Resident:
    with db.session_factory() as session:
        return session.get(Resident, resident_id)
