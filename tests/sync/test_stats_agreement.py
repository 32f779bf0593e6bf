"""台账统计: the desk and the county agree on the same records.

Two desks of one center do a month's work (cases of every outcome, some
late, some open; inquiries; window ratings, a bad one rectified; complaints;
appointments; home visits and a mobile service stop, a proxy errand, helped
online applications), push it to a live county server over the real link, and
the county's figures, counted from its own tables (its SQL tallies for the
overview, its facts for the drill-down), equal the desk's, figure by figure.
Each desk pulls the other's records, so both desks hold the whole center."""
from __future__ import annotations

import os
import uuid
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.models import Case
from app.models.vocabulary import CaseEventKind, FieldMode, IntakeOutcome, OnlineAssistOutcome
from app.services import appointments, complaints, inquiries, online_assist, proxy, ratings
from app.services import statistics as st
from app.services.calendar_store import load_work_calendar
from app.services.cases import IntakeRequest, take_in
from app.services.cases import record_event as case_event
from county_server.models import Center
from county_server.services import county_stats, gbt39046
from tests.sync.live import CountyProcess, DeskPC

START, END = date(2026, 3, 1), date(2026, 3, 31)
TODAY = date(2026, 4, 10)  # after the period: its open cases are overdue or not by its end


def at(day: str, hour: int = 12) -> datetime:
    """Midday UTC: the same calendar day in the desk's zone and in the county's (Asia/Shanghai)."""
    return datetime.combine(date.fromisoformat(day), time(hour), UTC)


def desk_zone() -> ZoneInfo:
    """The zone the desk counts local days in (the PC's own), as the county's setting would name it."""
    key = os.environ.get("TZ") or str(Path("/etc/localtime").resolve()).partition("zoneinfo/")[2] or "UTC"
    zone = ZoneInfo(key)
    assert zone.utcoffset(datetime(2026, 3, 15)) == datetime(2026, 3, 15, 12).astimezone().utcoffset()
    return zone


def work(desk: DeskPC, label: str) -> None:
    """A month at one window: every shape of case, inquiries, ratings, complaints, appointments."""
    actor = desk.actor
    resident = desk.register(f"{label}张三")

    def intake(code: str, outcome: str, day: str, **kwargs: object) -> uuid.UUID:
        item_id, materials = desk.item(code)
        materials = kwargs.pop("materials", materials)  # type: ignore[assignment]
        with desk.factory.begin() as session:
            request = IntakeRequest(resident_id=resident, item_id=item_id, outcome=outcome, materials=materials,
                                    **kwargs)  # type: ignore[arg-type]
            return take_in(session, actor, request, calendar=load_work_calendar(session), now=at(day)).id

    def event(case_id: uuid.UUID, kind: str, day: str, **kwargs: object) -> None:
        with desk.factory.begin() as session:
            case_event(session, actor, case_id, kind, calendar=load_work_calendar(session), now=at(day), **kwargs)

    def rate(case_id: uuid.UUID, level: str, day: str) -> uuid.UUID | None:
        with desk.factory.begin() as session:
            ballot = ratings.issue_ballot(session, actor, case_id=case_id, now=at(day, 13))
            return ratings.cast_ballot(session, ballot.token, level=level, now=at(day, 13),
                                       reasons=["efficiency"] if level in ("dissatisfied", "very_dissatisfied")
                                       else ()).follow_up_id

    spot = intake("OS", IntakeOutcome.DONE_ON_THE_SPOT, "2026-03-02")
    rate(spot, "very_satisfied", "2026-03-02")
    on_time = intake("CM", IntakeOutcome.ACCEPT, "2026-03-02")
    event(on_time, CaseEventKind.COMPLETE, "2026-03-05", result="approved")
    rate(on_time, "satisfied", "2026-03-05")
    late = intake("CN", IntakeOutcome.ACCEPT, "2026-03-03")
    event(late, CaseEventKind.COMPLETE, "2026-03-26", result="approved")
    follow_up = rate(late, "dissatisfied", "2026-03-26")
    assert follow_up is not None
    with desk.factory.begin() as session:
        ratings.record_revisit(session, actor, follow_up, "已电话回访", now=at("2026-03-27"))
        ratings.record_outcome(session, actor, follow_up, "fix_now", "当场说明并道歉", now=at("2026-03-27"))
    intake("CM", IntakeOutcome.ACCEPT, "2026-03-09")  # still open, overdue at the period's end
    intake("CM", IntakeOutcome.ACCEPT, "2026-03-30")  # still open, not yet due
    forwarded = intake("FW", IntakeOutcome.FORWARD, "2026-03-10", forwarded_to="示例镇民政办")
    event(forwarded, CaseEventKind.RETURN, "2026-03-20", note="审核通过")
    intake("CM", IntakeOutcome.SUPPLEMENT, "2026-03-11", materials=())  # not accepted: counts nowhere
    intake("CN", IntakeOutcome.REJECT, "2026-03-12", reasons="不属于本中心办理范围")
    intake("CM", IntakeOutcome.ACCEPT, "2026-02-24")  # accepted the month before, open into March
    item_id, _ = desk.item("CM")
    with desk.factory.begin() as session:
        inquiries.register_inquiry(session, actor, inquiries.InquiryInput(asker_name="李四", item_id=item_id, answer="带身份证和户口簿即可。"),
                                   now=at("2026-03-04"))
        inquiries.register_inquiry(session, actor, inquiries.InquiryInput(
            asker_name="王五", topic="户口迁移", outcome="referred", referred_to="派出所", referred_phone="0755-12345678"), now=at("2026-03-05"))
        calendar = load_work_calendar(session)
        made = complaints.register_complaint(session, actor, complaints.ComplaintInput(
            title="窗口等候时间长", content="上午排队一个小时。", subject="窗口", complainant_name="赵六"), calendar=calendar,
            now=at("2026-03-06"))
        complaints.answer_complaint(session, actor, made.id, "已增开窗口。", now=at("2026-03-09"))
        complaints.register_complaint(session, actor, complaints.ComplaintInput(
            title="材料清单不清楚", content="一次没说清楚要带什么。", subject="窗口", complainant_name="钱七"), calendar=calendar,
            now=at("2026-03-16"))
        booked = appointments.book(session, actor, appointments.BookingRequest(
            name="孙八", item_id=item_id, staff_id=actor.staff_id,
            starts_at=datetime.combine(date(2026, 3, 12), time(10)).astimezone()), calendar=calendar,
            now=at("2026-03-09"))
        appointments.check_in(session, actor, booked.id, now=datetime.combine(date(2026, 3, 12), time(10, 5)).astimezone())


