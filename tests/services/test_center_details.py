"""中心信息 — the center's details after the first run: phones checked by the one
rule, the head alone may change them, every change audited, and the county's
sync never wipes what the desk keeps."""
from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
from sqlalchemy import select

from app.clock import utcnow
from app.db import Database
from app.models import AuditEntry, Center, Device
from app.models.vocabulary import StaffRole
from app.services.context import Actor
from app.services.errors import DomainError, PermissionDenied
from app.services.setup import CenterSetup, center_details, set_up_center, setup_problems, update_center
from app.sync.apply import ApplyContext, apply_record

SETUP = CenterSetup(
    center_name="示范村党群服务中心", center_code="SF01", county="示例县", town="示例镇",
    phone="0769-22345678", head_username="zhuren", head_display_name="王建国", head_password="demo2026",
)


@pytest.fixture
def head(db: Database) -> Actor:
    with db.session_factory.begin() as session:
        return set_up_center(session, SETUP)


@pytest.mark.parametrize(("field", "value"), [
    ("phone", "0769-abc"), ("supervision_phone", "hello"), ("consultation_phone", "2234567"),
])
def test_the_wizard_refuses_a_bad_phone_and_names_it(field: str, value: str) -> None:
    problems = setup_problems(replace(SETUP, **{field: value}))
    assert [p.field for p in problems] == [field]
    assert "0769-22345678" in problems[0].message


def test_the_wizard_keeps_hours_and_normalized_phones(db: Database) -> None:
    with db.session_factory.begin() as session:
        set_up_center(session, replace(SETUP, phone="0769 2234 5678", consultation_phone="138 1234 5678",
                                       opening_hours="工作日 8:30–17:30", pickup_hours="工作日下午"))
    with db.session_factory() as session:
        details = center_details(session).details
    assert (details.phone, details.consultation_phone) == ("0769-22345678", "13812345678")
    assert (details.opening_hours, details.pickup_hours) == ("工作日 8:30–17:30", "工作日下午")


def test_the_head_edits_the_center_and_it_is_audited(db: Database, head: Actor) -> None:
    with db.session_factory() as session:
        before = center_details(session)
    assert not before.county_managed and before.center_code == "SF01"
    edit = replace(before.details, center_name="青山村党群服务中心", supervision_phone="010-12345678-12",
                   opening_hours="周一至周五 9:00–17:00")
    with db.session_factory.begin() as session:
        after = update_center(session, head, edit)
    assert after.details.center_name == "青山村党群服务中心"
    assert after.details.supervision_phone == "010-12345678转12"
    with db.session_factory() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "update",
                                                         AuditEntry.entity == "center")).one()
    assert entry.staff_id == head.staff_id
    assert entry.detail == {"fields": ["center_name", "supervision_phone", "opening_hours"]}
    assert "监督电话" in entry.summary and "12345678" not in str(entry.detail)


def test_only_the_head_may_edit(db: Database, head: Actor) -> None:
    worker = replace(head, staff_id=uuid.uuid4(), role=StaffRole.WINDOW)
    with db.session_factory.begin() as session, pytest.raises(PermissionDenied):
        update_center(session, worker, center_details(session).details)


@pytest.mark.parametrize(("field", "value", "words"), [
    ("phone", "0769-abc", "中心电话"), ("consultation_phone", "hello", "咨询电话"),
    ("address", "村" * 201, "中心地址最多 200 个字"), ("pickup_hours", "时" * 101, "取件时间最多 100 个字"),
    ("town", " ", "请填写所属乡镇"),
])
def test_bad_input_is_refused_naming_the_field_and_nothing_is_lost(db: Database, head: Actor, field: str,
                                                                   value: str, words: str) -> None:
    with db.session_factory() as session:
        details = center_details(session).details
    with db.session_factory.begin() as session, pytest.raises(DomainError) as info:
        update_center(session, head, replace(details, **{field: value}))
    assert info.value.field == field and words in str(info.value)
    with db.session_factory() as session:
        assert center_details(session).details == details


def _enroll(db: Database) -> None:
    with db.session_factory.begin() as session:
        session.scalars(select(Device)).one().enrolled_at = utcnow()


def test_once_enrolled_the_county_keeps_name_and_place(db: Database, head: Actor) -> None:
    _enroll(db)
    with db.session_factory() as session:
        details = center_details(session)
    assert details.county_managed
    with db.session_factory.begin() as session, pytest.raises(DomainError, match="县级") as info:
        update_center(session, head, replace(details.details, center_name="别的名字"))
    assert info.value.field == "center_name"
    with db.session_factory.begin() as session:
        saved = update_center(session, head, replace(details.details, pickup_hours="工作日 14:00–17:00"))
    assert saved.details.pickup_hours == "工作日 14:00–17:00"


def test_the_county_sync_never_wipes_what_the_desk_keeps(db: Database, head: Actor) -> None:
    with db.session_factory() as session:
        details = center_details(session).details
    with db.session_factory.begin() as session:
        update_center(session, head, replace(details, address="村委会一楼", consultation_phone="13812345678",
                                             opening_hours="工作日 8:30–17:30", pickup_hours="工作日下午"))
    county_row = {"code": "SF01", "name": "示范村党群服务中心（县级登记）", "county": "示例县", "district": "",
                  "town": "示例镇", "address": "", "phone": "", "supervision_phone": "0769-12345",
                  "consultation_phone": "", "opening_hours": "", "pickup_hours": ""}
    with db.session_factory.begin() as session:
        ctx = ApplyContext(center_id=session.scalars(select(Center)).one().id, device_id=head.device_id)
        assert apply_record(session, ctx, "center", str(uuid.uuid4()), 2, county_row)
    with db.session_factory() as session:
        after = center_details(session).details
    assert after.center_name == "示范村党群服务中心（县级登记）" and after.supervision_phone == "0769-12345"
    assert (after.address, after.phone, after.consultation_phone) == ("村委会一楼", "0769-22345678", "13812345678")
    assert (after.opening_hours, after.pickup_hours) == ("工作日 8:30–17:30", "工作日下午")
