"""Pull by cursor, per stream, and the resumable bootstrap snapshot."""
from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from county_server import changelog
from county_server.models import (
    Case,
    CaseEvent,
    Center,
    CenterRecord,
    ChangeEntry,
    Device,
    OnlineAssist,
    Rating,
    RatingFollowUp,
    Resident,
    Staff,
)
from county_server.rows import case_row, center_row, device_row, event_row, staff_row

#: A page stops growing past this many bytes of JSON (at least one entry is sent).
PAGE_BYTE_BUDGET = 512 * 1024
MAX_LIMIT = 1000


@dataclass(frozen=True)
class Page:
    entries: list[dict[str, Any]]
    next_cursor: int
    has_more: bool
    head: int


def _size(data: dict[str, Any]) -> int:
    return len(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def pull(session: Session, *, center_id: uuid.UUID, stream: str, cursor: int, limit: int) -> Page:
    """Entries after ``cursor`` in sequence order. Sequence numbers of a stream
    become visible in order (see changelog.StreamHead), so a page never skips
    an entry that commits later."""
    scope = changelog.scope_of(stream, center_id)
    rows = list(
        session.scalars(
            select(ChangeEntry)
            .where(ChangeEntry.scope == scope, ChangeEntry.stream == stream, ChangeEntry.seq > cursor)
            .order_by(ChangeEntry.seq)
            .limit(limit + 1)
        )
    )
    entries: list[dict[str, Any]] = []
    used = 0
    for row in rows[:limit]:
        entry = {
            "seq": row.seq,
            "entity": row.entity,
            "id": row.entity_id,
            "op": row.op,
            "version": row.version,
            "origin_device_id": str(row.origin_device_id) if row.origin_device_id else None,
            "data": row.data,
        }
        used += _size(row.data)
        if entries and used > PAGE_BYTE_BUDGET:
            break
        entries.append(entry)
    next_cursor = entries[-1]["seq"] if entries else cursor
    has_more = len(entries) < len(rows)
    return Page(entries, next_cursor, has_more, changelog.head(session, scope, stream))


# -- bootstrap ------------------------------------------------------------------------

BOOTSTRAP_STREAMS = changelog.CENTER_STREAMS


def _phase_rows(session: Session, phase: str, center_id: uuid.UUID, after: uuid.UUID | None, limit: int) -> list[dict[str, Any]]:
    model, entity, shape = _PHASES[phase]
    query = select(model)
    if model is Center:
        query = query.where(Center.id == center_id)
    else:
        query = query.where(model.center_id == center_id)
    if model is CenterRecord:
        query = query.where(CenterRecord.entity == entity)
    if after is not None:
        query = query.where(model.id > after)
    rows = session.scalars(query.order_by(model.id).limit(limit))
    out = []
    for row in rows:
        data = shape(row)
        out.append({"entity": entity, "id": str(row.id), "version": getattr(row, "version", 1), "data": data})
    return out


_PHASES: dict[str, tuple[type[Any], str, Callable[[Any], dict[str, Any]]]] = {
    "center": (Center, "center", center_row),
    "device": (Device, "device", device_row),
    "staff": (Staff, "staff", staff_row),
    "resident": (Resident, "resident", lambda r: r.data),
    "case": (Case, "case", case_row),
    "case_event": (CaseEvent, "case_event", event_row),
    "inquiry": (CenterRecord, "inquiry", lambda r: r.data),
    "rating": (Rating, "rating", lambda r: r.data),  # after the inquiries it may rate
    "rating_follow_up": (RatingFollowUp, "rating_follow_up", lambda r: r.data),
    "complaint": (CenterRecord, "complaint", lambda r: r.data),
    "appointment": (CenterRecord, "appointment", lambda r: r.data),
    "whereabouts_note": (CenterRecord, "whereabouts_note", lambda r: r.data),
    "backup_assignment": (CenterRecord, "backup_assignment", lambda r: r.data),
    "printed_document": (CenterRecord, "printed_document", lambda r: r.data),
    "resident_merge": (CenterRecord, "resident_merge", lambda r: r.data),
    "online_assist": (OnlineAssist, "online_assist", lambda r: r.data),
}
PHASE_ORDER = tuple(_PHASES)  # parents before children


class BadPageToken(ValueError):
    pass


def _encode(state: dict[str, Any]) -> str:
    raw = json.dumps(state, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(token: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        state = json.loads(raw)
        if not isinstance(state, dict) or state.get("v") != 1:
            raise ValueError
        cursors, phase = state.get("cursors"), state.get("phase")
        if not isinstance(cursors, dict) or type(phase) is not int:
            raise ValueError
        # Each cursor a stream's place: a whole number the database can compare.
        if any(type(c) is not int or not 0 <= c <= 2**62 or s not in changelog.STREAMS for s, c in cursors.items()):
            raise ValueError
        if not 0 <= state["phase"] <= len(PHASE_ORDER):
            raise ValueError
        after = state.get("after")
        state["after"] = uuid.UUID(after) if after else None
        if str(state.get("center")) != state.get("center"):
            raise ValueError
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError) as error:
        raise BadPageToken("page_token 无效：请不带 page_token 重新开始") from error
    return state


@dataclass(frozen=True)
class SnapshotPage:
    rows: list[dict[str, Any]]
    cursors: dict[str, int]
    next_page_token: str | None
    done: bool


def bootstrap(session: Session, *, center_id: uuid.UUID, page_token: str | None, limit: int) -> SnapshotPage:
    """One page of the center's snapshot. The first page fixes the stream cursors
    (taken before any row is read); after the last page the desk pulls each
    stream from those cursors, and receives again whatever changed meanwhile
    (applying an entry whose version it already has is a no-op)."""
    if page_token:
        state = _decode(page_token)
        if state["center"] != str(center_id):
            raise BadPageToken("page_token 属于另一个中心")
    else:
        cursors = {s: changelog.head(session, str(center_id), s) for s in BOOTSTRAP_STREAMS}
        # The county-wide streams are small: a new desk reads them from the start.
        cursors |= dict.fromkeys(changelog.COUNTY_STREAMS, 0)
        state = {"v": 1, "center": str(center_id), "cursors": cursors, "phase": 0, "after": None}
    rows: list[dict[str, Any]] = []
    phase, after = state["phase"], state["after"]
    while phase < len(PHASE_ORDER) and len(rows) < limit:
        want = limit - len(rows)
        got = _phase_rows(session, PHASE_ORDER[phase], center_id, after, want)
        rows.extend(got)
        if len(got) < want:  # this kind of record is done
            phase, after = phase + 1, None
        else:
            after = uuid.UUID(got[-1]["id"])
    done = phase >= len(PHASE_ORDER)
    next_state = state | {"phase": phase, "after": str(after) if after else None}
    return SnapshotPage(rows, state["cursors"], None if done else _encode(next_state), done)
