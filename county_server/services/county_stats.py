"""台账统计 at the county: the centers' figures from the records they pushed.

The county builds the same facts the desk builds (``app.services.statistics``
``CaseFact`` … ``AppointmentFact``) from its own tables and passes them through
the same formulas, so a center's figures read the same at its desk and here.

Cases are the bulk (about 3 million a year for 300 centers): their counts
(``statistics.CaseTally``) are taken per center in one SQL statement and turned
into figures by ``statistics.case_values``, the formulas the desk's facts go
through too; the tallies add up into towns (乡镇) and the county. The fewer
records (inquiries, ratings, complaints, appointments) are read as facts. A
center's drill-down (by item, department, worker or month) reads its cases as
facts and calls ``statistics.compute`` exactly as the desk does.

Days are local days in the county's time zone; a figure with nothing to count
is None ("—"), and a center without data ranks after every center with some.
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Column as SqlColumn
from sqlalchemy import ColumnElement, Date, Integer, MetaData, Table, and_, func, literal, or_, select
from sqlalchemy.orm import Session

from app.models.case import CLOSED_STATUSES
from app.models.vocabulary import AppealDecision, CaseStatus, EntityKind, HandlingMode, IntakeOutcome, RatingLevel
from app.services import complaints
from app.services import statistics as st
from app.services.calendar import DayOverride, WorkCalendar
from app.services.ledgers import Column, Ledger
from app.text import Text
from county_server.models import (
    CalendarYear,
    Case,
    CatalogVersion,
    Center,
    CenterRecord,
    Complaint,
    Rating,
    RatingFollowUp,
    Staff,
)

NO_TOWN = "（未填乡镇）"
_COMPLETED = (CaseStatus.COMPLETED.value, CaseStatus.DELIVERED.value)


# ---------------------------------------------------------------------------
# What the figures are looked up with
# ---------------------------------------------------------------------------


def work_calendar(session: Session) -> WorkCalendar:
    """The official schedule with the years the county published on top (what its desks count with)."""
    years = list(session.scalars(select(CalendarYear)))
    overrides = [DayOverride(date.fromisoformat(d["date"]), bool(d["working"]), str(d.get("name", "")))
                 for row in years for d in row.days]
    return WorkCalendar.official().with_local(overrides, published_years=[row.year for row in years])


@dataclass(frozen=True)
class Lookups:
    """Names of staff, items and departments, as the desks show them."""

    staff: Mapping[uuid.UUID, str]
    items: Mapping[uuid.UUID, tuple[str, str, str]]  # id -> (name, department, handling mode)
    codes: Mapping[str, tuple[str, str]]  # item code -> (name, department)

    def item(self, item_id: object) -> tuple[str, str, str]:
        key = _uuid(item_id)
        return self.items.get(key, ("", "", "")) if key is not None else ("", "", "")

    def name(self, staff_id: object) -> str:
        key = _uuid(staff_id)
        return self.staff.get(key, "") if key is not None else ""


def lookups(session: Session) -> Lookups:
    staff = {row.id: row.display_name for row in session.scalars(select(Staff))}
    items: dict[uuid.UUID, tuple[str, str, str]] = {}
    codes: dict[str, tuple[str, str]] = {}
    for (rows,) in session.execute(select(CatalogVersion.rows).order_by(CatalogVersion.published_at)):
        departments = {d["code"]: d["name"] for d in rows.get("departments", [])}
        for item in rows.get("items", []):
            name = item.get("name") or item["code"]
            department = departments.get(item["department_code"], item["department_code"])
            items[uuid.UUID(item["id"])] = (name, department, item["handling_mode"])
            codes[item["code"]] = (name, department)
    return Lookups(staff, items, codes)


def _uuid(value: object) -> uuid.UUID | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _moment(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def period_bounds(start: date, end: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The period as aware moments: local midnight of ``start`` up to that after ``end``."""
    return (datetime.combine(start, time.min, zone),
            datetime.combine(end + timedelta(days=1), time.min, zone))


# ---------------------------------------------------------------------------
# Facts, exactly as the desk builds them (app.services.statistics.load_facts)
# ---------------------------------------------------------------------------


