"""期限复核: when a year's schedule arrives, the open deadlines counted on its
provisional estimate are counted again, saved, audited and listed.

The 2027 schedule below is test data, not the official one: it makes Mon
2027-01-04 a holiday so that the deadlines visibly move. Before it arrives,
2027 counts its statutory holidays only (元旦 Fri 01-01).

The county's schedule arriving by sync is tested in
tests/sync/test_calendar_year_apply.py.

Hand counts from Thu 2026-12-24 (provisional 2027):
  working days 12-25, 28, 29, 30, 31 (1-5), 2027-01-04..08 (6-10), 11..15 (11-15)
  -> committed 10 days: 01-08, statutory 15 days: 01-15.
With 01-04 off: 12-25..31 (1-5), 01-05..08 (6-9), 01-11 (10), 12..15 (11-14), 18 (15)
  -> committed 01-11, statutory 01-18.
"""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Case, OutboxEntry, SyncAttention
from app.models.system import ATTENTION_NOTICE
from app.models.vocabulary import CaseEventKind, CaseResult, IntakeOutcome
from app.services.calendar import parse_calendar_table
from app.services.calendar_store import CalendarImportSummary, import_calendar_table
from app.services.deadline_review import REASON_DEADLINES_RECOUNTED
from tests.services.desk import Desk, at

D = date.fromisoformat
OFFICIAL_2027 = "date,kind,name\n2027,全年,2027 年安排（测试数据）\n2027-01-01,休,元旦\n2027-01-04,休,元旦\n"
ACCEPTED = at("2026-12-24")


@pytest.fixture
def provisional_desk(desk: Desk) -> Desk:
    """The desk counts 2027 provisionally (true while chinesecalendar stops at 2026)."""
    if desk.calendar.is_published(2027):
        pytest.skip("the installed chinesecalendar already covers 2027")
    return desk


def _accept(desk: Desk, code: str = "CN") -> Case:
    return desk.case(desk.take_in(desk.request(code, IntakeOutcome.ACCEPT), now=ACCEPTED))


def _import(desk: Desk, table: str = OFFICIAL_2027) -> CalendarImportSummary:
    with desk.db.session_factory.begin() as session:
        return import_calendar_table(session, parse_calendar_table(table, source="2027.csv"), actor=desk.head,
                                     note="2027.csv")


def _notices(desk: Desk) -> list[SyncAttention]:
    with desk.db.session_factory() as session:
        return list(session.scalars(select(SyncAttention).where(SyncAttention.reason_code == REASON_DEADLINES_RECOUNTED)))


def test_a_provisional_deadline_skips_new_years_day(provisional_desk: Desk) -> None:
    case = _accept(provisional_desk)
    assert (case.committed_due, case.statutory_due, case.due_provisional) == (D("2027-01-08"), D("2027-01-15"), True)


