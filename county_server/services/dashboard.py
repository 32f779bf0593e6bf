"""County dashboard (县级总览): per center counts, overdue, on time, satisfaction,
and who is on duty (去向留言).

Figures are computed from the records the desks pushed; a figure with nothing
to count is None ("—" on the page), never a made-up number.
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.case import CLOSED_STATUSES
from app.models.vocabulary import (
    AppealDecision,
    AppointmentPlace,
    AppointmentStatus,
    CaseStatus,
    ComplaintStatus,
    EntityKind,
    WhereaboutsStatus,
)
from app.services.lifecycle import CLOCK_RUNNING
from county_server.models import Case, Center, CenterRecord, Complaint, Device, Rating, RatingFollowUp, Staff
from county_server.services.county_complaints import UNANSWERED
from county_server.services.county_ratings import is_overdue

SATISFIED_LEVELS = (3, 4, 5)  # 非常满意, 满意, 基本满意
SATISFACTION_TARGET = 0.8
#: Named on the page next to each figure (PRACTICE: always label the formula).
SATISFACTION_FORMULA = "满意率 =（非常满意＋满意＋基本满意）÷ 全部有效评价（申诉复核作废的不计）"
PARTICIPATION_FORMULA = "参评率 = 已评价办件数 ÷ 已办结办件数"
CLOCK_TOLERANCE_S = 300


@dataclass(frozen=True)
class DeviceSync:
    device_number: int
    name: str
    last_sync_at: datetime | None
    revoked: bool
    clock_skew_s: int | None = None
    app_version: str = ""  # updates: the program version the desk last reported

    @property
    def clock_off(self) -> bool:
        """The PC's clock is more than five minutes off (flagged, never blocking)."""
        return self.clock_skew_s is not None and abs(self.clock_skew_s) > CLOCK_TOLERANCE_S


@dataclass(frozen=True)
class AwayWorker:
    """去向: a worker whose whereabouts note is open, as the desks last sent it."""

    name: str
    status: str  # the status's Chinese label
    where: str
    expected_back_at: datetime | None


@dataclass
class CenterFigures:
    center_id: uuid.UUID
    code: str
    name: str
    total: int = 0
    open: int = 0
    completed: int = 0
    forwarded: int = 0
    overdue: int = 0
    completed_with_deadline: int = 0
    completed_on_time: int = 0
    ratings: int = 0
    satisfied: int = 0
    complaints_open: int = 0  # 投诉举报: not closed (told)
    complaints_overdue: int = 0  # not answered, past the committed answer date
    rated_cases: int = 0
    follow_ups_open: int = 0
    follow_ups_overdue: int = 0
    devices: list[DeviceSync] = field(default_factory=list)
    appointments_today: int = 0  # 今日预约 (not cancelled)
    home_visits: int = 0  # 上门服务 booked from today on
    on_duty: list[str] = field(default_factory=list)  # active staff with no open note
    away: list[AwayWorker] = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        if not self.completed_with_deadline:
            return None
        return self.completed_on_time / self.completed_with_deadline

    @property
    def satisfaction(self) -> float | None:
        return self.satisfied / self.ratings if self.ratings else None

    @property
    def participation(self) -> float | None:
        return min(self.rated_cases, self.completed) / self.completed if self.completed else None

    @property
    def below_target(self) -> bool:
        return self.satisfaction is not None and self.satisfaction < SATISFACTION_TARGET

    @property
    def last_sync_at(self) -> datetime | None:
        times = [d.last_sync_at for d in self.devices if d.last_sync_at]
        return max(times) if times else None


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return max(a, b)


