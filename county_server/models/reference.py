"""What the county publishes to the desks: staff accounts, catalogs, calendars."""
from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from county_server.models.base import Base, IdMixin, utcnow

STAFF_ORIGIN_COUNTY = "county"
STAFF_ORIGIN_DESK = "desk"


class Staff(IdMixin, Base):
    """A desk staff account of one center; the hash is the desk's scrypt format,
    so the account works for an offline login once it has synced down.

    Made here or at one of the center's desks (``origin``). ``role`` is the
    role the county allows; a head role asked for at a desk waits in
    ``requested_role`` until a county admin approves it.
    """

    __tablename__ = "staff"
    __table_args__ = (UniqueConstraint("center_id", "username"),)

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    username: Mapped[str] = mapped_column(String(50))
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(10), default="window")
    password_hash: Mapped[str] = mapped_column(String(300))
    phone: Mapped[str] = mapped_column(String(30), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str] = mapped_column(String(10), default=STAFF_ORIGIN_COUNTY)
    requested_role: Mapped[str] = mapped_column(String(10), default="")
    requested_by_device_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    # The desk that wrote the newest version; None when the county did.
    last_device_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class CatalogVersion(IdMixin, Base):
    """One published catalog, validated by the desk's own validator.

    ``rows`` holds the version with server-assigned ids for its departments,
    items and materials, so every desk stores the same ids and a case taken
    at one desk points at the same item row at every other desk.
    """

    __tablename__ = "catalog_versions"
    __table_args__ = (UniqueConstraint("version"),)

    version: Mapped[str] = mapped_column(String(50))
    region: Mapped[str] = mapped_column(String(100), default="")
    published: Mapped[date | None] = mapped_column(Date, default=None)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    checksum: Mapped[str] = mapped_column(String(64))
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    document: Mapped[dict[str, Any]] = mapped_column()
    rows: Mapped[dict[str, Any]] = mapped_column()
    source: Mapped[str] = mapped_column(String(300), default="")
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by: Mapped[str] = mapped_column(String(50), default="")


class CalendarYear(Base):
    """A year's holidays and make-up working days (法定节假日 / 调休上班)."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    days: Mapped[list[Any]] = mapped_column()
    table_text: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by: Mapped[str] = mapped_column(String(50), default="")
