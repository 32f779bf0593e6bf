"""今日 — the worker's day on one screen.

The view is made of sections, each a function of (session, context) that
returns a :class:`TodaySection` of plain rows: today's appointments, the
inquiries whose follow-up is due, the cases due today or overdue, and where
everyone is. A new kind of work (say, the work held for an absent colleague)
is one more function in :data:`SECTIONS`. The badge on the navigation is the
sum of what each section says needs action.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import Staff
from app.models.vocabulary import (
    AppointmentPlace,
    AppointmentStatus,
    CaseStatus,
    OnlineAssistOutcome,
    StaffRole,
    WhereaboutsStatus,
)
from app.services import appointments, backup, inquiries, online_assist, proxy, queries, ratings
from app.services.calendar import WorkCalendar
from app.text import Text, tr

SEC_APPOINTMENTS = "appointments"
SEC_FOLLOW_UPS = "follow_ups"
SEC_DEADLINES = "deadlines"
SEC_WHEREABOUTS = "whereabouts"
SEC_HELD = "held"
SEC_RATINGS = "rating_follow_ups"
SEC_PROXY = "proxy_errands"
SEC_ONLINE = "online_assists"

# What a row opens when activated.
OPEN_APPOINTMENT = "appointment"
OPEN_INQUIRY = "inquiry"
OPEN_CASE = "case"
OPEN_ONLINE_ASSIST = "online_assist"
OPEN_NOTHING = ""


@dataclass(frozen=True)
class TodayContext:
    """Who is looking, and when (plain data: crosses threads)."""

    staff_id: uuid.UUID
    today: date
    now: datetime
    calendar: WorkCalendar
    soon_days: int = 1
    is_head: bool = False  # the head follows bad ratings up (差评回访 / 整改)


@dataclass(frozen=True)
class TodayRow:
    """One line of a section: ``opens`` says what activating it opens (``target``)."""

    when: str
    title: str
    detail: str
    status: str = ""
    needs_action: bool = False
    warning: str = ""  # shown in red: overdue, the worker is away …
    opens: str = OPEN_NOTHING
    target: uuid.UUID | None = None
    mine: bool = False  # the worker looking is the one it concerns


@dataclass(frozen=True)
class TodaySection:
    code: str
    title: Text
    rows: tuple[TodayRow, ...]
    empty: Text

    @property
    def action_count(self) -> int:
        return sum(1 for row in self.rows if row.needs_action)


@dataclass(frozen=True)
class TodayView:
    sections: tuple[TodaySection, ...]

    @property
    def action_count(self) -> int:
        return sum(section.action_count for section in self.sections)

    def section(self, code: str) -> TodaySection:
        return next(s for s in self.sections if s.code == code)


def _deputy_name(session: Session, staff_id: uuid.UUID | None, at: datetime) -> str:
    """Who acts for an away worker at ``at`` (AB角, app.services.backup), or ''."""
    deputy = backup.acting_backup(session, staff_id, at) if staff_id is not None else None
    staff = session.get(Staff, deputy) if deputy is not None else None
    return staff.display_name if staff is not None else ""


def appointments_today(session: Session, ctx: TodayContext) -> TodaySection:
    """Today's appointments, by time. One still to come or under way needs action."""
    rows = []
    for a in appointments.appointment_rows(session, first=ctx.today, last=ctx.today):
        place = tr("上门：", "Home visit: ") + a.address if a.place == AppointmentPlace.HOME else ""
        detail = " · ".join(part for part in (a.item_name, a.staff_name, a.phone_masked, place) if part)
        warning = ""
        if a.worker_away:
            deputy = _deputy_name(session, a.staff_id, a.starts_at)
            warning = tr(f"{a.staff_name} 不在岗（{a.worker_away}），由 {deputy} 代为接待（AB角）",
                         f"{a.staff_name} is away ({a.worker_away}): {deputy} serves it (A/B backup)") if deputy \
                else tr(f"{a.staff_name} 不在岗（{a.worker_away}），请安排他人接待",
                        f"{a.staff_name} is away ({a.worker_away}): ask someone else to serve it")
        elif a.status == AppointmentStatus.BOOKED and a.ends_at is not None and a.ends_at < ctx.now:
            warning = tr("预约时间已过，尚未签到", "The time has passed and they have not checked in")
        rows.append(TodayRow(
            when=appointments.local_time(a.starts_at) + (f"–{appointments.local_time(a.ends_at)}" if a.ends_at else ""),
            title=a.name, detail=detail, status=str(AppointmentStatus.text_of(a.status)),
            needs_action=a.is_active, warning=warning, opens=OPEN_APPOINTMENT, target=a.id,
            mine=a.staff_id == ctx.staff_id,
        ))
    return TodaySection(SEC_APPOINTMENTS, Text("今日预约", "Today's appointments"), tuple(rows),
                        Text("今天没有预约", "No appointments today"))


