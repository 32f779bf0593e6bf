"""首问登记 — the first-inquiry register.

The first worker a resident asks owns the inquiry until it is closed: it is
registered (who asked, what, when, who answered, the answer or where it was
referred) and followed to an end. Outcomes:

* answered — closed at once;
* referred — to a post, department or person with a phone; a 转办单 is
  printed; it stays open until the owner reports the result back;
* converted — into a case, in one click (closed by the intake that makes the case);
* follow-up — with a due date; it shows on the 时限预警 board until closed.

A visit whose only outcome is a one-time notification slip (一次性告知) is
recorded here too, as an answered inquiry linked to its item.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import CatalogItem, Inquiry, Resident, Staff
from app.models.outbox import record_change
from app.models.service import INQ_ANSWERED, INQ_FOLLOW_UP, INQ_OPEN, INQ_REFERRED
from app.models.vocabulary import IntakeOutcome
from app.services import audit, backup, lifecycle
from app.services.calendar import WorkCalendar
from app.services.context import Actor
from app.services.errors import ITEM_NOT_FOUND, RESIDENT_NOT_FOUND, DomainError, NotFound, PermissionDenied
from app.services.identity import mask_phone, optional_phone
from app.services.resident_merge import current_resident_id
from app.services.text_input import check_fields, check_text
from app.text import Text, tr

OUTCOME_LABELS = {
    INQ_OPEN: Text("待转办件", "Open"),
    INQ_ANSWERED: Text("已答复", "Answered"),
    INQ_REFERRED: Text("已转办", "Referred"),
    "converted": Text("已转为办件", "Made into a case"),
    INQ_FOLLOW_UP: Text("待跟进", "Awaiting follow-up"),
}
_INQUIRY_NOT_FOUND = Text("找不到该首问登记", "First-inquiry record not found")
# Outcome -> documents to print (app.printing doc types).
OUTCOME_DOCUMENTS: dict[str, tuple[str, ...]] = {INQ_REFERRED: (lifecycle.DOC_REFERRAL,)}
# What a worker may choose when registering; "converted" comes from intake.
REGISTER_OUTCOMES = (INQ_ANSWERED, INQ_REFERRED, INQ_FOLLOW_UP, INQ_OPEN)


@dataclass(frozen=True)
class InquiryInput:
    asker_name: str
    topic: str = ""  # free text; may be empty when an item is chosen
    item_id: uuid.UUID | None = None
    asker_phone: str = ""
    resident_id: uuid.UUID | None = None
    answer: str = ""
    outcome: str = INQ_ANSWERED
    referred_to: str = ""  # post, department or person
    referred_contact: str = ""
    referred_phone: str = ""
    follow_up_due: date | None = None
    missing_materials: tuple[str, ...] = field(default=())


# Every text an inquiry carries, for the one control-character check (app.services.text_input).
INQUIRY_TEXT_LABELS: dict[str, Text] = {
    "asker_name": Text("来访人姓名", "The visitor's name"),
    "topic": Text("咨询事项", "The topic"),
    "asker_phone": Text("来访人电话", "The visitor's phone"),
    "answer": Text("答复内容", "The answer"),
    "outcome": Text("首问结果", "The outcome"),
    "referred_to": Text("转办对象", "Whom it is referred to"),
    "referred_contact": Text("转办联系人", "The referral contact"),
    "referred_phone": Text("转办对象电话", "The referral phone"),
    "missing_materials": Text("尚缺材料", "The missing materials"),
}
INQUIRY_MULTILINE = frozenset({"topic", "answer"})
CLOSE_NOTE = Text("办理结果", "The result")


@dataclass(frozen=True)
class InquiryResult:
    id: uuid.UUID
    outcome: str
    documents: tuple[str, ...]


def register_inquiry(
    session: Session, actor: Actor, data: InquiryInput, *, now: datetime | None = None
) -> InquiryResult:
    """Register an inquiry; the worker registering it becomes its owner."""
    now = now or utcnow()
    today = now.astimezone().date()
    check_fields(data, INQUIRY_TEXT_LABELS, multiline=INQUIRY_MULTILINE)
    name = data.asker_name.strip()
    if not name:
        raise DomainError(tr("请填写来访人姓名", "Enter the visitor's name"), field="asker_name")
    if data.outcome not in REGISTER_OUTCOMES:
        raise DomainError(tr(f"未知的首问结果：{data.outcome}", f"Unknown inquiry outcome: {data.outcome}"),
                          field="outcome")
    phone = optional_phone(data.asker_phone, field="asker_phone")
    item = None
    if data.item_id is not None:
        item = session.get(CatalogItem, data.item_id)
        if item is None:
            raise NotFound(ITEM_NOT_FOUND, field="item")
    if data.resident_id is not None and session.get(Resident, data.resident_id) is None:
        raise NotFound(RESIDENT_NOT_FOUND, field="resident")
    topic = data.topic.strip() or (item.name if item else "")
    if not topic:
        raise DomainError(tr("请填写咨询事项（选择目录中的事项或直接填写）",
                             "Enter what was asked about (choose a catalog item or type it)"), field="topic")
    answer = data.answer.strip()
    if data.outcome == INQ_ANSWERED and not answer:
        raise DomainError(tr("请填写答复内容", "Enter the answer given"), field="answer")
    referred_phone = ""
    if data.outcome == INQ_REFERRED:
        if not data.referred_to.strip():
            raise DomainError(tr("请填写转办到的岗位、部门或人员", "Enter the post, department or person it is referred to"),
                              field="referred_to")
        if not data.referred_phone.strip():
            raise DomainError(tr("请填写转办对象的联系电话", "Enter the phone number of whom it is referred to"),
                              field="referred_phone")
        referred_phone = optional_phone(data.referred_phone, field="referred_phone")
    if data.outcome == INQ_FOLLOW_UP and data.follow_up_due is None:
        raise DomainError(tr("请填写跟进答复的期限", "Enter the date by which to follow up"), field="follow_up_due")
    if data.follow_up_due is not None and data.follow_up_due < today:
        raise DomainError(tr("跟进期限不能早于今天", "The follow-up date cannot be before today"), field="follow_up_due")

    inquiry = Inquiry(
        center_id=actor.center_id,
        asker_name=name,
        asker_phone=phone,
        resident_id=current_resident_id(session, data.resident_id) if data.resident_id else None,
        item_id=item.id if item else None,
        topic=topic,
        answer=answer,
        outcome=data.outcome,
        referred_to=data.referred_to.strip() if data.outcome == INQ_REFERRED else "",
        referred_contact=data.referred_contact.strip() if data.outcome == INQ_REFERRED else "",
        referred_phone=referred_phone,
        follow_up_due=data.follow_up_due if data.outcome in (INQ_FOLLOW_UP, INQ_REFERRED) else None,
        missing_materials=list(data.missing_materials),
        owner_id=actor.staff_id,
        asked_at=now,
        closed_at=now if data.outcome == INQ_ANSWERED else None,
        closed_by=actor.staff_id if data.outcome == INQ_ANSWERED else None,
        created_at=now,
        updated_at=now,
    )
    session.add(inquiry)
    session.flush()
    record_change(session, inquiry)
    audit.record(session, actor, "create", entity="inquiry", entity_id=inquiry.id, now=now,
                 summary=f"首问登记（{OUTCOME_LABELS[data.outcome].zh}）：{topic}")  # the audit log is a record: Chinese
    return InquiryResult(inquiry.id, inquiry.outcome, OUTCOME_DOCUMENTS.get(inquiry.outcome, ()))


def record_notification(
    session: Session,
    actor: Actor,
    *,
    resident_id: uuid.UUID,
    item_id: uuid.UUID,
    missing_materials: tuple[str, ...] = (),
    note: str = "",
    now: datetime | None = None,
) -> InquiryResult:
    """一次性告知 only: the resident came to ask about an item. Registers an
    answered inquiry; the slip lists the item's materials with the missing ones marked."""
    check_text(note, field="note", label=Text("告知备注", "The note"), multiline=True)
    for material in missing_materials:
        check_text(material, field="missing_materials", label=INQUIRY_TEXT_LABELS["missing_materials"])
    resident = session.get(Resident, current_resident_id(session, resident_id))  # a merged record: the kept one
    if resident is None:
        raise NotFound(RESIDENT_NOT_FOUND, field="resident")
    item = session.get(CatalogItem, item_id)
    if item is None:
        raise NotFound(ITEM_NOT_FOUND, field="item")
    # The answer is the inquiry's record (synced, printed on the slip): Chinese.
    answer = "已一次性告知办理条件、所需材料、办理流程、时限和收费"
    if missing_materials:
        answer += "；尚缺：" + "、".join(missing_materials)
    if note.strip():
        answer += "。" + note.strip()
    result = register_inquiry(
        session, actor,
        InquiryInput(asker_name=resident.name, asker_phone=resident.phone, resident_id=resident.id,
                     item_id=item.id, topic=item.name, answer=answer, outcome=INQ_ANSWERED,
                     missing_materials=tuple(missing_materials)),
        now=now,
    )
    return InquiryResult(result.id, result.outcome, lifecycle.OUTCOME_DOCUMENTS[IntakeOutcome.NOTIFY_ONLY])


