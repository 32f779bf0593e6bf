"""The engine through a fault proxy on loopback: connections dropped before
forwarding and after the server answered, answers cut short, requests cut
half-way, and a 2G-like link. Nothing is lost, nothing is applied twice."""
from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from app.models import CaseEvent, OutboxEntry, SyncCursor
from app.models.vocabulary import CaseEventKind
from county_server.models import AppliedOp
from county_server.models import Case as CountyCase
from county_server.models import CaseEvent as CountyEvent
from county_server.models import Resident as CountyResident
from tests.sync.conftest import one_backend
from tests.sync.live import CountyProcess, DeskPC, desk_counts
from tests.sync.proxy import FaultProxy


@pytest.fixture
def proxy(county: CountyProcess) -> Iterator[FaultProxy]:
    link = FaultProxy(county.port).start()
    yield link
    link.stop()


def county_totals(county: CountyProcess, desk: DeskPC) -> dict[str, int]:
    with county.db() as session:
        from county_server.models import Device

        device = session.get(Device, desk.actor.device_id)
        center = device.center_id
        return {
            "residents": session.scalar(select(func.count()).select_from(CountyResident).where(CountyResident.center_id == center)),
            "cases": session.scalar(select(func.count()).select_from(CountyCase).where(CountyCase.center_id == center)),
            "events": session.scalar(select(func.count()).select_from(CountyEvent).where(CountyEvent.center_id == center)),
            "ops": session.scalar(select(func.count()).select_from(AppliedOp).where(AppliedOp.device_id == device.id)),
        }


def work(desk: DeskPC, cases: int = 3) -> None:
    for n in range(cases):
        case_id = desk.take_in(desk.register(f"村民{n}"))
        desk.event(case_id, CaseEventKind.START)


@pytest.mark.parametrize("fault", ["drop_before", "drop_after", "truncate", "cut_up"])
def test_a_push_cut_by_the_link_is_applied_exactly_once(county: CountyProcess, proxy: FaultProxy, new_desk,
                                                         fault: str) -> None:
    desk = new_desk(1)
    desk.enroll(county, base=proxy.base)
    assert desk.sync().ok
    work(desk)
    proxy.plan("/api/v1/push", fault, fault)
    report = desk.sync()
    assert report.ok, report.message
    assert proxy.stats.faults == {fault: 2} and proxy.planned() == 0
    assert desk_counts(desk) == {"applied": 12}
    assert county_totals(county, desk) == {"residents": 3, "cases": 3, "events": 6, "ops": 12}


@pytest.mark.parametrize("fault", ["drop_after", "truncate"])
def test_a_pull_page_cut_by_the_link_is_applied_once(county: CountyProcess, proxy: FaultProxy, new_desk,
                                                     fault: str) -> None:
    one = new_desk(1)
    one.enroll(county)
    one.sync()
    work(one, cases=4)
    assert one.sync().ok
    two = new_desk(2, page_size=3)
    two.enroll(county, base=proxy.base)
    proxy.plan("/api/v1/pull/records", "pass", fault, "pass", fault)
    proxy.plan("/api/v1/bootstrap", fault)
    report = two.sync()
    assert report.ok, report.message
    with two.factory() as session:
        events = session.scalar(select(func.count()).select_from(CaseEvent))
        cursor = session.get(SyncCursor, "records").cursor
    assert events == 8  # each exactly once
    assert cursor >= 16


def test_random_faults_on_every_request_lose_and_double_nothing(county: CountyProcess, new_desk) -> None:
    link = FaultProxy(county.port, fault_rate=0.35, seed=7).start()
    try:
        one, two = new_desk(1, batch_size=4), new_desk(2, page_size=4)
        one.enroll(county, base=link.base)
        two.enroll(county, base=link.base)
        one.sync()
        work(one, cases=5)
        for _ in range(10):
            if one.sync().ok and desk_counts(one).get("pending", 0) == 0:
                break
        for _ in range(10):
            if two.sync().ok:
                break
        assert sum(link.stats.faults.values()) >= 3
    finally:
        link.stop()
    assert desk_counts(one) == {"applied": 20}
    assert county_totals(county, one) == {"residents": 5, "cases": 5, "events": 10, "ops": 20}
    with two.factory() as session:
        assert session.scalar(select(func.count()).select_from(CaseEvent)) == 10
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 0


