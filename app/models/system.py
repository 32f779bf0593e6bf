"""Working calendar, audit log, sync bookkeeping and local settings."""
from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.models.base import Base, IdMixin


class CalendarDay(Base):
    """A day that differs from the official data, or a day of a year the
    package does not cover (法定节假日 / 调休上班)."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    name: Mapped[str] = mapped_column(String(50), default="")
    source: Mapped[str] = mapped_column(String(20), default="local")  # local / county
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)


class CalendarYear(Base):
    """A year whose complete schedule is held in the local table."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(20), default="local")
    note: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(IdMixin, Base):
    """审计日志 — who looked at or changed what. Append-only (triggers).

    ``detail`` names changed fields; it never holds a full ID number or phone.
    """

    __tablename__ = "audit_log"

    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None, index=True)
    device_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("devices.id"), default=None)
    action: Mapped[str] = mapped_column(String(30))
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    summary: Mapped[str] = mapped_column(String(300), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


OUTBOX_PENDING = "pending"  # waiting to be sent (or sent and refused, retryable)
OUTBOX_APPLIED = "applied"  # the county applied it (or already had it: a duplicate)
OUTBOX_REJECTED = "rejected"  # refused for good; the reason is on the record
OUTBOX_CONFLICT = "conflict"  # collides with another writer; in "needs attention"
OUTBOX_HELD = "held"  # an earlier change of the same unit of work is stuck; not sent
OUTBOX_SUPERSEDED = "superseded"  # replaced by the county's version or a newer op; never sent again
OUTBOX_DISMISSED = "dismissed"  # refused for good and seen by a worker: not sent, the record stays "not at the county"
OUTBOX_OPEN = (OUTBOX_PENDING, OUTBOX_CONFLICT, OUTBOX_REJECTED, OUTBOX_HELD)


class OutboxEntry(Base):
    """One operation waiting for the county, written in the same transaction
    as the change it describes (transactional outbox, SYNC.md).

    ``payload`` is never rewritten once the entry may have reached the
    county; ``owner_id`` is the row whose sync state shows this entry (the
    case, for a case event).
    """

    __tablename__ = "sync_outbox"
    __table_args__ = (UniqueConstraint("op_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[uuid.UUID] = mapped_column()
    stream: Mapped[str] = mapped_column(String(30))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column()
    op: Mapped[str] = mapped_column(String(20))  # upsert / insert / append
    payload: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(10), default=OUTBOX_PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    base_version: Mapped[int | None] = mapped_column(Integer, default=None)
    group_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    reason_code: Mapped[str] = mapped_column(String(40), default="")


class SyncCursor(Base):
    """How far this desk has pulled each stream from the county."""

    __tablename__ = "sync_cursors"

    stream: Mapped[str] = mapped_column(String(30), primary_key=True)
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SyncRun(IdMixin, Base):
    """One sync attempt, for the status bar and the county IT person."""

    __tablename__ = "sync_runs"

    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    ok: Mapped[bool] = mapped_column(Boolean, default=False)
    pushed: Mapped[int] = mapped_column(Integer, default=0)
    pulled: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    trigger: Mapped[str] = mapped_column(String(20), default="")  # timer / manual / exit / link
    clock_skew_s: Mapped[int | None] = mapped_column(Integer, default=None)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)


class SyncVersion(Base):
    """The county's version of a record this desk holds, as last confirmed
    (push result, pull or bootstrap). A pulled change at or below it is a no-op."""

    __tablename__ = "sync_versions"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


ATTENTION_CONFLICT = "conflict"  # the county has another version; the worker chooses
ATTENTION_REJECTED = "rejected"  # the county refused a change for good
ATTENTION_MERGED = "merged"  # two desks registered one person; merged as the protocol says
ATTENTION_PULL = "pull"  # a change from the county that could not be stored here
ATTENTION_NOTICE = "notice"  # something the worker should know (enrollment, staff accounts)


class SyncAttention(IdMixin, Base):
    """需要处理 — the "needs attention" list: conflicts and refusals are
    never dropped silently; each waits here until a worker has seen it."""

    __tablename__ = "sync_attention"

    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    outbox_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    reason_code: Mapped[str] = mapped_column(String(40), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    local: Mapped[dict[str, Any]] = mapped_column(default=dict)
    server: Mapped[dict[str, Any]] = mapped_column(default=dict)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    resolution: Mapped[str] = mapped_column(String(20), default="")
    resolved_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)


class Setting(Base):
    """A local setting (typed declarations live in app.settings)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[Any] = mapped_column(Text)
