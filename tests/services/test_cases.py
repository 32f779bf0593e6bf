"""一窗受理 and case events: intake outcomes, deadlines in working days,
pausing, extension, event history, case numbers, audit.

Expected dates are counted by hand from the 2026 holiday notice: the Spring
Festival holiday is Sun 15 Feb – Mon 23 Feb 2026, with Sat 14 Feb and Sat
28 Feb as working days (调休上班).
"""
from __future__ import annotations

import dataclasses
import shutil
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.models import AuditEntry, Case, CaseCounter, CaseEvent, CatalogItem, Staff
from app.models.vocabulary import CaseEventKind, IntakeOutcome
from app.services.calendar import WorkCalendar
from app.services.cases import IntakeRequest, MaterialReceipt, take_in
from app.services.catalog_import import import_catalog, validate_catalog
from app.services.errors import DomainError, NotFound
from app.services.identity import fictional_id_number, parse_id_number
from app.services.lifecycle import IllegalTransition
from app.services.queries import deadline_state
from tests.services.desk import CATALOG, NOW, D, Desk, at

# -- intake outcomes ----------------------------------------------------------

# Who approved an extension (行政许可法 §42: the organ's head).
APPROVED = {"approved_by": "张主任"}


def test_done_on_the_spot(desk: Desk) -> None:
    case = desk.case(desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT)))
    assert case.status == "completed" and case.outcome == "done_on_the_spot"
    assert case.result == "approved" and case.completed_at == NOW
    assert case.received_at == NOW and case.handled_by == desk.clerk.staff_id
    assert case.case_number == "SF01-01-20260212-0001"
    assert len(case.verification_code) == 6
    (event,) = case.events
    assert (event.seq, event.kind, event.from_status, event.to_status) == (1, "done_on_the_spot", None, "completed")


def test_done_on_the_spot_only_for_an_item_handled_on_the_spot(desk: Desk) -> None:
    # The same rule the intake screen shows (lifecycle.outcome_options), enforced here.
    with pytest.raises(DomainError, match="该事项不能当场办结") as raised:
        desk.take_in(desk.request("CM", IntakeOutcome.DONE_ON_THE_SPOT))
    assert raised.value.field == "outcome"
    assert desk.count(Case) == 0


def test_take_in_refuses_in_english_under_lang_en(desk: Desk, english: None) -> None:
    with pytest.raises(DomainError, match=r"Key materials are missing \(.+\): choose"):
        desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT, materials=desk.full("CM")[1:]))
    with pytest.raises(DomainError, match="Give the reasons"):
        desk.take_in(desk.request("CM", IntakeOutcome.REJECT))


def test_accept_counts_the_committed_deadline_in_working_days_across_spring_festival(desk: Desk) -> None:
    case = desk.case(desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT)))
    assert case.status == "accepted" and case.accepted_on == D("2026-02-12")
    # 5 working days: Fri 13, Sat 14 (调休), Tue 24, Wed 25, Thu 26 Feb.
    assert case.committed_due == D("2026-02-26")
    # 20 working days: 13, 14, 24–28 Feb (7), 2–6 Mar (12), 9–13 Mar (17), 16–18 Mar (20).
    assert case.statutory_due == D("2026-03-18")
    assert case.committed_due <= case.statutory_due
    assert not case.due_provisional and case.paused_working_days == 0
    assert [(m.name, m.required_count, m.received_count, m.key) for m in case.materials] == [
        ("居民身份证", 1, 1, True), ("居民户口簿", 2, 2, True), ("银行卡", 1, 1, False),
    ]
    assert all(m.received_form == m.form for m in case.materials)


def test_a_deadline_in_an_unpublished_year_is_provisional(desk: Desk) -> None:
    case = desk.case(desk.take_in(desk.request("FW", IntakeOutcome.FORWARD, forwarded_to="示例镇民政办"),
                                  now=at("2026-12-15")))
    assert case.committed_due.year == 2027
    assert case.due_provisional


def test_accept_refuses_missing_key_materials(desk: Desk) -> None:
    receipts = desk.full("CM")[1:]  # no ID card
    with pytest.raises(DomainError, match="关键材料未收齐.*居民身份证") as raised:
        desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT, materials=receipts))
    assert raised.value.field == "materials"
    assert desk.count(Case) == 0


