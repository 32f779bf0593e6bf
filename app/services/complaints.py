"""投诉举报 — the complaint register (GB/T 39046 complaint data items).

Every complaint is registered, answered by a committed date counted in
working days, and the answer told to the complainant:

    已登记 (registered) → 已答复 (answered) → 已告知 (told, closed)
    已登记 → 已上报县级 (escalated) → the county answers → 已告知

A complaint about the center itself may be escalated to the county; the
county's answer (``county_*`` fields) comes back down by pull and the desk
tells the complainant. Days overdue are worked out when read, never stored.

The rules a screen or the county needs (what comes next, the deadline
colour, days overdue, the public status) are pure functions here, called by
the desk's screens, the 时限预警 board, the printed slip and the county.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from app.clock import utcnow
from app.models import Case, Center, Complaint, Device, Rating, Staff
from app.models.outbox import record_change
from app.models.vocabulary import ComplaintSource, ComplaintStatus, ComplaintToldBy
from app.numbering import IssuedNumbers
from app.printing.documents.complaint_receipt import ComplaintReceiptData
from app.services import audit
from app.services.calendar import WorkCalendar
from app.services.cases import verification_code
from app.services.context import Actor
from app.services.errors import DomainError, NotFound
from app.services.identity import mask_phone, optional_phone
from app.services.queries import DL_DUE_SOON, DL_NONE, DL_ON_TIME, DL_OVERDUE  # a case's deadline colours
from app.services.text_input import check_fields, check_text
from app.text import Text, tr

CONTENT_MAX = 1000  # GB/T 39046: 投诉内容 ≤ 1000 characters
ANSWER_MAX = 500  # 反馈信息 ≤ 500 characters
TITLE_MAX = 100
DEFAULT_ANSWER_DAYS = 5  # working days; a simple complaint: the same or next day
MAX_ANSWER_DAYS = 15
MAX_EXTENSION_DAYS = 10


COMPLAINT_NOT_FOUND = Text("找不到该投诉登记", "Complaint record not found")


# -- pure rules ---------------------------------------------------------------------


def committed_answer_days(*, simple: bool, answer_days: int | None) -> int:
    """承诺答复时限 in working days: 5 by default, a simple complaint 0 (the
    same day) or 1 (the next day); refused outside the allowed range."""
    if answer_days is None:
        return 1 if simple else DEFAULT_ANSWER_DAYS
    if simple and answer_days not in (0, 1):
        raise DomainError(tr("简单投诉应当日或次日答复：承诺答复时限请填 0 或 1 个工作日",
                             "A simple complaint is answered the same or the next day: "
                             "enter 0 or 1 working day"), field="answer_days")
    if not 0 <= answer_days <= MAX_ANSWER_DAYS:
        raise DomainError(tr(f"承诺答复时限应为 0 至 {MAX_ANSWER_DAYS} 个工作日",
                             f"The committed answer time should be 0 to {MAX_ANSWER_DAYS} working days"),
                          field="answer_days")
    return answer_days


def answered_on(answered_at: datetime | None, county_answered_at: datetime | None,
                zone: tzinfo | None = None) -> date | None:
    """The local day the complaint was answered, at the desk or by the county
    (in ``zone``; the PC's own zone when not given)."""
    moment = answered_at or county_answered_at
    return moment.astimezone(zone).date() if moment is not None else None


def days_overdue(due: date, answered: date | None, today: date, *, calendar: WorkCalendar) -> int:
    """超期天数: working days after the committed date until it was answered
    (or until today while it is not); 0 when on time."""
    return max(0, calendar.working_days_between(due, answered or today))


def is_answered(status: str, county_answered_at: datetime | None) -> bool:
    return status in (ComplaintStatus.ANSWERED, ComplaintStatus.TOLD) or (
        status == ComplaintStatus.ESCALATED and county_answered_at is not None)


def deadline_state(status: str, due: date, county_answered_at: datetime | None, today: date, *,
                   calendar: WorkCalendar, soon_days: int = 1) -> str:
    """The 时限预警 colour of a complaint, in a case's words: an unanswered one
    by its committed date; an answered one not yet told is due now (the
    complainant is waiting); a closed one has none."""
    if status == ComplaintStatus.TOLD:
        return DL_NONE
    if is_answered(status, county_answered_at):
        return DL_DUE_SOON
    if today > due:
        return DL_OVERDUE
    if calendar.working_days_between(today, due) <= soon_days:
        return DL_DUE_SOON
    return DL_ON_TIME


def public_status(status: str, county_answered_at: datetime | None) -> Text:
    """What the complainant reads on the status page: status only, no content."""
    if status == ComplaintStatus.ESCALATED:
        return (Text("县级已答复，待告知", "Answered by the county, to be told") if county_answered_at
                else Text("已上报县级办理", "Escalated to the county"))
    return ComplaintStatus.text_of(status)


def next_step(status: str, due: date, county_answered_at: datetime | None, *, extended: bool,
              overdue_days: int = 0) -> Text:
    """What the worker does next, in one sentence."""
    if status == ComplaintStatus.REGISTERED and overdue_days > 0:
        return Text(f"已超过承诺答复日期 {overdue_days} 个工作日：请立即答复投诉人（已超期不能再延期）",
                    f"{overdue_days} working days past the committed date: answer now (it can no longer be extended)")
    if status == ComplaintStatus.REGISTERED:
        more = "" if extended else "；确需延长的，写明理由办理延期"
        more_en = "" if extended else "; if more time is truly needed, extend it with a reason"
        return Text(f"请在 {due:%Y-%m-%d} 前答复投诉人{more}", f"Answer by {due:%Y-%m-%d}{more_en}")
    if status == ComplaintStatus.ANSWERED:
        return Text("已答复：请将答复告知投诉人，并记录告知方式和时间",
                    "Answered: tell the complainant and record how and when")
    if status == ComplaintStatus.ESCALATED:
        if county_answered_at is not None:
            return Text("县级已答复：请将县级答复告知投诉人，并记录告知方式和时间",
                        "The county answered: tell the complainant and record how and when")
        return Text("已上报县级，等待县级答复（同步后显示）",
                    "Escalated: waiting for the county's answer (shown after a sync)")
    return Text("已办结，无需再处理", "Closed: nothing left to do")


# -- numbering ------------------------------------------------------------------------


def next_complaint_number(session: Session, device: Device, center: Center, day: date) -> str:
    """TS-center-device-date-sequence: unique without a network, never issued
    twice (the issued-numbers ledger outlives a restore, as for cases)."""
    prefix = f"TS-{center.code}-{device.device_number:02d}-{day:%Y%m%d}-"
    highest = session.scalar(
        select(func.max(Complaint.complaint_number)).where(Complaint.complaint_number.like(prefix + "%")))
    seq = int(highest.rsplit("-", 1)[1]) if highest else 0
    ledger: IssuedNumbers | None = session.info.get("issued_numbers")
    if ledger is not None:
        seq = max(seq, ledger.highest(prefix))
    seq += 1
    if ledger is not None:
        ledger.record(prefix, seq, day=day)
    return f"{prefix}{seq:04d}"


# -- use cases ------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintInput:
    """A complaint as the worker registers it."""

    title: str
    content: str
    subject: str  # 被投诉单位/人
    source: str = ComplaintSource.WINDOW
    anonymous: bool = False
    complainant_name: str = ""
    complainant_phone: str = ""
    work_order_number: str = ""  # 12345 工单号
    work_order_due: date | None = None  # the hotline's own deadline
    simple: bool = False
    answer_days: int | None = None  # None: 1 for a simple complaint, else 5
    handler_id: uuid.UUID | None = None  # None: the worker registering it
    case_id: uuid.UUID | None = None
    case_number: str = ""  # the case it came from, as typed (when no case_id is given)
    rating_id: uuid.UUID | None = None
    received_at: datetime | None = None  # a letter's day of arrival; None: now


_INPUT_LABELS = {
    "title": Text("投诉标题", "The title"), "content": Text("投诉内容", "The content"),
    "subject": Text("被投诉的单位或人员", "The unit or person complained about"),
    "source": Text("投诉来源", "The source"), "complainant_name": Text("投诉人姓名", "The complainant's name"),
    "complainant_phone": Text("投诉人电话", "The complainant's phone"),
    "work_order_number": Text("12345工单号", "The 12345 work-order number"),
    "case_number": Text("关联办件编号", "The case number"),
}


@dataclass(frozen=True)
class RegisteredComplaint:
    id: uuid.UUID
    complaint_number: str
    query_code: str
    answer_due: date


def _phone(text: str) -> str:
    try:
        return optional_phone(text, field="complainant_phone")
    except DomainError as error:
        raise DomainError(tr(f"投诉人联系电话有误：{error}", f"The complainant's phone is not valid: {error}"),
                          field="complainant_phone") from error


def _text(value: str, *, limit: int, field: str, zh: str, en: str, required: bool = True) -> str:
    value = check_text(value, field=field, label=Text(zh, en.capitalize()), multiline=True).strip()
    if required and not value:
        raise DomainError(tr(f"请填写{zh}", f"Enter the {en}"), field=field)
    if len(value) > limit:
        raise DomainError(tr(f"{zh}不能超过 {limit} 个字（现有 {len(value)} 个字）",
                             f"The {en} cannot be longer than {limit} characters (it has {len(value)})"),
                          field=field)
    return value


def _staff_of_center(session: Session, actor: Actor, staff_id: uuid.UUID) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None or staff.center_id != actor.center_id or not staff.active:
        raise NotFound(tr("找不到该承办人（须为本中心在用的工作人员）",
                          "The handler was not found (an active worker of this center)"), field="handler")
    return staff


def register_complaint(session: Session, actor: Actor, data: ComplaintInput, *, calendar: WorkCalendar,
                       now: datetime | None = None) -> RegisteredComplaint:
    """登记投诉: number it, give it a query code and a committed answer date."""
    now = now or utcnow()
    check_fields(data, _INPUT_LABELS, multiline={"content"})
    title = _text(data.title, limit=TITLE_MAX, field="title", zh="投诉标题", en="title")
    content = _text(data.content, limit=CONTENT_MAX, field="content", zh="投诉内容", en="complaint's content")
    subject = _text(data.subject, limit=100, field="subject", zh="被投诉的单位或人员", en="unit or person complained about")
    try:
        source = ComplaintSource(data.source)
    except ValueError:
        raise DomainError(tr(f"未知的投诉来源：{data.source}", f"Unknown source: {data.source}"),
                          field="source") from None
    work_order = data.work_order_number.strip()
    if source == ComplaintSource.HOTLINE_12345 and not work_order:
        raise DomainError(tr("来源为12345热线的投诉，请填写12345工单号", "Enter the 12345 work-order number"),
                          field="work_order_number")
    if len(work_order) > 40:
        raise DomainError(tr("12345工单号不能超过 40 个字符", "The work-order number is too long (40 at most)"),
                          field="work_order_number")
    name = data.complainant_name.strip()
    if not data.anonymous and not name:
        raise DomainError(tr("请填写投诉人姓名；不愿留名的请勾选“匿名”",
                             "Enter the complainant's name, or tick “anonymous”"), field="complainant_name")
    if len(name) > 60:
        raise DomainError(tr("投诉人姓名不能超过 60 个字", "The name is too long (60 at most)"), field="complainant_name")
    phone = _phone(data.complainant_phone)
    received_at = data.received_at or now
    if received_at > now:
        raise DomainError(tr("收到时间不能晚于现在", "The time received cannot be in the future"), field="received_at")
    days = committed_answer_days(simple=data.simple, answer_days=data.answer_days)
    received_on = received_at.astimezone().date()
    deadline = calendar.deadline(received_on, days)
    due = deadline.due
    if data.work_order_due is not None and data.work_order_due < due:
        due = data.work_order_due  # the hotline's deadline is the one to keep
    handler = _staff_of_center(session, actor, data.handler_id or actor.staff_id)
    case_id = data.case_id
    if case_id is None and data.case_number.strip():
        number = data.case_number.strip().upper()
        case_id = session.scalar(select(Case.id).where(Case.case_number == number))
        if case_id is None:
            raise NotFound(tr(f"找不到办件编号为 {number} 的办件", f"No case has the number {number}"), field="case_number")
    if case_id is not None and session.get(Case, case_id) is None:
        raise NotFound(tr("找不到所关联的办件", "The linked case was not found"), field="case")
    if data.rating_id is not None and session.get(Rating, data.rating_id) is None:
        raise NotFound(tr("找不到所关联的评价", "The linked rating was not found"), field="rating")
    device = session.get(Device, actor.device_id)
    center = session.get(Center, actor.center_id)
    assert device is not None and center is not None
    complaint = Complaint(
        center_id=center.id,
        complaint_number=next_complaint_number(session, device, center, now.astimezone().date()),
        query_code=verification_code(),
        title=title,
        anonymous=data.anonymous,
        complainant_name="" if data.anonymous and not name else name,
        complainant_phone=phone,
        subject=subject,
        source=source,
        work_order_number=work_order if source == ComplaintSource.HOTLINE_12345 else "",
        work_order_due=data.work_order_due if source == ComplaintSource.HOTLINE_12345 else None,
        content=content,
        case_id=case_id,
        rating_id=data.rating_id,
        received_by=actor.staff_id,
        received_at=received_at,
        handler_id=handler.id,
        simple=data.simple,
        answer_days=days,
        answer_due=due,
        due_provisional=deadline.provisional,
        status=ComplaintStatus.REGISTERED,
        created_at=now,
        updated_at=now,
    )
    session.add(complaint)
    session.flush()
    record_change(session, complaint)
    audit.record(session, actor, "create", entity="complaint", entity_id=complaint.id, now=now,
                 summary=f"投诉登记（{source.label.zh}）：{complaint.complaint_number} {title}")
    return RegisteredComplaint(complaint.id, complaint.complaint_number, complaint.query_code, complaint.answer_due)


def _complaint(session: Session, complaint_id: uuid.UUID) -> Complaint:
    complaint = session.get(Complaint, complaint_id)
    if complaint is None:
        raise NotFound(COMPLAINT_NOT_FOUND, field="complaint")
    return complaint


def _refuse_unless(complaint: Complaint, *allowed: ComplaintStatus, action: Text) -> None:
    if complaint.status not in allowed:
        now_label = ComplaintStatus.text_of(complaint.status)
        raise DomainError(tr(f"该投诉当前为「{now_label.zh}」，不能{action.zh}",
                             f"This complaint is “{now_label.en}”: it cannot be {action.en}"), field="status")


def _changed(session: Session, actor: Actor, complaint: Complaint, now: datetime, summary: str) -> None:
    complaint.updated_at = now
    complaint.sync_state = "pending"
    record_change(session, complaint)
    audit.record(session, actor, "update", entity="complaint", entity_id=complaint.id, now=now,
                 summary=f"{summary}：{complaint.complaint_number}")


def extend_complaint(session: Session, actor: Actor, complaint_id: uuid.UUID, *, extra_days: int, reason: str,
                     calendar: WorkCalendar, now: datetime | None = None) -> date:
    """延期答复: once, before the committed date has passed, with a reason.
    Returns the new committed date."""
    now = now or utcnow()
    complaint = _complaint(session, complaint_id)
    _refuse_unless(complaint, ComplaintStatus.REGISTERED, action=Text("延期", "extended"))
    reason = _text(reason, limit=500, field="reason", zh="延期理由", en="reason for the extension")
    if complaint.extended_from is not None:
        raise DomainError(tr("该投诉已经延期过一次，不能再延期", "This complaint was extended once already"),
                          field="extra_days")
    today = now.astimezone().date()
    if today > complaint.answer_due:
        raise DomainError(tr(f"延期须在承诺答复日期（{complaint.answer_due:%Y-%m-%d}）前办理；已超期的投诉请尽快答复",
                             f"An extension must be made before the committed date ({complaint.answer_due:%Y-%m-%d}); "
                             "answer an overdue complaint at once"), field="extra_days")
    if not 1 <= extra_days <= MAX_EXTENSION_DAYS:
        raise DomainError(tr(f"延长的时限应为 1 至 {MAX_EXTENSION_DAYS} 个工作日",
                             f"Extend by 1 to {MAX_EXTENSION_DAYS} working days"), field="extra_days")
    complaint.extended_from = complaint.answer_due
    complaint.answer_due = calendar.add_working_days(complaint.answer_due, extra_days)
    complaint.extension_reason = reason
    _changed(session, actor, complaint, now, f"投诉延期至 {complaint.answer_due:%Y-%m-%d}")
    return complaint.answer_due


def answer_complaint(session: Session, actor: Actor, complaint_id: uuid.UUID, answer: str, *,
                     now: datetime | None = None) -> None:
    """答复: the answer (≤ 500 characters) and its time."""
    now = now or utcnow()
    complaint = _complaint(session, complaint_id)
    _refuse_unless(complaint, ComplaintStatus.REGISTERED, action=Text("再答复", "answered again"))
    complaint.answer = _text(answer, limit=ANSWER_MAX, field="answer", zh="答复内容", en="answer")
    complaint.answered_at = now
    complaint.answered_by = actor.staff_id
    complaint.status = ComplaintStatus.ANSWERED
    _changed(session, actor, complaint, now, "投诉答复")


def record_told(session: Session, actor: Actor, complaint_id: uuid.UUID, *, told_by: str, note: str = "",
                told_at: datetime | None = None, now: datetime | None = None) -> None:
    """告知投诉人: how and when the answer reached the complainant; closes the complaint."""
    now = now or utcnow()
    complaint = _complaint(session, complaint_id)
    _refuse_unless(complaint, ComplaintStatus.ANSWERED, ComplaintStatus.ESCALATED,
                   action=Text("记录告知", "marked as told"))
    if complaint.status == ComplaintStatus.ESCALATED and complaint.county_answered_at is None:
        raise DomainError(tr("县级尚未答复，暂不能告知投诉人", "The county has not answered yet"), field="status")
    try:
        method = ComplaintToldBy(told_by)
    except ValueError:
        raise DomainError(tr("请选择告知方式", "Choose how the complainant was told"), field="told_by") from None
    moment = told_at or now
    answered = complaint.answered_at or complaint.county_answered_at
    if moment > now or (answered is not None and moment < answered):
        raise DomainError(tr("告知时间应在答复之后、不晚于现在", "The time told must be after the answer and not in the future"),
                          field="told_at")
    complaint.told_by = method
    complaint.told_complainant_at = moment
    complaint.told_note = _text(note, limit=500, field="told_note", zh="告知情况", en="note", required=False)
    complaint.told_staff_id = actor.staff_id
    complaint.status = ComplaintStatus.TOLD
    _changed(session, actor, complaint, now, f"投诉答复已告知（{method.label.zh}）")


def escalate_complaint(session: Session, actor: Actor, complaint_id: uuid.UUID, reason: str, *,
                       now: datetime | None = None) -> None:
    """上报县级: a complaint about the center itself goes to the county, which
    answers it. Any worker may escalate (so that nobody complained about can
    hold it back); the audit log names who did."""
    now = now or utcnow()
    complaint = _complaint(session, complaint_id)
    _refuse_unless(complaint, ComplaintStatus.REGISTERED, action=Text("上报县级", "escalated"))
    complaint.escalation_reason = _text(reason, limit=500, field="reason", zh="上报县级的理由",
                                        en="reason for escalating")
    complaint.escalated_at = now
    complaint.escalated_by = actor.staff_id
    complaint.status = ComplaintStatus.ESCALATED
    _changed(session, actor, complaint, now, "投诉上报县级")


def reveal_phone(session: Session, actor: Actor, complaint_id: uuid.UUID, *, now: datetime | None = None) -> str:
    """The complainant's full phone, to call them back; the look is audited."""
    complaint = _complaint(session, complaint_id)
    audit.record(session, actor, "view", entity="complaint", entity_id=complaint.id, now=now,
                 summary=f"查看投诉人完整电话：{complaint.complaint_number}")
    return complaint.complainant_phone


# -- read models ----------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintRow:
    """One complaint for the screens, the board and the slip (phone masked)."""

    id: uuid.UUID
    complaint_number: str
    query_code: str
    title: str
    anonymous: bool
    complainant_name: str
    phone_masked: str
    subject: str
    source: str
    work_order_number: str
    work_order_due: date | None
    content: str
    received_at: datetime
    received_by_name: str
    handler_name: str
    simple: bool
    answer_days: int
    answer_due: date
    due_provisional: bool
    extended_from: date | None
    extension_reason: str
    answer: str
    answered_at: datetime | None
    answered_by_name: str
    told_by: str
    told_at: datetime | None
    told_note: str
    status: str
    escalated_at: datetime | None
    escalation_reason: str
    county_answer: str
    county_answered_at: datetime | None
    county_officer: str
    case_id: uuid.UUID | None
    case_number: str
    rating_id: uuid.UUID | None
    days_overdue: int
    deadline: str
    next_step: str
    sync_state: str = "pending"
    sync_error: str = ""

    @property
    def is_open(self) -> bool:
        return self.status != ComplaintStatus.TOLD

    @property
    def complainant_label(self) -> str:
        return self.complainant_name or "匿名"


def _rows(session: Session, *conditions: ColumnElement[bool], today: date, calendar: WorkCalendar, soon_days: int = 1,
          order_by_due: bool = False, limit: int = 500) -> list[ComplaintRow]:
    receiver, handler, answerer = aliased(Staff), aliased(Staff), aliased(Staff)
    query = (
        select(Complaint, receiver.display_name, handler.display_name, answerer.display_name, Case.case_number)
        .join(receiver, receiver.id == Complaint.received_by)
        .outerjoin(handler, handler.id == Complaint.handler_id)
        .outerjoin(answerer, answerer.id == Complaint.answered_by)
        .outerjoin(Case, Case.id == Complaint.case_id)
        .where(*conditions)
    )
    if order_by_due:
        query = query.order_by(Complaint.answer_due, Complaint.complaint_number)
    else:
        query = query.order_by(Complaint.received_at.desc(), Complaint.complaint_number.desc())
    rows = session.execute(query.limit(limit)).all()
    return [_row(c, r, h, a, n, today=today, calendar=calendar, soon_days=soon_days) for c, r, h, a, n in rows]


def _row(c: Complaint, receiver: str, handler: str | None, answerer: str | None, case_number: str | None, *,
         today: date, calendar: WorkCalendar, soon_days: int) -> ComplaintRow:
    overdue = days_overdue(c.answer_due, answered_on(c.answered_at, c.county_answered_at), today, calendar=calendar)
    return ComplaintRow(
        id=c.id, complaint_number=c.complaint_number, query_code=c.query_code, title=c.title, anonymous=c.anonymous,
        complainant_name=c.complainant_name, phone_masked=mask_phone(c.complainant_phone), subject=c.subject,
        source=c.source, work_order_number=c.work_order_number, work_order_due=c.work_order_due, content=c.content,
        received_at=c.received_at, received_by_name=receiver, handler_name=handler or "", simple=c.simple,
        answer_days=c.answer_days, answer_due=c.answer_due, due_provisional=c.due_provisional,
        extended_from=c.extended_from, extension_reason=c.extension_reason, answer=c.answer,
        answered_at=c.answered_at, answered_by_name=answerer or "", told_by=c.told_by,
        told_at=c.told_complainant_at, told_note=c.told_note, status=c.status, escalated_at=c.escalated_at,
        escalation_reason=c.escalation_reason, county_answer=c.county_answer,
        county_answered_at=c.county_answered_at, county_officer=c.county_officer, case_id=c.case_id,
        case_number=case_number or "", rating_id=c.rating_id,
        days_overdue=overdue,
        deadline=deadline_state(c.status, c.answer_due, c.county_answered_at, today, calendar=calendar,
                                soon_days=soon_days),
        next_step=str(next_step(c.status, c.answer_due, c.county_answered_at, extended=c.extended_from is not None,
                                overdue_days=overdue)),
        sync_state=c.sync_state, sync_error=c.sync_error or "",
    )


def complaint_rows(session: Session, *, today: date, calendar: WorkCalendar, open_only: bool = False,
                   soon_days: int = 1, limit: int = 500) -> list[ComplaintRow]:
    """The register, newest first."""
    conditions: list[ColumnElement[bool]] = [Complaint.status != ComplaintStatus.TOLD] if open_only else []
    return _rows(session, *conditions, today=today, calendar=calendar, soon_days=soon_days, limit=limit)


def open_complaint_rows(session: Session, *, today: date, calendar: WorkCalendar,
                        soon_days: int = 1) -> list[ComplaintRow]:
    """Open complaints by committed date, for the 时限预警 board (they never drop off until told)."""
    return _rows(session, Complaint.status != ComplaintStatus.TOLD, today=today, calendar=calendar,
                 soon_days=soon_days, order_by_due=True)


def complaint_row(session: Session, complaint_id: uuid.UUID, *, today: date, calendar: WorkCalendar) -> ComplaintRow:
    found = _rows(session, Complaint.id == complaint_id, today=today, calendar=calendar)
    if not found:
        raise NotFound(COMPLAINT_NOT_FOUND, field="complaint")
    return found[0]


@dataclass(frozen=True)
class ComplaintCounts:
    overdue: int
    due_soon: int
    on_time: int


def complaint_counts(session: Session, *, today: date, calendar: WorkCalendar, soon_days: int = 1) -> ComplaintCounts:
    """Open complaints by deadline colour, for the 时限预警 badge."""
    rows = session.execute(
        select(Complaint.status, Complaint.answer_due, Complaint.county_answered_at)
        .where(Complaint.status != ComplaintStatus.TOLD)
    ).all()
    tally = {DL_OVERDUE: 0, DL_DUE_SOON: 0, DL_ON_TIME: 0, DL_NONE: 0}
    for status, due, county_answered in rows:
        tally[deadline_state(status, due, county_answered, today, calendar=calendar, soon_days=soon_days)] += 1
    return ComplaintCounts(tally[DL_OVERDUE], tally[DL_DUE_SOON], tally[DL_ON_TIME])


@dataclass(frozen=True)
class StaffChoice:
    id: uuid.UUID
    name: str


def handler_choices(session: Session, actor: Actor) -> list[StaffChoice]:
    """Who may handle a complaint: the center's active workers."""
    rows = session.execute(
        select(Staff.id, Staff.display_name).where(Staff.center_id == actor.center_id, Staff.at_work())
        .order_by(Staff.display_name)
    ).all()
    return [StaffChoice(staff_id, name) for staff_id, name in rows]


# -- the printed slip ---------------------------------------------------------------------

DOC_COMPLAINT_RECEIPT = "complaint_receipt"  # 投诉受理回执 (app.printing DOC_TYPES)


def complaint_slip_number(session: Session, complaint_id: uuid.UUID) -> tuple[str, str, str]:
    """(the stem of the slip's document numbers, the subject, the archive folder)."""
    complaint = _complaint(session, complaint_id)
    stem = f"TH-{complaint.complaint_number}"
    return stem, complaint.complaint_number, f"complaints/{complaint.received_at.astimezone():%Y-%m}"


def complaint_slip(session: Session, complaint_id: uuid.UUID, header: dict[str, Any]) -> ComplaintReceiptData:
    """投诉受理回执's data; ``header`` is the document header every paper carries."""
    complaint = _complaint(session, complaint_id)
    return ComplaintReceiptData(
        **header,
        complaint_number=complaint.complaint_number,
        query_code=complaint.query_code,
        title=complaint.title,
        source=ComplaintSource.text_of(complaint.source).zh,
        received_at=complaint.received_at,
        answer_due=complaint.answer_due,
        answer_days=complaint.answer_days,
        due_provisional=complaint.due_provisional,
        complainant_name="" if complaint.anonymous else complaint.complainant_name,
        complainant_phone=complaint.complainant_phone,
        work_order_number=complaint.work_order_number,
    )
