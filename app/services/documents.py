"""Printed documents from the desk's records (文书): what to print, its number,
its archive copy and its print record.

``prepare`` builds a document's data from the database and renders the PDF
(app.printing, no Qt); the print layer sends the bytes to a printer; only when
that succeeded does ``record_print`` archive the PDF under its case in the
data folder and write the print record. A failed print is never recorded.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import printing as p
from app.clock import local_today, to_local, utcnow
from app.models import (
    Appointment,
    Case,
    CaseEvent,
    CatalogItem,
    CatalogMaterial,
    Center,
    Complaint,
    Department,
    Inquiry,
    PrintedDocument,
    Resident,
    Staff,
)
from app.models.outbox import record_change
from app.models.vocabulary import CaseEventKind, CaseResult, CaseStatus, FieldMode, IntakeOutcome
from app.printing.documents.test_page import TestPageData
from app.services import (
    appointments,
    audit,
    complaints,
    document_settings,
    ledger_documents,
    ledgers,
    lifecycle,
    online_assist,
    proxy,
)
from app.services.calendar import WorkCalendar
from app.services.context import Actor
from app.services.errors import DomainError, NotFound
from app.services.setup import find_this_device
from app.services.whereabouts import WHEREABOUTS_BOARD, board_document
from app.text import tr

ARCHIVE_DIR = "archive"
DEFAULT_SUPPLEMENT_DAYS = 5
LEDGERS = frozenset({"ledger", "inquiry_ledger", "ledger_sheet", "month_report"})
TEST_PAGE = "test_page"  # 打印机测试页, from 设置
DOC_APPOINTMENT_SLIP = "appointment_slip"  # 预约凭证, from 今日's 预约登记
CASE_DOCUMENTS = (frozenset(p.DOC_TYPES) - {lifecycle.DOC_REFERRAL, complaints.DOC_COMPLAINT_RECEIPT, WHEREABOUTS_BOARD,
                                            online_assist.DOC_ONLINE_GUIDE, TEST_PAGE} - LEDGERS)


@dataclass(frozen=True)
class PrintTarget:
    """What to print: a document of a case, of an inquiry, of an appointment, of a complaint, or the ledger of a
    date range."""

    doc_type: str
    case_id: uuid.UUID | None = None
    inquiry_id: uuid.UUID | None = None
    date_from: date | None = None
    date_to: date | None = None
    appointment_id: uuid.UUID | None = None
    complaint_id: uuid.UUID | None = None
    ledger: str = ""  # which ledger a "ledger_sheet" prints (a key of ledgers.LEDGERS)
    item_id: uuid.UUID | None = None  # 网上办理指引 of a catalog item


@dataclass(frozen=True)
class Prepared:
    """A rendered document waiting to be printed."""

    target: PrintTarget
    title: str
    doc_number: str
    reprint_count: int
    reprint_of: uuid.UUID | None
    paper: str
    pdf: bytes
    archive_path: str  # relative to the data folder
    subject: str  # what it is about, for the print center's list (case number / asker)


def prepare(
    session: Session, actor: Actor, target: PrintTarget, *, paper: str = "A4", now: datetime | None = None,
    font_path: str | None = None,
) -> Prepared:
    """Build and render one document; nothing is written."""
    now = now or utcnow()
    if target.doc_type not in p.DOC_TYPES:
        raise DomainError(tr(f"未知的文书类型：{target.doc_type}", f"Unknown document type: {target.doc_type}"),
                          field="doc_type")
    doc_type = p.DOC_TYPES[target.doc_type]
    printed = _earlier_prints(session, target)
    # A notice a later event issued anew (a second 补正, a second 延期) is a
    # new original, numbered on, not a reprint of the earlier one.
    earlier = _since_issued(session, target, printed)
    number, subject, folder = _numbering(session, target, len(printed))
    header = {
        "doc_number": number,
        "center": center_info(session),
        "staff_name": actor.display_name,
        "printed_at": now,
        "window_no": actor.window_no,
        "reprint_count": len(earlier),
    }
    data = _build(session, target, header)
    pdf = p.render(data, paper, font_path=font_path)
    return Prepared(
        target=target, title=doc_type.title, doc_number=number, reprint_count=len(earlier),
        reprint_of=earlier[0].id if earlier else None, paper=paper, pdf=pdf,
        archive_path=f"{ARCHIVE_DIR}/{folder}/{number}.pdf", subject=subject,
    )


def record_print(
    session: Session, actor: Actor, prepared: Prepared, *, data_dir: Path, copies: int = 1,
    now: datetime | None = None,
) -> uuid.UUID:
    """After a successful print: archive the PDF and write the print record."""
    now = now or utcnow()
    path = data_dir / prepared.archive_path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as handle:
        handle.write(prepared.pdf)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    record = PrintedDocument(
        center_id=actor.center_id, doc_number=prepared.doc_number, doc_type=prepared.target.doc_type,
        case_id=prepared.target.case_id, inquiry_id=prepared.target.inquiry_id, reprint_of=prepared.reprint_of,
        reprint_count=prepared.reprint_count, paper=prepared.paper, copies=copies,
        file_path=prepared.archive_path, staff_id=actor.staff_id, printed_at=now,
    )
    session.add(record)
    session.flush()
    record_change(session, record)
    audit.record(
        session, actor, "print", entity="printed_document", entity_id=record.id, now=now,
        summary=f"打印{prepared.title}{'（补打）' if prepared.reprint_count else ''}：{prepared.doc_number}",
    )
    return record.id


# -- numbering -------------------------------------------------------------------


def _earlier_prints(session: Session, target: PrintTarget) -> list[PrintedDocument]:
    query = select(PrintedDocument).where(PrintedDocument.doc_type == target.doc_type)
    if target.case_id is not None:
        query = query.where(PrintedDocument.case_id == target.case_id)
    elif target.inquiry_id is not None:
        query = query.where(PrintedDocument.inquiry_id == target.inquiry_id)
    elif target.complaint_id is not None:  # a print record names a complaint by its slip's number
        stem = complaints.complaint_slip_number(session, target.complaint_id)[0]
        query = query.where(PrintedDocument.doc_number.like(stem + "-%"))
    elif target.appointment_id is not None:  # and an appointment by its slip's number
        stem = appointments.slip_stem(session, target.appointment_id, prefix=p.doc_number_prefix(target.doc_type),
                                      center_code=_center(session).code)
        query = query.where(PrintedDocument.doc_number.like(stem + "%"))
    else:
        return []  # a ledger is a new document each time
    return list(session.scalars(query.order_by(PrintedDocument.printed_at)))


#: Documents an event issues again each time it happens.
_REISSUED_BY: Mapping[str, str] = MappingProxyType({
    lifecycle.DOC_SUPPLEMENT: CaseEventKind.SUSPEND,
    lifecycle.DOC_EXTENSION: CaseEventKind.EXTEND,
})


def _since_issued(session: Session, target: PrintTarget, printed: list[PrintedDocument]) -> list[PrintedDocument]:
    """The prints of the notice the latest issuing event made (all of them for other documents)."""
    kind = _REISSUED_BY.get(target.doc_type)
    if kind is None or target.case_id is None:
        return printed
    issued = session.scalar(select(func.max(CaseEvent.occurred_at))
                            .where(CaseEvent.case_id == target.case_id, CaseEvent.kind == kind))
    if issued is None:
        return printed
    issued_utc = issued if issued.tzinfo else issued.replace(tzinfo=timezone.utc)
    return [d for d in printed if (d.printed_at if d.printed_at.tzinfo else d.printed_at.replace(tzinfo=timezone.utc))
            >= issued_utc]


def _numbering(session: Session, target: PrintTarget, earlier: int) -> tuple[str, str, str]:
    """(document number, subject, archive folder)."""
    prefix = p.doc_number_prefix(target.doc_type)
    if target.doc_type in CASE_DOCUMENTS and target.case_id is not None:
        case = _case(session, target.case_id)
        return f"{prefix}-{case.case_number}-{earlier + 1:02d}", case.case_number, case.case_number
    if target.inquiry_id is not None:
        inquiry = session.get(Inquiry, target.inquiry_id)
        if inquiry is None:
            raise NotFound(tr("找不到该首问登记", "The inquiry was not found"), field="inquiry")
        code = _center(session).code
        stem = f"{prefix}-{code}-{to_local(inquiry.asked_at):%Y%m%d}-{inquiry.id.hex[-6:].upper()}"
        return f"{stem}-{earlier + 1:02d}", inquiry.asker_name, f"inquiries/{to_local(inquiry.asked_at):%Y-%m}"
    if target.appointment_id is not None:
        return appointments.slip_numbering(session, target.appointment_id, prefix=prefix, center_code=_center(session).code)
    if target.complaint_id is not None:
        stem, subject, folder = complaints.complaint_slip_number(session, target.complaint_id)
        return f"{stem}-{earlier + 1:02d}", subject, folder
    if target.item_id is not None and target.doc_type == online_assist.DOC_ONLINE_GUIDE:
        stem, subject, folder = online_assist.guide_stem(session, target.item_id, prefix=prefix,
                                                         center_code=_center(session).code)
        n = session.scalar(select(func.count()).select_from(PrintedDocument)
                           .where(PrintedDocument.doc_number.like(stem + "%"))) or 0
        return f"{stem}{n + 1:02d}", subject, folder
    if target.doc_type == online_assist.DOC_ONLINE_GUIDE:  # a 补打 whose item left the current catalog
        raise NotFound(tr("该网上办理指引的服务事项已不在现行目录中，请在“代办与网办”中选择事项重新打印",
                          "The item of this online guide is no longer in the current catalog; print the guide "
                          "again from Proxy and online, with the item chosen"), field="item")
    if target.doc_type == DOC_APPOINTMENT_SLIP:  # a 补打 whose appointment is not on this desk
        raise NotFound(tr("找不到该预约凭证的预约，请在“今日”的“预约登记”中选中该预约后打印",
                          "The appointment of this slip was not found; print the slip from Today's Book an "
                          "appointment, with the appointment chosen"), field="appointment")
    if target.doc_type == complaints.DOC_COMPLAINT_RECEIPT:
        raise DomainError(tr("投诉受理回执请在“投诉举报”中选中该投诉后补打",
                             "Reprint a complaint slip from the Complaints screen, with the complaint chosen"),
                          field="complaint")
    if target.doc_type in LEDGERS:
        if target.date_from is None or target.date_to is None:
            raise DomainError(tr("请选择台账的起止日期", "Choose the first and last day of the ledger"), field="date_from")
        if target.date_to < target.date_from:
            raise DomainError(tr("台账的结束日期不能早于开始日期", "The ledger cannot end before it starts"),
                              field="date_to")
        code = _center(session).code
        if target.doc_type == "ledger_sheet":
            prefix = f"{prefix}-{target.ledger}"  # a 补打 reads which ledger it was from the number
        stem = f"{prefix}-{code}-{target.date_from:%Y%m%d}-{target.date_to:%Y%m%d}-"
        n = session.scalar(select(func.count()).select_from(PrintedDocument)
                           .where(PrintedDocument.doc_number.like(stem + "%"))) or 0
        return f"{stem}{n + 1:02d}", f"{target.date_from:%Y-%m-%d} – {target.date_to:%Y-%m-%d}", "ledgers"
    if target.doc_type == TEST_PAGE:
        code, today = _center(session).code, local_today()
        stem = f"{prefix}-{code}-{today:%Y%m%d}-"
        n = session.scalar(select(func.count()).select_from(PrintedDocument)
                           .where(PrintedDocument.doc_number.like(stem + "%"))) or 0
        return f"{stem}{n + 1:02d}", tr("打印机测试", "Printer test"), "printer-tests"
    if target.doc_type == WHEREABOUTS_BOARD:
        code, today = _center(session).code, local_today()
        stem = f"{prefix}-{code}-{today:%Y%m%d}-"
        n = session.scalar(select(func.count()).select_from(PrintedDocument)
                           .where(PrintedDocument.doc_number.like(stem + "%"))) or 0
        return f"{stem}{n + 1:02d}", f"{today:%Y-%m-%d}", "boards"
    raise DomainError(tr("该文书需要指定办件或首问登记", "This document needs a case or an inquiry"), field="doc_type")


# -- building the data -------------------------------------------------------------


def _center(session: Session) -> Center:
    device = find_this_device(session)
    center = session.get(Center, device.center_id) if device else None
    if center is None:
        raise NotFound(tr("本机尚未完成初始设置", "This computer has not been set up yet"), field="center")
    return center


def center_info(session: Session) -> p.CenterInfo:
    """The issuing center. The QR address is only the public https address
    the county set (published with the catalog, or entered in 打印中心 as it
    gave it); never the sync server's, which may be internal. Without one the
    QR is left off and the case number and code still print."""
    center = _center(session)
    base = document_settings.current(session).status_base_url
    return p.CenterInfo(
        name=center.name, address=center.address, phone=center.phone, supervision_phone=center.supervision_phone,
        consult_phone=center.consultation_phone, opening_hours=center.opening_hours,
        pickup_hours=center.pickup_hours, county=center.county, town=center.town, status_base_url=base,
    )


def _case(session: Session, case_id: uuid.UUID) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(tr("找不到该办件", "The case was not found"), field="case")
    return case


def _applicant(resident: Resident) -> p.Applicant:
    return p.Applicant(name=resident.name, id_number=resident.id_number, phone=resident.phone,
                       address=resident.address)


def _department(session: Session, item: CatalogItem) -> str:
    return session.scalar(
        select(Department.name).where(Department.catalog_version_id == item.catalog_version_id,
                                      Department.code == item.department_code)
    ) or item.department_code


def _case_lines(session: Session, case: Case) -> tuple[p.MaterialLine, ...]:
    catalog = {m.id: m for m in session.scalars(
        select(CatalogMaterial).where(CatalogMaterial.item_id == case.item_id))}
    lines = []
    for m in case.materials:
        source = catalog.get(m.catalog_material_id) if m.catalog_material_id else None
        lines.append(p.MaterialLine(
            name=m.name, form=m.received_form or m.form, required_count=m.required_count,
            received_count=m.received_count, note=m.note, key=m.key, supply_by=m.supply_by,
            format=source.format if source else "", issuer=source.issuer if source else "",
            obtain=source.obtain if source else "",
        ))
    return tuple(lines)


def _item_lines(item: CatalogItem, missing: set[str] | None) -> tuple[p.MaterialLine, ...]:
    return tuple(
        p.MaterialLine(
            name=m.name, form=m.form, required_count=m.count,
            received_count=0 if missing is not None and m.name in missing else m.count,
            note=m.notes, key=m.key, format=m.format, issuer=m.issuer, obtain=m.obtain,
        )
        for m in item.materials
    )


def _last_event(case: Case, kind: str) -> CaseEvent | None:
    found = [e for e in case.events if e.kind == kind]
    return found[-1] if found else None


def field_service_text(mode: str, place: str) -> str:
    """受理地点 of a case taken away from the center, as documents print it; "" at the window."""
    if not mode:
        return ""
    label = FieldMode.text_of(mode).zh
    return f"{label}受理（{place}）" if place else f"{label}受理"


@dataclass(frozen=True)
class _CaseFacts:
    """What every document of a case is built from."""

    session: Session
    case: Case
    item: CatalogItem
    resident: Resident
    header: dict[str, Any]
    lines: tuple[p.MaterialLine, ...]  # the case's materials, received or not

    @property
    def base(self) -> dict[str, Any]:
        """The header plus the fields every case document prints."""
        return self.header | {
            "case_number": self.case.case_number, "verification_code": self.case.verification_code,
            "applicant": _applicant(self.resident), "item_name": self.item.name,
            "field_service": field_service_text(self.case.field_mode, self.case.field_place),
        }

    @property
    def missing(self) -> tuple[p.MaterialLine, ...]:
        return tuple(line for line in self.lines if line.missing)


def _receipt(facts: _CaseFacts) -> p.ReceiptData:
    """受理回执."""
    case, item = facts.case, facts.item
    if case.accepted_on is None:
        raise DomainError(tr("该办件尚未受理，不能打印受理回执",
                             "This case has not been accepted; it has no acceptance receipt"), field="doc_type")
    accepted = _last_event(case, CaseEventKind.SUPPLEMENT_RECEIVED)
    return p.ReceiptData(
        **facts.base, accepted_at=accepted.occurred_at if accepted is not None else case.received_at,
        applied_at=case.received_at, materials=facts.lines,
        department=_department(facts.session, item), committed_due=case.committed_due,
        committed_days=item.committed_days, statutory_days=item.statutory_days,
        due_provisional=case.due_provisional, deferred=case.deferred_materials, legal_basis=item.legal_basis,
        forwarded_to=case.forwarded_to if case.outcome == IntakeOutcome.FORWARD else "",
    )


def _case_notification(facts: _CaseFacts) -> p.NotificationData:
    """一次性告知书 of a case: its own materials, the missing ones marked."""
    return _notification(facts.session, facts.item, facts.header, lines=facts.lines,
                         applicant=_applicant(facts.resident), case=facts.case)


def _supplement(facts: _CaseFacts) -> p.SupplementNoticeData:
    """补正材料通知书: at intake, the materials still missing; in the middle of
    a case (补正暂停), the materials the worker chose. Always with its
    deadline: the date asked for, or the item's 补正期限 in working days."""
    case, item = facts.case, facts.item
    suspend = _last_event(case, CaseEventKind.SUSPEND)
    first = case.events[0] if case.events else None
    if suspend is not None:
        chosen = set(suspend.data.get("materials") or ())
        missing = tuple(line for line in facts.lines if line.name in chosen) or facts.missing
        asked = suspend.data.get("supply_by")
        issued_on = to_local(suspend.occurred_at).date()
    else:
        missing = facts.missing
        asked = first.data.get("supplement_by") if first is not None else None
        issued_on = to_local(case.received_at).date()
    if not missing:
        raise DomainError(tr("该办件没有需要补正的材料", "This case has no materials to supplement"),
                          field="doc_type")
    days = item.supplement_days or DEFAULT_SUPPLEMENT_DAYS
    if asked:
        # A date the worker set: the notice states the working days it really gives.
        supply_by = date.fromisoformat(asked)
        days = max(1, _calendar(facts.session).working_days_between(issued_on, supply_by))
    else:
        supply_by = _calendar(facts.session).add_working_days(issued_on, days)
    basis = document_settings.current(facts.session).text("supplement_basis") or p.data.SUPPLEMENT_BASIS
    return p.SupplementNoticeData(
        **facts.base, applied_at=case.received_at, missing=missing, supply_by=supply_by, supplement_days=days,
        note=suspend.note if suspend is not None else "", legal_basis=basis, mid_case=suspend is not None,
    )


