"""Pull by cursor, per stream, and the resumable bootstrap snapshot."""
from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.models.vocabulary import CaseStatus
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


def _phase_rows(session: Session, phase: str, center_id: uuid.UUID, after: uuid.UUID | None, limit: int,
                since: datetime | None = None) -> list[dict[str, Any]]:
    model, entity, shape = _PHASES[phase] if phase in _PHASES else _PRIORITY_PHASES[phase]
    query = select(model)
    if model is Center:
        query = query.where(Center.id == center_id)
    else:
        query = query.where(model.center_id == center_id)
    if model is CenterRecord:
        query = query.where(CenterRecord.entity == entity)
    query = _priority_filter(query, phase, center_id, since)
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

# -- the priority order (protocol: ``order=priority``) ----------------------------------
#
# A replacement PC must take in a case for a returning resident within
# minutes, not after hours of history at 2 KB/s. Asked with
# ``order=priority``, the snapshot first sends tier 0: the center, its
# devices and staff, the open cases with their residents and histories, and
# the residents seen (a case received) within the last year. Tier 1 is then
# the whole snapshot in the ordinary order: it repeats tier 0's rows (a few
# percent of a center with years of history), which the desk skips by
# version. Tier 1 does not try to leave them out: a case closed, or a new case
# of a resident, between the tiers would otherwise fall between them.

#: Statuses after which nothing more happens to a case at the desk.
CLOSED_STATUSES = (CaseStatus.REJECTED, CaseStatus.COMPLETED, CaseStatus.DELIVERED, CaseStatus.WITHDRAWN)
RECENT_DAYS = 365

_PRIORITY_PHASES: dict[str, tuple[type[Any], str, Callable[[Any], dict[str, Any]]]] = {
    "open_resident": (Resident, "resident", lambda r: r.data),
    "open_case": (Case, "case", case_row),
    "open_case_event": (CaseEvent, "case_event", event_row),
    "recent_resident": (Resident, "resident", lambda r: r.data),
}
#: Tier 0, parents before children.
PRIORITY_ORDER = ("center", "device", "staff", *_PRIORITY_PHASES)
#: Once the phases before this one are sent, intake works for a returning
#: resident with an open case (last year's residents come next).
USABLE_AFTER = PRIORITY_ORDER.index("recent_resident")


def _open_cases(center_id: uuid.UUID) -> Any:
    return select(Case.id).where(Case.center_id == center_id, Case.status.not_in([str(s) for s in CLOSED_STATUSES]))


def _open_residents(center_id: uuid.UUID) -> Any:
    return select(Case.resident_id).where(Case.center_id == center_id,
                                          Case.status.not_in([str(s) for s in CLOSED_STATUSES]))


def _priority_filter(query: Any, phase: str, center_id: uuid.UUID, since: datetime | None) -> Any:
    if phase == "open_resident":
        return query.where(Resident.id.in_(_open_residents(center_id)))
    if phase == "open_case":
        return query.where(Case.id.in_(_open_cases(center_id)))
    if phase == "open_case_event":
        return query.where(CaseEvent.case_id.in_(_open_cases(center_id)))
    if phase == "recent_resident":
        assert since is not None
        seen = select(Case.resident_id).where(Case.center_id == center_id, Case.received_at >= since)
        return query.where(Resident.id.in_(seen), Resident.id.not_in(_open_residents(center_id)))
    return query


def _estimate(session: Session, center_id: uuid.UUID, since: datetime) -> int:
    """About how many rows both tiers send (for the desk's "已到 N / 约 M")."""
    total = 0
    for model in (Resident, Case, CaseEvent, CenterRecord, Rating, RatingFollowUp):
        total += session.scalar(select(func.count()).select_from(model).where(model.center_id == center_id)) or 0
    for shared in (Staff, Device):  # sent in both tiers, with the center
        total += 2 * (session.scalar(select(func.count()).select_from(shared).where(shared.center_id == center_id)) or 0)
    opened = session.scalar(select(func.count()).select_from(Case).where(Case.id.in_(_open_cases(center_id)))) or 0
    opened_events = session.scalar(select(func.count()).select_from(CaseEvent)
                                   .where(CaseEvent.case_id.in_(_open_cases(center_id)))) or 0
    seen = session.scalar(select(func.count(func.distinct(Case.resident_id)))
                          .where(Case.center_id == center_id,
                                 or_(Case.received_at >= since, Case.id.in_(_open_cases(center_id))))) or 0
    return total + 2 + opened + opened_events + seen


class BadPageToken(ValueError):
    pass


