"""Intake (一窗受理) and case events, with committed deadlines (承诺时限).

Every change appends a CaseEvent (who, when, what, note) in the same unit of
work as the change to the case, and records an audit entry.
"""
from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import Case, CaseCounter, CaseEvent, CaseMaterial, CatalogItem, Center, Device, Inquiry, Resident
from app.models.case import (
    RESULT_APPROVED,
    RESULT_DENIED,
    ST_ACCEPTED,
    ST_COMPLETED,
    ST_SUSPENDED,
)
from app.models.outbox import CASE_PROJECTION, record_change
from app.models.records import payload_of
from app.models.service import INQ_CONVERTED
from app.services import audit, lifecycle
from app.services.calendar import WorkCalendar
from app.services.context import Actor
from app.services.errors import DomainError, NotFound
from app.services.numbering import IssuedNumbers

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


def _names(lines: list[CaseMaterial]) -> str:
    return "、".join(line.name for line in lines)


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
    if request.outcome not in lifecycle.INTAKE_OUTCOMES:
        raise DomainError(f"未知的受理结果：{request.outcome}", field="outcome")
    resident = session.get(Resident, request.resident_id)
    if resident is None:
        raise NotFound("找不到该群众的登记信息", field="resident")
    item = session.get(CatalogItem, request.item_id)
    if item is None:
        raise NotFound("找不到该服务事项", field="item")
    if not item.catalog_version.is_current:
        raise DomainError(
            f"「{item.name}」属于已停用的目录版本 {item.catalog_version.version}，请在当前目录中重新选择事项",
            field="item",
        )
    device = session.get(Device, actor.device_id)
    center = session.get(Center, actor.center_id)
    assert device is not None and center is not None

    receipts = {r.catalog_material_id: r for r in request.materials}
    lines: list[CaseMaterial] = []
    missing_key: list[CaseMaterial] = []
    missing_other: list[CaseMaterial] = []
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
        lines.append(line)
        if received < material.count:
            (missing_key if material.key else missing_other).append(line)

    outcome = request.outcome
    if outcome in (lifecycle.OUT_ACCEPT, lifecycle.OUT_DONE_ON_THE_SPOT, lifecycle.OUT_FORWARD):
        if missing_key:
            raise DomainError(f"关键材料未收齐（{_names(missing_key)}），请选择「补正」", field="materials")
        if missing_other:
            hint = "「容缺受理」或「补正」" if item.allows_deferred_materials else "「补正」"
            raise DomainError(f"材料未收齐（{_names(missing_other)}），请选择{hint}", field="materials")
    if outcome == lifecycle.OUT_ACCEPT_DEFERRED:
        if not item.allows_deferred_materials:
            raise DomainError("该事项不允许容缺受理", field="outcome")
        if missing_key:
            raise DomainError(f"关键材料（{_names(missing_key)}）不能容缺，请选择「补正」", field="materials")
        if not missing_other:
            raise DomainError("材料已收齐，无需容缺受理，请选择「受理」", field="outcome")
    if outcome == lifecycle.OUT_SUPPLEMENT and not (missing_key or missing_other):
        raise DomainError("材料已收齐，无需补正", field="outcome")
    if outcome == lifecycle.OUT_SUPPLEMENT and request.supplement_by and request.supplement_by < today:
        raise DomainError("补正期限不能早于今天", field="supplement_by")
    if outcome == lifecycle.OUT_REJECT and not request.reasons.strip():
        raise DomainError("不予受理必须填写理由", field="reasons")
    if outcome == lifecycle.OUT_FORWARD:
        if not request.forwarded_to.strip():
            raise DomainError("请填写转报的部门", field="forwarded_to")
        if request.expected_return and request.expected_return < today:
            raise DomainError("预计返回日期不能早于今天", field="expected_return")

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
        deferred_materials=outcome == lifecycle.OUT_ACCEPT_DEFERRED,
        received_at=now,
        handled_by=actor.staff_id,
        window_no=actor.window_no,
        note=request.note,
        forwarded_to=request.forwarded_to.strip(),
        expected_return=request.expected_return,
        created_at=now,
        updated_at=now,
    )
    case.materials = lines
    if outcome not in (lifecycle.OUT_SUPPLEMENT, lifecycle.OUT_REJECT):
        _set_deadlines(case, item, calendar, today)
    if outcome == lifecycle.OUT_ACCEPT_DEFERRED:
        for line in missing_other:
            if line.supply_by is None:
                raise DomainError(f"请填写「{line.name}」的承诺补交日期", field="supply_by")
            if line.supply_by < today:
                raise DomainError(f"「{line.name}」的承诺补交日期不能早于今天", field="supply_by")
            if case.committed_due and line.supply_by > case.committed_due:
                raise DomainError(
                    f"「{line.name}」的承诺补交日期不能晚于承诺办结日期 {case.committed_due:%Y-%m-%d}",
                    field="supply_by",
                )
    if outcome == lifecycle.OUT_DONE_ON_THE_SPOT:
        case.result = RESULT_APPROVED
        case.completed_at = now
    session.add(case)
    session.flush()
    data: dict[str, Any] = {"outcome": outcome, "documents": list(lifecycle.OUTCOME_DOCUMENTS[outcome])}
    if request.reasons:
        data["reasons"] = request.reasons.strip()
    if request.forwarded_to:
        data["forwarded_to"] = request.forwarded_to.strip()
    if outcome == lifecycle.OUT_SUPPLEMENT:
        data["missing"] = [line.name for line in missing_key + missing_other]
        if request.supplement_by:
            data["supplement_by"] = request.supplement_by.isoformat()
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
        summary=f"{lifecycle.OUTCOME_LABELS[outcome]}：{case.case_number} {item.name}",
    )
    return case