def _calendar(session: Session) -> WorkCalendar:
    from app.services.calendar_store import load_work_calendar

    return load_work_calendar(session)


def _deferred(facts: _CaseFacts) -> p.DeferredNoticeData:
    """容缺受理通知书: the materials still owed and the date promised for them."""
    deferred = tuple(line for line in facts.missing if line.supply_by is not None)
    promised = [line.supply_by for line in deferred if line.supply_by is not None]
    if not facts.case.deferred_materials or not promised:
        raise DomainError(tr("该办件不是容缺受理，没有容缺受理通知书",
                             "This case was not accepted with materials to follow; it has no such notice"),
                          field="doc_type")
    return p.DeferredNoticeData(**facts.base, accepted_at=facts.case.received_at, deferred=deferred,
                                promise_date=max(promised))


def _rejection(facts: _CaseFacts) -> p.RejectionNoticeData:
    """不予受理通知书, with the reasons given at intake and the routes of appeal."""
    case = facts.case
    first = case.events[0] if case.events else None
    reasons = (first.data.get("reasons") if first else "") or (first.note if first else "")
    if case.outcome != IntakeOutcome.REJECT or not reasons:
        raise DomainError(tr("该办件不是不予受理，没有不予受理通知书",
                             "This case was not refused; it has no refusal notice"), field="doc_type")
    center: p.CenterInfo = facts.header["center"]
    configured = document_settings.current(facts.session)
    authority = configured.authority(facts.item.department_code, center_name=center.name, county=center.county)
    return p.RejectionNoticeData(
        **facts.base, applied_at=case.received_at,
        reasons=tuple(r.strip() for r in reasons.splitlines() if r.strip()),
        appeal=p.AppealRoutes(review_body=authority.review_body, court=authority.court),
        decided_by=authority.decision_body, seal_name=authority.seal_name, legal_basis=facts.item.legal_basis,
        procedural_basis=configured.text("rejection_basis") or p.data.REJECTION_BASIS,
    )


