"""岗位责任制 / AB角 — who acts for an absent worker, and the work they hold.

Presence is read from the whereabouts notes: a worker is away at a moment
when a note of theirs was open then (left, and not yet back). Who acts is
worked out at that moment from the center's A/B assignments, never stored
as a standing deputy, so a deputy is never left listed after the absence
ends (the failure seen in peer help desks).

The chain: an absent worker's own backup (B) acts for them; if B is away
too, B's own backup; and so on, each worker visited once, so a cycle of
backups ends instead of looping. When the chain runs out, a present center
head stands in (A and B must never be away together; when they are, the
head answers).

Everything here reads; it never writes. Callers own the session.
"""
from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.models import (
    Appointment,
    BackupAssignment,
    Case,
    CatalogItem,
    Inquiry,
    Rating,
    RatingFollowUp,
    Staff,
    WhereaboutsNote,
)
from app.models.case import CLOSED_STATUSES
from app.models.vocabulary import AppointmentStatus, BackupSubject, CaseStatus, StaffRole, WhereaboutsStatus
from app.text import Text, tr

# -- presence ------------------------------------------------------------------------------


def open_notes(session: Session, at: datetime, *, staff_ids: Iterable[uuid.UUID] | None = None,
               trust_expected_back: bool = False) -> dict[uuid.UUID, WhereaboutsNote]:
    """The note that was open at ``at`` for each absent worker (the newest one
    if, by some slip, several were): the one rule of who is away when.

    ``trust_expected_back``: a note that says its worker is back by ``at``
    does not count (a booking for later stands on the worker's word; the
    board and 今日 show the note, late, until the worker returns)."""
    query = select(WhereaboutsNote).where(
        WhereaboutsNote.left_at <= at,
        or_(WhereaboutsNote.returned_at.is_(None), WhereaboutsNote.returned_at > at),
    ).order_by(WhereaboutsNote.left_at)
    if staff_ids is not None:
        query = query.where(WhereaboutsNote.staff_id.in_(list(staff_ids)))
    if trust_expected_back:
        query = query.where(or_(WhereaboutsNote.expected_back_at.is_(None), WhereaboutsNote.expected_back_at > at))
    return {note.staff_id: note for note in session.scalars(query)}


def is_away(session: Session, staff_id: uuid.UUID, at: datetime) -> bool:
    return bool(open_notes(session, at, staff_ids=[staff_id]))


# -- the assignments -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Pair:
    subject: str
    key: str  # the item code or the post name
    primary: uuid.UUID | None
    backup: uuid.UUID | None


class Assignments:
    """The center's live A/B pairs, read once for one question."""

    def __init__(self, session: Session, center_id: uuid.UUID) -> None:
        rows = session.scalars(select(BackupAssignment).where(
            BackupAssignment.center_id == center_id, BackupAssignment.retired.is_(False)))
        self.pairs = [
            _Pair(row.subject, row.item_code if row.subject == BackupSubject.ITEM else row.post_name,
                  row.primary_staff_id, row.backup_staff_id)
            for row in rows
        ]
        self.items = {p.key: p for p in self.pairs if p.subject == BackupSubject.ITEM}

    def personal_backup(self, staff_id: uuid.UUID) -> uuid.UUID | None:
        """A worker's own backup: the B of the post they are A of (the first
        by name), else the B most often named for the items they are A of."""
        posts = sorted((p for p in self.pairs if p.subject == BackupSubject.POST and p.primary == staff_id
                        and p.backup is not None and p.backup != staff_id), key=lambda p: p.key)
        if posts:
            return posts[0].backup
        named = Counter(p.backup for p in self.items.values()
                        if p.primary == staff_id and p.backup is not None and p.backup != staff_id)
        if not named:
            return None
        return sorted(named.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]

    def partners(self, staff_id: uuid.UUID) -> list[tuple[_Pair, uuid.UUID]]:
        """Every pair ``staff_id`` is A or B of, with the other worker."""
        out: list[tuple[_Pair, uuid.UUID]] = []
        for pair in self.pairs:
            if pair.primary == staff_id and pair.backup is not None and pair.backup != staff_id:
                out.append((pair, pair.backup))
            elif pair.backup == staff_id and pair.primary is not None and pair.primary != staff_id:
                out.append((pair, pair.primary))
        return out


