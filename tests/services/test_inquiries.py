"""首问登记: registering, owning, referring, following up, converting to a case."""
from __future__ import annotations

import pytest

from app.models import Inquiry
from app.models.vocabulary import IntakeOutcome
from app.services.errors import DomainError, PermissionDenied
from app.services.inquiries import (
    InquiryInput,
    close_inquiry,
    follow_up_counts,
    follow_up_rows,
    inquiry_row,
    inquiry_rows,
    record_notification,
    register_inquiry,
)
from tests.services.desk import NOW, D, Desk, at


def _register(desk: Desk, data: InquiryInput, *, actor=None, now=NOW):
    with desk.db.session_factory.begin() as session:
        return register_inquiry(session, actor or desk.clerk, data, now=now)


def _row(desk: Desk, inquiry_id):
    with desk.db.session_factory() as session:
        return inquiry_row(session, inquiry_id)


def test_answered_is_closed_at_once_and_owned_by_the_first_worker(desk: Desk) -> None:
    result = _register(desk, InquiryInput(asker_name=" 王大妈 ", asker_phone="13800138000",
                                          topic="高龄津贴什么时候发", answer="每月 10 日前发放到社保卡"))
    assert result.outcome == "answered" and result.documents == ()
    row = _row(desk, result.id)
    assert row.asker_name == "王大妈" and row.phone_masked == "138****8000"
    assert row.owner_id == desk.clerk.staff_id and row.closed_at == NOW and not row.is_open


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (InquiryInput(asker_name="", topic="x", answer="y"), "asker_name"),
        (InquiryInput(asker_name="王", topic=" ", answer="y"), "topic"),
        (InquiryInput(asker_name="王", topic="x", answer=" "), "answer"),
        (InquiryInput(asker_name="王", topic="x", asker_phone="12345"), "asker_phone"),
        (InquiryInput(asker_name="王", topic="x", outcome="referred", referred_to="司法所", referred_phone="12"),
         "referred_phone"),
        (InquiryInput(asker_name="王", topic="x", outcome="referred", referred_phone="0760-1234567"), "referred_to"),
        (InquiryInput(asker_name="王", topic="x", outcome="referred", referred_to="镇民政办"), "referred_phone"),
        (InquiryInput(asker_name="王", topic="x", outcome="follow_up"), "follow_up_due"),
        (InquiryInput(asker_name="王", topic="x", outcome="follow_up", follow_up_due=D("2026-02-01")),
         "follow_up_due"),
        (InquiryInput(asker_name="王", topic="x", outcome="converted"), "outcome"),
    ],
)
def test_bad_input_names_the_field(desk: Desk, data: InquiryInput, field: str) -> None:
    with pytest.raises(DomainError) as raised:
        _register(desk, data)
    assert raised.value.field == field
    assert str(raised.value)  # a sentence for the worker
    assert desk.count(Inquiry) == 0


def test_an_item_is_a_topic_of_its_own(desk: Desk) -> None:
    result = _register(desk, InquiryInput(asker_name="李四", item_id=desk.items["CN"], answer="带身份证和照片"))
    assert _row(desk, result.id).topic == "居住证办理"


def test_referred_prints_a_referral_slip_and_stays_open_until_the_result_is_reported(desk: Desk) -> None:
    result = _register(desk, InquiryInput(
        asker_name="陈大伯", topic="宅基地纠纷", outcome="referred", referred_to="镇司法所",
        referred_contact="刘所长", referred_phone="0760-88881234", answer="请到镇司法所申请调解"))
    assert result.documents == ("referral_slip",)
    row = _row(desk, result.id)
    assert row.is_open and row.referred_to == "镇司法所" and row.referred_phone == "0760-88881234"
    with pytest.raises(DomainError, match="办理结果"):
        with desk.db.session_factory.begin() as session:
            close_inquiry(session, desk.clerk, result.id, " ")
    with desk.db.session_factory.begin() as session:
        close_inquiry(session, desk.clerk, result.id, "司法所已调解，双方达成协议", now=at("2026-02-24"))
    row = _row(desk, result.id)
    assert not row.is_open and row.close_note == "司法所已调解，双方达成协议" and row.closed_at == at("2026-02-24")
    with pytest.raises(DomainError, match="已经办结"):
        with desk.db.session_factory.begin() as session:
            close_inquiry(session, desk.clerk, result.id, "again")


