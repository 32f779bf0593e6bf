"""Applying pushed operations: idempotent by op id, each op all-or-nothing.

One batch is one transaction holding the center's lock (changelog.lock_center);
each operation runs in its own savepoint, so a rejected or conflicting op
leaves no trace while the others of the batch are applied. Only applied
operations (and duplicates) are remembered by op id: a rejected op can be
sent again, unchanged, once its cause is gone (e.g. its parent arrived).
"""
from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import insert, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from app.models.resident import MERGE_CONFIRMED
from app.models.vocabulary import CaseEventKind, CaseResult, CaseStatus, EntityKind, RatingLevel
from app.services import lifecycle
from app.services.resident_merge import MergeEdge, merge_roots
from county_server import changelog
from county_server.models import (
    AppliedOp,
    Case,
    CaseEvent,
    Center,
    CenterRecord,
    ChangeEntry,
    Complaint,
    Device,
    OnlineAssist,
    Rating,
    RatingFollowUp,
    Resident,
    Staff,
)
from county_server.models.records import ORIGIN_DESK
from county_server.rows import case_row, event_row, staff_row
from county_server.services import desk_staff
from county_server.services import payloads as p
from county_server.services.hostile import TooDeep, find_hostile, text_problem

log = logging.getLogger(__name__)

APPLIED = "applied"
DUPLICATE = "duplicate"
REJECTED = "rejected"
CONFLICT = "conflict"


class OpEnvelope(BaseModel):
    model_config = ConfigDict(extra="forbid")

    op_id: uuid.UUID
    entity: str = Field(max_length=40)
    entity_id: uuid.UUID
    kind: str = Field(max_length=10)
    base_version: int | None = Field(default=None, ge=0, le=2**62)
    device_time: p.Moment | None = None
    payload: dict[str, Any]


class OpRefused(Exception):
    """An operation that is not applied; ``status`` is rejected or conflict."""

    def __init__(self, status: str, code: str, reason: str, *, retryable: bool = False, **extra: Any) -> None:
        super().__init__(reason)
        self.status = status
        self.code = code
        self.reason = reason
        self.retryable = retryable
        self.extra = extra


def rejected(code: str, reason: str, *, retryable: bool = False, **extra: Any) -> OpRefused:
    return OpRefused(REJECTED, code, reason, retryable=retryable, **extra)


def conflict(code: str, reason: str, **extra: Any) -> OpRefused:
    return OpRefused(CONFLICT, code, reason, **extra)


@dataclass
class PushContext:
    """One batch: the center's lock is held, sequence numbers are handed out
    here and the log entries and op records are written once, at the end."""

    session: Session
    device: Device
    center: Center
    now: datetime
    seq: int = 0
    entries: list[dict[str, Any]] = field(default_factory=list)
    applied: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    seen: dict[uuid.UUID, tuple[uuid.UUID, str, dict[str, Any]]] = field(default_factory=dict)
    # Rows the batch touches, loaded up front (None = known absent); one query
    # per kind instead of several per op.
    rows: dict[tuple[type, uuid.UUID], Any] = field(default_factory=dict)
    people: dict[tuple[str, str], uuid.UUID] = field(default_factory=dict)
    numbers: dict[str, uuid.UUID] = field(default_factory=dict)
    undo: list[tuple[dict[Any, Any], Any, Any]] = field(default_factory=list)
    # merged resident -> the record kept (合并登记), worked out once per batch when needed
    merged: dict[uuid.UUID, uuid.UUID] | None = None

    def get(self, model: type, key: uuid.UUID) -> Any:
        if (model, key) in self.rows:
            return self.rows[(model, key)]
        row = self.session.get(model, key)
        self.rows[(model, key)] = row
        return row

    def remember(self, table: dict[Any, Any], key: Any, value: Any) -> None:
        """Note a row or key this op added; forgotten again if the op fails."""
        self.undo.append((table, key, table.get(key, _MISSING)))
        table[key] = value

    def drop(self, table: dict[Any, Any], key: Any) -> None:
        self.undo.append((table, key, table.get(key, _MISSING)))
        table.pop(key, None)

    def forget_op(self) -> None:
        for table, key, old in reversed(self.undo):
            if old is _MISSING:
                table.pop(key, None)
            else:
                table[key] = old
        self.undo.clear()


