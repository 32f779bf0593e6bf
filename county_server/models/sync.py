"""Sync bookkeeping: the change log that desks pull, and the applied operations."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from county_server.models.base import Base, utcnow

SCOPE_COUNTY = "county"  # streams every desk reads (catalog, calendar)


class StreamHead(Base):
    """The last sequence number handed out in one stream of one scope.

    Writers increment it with UPDATE … RETURNING, which locks the row until
    their commit: sequence numbers of a stream become visible in order, so a
    reader paging by cursor never skips a row committed late (SYNC.md).
    """

    __tablename__ = "stream_heads"

    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    stream: Mapped[str] = mapped_column(String(30), primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class ChangeEntry(Base):
    """One change in a stream, as a desk receives it when it pulls."""

    __tablename__ = "change_log"
    __table_args__ = (UniqueConstraint("scope", "stream", "seq"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(40))
    stream: Mapped[str] = mapped_column(String(30))
    seq: Mapped[int] = mapped_column(BigInteger)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40))
    op: Mapped[str] = mapped_column(String(10))
    version: Mapped[int] = mapped_column(Integer, default=1)
    origin_device_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    data: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AppliedOp(Base):
    """An operation the server applied, kept so a resend gets the same answer."""

    __tablename__ = "applied_ops"

    op_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column()
    content_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]] = mapped_column()
    applied_at: Mapped[datetime] = mapped_column(default=utcnow)