def close_inquiry(
    session: Session, actor: Actor, inquiry_id: uuid.UUID, note: str, *, now: datetime | None = None
) -> None:
    """The owner reports the result back and closes the inquiry (反馈办事结果)."""
    now = now or utcnow()
    check_text(note, field="note", label=CLOSE_NOTE, multiline=True)
    inquiry = _owned(session, actor, inquiry_id)
    if not note.strip():
        raise DomainError(tr("请填写办理结果或答复内容", "Enter the result or the answer given"), field="note")
    inquiry.closed_at = now
    inquiry.closed_by = actor.staff_id
    inquiry.close_note = note.strip()
    if inquiry.outcome == INQ_OPEN:
        inquiry.outcome = INQ_ANSWERED
        inquiry.answer = inquiry.answer or note.strip()
    inquiry.updated_at = now
    record_change(session, inquiry)
    acting_for = inquiry.owner_id if inquiry.owner_id != actor.staff_id and backup.is_away(
        session, inquiry.owner_id, now) else None
    audit.record(session, actor, "update", entity="inquiry", entity_id=inquiry.id, now=now,
                 summary=f"首问登记办结：{inquiry.topic}",
                 detail={"acting_for": str(acting_for)} if acting_for else None)


def _owned(session: Session, actor: Actor, inquiry_id: uuid.UUID) -> Inquiry:
    inquiry = session.get(Inquiry, inquiry_id)
    if inquiry is None:
        raise NotFound(_INQUIRY_NOT_FOUND, field="inquiry")
    if inquiry.closed_at is not None:
        raise DomainError(tr("该首问登记已经办结", "This inquiry is already closed"), field="inquiry")
    # AB角: whoever acts for an absent owner follows their inquiries up.
    if inquiry.owner_id != actor.staff_id and not actor.is_head and backup.acting_backup(
            session, inquiry.owner_id, utcnow()) != actor.staff_id:
        raise PermissionDenied(tr("首问登记由首问人负责到底，只有首问人或中心主任可以办结",
                                  "The first worker asked owns the inquiry to the end: only they or the center head "
                                  "can close it"), field="owner")
    return inquiry


