"""台账统计 at the county: the centers' figures from the records they pushed.

The county builds the same facts the desk builds (``app.services.statistics``
``CaseFact`` … ``AppointmentFact``) from its own tables and passes them through
the same formulas, so a center's figures read the same at its desk and here.

A county's year is about 3 million cases, so the overview (every center, town
and the county) does not read facts: it counts in the database what the
formulas count. Cases are summed from per-day rollups (``stats_case_days``,
``stats_rated_cases``), rebuilt for a center whenever its change-log heads
moved (every pushed record moves one), into a ``statistics.CaseTally``; so are
the cases taken in away from the desk (上门/巡回, by the marks the desks push
with them: ``stats_field_days``) and the proxy errands (代办, by the mandate in
the case's history: ``stats_case_days.proxied``). The other records, the
帮办网办 register included, are counted per center in SQL.
The counts go through the shared formulas (``statistics.case_values``,
``inquiry_values``, ``complaint_values``, ``appointment_values``,
``field_values``, ``proxy_and_online_values``, ``rating_figures.FigureRow``)
and add up into towns (乡镇) and the county. A center's drill-down (by item,
department, worker or month) reads its facts and calls ``statistics.compute``
exactly as the desk does. The tests hold both ways of counting to each other
and to the desk.

Days are local days in the county's time zone; a figure with nothing to count
is None ("—"), and a center without data ranks after every center with some.
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    TIMESTAMP,
    ColumnElement,
    Date,
    Integer,
    MetaData,
    Select,
    Table,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy import Column as SqlColumn
from sqlalchemy.orm import Session

from app.models.case import CLOSED_STATUSES
from app.models.service import INQ_ANSWERED, INQ_CONVERTED, INQ_REFERRED
from app.models.vocabulary import (
    AppealDecision,
    AppointmentStatus,
    CaseStatus,
    EntityKind,
    FieldMode,
    HandlingMode,
    IntakeOutcome,
    OnlineAssistOutcome,
    RatingLevel,
)
from app.services import complaints, proxy, rating_figures
from app.services import statistics as st
from app.services.calendar import DayOverride, WorkCalendar
from app.services.ledgers import Column, Ledger
from app.text import Text
from county_server.models import (
    CalendarYear,
    Case,
    CaseEvent,
    CatalogVersion,
    Center,
    CenterRecord,
    Complaint,
    OnlineAssist,
    Rating,
    RatingFollowUp,
    Staff,
    StatsCaseDay,
    StatsFieldDay,
    StatsRatedCase,
    StatsRollupState,
    StreamHead,
)
from county_server.models.sync import SCOPE_COUNTY

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
            Case.data["field_mode"].as_string(), Case.data["field_place"].as_string(), Case.resident_id,
        ).where(_case_scope(lo, hi), *scoped(Case)))
        proxied = set(session.scalars(_entrusted(*scoped(CaseEvent))))
        for (center_id, case_id, item_id, handled_by, received_at, accepted_on, outcome, status, due, done,
             field_mode, field_place, resident_id) in rows:
            name, department, mode = names.item(item_id)
            received_on = day(received_at)
            cases[center_id].append(st.CaseFact(
                case_id=case_id, item=name, department=department, worker=names.name(handled_by),
                received_on=received_on, accepted_on=accepted_on, outcome=outcome or "", handling_mode=mode,
                status=status, committed_due=due, completed_on=day(done) if done else None,
                field_mode=field_mode or "",
                field_visit=st.field_visit(field_mode or "", received_on, handled_by, resident_id, field_place),
                proxied=case_id in proxied and outcome in st.PROXY_OUTCOMES))
    inquiries: dict[uuid.UUID, list[st.InquiryFact]] = defaultdict(list)
    appointments: dict[uuid.UUID, list[st.AppointmentFact]] = defaultdict(list)
    field = CenterRecord.data
    # Only the fields the figures read, not whole records (a county holds hundreds of thousands).
    for center_id, entity, asked_at, scheduled_at, item_id, owner, staff, outcome, status in session.execute(select(
            CenterRecord.center_id, CenterRecord.entity, field["asked_at"].as_string(),
            field["scheduled_at"].as_string(), field["item_id"].as_string(), field["owner_id"].as_string(),
            field["staff_id"].as_string(), field["outcome"].as_string(), field["status"].as_string()).where(
            CenterRecord.entity.in_((EntityKind.INQUIRY.value, EntityKind.APPOINTMENT.value)), *scoped(CenterRecord))):
        moment = _moment(asked_at if entity == EntityKind.INQUIRY else scheduled_at)
        if moment is None or not lo <= moment < hi:
            continue
        name, department, _ = names.item(item_id)
        if entity == EntityKind.INQUIRY:
            inquiries[center_id].append(st.InquiryFact(
                item=name, department=department, worker=names.name(owner), asked_on=day(moment),
                outcome=outcome or ""))
        else:
            appointments[center_id].append(st.AppointmentFact(
                item=name, department=department, worker=names.name(staff), scheduled_on=day(moment),
                status=status or ""))
    ratings: dict[uuid.UUID, list[st.RatingFact]] = defaultdict(list)
    for center_id, case_id, item_code, item_name, staff_id, rated_at, level, decision, rectify_due, closed_at in \
            session.execute(select(
                Rating.center_id, Rating.case_id, Rating.data["item_code"].as_string(),
                Rating.data["item_name"].as_string(), Rating.data["staff_id"].as_string(), Rating.rated_at,
                Rating.level, RatingFollowUp.appeal_decision, RatingFollowUp.rectify_due, RatingFollowUp.closed_at)
                .outerjoin(RatingFollowUp, RatingFollowUp.rating_id == Rating.id)
                .where(Rating.rated_at >= lo, Rating.rated_at < hi, *scoped(Rating))):
        name, department = names.codes.get(item_code or "", (item_name or "", ""))
        ratings[center_id].append(st.RatingFact(
            case_id=case_id, item=item_name or name, department=department, worker=names.name(staff_id),
            rated_on=day(rated_at), level=RatingLevel.of_order(level), voided=decision == AppealDecision.VOIDED,
            rectify_due=rectify_due, rectified_on=day(closed_at) if closed_at else None))
    complaint_facts: dict[uuid.UUID, list[st.ComplaintFact]] = defaultdict(list)
    for center_id, handler, received_by, received_at, answer_due, answered_at, county_answered_at in \
            session.execute(select(
                Complaint.center_id, Complaint.data["handler_id"].as_string(),
                Complaint.data["received_by"].as_string(), Complaint.received_at, Complaint.answer_due,
                Complaint.answered_at, Complaint.county_answered_at)
                .where(Complaint.received_at >= lo, Complaint.received_at < hi, *scoped(Complaint))):
        complaint_facts[center_id].append(st.ComplaintFact(
            worker=names.name(handler or received_by), received_on=day(received_at), answer_due=answer_due,
            answered_on=complaints.answered_on(answered_at, county_answered_at, zone)))
    online: dict[uuid.UUID, list[st.OnlineAssistFact]] = defaultdict(list)
    for center_id, item_code, item_name, staff_id, helped_at, outcome in session.execute(select(
            OnlineAssist.center_id, OnlineAssist.data["item_code"].as_string(),
            OnlineAssist.data["item_name"].as_string(), OnlineAssist.data["staff_id"].as_string(),
            OnlineAssist.helped_at, OnlineAssist.outcome)
            .where(OnlineAssist.helped_at >= lo, OnlineAssist.helped_at < hi, *scoped(OnlineAssist))):
        online[center_id].append(st.OnlineAssistFact(
            item=item_name or "", department=names.codes.get(item_code or "", ("", ""))[1],
            worker=names.name(staff_id), helped_on=day(helped_at), outcome=outcome))
    centers = set(center_ids) if center_ids is not None else (
        set(cases) | set(inquiries) | set(appointments) | set(ratings) | set(complaint_facts) | set(online))
    return {c: st.Facts(tuple(cases[c]), tuple(inquiries[c]), tuple(ratings[c]), tuple(complaint_facts[c]),
                        tuple(appointments[c]), tuple(online[c])) for c in centers}


def _entrusted(*scope: ColumnElement[bool]) -> Select[tuple[uuid.UUID]]:
    """The cases (of the centers ``scope`` names) with an event that entrusts them to a village proxy
    (代办委托, ``app.services.proxy.fold``'s start)."""
    action: ColumnElement[str] = CaseEvent.data[(proxy.PROXY, "action")].as_string()
    return select(CaseEvent.case_id).where(action == proxy.ACT_ENTRUST, *scope)


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


def _next_day(session: Session, day: Any) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "postgresql":
        return day + 1  # type: ignore[no-any-return]
    return func.date(day, "+1 day")


def _later(session: Session, a: Any, b: Any) -> ColumnElement[Any]:
    return func.greatest(a, b) if session.get_bind().dialect.name == "postgresql" else func.max(a, b)


def _source_keys(session: Session, centers: Sequence[uuid.UUID], zone: ZoneInfo) -> dict[uuid.UUID, str]:
    """What a center's rollup depends on: its change-log heads (every record a desk pushed or the county
    wrote moves one), the county's (catalog, calendar) and the zone days are counted in."""
    heads = dict(session.execute(select(StreamHead.scope, func.sum(StreamHead.last_seq)).group_by(StreamHead.scope))
                 .tuples().all())
    county = heads.get(SCOPE_COUNTY, 0)
    return {center: f"{zone.key}|{county}|{heads.get(str(center), 0)}" for center in centers}


def refresh_rollups(session: Session, *, zone: ZoneInfo, calendar: WorkCalendar,
                    on_the_spot_items: Iterable[uuid.UUID]) -> list[uuid.UUID]:
    """Rebuild the rollups of the centers whose records moved since; returns those centers.

    The keys are read before the cases, so a push committed meanwhile leaves its center stale, never
    marked fresh without it.
    """
    def stale_centers() -> tuple[list[uuid.UUID], dict[uuid.UUID, str]]:
        centers = list(session.scalars(select(Center.id)))
        keys = _source_keys(session, centers, zone)
        built = dict(session.execute(select(StatsRollupState.center_id, StatsRollupState.source_key)).tuples().all())
        return [center for center in centers if built.get(center) != keys[center]], keys

    stale, keys = stale_centers()
    if not stale:
        return []
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(0x5354415453)))  # one rebuilder at a time
        stale, keys = stale_centers()  # what another rebuilder left to do
        if not stale:
            return []
    for model in (StatsCaseDay, StatsRatedCase, StatsFieldDay, StatsRollupState):
        session.execute(delete(model).where(model.center_id.in_(stale)))
    done_day = _local_day(session, Case.completed_at, zone, date.today())
    mine = Case.center_id.in_(stale)
    first, last = session.execute(select(func.min(Case.accepted_on), func.max(done_day)).where(mine)).one()
    if isinstance(last, str):  # SQLite hands its dates back as text
        last = date.fromisoformat(last)
    if first is not None:
        _build_case_days(session, stale, zone, calendar, list(on_the_spot_items), first, max(last or first, first))
        _build_rated_cases(session, stale, zone)
    _build_field_days(session, stale, zone)
    session.add_all(StatsRollupState(center_id=center, source_key=keys[center]) for center in stale)
    session.flush()
    return stale