def _extension(facts: _CaseFacts) -> p.ExtensionNoticeData:
    """延期通知书, from the case's latest extension."""
    extend = _last_event(facts.case, CaseEventKind.EXTEND)
    if extend is None:
        raise DomainError(tr("该办件没有延期记录", "This case has never been extended"), field="doc_type")
    data = extend.data
    statutory_due = data.get("statutory_due")
    approver = data.get("approved_by") or ""
    if not approver:
        # Extensions recorded before the approver was asked for: the head who
        # approves extensions is not known, and §42 needs one on paper.
        raise DomainError(tr("该延期记录没有批准人，不能打印延期办结告知书；请重新办理延期并填写批准人",
                             "This extension names no approver, so its notice cannot be printed; record the "
                             "extension again with the approver"), field="approved_by")
    return p.ExtensionNoticeData(
        **facts.base, applied_at=facts.case.received_at, reason=extend.note,
        original_due=date.fromisoformat(data["old_due"]), new_due=date.fromisoformat(data["new_due"]),
        approved_by=approver,
        legal_basis=data.get("legal_basis") or document_settings.current(facts.session).text("extension_basis")
        or p.data.EXTENSION_BASIS,
        statutory_days=facts.item.statutory_days,
        statutory_due=date.fromisoformat(statutory_due) if statutory_due else facts.case.statutory_due,
        days_added=int(data.get("days_added") or 0),
        past_statutory_reason=data.get("past_statutory_reason") or "",
    )


