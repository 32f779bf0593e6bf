"""去向留言 — a worker who leaves the desk says where, why and until when.

A note is open while the worker is away (``returned_at`` is empty); 在岗 is
the absence of an open note. A note is cleared when the worker comes back,
by hand or by their own login. Notes sync to the county, which shows who
is on duty in each center.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import format_local, utcnow
from app.models import AuditEntry, BackupAssignment, Case, CaseEvent, CatalogItem, Center, Staff, WhereaboutsNote
from app.models.case import CLOSED_STATUSES
from app.models.outbox import record_change
from app.models.vocabulary import (
    AWAY_STATUSES,
    BackupSubject,
    CaseEventKind,
    CaseStatus,
    IntakeOutcome,
    StaffRole,
    WhereaboutsStatus,
)
from app.printing.documents.whereabouts_board import BoardLine, WhereaboutsBoardData
from app.services import audit, backup, settings
from app.services.context import Actor
from app.services.errors import DomainError, NotFound, PermissionDenied
from app.services.identity import check_phone_field
from app.services.setup import this_device
from app.services.text_input import check_fields
from app.text import Text, tr

#: 半天: an absence this long or longer needs its reason (事由).
HALF_DAY = timedelta(hours=4)
WHERE_MAX = 200
REASON_MAX = 200
#: Statuses that are by their nature half a day or more: the reason is always asked.
LONG_STATUSES = frozenset({WhereaboutsStatus.BUSINESS_TRIP, WhereaboutsStatus.LEAVE})


@dataclass(frozen=True)
class NoteInput:
    """What the worker (or the head, for them) fills in."""

    status: str
    where: str
    expected_back_at: datetime | None
    reason: str = ""


def check_note(note: NoteInput, *, now: datetime) -> NoteInput:
    """The note cleaned, or a DomainError naming the field."""
    check_fields(note, {"status": Text("去向状态", "The status"), "where": Text("去向", "Where"),
                        "reason": Text("事由", "The reason")}, multiline={"reason"})
    if note.status not in AWAY_STATUSES:
        raise DomainError(tr("请选择去向状态（暂离、开会、出差、请假或下村/上门）",
                             "Choose where you are going (stepped out, meeting, trip, leave or visit)"), field="status")
    status = WhereaboutsStatus(note.status)
    where = note.where.strip()
    if not where:
        raise DomainError(tr("请填写去向：到哪里去", "Enter where you are going"), field="where")
    if len(where) > WHERE_MAX:
        raise DomainError(tr(f"去向不能超过 {WHERE_MAX} 个字", f"Where may be at most {WHERE_MAX} characters"),
                          field="where")
    if note.expected_back_at is None:
        raise DomainError(tr("请填写预计返回时间", "Enter when you expect to be back"), field="expected_back_at")
    if note.expected_back_at.tzinfo is None:
        raise ValueError("naive datetime: pass an aware expected return")
    if note.expected_back_at <= now:
        raise DomainError(tr("预计返回时间应晚于现在", "The expected return must be later than now"),
                          field="expected_back_at")
    reason = note.reason.strip()
    if not reason and (status in LONG_STATUSES or note.expected_back_at - now >= HALF_DAY):
        raise DomainError(tr("离开半天及以上（或出差、请假）须填写事由",
                             "An absence of half a day or more (or a trip or leave) needs a reason"), field="reason")
    if len(reason) > REASON_MAX:
        raise DomainError(tr(f"事由不能超过 {REASON_MAX} 个字", f"The reason may be at most {REASON_MAX} characters"),
                          field="reason")
    return NoteInput(status, where, note.expected_back_at, reason)


def _staff(session: Session, actor: Actor, staff_id: uuid.UUID) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None or staff.center_id != actor.center_id:
        raise NotFound(tr("找不到该工作人员", "The staff member was not found"), field="staff")
    if staff_id != actor.staff_id and not actor.is_head:
        raise PermissionDenied(tr("只能填写自己的去向；为他人留言须由中心主任操作",
                                  "You can only leave your own note; the center head leaves one for others"),
                               field="staff")
    return staff


def open_note(session: Session, staff_id: uuid.UUID) -> WhereaboutsNote | None:
    return session.scalar(select(WhereaboutsNote).where(
        WhereaboutsNote.staff_id == staff_id, WhereaboutsNote.returned_at.is_(None)).order_by(WhereaboutsNote.left_at.desc()))


# -- warnings: A and B away together -------------------------------------------------------


def _names(session: Session, center_id: uuid.UUID) -> dict[uuid.UUID, str]:
    return dict(session.execute(select(Staff.id, Staff.display_name).where(Staff.center_id == center_id)).tuples().all())


def _item_names(session: Session, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    rows = session.execute(select(CatalogItem.code, CatalogItem.name).where(CatalogItem.code.in_(codes))).tuples()
    return dict(rows.all())


def absence_warnings(session: Session, center_id: uuid.UUID, staff_id: uuid.UUID, *, now: datetime) -> list[str]:
    """A and B must never be away together: one sentence per pair whose other
    worker is away now, naming who stands in (a present head)."""
    assignments = backup.Assignments(session, center_id)
    partners = assignments.partners(staff_id)
    if not partners:
        return []
    away = backup.open_notes(session, now, staff_ids=[other for _pair, other in partners])
    if not away:
        return []
    names = _names(session, center_id)
    heads = [h for h in backup.present_heads(session, center_id, now) if h != staff_id]
    stand_in = (tr(f"由中心主任{names[heads[0]]}顶岗", f"the center head {names[heads[0]]} stands in")
                if heads else tr("中心主任也不在岗，请另行安排顶岗", "the center head is away too: arrange a stand-in"))
    items = _item_names(session, {p.key for p, other in partners if other in away and p.subject == BackupSubject.ITEM})
    out: list[str] = []
    for pair, other in partners:
        if other not in away:
            continue
        note = away[other]
        what = items.get(pair.key, pair.key) if pair.subject == BackupSubject.ITEM else pair.key
        role = tr("B角", "backup") if pair.primary == staff_id else tr("A角", "responsible worker")
        back = format_local(note.expected_back_at, "%m-%d %H:%M") or "—"
        out.append(tr(
            f"「{what}」的{role}{names.get(other, '')}也不在岗（{WhereaboutsStatus.text_of(note.status).zh}，"
            f"预计 {back} 返回）；A、B角不能同时离岗，{stand_in}",
            f"The {role} of “{what}”, {names.get(other, '')}, is away too ({WhereaboutsStatus.text_of(note.status).en}, "
            f"back {back}); A and B must not be away together: {stand_in}",
        ))
    return out


# -- setting and clearing ------------------------------------------------------------------


@dataclass(frozen=True)
class NoteResult:
    note_id: uuid.UUID
    acting_backup_id: uuid.UUID | None
    acting_backup_name: str
    warnings: tuple[str, ...]


def set_note(session: Session, actor: Actor, staff_id: uuid.UUID, note: NoteInput, *,
             now: datetime | None = None) -> NoteResult:
    """Leave (or change) a worker's note. Their own, or anyone's for the head.
    A second note while one is open changes the open one: one absence, one note."""
    now = now or utcnow()
    staff = _staff(session, actor, staff_id)
    if not staff.active:
        raise DomainError(tr("该账号已停用，不能留言", "This account is deactivated"), field="staff")
    clean = check_note(note, now=now)
    row = open_note(session, staff_id)
    created = row is None
    if row is None:
        row = WhereaboutsNote(center_id=staff.center_id, staff_id=staff_id, left_at=now, destination=clean.where)
        session.add(row)
    row.status = clean.status
    row.destination = clean.where
    row.reason = clean.reason
    row.expected_back_at = clean.expected_back_at
    row.set_by = actor.staff_id
    session.flush()
    acting = backup.acting_backup(session, staff_id, now)
    row.backup_staff_id = acting
    record_change(session, row)
    status = WhereaboutsStatus(clean.status)
    audit.record(session, actor, "create" if created else "update", entity="whereabouts_note", entity_id=row.id,
                 now=now, summary=f"去向留言：{staff.display_name} {status.label.zh} {clean.where}"[:300],
                 detail={"staff_id": str(staff_id), "status": clean.status})
    names = _names(session, staff.center_id)
    return NoteResult(row.id, acting, names.get(acting, "") if acting else "",
                      tuple(absence_warnings(session, staff.center_id, staff_id, now=now)))


@dataclass(frozen=True)
class HandBackLine:
    when: datetime
    reference: str  # a case number
    item_name: str
    what: str  # the event's label
    by_name: str
    case_id: uuid.UUID | None = None
    open_elsewhere: bool = False  # a new case still open with the worker who stood in
    handler_name: str = ""  # who holds the case now



@dataclass(frozen=True)
class HandBack:
    """交接 — on A's return: what was done for A while away, and what is still open."""

    note_id: uuid.UUID
    staff_id: uuid.UUID
    staff_name: str
    left_at: datetime
    returned_at: datetime
    done_for_you: tuple[HandBackLine, ...]
    new_cases: tuple[HandBackLine, ...]  # taken in for A's items and given to the backup
    other_actions: tuple[str, ...]  # audited actions taken for A outside case histories
    still_open: tuple[backup.HeldEntry, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.done_for_you or self.new_cases or self.other_actions or self.still_open)

    @property
    def can_take_back(self) -> tuple[uuid.UUID, ...]:
        """New cases of the worker's items still open with whoever stood in."""
        return tuple(line.case_id for line in self.new_cases if line.open_elsewhere and line.case_id is not None)


