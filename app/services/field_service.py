"""外出服务 — the window taken to a farmhouse (上门) or a village group (巡回).

A laptop enrolled as another device of the center runs the same app in
field mode. Before leaving, the worker picks the visits: booked home visits
(预约, place 上门) and residents flagged as needing home service
(``Resident.home_service``); the laptop syncs and lists what it holds for
each (readiness), and what it could not check while offline. Entering field
mode leaves the worker's whereabouts note (下村/上门); leaving it clears the
note. At the home the intake is the usual one, and each case it makes is
marked 上门 or 巡回 with the place (``Case.field_mode`` / ``field_place``,
synced with the case).

The trip itself is this PC's own state (the ``field_trip`` setting), never
synced: another desk sees the worker's note and, later, the cases.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import Appointment, Case, CatalogItem, CatalogVersion, OutboxEntry, Resident, Staff, SyncRun
from app.models.case import CLOSED_STATUSES
from app.models.outbox import record_change
from app.models.system import OUTBOX_OPEN
from app.models.vocabulary import AppointmentPlace, AppointmentStatus, FieldMode, WhereaboutsStatus
from app.services import audit, settings, whereabouts
from app.services.appointments import day_bounds
from app.services.cases import check_field_marking
from app.services.context import Actor
from app.services.errors import RESIDENT_NOT_FOUND, DomainError, NotFound
from app.services.identity import mask_id_number, mask_phone
from app.services.setup import this_device
from app.text import tr

#: The most visits one trip takes (a day's round; the list stays readable).
MAX_VISITS = 30


@dataclass(frozen=True)
class Visit:
    """A visit to offer or one picked: a booked home visit or a flagged resident."""

    key: str  # "appointment:<id>" or "resident:<id>"
    resident_id: uuid.UUID | None  # None: booked by phone, not registered yet
    appointment_id: uuid.UUID | None
    name: str
    id_masked: str
    phone_masked: str
    village_group: str
    address: str
    item_id: uuid.UUID | None
    item_name: str
    scheduled_at: datetime | None
    worker: str

    @property
    def place(self) -> str:
        """Where the visit is, as a case's place: the village group and the address."""
        return " ".join(part for part in (self.village_group, self.address) if part)


def _key(appointment_id: uuid.UUID | None, resident_id: uuid.UUID | None) -> str:
    return f"appointment:{appointment_id}" if appointment_id is not None else f"resident:{resident_id}"


def parse_key(key: str) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """(appointment id, resident id) of a visit key."""
    kind, _, value = key.partition(":")
    try:
        ident = uuid.UUID(value)
    except ValueError:
        raise DomainError(tr("外出服务名单中有无法识别的一项", "An entry of the visit list is not recognised"),
                          field="visits") from None
    if kind == "appointment":
        return ident, None
    if kind == "resident":
        return None, ident
    raise DomainError(tr("外出服务名单中有无法识别的一项", "An entry of the visit list is not recognised"), field="visits")


def _items(session: Session) -> dict[uuid.UUID, str]:
    return dict(session.execute(select(CatalogItem.id, CatalogItem.name)).tuples().all())


def _names(session: Session, center_id: uuid.UUID) -> dict[uuid.UUID, str]:
    return dict(session.execute(select(Staff.id, Staff.display_name).where(Staff.center_id == center_id)).tuples().all())


def _appointment_visit(a: Appointment, resident: Resident | None, items: dict[uuid.UUID, str],
                       names: dict[uuid.UUID, str]) -> Visit:
    return Visit(
        key=_key(a.id, None), resident_id=resident.id if resident else None, appointment_id=a.id, name=a.name,
        id_masked=mask_id_number(resident.id_number) if resident else "",
        phone_masked=mask_phone(a.phone or (resident.phone if resident else "")),
        village_group=resident.village_group if resident else "",
        address=a.address or (resident.address if resident else ""),
        item_id=a.item_id, item_name=items.get(a.item_id, "") if a.item_id else "", scheduled_at=a.scheduled_at,
        worker=names.get(a.staff_id, "") if a.staff_id else "")


def _resident_visit(r: Resident) -> Visit:
    return Visit(key=_key(None, r.id), resident_id=r.id, appointment_id=None, name=r.name,
                 id_masked=mask_id_number(r.id_number), phone_masked=mask_phone(r.phone),
                 village_group=r.village_group, address=r.address, item_id=None, item_name="", scheduled_at=None,
                 worker="")


def _kept(session: Session, resident_id: uuid.UUID | None) -> Resident | None:
    if resident_id is None:
        return None
    resident = session.get(Resident, resident_id)
    if resident is not None and resident.merged_into is not None:  # 合并登记: the kept record
        resident = session.get(Resident, resident.merged_into)
    return resident