def test_accept_refuses_too_few_copies(desk: Desk) -> None:
    id_card, booklet, card = desk.materials["CM"]
    receipts = (MaterialReceipt(id_card[0], 1), MaterialReceipt(booklet[0], 1), MaterialReceipt(card[0], 1))
    with pytest.raises(DomainError, match="居民户口簿"):
        desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT, materials=receipts))


def test_accept_with_other_materials_missing_points_to_deferred_or_supplement(desk: Desk) -> None:
    with pytest.raises(DomainError, match="容缺受理") as raised:
        desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT, materials=desk.full("CM")[:2]))
    assert raised.value.field == "materials"
    with pytest.raises(DomainError, match="补正") as raised:  # this item allows no deferral
        desk.take_in(desk.request("CN", IntakeOutcome.ACCEPT, materials=desk.full("CN")[:1]))
    assert "容缺" not in str(raised.value)
    assert desk.count(Case) == 0


def test_accept_deferred(desk: Desk) -> None:
    id_card, booklet, card = desk.materials["CM"]
    receipts = (
        MaterialReceipt(id_card[0], 1), MaterialReceipt(booklet[0], 2),
        MaterialReceipt(card[0], 0, supply_by=D("2026-02-25")),
    )
    case = desk.case(desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT_DEFERRED, materials=receipts)))
    assert case.status == "accepted" and case.deferred_materials
    assert case.committed_due == D("2026-02-26")
    bank = case.materials[2]
    assert (bank.received_count, bank.received_form, bank.supply_by) == (0, None, D("2026-02-25"))


@pytest.mark.parametrize(
    ("supply_by", "message"),
    [
        (None, "请填写「银行卡」的承诺补交日期"),
        (D("2026-02-27"), "不能晚于承诺办结日期 2026-02-26"),
        (D("2026-02-11"), "不能早于今天"),
    ],
)
def test_accept_deferred_needs_a_sensible_supply_date(desk: Desk, supply_by: date | None, message: str) -> None:
    id_card, booklet, card = desk.materials["CM"]
    receipts = (MaterialReceipt(id_card[0], 1), MaterialReceipt(booklet[0], 2),
                MaterialReceipt(card[0], 0, supply_by=supply_by))
    with pytest.raises(DomainError, match=message) as raised:
        desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT_DEFERRED, materials=receipts))
    assert raised.value.field == "supply_by"
    assert desk.count(Case) == 0 and desk.count(CaseEvent) == 0


def test_accept_deferred_on_the_due_date_itself_is_fine(desk: Desk) -> None:
    id_card, booklet, card = desk.materials["CM"]
    receipts = (MaterialReceipt(id_card[0], 1), MaterialReceipt(booklet[0], 2),
                MaterialReceipt(card[0], 0, supply_by=D("2026-02-26")))
    desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT_DEFERRED, materials=receipts))


def test_accept_deferred_is_refused_when_it_does_not_apply(desk: Desk) -> None:
    with pytest.raises(DomainError, match="不允许容缺") as raised:  # item does not allow it
        desk.take_in(desk.request("CN", IntakeOutcome.ACCEPT_DEFERRED, materials=desk.full("CN")[:1]))
    assert raised.value.field == "outcome"
    with pytest.raises(DomainError, match="关键材料.*不能容缺"):  # a key material is missing
        desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT_DEFERRED, materials=desk.full("CM")[1:]))
    with pytest.raises(DomainError, match="材料已收齐"):  # nothing is missing
        desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT_DEFERRED))
    assert desk.count(Case) == 0


def test_request_supplement_then_materials_arrive(desk: Desk) -> None:
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.SUPPLEMENT, materials=desk.full("CM")[1:]))
    case = desk.case(case_id)
    assert case.status == "needs_supplement"
    assert case.committed_due is None and case.statutory_due is None and case.accepted_on is None
    assert deadline_state(case.status, case.committed_due, D("2026-02-12"), soon_days=2,
                          calendar=desk.calendar) == "none"

    desk.event(case_id, CaseEventKind.SUPPLEMENT_RECEIVED, now=at("2026-02-24"), note="身份证已补交")
    case = desk.case(case_id)
    assert case.status == "accepted" and case.accepted_on == D("2026-02-24")
    # The clock starts on the day the materials arrive: 25, 26, 27, 28 (调休) Feb, 2 Mar.
    assert case.committed_due == D("2026-03-02")
    assert all(m.received_count >= m.required_count for m in case.materials)


