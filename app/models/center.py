"""Center (中心), this PC's device identity and staff accounts."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import ClassVar

from sqlalchemy import Boolean, ColumnElement, ForeignKey, Integer, String, UniqueConstraint, and_
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, SyncStateMixin, TimestampMixin
from app.models.vocabulary import StaffRole


class Center(IdMixin, TimestampMixin, Base):
    """党群服务中心 / 便民服务中心 — the service center this desk belongs to."""

    __tablename__ = "centers"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    county: Mapped[str] = mapped_column(String(50))
    district: Mapped[str] = mapped_column(String(50), default="")
    town: Mapped[str] = mapped_column(String(50))
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    supervision_phone: Mapped[str] = mapped_column(String(30), default="")
    # The desk's own (the county does not keep them): printed on the documents
    # when set, and left out when not, never replaced by invented hours.
    consultation_phone: Mapped[str] = mapped_column(String(30), default="", server_default="")  # 咨询电话
    opening_hours: Mapped[str] = mapped_column(String(100), default="", server_default="")  # 办公时间
    pickup_hours: Mapped[str] = mapped_column(String(100), default="", server_default="")  # 取件时间
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class Device(IdMixin, TimestampMixin, Base):
    """A desk PC. Its number is part of every case number it issues."""

    __tablename__ = "devices"
    __table_args__ = (UniqueConstraint("center_id", "device_number"),)

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    device_number: Mapped[int] = mapped_column(Integer)
    window_no: Mapped[str] = mapped_column(String(10), default="1")
    name: Mapped[str] = mapped_column(String(100), default="")
    is_this_device: Mapped[bool] = mapped_column(Boolean, default=False)
    server_url: Mapped[str | None] = mapped_column(String(300), default=None)
    enrolled_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class Staff(IdMixin, TimestampMixin, SyncStateMixin, Base):
    """A staff account: 窗口人员 (window staff), 中心主任 (center head) or
    代办员 (proxy agent).

    Made by the county or by this center's head at a desk; either way it
    syncs both ways. ``role_pending`` is the county's word that a head role
    made at a desk awaits the county's approval (it is never sent up).
    """

    __tablename__ = "staff"
    __table_args__ = (UniqueConstraint("center_id", "username"),)

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    username: Mapped[str] = mapped_column(String(50))
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(10), default=StaffRole.WINDOW)
    password_hash: Mapped[str] = mapped_column(String(300))
    phone: Mapped[str] = mapped_column(String(30), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    role_pending: Mapped[str] = mapped_column(String(10), default="")

    # The password hash of a placeholder: a row that stands for an account
    # another desk made, until the account itself arrives by sync.
    PLACEHOLDER_HASH: ClassVar[str] = "!"

    @classmethod
    def is_person(cls) -> ColumnElement[bool]:
        """SQL: an account of a real person, not a placeholder (any activity)."""
        return cls.password_hash != cls.PLACEHOLDER_HASH

    @classmethod
    def at_work(cls) -> ColumnElement[bool]:
        """SQL: an active account of a real person: who boards, lists and pickers show."""
        return and_(cls.active.is_(True), cls.is_person())