def hand_back(session: Session, note_id: uuid.UUID) -> HandBack:
    """The hand-back summary of one (cleared or open) absence."""
    note = session.get(WhereaboutsNote, note_id)
    if note is None:
        raise NotFound(tr("找不到该去向留言", "The whereabouts note was not found"), field="note")
    end = note.returned_at or utcnow()
    names = _names(session, note.center_id)
    acting = func.json_extract(CaseEvent.data, "$.acting_for")
    rows = session.execute(
        select(CaseEvent, Case, CatalogItem.name)
        .join(Case, Case.id == CaseEvent.case_id).join(CatalogItem, CatalogItem.id == Case.item_id)
        .where(acting == str(note.staff_id), CaseEvent.occurred_at >= note.left_at, CaseEvent.occurred_at <= end)
        .order_by(CaseEvent.occurred_at)
    ).tuples()
    done: list[HandBackLine] = []
    new: list[HandBackLine] = []
    for event, case, item in rows:
        line = HandBackLine(event.occurred_at, case.case_number, item, str(_event_label(event.kind)),
                            names.get(event.staff_id, "") if event.staff_id else "", case.id,
                            case.handled_by != note.staff_id and case.status not in CLOSED_STATUSES,
                            names.get(case.handled_by, ""))
        (new if event.seq == 1 else done).append(line)
    others = tuple(
        f"{format_local(entry.occurred_at, '%m-%d %H:%M')} {names.get(entry.staff_id, '') if entry.staff_id else ''}："
        f"{entry.summary}"
        for entry in session.scalars(select(AuditEntry).where(
            func.json_extract(AuditEntry.detail, "$.acting_for") == str(note.staff_id), AuditEntry.entity != "case",
            AuditEntry.occurred_at >= note.left_at, AuditEntry.occurred_at <= end).order_by(AuditEntry.occurred_at))
    )
    still_open = tuple(
        backup.HeldEntry(case.id, case.case_number, name, str(CaseStatus.text_of(case.status)), case.committed_due)
        for case, _code, name in backup.open_cases_of(session, note.staff_id)
    )
    return HandBack(note.id, note.staff_id, names.get(note.staff_id, ""), note.left_at, end, tuple(done), tuple(new),
                    others, still_open)


