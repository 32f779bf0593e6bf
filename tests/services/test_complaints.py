"""投诉举报: register, extend, answer, tell, escalate; deadlines in working days."""
from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Complaint, OutboxEntry
from app.models.vocabulary import ComplaintSource, ComplaintStatus, ComplaintToldBy, IntakeOutcome
from app.services import complaints as c
from app.services.errors import DomainError
from app.services.queries import DL_DUE_SOON, DL_NONE, DL_ON_TIME, DL_OVERDUE
from app.services.status_link import COMPLAINT_NUMBER_RE, complaint_status_url
from tests.services.desk import NOW, D, at

BASIC = c.ComplaintInput(title="窗口人员态度生硬", content="办理高龄津贴时工作人员不耐烦。", subject="本中心窗口",
                         complainant_name="张老汉", complainant_phone="13800138000")


def register(desk, data: c.ComplaintInput = BASIC, *, now=NOW, actor=None) -> c.RegisteredComplaint:
    with desk.db.session_factory.begin() as session:
        return c.register_complaint(session, actor or desk.clerk, data, calendar=desk.calendar, now=now)


def row(desk, complaint_id, today=D("2026-02-12")) -> c.ComplaintRow:
    with desk.db.session_factory() as session:
        return c.complaint_row(session, complaint_id, today=today, calendar=desk.calendar)


def test_a_complaint_is_numbered_coded_and_due_in_five_working_days(desk) -> None:
    done = register(desk)
    assert COMPLAINT_NUMBER_RE.match(done.complaint_number)
    assert done.complaint_number == "TS-SF01-01-20260212-0001"
    assert len(done.query_code) == 6
    # Thu 12 Feb 2026: Fri 13, Sat 14 (调休上班), the Spring Festival break to Mon 23, Tue 24, Wed 25, Thu 26.
    assert done.answer_due == D("2026-02-26")
    second = register(desk)
    assert second.complaint_number.endswith("-0002")
    found = row(desk, done.id)
    assert found.status == ComplaintStatus.REGISTERED
    assert found.phone_masked == "138****8000" and found.handler_name == "李娜"
    assert found.days_overdue == 0 and found.deadline == DL_ON_TIME
    assert "2026-02-26" in found.next_step
    with desk.db.session_factory() as session:
        entry = session.scalar(select(OutboxEntry).where(OutboxEntry.entity == "complaint"))
        audit = session.scalar(select(AuditEntry).where(AuditEntry.entity == "complaint"))
    assert entry is not None and entry.payload["query_code"] == done.query_code
    assert audit is not None and audit.staff_id == desk.clerk.staff_id and "13800138000" not in audit.summary


def test_a_simple_complaint_is_due_the_same_or_next_day(desk) -> None:
    assert register(desk, replace(BASIC, simple=True)).answer_due == D("2026-02-13")
    assert register(desk, replace(BASIC, simple=True, answer_days=0)).answer_due == D("2026-02-12")
    with pytest.raises(DomainError) as error:
        register(desk, replace(BASIC, simple=True, answer_days=3))
    assert error.value.field == "answer_days" and "当日或次日" in str(error.value)


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"content": "  "}, "content", "请填写投诉内容"),
    ({"content": "长" * 1001}, "content", "不能超过 1000 个字"),
    ({"title": ""}, "title", "投诉标题"),
    ({"subject": ""}, "subject", "被投诉"),
    ({"source": ComplaintSource.HOTLINE_12345}, "work_order_number", "12345工单号"),
    ({"complainant_phone": "12345"}, "complainant_phone", "联系电话有误"),
    ({"complainant_name": ""}, "complainant_name", "匿名"),
])
def test_bad_input_is_refused_with_the_field_named(desk, change, field, words) -> None:
    with pytest.raises(DomainError) as error:
        register(desk, replace(BASIC, **change))
    assert error.value.field == field and words in str(error.value)
    assert desk.count(Complaint) == 0