def test_request_supplement_needs_something_missing(desk: Desk) -> None:
    with pytest.raises(DomainError, match="无需补正") as raised:
        desk.take_in(desk.request("CM", IntakeOutcome.SUPPLEMENT))
    assert raised.value.field == "outcome"


def test_reject_needs_reasons(desk: Desk) -> None:
    for blank in ("", "   "):
        with pytest.raises(DomainError, match="理由") as raised:
            desk.take_in(desk.request("CM", IntakeOutcome.REJECT, reasons=blank))
        assert raised.value.field == "reasons"
    assert desk.count(Case) == 0
    case = desk.case(desk.take_in(desk.request("CM", IntakeOutcome.REJECT, reasons=" 户籍不在本村 ")))
    assert case.status == "rejected" and case.committed_due is None
    (event,) = case.events
    assert event.data["reasons"] == "户籍不在本村" and "户籍不在本村" in event.note


def test_forward_at_intake_needs_a_department(desk: Desk) -> None:
    with pytest.raises(DomainError, match="转报的部门") as raised:
        desk.take_in(desk.request("FW", IntakeOutcome.FORWARD, forwarded_to="  "))
    assert raised.value.field == "forwarded_to"
    with pytest.raises(DomainError, match="预计返回日期") as raised:
        desk.take_in(desk.request("FW", IntakeOutcome.FORWARD, forwarded_to="示例镇民政办",
                                  expected_return=D("2026-02-11")))
    assert raised.value.field == "expected_return"
    assert desk.count(Case) == 0
    case = desk.case(desk.take_in(desk.request("FW", IntakeOutcome.FORWARD, forwarded_to=" 示例镇民政办 ",
                                               expected_return=D("2026-03-02"))))
    assert case.status == "forwarded" and case.forwarded_to == "示例镇民政办"
    assert case.expected_return == D("2026-03-02") and case.committed_due is not None
    assert case.events[0].data["forwarded_to"] == "示例镇民政办"


def test_intake_refuses_unknown_outcome_resident_and_item(desk: Desk) -> None:
    with pytest.raises(DomainError, match="未知的受理结果") as raised:
        desk.take_in(desk.request("CM", "maybe"))
    assert raised.value.field == "outcome"
    with pytest.raises(NotFound) as raised:
        desk.take_in(IntakeRequest(resident_id=uuid.uuid4(), item_id=desk.items["CM"], outcome="accept"))
    assert raised.value.field == "resident"
    with pytest.raises(NotFound) as raised:
        desk.take_in(IntakeRequest(resident_id=desk.resident_id, item_id=uuid.uuid4(), outcome="accept"))
    assert raised.value.field == "item"
    assert desk.count(Case) == 0


# -- later events -------------------------------------------------------------


def _accepted(desk: Desk, code: str = "CM", now: datetime = NOW) -> uuid.UUID:
    return desk.take_in(desk.request(code, IntakeOutcome.ACCEPT), now=now)


def test_suspend_and_resume_move_the_deadline_by_the_paused_working_days(desk: Desk) -> None:
    case_id = _accepted(desk)
    desk.event(case_id, CaseEventKind.START, now=at("2026-02-13", 9))
    with pytest.raises(DomainError, match="原因") as raised:
        desk.event(case_id, CaseEventKind.SUSPEND, now=at("2026-02-13", 11))
    assert raised.value.field == "note"
    desk.event(case_id, CaseEventKind.SUSPEND, now=at("2026-02-13", 11), note="需补充户籍证明")
    case = desk.case(case_id)
    assert case.status == "suspended" and case.committed_due == D("2026-02-26")
    assert deadline_state(case.status, case.committed_due, D("2026-02-24"), soon_days=2,
                          calendar=desk.calendar) == "paused"

    desk.event(case_id, CaseEventKind.RESUME, now=at("2026-02-25", 15), note="材料已补齐")
    case = desk.case(case_id)
    assert case.status == "in_progress"
    # Paused working days after the 13th up to the 25th: Sat 14 (调休), Tue 24, Wed 25.
    assert case.paused_working_days == 3
    assert case.events[-1].data["paused_working_days"] == 3
    # So the deadlines move on by three working days: 27, 28 (调休) Feb, 2 Mar …
    assert case.committed_due == D("2026-03-02")
    # … and 19, 20, 23 Mar for the statutory one.
    assert case.statutory_due == D("2026-03-23")