def take_back(session: Session, actor: Actor, note_id: uuid.UUID) -> int:
    """交接: the returned worker takes back the new cases of their items that
    went to their backup while they were away (those still open). Returns how many."""
    summary = hand_back(session, note_id)
    if actor.staff_id != summary.staff_id and not actor.is_head:
        raise PermissionDenied(tr("只有本人或中心主任可以收回这些办件",
                                  "Only the worker or the center head can take these cases back"), field="staff")
    now = utcnow()
    moved = 0
    for case_id in summary.can_take_back:
        case = session.get(Case, case_id)
        if case is None or case.status in CLOSED_STATUSES or case.handled_by == summary.staff_id:
            continue
        before = case.handled_by
        case.handled_by = summary.staff_id
        case.updated_at = now
        record_change(session, case)
        audit.record(session, actor, "update", entity="case", entity_id=case.id, now=now,
                     summary=f"返岗收回办件：{case.case_number}",
                     detail={"from": str(before), "to": str(summary.staff_id)})
        moved += 1
    return moved


def _event_label(kind: str) -> Text:
    try:
        return CaseEventKind(kind).label
    except ValueError:
        return IntakeOutcome.text_of(kind)


def clear_note(session: Session, actor: Actor, staff_id: uuid.UUID, *, now: datetime | None = None,
               by_login: bool = False) -> HandBack | None:
    """The worker is back: close their open note. Returns the hand-back
    summary of the absence, or None when they had no open note."""
    now = now or utcnow()
    staff = _staff(session, actor, staff_id)
    row = open_note(session, staff_id)
    if row is None:
        return None
    # Every open note of the worker: two desks may each have left one while apart.
    for note in session.scalars(select(WhereaboutsNote).where(
            WhereaboutsNote.staff_id == staff_id, WhereaboutsNote.returned_at.is_(None))):
        note.returned_at = max(now, note.left_at)
        note.cleared_by = actor.staff_id
        record_change(session, note)
    audit.record(session, actor, "update", entity="whereabouts_note", entity_id=row.id, now=now,
                 summary=f"{'登录即返回在岗' if by_login else '返回在岗'}：{staff.display_name}",
                 detail={"staff_id": str(staff_id), "by_login": by_login})
    session.flush()
    return hand_back(session, row.id)


