"""代办 — the village proxy (代办员) carries a resident's application up.

A 代办 is a case on the existing forward flow; what makes it one is the
``proxy`` entry its events carry (synced with them, append-only like them):

1. 委托 (``entrust``): the intake, with the proxy named and the materials
   handed over; it issues the 代办委托书. The proxy must take them up within
   ``proxy_send_days`` working days (3 unless the center sets otherwise).
   Forwarded at intake (代办转报), the sending is the same day.
2. 送出 (``send_up``): the FORWARD event; the result is due back within the
   item's committed days (working days, app.services.calendar). A case sent
   up again after it came back is 续办 and issues the 续办委托书.
3. Back: RETURN and COMPLETE as for any case.
4. 交还 (``hand_back``): the DELIVER event; the result and the originals go
   back to the resident, who signs the 代办办结单.
   Or 终止 (``terminate``): the WITHDRAW event with the 代办终止单.

Until 3 or 4 the materials are in the proxy's hands: ``open_errands`` lists
them for the worker's board (今日).
"""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import printing as p
from app.clock import to_local, utcnow
from app.models import Case, CaseEvent, CatalogItem, Resident, Staff
from app.models.vocabulary import CaseEventKind, CaseResult, CaseStatus, IntakeOutcome
from app.printing.documents import proxy_forms as forms
from app.services import cases, lifecycle, settings
from app.services.calendar import WorkCalendar
from app.services.context import Actor
from app.services.errors import DomainError, NotFound
from app.services.identity import optional_phone
from app.services.text_input import check_text
from app.text import Text, tr

DOC_MANDATE = "proxy_mandate"  # 代办委托书
DOC_TERMINATION = "proxy_termination"  # 代办终止单
DOC_RENEWAL = "proxy_renewal"  # 续办委托书
DOC_COMPLETION = "proxy_completion"  # 代办办结单
DOCUMENTS = (DOC_MANDATE, DOC_TERMINATION, DOC_RENEWAL, DOC_COMPLETION)

#: 代办送达时限: working days from 委托 to the materials reaching the town or county.
SEND_DAYS = settings.SettingSpec("proxy_send_days", 3, int)

PROXY = "proxy"  # the key of the 代办 entry in an event's data
ACT_ENTRUST, ACT_SEND, ACT_RENEW, ACT_HAND_BACK, ACT_TERMINATE = "entrust", "send", "renew", "hand_back", "terminate"

# Where an errand stands.
STAGE_TO_SEND = "to_send"  # the proxy holds the materials, not yet taken up
STAGE_SENT = "sent"  # at the town or county
STAGE_BACK = "back"  # the result is back, to hand to the resident
STAGE_CLOSED = "closed"  # handed back or terminated: nothing in the proxy's hands
STAGE_LABELS = {
    STAGE_TO_SEND: Text("待送出", "To take up"),
    STAGE_SENT: Text("已送出，待返回", "Taken up, awaiting the result"),
    STAGE_BACK: Text("结果已返回，待交还", "Result back, to hand over"),
    STAGE_CLOSED: Text("已交还", "Handed back"),
}

_ENTRUST_OUTCOMES = (IntakeOutcome.ACCEPT, IntakeOutcome.ACCEPT_DEFERRED, IntakeOutcome.FORWARD)
_AGENT = Text("代办员姓名", "The proxy's name")
_AGENT_PHONE = Text("代办员电话", "The proxy's phone")
_HANDED_BACK = Text("交还的办理结果", "What is handed back")


@dataclass(frozen=True)
class ProxyAgent:
    """Who carries the errand: a proxy's account (``staff_id``) or a named villager."""

    name: str
    phone: str = ""
    staff_id: uuid.UUID | None = None


def send_days(session: Session) -> int:
    return int(settings.get(session, SEND_DAYS))


def set_send_days(session: Session, days: int) -> None:
    if not 1 <= days <= 15:
        raise DomainError(tr("代办送达时限应在 1 到 15 个工作日之间", "The time to take materials up should be 1 to 15 "
                             "working days"), field="proxy_send_days")
    settings.put(session, SEND_DAYS, days)


def _local_date(moment: datetime) -> date:
    return moment.astimezone().date()


