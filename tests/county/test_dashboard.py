"""Dashboard figures: counts, overdue, on-time rate, satisfaction, last sync."""
from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

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


def test_the_dashboard_shows_who_is_on_duty_from_the_notes_the_desks_sent(county: County) -> None:
    """去向留言 at the county: a worker with an open note is away, with where and
    until when; a cleared note puts them back on duty. Bad notes are refused in words."""
    county.make_center("SFC01")
    a = county.enroll("SFC01")
    staff = {}
    for username, name in (("lina", "李娜"), ("zhaoq", "赵强")):
        staff[username] = str(uuid7())
        a.push_ok([op("staff", staff[username], "upsert", {
            "username": username, "display_name": name, "role": "window", "password_hash": "scrypt$x$y$z"})])
    note = str(uuid7())
    back = NOW + timedelta(hours=2)
    left = {"staff_id": staff["lina"], "destination": "镇政府", "left_at": NOW.isoformat(), "status": "meeting",
            "expected_back_at": back.isoformat(), "returned_at": None, "reason": "例会"}
    assert a.push_ok([op("whereabouts_note", note, "upsert", left)])[0]["status"] == "applied"
    pair = op("backup_assignment", str(uuid7()), "upsert", {
        "subject": "item", "item_code": "CM", "primary_staff_id": staff["lina"], "backup_staff_id": staff["zhaoq"]})
    assert a.push_ok([pair])[0]["status"] == "applied"
    refused = a.push_ok([op("whereabouts_note", str(uuid7()), "upsert", left | {"status": "on_duty"})])[0]
    assert refused["status"] == "rejected" and "去向" in refused["reason"]
    with county.session() as session:
        one = center_figures(session, tz="Asia/Shanghai")[0]
    assert "赵强" in one.on_duty and "李娜" not in one.on_duty
    assert [(w.name, w.status, w.where) for w in one.away] == [("李娜", "开会", "镇政府")]
    county.login()
    page = county.client.get("/admin/")
    assert "在岗情况" in page.text and "李娜：开会（镇政府）" in page.text
    if os.environ.get("WHEREABOUTS_SHOTS"):  # to look at the page in a browser
        Path(os.environ["WHEREABOUTS_SHOTS"], "dashboard.html").write_text(page.text, encoding="utf-8")
    a.push_ok([op("whereabouts_note", note, "upsert", left | {"returned_at": (NOW + timedelta(hours=1)).isoformat()},
                  base_version=1)])
    with county.session() as session:
        one = center_figures(session, tz="Asia/Shanghai")[0]
    assert "李娜" in one.on_duty and one.away == []