# -- read models ----------------------------------------------------------------


@dataclass(frozen=True)
class InquiryRow:
    id: uuid.UUID
    asked_at: datetime
    asker_name: str
    phone_masked: str
    topic: str
    answer: str
    outcome: str
    owner_id: uuid.UUID
    owner_name: str
    referred_to: str
    referred_contact: str
    referred_phone: str
    follow_up_due: date | None
    closed_at: datetime | None
    close_note: str
    case_id: uuid.UUID | None
    item_id: uuid.UUID | None
    resident_id: uuid.UUID | None
    missing_materials: tuple[str, ...]
    sync_state: str = "pending"  # pending / synced / error (the county's reason in sync_error)
    sync_error: str = ""

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


def inquiry_rows(
    session: Session, *, open_only: bool = False, owner_id: uuid.UUID | None = None, limit: int = 300
) -> list[InquiryRow]:
    """Newest first; open ones with a follow-up date are what the owner must chase."""
    query = select(Inquiry, Staff.display_name).join(Staff, Staff.id == Inquiry.owner_id)
    if open_only:
        query = query.where(Inquiry.closed_at.is_(None))
    if owner_id is not None:
        query = query.where(Inquiry.owner_id == owner_id)
    rows = session.execute(query.order_by(Inquiry.asked_at.desc()).limit(limit)).all()
    return [_row(inquiry, owner) for inquiry, owner in rows]