def clear_on_login(session: Session, actor: Actor, *, now: datetime | None = None) -> uuid.UUID | None:
    """A worker who logs in is back: their own open note is cleared. Returns
    the cleared note's id (for the hand-back summary), or None. Not on a
    field laptop out on 外出服务 with them: logging in at a farmhouse is not
    being back (leaving field mode clears the note)."""
    if settings.get(session, settings.FIELD_TRIP).get("staff_id") == str(actor.staff_id):
        return None
    handed = clear_note(session, actor, actor.staff_id, now=now, by_login=True)
    return handed.note_id if handed is not None else None


# -- the board -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardRow:
    """One worker on the whereabouts board (去向公示)."""

    staff_id: uuid.UUID
    name: str
    role: str
    posts: tuple[str, ...]
    phone: str
    status: str  # WhereaboutsStatus, ON_DUTY when no note is open
    where: str
    reason: str  # for colleagues only: the public views leave it out
    left_at: datetime | None
    expected_back_at: datetime | None
    acting_name: str  # who acts for them while away

    @property
    def status_label(self) -> Text:
        return WhereaboutsStatus.text_of(self.status)

    @property
    def away(self) -> bool:
        return self.status != WhereaboutsStatus.ON_DUTY

    @property
    def post_text(self) -> str:
        return "、".join(self.posts) if self.posts else str(StaffRole.text_of(self.role))


COMPLAINT_PHONE_LABEL = Text("投诉电话", "The complaints phone")


