"""The change log desks pull from, one sequence per stream and scope.

Streams of the whole county (scope ``county``): ``catalog``, ``calendar``.
Streams of one center (scope = the center's id): ``center`` (the center and
its devices), ``staff``, ``records`` (what the center's desks pushed) and
``county_events`` (status events the county recorded on forwarded cases).
"""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from county_server.models import ChangeEntry, StreamHead
from county_server.models.sync import SCOPE_COUNTY

CATALOG = "catalog"
CALENDAR = "calendar"
CENTER = "center"
STAFF = "staff"
RECORDS = "records"
COUNTY_EVENTS = "county_events"
COUNTY_STREAMS = (CATALOG, CALENDAR)
CENTER_STREAMS = (CENTER, STAFF, RECORDS, COUNTY_EVENTS)
STREAMS = COUNTY_STREAMS + CENTER_STREAMS


def scope_of(stream: str, center_id: uuid.UUID) -> str:
    return SCOPE_COUNTY if stream in COUNTY_STREAMS else str(center_id)


def ensure_heads(session: Session, scope: str, streams: tuple[str, ...]) -> None:
    """Create the stream heads of a scope if missing (safe under concurrency)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for stream in streams:
        session.execute(
            insert(StreamHead).values(scope=scope, stream=stream, last_seq=0).on_conflict_do_nothing()
        )


def next_seq(session: Session, scope: str, stream: str) -> int:
    """Hand out the next sequence number; the head row stays locked until commit."""
    statement = (
        update(StreamHead)
        .where(StreamHead.scope == scope, StreamHead.stream == stream)
        .values(last_seq=StreamHead.last_seq + 1)
        .returning(StreamHead.last_seq)
    )
    seq = session.scalar(statement)
    if seq is None:
        ensure_heads(session, scope, (stream,))
        seq = session.scalar(statement)
    assert seq is not None
    return int(seq)


def lock_center(session: Session, center_id: uuid.UUID) -> int:
    """Serialize writers of one center (desk pushes, county events) until commit;
    returns the head of the center's ``records`` stream.

    Checks and writes then see one consistent state of the center's records:
    two desks registering the same resident cannot both pass the duplicate
    check. Centers do not wait for each other.
    """
    scope = str(center_id)
    query = (
        select(StreamHead.last_seq)
        .where(StreamHead.scope == scope, StreamHead.stream == RECORDS)
        .with_for_update()
    )
    row = session.scalar(query)
    if row is None:
        ensure_heads(session, scope, CENTER_STREAMS)
        row = session.scalar(query)
    return int(row or 0)


def set_head(session: Session, scope: str, stream: str, last_seq: int) -> None:
    """Move a head the caller holds locked (see lock_center) to ``last_seq``."""
    session.execute(
        update(StreamHead).where(StreamHead.scope == scope, StreamHead.stream == stream).values(last_seq=last_seq)
    )


def head(session: Session, scope: str, stream: str) -> int:
    value = session.scalar(select(StreamHead.last_seq).where(StreamHead.scope == scope, StreamHead.stream == stream))
    return int(value or 0)


def append(
    session: Session,
    *,
    scope: str,
    stream: str,
    entity: str,
    entity_id: uuid.UUID | str | int,
    data: dict[str, Any],
    op: str = "upsert",
    version: int = 1,
    origin_device_id: uuid.UUID | None = None,
) -> ChangeEntry:
    entry = ChangeEntry(
        scope=scope,
        stream=stream,
        seq=next_seq(session, scope, stream),
        entity=entity,
        entity_id=str(entity_id),
        op=op,
        version=version,
        origin_device_id=origin_device_id,
        data=data,
    )
    session.add(entry)
    return entry