def _build_case_days(session: Session, stale: Sequence[uuid.UUID], zone: ZoneInfo, calendar: WorkCalendar,
                     spot_items: Sequence[uuid.UUID], first: date, last: date) -> None:
    """The per-day counts, each line one condition of ``statistics.case_tally``."""
    done_day = _local_day(session, Case.completed_at, zone, first)
    numbers = _work_day_numbers(session, calendar, first, last)
    accepted_n, done_n = numbers.alias("accepted_n"), numbers.alias("done_n")
    mine = Case.center_id.in_(stale)
    completed = Case.status.in_(_COMPLETED)
    was_open = or_(Case.completed_at.is_not(None), Case.status.not_in(tuple(CLOSED_STATUSES)))
    late_from = _later(session, Case.accepted_on, _next_day(session, Case.committed_due))
    late_case = and_(Case.accepted_on.is_not(None), Case.committed_due.is_not(None))

    def flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return case((condition, 1), else_=0)

    def zero() -> ColumnElement[int]:
        return literal(0)  # a new one each time: a select keeps a column object only once

    spot = Case.item_id.in_(spot_items) if spot_items else literal(False)
    outcome = Case.data["outcome"].as_string()
    # 代办件 (``statistics.proxy_and_online_figures``): accepted with an accepting outcome, entrusted to a proxy.
    proxied = and_(outcome.in_(sorted(st.PROXY_OUTCOMES)), Case.id.in_(_entrusted(CaseEvent.center_id.in_(stale))))
    parts = [
        select(Case.center_id, Case.accepted_on.label("day"), literal(1).label("accepted"), flag(spot),
               flag(outcome == IntakeOutcome.DONE_ON_THE_SPOT.value),
               zero(), zero(), zero(), zero(), flag(was_open), zero(), flag(proxied))
        .where(mine, Case.accepted_on.is_not(None)),
        select(Case.center_id, done_day, zero(), zero(), zero(), flag(completed),
               flag(and_(completed, or_(Case.committed_due.is_(None), done_day <= Case.committed_due))),
               case((and_(completed, Case.accepted_on.is_not(None)), done_n.c.n - accepted_n.c.n), else_=0),
               flag(and_(completed, Case.accepted_on.is_not(None))), -flag(Case.accepted_on.is_not(None)), zero(),
               zero())
        .select_from(Case)
        .outerjoin(accepted_n, accepted_n.c.day == Case.accepted_on)
        .outerjoin(done_n, done_n.c.day == done_day)
        .where(mine, Case.completed_at.is_not(None)),
        select(Case.center_id, late_from, zero(), zero(), zero(), zero(), zero(), zero(), zero(), zero(), literal(1),
               zero())
        .where(mine, late_case, or_(and_(Case.completed_at.is_(None), Case.status.not_in(tuple(CLOSED_STATUSES))),
                                    done_day > late_from)),
        select(Case.center_id, done_day, zero(), zero(), zero(), zero(), zero(), zero(), zero(), zero(), literal(-1),
               zero())
        .where(mine, late_case, Case.completed_at.is_not(None), done_day > late_from),
    ]
    rows = union_all(*parts).subquery("days")
    c = list(rows.c)
    session.execute(insert(StatsCaseDay).from_select(
        ["center_id", "day", "accepted", "immediate", "on_spot", "completed", "on_time", "span_days", "spans",
         "open_delta", "late_delta", "proxied"],
        select(c[0], c[1], *(func.sum(col) for col in c[2:])).group_by(c[0], c[1])))


