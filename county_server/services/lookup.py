"""A desk still bootstrapping asks for one resident by ID number.

A replacement PC holds only part of its center's history for a while. When a
lookup by ID number finds nothing there, the desk asks here before offering
to register the person again (a second registration is a duplicate to merge
later). The answer is the resident and its open cases with their histories:
what intake needs for a returning resident. Only the calling desk's center is
searched; another center's resident answers exactly like a missing one.
"""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from county_server.models import Case, CaseEvent, Resident
from county_server.rows import case_row, event_row
from county_server.services.pull import CLOSED_STATUSES

#: A resident with more open cases than this is sent with the newest ones only.
MAX_OPEN_CASES = 50


def resident_rows(session: Session, *, center_id: uuid.UUID, id_number: str) -> list[dict[str, Any]]:
    """Snapshot rows (parents first): the residents with this ID number in the
    center (normally one; one per document type), their open cases and the
    cases' events. Empty when there is none."""
    wanted = id_number.strip().upper()
    residents = list(session.scalars(
        select(Resident).where(Resident.center_id == center_id, Resident.id_number == wanted).order_by(Resident.id)
    ))
    rows: list[dict[str, Any]] = [
        {"entity": "resident", "id": str(r.id), "version": r.version, "data": r.data} for r in residents
    ]
    if not residents:
        return rows
    cases = list(session.scalars(
        select(Case)
        .where(Case.center_id == center_id, Case.resident_id.in_([r.id for r in residents]),
               Case.status.not_in([str(s) for s in CLOSED_STATUSES]))
        .order_by(Case.received_at.desc())
        .limit(MAX_OPEN_CASES)
    ))
    rows += [{"entity": "case", "id": str(c.id), "version": c.version, "data": case_row(c)} for c in cases]
    if cases:
        events = session.scalars(
            select(CaseEvent).where(CaseEvent.case_id.in_([c.id for c in cases]))
            .order_by(CaseEvent.case_id, CaseEvent.position)
        )
        rows += [{"entity": "case_event", "id": str(e.id), "version": 1, "data": event_row(e)} for e in events]
    return rows
