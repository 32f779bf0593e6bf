"""预约服务 — appointments at a set time, honoured exactly.

A resident books an item with a worker for a slot within the center's
opening hours (:mod:`app.services.opening_hours`), by phone or at the
window, at the center or as a home visit (上门). Two bookings never overlap
for one worker or for one resident: the second is refused with a message
naming the first. A cancellation keeps its reason; a no-show is recorded and
never punished (nothing here looks at earlier no-shows). Check-in on arrival
hands the resident and the item to intake; the case it becomes is linked
back (:func:`link_case`, in the intake's own transaction).

An appointment whose worker is away at its time (an open 去向留言 note) is
flagged on every list, so that someone else takes it.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import Appointment, CatalogItem, PrintedDocument, Resident, Staff
from app.models.outbox import record_change
from app.models.vocabulary import AppointmentChannel, AppointmentPlace, AppointmentStatus, StaffRole
from app.printing.data import MaterialLine
from app.printing.documents.appointment_slip import AppointmentSlipData
from app.services import audit, backup, opening_hours
from app.services.calendar import WorkCalendar
from app.services.context import Actor
from app.services.errors import ITEM_NOT_FOUND, RESIDENT_NOT_FOUND, DomainError, NotFound
from app.services.identity import mask_phone, optional_phone
from app.services.resident_merge import current_resident_id
from app.services.text_input import check_fields, check_text
from app.text import Text, tr

#: An appointment in one of these holds its slot.
ACTIVE = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)
_NOT_FOUND = Text("找不到该预约", "Appointment not found")
BOOK_DAYS_AHEAD = 60  # how far ahead the slot picker looks; a booking further off is refused


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def local_slot(moment: datetime, end: datetime | None) -> str:
    """“2026-02-12 10:00–11:00”, in the desk's local time."""
    text = moment.astimezone().strftime("%Y-%m-%d %H:%M")
    return f"{text}–{local_time(end)}" if end is not None else text


def at_local(day: date, clock: time) -> datetime:
    """A local wall-clock time on ``day`` as an aware datetime."""
    return datetime.combine(day, clock).astimezone()


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """Local midnight of ``first`` to local midnight after ``last`` (aware)."""
    return at_local(first, time.min), at_local(last + timedelta(days=1), time.min)


# -- who is away ---------------------------------------------------------------


@dataclass(frozen=True)
class Away:
    """An open whereabouts note: the worker is away at the time asked about."""

    staff_id: uuid.UUID
    destination: str
    expected_back_at: datetime | None


def away_at(session: Session, staff_ids: Iterable[uuid.UUID], moment: datetime) -> dict[uuid.UUID, Away]:
    """The workers among ``staff_ids`` who are away at ``moment``: an open
    note (not returned) that started at or before it and, when it says when
    they will be back, not yet expected back."""
    ids = set(staff_ids)
    if not ids:
        return {}
    notes = backup.open_notes(session, moment, staff_ids=ids, trust_expected_back=True)
    return {staff_id: Away(staff_id, note.destination, note.expected_back_at) for staff_id, note in notes.items()}


# -- free slots ------------------------------------------------------------------


@dataclass(frozen=True)
class Worker:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class Slot:
    """A slot with the workers free in it (the item's length, within one opening period)."""

    starts_at: datetime
    ends_at: datetime
    kind: str  # opening_hours.KIND_*: regular, extended or weekend duty
    free: tuple[Worker, ...]
    away: tuple[Worker, ...] = ()  # free by the book, but away by their whereabouts note

    @property
    def text(self) -> str:
        return f"{local_time(self.starts_at)}–{local_time(self.ends_at)}"


def workers(session: Session, center_id: uuid.UUID) -> list[Worker]:
    """Who can take an appointment: the center's active window workers and heads."""
    rows = session.scalars(
        select(Staff).where(Staff.center_id == center_id, Staff.active.is_(True),
                            Staff.role.in_((StaffRole.WINDOW, StaffRole.HEAD))).order_by(Staff.display_name)
    )
    return [Worker(staff.id, staff.display_name) for staff in rows]


