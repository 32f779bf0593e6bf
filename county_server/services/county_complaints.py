"""投诉举报 at the county: the public status lookup (number + query code,
status and dates only), the per-center register with personal data masked,
and the county's handling of escalated complaints.

The county's answer to an escalated complaint is written into the county's
own fields of the record (``county_*``) and logged to the center's
``records`` stream as a new version of the complaint, so the center's desks
receive it by pull like any change of the record. The desk that wrote the
record stays its last writer: the county's answer never turns that desk's
next change of the complaint into a conflict, and a desk's push never
overwrites the county's fields (services.push).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models.vocabulary import ComplaintSource, ComplaintStatus
from app.services.calendar import WorkCalendar
from app.services.complaints import ANSWER_MAX, days_overdue, deadline_state, public_status
from app.services.errors import DomainError, NotFound
from app.services.identity import mask_phone
from app.services.status_link import COMPLAINT_NUMBER_RE
from county_server import changelog
from county_server.models import Center, Complaint, CountyUser
from county_server.security import same_secret
from county_server.services.push import county_complaint_fields
from county_server.services.status_lookup import mask_name

#: Not yet answered by anyone: what "open" and "overdue" count on the dashboard.
UNANSWERED = or_(Complaint.status == ComplaintStatus.REGISTERED,
                 (Complaint.status == ComplaintStatus.ESCALATED) & Complaint.county_answered_at.is_(None))


DEFAULT_TZ = "Asia/Shanghai"  # the county's setting (COUNTY_TIMEZONE) is passed where known


def _calendar() -> WorkCalendar:
    return WorkCalendar.official()


# -- the public status page ----------------------------------------------------------


@dataclass(frozen=True)
class ComplaintStatusView:
    """What a complainant may see: the number, the status and the dates. No content, no names."""

    complaint_number: str
    center_name: str
    center_phone: str
    status_label: str
    received_at: datetime
    answer_due: date
    extended: bool
    answered_at: datetime | None
    told_at: datetime | None
    escalated_at: datetime | None
    closed: bool


def lookup_complaint(session: Session, complaint_number: str, code: str) -> ComplaintStatusView | None:
    """The complaint's status, or None when the number or the code is wrong (the same answer)."""
    complaint_number = complaint_number.strip().upper()
    code = code.strip().upper()
    if not COMPLAINT_NUMBER_RE.match(complaint_number) or not code or len(code) > 10:
        return None
    row = session.scalar(select(Complaint).where(Complaint.complaint_number == complaint_number))
    if row is None or not same_secret(row.query_code.upper(), code):
        return None
    center = session.get(Center, row.center_id)
    assert center is not None
    return ComplaintStatusView(
        complaint_number=row.complaint_number, center_name=center.name, center_phone=center.phone,
        status_label=public_status(row.status, row.county_answered_at).zh, received_at=row.received_at,
        answer_due=row.answer_due, extended=bool(row.data.get("extended_from")),
        answered_at=row.answered_at or row.county_answered_at, told_at=row.told_at, escalated_at=row.escalated_at,
        closed=row.status == ComplaintStatus.TOLD,
    )


# -- the register, masked ----------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintRecord:
    """One complaint for the county's pages: the complainant masked, the content whole."""

    id: uuid.UUID
    center_id: uuid.UUID
    center_code: str
    center_name: str
    complaint_number: str
    title: str
    subject: str
    source_label: str
    work_order_number: str
    complainant: str  # masked, or 匿名
    phone: str  # masked
    content: str
    status: str
    status_label: str
    received_at: datetime
    answer_due: date
    days_overdue: int
    deadline: str
    answer: str
    answered_at: datetime | None
    told_at: datetime | None
    escalated_at: datetime | None
    escalation_reason: str
    county_answer: str
    county_answered_at: datetime | None
    county_officer: str

    @property
    def awaits_county(self) -> bool:
        return self.status == ComplaintStatus.ESCALATED and self.county_answered_at is None