def test_the_imported_schedule_recounts_open_deadlines_and_lists_them(provisional_desk: Desk) -> None:
    desk = provisional_desk
    moved = _accept(desk)
    closed = _accept(desk)
    desk.event(closed.id, CaseEventKind.COMPLETE, now=at("2026-12-28"), result=CaseResult.APPROVED)
    in_2026 = _accept(desk, "CM")  # 5 days: due 2026-12-31, nothing reaches 2027's committed date
    with desk.db.session_factory() as session:
        queued_before = len(session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == moved.id)).all())

    summary = _import(desk)

    assert summary.years == (2027,) and summary.moved == 2  # the CM case's statutory date reaches 2027 too
    by_case = {c.case_id: c for c in summary.recounted}
    change = by_case[moved.id]
    assert (change.committed_before, change.committed_after) == (D("2027-01-08"), D("2027-01-11"))
    assert (change.statutory_before, change.statutory_after) == (D("2027-01-15"), D("2027-01-18"))
    assert closed.id not in by_case
    # CM: committed 5 days stays 2026-12-31; statutory 20 days 2027-01-22 -> 01-25.
    assert (by_case[in_2026.id].committed_after, by_case[in_2026.id].statutory_after) == (D("2026-12-31"),
                                                                                           D("2027-01-25"))
    after = desk.case(moved.id)
    assert (after.committed_due, after.statutory_due, after.due_provisional) == (D("2027-01-11"), D("2027-01-18"), False)
    assert desk.case(closed.id).committed_due == D("2027-01-08")  # a closed case keeps its history
    with desk.db.session_factory() as session:
        # The new dates go to the county like any change of a case.
        queued = session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == moved.id)).all()
        assert len(queued) == queued_before + 1 and queued[-1].payload["committed_due"] == "2027-01-11"
        # Each recount is audited, attributed to the head who imported the table.
        audits = session.scalars(select(AuditEntry).where(AuditEntry.action == "recount")).all()
        assert {a.entity_id for a in audits} == {str(moved.id), str(in_2026.id)}
        assert all(a.staff_id == desk.head.staff_id for a in audits)
        assert any("2027-01-08 → 2027-01-11" in a.summary for a in audits)
    (notice,) = _notices(desk)
    assert notice.kind == ATTENTION_NOTICE and notice.resolved_at is None
    assert notice.reason.startswith("2027年官方放假安排已到（本机导入），以下 2 件办件的期限已按新日历重新计算")
    assert f"{moved.case_number}（张老汉 · 居住证办理）：承诺 2027-01-08 → 2027-01-11；法定 2027-01-15 → 2027-01-18；已确定" in notice.reason
    assert closed.case_number not in notice.reason


def test_a_schedule_that_matches_the_estimate_moves_nothing_and_lists_nothing(provisional_desk: Desk) -> None:
    desk = provisional_desk
    case = _accept(desk)
    summary = _import(desk, "date,kind,name\n2027,全年,\n2027-01-01,休,元旦\n")
    assert summary.moved == 0
    [change] = summary.recounted  # only the 暂定 flag: the dates are final now
    assert change.committed_after == D("2027-01-08") and not change.provisional_after
    assert not desk.case(case.id).due_provisional
    assert _notices(desk) == []


def test_a_day_table_without_a_whole_year_leaves_the_deadlines(provisional_desk: Desk) -> None:
    desk = provisional_desk
    case = _accept(desk)
    summary = _import(desk, "date,kind,name\n2027-01-04,休,村里停电\n")
    assert summary.recounted == ()
    assert desk.case(case.id).committed_due == D("2027-01-08")


def test_paused_days_are_counted_again_and_an_extension_by_hand_stays(provisional_desk: Desk) -> None:
    desk = provisional_desk
    paused = _accept(desk)
    desk.event(paused.id, CaseEventKind.SUSPEND, now=at("2026-12-28"), note="等待村委证明")
    # Provisionally 12-29, 30, 31, 01-04, 05: five days; the clock moves from 01-08 to 01-15.
    desk.event(paused.id, CaseEventKind.RESUME, now=at("2027-01-05"))
    assert (desk.case(paused.id).committed_due, desk.case(paused.id).paused_working_days) == (D("2027-01-15"), 5)
    extended = _accept(desk)
    desk.event(extended.id, CaseEventKind.EXTEND, now=at("2026-12-28"), new_due=D("2027-01-20"), note="需实地核查",
               details={"approved_by": "张主任", "past_statutory_reason": "需跨省核查"})

    _import(desk)

    # With 01-04 off the pause lasted 4 days: 10 + 4 working days from 12-24 -> 01-15
    # (12-25..31: 5; 01-05..08: 9; 01-11..15: 14); statutory 15 + 4 -> 01-22.
    after = desk.case(paused.id)
    assert (after.committed_due, after.statutory_due, after.paused_working_days) == (D("2027-01-15"), D("2027-01-22"), 4)
    # The promised date of a 延期 stays; the statutory date is counted again.
    after = desk.case(extended.id)
    assert (after.committed_due, after.statutory_due, after.due_provisional) == (D("2027-01-20"), D("2027-01-18"), False)

