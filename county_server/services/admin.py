"""County administration: centers, enrollment codes, devices, accounts.

Services take a session and never commit; the caller owns the unit of work.
Every change that desks must learn of is appended to the change log in the
same transaction.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.vocabulary import StaffRole
from app.services.errors import DomainError, NotFound
from app.services.identity import check_phone_field
from app.services.passwords import hash_password, password_problem
from app.services.setup import PHONE_FIELDS
from county_server import changelog
from county_server.models import (
    Center,
    CountyApiToken,
    CountyUser,
    Device,
    EnrollmentCode,
    Staff,
)
from county_server.models.base import utcnow
from county_server.models.county import COUNTY_ROLES
from county_server.rows import center_row, device_row, staff_row
from county_server.security import (
    COUNTY_TOKEN_PREFIX,
    code_hash,
    new_enrollment_code,
    new_token,
    token_hash,
)

# The center code is the first part of every case number (app.services.status_link).
CENTER_CODE_RE = re.compile(r"^[A-Z0-9]{2,16}$")
USERNAME_RE = re.compile(r"^[A-Za-z0-9_.]{2,30}$")
STAFF_ROLES = {role.value: role.label.zh for role in StaffRole}
MAX_DEVICE_NUMBER = 999


# -- centers -----------------------------------------------------------------


def create_center(
    session: Session,
    *,
    code: str,
    name: str,
    county: str = "",
    district: str = "",
    town: str = "",
    address: str = "",
    phone: str = "",
    supervision_phone: str = "",
) -> Center:
    code = code.strip().upper()
    if not CENTER_CODE_RE.match(code):
        raise DomainError("中心编码应为 2–16 位大写字母或数字（它是办件编号的开头）", field="code")
    if not name.strip():
        raise DomainError("请填写中心名称", field="name")
    if session.scalar(select(Center).where(Center.code == code)) is not None:
        raise DomainError(f"中心编码「{code}」已被使用", field="code")
    center = Center(
        code=code,
        name=name.strip(),
        county=county.strip(),
        district=district.strip(),
        town=town.strip(),
        address=address.strip(),
        # The one phone rule of the product: the desks print these numbers.
        phone=check_phone_field(phone, field="phone", label=PHONE_FIELDS["phone"]),
        supervision_phone=check_phone_field(supervision_phone, field="supervision_phone",
                                            label=PHONE_FIELDS["supervision_phone"]),
    )
    session.add(center)
    session.flush()
    changelog.ensure_heads(session, str(center.id), changelog.CENTER_STREAMS)
    changelog.append(
        session, scope=str(center.id), stream=changelog.CENTER, entity="center",
        entity_id=center.id, data=center_row(center), version=center.version,
    )
    return center


def find_center(session: Session, code_or_id: str) -> Center:
    text = code_or_id.strip()
    center = session.scalar(select(Center).where(Center.code == text.upper()))
    if center is None:
        try:
            center = session.get(Center, uuid.UUID(text))
        except ValueError:
            center = None
    if center is None:
        raise NotFound(f"找不到中心「{text}」", field="center")
    return center


def list_centers(session: Session) -> list[Center]:
    return list(session.scalars(select(Center).order_by(Center.code)))


# -- enrollment codes and devices ----------------------------------------------


@dataclass(frozen=True)
class IssuedCode:
    code: str  # shown once to the admin, never stored
    expires_at: datetime
    center_code: str
    device_number: int | None


def issue_enrollment_code(
    session: Session,
    center: Center,
    *,
    hours: int,
    device_number: int | None = None,
    created_by: str = "",
    now: datetime | None = None,
) -> IssuedCode:
    """A one-time code for one PC. With ``device_number`` of an enrolled device
    it re-enrolls that device (a replaced PC); its old token stops working."""
    now = now or utcnow()
    if device_number is not None and not 1 <= device_number <= MAX_DEVICE_NUMBER:
        raise DomainError(f"设备编号应在 1–{MAX_DEVICE_NUMBER} 之间", field="device_number")
    if not 1 <= hours <= 24 * 30:
        raise DomainError("有效期应在 1 小时到 30 天之间", field="hours")
    code = new_enrollment_code()
    expires = now + timedelta(hours=hours)
    session.add(
        EnrollmentCode(
            code_hash=code_hash(code), center_id=center.id, device_number=device_number,
            created_at=now, expires_at=expires, created_by=created_by,
        )
    )
    session.flush()
    return IssuedCode(code=code, expires_at=expires, center_code=center.code, device_number=device_number)


def list_devices(session: Session, center_id: uuid.UUID) -> list[Device]:
    return list(session.scalars(select(Device).where(Device.center_id == center_id).order_by(Device.device_number)))


def next_device_number(session: Session, center_id: uuid.UUID) -> int:
    highest = session.scalar(select(func.max(Device.device_number)).where(Device.center_id == center_id))
    return (highest or 0) + 1


def find_device(session: Session, center: Center, device_number: int) -> Device:
    device = session.scalar(
        select(Device).where(Device.center_id == center.id, Device.device_number == device_number)
    )
    if device is None:
        raise NotFound(f"中心「{center.name}」没有 {device_number:02d} 号设备", field="device")
    return device


def revoke_device(session: Session, device: Device, *, now: datetime | None = None) -> Device:
    """Stop a device (a lost or stolen PC): its token is refused from now on."""
    if device.revoked_at is not None:
        raise DomainError("该设备已停用", field="device")
    device.revoked_at = now or utcnow()
    device.version += 1
    publish_device(session, device)
    return device


def publish_device(session: Session, device: Device) -> None:
    session.flush()
    changelog.append(
        session, scope=str(device.center_id), stream=changelog.CENTER, entity="device",
        entity_id=device.id, data=device_row(device), version=device.version,
    )


# -- desk staff accounts (they sync down for offline login) ---------------------


def _check_username(username: str) -> str:
    username = username.strip()
    if not USERNAME_RE.match(username):
        raise DomainError("登录名应为 2–30 位字母、数字、下划线或点", field="username")
    return username


def _check_password(password: str) -> None:
    problem = password_problem(password)
    if problem:
        raise DomainError(problem, field="password")


def publish_staff(session: Session, staff: Staff) -> None:
    session.flush()
    changelog.append(
        session, scope=str(staff.center_id), stream=changelog.STAFF, entity="staff",
        entity_id=staff.id, data=staff_row(staff), version=staff.version,
    )


def create_staff(
    session: Session,
    center: Center,
    *,
    username: str,
    display_name: str,
    password: str,
    role: str = "window",
    phone: str = "",
) -> Staff:
    username = _check_username(username)
    if not display_name.strip():
        raise DomainError("请填写姓名", field="display_name")
    if role not in STAFF_ROLES:
        raise DomainError("角色应为窗口人员、中心主任或代办员", field="role")
    _check_password(password)
    taken = session.scalar(select(Staff).where(Staff.center_id == center.id, Staff.username == username))
    if taken is not None:
        raise DomainError(f"本中心已有登录名「{username}」", field="username")
    staff = Staff(
        center_id=center.id, username=username, display_name=display_name.strip(), role=role,
        password_hash=hash_password(password), phone=phone.strip(),
    )
    session.add(staff)
    publish_staff(session, staff)
    return staff


def find_staff(session: Session, center: Center, username: str) -> Staff:
    staff = session.scalar(select(Staff).where(Staff.center_id == center.id, Staff.username == username.strip()))
    if staff is None:
        raise NotFound(f"中心「{center.name}」没有登录名为「{username}」的工作人员", field="username")
    return staff


def update_staff(
    session: Session,
    staff: Staff,
    *,
    password: str | None = None,
    active: bool | None = None,
    role: str | None = None,
    display_name: str | None = None,
) -> Staff:
    if password is not None:
        _check_password(password)
        staff.password_hash = hash_password(password)
    if active is not None:
        staff.active = active
    if role is not None:
        if role not in STAFF_ROLES:
            raise DomainError("角色应为窗口人员、中心主任或代办员", field="role")
        staff.role = role
        staff.requested_role = ""  # the county decided: nothing waits for approval any more
        staff.requested_by_device_id = None
    if display_name is not None:
        if not display_name.strip():
            raise DomainError("请填写姓名", field="display_name")
        staff.display_name = display_name.strip()
    staff.version += 1
    staff.updated_at = utcnow()
    staff.last_device_id = None
    publish_staff(session, staff)
    return staff


def list_staff(session: Session, center_id: uuid.UUID) -> list[Staff]:
    return list(session.scalars(select(Staff).where(Staff.center_id == center_id).order_by(Staff.username)))


# -- county accounts ----------------------------------------------------------------


def create_county_user(
    session: Session,
    *,
    username: str,
    display_name: str,
    password: str,
    role: str,
    department: str = "",
) -> CountyUser:
    username = _check_username(username)
    if role not in COUNTY_ROLES:
        raise DomainError("角色应为 admin（管理员）或 officer（业务人员）", field="role")
    _check_password(password)
    if session.scalar(select(CountyUser).where(CountyUser.username == username)) is not None:
        raise DomainError(f"登录名「{username}」已被使用", field="username")
    user = CountyUser(
        username=username, display_name=display_name.strip() or username, role=role,
        department=department.strip(), password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    return user


def count_county_admins(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(CountyUser).where(CountyUser.role == "admin")) or 0


def issue_county_api_token(session: Session, user: CountyUser, *, label: str = "") -> str:
    """A bearer token for the county API; shown once, only its hash is kept."""
    token = new_token(COUNTY_TOKEN_PREFIX)
    session.add(CountyApiToken(token_hash=token_hash(token), user_id=user.id, label=label))
    session.flush()
    return token