_MISSING = object()
_REFS = {"resident_id": Resident, "case_id": Case, "inquiry_id": CenterRecord, "rating_id": Rating}
_ENTITY_MODELS: dict[str, type] = {"resident": Resident, "case": Case, "case_event": CaseEvent, "rating": Rating,
                                   "staff": Staff, "complaint": Complaint, "rating_follow_up": RatingFollowUp}


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def _storable(value: Any) -> bool:
    """A key worth looking up (a hostile one is refused with its op later)."""
    return isinstance(value, str) and len(value) <= 100 and text_problem(value) is None


def _prefetch(ctx: PushContext, ops: list[Any]) -> None:
    wanted: dict[type[Any], set[uuid.UUID]] = {}
    numbers: set[str] = set()
    people: set[str] = set()
    op_ids: set[uuid.UUID] = set()
    for raw in ops:
        if not isinstance(raw, dict) or not isinstance(raw.get("entity"), str):
            continue  # refused op by op later, with its reason
        if (op_id := _uuid(raw.get("op_id"))) is not None:
            op_ids.add(op_id)
        model = _ENTITY_MODELS.get(raw["entity"], CenterRecord)
        if (entity_id := _uuid(raw.get("entity_id"))) is not None:
            wanted.setdefault(model, set()).add(entity_id)
        payload = raw.get("payload")
        if not isinstance(payload, dict):
            continue
        for ref, ref_model in _REFS.items():
            if (ref_id := _uuid(payload.get(ref))) is not None:
                wanted.setdefault(ref_model, set()).add(ref_id)
        if raw.get("entity") == "case" and _storable(payload.get("case_number")):
            numbers.add(payload["case_number"])
        if raw.get("entity") == "resident" and _storable(payload.get("id_number")):
            people.add(payload["id_number"])
    session = ctx.session
    if op_ids:
        for prior in session.scalars(select(AppliedOp).where(AppliedOp.op_id.in_(op_ids))):
            ctx.seen[prior.op_id] = (prior.device_id, prior.content_hash, prior.result)
    for model, ids in wanted.items():
        found = {row.id: row for row in session.scalars(select(model).where(model.id.in_(ids)))}
        for key in ids:
            ctx.rows[(model, key)] = found.get(key)
    if numbers:
        ctx.numbers = dict(
            session.execute(select(Case.case_number, Case.id).where(Case.case_number.in_(numbers))).tuples().all()
        )
    if people:
        for doc_type, id_number, rid in session.execute(
            select(Resident.doc_type, Resident.id_number, Resident.id).where(
                Resident.center_id == ctx.center.id, Resident.id_number.in_(people)
            )
        ):
            ctx.people[(doc_type, id_number)] = rid


def content_hash(raw: dict[str, Any]) -> str:
    """What makes two sends "the same op": not the base version or device time,
    which a desk may refresh between retries."""
    body = {k: raw.get(k) for k in ("entity", "entity_id", "kind", "payload")}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def describe_errors(error: ValidationError) -> str:
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(x) for x in item["loc"]) or "(整体)"
        parts.append(f"字段「{where}」：{item['msg']}")
    return "；".join(parts)


def push_batch(session: Session, *, device: Device, center: Center, ops: list[Any], now: datetime) -> list[dict[str, Any]]:
    head = changelog.lock_center(session, center.id)
    ctx = PushContext(session, device, center, now, seq=head)
    _prefetch(ctx, ops)
    results = [apply_op(ctx, index, raw) for index, raw in enumerate(ops)]
    if ctx.entries:
        session.execute(insert(ChangeEntry), ctx.entries)
        changelog.set_head(session, str(center.id), changelog.RECORDS, ctx.seq)
    if ctx.applied:
        session.execute(insert(AppliedOp), list(ctx.applied.values()))
    device.last_push_at = now
    return results


