"""The county schema (SQLAlchemy 2.0). It reaches a database only through the
Alembic migrations in ``county_server/migrations``."""
from __future__ import annotations

from county_server.models.base import Base
from county_server.models.county import (
    Center,
    CountyApiToken,
    CountyUser,
    Device,
    EnrollmentCode,
    RateHit,
    WebSession,
)
from county_server.models.records import (
    Case,
    CaseEvent,
    CenterRecord,
    Complaint,
    OnlineAssist,
    Rating,
    RatingFollowUp,
    Resident,
)
from county_server.models.reference import CalendarYear, CatalogVersion, Staff
from county_server.models.stats import StatsCaseDay, StatsFieldDay, StatsRatedCase, StatsRollupState
from county_server.models.sync import AppliedOp, ChangeEntry, StreamHead

__all__ = [
    "AppliedOp",
    "Base",
    "CalendarYear",
    "Case",
    "CaseEvent",
    "CatalogVersion",
    "Center",
    "CenterRecord",
    "ChangeEntry",
    "Complaint",
    "CountyApiToken",
    "CountyUser",
    "Device",
    "EnrollmentCode",
    "OnlineAssist",
    "RateHit",
    "Rating",
    "RatingFollowUp",
    "Resident",
    "Staff",
    "StatsCaseDay",
    "StatsFieldDay",
    "StatsRatedCase",
    "StatsRollupState",
    "StreamHead",
    "WebSession",
]