def load_facts(session: Session, *, start: date, end: date, zone: ZoneInfo,
               center_ids: Sequence[uuid.UUID] | None = None, with_cases: bool = True,
               names: Lookups | None = None) -> dict[uuid.UUID, st.Facts]:
    """The facts of the period per center (all centers, or ``center_ids``).

    ``with_cases=False`` leaves the cases out (the overview counts them in SQL).
    """
    names = names or lookups(session)
    lo, hi = period_bounds(start, end, zone)

    def day(moment: datetime) -> date:
        return moment.astimezone(zone).date()

    def scoped(model: Any) -> list[ColumnElement[bool]]:
        return [model.center_id.in_(center_ids)] if center_ids is not None else []

    cases: dict[uuid.UUID, list[st.CaseFact]] = defaultdict(list)
    if with_cases:
        rows = session.execute(select(
            Case.center_id, Case.id, Case.item_id, Case.data["handled_by"].as_string(), Case.received_at,
            Case.accepted_on, Case.data["outcome"].as_string(), Case.status, Case.committed_due, Case.completed_at,
        ).where(_case_scope(lo, hi), *scoped(Case)))
        for center_id, case_id, item_id, handled_by, received_at, accepted_on, outcome, status, due, done in rows:
            name, department, mode = names.item(item_id)
            cases[center_id].append(st.CaseFact(
                case_id=case_id, item=name, department=department, worker=names.name(handled_by),
                received_on=day(received_at), accepted_on=accepted_on, outcome=outcome or "", handling_mode=mode,
                status=status, committed_due=due, completed_on=day(done) if done else None))
    inquiries: dict[uuid.UUID, list[st.InquiryFact]] = defaultdict(list)
    appointments: dict[uuid.UUID, list[st.AppointmentFact]] = defaultdict(list)
    for center_id, entity, data in session.execute(select(
            CenterRecord.center_id, CenterRecord.entity, CenterRecord.data).where(
            CenterRecord.entity.in_((EntityKind.INQUIRY.value, EntityKind.APPOINTMENT.value)), *scoped(CenterRecord))):
        if entity == EntityKind.INQUIRY:
            asked = _moment(data.get("asked_at"))
            if asked is None or not lo <= asked < hi:
                continue
            name, department, _ = names.item(data.get("item_id"))
            inquiries[center_id].append(st.InquiryFact(
                item=name, department=department, worker=names.name(data.get("owner_id")), asked_on=day(asked),
                outcome=str(data.get("outcome", ""))))
        else:
            scheduled = _moment(data.get("scheduled_at"))
            if scheduled is None or not lo <= scheduled < hi:
                continue
            name, department, _ = names.item(data.get("item_id"))
            appointments[center_id].append(st.AppointmentFact(
                item=name, department=department, worker=names.name(data.get("staff_id")),
                scheduled_on=day(scheduled), status=str(data.get("status", ""))))
    ratings: dict[uuid.UUID, list[st.RatingFact]] = defaultdict(list)
    for rating, follow_up in session.execute(
            select(Rating, RatingFollowUp).outerjoin(RatingFollowUp, RatingFollowUp.rating_id == Rating.id)
            .where(Rating.rated_at >= lo, Rating.rated_at < hi, *scoped(Rating))):
        item_name = str(rating.data.get("item_name") or "")
        name, department = names.codes.get(str(rating.data.get("item_code") or ""), (item_name, ""))
        ratings[rating.center_id].append(st.RatingFact(
            case_id=rating.case_id, item=item_name or name, department=department,
            worker=names.name(rating.data.get("staff_id")), rated_on=day(rating.rated_at),
            level=RatingLevel.of_order(rating.level),
            voided=follow_up is not None and follow_up.appeal_decision == AppealDecision.VOIDED,
            rectify_due=follow_up.rectify_due if follow_up else None,
            rectified_on=day(follow_up.closed_at) if follow_up and follow_up.closed_at else None))
    complaint_facts: dict[uuid.UUID, list[st.ComplaintFact]] = defaultdict(list)
    for complaint in session.scalars(select(Complaint).where(
            Complaint.received_at >= lo, Complaint.received_at < hi, *scoped(Complaint))):
        worker = complaint.data.get("handler_id") or complaint.data.get("received_by")
        complaint_facts[complaint.center_id].append(st.ComplaintFact(
            worker=names.name(worker), received_on=day(complaint.received_at), answer_due=complaint.answer_due,
            answered_on=complaints.answered_on(complaint.answered_at, complaint.county_answered_at, zone)))
    centers = set(center_ids) if center_ids is not None else (
        set(cases) | set(inquiries) | set(appointments) | set(ratings) | set(complaint_facts))
    return {c: st.Facts(tuple(cases[c]), tuple(inquiries[c]), tuple(ratings[c]), tuple(complaint_facts[c]),
                        tuple(appointments[c])) for c in centers}


