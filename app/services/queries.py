"""Read models for the screens: plain frozen rows, never ORM objects."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.models import (
    Case,
    CatalogItem,
    CatalogVersion,
    Center,
    OutboxEntry,
    Resident,
    Staff,
    SyncRun,
)
from app.models.system import OUTBOX_OPEN
from app.models.vocabulary import CaseStatus
from app.services import lifecycle
from app.services.calendar import WorkCalendar
from app.services.identity import mask_id_number
from app.services.search import CaseSearch
from app.services.setup import find_this_device

# Statuses whose deadline clock runs or is paused: these appear on 时限预警.
OPEN_WITH_DEADLINE = lifecycle.WITH_DEADLINE

DL_OVERDUE = "overdue"
DL_DUE_SOON = "due_soon"
DL_ON_TIME = "on_time"
DL_PAUSED = "paused"
DL_NONE = "none"


def local_day_start(day: date) -> datetime:
    """Midnight at the desk on ``day``, as an aware datetime (compares with UTC columns)."""
    return datetime.combine(day, time.min).astimezone()


def deadline_state(status: str, due: date | None, today: date, *, calendar: WorkCalendar, soon_days: int = 1) -> str:
    """时限状态: overdue / due within ``soon_days`` working days / on time / paused / none."""
    if due is None or status not in OPEN_WITH_DEADLINE:
        return DL_NONE
    if status == CaseStatus.SUSPENDED:
        return DL_PAUSED
    if today > due:
        return DL_OVERDUE
    if calendar.working_days_between(today, due) <= soon_days:
        return DL_DUE_SOON
    return DL_ON_TIME


@dataclass(frozen=True)
class ShellInfo:
    """What the main window's status bar shows."""

    center_name: str
    center_code: str
    is_demo: bool
    device_number: int
    window_no: str
    catalog_version: str
    catalog_is_sample: bool
    pending_sync: int
    last_sync: datetime | None  # the last successful sync with the county, if any


def shell_info(session: Session) -> ShellInfo | None:
    device = find_this_device(session)
    if device is None:
        return None
    center = session.get(Center, device.center_id)
    assert center is not None
    catalog = session.scalar(select(CatalogVersion).where(CatalogVersion.is_current.is_(True)))
    pending = pending_sync_count(session)
    return ShellInfo(
        center_name=center.name,
        center_code=center.code,
        is_demo=center.is_demo,
        device_number=device.device_number,
        window_no=device.window_no,
        catalog_version=catalog.version if catalog else "",
        catalog_is_sample=bool(catalog and catalog.is_sample),
        pending_sync=pending,
        last_sync=session.scalar(select(func.max(SyncRun.finished_at)).where(SyncRun.ok.is_(True))),
    )


def pending_sync_count(session: Session) -> int:
    """Records this desk changed that the county has not confirmed yet (a case
    with its events counts once): one indexed query on the outbox."""
    return session.scalar(
        select(func.count(func.distinct(OutboxEntry.owner_id))).where(OutboxEntry.status.in_(OUTBOX_OPEN))
    ) or 0


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None  # one status, or None for all
    search: CaseSearch | None = None  # the one search box's answer (search.find_cases); None: no search
    open_with_deadline: bool = False  # 时限预警: open cases by due date
    item_id: uuid.UUID | None = None
    staff_id: uuid.UUID | None = None  # who took the case in
    received_from: date | None = None  # local dates, inclusive
    received_to: date | None = None
    overdue_on: date | None = None  # only cases overdue on this day
    resident_id: uuid.UUID | None = None


@dataclass(frozen=True)
class CaseRow:
    id: uuid.UUID
    case_number: str
    resident_name: str
    id_masked: str
    item_name: str
    status: str
    received_at: datetime
    committed_due: date | None
    statutory_due: date | None
    due_provisional: bool
    handled_by: str
    deadline: str
    sync_state: str = "pending"  # with the county: pending / synced / error
    sync_error: str = ""


