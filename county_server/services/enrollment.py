"""Enrollment (设备注册): a one-time code becomes a device identity and a token."""
from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ids import uuid7
from county_server import changelog
from county_server.models import Center, Device, EnrollmentCode, Staff
from county_server.rows import device_row
from county_server.security import DEVICE_TOKEN_PREFIX, code_hash, new_token, same_secret, token_hash
from county_server.services import desk_staff
from county_server.services.admin import (
    MAX_DEVICE_NUMBER,
    STAFF_ROLES,
    USERNAME_RE,
    next_device_number,
)


class EnrollmentRefused(Exception):
    """The code or the request cannot be used; nothing was changed."""

    def __init__(self, status: int, code: str, reason: str, **extra: Any) -> None:
        super().__init__(reason)
        self.status = status
        self.code = code
        self.reason = reason
        self.extra = extra


@dataclass(frozen=True)
class LocalStaff:
    """A staff account the desk made before it enrolled (e.g. in its setup wizard)."""

    id: uuid.UUID
    username: str
    display_name: str
    role: str
    password_hash: str
    phone: str = ""
    active: bool = True


@dataclass
class Enrollment:
    device: Device
    center: Center
    token: str
    reenrolled: bool
    staff_adopted: list[str] = field(default_factory=list)
    staff_conflicts: list[dict[str, str]] = field(default_factory=list)


def enroll(
    session: Session,
    *,
    code: str,
    now: datetime,
    proposed_device_id: uuid.UUID | None = None,
    proposed_device_number: int | None = None,
    name: str = "",
    window_no: str = "",
    local_staff: tuple[LocalStaff, ...] = (),
    secret_hash: str = "",
    secret: str = "",
) -> Enrollment:
    """Use a code once. Raises EnrollmentRefused before changing anything.

    ``secret_hash`` is the SHA-256 (hex) of a secret the desk made for this
    enrollment; the desk proves ``secret`` itself only to recover an answer
    lost on the link, and only until the token of that answer has been used.
    A code used without a secret (an older desk) recovers nothing."""
    row = session.scalar(
        select(EnrollmentCode).where(EnrollmentCode.code_hash == code_hash(code)).with_for_update()
    )
    if row is None:
        raise EnrollmentRefused(400, "code_invalid", "注册码无效，请核对后重新输入")
    if row.expires_at <= now:
        raise EnrollmentRefused(400, "code_expired", "该注册码已过期，请向县级管理员申请新的注册码")
    if row.used_at is not None:
        if not _may_recover(session, row, proposed_device_id, secret):
            raise EnrollmentRefused(400, "code_used", "该注册码已被使用过，请向县级管理员申请新的注册码")
        # The PC that made the first request (it proves its secret) and has
        # not used the token of the answer: that answer was lost on a weak
        # link. Issue a fresh token (the lost one stops working) instead of
        # burning the county admin's code.
        return _resend(session, row, now=now, local_staff=local_staff)
    center = session.get(Center, row.center_id)
    assert center is not None
    device: Device | None = None
    if row.device_number is not None:
        # Lock order as in a push (device row, then the center): no deadlock
        # with the old PC still pushing while the new one enrolls.
        device = session.scalar(
            select(Device)
            .where(Device.center_id == center.id, Device.device_number == row.device_number)
            .with_for_update()
        )
    changelog.lock_center(session, center.id)

    reenrolled = device is not None
    if row.device_number is not None:
        number = row.device_number
    elif proposed_device_number is not None:
        if not 1 <= proposed_device_number <= MAX_DEVICE_NUMBER:
            raise EnrollmentRefused(422, "bad_device_number", f"设备编号应在 1–{MAX_DEVICE_NUMBER} 之间")
        taken = session.scalar(
            select(Device).where(Device.center_id == center.id, Device.device_number == proposed_device_number)
        )
        if taken is not None:
            raise EnrollmentRefused(
                409, "device_number_taken",
                f"本中心的 {proposed_device_number:02d} 号设备已注册；请改用其他设备编号，或请县级管理员签发该编号的重新注册码",
                suggested_device_number=next_device_number(session, center.id),
            )
        number = proposed_device_number
    else:
        number = next_device_number(session, center.id)

    if device is None:
        device_id = proposed_device_id or uuid7()
        if proposed_device_id is not None and session.get(Device, proposed_device_id) is not None:
            raise EnrollmentRefused(409, "device_id_taken", "该设备标识已被注册；请不带设备标识重新注册")
        device = Device(id=device_id, center_id=center.id, device_number=number, version=0)
        session.add(device)
    token = new_token(DEVICE_TOKEN_PREFIX)
    device.token_hash = token_hash(token)
    device.enrolled_at = now
    device.revoked_at = None
    device.version += 1
    if name.strip():
        device.name = name.strip()[:100]
    if window_no.strip():
        device.window_no = window_no.strip()[:10]
    device.token_used_at = None
    row.used_at = now
    row.secret_hash = secret_hash if SECRET_HASH_RE.match(secret_hash) else ""
    session.flush()
    row.device_id = device.id
    changelog.append(
        session, scope=str(center.id), stream=changelog.CENTER, entity="device",
        entity_id=device.id, data=device_row(device), version=device.version,
    )
    result = Enrollment(device=device, center=center, token=token, reenrolled=reenrolled)
    _adopt_local_staff(session, center, local_staff, result)
    return result


