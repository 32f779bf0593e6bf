"""外出服务: picking the visits, the laptop's readiness, the whereabouts note
while away, and the cases marked 上门 / 巡回 with their place."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import AuditEntry, OutboxEntry, Resident, WhereaboutsNote
from app.models.vocabulary import AppointmentPlace, FieldMode, IntakeOutcome, WhereaboutsStatus
from app.services import field_service as fs
from app.services import whereabouts
from app.services.errors import DomainError
from tests.services.desk import NOW, D, Desk
from tests.services.test_appointments import book


def flag(desk: Desk, needed: bool = True) -> None:
    with desk.db.session_factory.begin() as session:
        fs.set_home_service(session, desk.clerk, desk.resident_id, needed, now=NOW)


def test_the_home_service_flag_is_synced_and_audited(desk: Desk) -> None:
    flag(desk)
    flag(desk)  # again: nothing more to send
    with desk.db.session_factory() as session:
        assert session.get(Resident, desk.resident_id).home_service is True
        ops = session.scalars(select(OutboxEntry).where(OutboxEntry.entity == "resident",
                                                        OutboxEntry.entity_id == desk.resident_id)).all()
        assert ops[-1].payload["home_service"] is True
        audits = session.scalars(select(AuditEntry.summary).where(AuditEntry.summary.like("%需上门服务%"))).all()
        assert len(audits) == 1


def test_candidates_are_booked_home_visits_then_flagged_residents(desk: Desk) -> None:
    book(desk, 9, place=AppointmentPlace.HOME, address="和平村三组12号")
    book(desk, 10, name="李四", resident=False, place=AppointmentPlace.HOME, address="和平村五组")
    book(desk, 11)  # at the center: not a field visit
    flag(desk)  # already booked: listed once, as the booking
    with desk.db.session_factory() as session:
        visits = fs.candidates(session, desk.clerk, first=D("2026-02-13"), last=D("2026-02-13"))
    assert [(v.name, v.appointment_id is not None, v.address) for v in visits] == [
        ("张老汉", True, "和平村三组12号"), ("李四", True, "和平村五组")]
    flag(desk, False)
    with desk.db.session_factory() as session:
        later = fs.candidates(session, desk.clerk, first=D("2026-02-16"), last=D("2026-02-16"))
    assert later == ()
    flag(desk)
    with desk.db.session_factory() as session:
        later = fs.candidates(session, desk.clerk, first=D("2026-02-16"), last=D("2026-02-16"))
    assert [v.key for v in later] == [f"resident:{desk.resident_id}"]


def test_readiness_names_what_is_missing_when_offline(desk: Desk) -> None:
    booked = book(desk, 10, name="李四", resident=False, place=AppointmentPlace.HOME, address="和平村五组")
    flag(desk)
    keys = (f"appointment:{booked.id}", f"resident:{desk.resident_id}")
    desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT))
    with desk.db.session_factory() as session:
        ready = fs.readiness(session, desk.clerk, keys, offline_reason="网络不可用")
    assert not ready.ready
    assert any("不可用" in p for p in ready.problems) or any("未在县级" in p or "尚未在县级" in p for p in ready.problems)
    unregistered, flagged = ready.lines
    assert any("尚未登记" in p for p in unregistered.problems)
    assert flagged.open_cases == 1 and flagged.earlier_items == ("高龄津贴申报",)


def test_field_mode_leaves_the_note_marks_cases_and_clears_on_return(desk: Desk) -> None:
    flag(desk)
    with desk.db.session_factory.begin() as session:
        session.get(Resident, desk.resident_id).village_group = "三组"
        session.get(Resident, desk.resident_id).address = "和平村三组12号"
    with desk.db.session_factory.begin() as session:
        trip = fs.enter_field_mode(session, desk.clerk, fs.TripInput(
            mode=FieldMode.HOME, place="", expected_back_at=NOW + timedelta(hours=5),
            visits=(f"resident:{desk.resident_id}",)), now=NOW)
        assert trip.place == "三组"
    with desk.db.session_factory.begin() as session:
        note = whereabouts.open_note(session, desk.clerk.staff_id)
        assert note.status == WhereaboutsStatus.FIELD_VISIT and note.destination == "上门：三组"
        assert note.reason == "上门服务 1 户"
        # Logging in again on the laptop at the home is not being back.
        assert whereabouts.clear_on_login(session, desk.clerk, now=NOW + timedelta(minutes=20)) is None
        mode, place = fs.intake_marking(session, desk.resident_id)
        assert (mode, place) == ("home", "三组 和平村三组12号")
        with pytest.raises(DomainError) as twice:
            fs.enter_field_mode(session, desk.clerk, fs.TripInput(FieldMode.TOUR, "五组", NOW + timedelta(hours=2), ()),
                                now=NOW)
        assert twice.value.field == "mode"
    case_id = desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT, field_mode=mode, field_place=place),
                           now=NOW + timedelta(minutes=30))
    case = desk.case(case_id)
    assert (case.field_mode, case.field_place) == ("home", "三组 和平村三组12号")
    with desk.db.session_factory() as session:
        op = session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == case_id)).first()
        assert (op.payload["field_mode"], op.payload["field_place"]) == ("home", "三组 和平村三组12号")
    with desk.db.session_factory.begin() as session:
        summary = fs.leave_field_mode(session, desk.clerk, now=NOW + timedelta(hours=3))
        assert [c[0] for c in summary.cases] == [case.case_number] and summary.cases[0][3] == "上门"
        assert fs.current_trip(session) is None
        assert whereabouts.open_note(session, desk.clerk.staff_id) is None
        assert session.scalar(select(WhereaboutsNote.returned_at)) is not None
        assert fs.intake_marking(session, desk.resident_id) == ("", "")


def test_a_field_case_needs_its_place_and_a_known_mode(desk: Desk) -> None:
    with pytest.raises(DomainError) as no_place:
        desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT, field_mode=FieldMode.TOUR, field_place=" "))
    assert no_place.value.field == "field_place" and "巡回" in str(no_place.value)
    with pytest.raises(DomainError) as unknown:
        desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT, field_mode="bus", field_place="五组"))
    assert unknown.value.field == "field_mode"
    at_desk = desk.case(desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT, field_place="ignored")))
    assert (at_desk.field_mode, at_desk.field_place) == ("", "")


def test_the_field_ledger_and_statistics_count_visits_and_their_cases(desk: Desk) -> None:
    from app.services import ledgers
    from app.services.statistics import center_statistics

    home = {"field_mode": FieldMode.HOME, "field_place": "三组 和平村三组12号"}
    desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT, **home), now=NOW)
    desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT, **home), now=NOW + timedelta(minutes=20))  # the same visit
    desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT, field_mode=FieldMode.TOUR, field_place="五组"),
                 now=NOW + timedelta(hours=2))
    desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT), now=NOW + timedelta(hours=3))  # at the window
    day = NOW.date()
    with desk.db.session_factory() as session:
        ledger = ledgers.field_ledger(session, start=day, end=day)
        stats = center_statistics(session, start=day, end=day, today=day)
    assert [(row[2], row[3]) for row in ledger.rows] == [("上门", "三组 和平村三组12号")] * 2 + [("巡回", "五组")]
    assert "*" in ledger.rows[0][6]  # ID numbers masked
    assert ledger.total[3] == "上门 1 户次 2 件；巡回 1 场次 1 件"
    values = stats.total.values
    assert (values["home_visits"], values["home_cases"], values["tour_visits"], values["tour_cases"]) == (1, 2, 1, 1)
    assert values["accepted"] == 4


@pytest.mark.parametrize("paper", ["80mm", "A5"])
def test_a_field_receipt_prints_on_the_portable_printer_with_its_place_and_signatures(desk: Desk, paper: str,
                                                                                      tmp_path) -> None:
    import subprocess

    from app.services.documents import PrintTarget, prepare

    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT, field_mode=FieldMode.HOME,
                                        field_place="三组 和平村三组12号"))
    spot = desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT, field_mode=FieldMode.TOUR,
                                     field_place="五组村委会"))
    texts = []
    with desk.db.session_factory() as session:
        for target in (PrintTarget("receipt", case_id=case_id), PrintTarget("completion_notice", case_id=spot)):
            if target.doc_type == "completion_notice" and paper == "80mm":
                paper_used = "A5"  # the notices print on paper; A5 is the portable printer's sheet
            else:
                paper_used = paper
            pdf = prepare(session, desk.clerk, target, paper=paper_used).pdf
            source = tmp_path / f"{target.doc_type}.pdf"
            source.write_bytes(pdf)
            out = subprocess.run(["pdftotext", "-layout", str(source), "-"], capture_output=True, check=True, text=True)
            texts.append("".join(out.stdout.split()))
    receipt, completion = texts
    assert "上门受理（三组和平村三组12号）" in receipt and "材料齐全" in receipt
    assert "工作人员（签字）" in receipt and "申请人（签字）" in receipt  # the worker on the copy, the resident on the stub
    assert "巡回受理（五组村委会）" in completion and "申请人（签收）" in completion