def test_an_anonymous_hotline_complaint_keeps_its_work_order_and_deadline(desk) -> None:
    done = register(desk, replace(BASIC, anonymous=True, complainant_name="", complainant_phone="",
                                  source=ComplaintSource.HOTLINE_12345, work_order_number="GD20260212001",
                                  work_order_due=D("2026-02-24")))
    found = row(desk, done.id)
    assert found.complainant_label == "匿名" and found.work_order_number == "GD20260212001"
    assert found.answer_due == D("2026-02-24")  # the hotline's earlier deadline wins


def test_answer_then_tell_closes_it(desk) -> None:
    done = register(desk)
    with desk.db.session_factory.begin() as session:
        with pytest.raises(DomainError) as error:
            c.answer_complaint(session, desk.clerk, done.id, "答" * 501, now=at("2026-02-13"))
        assert error.value.field == "answer"
    with desk.db.session_factory.begin() as session:
        with pytest.raises(DomainError):
            c.record_told(session, desk.clerk, done.id, told_by=ComplaintToldBy.PHONE, now=at("2026-02-13"))
    with desk.db.session_factory.begin() as session:
        c.answer_complaint(session, desk.head, done.id, "已批评教育当事人，并向您致歉。", now=at("2026-02-13"))
    found = row(desk, done.id, D("2026-02-13"))
    assert found.status == ComplaintStatus.ANSWERED and found.deadline == DL_DUE_SOON
    assert found.answered_by_name == "王建国" and "告知投诉人" in found.next_step
    with desk.db.session_factory.begin() as session:
        c.record_told(session, desk.clerk, done.id, told_by=ComplaintToldBy.PHONE, note="本人表示满意",
                      now=at("2026-02-13", 15))
    found = row(desk, done.id, D("2026-02-13"))
    assert found.status == ComplaintStatus.TOLD and found.told_by == ComplaintToldBy.PHONE
    assert found.deadline == DL_NONE and not found.is_open
    with desk.db.session_factory() as session:
        assert c.open_complaint_rows(session, today=D("2026-02-13"), calendar=desk.calendar) == []
        summaries = list(session.scalars(select(AuditEntry.summary).where(AuditEntry.entity == "complaint")))
    assert len(summaries) == 3


def test_overdue_days_are_working_days_and_not_stored(desk) -> None:
    done = register(desk)
    late = row(desk, done.id, D("2026-03-02"))  # due Thu 26: Fri 27, Sat 28 (调休上班), Mon 2 Mar
    assert late.deadline == DL_OVERDUE and late.days_overdue == 3
    assert "请立即答复" in late.next_step and "延期" in late.next_step
    assert row(desk, done.id, D("2026-02-25")).deadline == DL_DUE_SOON
    with desk.db.session_factory.begin() as session:
        c.answer_complaint(session, desk.clerk, done.id, "已处理", now=at("2026-02-27"))
    assert row(desk, done.id, D("2026-03-10")).days_overdue == 1  # frozen at the answer
    with desk.db.session_factory() as session:
        counts = c.complaint_counts(session, today=D("2026-03-10"), calendar=desk.calendar)
    assert counts == c.ComplaintCounts(overdue=0, due_soon=1, on_time=0)


def test_an_extension_needs_a_reason_and_happens_once_before_the_date(desk) -> None:
    done = register(desk)
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as error:
        c.extend_complaint(session, desk.clerk, done.id, extra_days=3, reason=" ", calendar=desk.calendar, now=NOW)
    assert error.value.field == "reason" and "延期理由" in str(error.value)
    with desk.db.session_factory.begin() as session:
        new_due = c.extend_complaint(session, desk.clerk, done.id, extra_days=3, reason="需调取监控核实",
                                     calendar=desk.calendar, now=NOW)
    assert new_due == D("2026-03-02")  # Fri 27, Sat 28 (调休上班), Mon 2 Mar
    found = row(desk, done.id)
    assert found.extended_from == D("2026-02-26") and found.extension_reason == "需调取监控核实"
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as error:
        c.extend_complaint(session, desk.clerk, done.id, extra_days=1, reason="再等等", calendar=desk.calendar, now=NOW)
    assert "已经延期过一次" in str(error.value)


