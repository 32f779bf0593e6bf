"""Residents (群众登记): register once, find again by ID, name, pinyin or phone."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import String, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import Resident
from app.models.outbox import record_change
from app.models.resident import RESIDENT_TAGS
from app.services import audit
from app.services.context import Actor
from app.services.errors import NAME_REQUIRED, RESIDENT_NOT_FOUND, DomainError, NotFound
from app.services.identity import RESIDENT_ID, mask_id_number, mask_phone, parse_id_number, validate_phone
from app.services.pinyin import search_keys
from app.services.resident_merge import current_resident_id
from app.services.search import index_resident_name
from app.services.text_input import check_fields
from app.text import Text, tr


# What a text field may hold: the column's length, which is also what every
# printed document has been checked to print whole (a 60-character name and
# a 200-character address flow onto the receipt's wide fields). Household
# notes are never printed; they are shown only on the resident's page.
def _column_length(key: str) -> int:
    kind = Resident.__table__.c[key].type
    assert isinstance(kind, String) and kind.length is not None
    return kind.length


FIELD_LIMITS: dict[str, tuple[Text, int]] = {
    "name": (Text("姓名", "The name"), _column_length("name")),
    "address": (Text("住址", "The address"), _column_length("address")),
    "village_group": (Text("村民小组/网格", "The village group"), _column_length("village_group")),
    "household_notes": (Text("家庭情况备注", "The household notes"), 1000),
}
CORRECTION_REASON_MAX = 200
# Every text a registration or a correction carries, for the one control-character check.
TEXT_LABELS: dict[str, Text] = {
    "doc_type": Text("证件类型", "The document type"),
    "id_number": Text("证件号码", "The ID number"),
    "name": FIELD_LIMITS["name"][0],
    "phone": Text("联系电话", "The phone"),
    "address": FIELD_LIMITS["address"][0],
    "village_group": FIELD_LIMITS["village_group"][0],
    "household_notes": FIELD_LIMITS["household_notes"][0],
    "tags": Text("人员类别", "The resident categories"),
    "gender": Text("性别", "The gender"),
    "reason": Text("更正原因", "The reason for the correction"),
}


def check_length(field: str, value: str) -> str:
    """``value`` stripped, or a DomainError naming the field and its limit."""
    label, limit = FIELD_LIMITS[field]
    value = value.strip()
    if len(value) > limit:
        raise DomainError(tr(f"{label.zh}最多 {limit} 个字，现在是 {len(value)} 个字，请删减后再保存",
                             f"{label.en} may hold at most {limit} characters; it has {len(value)}. "
                             "Shorten it and save again"), field=field)
    return value


@dataclass(frozen=True)
class ResidentInput:
    doc_type: str
    id_number: str
    name: str
    phone: str = ""
    address: str = ""
    village_group: str = ""
    tags: tuple[str, ...] = ()
    gender: str | None = None  # for documents that carry no gender
    birth_date: date | None = None


@dataclass(frozen=True)
class Registration:
    resident_id: uuid.UUID
    created: bool  # False: the ID was already registered and that resident is returned


def register_resident(
    session: Session,
    actor: Actor,
    data: ResidentInput,
    *,
    now: datetime | None = None,
) -> Registration:
    """Register a resident; an ID number already on file opens that resident
    instead of creating a second one."""
    now = now or utcnow()
    check_fields(data, TEXT_LABELS)
    parsed = parse_id_number(data.id_number, doc_type=data.doc_type)
    existing = session.scalar(
        select(Resident).where(Resident.doc_type == parsed.doc_type, Resident.id_number == parsed.number)
    )
    if existing is not None:
        return Registration(current_resident_id(session, existing.id), created=False)
    name = check_length("name", data.name)
    if not name:
        raise DomainError(NAME_REQUIRED, field="name")
    address = check_length("address", data.address)
    village_group = check_length("village_group", data.village_group)
    phone = validate_phone(data.phone) if data.phone.strip() else ""
    unknown = [tag for tag in data.tags if tag not in RESIDENT_TAGS]
    if unknown:
        raise DomainError(tr(f"未知的人员类别：{'、'.join(unknown)}", f"Unknown resident categories: {', '.join(unknown)}"),
                          field="tags")
    initials, full = search_keys(name)
    resident = Resident(
        center_id=actor.center_id,
        doc_type=parsed.doc_type,
        id_number=parsed.number,
        name=name,
        name_initials=initials,
        name_pinyin=full,
        gender=parsed.gender or data.gender,
        birth_date=parsed.birth_date or data.birth_date,
        phone=phone,
        phone_last4=phone[-4:] if phone else "",
        address=address,
        village_group=village_group,
        tags=list(data.tags),
        created_by=actor.staff_id,
        updated_by=actor.staff_id,
        created_at=now,
        updated_at=now,
    )
    session.add(resident)
    session.flush()
    index_resident_name(session, resident.id, name)
    record_change(session, resident)
    audit.record(
        session, actor, "create", entity="resident", entity_id=resident.id, now=now,
        summary=f"登记群众：{name}（{parsed.masked}）",
    )
    return Registration(resident.id, created=True)


@dataclass(frozen=True)
class ResidentCorrection:
    """更正群众信息 — the fields as the worker wants them, and why."""

    name: str
    phone: str | None  # None: unchanged (a form that shows it masked); "" removes it
    address: str
    village_group: str
    household_notes: str
    reason: str
    id_number: str | None = None  # None: unchanged; a mistyped number is re-validated
    doc_type: str | None = None


def correct_resident(
    session: Session,
    actor: Actor,
    resident_id: uuid.UUID,
    change: ResidentCorrection,
    *,
    now: datetime | None = None,
) -> tuple[str, ...]:
    """Correct a resident's record with a reason; returns the fields changed.

    Audited with old -> new (ID number and phone masked; the household notes
    only as changed, they are sensitive) and sent to the county, from where
    the other desks apply it (search keys recomputed there as here).
    """
    now = now or utcnow()
    check_fields(change, TEXT_LABELS, multiline={"household_notes", "reason"})
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise NotFound(RESIDENT_NOT_FOUND)
    if resident.merged_into is not None:
        raise DomainError(tr("这条登记已合并到另一条记录，请在保留的记录上更正",
                             "This record was merged into another; correct the kept record"), field="name")
    reason = change.reason.strip()
    if not reason:
        raise DomainError(tr("请填写更正原因", "Enter the reason for the correction"), field="reason")
    if len(reason) > CORRECTION_REASON_MAX:
        raise DomainError(tr(f"更正原因最多 {CORRECTION_REASON_MAX} 个字", f"The reason may hold at most "
                             f"{CORRECTION_REASON_MAX} characters"), field="reason")
    name = check_length("name", change.name)
    if not name:
        raise DomainError(NAME_REQUIRED, field="name")
    values: dict[str, object] = {
        "name": name,
        "phone": resident.phone if change.phone is None else validate_phone(change.phone) if change.phone.strip() else "",
        "address": check_length("address", change.address),
        "village_group": check_length("village_group", change.village_group),
        "household_notes": check_length("household_notes", change.household_notes),
    }
    if change.id_number is not None:
        parsed = parse_id_number(change.id_number, doc_type=change.doc_type or resident.doc_type)
        if (parsed.doc_type, parsed.number) != (resident.doc_type, resident.id_number):
            holder = session.scalar(select(Resident).where(Resident.doc_type == parsed.doc_type,
                                                           Resident.id_number == parsed.number))
            if holder is not None:
                raise DomainError(tr(f"证件号码 {parsed.masked} 已登记在「{holder.name}」名下；如是同一人，请合并两条记录",
                                     f"The ID number {parsed.masked} is already registered to \"{holder.name}\"; "
                                     "if this is the same person, merge the two records"), field="id_number")
            values |= {"doc_type": parsed.doc_type, "id_number": parsed.number}
            if parsed.gender:
                values["gender"] = parsed.gender
            if parsed.birth_date:
                values["birth_date"] = parsed.birth_date
    changed = tuple(key for key, value in values.items() if getattr(resident, key) != value)
    if not changed:
        return ()
    lines = [_change_line(key, getattr(resident, key), values[key]) for key in changed]
    for key in changed:
        setattr(resident, key, values[key])
    if "name" in changed:
        resident.name_initials, resident.name_pinyin = search_keys(name)
        index_resident_name(session, resident.id, name)
    if "phone" in changed:
        resident.phone_last4 = resident.phone[-4:] if resident.phone else ""
    resident.updated_by, resident.updated_at = actor.staff_id, now
    session.flush()
    record_change(session, resident)
    audit.record(
        session, actor, "correct", entity="resident", entity_id=resident.id, now=now,
        summary=f"更正群众信息：{resident.name}（{mask_id_number(resident.id_number)}）；原因：{reason}",
        detail={"fields": list(changed), "reason": reason, "changes": lines},
    )
    return changed


def _change_line(field: str, old: object, new: object) -> str:
    if field == "id_number":
        return f"证件号码：{mask_id_number(str(old))} -> {mask_id_number(str(new))}"
    if field == "phone":
        return f"电话：{mask_phone(str(old)) or '（空）'} -> {mask_phone(str(new)) or '（空）'}"
    if field == "household_notes":
        return "家庭情况备注：已修改"  # sensitive: not copied into the log
    label = {"name": "姓名", "address": "住址", "village_group": "村民小组", "doc_type": "证件类型",
             "gender": "性别", "birth_date": "出生日期"}.get(field, field)
    return f"{label}：{old or '（空）'} -> {new or '（空）'}"


__all__ = [
    "FIELD_LIMITS", "RESIDENT_ID", "Registration", "ResidentCorrection", "ResidentInput", "check_length",
    "correct_resident", "register_resident",
]
