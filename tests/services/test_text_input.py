"""Hidden control characters are refused at the service layer, naming the field.

A pasted NUL once reached the county and stopped a desk's sync for good
(issue 17). Each test feeds a hostile character into one text field of one
service and expects a DomainError naming that field, with nothing saved.
"""
from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from app.models import Case, Inquiry, Resident, ResidentMerge, Staff
from app.services import text_input
from app.services.calendar import CalendarTable, DayOverride
from app.services.calendar_store import import_calendar_table
from app.services.cases import IntakeRequest, MaterialReceipt, take_in
from app.services.catalog_import import CatalogImportError, validate_catalog
from app.services.errors import DomainError
from app.services.identity import RESIDENT_ID, fictional_id_number
from app.services.inquiries import InquiryInput, close_inquiry, record_notification, register_inquiry
from app.services.resident_merge import propose_merge
from app.services.residents import ResidentCorrection, ResidentInput, correct_resident, register_resident
from app.services.setup import CenterEdit, CenterSetup, setup_problems, update_center
from app.services.staff import add_staff
from app.text import Text
from tests.services.desk import CATALOG, NOW, Desk

HOSTILE = ["\x00", "a\x00b", "\x1b[31m", "\x7f", "\x85", "\ud800", "\udfff", "x\x0by"]


def _text_fields(cls: type) -> list[str]:
    """The fields of a request dataclass that carry text (str, str | None, tuple[str, ...], dict[str, ...])."""
    return [f.name for f in dataclasses.fields(cls) if "str" in str(f.type)]


def _poison(value: Any, annotation: str, bad: str) -> Any:
    if annotation.startswith("tuple"):
        return ("正常", bad)
    if annotation.startswith("dict"):
        return {"note": bad}
    return f"张{bad}"


# -- the one rule ---------------------------------------------------------------

@pytest.mark.parametrize("bad", HOSTILE)
def test_every_hidden_character_is_refused(bad: str) -> None:
    assert text_input.first_refused(f"张三{bad}") is not None
    assert text_input.first_refused(f"张三{bad}", multiline=True) is not None


@pytest.mark.parametrize("good", ["张三", "𠮷野家", "\u200f\u05e9\u05dc\u05d5\u05dd", "Zoë O'Brien", "a\u3000b", ""])
def test_real_text_passes(good: str) -> None:
    assert text_input.first_refused(good) is None


def test_line_breaks_and_tabs_only_where_a_field_has_several_lines() -> None:
    assert text_input.first_refused("第一行\r\n第二行\t完") == 3
    assert text_input.first_refused("第一行\r\n第二行\t完", multiline=True) is None


def test_the_message_is_chinese_and_names_the_field_and_the_place() -> None:
    with pytest.raises(DomainError) as caught:
        text_input.check_text("张\x00三", field="name", label=Text("姓名", "The name"))
    assert caught.value.field == "name"
    message = str(caught.value)
    assert message.startswith("姓名的第 2 个字符") and "NUL" in message and "控制字符" in message


def test_a_field_without_a_label_is_a_programming_error() -> None:
    @dataclasses.dataclass(frozen=True)
    class Form:
        name: str

    with pytest.raises(KeyError):
        text_input.check_fields(Form("x"), {})


# -- every service's text fields --------------------------------------------------

def _count(desk: Desk, model: Any) -> int:
    with desk.db.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _new_id(sequence: int) -> str:
    return fictional_id_number(region_code="440111", birth_date=date(1980, 1, 2), sequence=sequence, gender="女")


def _refused(desk: Desk, field: str, work: Any) -> None:
    with pytest.raises(DomainError) as caught, desk.db.session_factory.begin() as session:
        work(session)
    assert caught.value.field == field, str(caught.value)
    assert "控制字符" in str(caught.value)


@pytest.mark.parametrize("field", _text_fields(ResidentInput))
def test_registering_a_resident(desk: Desk, field: str) -> None:
    base = ResidentInput(doc_type=RESIDENT_ID, id_number=_new_id(31), name="刘芳", phone="13800138000")
    annotation = {f.name: str(f.type) for f in dataclasses.fields(ResidentInput)}[field]
    data = dataclasses.replace(base, **{field: _poison(getattr(base, field), annotation, "\x00")})
    before = _count(desk, Resident)
    _refused(desk, field, lambda s: register_resident(s, desk.clerk, data, now=NOW))
    assert _count(desk, Resident) == before


