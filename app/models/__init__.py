"""The OneWindow domain schema (SQLAlchemy 2.0, Qt-free).

Every table is defined here; schema changes reach a database only through
the Alembic migrations in ``app/migrations``.
"""
from __future__ import annotations

from app.models.base import Base
from app.models.case import Case, CaseCounter, CaseEvent, CaseMaterial
from app.models.catalog import CatalogItem, CatalogMaterial, CatalogVersion, Department
from app.models.center import Center, Device, Staff
from app.models.resident import Resident, ResidentMerge, ResidentNameGram
from app.models.service import (
    Appointment,
    BackupAssignment,
    Complaint,
    Inquiry,
    OnlineAssist,
    PrintedDocument,
    Rating,
    RatingBallot,
    RatingFollowUp,
    WhereaboutsNote,
)
from app.models.system import (
    AuditEntry,
    CalendarDay,
    CalendarYear,
    OutboxEntry,
    Setting,
    SyncAttention,
    SyncCursor,
    SyncRun,
    SyncVersion,
)

__all__ = [
    "Appointment",
    "AuditEntry",
    "BackupAssignment",
    "Base",
    "CalendarDay",
    "CalendarYear",
    "Case",
    "CaseCounter",
    "CaseEvent",
    "CaseMaterial",
    "CatalogItem",
    "CatalogMaterial",
    "CatalogVersion",
    "Center",
    "Complaint",
    "Department",
    "Device",
    "Inquiry",
    "OnlineAssist",
    "OutboxEntry",
    "PrintedDocument",
    "Rating",
    "RatingBallot",
    "RatingFollowUp",
    "Resident",
    "ResidentMerge",
    "ResidentNameGram",
    "Setting",
    "Staff",
    "SyncAttention",
    "SyncCursor",
    "SyncRun",
    "SyncVersion",
    "WhereaboutsNote",
]
