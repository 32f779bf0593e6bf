"""Read models for one case (办件详情) and for the intake screen's item choices."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.models import Case, CatalogItem, CatalogVersion, Department, PrintedDocument, Resident, Staff
from app.models.case import CLOSED_STATUSES
from app.models.vocabulary import CaseEventKind, CaseStatus, IntakeOutcome
from app.services import lifecycle
from app.services.backup import acting_label
from app.services.calendar import WorkCalendar
from app.services.context import Actor
from app.services.errors import CASE_NOT_FOUND, NotFound
from app.services.identity import mask_id_number, mask_phone
from app.services.queries import deadline_state
from app.services.suggestions import OwnItem, own_items


@dataclass(frozen=True)
class ResidentSummary:
    id: uuid.UUID
    name: str
    id_masked: str
    phone_masked: str
    gender: str | None
    birth_date: date | None
    village_group: str
    address: str


@dataclass(frozen=True)
class MaterialRow:
    name: str
    form: str
    key: bool
    required_count: int
    received_count: int
    received_form: str | None
    supply_by: date | None
    note: str

    @property
    def missing(self) -> bool:
        return self.received_count < self.required_count


@dataclass(frozen=True)
class EventRow:
    seq: int
    kind: str
    from_status: str | None
    to_status: str
    staff_name: str  # or the outside actor (a county department)
    occurred_at: datetime
    note: str
    data: dict[str, Any]
    refused: str = ""  # the county's reason, when it did not accept this event (it does not count)
    at_county: bool = True  # False while the event is still on its way up


@dataclass(frozen=True)
class PrintedRow:
    id: uuid.UUID
    doc_number: str
    doc_type: str
    printed_at: datetime
    staff_name: str
    reprint_count: int
    paper: str
    copies: int
    file_path: str


@dataclass(frozen=True)
class CaseDetail:
    id: uuid.UUID
    case_number: str
    verification_code: str
    status: str
    outcome: str
    result: str | None
    resident: ResidentSummary
    item_id: uuid.UUID
    item_code: str
    item_name: str
    department: str
    handling_mode: str
    statutory_days: int
    committed_days: int
    received_at: datetime
    accepted_on: date | None
    committed_due: date | None
    statutory_due: date | None
    due_provisional: bool
    paused_working_days: int
    deadline: str  # queries.DL_*
    working_days_left: int | None  # negative when overdue
    forwarded_to: str
    expected_return: date | None
    completed_at: datetime | None
    handled_by: str
    window_no: str
    note: str
    materials: tuple[MaterialRow, ...]
    events: tuple[EventRow, ...]
    printed: tuple[PrintedRow, ...]
    actions: tuple[str, ...]  # lifecycle events this worker may apply now
    documents: tuple[str, ...]  # document types this case can print now
    documents_due: tuple[str, ...]  # issued by its events but not printed yet
    sync_state: str = "pending"  # with the county: pending / synced / error
    sync_error: str = ""  # the county's reason, or why it is still waiting

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


def resident_summary(resident: Resident) -> ResidentSummary:
    return ResidentSummary(
        id=resident.id, name=resident.name, id_masked=mask_id_number(resident.id_number),
        phone_masked=mask_phone(resident.phone) if resident.phone else "", gender=resident.gender,
        birth_date=resident.birth_date, village_group=resident.village_group, address=resident.address,
    )


def case_detail(
    session: Session, case_id: uuid.UUID, *, actor: Actor, today: date, calendar: WorkCalendar, soon_days: int = 1
) -> CaseDetail:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(CASE_NOT_FOUND, field="case")
    resident = session.get(Resident, case.resident_id)
    item = session.get(CatalogItem, case.item_id)
    assert resident is not None and item is not None
    department = session.scalar(
        select(Department.name).where(Department.catalog_version_id == item.catalog_version_id,
                                      Department.code == item.department_code)
    ) or item.department_code
    names = dict(session.execute(select(Staff.id, Staff.display_name)).tuples().all())
    # The county's order first (events from other desks and the county come
    # in by sync), then this desk's events not yet placed there.
    ordered = sorted(case.events, key=lambda e: (e.position is None, e.position or 0, e.seq))
    events = tuple(
        EventRow(e.seq, e.kind, e.from_status, e.to_status,
                 acting_label((names.get(e.staff_id, "") if e.staff_id is not None else "") or e.actor_label,
                              e.data, names),
                 e.occurred_at, e.note, dict(e.data), refused=e.refused, at_county=e.position is not None)
        for e in ordered
    )
    printed = tuple(
        PrintedRow(p.id, p.doc_number, p.doc_type, p.printed_at, names.get(p.staff_id, ""), p.reprint_count,
                   p.paper, p.copies, p.file_path)
        for p in session.scalars(
            select(PrintedDocument).where(PrintedDocument.case_id == case.id).order_by(PrintedDocument.printed_at)
        )
    )
    state = deadline_state(case.status, case.committed_due, today, calendar=calendar, soon_days=soon_days)
    left = None
    if case.committed_due is not None and case.status in lifecycle.WITH_DEADLINE:
        if today <= case.committed_due:
            left = calendar.working_days_between(today, case.committed_due)
        else:
            left = -calendar.working_days_between(case.committed_due, today)
    issued = [doc for e in events if not e.refused for doc in lifecycle.issued_documents(e.kind, e.data)]
    done = {p.doc_type for p in printed}
    return CaseDetail(
        id=case.id, case_number=case.case_number, verification_code=case.verification_code, status=case.status,
        outcome=case.outcome, result=case.result, resident=resident_summary(resident), item_id=item.id,
        item_code=item.code, item_name=item.name, department=department, handling_mode=item.handling_mode,
        statutory_days=item.statutory_days, committed_days=item.committed_days, received_at=case.received_at,
        accepted_on=case.accepted_on, committed_due=case.committed_due, statutory_due=case.statutory_due,
        due_provisional=case.due_provisional, paused_working_days=case.paused_working_days, deadline=state,
        working_days_left=left, forwarded_to=case.forwarded_to, expected_return=case.expected_return,
        completed_at=case.completed_at, handled_by=names.get(case.handled_by, ""), window_no=case.window_no,
        note=case.note,
        materials=tuple(
            MaterialRow(m.name, m.form, m.key, m.required_count, m.received_count, m.received_form, m.supply_by,
                        m.note)
            for m in case.materials
        ),
        events=events, printed=printed,
        actions=tuple(e for e in lifecycle.allowed_events(case.status, is_head=actor.is_head) if e != CaseEventKind.NOTE)
        + (CaseEventKind.NOTE,),
        documents=printable_documents(case, events),
        documents_due=tuple(dict.fromkeys(doc for doc in issued if doc not in done)),
        sync_state=case.sync_state, sync_error=case.sync_error or "",
    )


def printable_documents(case: Case, events: tuple[EventRow, ...]) -> tuple[str, ...]:
    """The documents that make sense for this case now, in menu order."""
    kinds = {e.kind for e in events}
    docs: list[str] = []
    if case.accepted_on is not None and case.outcome != IntakeOutcome.DONE_ON_THE_SPOT:
        docs.append(lifecycle.DOC_RECEIPT)
    docs.append(lifecycle.DOC_NOTIFICATION)
    if case.outcome == IntakeOutcome.SUPPLEMENT or CaseEventKind.SUSPEND in kinds:
        docs.append(lifecycle.DOC_SUPPLEMENT)
    if case.deferred_materials:
        docs.append(lifecycle.DOC_DEFERRED)
    if case.status == CaseStatus.REJECTED:
        docs.append(lifecycle.DOC_REJECTION)
    if CaseEventKind.EXTEND in kinds:
        docs.append(lifecycle.DOC_EXTENSION)
    if case.status in (CaseStatus.COMPLETED, CaseStatus.DELIVERED):
        docs.append(lifecycle.DOC_COMPLETION)
    return tuple(docs)


# -- intake: the items to choose from ----------------------------------------


@dataclass(frozen=True)
class MaterialChoice:
    id: uuid.UUID
    name: str
    form: str
    count: int
    key: bool
    notes: str


@dataclass(frozen=True)
class ItemChoice:
    id: uuid.UUID
    code: str
    name: str
    initials: str
    department: str
    handling_mode: str
    statutory_days: int
    committed_days: int
    fee: str
    allows_deferred: bool
    high_frequency: bool
    materials: tuple[MaterialChoice, ...]

    def matches(self, text: str) -> bool:
        """Name fragment, pinyin initials or code, as typed in the item box."""
        text = text.strip()
        if not text:
            return True
        low = text.lower()
        return text in self.name or self.initials.startswith(low) or low in self.initials \
            or self.code.lower().startswith(low)


@dataclass(frozen=True)
class ItemChoices:
    catalog_version: str
    items: tuple[ItemChoice, ...]  # the whole current catalog, in catalog order
    resident_recent: tuple[uuid.UUID, ...]  # this resident's earlier items, most likely wanted now first
    desk_recent: tuple[uuid.UUID, ...]  # items taken in recently at this center, most used first
    resident_items: tuple[OwnItem, ...] = ()  # why resident_recent is in its order (same order, by code)


def item_choices(session: Session, *, resident_id: uuid.UUID | None = None, recent_limit: int = 8,
                 today: date | None = None) -> ItemChoices:
    """The current catalog to choose from; a resident's own items ranked by
    ``suggestions.rank_own_items`` (due again, how often, how recently)."""
    version = session.scalar(
        select(CatalogVersion).where(CatalogVersion.is_current.is_(True))
        # One query for the items and one for all their materials, not one per item.
        .options(selectinload(CatalogVersion.departments),
                 selectinload(CatalogVersion.items).selectinload(CatalogItem.materials))
    )
    if version is None:
        return ItemChoices("", (), (), ())
    departments = {d.code: d.name for d in version.departments}
    items = tuple(
        ItemChoice(
            id=i.id, code=i.code, name=i.name, initials=i.name_initials, department=departments.get(i.department_code, ""),
            handling_mode=i.handling_mode, statutory_days=i.statutory_days, committed_days=i.committed_days,
            fee=i.fee, allows_deferred=i.allows_deferred_materials, high_frequency=i.high_frequency,
            materials=tuple(MaterialChoice(m.id, m.name, m.form, m.count, m.key, m.notes) for m in i.materials),
        )
        for i in version.items
    )
    by_code = {i.code: i.id for i in items}
    # Cases refer to the item of the version they were taken under; match by code.
    mine: tuple[OwnItem, ...] = ()
    if resident_id is not None:
        mine = tuple(own for own in own_items(session, resident_id, today=today) if own.code in by_code)[:recent_limit]
    resident_recent = [by_code[own.code] for own in mine]
    recent_cases = select(Case.item_id).order_by(Case.received_at.desc()).limit(200).subquery()
    rows = session.execute(
        select(CatalogItem.code, func.count().label("n"))
        .join(recent_cases, recent_cases.c.item_id == CatalogItem.id)
        .group_by(CatalogItem.code)
        .order_by(func.count().desc(), CatalogItem.code)
        .limit(recent_limit)
    ).all()
    desk_recent = [by_code[code] for code, _ in rows if code in by_code]
    return ItemChoices(version.version, items, tuple(resident_recent), tuple(desk_recent), mine)