def candidates(session: Session, actor: Actor, *, first: date, last: date) -> tuple[Visit, ...]:
    """What the worker can pick: the center's booked home visits of the days,
    then every resident flagged as needing home service, by village group."""
    if last < first:
        raise DomainError(tr("结束日期不能早于开始日期", "The last day cannot be before the first"), field="date_to")
    lo, hi = day_bounds(first, last)
    items, names = _items(session), _names(session, actor.center_id)
    out: list[Visit] = []
    booked: set[uuid.UUID] = set()
    for a in session.scalars(select(Appointment).where(
            Appointment.place == AppointmentPlace.HOME, Appointment.status.in_(
                (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)),
            Appointment.scheduled_at >= lo, Appointment.scheduled_at < hi).order_by(Appointment.scheduled_at)):
        resident = _kept(session, a.resident_id)
        if resident is not None:
            booked.add(resident.id)
        out.append(_appointment_visit(a, resident, items, names))
    for r in session.scalars(select(Resident).where(Resident.home_service.is_(True), Resident.merged_into.is_(None))
                             .order_by(Resident.village_group, Resident.name_pinyin)):
        if r.id not in booked:
            out.append(_resident_visit(r))
    return tuple(out)


def visits_of(session: Session, actor: Actor, keys: list[str] | tuple[str, ...]) -> tuple[Visit, ...]:
    """The picked visits as this PC holds them now; one it no longer holds is left out."""
    items, names = _items(session), _names(session, actor.center_id)
    out = []
    for key in keys:
        appointment_id, resident_id = parse_key(key)
        if appointment_id is not None:
            a = session.get(Appointment, appointment_id)
            if a is not None:
                out.append(_appointment_visit(a, _kept(session, a.resident_id), items, names))
        else:
            r = _kept(session, resident_id)
            if r is not None:
                out.append(_resident_visit(r))
    return tuple(out)


# -- the resident's flag ------------------------------------------------------------------


def set_home_service(session: Session, actor: Actor, resident_id: uuid.UUID, needed: bool, *,
                     now: datetime | None = None) -> None:
    """需上门服务: flag (or unflag) a resident who cannot come to the center.
    Synced with the resident; audited."""
    now = now or utcnow()
    resident = _kept(session, resident_id)
    if resident is None:
        raise NotFound(RESIDENT_NOT_FOUND, field="resident")
    if resident.home_service == needed:
        return
    resident.home_service = needed
    resident.updated_at = now
    resident.updated_by = actor.staff_id
    record_change(session, resident)
    audit.record(session, actor, "update", entity="resident", entity_id=resident.id, now=now,
                 summary=f"{'标记' if needed else '取消'}需上门服务：{resident.name}（{mask_id_number(resident.id_number)}）")


# -- readiness: does the laptop hold what the visits need? --------------------------------