def _completion(facts: _CaseFacts) -> p.CompletionNoticeData:
    """办结通知 (取件单)."""
    case = facts.case
    if case.completed_at is None:
        raise DomainError(tr("该办件尚未办结", "This case is not completed yet"), field="doc_type")
    approved = case.result != CaseResult.DENIED
    complete = _last_event(case, CaseEventKind.COMPLETE)
    center: p.CenterInfo = facts.header["center"]
    on_the_spot = case.outcome == IntakeOutcome.DONE_ON_THE_SPOT
    authority = document_settings.current(facts.session).authority(
        facts.item.department_code, center_name=center.name, county=center.county)
    return p.CompletionNoticeData(
        **facts.base, approved=approved, completed_on=to_local(case.completed_at).date(),
        result=(complete.note if complete and complete.note else
                ("准予办理" if case.result == CaseResult.APPROVED or case.result is None else "不予办理")),
        on_the_spot=on_the_spot,
        pickup_place="" if on_the_spot else f"{center.name}{'（' + center.address + '）' if center.address else ''}",
        # The center's own setting; without one the notice says to come in office
        # hours rather than print hours nobody set.
        pickup_hours="" if on_the_spot else center.pickup_hours or center.opening_hours,
        bring=() if on_the_spot else ("本通知（取件单）", "申请人居民身份证原件；代领的，另带代领人居民身份证"),
        appeal=None if approved else p.AppealRoutes(review_body=authority.review_body, court=authority.court),
    )


