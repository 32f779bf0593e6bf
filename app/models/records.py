"""The records the desk shares with the county, and how a row becomes JSON
and back (docs/sync-protocol.md §3: payload fields are the desk's columns).

A property of the tables themselves (which columns are local bookkeeping),
so it sits with them: the outbox writes payloads with it, the sync engine
reads them back with it. ``MODELS`` is keyed by the entity names on the wire.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, TypeDecorator
from sqlalchemy.orm import Session

from app.models import (
    Appointment,
    BackupAssignment,
    Case,
    CaseEvent,
    CatalogItem,
    Complaint,
    Inquiry,
    OnlineAssist,
    PrintedDocument,
    Rating,
    RatingFollowUp,
    Resident,
    ResidentMerge,
    Staff,
    WhereaboutsNote,
)
from app.models.base import Base, IdMixin

#: entity name on the wire -> model
MODELS: dict[str, type[Base]] = {
    "resident": Resident,
    "case": Case,
    "case_event": CaseEvent,
    "rating": Rating,
    "inquiry": Inquiry,
    "printed_document": PrintedDocument,
    "complaint": Complaint,
    "appointment": Appointment,
    "whereabouts_note": WhereaboutsNote,
    "staff": Staff,  # the county owns the accounts too; a center head's changes go up
    "resident_merge": ResidentMerge,
    "backup_assignment": BackupAssignment,  # AB角: a center's own, kept by the county too
    "rating_follow_up": RatingFollowUp,  # 差评整改
    "online_assist": OnlineAssist,  # 帮办网办
}
ENTITY_OF: dict[type[Base], str] = {model: name for name, model in MODELS.items()}
#: What kind of operation a change of each entity is (insert-only, append-only, upsert).
KIND_OF = {
    "resident": "upsert",
    "case": "upsert",
    "case_event": "append",
    "rating": "insert",  # append-only: a rating never changes (its follow-up is its own record)
    "inquiry": "upsert",
    "printed_document": "insert",
    "complaint": "upsert",
    "appointment": "upsert",
    "whereabouts_note": "upsert",
    "staff": "upsert",
    "resident_merge": "upsert",  # proposed, then confirmed (or declined) once
    "backup_assignment": "upsert",
    "rating_follow_up": "upsert",  # 回访, outcome, the county's appeal decision
    "online_assist": "upsert",  # the outcome and the follow-up change
}

# Never sent: the row's own sync bookkeeping, the center (the county takes it
# from the device token), and keys every desk derives from the name or phone,
# or, for a merged record's pointer, from the merges (resident_merge).
_LOCAL_ONLY = frozenset({"id", "center_id", "sync_state", "sync_error", "synced_at", "position", "refused"})
_DERIVED = {"resident": frozenset({"name_initials", "name_pinyin", "phone_last4", "merged_into", "merged_at"}),
            # this desk's own: when someone last logged in here, and the county's word on a role
            "staff": frozenset({"last_login_at", "role_pending"})}
_MATERIAL_COLUMNS = ("id", "catalog_material_id", "position", "name", "form", "key", "required_count",
                     "received_count", "received_form", "supply_by", "note")


def to_json(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_json(column: ColumnElement[Any], value: Any) -> Any:
    """A JSON value back into the Python type of ``column``."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    try:
        python_type = kind.python_type
    except NotImplementedError:
        return value
    if python_type is uuid.UUID:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    if python_type is datetime:
        return value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if python_type is date:
        return value if isinstance(value, date) else date.fromisoformat(value)
    return value


def record_id(row: Base) -> uuid.UUID:
    """The key of a shared record: every model in ``MODELS`` has a UUID id (IdMixin)."""
    assert isinstance(row, IdMixin), f"{type(row).__name__} is not a shared record"
    return row.id


def payload_of(session: Session, row: Base) -> dict[str, Any]:
    """The record as the desk stores it, as JSON (what a push op carries)."""
    entity = ENTITY_OF[type(row)]
    skip = _LOCAL_ONLY | _DERIVED.get(entity, frozenset())
    payload = {
        column.key: to_json(getattr(row, column.key))
        for column in row.__table__.columns
        if column.key not in skip
    }
    if isinstance(row, Case):
        item = session.get(CatalogItem, row.item_id)
        payload["item_code"] = item.code if item else ""
        payload["item_name"] = item.name if item else ""
        payload["materials"] = [
            {key: to_json(getattr(line, key)) for key in _MATERIAL_COLUMNS} for line in row.materials
        ]
    return payload


def columns_from(model: type[Base], data: dict[str, Any], *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Column values of ``model`` found in ``data`` (unknown keys ignored)."""
    values: dict[str, Any] = {}
    for column in model.__table__.columns:
        key = column.key
        if key in data and key not in skip:
            values[key] = from_json(column, data[key])
    return values