def _encode(state: dict[str, Any]) -> str:
    raw = json.dumps(state, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(token: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        state = json.loads(raw)
        if not isinstance(state, dict) or state.get("v") not in (1, 2):
            raise ValueError
        if state["v"] == 2:
            # The priority order: a tier, a fixed "seen since" and the estimate.
            if state.get("tier") not in (0, 1) or type(state.get("estimate")) is not int:
                raise ValueError
            state["since"] = datetime.fromisoformat(str(state.get("since")))
        cursors, phase = state.get("cursors"), state.get("phase")
        if not isinstance(cursors, dict) or type(phase) is not int:
            raise ValueError
        # Each cursor a stream's place: a whole number the database can compare.
        if any(type(c) is not int or not 0 <= c <= 2**62 or s not in changelog.STREAMS for s, c in cursors.items()):
            raise ValueError
        if not 0 <= state["phase"] <= len(_order(state)):
            raise ValueError
        after = state.get("after")
        state["after"] = uuid.UUID(after) if after else None
        if str(state.get("center")) != state.get("center"):
            raise ValueError
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError) as error:
        raise BadPageToken("page_token 无效：请不带 page_token 重新开始") from error
    return state


def _order(state: dict[str, Any]) -> tuple[str, ...]:
    return PRIORITY_ORDER if state.get("v") == 2 and state.get("tier") == 0 else PHASE_ORDER


@dataclass(frozen=True)
class SnapshotPage:
    rows: list[dict[str, Any]]
    cursors: dict[str, int]
    next_page_token: str | None
    done: bool
    #: The priority order only: the tier of the next page (0 still the urgent
    #: records, 1 the history) and about how many rows the whole snapshot is.
    tier: int | None = None
    estimate: int | None = None
    #: The priority order only: the open cases, their residents and histories
    #: have all been sent (a returning resident can be taken in).
    usable: bool | None = None


def bootstrap(session: Session, *, center_id: uuid.UUID, page_token: str | None, limit: int,
              priority: bool = False, now: datetime | None = None) -> SnapshotPage:
    """One page of the center's snapshot. The first page fixes the stream cursors
    (taken before any row is read); after the last page the desk pulls each
    stream from those cursors, and receives again whatever changed meanwhile
    (applying an entry whose version it already has is a no-op).

    ``priority`` (first page only; the token remembers it) sends tier 0, the
    records a desk needs to work, before the whole history."""
    if page_token:
        state = _decode(page_token)
        if state["center"] != str(center_id):
            raise BadPageToken("page_token 属于另一个中心")
    else:
        cursors = {s: changelog.head(session, str(center_id), s) for s in BOOTSTRAP_STREAMS}
        # The county-wide streams are small: a new desk reads them from the start.
        cursors |= dict.fromkeys(changelog.COUNTY_STREAMS, 0)
        state = {"v": 1, "center": str(center_id), "cursors": cursors, "phase": 0, "after": None}
        if priority:
            since = (now or datetime.now(timezone.utc)) - timedelta(days=RECENT_DAYS)
            state |= {"v": 2, "tier": 0, "since": since, "estimate": _estimate(session, center_id, since)}
    rows: list[dict[str, Any]] = []
    phase, after = state["phase"], state["after"]
    order = _order(state)
    while len(rows) < limit:
        if phase >= len(order):
            if order is PHASE_ORDER:
                break
            # Tier 0 is done: the next page starts the whole history (tier 1).
            state = state | {"tier": 1}
            order, phase, after = PHASE_ORDER, 0, None
            break  # tier 0 ends a page: the desk saves "usable" with it
        want = limit - len(rows)
        got = _phase_rows(session, order[phase], center_id, after, want, state.get("since"))
        rows.extend(got)
        if len(got) < want:  # this kind of record is done
            phase, after = phase + 1, None
            if order is PRIORITY_ORDER and phase == USABLE_AFTER:
                break  # the open cases are complete: the desk saves "usable" with this page
        else:
            after = uuid.UUID(got[-1]["id"])
    done = phase >= len(order) and order is PHASE_ORDER
    next_state = state | {"phase": phase, "after": str(after) if after else None}
    if "since" in next_state:
        next_state["since"] = next_state["since"].isoformat()
    priority_page = state.get("v") == 2
    usable = done or (priority_page and (state["tier"] == 1 or phase >= USABLE_AFTER))
    return SnapshotPage(rows, state["cursors"], None if done else _encode(next_state), done,
                        tier=int(state["tier"]) if priority_page else None,
                        estimate=int(state["estimate"]) if priority_page else None,
                        usable=usable if priority_page else None)
