"""Storing what the county sends (pull pages and bootstrap rows) in the desk's
own tables, in the caller's transaction.

Rules (docs/sync-protocol.md §2, §4):

* a change whose version this desk already holds is a no-op, so a page
  applied twice is harmless;
* a record with a change of this desk still on its way up keeps the desk's
  version: the push answers for it (applied, or a conflict to resolve);
* county-owned data (center, devices, staff, catalog, calendar) always wins;
* case events are appended in the county's order; the case status is the
  projection of its history, refused events not counting;
* a change that cannot be stored goes to the needs-attention list whole.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Column, delete, extract, func, or_, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import (
    CalendarDay,
    Case,
    CaseEvent,
    CaseMaterial,
    CatalogItem,
    CatalogMaterial,
    CatalogVersion,
    Center,
    Complaint,
    Department,
    Device,
    OutboxEntry,
    Rating,
    Resident,
    ResidentMerge,
    Staff,
    SyncVersion,
)
from app.models.base import SYNC_SYNCED, Base, SyncStateMixin
from app.models.outbox import known_version
from app.models.records import MODELS, columns_from, from_json
from app.models.resident import MERGE_CONFIRMED
from app.models.system import ATTENTION_NOTICE, ATTENTION_PULL, OUTBOX_OPEN
from app.models.vocabulary import HandlingMode, RatingChannel, StaffRole
from app.services import audit, lifecycle, resident_merge, settings
from app.services.calendar import parse_calendar_table
from app.services.calendar_store import import_calendar_table
from app.services.pinyin import search_keys
from app.services.search import index_resident_name
from app.services.setup import find_this_device
from app.services.staff import has_another_active_head
from app.sync import attention, merge
from app.text import tr

_NEVER_COPIED = frozenset({"id", "center_id", "sync_state", "sync_error", "synced_at", "position", "refused"})


@dataclass(frozen=True)
class ApplyContext:
    """The desk's own center and device: pulled rows are stored under the
    local center row, whatever id the county gives the center."""

    center_id: uuid.UUID
    device_id: uuid.UUID


#: Stores one record: (session, context, key, version, data, force) -> whether it changed anything.
_Handler = Callable[[Session, ApplyContext, uuid.UUID, int, dict[str, Any], bool], bool]
_Shared = TypeVar("_Shared", bound=Base)


def context(session: Session) -> ApplyContext:
    device = find_this_device(session)
    if device is None:
        raise RuntimeError("this desk is not set up")
    return ApplyContext(device.center_id, device.id)


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _key(entity: str, entity_id: str) -> uuid.UUID:
    """Records are keyed by UUID; a calendar year by its number (kept as a UUID)."""
    if entity == "calendar_year":
        return uuid.UUID(int=int(entity_id))
    return _uuid(entity_id)


def _key_or_none(entity: str, entity_id: str) -> uuid.UUID | None:
    try:
        return _key(entity, entity_id)
    except (ValueError, TypeError):
        return None


def remember_version(session: Session, entity: str, entity_id: uuid.UUID, version: int) -> None:
    row = session.get(SyncVersion, (entity, entity_id))
    if row is None:
        session.add(SyncVersion(entity=entity, entity_id=entity_id, version=version))
    elif version > row.version:
        row.version = version


def has_open_changes(session: Session, entity: str, entity_id: uuid.UUID) -> bool:
    """Does this desk still have a change of this very record on its way up?

    Only the record's own entries count, not those of its events: a note
    added to a case must not keep the county's extension of it out. The
    desk's own change, once it reaches the county, either applies on top
    (the desk's version is the newest) or comes back as a conflict carrying
    the county's version — the pulled one is never needed twice."""
    return session.scalar(
        select(OutboxEntry.seq).where(OutboxEntry.entity == entity, OutboxEntry.entity_id == entity_id,
                                      OutboxEntry.status.in_(OUTBOX_OPEN)).limit(1)
    ) is not None


# -- one entry ----------------------------------------------------------------------


def apply_record(
    session: Session,
    ctx: ApplyContext,
    entity: str,
    entity_id: str,
    version: int,
    data: dict[str, Any],
    *,
    force: bool = False,
) -> bool:
    """Store one record from the county; False when it was a no-op.

    Runs in a savepoint: a record that cannot be stored (a uniqueness or
    reference problem) is put on the needs-attention list with its data and
    the rest of the page goes on. ``force`` applies even over the desk's own
    pending change (the worker chose the county's version).
    """
    handler = _HANDLERS.get(entity)
    if handler is None:
        attention.note(session, ATTENTION_PULL, entity=entity,
                       reason=tr(f"本机不认识县级发来的记录类型「{entity}」，已保留待升级后处理",
                                 f"This computer does not know the record type \"{entity}\" sent by the county; "
                                 "it is kept for after an upgrade"),
                       reason_code="unknown_entity", server={"id": entity_id, "version": version, "data": data})
        return False
    try:
        with session.begin_nested():
            return handler(session, ctx, _key(entity, entity_id), version, data, force)
    except (IntegrityError, ValueError, KeyError, TypeError) as error:
        attention.note(
            session, ATTENTION_PULL, entity=entity, entity_id=_key_or_none(entity, entity_id), reason_code="not_stored",
            reason=tr(f"县级发来的{entity}记录无法在本机保存：{str(getattr(error, 'orig', error))[:300]}",
                      f"A {entity} record sent by the county cannot be stored on this computer: "
                      f"{str(getattr(error, 'orig', error))[:300]}"),
            server={"id": entity_id, "version": version, "data": data},
        )
        return False


def _skip(session: Session, entity: str, entity_id: uuid.UUID, version: int, force: bool) -> bool:
    if force:
        return False
    if version and (known_version(session, entity, entity_id) or 0) >= version:
        return True
    return has_open_changes(session, entity, entity_id)


# -- references that may not be here yet --------------------------------------------


def ensure_staff(session: Session, ctx: ApplyContext, staff_id: uuid.UUID | None) -> None:
    """A record names a staff account this desk has not received yet (made at
    another desk): keep a locked placeholder until the staff stream brings it."""
    if staff_id is None or session.get(Staff, staff_id) is not None:
        return
    session.add(Staff(
        id=staff_id, center_id=ctx.center_id, username=f"_pending_{staff_id.hex[:12]}", display_name="（其他电脑的工作人员）",
        role="window", password_hash=Staff.PLACEHOLDER_HASH, active=False,
    ))
    session.flush()


def _ensure_item(session: Session, item_id: uuid.UUID | None, data: dict[str, Any]) -> uuid.UUID | None:
    """A record names a catalog item this desk does not hold (a catalog one
    desk imported by itself): keep the record, under a placeholder item."""
    if item_id is None or session.get(CatalogItem, item_id) is not None:
        return item_id
    label = str(data.get("catalog_version") or "未知目录")[:40]
    name = f"{label}（县级转来）"[:50]
    version = session.scalar(select(CatalogVersion).where(CatalogVersion.version == name))
    if version is None:
        version = CatalogVersion(version=name, checksum="", is_current=False, source="county",
                                 notice="其他电脑使用的目录，本机只保留其办件引用的事项")
        session.add(version)
        session.flush()
    code = str(data.get("item_code") or item_id.hex[:8])[:30]
    session.add(CatalogItem(
        id=item_id, catalog_version_id=version.id, code=code, name=str(data.get("item_name") or code)[:100],
        department_code="", handling_mode=HandlingMode.COMMITTED, statutory_days=0, committed_days=0,
    ))
    session.flush()
    return item_id


def _prepare(session: Session, ctx: ApplyContext, model: type[Base], data: dict[str, Any]) -> dict[str, Any]:
    values = columns_from(model, data, skip=_NEVER_COPIED)
    for column in model.__table__.columns:
        key = column.key
        if key not in values or values[key] is None:
            continue
        targets = {fk.column.table.name for fk in column.foreign_keys}
        if key == "resident_id" and model is not Resident:
            # Work made for a record merged since belongs to the kept record.
            values[key] = resident_merge.current_resident_id(session, values[key])
        elif "staff" in targets:
            ensure_staff(session, ctx, values[key])
        elif "catalog_items" in targets:
            _ensure_item(session, values[key], data)
    return values


def _upsert(session: Session, ctx: ApplyContext, model: type[_Shared], entity_id: uuid.UUID,
            values: dict[str, Any]) -> tuple[_Shared, bool]:
    row = session.get(model, entity_id)
    created = row is None
    if row is None:
        row = model(id=entity_id, center_id=ctx.center_id, **values)
        session.add(row)
    else:
        for key, value in values.items():
            setattr(row, key, value)
    if isinstance(row, SyncStateMixin):  # every record the desk shares with the county is
        row.sync_state, row.sync_error, row.synced_at = SYNC_SYNCED, None, utcnow()
    return row, created


# -- desk records ---------------------------------------------------------------------


def _column(model: type[Base], key: str) -> Column[Any]:
    """The mapped column ``key`` of ``model`` (what ``from_json`` converts for)."""
    return sa_inspect(model).columns[key]


def _generic(entity: str) -> _Handler:
    model = MODELS[entity]

    def handler(session: Session, ctx: ApplyContext, entity_id: uuid.UUID, version: int, data: dict[str, Any],
                force: bool) -> bool:
        if _skip(session, entity, entity_id, version, force):
            return False
        _upsert(session, ctx, model, entity_id, _prepare(session, ctx, model, data))
        session.flush()
        remember_version(session, entity, entity_id, version)
        return True

    return handler


def _rating(session: Session, ctx: ApplyContext, entity_id: uuid.UUID, version: int, data: dict[str, Any],
            force: bool) -> bool:
    """好差评 made elsewhere (another desk's window, the county's QR page):
    inserted once, never changed (a rating is append-only)."""
    if session.get(Rating, entity_id) is not None:
        remember_version(session, "rating", entity_id, max(version, 1))
        return False
    values = _prepare(session, ctx, Rating, data)
    rating = Rating(id=entity_id, center_id=ctx.center_id, sync_state=SYNC_SYNCED, synced_at=utcnow(), **values)
    session.add(rating)
    session.flush()
    remember_version(session, "rating", entity_id, max(version, 1))
    # The audit log shows every rating with its channel, those made elsewhere too.
    channel = RatingChannel.text_of(rating.channel).zh
    audit.record(session, None, "rating.received", entity="rating", entity_id=rating.id,
                 summary=f"群众评价（{channel}，第 {rating.round} 次，县级同步）：{rating.level_label} {rating.case_number}".strip(),
                 detail={"channel": rating.channel, "round": rating.round})
    return True


def _resident(session: Session, ctx: ApplyContext, entity_id: uuid.UUID, version: int, data: dict[str, Any],
              force: bool) -> bool:
    if _skip(session, "resident", entity_id, version, force):
        return False
    values = _prepare(session, ctx, Resident, data)
    for derived in ("merged_into", "merged_at"):  # from the merges this desk holds, never from the payload
        values.pop(derived, None)
    twin = session.scalar(select(Resident).where(
        Resident.doc_type == values.get("doc_type"), Resident.id_number == values.get("id_number"), Resident.id != entity_id))
    if twin is not None:
        merge.free_identity(session, twin)
    old_name = session.scalar(select(Resident.name).where(Resident.id == entity_id))
    name = str(values.get("name") or "")
    values["name_initials"], values["name_pinyin"] = search_keys(name)
    phone = str(values.get("phone") or "")
    values["phone_last4"] = phone[-4:] if phone else ""
    _upsert(session, ctx, Resident, entity_id, values)
    session.flush()
    if old_name != name:
        index_resident_name(session, entity_id, name)
    remember_version(session, "resident", entity_id, version)
    if twin is not None:
        # Two desks registered one person: the county keeps the first; this
        # desk's registration merges into it (protocol §4, duplicate_resident).
        merge.merge_resident(session, local_id=twin.id, into_id=entity_id, county_data=data)
    if session.scalar(select(ResidentMerge.id).where(
            or_(ResidentMerge.kept_id == entity_id, ResidentMerge.merged_id == entity_id)).limit(1)) is not None:
        resident_merge.settle_merges(session)  # a merge that was waiting for this record
    return True


def _resident_merge(session: Session, ctx: ApplyContext, entity_id: uuid.UUID, version: int, data: dict[str, Any],
                    force: bool) -> bool:
    """合并登记 from another desk: stored, and once confirmed carried out here
    by the same rule as at the desk that confirmed it (one operation). A
    merge this desk already confirmed is never taken back by a late copy."""
    if _skip(session, "resident_merge", entity_id, version, force):
        return False
    row = session.get(ResidentMerge, entity_id)
    values = _prepare(session, ctx, ResidentMerge, data)
    if row is not None and row.status == MERGE_CONFIRMED:
        values["status"] = MERGE_CONFIRMED
    _upsert(session, ctx, ResidentMerge, entity_id, values)
    session.flush()
    remember_version(session, "resident_merge", entity_id, version)
    if values.get("status") == MERGE_CONFIRMED:
        resident_merge.settle_merges(session)
    return True


#: 投诉举报: the county's handling of an escalated complaint, the county's alone.
COUNTY_COMPLAINT_FIELDS = ("county_answer", "county_answered_at", "county_officer")


def _complaint(session: Session, ctx: ApplyContext, entity_id: uuid.UUID, version: int, data: dict[str, Any],
               force: bool) -> bool:
    """A complaint from the county. Its ``county_*`` fields (the county's answer
    to an escalated complaint) are taken even while this desk has its own
    change of the complaint on the way up: nobody else writes them, and the
    worker must see the answer to tell the complainant."""
    changed = _generic("complaint")(session, ctx, entity_id, version, data, force)
    row = session.get(Complaint, entity_id)
    if row is None:
        return changed
    for key in COUNTY_COMPLAINT_FIELDS:
        if key not in data:
            continue
        value = from_json(_column(Complaint, key), data[key])
        if value not in (None, "") and getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    session.flush()
    return changed


_MATERIAL_SKIP = frozenset({"case_id"})


def _case(session: Session, ctx: ApplyContext, entity_id: uuid.UUID, version: int, data: dict[str, Any],
          force: bool) -> bool:
    if _skip(session, "case", entity_id, version, force):
        return False
    values = _prepare(session, ctx, Case, data)
    row, created = _upsert(session, ctx, Case, entity_id, values)
    lines = data.get("materials")
    if isinstance(lines, list):
        if not created:
            session.execute(delete(CaseMaterial).where(CaseMaterial.case_id == entity_id))
            session.expire(row, ["materials"])
        for position, line in enumerate(lines, start=1):
            if not isinstance(line, dict):
                continue
            material = columns_from(CaseMaterial, line, skip=_MATERIAL_SKIP)
            material.setdefault("position", position)
            if material.get("catalog_material_id") and session.get(CatalogMaterial, material["catalog_material_id"]) is None:
                material["catalog_material_id"] = None
            material.setdefault("name", "")
            material.setdefault("form", "")
            session.add(CaseMaterial(case_id=entity_id, **material))
    session.flush()
    remember_version(session, "case", entity_id, version)
    if not created:
        project_case(session, row)
    return True


def _case_event(session: Session, ctx: ApplyContext, entity_id: uuid.UUID, version: int, data: dict[str, Any],
                force: bool) -> bool:
    position = data.get("position")
    existing = session.get(CaseEvent, entity_id)
    if existing is not None:
        # Our own event coming back, or one already received: learn its place.
        if isinstance(position, int) and existing.position != position:
            existing.position = position
            project_case_by_id(session, existing.case_id)
        return False
    case_id = _uuid(data["case_id"])
    case = session.get(Case, case_id)
    if case is None:
        raise KeyError(f"case {case_id} is not here")
    staff_id = from_json(_column(CaseEvent, "staff_id"), data.get("staff_id"))
    ensure_staff(session, ctx, staff_id)
    seq = (session.scalar(select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case_id)) or 0) + 1
    session.add(CaseEvent(
        id=entity_id, case_id=case_id, seq=seq, kind=str(data["kind"]), from_status=data.get("from_status"),
        to_status=str(data["to_status"]), staff_id=staff_id, actor_label=str(data.get("actor_label") or "")[:100],
        occurred_at=from_json(_column(CaseEvent, "occurred_at"), data["occurred_at"]), note=str(data.get("note") or ""),
        data=data.get("data") or {}, position=position if isinstance(position, int) else None,
    ))
    session.flush()
    project_case(session, case)
    return True


