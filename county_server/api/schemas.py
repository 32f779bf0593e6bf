"""Request and response shapes of the device and county APIs, for validation and OpenAPI.

Requests (``…Request``) are what a caller may send; responses (``…Response``,
``…Public``) are what it gets back. Times already rendered by
county_server.rows stay strings here, so the JSON on the wire is the one
docs/sync-protocol.md describes, byte for byte.
"""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class LocalStaffIn(BaseModel):
    id: uuid.UUID
    username: str = Field(max_length=50)
    display_name: str = Field(default="", max_length=50)
    role: str = Field(default="window", max_length=10)
    password_hash: str = Field(max_length=300)
    phone: str = Field(default="", max_length=30)
    active: bool = True


class EnrollRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=40)
    device_id: uuid.UUID | None = None
    device_number: int | None = Field(default=None, ge=1, le=999)
    name: str = Field(default="", max_length=100)
    window_no: str = Field(default="", max_length=10)
    local_staff: list[LocalStaffIn] = Field(default_factory=list, max_length=200)
    #: SHA-256 (hex) of a secret the desk made for this enrollment (protocol §2).
    secret_hash: str = Field(default="", pattern=r"^([0-9a-f]{64})?$")
    #: The secret itself: sent only to recover an answer lost on the link.
    secret: str = Field(default="", max_length=200)


class CenterPublic(BaseModel):
    """A service center as its desks see it (rows.center_row)."""

    id: str
    code: str
    name: str
    county: str
    district: str
    town: str
    address: str
    phone: str
    supervision_phone: str
    version: int


class EnrollResponse(BaseModel):
    device_id: uuid.UUID
    device_number: int
    token: str
    reenrolled: bool
    center: CenterPublic
    server_time: datetime
    protocol_versions: list[int]
    staff_adopted: list[str]
    staff_conflicts: list[dict[str, str]]


class Limits(BaseModel):
    """What this server accepts, so the desk sizes its batches to fit."""

    max_batch_ops: int
    max_body_bytes: int
    max_inflated_bytes: int
    max_pull_limit: int


class MetaResponse(BaseModel):
    server_time: datetime
    server_version: str
    protocol_versions: list[int]
    #: Compact push encodings this server reads (protocol 2, ``app.wire``), by dictionary.
    push_encodings: list[str] = []
    device_id: uuid.UUID
    device_number: int
    center: CenterPublic
    catalog_version: str | None
    calendar_years: dict[str, int]
    streams: dict[str, int]
    limits: Limits


class PullEntry(BaseModel):
    seq: int
    entity: str
    id: str
    op: str
    version: int
    origin_device_id: str | None
    data: dict[str, Any]


class PullResponse(BaseModel):
    stream: str
    cursor: int
    next_cursor: int
    has_more: bool
    head: int
    entries: list[PullEntry]


class SnapshotRow(BaseModel):
    entity: str
    id: str
    version: int
    data: dict[str, Any]


class BootstrapResponse(BaseModel):
    rows: list[SnapshotRow]
    cursors: dict[str, int]
    next_page_token: str | None
    done: bool
    #: ``order=priority`` only: 0 while the records a desk needs to work are
    #: coming, 1 once they are all here (the history follows); and about how
    #: many rows the whole snapshot has.
    tier: int | None = None
    estimate: int | None = None
    #: ``order=priority`` only: every open case, its resident and history has been
    #: sent (intake works for a returning resident); last year's residents may follow.
    usable: bool | None = None


class ResidentLookupResponse(BaseModel):
    """One of the center's residents, found by ID number, with its open cases:
    what a desk still bootstrapping needs to take in a returning resident."""

    found: bool
    rows: list[SnapshotRow]


class PushRequest(BaseModel):
    """The envelope of a push; each op is validated on its own (push_service),
    so one bad op is refused alone and the rest of the batch still applies."""

    ops: list[Any]
    protocol: Any = 1
    device_time: Any = None


class PushResponse(BaseModel):
    server_time: datetime
    clock_skew_seconds: int | None
    counts: dict[str, int]
    results: list[dict[str, Any]]
    #: How long the server worked on the batch: a desk measuring its link's
    #: rate leaves it out (protocol 2; older desks ignore it).
    server_ms: int | None = None


class RecallResponse(BaseModel):
    found: int
    digest: str
    results: list[dict[str, Any]]


class CaseEventPublic(BaseModel):
    """One event of a case's history (rows.event_row)."""

    id: str
    case_id: str
    center_id: str
    position: int
    seq: int | None
    kind: str
    from_status: str | None
    to_status: str
    occurred_at: str | None
    staff_id: str | None
    actor_label: str
    note: str
    data: dict[str, Any]
    origin: str
    device_id: str | None


class CaseStateResponse(BaseModel):
    #: The case as its desk sent it plus the server's projection (rows.case_row): open-ended.
    case: dict[str, Any]
    events: list[CaseEventPublic]


class ForwardedCasePublic(BaseModel):
    """One line of the county's work list of forwarded cases."""

    case_id: str
    case_number: str
    center_code: str
    center_name: str
    item_code: str
    item_name: str
    forwarded_to: str
    received_at: str | None
    expected_return: str | None
    committed_due: str | None
    county_received_at: str | None
    resident_name: str


class CountyEventsResponse(BaseModel):
    events: list[CaseEventPublic]


class CountyEventRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: str = Field(pattern="^(received|returned|completed)$")
    note: str = Field(default="", max_length=2000)
    result: str | None = Field(default=None, pattern="^(approved|denied)$")


class ErrorResponse(BaseModel):
    detail: dict[str, Any]


# The push body is read by hand (gzip, size limits, per-op validation), so its
# schema is given to OpenAPI explicitly.
PUSH_BODY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["ops"],
    "properties": {
        "protocol": {"type": "integer", "enum": [1, 2]},
        "device_time": {"type": "string", "format": "date-time"},
        "ops": {
            "type": "array",
            "maxItems": 1000,
            "items": {
                "type": "object",
                "required": ["op_id", "entity", "entity_id", "kind", "payload"],
                "properties": {
                    "op_id": {"type": "string", "format": "uuid"},
                    "entity": {"type": "string", "enum": [
                        "resident", "case", "case_event", "rating", "inquiry", "printed_document",
                        "complaint", "appointment", "whereabouts_note", "backup_assignment", "rating_follow_up",
                        "online_assist"]},
                    "entity_id": {"type": "string", "format": "uuid"},
                    "kind": {"type": "string", "enum": ["upsert", "insert", "append"]},
                    "base_version": {"type": ["integer", "null"], "minimum": 0},
                    "device_time": {"type": "string", "format": "date-time"},
                    "payload": {"type": "object"},
                },
            },
        },
    },
}


# -- 投诉举报: escalated complaints (county_server.api.county_complaints) --------------------


class EscalatedComplaintPublic(BaseModel):
    """An escalated complaint for a county officer: the complainant masked."""

    complaint_id: str
    complaint_number: str
    center_code: str
    center_name: str
    title: str
    subject: str
    source: str
    complainant: str
    phone: str
    content: str
    received_at: str | None
    answer_due: str | None
    days_overdue: int
    escalated_at: str | None
    escalation_reason: str
    county_answer: str
    county_answered_at: str | None
    county_officer: str


class ComplaintAnswerRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: str = Field(max_length=2000)  # the service names the field and the 500-character limit