def test_a_pause_and_resume_on_the_same_day_costs_nothing(desk: Desk) -> None:
    case_id = _accepted(desk)
    desk.event(case_id, CaseEventKind.SUSPEND, now=at("2026-02-13", 9), note="等待材料")
    desk.event(case_id, CaseEventKind.RESUME, now=at("2026-02-13", 16))
    case = desk.case(case_id)
    assert (case.committed_due, case.paused_working_days) == (D("2026-02-26"), 0)


def test_two_pauses_add_up(desk: Desk) -> None:
    case_id = _accepted(desk)
    desk.event(case_id, CaseEventKind.SUSPEND, now=at("2026-02-13"), note="第一次补正")
    desk.event(case_id, CaseEventKind.RESUME, now=at("2026-02-14"))  # 1 day: Sat 14 (调休)
    desk.event(case_id, CaseEventKind.SUSPEND, now=at("2026-02-24"), note="第二次补正")
    desk.event(case_id, CaseEventKind.RESUME, now=at("2026-02-26"))  # 2 days: 25, 26
    case = desk.case(case_id)
    assert case.paused_working_days == 3
    assert case.committed_due == D("2026-03-02")


def test_extension_only_before_the_deadline_and_only_later(desk: Desk) -> None:
    case_id = _accepted(desk)  # due 2026-02-26
    desk.event(case_id, CaseEventKind.START, now=at("2026-02-13"))
    with pytest.raises(DomainError, match="原因"):
        desk.event(case_id, CaseEventKind.EXTEND, now=at("2026-02-24"), new_due=D("2026-03-05"))
    for bad in (None, D("2026-02-26"), D("2026-02-25")):
        with pytest.raises(DomainError, match="晚于原承诺日期") as raised:
            desk.event(case_id, CaseEventKind.EXTEND, now=at("2026-02-24"), new_due=bad, note="需联合审核")
        assert raised.value.field == "new_due"
    assert desk.case(case_id).committed_due == D("2026-02-26")

    with pytest.raises(DomainError, match="批准") as raised:  # 行政许可法 §42: the head approves
        desk.event(case_id, CaseEventKind.EXTEND, now=at("2026-02-26", 16), new_due=D("2026-03-05"),
                   note="需上级部门联合审核")
    assert raised.value.field == "approved_by"
    seq = desk.event(case_id, CaseEventKind.EXTEND, now=at("2026-02-26", 16), new_due=D("2026-03-05"),
                     note="需上级部门联合审核", details=APPROVED)  # on the due date itself: still in time
    case = desk.case(case_id)
    assert case.committed_due == D("2026-03-05") and case.status == "in_progress"
    extension = case.events[seq - 1]
    assert extension.kind == "extend" and extension.note == "需上级部门联合审核"
    assert extension.data == {"old_due": "2026-02-26", "new_due": "2026-03-05", "documents": ["extension_notice"],
                              "approved_by": "张主任", "days_added": 6,  # 2026-02-28 is a working Saturday
                              "statutory_due": case.statutory_due.isoformat()}

    with pytest.raises(DomainError, match="已逾期") as raised:
        desk.event(case_id, CaseEventKind.EXTEND, now=at("2026-03-06"), new_due=D("2026-03-20"), note="再次延期")
    assert raised.value.field == "new_due"
    assert desk.case(case_id).committed_due == D("2026-03-05")


def test_complete_needs_a_result_and_deliver_follows(desk: Desk) -> None:
    case_id = _accepted(desk)
    with pytest.raises(DomainError, match="办结结果") as raised:
        desk.event(case_id, CaseEventKind.COMPLETE, now=at("2026-02-13"))
    assert raised.value.field == "result"
    desk.event(case_id, CaseEventKind.COMPLETE, now=at("2026-02-13"), result="denied", note="不符合条件")
    case = desk.case(case_id)
    assert (case.status, case.result, case.completed_at) == ("completed", "denied", at("2026-02-13"))
    desk.event(case_id, CaseEventKind.DELIVER, now=at("2026-02-14"))
    assert desk.case(case_id).status == "delivered"