def _record(row: Complaint, center: Center, *, today: date, calendar: WorkCalendar, tz: str) -> ComplaintRecord:
    data = row.data
    answered = row.answered_at or row.county_answered_at
    anonymous = bool(data.get("anonymous")) or not data.get("complainant_name")
    return ComplaintRecord(
        id=row.id, center_id=center.id, center_code=center.code, center_name=center.name,
        complaint_number=row.complaint_number, title=str(data.get("title") or ""),
        subject=str(data.get("subject") or ""), source_label=ComplaintSource.text_of(data.get("source")).zh,
        work_order_number=str(data.get("work_order_number") or ""),
        complainant="匿名" if anonymous else mask_name(str(data.get("complainant_name") or "")),
        phone=mask_phone(str(data.get("complainant_phone") or "")), content=str(data.get("content") or ""),
        status=row.status, status_label=public_status(row.status, row.county_answered_at).zh,
        received_at=row.received_at, answer_due=row.answer_due,
        days_overdue=days_overdue(row.answer_due, answered.astimezone(ZoneInfo(tz)).date() if answered else None, today,
                                  calendar=calendar),
        deadline=deadline_state(row.status, row.answer_due, row.county_answered_at, today, calendar=calendar),
        answer=str(data.get("answer") or ""), answered_at=row.answered_at, told_at=row.told_at,
        escalated_at=row.escalated_at, escalation_reason=str(data.get("escalation_reason") or ""),
        county_answer=row.county_answer, county_answered_at=row.county_answered_at, county_officer=row.county_officer,
    )


def center_complaints(session: Session, center_id: uuid.UUID, *, today: date, open_only: bool = False,
                      limit: int = 500, tz: str = DEFAULT_TZ) -> list[ComplaintRecord]:
    """One center's complaints, newest first (the dashboard's drill-down)."""
    center = session.get(Center, center_id)
    if center is None:
        raise NotFound("找不到该服务中心", field="center")
    query = select(Complaint).where(Complaint.center_id == center_id)
    if open_only:
        query = query.where(Complaint.status != ComplaintStatus.TOLD)
    calendar = _calendar()
    rows = session.scalars(query.order_by(Complaint.received_at.desc()).limit(limit))
    return [_record(row, center, today=today, calendar=calendar, tz=tz) for row in rows]


def escalated_complaints(session: Session, *, today: date, waiting_only: bool = True,
                         limit: int = 500, tz: str = DEFAULT_TZ) -> list[ComplaintRecord]:
    """Complaints escalated to the county, those still waiting for its answer first."""
    query = select(Complaint, Center).join(Center, Center.id == Complaint.center_id).where(
        Complaint.status == ComplaintStatus.ESCALATED)
    if waiting_only:
        query = query.where(Complaint.county_answered_at.is_(None))
    calendar = _calendar()
    rows = session.execute(query.order_by(Complaint.answer_due, Complaint.complaint_number).limit(limit)).all()
    return [_record(row, center, today=today, calendar=calendar, tz=tz) for row, center in rows]


def complaint_record(session: Session, complaint_id: uuid.UUID, *, today: date,
                     tz: str = DEFAULT_TZ) -> ComplaintRecord:
    row = session.get(Complaint, complaint_id)
    if row is None:
        raise NotFound("找不到该投诉", field="complaint")
    center = session.get(Center, row.center_id)
    assert center is not None
    return _record(row, center, today=today, calendar=_calendar(), tz=tz)


# -- the county's answer -----------------------------------------------------------------------


def answer_escalated(session: Session, complaint_id: uuid.UUID, *, user: CountyUser, answer: str,
                     now: datetime) -> Complaint:
    """县级答复 of an escalated complaint; it reaches the center's desks with their next pull."""
    row = session.get(Complaint, complaint_id)
    if row is None:
        raise NotFound("找不到该投诉", field="complaint")
    changelog.lock_center(session, row.center_id)
    session.refresh(row)
    if row.status != ComplaintStatus.ESCALATED:
        raise DomainError(f"该投诉当前为「{ComplaintStatus.text_of(row.status).zh}」，未上报县级，由服务中心答复",
                          field="status")
    if row.county_answered_at is not None:
        raise DomainError("县级已答复过该投诉", field="status")
    answer = answer.strip()
    if not answer:
        raise DomainError("请填写县级答复内容", field="answer")
    if len(answer) > ANSWER_MAX:
        raise DomainError(f"答复内容不能超过 {ANSWER_MAX} 个字（现有 {len(answer)} 个字）", field="answer")
    row.county_answer = answer
    row.county_answered_at = now
    row.county_officer = user.department or user.display_name
    row.county_user_id = user.id
    row.data = row.data | county_complaint_fields(row)
    row.version += 1
    row.updated_at = now
    session.flush()
    changelog.append(session, scope=str(row.center_id), stream=changelog.RECORDS, entity="complaint",
                     entity_id=row.id, op="upsert", version=row.version, data=row.data)
    return row