@pytest.mark.parametrize("field", [f for f in _text_fields(ResidentCorrection) if f != "doc_type"])
def test_correcting_a_resident(desk: Desk, field: str) -> None:
    base = ResidentCorrection(name="张老汉", phone=None, address="一组", village_group="", household_notes="",
                              reason="核对户口簿")
    data = dataclasses.replace(base, **{field: f"改{chr(0)}"})
    _refused(desk, field, lambda s: correct_resident(s, desk.clerk, desk.resident_id, data, now=NOW))
    with desk.db.session_factory() as session:
        assert session.get(Resident, desk.resident_id).address == ""  # nothing saved


@pytest.mark.parametrize("field", _text_fields(IntakeRequest))
def test_taking_in_a_case(desk: Desk, field: str) -> None:
    base = desk.request("CM", "accept")
    annotation = {f.name: str(f.type) for f in dataclasses.fields(IntakeRequest)}[field]
    request = dataclasses.replace(base, **{field: _poison(getattr(base, field), annotation, "\ud800")})
    _refused(desk, field, lambda s: take_in(s, desk.clerk, request, calendar=desk.calendar, now=NOW))
    assert _count(desk, Case) == 0


@pytest.mark.parametrize("field", _text_fields(MaterialReceipt))
def test_a_material_ticked_at_intake(desk: Desk, field: str) -> None:
    materials = list(desk.full("CM"))
    materials[0] = dataclasses.replace(materials[0], **{field: "原件\x00"})
    request = desk.request("CM", "accept", materials=tuple(materials))
    _refused(desk, field, lambda s: take_in(s, desk.clerk, request, calendar=desk.calendar, now=NOW))


@pytest.mark.parametrize("field", ["note", "forwarded_to"])
def test_an_event_on_a_case(desk: Desk, field: str) -> None:
    case_id = desk.take_in(desk.request("CM", "accept"))
    with pytest.raises(DomainError) as caught:
        desk.event(case_id, "complete", now=NOW, result="approved", **{field: "办结\x00"})
    assert caught.value.field == field
    assert len(desk.case(case_id).events) == 1


@pytest.mark.parametrize("field", _text_fields(InquiryInput))
def test_registering_an_inquiry(desk: Desk, field: str) -> None:
    base = InquiryInput(asker_name="赵六", topic="低保", answer="带户口簿", asker_phone="13800138000")
    annotation = {f.name: str(f.type) for f in dataclasses.fields(InquiryInput)}[field]
    data = dataclasses.replace(base, **{field: _poison(getattr(base, field), annotation, "\x9b")})
    _refused(desk, field, lambda s: register_inquiry(s, desk.clerk, data, now=NOW))
    assert _count(desk, Inquiry) == 0


def test_notifying_and_closing_an_inquiry(desk: Desk) -> None:
    _refused(desk, "note", lambda s: record_notification(
        s, desk.clerk, resident_id=desk.resident_id, item_id=desk.items["CM"], note="\x00", now=NOW))
    _refused(desk, "missing_materials", lambda s: record_notification(
        s, desk.clerk, resident_id=desk.resident_id, item_id=desk.items["CM"], missing_materials=("\x00",), now=NOW))
    with desk.db.session_factory.begin() as session:
        open_id = register_inquiry(session, desk.clerk, InquiryInput(asker_name="赵六", topic="低保", outcome="open"),
                                   now=NOW).id
    _refused(desk, "note", lambda s: close_inquiry(s, desk.clerk, open_id, "已答复\x00", now=NOW))


@pytest.mark.parametrize("field", ["username", "display_name", "phone"])
def test_adding_a_staff_account(desk: Desk, field: str) -> None:
    values = {"username": "wangwu", "display_name": "王五", "phone": "13800138000"} | {field: "ab\x00"}
    before = _count(desk, Staff)
    _refused(desk, field, lambda s: add_staff(s, desk.head, password="wangwu2026", **values))
    assert _count(desk, Staff) == before


@pytest.mark.parametrize("field", [f for f in _text_fields(CenterSetup) if f != "head_password"])
def test_the_setup_wizard(field: str) -> None:
    base = CenterSetup(center_name="示范村党群服务中心", center_code="SF01", county="示例县", town="示例镇",
                       head_username="zhuren", head_display_name="王建国", head_password="demo2026")
    problems = setup_problems(dataclasses.replace(base, **{field: "A1\x00"}))
    assert field in [p.field for p in problems]
    assert any("控制字符" in p.message for p in problems if p.field == field)