def test_forward_return_complete(desk: Desk) -> None:
    case_id = _accepted(desk, "FW")
    with pytest.raises(DomainError, match="转报的部门"):
        desk.event(case_id, CaseEventKind.FORWARD, now=at("2026-02-13"))
    desk.event(case_id, CaseEventKind.FORWARD, now=at("2026-02-13"), forwarded_to="示例镇民政办",
               expected_return=D("2026-03-02"))
    with pytest.raises(IllegalTransition):
        desk.event(case_id, CaseEventKind.COMPLETE, now=at("2026-02-14"), result="approved")
    desk.event(case_id, CaseEventKind.RETURN, now=at("2026-02-27"), note="审核通过")
    desk.event(case_id, CaseEventKind.COMPLETE, now=at("2026-02-28"), result="approved")
    case = desk.case(case_id)
    assert [e.kind for e in case.events] == ["accept", "forward", "return", "complete"]
    assert case.forwarded_to == "示例镇民政办" and case.status == "completed"


def test_reopen_only_by_the_head_and_with_a_reason(desk: Desk) -> None:
    case_id = _accepted(desk)
    desk.event(case_id, CaseEventKind.COMPLETE, now=at("2026-02-13"), result="approved")
    with pytest.raises(IllegalTransition, match="中心主任") as raised:
        desk.event(case_id, CaseEventKind.REOPEN, now=at("2026-02-14"), note="结果有误")
    assert raised.value.field == "role"
    with pytest.raises(DomainError, match="原因"):
        desk.event(case_id, CaseEventKind.REOPEN, now=at("2026-02-14"), actor=desk.head)
    desk.event(case_id, CaseEventKind.REOPEN, now=at("2026-02-14"), actor=desk.head, note="结果有误，重新办理")
    case = desk.case(case_id)
    assert case.status == "in_progress" and case.result is None and case.completed_at is None
    assert case.events[-1].staff_id == desk.head.staff_id


def test_reopening_a_refusal_accepts_it_with_a_deadline_from_that_day(desk: Desk) -> None:
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.REJECT, reasons="不符合年龄条件"))
    assert desk.case(case_id).committed_due is None
    desk.event(case_id, CaseEventKind.REOPEN, now=at("2026-02-24"), actor=desk.head, note="年龄核实有误")
    case = desk.case(case_id)
    assert case.status == "accepted" and case.accepted_on == D("2026-02-24")
    assert case.committed_due == D("2026-03-02")  # 5 working days: 25, 26, 27, 28 (Sat, 调休), 2 Mar
    assert case.events[-1].to_status == "accepted"


def test_reopening_a_withdrawn_supplement_waits_for_the_materials_again(desk: Desk) -> None:
    missing = desk.full("CM")[:1]
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.SUPPLEMENT, materials=missing))
    desk.event(case_id, CaseEventKind.WITHDRAW, now=at("2026-02-13"), note="群众暂不办理")
    desk.event(case_id, CaseEventKind.REOPEN, now=at("2026-02-24"), actor=desk.head, note="群众带齐材料再来")
    case = desk.case(case_id)
    assert case.status == "needs_supplement" and case.committed_due is None


def test_a_case_paused_before_its_deadline_can_still_be_extended(desk: Desk) -> None:
    case_id = _accepted(desk)  # due 2026-02-26
    desk.event(case_id, CaseEventKind.SUSPEND, now=at("2026-02-25"), note="缺银行卡复印件")
    # Weeks later the resident is still away; the clock stopped on the 25th.
    desk.event(case_id, CaseEventKind.EXTEND, now=at("2026-03-16"), new_due=D("2026-03-05"), note="需联合审核",
               details=APPROVED)
    assert desk.case(case_id).committed_due == D("2026-03-05")


