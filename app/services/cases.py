"""Intake (一窗受理) and case events, with committed deadlines (承诺时限).

Every change appends a CaseEvent (who, when, what, note) in the same unit of
work as the change to the case, and records an audit entry.
"""
from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import Case, CaseCounter, CaseEvent, CaseMaterial, CatalogItem, Center, Device, Inquiry, Resident
from app.models.outbox import CASE_PROJECTION, record_change
from app.models.records import payload_of
from app.models.service import INQ_CONVERTED
from app.models.vocabulary import CaseEventKind, CaseResult, CaseStatus, FieldMode, IntakeOutcome
from app.numbering import IssuedNumbers
from app.services import audit, backup, lifecycle
from app.services.calendar import WorkCalendar
from app.services.context import Actor
from app.services.errors import DomainError, NotFound
from app.services.resident_merge import current_resident_id
from app.services.text_input import check_fields, check_text
from app.text import Text, tr

# No 0/O, 1/I/L: the code is read aloud over the phone and typed on phones.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class MaterialReceipt:
    """What the worker ticked for one catalog material at intake."""

    catalog_material_id: uuid.UUID
    received_count: int
    received_form: str | None = None
    note: str = ""
    supply_by: date | None = None  # 容缺: the date the resident promised


@dataclass(frozen=True)
class IntakeRequest:
    resident_id: uuid.UUID
    item_id: uuid.UUID
    outcome: str
    materials: tuple[MaterialReceipt, ...] = ()
    note: str = ""
    reasons: str = ""  # 不予受理 reasons
    forwarded_to: str = ""
    expected_return: date | None = None
    supplement_by: date | None = None  # 补正: the date asked for, if any
    inquiry_id: uuid.UUID | None = None  # a 首问 inquiry this visit converts into a case
    extra: dict[str, Any] = field(default_factory=dict)
    field_mode: str = ""  # 外出服务: FieldMode (上门 / 巡回); "" at the window
    field_place: str = ""  # where: the village group and address


# Every text an intake carries, for the one control-character check (app.services.text_input).
INTAKE_TEXT_LABELS: dict[str, Text] = {
    "outcome": Text("受理结果", "The intake outcome"),
    "received_form": Text("材料形式", "The material's form"),
    "note": Text("备注", "The note"),
    "reasons": Text("不予受理理由", "The reasons for refusal"),
    "forwarded_to": Text("转报单位", "Where it is forwarded"),
    "extra": Text("附加信息", "The additional details"),
    "field_mode": Text("外出服务方式", "The kind of field service"),
    "field_place": Text("上门/巡回地点", "The place of the visit"),
}
INTAKE_MULTILINE = frozenset({"note", "reasons"})
EVENT_NOTE = Text("说明", "The note")
EVENT_FORWARDED_TO = Text("转报单位", "Where it is forwarded")


def verification_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))


def next_case_number(session: Session, device: Device, center: Center, day: date) -> str:
    """Center code + device number + date + sequence: unique without a network.

    The sequence continues after the highest of: this device's counter, the
    numbers in the table, and the issued-numbers ledger outside the database
    (which survives a restore from a backup).
    """
    counter = session.get(CaseCounter, (device.id, day))
    if counter is None:
        counter = CaseCounter(device_id=device.id, day=day, last_seq=0)
        session.add(counter)
    prefix = f"{center.code}-{device.device_number:02d}-{day:%Y%m%d}-"
    highest = session.scalar(select(func.max(Case.case_number)).where(Case.case_number.like(prefix + "%")))
    if highest:
        counter.last_seq = max(counter.last_seq, int(highest.rsplit("-", 1)[1]))
    ledger: IssuedNumbers | None = session.info.get("issued_numbers")
    if ledger is not None:
        counter.last_seq = max(counter.last_seq, ledger.highest(prefix))
    counter.last_seq += 1
    if ledger is not None:
        ledger.record(prefix, counter.last_seq, day=day)
    return f"{prefix}{counter.last_seq:04d}"


def _local_date(moment: datetime) -> date:
    return moment.astimezone().date()


def _append_event(
    session: Session,
    case: Case,
    actor: Actor,
    *,
    kind: str,
    from_status: str | None,
    to_status: str,
    now: datetime,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    seq = (session.scalar(select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case.id)) or 0) + 1
    event = CaseEvent(
        case_id=case.id,
        seq=seq,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        staff_id=actor.staff_id,
        occurred_at=now,
        note=note,
        data=data or {},
    )
    session.add(event)
    case.status = to_status
    case.updated_at = now
    case.sync_state = "pending"
    return event


