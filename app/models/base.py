"""Declarative base, column types and mixins shared by every model."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, DateTime, MetaData, String, TypeDecorator, Uuid
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.clock import utcnow
from app.ids import uuid7

UTC = timezone.utc

# Constraint names must be stable: Alembic batch mode on SQLite recreates
# tables and can only drop or alter constraints that have a name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC; always read back aware (UTC).

    Refuses naive datetimes on write, so a local wall-clock time can never be
    stored by mistake. The desk and the county share this one type; they
    differ only in the column underneath (``timezone``):

    - the desk (SQLite only): ``UTCDateTime()``, a plain DATETIME holding naive UTC;
    - the county: ``UTCDateTime(timezone=True)``, timestamptz on PostgreSQL,
      and naive UTC on SQLite, which has no time zones.
    """

    impl = DateTime
    cache_ok = True

    def __init__(self, timezone: bool = False) -> None:
        super().__init__(timezone=timezone)  # the DateTime column underneath
        self.timezone = timezone  # part of the statement cache key

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store aware datetimes (UTC)")
        value = value.astimezone(UTC)
        return value if self.timezone and dialect.name != "sqlite" else value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UTCDateTime(),
        uuid.UUID: Uuid(as_uuid=True),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


class IdMixin:
    """A UUIDv7 primary key: unique across devices, ordered by creation."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# Per-row sync state, shown to the worker next to the record (SYNC.md).
SYNC_PENDING = "pending"
SYNC_SYNCED = "synced"
SYNC_ERROR = "error"


class SyncStateMixin:
    """Sync state of a row the desk owns: pending, synced, or error with the reason."""

    sync_state: Mapped[str] = mapped_column(String(10), default=SYNC_PENDING, index=True)
    sync_error: Mapped[str | None] = mapped_column(String(500), default=None)
    synced_at: Mapped[datetime | None] = mapped_column(default=None)