def project_case_by_id(session: Session, case_id: uuid.UUID) -> None:
    case = session.get(Case, case_id)
    if case is not None:
        project_case(session, case)


def project_case(session: Session, case: Case) -> None:
    """The case's status, result and completion from its history: events in
    the county's order, then this desk's events not yet placed; refused ones
    do not count. The rules are the domain's projection, which the county
    applies event by event."""
    events = list(session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.refused == "")))
    if not events:
        return
    events.sort(key=lambda e: (e.position is None, e.position or 0, e.seq))
    state = lifecycle.project_history(
        lifecycle.CaseProjection(case.status, case.result, case.completed_at, case.forwarded_to), events,
    )
    case.status, case.result, case.completed_at, case.forwarded_to = (
        state.status, state.result, state.completed_at, state.forwarded_to,
    )


# -- county-owned data ------------------------------------------------------------------

COUNTY_CENTER_FIELDS = ("code", "name", "county", "district", "town", "address", "phone", "supervision_phone")


def _center(session: Session, ctx: ApplyContext, entity_id: uuid.UUID, version: int, data: dict[str, Any],
            force: bool) -> bool:
    if not force and version and (known_version(session, "center", entity_id) or 0) >= version:
        return False
    center = session.get(Center, ctx.center_id)
    assert center is not None
    # Only what the county keeps, and only what it knows: an empty county value
    # never wipes what the center head entered at the desk. The consultation
    # phone and the opening and pickup hours are the desk's alone.
    for key in COUNTY_CENTER_FIELDS:
        if isinstance(data.get(key), str) and data[key].strip():
            setattr(center, key, data[key])
    # 差评整改 deadlines: the county sets them for the center (N 回访, M 整改).
    revisit, rectify = data.get("rating_revisit_days"), data.get("rating_rectify_days")
    if isinstance(revisit, int) and isinstance(rectify, int) and 0 < revisit <= rectify <= 60:
        settings.put(session, settings.RATING_REVISIT_DAYS, revisit)
        settings.put(session, settings.RATING_RECTIFY_DAYS, rectify)
        settings.put(session, settings.RATING_DEADLINES_SOURCE, "county")
    remember_version(session, "center", entity_id, version)
    return True