def _set_deadlines(case: Case, item: CatalogItem, calendar: WorkCalendar, accepted_on: date) -> None:
    case.accepted_on = accepted_on
    committed = calendar.deadline(accepted_on, item.committed_days)
    statutory = calendar.deadline(accepted_on, item.statutory_days)
    case.committed_due = committed.due
    case.statutory_due = statutory.due
    # Flags the committed date the worker promises; the statutory date is shown beside it.
    case.due_provisional = committed.provisional


@dataclass(frozen=True)
class _Checklist:
    """The materials as taken at intake, and what is short of the catalog's count."""

    lines: list[CaseMaterial]
    missing_key: list[CaseMaterial]
    missing_other: list[CaseMaterial]


def _checklist(item: CatalogItem, request: IntakeRequest) -> _Checklist:
    receipts = {r.catalog_material_id: r for r in request.materials}
    checklist = _Checklist([], [], [])
    for material in item.materials:
        receipt = receipts.get(material.id)
        received = receipt.received_count if receipt else 0
        line = CaseMaterial(
            catalog_material_id=material.id,
            position=material.position,
            name=material.name,
            form=material.form,
            key=material.key,
            required_count=material.count,
            received_count=received,
            received_form=(receipt.received_form if receipt and receipt.received_form else
                           (material.form if received else None)),
            note=receipt.note if receipt else "",
            supply_by=receipt.supply_by if receipt else None,
        )
        checklist.lines.append(line)
        if received < material.count:
            (checklist.missing_key if material.key else checklist.missing_other).append(line)
    return checklist


def _current_item(session: Session, item_id: uuid.UUID) -> CatalogItem:
    item = session.get(CatalogItem, item_id)
    if item is None:
        raise NotFound(tr("找不到该服务事项", "The service item was not found"), field="item")
    if not item.catalog_version.is_current:
        version = item.catalog_version.version
        raise DomainError(
            tr(f"「{item.name}」属于已停用的目录版本 {version}，请在当前目录中重新选择事项",
               f"“{item.name}” belongs to the retired catalog version {version}: choose the item again "
               "from the current catalog"),
            field="item",
        )
    return item


def _refuse_unavailable(item: CatalogItem, outcome: IntakeOutcome, checklist: _Checklist) -> None:
    """The intake allows exactly the outcomes ``lifecycle.outcome_options`` offers."""
    option = lifecycle.outcome_options(
        handling_mode=item.handling_mode,
        allows_deferred=item.allows_deferred_materials,
        missing_key=[line.name for line in checklist.missing_key],
        missing_other=[line.name for line in checklist.missing_other],
    ).option(outcome)
    if option.refusal is not None:
        raise DomainError(str(option.refusal), field=option.field)


def _not_before(day: date | None, today: date, *, zh: str, en: str, field: str) -> None:
    if day is not None and day < today:
        raise DomainError(tr(f"{zh}不能早于今天", f"{en} cannot be before today"), field=field)


def _check_supplement(request: IntakeRequest, today: date) -> None:
    _not_before(request.supplement_by, today, zh="补正期限", en="The date to bring the materials by",
                field="supplement_by")


def _check_reject(request: IntakeRequest, today: date) -> None:
    if not request.reasons.strip():
        raise DomainError(tr("不予受理必须填写理由", "Give the reasons for not accepting"), field="reasons")


def _check_forward(request: IntakeRequest, today: date) -> None:
    if not request.forwarded_to.strip():
        raise DomainError(tr("请填写转报的部门", "Enter the department it is forwarded to"), field="forwarded_to")
    _not_before(request.expected_return, today, zh="预计返回日期", en="The expected return date",
                field="expected_return")


# What each outcome asks of the request beyond the materials.
_REQUEST_CHECKS: dict[IntakeOutcome, Callable[[IntakeRequest, date], None]] = {
    IntakeOutcome.SUPPLEMENT: _check_supplement,
    IntakeOutcome.REJECT: _check_reject,
    IntakeOutcome.FORWARD: _check_forward,
}


