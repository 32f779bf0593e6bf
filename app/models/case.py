"""Cases (办件): one resident's application for one item, with its history.

The event history is append-only: the database refuses UPDATE and DELETE on
``case_events`` (triggers in the migrations). ``Case.status`` is a cached
projection of the newest event, kept in the same transaction.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.models.base import Base, IdMixin, SyncStateMixin, TimestampMixin
from app.models.vocabulary import CaseStatus

# The statuses, in the order lists offer them; the ones a case no longer moves from.
CASE_STATUSES = tuple(CaseStatus)
CLOSED_STATUSES = frozenset({CaseStatus.REJECTED, CaseStatus.COMPLETED, CaseStatus.DELIVERED, CaseStatus.WITHDRAWN})


class Case(IdMixin, TimestampMixin, SyncStateMixin, Base):
    """办件 — a case, numbered center + device + date + sequence."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("case_number"),
        Index("ix_cases_status_due", "status", "committed_due"),
        # The lookup's "N open cases" per resident from the index alone: a cold
        # file costs a few index pages instead of a table page per case.
        Index("ix_cases_resident_status", "resident_id", "status"),
    )

    case_number: Mapped[str] = mapped_column(String(40))
    verification_code: Mapped[str] = mapped_column(String(10))
    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"))
    resident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("residents.id"), index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("catalog_items.id"), index=True)
    catalog_version: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(20), index=True)
    outcome: Mapped[str] = mapped_column(String(30))  # the intake outcome
    result: Mapped[str | None] = mapped_column(String(10), default=None)
    deferred_materials: Mapped[bool] = mapped_column(Boolean, default=False)  # 容缺受理
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    accepted_on: Mapped[date | None] = mapped_column(Date, default=None)
    committed_due: Mapped[date | None] = mapped_column(Date, default=None)
    statutory_due: Mapped[date | None] = mapped_column(Date, default=None)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    paused_working_days: Mapped[int] = mapped_column(Integer, default=0)
    forwarded_to: Mapped[str] = mapped_column(String(100), default="")
    expected_return: Mapped[date | None] = mapped_column(Date, default=None)
    completed_at: Mapped[datetime | None] = mapped_column(default=None, index=True)  # 台账统计 by 办结日期
    handled_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"), index=True)
    window_no: Mapped[str] = mapped_column(String(10), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # 外出服务: taken in at a home (上门) or a mobile stop (巡回), and where; "" at the window.
    field_mode: Mapped[str] = mapped_column(String(10), default="", server_default="")
    field_place: Mapped[str] = mapped_column(String(200), default="", server_default="")

    materials: Mapped[list[CaseMaterial]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseMaterial.position"
    )
    events: Mapped[list[CaseEvent]] = relationship(back_populates="case", order_by="CaseEvent.seq")


class CaseMaterial(IdMixin, Base):
    """One line of the materials checklist taken at intake."""

    __tablename__ = "case_materials"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    catalog_material_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("catalog_materials.id"), default=None
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    form: Mapped[str] = mapped_column(String(20))
    key: Mapped[bool] = mapped_column(Boolean, default=True)
    required_count: Mapped[int] = mapped_column(Integer, default=1)
    received_count: Mapped[int] = mapped_column(Integer, default=0)
    received_form: Mapped[str | None] = mapped_column(String(20), default=None)
    supply_by: Mapped[date | None] = mapped_column(Date, default=None)  # 容缺: promised date
    note: Mapped[str] = mapped_column(String(300), default="")

    case: Mapped[Case] = relationship(back_populates="materials")


class CaseEvent(IdMixin, Base):
    """One entry of a case's append-only history: who, when, what, note."""

    __tablename__ = "case_events"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str | None] = mapped_column(String(20), default=None)
    to_status: Mapped[str] = mapped_column(String(20))
    staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    actor_label: Mapped[str] = mapped_column(String(100), default="")  # e.g. a county department
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Sync bookkeeping, the only columns that may change after the insert:
    # the event's place in the county's history once known, and the county's
    # reason when it refused the event (it then does not count for the status).
    position: Mapped[int | None] = mapped_column(Integer, default=None)
    refused: Mapped[str] = mapped_column(String(500), default="")

    case: Mapped[Case] = relationship(back_populates="events")


class CaseCounter(Base):
    """The last case sequence a device issued on a date (case numbers)."""

    __tablename__ = "case_counters"

    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