def test_outcomes_and_events_say_which_documents_to_print(desk: Desk) -> None:
    expected = {
        IntakeOutcome.DONE_ON_THE_SPOT: ["completion_notice"],
        IntakeOutcome.ACCEPT: ["receipt"],
        IntakeOutcome.REJECT: ["rejection_notice"],
    }
    for outcome, docs in expected.items():
        code = "OS" if outcome == IntakeOutcome.DONE_ON_THE_SPOT else "CM"
        case_id = desk.take_in(desk.request(code, outcome, reasons="理由" if outcome == "reject" else ""))
        assert desk.case(case_id).events[0].data["documents"] == docs
    missing = desk.full("CM")[:2]  # the bank card (not key) missing
    deferred = desk.take_in(desk.request(
        "CM", IntakeOutcome.ACCEPT_DEFERRED,
        materials=missing + (MaterialReceipt(desk.materials["CM"][2][0], 0, supply_by=D("2026-02-25")),)))
    assert desk.case(deferred).events[0].data["documents"] == ["receipt", "deferred_notice"]
    supplement = desk.take_in(desk.request("CM", IntakeOutcome.SUPPLEMENT, materials=missing,
                                           supplement_by=D("2026-02-27")))
    first = desk.case(supplement).events[0]
    assert first.data["documents"] == ["supplement_notice"]
    assert first.data["missing"] == ["银行卡"] and first.data["supplement_by"] == "2026-02-27"
    with pytest.raises(DomainError, match="补正期限"):
        desk.take_in(desk.request("CM", IntakeOutcome.SUPPLEMENT, materials=missing, supplement_by=D("2026-02-01")))


def test_an_illegal_event_changes_nothing(desk: Desk) -> None:
    case_id = desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT))
    audits = desk.count(AuditEntry)
    for event in (CaseEventKind.START, CaseEventKind.SUSPEND, CaseEventKind.RETURN, CaseEventKind.WITHDRAW):
        with pytest.raises(IllegalTransition):
            desk.event(case_id, event, now=at("2026-02-13"), note="x")
    case = desk.case(case_id)
    assert case.status == "completed" and len(case.events) == 1
    assert desk.count(AuditEntry) == audits
    with pytest.raises(NotFound):
        desk.event(uuid.uuid4(), CaseEventKind.START, now=at("2026-02-13"))


def test_withdraw_needs_a_reason(desk: Desk) -> None:
    case_id = _accepted(desk)
    with pytest.raises(DomainError, match="原因"):
        desk.event(case_id, CaseEventKind.WITHDRAW, now=at("2026-02-13"), note=" ")
    desk.event(case_id, CaseEventKind.WITHDRAW, now=at("2026-02-13"), note="申请人自愿撤回")
    assert desk.case(case_id).status == "withdrawn"


# -- history, numbers, audit --------------------------------------------------


def test_events_are_numbered_per_case_and_record_who_when_what(desk: Desk) -> None:
    first, second = _accepted(desk), _accepted(desk, "CN")
    plan = [
        (first, CaseEventKind.START, at("2026-02-12", 11), desk.clerk, "开始"),
        (second, CaseEventKind.NOTE, at("2026-02-12", 12), desk.head, "来电询问进度"),
        (first, CaseEventKind.SUSPEND, at("2026-02-13", 9), desk.clerk, "缺户籍证明"),
        (second, CaseEventKind.START, at("2026-02-13", 10), desk.head, ""),
        (first, CaseEventKind.RESUME, at("2026-02-24", 9), desk.head, "已补交"),
        (first, CaseEventKind.COMPLETE, at("2026-02-24", 15), desk.clerk, "准予"),
    ]
    for case_id, event, when, actor, note in plan:
        kwargs = {"result": "approved"} if event == CaseEventKind.COMPLETE else {}
        desk.event(case_id, event, now=when, actor=actor, note=note, **kwargs)

    for case_id in (first, second):
        case = desk.case(case_id)
        events = case.events
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        expected = [(NOW, desk.clerk.staff_id, "")] + [
            (when, actor.staff_id, note) for cid, _e, when, actor, note in plan if cid == case_id
        ]
        assert [(e.occurred_at, e.staff_id, e.note) for e in events] == expected
        for before, after in zip(events, events[1:]):
            assert after.from_status == before.to_status
        assert events[-1].to_status == case.status
        assert case.updated_at == events[-1].occurred_at
    assert len(desk.case(first).events) == 5 and len(desk.case(second).events) == 3