@pytest.mark.slow
@one_backend
def test_a_2g_link_is_slow_but_gets_there(county: CountyProcess, new_desk) -> None:
    """About 2 KB/s each way with 1–2 s round trips; a read timeout shorter than
    a whole batch takes makes the engine halve its batches and go on."""
    link = FaultProxy(county.port, rate=2048, latency=(1.0, 2.0), seed=3).start()
    try:
        desk = new_desk(1)
        desk.enroll(county)  # enrolled directly: the test is about the slow sync
        desk.sync()
        with desk.factory.begin() as session:
            from app.services.setup import this_device

            this_device(session).server_url = link.base
        # Enough work that one batch takes longer than the timeout even in
        # protocol 2's compact encoding (about 45 bytes an operation).
        for n in range(40):
            desk.take_in(desk.register(f"慢速{n}"))
        from app.sync.transport import Transport

        desk.engine.transport_factory = lambda url, **kw: Transport(url, **(kw | {"read_timeout": 2.5}))
        started = time.monotonic()
        report = desk.engine.run(push_only=True)
        elapsed = time.monotonic() - started
    finally:
        link.stop()
    assert report.ok, report.message
    assert desk_counts(desk) == {"applied": 120}
    sent = link.stats.bytes_up + link.stats.bytes_down
    assert elapsed >= sent / 2048 / 2  # the link really was slow (both directions run at once)
    pushes = [p for p in link.stats.paths if p.startswith("POST /api/v1/push")]
    assert len(pushes) >= 2  # the first, whole batch timed out; halves went through


@pytest.mark.parametrize("fault", ["drop_after", "truncate"])
def test_staff_accounts_through_a_cut_link_are_applied_once(county: CountyProcess, proxy: FaultProxy, new_desk,
                                                             fault: str) -> None:
    """Accounts a head made at the desk: the county answered but the desk never
    heard; the resend is a duplicate, and the other desk gets each account once."""
    from app.models import Staff
    from app.services.staff import add_staff, change_role, check_login
    from county_server.models import Staff as CountyStaff

    desk = new_desk(1)
    desk.enroll(county, base=proxy.base)
    assert desk.sync().ok
    with desk.factory.begin() as session:
        worker = add_staff(session, desk.actor, username="lina", display_name="李娜", password="Lina2026a").id
        add_staff(session, desk.actor, username="daiban", display_name="代办员", password="Daiban2026", role="proxy")
    with desk.factory.begin() as session:
        change_role(session, desk.actor, worker, "proxy")
    proxy.plan("/api/v1/push", fault)
    report = desk.sync()
    assert report.ok, report.message
    assert proxy.stats.faults == {fault: 1}
    assert desk_counts(desk) == {"applied": 3}
    with county.db() as session:
        rows = {s.username: (s.role, s.version) for s in session.scalars(select(CountyStaff))
                if s.username in ("lina", "daiban")}
        ops = session.scalar(select(func.count()).select_from(AppliedOp).where(AppliedOp.entity == "staff",
                                                                               AppliedOp.device_id == desk.actor.device_id))
    assert rows == {"lina": ("proxy", 2), "daiban": ("proxy", 1)} and ops == 3
    other = new_desk(2)
    other.enroll(county, base=proxy.base)
    proxy.plan("/api/v1/pull/staff", fault)
    proxy.plan("/api/v1/bootstrap", fault)
    assert other.sync().ok
    with other.factory.begin() as session:
        assert session.scalar(select(func.count()).select_from(Staff).where(Staff.username == "lina")) == 1
        assert check_login(session, "lina", "Lina2026a").role == "proxy"