def _build_rated_cases(session: Session, stale: Sequence[uuid.UUID], zone: ZoneInfo) -> None:
    """Completed cases with a valid rating: +1 at the first rating day, +1 at the last if another, and -1
    for "both" (rated in a period = first in it + last in it - both in it; a case is rated at most twice)."""
    done_day = _local_day(session, Case.completed_at, zone, date.today())
    rated_day = _local_day(session, Rating.rated_at, zone, date.today())
    voided = select(RatingFollowUp.rating_id).where(RatingFollowUp.appeal_decision == AppealDecision.VOIDED.value)
    per_case = (select(Case.center_id, done_day.label("done"), func.min(rated_day).label("first"),
                       func.max(rated_day).label("last"))
                .join(Rating, Rating.case_id == Case.id)
                .where(Case.center_id.in_(stale), Case.status.in_(_COMPLETED), Case.completed_at.is_not(None),
                       Rating.id.not_in(voided))
                .group_by(Case.id, Case.center_id, done_day).subquery("per_case"))
    p = per_case.c
    parts = union_all(
        select(p.center_id, p.done, p.first.label("lo"), p.first.label("hi"), literal(1).label("weight")),
        select(p.center_id, p.done, p.last.label("lo"), p.last.label("hi"), literal(1)).where(p.last != p.first),
        select(p.center_id, p.done, p.first, p.last, literal(-1)).where(p.last != p.first),
    ).subquery("rated")
    r = parts.c
    session.execute(insert(StatsRatedCase).from_select(
        ["center_id", "completed_on", "first_on", "last_on", "weight", "cases"],
        select(r.center_id, r.done, r.lo, r.hi, r.weight, func.count()).group_by(
            r.center_id, r.done, r.lo, r.hi, r.weight)))