def apply_op(ctx: PushContext, index: int, raw: Any) -> dict[str, Any]:
    """One operation's answer: applied, duplicate, rejected (with a reason) or
    conflict. Whatever the op carries, the answer is for it alone."""
    result: dict[str, Any] = {"index": index, "op_id": None}
    if isinstance(raw, TooDeep):
        return result | {"op_id": raw.op_id} | _refusal(rejected("too_deep", "操作数据嵌套过深，无法读取"))
    if not isinstance(raw, dict):
        return result | _refusal(rejected("bad_op", "每个操作应为一个 JSON 对象"))
    if isinstance(raw.get("op_id"), str) and text_problem(raw["op_id"]) is None:
        result["op_id"] = raw["op_id"][:64]
    hostile = find_hostile(raw)
    if hostile is not None:
        return result | _refusal(rejected(hostile.code, "操作数据无法保存：" + hostile.reason, field=hostile.field))
    try:
        op = OpEnvelope.model_validate(raw)
    except ValidationError as error:
        return result | _refusal(rejected("bad_op", "操作格式错误：" + describe_errors(error)))
    result |= {"op_id": str(op.op_id), "entity": op.entity, "entity_id": str(op.entity_id)}
    if op.entity not in p.PAYLOADS:
        return result | _refusal(rejected("unknown_entity", f"未知的记录类型「{op.entity}」"))
    if op.kind not in p.KINDS[op.entity]:
        kinds = " / ".join(sorted(p.KINDS[op.entity]))
        return result | _refusal(rejected("bad_kind", f"{EntityKind(op.entity).label.zh}只接受 {kinds} 操作，收到「{op.kind}」"))
    digest = content_hash(raw)
    if op.entity == "resident_merge":
        ctx.merged = None  # worked out again after this op, applied or not
    prior = ctx.seen.get(op.op_id)
    if prior is not None:
        prior_device, prior_hash, prior_result = prior
        if prior_device != ctx.device.id or prior_hash != digest:
            return result | _refusal(conflict("op_id_reused", "该操作编号已用于另一条内容不同的操作"))
        return result | prior_result | {"status": DUPLICATE, "first_status": prior_result.get("status")}
    try:
        payload = p.PAYLOADS[op.entity].model_validate(op.payload)
    except ValidationError as error:
        return result | _refusal(rejected("invalid_payload", f"{EntityKind(op.entity).label.zh}数据有误：" + describe_errors(error)))
    if payload.center_id is not None and payload.center_id != ctx.center.id:
        return result | _refusal(rejected("wrong_center", "数据中的中心与本机所属中心不一致；中心以本机注册信息为准"))
    mark = (ctx.seq, len(ctx.entries))
    ctx.undo.clear()
    try:
        with ctx.session.begin_nested():
            outcome = _HANDLERS[op.entity](ctx, op, payload)
            ctx.session.flush()
    except (OpRefused, IntegrityError, DataError, ValueError, OverflowError, RecursionError) as error:
        ctx.seq, del_from = mark
        del ctx.entries[del_from:]  # the op left no trace, not even a sequence number
        ctx.forget_op()
        if isinstance(error, OpRefused):
            return result | _refusal(error)
        if isinstance(error, IntegrityError):
            return result | _refusal(rejected("constraint", "与县级已有数据冲突（唯一性约束），未保存"))
        # A value the database or a conversion refused: this op only (anything
        # else, a lost connection or a deadlock, is the batch's: the desk resends it). Logged
        # by kind, never with the data (it holds ID numbers and phones).
        log.warning("push: op %s (%s) refused by %s", op.op_id, op.entity, type(error).__name__)
        return result | _refusal(rejected("invalid_value", f"{EntityKind(op.entity).label.zh}数据中有县级数据库无法保存的值"))
    ctx.applied[op.op_id] = {
        "op_id": op.op_id, "device_id": ctx.device.id, "entity": op.entity, "entity_id": op.entity_id,
        "content_hash": digest, "result": outcome, "applied_at": ctx.now,
    }
    ctx.seen[op.op_id] = (ctx.device.id, digest, outcome)
    return result | outcome


def _refusal(refusal: OpRefused) -> dict[str, Any]:
    return {
        "status": refusal.status,
        "reason_code": refusal.code,
        "reason": refusal.reason,
        "retryable": refusal.retryable,
    } | refusal.extra


# -- shared checks ---------------------------------------------------------------


def _own(ctx: PushContext, model: type, entity_id: uuid.UUID) -> Any:
    row = ctx.get(model, entity_id)
    if row is not None and row.center_id != ctx.center.id:
        raise rejected("wrong_center", "该记录属于其他中心，本机无权修改")
    return row


_PARENT_MODELS: dict[str, type] = {"resident": Resident, "case": Case, "inquiry": CenterRecord, "rating": Rating}


def _check_parents(ctx: PushContext, entity: str, payload: p.Payload) -> None:
    for ref, parent in p.PARENTS.get(entity, ()):
        value = getattr(payload, ref, None)
        if value is None:
            continue
        row = ctx.get(_PARENT_MODELS[parent], value)
        if row is not None and getattr(row, "entity", parent) != parent:
            row = None
        if row is not None and row.center_id != ctx.center.id:
            raise rejected("wrong_center", f"所引用的{EntityKind(parent).label.zh}属于其他中心")
        if row is None:
            label = EntityKind(parent).label.zh
            raise rejected(
                "missing_parent", f"所引用的{label}（{ref}={value}）尚未同步到县级，请先推送该{label}",
                retryable=True, parent=parent, parent_id=str(value),
            )