def _center_of(session: Session, staff_id: uuid.UUID) -> uuid.UUID | None:
    return session.scalar(select(Staff.center_id).where(Staff.id == staff_id))


def present_heads(session: Session, center_id: uuid.UUID, at: datetime) -> list[uuid.UUID]:
    """The center's active heads who are at the center at ``at`` (the stand-in)."""
    heads = list(session.scalars(select(Staff.id).where(
        Staff.center_id == center_id, Staff.role == StaffRole.HEAD, Staff.active.is_(True)).order_by(Staff.display_name)))
    away = open_notes(session, at, staff_ids=heads)
    return [head for head in heads if head not in away]


def _follow(session: Session, start: list[uuid.UUID], assignments: Assignments, center_id: uuid.UUID,
            at: datetime, *, skip: set[uuid.UUID]) -> uuid.UUID | None:
    """The first present, active worker along ``start`` then each one's own
    backup; each worker is tried once (a cycle ends). A present head if none."""
    active = set(session.scalars(select(Staff.id).where(Staff.center_id == center_id, Staff.active.is_(True))))
    away = open_notes(session, at)
    seen = set(skip)
    queue = list(start)
    while queue:
        candidate = queue.pop(0)
        if candidate in seen:
            continue
        seen.add(candidate)
        if candidate in active and candidate not in away:
            return candidate
        following = assignments.personal_backup(candidate)
        if following is not None:
            queue.insert(0, following)
    heads = [head for head in present_heads(session, center_id, at) if head not in skip]
    return heads[0] if heads else None


def acting_backup(session: Session, staff_id: uuid.UUID, at: datetime) -> uuid.UUID | None:
    """Who acts for ``staff_id`` at ``at``: None when they are present (or
    nobody at all can be found); otherwise their backup, or the backup's
    backup when that one is away too, without looping; a present head last."""
    if not is_away(session, staff_id, at):
        return None
    center_id = _center_of(session, staff_id)
    if center_id is None:
        return None
    assignments = Assignments(session, center_id)
    first = assignments.personal_backup(staff_id)
    return _follow(session, [first] if first else [], assignments, center_id, at, skip={staff_id})


@dataclass(frozen=True)
class IntakeHandler:
    """Who a new case of an item goes to: ``acting_for`` is the absent A."""

    handler_id: uuid.UUID
    acting_for: uuid.UUID | None = None


def intake_handler(session: Session, *, center_id: uuid.UUID, item_code: str, taken_by: uuid.UUID,
                   at: datetime) -> IntakeHandler:
    """A new case stays with the worker who takes it in, unless the item's A
    is away: then it goes to whoever acts for A on that item (the item's B,
    then along the chain), so A's items do not wait for A."""
    assignments = Assignments(session, center_id)
    pair = assignments.items.get(item_code)
    if pair is None or pair.primary is None or pair.primary == taken_by or not is_away(session, pair.primary, at):
        return IntakeHandler(taken_by)
    start = [pair.backup] if pair.backup is not None else []
    holder = _follow(session, start, assignments, center_id, at, skip={pair.primary})
    return IntakeHandler(holder or taken_by, acting_for=pair.primary)


def acting_label(name: str, data: dict[str, Any], names: dict[uuid.UUID, str]) -> str:
    """Who did an event, saying for whom when they acted for an absent colleague:
    赵强（代李娜）."""
    acting = data.get("acting_for")
    if not acting:
        return name
    try:
        absent = names.get(uuid.UUID(str(acting)), "")
    except ValueError:
        return name
    return f"{name}{tr(f'（代{absent}）', f' (for {absent})')}" if absent else name


# -- the work held for an absent colleague (代 A 办理) -----------------------------------------


