"""First run (初始设置): the center, this PC and the first center-head account."""
from __future__ import annotations

import re
import socket
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Center, Device, Staff
from app.models.vocabulary import StaffRole
from app.services import audit
from app.services.context import Actor
from app.services.errors import CENTER_NOT_SET_UP, USERNAME_RULE, DomainError, PermissionDenied
from app.services.identity import PhoneNumberError, check_phone_field
from app.services.passwords import hash_password, password_problem
from app.services.text_input import text_problem
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
    consultation_phone: str = ""
    opening_hours: str = ""
    pickup_hours: str = ""
    window_no: str = "1"
    device_number: int = 1
    head_username: str = ""
    head_display_name: str = ""
    head_password: str = ""


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


# The phones a center prints, each checked by the one phone rule of the product.
PHONE_FIELDS: dict[str, Text] = {
    "phone": Text("中心电话", "The center phone"),
    "consultation_phone": Text("咨询电话", "The consultation phone"),
    "supervision_phone": Text("监督电话", "The supervision phone"),
}
# What the columns hold (app/models/center.py), so nothing is cut off on save.
_TEXT_LIMITS: dict[str, tuple[Text, int]] = {
    "center_name": (Text("中心名称", "The center name"), 100),
    "county": (Text("所属县（市、区）", "The county"), 50),
    # Optional: a zone between the county and the town (开发区, 新区, 管理区), not a
    # city district, which is the county line's (所属县（市、区）).
    "district": (Text("所属片区", "The zone"), 50),
    "town": (Text("所属乡镇（街道）", "The town"), 50),
    "address": (Text("中心地址", "The address"), 200),
    "opening_hours": (Text("办公时间", "The opening hours"), 100),
    "pickup_hours": (Text("取件时间", "The pickup hours"), 100),
}
# Once this desk is enrolled, the county keeps these; the desk shows them read-only.
COUNTY_OWNED = ("center_name", "county", "district", "town")


# Every text the wizard and the 中心信息 form carry, for the one control-character check.
TEXT_LABELS: dict[str, Text] = {
    **{field: label for field, (label, _limit) in _TEXT_LIMITS.items()}, **PHONE_FIELDS,
    "center_code": Text("中心编码", "The center code"),
    "window_no": Text("窗口号", "The window number"),
    "head_username": Text("主任登录名", "The center head's login name"),
    "head_display_name": Text("主任姓名", "The center head's name"),
}


def _text_problems(values: dict[str, str]) -> list[FieldProblem]:
    """Hidden control characters in any of ``values`` (app.services.text_input)."""
    problems: list[FieldProblem] = []
    for field, value in values.items():
        problem = text_problem(value, label=TEXT_LABELS[field])
        if problem is not None:
            problems.append(FieldProblem(field, problem))
    return problems


def _contact_problems(values: dict[str, str]) -> list[FieldProblem]:
    """Hidden characters, phones and lengths of the center's fields present in ``values``."""
    problems = _text_problems(values)
    for field, label in PHONE_FIELDS.items():
        try:
            check_phone_field(values.get(field, ""), field=field, label=label)
        except PhoneNumberError as error:
            problems.append(FieldProblem(field, str(error)))
    for field, (label, limit) in _TEXT_LIMITS.items():
        length = len(values.get(field, "").strip())
        if length > limit:
            problems.append(FieldProblem(field, tr(f"{label.zh}最多 {limit} 个字，现为 {length} 个字",
                                                   f"{label.en} can hold at most {limit} characters, not {length}")))
    return problems


def setup_problems(data: CenterSetup) -> list[FieldProblem]:
    """Everything wrong with the wizard's input, each naming its field."""
    problems = _text_problems({field: getattr(data, field) for field in (
        "center_code", "window_no", "head_username", "head_display_name")})

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
    problems += _contact_problems({
        "center_name": data.center_name, "county": data.county, "district": data.district, "town": data.town,
        "address": data.address, "phone": data.phone, "consultation_phone": data.consultation_phone,
        "supervision_phone": data.supervision_phone, "opening_hours": data.opening_hours,
        "pickup_hours": data.pickup_hours,
    })
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
        phone=check_phone_field(data.phone, field="phone", label=PHONE_FIELDS["phone"]),
        supervision_phone=check_phone_field(data.supervision_phone, field="supervision_phone",
                                            label=PHONE_FIELDS["supervision_phone"]),
        consultation_phone=check_phone_field(data.consultation_phone, field="consultation_phone",
                                             label=PHONE_FIELDS["consultation_phone"]),
        opening_hours=data.opening_hours.strip(),
        pickup_hours=data.pickup_hours.strip(),
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
        role=StaffRole.HEAD,
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