@dataclass(frozen=True)
class ReadyLine:
    """One picked visit: what this PC holds for it, and what is missing."""

    visit: Visit
    open_cases: int  # the resident's cases not closed yet
    earlier_items: tuple[str, ...]  # items of the resident's earlier cases, newest first
    problems: tuple[str, ...]  # in words; empty = ready

    @property
    def ready(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Readiness:
    lines: tuple[ReadyLine, ...]
    enrolled: bool
    last_sync_at: datetime | None  # the last sync that reached the county
    synced_now: bool  # the check just pulled from the county
    offline_reason: str  # why it could not (empty when it did)
    waiting: int  # this PC's records not at the county yet
    problems: tuple[str, ...]  # for the whole trip (no catalog, never synced…)

    @property
    def ready(self) -> bool:
        return not self.problems and all(line.ready for line in self.lines)


def readiness(session: Session, actor: Actor, keys: list[str] | tuple[str, ...], *, synced_now: bool = False,
              offline_reason: str = "") -> Readiness:
    """What this PC holds for the picked visits. The caller syncs first when
    the link is up (``synced_now``); offline, the report says what it could
    not bring and since when the records date."""
    device = this_device(session)
    enrolled = device.server_url is not None and device.enrolled_at is not None
    last_ok = session.scalar(select(func.max(SyncRun.finished_at)).where(SyncRun.ok.is_(True)))
    waiting = session.scalar(select(func.count()).select_from(OutboxEntry).where(
        OutboxEntry.status.in_(OUTBOX_OPEN))) or 0
    current_items = set(session.scalars(select(CatalogItem.id).join(CatalogVersion).where(
        CatalogVersion.is_current.is_(True))))
    trip: list[str] = []
    if not current_items:
        trip.append(tr("本机没有服务事项目录：请先同步", "This PC has no service catalog: sync first"))
    if not enrolled:
        trip.append(tr("本机尚未在县级服务器注册：外出前无法取回其他电脑的记录，回来后也无法同步",
                       "This PC is not enrolled with the county: it cannot fetch the other computers' records, "
                       "nor sync on return"))
    elif not synced_now:
        since = f"{last_ok.astimezone():%Y-%m-%d %H:%M}" if last_ok else tr("从未同步", "never")
        trip.append(tr(f"未能连接县级服务器（{offline_reason or '离线'}）：本机资料截至 {since}，"
                       "其他电脑此后的登记和办件未能取回",
                       f"Could not reach the county ({offline_reason or 'offline'}): this PC's records date from "
                       f"{since}; what the other computers did since could not be fetched"))
    picked = list(keys)
    held = visits_of(session, actor, picked)
    lines: list[ReadyLine] = []
    held_keys = {v.key for v in held}
    for key in picked:
        if key not in held_keys:
            trip.append(tr("名单中有一项在本机找不到（可能已被其他电脑删除或合并）：请同步后重新选择",
                           "An entry of the list is not on this PC (removed or merged elsewhere?): sync and pick again"))
    for visit in held:
        problems: list[str] = []
        open_cases = 0
        earlier: list[str] = []
        if visit.resident_id is None:
            problems.append(tr("预约人尚未登记：上门时请带身份证件登记", "Booked but not registered: register them at the visit"))
        else:
            rows = session.execute(select(Case.status, CatalogItem.name).join(CatalogItem, CatalogItem.id == Case.item_id)
                                   .where(Case.resident_id == visit.resident_id)
                                   .order_by(Case.received_at.desc())).all()
            open_cases = sum(1 for status, _name in rows if status not in CLOSED_STATUSES)
            for _status, name in rows:
                if name not in earlier:
                    earlier.append(name)
        if visit.item_id is not None and visit.item_id not in current_items:
            problems.append(tr(f"预约事项「{visit.item_name}」不在本机当前目录：请同步目录",
                               f"The booked item “{visit.item_name}” is not in this PC's current catalog: sync it"))
        if not visit.place:
            problems.append(tr("没有住址：请向群众问清地点", "No address: ask the resident where"))
        lines.append(ReadyLine(visit, open_cases, tuple(earlier[:5]), tuple(problems)))
    return Readiness(tuple(lines), enrolled, last_ok, synced_now, offline_reason, waiting, tuple(trip))


# -- entering and leaving field mode ---------------------------------------------------------


@dataclass(frozen=True)
class TripInput:
    mode: str  # FieldMode
    place: str  # the trip's destination (a village group, a road)
    expected_back_at: datetime | None
    visits: tuple[str, ...]  # visit keys
    reason: str = ""  # 事由; a default is written from the visits


@dataclass(frozen=True)
class FieldTrip:
    """The trip under way on this PC."""

    staff_id: uuid.UUID
    staff_name: str
    mode: str
    place: str
    started_at: datetime
    expected_back_at: datetime | None
    visits: tuple[str, ...]

    @property
    def mode_label(self) -> str:
        return str(FieldMode(self.mode).label)


def current_trip(session: Session) -> FieldTrip | None:
    """The trip this PC is on, or None at the center."""
    state: dict[str, Any] = settings.get(session, settings.FIELD_TRIP)
    if not state.get("staff_id"):
        return None
    try:
        return FieldTrip(
            staff_id=uuid.UUID(state["staff_id"]), staff_name=str(state.get("staff_name", "")),
            mode=FieldMode(state.get("mode", FieldMode.HOME)).value, place=str(state.get("place", "")),
            started_at=datetime.fromisoformat(state["started_at"]),
            expected_back_at=datetime.fromisoformat(state["expected_back_at"]) if state.get("expected_back_at") else None,
            visits=tuple(str(key) for key in state.get("visits", ())))
    except (KeyError, ValueError):
        return None  # a damaged value: the PC is at the center; the next trip writes it anew


def enter_field_mode(session: Session, actor: Actor, trip: TripInput, *, now: datetime | None = None) -> FieldTrip:
    """Set out: the worker's whereabouts note says 下村/上门, the trip is kept on this PC."""
    now = now or utcnow()
    if current_trip(session) is not None:
        raise DomainError(tr("本机已在外出服务中：请先结束当前外出", "This PC is already out on field service: end it first"),
                          field="mode")
    if trip.mode not in {m.value for m in FieldMode}:
        raise DomainError(tr("请选择上门或巡回", "Choose home visit or mobile service"), field="mode")
    if len(trip.visits) > MAX_VISITS:
        raise DomainError(tr(f"一次外出最多 {MAX_VISITS} 户", f"At most {MAX_VISITS} visits a trip"), field="visits")
    for key in trip.visits:
        parse_key(key)
    visits = visits_of(session, actor, trip.visits)
    place = trip.place.strip() or "、".join(dict.fromkeys(v.village_group or v.address for v in visits if v.place))
    if not place:
        raise DomainError(tr("请填写外出地点（村民小组或住址）", "Enter where you are going (village group or address)"),
                          field="place")
    mode = FieldMode(trip.mode)
    place = check_field_marking(mode, place[:200])[1]
    reason = trip.reason.strip() or (f"{mode.label.zh}服务 {len(visits)} 户" if visits else f"{mode.label.zh}服务")
    whereabouts.set_note(session, actor, actor.staff_id, whereabouts.NoteInput(
        status=WhereaboutsStatus.FIELD_VISIT, where=f"{mode.label.zh}：{place}"[:whereabouts.WHERE_MAX],
        expected_back_at=trip.expected_back_at, reason=reason), now=now)
    settings.put(session, settings.FIELD_TRIP, {
        "staff_id": str(actor.staff_id), "staff_name": actor.display_name, "mode": mode.value, "place": place,
        "started_at": now.isoformat(),
        "expected_back_at": trip.expected_back_at.isoformat() if trip.expected_back_at else None,
        "visits": list(trip.visits)})
    audit.record(session, actor, "field_start", entity="device", entity_id=this_device(session).id, now=now,
                 summary=f"开始外出服务（{mode.label.zh}）：{place}，{len(visits)} 户")
    trip_now = current_trip(session)
    assert trip_now is not None
    return trip_now


@dataclass(frozen=True)
class TripSummary:
    """Back at the center: what the trip took in, and what waits to sync."""

    mode: str
    place: str
    started_at: datetime
    ended_at: datetime
    cases: tuple[tuple[str, str, str, str], ...]  # (case number, resident, item, 上门/巡回)
    waiting: int  # records not at the county yet


def leave_field_mode(session: Session, actor: Actor, *, now: datetime | None = None) -> TripSummary:
    """Back: the note is cleared (with the usual hand-back), the trip ends on this PC."""
    now = now or utcnow()
    trip = current_trip(session)
    if trip is None:
        raise DomainError(tr("本机不在外出服务中", "This PC is not out on field service"), field="mode")
    if trip.staff_id != actor.staff_id and not actor.is_head:
        raise DomainError(tr(f"这次外出由{trip.staff_name}开始，请由本人或中心主任结束",
                             f"{trip.staff_name} started this trip: they or the center head end it"), field="staff")
    settings.put(session, settings.FIELD_TRIP, {})
    whereabouts.clear_note(session, actor, trip.staff_id, now=now)
    device = this_device(session)
    rows = session.execute(
        select(Case.case_number, Resident.name, CatalogItem.name, Case.field_mode)
        .join(Resident, Resident.id == Case.resident_id).join(CatalogItem, CatalogItem.id == Case.item_id)
        .where(Case.device_id == device.id, Case.received_at >= trip.started_at, Case.field_mode != "")
        .order_by(Case.received_at)).all()
    cases = tuple((number, name, item, FieldMode.text_of(mode).zh) for number, name, item, mode in rows)
    waiting = session.scalar(select(func.count()).select_from(OutboxEntry).where(
        OutboxEntry.status.in_(OUTBOX_OPEN))) or 0
    audit.record(session, actor, "field_end", entity="device", entity_id=device.id, now=now,
                 summary=f"结束外出服务（{FieldMode(trip.mode).label.zh}）：{trip.place}，受理 {len(cases)} 件")
    return TripSummary(trip.mode, trip.place, trip.started_at, now, cases, waiting)


def intake_marking(session: Session, resident_id: uuid.UUID | None) -> tuple[str, str]:
    """The marking intake offers on this PC: (mode, place) of the trip, the
    place of the resident's picked visit when there is one; ("", "") at the center."""
    trip = current_trip(session)
    if trip is None:
        return "", ""
    resident = _kept(session, resident_id)
    if resident is not None and trip.mode == FieldMode.HOME:
        place = " ".join(part for part in (resident.village_group, resident.address) if part)
        for a in session.scalars(select(Appointment).where(
                Appointment.resident_id == resident.id, Appointment.place == AppointmentPlace.HOME,
                Appointment.status.in_((AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)))):
            place = " ".join(part for part in (resident.village_group, a.address or resident.address) if part)
        if place:
            return trip.mode, place
    return trip.mode, trip.place


__all__ = [
    "FieldTrip", "ReadyLine", "Readiness", "TripInput", "TripSummary", "Visit", "candidates", "current_trip",
    "enter_field_mode", "intake_marking", "leave_field_mode", "parse_key", "readiness", "set_home_service",
    "visits_of",
]
