"""Forwarded cases (代办 / 转报) at the county: the work list and status events.

County events are ordinary case events (legal by app.services.lifecycle):
  received                -> note     (forwarded -> forwarded), county_action "received"
  returned for supplement -> return   (forwarded -> returned)
  completed, with result  -> return + complete (forwarded -> returned -> completed)
They go to the center's ``county_events`` stream, which its desks pull.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ids import uuid7
from app.models.vocabulary import CaseEventKind, CaseResult, CaseStatus
from app.services import lifecycle
from app.services.errors import DomainError, NotFound
from county_server import changelog
from county_server.models import Case, CaseEvent, Center, CountyUser, Resident
from county_server.models.records import ORIGIN_COUNTY
from county_server.rows import event_row

ACT_RECEIVED = "received"
ACT_RETURNED = "returned"  # 退回补正
ACT_COMPLETED = "completed"
COUNTY_ACTIONS = {ACT_RECEIVED: "县级已接收", ACT_RETURNED: "退回补充材料", ACT_COMPLETED: "县级已办结"}
RESULT_LABELS = {result.value: result.label.zh for result in CaseResult}


@dataclass(frozen=True)
class WorkItem:
    case: Case
    center: Center
    resident_name: str


def work_list(session: Session, *, center_id: uuid.UUID | None = None, limit: int = 500) -> list[WorkItem]:
    """Cases waiting at the county: forwarded and not yet returned, oldest first."""
    query = (
        select(Case, Center, Resident.name)
        .join(Center, Center.id == Case.center_id)
        .join(Resident, Resident.id == Case.resident_id)
        .where(Case.status == CaseStatus.FORWARDED)
        .order_by(Case.received_at)
        .limit(limit)
    )
    if center_id is not None:
        query = query.where(Case.center_id == center_id)
    return [WorkItem(case, center, name) for case, center, name in session.execute(query)]


def case_history(session: Session, case_id: uuid.UUID) -> list[CaseEvent]:
    return list(session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.position)))


def record_county_action(
    session: Session,
    *,
    case_id: uuid.UUID,
    action: str,
    user: CountyUser,
    now: datetime,
    note: str = "",
    result: str | None = None,
) -> list[CaseEvent]:
    """Record what the county did with a forwarded case; refuses illegal steps."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("找不到该办件", field="case")
    changelog.lock_center(session, case.center_id)
    session.refresh(case)
    if action not in COUNTY_ACTIONS:
        raise DomainError(f"未知的县级办理操作：{action}", field="action")
    if case.status != CaseStatus.FORWARDED:
        raise DomainError(
            f"办件当前状态为「{CaseStatus.text_of(case.status).zh}」，不在县级待办中",
            field="status",
        )
    note = note.strip()
    label = user.department or "县级部门"
    if action == ACT_RECEIVED:
        if case.county_received_at is not None:
            raise DomainError("该办件已登记接收", field="action")
        steps = [(CaseEventKind.NOTE, {"county_action": ACT_RECEIVED})]
        case.county_received_at = now
    elif action == ACT_RETURNED:
        if not note:
            raise DomainError("退回补正须写明需要补充的材料或原因", field="note")
        steps = [(CaseEventKind.RETURN, {"county_action": ACT_RETURNED})]
    else:
        if result not in RESULT_LABELS:
            raise DomainError("请选择办结结果：准予或不予", field="result")
        if result == CaseResult.DENIED and not note:
            raise DomainError("不予办理须写明理由", field="note")
        data = {"county_action": ACT_COMPLETED, "result": result}
        steps = [(CaseEventKind.RETURN, data), (CaseEventKind.COMPLETE, data)]
    events: list[CaseEvent] = []
    status = case.status
    for kind, data in steps:
        step = lifecycle.apply(status, kind, is_head=True)
        event = CaseEvent(
            id=uuid7(), case_id=case.id, center_id=case.center_id, position=case.event_count + 1,
            kind=kind, from_status=step.from_status, to_status=step.to_status, occurred_at=now,
            note=note, actor_label=label, origin=ORIGIN_COUNTY, county_user_id=user.id, recorded_at=now,
            data=dict(data),
        )
        session.add(event)
        case.event_count = event.position
        case.status = step.to_status
        status = step.to_status
        if kind == CaseEventKind.COMPLETE:
            case.result = result
            case.completed_at = now
        events.append(event)
    case.updated_at = now
    session.flush()
    records_head = changelog.head(session, str(case.center_id), changelog.RECORDS)
    for event in events:
        changelog.append(
            session, scope=str(case.center_id), stream=changelog.COUNTY_EVENTS, entity="case_event",
            entity_id=event.id, op="append",
            data=event_row(event) | {"case_status": case.status, "case_number": case.case_number,
                                     "records_seq": records_head},
        )
    return events
