"""Service catalog (服务事项目录), kept by version.

A case points at the item row of the catalog version it was taken under, so
a later catalog never orphans or rewrites an old case (SYNC.md).
"""
from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.models.base import Base, IdMixin
from app.models.vocabulary import HandlingMode

HANDLING_MODES = tuple(HandlingMode)

FORM_ORIGINAL = "original"
FORM_COPY = "copy"
FORM_ORIGINAL_AND_COPY = "original_and_copy"
FORM_ELECTRONIC = "electronic"
MATERIAL_FORMS = (FORM_ORIGINAL, FORM_COPY, FORM_ORIGINAL_AND_COPY, FORM_ELECTRONIC)


class CatalogVersion(IdMixin, Base):
    """One imported catalog file; exactly one version is current."""

    __tablename__ = "catalog_versions"
    __table_args__ = (UniqueConstraint("version"),)

    version: Mapped[str] = mapped_column(String(50))
    region: Mapped[str] = mapped_column(String(100), default="")
    published: Mapped[date | None] = mapped_column(Date, default=None)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    notice: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(300), default="")
    checksum: Mapped[str] = mapped_column(String(64))
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    # What the county publishes for the printed documents with its catalog:
    # deciding bodies, seals and appeal bodies per department, the referral
    # directory, the public status address (app.services.document_settings).
    document_settings: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")

    departments: Mapped[list[Department]] = relationship(
        back_populates="catalog_version", cascade="all, delete-orphan", order_by="Department.code"
    )
    items: Mapped[list[CatalogItem]] = relationship(
        back_populates="catalog_version", cascade="all, delete-orphan", order_by="CatalogItem.code"
    )


class Department(IdMixin, Base):
    """A department (民政, 人社, 医保 …) as named by one catalog version."""

    __tablename__ = "departments"
    __table_args__ = (UniqueConstraint("catalog_version_id", "code"),)

    catalog_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("catalog_versions.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(50))

    catalog_version: Mapped[CatalogVersion] = relationship(back_populates="departments")


class CatalogItem(IdMixin, Base):
    """服务事项 — one service item at one catalog version."""

    __tablename__ = "catalog_items"
    __table_args__ = (UniqueConstraint("catalog_version_id", "code"),)

    catalog_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("catalog_versions.id"), index=True)
    code: Mapped[str] = mapped_column(String(30), index=True)
    name: Mapped[str] = mapped_column(String(100))
    name_initials: Mapped[str] = mapped_column(String(100), default="")
    department_code: Mapped[str] = mapped_column(String(20))
    handling_mode: Mapped[str] = mapped_column(String(20))
    statutory_days: Mapped[int] = mapped_column(Integer)
    committed_days: Mapped[int] = mapped_column(Integer)
    fee: Mapped[str] = mapped_column(String(300), default="不收费")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    process: Mapped[list[str]] = mapped_column(default=list)
    location: Mapped[str] = mapped_column(String(200), default="")
    high_frequency: Mapped[bool] = mapped_column(Boolean, default=False)
    allows_deferred_materials: Mapped[bool] = mapped_column(Boolean, default=False)
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    # 办理周期: a recurring item (养老认证 every 12 months) is due again this
    # many months after the resident last did it; None = not recurring.
    recurrence_months: Mapped[int | None] = mapped_column(Integer, default=None)
    # 补正期限: working days the applicant has to supply missing materials.
    supplement_days: Mapped[int] = mapped_column(Integer, default=5, server_default="5")

    catalog_version: Mapped[CatalogVersion] = relationship(back_populates="items")
    materials: Mapped[list[CatalogMaterial]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="CatalogMaterial.position"
    )


class CatalogMaterial(IdMixin, Base):
    """申请材料 — one required material of an item."""

    __tablename__ = "catalog_materials"

    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("catalog_items.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    form: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer, default=1)
    format: Mapped[str] = mapped_column(String(50), default="纸质")
    issuer: Mapped[str] = mapped_column(String(100), default="")
    key: Mapped[bool] = mapped_column(Boolean, default=True)
    obtain: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(String(300), default="")

    item: Mapped[CatalogItem] = relationship(back_populates="materials")
