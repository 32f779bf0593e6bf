"""今日: the worker's day in sections, and the badge of what needs action."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from app.models import WhereaboutsNote
from app.models.vocabulary import IntakeOutcome
from app.services import appointments as ap
from app.services import today
from app.services.calendar import WorkCalendar
from app.services.inquiries import InquiryInput, register_inquiry
from tests.services.desk import NOW, D, Desk

CAL = WorkCalendar.official()
DAY = D("2026-02-13")  # a Friday
MORNING = datetime.combine(DAY, time(8, 0)).astimezone()


def ctx(desk: Desk, now: datetime = MORNING) -> today.TodayContext:
    return today.TodayContext(staff_id=desk.clerk.staff_id, today=now.astimezone().date(), now=now, calendar=CAL)


def test_the_day_in_sections_with_what_needs_action(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        for hh, name in ((9, "张老汉"), (14, "李大妈")):
            ap.book(session, desk.clerk, ap.BookingRequest(
                name=name, item_id=desk.items["OS"], staff_id=desk.clerk.staff_id,
                starts_at=datetime.combine(DAY, time(hh, 0)).astimezone(),
                resident_id=desk.resident_id if hh == 9 else None, phone="13800001234"), calendar=CAL, now=NOW)
        register_inquiry(session, desk.clerk, InquiryInput(asker_name="赵四", topic="医保转移", outcome="follow_up",
                                                           follow_up_due=DAY), now=NOW)
        session.add(WhereaboutsNote(center_id=desk.head.center_id, staff_id=desk.head.staff_id, destination="镇里开会",
                                    left_at=MORNING - timedelta(minutes=30),
                                    expected_back_at=MORNING + timedelta(hours=3)))
    # A case accepted on the 6th with five working days is due on the 13th.
    desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT), now=datetime(2026, 2, 6, 10).astimezone())
    with desk.db.session_factory() as session:
        view = today.today_view(session, ctx(desk))
    shown = view.section(today.SEC_APPOINTMENTS)
    assert [r.title for r in shown.rows] == ["张老汉", "李大妈"] and shown.action_count == 2
    assert all("138****1234" in r.detail for r in shown.rows) and all(r.mine for r in shown.rows)
    assert [r.title for r in view.section(today.SEC_FOLLOW_UPS).rows] == ["赵四"]
    deadlines = view.section(today.SEC_DEADLINES).rows
    assert len(deadlines) == 1 and deadlines[0].opens == today.OPEN_CASE
    where = {r.title: r for r in view.section(today.SEC_WHEREABOUTS).rows}
    assert where["王建国"].detail == "镇里开会" and "11:00" in where["王建国"].when
    assert where["李娜"].detail == "" and view.section(today.SEC_WHEREABOUTS).action_count == 0
    assert view.action_count == 2 + 1 + 1


def test_an_appointment_of_an_absent_worker_is_flagged(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        ap.book(session, desk.clerk, ap.BookingRequest(
            name="张老汉", item_id=desk.items["OS"], staff_id=desk.head.staff_id,
            starts_at=datetime.combine(DAY, time(10, 30)).astimezone(), resident_id=desk.resident_id),
            calendar=CAL, now=NOW)
        session.add(WhereaboutsNote(center_id=desk.head.center_id, staff_id=desk.head.staff_id, destination="出差",
                                    left_at=MORNING, expected_back_at=None))
    with desk.db.session_factory() as session:
        row = today.today_view(session, ctx(desk)).section(today.SEC_APPOINTMENTS).rows[0]
    assert "王建国" in row.warning and "出差" in row.warning and not row.mine


def test_an_empty_day(desk: Desk) -> None:
    with desk.db.session_factory() as session:
        view = today.today_view(session, ctx(desk, datetime(2026, 3, 2, 9).astimezone()))
    assert view.action_count == 0
    assert all(not s.rows for s in view.sections if s.code != today.SEC_WHEREABOUTS)


def test_the_backup_sees_the_absent_colleagues_work_and_who_serves_their_appointment(desk: Desk) -> None:
    """AB角 on 今日: 赵强 is 李娜's B; while she is out, her appointment names
    him, and her work is on his day under 代同事办理."""
    from app.services import assignments
    from app.services.staff import actor_for, add_staff

    with desk.db.session_factory.begin() as session:
        zhao = actor_for(session, add_staff(session, desk.head, username="zhaoq", display_name="赵强",
                                            password="zhaoq2026pw"))
        assignments.set_post(session, desk.head, None, "民政岗", primary=desk.clerk.staff_id, backup=zhao.staff_id)
        ap.book(session, desk.clerk, ap.BookingRequest(
            name="张老汉", item_id=desk.items["OS"], staff_id=desk.clerk.staff_id,
            starts_at=datetime.combine(DAY, time(10, 30)).astimezone(), resident_id=desk.resident_id),
            calendar=CAL, now=NOW)
        session.add(WhereaboutsNote(center_id=desk.head.center_id, staff_id=desk.clerk.staff_id, destination="镇政府",
                                    status="meeting", left_at=MORNING, expected_back_at=MORNING + timedelta(hours=5)))
    with desk.db.session_factory() as session:
        mine = today.today_view(session, today.TodayContext(staff_id=zhao.staff_id, today=DAY, now=MORNING,
                                                            calendar=CAL))
    [row] = mine.section(today.SEC_APPOINTMENTS).rows
    assert "由 赵强 代为接待" in row.warning
    held = mine.section(today.SEC_HELD).rows
    assert [r.title for r in held] == ["代 李娜：张老汉"] and held[0].opens == today.OPEN_APPOINTMENT
    assert mine.action_count >= 2
    where = {r.title: r for r in mine.section(today.SEC_WHEREABOUTS).rows}
    assert where["李娜"].status == "开会"


def test_where_everyone_is_leaves_out_placeholder_accounts(desk: Desk) -> None:
    """A placeholder stands for an account another desk made that has not
    arrived yet: it is nobody, on 今日 as on the public board."""
    from app.models import Staff

    with desk.db.session_factory.begin() as session:
        session.add(Staff(center_id=desk.head.center_id, username="pending01", display_name="待同步账号",
                          password_hash=Staff.PLACEHOLDER_HASH, active=True))
    with desk.db.session_factory() as session:
        view = today.today_view(session, ctx(desk))
    names = {r.title for r in view.section(today.SEC_WHEREABOUTS).rows}
    assert "待同步账号" not in names and {"王建国", "李娜"} <= names