def _device(session: Session, ctx: ApplyContext, entity_id: uuid.UUID, version: int, data: dict[str, Any],
            force: bool) -> bool:
    if not force and version and (known_version(session, "device", entity_id) or 0) >= version:
        return False
    values = {
        "device_number": int(data["device_number"]),
        "name": str(data.get("name") or "")[:100],
        "window_no": str(data.get("window_no") or "")[:10],
        "revoked_at": from_json(_column(Device, "revoked_at"), data.get("revoked_at")),
        "enrolled_at": from_json(_column(Device, "enrolled_at"), data.get("enrolled_at")),
    }
    row = session.get(Device, entity_id)
    if row is None:
        session.add(Device(id=entity_id, center_id=ctx.center_id, is_this_device=False, **values))
    elif entity_id == ctx.device_id:
        row.revoked_at, row.enrolled_at = values["revoked_at"], values["enrolled_at"]
        if values["name"]:
            row.name = values["name"]
    else:
        for key, value in values.items():
            setattr(row, key, value)
    session.flush()
    remember_version(session, "device", entity_id, version)
    return True


def _staff(session: Session, ctx: ApplyContext, entity_id: uuid.UUID, version: int, data: dict[str, Any],
           force: bool) -> bool:
    """An account from the county (made there, or at one of the center's desks).

    The county wins, with two exceptions that keep this desk usable: an
    account this desk holds as a head stays one while the county has its
    head role waiting for approval, and this desk's last active head is
    never demoted or locked out from here (it is listed under 需要处理).
    A change of this desk still on its way up keeps the desk's version.
    """
    if _skip(session, "staff", entity_id, version, force):
        return False
    username = str(data["username"])
    clash = session.scalar(select(Staff).where(Staff.center_id == ctx.center_id, Staff.username == username,
                                               Staff.id != entity_id))
    if clash is not None:
        # A local account with the county's login name: the county's account
        # wins the name; the local one is kept (its records name it), locked.
        clash.username = f"{username[:40]}.local"
        clash.active = False
        attention.note(
            session, ATTENTION_NOTICE, entity="staff", entity_id=clash.id, reason_code="staff_username_taken",
            reason=tr(f"县级下发的账号「{username}」与本机原有账号同名；本机原账号已改名为「{clash.username}」并停用，"
                      f"请使用县级账号登录",
                      f"The county's account \"{username}\" has the same name as an account on this computer; "
                      f"the local one was renamed \"{clash.username}\" and disabled. Please log in with the "
                      "county's account"),
        )
        session.flush()
    row = session.get(Staff, entity_id)
    values: dict[str, Any] = {
        "username": username, "display_name": str(data.get("display_name") or username)[:50],
        "role": str(data.get("role") or StaffRole.WINDOW), "password_hash": str(data["password_hash"]),
        "phone": str(data.get("phone") or "")[:30], "active": bool(data.get("active", True)),
        "must_change_password": bool(data.get("must_change_password", False)),
        "role_pending": str(data.get("role_pending") or "")[:10],
        "sync_state": SYNC_SYNCED, "sync_error": None, "synced_at": utcnow(),
    }
    if row is not None and row.role == StaffRole.HEAD and row.password_hash != Staff.PLACEHOLDER_HASH:
        if values["role_pending"] == StaffRole.HEAD:
            values["role"] = StaffRole.HEAD  # held here as a head: kept while the county decides
        if (values["role"] != StaffRole.HEAD or not values["active"]) and row.active and not has_another_active_head(session, row):
            values["role"], values["active"] = StaffRole.HEAD, True
            attention.note(
                session, ATTENTION_NOTICE, entity="staff", entity_id=row.id, reason_code="last_head_kept",
                reason=tr(f"县级将「{row.display_name}」改为非中心主任或停用，但这是本机唯一在用的中心主任账号；"
                          "本机暂时保留其主任身份，请联系县级管理员或另设一位中心主任",
                          f"The county made \"{row.display_name}\" something other than a center head, or "
                          "deactivated it, but it is this computer's only active head account; it stays a head "
                          "here for now. Contact the county administrator or set up another head"),
            )
    if row is None:
        session.add(Staff(id=entity_id, center_id=ctx.center_id, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
    session.flush()
    remember_version(session, "staff", entity_id, version)
    return True


def _catalog_version(session: Session, ctx: ApplyContext, entity_id: uuid.UUID, version: int, data: dict[str, Any],
                     force: bool) -> bool:
    existing = session.get(CatalogVersion, entity_id)
    if existing is None:
        name = str(data["version"])
        clash = session.scalar(select(CatalogVersion).where(CatalogVersion.version == name))
        if clash is not None:
            # A catalog this desk imported by itself under the same name: its
            # cases keep their items; the county's copy becomes the shared one.
            clash.version = f"{name[:40]}（本机导入）"
            session.flush()
        published = data.get("published")
        row = CatalogVersion(
            id=entity_id, version=name, region=str(data.get("region") or ""),
            published=date.fromisoformat(published) if published else None, is_sample=bool(data.get("is_sample")),
            notice=str(data.get("notice") or ""), source=str(data.get("source") or "county")[:300],
            checksum=str(data.get("checksum") or ""), is_current=False,
            document_settings=dict(data.get("documents") or {}),
        )
        row.departments = [Department(id=_uuid(d["id"]), code=d["code"], name=d["name"]) for d in data.get("departments", [])]
        session.add(row)
        session.flush()
        for spec in data.get("items", []):
            values = columns_from(CatalogItem, spec, skip=frozenset({"catalog_version_id"}))
            item = session.get(CatalogItem, values["id"])
            if item is None:
                item = CatalogItem(catalog_version_id=row.id, **values)
                session.add(item)
            else:  # a placeholder kept for a case that arrived first: it becomes the real item
                for key, value in values.items():
                    setattr(item, key, value)
                item.catalog_version_id = row.id
                session.execute(delete(CatalogMaterial).where(CatalogMaterial.item_id == item.id))
            session.flush()
            for material in spec.get("materials", []):
                session.add(CatalogMaterial(item_id=item.id, **columns_from(CatalogMaterial, material,
                                                                            skip=frozenset({"item_id"}))))
        session.flush()
        session.expire(row)
        existing = row
    if data.get("is_current", True):
        session.execute(update(CatalogVersion).where(CatalogVersion.id != entity_id).values(is_current=False))
        existing.is_current = True
    remember_version(session, "catalog_version", entity_id, max(version, 1))
    return True


def _calendar_year(session: Session, ctx: ApplyContext, entity_id: uuid.UUID, version: int, data: dict[str, Any],
                   force: bool) -> bool:
    year = int(data["year"])
    key = uuid.UUID(int=year)  # years have no uuid; the version table is keyed by one
    if entity_id != key:
        raise ValueError(f"calendar entry {entity_id} does not match its year {year}")
    if not force and (known_version(session, "calendar_year", key) or 0) >= int(data.get("version") or version or 1):
        return False
    table = parse_calendar_table(str(data["table_text"]), source=f"县级日历 {year}")
    # A county table always declares its year whole: it replaces the provisional
    # counting, and the import recounts the open deadlines that reach into it.
    table = replace(table, published_years=table.published_years | {year})
    # A later version of a year replaces the whole year, days it dropped included.
    session.execute(delete(CalendarDay).where(extract("year", CalendarDay.day) == year))
    import_calendar_table(session, table, actor=None, source="county",
                          note=f"县级发布 第 {data.get('version', version)} 版")
    remember_version(session, "calendar_year", key, int(data.get("version") or version or 1))
    return True


_HANDLERS: dict[str, _Handler] = {
    "resident": _resident,
    "case": _case,
    "case_event": _case_event,
    "rating": _rating,
    "rating_follow_up": _generic("rating_follow_up"),
    "inquiry": _generic("inquiry"),
    "printed_document": _generic("printed_document"),
    "complaint": _complaint,
    "appointment": _generic("appointment"),
    "whereabouts_note": _generic("whereabouts_note"),
    "backup_assignment": _generic("backup_assignment"),
    "online_assist": _generic("online_assist"),
    "resident_merge": _resident_merge,
    "center": _center,
    "device": _device,
    "staff": _staff,
    "catalog_version": _catalog_version,
    "calendar_year": _calendar_year,
}

__all__ = ["ApplyContext", "apply_record", "context", "project_case", "project_case_by_id"]
