"""合并登记 at the county: both records first, the merged record's cases
filed under the kept one (those already here and those arriving later),
applied once, and final once confirmed."""
from __future__ import annotations

import uuid

from sqlalchemy import func, select

from app.ids import uuid7
from county_server.models import AppliedOp, Case, CenterRecord
from tests.county.harness import County, op

NOW = "2026-11-20T02:00:00+00:00"


def merge_op(kept: str, merged: str, *, status: str = "confirmed", merge_id: str | None = None) -> dict:
    staff = str(uuid.UUID(int=7))
    return op("resident_merge", merge_id or str(uuid7()), "upsert", {
        "kept_id": kept, "merged_id": merged, "status": status, "reason": "重复登记",
        "proposed_by": staff, "proposed_at": NOW, "decided_by": staff, "decided_at": NOW,
    })


def test_a_merge_moves_the_cases_and_files_late_ones_under_the_kept_record(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    kept, typo = desk.resident(name="张老汉"), desk.resident(name="张老汉")
    early = desk.case(typo["entity_id"])
    merge = merge_op(kept["entity_id"], typo["entity_id"])
    waiting = desk.push_ok([merge])[0]
    assert waiting["status"] == "rejected" and waiting["reason_code"] == "missing_parent" and waiting["retryable"]
    assert [r["status"] for r in desk.push_ok([kept, typo, early, merge])] == ["applied"] * 4
    assert desk.push_ok([merge])[0]["status"] == "duplicate"  # the reply was lost: sent again
    late = desk.case(typo["entity_id"])  # made offline before the desk heard of the merge
    assert desk.push_ok([late])[0]["status"] == "applied"
    with county.session() as session:
        owners = {str(c.id): (str(c.resident_id), c.data["resident_id"]) for c in session.scalars(select(Case))}
        assert session.scalar(select(func.count()).select_from(AppliedOp).where(
            AppliedOp.entity == "resident_merge")) == 1
        assert session.get(CenterRecord, uuid.UUID(merge["entity_id"])).entity == "resident_merge"
    assert owners == {early["entity_id"]: (kept["entity_id"],) * 2, late["entity_id"]: (kept["entity_id"],) * 2}


def test_a_confirmed_merge_is_final_and_its_records_fixed(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    kept, typo, other = desk.resident(name="张老汉"), desk.resident(name="张老汉"), desk.resident(name="李四")
    merge = merge_op(kept["entity_id"], typo["entity_id"])
    desk.push_ok([kept, typo, other, merge])
    back = merge_op(kept["entity_id"], typo["entity_id"], status="cancelled", merge_id=merge["entity_id"])
    result = desk.push_ok([back])[0]
    assert result["status"] == "conflict" and result["reason_code"] == "merge_confirmed"
    moved = merge_op(other["entity_id"], typo["entity_id"], merge_id=merge["entity_id"])
    result = desk.push_ok([moved])[0]
    assert result["status"] == "rejected" and result["reason_code"] == "immutable_field"
    bad = merge_op(kept["entity_id"], typo["entity_id"], status="done")
    result = desk.push_ok([bad])[0]
    assert result["status"] == "rejected" and result["reason_code"] == "invalid_payload"


def test_a_merge_moves_every_record_that_names_the_resident(county: County) -> None:
    """Inquiries, appointments and 帮办网办 of the merged record are filed under the kept one, as at the desk."""
    from county_server.models import OnlineAssist

    county.make_center()
    desk = county.enroll()
    kept, typo = desk.resident(name="张老汉"), desk.resident(name="张老汉")
    staff, when = desk.staff_id, NOW
    inquiry = op("inquiry", str(uuid7()), "upsert", {"asker_name": "张老汉", "topic": "低保政策", "owner_id": staff,
                                                     "asked_at": when, "resident_id": typo["entity_id"]})
    booked = op("appointment", str(uuid7()), "upsert", {"name": "张老汉", "scheduled_at": when, "created_by": staff,
                                                        "resident_id": typo["entity_id"]})
    helped = op("online_assist", str(uuid7()), "upsert", {
        "staff_id": staff, "resident_id": typo["entity_id"], "resident_name": "张老汉", "platform": "浙里办",
        "item_name": "社会保障卡申领", "outcome": "submitted", "helped_at": when})
    ops = [kept, typo, inquiry, booked, helped, merge_op(kept["entity_id"], typo["entity_id"])]
    assert [r["status"] for r in desk.push_ok(ops)] == ["applied"] * len(ops)
    with county.session() as session:
        owners = {str(r.id): r.data["resident_id"] for r in session.scalars(select(CenterRecord).where(
            CenterRecord.entity.in_(("inquiry", "appointment"))))}
        assist = session.get(OnlineAssist, uuid.UUID(helped["entity_id"]))
        assert assist is not None
        owners[helped["entity_id"]] = assist.data["resident_id"]
    assert owners == dict.fromkeys((inquiry["entity_id"], booked["entity_id"], helped["entity_id"]),
                                   kept["entity_id"])


def test_the_county_and_the_desk_move_the_same_kinds_of_record() -> None:
    from app.models.records import ENTITY_OF
    from app.services.resident_merge import RESIDENT_WORK
    from county_server.services import payloads
    from county_server.services.push import RESIDENT_WORK_ENTITIES

    named = {entity for entity, parents in payloads.PARENTS.items() if ("resident_id", "resident") in parents}
    assert set(RESIDENT_WORK_ENTITIES) == named == {ENTITY_OF[model] for model in RESIDENT_WORK}
