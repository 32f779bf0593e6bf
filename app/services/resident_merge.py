"""合并登记 — two records of one person made one.

A worker proposes the merge (which record to keep); the head confirms it (or
does it directly). The merged record is kept, pointing to the one it joined;
every record of its work (``RESIDENT_WORK``: cases, inquiries, appointments,
帮办网办; and with them their printed documents, ratings, complaints and the
代办 and 外出服务 entries of their cases) moves to the kept record.

The rule every desk and the county follow, whatever order merges reach
them in: :func:`merge_roots` over the set of confirmed merges, in the order
of their ids. A merge whose two records are already one person (the same
pair merged twice, or both ways by two desks offline) changes nothing, so
every place ends with the same records kept.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.ids import uuid7
from app.models import Appointment, Case, Inquiry, OnlineAssist, Resident, ResidentMerge
from app.models.outbox import record_change
from app.models.resident import MERGE_CANCELLED, MERGE_CONFIRMED, MERGE_PROPOSED
from app.services import audit
from app.services.context import Actor
from app.services.errors import RESIDENT_NOT_FOUND, DomainError, NotFound, PermissionDenied
from app.services.identity import mask_id_number
from app.services.text_input import check_text
from app.text import Text, tr

REASON_MAX = 200

#: Every kind of record that names the resident it is for (a ``resident_id``):
#: a merge moves them all. Printed documents, ratings and complaints name a
#: case or an inquiry; 代办 and 外出服务 live in a case's events and columns.
#: The county moves the same kinds (county_server.services.push._move_to_kept).
RESIDENT_WORK = (Case, Inquiry, Appointment, OnlineAssist)


@dataclass(frozen=True)
class MergeEdge:
    """One confirmed merge: ``merged_id`` joins ``kept_id``."""

    merge_id: uuid.UUID
    merged_id: uuid.UUID
    kept_id: uuid.UUID


def merge_roots(edges: Iterable[MergeEdge]) -> dict[uuid.UUID, uuid.UUID]:
    """Every record merged away -> the record it now belongs to.

    Merges are taken in the order of their ids (UUIDv7: when they were
    proposed), so the answer depends only on the set of merges, never on the
    order they arrived in. A merge of two records that are already one
    person is skipped; a merged record merged again takes its whole group
    along.
    """
    parent: dict[uuid.UUID, uuid.UUID] = {}

    def root(key: uuid.UUID) -> uuid.UUID:
        while key in parent:
            key = parent[key]
        return key

    for edge in sorted(edges, key=lambda e: e.merge_id):
        merged, kept = root(edge.merged_id), root(edge.kept_id)
        if merged != kept:
            parent[merged] = kept
    return {key: root(key) for key in parent}


def move_records(session: Session, from_id: uuid.UUID, into_id: uuid.UUID) -> None:
    """Re-point every record of one resident's work (``RESIDENT_WORK``) to another."""
    for model in RESIDENT_WORK:
        session.execute(update(model).where(model.resident_id == from_id).values(resident_id=into_id))


def confirmed_edges(session: Session) -> list[MergeEdge]:
    return [MergeEdge(row.id, row.merged_id, row.kept_id) for row in session.execute(
        select(ResidentMerge.id, ResidentMerge.merged_id, ResidentMerge.kept_id)
        .where(ResidentMerge.status == MERGE_CONFIRMED))]


def settle_merges(session: Session, *, now: datetime | None = None) -> None:
    """Make this desk's residents and records agree with its confirmed merges:
    each merged record points to its root and owns nothing any more.
    Idempotent; safe to run after any merge or resident arrives."""
    roots = merge_roots(confirmed_edges(session))
    present = set(session.scalars(select(Resident.id).where(Resident.id.in_(set(roots) | set(roots.values())))))
    pointing = session.scalars(select(Resident).where(or_(Resident.merged_into.is_not(None),
                                                          Resident.id.in_(list(roots)))))
    for resident in pointing:
        target = roots.get(resident.id)
        if target is not None and target not in present:
            continue  # the kept record has not reached this desk yet: the merge waits for it
        if resident.merged_into != target:
            resident.merged_into = target
            resident.merged_at = (now or utcnow()) if target is not None else None
    session.flush()
    for source, target in roots.items():
        if source in present and target in present:
            move_records(session, source, target)
    session.flush()