@pytest.mark.parametrize("field", _text_fields(CenterEdit))
def test_the_center_details(desk: Desk, field: str) -> None:
    base = CenterEdit(center_name="示范村党群服务中心", county="示例县", town="示例镇")
    edit = dataclasses.replace(base, **{field: "示例\x00"})
    _refused(desk, field, lambda s: update_center(s, desk.head, edit))


@pytest.mark.parametrize("path", [("items", 0, "name"), ("items", 1, "materials", 0, "notes"), ("version",),
                                  ("departments", 0, "name")])
def test_importing_a_catalog(path: tuple[Any, ...]) -> None:
    import copy

    data: Any = copy.deepcopy(CATALOG)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = "养老\x00认证"
    with pytest.raises(CatalogImportError) as caught:
        validate_catalog(data, source="county.json")
    assert "控制字符" in str(caught.value)
    assert caught.value.problems[0].field.endswith(str(path[-1]))


def test_proposing_a_merge(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        other = register_resident(session, desk.clerk, ResidentInput(doc_type=RESIDENT_ID, id_number=_new_id(41),
                                                                     name="张老汉"), now=NOW).resident_id
    _refused(desk, "reason", lambda s: propose_merge(s, desk.clerk, kept_id=desk.resident_id, merged_id=other,
                                                     reason="同一人\x00", now=NOW))
    assert _count(desk, ResidentMerge) == 0


def test_importing_a_calendar(desk: Desk) -> None:
    table = CalendarTable(overrides=(DayOverride(date(2027, 1, 1), False, "元旦\x00"),), published_years=frozenset({2027}))
    _refused(desk, "name", lambda s: import_calendar_table(s, table, actor=desk.head))



# -- the services added with the center's working rules ---------------------------------

@pytest.mark.parametrize("field", ["name", "phone", "address", "note"])
def test_booking_an_appointment(desk: Desk, field: str) -> None:
    from datetime import datetime, time

    from app.models import Appointment
    from app.services import appointments
    from app.services.calendar import WorkCalendar

    request = appointments.BookingRequest(name="张老汉", item_id=desk.items["OS"], staff_id=desk.clerk.staff_id,
                                          starts_at=datetime.combine(date(2026, 2, 13), time(9)).astimezone(),
                                          place="home", address="三组", phone="13800001234", note="")
    request = dataclasses.replace(request, **{field: getattr(request, field) + "\x00"})
    _refused(desk, field, lambda s: appointments.book(s, desk.clerk, request, calendar=WorkCalendar.official(), now=NOW))
    assert _count(desk, Appointment) == 0


@pytest.mark.parametrize("field", ["title", "content", "subject", "complainant_name"])
def test_registering_a_complaint(desk: Desk, field: str) -> None:
    from app.models import Complaint
    from app.services import complaints
    from app.services.calendar import WorkCalendar

    data = complaints.ComplaintInput(title="窗口无人", content="午休时段窗口无人值守。", subject="本中心",
                                     complainant_name="陈阿姨")
    data = dataclasses.replace(data, **{field: getattr(data, field) + "\ud800"})
    _refused(desk, field, lambda s: complaints.register_complaint(s, desk.clerk, data,
                                                                  calendar=WorkCalendar.official(), now=NOW))
    assert _count(desk, Complaint) == 0


@pytest.mark.parametrize("field", ["where", "reason"])
def test_leaving_a_whereabouts_note(desk: Desk, field: str) -> None:
    from datetime import timedelta

    from app.models import WhereaboutsNote
    from app.services import whereabouts

    note = whereabouts.NoteInput("meeting", "镇政府", NOW + timedelta(hours=1), "例会")
    note = dataclasses.replace(note, **{field: getattr(note, field) + "\x1b"})
    _refused(desk, field, lambda s: whereabouts.set_note(s, desk.clerk, desk.clerk.staff_id, note, now=NOW))
    assert _count(desk, WhereaboutsNote) == 0


def test_naming_a_post_and_commenting_a_rating(desk: Desk) -> None:
    from app.models import Rating
    from app.models.vocabulary import IntakeOutcome
    from app.services import assignments, ratings

    _refused(desk, "post_name", lambda s: assignments.set_post(s, desk.head, None, "民政\x00岗",
                                                               primary=desk.clerk.staff_id, backup=None))
    case_id = desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT))
    with desk.db.session_factory.begin() as session:
        token = ratings.issue_ballot(session, desk.clerk, case_id=case_id, now=NOW).token
    _refused(desk, "comment", lambda s: ratings.cast_ballot(s, token, level="satisfied", comment="很好\x00", now=NOW))
    assert _count(desk, Rating) == 0