def center_figures(session: Session, *, tz: str, today: date | None = None) -> list[CenterFigures]:
    zone = ZoneInfo(tz)
    today = today or datetime.now(zone).date()
    figures = {
        c.id: CenterFigures(c.id, c.code, c.name)
        for c in session.scalars(select(Center).order_by(Center.code))
    }
    for center_id, status, count in session.execute(
        select(Case.center_id, Case.status, func.count()).group_by(Case.center_id, Case.status)
    ):
        f = figures[center_id]
        f.total += count
        if status not in CLOSED_STATUSES:
            f.open += count
        if status in (CaseStatus.COMPLETED, CaseStatus.DELIVERED):
            f.completed += count
        if status == CaseStatus.FORWARDED:
            f.forwarded += count
    # Overdue: the committed-deadline clock is running and the date has passed
    # (a suspended case's clock is paused, so it is not overdue).
    for center_id, count in session.execute(
        select(Case.center_id, func.count())
        .where(Case.status.in_(CLOCK_RUNNING), Case.committed_due.is_not(None), Case.committed_due < today)
        .group_by(Case.center_id)
    ):
        figures[center_id].overdue = count
    # On time: finished no later than the committed date, counted in local dates.
    for center_id, completed_at, due in session.execute(
        select(Case.center_id, Case.completed_at, Case.committed_due).where(
            Case.completed_at.is_not(None), Case.committed_due.is_not(None)
        )
    ):
        f = figures[center_id]
        f.completed_with_deadline += 1
        if completed_at.astimezone(zone).date() <= due:
            f.completed_on_time += 1
    # 满意率 and 参评率: a rating the county voided on appeal (申诉复核) counts nowhere.
    voided = (select(RatingFollowUp.rating_id)
              .where(RatingFollowUp.appeal_decision == AppealDecision.VOIDED.value).scalar_subquery())
    valid = Rating.id.not_in(voided)
    for center_id, level, count in session.execute(
        select(Rating.center_id, Rating.level, func.count()).where(valid).group_by(Rating.center_id, Rating.level)
    ):
        f = figures[center_id]
        f.ratings += count
        if level in SATISFIED_LEVELS:
            f.satisfied += count
    _appointments(session, figures, zone, today)
    _complaint_figures(session, figures, today)
    for center_id, count in session.execute(
        select(Rating.center_id, func.count(func.distinct(Rating.case_id)))
        .join(Case, Case.id == Rating.case_id)
        .where(valid, Case.status.in_((CaseStatus.COMPLETED, CaseStatus.DELIVERED)))
        .group_by(Rating.center_id)
    ):
        figures[center_id].rated_cases = count
    for follow_up in session.scalars(select(RatingFollowUp).where(
            RatingFollowUp.closed_at.is_(None), RatingFollowUp.appeal_decision.is_(None))):
        f = figures[follow_up.center_id]
        f.follow_ups_open += 1
        if is_overdue(follow_up, today):
            f.follow_ups_overdue += 1
    devices: dict[uuid.UUID, list[DeviceSync]] = defaultdict(list)
    for device in session.scalars(select(Device).order_by(Device.device_number)):
        devices[device.center_id].append(
            DeviceSync(device.device_number, device.name, _latest(device.last_push_at, device.last_pull_at),
                       device.revoked_at is not None, device.last_clock_skew_s, device.app_version)
        )
    for center_id, rows in devices.items():
        figures[center_id].devices = rows
    _duty(session, figures)
    return list(figures.values())


def _appointments(session: Session, figures: dict[uuid.UUID, CenterFigures], zone: ZoneInfo, today: date) -> None:
    """预约: today's appointments (not cancelled) and the home visits still to
    make, per center, from the records the desks pushed."""
    for center_id, data in session.execute(
        select(CenterRecord.center_id, CenterRecord.data).where(CenterRecord.entity == EntityKind.APPOINTMENT)
    ):
        f = figures.get(center_id)
        when = data.get("scheduled_at")
        if f is None or not isinstance(when, str):
            continue
        try:
            day = datetime.fromisoformat(when).astimezone(zone).date()
        except ValueError:
            continue  # kept as sent; a malformed time is not counted
        status = data.get("status", AppointmentStatus.BOOKED)
        if day == today and status != AppointmentStatus.CANCELLED:
            f.appointments_today += 1
        if (day >= today and data.get("place") == AppointmentPlace.HOME
                and status in (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)):
            f.home_visits += 1


def _complaint_figures(session: Session, figures: dict[uuid.UUID, CenterFigures], today: date) -> None:
    """投诉举报: open (not yet told) and overdue (unanswered past the committed date)."""
    for center_id, count in session.execute(
        select(Complaint.center_id, func.count()).where(Complaint.status != ComplaintStatus.TOLD)
        .group_by(Complaint.center_id)
    ):
        figures[center_id].complaints_open = count
    for center_id, count in session.execute(
        select(Complaint.center_id, func.count()).where(UNANSWERED, Complaint.answer_due < today)
        .group_by(Complaint.center_id)
    ):
        figures[center_id].complaints_overdue = count


def _duty(session: Session, figures: dict[uuid.UUID, CenterFigures]) -> None:
    """Who is on duty in each center: its active staff, less those whose
    whereabouts note (去向留言) is open in what the desks sent."""
    open_notes: dict[uuid.UUID, dict[str, Any]] = {}
    for record in session.scalars(select(CenterRecord).where(CenterRecord.entity == "whereabouts_note")):
        data = record.data
        if data.get("returned_at") is None and data.get("staff_id"):
            staff_id = uuid.UUID(str(data["staff_id"]))
            if staff_id not in open_notes or str(data.get("left_at", "")) > str(open_notes[staff_id].get("left_at", "")):
                open_notes[staff_id] = data
    for staff in session.scalars(select(Staff).where(Staff.active.is_(True)).order_by(Staff.display_name)):
        center = figures.get(staff.center_id)
        if center is None:
            continue
        note = open_notes.get(staff.id)
        if note is None:
            center.on_duty.append(staff.display_name)
            continue
        back = note.get("expected_back_at")
        center.away.append(AwayWorker(staff.display_name, WhereaboutsStatus.text_of(note.get("status")).zh,
                                      str(note.get("destination", "")),
                                      datetime.fromisoformat(back) if isinstance(back, str) else None))