def inquiry_row(session: Session, inquiry_id: uuid.UUID) -> InquiryRow:
    found = session.execute(
        select(Inquiry, Staff.display_name).join(Staff, Staff.id == Inquiry.owner_id).where(Inquiry.id == inquiry_id)
    ).first()
    if found is None:
        raise NotFound(_INQUIRY_NOT_FOUND, field="inquiry")
    return _row(*found)


def _row(inquiry: Inquiry, owner: str) -> InquiryRow:
    return InquiryRow(
        id=inquiry.id, asked_at=inquiry.asked_at, asker_name=inquiry.asker_name,
        phone_masked=mask_phone(inquiry.asker_phone) if inquiry.asker_phone else "", topic=inquiry.topic,
        answer=inquiry.answer, outcome=inquiry.outcome, owner_id=inquiry.owner_id, owner_name=owner,
        referred_to=inquiry.referred_to, referred_contact=inquiry.referred_contact,
        referred_phone=inquiry.referred_phone, follow_up_due=inquiry.follow_up_due, closed_at=inquiry.closed_at,
        close_note=inquiry.close_note, case_id=inquiry.case_id, item_id=inquiry.item_id,
        resident_id=inquiry.resident_id, missing_materials=tuple(inquiry.missing_materials or ()),
        sync_state=inquiry.sync_state, sync_error=inquiry.sync_error or "",
    )


@dataclass(frozen=True)
class FollowUpCounts:
    overdue: int
    due_soon: int
    waiting: int  # open with a date further off


def follow_up_counts(session: Session, *, today: date, calendar: WorkCalendar, soon_days: int = 1) -> FollowUpCounts:
    """Open inquiries with a follow-up date, for the 时限预警 board and badge."""
    dues = [due for due in session.scalars(
        select(Inquiry.follow_up_due).where(Inquiry.closed_at.is_(None), Inquiry.follow_up_due.is_not(None))
    ) if due is not None]  # the query leaves none out; the filter tells the type checker
    overdue = sum(1 for due in dues if due < today)
    soon = sum(1 for due in dues if due >= today and calendar.working_days_between(today, due) <= soon_days)
    return FollowUpCounts(overdue, soon, len(dues) - overdue - soon)


def follow_up_rows(session: Session) -> list[InquiryRow]:
    """Open inquiries with a follow-up date, earliest first (they never drop off until closed)."""
    rows = session.execute(
        select(Inquiry, Staff.display_name).join(Staff, Staff.id == Inquiry.owner_id)
        .where(Inquiry.closed_at.is_(None), Inquiry.follow_up_due.is_not(None))
        .order_by(Inquiry.follow_up_due, Inquiry.asked_at)
    ).all()
    return [_row(inquiry, owner) for inquiry, owner in rows]