def _check_agent(agent: ProxyAgent) -> ProxyAgent:
    name = check_text(agent.name, field="agent_name", label=_AGENT).strip()
    if not name:
        raise DomainError(tr("请填写代办员姓名", "Enter the proxy's name"), field="agent_name")
    if len(name) > 50:
        raise DomainError(tr("代办员姓名不能超过50个字", "The proxy's name is at most 50 characters"), field="agent_name")
    check_text(agent.phone, field="agent_phone", label=_AGENT_PHONE)
    return replace(agent, name=name, phone=optional_phone(agent.phone, field="agent_phone"))


def entrust(
    session: Session, actor: Actor, request: cases.IntakeRequest, agent: ProxyAgent, *,
    calendar: WorkCalendar, now: datetime | None = None,
) -> Case:
    """代办委托: take the case in for the proxy to carry up, with the 代办委托书."""
    now = now or utcnow()
    if request.outcome not in _ENTRUST_OUTCOMES:
        raise DomainError(tr("代办须受理、容缺受理或代办转报；请选择其中之一",
                             "A proxy errand is accepted, accepted with materials to follow, or forwarded: "
                             "choose one of them"), field="outcome")
    agent = _check_agent(agent)
    today = _local_date(now)
    info: dict[str, Any] = {
        "action": ACT_ENTRUST, "agent": agent.name, "agent_phone": agent.phone,
        "agent_staff_id": str(agent.staff_id) if agent.staff_id else None,
        "entrusted_on": today.isoformat(),
        "send_by": calendar.add_working_days(today, send_days(session)).isoformat(),
    }
    if request.forwarded_to.strip():
        info["forwarded_to"] = request.forwarded_to.strip()
    if request.outcome == IntakeOutcome.FORWARD:  # 代办转报: taken up the same day
        item = session.get(CatalogItem, request.item_id)
        if item is not None:
            info |= {"sent_on": today.isoformat(),
                     "return_by": calendar.deadline(today, item.committed_days).due.isoformat()}
    documents = [*lifecycle.OUTCOME_DOCUMENTS[IntakeOutcome(request.outcome)], DOC_MANDATE]
    extra = dict(request.extra) | {PROXY: info, "documents": documents}
    return cases.take_in(session, actor, replace(request, extra=extra), calendar=calendar, now=now)


def send_up(
    session: Session, actor: Actor, case_id: uuid.UUID, *, forwarded_to: str, calendar: WorkCalendar,
    note: str = "", now: datetime | None = None,
) -> CaseEvent:
    """送出: the proxy took the materials to ``forwarded_to``. Sent again after
    the case came back, it is 续办: the reason is required and the 续办委托书 is issued."""
    now = now or utcnow()
    case = _case(session, case_id)
    errand = _require_errand(session, case)
    renewal = errand.sent_on is not None
    if renewal and not note.strip():
        raise DomainError(tr("续办须写明原因（如：补齐材料后续办）", "Give the reason the errand goes on"), field="note")
    item = session.get(CatalogItem, case.item_id)
    assert item is not None
    today = _local_date(now)
    return_by = calendar.deadline(today, item.committed_days).due
    info = {"action": ACT_RENEW if renewal else ACT_SEND, "sent_on": today.isoformat(),
            "return_by": return_by.isoformat(), "forwarded_to": forwarded_to.strip()}
    if renewal:
        info["send_by"] = today.isoformat()
    return cases.record_event(
        session, actor, case_id, CaseEventKind.FORWARD, calendar=calendar, note=note, now=now,
        forwarded_to=forwarded_to, expected_return=return_by,
        extra={PROXY: info, "documents": [DOC_RENEWAL] if renewal else []},
    )


def hand_back(
    session: Session, actor: Actor, case_id: uuid.UUID, *, handed_back: Sequence[str], calendar: WorkCalendar,
    note: str = "", now: datetime | None = None,
) -> CaseEvent:
    """交还: the result and the originals are back with the resident, who signs the 代办办结单."""
    case = _case(session, case_id)
    _require_errand(session, case)
    things = [check_text(thing, field="handed_back", label=_HANDED_BACK).strip() for thing in handed_back]
    things = [thing for thing in things if thing]
    return cases.record_event(
        session, actor, case_id, CaseEventKind.DELIVER, calendar=calendar, note=note, now=now,
        extra={PROXY: {"action": ACT_HAND_BACK, "handed_back": things}, "documents": [DOC_COMPLETION]},
    )


