"""Two desks registered one person (protocol §4, ``duplicate_resident``): the
county keeps the registration it received first; this desk merges its own
into it, re-points its cases, inquiries and appointments, and sends those
again under the county's resident. The merge is listed in "needs attention"
with both versions, so a worker can check the details that differed.
"""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.ids import uuid7
from app.models import OutboxEntry, Resident, ResidentMerge, ResidentNameGram, SyncAttention
from app.models.records import payload_of
from app.models.system import ATTENTION_CONFLICT, ATTENTION_MERGED, OUTBOX_OPEN, OUTBOX_PENDING, OUTBOX_SUPERSEDED
from app.services.resident_merge import move_records, settle_merges
from app.sync import attention
from app.text import tr

#: Payload fields that name a resident.
_RESIDENT_REFS = ("resident_id", "kept_id", "merged_id")


def free_identity(session: Session, resident: Resident) -> None:
    """Release the (doc_type, id_number) key so the county's row can take it."""
    resident.id_number = f"~{resident.id.hex[:12]}"
    session.flush()


def merge_resident(session: Session, *, local_id: uuid.UUID, into_id: uuid.UUID, county_data: dict[str, Any]) -> None:
    """Fold the desk's resident ``local_id`` into ``into_id`` (already stored)."""
    local = session.get(Resident, local_id)
    if local is None:
        return
    mine = payload_of(session, local)
    move_records(session, local_id, into_id)
    for side in (ResidentMerge.kept_id, ResidentMerge.merged_id):  # 合并登记 naming it name the county's record
        session.execute(update(ResidentMerge).where(side == local_id).values({side: into_id}))
    session.execute(update(Resident).where(Resident.merged_into == local_id).values(merged_into=into_id))
    # Operations that name the local resident never reached the county (it
    # refused the resident, so it refused them too): send them again under the
    # county's resident, with new operation ids, in their old place.
    ref = str(local_id)
    for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.status.in_(OUTBOX_OPEN))):
        if entry.entity == "resident" and entry.entity_id == local_id:
            entry.status, entry.resolved_at = OUTBOX_SUPERSEDED, utcnow()
            entry.last_error = tr(f"已合并到县级已有的同一群众（{into_id}）",
                                  f"Merged into the same resident already at the county ({into_id})")
        elif ref in (entry.payload.get(key) for key in _RESIDENT_REFS):
            entry.payload = entry.payload | {key: str(into_id) for key in _RESIDENT_REFS if entry.payload.get(key) == ref}
            entry.op_id = uuid7()
            entry.status, entry.reason_code, entry.last_error = OUTBOX_PENDING, "", ""
    for item in session.scalars(select(SyncAttention).where(
        SyncAttention.entity == "resident", SyncAttention.entity_id == local_id, SyncAttention.resolved_at.is_(None),
        SyncAttention.kind == ATTENTION_CONFLICT,
    )):
        item.resolved_at, item.resolution = utcnow(), "merged"
    session.execute(delete(ResidentNameGram).where(ResidentNameGram.resident_id == local_id))
    session.flush()
    session.delete(local)
    session.flush()
    settle_merges(session)
    name = county_data.get("name", "")
    attention.note(
        session, ATTENTION_MERGED, entity="resident", entity_id=into_id, reason_code="duplicate_resident",
        reason=tr(f"「{name}」已由本中心另一台电脑先行登记；本机的登记已合并到该记录，相关办件已改挂到该群众名下。"
                  f"请核对两边的电话、住址等是否一致",
                  f"\"{name}\" was registered first by another computer of this center; this computer's "
                  "registration was merged into it and its cases now belong to that resident. Please check that "
                  "the phone, address and so on agree"),
        local=mine, server=county_data,
    )
