"""Dashboard figures: counts, overdue, on-time rate, satisfaction, last sync."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from app.ids import uuid7
from county_server.services.dashboard import center_figures
from tests.county.harness import NOW, County, op


def test_figures_per_center(county: County) -> None:
    county.make_center("SFC01")
    county.make_center("SFC02", name="二村")
    a = county.enroll("SFC01")
    today = date(2026, 11, 20)
    # Overdue: accepted, committed date passed.
    a.new_case(committed_due=today - timedelta(days=2))
    # Open, not yet due.
    a.new_case(committed_due=today + timedelta(days=5))
    # Suspended after acceptance: the clock is paused, so not overdue.
    rid, cid, _ = a.new_case(committed_due=today - timedelta(days=1))
    a.push_ok([a.event(cid, "suspend", "accepted", "suspended", note="缺材料")])
    # Completed on time, and completed late.
    _, on_time, _ = a.new_case(committed_due=today + timedelta(days=1))
    _, late, _ = a.new_case(committed_due=today - timedelta(days=3))
    a.push_ok([
        a.event(on_time, "complete", "accepted", "completed", data={"result": "approved"}, at=NOW),
        a.event(late, "complete", "accepted", "completed", data={"result": "denied"}, at=NOW),
    ])
    # A forwarded case.
    a.forwarded_case()
    with county.session() as session:
        before_ratings = {f.code: f for f in center_figures(session, tz="Asia/Shanghai", today=today)}
    one = before_ratings["SFC01"]
    assert (one.total, one.open, one.completed, one.forwarded, one.overdue) == (6, 4, 2, 1, 1)
    assert one.on_time_rate == 0.5
    assert one.satisfaction is None and one.ratings == 0  # no ratings yet: no figure, not 100%
    assert one.last_sync_at is not None and len(one.devices) == 1
    two = before_ratings["SFC02"]
    assert (two.total, two.overdue, two.on_time_rate, two.devices) == (0, 0, None, [])

    ratings = [op("rating", str(uuid7()), "insert", {"level": level, "rated_at": NOW.isoformat(), "case_id": on_time})
               for level in (5, 4, 3, 2, 1)]
    assert {r["status"] for r in a.push_ok(ratings)} == {"applied"}
    with county.session() as session:
        one = {f.code: f for f in center_figures(session, tz="Asia/Shanghai", today=today)}["SFC01"]
    assert one.ratings == 5 and one.satisfaction == 0.6 and one.below_target

    county.login()
    page = county.client.get("/admin/")
    assert page.status_code == 200
    assert "60.0%" in page.text and "50.0%" in page.text and "二村" in page.text and "未注册设备" in page.text


def test_dashboard_needs_login(county: County) -> None:
    response = county.client.get("/admin/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/admin/login"


def test_on_time_is_counted_in_the_countys_local_date(county: County) -> None:
    county.make_center()
    a = county.enroll()
    due = date(2026, 11, 20)
    _, cid, _ = a.new_case(committed_due=due)
    # 23:30 local time on the due date is 15:30 UTC: on time.
    a.push_ok([a.event(cid, "complete", "accepted", "completed", data={"result": "approved"},
                       at=datetime(2026, 11, 20, 15, 30, tzinfo=timezone.utc))])
    with county.session() as session:
        figures = center_figures(session, tz="Asia/Shanghai", today=due)[0]
    assert figures.on_time_rate == 1.0


def test_appointments_per_center_today_and_home_visits(county: County) -> None:
    """预约: the county takes the new fields, refuses an unknown status, and
    counts today's appointments and the home visits still to make."""
    county.make_center("SFC01")
    a = county.enroll("SFC01")
    today = date(2026, 11, 20)
    at = datetime(2026, 11, 20, 2, 0, tzinfo=timezone.utc)  # 10:00 in Shanghai
    staff = a.staff_id

    def appointment(when: datetime, **fields) -> dict:
        data = {"name": "张老汉", "scheduled_at": when.isoformat(), "ends_at": (when + timedelta(hours=1)).isoformat(),
                "created_by": staff, "staff_id": staff, "channel": "phone", "place": "center", "status": "booked"}
        return op("appointment", str(uuid7()), "upsert", data | fields)

    answers = a.push_ok([
        appointment(at),
        appointment(at + timedelta(hours=2), place="home", address="示范村三组12号"),
        appointment(at + timedelta(hours=3), status="cancelled", cancel_reason="家中有事"),
        appointment(at + timedelta(days=2), place="home", address="示范村五组3号"),
        appointment(at - timedelta(days=1), place="home", address="示范村一组1号", status="no_show",
                    no_show_at=at.isoformat()),
    ])
    assert {r["status"] for r in answers} == {"applied"}
    bad = a.push_ok([appointment(at, status="lost")])
    assert bad[0]["status"] == "rejected" and "预约状态" in str(bad[0])
    with county.session() as session:
        one = {f.code: f for f in center_figures(session, tz="Asia/Shanghai", today=today)}["SFC01"]
    assert (one.appointments_today, one.home_visits) == (2, 2)
    county.login()
    page = county.client.get("/admin/")
    assert "今日预约" in page.text and "待上门" in page.text