def follow_ups_due(session: Session, ctx: TodayContext) -> TodaySection:
    """Open inquiries whose follow-up date is today or has passed."""
    rows = []
    for inquiry in inquiries.follow_up_rows(session):
        if inquiry.follow_up_due is None or inquiry.follow_up_due > ctx.today:
            continue
        overdue = inquiry.follow_up_due < ctx.today
        rows.append(TodayRow(
            when=inquiry.follow_up_due.isoformat(), title=inquiry.asker_name,
            detail=" · ".join(p for p in (inquiry.topic, inquiry.owner_name, inquiry.referred_to) if p),
            status=str(inquiries.OUTCOME_LABELS.get(inquiry.outcome, Text(inquiry.outcome, inquiry.outcome))),
            needs_action=True, warning=tr("已超过跟进期限", "Follow-up overdue") if overdue else "",
            opens=OPEN_INQUIRY, target=inquiry.id, mine=inquiry.owner_id == ctx.staff_id,
        ))
    return TodaySection(SEC_FOLLOW_UPS, Text("待跟进的首问登记", "Follow-ups due"), tuple(rows),
                        Text("今天没有到期的跟进", "No follow-ups due today"))


def deadlines_due(session: Session, ctx: TodayContext, *, limit: int = 200) -> TodaySection:
    """Open cases due today or overdue (the 时限预警 rule, queries.deadline_state)."""
    rows = []
    for case in queries.case_page(session, queries.CaseFilter(open_with_deadline=True), offset=0, limit=limit,
                                  today=ctx.today, calendar=ctx.calendar, soon_days=0):
        if case.deadline not in (queries.DL_OVERDUE, queries.DL_DUE_SOON) or case.committed_due is None:
            continue
        if case.committed_due > ctx.today:
            break  # ordered by due date: the rest are later
        overdue = case.deadline == queries.DL_OVERDUE
        rows.append(TodayRow(
            when=case.committed_due.isoformat(), title=f"{case.case_number} {case.resident_name}",
            detail=" · ".join(p for p in (case.item_name, case.handled_by) if p),
            status=str(CaseStatus.text_of(case.status)), needs_action=True,
            warning=tr("已超期", "Overdue") if overdue else tr("今日到期", "Due today"), opens=OPEN_CASE, target=case.id,
        ))
    return TodaySection(SEC_DEADLINES, Text("今日到期和超期的办件", "Cases due today or overdue"), tuple(rows),
                        Text("没有今日到期或超期的办件", "No cases due today or overdue"))


def whereabouts(session: Session, ctx: TodayContext) -> TodaySection:
    """Where everyone is: each active worker, with their open note if they are away."""
    notes = backup.open_notes(session, ctx.now)  # the newest open note of each away worker
    rows = []
    for staff in session.scalars(select(Staff).where(Staff.at_work()).order_by(Staff.display_name)):
        open_note = notes.get(staff.id)
        if open_note is None:
            rows.append(TodayRow(when="", title=staff.display_name, detail="", status=tr("在岗", "At the desk"),
                                 mine=staff.id == ctx.staff_id))
            continue
        back = open_note.expected_back_at
        late = back is not None and back < ctx.now
        rows.append(TodayRow(
            when=tr(f"预计 {back.astimezone():%m-%d %H:%M} 回", f"back about {back.astimezone():%m-%d %H:%M}") if back
            else tr("返回时间未定", "return not given"),
            title=staff.display_name, detail=open_note.destination,
            status=str(WhereaboutsStatus.text_of(open_note.status)) if open_note.status else tr("外出", "Away"),
            warning=tr("已过预计返回时间", "Past the expected return") if late else "", mine=staff.id == ctx.staff_id,
        ))
    return TodaySection(SEC_WHEREABOUTS, Text("人员去向", "Where everyone is"), tuple(rows),
                        Text("没有工作人员", "No staff"))


def held_for_colleagues(session: Session, ctx: TodayContext) -> TodaySection:
    """代 A 办理: the work of each absent colleague this worker acts for (AB角)."""
    rows = []
    for work in backup.held_work(session, ctx.staff_id, ctx.now):
        for section in work.sections:
            for entry in section.entries:
                rows.append(TodayRow(
                    when=entry.due.isoformat() if entry.due else "",
                    title=tr(f"代 {work.absent_name}：{entry.reference}", f"For {work.absent_name}: {entry.reference}"),
                    detail=f"{section.title} · {entry.title}", status=entry.status_label, needs_action=True,
                    warning=tr("已超期", "Overdue") if entry.due is not None and entry.due < ctx.today else "",
                    opens=OPEN_CASE if section.kind == "cases" else OPEN_INQUIRY if section.kind == "inquiries"
                    else OPEN_APPOINTMENT if section.kind == "appointments" else OPEN_NOTHING,
                    target=entry.id, mine=True,
                ))
    return TodaySection(SEC_HELD, Text("代同事办理（AB角）", "Held for absent colleagues (A/B)"), tuple(rows),
                        Text("没有需要代办的同事工作", "No work held for an absent colleague"))