def _check_base(ctx: PushContext, op: OpEnvelope, row: Any, current: dict[str, Any]) -> None:
    """Conflict when another writer changed the row after the version the desk built on.

    The desk's own successive edits never conflict with each other, even when
    it made them offline without knowing the versions the server assigned.
    """
    if row.version > (op.base_version or 0) and row.last_device_id != ctx.device.id:
        raise conflict(
            "stale",
            "县级已有该记录的较新版本（本中心另一台电脑或县级修改过），请核对后重新保存",
            current_version=row.version,
            current=current,
        )


def _check_immutable(entity: str, old: dict[str, Any], new: dict[str, Any]) -> None:
    for name in p.IMMUTABLE.get(entity, ()):
        if old.get(name) != new.get(name):
            raise rejected("immutable_field", f"{EntityKind(entity).label.zh}的「{name}」创建后不能修改")


def _record(ctx: PushContext, entity: str, entity_id: uuid.UUID, data: dict[str, Any], *, version: int, op: str) -> int:
    """Queue the change for the records stream; written with the batch."""
    ctx.seq += 1
    ctx.entries.append({
        "scope": str(ctx.center.id), "stream": changelog.RECORDS, "seq": ctx.seq, "entity": entity,
        "entity_id": str(entity_id), "op": op, "version": version, "origin_device_id": ctx.device.id,
        "data": data, "created_at": ctx.now,
    })
    return ctx.seq


def _applied(version: int, seq: int) -> dict[str, Any]:
    return {"status": APPLIED, "version": version, "seq": seq}


def _duplicate(version: int) -> dict[str, Any]:
    return {"status": DUPLICATE, "version": version, "reason": "县级已有内容相同的记录"}


def _upsert(
    ctx: PushContext,
    op: OpEnvelope,
    *,
    entity: str,
    model: type,
    data: dict[str, Any],
    columns: dict[str, Any],
    on_insert: dict[str, Any] | None = None,
    represent: Any = None,
) -> dict[str, Any]:
    """Insert or update a versioned desk record and log it to the records stream."""
    row = _own(ctx, model, op.entity_id)
    if row is None:
        extra = {"entity": entity} if model is CenterRecord else {}
        row = model(
            id=op.entity_id, center_id=ctx.center.id, data=data, version=1,
            last_device_id=ctx.device.id, updated_at=ctx.now, **extra, **columns, **(on_insert or {}),
        )
        ctx.session.add(row)
        ctx.remember(ctx.rows, (model, op.entity_id), row)
    else:
        if model is CenterRecord and row.entity != entity:
            raise rejected("wrong_entity", "该记录编号已用于另一种记录")
        if row.data == data:
            return _duplicate(row.version)
        if op.kind == "insert":
            raise conflict("insert_only", f"{EntityKind(entity).label.zh}只能新增；县级已有同一编号但内容不同的记录",
                           current_version=row.version, current=row.data)
        _check_immutable(entity, row.data, data)
        _check_base(ctx, op, row, row.data)
        row.data = data
        for key, value in columns.items():
            setattr(row, key, value)
        row.version += 1
        row.last_device_id = ctx.device.id
        row.updated_at = ctx.now
    ctx.session.flush()
    shown = represent(row) if represent else row.data
    return _applied(row.version, _record(ctx, entity, op.entity_id, shown, version=row.version, op="upsert"))


def _data(op: OpEnvelope, ctx: PushContext, payload: p.Payload) -> dict[str, Any]:
    return p.as_json(payload) | {"id": str(op.entity_id), "center_id": str(ctx.center.id)}


# -- entities ----------------------------------------------------------------------


def _resident(ctx: PushContext, op: OpEnvelope, payload: p.ResidentPayload) -> dict[str, Any]:
    person = (payload.doc_type, payload.id_number)
    same_person = ctx.people.get(person)
    if same_person is not None and same_person != op.entity_id:
        raise conflict(
            "duplicate_resident",
            "本中心已有证件号码相同的群众（由另一台电脑登记）；请合并为同一人后再同步",
            existing_id=str(same_person),
        )
    existing = ctx.get(Resident, op.entity_id)
    if existing is not None and existing.center_id == ctx.center.id:
        ctx.drop(ctx.people, (existing.doc_type, existing.id_number))
    columns = {"doc_type": payload.doc_type, "id_number": payload.id_number, "name": payload.name}
    outcome = _upsert(ctx, op, entity="resident", model=Resident, data=_data(op, ctx, payload), columns=columns)
    ctx.remember(ctx.people, person, op.entity_id)
    return outcome


