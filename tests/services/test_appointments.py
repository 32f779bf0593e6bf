"""预约服务: opening hours, free slots, booking conflicts, cancel, no-show, check-in to intake."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from app.models import Appointment, AuditEntry, OutboxEntry, WhereaboutsNote
from app.models.vocabulary import AppointmentChannel, AppointmentPlace, AppointmentStatus, IntakeOutcome
from app.services import appointments as ap
from app.services import opening_hours as oh
from app.services.calendar import WorkCalendar
from app.services.errors import DomainError, PermissionDenied
from tests.services.desk import NOW, D, Desk

CAL = WorkCalendar.official()


def at(day: str, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(D(day), time(hh, mm)).astimezone()


def book(desk: Desk, hh: int, mm: int = 0, *, day: str = "2026-02-13", staff=None, code: str = "OS",
         name: str = "张老汉", resident: bool = True, now: datetime = NOW, **kwargs) -> ap.AppointmentRow:
    request = ap.BookingRequest(
        name=name, item_id=desk.items[code], staff_id=(staff or desk.clerk).staff_id, starts_at=at(day, hh, mm),
        resident_id=desk.resident_id if resident else None, **kwargs)
    with desk.db.session_factory.begin() as session:
        return ap.book(session, desk.clerk, request, calendar=CAL, now=now)


# -- opening hours: a pure rule -----------------------------------------------------------


def test_opening_hours_follow_the_calendar_not_the_deadlines() -> None:
    hours = oh.from_setting({
        "extended": {"1": [["17:30", "19:00"]]},  # Tuesday 延时
        "weekend_duty": {"5": [["09:00", "12:00"]], "6": [["09:00", "11:00"]]},
    })
    thursday = hours.periods_on(D("2026-02-12"), CAL)
    assert [p.text for p in thursday] == ["08:30–12:00", "14:00–17:30"]
    tuesday = hours.periods_on(D("2026-03-03"), CAL)
    assert [(p.text, p.kind) for p in tuesday][-1] == ("17:30–19:00", oh.KIND_EXTENDED)
    # A plain Saturday: weekend duty opens the window, and it stays a rest day for deadlines.
    saturday = D("2026-03-07")
    assert [(p.text, p.kind) for p in hours.periods_on(saturday, CAL)] == [("09:00–12:00", oh.KIND_WEEKEND_DUTY)]
    assert not CAL.is_working_day(saturday)
    # Sat 14 Feb 2026 is a make-up working day: regular hours, no weekend duty.
    assert [p.text for p in hours.periods_on(D("2026-02-14"), CAL)] == ["08:30–12:00", "14:00–17:30"]
    # The Spring Festival holiday: closed, the Sunday duty roster notwithstanding.
    assert hours.periods_on(D("2026-02-15"), CAL) == ()
    assert hours.periods_on(D("2026-02-16"), CAL) == ()
    # Without weekend duty a plain weekend is closed.
    assert oh.OpeningHours().periods_on(saturday, CAL) == ()


def test_opening_hours_refuse_bad_periods_naming_the_field() -> None:
    with pytest.raises(DomainError) as bad:
        oh.from_setting({"regular": [["08:30", "08:00"]]})
    assert bad.value.field == "regular" and "晚于" in str(bad.value) or "after" in str(bad.value)
    with pytest.raises(DomainError) as overlap:
        oh.from_setting({"extended": {"0": [["11:00", "13:00"]]}})
    assert overlap.value.field == "extended"
    with pytest.raises(DomainError) as duty:
        oh.from_setting({"weekend_duty": {"2": [["09:00", "10:00"]]}})
    assert duty.value.field == "weekend_duty"
    with pytest.raises(DomainError):
        oh.parse_time("25:00", field_name="regular")
    hours = oh.from_setting({"slot_minutes": 30, "item_slot_minutes": {"CM": 90}})
    assert hours.slot_length("CM") == timedelta(minutes=90) and hours.slot_length("OS") == timedelta(minutes=30)
    assert oh.from_setting(hours.to_setting()) == hours


def test_only_a_head_saves_the_opening_hours(desk: Desk) -> None:
    hours = oh.from_setting({"weekend_duty": {"5": [["09:00", "12:00"]]}, "slot_minutes": 30})
    with desk.db.session_factory.begin() as session, pytest.raises(PermissionDenied):
        oh.save(session, desk.clerk, hours)
    with desk.db.session_factory.begin() as session:
        oh.save(session, desk.head, hours)
    with desk.db.session_factory() as session:
        assert oh.load(session) == hours
        assert session.scalar(select(AuditEntry).where(AuditEntry.entity_id == "opening_hours")) is not None


# -- slots and booking ------------------------------------------------------------------


def test_free_slots_follow_opening_hours_and_bookings(desk: Desk) -> None:
    with desk.db.session_factory() as session:
        slots = ap.free_slots(session, desk.clerk, day=D("2026-02-13"), item_id=desk.items["OS"], calendar=CAL,
                              staff_id=desk.clerk.staff_id, now=NOW)
    assert [s.text for s in slots] == ["08:30–09:30", "09:30–10:30", "10:30–11:30", "14:00–15:00",
                                       "15:00–16:00", "16:00–17:00"]
    book(desk, 9, 30)
    with desk.db.session_factory() as session:
        after = ap.free_slots(session, desk.clerk, day=D("2026-02-13"), item_id=desk.items["OS"], calendar=CAL,
                              now=NOW)
        holiday = ap.free_slots(session, desk.clerk, day=D("2026-02-16"), item_id=desk.items["OS"], calendar=CAL,
                                now=NOW)
    by_text = {s.text: {w.id for w in s.free} for s in after}
    assert by_text["09:30–10:30"] == {desk.head.staff_id}  # the clerk is taken, the head is free
    assert by_text["08:30–09:30"] == {desk.head.staff_id, desk.clerk.staff_id}
    assert holiday == []
    # Today: the slots that have begun are gone (NOW is 10:00 on the 12th).
    with desk.db.session_factory() as session:
        today = ap.free_slots(session, desk.clerk, day=D("2026-02-12"), item_id=desk.items["OS"], calendar=CAL,
                              now=NOW)
    assert today[0].text == "10:30–11:30"


def test_booking_is_kept_audited_and_queued(desk: Desk) -> None:
    row = book(desk, 10, 30, phone="13800001234", channel=AppointmentChannel.PHONE)
    assert row.status == AppointmentStatus.BOOKED and row.slot == "2026-02-13 10:30–11:30"
    assert row.phone_masked == "138****1234" and row.item_name == "养老认证" and row.staff_name == "李娜"
    with desk.db.session_factory() as session:
        stored = session.get(Appointment, row.id)
        assert stored.created_by == desk.clerk.staff_id and stored.place == AppointmentPlace.CENTER
        assert session.scalar(select(OutboxEntry).where(OutboxEntry.owner_id == row.id)) is not None
        entry = session.scalar(select(AuditEntry).where(AuditEntry.entity_id == str(row.id)))
        assert entry.staff_id == desk.clerk.staff_id and "13800001234" not in entry.summary


def test_overlapping_bookings_are_refused_naming_the_clash(desk: Desk) -> None:
    book(desk, 10, 30)
    with pytest.raises(DomainError) as same_worker:
        book(desk, 10, 30, name="李大妈", resident=False)
    message = str(same_worker.value)
    assert same_worker.value.field == "slot"
    assert "李娜" in message and "10:30–11:30" in message and "张老汉" in message and "养老认证" in message
    # The same resident with another worker at an overlapping time: refused too.
    with pytest.raises(DomainError) as same_person:
        book(desk, 10, 30, staff=desk.head, code="CN")
    assert "张老汉" in str(same_person.value) and "同一人" in str(same_person.value) or "one person" in str(
        same_person.value)
    # Back to back is no clash; another worker at the same time is fine.
    assert book(desk, 14, 0).status == AppointmentStatus.BOOKED
    assert book(desk, 10, 30, staff=desk.head, name="李大妈", resident=False).staff_name == "王建国"


def test_booking_outside_opening_hours_or_on_a_holiday_is_refused(desk: Desk) -> None:
    with pytest.raises(DomainError) as lunch:
        book(desk, 11, 30)  # 11:30–12:30 runs into the lunch break
    assert lunch.value.field == "slot" and "08:30–12:00" in str(lunch.value)
    with pytest.raises(DomainError) as holiday:
        book(desk, 9, 0, day="2026-02-16")
    assert "不开放" in str(holiday.value) or "closed" in str(holiday.value)
    with pytest.raises(DomainError) as past:
        book(desk, 9, 0, day="2026-02-12")
    assert past.value.field == "slot"
    # Weekend duty: a plain Saturday opens once the head sets it.
    with desk.db.session_factory.begin() as session:
        oh.save(session, desk.head, oh.from_setting({"weekend_duty": {"5": [["09:00", "12:00"]]}}))
    assert book(desk, 9, 0, day="2026-02-28").status == AppointmentStatus.BOOKED  # 调休上班 Saturday anyway
    assert book(desk, 9, 0, day="2026-03-07").status == AppointmentStatus.BOOKED  # plain Saturday: duty


def test_a_home_visit_needs_its_address(desk: Desk) -> None:
    with pytest.raises(DomainError) as missing:
        book(desk, 14, 0, place=AppointmentPlace.HOME)
    assert missing.value.field == "address"
    row = book(desk, 14, 0, place=AppointmentPlace.HOME, address="示范村三组12号")
    assert row.place == AppointmentPlace.HOME and row.address == "示范村三组12号"


def test_bad_input_names_the_field(desk: Desk) -> None:
    for kwargs, field in (({"name": " "}, "name"), ({"phone": "12"}, "phone"), ({"channel": "fax"}, "channel")):
        with pytest.raises(DomainError) as bad:
            book(desk, 14, 0, **kwargs)
        assert bad.value.field == field


# -- outcomes -------------------------------------------------------------------------------


def test_cancel_keeps_its_reason_and_frees_the_slot(desk: Desk) -> None:
    row = book(desk, 10, 30)
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as no_reason:
        ap.cancel(session, desk.clerk, row.id, "  ", now=NOW)
    assert no_reason.value.field == "cancel_reason"
    with desk.db.session_factory.begin() as session:
        cancelled = ap.cancel(session, desk.head, row.id, "家中有事，改天再来", now=NOW)
    assert cancelled.status == AppointmentStatus.CANCELLED and cancelled.cancel_reason == "家中有事，改天再来"
    with desk.db.session_factory() as session:
        stored = session.get(Appointment, row.id)
        assert stored.cancelled_by == desk.head.staff_id
    assert book(desk, 10, 30).status == AppointmentStatus.BOOKED  # the slot is free again
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError):
        ap.cancel(session, desk.clerk, row.id, "again", now=NOW)


def test_a_no_show_is_recorded_not_punished(desk: Desk) -> None:
    row = book(desk, 10, 30)
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError):
        ap.record_no_show(session, desk.clerk, row.id, now=NOW)  # not begun yet
    later = at("2026-02-13", 11, 40)
    with desk.db.session_factory.begin() as session:
        missed = ap.record_no_show(session, desk.clerk, row.id, now=later)
    assert missed.status == AppointmentStatus.NO_SHOW and missed.no_show_at == later
    # The same resident books again at once: nothing holds the no-show against them.
    assert book(desk, 14, 0, now=later).status == AppointmentStatus.BOOKED


def test_check_in_prefills_intake_and_the_case_links_back(desk: Desk) -> None:
    row = book(desk, 10, 30, code="CM")
    arrived = at("2026-02-13", 10, 25)
    with desk.db.session_factory.begin() as session:
        checked = ap.check_in(session, desk.clerk, row.id, now=arrived)
    assert (checked.resident_id, checked.item_id, checked.name) == (desk.resident_id, desk.items["CM"], "张老汉")
    with desk.db.session_factory.begin() as session:
        again = ap.check_in(session, desk.clerk, row.id, now=arrived)  # intake started again: same data
    assert again == checked
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT), now=arrived)
    with desk.db.session_factory.begin() as session:
        ap.link_case(session, desk.clerk, row.id, case_id, now=arrived)
    with desk.db.session_factory() as session:
        done = ap.appointment_row(session, row.id)
    assert done.status == AppointmentStatus.DONE and done.case_id == case_id
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError):
        ap.cancel(session, desk.clerk, row.id, "too late", now=arrived)


def test_an_absent_worker_is_flagged(desk: Desk) -> None:
    row = book(desk, 14, 0)
    with desk.db.session_factory.begin() as session:
        session.add(WhereaboutsNote(center_id=desk.clerk.center_id, staff_id=desk.clerk.staff_id,
                                    destination="下村走访", left_at=at("2026-02-13", 13, 0),
                                    expected_back_at=at("2026-02-13", 16, 0)))
    with desk.db.session_factory() as session:
        rows = ap.appointment_rows(session, first=date(2026, 2, 13), last=date(2026, 2, 13))
        slots = ap.free_slots(session, desk.clerk, day=D("2026-02-13"), item_id=desk.items["OS"], calendar=CAL,
                              now=NOW)
    assert rows[0].id == row.id and "下村走访" in rows[0].worker_away
    by_text = {s.text: s for s in slots}
    assert desk.clerk.staff_id in {w.id for w in by_text["15:00–16:00"].away}
    assert desk.clerk.staff_id in {w.id for w in by_text["16:00–17:00"].free}  # expected back by then


def test_the_slip_lists_the_materials_to_bring(desk: Desk, tmp_path) -> None:
    from app.services.documents import PrintTarget, prepare, record_print

    row = book(desk, 10, 30, code="CM", phone="13800001234")
    with desk.db.session_factory.begin() as session:
        first = prepare(session, desk.clerk, PrintTarget("appointment_slip", appointment_id=row.id), paper="80mm")
        record_print(session, desk.clerk, first, data_dir=tmp_path)
        second = prepare(session, desk.clerk, PrintTarget("appointment_slip", appointment_id=row.id), paper="A5")
    assert first.doc_number.startswith("YY-SF01-20260213-") and first.doc_number.endswith("-01")
    assert second.doc_number.endswith("-02") and first.subject == "张老汉"
    with desk.db.session_factory() as session:
        data = ap.slip_data(session, row.id, {"doc_number": "x", "center": None, "staff_name": "李娜",
                                              "printed_at": NOW})
    assert [m.name for m in data.materials] == ["居民身份证", "居民户口簿", "银行卡"]
    assert (data.item_name, data.worker_name, data.place) == ("高龄津贴申报", "李娜", "中心")


def test_a_printed_slip_is_reprinted_from_the_print_center(desk: Desk, tmp_path) -> None:
    """补打 from the print center finds the appointment by the day and id in the slip's number: the print
    record holds only a case or an inquiry, and a slip has neither."""
    import subprocess

    from app.services import documents

    row = book(desk, 10, 30, code="CM", phone="13800001234")
    other = book(desk, 10, 30, day="2026-03-02", name="李大妈", resident=False)  # another slip, another day
    with desk.db.session_factory.begin() as session:
        for appointment_id in (row.id, other.id):
            first = documents.prepare(session, desk.clerk, documents.PrintTarget(
                documents.DOC_APPOINTMENT_SLIP, appointment_id=appointment_id), paper="80mm")
            documents.record_print(session, desk.clerk, first, data_dir=tmp_path)
    with desk.db.session_factory() as session:
        records = {r.subject: r for r in documents.print_records(session)}
        assert set(records) == {"张老汉", "李大妈"}  # the list names the resident, not a blank
        record = records["张老汉"]
        assert record.appointment_id == row.id
        again = documents.prepare(session, desk.clerk, documents.target_of(record), paper="A5")
    assert again.target.appointment_id == row.id
    assert again.doc_number == record.doc_number[:-2] + "02" and again.reprint_count == 1
    pdf = tmp_path / "again.pdf"
    pdf.write_bytes(again.pdf)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf), str(tmp_path / "again")], check=True)
    assert (tmp_path / "again.png").stat().st_size > 10_000
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "预约凭证" in text and "张老汉" in text and "高龄津贴申报" in text and "补打" in text
    assert again.doc_number in text and "居民户口簿" in text
    with desk.db.session_factory.begin() as session:
        documents.record_print(session, desk.clerk, again, data_dir=tmp_path)
        stored = {r.doc_number: r for r in documents.print_records(session)}
    assert stored[again.doc_number].reprint_count == 1 and stored[again.doc_number].appointment_id == row.id


def test_a_slip_is_not_printed_again_once_the_appointment_is_called_off(desk: Desk, tmp_path) -> None:
    from app.services import documents

    row = book(desk, 10, 30)
    with desk.db.session_factory.begin() as session:
        first = documents.prepare(session, desk.clerk, documents.PrintTarget(
            documents.DOC_APPOINTMENT_SLIP, appointment_id=row.id))
        documents.record_print(session, desk.clerk, first, data_dir=tmp_path)
        ap.cancel(session, desk.clerk, row.id, "家中有事，改天再来", now=NOW)
    with desk.db.session_factory() as session:
        [record] = documents.print_records(session)
        with pytest.raises(DomainError, match="该预约已取消，不能打印预约凭证") as refused:
            documents.prepare(session, desk.clerk, documents.target_of(record))
    assert refused.value.field == "status"
    # A slip whose appointment this desk does not hold says where to print it.
    with desk.db.session_factory.begin() as session:
        session.delete(session.get(Appointment, row.id))
    with desk.db.session_factory() as session:
        [record] = documents.print_records(session)
        with pytest.raises(DomainError, match="预约登记") as missing:
            documents.prepare(session, desk.clerk, documents.target_of(record))
    assert missing.value.field == "appointment" and record.subject == ""


def test_periods_are_typed_the_way_people_write_them() -> None:
    assert oh.parse_periods_text("08:30-12:00，14:00至17:30", field_name="regular") == [
        ["08:30", "12:00"], ["14:00", "17:30"]]
    assert oh.parse_periods_text(" ", field_name="regular") == []
    with pytest.raises(DomainError) as bad:
        oh.parse_periods_text("08:30", field_name="extended")
    assert bad.value.field == "extended"
    assert oh.parse_item_minutes_text("MZ-008=30；MZ-001＝90") == {"MZ-008": 30, "MZ-001": 90}
    assert oh.periods_text(oh.OpeningHours().regular) == "08:30-12:00, 14:00-17:30"
