"""需要处理 — the "needs attention" list.

Conflicts and refusals from the county, merged registrations and changes
that could not be stored here land in ``sync_attention`` and stay until a
worker has dealt with them (SYNC.md: never dropped silently). This module
is the list itself: adding an item (push, pull, merge and enrollment do)
and reading it with the choices each item offers. Carrying out a choice
applies the county's version, so it sits above the pull side, in
app.sync.resolution.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.ids import uuid7
from app.models import SyncAttention
from app.models.system import (
    ATTENTION_CONFLICT,
    ATTENTION_MERGED,
    ATTENTION_NOTICE,
    ATTENTION_PULL,
    ATTENTION_REJECTED,
)
from app.models.vocabulary import EntityKind
from app.text import Text

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


def choices(item: SyncAttention) -> tuple[str, ...]:
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
            reason=i.reason, local=dict(i.local or {}), server=dict(i.server or {}), choices=choices(i),
        )
        for i in items
    ]


def open_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(SyncAttention).where(SyncAttention.resolved_at.is_(None))) or 0


__all__ = [
    "ACKNOWLEDGE",
    "KEEP_MINE",
    "USE_COUNTY",
    "AttentionRow",
    "choices",
    "note",
    "open_count",
    "open_items",
]