def _check_promised_dates(case: Case, missing_other: list[CaseMaterial], today: date) -> None:
    """容缺受理: each material to follow has a promised date, from today up to the committed date."""
    for line in missing_other:
        if line.supply_by is None:
            raise DomainError(tr(f"请填写「{line.name}」的承诺补交日期", f"Enter the date “{line.name}” is promised by"),
                              field="supply_by")
        _not_before(line.supply_by, today, zh=f"「{line.name}」的承诺补交日期", en=f"The date “{line.name}” is promised by",
                    field="supply_by")
        if case.committed_due and line.supply_by > case.committed_due:
            raise DomainError(
                tr(f"「{line.name}」的承诺补交日期不能晚于承诺办结日期 {case.committed_due:%Y-%m-%d}",
                   f"The date “{line.name}” is promised by cannot be after the committed date "
                   f"{case.committed_due:%Y-%m-%d}"),
                field="supply_by",
            )


def _intake_data(request: IntakeRequest, outcome: IntakeOutcome, checklist: _Checklist) -> dict[str, Any]:
    """What the first event records of the visit, for the documents and the county."""
    data: dict[str, Any] = {"outcome": outcome, "documents": list(lifecycle.OUTCOME_DOCUMENTS[outcome])}
    if request.reasons:
        data["reasons"] = request.reasons.strip()
    if request.forwarded_to:
        data["forwarded_to"] = request.forwarded_to.strip()
    if outcome == IntakeOutcome.SUPPLEMENT:
        data["missing"] = [line.name for line in checklist.missing_key + checklist.missing_other]
        if request.supplement_by:
            data["supplement_by"] = request.supplement_by.isoformat()
    return data


FIELD_PLACE_MAX = 200


def check_field_marking(mode: str, place: str) -> tuple[str, str]:
    """外出服务: a case taken away from the center is 上门 or 巡回, with its place."""
    place = place.strip()
    if not mode:
        return "", ""
    if mode not in {m.value for m in FieldMode}:
        raise DomainError(tr(f"未知的外出服务方式：{mode}", f"Unknown kind of field service: {mode}"), field="field_mode")
    label = FieldMode(mode).label
    if not place:
        raise DomainError(tr(f"{label.zh}办件请填写地点（村民小组、住址）",
                             f"Enter the place of the {label.en.lower()} (village group, address)"), field="field_place")
    if len(place) > FIELD_PLACE_MAX:
        raise DomainError(tr(f"上门/巡回地点不能超过 {FIELD_PLACE_MAX} 个字",
                             f"The place of the visit may not exceed {FIELD_PLACE_MAX} characters"), field="field_place")
    return mode, place


