"""Small look-ups the desk's screens make by id or number (Qt-free).

Each takes the caller's session and returns plain data (a frozen dataclass,
an id, a flag), never an ORM object: the answer crosses to the GUI thread.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import CatalogItem, Center, Resident

if TYPE_CHECKING:
    from app.services.case_detail import ResidentSummary


def find_resident(session: Session, resident_id: uuid.UUID) -> ResidentSummary | None:
    """The resident's summary as the intake screen shows it, or None."""
    # Imported here: is_demo_center runs while the window opens, and the case
    # detail's queries need not load before the first screen.
    from app.services.case_detail import resident_summary

    resident = session.get(Resident, resident_id)
    return resident_summary(resident) if resident is not None else None


def is_demo_center(session: Session) -> bool:
    """Whether the database holds the demo center (and not a real one)."""
    return bool(session.scalar(select(Center.is_demo)))


@dataclass(frozen=True)
class RequiredMaterial:
    """申请材料 — one material an item asks for, as the catalog screen shows it."""

    name: str
    form: str
    count: int
    issuer: str
    key: bool  # False: may be supplied later (容缺)
    obtain: str


@dataclass(frozen=True)
class CatalogItemDetail:
    """服务事项 — what the catalog screen shows of one item."""

    name: str
    conditions: str
    legal_basis: str
    fee: str
    process: tuple[str, ...]
    location: str
    materials: tuple[RequiredMaterial, ...]
    online: bool = False  # 网上可办: the catalog screen offers the 网上办理指引
    id: uuid.UUID | None = None


def catalog_item_detail(session: Session, item_id: uuid.UUID) -> CatalogItemDetail | None:
    item = session.get(CatalogItem, item_id)
    if item is None:
        return None
    return CatalogItemDetail(
        name=item.name, conditions=item.conditions, legal_basis=item.legal_basis, fee=item.fee,
        process=tuple(item.process), location=item.location,
        materials=tuple(RequiredMaterial(m.name, m.form, m.count, m.issuer, m.key, m.obtain) for m in item.materials),
        online=item.online, id=item.id,
    )


@dataclass(frozen=True)
class SupplementDue:
    """补正期限 of an item: its working days, and the date they give from ``today``."""

    days: int
    due: date


def supplement_due(session: Session, item_id: uuid.UUID, today: date) -> SupplementDue:
    """The 补正 deadline the item sets (5 working days unless the catalog says
    otherwise), counted in working days the way the notice counts it."""
    from app.services.calendar_store import load_work_calendar

    item = session.get(CatalogItem, item_id)
    days = (item.supplement_days if item is not None else 0) or 5
    return SupplementDue(days, load_work_calendar(session).add_working_days(today, days))