@dataclass(frozen=True)
class HeldEntry:
    """One piece of an absent worker's work."""

    id: uuid.UUID
    reference: str  # a case number, an inquiry's asker
    title: str  # the item, the topic
    status_label: str
    due: date | None = None


@dataclass(frozen=True)
class HeldSection:
    kind: str  # "cases", "inquiries"; later "appointments", "ratings"
    title: Text
    entries: tuple[HeldEntry, ...]


@dataclass(frozen=True)
class HeldWork:
    """代 A 办理 — what the backup holds for one absent colleague."""

    absent_staff_id: uuid.UUID
    absent_name: str
    status: str  # WhereaboutsStatus
    where: str
    expected_back_at: datetime | None
    sections: tuple[HeldSection, ...]

    @property
    def status_label(self) -> Text:
        return WhereaboutsStatus.text_of(self.status)

    @property
    def count(self) -> int:
        return sum(len(section.entries) for section in self.sections)


#: One function per kind of work: (session, absent worker, holder, at) -> section.
#: Appointments and rating follow-ups join by adding theirs here.
SectionSource = Callable[[Session, uuid.UUID, uuid.UUID, datetime], HeldSection]


def open_cases_of(session: Session, staff_id: uuid.UUID) -> list[tuple[Case, str, str]]:
    """A worker's open cases with their item's code and name, soonest due first
    (those awaiting materials too: the resident may come back with them)."""
    rows = session.execute(
        select(Case, CatalogItem.code, CatalogItem.name)
        .join(CatalogItem, CatalogItem.id == Case.item_id)
        .where(Case.handled_by == staff_id, Case.status.not_in(list(CLOSED_STATUSES)))
        .order_by(Case.committed_due.is_(None), Case.committed_due, Case.received_at)
    )
    return [(case, code, name) for case, code, name in rows.tuples()]


def case_holder(session: Session, staff_id: uuid.UUID, item_code: str, at: datetime,
                assignments: Assignments) -> uuid.UUID | None:
    """Who holds an absent worker's open case: the item's B when the worker is
    the item's A, otherwise the worker's own backup (each along the chain)."""
    center_id = _center_of(session, staff_id)
    if center_id is None:
        return None
    pair = assignments.items.get(item_code)
    if pair is not None and pair.primary == staff_id and pair.backup is not None:
        start = [pair.backup]
    else:
        own = assignments.personal_backup(staff_id)
        start = [own] if own else []
    return _follow(session, start, assignments, center_id, at, skip={staff_id})


def _held_cases(session: Session, absent: uuid.UUID, holder: uuid.UUID, at: datetime) -> HeldSection:
    center_id = _center_of(session, absent)
    assignments = Assignments(session, center_id) if center_id else None
    entries = []
    for case, code, name in open_cases_of(session, absent):
        if assignments is None or case_holder(session, absent, code, at, assignments) != holder:
            continue
        entries.append(HeldEntry(case.id, case.case_number, name, str(CaseStatus.text_of(case.status)),
                                 case.committed_due))
    return HeldSection("cases", Text("在办件", "Open cases"), tuple(entries))


def _held_inquiries(session: Session, absent: uuid.UUID, holder: uuid.UUID, at: datetime) -> HeldSection:
    if acting_backup(session, absent, at) != holder:
        return HeldSection("inquiries", Text("待跟进的首问登记", "Inquiries awaiting follow-up"), ())
    rows = session.scalars(select(Inquiry).where(
        Inquiry.owner_id == absent, Inquiry.closed_at.is_(None),
        and_(Inquiry.follow_up_due.is_not(None))).order_by(Inquiry.follow_up_due))
    entries = tuple(HeldEntry(row.id, row.asker_name, row.topic, str(Text("待跟进", "To follow up")), row.follow_up_due)
                    for row in rows)
    return HeldSection("inquiries", Text("待跟进的首问登记", "Inquiries awaiting follow-up"), entries)


#: The appointments an absent worker still has (booked, or checked in and not yet taken in).
_APPOINTMENTS_WAITING = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)


