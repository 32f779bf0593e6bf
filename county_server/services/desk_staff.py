"""Staff accounts that come from the desks, and the county's role limit on them.

A center head manages the center's accounts at a desk, offline; the changes
come up as ``staff`` operations (and, for a desk that worked before it
enrolled, in the enrollment's ``local_staff``). The county keeps them next to
the accounts it made itself and passes them on through the center's ``staff``
stream, so every desk of the center can log them in offline.

The trust rule: an account that comes from a desk never holds a higher role
at the county than the county allows. A head role made or given at a desk is
stored as *asked for* (``requested_role``) while the account keeps the role
the county allows (a window worker's for a new account) until a county admin
approves it. The desks are told (``role_pending`` in the push answer and in
the stream); a desk that already holds the account as a head keeps it so,
so no desk loses its own head login while the county decides.
"""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.vocabulary import StaffRole
from county_server import changelog
from county_server.models import Staff
from county_server.models.base import utcnow
from county_server.models.reference import STAFF_ORIGIN_DESK
from county_server.rows import staff_row

PENDING_REASON = ("该账号在本中心电脑上被设为中心主任；县级管理员批准前，县级和本中心其他电脑按{role}对待。"
                  "设置的电脑仍可使用该主任账号。")


def allowed_role(requested: str, current: str | None) -> tuple[str, str]:
    """(the role the county stores, the role left waiting for approval).

    A desk may lower a role or give any role below head; head is the county's
    to give. ``current`` is the role the county holds now (None: a new account).
    """
    if requested == StaffRole.HEAD and current != StaffRole.HEAD:
        return (current or StaffRole.WINDOW), StaffRole.HEAD.value
    return requested, ""


def pending_reason(role: str) -> str:
    return PENDING_REASON.format(role=StaffRole.text_of(role).zh)


def desk_view(staff: Staff) -> dict[str, Any]:
    """The account as the desk that asked for it sees it: a pending role counts as given."""
    return {
        "username": staff.username, "display_name": staff.display_name,
        "role": staff.requested_role or staff.role, "password_hash": staff.password_hash, "phone": staff.phone,
        "active": staff.active, "must_change_password": staff.must_change_password,
    }


def publish(session: Session, staff: Staff, *, device_id: uuid.UUID | None = None) -> int:
    """Append the account to its center's ``staff`` stream; its seq there."""
    session.flush()
    entry = changelog.append(
        session, scope=str(staff.center_id), stream=changelog.STAFF, entity="staff", entity_id=staff.id,
        data=staff_row(staff), version=staff.version, origin_device_id=device_id,
    )
    return entry.seq


def username_owner(session: Session, center_id: uuid.UUID, username: str, staff_id: uuid.UUID) -> Staff | None:
    """Another account of the center that holds this login name."""
    return session.scalar(select(Staff).where(Staff.center_id == center_id, Staff.username == username,
                                              Staff.id != staff_id))


def new_desk_account(center_id: uuid.UUID, staff_id: uuid.UUID, values: dict[str, Any], *,
                     device_id: uuid.UUID) -> Staff:
    role, pending = allowed_role(str(values["role"]), None)
    now = utcnow()
    return Staff(
        id=staff_id, center_id=center_id, username=values["username"], display_name=values["display_name"],
        role=role, requested_role=pending, requested_by_device_id=device_id if pending else None,
        password_hash=values["password_hash"], phone=values.get("phone", ""), active=bool(values.get("active", True)),
        must_change_password=bool(values.get("must_change_password", False)), origin=STAFF_ORIGIN_DESK,
        last_device_id=device_id, version=1, created_at=now, updated_at=now,
    )


def update_from_desk(staff: Staff, values: dict[str, Any], *, device_id: uuid.UUID) -> None:
    role, pending = allowed_role(str(values["role"]), staff.role)
    staff.username = values["username"]
    staff.display_name = values["display_name"]
    staff.password_hash = values["password_hash"]
    staff.phone = values.get("phone", "")
    staff.active = bool(values.get("active", True))
    staff.must_change_password = bool(values.get("must_change_password", False))
    staff.role = role
    staff.requested_role = pending
    staff.requested_by_device_id = device_id if pending else None
    staff.last_device_id = device_id
    staff.version += 1
    staff.updated_at = utcnow()


def approve_role(session: Session, staff: Staff) -> Staff:
    """A county admin gives the role a desk asked for."""
    if staff.requested_role:
        staff.role = staff.requested_role
    staff.requested_role = ""
    staff.requested_by_device_id = None
    staff.last_device_id = None
    staff.version += 1
    staff.updated_at = utcnow()
    publish(session, staff)
    return staff
