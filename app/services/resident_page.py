"""群众档案 — one resident as a whole: identity (masked until revealed, the
reveal audited), contact, household notes, and every case, inquiry and
printed document of theirs."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Case, CatalogItem, Inquiry, PrintedDocument, Resident
from app.services import audit
from app.services.context import Actor
from app.services.errors import RESIDENT_NOT_FOUND, DomainError, NotFound
from app.services.identity import DOCUMENT_TYPES, mask_id_number, mask_phone
from app.services.resident_merge import MergeLine, merges_of
from app.text import Text, tr


@dataclass(frozen=True)
class CaseLine:
    id: uuid.UUID
    case_number: str
    item_name: str
    status: str
    received_at: datetime
    committed_due: date | None
    completed_at: datetime | None


@dataclass(frozen=True)
class InquiryLine:
    id: uuid.UUID
    asked_at: datetime
    topic: str
    outcome: str
    case_id: uuid.UUID | None


@dataclass(frozen=True)
class PrintLine:
    id: uuid.UUID
    doc_number: str
    doc_type: str
    printed_at: datetime
    reprint_count: int
    case_number: str


@dataclass(frozen=True)
class ResidentPage:
    """What the page shows; the full ID number and phone are not in it."""

    id: uuid.UUID
    name: str
    doc_type: str
    doc_type_label: str
    id_masked: str
    gender: str | None
    birth_date: date | None
    phone_masked: str
    has_phone: bool
    address: str
    village_group: str
    tags: tuple[str, ...]
    household_notes: str
    merged_into: uuid.UUID | None
    merged_into_name: str
    cases: tuple[CaseLine, ...]
    inquiries: tuple[InquiryLine, ...]
    printed: tuple[PrintLine, ...]
    merges: tuple[MergeLine, ...]
    sync_state: str
    home_service: bool = False  # 需上门服务 (外出服务)


def resident_page(session: Session, resident_id: uuid.UUID, *, viewer: Actor | None = None, screen: str = "",
                  now: datetime | None = None) -> ResidentPage:
    """The resident's whole record. With ``viewer``, the opening is audited:
    who, when, from which ``screen`` (a refresh of an open page passes none)."""
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise NotFound(RESIDENT_NOT_FOUND)
    if viewer is not None:
        audit.record(session, viewer, "view", entity="resident", entity_id=resident.id, now=now,
                     summary=f"查看群众档案：{resident.name}（{mask_id_number(resident.id_number)}），界面：{screen}",
                     detail={"screen": screen})
    items = {row.id: row.name for row in session.execute(
        select(CatalogItem.id, CatalogItem.name).join(Case, Case.item_id == CatalogItem.id)
        .where(Case.resident_id == resident_id))}
    cases = tuple(
        CaseLine(c.id, c.case_number, items.get(c.item_id, ""), c.status, c.received_at, c.committed_due, c.completed_at)
        for c in session.scalars(select(Case).where(Case.resident_id == resident_id).order_by(Case.received_at.desc()))
    )
    inquiries = tuple(
        InquiryLine(i.id, i.asked_at, i.topic, i.outcome, i.case_id)
        for i in session.scalars(select(Inquiry).where(Inquiry.resident_id == resident_id)
                                 .order_by(Inquiry.asked_at.desc()))
    )
    numbers = {c.id: c.case_number for c in cases}
    case_ids, inquiry_ids = list(numbers), [i.id for i in inquiries]
    printed: tuple[PrintLine, ...] = ()
    if case_ids or inquiry_ids:
        printed = tuple(
            PrintLine(d.id, d.doc_number, d.doc_type, d.printed_at, d.reprint_count,
                      numbers.get(d.case_id, "") if d.case_id else "")
            for d in session.scalars(select(PrintedDocument).where(or_(
                PrintedDocument.case_id.in_(case_ids), PrintedDocument.inquiry_id.in_(inquiry_ids)))
                .order_by(PrintedDocument.printed_at.desc()))
        )
    kept = session.get(Resident, resident.merged_into) if resident.merged_into else None
    label = DOCUMENT_TYPES.get(resident.doc_type)
    return ResidentPage(
        id=resident.id, name=resident.name, doc_type=resident.doc_type, doc_type_label=str(label or resident.doc_type),
        id_masked=mask_id_number(resident.id_number), gender=resident.gender, birth_date=resident.birth_date,
        phone_masked=mask_phone(resident.phone) if resident.phone else "", has_phone=bool(resident.phone),
        address=resident.address, village_group=resident.village_group, tags=tuple(resident.tags),
        household_notes=resident.household_notes, merged_into=resident.merged_into,
        merged_into_name=kept.name if kept else "", cases=cases, inquiries=inquiries, printed=printed,
        merges=merges_of(session, resident_id), sync_state=resident.sync_state,
        home_service=resident.home_service,
    )


#: What may be revealed on a screen, and how the audit log names it.
REVEALABLE: dict[str, Text] = {
    "id_number": Text("证件号码", "ID number"),
    "phone": Text("联系电话", "phone"),
}


def reveal(session: Session, actor: Actor, resident_id: uuid.UUID, what: str, *, screen: str,
           now: datetime | None = None) -> str:
    """The full ID number or phone, for a worker who clicked 显示; the audit
    log keeps who saw it, when, and on which screen."""
    label = REVEALABLE.get(what)
    if label is None:
        raise DomainError(tr(f"不能显示字段「{what}」", f"The field \"{what}\" cannot be revealed"), field=what)
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise NotFound(RESIDENT_NOT_FOUND)
    value = str(getattr(resident, what))
    masked = mask_id_number(value) if what == "id_number" else mask_phone(value)
    audit.record(session, actor, "reveal", entity="resident", entity_id=resident.id, now=now,
                 summary=f"查看完整{label.zh}：{resident.name}（{masked}），界面：{screen}",
                 detail={"field": what, "screen": screen})
    return value


__all__ = ["CaseLine", "InquiryLine", "PrintLine", "REVEALABLE", "ResidentPage", "resident_page", "reveal"]
