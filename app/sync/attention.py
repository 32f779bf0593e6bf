"""需要处理 — the "needs attention" list.

Conflicts and refusals from the county, merged registrations and changes
that could not be stored here land in ``sync_attention`` and stay until a
worker has dealt with them (SYNC.md: never dropped silently). Resolving:

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
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.ids import uuid7
from app.models import CaseEvent, OutboxEntry, SyncAttention
from app.models.system import (
    ATTENTION_CONFLICT,
    ATTENTION_MERGED,
    ATTENTION_NOTICE,
    ATTENTION_PULL,
    ATTENTION_REJECTED,
    OUTBOX_CONFLICT,
    OUTBOX_DISMISSED,
    OUTBOX_HELD,
    OUTBOX_PENDING,
    OUTBOX_REJECTED,
    OUTBOX_SUPERSEDED,
)
from app.models.vocabulary import EntityKind
from app.services.errors import DomainError, NotFound
from app.text import Text, tr

KEEP_MINE = "keep_mine"
USE_COUNTY = "use_county"
ACKNOWLEDGE = "acknowledge"

KIND_LABELS = {
    ATTENTION_CONFLICT: Text("冲突", "Conflict"),
    ATTENTION_REJECTED: Text("县级拒收", "Refused by the county"),
    ATTENTION_MERGED: Text("已合并", "Merged"),
    ATTENTION_PULL: Text("未能保存的县级数据", "County data not stored"),
    ATTENTION_NOTICE: Text("提示", "Notice"),
}


def note(
    session: Session,
    kind: str,
    *,
    reason: str,
    entity: str = "",
    entity_id: uuid.UUID | None = None,
    outbox_seq: int | None = None,
    reason_code: str = "",
    local: dict[str, Any] | None = None,
    server: dict[str, Any] | None = None,
) -> SyncAttention:
    """Add an item to the list, in the caller's transaction."""
    item = SyncAttention(
        id=uuid7(), created_at=utcnow(), kind=kind, entity=entity, entity_id=entity_id, outbox_seq=outbox_seq,
        reason_code=reason_code, reason=reason[:4000], local=local or {}, server=server or {},
    )
    session.add(item)
    return item


@dataclass(frozen=True)
class AttentionRow:
    """One item as the list shows it (plain data, crosses threads)."""

    id: uuid.UUID
    created_at: datetime
    kind: str
    kind_label: str
    entity: str
    entity_label: str
    entity_id: uuid.UUID | None
    reason_code: str
    reason: str
    local: dict[str, Any]
    server: dict[str, Any]
    choices: tuple[str, ...]


def _choices(item: SyncAttention) -> tuple[str, ...]:
    if item.kind == ATTENTION_CONFLICT:
        if item.reason_code == "duplicate_resident":
            return (ACKNOWLEDGE,)  # merged by the next sync, which lists the merge
        if item.entity == "case_event":
            return (USE_COUNTY,)  # the history moved on; the worker acts again on the new status
        if item.outbox_seq is None:
            return (ACKNOWLEDGE,)
        if isinstance((item.server or {}).get("current"), dict):
            return (KEEP_MINE, USE_COUNTY)
        # No county version to take (a number already used, an id reused …):
        # send again once the cause is fixed, or leave it marked as not at the county.
        return (KEEP_MINE, ACKNOWLEDGE)
    if item.kind == ATTENTION_REJECTED and item.outbox_seq is not None:
        # Nothing at the county to take: send again (its cause fixed), or
        # acknowledge; the record then stays marked as not at the county.
        return (KEEP_MINE, ACKNOWLEDGE)
    return (ACKNOWLEDGE,)


def open_items(session: Session, *, limit: int = 500) -> list[AttentionRow]:
    items = session.scalars(
        select(SyncAttention).where(SyncAttention.resolved_at.is_(None)).order_by(SyncAttention.created_at).limit(limit)
    )
    return [
        AttentionRow(
            id=i.id, created_at=i.created_at, kind=i.kind, kind_label=str(KIND_LABELS.get(i.kind, i.kind)), entity=i.entity,
            entity_label=str(EntityKind.text_of(i.entity)), entity_id=i.entity_id, reason_code=i.reason_code,
            reason=i.reason, local=dict(i.local or {}), server=dict(i.server or {}), choices=_choices(i),
        )
        for i in items
    ]


def open_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(SyncAttention).where(SyncAttention.resolved_at.is_(None))) or 0


def resolve(session: Session, item_id: uuid.UUID, choice: str, *, staff_id: uuid.UUID | None = None) -> None:
    """Deal with one item, in the caller's transaction."""
    from app.sync import apply, state

    item = session.get(SyncAttention, item_id)
    if item is None:
        raise NotFound(tr("找不到该待处理事项", "This item needing attention was not found"))
    if item.resolved_at is not None:
        raise DomainError(tr("该事项已经处理过", "This item has already been dealt with"))
    if choice not in _choices(item):
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
    from app.sync import state

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


__all__ = [
    "ACKNOWLEDGE",
    "KEEP_MINE",
    "OUTBOX_CONFLICT",
    "OUTBOX_REJECTED",
    "USE_COUNTY",
    "AttentionRow",
    "note",
    "open_count",
    "open_items",
    "resolve",
]
