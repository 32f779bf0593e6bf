"""The county's own records: centers, desk devices, enrollment codes, county users."""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from county_server.models.base import Base, IdMixin, utcnow


class Center(IdMixin, Base):
    """党群服务中心 / 便民服务中心 — a service center of the county."""

    __tablename__ = "centers"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    county: Mapped[str] = mapped_column(String(50), default="")
    district: Mapped[str] = mapped_column(String(50), default="")
    town: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    supervision_phone: Mapped[str] = mapped_column(String(30), default="")
    # 差评整改 deadlines in working days, set by the county for the center
    # (provinces differ: 1/15, 15, 5); published to its desks with the center.
    rating_revisit_days: Mapped[int] = mapped_column(Integer, default=1)
    rating_rectify_days: Mapped[int] = mapped_column(Integer, default=15)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Device(IdMixin, Base):
    """A desk PC of a center. Its number is part of every case number it issues.

    Only a hash of the device's token is kept; a revoked device's token is
    refused until the device is enrolled again with a new code.
    """

    __tablename__ = "devices"
    __table_args__ = (UniqueConstraint("center_id", "device_number"),)

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    device_number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100), default="")
    window_no: Mapped[str] = mapped_column(String(10), default="")
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)
    enrolled_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    last_push_at: Mapped[datetime | None] = mapped_column(default=None)
    last_pull_at: Mapped[datetime | None] = mapped_column(default=None)
    last_clock_skew_s: Mapped[int | None] = mapped_column(Integer, default=None)
    #: When the token issued at enrollment was first used: from then on its
    #: code can no longer recover a lost enrollment answer.
    token_used_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: The program version the desk reported in its last sync (``OneWindow-Version``), and since when.
    app_version: Mapped[str] = mapped_column(String(40), default="", server_default="")
    app_version_at: Mapped[datetime | None] = mapped_column(default=None)


class EnrollmentCode(IdMixin, Base):
    """A one-time, expiring code that lets one desk PC enroll in a center.

    With ``device_number`` set to an enrolled device's number it re-enrolls
    that device (a replaced or restored PC): same id and number, new token.
    """

    __tablename__ = "enrollment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    device_number: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    device_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("devices.id"), default=None)
    created_by: Mapped[str] = mapped_column(String(50), default="")
    #: SHA-256 of the secret the enrolling desk made and sent the hash of; only
    #: the desk that knows the secret may recover a lost answer.
    secret_hash: Mapped[str] = mapped_column(String(64), default="")


ROLE_ADMIN = "admin"  # 县级管理员: everything
ROLE_OFFICER = "officer"  # 县级业务人员: work list, case events, dashboard
COUNTY_ROLES = (ROLE_ADMIN, ROLE_OFFICER)


class CountyUser(IdMixin, Base):
    """An account of the county's own staff (web pages and county API)."""

    __tablename__ = "county_users"

    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    department: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(10), default=ROLE_OFFICER)
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)


class WebSession(Base):
    """A logged-in browser: the cookie holds a random token, we keep its hash."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("county_users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()


class RateHit(Base):
    """One counted request of a rate limit (county_server.ratelimit): kept in
    the database so that every worker process counts against the same limit."""

    __tablename__ = "rate_limit_hits"
    __table_args__ = (Index("ix_rate_limit_hits_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(200))  # limit name and client address
    at: Mapped[datetime] = mapped_column()


class CountyApiToken(Base):
    """A bearer token for the county API, tied to a county user."""

    __tablename__ = "county_api_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("county_users.id"), index=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