def take_in(
    session: Session,
    actor: Actor,
    request: IntakeRequest,
    *,
    calendar: WorkCalendar,
    now: datetime | None = None,
) -> Case:
    """一窗受理: record the visit's outcome as a new case with its first event."""
    now = now or utcnow()
    today = _local_date(now)
    check_fields(request, INTAKE_TEXT_LABELS, multiline=INTAKE_MULTILINE)
    if request.outcome not in lifecycle.INTAKE_OUTCOMES:
        raise DomainError(tr(f"未知的受理结果：{request.outcome}", f"Unknown intake outcome: {request.outcome}"),
                          field="outcome")
    outcome = IntakeOutcome(request.outcome)
    resident = session.get(Resident, current_resident_id(session, request.resident_id))  # a merged record: the kept one
    if resident is None:
        raise NotFound(tr("找不到该群众的登记信息", "The resident's record was not found"), field="resident")
    item = _current_item(session, request.item_id)
    device = session.get(Device, actor.device_id)
    center = session.get(Center, actor.center_id)
    assert device is not None and center is not None

    checklist = _checklist(item, request)
    _refuse_unavailable(item, outcome, checklist)
    # AB角: a new case of an absent A's item goes to whoever acts for A.
    handler = backup.intake_handler(session, center_id=center.id, item_code=item.code, taken_by=actor.staff_id, at=now)
    if outcome in _REQUEST_CHECKS:
        _REQUEST_CHECKS[outcome](request, today)
    field_mode, field_place = check_field_marking(request.field_mode, request.field_place)

    case = Case(
        case_number=next_case_number(session, device, center, today),
        verification_code=verification_code(),
        center_id=center.id,
        device_id=device.id,
        resident_id=resident.id,
        item_id=item.id,
        catalog_version=item.catalog_version.version,
        status=lifecycle.INTAKE_OUTCOMES[outcome],
        outcome=outcome,
        deferred_materials=outcome == IntakeOutcome.ACCEPT_DEFERRED,
        received_at=now,
        handled_by=handler.handler_id,
        window_no=actor.window_no,
        note=request.note,
        forwarded_to=request.forwarded_to.strip(),
        expected_return=request.expected_return,
        field_mode=field_mode,
        field_place=field_place,
        created_at=now,
        updated_at=now,
    )
    case.materials = checklist.lines
    if outcome not in (IntakeOutcome.SUPPLEMENT, IntakeOutcome.REJECT):
        _set_deadlines(case, item, calendar, today)
    if outcome == IntakeOutcome.ACCEPT_DEFERRED:
        _check_promised_dates(case, checklist.missing_other, today)
    if outcome == IntakeOutcome.DONE_ON_THE_SPOT:
        case.result = CaseResult.APPROVED
        case.completed_at = now
    session.add(case)
    session.flush()
    data = _intake_data(request, outcome, checklist)
    if handler.acting_for is not None:
        data["acting_for"] = str(handler.acting_for)
        data["handled_by"] = str(handler.handler_id)
    inquiry = None
    if request.inquiry_id is not None:
        inquiry = _convert_inquiry(session, actor, request.inquiry_id, case, now=now)
        data["inquiry_id"] = str(request.inquiry_id)
    intake = _append_event(
        session, case, actor, kind=outcome, from_status=None, to_status=case.status, now=now,
        note=request.note or request.reasons, data=data | request.extra,
    )
    # For the county: the case before its history, the inquiry it closes last (parents first).
    record_change(session, case)
    record_change(session, intake)
    if inquiry is not None:
        record_change(session, inquiry)
    audit.record(
        session, actor, "create", entity="case", entity_id=case.id, now=now,
        summary=f"{outcome.label.zh}：{case.case_number} {item.name}"
                + (f"（{FieldMode(field_mode).label.zh}：{field_place}）" if field_mode else ""),
        detail={"acting_for": str(handler.acting_for)} if handler.acting_for else None,
    )
    return case


def _convert_inquiry(session: Session, actor: Actor, inquiry_id: uuid.UUID, case: Case, *, now: datetime) -> Inquiry:
    inquiry = session.get(Inquiry, inquiry_id)
    if inquiry is None:
        raise NotFound(tr("找不到要转为办件的首问登记", "The inquiry to make into a case was not found"), field="inquiry")
    if inquiry.closed_at is not None:
        raise DomainError(tr("该首问登记已办结，不能再转为办件", "This inquiry is closed and cannot become a case"),
                          field="inquiry")
    inquiry.outcome = INQ_CONVERTED
    inquiry.case_id = case.id
    inquiry.resident_id = inquiry.resident_id or case.resident_id
    inquiry.item_id = inquiry.item_id or case.item_id
    inquiry.closed_at = now
    inquiry.closed_by = actor.staff_id
    inquiry.close_note = f"已转为办件 {case.case_number}"
    inquiry.updated_at = now
    inquiry.sync_state = "pending"
    audit.record(session, actor, "update", entity="inquiry", entity_id=inquiry.id, now=now,
                 summary=f"首问登记转为办件：{case.case_number}")
    return inquiry


@dataclass
class _EventChange:
    """One event being applied to a case: what its step reads, and what it sets."""

    session: Session
    case: Case
    calendar: WorkCalendar
    now: datetime
    today: date
    to_status: str
    data: dict[str, Any]
    result: str | None
    new_due: date | None
    forwarded_to: str
    expected_return: date | None
    details: Mapping[str, Any] = field(default_factory=dict)  # what an event's own form asked (see record_event)

    def item(self) -> CatalogItem:
        item = self.session.get(CatalogItem, self.case.item_id)
        assert item is not None
        return item


def _supplement_received(change: _EventChange) -> None:
    """补齐材料: the checklist is complete and the clock starts today."""
    case = change.case
    for line in case.materials:
        line.received_count = max(line.received_count, line.required_count)
    _set_deadlines(case, change.item(), change.calendar, change.today)
    if case.committed_due is not None:
        change.data["committed_due"] = case.committed_due.isoformat()


def _forward(change: _EventChange) -> None:
    if not change.forwarded_to.strip():
        raise DomainError(tr("请填写转报的部门", "Enter the department it is forwarded to"), field="forwarded_to")
    change.case.forwarded_to = change.forwarded_to.strip()
    change.case.expected_return = change.expected_return
    change.data["forwarded_to"] = change.case.forwarded_to