def terminate(
    session: Session, actor: Actor, case_id: uuid.UUID, *, reason: str, calendar: WorkCalendar,
    now: datetime | None = None,
) -> CaseEvent:
    """终止: the errand stops (withdrawn), the materials go back; the 代办终止单."""
    case = _case(session, case_id)
    _require_errand(session, case)
    if not reason.strip():
        raise DomainError(tr("请填写终止代办的原因", "Give the reason the errand stops"), field="note")
    return cases.record_event(
        session, actor, case_id, CaseEventKind.WITHDRAW, calendar=calendar, note=reason, now=now,
        extra={PROXY: {"action": ACT_TERMINATE}, "documents": [DOC_TERMINATION]},
    )


# -- where an errand stands ----------------------------------------------------------------


@dataclass(frozen=True)
class Errand:
    """A case's 代办, folded from its events' ``proxy`` entries (plain data)."""

    case_id: uuid.UUID
    agent_name: str
    agent_phone: str
    agent_staff_id: uuid.UUID | None
    entrusted_on: date
    send_by: date | None
    sent_on: date | None
    return_by: date | None
    forwarded_to: str
    stage: str
    handed_back: tuple[str, ...] = ()
    renewed_on: date | None = None
    renew_reason: str = ""
    terminated_on: date | None = None
    terminate_reason: str = ""
    handed_back_on: date | None = None

    def overdue(self, today: date) -> Text | None:
        """Why the errand is late, or None."""
        if self.stage == STAGE_TO_SEND and self.send_by is not None and today > self.send_by:
            return Text(f"逾期未送出（应于{self.send_by:%m-%d}前）", f"Not taken up by {self.send_by:%m-%d}")
        if self.stage == STAGE_SENT and self.return_by is not None and today > self.return_by:
            return Text(f"结果逾期未返回（应于{self.return_by:%m-%d}前）", f"Result not back by {self.return_by:%m-%d}")
        return None

    @property
    def due(self) -> date | None:
        return self.send_by if self.stage == STAGE_TO_SEND else self.return_by if self.stage == STAGE_SENT else None


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


class _Event:
    """What the fold reads of an event (a row of the query or a CaseEvent)."""

    __slots__ = ("data", "kind", "note", "occurred_at", "to_status")

    def __init__(self, kind: str, to_status: str, data: dict[str, Any], note: str, occurred_at: datetime) -> None:
        self.kind, self.to_status, self.data, self.note, self.occurred_at = kind, to_status, data, note, occurred_at


def fold(case_id: uuid.UUID, events: Iterable[_Event | CaseEvent]) -> Errand | None:
    """The errand a case's history (in order, refused events left out) describes; None if no proxy carries it."""
    errand: Errand | None = None
    for event in events:
        info = (event.data or {}).get(PROXY)
        if errand is None:
            if not isinstance(info, dict) or info.get("action") != ACT_ENTRUST:
                continue
            sent = _day(info.get("sent_on"))
            staff = info.get("agent_staff_id")
            errand = Errand(
                case_id=case_id, agent_name=str(info.get("agent") or ""), agent_phone=str(info.get("agent_phone") or ""),
                agent_staff_id=uuid.UUID(str(staff)) if staff else None,
                entrusted_on=_day(info.get("entrusted_on")) or _local_date(event.occurred_at),
                send_by=_day(info.get("send_by")), sent_on=sent, return_by=_day(info.get("return_by")),
                forwarded_to=str(info.get("forwarded_to") or ""), stage=STAGE_SENT if sent else STAGE_TO_SEND,
            )
            continue
        day = _local_date(event.occurred_at)
        action = info.get("action") if isinstance(info, dict) else None
        if action in (ACT_SEND, ACT_RENEW) and isinstance(info, dict):
            errand = replace(errand, stage=STAGE_SENT, sent_on=_day(info.get("sent_on")) or day,
                             return_by=_day(info.get("return_by")),
                             forwarded_to=str(info.get("forwarded_to") or errand.forwarded_to))
            if action == ACT_RENEW:
                errand = replace(errand, renewed_on=day, renew_reason=event.note)
        elif action == ACT_HAND_BACK and isinstance(info, dict):
            errand = replace(errand, stage=STAGE_CLOSED, handed_back_on=day,
                             handed_back=tuple(str(x) for x in info.get("handed_back") or ()))
        elif action == ACT_TERMINATE:
            errand = replace(errand, stage=STAGE_CLOSED, terminated_on=day, terminate_reason=event.note)
        elif event.kind == CaseEventKind.FORWARD:  # sent up by the plain case action
            errand = replace(errand, stage=STAGE_SENT, sent_on=errand.sent_on or day)
        elif event.to_status in (CaseStatus.RETURNED, CaseStatus.COMPLETED) and errand.stage != STAGE_CLOSED:
            errand = replace(errand, stage=STAGE_BACK)
        elif event.to_status in (CaseStatus.DELIVERED, CaseStatus.WITHDRAWN, CaseStatus.REJECTED):
            errand = replace(errand, stage=STAGE_CLOSED)
        elif event.to_status in (CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS) and errand.stage == STAGE_CLOSED:
            errand = replace(errand, stage=STAGE_BACK)  # reopened: the errand is the worker's again
    return errand


