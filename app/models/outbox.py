"""The transactional outbox: each change to a record the county keeps is
written as an operation in the same transaction as the change (SYNC.md).

Services call :func:`record_change` after they have changed the row, in the
caller's session; if the unit of work rolls back, the operation goes with it.
The engine (app.sync) sends entries in ``seq`` order and never rewrites a
payload that may have reached the county.

This is part of storing a change, not of syncing it: it lives beside the
tables so that the domain services record their changes without depending
on the sync engine, which sits above them.
"""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.ids import uuid7
from app.models import (
    Appointment,
    BackupAssignment,
    Case,
    CaseEvent,
    Complaint,
    Inquiry,
    OutboxEntry,
    PrintedDocument,
    Rating,
    RatingFollowUp,
    Resident,
    ResidentMerge,
    SyncVersion,
    WhereaboutsNote,
)
from app.models.base import SYNC_PENDING, Base, SyncStateMixin
from app.models.records import ENTITY_OF, KIND_OF, payload_of, record_id
from app.models.system import OUTBOX_PENDING

STREAM_RECORDS = "records"
# Case fields the county derives from the history itself: an event that
# changes only these needs no new case upsert next to it.
CASE_PROJECTION = frozenset({"status", "updated_at", "result", "completed_at"})


def group_of(session: Session) -> uuid.UUID:
    """One id per local transaction: the operations of one unit of work are
    held back together when one of them is refused."""
    transaction = session.get_transaction()
    current = session.info.get("sync_group")
    if current is None or current[0] is not transaction:
        current = (transaction, uuid7())
        session.info["sync_group"] = current
    return current[1]


def known_version(session: Session, entity: str, entity_id: uuid.UUID) -> int | None:
    """The county's version of this record as this desk last saw it; None
    when the county has never confirmed it (a push then sends no base)."""
    row = session.get(SyncVersion, (entity, entity_id))
    return row.version if row is not None else None


def record_change(session: Session, row: Base, *, unless_only: frozenset[str] = frozenset(),
                  since: dict[str, Any] | None = None, group: uuid.UUID | None = None) -> OutboxEntry | None:
    """Queue the current state of ``row`` for the county, in the caller's transaction.

    With ``unless_only``, nothing is queued when the row differs from
    ``since`` (its payload before this change) only in those fields (e.g. a
    case whose status moved: its event already tells the county). The row as
    it was, not the last payload this desk queued: a case from another desk
    was never queued here, and a note must not send it back on an old
    version. Returns the entry, or None.
    """
    session.flush()
    entity = ENTITY_OF[type(row)]
    entity_id = record_id(row)
    payload = payload_of(session, row)
    if unless_only:
        assert since is not None, "unless_only compares with the row's payload before the change"
        if _same_except(since, payload, unless_only):
            return None
    kind = KIND_OF[entity]
    owner = row.case_id if isinstance(row, CaseEvent) else entity_id
    entry = OutboxEntry(
        op_id=uuid7(),
        stream=STREAM_RECORDS,
        entity=entity,
        entity_id=entity_id,
        op=kind,
        payload=payload,
        created_at=utcnow(),
        status=OUTBOX_PENDING,
        base_version=known_version(session, entity, entity_id),
        group_id=group or group_of(session),
        owner_id=owner,
    )
    session.add(entry)
    owner_row = session.get(Case, owner) if isinstance(row, CaseEvent) else row
    if isinstance(owner_row, SyncStateMixin):  # every owner is; an event's owner is its case
        owner_row.sync_state = SYNC_PENDING
        owner_row.sync_error = None
    return entry


def _same_except(old: dict[str, Any], new: dict[str, Any], ignore: frozenset[str]) -> bool:
    keys = (set(old) | set(new)) - ignore
    return all(old.get(key) == new.get(key) for key in keys)


def queue_unsent(session: Session) -> int:
    """Queue every record that has never been queued: a desk that worked
    before it had sync (or before this version) sends its history once, at
    enrollment. Parents first; each case with its events is one group."""
    queued = set(session.scalars(select(OutboxEntry.entity_id)))
    count = 0

    def queue(row: Base, group: uuid.UUID) -> None:
        nonlocal count
        if record_id(row) not in queued:
            record_change(session, row, group=group)
            count += 1

    for resident in session.scalars(select(Resident).where(Resident.sync_state != "synced").order_by(Resident.created_at)):
        queue(resident, uuid7())
    cases = list(session.scalars(select(Case).order_by(Case.received_at)))
    for case in cases:
        group = uuid7()
        if case.sync_state != "synced":
            queue(case, group)
        for event in sorted(case.events, key=lambda e: e.seq):
            if event.position is None and not event.refused:
                queue(event, group)
    for model in (Inquiry, PrintedDocument, Rating, RatingFollowUp, Complaint, Appointment, WhereaboutsNote,
                  ResidentMerge, BackupAssignment):
        for row in session.scalars(select(model).where(model.sync_state != "synced").order_by(model.id)):
            queue(row, uuid7())
    return count