def _build_field_days(session: Session, stale: Sequence[uuid.UUID], zone: ZoneInfo) -> None:
    """外出服务 per local day received, as ``statistics.field_figures`` counts it: the cases marked 上门 or
    巡回 and their visits, one per ``field_visit_key`` (worker, day, and the resident at a home or the place
    of a stop)."""
    mode = Case.data["field_mode"].as_string()
    home = mode == FieldMode.HOME.value
    taken = (select(Case.center_id, _local_day(session, Case.received_at, zone, date.today()).label("day"),
                    mode.label("mode"), Case.data["handled_by"].as_string().label("worker"),
                    case((home, Case.resident_id), else_=None).label("resident"),
                    case((home, ""), else_=func.coalesce(Case.data["field_place"].as_string(), "")).label("place"))
             .where(Case.center_id.in_(stale), mode.in_((FieldMode.HOME.value, FieldMode.TOUR.value)))
             .subquery("taken"))
    t = taken.c
    visits = (select(t.center_id, t.day, t.mode, func.count().label("cases"))
              .group_by(t.center_id, t.day, t.mode, t.worker, t.resident, t.place).subquery("visits"))
    v = visits.c
    session.execute(insert(StatsFieldDay).from_select(
        ["center_id", "day", "mode", "visits", "cases"],
        select(v.center_id, v.day, v.mode, func.count(), func.sum(v.cases)).group_by(v.center_id, v.day, v.mode)))