def _convert_inquiry(session: Session, actor: Actor, inquiry_id: uuid.UUID, case: Case, *, now: datetime) -> Inquiry:
    inquiry = session.get(Inquiry, inquiry_id)
    if inquiry is None:
        raise NotFound("找不到要转为办件的首问登记", field="inquiry")
    if inquiry.closed_at is not None:
        raise DomainError("该首问登记已办结，不能再转为办件", field="inquiry")
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
) -> CaseEvent:
    """Apply one lifecycle event to a case, or refuse it with a clear message."""
    now = now or utcnow()
    today = _local_date(now)
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("找不到该办件", field="case")
    step = lifecycle.apply(case.status, event, is_head=actor.is_head)
    to_status = step.to_status
    before = payload_of(session, case)  # what the county knows of the case, bar this event
    if event in lifecycle.REASON_REQUIRED and not note.strip():
        raise DomainError(f"「{lifecycle.EVENT_LABELS[event]}」必须填写原因", field="note")
    data: dict[str, Any] = {}
    documents = lifecycle.EVENT_DOCUMENTS.get(event, ())
    if documents:
        data["documents"] = list(documents)
    if event == lifecycle.EV_SUPPLEMENT_RECEIVED:
        item = session.get(CatalogItem, case.item_id)
        assert item is not None
        for line in case.materials:
            line.received_count = max(line.received_count, line.required_count)
        _set_deadlines(case, item, calendar, today)
    elif event == lifecycle.EV_FORWARD:
        if not forwarded_to.strip():
            raise DomainError("请填写转报的部门", field="forwarded_to")
        case.forwarded_to = forwarded_to.strip()
        case.expected_return = expected_return
        data["forwarded_to"] = case.forwarded_to
    elif event == lifecycle.EV_COMPLETE:
        if result not in (RESULT_APPROVED, RESULT_DENIED):
            raise DomainError("请选择办结结果：准予或不予", field="result")
        case.result = result
        case.completed_at = now
        data["result"] = result
    elif event == lifecycle.EV_SUSPEND:
        data["paused_on"] = today.isoformat()
    elif event == lifecycle.EV_RESUME:
        paused_on = _last_pause(session, case)
        paused = calendar.working_days_between(paused_on, today) if paused_on else 0
        if paused > 0 and case.committed_due is not None:
            case.committed_due = calendar.add_working_days(case.committed_due, paused)
        if paused > 0 and case.statutory_due is not None:
            case.statutory_due = calendar.add_working_days(case.statutory_due, paused)
        case.paused_working_days += paused
        data["paused_working_days"] = paused
    elif event == lifecycle.EV_EXTEND:
        if case.committed_due is None:
            raise DomainError("该办件没有承诺期限，无需延期", field="status")
        # While paused the clock stands still: what counts is the day it stopped.
        reference = (_last_pause(session, case) or today) if case.status == ST_SUSPENDED else today
        if reference > case.committed_due:
            raise DomainError(
                f"延期须在承诺期限（{case.committed_due:%Y-%m-%d}）届满前办理；已逾期的办件不能再延期",
                field="new_due",
            )
        if new_due is None or new_due <= case.committed_due:
            raise DomainError("新的办结日期须晚于原承诺日期", field="new_due")
        data |= {"old_due": case.committed_due.isoformat(), "new_due": new_due.isoformat()}
        case.committed_due = new_due
    elif event == lifecycle.EV_REOPEN:
        case.result = None
        case.completed_at = None
        to_status = lifecycle.reopen_target(ever_accepted=case.accepted_on is not None, outcome=case.outcome)
        if to_status == ST_ACCEPTED:
            item = session.get(CatalogItem, case.item_id)
            assert item is not None
            _set_deadlines(case, item, calendar, today)
    if to_status == ST_COMPLETED and case.completed_at is None:
        case.completed_at = now
    if event == lifecycle.EV_SUPPLEMENT_RECEIVED and case.committed_due is not None:
        data["committed_due"] = case.committed_due.isoformat()
    ev = _append_event(
        session, case, actor, kind=event, from_status=step.from_status, to_status=to_status,
        now=now, note=note.strip(), data=data,
    )
    # The event first: if the county refuses it, the case change made with it
    # is held back too. The case itself only when more than its status moved.
    record_change(session, ev)
    record_change(session, case, unless_only=CASE_PROJECTION, since=before)
    audit.record(
        session, actor, "update", entity="case", entity_id=case.id, now=now,
        summary=f"{lifecycle.EVENT_LABELS[event]}：{case.case_number}",
    )
    return ev


def _last_pause(session: Session, case: Case) -> date | None:
    event = session.scalar(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.kind == lifecycle.EV_SUSPEND)
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    )
    if event is None or "paused_on" not in event.data:
        return None
    return date.fromisoformat(event.data["paused_on"])

