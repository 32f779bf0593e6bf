"""代办: an errand goes out with its 委托书 and comes back with its 办结单;
its deadlines, its place on the board, renewal and termination."""
from __future__ import annotations

import subprocess
from datetime import datetime, time
from pathlib import Path

import pytest

from app.models.vocabulary import CaseEventKind, CaseResult, CaseStatus, IntakeOutcome
from app.services import documents, proxy, today
from app.services.documents import PrintTarget, pending_documents, prepare
from app.services.errors import DomainError
from tests.services.desk import NOW, D, Desk

AGENT = proxy.ProxyAgent("张秀兰", "13900001111")


def _ctx(desk: Desk, day: str) -> today.TodayContext:
    now = datetime.combine(D(day), time(9)).astimezone()
    return today.TodayContext(staff_id=desk.clerk.staff_id, today=now.date(), now=now, calendar=desk.calendar)


def _board(desk: Desk, day: str) -> tuple[today.TodayRow, ...]:
    with desk.db.session_factory() as session:
        return today.today_view(session, _ctx(desk, day)).section(today.SEC_PROXY).rows


def _entrust(desk: Desk, code: str = "CM", outcome: str = IntakeOutcome.ACCEPT, **kwargs):
    with desk.db.session_factory.begin() as session:
        return proxy.entrust(session, desk.clerk, desk.request(code, outcome, **kwargs), AGENT,
                             calendar=desk.calendar, now=kwargs.pop("now", NOW)).id


