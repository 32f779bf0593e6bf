"""Audit log (审计日志): who looked at or changed what, and when."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import AuditEntry
from app.services.context import Actor


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    *,
    entity: str = "",
    entity_id: uuid.UUID | str = "",
    summary: str = "",
    detail: dict[str, Any] | None = None,
    now: datetime | None = None,
    staff_id: uuid.UUID | None = None,
) -> AuditEntry:
    """Add an audit entry in the caller's transaction.

    ``detail`` must not carry full ID numbers or phones: name the fields that
    changed, not their values.
    """
    entry = AuditEntry(
        occurred_at=now or utcnow(),
        staff_id=actor.staff_id if actor else staff_id,
        device_id=actor.device_id if actor else None,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        summary=summary[:300],
        detail=detail or {},
    )
    session.add(entry)
    return entry
