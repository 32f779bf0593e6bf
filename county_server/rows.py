"""How county rows look on the wire (pull, bootstrap, enroll): plain JSON."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from county_server.models import Case, CaseEvent, Center, Device, Staff


def iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def center_row(center: Center) -> dict[str, Any]:
    return {
        "id": str(center.id),
        "code": center.code,
        "name": center.name,
        "county": center.county,
        "district": center.district,
        "town": center.town,
        "address": center.address,
        "phone": center.phone,
        "supervision_phone": center.supervision_phone,
        "rating_revisit_days": center.rating_revisit_days,
        "rating_rectify_days": center.rating_rectify_days,
        "version": center.version,
    }


def device_row(device: Device) -> dict[str, Any]:
    return {
        "id": str(device.id),
        "center_id": str(device.center_id),
        "device_number": device.device_number,
        "name": device.name,
        "window_no": device.window_no,
        "enrolled_at": iso(device.enrolled_at),
        "revoked_at": iso(device.revoked_at),
        "version": device.version,
    }


def staff_row(staff: Staff) -> dict[str, Any]:
    """Includes the scrypt hash: the desk needs it for offline logins."""
    return {
        "id": str(staff.id),
        "center_id": str(staff.center_id),
        "username": staff.username,
        "display_name": staff.display_name,
        "role": staff.role,
        "password_hash": staff.password_hash,
        "phone": staff.phone,
        "active": staff.active,
        "must_change_password": staff.must_change_password,
        # A head role asked for at a desk, not yet approved by the county ("" when none).
        "role_pending": staff.requested_role,
        "origin": staff.origin,
        "version": staff.version,
    }


def case_row(case: Case) -> dict[str, Any]:
    """The case as its desk sent it, with the server's projection of its history."""
    return case.data | {
        "id": str(case.id),
        "center_id": str(case.center_id),
        "status": case.status,
        "result": case.result,
        "completed_at": iso(case.completed_at),
        "event_count": case.event_count,
        "version": case.version,
    }


def event_row(event: CaseEvent) -> dict[str, Any]:
    return {
        "id": str(event.id),
        "case_id": str(event.case_id),
        "center_id": str(event.center_id),
        "position": event.position,
        "seq": event.desk_seq,
        "kind": event.kind,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "occurred_at": iso(event.occurred_at),
        "staff_id": str(event.staff_id) if event.staff_id else None,
        "actor_label": event.actor_label,
        "note": event.note,
        "data": event.data,
        "origin": event.origin,
        "device_id": str(event.device_id) if event.device_id else None,
    }