_Builder = Callable[[Session, PrintTarget, dict[str, Any]], p.Document]


def _of_case(build: Callable[[_CaseFacts], p.Document]) -> _Builder:
    """A builder of a case document: loads the case, its resident, item and materials first."""

    def builder(session: Session, target: PrintTarget, header: dict[str, Any]) -> p.Document:
        if target.case_id is None:
            raise DomainError(tr("该文书需要指定办件", "This document needs a case"), field="case")
        case = _case(session, target.case_id)
        resident = session.get(Resident, case.resident_id)
        item = session.get(CatalogItem, case.item_id)
        assert resident is not None and item is not None
        return build(_CaseFacts(session=session, case=case, item=item, resident=resident, header=header,
                                lines=_case_lines(session, case)))

    return builder


def _any_notification(session: Session, target: PrintTarget, header: dict[str, Any]) -> p.Document:
    """一次性告知书 of a case, or of an inquiry when no case is given."""
    if target.case_id is None:
        return _inquiry_notification(session, target, header)
    return _of_case(_case_notification)(session, target, header)


def _build(session: Session, target: PrintTarget, header: dict[str, Any]) -> p.Document:
    builder = _BUILDERS.get(target.doc_type)
    if builder is None:
        raise DomainError(tr(f"未知的文书类型：{target.doc_type}", f"Unknown document type: {target.doc_type}"),
                          field="doc_type")
    return builder(session, target, header)


def _notification(session: Session, item: CatalogItem, header: dict[str, Any], *,
                  lines: tuple[p.MaterialLine, ...], applicant: p.Applicant | None,
                  case: Case | None = None) -> p.NotificationData:
    return p.NotificationData(
        **header, item_name=item.name, materials=lines, department=_department(session, item),
        legal_basis=item.legal_basis, conditions=item.conditions, process=tuple(item.process),
        statutory_days=item.statutory_days, committed_days=item.committed_days, fee=item.fee,
        location=item.location, applicant=applicant, mark_missing=any(line.missing for line in lines),
        case_number=case.case_number if case else "", verification_code=case.verification_code if case else "",
    )


def _inquiry_notification(session: Session, target: PrintTarget, header: dict[str, Any]) -> p.NotificationData:
    inquiry = session.get(Inquiry, target.inquiry_id) if target.inquiry_id else None
    if inquiry is None:
        raise NotFound(tr("找不到该首问登记", "The inquiry was not found"), field="inquiry")
    if inquiry.item_id is None:
        raise DomainError(tr("该首问登记没有对应的目录事项，无法打印一次性告知书",
                             "This inquiry names no catalog item, so it has no one-time notice"), field="doc_type")
    item = session.get(CatalogItem, inquiry.item_id)
    assert item is not None
    applicant = p.Applicant(name=inquiry.asker_name, phone=inquiry.asker_phone)
    if inquiry.resident_id is not None:
        resident = session.get(Resident, inquiry.resident_id)
        if resident is not None:
            applicant = _applicant(resident)
    missing = set(inquiry.missing_materials or ())
    return _notification(session, item, header, lines=_item_lines(item, missing if missing else None),
                         applicant=applicant)