def _case_scope(lo: datetime, hi: datetime) -> ColumnElement[bool]:
    """The desk's choice of cases for a period: received by its end, and received, completed or still open
    in it (a case refused or withdrawn before the period counts nowhere in it)."""
    return and_(Case.received_at < hi, or_(
        Case.received_at >= lo, Case.completed_at >= lo,
        and_(Case.completed_at.is_(None), Case.status.not_in(tuple(CLOSED_STATUSES)))))


# ---------------------------------------------------------------------------
# The cases' tallies in SQL (PostgreSQL, or SQLite for a small county)
# ---------------------------------------------------------------------------


def _local_day(session: Session, moment: Any, zone: ZoneInfo, at: date) -> ColumnElement[Any]:
    """The local day of a stored moment, in SQL: the one dialect-specific expression here."""
    if session.get_bind().dialect.name == "postgresql":
        return func.cast(func.timezone(zone.key, moment), Date)
    # SQLite stores naive UTC and knows no zones: the zone's offset at the period (China keeps no DST).
    offset = datetime.combine(at, time(12), zone).utcoffset() or timedelta(0)
    return func.date(moment, f"{int(offset.total_seconds()):+d} seconds")


_WORK_DAYS = Table("stats_work_day_numbers", MetaData(), SqlColumn("day", Date, primary_key=True),
                   SqlColumn("n", Integer, nullable=False), prefixes=["TEMPORARY"])


def _work_day_numbers(session: Session, calendar: WorkCalendar, first: date, last: date) -> Table:
    """Each day's working-day number since ``first``, in a temporary table of this connection:
    Σ(number(done) - number(accepted)) is Σ working_days_between(accepted, done), the desk's count."""
    connection = session.connection()
    _WORK_DAYS.create(connection, checkfirst=True)
    connection.execute(_WORK_DAYS.delete())
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    connection.execute(_WORK_DAYS.insert(), [{"day": d, "n": calendar.working_days_between(first, d)} for d in days])
    return _WORK_DAYS


def case_tallies(session: Session, *, start: date, end: date, today: date, zone: ZoneInfo,
                 calendar: WorkCalendar, on_the_spot_items: Iterable[uuid.UUID],
                 center_ids: Sequence[uuid.UUID] | None = None) -> dict[uuid.UUID, tuple[st.CaseTally, int]]:
    """Each center's ``CaseTally`` and its rated cases (参评率's numerator), counted in the database.

    The same counts as ``statistics.case_tally`` over the desk's facts: each
    condition below is one line of it, in SQL.
    """
    lo, hi = period_bounds(start, end, zone)
    cutoff = min(end, today)
    cutoff_hi = period_bounds(cutoff, cutoff, zone)[1]
    done_day = _local_day(session, Case.completed_at, zone, start)
    scope = [_case_scope(lo, hi)] + ([Case.center_id.in_(center_ids)] if center_ids is not None else [])
    # The working-day number of each day, as an inline table: Σ(number(done) - number(accepted)) is
    # Σ working_days_between(accepted, done), counted with the same calendar as the desk's.
    first = session.scalar(select(func.min(Case.accepted_on)).where(
        *scope, Case.status.in_(_COMPLETED), Case.completed_at >= lo, Case.completed_at < hi))
    first = min(first or start, start)
    numbers = _work_day_numbers(session, calendar, first, end)
    accepted_n = numbers.alias("accepted_n")
    done_n = numbers.alias("done_n")

    accepted = Case.accepted_on.between(start, end)
    completed = and_(Case.status.in_(_COMPLETED), Case.completed_at >= lo, Case.completed_at < hi)
    still_open = and_(Case.accepted_on <= cutoff, or_(
        Case.completed_at >= cutoff_hi,
        and_(Case.completed_at.is_(None), Case.status.not_in(tuple(CLOSED_STATUSES)))))
    spot_items = list(on_the_spot_items)
    immediate = and_(accepted, Case.item_id.in_(spot_items)) if spot_items else literal(False)
    on_spot = and_(accepted, Case.data["outcome"].as_string() == IntakeOutcome.DONE_ON_THE_SPOT.value)
    on_time = and_(completed, or_(Case.committed_due.is_(None), done_day <= Case.committed_due))
    late_open = and_(still_open, Case.committed_due < cutoff)
    spanned = and_(completed, Case.accepted_on.is_not(None))

    def count(condition: ColumnElement[bool]) -> Any:
        return func.count().filter(condition)

    statement = (
        select(Case.center_id, count(accepted), count(completed), count(immediate), count(on_spot), count(on_time),
               count(still_open), count(late_open),
               func.coalesce(func.sum(done_n.c.n - accepted_n.c.n).filter(spanned), 0), count(spanned))
        .select_from(Case)
        .outerjoin(accepted_n, accepted_n.c.day == Case.accepted_on)
        .outerjoin(done_n, done_n.c.day == done_day)
        .where(*scope)
        .group_by(Case.center_id))
    tallies = {row[0]: st.CaseTally(*(int(v) for v in row[1:])) for row in session.execute(statement)}
    rated = select(Rating.center_id, func.count(func.distinct(Rating.case_id))).join(
        Case, Case.id == Rating.case_id).where(
        Rating.rated_at >= lo, Rating.rated_at < hi, completed, *scope[1:],
        Rating.id.not_in(select(RatingFollowUp.rating_id).where(
            RatingFollowUp.appeal_decision == AppealDecision.VOIDED.value))).group_by(Rating.center_id)
    rated_cases = dict(session.execute(rated).tuples().all())
    return {center: (tally, rated_cases.get(center, 0)) for center, tally in tallies.items()}