def free_slots(
    session: Session,
    actor: Actor,
    *,
    day: date,
    item_id: uuid.UUID,
    calendar: WorkCalendar,
    staff_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> list[Slot]:
    """The slots of ``day`` for the item (its slot length) within the opening
    hours, each with the workers free in it (only ``staff_id`` when given).
    Slots that have begun are left out; a slot nobody is free in too."""
    now = now or utcnow()
    item = session.get(CatalogItem, item_id)
    if item is None:
        raise NotFound(ITEM_NOT_FOUND, field="item")
    hours = opening_hours.load(session)
    length = hours.slot_length(item.code)
    team = [w for w in workers(session, actor.center_id) if staff_id is None or w.id == staff_id]
    start_of_day, end_of_day = day_bounds(day, day)
    booked = _active_between(session, start_of_day, end_of_day, staff_ids=[w.id for w in team])
    slots: list[Slot] = []
    for period in hours.periods_on(day, calendar):
        start = at_local(day, period.start)
        period_end = at_local(day, period.end)
        while start + length <= period_end:
            end = start + length
            if start >= now:
                free = tuple(w for w in team if not any(
                    a.staff_id == w.id and _overlaps(a, start, end) for a in booked))
                if free:
                    away = away_at(session, [w.id for w in free], start)
                    slots.append(Slot(start, end, period.kind, tuple(w for w in free if w.id not in away),
                                      tuple(w for w in free if w.id in away)))
            start = end
    return slots


def _overlaps(appointment: Appointment, start: datetime, end: datetime) -> bool:
    their_end = appointment.ends_at or appointment.scheduled_at + timedelta(minutes=opening_hours.DEFAULT_SLOT_MINUTES)
    return appointment.scheduled_at < end and start < their_end


def _active_between(session: Session, start: datetime, end: datetime, *,
                    staff_ids: Iterable[uuid.UUID] | None = None) -> list[Appointment]:
    """Active appointments that may overlap ``start``..``end`` (a day's
    margin before: an appointment is never longer than opening_hours allows)."""
    query = select(Appointment).where(Appointment.status.in_(ACTIVE), Appointment.scheduled_at < end,
                                      Appointment.scheduled_at >= start - timedelta(hours=4))
    if staff_ids is not None:
        query = query.where(Appointment.staff_id.in_(list(staff_ids)))
    return list(session.scalars(query))


# -- booking ---------------------------------------------------------------------


@dataclass(frozen=True)
class BookingRequest:
    """预约登记 — what a worker takes down on the phone or at the window."""

    name: str
    item_id: uuid.UUID
    staff_id: uuid.UUID
    starts_at: datetime  # aware; the slot's end follows from the item's slot length
    resident_id: uuid.UUID | None = None
    phone: str = ""
    channel: str = AppointmentChannel.PHONE
    place: str = AppointmentPlace.CENTER
    address: str = ""  # required for a home visit
    note: str = ""


_BOOKING_LABELS = {
    "name": Text("预约人姓名", "The name of the person booking"), "phone": Text("联系电话", "The phone"),
    "channel": Text("预约方式", "How it was booked"), "place": Text("办理地点", "The place"),
    "address": Text("上门地址", "The address"), "note": Text("备注", "The note"),
}


def book(
    session: Session, actor: Actor, request: BookingRequest, *, calendar: WorkCalendar, now: datetime | None = None
) -> AppointmentRow:
    """Book an appointment; refused with a sentence naming the field, or the
    booking it would clash with."""
    now = now or utcnow()
    check_fields(request, _BOOKING_LABELS, multiline={"note"})
    name = request.name.strip()
    if not name:
        raise DomainError(tr("请填写预约人姓名", "Enter the name of the person booking"), field="name")
    resident = None
    if request.resident_id is not None:
        resident = session.get(Resident, current_resident_id(session, request.resident_id))
        if resident is None:
            raise NotFound(RESIDENT_NOT_FOUND, field="resident")
    phone = optional_phone(request.phone or (resident.phone if resident else ""), field="phone")
    if request.channel not in set(AppointmentChannel):
        raise DomainError(tr("请选择预约方式（电话、窗口或网上）", "Choose how it was booked (phone, window or online)"),
                          field="channel")
    if request.place not in set(AppointmentPlace):
        raise DomainError(tr("请选择办理地点（中心或上门）", "Choose where (at the center or a home visit)"), field="place")
    address = request.address.strip()
    if request.place == AppointmentPlace.HOME and not address:
        raise DomainError(tr("上门服务请填写上门地址", "Enter the address of the home visit"), field="address")
    item = session.get(CatalogItem, request.item_id)
    if item is None:
        raise NotFound(ITEM_NOT_FOUND, field="item")
    worker = session.get(Staff, request.staff_id)
    if worker is None or not worker.active or worker.center_id != actor.center_id:
        raise DomainError(tr("请选择本中心在岗的工作人员", "Choose an active worker of this center"), field="staff")
    if request.starts_at.tzinfo is None:
        raise DomainError(tr("预约时间缺少时区", "The appointment time has no time zone"), field="slot")
    start = request.starts_at
    if start < now:
        raise DomainError(tr("预约时间已过，请选择以后的时段", "That time has passed: choose a later slot"), field="slot")
    if start - now > timedelta(days=BOOK_DAYS_AHEAD):
        raise DomainError(tr(f"只能预约 {BOOK_DAYS_AHEAD} 天以内的时段",
                             f"Appointments can be booked at most {BOOK_DAYS_AHEAD} days ahead"), field="slot")
    hours = opening_hours.load(session)
    end = start + hours.slot_length(item.code)
    if not hours.is_open(start, end, calendar):
        day = start.astimezone().date()
        periods = hours.periods_on(day, calendar)
        opening = "、".join(p.text for p in periods)
        raise DomainError(
            tr(f"{local_slot(start, end)} 不在开放时间内（当天{'开放 ' + opening if periods else '不开放'}）",
               f"{local_slot(start, end)} is outside the opening hours "
               f"({'open ' + opening if periods else 'closed that day'})"), field="slot")
    resident_id = resident.id if resident else None
    clash = _clash(session, start, end, staff_id=worker.id, resident_id=resident_id, name=name, phone=phone)
    if clash is not None:
        raise DomainError(clash, field="slot")

    appointment = Appointment(
        center_id=actor.center_id, resident_id=resident_id, name=name, phone=phone, item_id=item.id,
        scheduled_at=start, ends_at=end, staff_id=worker.id, channel=request.channel, place=request.place,
        address=address if request.place == AppointmentPlace.HOME else "", status=AppointmentStatus.BOOKED,
        note=request.note.strip(), created_by=actor.staff_id, created_at=now, updated_at=now,
    )
    session.add(appointment)
    session.flush()
    record_change(session, appointment)
    audit.record(session, actor, "create", entity="appointment", entity_id=appointment.id, now=now,
                 summary=f"预约登记：{name}，{item.name}，{local_slot(start, end)}，{worker.display_name}"
                         f"（{AppointmentPlace(request.place).label.zh}）")
    return appointment_row(session, appointment.id)


def _clash(session: Session, start: datetime, end: datetime, *, staff_id: uuid.UUID,
           resident_id: uuid.UUID | None, name: str, phone: str) -> str | None:
    """The sentence naming the booking this one would overlap, or None."""
    for other in sorted(_active_between(session, start, end), key=lambda a: a.scheduled_at):
        if not _overlaps(other, start, end):
            continue
        same_person = (resident_id is not None and other.resident_id == resident_id) or (
            bool(phone) and other.phone == phone and other.name == name)
        if other.staff_id != staff_id and not same_person:
            continue
        item = session.get(CatalogItem, other.item_id) if other.item_id else None
        staff = session.get(Staff, other.staff_id) if other.staff_id else None
        slot = local_slot(other.scheduled_at, other.ends_at)
        what = item.name if item else ""
        who = staff.display_name if staff else ""
        if other.staff_id == staff_id:
            return tr(f"时段冲突：{who} 在 {slot} 已有预约（{other.name}，{what}），请换一个时段或换一位工作人员",
                      f"Clash: {who} already has an appointment at {slot} ({other.name}, {what}); "
                      "choose another slot or another worker")
        return tr(f"时段冲突：{other.name} 在 {slot} 已预约（{what}，{who}），同一人不能同时预约两个时段",
                  f"Clash: {other.name} already has an appointment at {slot} ({what}, with {who}); "
                  "one person cannot book two overlapping slots")
    return None


# -- outcomes --------------------------------------------------------------------


def _appointment(session: Session, appointment_id: uuid.UUID) -> Appointment:
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise NotFound(_NOT_FOUND, field="appointment")
    return appointment


def _require(appointment: Appointment, allowed: tuple[AppointmentStatus, ...], doing: Text) -> None:
    if appointment.status not in allowed:
        status = AppointmentStatus.text_of(appointment.status)
        raise DomainError(tr(f"该预约{status.zh}，不能{doing.zh}", f"This appointment is {status.en.lower()}: "
                             f"it cannot be {doing.en}"), field="status")


def cancel(session: Session, actor: Actor, appointment_id: uuid.UUID, reason: str, *,
           now: datetime | None = None) -> AppointmentRow:
    """取消预约: the reason is required and kept; the slot is free again."""
    now = now or utcnow()
    appointment = _appointment(session, appointment_id)
    _require(appointment, (AppointmentStatus.BOOKED,), Text("取消", "cancelled"))
    reason = check_text(reason, field="cancel_reason", label=Text("取消原因", "The reason"), multiline=True).strip()
    if not reason:
        raise DomainError(tr("请填写取消原因", "Enter why the appointment is cancelled"), field="cancel_reason")
    appointment.status = AppointmentStatus.CANCELLED
    appointment.cancel_reason = reason[:200]
    appointment.cancelled_at = now
    appointment.cancelled_by = actor.staff_id
    appointment.updated_at = now
    record_change(session, appointment)
    audit.record(session, actor, "update", entity="appointment", entity_id=appointment.id, now=now,
                 summary=f"取消预约：{appointment.name}，{local_slot(appointment.scheduled_at, appointment.ends_at)}，"
                         f"原因：{reason[:100]}")
    return appointment_row(session, appointment.id)


def record_no_show(session: Session, actor: Actor, appointment_id: uuid.UUID, *,
                   now: datetime | None = None) -> AppointmentRow:
    """爽约: recorded once the slot has begun. Only recorded: nothing refuses
    a resident later for it."""
    now = now or utcnow()
    appointment = _appointment(session, appointment_id)
    _require(appointment, (AppointmentStatus.BOOKED,), Text("记为爽约", "marked as not come"))
    if now < appointment.scheduled_at:
        raise DomainError(tr("预约时间还没到，不能记为爽约", "The appointment has not begun: it cannot be a no-show yet"),
                          field="status")
    appointment.status = AppointmentStatus.NO_SHOW
    appointment.no_show_at = now
    appointment.updated_at = now
    record_change(session, appointment)
    audit.record(session, actor, "update", entity="appointment", entity_id=appointment.id, now=now,
                 summary=f"预约爽约：{appointment.name}，{local_slot(appointment.scheduled_at, appointment.ends_at)}")
    return appointment_row(session, appointment.id)


@dataclass(frozen=True)
class CheckIn:
    """签到: what intake starts from, so nothing is typed twice."""

    appointment_id: uuid.UUID
    resident_id: uuid.UUID | None
    item_id: uuid.UUID | None
    name: str  # for the lookup when the resident is not registered yet
    slot: str


def check_in(session: Session, actor: Actor, appointment_id: uuid.UUID, *,
             now: datetime | None = None) -> CheckIn:
    """The resident has arrived: the appointment is checked in (once; a
    second check-in hands the same data back, e.g. to start intake again)."""
    now = now or utcnow()
    appointment = _appointment(session, appointment_id)
    _require(appointment, ACTIVE, Text("签到", "checked in"))
    if appointment.status == AppointmentStatus.BOOKED:
        appointment.status = AppointmentStatus.CHECKED_IN
        appointment.checked_in_at = now
        appointment.updated_at = now
        record_change(session, appointment)
        audit.record(session, actor, "update", entity="appointment", entity_id=appointment.id, now=now,
                     summary=f"预约签到：{appointment.name}，{local_slot(appointment.scheduled_at, appointment.ends_at)}")
    resident_id = current_resident_id(session, appointment.resident_id) if appointment.resident_id else None
    return CheckIn(appointment.id, resident_id, appointment.item_id, appointment.name,
                   local_slot(appointment.scheduled_at, appointment.ends_at))


def link_case(session: Session, actor: Actor, appointment_id: uuid.UUID, case_id: uuid.UUID, *,
              now: datetime | None = None) -> None:
    """The intake of a checked-in appointment made ``case_id``: it is 已办理,
    and links to the case (called in the intake's transaction)."""
    now = now or utcnow()
    appointment = _appointment(session, appointment_id)
    _require(appointment, ACTIVE, Text("办理", "handled"))
    appointment.status = AppointmentStatus.DONE
    appointment.case_id = case_id
    appointment.checked_in_at = appointment.checked_in_at or now
    appointment.updated_at = now
    record_change(session, appointment)
    audit.record(session, actor, "update", entity="appointment", entity_id=appointment.id, now=now,
                 summary=f"预约已受理办件：{appointment.name}")


# -- read models -----------------------------------------------------------------


@dataclass(frozen=True)
class AppointmentRow:
    id: uuid.UUID
    starts_at: datetime
    ends_at: datetime | None
    name: str
    phone_masked: str
    resident_id: uuid.UUID | None
    item_id: uuid.UUID | None
    item_name: str
    staff_id: uuid.UUID | None
    staff_name: str
    channel: str
    place: str
    address: str
    status: str
    note: str
    cancel_reason: str
    no_show_at: datetime | None
    case_id: uuid.UUID | None
    worker_away: str = ""  # the worker's whereabouts at the slot when they are away ("" = there)

    @property
    def slot(self) -> str:
        return local_slot(self.starts_at, self.ends_at)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


def appointment_rows(session: Session, *, first: date, last: date, staff_id: uuid.UUID | None = None,
                     active_only: bool = False) -> list[AppointmentRow]:
    """The appointments of local days ``first``..``last``, by time; phones masked."""
    start, end = day_bounds(first, last)
    query = select(Appointment).where(Appointment.scheduled_at >= start, Appointment.scheduled_at < end)
    if staff_id is not None:
        query = query.where(Appointment.staff_id == staff_id)
    if active_only:
        query = query.where(Appointment.status.in_(ACTIVE))
    return _rows(session, list(session.scalars(query.order_by(Appointment.scheduled_at, Appointment.name))))


def appointment_row(session: Session, appointment_id: uuid.UUID) -> AppointmentRow:
    return _rows(session, [_appointment(session, appointment_id)])[0]


def _rows(session: Session, appointments: list[Appointment]) -> list[AppointmentRow]:
    item_ids = {a.item_id for a in appointments if a.item_id}
    staff_ids = {a.staff_id for a in appointments if a.staff_id}
    items = dict(session.execute(select(CatalogItem.id, CatalogItem.name).where(CatalogItem.id.in_(item_ids))).tuples().all()) \
        if item_ids else {}
    names = dict(session.execute(select(Staff.id, Staff.display_name).where(Staff.id.in_(staff_ids))).tuples().all()) \
        if staff_ids else {}
    rows = []
    for a in appointments:
        away = ""
        if a.status in ACTIVE and a.staff_id is not None:
            note = away_at(session, [a.staff_id], a.scheduled_at).get(a.staff_id)
            if note is not None:
                back = note.expected_back_at.astimezone() if note.expected_back_at else None
                away = note.destination + (tr(f"，预计 {back:%m-%d %H:%M} 回", f", back about {back:%m-%d %H:%M}")
                                           if back else "")
        rows.append(AppointmentRow(
            id=a.id, starts_at=a.scheduled_at, ends_at=a.ends_at, name=a.name,
            phone_masked=mask_phone(a.phone) if a.phone else "", resident_id=a.resident_id, item_id=a.item_id,
            item_name=items.get(a.item_id, "") if a.item_id else "", staff_id=a.staff_id,
            staff_name=names.get(a.staff_id, "") if a.staff_id else "", channel=a.channel, place=a.place,
            address=a.address, status=a.status, note=a.note, cancel_reason=a.cancel_reason,
            no_show_at=a.no_show_at, case_id=a.case_id, worker_away=away,
        ))
    return rows


# -- the slip --------------------------------------------------------------------


def _slip_stem(appointment_id: uuid.UUID, scheduled_at: datetime, *, prefix: str, center_code: str) -> str:
    """A 预约凭证's number before its print count: the appointment's local day and the end of its id."""
    return f"{prefix}-{center_code}-{scheduled_at.astimezone():%Y%m%d}-{appointment_id.hex[-6:].upper()}-"


def slip_numbering(session: Session, appointment_id: uuid.UUID | None, *, prefix: str,
                   center_code: str) -> tuple[str, str, str]:
    """(document number, subject, archive folder) of a 预约凭证: each print is
    numbered after the ones before it."""
    if appointment_id is None:
        raise NotFound(_NOT_FOUND, field="appointment")
    appointment = _appointment(session, appointment_id)
    stem = _slip_stem(appointment.id, appointment.scheduled_at, prefix=prefix, center_code=center_code)
    earlier = session.scalar(select(func.count()).select_from(PrintedDocument)
                             .where(PrintedDocument.doc_number.like(stem + "%"))) or 0
    return f"{stem}{earlier + 1:02d}", appointment.name, f"appointments/{appointment.scheduled_at.astimezone():%Y-%m}"


def slip_stem(session: Session, appointment_id: uuid.UUID, *, prefix: str, center_code: str) -> str:
    """The number every print of the appointment's slip starts with (to find the earlier prints)."""
    appointment = _appointment(session, appointment_id)
    return _slip_stem(appointment.id, appointment.scheduled_at, prefix=prefix, center_code=center_code)


def slip_appointments(session: Session, doc_numbers: list[str], *, prefix: str,
                      center_code: str) -> dict[str, tuple[uuid.UUID, str]]:
    """The appointment (id, resident's name) each printed 预约凭证 was of, by its number.

    A print record holds no appointment, but the slip's number does
    (``_slip_stem``): the appointment's day and the last six digits of its id,
    neither of which ever changes (an appointment is not moved: it is cancelled
    and booked again). A number whose appointment is not on this desk is left
    out."""
    head = f"{prefix}-{center_code}-"
    days: dict[str, date] = {}
    for number in doc_numbers:
        day, _, rest = number.removeprefix(head).partition("-")
        if number.startswith(head) and rest.count("-") == 1:
            try:
                days[number] = datetime.strptime(day, "%Y%m%d").date()
            except ValueError:
                continue
    if not days:
        return {}
    start, end = day_bounds(min(days.values()), max(days.values()))
    stems = {
        _slip_stem(appointment_id, scheduled_at, prefix=prefix, center_code=center_code): (appointment_id, name)
        for appointment_id, scheduled_at, name in session.execute(
            select(Appointment.id, Appointment.scheduled_at, Appointment.name)
            .where(Appointment.scheduled_at >= start, Appointment.scheduled_at < end))
    }
    return {n: stems[stem] for n in days if (stem := n[:n.rindex("-") + 1]) in stems}


def slip_data(session: Session, appointment_id: uuid.UUID | None, header: Mapping[str, Any]) -> AppointmentSlipData:
    """The slip's data: the appointment, and the item's materials (一次性告知) to bring."""
    if appointment_id is None:
        raise NotFound(_NOT_FOUND, field="appointment")
    appointment = _appointment(session, appointment_id)
    # A slip tells the resident when to come: none once the appointment is over or called off.
    _require(appointment, ACTIVE, Text("打印预约凭证", "given a slip"))
    item = session.get(CatalogItem, appointment.item_id) if appointment.item_id else None
    worker = session.get(Staff, appointment.staff_id) if appointment.staff_id else None
    materials = tuple(
        MaterialLine(name=m.name, form=m.form, required_count=m.count, received_count=0, note=m.notes, key=m.key,
                     format=m.format, issuer=m.issuer, obtain=m.obtain)
        for m in (item.materials if item else ())
    )
    return AppointmentSlipData(
        **header, resident_name=appointment.name, phone=appointment.phone, item_name=item.name if item else "",
        starts_at=appointment.scheduled_at, ends_at=appointment.ends_at,
        worker_name=worker.display_name if worker else "", place=AppointmentPlace.text_of(appointment.place).zh,
        address=appointment.address, channel=AppointmentChannel.text_of(appointment.channel).zh,
        note=appointment.note, opening=opening_hours.load(session).describe(), materials=materials,
    )