SECRET_HASH_RE = re.compile(r"^[0-9a-f]{64}$")


def _may_recover(session: Session, row: EnrollmentCode, device_id: uuid.UUID | None, secret: str) -> bool:
    """Only the desk that made the first request, before it used its token."""
    if device_id is None or row.device_id != device_id or not row.secret_hash or not secret:
        return False
    if not same_secret(hashlib.sha256(secret.encode("utf-8")).hexdigest(), row.secret_hash):
        return False
    device = session.get(Device, row.device_id)
    return device is not None and device.token_used_at is None


def _resend(session: Session, row: EnrollmentCode, *, now: datetime, local_staff: tuple[LocalStaff, ...]) -> Enrollment:
    center = session.get(Center, row.center_id)
    device = session.get(Device, row.device_id)
    assert center is not None and device is not None
    changelog.lock_center(session, center.id)
    if device.revoked_at is not None:
        raise EnrollmentRefused(403, "device_revoked", "本机已被县级管理员停用；如需继续使用，请申请新的注册码")
    token = new_token(DEVICE_TOKEN_PREFIX)
    device.token_hash = token_hash(token)
    device.token_used_at = None
    result = Enrollment(device=device, center=center, token=token, reenrolled=False)
    _adopt_local_staff(session, center, local_staff, result)  # accounts kept the first time are skipped
    return result


def _adopt_local_staff(session: Session, center: Center, accounts: tuple[LocalStaff, ...], result: Enrollment) -> None:
    """Keep the accounts a desk made offline, with their ids, when nothing clashes.

    Cases already name these staff ids; other desks of the center need the
    same rows. A clash (the username or id is taken) is reported, not merged.
    """
    for account in accounts:
        existing = session.get(Staff, account.id)
        if existing is not None:
            if existing.center_id == center.id and existing.username == account.username:
                continue
            result.staff_conflicts.append({"id": str(account.id), "username": account.username, "reason": "id_taken"})
            continue
        if not USERNAME_RE.match(account.username) or account.role not in STAFF_ROLES or not (
            account.password_hash.startswith("scrypt$")
        ):
            result.staff_conflicts.append({"id": str(account.id), "username": account.username, "reason": "invalid"})
            continue
        taken = session.scalar(select(Staff).where(Staff.center_id == center.id, Staff.username == account.username))
        if taken is not None:
            result.staff_conflicts.append(
                {"id": str(account.id), "username": account.username, "reason": "username_taken",
                 "existing_id": str(taken.id)}
            )
            continue
        # The same role limit as for accounts pushed later: a head made at the
        # desk waits for the county's approval (desk_staff.allowed_role).
        staff = desk_staff.new_desk_account(center.id, account.id, {
            "username": account.username, "display_name": account.display_name[:50] or account.username,
            "role": account.role, "password_hash": account.password_hash, "phone": account.phone[:30],
            "active": account.active,
        }, device_id=result.device.id)
        session.add(staff)
        desk_staff.publish(session, staff, device_id=result.device.id)
        result.staff_adopted.append(account.username)