def _case(ctx: PushContext, op: OpEnvelope, payload: p.CasePayload) -> dict[str, Any]:
    device = ctx.session.get(Device, payload.device_id)
    if device is None or device.center_id != ctx.center.id:
        raise rejected("unknown_device", "办件的设备不是本中心已注册的设备")
    prefix = f"{ctx.center.code}-{device.device_number:02d}-"
    if not payload.case_number.startswith(prefix):
        raise rejected("bad_case_number", f"办件编号应以「{prefix}」开头（本中心编码和办件设备编号）")
    _check_parents(ctx, "case", payload)
    payload = _follow_merges(ctx, payload)
    twin = ctx.numbers.get(payload.case_number)
    if twin is not None and twin != op.entity_id:
        raise conflict("duplicate_case_number", f"办件编号 {payload.case_number} 已被另一个办件使用", existing_id=str(twin))
    item_code, item_name = payload.item_code, payload.item_name
    if not item_name:
        from county_server.services.publish import find_catalog_item

        item = find_catalog_item(ctx.session, payload.catalog_version, str(payload.item_id))
        if item is not None:
            item_code, item_name = item["code"], item["name"]
    columns = {
        "device_id": payload.device_id,
        "case_number": payload.case_number,
        "verification_code": payload.verification_code,
        "resident_id": payload.resident_id,
        "item_id": payload.item_id,
        "item_code": item_code,
        "item_name": item_name,
        "catalog_version": payload.catalog_version,
        "received_at": payload.received_at,
        "accepted_on": payload.accepted_on,
        "committed_due": payload.committed_due,
        "statutory_due": payload.statutory_due,
        "forwarded_to": payload.forwarded_to,
        "expected_return": payload.expected_return,
    }
    existing = ctx.get(Case, op.entity_id)
    if existing is None or existing.event_count == 0:
        # Until its first event arrives, a case shows the status its desk gave it;
        # from then on the status is the projection of the history alone.
        columns |= {"status": payload.status, "result": payload.result, "completed_at": payload.completed_at}
    outcome = _upsert(ctx, op, entity="case", model=Case, data=_data(op, ctx, payload), columns=columns,
                      represent=case_row)
    ctx.remember(ctx.numbers, payload.case_number, op.entity_id)
    return outcome


def _event_fingerprint(row: CaseEvent) -> tuple[Any, ...]:
    return (str(row.case_id), row.kind, row.from_status, row.to_status, row.note, row.data)


def _case_event(ctx: PushContext, op: OpEnvelope, payload: p.CaseEventPayload) -> dict[str, Any]:
    existing = ctx.get(CaseEvent, op.entity_id)
    if existing is not None:
        if existing.center_id != ctx.center.id:
            raise rejected("wrong_center", "该记录属于其他中心，本机无权修改")
        sent = (str(payload.case_id), payload.kind, payload.from_status, payload.to_status, payload.note, payload.data)
        if _event_fingerprint(existing) == sent:
            return {"status": DUPLICATE, "version": 1, "position": existing.position,
                    "reason": "县级已有这条办件记录"}
        raise conflict("event_id_reused", "该办件记录编号已用于另一条内容不同的记录")
    _check_parents(ctx, "case_event", payload)
    case = ctx.get(Case, payload.case_id)
    assert case is not None
    _check_transition(ctx, case, payload)
    event = CaseEvent(
        id=op.entity_id, case_id=case.id, center_id=ctx.center.id, position=case.event_count + 1,
        kind=payload.kind, from_status=payload.from_status, to_status=payload.to_status,
        occurred_at=payload.occurred_at, note=payload.note, actor_label=payload.actor_label,
        staff_id=payload.staff_id, desk_seq=payload.seq, origin=ORIGIN_DESK, device_id=ctx.device.id,
        recorded_at=ctx.now, data=payload.data,
    )
    ctx.session.add(event)
    ctx.remember(ctx.rows, (CaseEvent, event.id), event)
    _project(case, event)
    case.updated_at = ctx.now
    ctx.session.flush()
    data = event_row(event) | {"case_status": case.status}
    seq = _record(ctx, "case_event", event.id, data, version=1, op="append")
    return {"status": APPLIED, "version": 1, "seq": seq, "position": event.position, "case_status": case.status}