def case_tallies(session: Session, *, start: date, end: date, today: date, zone: ZoneInfo,
                 calendar: WorkCalendar, on_the_spot_items: Iterable[uuid.UUID]) -> dict[uuid.UUID,
                                                                                          tuple[st.CaseTally, int]]:
    """Each center's ``CaseTally`` and its rated cases (参评率's numerator), summed from the rollups
    (rebuilt first where a center's records moved)."""
    refresh_rollups(session, zone=zone, calendar=calendar, on_the_spot_items=on_the_spot_items)
    cutoff = min(end, today)
    d = StatsCaseDay
    within = d.day.between(start, end)
    upto = d.day <= cutoff

    def total(column: Any, condition: ColumnElement[bool]) -> Any:
        return func.coalesce(func.sum(column).filter(condition), 0)

    tallies = {row[0]: st.CaseTally(*(int(v) for v in row[1:])) for row in session.execute(
        select(d.center_id, total(d.accepted, within), total(d.completed, within), total(d.immediate, within),
               total(d.on_spot, within), total(d.on_time, within), total(d.open_delta, upto),
               total(d.late_delta, upto), total(d.span_days, within), total(d.spans, within))
        .group_by(d.center_id))}
    r = StatsRatedCase
    rated = dict(session.execute(
        select(r.center_id, func.sum(r.weight * r.cases)).where(
            r.completed_on.between(start, end), r.first_on >= start, r.last_on <= end).group_by(r.center_id))
        .tuples().all())
    return {center: (tally, int(rated.get(center) or 0)) for center, tally in tallies.items()}


@dataclass(frozen=True)
class OtherTally:
    """The counts of a center's other records: ratings (as ``rating_figures.FigureRow`` counts them),
    inquiries, complaints, appointments, the field visits and their cases (上门/巡回), proxy errands (代办)
    and helped online applications (帮办网办). Tallies add up."""

    levels: tuple[int, ...] = (0, 0, 0, 0, 0)  # valid ratings by order 1 … 5
    voided: int = 0
    follow_ups_due: int = 0
    follow_ups_on_time: int = 0
    inquiries: int = 0
    inq_answered: int = 0
    inq_referred: int = 0
    inq_converted: int = 0
    complaints: int = 0
    complaints_due: int = 0
    complaints_on_time: int = 0
    appointments: int = 0
    appt_kept: int = 0
    appt_missed: int = 0
    home_visits: int = 0
    home_cases: int = 0
    tour_visits: int = 0
    tour_cases: int = 0
    proxy_errands: int = 0
    online_assists: int = 0
    online_done: int = 0

    def __add__(self, other: OtherTally) -> OtherTally:
        return OtherTally(tuple(a + b for a, b in zip(self.levels, other.levels, strict=True)),
                          *(a + b for a, b in zip(astuple(self)[1:], astuple(other)[1:], strict=True)))


def _json_moment_within(session: Session, value: ColumnElement[Any], lo: datetime, hi: datetime) -> ColumnElement[bool]:
    """A moment kept as ISO text in a record's JSON, within [lo, hi): per dialect, like ``_local_day``."""
    if session.get_bind().dialect.name == "postgresql":
        moment = func.cast(value, TIMESTAMP(timezone=True))
        return and_(moment >= lo, moment < hi)
    text = func.datetime(value)  # SQLite: to UTC "YYYY-MM-DD HH:MM:SS"
    utc = "%Y-%m-%d %H:%M:%S"
    return and_(text >= lo.astimezone(timezone.utc).strftime(utc), text < hi.astimezone(timezone.utc).strftime(utc))