def _referral(session: Session, target: PrintTarget, header: dict[str, Any]) -> p.ReferralSlipData:
    inquiry = session.get(Inquiry, target.inquiry_id) if target.inquiry_id else None
    if inquiry is None:
        raise NotFound(tr("找不到该首问登记", "The inquiry was not found"), field="inquiry")
    if not inquiry.referred_to:
        raise DomainError(tr("该首问登记没有转办，不能打印转办单",
                             "This inquiry was not referred; it has no referral slip"), field="doc_type")
    owner = session.get(Staff, inquiry.owner_id)
    # The directory (county's, extended by the center) says where the unit is,
    # when it is open and whom to ask; what the worker wrote on the inquiry wins.
    unit = document_settings.current(session).referral_unit(inquiry.referred_to)
    printed_on = to_local(header["printed_at"]).date()
    follow_up = inquiry.follow_up_due if inquiry.follow_up_due and inquiry.follow_up_due >= printed_on else None
    return p.ReferralSlipData(
        **(header | {"staff_name": owner.display_name if owner else header["staff_name"]}),
        asker_name=inquiry.asker_name, asker_phone=inquiry.asker_phone, question=inquiry.topic,
        asked_at=inquiry.asked_at, answer=inquiry.answer, referred_to=inquiry.referred_to,
        referred_person=inquiry.referred_contact or (unit.contact if unit else ""),
        referred_phone=inquiry.referred_phone or (unit.phone if unit else ""),
        referred_address=unit.address if unit else "", referred_hours=unit.hours if unit else "",
        follow_up_due=follow_up,
    )


def _ledger(session: Session, target: PrintTarget, header: dict[str, Any]) -> p.LedgerData:
    from app.services.queries import local_day_start

    assert target.date_from is not None and target.date_to is not None
    start = local_day_start(target.date_from)
    end = local_day_start(date.fromordinal(target.date_to.toordinal() + 1))
    rows = session.execute(
        select(Case.case_number, Resident.name, Resident.id_number, CatalogItem.name, Case.status, Staff.display_name,
               Case.accepted_on, Case.committed_due, Case.received_at, Case.completed_at, Department.name,
               CatalogItem.department_code, Case.id)
        .join(Resident, Resident.id == Case.resident_id)
        .join(CatalogItem, CatalogItem.id == Case.item_id)
        .join(Staff, Staff.id == Case.handled_by)
        .outerjoin(Department, (Department.catalog_version_id == CatalogItem.catalog_version_id)
                   & (Department.code == CatalogItem.department_code))
        .where(Case.received_at >= start, Case.received_at < end)
        .order_by(Case.received_at, Case.case_number)
    ).all()
    today = local_today()
    rated = _case_ratings(session, [r[12] for r in rows])
    ledger_rows = []
    for r in rows:
        completed = to_local(r[9]).date() if r[9] is not None else None
        overdue = ledgers.is_overdue(r[4], r[7], completed, today)
        ledger_rows.append(p.LedgerRow(
            case_number=r[0], applicant_name=r[1], id_number=r[2], item_name=r[3],
            status=CaseStatus.text_of(r[4]).zh, staff_name=r[5], accepted_on=r[6], committed_due=r[7],
            received_on=to_local(r[8]).date(), completed_on=completed, department=r[10] or r[11],
            overdue=overdue, rating=rated.get(r[12], ""),
        ))
    return p.LedgerData(**header, date_from=target.date_from, date_to=target.date_to, rows=tuple(ledger_rows))


#: The resident's latest rating of each case (the ledgers' rule, called here for the printed ledger).
_case_ratings = ledgers.latest_ratings


def _inquiry_ledger(session: Session, target: PrintTarget, header: dict[str, Any]) -> p.InquiryLedgerData:
    """首问登记台账: who asked what, who answered, where it was referred."""
    from app.services.queries import local_day_start

    assert target.date_from is not None and target.date_to is not None
    start = local_day_start(target.date_from)
    end = local_day_start(date.fromordinal(target.date_to.toordinal() + 1))
    rows = session.execute(
        select(Inquiry, Staff.display_name)
        .join(Staff, Staff.id == Inquiry.owner_id)
        .where(Inquiry.asked_at >= start, Inquiry.asked_at < end)
        .order_by(Inquiry.asked_at)
    ).all()
    return p.InquiryLedgerData(
        **header, date_from=target.date_from, date_to=target.date_to,
        rows=tuple(
            p.InquiryLedgerRow(
                asked_at=inquiry.asked_at, asker_name=inquiry.asker_name, question=inquiry.topic,
                owner_name=owner, answer=inquiry.answer, referred_to=inquiry.referred_to,
                follow_up_due=inquiry.follow_up_due, status=_inquiry_status(inquiry),
            )
            for inquiry, owner in rows
        ),
    )