def _check_transition(ctx: PushContext, case: Case, payload: p.CaseEventPayload) -> None:
    """The event must follow the server's history legally (app.services.lifecycle)."""
    if case.event_count == 0:
        if payload.seq is not None and payload.seq > 1:
            # The desk's own numbering says earlier records of this case have
            # not arrived yet (a batch boundary, a cut): wait for them.
            raise rejected(
                "missing_parent", f"该办件此前的 {payload.seq - 1} 条记录尚未同步到县级，请先推送",
                retryable=True, parent="case", parent_id=str(payload.case_id),
            )
        expected = lifecycle.INTAKE_OUTCOMES.get(payload.kind)
        if expected is None or payload.from_status is not None or payload.to_status != expected:
            raise rejected(
                "illegal_transition",
                f"办件的第一条记录应为受理结果（{' / '.join(lifecycle.INTAKE_OUTCOMES)}），收到「{payload.kind}」",
            )
        return
    if payload.from_status != case.status:
        raise conflict(
            "status_changed",
            f"县级记录的办件状态已是「{CaseStatus.text_of(case.status).zh}」，"
            f"而这条记录基于「{CaseStatus.text_of(payload.from_status).zh}」；请先同步再处理",
            current_status=case.status,
        )
    if case.county_received_at is not None and case.status == CaseStatus.FORWARDED and payload.kind != CaseEventKind.NOTE:
        raise conflict(
            "county_owned",
            "该办件已由县级部门接收办理，办理状态由县级记录；本窗口只能添加备注",
            current_status=case.status,
        )
    try:
        step = lifecycle.apply(case.status, payload.kind, is_head=True)
    except lifecycle.IllegalTransition as error:
        raise rejected("illegal_transition", str(error)) from error
    if step.to_status != payload.to_status:
        raise rejected(
            "illegal_transition",
            f"「{CaseEventKind(payload.kind).label.zh}」之后的状态应为「{CaseStatus(step.to_status).label.zh}」",
        )
    if payload.kind == CaseEventKind.COMPLETE and payload.data.get("result") not in (CaseResult.APPROVED, CaseResult.DENIED):
        raise rejected("invalid_payload", "办结记录须在 data.result 中注明 approved（准予）或 denied（不予）")


def _project(case: Case, event: CaseEvent) -> None:
    """The case after its newest event, by the domain's projection (the desk
    folds the same one over the whole history)."""
    state = lifecycle.project_event(
        lifecycle.CaseProjection(case.status, case.result, case.completed_at, case.forwarded_to), event,
    )
    case.event_count = event.position
    case.status, case.result, case.completed_at, case.forwarded_to = (
        state.status, state.result, state.completed_at, state.forwarded_to,
    )
    if state.sent_up:  # forwarded (again): the county has not received this sending yet
        case.county_received_at = None


def _rating(ctx: PushContext, op: OpEnvelope, payload: p.RatingPayload) -> dict[str, Any]:
    """Insert-only: the same rating again is a duplicate, a different one under
    the same id a conflict (the table itself refuses updates)."""
    _check_parents(ctx, "rating", payload)
    if payload.level_label and payload.level_label != RatingLevel.of_order(payload.level).label.zh:
        raise rejected("invalid_payload", f"评价等级 {payload.level} 与「{payload.level_label}」不一致")
    columns = {"level": payload.level, "rated_at": payload.rated_at, "case_id": payload.case_id,
               "channel": payload.channel, "round": payload.round}
    return _upsert(ctx, op, entity="rating", model=Rating, data=_data(op, ctx, payload), columns=columns)


#: 申诉复核: the county decides; a desk's copy of these fields is ignored.
APPEAL_FIELDS = ("appeal_decision", "appeal_reason", "appeal_decided_by", "appeal_decided_at")


def _rating_follow_up(ctx: PushContext, op: OpEnvelope, payload: p.RatingFollowUpPayload) -> dict[str, Any]:
    _check_parents(ctx, "rating_follow_up", payload)
    rating = ctx.get(Rating, payload.rating_id)
    assert rating is not None  # checked as its parent
    existing = _own(ctx, RatingFollowUp, op.entity_id)
    data = _data(op, ctx, payload)
    county = existing.data if existing is not None else {}
    data |= {name: county.get(name, "" if name in ("appeal_reason", "appeal_decided_by") else None)
             for name in APPEAL_FIELDS}
    columns = {"rating_id": payload.rating_id, "revisit_due": payload.revisit_due, "rectify_due": payload.rectify_due,
               "revisited_at": payload.revisited_at, "outcome": payload.outcome, "closed_at": payload.closed_at,
               "appeal_decision": county.get("appeal_decision")}
    return _upsert(ctx, op, entity="rating_follow_up", model=RatingFollowUp, data=data, columns=columns)