def _complete(change: _EventChange) -> None:
    if change.result not in (CaseResult.APPROVED, CaseResult.DENIED):
        raise DomainError(tr("请选择办结结果：准予或不予", "Choose the result: approved or denied"), field="result")
    change.case.result = change.result
    change.case.completed_at = change.now
    change.data["result"] = change.result


def _suspend(change: _EventChange) -> None:
    """补正暂停: the clock stops; the notice lists the materials the worker
    chose and the day to bring them by (the item's 补正期限 unless set)."""
    change.data["paused_on"] = change.today.isoformat()
    names = [str(name) for name in change.details.get("materials") or ()]
    known = {line.name for line in change.case.materials}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise DomainError(tr(f"补正材料不在本办件的材料清单中：{'、'.join(unknown)}",
                             f"Not on this case's materials list: {', '.join(unknown)}"), field="materials")
    if names:
        change.data["materials"] = names
    supply_by = change.details.get("supply_by")
    if supply_by is None:
        supply_by = change.calendar.add_working_days(change.today, change.item().supplement_days or 5)
    if not isinstance(supply_by, date) or supply_by <= change.today:
        raise DomainError(tr("补正期限须晚于今天", "The date to supply the materials by must be after today"),
                          field="supply_by")
    change.data["supply_by"] = supply_by.isoformat()


def _resume(change: _EventChange) -> None:
    """The clock restarts: both deadlines move by the working days it stood still."""
    case, calendar = change.case, change.calendar
    paused_on = _last_pause(change.session, case)
    paused = calendar.working_days_between(paused_on, change.today) if paused_on else 0
    if paused > 0 and case.committed_due is not None:
        case.committed_due = calendar.add_working_days(case.committed_due, paused)
    if paused > 0 and case.statutory_due is not None:
        case.statutory_due = calendar.add_working_days(case.statutory_due, paused)
    case.paused_working_days += paused
    change.data["paused_working_days"] = paused


def _extend(change: _EventChange) -> None:
    """延期: only before the committed date has passed, and to a later one."""
    case, new_due = change.case, change.new_due
    if case.committed_due is None:
        raise DomainError(tr("该办件没有承诺期限，无需延期", "This case has no committed date to extend"),
                          field="status")
    # While paused the clock stands still: what counts is the day it stopped.
    paused = case.status == CaseStatus.SUSPENDED
    reference = (_last_pause(change.session, case) or change.today) if paused else change.today
    if reference > case.committed_due:
        raise DomainError(
            tr(f"延期须在承诺期限（{case.committed_due:%Y-%m-%d}）届满前办理；已逾期的办件不能再延期",
               f"An extension must be made before the committed date ({case.committed_due:%Y-%m-%d}); "
               "an overdue case cannot be extended"),
            field="new_due",
        )
    if new_due is None or new_due <= case.committed_due:
        raise DomainError(tr("新的办结日期须晚于原承诺日期", "The new date must be after the committed date"),
                          field="new_due")
    approver = str(change.details.get("approved_by") or "").strip()
    if not approver:
        raise DomainError(tr("请填写批准延期的负责人（行政许可法第四十二条）",
                             "Enter who approved the extension (the head of the organ)"), field="approved_by")
    data: dict[str, Any] = {
        "old_due": case.committed_due.isoformat(), "new_due": new_due.isoformat(), "approved_by": approver,
        "days_added": change.calendar.working_days_between(case.committed_due, new_due),
    }
    basis = str(change.details.get("legal_basis") or "").strip()
    if basis:
        data["legal_basis"] = basis
    if case.statutory_due is not None:
        data["statutory_due"] = case.statutory_due.isoformat()
        if new_due > case.statutory_due:
            reason = str(change.details.get("past_statutory_reason") or "").strip()
            if not reason:
                raise DomainError(
                    tr(f"新的办结日期晚于法定期限（{case.statutory_due:%Y-%m-%d}），须写明超过法定期限的理由",
                       f"The new date is after the statutory date ({case.statutory_due:%Y-%m-%d}); "
                       "give the reason for going past it"),
                    field="past_statutory_reason")
            data["past_statutory_reason"] = reason
    change.data |= data
    case.committed_due = new_due