# ---------------------------------------------------------------------------
# The county's rows: centers, towns, the county
# ---------------------------------------------------------------------------


@dataclass
class Part:
    """What one center (or a sum of centers) contributes: its case tally and its other facts."""

    cases: st.CaseTally = field(default_factory=st.CaseTally)
    rated_cases: int = 0
    facts: st.Facts = field(default_factory=st.Facts)

    def __add__(self, other: Part) -> Part:
        a, b = self.facts, other.facts
        return Part(self.cases + other.cases, self.rated_cases + other.rated_cases, st.Facts(
            (), a.inquiries + b.inquiries, a.ratings + b.ratings, a.complaints + b.complaints,
            a.appointments + b.appointments))


def values_of(part: Part, *, start: date, end: date, today: date) -> dict[str, st.Value]:
    """Every figure of ``statistics.FIGURES`` from a part, through the shared formulas."""
    ratings = st.rating_row(part.facts.ratings, (), start=start, end=end, today=today)
    ratings.served = part.cases.completed
    ratings.rated_cases = part.rated_cases
    values: dict[str, st.Value] = {}
    values |= st.case_values(part.cases)
    values |= st.inquiry_figures(part.facts.inquiries, start=start, end=end)
    values |= st.rating_values(ratings)
    values |= st.complaint_figures(part.facts.complaints, start=start, end=end, today=today)
    values |= st.appointment_figures(part.facts.appointments, start=start, end=end)
    return values


@dataclass(frozen=True)
class CenterStats:
    center_id: uuid.UUID
    code: str
    name: str
    town: str
    row: st.StatRow

    @property
    def has_data(self) -> bool:
        return st._has_anything(self.row)


@dataclass(frozen=True)
class Overview:
    start: date
    end: date
    centers: tuple[CenterStats, ...]
    towns: tuple[st.StatRow, ...]
    total: st.StatRow

    def statistics(self, group: st.Group = st.Group.CENTER) -> st.Statistics:
        """The overview as the desk's ``Statistics`` (for the shared Excel export)."""
        rows = tuple(st.StatRow(f"{c.code} {c.name}", c.row.values) for c in self.centers) \
            if group is st.Group.CENTER else self.towns
        return st.Statistics(group, self.start, self.end, rows, self.total)


def overview(session: Session, *, start: date, end: date, today: date, zone: ZoneInfo) -> Overview:
    """Every center's figures of the period, the towns' and the county's."""
    if end < start:
        raise ValueError("the period ends before it starts")
    names = lookups(session)
    calendar = work_calendar(session)
    spot_items = [item_id for item_id, (_, _, mode) in names.items.items() if mode == HandlingMode.ON_THE_SPOT]
    tallies = case_tallies(session, start=start, end=end, today=today, zone=zone, calendar=calendar,
                           on_the_spot_items=spot_items)
    facts = load_facts(session, start=start, end=end, zone=zone, with_cases=False, names=names)
    centers: list[CenterStats] = []
    towns: dict[str, Part] = defaultdict(Part)
    total = Part()
    for center in session.scalars(select(Center).order_by(Center.code)):
        tally, rated = tallies.get(center.id, (st.CaseTally(), 0))
        part = Part(tally, rated, facts.get(center.id, st.Facts()))
        values = values_of(part, start=start, end=end, today=today)
        centers.append(CenterStats(center.id, center.code, center.name, center.town,
                                   st.StatRow(f"{center.code} {center.name}", values)))
        town = center.town or NO_TOWN
        towns[town] = towns[town] + part
        total = total + part
    town_rows = tuple(st.StatRow(town, values_of(part, start=start, end=end, today=today))
                      for town, part in sorted(towns.items()))
    return Overview(start, end, tuple(centers), town_rows,
                    st.StatRow("合计", values_of(total, start=start, end=end, today=today)))