def _staff(ctx: PushContext, op: OpEnvelope, payload: p.StaffPayload) -> dict[str, Any]:
    """An account from a desk: kept beside the county's own, passed on in the
    center's staff stream (not the records stream), under the county's role
    limit (county_server.services.desk_staff)."""
    row = _own(ctx, Staff, op.entity_id)
    values = payload.model_dump(include={"username", "display_name", "role", "password_hash", "phone", "active",
                                         "must_change_password"})
    clash = desk_staff.username_owner(ctx.session, ctx.center.id, payload.username, op.entity_id)
    if clash is not None:
        raise rejected("username_taken", f"本中心已有登录名为「{payload.username}」的另一个账号；请换一个登录名后重新保存",
                       existing_id=str(clash.id))
    if row is None:
        row = desk_staff.new_desk_account(ctx.center.id, op.entity_id, values, device_id=ctx.device.id)
        ctx.session.add(row)
        ctx.remember(ctx.rows, (Staff, op.entity_id), row)
    else:
        if desk_staff.desk_view(row) == values:
            return _duplicate(row.version) | _role_word(row)
        _check_base(ctx, op, row, staff_row(row))
        desk_staff.update_from_desk(row, values, device_id=ctx.device.id)
    seq = desk_staff.publish(ctx.session, row, device_id=ctx.device.id)
    return _applied(row.version, seq) | _role_word(row)


def _role_word(row: Staff) -> dict[str, Any]:
    """What the desk is told about the role: the one the county allows, and
    the one still waiting for approval."""
    word: dict[str, Any] = {"role": row.role, "role_pending": row.requested_role}
    if row.requested_role:
        word["reason"] = desk_staff.pending_reason(row.role)
    return word


Handler = Callable[[PushContext, OpEnvelope, p.Payload], dict[str, Any]]


def _generic(entity: str) -> Handler:
    """Records the county only stores and passes on (inquiries, complaints, …)."""

    def handler(ctx: PushContext, op: OpEnvelope, payload: p.Payload) -> dict[str, Any]:
        _check_parents(ctx, entity, payload)
        payload = _follow_merges(ctx, payload)
        return _upsert(ctx, op, entity=entity, model=CenterRecord, data=_data(op, ctx, payload), columns={})

    return handler


def _complaint(ctx: PushContext, op: OpEnvelope, payload: p.ComplaintPayload) -> dict[str, Any]:
    """投诉举报: kept in the county's complaint register. The county's handling
    of an escalated complaint (``county_*``) is the county's: the desk's copy
    of those fields is replaced by the county's before the record is stored."""
    prefix = f"TS-{ctx.center.code}-"
    if not payload.complaint_number.startswith(prefix):
        raise rejected("bad_complaint_number", f"投诉编号应以「{prefix}」开头（本中心编码）")
    _check_parents(ctx, "complaint", payload)
    twin = ctx.session.scalar(select(Complaint.id).where(Complaint.complaint_number == payload.complaint_number,
                                                          Complaint.id != op.entity_id))
    if twin is not None:
        raise conflict("duplicate_complaint_number", f"投诉编号 {payload.complaint_number} 已被另一条投诉使用",
                       existing_id=str(twin))
    existing = _own(ctx, Complaint, op.entity_id)
    data = _data(op, ctx, payload) | county_complaint_fields(existing)
    columns = {
        "complaint_number": payload.complaint_number, "query_code": payload.query_code, "status": payload.status,
        "received_at": payload.received_at, "answer_due": payload.answer_due, "answered_at": payload.answered_at,
        "told_at": payload.told_complainant_at, "escalated_at": payload.escalated_at,
    }
    return _upsert(ctx, op, entity="complaint", model=Complaint, data=data, columns=columns)


def _online_assist(ctx: PushContext, op: OpEnvelope, payload: p.OnlineAssistPayload) -> dict[str, Any]:
    """帮办网办: kept with the columns the county counts by."""
    _check_parents(ctx, "online_assist", payload)
    payload = _follow_merges(ctx, payload)
    columns = {"platform": payload.platform, "outcome": payload.outcome, "helped_at": payload.helped_at,
               "follow_up_on": payload.follow_up_on, "followed_up_at": payload.followed_up_at}
    return _upsert(ctx, op, entity="online_assist", model=OnlineAssist, data=_data(op, ctx, payload), columns=columns)


def county_complaint_fields(row: Complaint | None) -> dict[str, Any]:
    """The county's handling as the desks receive it (the desk's own column names)."""
    return {
        "county_answer": row.county_answer if row else "",
        "county_answered_at": row.county_answered_at.isoformat() if row and row.county_answered_at else None,
        "county_officer": row.county_officer if row else "",
    }