# -- the center's details after the first run (设置 › 中心信息) ---------------------------


@dataclass(frozen=True)
class CenterEdit:
    """What the center head may change; the names are the form's fields."""

    center_name: str
    county: str
    town: str
    district: str = ""
    address: str = ""
    phone: str = ""
    consultation_phone: str = ""
    supervision_phone: str = ""
    opening_hours: str = ""
    pickup_hours: str = ""


@dataclass(frozen=True)
class CenterDetails:
    """The center as the settings screen shows it. ``county_managed``: this
    desk is enrolled, so the fields of :data:`COUNTY_OWNED` are the county's."""

    center_code: str
    details: CenterEdit
    county_managed: bool


def _this_center(session: Session) -> tuple[Center, Device]:
    device = this_device(session)
    center = session.get(Center, device.center_id)
    if center is None:
        raise DomainError(CENTER_NOT_SET_UP)
    return center, device


def _details_of(center: Center, device: Device) -> CenterDetails:
    return CenterDetails(
        center_code=center.code,
        details=CenterEdit(
            center_name=center.name, county=center.county, district=center.district, town=center.town,
            address=center.address, phone=center.phone, consultation_phone=center.consultation_phone,
            supervision_phone=center.supervision_phone, opening_hours=center.opening_hours,
            pickup_hours=center.pickup_hours,
        ),
        county_managed=device.enrolled_at is not None,
    )


def _field_label(name: str) -> str:
    label = PHONE_FIELDS.get(name) or _TEXT_LIMITS[name][0]
    return label.zh


def center_details(session: Session) -> CenterDetails:
    center, device = _this_center(session)
    return _details_of(center, device)


def update_center(session: Session, actor: Actor, edit: CenterEdit) -> CenterDetails:
    """Save the center's details (中心信息); the center head only, audited.

    Once the desk is enrolled, name, county, zone (district) and town belong to the
    county (its sync would put them back), so a change to them is refused with
    the reason. The center code never changes here: it begins every case number.
    """
    if not actor.is_head:
        raise PermissionDenied(tr("只有中心主任可以修改中心信息", "Only the center head can change the center's details"))
    center, device = _this_center(session)
    values = {name: str(getattr(edit, name)) for name in CenterEdit.__dataclass_fields__}
    problems = _contact_problems(values)
    for field, label in (("center_name", Text("中心名称", "the center name")),
                         ("county", Text("所属县（市、区）", "the county (city, district)")),
                         ("town", Text("所属乡镇（街道）", "the town (subdistrict)"))):
        if not values[field].strip():
            problems.append(FieldProblem(field, tr(f"请填写{label.zh}", f"Enter {label.en}")))
    if problems:
        raise DomainError(tr("；", "; ").join(p.message for p in problems), field=problems[0].field)
    new = {name: value.strip() for name, value in values.items()}
    for field, label in PHONE_FIELDS.items():
        new[field] = check_phone_field(new[field], field=field, label=label)
    current = _details_of(center, device)
    old = {name: str(getattr(current.details, name)) for name in CenterEdit.__dataclass_fields__}
    changed = [name for name in new if new[name] != old[name]]
    if current.county_managed:
        refused = [name for name in changed if name in COUNTY_OWNED]
        if refused:
            raise DomainError(tr(
                "本机已在县级服务器注册，中心名称、所属县（市、区）、片区和乡镇（街道）由县级管理，请联系县级管理员修改",
                "This computer is enrolled with the county: the center's name, county, zone and town "
                "are kept by the county; ask the county administrator to change them"), field=refused[0])
    if not changed:
        return current
    columns = {"center_name": "name"}
    for name in changed:
        setattr(center, columns.get(name, name), new[name])
    session.flush()
    # The fields, not the values: phones are personal data in other records, so the log never holds them.
    audit.record(session, actor, "update", entity="center", entity_id=center.id,
                 summary="修改中心信息：" + "、".join(_field_label(name) for name in changed), detail={"fields": changed})
    return _details_of(center, device)