@pytest.mark.parametrize("fault", ["drop_after", "truncate"])
def test_a_merge_cut_by_the_link_is_applied_exactly_once(county: CountyProcess, proxy: FaultProxy, new_desk,
                                                         fault: str) -> None:
    """合并登记: the county answered, the desk never heard; sent again, it is
    the same operation, and the other desk applies it once."""
    one, two = new_desk(1), new_desk(2)
    one.enroll(county, base=proxy.base)
    two.enroll(county, base=proxy.base)
    assert one.sync().ok
    kept, typo = one.register("张老汉"), one.register("张老汉")
    case_id = one.take_in(typo)
    assert one.sync().ok and two.sync().ok
    merge_id = one.merge(kept, typo)
    proxy.plan("/api/v1/push", fault)
    assert one.sync().ok
    assert proxy.stats.faults == {fault: 1}
    assert desk_counts(one) == {"applied": 5}
    with county.db() as session:
        assert session.scalar(select(func.count()).select_from(AppliedOp).where(AppliedOp.entity_id == merge_id)) == 1
        assert session.get(CountyCase, case_id).resident_id == kept
    proxy.plan("/api/v1/pull/records", "pass", fault)
    assert two.sync().ok
    assert two.merged() == one.merged() == {typo: kept}
    assert two.case(case_id).resident_id == kept


@pytest.mark.parametrize("fault", ["drop_after", "truncate"])
def test_appointments_cut_by_the_link_are_applied_exactly_once(county: CountyProcess, proxy: FaultProxy, new_desk,
                                                               fault: str) -> None:
    """预约: booked, then checked in and taken in (the case linked) or cancelled,
    through a link that cuts the push; each change reaches the county once, and
    the other desk holds the same appointments."""
    from datetime import timedelta

    from app.clock import local_today
    from app.models import Appointment
    from app.services import appointments
    from app.services.calendar_store import load_work_calendar
    from county_server.models import CenterRecord

    one, two = new_desk(1), new_desk(2)
    one.enroll(county, base=proxy.base)
    two.enroll(county, base=proxy.base)
    assert one.sync().ok
    people = [one.register(name) for name in ("张老汉", "李大妈")]
    item_id, _materials = one.item("CM")
    booked = []
    with one.factory.begin() as session:
        calendar = load_work_calendar(session)
        day = local_today() + timedelta(days=1)
        while not calendar.is_working_day(day):
            day += timedelta(days=1)
        slots = appointments.free_slots(session, one.actor, day=day, item_id=item_id, calendar=calendar,
                                        staff_id=one.actor.staff_id)
        for slot, resident_id in zip(slots, people):
            booked.append(appointments.book(session, one.actor, appointments.BookingRequest(
                name="预约人", item_id=item_id, staff_id=one.actor.staff_id, starts_at=slot.starts_at,
                resident_id=resident_id), calendar=calendar).id)
    proxy.plan("/api/v1/push", fault)
    assert one.sync().ok
    with one.factory.begin() as session:
        appointments.check_in(session, one.actor, booked[0])
    case_id = one.take_in(people[0])
    with one.factory.begin() as session:
        appointments.link_case(session, one.actor, booked[0], case_id)
        appointments.cancel(session, one.actor, booked[1], "群众来电改期")
    proxy.plan("/api/v1/push", fault)
    assert one.sync().ok
    assert proxy.stats.faults == {fault: 2}
    assert desk_counts(one) == {"applied": 9}  # 2 residents, 2 bookings, check-in, case + event, link, cancel
    with county.db() as session:
        for appointment_id in booked:
            ops = session.scalar(select(func.count()).select_from(AppliedOp).where(AppliedOp.entity_id == appointment_id))
            assert ops == (3 if appointment_id == booked[0] else 2)
        records = {r.id: r.data for r in session.scalars(select(CenterRecord).where(CenterRecord.entity == "appointment"))}
    assert records[booked[0]]["status"] == "done" and records[booked[0]]["case_id"] == str(case_id)
    assert records[booked[1]]["status"] == "cancelled" and records[booked[1]]["cancel_reason"] == "群众来电改期"
    proxy.plan("/api/v1/pull/records", "pass", fault)
    assert two.sync().ok
    with two.factory() as session:
        got = {a.id: (a.status, a.case_id, a.cancel_reason) for a in session.scalars(select(Appointment))}
    assert got == {booked[0]: ("done", case_id, ""), booked[1]: ("cancelled", None, "群众来电改期")}


