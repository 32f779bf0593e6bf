"""First run (初始设置): the center, this PC and the first center-head account."""
from __future__ import annotations

import re
import socket
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Center, Device, Staff
from app.models.center import ROLE_HEAD
from app.services import audit
from app.services.context import Actor
from app.services.errors import CENTER_NOT_SET_UP, USERNAME_RULE, DomainError
from app.services.passwords import hash_password, password_problem
from app.text import Text, tr

_CENTER_CODE = re.compile(r"^[A-Za-z0-9]{2,16}$")
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.]{2,30}$")


@dataclass(frozen=True)
class CenterSetup:
    center_name: str
    center_code: str
    county: str
    town: str
    district: str = ""
    address: str = ""
    phone: str = ""
    supervision_phone: str = ""
    window_no: str = "1"
    device_number: int = 1
    head_username: str = ""
    head_display_name: str = ""
    head_password: str = ""


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


def setup_problems(data: CenterSetup) -> list[FieldProblem]:
    """Everything wrong with the wizard's input, each naming its field."""
    problems: list[FieldProblem] = []

    def need(field: str, value: str, label: Text) -> None:
        if not value.strip():
            problems.append(FieldProblem(field, tr(f"请填写{label.zh}", f"Enter {label.en}")))

    need("center_name", data.center_name, Text("中心名称", "the center name"))
    need("county", data.county, Text("所属县（市、区）", "the county (city, district)"))
    need("town", data.town, Text("所属乡镇（街道）", "the town (subdistrict)"))
    need("window_no", data.window_no, Text("窗口号", "the window number"))
    if not _CENTER_CODE.match(data.center_code.strip()):
        problems.append(FieldProblem("center_code", tr(
            "中心编码应为 2–16 位字母或数字（由县级部门分配）",
            "The center code should be 2-16 letters or digits (given by the county)")))
    if not 1 <= data.device_number <= 99:
        problems.append(FieldProblem("device_number", tr(
            "本机编号应为 1–99 之间的整数，同一中心的每台电脑须不同",
            "This computer's number should be a whole number from 1 to 99, different for each computer of the center")))
    if not USERNAME_PATTERN.match(data.head_username.strip()):
        problems.append(FieldProblem("head_username", str(USERNAME_RULE)))
    need("head_display_name", data.head_display_name, Text("主任姓名", "the center head's name"))
    weak = password_problem(data.head_password)
    if weak:
        problems.append(FieldProblem("head_password", weak))
    return problems


def find_this_device(session: Session) -> Device | None:
    """This PC's device row, or None before the first-run setup."""
    return session.scalar(select(Device).where(Device.is_this_device.is_(True)))


def is_set_up(session: Session) -> bool:
    return find_this_device(session) is not None


def this_device(session: Session) -> Device:
    device = find_this_device(session)
    if device is None:
        raise DomainError(CENTER_NOT_SET_UP)
    return device


def set_up_center(session: Session, data: CenterSetup, *, is_demo: bool = False) -> Actor:
    """Create the center, this device and the first 中心主任 account."""
    problems = setup_problems(data)
    if problems:
        raise DomainError(tr("；", "; ").join(p.message for p in problems), field=problems[0].field)
    if is_set_up(session):
        raise DomainError(tr("本机已完成初始设置，不能重复设置", "This computer is already set up; it cannot be set up twice"))
    center = Center(
        code=data.center_code.strip().upper(),
        name=data.center_name.strip(),
        county=data.county.strip(),
        district=data.district.strip(),
        town=data.town.strip(),
        address=data.address.strip(),
        phone=data.phone.strip(),
        supervision_phone=data.supervision_phone.strip(),
        is_demo=is_demo,
    )
    session.add(center)
    session.flush()
    device = Device(
        center_id=center.id,
        device_number=data.device_number,
        window_no=data.window_no.strip(),
        name=socket.gethostname()[:100],
        is_this_device=True,
    )
    head = Staff(
        center_id=center.id,
        username=data.head_username.strip(),
        display_name=data.head_display_name.strip(),
        role=ROLE_HEAD,
        password_hash=hash_password(data.head_password),
    )
    session.add_all([device, head])
    session.flush()
    actor = Actor(
        staff_id=head.id,
        center_id=center.id,
        device_id=device.id,
        username=head.username,
        display_name=head.display_name,
        role=head.role,
        window_no=device.window_no,
    )
    audit.record(session, actor, "setup", entity="center", entity_id=center.id, summary=f"初始设置：{center.name}")
    return actor