def test_case_numbers_are_unique_and_increasing_per_device_per_day(desk: Desk) -> None:
    numbers = [desk.case(_accepted(desk, now=NOW + timedelta(minutes=i))).case_number for i in range(3)]
    assert numbers == ["SF01-01-20260212-0001", "SF01-01-20260212-0002", "SF01-01-20260212-0003"]
    next_day = desk.case(_accepted(desk, now=at("2026-02-13"))).case_number
    assert next_day == "SF01-01-20260213-0001"
    # Two intakes in one unit of work still get different numbers.
    with desk.db.session_factory.begin() as session:
        a = take_in(session, desk.clerk, desk.request("CM", "accept"), calendar=desk.calendar, now=NOW)
        b = take_in(session, desk.clerk, desk.request("CM", "accept"), calendar=desk.calendar, now=NOW)
        assert (a.case_number, b.case_number) == ("SF01-01-20260212-0004", "SF01-01-20260212-0005")


def test_case_numbers_stay_unique_when_the_counters_are_lost(desk: Desk) -> None:
    """A restore from an older backup can bring back cases without their counter."""
    for _ in range(3):
        _accepted(desk)
    with desk.db.engine.begin() as connection:
        connection.execute(text("DELETE FROM case_counters"))
    assert desk.count(CaseCounter) == 0
    number = desk.case(_accepted(desk)).case_number
    assert number == "SF01-01-20260212-0004"
    with desk.db.session_factory() as session:
        all_numbers = session.scalars(select(Case.case_number)).all()
    assert len(set(all_numbers)) == len(all_numbers) == 4


def test_case_numbers_are_never_reused_after_a_restore_from_backup(desk: Desk, tmp_path: Path) -> None:
    """The backup knows one case; two more are issued; the backup is restored.
    The next number must continue after the three, not after the one."""
    from app.db import backup_database

    _accepted(desk)
    backup = backup_database(desk.db.path, reason="test")
    later = [desk.case(_accepted(desk)).case_number for _ in range(2)]
    assert later == ["SF01-01-20260212-0002", "SF01-01-20260212-0003"]
    desk.db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{desk.db.path}{suffix}").unlink(missing_ok=True)
    shutil.copy(backup, desk.db.path)  # what a worker or IT person does to restore
    assert desk.count(Case) == 1
    assert desk.case(_accepted(desk)).case_number == "SF01-01-20260212-0004"


def test_a_damaged_ledger_does_not_stop_intake(desk: Desk, tmp_path: Path) -> None:
    from app.numbering import LEDGER_FILENAME

    _accepted(desk)
    (tmp_path / LEDGER_FILENAME).write_text("{not json", encoding="utf-8")
    assert desk.case(_accepted(desk)).case_number == "SF01-01-20260212-0002"
    assert '"SF01-01-20260212-": 2' in (tmp_path / LEDGER_FILENAME).read_text(encoding="utf-8")


def test_two_devices_never_issue_the_same_number(desk: Desk) -> None:
    from app.models import Device

    with desk.db.session_factory.begin() as session:
        second = Device(center_id=desk.clerk.center_id, device_number=2, window_no="2", is_this_device=False)
        session.add(second)
        session.flush()
        second_id = second.id
    other = dataclasses.replace(desk.clerk, device_id=second_id, window_no="2")
    numbers = []
    for i in range(3):
        numbers.append(desk.case(_accepted(desk, now=NOW + timedelta(minutes=i))).case_number)
        numbers.append(desk.case(desk.take_in(desk.request("CM", "accept"), actor=other,
                                              now=NOW + timedelta(minutes=i))).case_number)
    assert len(set(numbers)) == 6
    assert {n.split("-")[1] for n in numbers} == {"01", "02"}


def test_case_numbers_follow_the_counter_when_it_is_ahead(desk: Desk) -> None:
    _accepted(desk)
    with desk.db.engine.begin() as connection:
        connection.execute(text("UPDATE case_counters SET last_seq = 41"))
    assert desk.case(_accepted(desk)).case_number == "SF01-01-20260212-0042"