def other_tallies(session: Session, *, start: date, end: date, today: date, zone: ZoneInfo,
                  center_ids: Sequence[uuid.UUID] | None = None) -> dict[uuid.UUID, OtherTally]:
    """Each center's ratings, inquiries, complaints, appointments, field visits, proxy errands and helped online
    applications of the period, counted in SQL with the rules of ``statistics`` (``rating_row``,
    ``inquiry_figures``, ``complaint_figures``, ``appointment_figures``, ``field_figures``,
    ``proxy_and_online_figures``). The field visits and proxy errands are summed from the rollups as the last
    ``refresh_rollups`` left them (``overview`` refreshes them through ``case_tallies`` first)."""
    lo, hi = period_bounds(start, end, zone)
    found: dict[uuid.UUID, dict[str, Any]] = defaultdict(lambda: {"levels": [0] * 5})

    def scoped(model: Any) -> list[ColumnElement[bool]]:
        return [model.center_id.in_(center_ids)] if center_ids is not None else []

    voided = func.coalesce(RatingFollowUp.appeal_decision == AppealDecision.VOIDED.value, False)
    closed_day = _local_day(session, RatingFollowUp.closed_at, zone, start)
    followed = and_(RatingFollowUp.id.is_not(None), ~voided)
    due = and_(followed, or_(RatingFollowUp.closed_at.is_not(None), RatingFollowUp.rectify_due < today))
    on_time = and_(followed, RatingFollowUp.closed_at.is_not(None), closed_day <= RatingFollowUp.rectify_due)
    for center_id, level, is_voided, count, fu_due, fu_on_time in session.execute(
            select(Rating.center_id, Rating.level, voided, func.count(), func.count().filter(due),
                   func.count().filter(on_time))
            .outerjoin(RatingFollowUp, RatingFollowUp.rating_id == Rating.id)
            .where(Rating.rated_at >= lo, Rating.rated_at < hi, *scoped(Rating))
            .group_by(Rating.center_id, Rating.level, voided)):
        row = found[center_id]
        if is_voided:
            row["voided"] = row.get("voided", 0) + count
            continue
        row["levels"][level - 1] += count
        row["follow_ups_due"] = row.get("follow_ups_due", 0) + fu_due
        row["follow_ups_on_time"] = row.get("follow_ups_on_time", 0) + fu_on_time
    kinds = {EntityKind.INQUIRY.value: ("asked_at", "outcome"), EntityKind.APPOINTMENT.value: ("scheduled_at", "status")}
    for entity, (moment, what) in kinds.items():
        value = CenterRecord.data[what].as_string()
        for center_id, state, count in session.execute(
                select(CenterRecord.center_id, value, func.count())
                .where(CenterRecord.entity == entity, *scoped(CenterRecord),
                       _json_moment_within(session, CenterRecord.data[moment].as_string(), lo, hi))
                .group_by(CenterRecord.center_id, value)):
            row = found[center_id]
            if entity == EntityKind.INQUIRY:
                row["inquiries"] = row.get("inquiries", 0) + count
                key = {INQ_ANSWERED: "inq_answered", INQ_REFERRED: "inq_referred", INQ_CONVERTED: "inq_converted"}
            else:
                row["appointments"] = row.get("appointments", 0) + count
                key = {s.value: "appt_kept" for s in st.KEPT_APPOINTMENTS} | {AppointmentStatus.NO_SHOW.value:
                                                                               "appt_missed"}
            if state in key:
                row[key[state]] = row.get(key[state], 0) + count
    answered = func.coalesce(Complaint.answered_at, Complaint.county_answered_at)
    answered_day = _local_day(session, answered, zone, start)
    complaint_due = or_(answered.is_not(None), Complaint.answer_due < today)
    for center_id, count, c_due, c_on_time in session.execute(
            select(Complaint.center_id, func.count(), func.count().filter(complaint_due),
                   func.count().filter(and_(answered.is_not(None), answered_day <= Complaint.answer_due)))
            .where(Complaint.received_at >= lo, Complaint.received_at < hi, *scoped(Complaint))
            .group_by(Complaint.center_id)):
        found[center_id] |= {"complaints": count, "complaints_due": c_due, "complaints_on_time": c_on_time}
    f = StatsFieldDay
    for center_id, mode, visits, cases in session.execute(
            select(f.center_id, f.mode, func.sum(f.visits), func.sum(f.cases))
            .where(f.day.between(start, end), *scoped(f)).group_by(f.center_id, f.mode)):
        prefix = "home" if mode == FieldMode.HOME.value else "tour"
        found[center_id] |= {f"{prefix}_visits": int(visits), f"{prefix}_cases": int(cases)}
    d = StatsCaseDay
    for center_id, errands in session.execute(
            select(d.center_id, func.sum(d.proxied))
            .where(d.day.between(start, end), d.proxied > 0, *scoped(d)).group_by(d.center_id)):
        found[center_id]["proxy_errands"] = int(errands)
    approved = OnlineAssist.outcome == OnlineAssistOutcome.APPROVED.value
    for center_id, count, done in session.execute(
            select(OnlineAssist.center_id, func.count(), func.count().filter(approved))
            .where(OnlineAssist.helped_at >= lo, OnlineAssist.helped_at < hi, *scoped(OnlineAssist))
            .group_by(OnlineAssist.center_id)):
        found[center_id] |= {"online_assists": count, "online_done": done}
    return {center_id: OtherTally(**(values | {"levels": tuple(values["levels"])}))
            for center_id, values in found.items()}