def _complaint_slip(session: Session, target: PrintTarget, header: dict[str, Any]) -> p.Document:
    if target.complaint_id is None:
        raise DomainError(tr("该文书需要指定投诉登记", "This document needs a complaint"), field="complaint")
    return complaints.complaint_slip(session, target.complaint_id, header)


def _of_proxy(doc_type: str) -> _Builder:
    """A 代办 form of the target's case (app.services.proxy builds it)."""
    build = proxy.form_builder(doc_type)
    return lambda session, target, header: build(session, target.case_id, header)


#: The inquiry outcomes as the ledger prints them (kept with the ledgers).
INQUIRY_OUTCOME_TEXT = ledgers.INQUIRY_OUTCOME_TEXT
_inquiry_status = ledgers.inquiry_status


#: The builder of each document type (the keys are app.printing's DOC_TYPES).
_BUILDERS: Mapping[str, _Builder] = MappingProxyType({
    lifecycle.DOC_RECEIPT: _of_case(_receipt),
    lifecycle.DOC_NOTIFICATION: _any_notification,
    lifecycle.DOC_SUPPLEMENT: _of_case(_supplement),
    lifecycle.DOC_DEFERRED: _of_case(_deferred),
    lifecycle.DOC_REJECTION: _of_case(_rejection),
    lifecycle.DOC_EXTENSION: _of_case(_extension),
    lifecycle.DOC_COMPLETION: _of_case(_completion),
    lifecycle.DOC_REFERRAL: _referral,
    "ledger": _ledger,
    DOC_APPOINTMENT_SLIP: lambda session, target, header: appointments.slip_data(session, target.appointment_id, header),
    complaints.DOC_COMPLAINT_RECEIPT: _complaint_slip,
    WHEREABOUTS_BOARD: board_document,
    "inquiry_ledger": _inquiry_ledger,
    "ledger_sheet": lambda session, target, header: ledger_documents.ledger_sheet(
        session, ledger=target.ledger, date_from=target.date_from, date_to=target.date_to, header=header),
    "month_report": lambda session, target, header: ledger_documents.month_report(
        session, date_from=target.date_from, date_to=target.date_to, header=header),
    **{doc: _of_proxy(doc) for doc in proxy.DOCUMENTS},
    online_assist.DOC_ONLINE_GUIDE: lambda session, target, header: online_assist.guide_data(
        session, target.item_id, header),
    TEST_PAGE: lambda session, target, header: TestPageData(**header),
})


def default_ledger_range(today: date | None = None) -> tuple[date, date]:
    today = today or local_today()
    return today.replace(day=1), today


DOC_TYPES = tuple(p.DOC_TYPES)


def sample_targets(session: Session, *, today: date | None = None) -> dict[str, PrintTarget]:
    """The newest record behind every document type: what ``--export-samples``
    prints for a center head checking a printer. Types with no record are left out."""

    def newest_case(*conditions: Any) -> uuid.UUID | None:
        return session.scalar(select(Case.id).where(*conditions).order_by(Case.received_at.desc()).limit(1))

    extended = select(CaseEvent.case_id).where(CaseEvent.kind == CaseEventKind.EXTEND)
    cases = {
        lifecycle.DOC_RECEIPT: newest_case(Case.outcome == IntakeOutcome.ACCEPT, Case.accepted_on.is_not(None)),
        lifecycle.DOC_NOTIFICATION: newest_case(Case.outcome == IntakeOutcome.SUPPLEMENT),
        lifecycle.DOC_SUPPLEMENT: newest_case(Case.outcome == IntakeOutcome.SUPPLEMENT),
        lifecycle.DOC_DEFERRED: newest_case(Case.deferred_materials.is_(True)),
        lifecycle.DOC_REJECTION: newest_case(Case.outcome == IntakeOutcome.REJECT),
        lifecycle.DOC_EXTENSION: newest_case(Case.id.in_(extended)),
        lifecycle.DOC_COMPLETION: newest_case(Case.status.in_((CaseStatus.COMPLETED, CaseStatus.DELIVERED)),
                                              Case.outcome != IntakeOutcome.DONE_ON_THE_SPOT),
    }
    cases |= proxy.sample_cases(session)
    targets = {doc: PrintTarget(doc, case_id=case_id) for doc, case_id in cases.items() if case_id is not None}
    referred = session.scalar(select(Inquiry.id).where(Inquiry.referred_to != "")
                              .order_by(Inquiry.asked_at.desc()).limit(1))
    if referred is not None:
        targets[lifecycle.DOC_REFERRAL] = PrintTarget(lifecycle.DOC_REFERRAL, inquiry_id=referred)
    slip = session.scalar(select(Appointment.id).where(Appointment.status.in_(appointments.ACTIVE))
                          .order_by(Appointment.created_at.desc()).limit(1))
    if slip is not None:
        targets[DOC_APPOINTMENT_SLIP] = PrintTarget(DOC_APPOINTMENT_SLIP, appointment_id=slip)
    complaint = session.scalar(select(Complaint.id).order_by(Complaint.received_at.desc()).limit(1))
    if complaint is not None:
        targets[complaints.DOC_COMPLAINT_RECEIPT] = PrintTarget(complaints.DOC_COMPLAINT_RECEIPT, complaint_id=complaint)
    start, end = default_ledger_range(today)
    targets["ledger"] = PrintTarget("ledger", date_from=start, date_to=end)
    targets[WHEREABOUTS_BOARD] = PrintTarget(WHEREABOUTS_BOARD)
    targets["inquiry_ledger"] = PrintTarget("inquiry_ledger", date_from=start, date_to=end)
    targets["ledger_sheet"] = PrintTarget("ledger_sheet", date_from=start, date_to=end, ledger="complaints")
    targets["month_report"] = PrintTarget("month_report", date_from=start, date_to=end)
    online = online_assist.online_items(session)
    if online:
        targets[online_assist.DOC_ONLINE_GUIDE] = PrintTarget(online_assist.DOC_ONLINE_GUIDE, item_id=online[0].id)
    targets[TEST_PAGE] = PrintTarget(TEST_PAGE)
    return targets