def _history(session: Session, case_ids: Sequence[uuid.UUID] | None = None,
             statuses: Sequence[str] | None = None) -> dict[uuid.UUID, list[_Event]]:
    query = (select(CaseEvent.case_id, CaseEvent.kind, CaseEvent.to_status, CaseEvent.data, CaseEvent.note,
                    CaseEvent.occurred_at)
             .join(Case, Case.id == CaseEvent.case_id)
             .where(CaseEvent.refused == "")
             .order_by(CaseEvent.case_id, CaseEvent.seq))
    if case_ids is not None:
        query = query.where(CaseEvent.case_id.in_(case_ids))
    if statuses is not None:
        query = query.where(Case.status.in_(statuses))
    found: dict[uuid.UUID, list[_Event]] = {}
    for case_id, kind, to_status, data, note, occurred in session.execute(query):
        found.setdefault(case_id, []).append(_Event(kind, to_status, data or {}, note, occurred))
    return found


def errands_of(session: Session, case_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Errand]:
    """The errands among ``case_ids`` (cases no proxy carries are left out)."""
    found: dict[uuid.UUID, Errand] = {}
    for start in range(0, len(case_ids), 500):
        for case_id, events in _history(session, case_ids[start:start + 500]).items():
            errand = fold(case_id, events)
            if errand is not None:
                found[case_id] = errand
    return found


def errand_of(session: Session, case_id: uuid.UUID) -> Errand | None:
    return fold(case_id, _history(session, [case_id]).get(case_id, ()))


def _case(session: Session, case_id: uuid.UUID) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(tr("找不到该办件", "The case was not found"), field="case")
    return case


def _require_errand(session: Session, case: Case) -> Errand:
    errand = errand_of(session, case.id)
    if errand is None:
        raise DomainError(tr("该办件不是代办件（没有代办委托书）", "This case is not a proxy errand (no mandate)"),
                          field="case")
    return errand


@dataclass(frozen=True)
class ErrandRow:
    """An open errand for the board and the 代办 screen: materials still out."""

    errand: Errand
    case_number: str
    resident_name: str
    item_name: str
    handled_by: uuid.UUID
    material_count: int
    status: str


# Every status an errand with materials out can be in (the closed ones hand them back).
_OUT = (CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS, CaseStatus.SUSPENDED, CaseStatus.FORWARDED,
        CaseStatus.RETURNED, CaseStatus.COMPLETED, CaseStatus.NEEDS_SUPPLEMENT)


