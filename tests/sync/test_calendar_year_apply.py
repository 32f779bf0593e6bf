"""The county's calendar year, applied by sync, replaces the provisional
year and recounts the open deadlines (app.services.deadline_review) — the
same way as a table imported at the desk."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.models import AuditEntry, CalendarYear, SyncAttention
from app.models.vocabulary import IntakeOutcome
from app.services.deadline_review import REASON_DEADLINES_RECOUNTED
from app.sync.apply import apply_record, context
from tests.services.desk import Desk, at

D = date.fromisoformat


def test_the_countys_schedule_by_sync_recounts_the_same_way(desk: Desk) -> None:
    if desk.calendar.is_published(2027):
        pytest.skip("the installed chinesecalendar already covers 2027")
    # Thu 2026-12-24 + 10 working days, 2027 provisional (元旦 Fri 01-01 off): 01-08; statutory 15: 01-15.
    case = desk.case(desk.take_in(desk.request("CN", IntakeOutcome.ACCEPT), now=at("2026-12-24")))
    assert (case.committed_due, case.statutory_due, case.due_provisional) == (D("2027-01-08"), D("2027-01-15"), True)
    with desk.db.session_factory.begin() as session:
        # With Mon 01-04 off too (test data): 01-11 and 01-18. The county's
        # table need not carry the 全年 row: a county year is always whole.
        table = "date,kind,name\n2027-01-01,休,元旦\n2027-01-04,休,元旦\n"
        assert apply_record(session, context(session), "calendar_year", "2027", 1,
                            {"year": 2027, "version": 1, "table_text": table, "days": []})
    after = desk.case(case.id)
    assert (after.committed_due, after.statutory_due, after.due_provisional) == (D("2027-01-11"), D("2027-01-18"), False)
    with desk.db.session_factory() as session:
        (notice,) = session.scalars(select(SyncAttention).where(SyncAttention.reason_code == REASON_DEADLINES_RECOUNTED))
        year = session.get(CalendarYear, 2027)
        assert year is not None and year.source == "county"
    assert "2027年官方放假安排已到（县级下发）" in notice.reason and "2027-01-08 → 2027-01-11" in notice.reason
    with desk.db.session_factory() as session:
        audit = session.scalar(select(AuditEntry).where(AuditEntry.action == "recount"))
        assert audit is not None and audit.staff_id is None  # the county's schedule, no one at the desk