def set_complaint_phone(session: Session, actor: Actor, phone: str) -> str:
    """The head sets the complaints phone the public boards show (empty: none shown)."""
    if not actor.is_head:
        raise PermissionDenied(tr("只有中心主任可以设置投诉电话", "Only the center head sets the complaints phone"),
                               field="complaint_phone")
    clean = check_phone_field(phone, field="complaint_phone", label=COMPLAINT_PHONE_LABEL)
    settings.put(session, settings.COMPLAINT_PHONE, clean)
    audit.record(session, actor, "update", entity="settings", entity_id=settings.COMPLAINT_PHONE.key,
                 summary="设置投诉电话")
    return clean


def complaint_phone(session: Session) -> str:
    return str(settings.get(session, settings.COMPLAINT_PHONE))


@dataclass(frozen=True)
class Board:
    center_name: str
    phones: tuple[tuple[str, str], ...]  # (label, number), only those the center set
    rows: tuple[BoardRow, ...]
    at: datetime


def _phone_pairs(session: Session, center: Center) -> tuple[tuple[Text, str], ...]:
    """The center's phones a resident may call from the board, only those set
    (an unset one is left out, never replaced by another number)."""
    pairs = (
        (Text("中心电话", "Center"), center.phone),
        (Text("投诉电话", "Complaints"), complaint_phone(session)),
        (Text("监督电话", "Supervision"), center.supervision_phone),
    )
    return tuple((label, number) for label, number in pairs if number)


def public_phones(session: Session, center: Center) -> tuple[tuple[str, str], ...]:
    return tuple((str(label), number) for label, number in _phone_pairs(session, center))


def board(session: Session, center_id: uuid.UUID, *, at: datetime | None = None) -> Board:
    """Everyone active at the center, with where they are at ``at``."""
    at = at or utcnow()
    center = session.get(Center, center_id)
    if center is None:
        raise NotFound(tr("找不到本中心", "The center was not found"), field="center")
    staff = list(session.scalars(select(Staff).where(Staff.center_id == center_id, Staff.at_work())
        .order_by(Staff.role != StaffRole.HEAD, Staff.display_name)))
    posts: dict[uuid.UUID, list[str]] = {}
    for row in session.scalars(select(BackupAssignment).where(
            BackupAssignment.center_id == center_id, BackupAssignment.subject == BackupSubject.POST,
            BackupAssignment.retired.is_(False)).order_by(BackupAssignment.post_name)):
        if row.primary_staff_id is not None:
            posts.setdefault(row.primary_staff_id, []).append(row.post_name)
    notes = backup.open_notes(session, at, staff_ids=[s.id for s in staff])
    names = {s.id: s.display_name for s in staff}
    rows = []
    for person in staff:
        note = notes.get(person.id)
        acting = backup.acting_backup(session, person.id, at) if note else None
        rows.append(BoardRow(
            person.id, person.display_name, person.role, tuple(posts.get(person.id, ())), person.phone,
            note.status if note else WhereaboutsStatus.ON_DUTY, note.destination if note else "",
            note.reason if note else "", note.left_at if note else None, note.expected_back_at if note else None,
            names.get(acting, "") if acting else "",
        ))
    return Board(center.name, public_phones(session, center), tuple(rows), at)


# -- the printed board ---------------------------------------------------------------------

WHEREABOUTS_BOARD = "whereabouts_board"  # the printed document's type


def board_document(session: Session, target: Any, header: dict[str, Any]) -> WhereaboutsBoardData:
    """工作人员去向公示 as at the printing time (the builder for app.services.documents)."""
    center = session.get(Center, this_device(session).center_id)
    assert center is not None  # a device always belongs to its center
    current = board(session, center.id, at=header["printed_at"])
    lines = tuple(
        BoardLine(name=row.name, post="、".join(row.posts) or StaffRole.text_of(row.role).zh, phone=row.phone,
                  status=row.status_label.zh, away=row.away, where=row.where, expected_back_at=row.expected_back_at,
                  acting_name=row.acting_name)
        for row in current.rows
    )
    phones = tuple((label.zh, number) for label, number in _phone_pairs(session, center))
    return WhereaboutsBoardData(**header, lines=lines, phones=phones)