def test_only_the_owner_or_the_head_closes_an_inquiry(desk: Desk) -> None:
    result = _register(desk, InquiryInput(asker_name="赵", topic="医保转移", outcome="follow_up",
                                          follow_up_due=D("2026-02-13")))
    with desk.db.session_factory.begin() as session:
        from app.services.staff import actor_for, add_staff

        other = actor_for(session, add_staff(session, desk.head, username="zhaomin", display_name="赵敏",
                                             password="zhao2026"))
    with pytest.raises(PermissionDenied, match="首问人"):
        with desk.db.session_factory.begin() as session:
            close_inquiry(session, other, result.id, "已答复")
    with desk.db.session_factory.begin() as session:
        close_inquiry(session, desk.head, result.id, "主任已电话答复")
    assert not _row(desk, result.id).is_open


def test_follow_ups_are_on_the_board_until_closed(desk: Desk) -> None:
    due = {}
    for name, day in (("甲", "2026-02-12"), ("乙", "2026-02-13"), ("丙", "2026-03-02")):
        due[name] = _register(desk, InquiryInput(asker_name=name, topic="待查政策", outcome="follow_up",
                                                 follow_up_due=D(day))).id
    _register(desk, InquiryInput(asker_name="丁", topic="已答", answer="已答复"))
    with desk.db.session_factory() as session:
        # Seen on Fri 13 Feb: 甲 is overdue, 乙 is due today, 丙 is after the Spring Festival.
        counts = follow_up_counts(session, today=D("2026-02-13"), calendar=desk.calendar, soon_days=1)
        rows = follow_up_rows(session)
    assert (counts.overdue, counts.due_soon, counts.waiting) == (1, 1, 1)
    assert [r.asker_name for r in rows] == ["甲", "乙", "丙"]
    with desk.db.session_factory.begin() as session:
        close_inquiry(session, desk.clerk, due["甲"], "已电话告知")
    with desk.db.session_factory() as session:
        assert [r.asker_name for r in follow_up_rows(session)] == ["乙", "丙"]
        mine = inquiry_rows(session, open_only=True, owner_id=desk.clerk.staff_id)
    assert {r.asker_name for r in mine} == {"乙", "丙"}


def test_converting_to_a_case_carries_the_data_and_closes_the_inquiry(desk: Desk) -> None:
    result = _register(desk, InquiryInput(asker_name="张老汉", topic="高龄津贴", item_id=desk.items["CM"],
                                          resident_id=desk.resident_id, outcome="open"))
    assert _row(desk, result.id).is_open
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT, inquiry_id=result.id))
    case = desk.case(case_id)
    row = _row(desk, result.id)
    assert row.outcome == "converted" and row.case_id == case_id and not row.is_open
    assert case.case_number in row.close_note
    assert case.events[0].data["inquiry_id"] == str(result.id)
    with pytest.raises(DomainError, match="已办结"):
        desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT, inquiry_id=result.id))


def test_a_notification_only_visit_is_an_answered_inquiry_with_the_missing_materials(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        result = record_notification(session, desk.clerk, resident_id=desk.resident_id, item_id=desk.items["CM"],
                                     missing_materials=("居民户口簿", "银行卡"), now=NOW)
    assert result.documents == ("notification",)
    row = _row(desk, result.id)
    assert row.asker_name == "张老汉" and row.topic == "高龄津贴申报" and not row.is_open
    assert row.missing_materials == ("居民户口簿", "银行卡") and "尚缺：居民户口簿、银行卡" in row.answer