def _case_conditions(flt: CaseFilter) -> list[ColumnElement[bool]]:
    """The filter as conditions on ``cases`` alone: counting needs no join."""
    conditions: list[ColumnElement[bool]] = []
    if flt.status:
        conditions.append(Case.status == flt.status)
    if flt.open_with_deadline:
        conditions += [Case.status.in_(OPEN_WITH_DEADLINE), Case.committed_due.is_not(None)]
    if flt.item_id is not None:
        conditions.append(Case.item_id == flt.item_id)
    if flt.staff_id is not None:
        conditions.append(Case.handled_by == flt.staff_id)
    if flt.resident_id is not None:
        conditions.append(Case.resident_id == flt.resident_id)
    if flt.received_from is not None:
        conditions.append(Case.received_at >= local_day_start(flt.received_from))
    if flt.received_to is not None:
        conditions.append(Case.received_at < local_day_start(flt.received_to + timedelta(days=1)))
    if flt.overdue_on is not None:
        # A paused case is not overdue while the resident owes materials.
        conditions += [Case.status.in_(lifecycle.CLOCK_RUNNING), Case.committed_due < flt.overdue_on]
    found = flt.search
    if found is not None and found.text:
        if found.found_nothing:
            return [false()]
        # Only the non-empty parts, so that SQLite can use each column's index.
        conditions.append(or_(*(
            column.in_(ids) for column, ids in ((Case.resident_id, found.resident_ids), (Case.id, found.case_ids),
                                                (Case.item_id, found.item_ids)) if ids)))
    return conditions


def _case_query(flt: CaseFilter) -> Select[Any]:
    handler = aliased(Staff)
    return (
        select(
            Case.id, Case.case_number, Resident.name, Resident.id_number, CatalogItem.name, Case.status,
            Case.received_at, Case.committed_due, Case.statutory_due, Case.due_provisional, handler.display_name,
            Case.sync_state, Case.sync_error,
        )
        .join(Resident, Resident.id == Case.resident_id)
        .join(CatalogItem, CatalogItem.id == Case.item_id)
        .join(handler, handler.id == Case.handled_by)
        .where(*_case_conditions(flt))
    )


def count_cases(session: Session, flt: CaseFilter) -> int:
    # Every case has its resident, item and handler (non-null foreign keys),
    # so the joins of the list would not change the count: a center with a
    # million cases counts them on one table's index, not through three joins.
    return session.scalar(select(func.count()).select_from(Case).where(*_case_conditions(flt))) or 0


def case_page(
    session: Session,
    flt: CaseFilter,
    *,
    offset: int,
    limit: int,
    today: date,
    calendar: WorkCalendar,
    soon_days: int = 1,
) -> list[CaseRow]:
    query = _case_query(flt)
    if flt.open_with_deadline:
        query = query.order_by(Case.committed_due, Case.case_number)
    else:
        query = query.order_by(Case.received_at.desc(), Case.case_number.desc())
    rows = session.execute(query.offset(offset).limit(limit)).all()
    return [
        CaseRow(
            id=r[0], case_number=r[1], resident_name=r[2], id_masked=mask_id_number(r[3]), item_name=r[4],
            status=r[5], received_at=r[6], committed_due=r[7], statutory_due=r[8], due_provisional=r[9],
            handled_by=r[10],
            deadline=deadline_state(r[5], r[7], today, calendar=calendar, soon_days=soon_days),
            sync_state=r[11], sync_error=r[12] or "",
        )
        for r in rows
    ]


@dataclass(frozen=True)
class DeadlineCounts:
    overdue: int
    due_soon: int
    on_time: int
    paused: int


def deadline_counts(session: Session, *, today: date, calendar: WorkCalendar, soon_days: int = 1) -> DeadlineCounts:
    """Counts for the 时限预警 badge; an overdue case is always counted."""
    rows = session.execute(
        select(Case.status, Case.committed_due).where(
            Case.status.in_(OPEN_WITH_DEADLINE), Case.committed_due.is_not(None)
        )
    ).all()
    tally = {DL_OVERDUE: 0, DL_DUE_SOON: 0, DL_ON_TIME: 0, DL_PAUSED: 0}
    for status, due in rows:
        state = deadline_state(status, due, today, calendar=calendar, soon_days=soon_days)
        if state in tally:
            tally[state] += 1
    return DeadlineCounts(tally[DL_OVERDUE], tally[DL_DUE_SOON], tally[DL_ON_TIME], tally[DL_PAUSED])


@dataclass(frozen=True)
class CatalogRow:
    id: uuid.UUID
    code: str
    name: str
    department: str
    handling_mode: str
    statutory_days: int
    committed_days: int
    fee: str
    materials: int
    high_frequency: bool
    online: bool = False  # 网上可办


def catalog_rows(session: Session) -> tuple[CatalogVersion | None, list[CatalogRow]]:
    version = session.scalar(select(CatalogVersion).where(CatalogVersion.is_current.is_(True)))
    if version is None:
        return None, []
    names = {d.code: d.name for d in version.departments}
    return version, [
        CatalogRow(i.id, i.code, i.name, names.get(i.department_code, i.department_code), i.handling_mode,
                   i.statutory_days, i.committed_days, i.fee, len(i.materials), i.high_frequency, i.online)
        for i in version.items
    ]
