"""What the desks push: the centers' own records, as the county keeps them.

The fields the county queries (work list, dashboard, status page) are
columns; the whole record as the desk sent it is kept in ``data``, which is
what other desks of the center receive.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from county_server.models.base import Base, utcnow


class VersionedRecord:
    """A desk-owned row: its server version and who wrote that version."""

    version: Mapped[int] = mapped_column(Integer, default=1)
    last_device_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Resident(VersionedRecord, Base):
    __tablename__ = "residents"
    __table_args__ = (UniqueConstraint("center_id", "doc_type", "id_number"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(40))
    id_number: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict[str, Any]] = mapped_column()


class Case(VersionedRecord, Base):
    """办件. ``status``, ``result`` and ``completed_at`` are the projection of
    the server's event history, never taken from an upsert."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("case_number"),
        Index("ix_cases_center_status", "center_id", "status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"))
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"))
    case_number: Mapped[str] = mapped_column(String(40))
    verification_code: Mapped[str] = mapped_column(String(10))
    resident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("residents.id"), index=True)
    item_id: Mapped[uuid.UUID] = mapped_column()
    item_code: Mapped[str] = mapped_column(String(30), default="")
    item_name: Mapped[str] = mapped_column(String(100), default="")
    catalog_version: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(20), index=True)
    result: Mapped[str | None] = mapped_column(String(10), default=None)
    received_at: Mapped[datetime] = mapped_column()
    accepted_on: Mapped[date | None] = mapped_column(Date, default=None)
    committed_due: Mapped[date | None] = mapped_column(Date, default=None)
    statutory_due: Mapped[date | None] = mapped_column(Date, default=None)
    forwarded_to: Mapped[str] = mapped_column(String(100), default="")
    expected_return: Mapped[date | None] = mapped_column(Date, default=None)
    completed_at: Mapped[datetime | None] = mapped_column(default=None)
    county_received_at: Mapped[datetime | None] = mapped_column(default=None)
    event_count: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[dict[str, Any]] = mapped_column()


ORIGIN_DESK = "desk"
ORIGIN_COUNTY = "county"


class CaseEvent(Base):
    """One entry of a case's append-only history, in the server's order."""

    __tablename__ = "case_events"
    __table_args__ = (UniqueConstraint("case_id", "position"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str | None] = mapped_column(String(20), default=None)
    to_status: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[datetime] = mapped_column()
    note: Mapped[str] = mapped_column(Text, default="")
    actor_label: Mapped[str] = mapped_column(String(100), default="")
    staff_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    desk_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    origin: Mapped[str] = mapped_column(String(10), default=ORIGIN_DESK)
    device_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    county_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("county_users.id"), default=None)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    data: Mapped[dict[str, Any]] = mapped_column()


class Rating(VersionedRecord, Base):
    """好差评, append-only (the database refuses changes): from a desk's
    window or phone follow-up, or from the public status page (channel qr).
    ``level`` is the order, 5 非常满意 … 1 非常不满意."""

    __tablename__ = "ratings"
    __table_args__ = (Index("ix_ratings_rated_at", "rated_at"),)  # 台账统计 of a period

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), default=None, index=True)
    level: Mapped[int] = mapped_column(Integer)
    rated_at: Mapped[datetime] = mapped_column()
    channel: Mapped[str] = mapped_column(String(20), default="")
    round: Mapped[int] = mapped_column(Integer, default=1)
    data: Mapped[dict[str, Any]] = mapped_column()


class RatingFollowUp(VersionedRecord, Base):
    """差评整改: the desk's follow-up of a bad rating; the appeal decision
    (申诉复核) is the county's and is never taken from a desk."""

    __tablename__ = "rating_follow_ups"
    __table_args__ = (UniqueConstraint("rating_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    rating_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ratings.id"))
    revisit_due: Mapped[date] = mapped_column(Date)
    rectify_due: Mapped[date] = mapped_column(Date)
    revisited_at: Mapped[datetime | None] = mapped_column(default=None)
    outcome: Mapped[str | None] = mapped_column(String(20), default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    appeal_decision: Mapped[str | None] = mapped_column(String(20), default=None)
    data: Mapped[dict[str, Any]] = mapped_column()


class OnlineAssist(VersionedRecord, Base):
    """帮办网办 as a desk pushed it (``data``), with the columns the county
    counts by: platform, outcome, when it was helped and whether it was followed up."""

    __tablename__ = "online_assists"
    __table_args__ = (Index("ix_online_assists_center_helped", "center_id", "helped_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"))
    platform: Mapped[str] = mapped_column(String(50))
    outcome: Mapped[str] = mapped_column(String(20))
    helped_at: Mapped[datetime] = mapped_column()
    follow_up_on: Mapped[date | None] = mapped_column(Date, default=None)
    followed_up_at: Mapped[datetime | None] = mapped_column(default=None)
    data: Mapped[dict[str, Any]] = mapped_column()


class CenterRecord(VersionedRecord, Base):
    """The other desk records (inquiries, printed documents, complaints,
    appointments, whereabouts notes), kept whole as the desk sent them."""

    __tablename__ = "center_records"
    __table_args__ = (Index("ix_center_records_center_entity", "center_id", "entity"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"))
    data: Mapped[dict[str, Any]] = mapped_column()


class Complaint(VersionedRecord, Base):
    """投诉举报 as a desk pushed it (``data``), with the fields the county
    queries as columns: the public status page (number + query code), the
    dashboard (open, overdue) and the escalated list. The ``county_*`` fields
    are the county's own handling of an escalated complaint: a desk's push
    never changes them, and they travel back to the desks in ``data``."""

    __tablename__ = "complaints"
    __table_args__ = (
        UniqueConstraint("complaint_number"),
        Index("ix_complaints_center_status", "center_id", "status"),
        Index("ix_complaints_received_at", "received_at"),  # 台账统计 of a period
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"))
    complaint_number: Mapped[str] = mapped_column(String(40))
    query_code: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column()
    answer_due: Mapped[date] = mapped_column(Date)
    answered_at: Mapped[datetime | None] = mapped_column(default=None)
    told_at: Mapped[datetime | None] = mapped_column(default=None)
    escalated_at: Mapped[datetime | None] = mapped_column(default=None)
    county_answer: Mapped[str] = mapped_column(Text, default="")
    county_answered_at: Mapped[datetime | None] = mapped_column(default=None)
    county_officer: Mapped[str] = mapped_column(String(100), default="")
    county_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("county_users.id"), default=None)
    data: Mapped[dict[str, Any]] = mapped_column()