def _pdf_text(desk: Desk, doc_type: str, case_id, tmp_path: Path) -> str:
    with desk.db.session_factory() as session:
        prepared = prepare(session, desk.clerk, PrintTarget(doc_type, case_id=case_id), now=NOW)
    path = tmp_path / f"{doc_type}.pdf"
    path.write_bytes(prepared.pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
    return "".join(out.stdout.split())


def test_an_errand_goes_out_with_its_mandate_and_comes_back_with_its_completion_form(
        desk: Desk, tmp_path: Path) -> None:
    case_id = _entrust(desk)
    # 委托 on Thu 12 Feb 2026: three working days are Fri 13, Sat 14 (调休上班) and,
    # after the Spring Festival break, Tue 24 Feb.
    with desk.db.session_factory() as session:
        errand = proxy.errand_of(session, case_id)
        pending = {d.doc_type for d in pending_documents(session, since=NOW) if d.case_id == case_id}
    assert errand is not None and errand.stage == proxy.STAGE_TO_SEND and errand.send_by == D("2026-02-24")
    assert pending == {"receipt", proxy.DOC_MANDATE}
    mandate = _pdf_text(desk, proxy.DOC_MANDATE, case_id, tmp_path)
    for text in ("代办委托书", "张秀兰", "139****1111", "张老汉", "高龄津贴申报", "居民身份证", "居民户口簿", "银行卡",
                 "2026年2月24日前", "委托人（签字）", "代办员（签字）", "不代为保管密码、验证码"):
        assert text in mandate, text
    assert "13900001111" not in mandate

    [row] = _board(desk, "2026-02-13")
    assert row.status == "待送出" and row.needs_action and not row.warning and row.mine
    assert "代办员张秀兰" in row.detail.replace(" ", "") and "材料4份" in row.detail.replace(" ", "")
    [late] = _board(desk, "2026-02-25")
    assert "逾期未送出" in late.warning

    with desk.db.session_factory.begin() as session:
        proxy.send_up(session, desk.clerk, case_id, forwarded_to="示例镇民政办", calendar=desk.calendar,
                      now=datetime(2026, 2, 13, 15).astimezone())
    # Back within the item's five working days from the 13th: 14, 24, 25, 26, 27 Feb.
    [sent] = _board(desk, "2026-02-26")
    assert sent.status == "已送出，待返回" and not sent.needs_action and sent.when == "2026-02-27"
    assert desk.case(case_id).status == CaseStatus.FORWARDED and desk.case(case_id).expected_return == D("2026-02-27")
    assert "结果逾期未返回" in _board(desk, "2026-03-02")[0].warning

    desk.event(case_id, CaseEventKind.RETURN, now=datetime(2026, 2, 26, 10).astimezone(), note="镇里审核完毕")
    desk.event(case_id, CaseEventKind.COMPLETE, now=datetime(2026, 2, 26, 11).astimezone(),
               result=CaseResult.APPROVED, note="准予发放高龄津贴")
    [back] = _board(desk, "2026-02-26")
    assert back.status == "结果已返回，待交还" and back.needs_action

    with desk.db.session_factory.begin() as session:
        proxy.hand_back(session, desk.clerk, case_id, handed_back=["高龄津贴审批表", " "], calendar=desk.calendar,
                        now=datetime(2026, 2, 27, 9).astimezone())
    assert desk.case(case_id).status == CaseStatus.DELIVERED
    assert _board(desk, "2026-02-27") == ()  # the materials are back
    completion = _pdf_text(desk, proxy.DOC_COMPLETION, case_id, tmp_path)
    for text in ("代办办结单", "准予办理", "准予发放高龄津贴", "高龄津贴审批表", "原件已返还，复印件留存", "委托人（签收）"):
        assert text in completion, text


def test_forwarded_at_intake_goes_up_at_once_and_a_second_sending_is_a_renewal(desk: Desk, tmp_path: Path) -> None:
    case_id = _entrust(desk, "FW", IntakeOutcome.FORWARD, forwarded_to="示例镇社会事务办")
    with desk.db.session_factory() as session:
        errand = proxy.errand_of(session, case_id)
    # 代办转报: taken up the same day, back within 20 working days.
    assert errand.stage == proxy.STAGE_SENT and errand.sent_on == D("2026-02-12")
    assert errand.return_by == desk.calendar.add_working_days(D("2026-02-12"), 20)
    desk.event(case_id, CaseEventKind.RETURN, now=datetime(2026, 2, 24, 10).astimezone(), note="需补充材料")
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as refused:
        proxy.send_up(session, desk.clerk, case_id, forwarded_to="示例镇社会事务办", calendar=desk.calendar)
    assert refused.value.field == "note"
    with desk.db.session_factory.begin() as session:
        event = proxy.send_up(session, desk.clerk, case_id, forwarded_to="示例镇社会事务办", calendar=desk.calendar,
                              note="补齐户籍证明后续办", now=datetime(2026, 2, 25, 10).astimezone())
        assert event.data["documents"] == [proxy.DOC_RENEWAL]
    renewal = _pdf_text(desk, proxy.DOC_RENEWAL, case_id, tmp_path)
    assert "续办委托书" in renewal and "补齐户籍证明后续办" in renewal and "申请书" in renewal


def test_a_terminated_errand_leaves_the_board_with_its_termination_form(desk: Desk, tmp_path: Path) -> None:
    case_id = _entrust(desk)
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as refused:
        proxy.terminate(session, desk.clerk, case_id, reason=" ", calendar=desk.calendar)
    assert refused.value.field == "note"
    with desk.db.session_factory.begin() as session:
        proxy.terminate(session, desk.clerk, case_id, reason="委托人决定自行办理", calendar=desk.calendar,
                        now=datetime(2026, 2, 13, 10).astimezone())
    assert desk.case(case_id).status == CaseStatus.WITHDRAWN and _board(desk, "2026-02-13") == ()
    text = _pdf_text(desk, proxy.DOC_TERMINATION, case_id, tmp_path)
    assert "代办终止单" in text and "委托人决定自行办理" in text and "返还委托人的材料" in text
    with desk.db.session_factory() as session, pytest.raises(DomainError):
        prepare(session, desk.clerk, PrintTarget(proxy.DOC_RENEWAL, case_id=case_id))


def test_the_mandate_needs_a_proxy_and_an_outcome_that_sends_the_case_up(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as refused:
        proxy.entrust(session, desk.clerk, desk.request("CM", IntakeOutcome.ACCEPT), proxy.ProxyAgent(" "),
                      calendar=desk.calendar, now=NOW)
    assert refused.value.field == "agent_name" and "代办员" in str(refused.value)
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as refused:
        proxy.entrust(session, desk.clerk, desk.request("CM", IntakeOutcome.REJECT, reasons="不符合"), AGENT,
                      calendar=desk.calendar, now=NOW)
    assert refused.value.field == "outcome"
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as refused:
        proxy.entrust(session, desk.clerk, desk.request("CM", IntakeOutcome.ACCEPT),
                      proxy.ProxyAgent("张秀兰", "12345"), calendar=desk.calendar, now=NOW)
    assert refused.value.field == "agent_phone"
    # A plain case is no errand: its forms are refused.
    plain = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT))
    with desk.db.session_factory() as session, pytest.raises(DomainError):
        prepare(session, desk.clerk, PrintTarget(proxy.DOC_MANDATE, case_id=plain))


def test_the_time_to_take_materials_up_is_a_setting(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        with pytest.raises(DomainError):
            proxy.set_send_days(session, 0)
        proxy.set_send_days(session, 1)
    case_id = _entrust(desk)
    with desk.db.session_factory() as session:
        assert proxy.errand_of(session, case_id).send_by == D("2026-02-13")
        assert proxy.send_days(session) == 1


def test_every_proxy_form_has_a_builder() -> None:
    assert set(proxy.DOCUMENTS) <= set(documents.DOC_TYPES)


def test_errands_count_in_the_ledger_and_the_statistics(desk: Desk) -> None:
    from app.services import ledgers, statistics

    case_id = _entrust(desk)
    desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT))  # a plain case: no errand
    with desk.db.session_factory() as session:
        ledger = ledgers.proxy_ledger(session, start=D("2026-02-01"), end=D("2026-02-28"), today=D("2026-02-25"))
        stats = statistics.center_statistics(session, start=D("2026-02-01"), end=D("2026-02-28"),
                                             today=D("2026-02-25"))
    [row] = ledger.rows
    assert row[1] == desk.case(case_id).case_number and row[5] == "张秀兰" and row[8] == "2026-02-24"
    assert row[11] == "待送出" and row[12] == "是" and "逾期 1" in ledger.total
    assert "440111" not in "".join(row)  # the ID number is masked
    assert stats.total.values["proxy_errands"] == 1 and stats.total.values["accepted"] == 2