# -- 投诉举报 (complaint) ----------------------------------------------------------------


@pytest.mark.parametrize("fault", ["drop_after", "truncate"])
def test_a_complaint_and_the_county_answer_through_a_cut_link_are_applied_once(
        county: CountyProcess, proxy: FaultProxy, new_desk, fault: str) -> None:
    """Registered and escalated at one desk (the county answered, the desk never
    heard: sent again, the same operations); the county's answer comes down to
    the other desk through a cut pull page, once, and is not lost."""
    import httpx

    from app.models import Complaint
    from app.services import complaints
    from app.services.calendar_store import load_work_calendar
    from county_server.models import Complaint as CountyComplaint

    one, two = new_desk(1), new_desk(2)
    one.enroll(county, base=proxy.base)
    two.enroll(county, base=proxy.base)
    assert one.sync().ok and two.sync().ok
    with one.factory.begin() as session:
        done = complaints.register_complaint(session, one.actor, complaints.ComplaintInput(
            title="窗口无人", content="午休时段窗口无人值守。", subject="本中心", complainant_name="陈阿姨"),
            calendar=load_work_calendar(session))
    with one.factory.begin() as session:
        complaints.escalate_complaint(session, one.actor, done.id, "针对本中心")
    proxy.plan("/api/v1/push", fault)
    assert one.sync().ok
    assert proxy.stats.faults == {fault: 1}
    assert desk_counts(one) == {"applied": 2}
    with county.db() as session:
        ops = session.scalar(select(func.count()).select_from(AppliedOp).where(AppliedOp.entity_id == done.id))
        assert ops == 2 and session.get(CountyComplaint, done.id).version == 2
    officer = county.county_token()
    answered = httpx.post(f"{county.base}/api/v1/county/complaints/{done.id}/answer", json={"answer": "已整改"},
                          headers={"Authorization": f"Bearer {officer}"}, timeout=30)
    assert answered.status_code == 200, answered.text
    proxy.plan("/api/v1/pull/records", "pass", fault)
    assert two.sync().ok
    with two.factory() as session:
        row = session.get(Complaint, done.id)
        assert row is not None and row.county_answer == "已整改" and row.status == "escalated"
        assert session.scalar(select(func.count()).select_from(Complaint)) == 1



@pytest.mark.parametrize("fault", ["drop_after", "truncate"])
def test_whereabouts_notes_and_ab_assignments_through_a_cut_link_are_applied_once(
        county: CountyProcess, proxy: FaultProxy, new_desk, fault: str) -> None:
    """去向留言 and AB角: the county answered but the desk never heard; the resend
    is a duplicate, and the other desk of the center gets each record once."""
    from datetime import timedelta

    from app.clock import utcnow
    from app.models import BackupAssignment, WhereaboutsNote
    from app.services import assignments, whereabouts
    from app.services.staff import add_staff
    from county_server.models import CenterRecord

    one, two = new_desk(1), new_desk(2)
    one.enroll(county, base=proxy.base)
    two.enroll(county, base=proxy.base)
    assert one.sync().ok
    with one.factory.begin() as session:
        worker = add_staff(session, one.actor, username="lina", display_name="李娜", password="Lina2026a").id
    with one.factory.begin() as session:
        note = whereabouts.set_note(session, one.actor, worker, whereabouts.NoteInput(
            "meeting", "镇政府", utcnow() + timedelta(hours=1))).note_id
        assignments.set_item_pair(session, one.actor, "CM", primary=worker, backup=one.actor.staff_id)
        post = assignments.set_post(session, one.actor, None, "民政岗", primary=worker, backup=one.actor.staff_id)
    with one.factory.begin() as session:
        whereabouts.clear_note(session, one.actor, worker)
    proxy.plan("/api/v1/push", fault)
    report = one.sync()
    assert report.ok, report.message
    assert proxy.stats.faults == {fault: 1}
    assert desk_counts(one) == {"applied": 5}  # the account, the note twice, the item and the post
    with county.db() as session:
        kept = {r.id: r for r in session.scalars(select(CenterRecord).where(
            CenterRecord.entity.in_(("whereabouts_note", "backup_assignment"))))}
        ops = session.scalar(select(func.count()).select_from(AppliedOp).where(
            AppliedOp.entity.in_(("whereabouts_note", "backup_assignment")), AppliedOp.device_id == one.actor.device_id))
    assert set(kept) >= {note, post} and ops == 4
    assert kept[note].data["returned_at"] is not None and kept[note].version == 2
    proxy.plan("/api/v1/pull/records", "pass", fault)
    assert two.sync().ok
    with two.factory() as session:
        assert session.scalar(select(func.count()).select_from(WhereaboutsNote)) == 1
        assert session.get(WhereaboutsNote, note).returned_at is not None
        assert {a.subject for a in session.scalars(select(BackupAssignment))} == {"item", "post"}