def _held_appointments(session: Session, absent: uuid.UUID, holder: uuid.UUID, at: datetime) -> HeldSection:
    """The absent worker's appointments from ``at`` on: whoever acts for them
    receives those residents (the appointment stays the absent worker's)."""
    title = Text("预约", "Appointments")
    if acting_backup(session, absent, at) != holder:
        return HeldSection("appointments", title, ())
    rows = session.scalars(select(Appointment).where(
        Appointment.staff_id == absent, Appointment.status.in_(_APPOINTMENTS_WAITING),
        or_(Appointment.ends_at >= at, and_(Appointment.ends_at.is_(None), Appointment.scheduled_at >= at)),
    ).order_by(Appointment.scheduled_at))
    entries = tuple(
        HeldEntry(row.id, row.name, f"{row.scheduled_at.astimezone():%m-%d %H:%M}",
                  str(AppointmentStatus.text_of(row.status)), row.scheduled_at.astimezone().date())
        for row in rows)
    return HeldSection("appointments", title, entries)


def _held_rating_follow_ups(session: Session, absent: uuid.UUID, holder: uuid.UUID, at: datetime) -> HeldSection:
    """差评整改 about the absent worker's service, still open: their backup sees
    what the head will ask about while they are away."""
    title = Text("差评整改", "Bad-rating follow-ups")
    if acting_backup(session, absent, at) != holder:
        return HeldSection("ratings", title, ())
    rows = session.execute(
        select(RatingFollowUp, Rating).join(Rating, Rating.id == RatingFollowUp.rating_id)
        .where(Rating.staff_id == absent, RatingFollowUp.closed_at.is_(None),
               RatingFollowUp.appeal_decision.is_(None))
        .order_by(RatingFollowUp.rectify_due)).tuples()
    entries = tuple(
        HeldEntry(follow_up.id, rating.case_number or tr("首问登记", "Inquiry"), rating.level_label,
                  tr("待回访", "To call back") if follow_up.revisited_at is None else tr("整改中", "Being fixed"),
                  follow_up.revisit_due if follow_up.revisited_at is None else follow_up.rectify_due)
        for follow_up, rating in rows)
    return HeldSection("ratings", title, entries)


SECTION_SOURCES: list[SectionSource] = [_held_cases, _held_inquiries, _held_appointments, _held_rating_follow_ups]


def held_work(session: Session, backup_staff_id: uuid.UUID, at: datetime) -> list[HeldWork]:
    """代 A 办理: for each colleague away at ``at`` whom ``backup_staff_id``
    acts for (wholly, or for some of their items), the work held for them."""
    center_id = _center_of(session, backup_staff_id)
    if center_id is None:
        return []
    notes = open_notes(session, at)
    names = dict(session.execute(select(Staff.id, Staff.display_name).where(Staff.center_id == center_id)).tuples().all())
    out: list[HeldWork] = []
    for absent, note in sorted(notes.items(), key=lambda kv: names.get(kv[0], "")):
        if absent == backup_staff_id or absent not in names:
            continue
        sections = tuple(source(session, absent, backup_staff_id, at) for source in SECTION_SOURCES)
        if any(section.entries for section in sections) or acting_backup(session, absent, at) == backup_staff_id:
            out.append(HeldWork(absent, names[absent], note.status, note.destination, note.expected_back_at, sections))
    return out


def handed_over(session: Session, case_id: uuid.UUID, *, taken_by: uuid.UUID) -> tuple[str, str]:
    """(handler, absent A) by name when a new case went to someone acting for
    an absent A (``intake_handler``), else ('', '')."""
    case = session.get(Case, case_id)
    if case is None or case.handled_by == taken_by:
        return "", ""
    raw = case.events[0].data.get("acting_for") if case.events else None
    names = dict(session.execute(select(Staff.id, Staff.display_name).where(
        Staff.id.in_([case.handled_by, *([uuid.UUID(raw)] if raw else [])]))).tuples().all())
    return names.get(case.handled_by, ""), names.get(uuid.UUID(raw), "") if raw else ""