# -- the print center's lists ------------------------------------------------------


@dataclass(frozen=True)
class PendingDocument:
    """A document an outcome or event issued that has not been printed yet."""

    doc_type: str
    case_id: uuid.UUID
    case_number: str
    resident_name: str
    item_name: str
    issued_at: datetime


@dataclass(frozen=True)
class PrintRecordRow:
    id: uuid.UUID
    doc_number: str
    doc_type: str
    subject: str
    printed_at: datetime
    staff_name: str
    reprint_count: int
    paper: str
    copies: int
    file_path: str
    case_id: uuid.UUID | None
    inquiry_id: uuid.UUID | None
    item_id: uuid.UUID | None = None  # 网上办理指引: the current catalog's item, found by the number
    appointment_id: uuid.UUID | None = None  # 预约凭证: its appointment, found by the number


def pending_documents(session: Session, *, since: datetime) -> list[PendingDocument]:
    """Documents issued since ``since`` (by intake outcomes and case events) not printed yet, newest first."""
    rows = session.execute(
        select(CaseEvent.data, CaseEvent.occurred_at, Case.id, Case.case_number, Resident.name, CatalogItem.name,
               CaseEvent.kind)
        .join(Case, Case.id == CaseEvent.case_id)
        .join(Resident, Resident.id == Case.resident_id)
        .join(CatalogItem, CatalogItem.id == Case.item_id)
        .where(CaseEvent.occurred_at >= since, CaseEvent.refused == "")
        .order_by(CaseEvent.occurred_at.desc())
    ).all()
    case_ids = {r[2] for r in rows}
    printed = set(session.execute(
        select(PrintedDocument.case_id, PrintedDocument.doc_type).where(PrintedDocument.case_id.in_(case_ids))
    ).tuples().all()) if case_ids else set()
    pending, seen = [], set()
    for data, occurred, case_id, number, resident, item, kind in rows:
        for doc in lifecycle.issued_documents(kind, data or {}):
            if (case_id, doc) in printed or (case_id, doc) in seen:
                continue
            seen.add((case_id, doc))
            pending.append(PendingDocument(doc, case_id, number, resident, item, occurred))
    return pending


def print_records(session: Session, *, limit: int = 300) -> list[PrintRecordRow]:
    rows = session.execute(
        select(PrintedDocument, Staff.display_name, Case.case_number, Inquiry.asker_name)
        .join(Staff, Staff.id == PrintedDocument.staff_id)
        .outerjoin(Case, Case.id == PrintedDocument.case_id)
        .outerjoin(Inquiry, Inquiry.id == PrintedDocument.inquiry_id)
        .order_by(PrintedDocument.printed_at.desc())
        .limit(limit)
    ).all()
    guides = [d.doc_number for d, *_ in rows if d.doc_type == online_assist.DOC_ONLINE_GUIDE]
    items = online_assist.guide_items(
        session, guides, prefix=p.doc_number_prefix(online_assist.DOC_ONLINE_GUIDE), center_code=_center(session).code,
    ) if guides else {}
    slips = [d.doc_number for d, *_ in rows if d.doc_type == DOC_APPOINTMENT_SLIP]
    booked = appointments.slip_appointments(
        session, slips, prefix=p.doc_number_prefix(DOC_APPOINTMENT_SLIP), center_code=_center(session).code,
    ) if slips else {}
    return [
        PrintRecordRow(
            id=d.id, doc_number=d.doc_number, doc_type=d.doc_type,
            subject=number or asker or (items.get(d.doc_number) or booked.get(d.doc_number) or (None, ""))[1],
            printed_at=d.printed_at, staff_name=staff, reprint_count=d.reprint_count, paper=d.paper, copies=d.copies,
            file_path=d.file_path, case_id=d.case_id, inquiry_id=d.inquiry_id,
            item_id=items.get(d.doc_number, (None, ""))[0],
            appointment_id=booked.get(d.doc_number, (None, ""))[0],
        )
        for d, staff, number, asker in rows
    ]


def target_of(record: PrintRecordRow) -> PrintTarget:
    """What to print again for a 补打 of ``record``."""
    if record.doc_type in LEDGERS:
        # TZ-{center}-{from}-{to}-{n}
        parts = record.doc_number.split("-")
        return PrintTarget(record.doc_type, date_from=datetime.strptime(parts[-3], "%Y%m%d").date(),
                           date_to=datetime.strptime(parts[-2], "%Y%m%d").date(),
                           ledger=parts[1] if record.doc_type == "ledger_sheet" else "")
    return PrintTarget(record.doc_type, case_id=record.case_id, inquiry_id=record.inquiry_id, item_id=record.item_id,
                       appointment_id=record.appointment_id)
