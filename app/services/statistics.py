"""台账统计 — the center's statistics, every figure with its formula named.

One module of formulas for the desk and the county: the figures are pure
functions of plain *facts* (``CaseFact``, ``InquiryFact``, ``RatingFact``,
``ComplaintFact``, ``AppointmentFact``). The desk builds the facts from its
tables with :func:`load_facts`; the county builds the same facts from its own
tables and calls the same :func:`compute`, so both count alike.

Rules that already have a home are called, not copied: the 满意率 / 参评率 /
差评整改按期率 shares and the 80% rule are ``rating_figures``' (its
``FigureRow`` and ``FORMULAS``), a complaint's answer day is
``complaints.answered_on``, working days are the ``WorkCalendar``'s.

A figure with nothing to count is None (shown as "—"), never 0% or 100%.
Dates are local days; a range is inclusive at both ends.
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import astuple, dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.clock import to_local
from app.models import (
    Appointment,
    Case,
    CatalogItem,
    Complaint,
    Department,
    Inquiry,
    OnlineAssist,
    Rating,
    RatingFollowUp,
    Staff,
)
from app.models.case import CLOSED_STATUSES
from app.models.service import INQ_ANSWERED, INQ_CONVERTED, INQ_REFERRED
from app.models.vocabulary import (
    AppointmentStatus,
    CaseStatus,
    FieldMode,
    HandlingMode,
    IntakeOutcome,
    OnlineAssistOutcome,
    RatingLevel,
)
from app.services import complaints, rating_figures
from app.services.calendar import WorkCalendar
from app.services.ratings import is_voided
from app.text import Text

NONE_SHOWN = "—"
MET = {True: Text("达标", "met"), False: Text("未达标", "not met")}

# ---------------------------------------------------------------------------
# Facts: what each record contributes, with no ORM behind it
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFact:
    """One case (办件) as the figures see it."""

    case_id: uuid.UUID
    item: str  # item name (code if unnamed)
    department: str
    worker: str  # who handled it
    received_on: date
    accepted_on: date | None  # None: never accepted (补正 waiting, 不予受理)
    outcome: str  # IntakeOutcome
    handling_mode: str  # the item's HandlingMode: 即办 or 承诺 / 代办
    status: str  # CaseStatus
    committed_due: date | None
    completed_on: date | None
    field_mode: str = ""  # 外出服务: FieldMode, "" at the window
    field_visit: str = ""  # the visit it was taken on (ledgers.field_visit_key), "" at the window
    proxied: bool = False  # a village proxy carried it (代办, app.services.proxy)


@dataclass(frozen=True)
class InquiryFact:
    """One 首问登记."""

    item: str
    department: str
    worker: str  # the first-inquiry owner
    asked_on: date
    outcome: str  # open / answered / referred / converted / follow_up


@dataclass(frozen=True)
class RatingFact:
    """One rating (好差评); ``voided`` when the county voided it on appeal."""

    case_id: uuid.UUID | None
    item: str
    department: str
    worker: str  # who was rated
    rated_on: date
    level: RatingLevel
    voided: bool = False
    rectify_due: date | None = None  # a bad rating's 整改 date
    rectified_on: date | None = None


@dataclass(frozen=True)
class ComplaintFact:
    """One complaint (投诉)."""

    worker: str  # the handler (承办人), else who received it
    received_on: date
    answer_due: date
    answered_on: date | None  # at the desk or by the county
    item: str = ""
    department: str = ""


@dataclass(frozen=True)
class AppointmentFact:
    """One appointment (预约)."""

    item: str
    department: str
    worker: str
    scheduled_on: date
    status: str  # AppointmentStatus


@dataclass(frozen=True)
class OnlineAssistFact:
    """One helped online application (帮办网办)."""

    item: str
    department: str
    worker: str
    helped_on: date
    outcome: str  # OnlineAssistOutcome


@dataclass(frozen=True)
class Facts:
    cases: tuple[CaseFact, ...] = ()
    inquiries: tuple[InquiryFact, ...] = ()
    ratings: tuple[RatingFact, ...] = ()
    complaints: tuple[ComplaintFact, ...] = ()
    appointments: tuple[AppointmentFact, ...] = ()
    online_assists: tuple[OnlineAssistFact, ...] = ()


# ---------------------------------------------------------------------------
# The figures and their formulas
# ---------------------------------------------------------------------------


class Kind(str, Enum):
    COUNT = "count"
    RATE = "rate"
    DAYS = "days"
    MET = "met"  # a rule met or not


@dataclass(frozen=True)
class FigureSpec:
    key: str
    label: Text
    kind: Kind
    formula: Text


_R = rating_figures.FORMULAS
FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec("accepted", Text("受理量", "Accepted"), Kind.COUNT,
               Text("受理量 = 受理日期在统计期内的办件数（含即办、容缺受理、代办转报；不含补正待受理和不予受理）",
                    "Accepted = cases whose acceptance date falls in the period (on the spot, deferred materials and "
                    "forwarded included; not those awaiting supplements or refused)")),
    FigureSpec("completed", Text("办结量", "Completed"), Kind.COUNT,
               Text("办结量 = 办结日期在统计期内的办件数（已办结、已送达）",
                    "Completed = cases completed (or delivered) in the period")),
    FigureSpec("immediate", Text("即办件", "On-the-spot items"), Kind.COUNT,
               Text("即办件 = 受理的办件中，事项办件类型为“即办”的件数（GB/T 39046 办件类型 1）",
                    "On-the-spot items = accepted cases of items handled on the spot (GB/T 39046 type 1)")),
    FigureSpec("promised", Text("承诺件", "Committed items"), Kind.COUNT,
               Text("承诺件 = 受理的办件中，事项办件类型为“承诺”或“代办转报”的件数（GB/T 39046 办件类型 2）",
                    "Committed items = accepted cases of items with a committed time limit, forwarded ones included "
                    "(GB/T 39046 type 2)")),
    FigureSpec("on_spot_rate", Text("现场办结率", "Done on the spot"), Kind.RATE,
               Text("现场办结率 = 受理时当场办结的件数 ÷ 受理量",
                    "Done on the spot = cases completed at intake ÷ cases accepted")),
    FigureSpec("on_time_rate", Text("按期办结率", "Completed on time"), Kind.RATE,
               Text("按期办结率 = 在承诺办结日期（含当日）前办结的件数 ÷ 办结量；没有承诺日期的即办件算按期",
                    "Completed on time = cases completed by their committed date ÷ cases completed; an on-the-spot "
                    "case without a committed date counts as on time")),
    FigureSpec("overdue", Text("超期件", "Overdue"), Kind.COUNT,
               Text("超期件 = 统计期内晚于承诺办结日期办结的件数 ＋ 截至统计期末（不晚于今天）未办结且已过承诺办结日期的件数",
                    "Overdue = cases completed in the period after their committed date + cases still open at the "
                    "period's end (today at the latest) past their committed date")),
    FigureSpec("overdue_rate", Text("超期率", "Overdue share"), Kind.RATE,
               Text("超期率 = 超期件 ÷（办结量 ＋ 截至统计期末仍在办的已受理件数）",
                    "Overdue share = overdue ÷ (completed + accepted cases still open at the period's end)")),
    FigureSpec("avg_days", Text("平均办结用时（工作日）", "Average working days"), Kind.DAYS,
               Text("平均办结用时 = Σ（受理日期至办结日期之间的工作日数，按本中心工作日历，不含受理当日）÷ 有受理日期的办结件数",
                    "Average working days = Σ working days from acceptance to completion (the center's working-day "
                    "calendar, the day of acceptance not counted) ÷ completed cases with an acceptance date")),
    FigureSpec("inquiries", Text("首问登记", "Inquiries"), Kind.COUNT,
               Text("首问登记 = 统计期内登记的首问件数", "Inquiries = first inquiries registered in the period")),
    FigureSpec("inq_answered", Text("首问已答复", "Answered"), Kind.COUNT,
               Text("首问已答复 = 首问登记中当场答复的件数", "Answered = inquiries answered by the first worker")),
    FigureSpec("inq_referred", Text("首问已转办", "Referred"), Kind.COUNT,
               Text("首问已转办 = 首问登记中转其他岗位或部门办理的件数",
                    "Referred = inquiries referred to another post or department")),
    FigureSpec("inq_converted", Text("首问转办件", "Became cases"), Kind.COUNT,
               Text("首问转办件 = 首问登记中转为办件受理的件数", "Became cases = inquiries taken in as a case")),
    FigureSpec("ratings", Text("有效评价数", "Valid ratings"), Kind.COUNT,
               Text("有效评价数 = 统计期内的评价数，不含县级申诉复核作废的评价",
                    "Valid ratings = ratings made in the period, less those the county voided on appeal")),
    FigureSpec("satisfaction", Text("满意率（全国口径）", "Satisfaction (national)"), Kind.RATE, _R["satisfaction"]),
    FigureSpec("dongguan", Text("80% 规则（东莞）", "80% rule (Dongguan)"), Kind.MET, _R["dongguan"]),
    FigureSpec("participation", Text("参评率", "Rated share"), Kind.RATE, _R["participation"]),
    FigureSpec("follow_up_on_time", Text("差评整改按期率", "Follow-ups on time"), Kind.RATE, _R["on_time"]),
    FigureSpec("complaints", Text("投诉件", "Complaints"), Kind.COUNT,
               Text("投诉件 = 统计期内登记的投诉数", "Complaints = complaints registered in the period")),
    FigureSpec("complaint_on_time", Text("投诉按期答复率", "Complaints answered on time"), Kind.RATE,
               Text("投诉按期答复率 = 在承诺答复日期（含延期后日期）前答复的投诉数 ÷ 已答复或已过承诺答复日期的投诉数",
                    "Complaints answered on time = complaints answered by their committed date (as extended) ÷ "
                    "complaints answered or past that date")),
    FigureSpec("appointments", Text("预约数", "Appointments"), Kind.COUNT,
               Text("预约数 = 预约时间在统计期内的预约数（含已取消）",
                    "Appointments = appointments scheduled in the period (cancelled ones included)")),
    FigureSpec("appt_kept", Text("预约履约", "Kept"), Kind.COUNT,
               Text("预约履约 = 已签到或已办理的预约数", "Kept = appointments checked in or served")),
    FigureSpec("appt_missed", Text("预约爽约", "Missed"), Kind.COUNT,
               Text("预约爽约 = 登记为爽约的预约数", "Missed = appointments marked as no-shows")),
    FigureSpec("appt_kept_rate", Text("预约履约率", "Kept share"), Kind.RATE,
               Text("预约履约率 = 预约履约 ÷（预约履约 ＋ 预约爽约）；已取消和未到时间的不计",
                    "Kept share = kept ÷ (kept + missed); cancelled and upcoming ones not counted")),
    FigureSpec("home_visits", Text("上门户次", "Home visits"), Kind.COUNT,
               Text("上门户次 = 统计期内上门受理办件的（工作人员、群众、日期）组数：同一天到同一户算一次",
                    "Home visits = (worker, resident, day) groups of cases taken in at a home in the period: one "
                    "home on one day is one visit")),
    FigureSpec("home_cases", Text("上门办件", "Home-visit cases"), Kind.COUNT,
               Text("上门办件 = 收件日期在统计期内、标记为上门的办件数",
                    "Home-visit cases = cases received in the period and marked as taken at a home")),
    FigureSpec("tour_visits", Text("巡回场次", "Mobile service stops"), Kind.COUNT,
               Text("巡回场次 = 统计期内巡回受理办件的（工作人员、地点、日期）组数：同一天在同一地点算一场",
                    "Mobile service stops = (worker, place, day) groups of cases taken in on mobile service in the "
                    "period: one place on one day is one stop")),
    FigureSpec("tour_cases", Text("巡回办件", "Mobile service cases"), Kind.COUNT,
               Text("巡回办件 = 收件日期在统计期内、标记为巡回的办件数",
                    "Mobile service cases = cases received in the period and marked as mobile service")),
    FigureSpec("proxy_errands", Text("代办件", "Proxy errands"), Kind.COUNT,
               Text("代办件 = 受理日期在统计期内、由代办员代为转报的办件数（有代办委托书）",
                    "Proxy errands = cases accepted in the period that a village proxy carried up (with a mandate)")),
    FigureSpec("online_assists", Text("帮办网办", "Helped online"), Kind.COUNT,
               Text("帮办网办 = 统计期内登记的帮办网办件数", "Helped online = online applications staff helped "
                    "residents make in the period")),
    FigureSpec("online_done", Text("网办已办结", "Online approved"), Kind.COUNT,
               Text("网办已办结 = 帮办网办中平台已办结（通过）的件数",
                    "Online approved = helped online applications the platform approved")),
)
SPECS = {spec.key: spec for spec in FIGURES}
# The outcomes a proxy errand can start with (app.services.proxy.entrust): the county counts them in SQL too.
PROXY_OUTCOMES = frozenset({IntakeOutcome.ACCEPT, IntakeOutcome.ACCEPT_DEFERRED, IntakeOutcome.FORWARD})

Value = int | Decimal | bool | None


class Group(str, Enum):
    ALL = "all"
    ITEM = "item"
    DEPARTMENT = "department"
    WORKER = "worker"
    MONTH = "month"
    # The county's rows: one per center, one per town (乡镇). The county counts
    # them itself (county_server.services.county_stats); ``compute`` groups facts
    # only by the five above.
    CENTER = "center"
    TOWN = "town"

    @property
    def label(self) -> Text:
        return _GROUP_LABELS[self]


_GROUP_LABELS = {
    Group.ALL: Text("合计", "Total"), Group.ITEM: Text("事项", "Item"), Group.DEPARTMENT: Text("部门", "Department"),
    Group.WORKER: Text("工作人员", "Worker"), Group.MONTH: Text("月份", "Month"),
    Group.CENTER: Text("中心", "Center"), Group.TOWN: Text("乡镇", "Town"),
}


@dataclass(frozen=True)
class StatRow:
    label: str
    values: dict[str, Value] = field(default_factory=dict)

    def shown(self, key: str) -> str:
        return format_value(SPECS[key], self.values.get(key))


@dataclass(frozen=True)
class Statistics:
    group: Group
    start: date
    end: date
    rows: tuple[StatRow, ...]
    total: StatRow


def format_value(spec: FigureSpec, value: Value) -> str:
    """A figure as shown on screen, on paper and in Excel: None is "—"."""
    if value is None:
        return NONE_SHOWN
    if spec.kind is Kind.MET:
        return str(MET[bool(value)])
    if spec.kind is Kind.RATE:
        assert isinstance(value, Decimal)
        return f"{value * 100:.2f}%"
    if spec.kind is Kind.DAYS:
        return f"{value:.1f}"
    return str(value)


def _mean(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _within(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


# ---------------------------------------------------------------------------
# The figures of one group of facts
# ---------------------------------------------------------------------------

_ACCEPTING = frozenset({IntakeOutcome.DONE_ON_THE_SPOT, IntakeOutcome.ACCEPT, IntakeOutcome.ACCEPT_DEFERRED,
                        IntakeOutcome.FORWARD})
_COMPLETED = frozenset({CaseStatus.COMPLETED, CaseStatus.DELIVERED})
_KEPT = frozenset({AppointmentStatus.CHECKED_IN, AppointmentStatus.DONE})
_OPEN_STATUSES = tuple(sorted(status.value for status in CaseStatus if status not in CLOSED_STATUSES))
KEPT_APPOINTMENTS = _KEPT  # kept (履约): the county counts them in SQL too


@dataclass(frozen=True)
class CaseTally:
    """The counts the case figures are made of. Tallies add up, so the county
    can count them per center in SQL and roll centers up into towns; the
    figures of a tally are always :func:`case_values`'."""

    accepted: int = 0
    completed: int = 0
    immediate: int = 0  # accepted, of an on-the-spot item
    on_spot: int = 0  # accepted and completed at intake
    on_time: int = 0  # completed by the committed date (or without one)
    still_open: int = 0  # accepted and not completed at the cutoff
    late_open: int = 0  # of those, past the committed date
    span_days: int = 0  # Σ working days from acceptance to completion
    spans: int = 0  # completed cases with an acceptance date

    def __add__(self, other: CaseTally) -> CaseTally:
        return CaseTally(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


def case_tally(cases: Iterable[CaseFact], *, start: date, end: date, today: date,
               calendar: WorkCalendar) -> CaseTally:
    """What the cases given contribute to ``start`` … ``end``."""
    cases = list(cases)
    accepted = [c for c in cases if _within(c.accepted_on, start, end)]
    completed = [c for c in cases if c.status in _COMPLETED and _within(c.completed_on, start, end)]
    cutoff = min(end, today)
    still_open = [c for c in cases if _open_at(c, cutoff)]
    spans = [calendar.working_days_between(c.accepted_on, c.completed_on) for c in completed
             if c.accepted_on is not None and c.completed_on is not None]
    return CaseTally(
        accepted=len(accepted),
        completed=len(completed),
        immediate=sum(1 for c in accepted if c.handling_mode == HandlingMode.ON_THE_SPOT),
        on_spot=sum(1 for c in accepted if c.outcome == IntakeOutcome.DONE_ON_THE_SPOT),
        on_time=sum(1 for c in completed if c.committed_due is None or (c.completed_on or end) <= c.committed_due),
        still_open=len(still_open),
        late_open=sum(1 for c in still_open if c.committed_due is not None and c.committed_due < cutoff),
        span_days=sum(spans),
        spans=len(spans),
    )


def case_values(tally: CaseTally) -> dict[str, Value]:
    """受理量 … 平均办结用时 of a tally: the formulas of ``FIGURES``."""
    overdue = tally.completed - tally.on_time + tally.late_open
    return {
        "accepted": tally.accepted,
        "completed": tally.completed,
        "immediate": tally.immediate,
        "promised": tally.accepted - tally.immediate,
        "on_spot_rate": rating_figures.percent(tally.on_spot, tally.accepted),
        "on_time_rate": rating_figures.percent(tally.on_time, tally.completed),
        "overdue": overdue,
        "overdue_rate": rating_figures.percent(overdue, tally.completed + tally.still_open),
        "avg_days": _mean(tally.span_days, tally.spans),
    }


def case_figures(cases: Iterable[CaseFact], *, start: date, end: date, today: date,
                 calendar: WorkCalendar) -> dict[str, Value]:
    """受理量 … 平均办结用时 of the cases given."""
    return case_values(case_tally(cases, start=start, end=end, today=today, calendar=calendar))


def _open_at(case: CaseFact, cutoff: date) -> bool:
    """Accepted by ``cutoff`` (the period's end, today at the latest) and not completed by then."""
    if case.accepted_on is None or case.accepted_on > cutoff:
        return False
    if case.completed_on is not None:
        return case.completed_on > cutoff
    return case.status not in CLOSED_STATUSES


def inquiry_figures(inquiries: Iterable[InquiryFact], *, start: date, end: date) -> dict[str, Value]:
    counted = [i for i in inquiries if _within(i.asked_on, start, end)]
    return inquiry_values(len(counted), answered=sum(1 for i in counted if i.outcome == INQ_ANSWERED),
                          referred=sum(1 for i in counted if i.outcome == INQ_REFERRED),
                          converted=sum(1 for i in counted if i.outcome == INQ_CONVERTED))


def inquiry_values(counted: int, *, answered: int, referred: int, converted: int) -> dict[str, Value]:
    """首问登记 … 首问转办件 of counts (the county counts them in SQL)."""
    return {"inquiries": counted, "inq_answered": answered, "inq_referred": referred, "inq_converted": converted}


def rating_row(ratings: Iterable[RatingFact], served: Iterable[CaseFact], *, start: date, end: date,
               today: date) -> rating_figures.FigureRow:
    """The ratings' figures through ``rating_figures.FigureRow``: its rules, not a copy of them."""
    row = rating_figures.FigureRow("", "")
    rated_cases: set[uuid.UUID] = set()
    for rating in ratings:
        if not _within(rating.rated_on, start, end):
            continue
        if rating.voided:
            row.voided += 1
            continue
        row.counts[rating.level] += 1
        if rating.case_id is not None:
            rated_cases.add(rating.case_id)
        if rating.rectify_due is not None:
            due, on_time = rating_figures.follow_up_due_and_on_time(rating.rectified_on, rating.rectify_due, today)
            row.follow_ups_due += due
            row.follow_ups_on_time += on_time
    served_ids = {c.case_id for c in served if c.status in _COMPLETED and _within(c.completed_on, start, end)}
    row.served = len(served_ids)
    row.rated_cases = len(served_ids & rated_cases)
    return row


def rating_values(row: rating_figures.FigureRow) -> dict[str, Value]:
    return {"ratings": row.ratings, "satisfaction": row.satisfaction, "dongguan": row.dongguan,
            "participation": row.participation, "follow_up_on_time": row.on_time}


def complaint_figures(items: Iterable[ComplaintFact], *, start: date, end: date, today: date) -> dict[str, Value]:
    counted = [c for c in items if _within(c.received_on, start, end)]
    due = [c for c in counted if c.answered_on is not None or today > c.answer_due]
    on_time = [c for c in due if c.answered_on is not None and c.answered_on <= c.answer_due]
    return complaint_values(len(counted), due=len(due), on_time=len(on_time))


def complaint_values(counted: int, *, due: int, on_time: int) -> dict[str, Value]:
    """投诉件 and 投诉按期答复率 of counts: answered or past the date (``due``), answered by it (``on_time``)."""
    return {"complaints": counted, "complaint_on_time": rating_figures.percent(on_time, due)}


def appointment_figures(items: Iterable[AppointmentFact], *, start: date, end: date) -> dict[str, Value]:
    counted = [a for a in items if _within(a.scheduled_on, start, end)]
    return appointment_values(len(counted), kept=sum(1 for a in counted if a.status in _KEPT),
                              missed=sum(1 for a in counted if a.status == AppointmentStatus.NO_SHOW))


def appointment_values(counted: int, *, kept: int, missed: int) -> dict[str, Value]:
    """预约数 … 预约履约率 of counts."""
    return {"appointments": counted, "appt_kept": kept, "appt_missed": missed,
            "appt_kept_rate": rating_figures.percent(kept, kept + missed)}


def field_visit_key(mode: str, day: str, worker: uuid.UUID, resident: uuid.UUID, place: str) -> tuple[str, ...]:
    """One visit: 上门 = one worker at one resident's home on one day; 巡回 = one worker's stop at one place on one day."""
    return (mode, day, str(worker), str(resident) if mode == FieldMode.HOME else place)


def field_visit(mode: str, received_on: date, worker: uuid.UUID | str, resident: uuid.UUID,
                place: str | None) -> str:
    """A case's ``CaseFact.field_visit``: the visit it was taken on (``field_visit_key``) as one string, ""
    for a case taken at the window. ``worker`` may be the id's text (the county reads it from JSON)."""
    if not mode:
        return ""
    return "|".join(field_visit_key(mode, f"{received_on:%Y-%m-%d}", uuid.UUID(str(worker)), resident, place or ""))


def field_figures(cases: Iterable[CaseFact], *, start: date, end: date) -> dict[str, Value]:
    """外出服务: the visits (上门户次, 巡回场次) and their cases, by the day they were received."""
    counted: dict[str, tuple[int, int]] = {}
    for mode in (FieldMode.HOME, FieldMode.TOUR):
        taken = [c for c in cases if c.field_mode == mode and _within(c.received_on, start, end)]
        counted[mode] = (len({c.field_visit for c in taken}), len(taken))
    (home_visits, home_cases), (tour_visits, tour_cases) = counted[FieldMode.HOME], counted[FieldMode.TOUR]
    return field_values(home_visits=home_visits, home_cases=home_cases, tour_visits=tour_visits,
                        tour_cases=tour_cases)


def field_values(*, home_visits: int, home_cases: int, tour_visits: int, tour_cases: int) -> dict[str, Value]:
    """上门户次 … 巡回办件 of counts (the county counts the visits in SQL, grouped as ``field_visit_key``)."""
    return {"home_visits": home_visits, "home_cases": home_cases, "tour_visits": tour_visits,
            "tour_cases": tour_cases}


def proxy_and_online_figures(cases: Iterable[CaseFact], assists: Iterable[OnlineAssistFact], *, start: date,
                             end: date) -> dict[str, Value]:
    counted = [a for a in assists if _within(a.helped_on, start, end)]
    return proxy_and_online_values(sum(1 for c in cases if c.proxied and _within(c.accepted_on, start, end)),
                                   assists=len(counted),
                                   approved=sum(1 for a in counted if a.outcome == OnlineAssistOutcome.APPROVED))


def proxy_and_online_values(errands: int, *, assists: int, approved: int) -> dict[str, Value]:
    """代办件, 帮办网办 and 网办已办结 of counts (the county counts them in SQL)."""
    return {"proxy_errands": errands, "online_assists": assists, "online_done": approved}


def figures_of(facts: Facts, *, start: date, end: date, today: date, calendar: WorkCalendar) -> dict[str, Value]:
    """Every figure of ``FIGURES`` for one group of facts."""
    values: dict[str, Value] = {}
    values |= case_figures(facts.cases, start=start, end=end, today=today, calendar=calendar)
    values |= inquiry_figures(facts.inquiries, start=start, end=end)
    values |= rating_values(rating_row(facts.ratings, facts.cases, start=start, end=end, today=today))
    values |= complaint_figures(facts.complaints, start=start, end=end, today=today)
    values |= appointment_figures(facts.appointments, start=start, end=end)
    values |= field_figures(facts.cases, start=start, end=end)
    values |= proxy_and_online_figures(facts.cases, facts.online_assists, start=start, end=end)
    return values


# ---------------------------------------------------------------------------
# Grouping
# ---------------------------------------------------------------------------


def _month(day: date) -> str:
    return f"{day:%Y-%m}"


def _key_of(group: Group) -> Callable[[object], str]:
    def key(fact: object) -> str:
        if group is Group.MONTH:
            day = next(getattr(fact, name) for name in ("completed_on", "accepted_on", "asked_on", "rated_on",
                                                         "received_on", "scheduled_on", "helped_on")
                       if getattr(fact, name, None) is not None)
            return _month(day)
        return str(getattr(fact, group.value, "")) or NONE_SHOWN
    return key


def _case_month_keys(case: CaseFact) -> set[str]:
    """A case counts in the month it was accepted and in the month it was completed."""
    return {_month(d) for d in (case.accepted_on, case.completed_on, case.received_on) if d is not None}


def compute(facts: Facts, *, start: date, end: date, today: date, calendar: WorkCalendar,
            group: Group = Group.ALL) -> Statistics:
    """The statistics of ``start`` … ``end`` (inclusive), by ``group``, with the whole as ``total``."""
    if end < start:
        raise ValueError("the period ends before it starts")
    total = StatRow("合计", figures_of(facts, start=start, end=end, today=today, calendar=calendar))
    if group is Group.ALL:
        return Statistics(group, start, end, (), total)
    buckets: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    key = _key_of(group)
    for name in ("cases", "inquiries", "ratings", "complaints", "appointments", "online_assists"):
        for fact in getattr(facts, name):
            keys = _case_month_keys(fact) if group is Group.MONTH and isinstance(fact, CaseFact) else {key(fact)}
            for k in keys:
                buckets[k][name].append(fact)
    rows = []
    for label in sorted(buckets):
        got = buckets[label]
        part = Facts(tuple(got["cases"]), tuple(got["inquiries"]), tuple(got["ratings"]),  # type: ignore[arg-type]
                     tuple(got["complaints"]), tuple(got["appointments"]),  # type: ignore[arg-type]
                     tuple(got["online_assists"]))  # type: ignore[arg-type]
        if group is Group.MONTH:
            first, last = _month_bounds(label)
            lo, hi = max(start, first), min(end, last)
        else:
            lo, hi = start, end
        row = StatRow(label, figures_of(part, start=lo, end=hi, today=today, calendar=calendar))
        if _has_anything(row):
            rows.append(row)
    return Statistics(group, start, end, tuple(rows), total)


def _month_bounds(label: str) -> tuple[date, date]:
    year, month = int(label[:4]), int(label[5:7])
    first = date(year, month, 1)
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return first, date.fromordinal(nxt.toordinal() - 1)


def _has_anything(row: StatRow) -> bool:
    return any(row.values.get(spec.key) for spec in FIGURES if spec.kind is Kind.COUNT)


# ---------------------------------------------------------------------------
# The desk's loader
# ---------------------------------------------------------------------------


def _day(moment: datetime) -> date:
    return to_local(moment).date()


def load_facts(session: Session, *, start: date, end: date) -> Facts:
    """The facts a period's figures need, from the desk's tables (read only).

    Cases open at the period's start are loaded too: they may be overdue in it.
    """
    from app.services.queries import local_day_start

    lo = local_day_start(start)
    hi = local_day_start(date.fromordinal(end.toordinal() + 1))
    names = {s.id: s.display_name for s in session.scalars(select(Staff))}
    departments = {(d.catalog_version_id, d.code): d.name for d in session.scalars(select(Department))}
    items: dict[uuid.UUID, tuple[str, str, str]] = {}
    codes: dict[str, tuple[str, str]] = {}
    for item in session.scalars(select(CatalogItem)):
        department = departments.get((item.catalog_version_id, item.department_code), item.department_code)
        items[item.id] = (item.name or item.code, department, item.handling_mode)
        codes[item.code] = (item.name or item.code, department)

    def item_of(item_id: uuid.UUID | None) -> tuple[str, str, str]:
        return items.get(item_id, ("", "", "")) if item_id is not None else ("", "", "")

    # Received or completed in the period, or completed after its start, or still open (it may be
    # overdue in it); a case refused or withdrawn before the period counts nowhere in it.
    # Columns, not ORM objects: a year holds tens of thousands of cases. Each branch of the OR
    # carries its own bound so SQLite reads three index ranges (received_at, completed_at, status)
    # instead of every case received before the period's end.
    case_rows = session.execute(select(
        Case.id, Case.item_id, Case.handled_by, Case.received_at, Case.accepted_on, Case.outcome, Case.status,
        Case.committed_due, Case.completed_at, Case.field_mode, Case.field_place, Case.resident_id,
    ).where(or_(
        and_(Case.received_at >= lo, Case.received_at < hi),
        and_(Case.completed_at >= lo, Case.received_at < hi),
        and_(Case.status.in_(_OPEN_STATUSES), Case.completed_at.is_(None), Case.received_at < hi))))
    cases = []
    loaded = case_rows.all()
    from app.services.proxy import errands_of

    proxied = errands_of(session, [r[0] for r in loaded if r[5] in PROXY_OUTCOMES])
    for (case_id, item_id, handled_by, received_at, accepted_on, outcome, status, due, completed_at, field_mode,
         field_place, resident_id) in loaded:
        name, department, mode = item_of(item_id)
        received_on = _day(received_at)
        cases.append(CaseFact(
            case_id=case_id, item=name, department=department, worker=names.get(handled_by, ""),
            received_on=received_on, accepted_on=accepted_on, outcome=outcome,
            handling_mode=mode, status=status, committed_due=due,
            completed_on=_day(completed_at) if completed_at else None, field_mode=field_mode,
            field_visit=field_visit(field_mode, received_on, handled_by, resident_id, field_place),
            proxied=case_id in proxied))
    inquiries = tuple(
        InquiryFact(item=item_of(item_id)[0], department=item_of(item_id)[1], worker=names.get(owner_id, ""),
                    asked_on=_day(asked_at), outcome=outcome)
        for item_id, owner_id, asked_at, outcome in session.execute(
            select(Inquiry.item_id, Inquiry.owner_id, Inquiry.asked_at, Inquiry.outcome)
            .where(Inquiry.asked_at >= lo, Inquiry.asked_at < hi)))
    ratings = []
    rating_rows = session.execute(
        select(Rating.case_id, Rating.item_code, Rating.item_name, Rating.staff_id, Rating.rated_at, Rating.level,
               RatingFollowUp)
        .outerjoin(RatingFollowUp, RatingFollowUp.rating_id == Rating.id)
        .where(Rating.rated_at >= lo, Rating.rated_at < hi))
    for case_id, item_code, item_name, staff_id, rated_at, level, follow_up in rating_rows:
        name, department = codes.get(item_code, (item_name, ""))
        ratings.append(RatingFact(
            case_id=case_id, item=item_name or name, department=department,
            worker=names.get(staff_id, "") if staff_id else "", rated_on=_day(rated_at),
            level=RatingLevel.of_order(level), voided=is_voided(follow_up),
            rectify_due=follow_up.rectify_due if follow_up else None,
            rectified_on=_day(follow_up.closed_at) if follow_up and follow_up.closed_at else None))
    complaint_facts = tuple(
        ComplaintFact(worker=names.get(c.handler_id or c.received_by, ""), received_on=_day(c.received_at),
                      answer_due=c.answer_due, answered_on=complaints.answered_on(c.answered_at, c.county_answered_at))
        for c in session.scalars(select(Complaint).where(Complaint.received_at >= lo, Complaint.received_at < hi)))
    appointments = tuple(
        AppointmentFact(item=item_of(item_id)[0], department=item_of(item_id)[1],
                        worker=names.get(staff_id, "") if staff_id else "", scheduled_on=_day(scheduled_at),
                        status=status)
        for item_id, staff_id, scheduled_at, status in session.execute(
            select(Appointment.item_id, Appointment.staff_id, Appointment.scheduled_at, Appointment.status)
            .where(Appointment.scheduled_at >= lo, Appointment.scheduled_at < hi)))
    online = tuple(
        OnlineAssistFact(item=a.item_name, department=codes.get(a.item_code, ("", ""))[1],
                         worker=names.get(a.staff_id, ""), helped_on=_day(a.helped_at), outcome=a.outcome)
        for a in session.scalars(select(OnlineAssist).where(OnlineAssist.helped_at >= lo, OnlineAssist.helped_at < hi)))
    return Facts(tuple(cases), inquiries, tuple(ratings), complaint_facts, appointments, online)


def center_statistics(session: Session, *, start: date, end: date, today: date,
                      group: Group = Group.ALL) -> Statistics:
    """The desk's statistics of a period: load the facts, then the shared formulas."""
    from app.services.calendar_store import load_work_calendar

    return compute(load_facts(session, start=start, end=end), start=start, end=end, today=today,
                   calendar=load_work_calendar(session), group=group)


def formulas() -> Sequence[FigureSpec]:
    """Every figure with its formula, in the order shown (the footnote and the formulas sheet)."""
    return FIGURES