def away_from_the_desk(desk: DeskPC, label: str) -> None:
    """上门, 巡回, 代办 and 帮办网办 at one desk: two homes on one day (two cases at the first), a mobile stop of
    two residents and the next stop, an errand a village proxy carries up, two applications helped online."""
    actor = desk.actor
    first, second = desk.register(f"{label}王大娘"), desk.register(f"{label}李大爷")

    def intake(resident: uuid.UUID, code: str, outcome: str, day: str, **kwargs: str) -> None:
        item_id, materials = desk.item(code)
        with desk.factory.begin() as session:
            take_in(session, actor, IntakeRequest(resident_id=resident, item_id=item_id, outcome=outcome,
                                                  materials=materials, **kwargs),
                    calendar=load_work_calendar(session), now=at(day))

    home, tour = FieldMode.HOME.value, FieldMode.TOUR.value
    intake(first, "OS", IntakeOutcome.DONE_ON_THE_SPOT, "2026-03-17", field_mode=home, field_place="三组 和平村三组12号")
    intake(first, "CM", IntakeOutcome.ACCEPT, "2026-03-17", field_mode=home, field_place="三组 和平村三组12号")
    intake(second, "CM", IntakeOutcome.ACCEPT, "2026-03-17", field_mode=home, field_place="三组 和平村三组20号")
    intake(first, "OS", IntakeOutcome.DONE_ON_THE_SPOT, "2026-03-19", field_mode=tour, field_place="五组 村委会")
    intake(second, "CM", IntakeOutcome.ACCEPT, "2026-03-19", field_mode=tour, field_place="五组 村委会")
    intake(second, "CN", IntakeOutcome.ACCEPT, "2026-03-19", field_mode=tour, field_place="六组 文化室")
    item_id, materials = desk.item("FW")
    with desk.factory.begin() as session:
        proxy.entrust(session, actor, IntakeRequest(
            resident_id=second, item_id=item_id, outcome=IntakeOutcome.FORWARD, materials=materials,
            forwarded_to="示例镇民政办"), proxy.ProxyAgent(name="赵代办"), calendar=load_work_calendar(session),
            now=at("2026-03-18"))
    with desk.factory.begin() as session:
        approved = online_assist.register(session, actor, online_assist.AssistInput(
            resident_name="王大娘", platform="浙里办", item_name="社会保障卡申领", application_no="ZLB202603190001",
            follow_up_on=date(2026, 3, 23)), now=at("2026-03-19"))
        online_assist.register(session, actor, online_assist.AssistInput(
            resident_name="李大爷", platform="浙里办", item_name="高龄津贴申领", follow_up_on=date(2026, 3, 27)),
            now=at("2026-03-20"))
    with desk.factory.begin() as session:
        online_assist.follow_up(session, actor, approved.id, outcome=OnlineAssistOutcome.APPROVED, now=at("2026-03-23"))