def current_resident_id(session: Session, resident_id: uuid.UUID) -> uuid.UUID:
    """The record a resident's work belongs to now (the kept one if merged)."""
    merged_into = session.scalar(select(Resident.merged_into).where(Resident.id == resident_id))
    return merged_into or resident_id


# -- the use cases ---------------------------------------------------------------------


@dataclass(frozen=True)
class MergeLine:
    """A merge waiting for the head, or decided, as the resident page lists it."""

    id: uuid.UUID
    kept_id: uuid.UUID
    kept_name: str
    kept_id_masked: str
    merged_id: uuid.UUID
    merged_name: str
    merged_id_masked: str
    status: str
    reason: str
    proposed_at: datetime


def _resident(session: Session, resident_id: uuid.UUID) -> Resident:
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise NotFound(RESIDENT_NOT_FOUND)
    return resident


def _check_pair(session: Session, kept_id: uuid.UUID, merged_id: uuid.UUID) -> tuple[Resident, Resident]:
    if kept_id == merged_id:
        raise DomainError(tr("请选择另一条登记记录进行合并", "Choose another record to merge with"), field="merged_id")
    kept, merged = _resident(session, kept_id), _resident(session, merged_id)
    for row in (kept, merged):
        if row.merged_into is not None:
            raise DomainError(tr(f"「{row.name}」的这条登记已合并到其他记录，请在保留的记录上操作",
                                 f"This record of \"{row.name}\" was already merged into another; work on the kept one"),
                              field="merged_id")
    return kept, merged


def propose_merge(session: Session, actor: Actor, *, kept_id: uuid.UUID, merged_id: uuid.UUID, reason: str,
                  now: datetime | None = None) -> uuid.UUID:
    """A worker proposes that ``merged_id`` is the same person as ``kept_id``;
    the head confirms. A head's own proposal is carried out at once."""
    now = now or utcnow()
    reason = check_text(reason, field="reason", label=Text("合并原因", "The reason for the merge"), multiline=True).strip()
    if not reason:
        raise DomainError(tr("请填写合并原因", "Enter the reason for the merge"), field="reason")
    if len(reason) > REASON_MAX:
        raise DomainError(tr(f"合并原因不能超过 {REASON_MAX} 个字", f"The reason may not exceed {REASON_MAX} characters"),
                          field="reason")
    kept, merged = _check_pair(session, kept_id, merged_id)
    waiting = session.scalar(select(ResidentMerge.id).where(
        ResidentMerge.status == MERGE_PROPOSED,
        or_(ResidentMerge.merged_id.in_((kept_id, merged_id)), ResidentMerge.kept_id.in_((kept_id, merged_id)))))
    if waiting is not None:
        raise DomainError(tr("这两条记录已有一个待主任确认的合并申请", "A merge of these records is already waiting for the head"),
                          field="merged_id")
    # A time-ordered id (UUIDv7, IdMixin): merges are replayed in id order (merge_roots).
    merge = ResidentMerge(id=uuid7(), center_id=actor.center_id, kept_id=kept_id, merged_id=merged_id, reason=reason,
                          proposed_by=actor.staff_id, proposed_at=now)
    session.add(merge)
    session.flush()
    audit.record(session, actor, "merge_propose", entity="resident", entity_id=merged_id, now=now,
                 summary=f"申请合并群众登记：{merged.name}（{mask_id_number(merged.id_number)}）并入 "
                         f"{kept.name}（{mask_id_number(kept.id_number)}）；原因：{reason}",
                 detail={"merge_id": str(merge.id), "kept_id": str(kept_id), "merged_id": str(merged_id)})
    if actor.is_head:
        return confirm_merge(session, actor, merge.id, now=now)
    record_change(session, merge)
    return merge.id