def _reopen(change: _EventChange) -> None:
    case = change.case
    case.result = None
    case.completed_at = None
    change.to_status = lifecycle.reopen_target(ever_accepted=case.accepted_on is not None, outcome=case.outcome)
    if change.to_status == CaseStatus.ACCEPTED:
        _set_deadlines(case, change.item(), change.calendar, change.today)


# What each event does to the case beyond moving its status (the others only move it).
_EVENT_STEPS: dict[CaseEventKind, Callable[[_EventChange], None]] = {
    CaseEventKind.SUPPLEMENT_RECEIVED: _supplement_received,
    CaseEventKind.FORWARD: _forward,
    CaseEventKind.COMPLETE: _complete,
    CaseEventKind.SUSPEND: _suspend,
    CaseEventKind.RESUME: _resume,
    CaseEventKind.EXTEND: _extend,
    CaseEventKind.REOPEN: _reopen,
}


def record_event(
    session: Session,
    actor: Actor,
    case_id: uuid.UUID,
    event: str,
    *,
    calendar: WorkCalendar,
    note: str = "",
    now: datetime | None = None,
    result: str | None = None,
    new_due: date | None = None,
    forwarded_to: str = "",
    expected_return: date | None = None,
    details: Mapping[str, Any] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> CaseEvent:
    """Apply one lifecycle event to a case, or refuse it with a clear message.

    ``details`` are what an event's own form asks: for 补正暂停 the
    ``materials`` (names on the case's list) and ``supply_by``; for 延期 the
    ``approved_by`` (required), ``legal_basis`` and, past the statutory
    date, ``past_statutory_reason`` (required then). ``extra`` is recorded
    on the event as it is, like ``IntakeRequest.extra`` (the 代办 details,
    app.services.proxy); its ``documents`` are issued besides the event's own."""
    now = now or utcnow()
    check_text(note, field="note", label=EVENT_NOTE, multiline=True)
    check_text(forwarded_to, field="forwarded_to", label=EVENT_FORWARDED_TO)
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(tr("找不到该办件", "The case was not found"), field="case")
    step = lifecycle.apply(case.status, event, is_head=actor.is_head)
    kind = CaseEventKind(step.event)
    before = payload_of(session, case)  # what the county knows of the case, bar this event
    if kind in lifecycle.REASON_REQUIRED and not note.strip():
        raise DomainError(tr(f"「{kind.label.zh}」必须填写原因", f"Give the reason to “{kind.label.en}”"), field="note")
    documents = lifecycle.EVENT_DOCUMENTS.get(kind, ())
    data: dict[str, Any] = {"documents": list(documents)} if documents else {}
    # AB角: work on an absent handler's case is done for them, and says so.
    acting_for = case.handled_by if case.handled_by != actor.staff_id and backup.is_away(
        session, case.handled_by, now) else None
    if acting_for is not None:
        data["acting_for"] = str(acting_for)
    change = _EventChange(
        session=session, case=case, calendar=calendar, now=now, today=_local_date(now), to_status=step.to_status,
        data=data, result=result, new_due=new_due,
        forwarded_to=forwarded_to, expected_return=expected_return, details=details or {},
    )
    if kind in _EVENT_STEPS:
        _EVENT_STEPS[kind](change)
    if change.to_status == CaseStatus.COMPLETED and case.completed_at is None:
        case.completed_at = now
    if extra:
        issued = [*change.data.get("documents", ()), *extra.get("documents", ())]
        change.data |= {key: value for key, value in extra.items() if key != "documents"}
        if issued:
            change.data["documents"] = issued
    ev = _append_event(
        session, case, actor, kind=kind, from_status=step.from_status, to_status=change.to_status,
        now=now, note=note.strip(), data=change.data,
    )
    # The event first: if the county refuses it, the case change made with it
    # is held back too. The case itself only when more than its status moved.
    record_change(session, ev)
    record_change(session, case, unless_only=CASE_PROJECTION, since=before)
    audit.record(
        session, actor, "update", entity="case", entity_id=case.id, now=now,
        summary=f"{kind.label.zh}：{case.case_number}",
        detail={"acting_for": str(acting_for)} if acting_for else None,
    )
    return ev


def _last_pause(session: Session, case: Case) -> date | None:
    event = session.scalar(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.kind == CaseEventKind.SUSPEND)
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    )
    if event is None or "paused_on" not in event.data:
        return None
    return date.fromisoformat(event.data["paused_on"])