# ---------------------------------------------------------------------------
# The county's rows: centers, towns, the county
# ---------------------------------------------------------------------------


@dataclass
class Part:
    """What one center (or a sum of centers) contributes: its case tally, rated cases and other counts."""

    cases: st.CaseTally = field(default_factory=st.CaseTally)
    rated_cases: int = 0
    other: OtherTally = field(default_factory=OtherTally)

    def __add__(self, other: Part) -> Part:
        return Part(self.cases + other.cases, self.rated_cases + other.rated_cases, self.other + other.other)


def values_of(part: Part) -> dict[str, st.Value]:
    """Every figure of ``statistics.FIGURES`` from a part's counts, through the shared formulas."""
    o = part.other
    ratings = rating_figures.FigureRow("", "", counts={level: o.levels[level.order - 1] for level in RatingLevel},
                                       voided=o.voided, served=part.cases.completed, rated_cases=part.rated_cases,
                                       follow_ups_due=o.follow_ups_due, follow_ups_on_time=o.follow_ups_on_time)
    values: dict[str, st.Value] = {}
    values |= st.case_values(part.cases)
    values |= st.inquiry_values(o.inquiries, answered=o.inq_answered, referred=o.inq_referred,
                                converted=o.inq_converted)
    values |= st.rating_values(ratings)
    values |= st.complaint_values(o.complaints, due=o.complaints_due, on_time=o.complaints_on_time)
    values |= st.appointment_values(o.appointments, kept=o.appt_kept, missed=o.appt_missed)
    values |= st.field_values(home_visits=o.home_visits, home_cases=o.home_cases, tour_visits=o.tour_visits,
                              tour_cases=o.tour_cases)
    values |= st.proxy_and_online_values(o.proxy_errands, assists=o.online_assists, approved=o.online_done)
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
    """Every center's figures of the period, the towns' and the county's: counted in the database."""
    if end < start:
        raise ValueError("the period ends before it starts")
    names = lookups(session)
    spot_items = [item_id for item_id, (_, _, mode) in names.items.items() if mode == HandlingMode.ON_THE_SPOT]
    tallies = case_tallies(session, start=start, end=end, today=today, zone=zone, calendar=work_calendar(session),
                           on_the_spot_items=spot_items)
    others = other_tallies(session, start=start, end=end, today=today, zone=zone)
    centers: list[CenterStats] = []
    towns: dict[str, Part] = defaultdict(Part)
    total = Part()
    for center in session.scalars(select(Center).order_by(Center.code)):
        tally, rated = tallies.get(center.id, (st.CaseTally(), 0))
        part = Part(tally, rated, others.get(center.id, OtherTally()))
        centers.append(CenterStats(center.id, center.code, center.name, center.town,
                                   st.StatRow(f"{center.code} {center.name}", values_of(part))))
        town = center.town or NO_TOWN
        towns[town] = towns[town] + part
        total = total + part
    town_rows = tuple(st.StatRow(town, values_of(part)) for town, part in sorted(towns.items()))
    return Overview(start, end, tuple(centers), town_rows, st.StatRow("合计", values_of(total)))


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
