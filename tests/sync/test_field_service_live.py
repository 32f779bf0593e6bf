"""外出服务 end to end, against a real county server process: a field laptop
(another device of the center) takes in three home and mobile cases offline
while the desk takes in two, one of them for a resident registered on both.
Both sync: one record of that resident, five cases, no case number twice,
and the 上门 / 巡回 ledgers agree on both computers."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.clock import local_today, utcnow
from app.models import Case, Resident
from app.models.vocabulary import FieldMode, IntakeOutcome, WhereaboutsStatus
from app.services import field_service as fs
from app.services import ledgers, whereabouts
from app.services.statistics import center_statistics
from county_server.models import Case as CountyCase
from county_server.models import Device as CountyDevice
from county_server.models import Resident as CountyResident
from tests.sync.live import CountyProcess, DeskPC

#: Fictional ID numbers by sequence (tests.sync.live.person_id): the same number is the same person.
OLD_ZHANG = 7001


def cases_of(pc: DeskPC) -> dict[str, tuple[str, str, str]]:
    with pc.factory() as session:
        return {number: (mode, place, str(resident)) for number, mode, place, resident in session.execute(
            select(Case.case_number, Case.field_mode, Case.field_place, Case.resident_id))}


def field_counts(pc: DeskPC) -> tuple[tuple[int, int, int, int], str]:
    today = local_today()
    with pc.factory() as session:
        values = center_statistics(session, start=today, end=today, today=today).total.values
        ledger = ledgers.field_ledger(session, start=today, end=today)
    return (values["home_visits"], values["home_cases"], values["tour_visits"], values["tour_cases"]), ledger.total[3]


def test_a_field_laptop_and_the_desk_work_offline_and_sync_into_one_record(county: CountyProcess, new_desk) -> None:
    desk, laptop = new_desk(1), new_desk(2)
    desk.enroll(county)
    laptop.enroll(county)
    county.publish_test_catalog()
    assert desk.sync().ok and laptop.sync().ok  # both hold the catalog

    # Before leaving: the desk flags a resident for home service; the laptop syncs and picks the visit.
    wang = desk.register("王大娘", sequence=7002)
    with desk.factory.begin() as session:
        fs.set_home_service(session, desk.actor, wang, True)
        session.get(Resident, wang).village_group = "三组"
        session.get(Resident, wang).address = "和平村三组12号"
        from app.models.outbox import record_change

        record_change(session, session.get(Resident, wang))
    assert desk.sync().ok
    today = local_today()
    with laptop.factory() as session:
        assert fs.candidates(session, laptop.actor, first=today, last=today) == ()  # not on the laptop yet
    assert laptop.sync().ok  # the laptop fetches the center's records before leaving
    with laptop.factory() as session:
        picked = [v.key for v in fs.candidates(session, laptop.actor, first=today, last=today)]
        assert picked == [f"resident:{wang}"]  # the flag came with the sync
    with laptop.factory.begin() as session:
        ready = fs.readiness(session, laptop.actor, picked, synced_now=True)
        assert ready.ready and ready.lines[0].visit.place == "三组 和平村三组12号"
        fs.enter_field_mode(session, laptop.actor, fs.TripInput(
            mode=FieldMode.HOME, place="", expected_back_at=utcnow() + timedelta(hours=6), visits=tuple(picked),
            reason="上门为行动不便群众办理"))
    assert laptop.sync().ok  # the note goes up while the laptop still has the center's link
    assert desk.sync().ok
    with desk.factory() as session:
        note = whereabouts.open_note(session, laptop.actor.staff_id)
        assert note is not None and note.status == WhereaboutsStatus.FIELD_VISIT and note.destination == "上门：三组"

    # Offline from here: the laptop at the homes, the desk at the window.
    with laptop.factory() as session:
        offline = fs.readiness(session, laptop.actor, picked, offline_reason="无网络")
        assert not offline.ready and "无网络" in offline.problems[0]
        mode, place = fs.intake_marking(session, wang)
    laptop_cases = [laptop.take_in(wang, "OS", IntakeOutcome.DONE_ON_THE_SPOT, field_mode=mode, field_place=place)]
    li = laptop.register("李大爷", sequence=7003)
    laptop_cases.append(laptop.take_in(li, "CM", field_mode=FieldMode.HOME, field_place="三组 和平村三组20号"))
    zhang_on_laptop = laptop.register("张老汉", sequence=OLD_ZHANG)  # at the 五组 stop
    laptop_cases.append(laptop.take_in(zhang_on_laptop, "OS", IntakeOutcome.DONE_ON_THE_SPOT,
                                       field_mode=FieldMode.TOUR, field_place="五组 村委会"))
    zhang_at_desk = desk.register("张老汉", sequence=OLD_ZHANG)  # his son brings the papers to the window
    desk_cases = [desk.take_in(zhang_at_desk, "CM"), desk.take_in(desk.register("赵六", sequence=7004), "OS",
                                                                    IntakeOutcome.DONE_ON_THE_SPOT)]
    assert zhang_at_desk != zhang_on_laptop

    # Back at the center (or on a phone hotspot): both sync, in either order.
    with laptop.factory.begin() as session:
        summary = fs.leave_field_mode(session, laptop.actor)
        assert [c[3] for c in summary.cases] == ["上门", "上门", "巡回"] and summary.waiting > 0
    assert desk.sync().ok
    report = laptop.sync()
    assert report.ok, report.message
    assert desk.sync().ok and laptop.sync().ok

    for pc in (desk, laptop):
        with pc.factory() as session:
            zhangs = session.scalars(select(Resident).where(Resident.name == "张老汉")).all()
            assert [(r.id, r.merged_into) for r in zhangs] == [(zhang_at_desk, None)]  # one record, the desk's
            assert session.scalar(select(func.count()).select_from(Resident)) == 4
            assert whereabouts.open_note(session, laptop.actor.staff_id) is None  # back: the note is cleared
        numbers = cases_of(pc)
        assert len(numbers) == 5  # five cases, five different numbers (the column is unique, the count proves it)
        assert {numbers[n][0] for n in numbers} == {"home", "tour", ""}
        owners = {numbers[n][2] for n in numbers if numbers[n][0] in ("tour", "")} - {str(wang)}
        assert str(zhang_at_desk) in owners and str(zhang_on_laptop) not in owners
        assert field_counts(pc) == ((2, 2, 1, 1), "上门 2 户次 2 件；巡回 1 场次 1 件")
    assert cases_of(desk) == cases_of(laptop)
    with county.db() as session:
        device = session.get(CountyDevice, desk.actor.device_id)
        center = device.center_id
        assert session.scalar(select(func.count()).select_from(CountyResident)
                              .where(CountyResident.center_id == center, CountyResident.name == "张老汉")) == 1
        rows = session.scalars(select(CountyCase).where(CountyCase.center_id == center)).all()
        assert len(rows) == 5 and len({row.case_number for row in rows}) == 5
        assert sorted(row.data.get("field_mode", "") for row in rows) == ["", "", "home", "home", "tour"]
        assert {row.resident_id for row in rows if row.data.get("field_mode") == "tour"} == {zhang_at_desk}
    assert set(laptop_cases) | set(desk_cases) == {row.id for row in rows}