def test_every_change_is_audited(desk: Desk) -> None:
    case_id = _accepted(desk)
    desk.event(case_id, CaseEventKind.START, now=at("2026-02-13"))
    desk.event(case_id, CaseEventKind.COMPLETE, now=at("2026-02-24"), result="approved")
    with desk.db.session_factory() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "case").order_by(AuditEntry.occurred_at)
        ).all()
        number = session.get(Case, case_id).case_number
    assert [(e.action, e.occurred_at) for e in entries] == [
        ("create", NOW), ("update", at("2026-02-13")), ("update", at("2026-02-24")),
    ]
    assert all(e.entity_id == str(case_id) and number in e.summary for e in entries)
    assert all(e.staff_id == desk.clerk.staff_id and e.device_id == desk.clerk.device_id for e in entries)
    # Sensitive data stays out of the log.
    with desk.db.session_factory() as session:
        id_number = parse_id_number(
            fictional_id_number(region_code="440111", birth_date=date(1940, 5, 6), sequence=12, gender="男")
        ).number
        for entry in session.scalars(select(AuditEntry)):
            assert id_number not in entry.summary and id_number not in str(entry.detail)


def test_the_case_keeps_pointing_at_the_item_it_was_taken_under(desk: Desk) -> None:
    case = desk.case(_accepted(desk))
    with desk.db.session_factory() as session:
        item = session.get(CatalogItem, case.item_id)
        assert item.code == "CM" and case.catalog_version == "test-1"


# -- deadline state -----------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "status", "expected"),
    [
        ("2026-02-13", "accepted", "on_time"),
        ("2026-02-24", "in_progress", "due_soon"),  # 2 working days left
        ("2026-02-26", "forwarded", "due_soon"),
        ("2026-02-27", "returned", "overdue"),
        ("2026-02-27", "suspended", "paused"),
        ("2026-02-27", "completed", "none"),
        ("2026-02-27", "delivered", "none"),
        ("2026-02-27", "withdrawn", "none"),
    ],
)
def test_deadline_state(today: str, status: str, expected: str) -> None:
    calendar = WorkCalendar.official()
    assert deadline_state(status, D("2026-02-26"), D(today), soon_days=2, calendar=calendar) == expected


def test_the_clock_is_counted_from_the_desk_local_date(desk: Desk) -> None:
    late = datetime(2026, 2, 12, 23, 30).astimezone()
    case = desk.case(_accepted(desk, now=late))
    assert case.accepted_on == D("2026-02-12") and case.case_number.endswith("20260212-0001")


def test_staff_ids_in_events_are_real_staff(desk: Desk) -> None:
    case_id = _accepted(desk)
    with desk.db.session_factory() as session:
        staff_ids = set(session.scalars(select(Staff.id)))
        assert {e.staff_id for e in session.get(Case, case_id).events} <= staff_ids


def test_an_item_of_a_retired_catalog_version_is_refused(desk: Desk) -> None:
    newer = dict(CATALOG, version=CATALOG["version"] + "-new")
    with desk.db.session_factory.begin() as session:
        import_catalog(session, validate_catalog(newer, source="new.json"), actor=desk.head)
    with pytest.raises(DomainError, match="已停用的目录版本") as raised:
        desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT))
    assert raised.value.field == "item"
    assert desk.count(Case) == 0


def test_deadline_across_national_day_2026_with_a_pause_and_an_extension(desk: Desk) -> None:
    """2026: 中秋 25–27 Sep, 国庆 1–7 Oct, with Sat 10 Oct a working day (调休).
    Counted by hand: accepted Tue 29 Sep, 5 working days = 30 Sep, 8, 9, 10 (Sat), 12 Oct."""
    case_id = _accepted(desk, now=at("2026-09-29"))
    assert desk.case(case_id).committed_due == D("2026-10-12")
    desk.event(case_id, CaseEventKind.START, now=at("2026-09-30"))
    # Paused on Thu 8 Oct, resumed Sat 10 Oct: 9 and 10 Oct do not count.
    desk.event(case_id, CaseEventKind.SUSPEND, now=at("2026-10-08"), note="缺户口簿复印件")
    desk.event(case_id, CaseEventKind.RESUME, now=at("2026-10-10"))
    case = desk.case(case_id)
    assert case.paused_working_days == 2 and case.committed_due == D("2026-10-14")
    desk.event(case_id, CaseEventKind.EXTEND, now=at("2026-10-14", 16), new_due=D("2026-10-21"),
               note="需县民政局联合审核", details=APPROVED)
    assert desk.case(case_id).committed_due == D("2026-10-21")
    assert deadline_state("in_progress", D("2026-10-21"), D("2026-10-20"), calendar=desk.calendar) == "due_soon"
    assert deadline_state("in_progress", D("2026-10-21"), D("2026-10-22"), calendar=desk.calendar) == "overdue"
