"""台账统计 rollups: a center's cases counted per day, so a year of 300
centers is summed from about 110,000 rows instead of 3 million cases.

Derived data only, rebuilt from ``cases``, ``case_events`` and ``ratings`` by
``county_server.services.county_stats.refresh_rollups`` whenever a center's
change-log heads (or the county's catalog and calendar) have moved since.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from county_server.models.base import Base, utcnow


class StatsCaseDay(Base):
    """One center's cases on one local day: what was accepted and completed that day, with the
    changes of the open and overdue-open counts (summed up to a day, they give those counts then)."""

    __tablename__ = "stats_case_days"

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    immediate: Mapped[int] = mapped_column(Integer, default=0)
    on_spot: Mapped[int] = mapped_column(Integer, default=0)
    completed: Mapped[int] = mapped_column(Integer, default=0)
    on_time: Mapped[int] = mapped_column(Integer, default=0)
    span_days: Mapped[int] = mapped_column(Integer, default=0)
    spans: Mapped[int] = mapped_column(Integer, default=0)
    open_delta: Mapped[int] = mapped_column(Integer, default=0)
    late_delta: Mapped[int] = mapped_column(Integer, default=0)
    # Cases accepted that day as proxy errands (代办件): an entrusting event and an accepting outcome.
    proxied: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class StatsFieldDay(Base):
    """One center's cases taken in away from the desk (上门 or 巡回) on one local day: the visits
    (``statistics.field_visit_key``: worker, day, and the resident's home or the stop's place) and their
    cases. A visit lies within its day, so a period's visits are the sum of its days'."""

    __tablename__ = "stats_field_days"

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    mode: Mapped[str] = mapped_column(String(10), primary_key=True)  # FieldMode
    visits: Mapped[int] = mapped_column(Integer, default=0)
    cases: Mapped[int] = mapped_column(Integer, default=0)


class StatsRatedCase(Base):
    """Completed cases with a valid rating, by completion day and the first and last rating day
    (a case is rated at most twice): counted in a period when completed in it and rated in it."""

    __tablename__ = "stats_rated_cases"

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), primary_key=True)
    completed_on: Mapped[date] = mapped_column(Date, primary_key=True)
    first_on: Mapped[date] = mapped_column(Date, primary_key=True)
    last_on: Mapped[date] = mapped_column(Date, primary_key=True)
    weight: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)  # +1, or -1 for "both"
    cases: Mapped[int] = mapped_column(Integer, default=0)


class StatsRollupState(Base):
    """What a center's rollup was built from: its change-log heads, the county's, and the time zone."""

    __tablename__ = "stats_rollup_state"

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), primary_key=True)
    source_key: Mapped[str] = mapped_column(String(200))
    refreshed_at: Mapped[datetime] = mapped_column(default=utcnow)
