"""End to end: the county publishes the year a desk counted provisionally;
the desk pulls it, counts its open deadlines again and sends the new dates,
which the county accepts."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import SyncAttention
from app.models.vocabulary import IntakeOutcome
from app.services.calendar_store import load_work_calendar
from app.services.deadline_review import REASON_DEADLINES_RECOUNTED
from tests.sync.live import CountyProcess

YEAR = 2027


def test_the_countys_schedule_moves_a_provisional_deadline_and_the_county_takes_it(
    county: CountyProcess, new_desk
) -> None:
    from county_server.models import Case as CountyCase
    from county_server.services.publish import publish_calendar

    desk = new_desk(1)
    with desk.factory() as session:
        if load_work_calendar(session).is_published(YEAR):
            pytest.skip(f"the installed chinesecalendar already covers {YEAR}")
    desk.enroll(county)
    assert desk.sync().ok
    # 最低生活保障申请: forwarded at intake, 30 statutory working days: far enough to reach into 2027
    # from a December 2026 intake (and within 2027 after that).
    case_id = desk.take_in(desk.register("年关来人"), "FW", IntakeOutcome.FORWARD)
    before = desk.case(case_id)
    assert before.statutory_due is not None and before.statutory_due.year >= YEAR
    if before.statutory_due.year > YEAR:
        pytest.skip("today is too late in the year for this test's dates")
    assert desk.sync().ok
    # Test data, not the official schedule: the statutory date and the days just before it off, so it moves.
    due = before.statutory_due
    blocked = [due - timedelta(days=i) for i in range(5) if (due - timedelta(days=i)).year == YEAR]
    days = "".join(f"{day.isoformat()},休,测试\n" for day in blocked)
    with county.db.begin() as session:
        publish_calendar(session, f"date,kind,name\n{YEAR},全年,测试数据\n{days}", source="test.csv")
    report = desk.sync()
    assert report.ok, report.message
    after = desk.case(case_id)
    assert after.statutory_due is not None and after.statutory_due > before.statutory_due
    with desk.factory() as session:
        notice = session.scalar(select(SyncAttention).where(SyncAttention.reason_code == REASON_DEADLINES_RECOUNTED))
        assert notice is not None and after.case_number in notice.reason
    assert desk.sync().ok and desk.sync().pending == 0  # the recounted case went up
    with county.db() as session:
        row = session.get(CountyCase, case_id)
        assert row is not None and row.statutory_due == after.statutory_due
