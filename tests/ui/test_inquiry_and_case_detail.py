"""首问登记 (F4) outcomes and the case detail's actions, in the real widgets."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db import Database
from app.models import Case, Inquiry
from app.models.vocabulary import CaseEventKind
from app.ui.case_detail import ActionDialog, CaseDetailDialog
from app.ui.operations import InlineLanes, OperationRunner
from app.ui.screens.inquiry import InquiryScreen
from app.ui.screens.intake import STEP_DONE, IntakeScreen
from tests.ui.test_intake import choose_item, choose_resident, enter, only_case, to_outcome


@pytest.fixture
def runner(qapp, desk_db: Database) -> OperationRunner:
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = desk_db.session_factory
    return runner


@pytest.fixture
def inquiry(qtbot, runner, intake_template) -> InquiryScreen:
    widget = InquiryScreen(runner)
    qtbot.addWidget(widget)
    widget.set_actor(intake_template.head)
    widget.show()
    widget.start()
    return widget


@pytest.fixture
def intake(qtbot, runner, intake_template) -> IntakeScreen:
    widget = IntakeScreen(runner)
    qtbot.addWidget(widget)
    widget.set_actor(intake_template.head)
    widget.show()
    widget.start()
    return widget


def inquiries(db: Database) -> list[Inquiry]:
    with db.session_factory() as session:
        return list(session.scalars(select(Inquiry).order_by(Inquiry.asked_at)))


def test_answered(qtbot, inquiry: InquiryScreen, desk_db: Database) -> None:
    assert inquiry.name.hasFocus()
    inquiry.name.insert("王大妈")
    inquiry.topic.insert("高龄津贴申报")
    inquiry.register()
    assert "答复" in inquiry.entry_error.text() and inquiry.answer.hasFocus()
    inquiry.answer.insertPlainText("满 80 周岁可申报，带身份证和户口簿")
    qtbot.keyClick(inquiry.answer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (row,) = inquiries(desk_db)
    assert row.outcome == "answered" and row.closed_at is not None and row.item_id is not None
    assert inquiry.name.text() == "" and inquiry.name.hasFocus()  # ready for the next person
    inquiry.view.setCurrentIndex(2)  # all recent
    assert inquiry.table.rowCount() == 1 and inquiry.table.item(0, 1).text() == "王大妈"
    assert inquiry.table.item(0, 8).text() == "待同步"  # not at the county yet
    with desk_db.session_factory.begin() as session:  # the county refused it (as a sync records it)
        session.get(Inquiry, row.id).sync_state, session.get(Inquiry, row.id).sync_error = "error", "县级未接受：缺少咨询人"
    inquiry.reload()
    assert inquiry.table.item(0, 8).text() == "县级未接受" and "缺少咨询人" in inquiry.table.item(0, 8).toolTip()


def test_referred_prints_a_referral_slip_and_is_closed_later(qtbot, inquiry: InquiryScreen,
                                                             desk_db: Database, monkeypatch) -> None:
    inquiry.name.insert("陈大伯")
    inquiry.topic.insert("宅基地边界纠纷")
    inquiry.outcome_radios["referred"].setChecked(True)
    assert inquiry.referred_to.isVisible()
    inquiry.referred_to.insert("镇司法所")
    inquiry.referred_contact.insert("刘所长")
    inquiry.referred_phone.insert("0760-88881234")
    with qtbot.waitSignal(inquiry.print_requested) as printed:
        inquiry.register()
    (row,) = inquiries(desk_db)
    assert printed.args == [row.id, ("referral_slip",)]
    assert row.outcome == "referred" and row.closed_at is None
    assert inquiry.table.rowCount() == 1  # my open inquiries
    inquiry.table.selectRow(0)
    assert inquiry.close_button.isEnabled() and inquiry.print_button.isEnabled()
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("司法所已调解成功", True))
    inquiry.close_selected()
    (row,) = inquiries(desk_db)
    assert row.closed_at is not None and row.close_note == "司法所已调解成功"
    assert inquiry.table.rowCount() == 0


def test_follow_up_needs_a_date_and_stays_open(qtbot, inquiry: InquiryScreen, desk_db: Database) -> None:
    inquiry.name.insert("赵")
    inquiry.topic.insert("外省医保关系转移")
    inquiry.outcome_radios["follow_up"].setChecked(True)
    assert inquiry.follow_up_due.isVisible()
    inquiry.follow_up_due.setDate(date.today() - timedelta(days=1))
    inquiry.register()
    assert "不能早于今天" in inquiry.entry_error.text()
    inquiry.follow_up_due.setDate(date.today() + timedelta(days=2))
    inquiry.register()
    (row,) = inquiries(desk_db)
    assert row.outcome == "follow_up" and row.follow_up_due == date.today() + timedelta(days=2)
    assert row.closed_at is None


def test_converted_to_a_case_in_one_click(qtbot, inquiry: InquiryScreen, intake: IntakeScreen,
                                          desk_db: Database) -> None:
    inquiry.name.insert("张三丰")
    inquiry.topic.insert("高龄津贴申报")
    inquiry.outcome_radios["open"].setChecked(True)
    with qtbot.waitSignal(inquiry.convert_requested) as requested:
        inquiry.register()
    row = requested.args[0]
    assert row.is_open and row.item_id is not None
    # The main window hands it to intake; the item is carried over.
    intake.start(inquiry=row)
    assert intake.lookup.text() == "张三丰"
    enter(qtbot, intake.lookup)  # the one match
    assert intake.current_step() == 2 and intake._item.name == "高龄津贴申报"  # straight to the materials
    to_outcome(qtbot, intake, "accept")
    enter(qtbot, intake.outcomes)
    assert intake.current_step() == STEP_DONE
    case = only_case(desk_db)
    (stored,) = inquiries(desk_db)
    assert stored.outcome == "converted" and stored.case_id == case.id and stored.closed_at is not None


def _accepted_case(qtbot, intake: IntakeScreen, desk_db: Database) -> Case:
    choose_resident(qtbot, intake)
    choose_item(qtbot, intake, "高龄津贴申报")
    to_outcome(qtbot, intake, "accept")
    enter(qtbot, intake.outcomes)
    return only_case(desk_db)


def test_case_detail_offers_only_allowed_actions_and_records_them(qtbot, runner, intake,
                                                                  desk_db, intake_template) -> None:
    case = _accepted_case(qtbot, intake, desk_db)
    dialog = CaseDetailDialog(runner, case.id, actor=intake_template.head)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.detail.case_number == case.case_number
    buttons = [dialog.actions_box.itemAt(i).widget() for i in range(dialog.actions_box.count())]
    labels = [b.text() for b in buttons if b is not None]
    assert labels == ["开始办理", "转报上级部门", "办结", "补正暂停计时", "延期办结", "申请人撤回", "添加备注"]
    assert dialog.materials.rowCount() == len(case.materials)
    assert dialog.events.rowCount() == 1 and "受理" in dialog.events.item(0, 1).text()
    assert "受理回执" in dialog.due_label.text()  # not printed yet
    assert "****" in dialog.title.text() + "".join(
        dialog.info.itemAt(i).widget().text() for i in range(dialog.info.count()))

    # An extension needs a reason; the refusal is shown in the form, nothing is saved.
    extend = ActionDialog(runner, dialog.detail, CaseEventKind.EXTEND, actor=intake_template.head, parent=dialog)
    qtbot.addWidget(extend)
    extend.submit()
    assert "原因" in extend.error.text()
    assert only_case(desk_db).committed_due == case.committed_due
    extend.note.insertPlainText("需县民政局联合审核")
    extend.submit()  # 行政许可法 §42: the approving head is asked for too
    assert "批准" in extend.error.text()
    extend.approved_by.setText("张主任")
    with qtbot.waitSignal(extend.recorded) as recorded:
        extend.submit()
    assert recorded.args == [CaseEventKind.EXTEND, ("extension_notice",)]
    assert only_case(desk_db).committed_due == case.committed_due + timedelta(days=7)

    with qtbot.waitSignal(dialog.print_requested) as printed:
        dialog._recorded(CaseEventKind.EXTEND, ("extension_notice",))
    assert printed.args == [case.id, ("extension_notice",)]
    complete = ActionDialog(runner, dialog.detail, CaseEventKind.COMPLETE, actor=intake_template.head, parent=dialog)
    qtbot.addWidget(complete)
    complete.denied.setChecked(True)
    complete.submit()
    dialog.reload()
    stored = only_case(desk_db)
    assert stored.status == "completed" and stored.result == "denied"
    labels = [dialog.actions_box.itemAt(i).widget().text() for i in range(dialog.actions_box.count())
              if dialog.actions_box.itemAt(i).widget() is not None]
    assert labels == ["送达 / 已取件", "重新办理", "添加备注"]  # the head may reopen
    assert [e.kind for e in dialog.detail.events] == ["accept", "extend", "complete"]
    assert dialog.events.rowCount() == 3