def test_an_overdue_complaint_cannot_be_extended(desk) -> None:
    done = register(desk)
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as error:
        c.extend_complaint(session, desk.clerk, done.id, extra_days=2, reason="忙", calendar=desk.calendar,
                           now=at("2026-02-27"))
    assert error.value.field == "extra_days"


def test_escalation_waits_for_the_county_and_then_is_told(desk) -> None:
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT))
    done = register(desk, replace(BASIC, case_id=case_id, subject="本中心主任"))
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as error:
        c.escalate_complaint(session, desk.clerk, done.id, "")
    assert error.value.field == "reason"
    with desk.db.session_factory.begin() as session:
        c.escalate_complaint(session, desk.clerk, done.id, "投诉对象为中心主任本人", now=NOW)
    found = row(desk, done.id)
    assert found.status == ComplaintStatus.ESCALATED and found.case_number.startswith("SF01-")
    assert "等待县级答复" in found.next_step
    assert c.public_status(found.status, None).zh == "已上报县级办理"
    with desk.db.session_factory.begin() as session:
        with pytest.raises(DomainError):
            c.answer_complaint(session, desk.clerk, done.id, "自己答复")
        with pytest.raises(DomainError) as error:
            c.record_told(session, desk.clerk, done.id, told_by=ComplaintToldBy.PHONE)
        assert "县级尚未答复" in str(error.value)
        complaint = session.get(Complaint, done.id)
        complaint.county_answer, complaint.county_answered_at, complaint.county_officer = (
            "经县政务服务中心核查属实，已责令整改。", at("2026-02-13"), "县政务服务中心")
    found = row(desk, done.id, D("2026-02-13"))
    assert "县级已答复" in found.next_step and found.deadline == DL_DUE_SOON
    with desk.db.session_factory.begin() as session:
        c.record_told(session, desk.clerk, done.id, told_by=ComplaintToldBy.IN_PERSON, now=at("2026-02-13", 14))
    assert row(desk, done.id).status == ComplaintStatus.TOLD


def test_the_full_phone_is_shown_only_on_request_and_audited(desk) -> None:
    done = register(desk)
    with desk.db.session_factory.begin() as session:
        assert c.reveal_phone(session, desk.clerk, done.id) == "13800138000"
    with desk.db.session_factory() as session:
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "view", AuditEntry.entity == "complaint"))


def test_the_status_link_carries_number_and_code() -> None:
    url = complaint_status_url("https://zw.example.cn/", "TS-SF01-01-20260212-0001", "ABC234")
    assert url == "https://zw.example.cn/status?complaint=TS-SF01-01-20260212-0001&code=ABC234"


def test_the_slip_is_prepared_numbered_and_counted_when_printed_again(desk, tmp_path) -> None:
    from app.services.documents import PrintTarget, prepare, record_print

    done = register(desk)
    target = PrintTarget(c.DOC_COMPLAINT_RECEIPT, complaint_id=done.id)
    with desk.db.session_factory.begin() as session:
        first = prepare(session, desk.clerk, target, now=NOW)
        record_print(session, desk.clerk, first, data_dir=tmp_path, now=NOW)
    assert first.doc_number == f"TH-{done.complaint_number}-01" and first.subject == done.complaint_number
    assert first.pdf.startswith(b"%PDF") and first.archive_path.startswith("archive/complaints/2026-02/")
    with desk.db.session_factory() as session:
        again = prepare(session, desk.clerk, target, paper="80mm", now=NOW)
    assert again.doc_number.endswith("-02") and again.reprint_count == 1


def test_a_complaint_links_to_its_case_by_number(desk) -> None:
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT))
    number = desk.case(case_id).case_number
    done = register(desk, replace(BASIC, case_number=number.lower()))
    assert row(desk, done.id).case_id == case_id
    with pytest.raises(DomainError) as error:
        register(desk, replace(BASIC, case_number="SF01-01-20260212-9999"))
    assert error.value.field == "case_number" and "9999" in str(error.value)