@pytest.mark.parametrize("fault", ["drop_after", "truncate"])
def test_online_assists_through_a_cut_link_are_applied_once(
        county: CountyProcess, proxy: FaultProxy, new_desk, fault: str) -> None:
    """帮办网办: registered and followed up offline; the county answered but the
    desk never heard; the resend is a duplicate, the other desk gets it once."""
    from datetime import timedelta

    from app.clock import utcnow
    from app.models import OnlineAssist
    from app.services import online_assist
    from county_server.models import OnlineAssist as CountyAssist

    one, two = new_desk(1), new_desk(2)
    one.enroll(county, base=proxy.base)
    two.enroll(county, base=proxy.base)
    assert one.sync().ok
    with one.factory.begin() as session:
        row = online_assist.register(session, one.actor, online_assist.AssistInput(
            resident_name="张老汉", platform="浙里办", item_name="社会保障卡申领", application_no="ZLB202612010001",
            follow_up_on=utcnow().astimezone().date() + timedelta(days=3)))
    with one.factory.begin() as session:
        online_assist.follow_up(session, one.actor, row.id, outcome="approved")
    proxy.plan("/api/v1/push", fault)
    report = one.sync()
    assert report.ok, report.message
    assert proxy.stats.faults == {fault: 1}
    assert desk_counts(one) == {"applied": 2}
    with county.db() as session:
        kept = session.get(CountyAssist, row.id)
        ops = session.scalar(select(func.count()).select_from(AppliedOp).where(
            AppliedOp.entity == "online_assist", AppliedOp.device_id == one.actor.device_id))
        assert kept is not None and kept.version == 2 and ops == 2
        assert kept.outcome == "approved" and kept.followed_up_at is not None and kept.platform == "浙里办"
    proxy.plan("/api/v1/pull/records", "pass", fault)
    assert two.sync().ok
    with two.factory() as session:
        assert session.scalar(select(func.count()).select_from(OnlineAssist)) == 1
        copy = session.get(OnlineAssist, row.id)
        assert copy.outcome == "approved" and copy.application_no == "ZLB202612010001"