def rating_follow_ups_due(session: Session, ctx: TodayContext) -> TodaySection:
    """差评整改 due today or overdue: the head's to call back and see fixed."""
    rows = []
    for row in ratings.follow_up_rows(session, today=ctx.today, calendar=ctx.calendar, soon_days=ctx.soon_days):
        if row.due is None or row.due > ctx.today:
            continue
        rows.append(TodayRow(
            when=row.due.isoformat(), title=row.case_number or row.subject,
            detail=" · ".join(p for p in (str(row.level.label), row.staff_name, row.comment) if p),
            status=tr("待回访", "To call back") if row.step == "revisit" else tr("待整改", "To be fixed"),
            needs_action=ctx.is_head, warning=tr("已超期", "Overdue") if row.due < ctx.today else "",
        ))
    return TodaySection(SEC_RATINGS, Text("差评回访与整改", "Bad-rating follow-ups"), tuple(rows),
                        Text("没有到期的差评整改", "No bad-rating follow-up due"))


def proxy_errands(session: Session, ctx: TodayContext) -> TodaySection:
    """代办: every errand whose materials are in the proxy's hands, until they
    are handed back (办结单) or returned (终止单). To take up, or to hand back,
    or late, it needs action."""
    rows = []
    for row in proxy.open_errands(session):
        errand = row.errand
        late = errand.overdue(ctx.today)
        rows.append(TodayRow(
            when=errand.due.isoformat() if errand.due else "", title=f"{row.case_number} {row.resident_name}",
            detail=" · ".join(p for p in (
                row.item_name, tr(f"代办员 {errand.agent_name}", f"proxy {errand.agent_name}"),
                tr(f"材料 {row.material_count} 份", f"{row.material_count} papers"), errand.forwarded_to) if p),
            status=str(proxy.STAGE_LABELS[errand.stage]),
            needs_action=late is not None or errand.stage in (proxy.STAGE_TO_SEND, proxy.STAGE_BACK),
            warning=str(late) if late else "", opens=OPEN_CASE, target=errand.case_id,
            mine=ctx.staff_id in (row.handled_by, errand.agent_staff_id),
        ))
    return TodaySection(SEC_PROXY, Text("代办材料在外", "Proxy errands: materials out"), tuple(rows),
                        Text("没有在代办员手中的材料", "No materials with a proxy"))


def online_follow_ups(session: Session, ctx: TodayContext) -> TodaySection:
    """帮办网办 still to follow up: each shows until followed up; due or late, it needs action."""
    rows = []
    for row in online_assist.awaiting_follow_up(session):
        due = row.follow_up_on
        assert due is not None
        rows.append(TodayRow(
            when=due.isoformat(), title=row.resident_name,
            detail=" · ".join(p for p in (row.item_name, row.platform, row.application_no, row.staff_name) if p),
            status=str(OnlineAssistOutcome.text_of(row.outcome)), needs_action=due <= ctx.today,
            warning=tr("已过跟进日期", "Follow-up overdue") if due < ctx.today else "",
            opens=OPEN_ONLINE_ASSIST, target=row.id, mine=row.staff_id == ctx.staff_id,
        ))
    return TodaySection(SEC_ONLINE, Text("帮办网办待跟进", "Online applications to follow up"), tuple(rows),
                        Text("没有待跟进的帮办网办", "No helped online application to follow up"))


#: The sections of the 今日 view, in the order they are shown.
SECTIONS: tuple[Callable[[Session, TodayContext], TodaySection], ...] = (
    appointments_today, held_for_colleagues, whereabouts, follow_ups_due, rating_follow_ups_due, deadlines_due,
    proxy_errands, online_follow_ups,
)


def today_view(session: Session, ctx: TodayContext) -> TodayView:
    return TodayView(tuple(section(session, ctx) for section in SECTIONS))


def context_for(session: Session, staff_id: uuid.UUID, *, now: datetime | None = None) -> TodayContext:
    """The context at the desk now: today's local date, the calendar and the warning window."""
    from app.services import settings
    from app.services.calendar_store import load_work_calendar

    now = now or utcnow()
    staff = session.get(Staff, staff_id)
    return TodayContext(staff_id=staff_id, today=now.astimezone().date(), now=now,
                        calendar=load_work_calendar(session), soon_days=settings.get(session, settings.DEADLINE_SOON_DAYS),
                        is_head=staff is not None and staff.role == StaffRole.HEAD)