def center_statistics(session: Session, center_id: uuid.UUID, *, start: date, end: date, today: date,
                      zone: ZoneInfo, group: st.Group = st.Group.ALL) -> st.Statistics:
    """One center's statistics by item, department, worker or month: the desk's own computation."""
    facts = load_facts(session, start=start, end=end, zone=zone, center_ids=[center_id]).get(center_id, st.Facts())
    return st.compute(facts, start=start, end=end, today=today, calendar=work_calendar(session), group=group)


# ---------------------------------------------------------------------------
# Ranking
# ---------------------------------------------------------------------------

#: The figures the county ranks centers by, and whether more is better.
RANKABLE: dict[str, bool] = {
    "on_time_rate": True, "satisfaction": True, "participation": True, "on_spot_rate": True,
    "overdue_rate": False, "avg_days": False, "complaint_on_time": True, "follow_up_on_time": True,
    "accepted": True, "completed": True,
}


@dataclass(frozen=True)
class Ranked:
    rank: int | None  # None: nothing to count, listed after every ranked center
    center: CenterStats
    value: st.Value


def rank(centers: Iterable[CenterStats], key: str) -> list[Ranked]:
    """Centers by one figure, best first; equal values share a rank; "—" ranks last, never as 0.

    A center with no records in the period ranks last on every figure: its 0 is not a result."""
    if key not in RANKABLE:
        raise ValueError(f"not a rankable figure: {key}")
    higher = RANKABLE[key]
    centers = list(centers)
    # A center with no records in the period has nothing to rank by, counts included.
    known = [(c, c.row.values.get(key)) for c in centers if c.has_data and c.row.values.get(key) is not None]
    unknown = [c for c in centers if not c.has_data or c.row.values.get(key) is None]

    def number(value: st.Value) -> Decimal:
        return Decimal(int(value)) if isinstance(value, (bool, int)) else Decimal(value or 0)

    known.sort(key=lambda pair: (-number(pair[1]) if higher else number(pair[1]), pair[0].code))
    ranked: list[Ranked] = []
    for n, (center, value) in enumerate(known, 1):
        same = ranked and ranked[-1].value == value
        ranked.append(Ranked(ranked[-1].rank if same else n, center, value))
    ranked += [Ranked(None, c, None) for c in sorted(unknown, key=lambda c: c.code)]
    return ranked


# ---------------------------------------------------------------------------
# Excel: the desk's workbook (app.services.ledger_export), with the county's rows
# ---------------------------------------------------------------------------


def _figure_ledger(key: str, title: Text, first: Sequence[Column], rows: Iterable[tuple[Sequence[str], st.StatRow]],
                   total: st.StatRow | None) -> Ledger:
    columns = (*first, *(Column(spec.label.zh, max(9, len(spec.label.zh) * 2 + 2)) for spec in st.FIGURES))
    lines = tuple((*lead, *(row.shown(spec.key) for spec in st.FIGURES)) for lead, row in rows)
    last = ("合计", *([""] * (len(first) - 1)), *(total.shown(spec.key) for spec in st.FIGURES)) if total else ()
    return Ledger(key, title, columns, lines, last)


def overview_workbook(seen: Overview, *, sort: str, county_name: str) -> bytes:
    """统计 by center (the desk's statistics sheet), 乡镇汇总, 中心排名 and 计算公式."""
    from app.services.ledger_export import workbook_bytes

    towns = _figure_ledger("towns", Text("乡镇汇总", "Towns"), (Column("乡镇", 16),),
                           (((row.label,), row) for row in seen.towns), seen.total)
    label = st.SPECS[sort].label.zh
    ranking = _figure_ledger(
        "ranking", Text(f"中心排名（按{label}）", f"Centers ranked by {st.SPECS[sort].label.en}"),
        (Column("名次", 6), Column("中心", 24), Column("乡镇", 12)),
        (((str(r.rank) if r.rank is not None else "—", f"{r.center.code} {r.center.name}", r.center.town or NO_TOWN),
          r.center.row) for r in rank(seen.centers, sort)), None)
    return workbook_bytes(seen.statistics(st.Group.CENTER), (towns, ranking), center_name=county_name, masked=True)


def center_workbook(stats: st.Statistics, *, center_name: str) -> bytes:
    """One center's statistics by item, department, worker or month, with the formulas sheet."""
    from app.services.ledger_export import workbook_bytes

    return workbook_bytes(stats, (), center_name=center_name, masked=True)
