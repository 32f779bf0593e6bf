"""Residents (群众登记): register once, find again by ID, name, pinyin or phone."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import Resident
from app.models.outbox import record_change
from app.models.resident import RESIDENT_TAGS
from app.services import audit
from app.services.context import Actor
from app.services.errors import NAME_REQUIRED, DomainError
from app.services.identity import RESIDENT_ID, parse_id_number, validate_phone
from app.services.pinyin import search_keys
from app.services.search import index_resident_name
from app.text import tr


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
    parsed = parse_id_number(data.id_number, doc_type=data.doc_type)
    existing = session.scalar(
        select(Resident).where(Resident.doc_type == parsed.doc_type, Resident.id_number == parsed.number)
    )
    if existing is not None:
        return Registration(existing.id, created=False)
    name = data.name.strip()
    if not name:
        raise DomainError(NAME_REQUIRED, field="name")
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
        address=data.address.strip(),
        village_group=data.village_group.strip(),
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


__all__ = ["RESIDENT_ID", "Registration", "ResidentInput", "register_resident"]
