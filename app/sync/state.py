"""Per-record sync state (SYNC.md, DHIS2): pending, synced, or error with
the county's reason, derived from the record's outbox entries."""
from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import OutboxEntry
from app.models.base import SYNC_ERROR, SYNC_PENDING, SYNC_SYNCED
from app.models.system import OUTBOX_CONFLICT, OUTBOX_HELD, OUTBOX_OPEN, OUTBOX_REJECTED
from app.sync.records import MODELS

_STUCK = (OUTBOX_CONFLICT, OUTBOX_REJECTED, OUTBOX_HELD)


def refresh_owners(session: Session, owners: Iterable[uuid.UUID | None]) -> None:
    """Recompute the state shown on each owner row (a case shows its events' too)."""
    now = utcnow()
    for owner in {o for o in owners if o is not None}:
        rows = session.execute(
            select(OutboxEntry.entity, OutboxEntry.status, OutboxEntry.last_error)
            .where(OutboxEntry.owner_id == owner)
            .order_by(OutboxEntry.seq)
        ).all()
        if not rows:
            continue
        entity = "case" if rows[0].entity == "case_event" else rows[0].entity
        record = session.get(MODELS[entity], owner)
        if record is None:
            continue
        open_rows = [r for r in rows if r.status in OUTBOX_OPEN]
        stuck = [r for r in open_rows if r.status in _STUCK]
        if not open_rows:
            record.sync_state, record.sync_error, record.synced_at = SYNC_SYNCED, None, now
        elif stuck:
            record.sync_state, record.sync_error = SYNC_ERROR, (stuck[0].last_error or "县级未接受")[:500]
        else:
            waiting = next((r.last_error for r in reversed(open_rows) if r.last_error), None)
            record.sync_state, record.sync_error = SYNC_PENDING, waiting[:500] if waiting else None
