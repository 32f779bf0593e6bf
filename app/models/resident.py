"""Residents (村(居)民) served at the window."""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, SyncStateMixin, TimestampMixin

# Household-situation tags. They are sensitive (个人信息保护法): shown only
# where the work needs them.
RESIDENT_TAGS = ("低保", "特困", "残疾", "高龄", "独居老人", "优抚对象", "退役军人", "脱贫户", "监测户", "孤儿")


class Resident(IdMixin, TimestampMixin, SyncStateMixin, Base):
    """A resident, registered once and found again by ID, name, pinyin or phone."""

    __tablename__ = "residents"
    __table_args__ = (UniqueConstraint("doc_type", "id_number"),)

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(40), default="resident_id")
    id_number: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(60), index=True)
    name_initials: Mapped[str] = mapped_column(String(60), default="", index=True)
    name_pinyin: Mapped[str] = mapped_column(String(200), default="")
    gender: Mapped[str | None] = mapped_column(String(2), default=None)
    birth_date: Mapped[date | None] = mapped_column(Date, default=None)
    phone: Mapped[str] = mapped_column(String(30), default="")
    phone_last4: Mapped[str] = mapped_column(String(4), default="", index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    village_group: Mapped[str] = mapped_column(String(60), default="")  # 村民小组 / 网格
    tags: Mapped[list[str]] = mapped_column(default=list)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    updated_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