def test_the_desk_and_the_county_count_the_same_records_alike(county: CountyProcess, new_desk) -> None:
    one, two = new_desk(1), new_desk(2)
    for desk in (one, two):
        desk.enroll(county)
        assert desk.sync().ok  # the catalog comes down
    for desk, label in ((one, "甲"), (two, "乙")):
        work(desk, label)
        away_from_the_desk(desk, label)
    for desk in (one, two, one):  # push both; each pulls the other's records
        report = desk.sync()
        assert report.ok, report
    zone = desk_zone()
    with one.factory() as session:
        desk_stats = st.center_statistics(session, start=START, end=END, today=TODAY)
        desk_by_worker = st.center_statistics(session, start=START, end=END, today=TODAY, group=st.Group.WORKER)
        desk_by_item = st.center_statistics(session, start=START, end=END, today=TODAY, group=st.Group.ITEM)
    with two.factory() as session:
        assert st.center_statistics(session, start=START, end=END, today=TODAY).total == desk_stats.total
    desk_total = desk_stats.total.values
    assert desk_total["accepted"] == 26 and desk_total["completed"] == 10 and desk_total["ratings"] == 6
    away = ("home_visits", "home_cases", "tour_visits", "tour_cases", "proxy_errands", "online_assists",
            "online_done")
    assert [desk_total[key] for key in away] == [4, 6, 4, 6, 2, 4, 2]  # each desk's: 2, 3, 2, 3, 1, 2, 1
    assert desk_total["complaints"] == 4 and desk_total["inquiries"] == 4 and desk_total["appt_kept"] == 2
    assert desk_total["overdue"] and desk_total["satisfaction"] is not None and desk_total["avg_days"] is not None

    with county.db() as session:
        center = session.query(Center).filter_by(code=one.center_code).one()
        overview = county_stats.overview(session, start=START, end=END, today=TODAY, zone=zone)
        at_county = next(c for c in overview.centers if c.center_id == center.id)
        by_worker = county_stats.center_statistics(session, center.id, start=START, end=END, today=TODAY, zone=zone,
                                                   group=st.Group.WORKER)
        by_item = county_stats.center_statistics(session, center.id, start=START, end=END, today=TODAY, zone=zone,
                                                 group=st.Group.ITEM)
        session.commit()  # the rollups built here are kept, as a page's request keeps them
    for spec in st.FIGURES:
        assert at_county.row.values[spec.key] == desk_total[spec.key], spec.key
    assert by_worker.total.values == desk_total
    assert [(r.label, r.values) for r in by_worker.rows] == [(r.label, r.values) for r in desk_by_worker.rows]
    assert [(r.label, r.values) for r in by_item.rows] == [(r.label, r.values) for r in desk_by_item.rows]

    # More work arrives: the county's rollups follow the push (its change-log heads moved): a case completed,
    # a new home visit, another errand a proxy carries up.
    with one.factory() as session:
        open_case = session.scalar(select(Case.id).where(Case.accepted_on == date(2026, 3, 9)))
    with one.factory.begin() as session:
        case_event(session, one.actor, open_case, CaseEventKind.COMPLETE, calendar=load_work_calendar(session),
                   now=at("2026-03-31"), result="denied", note="不符合条件")
    visited = one.register("甲孙奶奶")
    item_id, materials = one.item("CM")
    with one.factory.begin() as session:
        take_in(session, one.actor, IntakeRequest(
            resident_id=visited, item_id=item_id, outcome=IntakeOutcome.ACCEPT, materials=materials,
            field_mode=FieldMode.HOME.value, field_place="七组 和平村七组3号"),
            calendar=load_work_calendar(session), now=at("2026-03-24"))
    with one.factory.begin() as session:
        proxy.entrust(session, one.actor, IntakeRequest(
            resident_id=visited, item_id=item_id, outcome=IntakeOutcome.ACCEPT, materials=materials),
            proxy.ProxyAgent(name="赵代办"), calendar=load_work_calendar(session), now=at("2026-03-25"))
    assert one.sync().ok
    with one.factory() as session:
        again = st.center_statistics(session, start=START, end=END, today=TODAY).total.values
    assert again["completed"] == desk_total["completed"] + 1
    assert [again[key] for key in away[:5]] == [5, 7, 4, 6, 3]
    with county.db() as session:
        moved = county_stats.overview(session, start=START, end=END, today=TODAY, zone=zone)
        session.commit()
    assert next(c for c in moved.centers if c.center_id == center.id).row.values == again


def test_records_pushed_by_a_desk_export_in_gbt39046_data_items(county: CountyProcess, new_desk) -> None:
    desk = new_desk(1)
    desk.enroll(county)
    assert desk.sync().ok
    work(desk, "丙")
    assert desk.sync().ok
    with county.db() as session:
        data = gbt39046.export(session, start=START, end=END, zone=desk_zone(), today=TODAY)
    assert gbt39046.problems(data) == []
    mine = [row for row in data.tables["办件"] if row["办件编号"].startswith(f"{desk.center_code}-")]
    assert len(mine) == 6  # received in March and accepted (not the 补正 or refused one)
    assert {row["办件类型"] for row in mine} == {"1", "2"}
    assert "丙张三" not in {row["申请人"] for row in mine}
    rated = [row for row in data.tables["评价"] if row["办件编号"].startswith(f"{desk.center_code}-")]
    assert sorted(row["满意度代码"] for row in rated) == ["1", "2", "4"] and {r["评价渠道"] for r in rated} == {"4"}
