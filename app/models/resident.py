"""Residents (村(居)民) served at the window."""
from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, SyncStateMixin, TimestampMixin

# Household-situation tags. They are sensitive (个人信息保护法): shown only
# where the work needs them.
RESIDENT_TAGS = ("低保", "特困", "残疾", "高龄", "独居老人", "优抚对象", "退役军人", "脱贫户", "监测户", "孤儿")


class Resident(IdMixin, TimestampMixin, SyncStateMixin, Base):
    """A resident, registered once and found again by ID, name, pinyin or phone."""

    __tablename__ = "residents"
    __table_args__ = (
        UniqueConstraint("doc_type", "id_number"),
        # Pinyin lookups read a range of keys in order (zs ≤ key < zt, then by
        # name), which these composite indexes answer without sorting.
        Index("ix_residents_initials_name", "name_initials", "name"),
        Index("ix_residents_pinyin_name", "name_pinyin", "name"),
    )

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(40), default="resident_id")
    id_number: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(60), index=True)
    name_initials: Mapped[str] = mapped_column(String(60), default="")
    name_pinyin: Mapped[str] = mapped_column(String(200), default="")
    gender: Mapped[str | None] = mapped_column(String(2), default=None)
    birth_date: Mapped[date | None] = mapped_column(Date, default=None)
    phone: Mapped[str] = mapped_column(String(30), default="", index=True)
    phone_last4: Mapped[str] = mapped_column(String(4), default="", index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    village_group: Mapped[str] = mapped_column(String(60), default="")  # 村民小组 / 网格
    tags: Mapped[list[str]] = mapped_column(default=list)
    # 需上门服务: cannot come to the center (elderly, disabled, sick); offered in 外出服务.
    home_service: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # 家庭情况备注: sensitive, shown only on the resident's own page.
    household_notes: Mapped[str] = mapped_column(Text, default="")
    # Two records of one person merged (合并): this one stays, pointing to the kept one.
    merged_into: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("residents.id"), default=None)
    merged_at: Mapped[datetime | None] = mapped_column(default=None)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    updated_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)


class ResidentNameGram(Base):
    """姓名片段索引 — one 1- or 2-character piece of a resident's name that
    does not start it ("王小明" → 小, 明, 小明), so typing 明 or 小明 finds them.

    Pieces at the start need no row: the index on ``residents.name`` finds
    prefixes. The name is kept beside each piece so matches come out ordered
    by name straight from the primary key. Derived data: rewritten whenever a
    resident's name is set (``app.services.search.index_resident_name``).
    """

    __tablename__ = "resident_name_grams"
    __table_args__ = (
        Index("ix_resident_name_grams_resident_id", "resident_id"),
        {"sqlite_with_rowid": False},
    )

    gram: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    resident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("residents.id"), primary_key=True)


MERGE_PROPOSED = "proposed"
MERGE_CONFIRMED = "confirmed"
MERGE_CANCELLED = "cancelled"
MERGE_STATUSES = (MERGE_PROPOSED, MERGE_CONFIRMED, MERGE_CANCELLED)


class ResidentMerge(IdMixin, SyncStateMixin, Base):
    """合并登记 — two records of one person made one: proposed by a worker,
    confirmed by the head. Once confirmed, every desk and the county move the
    merged record's cases, inquiries and appointments to the kept record and
    leave the merged one in place, pointing to it."""

    __tablename__ = "resident_merges"

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    kept_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("residents.id"), index=True)
    merged_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("residents.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=MERGE_PROPOSED)
    reason: Mapped[str] = mapped_column(String(200), default="")
    proposed_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    proposed_at: Mapped[datetime] = mapped_column()
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
