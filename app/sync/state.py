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
from app.models.records import MODELS, record_id
from app.models.system import (
    OUTBOX_APPLIED,
    OUTBOX_CONFLICT,
    OUTBOX_DISMISSED,
    OUTBOX_HELD,
    OUTBOX_OPEN,
    OUTBOX_REJECTED,
)
from app.text import Text

# The reason shown when the county refused without giving one.
NOT_ACCEPTED = Text("县级未接受", "Not accepted by the county")

_STUCK = (OUTBOX_CONFLICT, OUTBOX_REJECTED, OUTBOX_HELD)
_CHUNK = 500  # SQLite's limit on bound parameters is far above; keeps statements small


def refresh_owners(session: Session, owners: Iterable[uuid.UUID | None]) -> None:
    """Recompute the state shown on each owner row (a case shows its events' too).

    A few statements for a whole batch: entries of all owners at once, then
    the rows of each kind at once.
    """
    wanted = sorted({o for o in owners if o is not None})
    now = utcnow()
    session.flush()  # the statuses just set are what counts
    with session.no_autoflush:
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            entries: dict[uuid.UUID, list[tuple[str, str, str]]] = {}
            for owner, entity, status, error in session.execute(
                select(OutboxEntry.owner_id, OutboxEntry.entity, OutboxEntry.status, OutboxEntry.last_error)
                .where(OutboxEntry.owner_id.in_(chunk))
                .order_by(OutboxEntry.seq)
            ):
                entries.setdefault(owner, []).append((entity, status, error))
            by_entity: dict[str, list[uuid.UUID]] = {}
            for owner, rows in entries.items():
                entity = "case" if rows[0][0] == "case_event" else rows[0][0]
                by_entity.setdefault(entity, []).append(owner)
            for entity, ids in by_entity.items():
                model = MODELS[entity]
                for record in session.scalars(select(model).where(model.id.in_(ids))):  # type: ignore[attr-defined]
                    _set_state(record, entries[record_id(record)], now)


def _set_state(record: object, rows: list[tuple[str, str, str]], now: object) -> None:
    open_rows = [r for r in rows if r[1] in OUTBOX_OPEN]
    stuck = [r for r in open_rows if r[1] in _STUCK]
    # A refusal the worker has seen still marks the record as not at the
    # county, until a later change of the same kind got through.
    stuck += [r for i, r in enumerate(rows) if r[1] == OUTBOX_DISMISSED
              and not any(later[0] == r[0] and later[1] == OUTBOX_APPLIED for later in rows[i + 1:])]
    if not open_rows and not stuck:
        record.sync_state, record.sync_error, record.synced_at = SYNC_SYNCED, None, now  # type: ignore[attr-defined]
    elif stuck:
        record.sync_state, record.sync_error = SYNC_ERROR, (stuck[0][2] or str(NOT_ACCEPTED))[:500]  # type: ignore[attr-defined]
    else:
        waiting = next((r[2] for r in reversed(open_rows) if r[2]), None)
        record.sync_state, record.sync_error = SYNC_PENDING, waiting[:500] if waiting else None  # type: ignore[attr-defined]