# -- 合并登记: two records of one person ------------------------------------------------


def _merges(ctx: PushContext) -> dict[uuid.UUID, uuid.UUID]:
    """Merged record -> kept record, by the desks' own rule over the center's
    confirmed merges (app.services.resident_merge.merge_roots)."""
    if ctx.merged is None:
        edges = []
        for row in ctx.session.scalars(select(CenterRecord).where(
                CenterRecord.center_id == ctx.center.id, CenterRecord.entity == "resident_merge")):
            if row.data.get("status") == MERGE_CONFIRMED:
                edges.append(MergeEdge(row.id, uuid.UUID(row.data["merged_id"]), uuid.UUID(row.data["kept_id"])))
        ctx.merged = merge_roots(edges)
    return ctx.merged


def _follow_merges(ctx: PushContext, payload: Any) -> Any:
    """Work made offline for a record merged since belongs to the kept record."""
    resident_id = getattr(payload, "resident_id", None)
    if resident_id is None:
        return payload
    kept = _merges(ctx).get(resident_id)
    return payload if kept is None else payload.model_copy(update={"resident_id": kept})


def _resident_merge(ctx: PushContext, op: OpEnvelope, payload: p.ResidentMergePayload) -> dict[str, Any]:
    """Stored like the other center records; once confirmed, the merged
    record's work (RESIDENT_WORK_ENTITIES) moves to the kept one here as
    at every desk. A confirmed merge is final."""
    _check_parents(ctx, "resident_merge", payload)
    existing = _own(ctx, CenterRecord, op.entity_id)
    if existing is not None and existing.data.get("status") == MERGE_CONFIRMED and payload.status != MERGE_CONFIRMED:
        raise conflict("merge_confirmed", "该合并已由中心主任确认，不能再撤销",
                       current_version=existing.version, current=existing.data)
    outcome = _upsert(ctx, op, entity="resident_merge", model=CenterRecord, data=_data(op, ctx, payload), columns={})
    if payload.status == MERGE_CONFIRMED and outcome["status"] == APPLIED:
        ctx.session.flush()
        ctx.merged = None
        _move_to_kept(ctx, _merges(ctx))
    return outcome


#: Every kind of record that names its resident (the payloads' ``resident_id``
#: parent): a merge moves them all, the same kinds the desk moves
#: (app.services.resident_merge.RESIDENT_WORK).
RESIDENT_WORK_ENTITIES = tuple(entity for entity, parents in p.PARENTS.items() if ("resident_id", "resident") in parents)


def _move_to_kept(ctx: PushContext, merged: dict[uuid.UUID, uuid.UUID]) -> None:
    """The county's copy of each merged record's work, re-pointed. Not a new
    version: every desk re-points its own copy when it applies the merge."""
    if not merged:
        return
    for case in ctx.session.scalars(select(Case).where(Case.resident_id.in_(list(merged)))):
        kept = merged[case.resident_id]
        case.resident_id = kept
        case.data = case.data | {"resident_id": str(kept)}
    names = {str(key): str(value) for key, value in merged.items()}
    kept_whole = [e for e in RESIDENT_WORK_ENTITIES if e not in ("case", "online_assist")]
    records: list[CenterRecord | OnlineAssist] = [
        *ctx.session.scalars(select(CenterRecord).where(CenterRecord.center_id == ctx.center.id,
                                                        CenterRecord.entity.in_(kept_whole))),
        *ctx.session.scalars(select(OnlineAssist).where(OnlineAssist.center_id == ctx.center.id)),
    ]
    for record in records:
        owner = record.data.get("resident_id")
        if owner in names:
            record.data = record.data | {"resident_id": names[owner]}


# Each handler takes the payload class p.PAYLOADS names for its entity: a
# pairing by key that the type system cannot spell, hence Any for the payload.
_HANDLERS: dict[str, Callable[[PushContext, OpEnvelope, Any], dict[str, Any]]] = {
    "resident": _resident,
    "case": _case,
    "case_event": _case_event,
    "rating": _rating,
    "inquiry": _generic("inquiry"),
    "printed_document": _generic("printed_document"),
    "complaint": _complaint,
    "appointment": _generic("appointment"),
    "whereabouts_note": _generic("whereabouts_note"),
    "backup_assignment": _generic("backup_assignment"),
    "staff": _staff,
    "resident_merge": _resident_merge,
    "rating_follow_up": _rating_follow_up,
    "online_assist": _online_assist,
}
