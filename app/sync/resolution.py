"""Carrying out a worker's choice on a "needs attention" item (需要处理):

* ``keep_mine`` — send the desk's version again, built on the county's
  current version (a ``stale`` conflict) or unchanged (its cause is gone);
* ``use_county`` — take the county's version; the desk's change is kept in
  the list as superseded, a refused case event stays in the history marked
  as refused and no longer counts;
* ``acknowledge`` — for notices and merges: seen; for a refusal: seen, never
  sent again, the record stays marked as not at the county.
"""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import CaseEvent, OutboxEntry, SyncAttention
from app.models.system import (
    OUTBOX_CONFLICT,
    OUTBOX_DISMISSED,
    OUTBOX_HELD,
    OUTBOX_PENDING,
    OUTBOX_REJECTED,
    OUTBOX_SUPERSEDED,
)
from app.services.errors import DomainError, NotFound
from app.sync import apply, state
from app.sync.attention import ACKNOWLEDGE, KEEP_MINE, USE_COUNTY, choices
from app.text import tr


def resolve(session: Session, item_id: uuid.UUID, choice: str, *, staff_id: uuid.UUID | None = None) -> None:
    """Deal with one item, in the caller's transaction."""
    item = session.get(SyncAttention, item_id)
    if item is None:
        raise NotFound(tr("找不到该待处理事项", "This item needing attention was not found"))
    if item.resolved_at is not None:
        raise DomainError(tr("该事项已经处理过", "This item has already been dealt with"))
    if choice not in choices(item):
        raise DomainError(tr("该事项不能这样处理", "This item cannot be dealt with that way"), field="choice")
    entry = session.get(OutboxEntry, item.outbox_seq) if item.outbox_seq is not None else None
    if choice == KEEP_MINE and entry is not None:
        entry.status = OUTBOX_PENDING
        entry.reason_code = ""
        entry.last_error = ""
        if item.reason_code == "stale" and isinstance(item.server.get("current_version"), int):
            entry.base_version = item.server["current_version"]
        _release_group(session, entry, OUTBOX_PENDING)
    elif (choice == ACKNOWLEDGE and entry is not None and entry.status in (OUTBOX_REJECTED, OUTBOX_CONFLICT)
          and item.reason_code != "duplicate_resident"):  # that one is merged by the next sync
        # Seen: never sent again, no longer "waiting"; the record stays marked
        # as not at the county. A refused event no longer counts locally either.
        _close(session, item, entry, OUTBOX_DISMISSED)
        if entry.entity == "case_event":
            apply.project_case_by_id(session, uuid.UUID(str(entry.payload.get("case_id"))))
    elif choice == USE_COUNTY and entry is not None:
        _close(session, item, entry, OUTBOX_SUPERSEDED)
        current = item.server.get("current")
        if isinstance(current, dict) and entry.entity != "case_event":
            apply.apply_record(session, apply.context(session), entry.entity, str(entry.entity_id),
                               int(item.server.get("current_version") or 0), current, force=True)
        case = item.server.get("case")
        if isinstance(case, dict) and case.get("id"):
            apply.apply_record(session, apply.context(session), "case", str(case["id"]),
                               int(case.get("version") or 0), case, force=True)
            for event in item.server.get("events", []):
                apply.apply_record(session, apply.context(session), "case_event", str(event["id"]), 1, event)
        if entry.entity == "case_event":
            apply.project_case_by_id(session, uuid.UUID(str(entry.payload.get("case_id"))))
    item.resolved_at = utcnow()
    item.resolution = choice
    item.resolved_by = staff_id
    if entry is not None:
        state.refresh_owners(session, {entry.owner_id or entry.entity_id})


def _close(session: Session, item: SyncAttention, entry: OutboxEntry, status: str) -> None:
    """The entry is never sent again (with what was held back behind it); a
    refused case event stays in the history, marked, and no longer counts."""
    entry.status = status
    entry.resolved_at = utcnow()
    _release_group(session, entry, status)
    if entry.entity == "case_event":
        event = session.get(CaseEvent, entry.entity_id)
        if event is not None and not event.refused:
            event.refused = (item.reason or str(state.NOT_ACCEPTED))[:500]


def _release_group(session: Session, entry: OutboxEntry, to_status: str) -> None:
    """Entries held back behind ``entry`` follow its fate."""
    if entry.group_id is None:
        return
    values: dict[str, Any] = {"status": to_status}
    if to_status in (OUTBOX_SUPERSEDED, OUTBOX_DISMISSED):
        values["resolved_at"] = utcnow()
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.group_id == entry.group_id, OutboxEntry.seq > entry.seq, OutboxEntry.status == OUTBOX_HELD,
               OutboxEntry.owner_id == (entry.owner_id or entry.entity_id))
        .values(**values)
    )


__all__ = ["resolve"]