def _waiting(session: Session, merge_id: uuid.UUID) -> ResidentMerge:
    merge = session.get(ResidentMerge, merge_id)
    if merge is None:
        raise NotFound(tr("找不到该合并申请", "Merge request not found"))
    if merge.status != MERGE_PROPOSED:
        raise DomainError(tr("该合并申请已处理", "This merge request was already decided"), field="status")
    return merge


def confirm_merge(session: Session, actor: Actor, merge_id: uuid.UUID, *, now: datetime | None = None) -> uuid.UUID:
    """The head confirms: the merged record's work moves to the kept one.
    One synced operation carries the merge to the county and the other desks."""
    if not actor.is_head:
        raise PermissionDenied(tr("合并群众登记须由中心主任确认", "Only the center head can confirm a merge"))
    now = now or utcnow()
    merge = _waiting(session, merge_id)
    kept, merged = _check_pair(session, merge.kept_id, merge.merged_id)
    merge.status, merge.decided_by, merge.decided_at = MERGE_CONFIRMED, actor.staff_id, now
    session.flush()
    settle_merges(session, now=now)
    record_change(session, merge)
    audit.record(session, actor, "merge", entity="resident", entity_id=merged.id, now=now,
                 summary=f"合并群众登记：{merged.name}（{mask_id_number(merged.id_number)}）并入 "
                         f"{kept.name}（{mask_id_number(kept.id_number)}）",
                 detail={"merge_id": str(merge.id), "kept_id": str(kept.id), "merged_id": str(merged.id)})
    return merge.id


def decline_merge(session: Session, actor: Actor, merge_id: uuid.UUID, *, now: datetime | None = None) -> None:
    """The head declines a proposal (or its proposer withdraws it)."""
    now = now or utcnow()
    merge = _waiting(session, merge_id)
    if not actor.is_head and merge.proposed_by != actor.staff_id:
        raise PermissionDenied(tr("只有中心主任或申请人可以撤销合并申请",
                                  "Only the center head or the proposer can withdraw a merge request"))
    merge.status, merge.decided_by, merge.decided_at = MERGE_CANCELLED, actor.staff_id, now
    record_change(session, merge)
    audit.record(session, actor, "merge_decline", entity="resident", entity_id=merge.merged_id, now=now,
                 summary="撤销群众登记合并申请", detail={"merge_id": str(merge.id)})


def merges_of(session: Session, resident_id: uuid.UUID) -> tuple[MergeLine, ...]:
    rows = list(session.scalars(select(ResidentMerge).where(
        or_(ResidentMerge.kept_id == resident_id, ResidentMerge.merged_id == resident_id))
        .order_by(ResidentMerge.id.desc())))
    people = {r.id: r for r in session.scalars(select(Resident).where(
        Resident.id.in_({m.kept_id for m in rows} | {m.merged_id for m in rows})))}
    lines = []
    for m in rows:
        kept, merged = people.get(m.kept_id), people.get(m.merged_id)
        lines.append(MergeLine(
            id=m.id, kept_id=m.kept_id, kept_name=kept.name if kept else "",
            kept_id_masked=mask_id_number(kept.id_number) if kept else "", merged_id=m.merged_id,
            merged_name=merged.name if merged else "",
            merged_id_masked=mask_id_number(merged.id_number) if merged else "",
            status=m.status, reason=m.reason, proposed_at=m.proposed_at,
        ))
    return tuple(lines)


__all__ = [
    "RESIDENT_WORK", "MergeEdge", "MergeLine", "confirm_merge", "current_resident_id", "decline_merge", "merge_roots", "merges_of",
    "move_records", "propose_merge", "settle_merges",
]