def open_errands(session: Session) -> list[ErrandRow]:
    """The errands whose materials are in the proxy's hands, the most urgent first."""
    histories = _history(session, statuses=_OUT)
    errands = [e for e in (fold(case_id, events) for case_id, events in histories.items())
               if e is not None and e.stage != STAGE_CLOSED]
    if not errands:
        return []
    rows = session.execute(
        select(Case.id, Case.case_number, Resident.name, CatalogItem.name, Case.handled_by, Case.status)
        .join(Resident, Resident.id == Case.resident_id).join(CatalogItem, CatalogItem.id == Case.item_id)
        .where(Case.id.in_([e.case_id for e in errands]))
    ).all()
    facts = {r[0]: r for r in rows}
    counts = _material_counts(session, [e.case_id for e in errands])
    found = [ErrandRow(errand=e, case_number=facts[e.case_id][1], resident_name=facts[e.case_id][2],
                       item_name=facts[e.case_id][3], handled_by=facts[e.case_id][4],
                       material_count=counts.get(e.case_id, 0), status=facts[e.case_id][5])
             for e in errands]
    return sorted(found, key=lambda r: (r.errand.due or date.max, r.case_number))


def _material_counts(session: Session, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    from sqlalchemy import func

    from app.models import CaseMaterial

    return dict(session.execute(
        select(CaseMaterial.case_id, func.sum(CaseMaterial.received_count))
        .where(CaseMaterial.case_id.in_(case_ids), CaseMaterial.received_count > 0)
        .group_by(CaseMaterial.case_id)
    ).tuples().all())


# -- the forms -----------------------------------------------------------------------------


def form_builder(doc_type: str) -> Callable[[Session, uuid.UUID | None, dict[str, Any]], p.Document]:
    """The builder of one 代办 form, for the documents' registry."""

    def build(session: Session, case_id: uuid.UUID | None, header: dict[str, Any]) -> p.Document:
        return form_data(session, case_id, doc_type, header)

    return build


def form_data(session: Session, case_id: uuid.UUID | None, doc_type: str, header: dict[str, Any]) -> p.Document:
    """The data of one 代办 form of a case (``doc_type`` one of :data:`DOCUMENTS`)."""
    if case_id is None:
        raise DomainError(tr("该文书需要指定办件", "This document needs a case"), field="case")
    case = _case(session, case_id)
    errand = _require_errand(session, case)
    resident = session.get(Resident, case.resident_id)
    item = session.get(CatalogItem, case.item_id)
    assert resident is not None and item is not None
    agent_phone = errand.agent_phone
    if not agent_phone and errand.agent_staff_id is not None:
        staff = session.get(Staff, errand.agent_staff_id)
        agent_phone = staff.phone if staff is not None else ""
    base: dict[str, Any] = header | {
        "case_number": case.case_number, "verification_code": case.verification_code,
        "applicant": p.Applicant(name=resident.name, id_number=resident.id_number, phone=resident.phone,
                                 address=resident.address),
        "item_name": item.name, "agent_name": errand.agent_name, "agent_phone": agent_phone,
        "forwarded_to": errand.forwarded_to or case.forwarded_to, "entrusted_on": errand.entrusted_on,
        "materials": tuple(
            p.MaterialLine(name=m.name, form=m.received_form or m.form, required_count=m.required_count,
                           received_count=m.received_count, key=m.key)
            for m in case.materials if m.received_count > 0),
        "send_by": errand.send_by, "return_by": errand.return_by, "committed_days": item.committed_days,
    }
    if doc_type == DOC_MANDATE:
        return forms.ProxyMandateData(**base)
    if doc_type == DOC_TERMINATION:
        if errand.terminated_on is None:
            raise DomainError(tr("该代办没有终止", "This errand was not terminated"), field="doc_type")
        return forms.ProxyTerminationData(**base, terminated_on=errand.terminated_on, reason=errand.terminate_reason)
    if doc_type == DOC_RENEWAL:
        if errand.renewed_on is None:
            raise DomainError(tr("该代办没有续办", "This errand was not renewed"), field="doc_type")
        return forms.ProxyRenewalData(**(base | {"send_by": errand.renewed_on}), renewed_on=errand.renewed_on,
                                      reason=errand.renew_reason)
    if doc_type == DOC_COMPLETION:
        if case.completed_at is None:
            raise DomainError(tr("该办件尚未办结", "This case is not completed yet"), field="doc_type")
        complete = next((e for e in reversed(case.events) if e.kind == CaseEventKind.COMPLETE and not e.refused), None)
        return forms.ProxyCompletionData(
            **base, completed_on=to_local(case.completed_at).date(), approved=case.result != CaseResult.DENIED,
            result=complete.note if complete is not None else "", handed_back=errand.handed_back,
        )
    raise DomainError(tr(f"未知的文书类型：{doc_type}", f"Unknown document type: {doc_type}"), field="doc_type")


def sample_cases(session: Session) -> dict[str, uuid.UUID]:
    """The newest case behind each 代办 form (for ``--export-samples``)."""
    found: dict[str, uuid.UUID] = {}
    for case_id, events in _history(session).items():
        errand = fold(case_id, events)
        if errand is None:
            continue
        found.setdefault(DOC_MANDATE, case_id)
        if errand.terminated_on is not None:
            found.setdefault(DOC_TERMINATION, case_id)
        if errand.renewed_on is not None:
            found.setdefault(DOC_RENEWAL, case_id)
        if errand.handed_back_on is not None:
            found.setdefault(DOC_COMPLETION, case_id)
    return found


#: How many cases ``demo_errands`` takes in.
DEMO_ERRANDS = 5


def demo_errands(session: Session, workers: Sequence[Actor], resident_ids: Sequence[uuid.UUID],
                 calendar: WorkCalendar, days: Sequence[date], real_now: datetime) -> int:
    """The demo's 代办, one at each stage: to take up, at the town, renewed,
    handed back, terminated (on the last working ``days``; none with fewer
    than 11). Returns how many cases it took in."""
    from datetime import time, timedelta

    from app.models import CatalogVersion
    from app.models.vocabulary import HandlingMode

    item = session.scalars(
        select(CatalogItem).join(CatalogVersion, CatalogVersion.id == CatalogItem.catalog_version_id)
        .where(CatalogVersion.is_current.is_(True), CatalogItem.handling_mode == HandlingMode.FORWARDED)
        .order_by(CatalogItem.code)
    ).first()
    if item is None or len(resident_ids) < DEMO_ERRANDS or not workers or len(days) < 11:
        return 0
    worker, agent, town = workers[-1], ProxyAgent("张秀兰"), "示例镇社会事务办"
    full = tuple(cases.MaterialReceipt(m.id, m.count) for m in item.materials)

    def at(back: int, minutes: int = 0) -> datetime:
        moment = datetime.combine(days[-1 - back], time(9)).astimezone() + timedelta(minutes=minutes)
        return min(moment, real_now - timedelta(minutes=30 - minutes % 30))

    def entrusted(n: int, outcome: str, back: int) -> uuid.UUID:
        request = cases.IntakeRequest(resident_id=resident_ids[n], item_id=item.id, outcome=outcome, materials=full,
                                      forwarded_to=town if outcome == IntakeOutcome.FORWARD else "")
        return entrust(session, worker, request, agent, calendar=calendar, now=at(back)).id

    entrusted(0, IntakeOutcome.ACCEPT, 0)
    sent = entrusted(1, IntakeOutcome.ACCEPT, 4)
    send_up(session, worker, sent, forwarded_to=town, calendar=calendar, now=at(3))
    renewed = entrusted(2, IntakeOutcome.FORWARD, 8)
    cases.record_event(session, worker, renewed, CaseEventKind.RETURN, calendar=calendar, now=at(6),
                       note="镇里退回：需补充户籍证明")
    send_up(session, worker, renewed, forwarded_to=town, calendar=calendar, now=at(5), note="已补齐户籍证明，续办")
    done = entrusted(3, IntakeOutcome.FORWARD, 10)
    cases.record_event(session, worker, done, CaseEventKind.RETURN, calendar=calendar, now=at(7), note="审核完毕")
    cases.record_event(session, worker, done, CaseEventKind.COMPLETE, calendar=calendar, now=at(7, 5),
                       result=CaseResult.APPROVED, note="经审核，准予办理")
    hand_back(session, worker, done, handed_back=["审批结果通知书"], calendar=calendar, now=at(6, 10))
    stopped = entrusted(4, IntakeOutcome.ACCEPT, 3)
    terminate(session, worker, stopped, reason="委托人决定自行前往镇里办理", calendar=calendar, now=at(2))
    return DEMO_ERRANDS