@pytest.mark.parametrize("fault", ["drop_after", "truncate"])
def test_ratings_and_follow_ups_cut_by_the_link_are_applied_exactly_once(county: CountyProcess, proxy: FaultProxy,
                                                                         new_desk, fault: str) -> None:
    """好差评: a rating (insert-only) and its follow-up (upserts) through a cut
    push; the county's appeal decision down through a cut pull, once."""
    import httpx

    from app.models import Rating, RatingFollowUp
    from app.models.vocabulary import IntakeOutcome
    from app.services import ratings
    from county_server.models import Rating as CountyRating
    from county_server.models import RatingFollowUp as CountyFollowUp

    one, two = new_desk(1), new_desk(2)
    one.enroll(county, base=proxy.base)
    two.enroll(county, base=proxy.base)
    assert one.sync().ok  # the catalog first
    case_id = one.take_in(one.register("评价人"), code="OS", outcome=IntakeOutcome.DONE_ON_THE_SPOT)
    assert one.sync().ok and two.sync().ok
    with one.factory.begin() as session:
        ballot = ratings.issue_ballot(session, one.actor, case_id=case_id)
        receipt = ratings.cast_ballot(session, ballot.token, level="very_dissatisfied", reasons=["attitude"])
    with one.factory.begin() as session:
        ratings.record_outcome(session, one.actor, receipt.follow_up_id, "appeal", "恶意差评：群众当时未在场")
    proxy.plan("/api/v1/push", fault)
    assert one.sync().ok
    assert proxy.stats.faults == {fault: 1}
    with county.db() as session:
        ops = dict(session.execute(select(AppliedOp.entity, func.count()).where(
            AppliedOp.device_id == one.actor.device_id, AppliedOp.entity.in_(("rating", "rating_follow_up")))
            .group_by(AppliedOp.entity)).tuples().all())
        assert session.scalar(select(func.count()).select_from(CountyRating).where(CountyRating.case_id == case_id)) == 1
        follow_up = session.get(CountyFollowUp, receipt.follow_up_id)
        assert follow_up.outcome == "appeal" and follow_up.version == ops["rating_follow_up"]
    assert ops["rating"] == 1
    token = county.county_token()
    decided = httpx.post(f"{county.base}/api/v1/county/appeals/{receipt.follow_up_id}", timeout=30,
                         headers={"Authorization": f"Bearer {token}"}, json={"decision": "voided", "reason": "核实属实"})
    assert decided.status_code == 200, decided.text
    proxy.plan("/api/v1/pull/records", "pass", fault)
    assert one.sync().ok and two.sync().ok
    for desk in (one, two):
        with desk.factory() as session:
            assert session.scalar(select(func.count()).select_from(Rating)) == 1
            row = session.get(RatingFollowUp, receipt.follow_up_id)
            assert (row.appeal_decision, row.appeal_reason) == ("voided", "核实属实")


@pytest.mark.parametrize("fault", ["drop_after", "truncate"])
def test_field_cases_and_the_home_service_flag_through_a_cut_link_are_applied_once(
        county: CountyProcess, proxy: FaultProxy, new_desk, fault: str) -> None:
    """外出服务: a field laptop's 上门 case and a resident's home-service flag
    through a cut push (the resend is a duplicate), and down to the desk
    through a cut pull, each once."""
    from app.models import Case, Resident
    from app.models.vocabulary import FieldMode, IntakeOutcome
    from app.services import field_service

    laptop, desk = new_desk(2), new_desk(1)
    laptop.enroll(county, base=proxy.base)
    desk.enroll(county, base=proxy.base)
    county.publish_test_catalog()
    assert laptop.sync().ok and desk.sync().ok
    person = laptop.register("王大娘")
    with laptop.factory.begin() as session:
        field_service.set_home_service(session, laptop.actor, person, True)
    case_id = laptop.take_in(person, "OS", IntakeOutcome.DONE_ON_THE_SPOT, field_mode=FieldMode.HOME,
                             field_place="三组 和平村三组12号")
    proxy.plan("/api/v1/push", fault)
    report = laptop.sync()
    assert report.ok, report.message
    assert proxy.stats.faults == {fault: 1}
    assert desk_counts(laptop) == {"applied": 4}  # the resident twice (registered, flagged), the case, its event
    with county.db() as session:
        assert session.get(CountyResident, person).data["home_service"] is True
        case = session.get(CountyCase, case_id)
        assert (case.data["field_mode"], case.data["field_place"], case.version) == ("home", "三组 和平村三组12号", 1)
        assert session.scalar(select(func.count()).select_from(AppliedOp).where(
            AppliedOp.device_id == laptop.actor.device_id)) == 4
    proxy.plan("/api/v1/pull/records", "pass", fault)
    assert desk.sync().ok
    with desk.factory() as session:
        assert session.get(Resident, person).home_service is True
        got = session.get(Case, case_id)
        assert (got.field_mode, got.field_place) == ("home", "三组 和平村三组12号")
        assert session.scalar(select(func.count()).select_from(Case)) == 1
