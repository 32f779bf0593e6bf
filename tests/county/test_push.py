"""Push: idempotent by op id, one result per op, each op all-or-nothing."""
from __future__ import annotations

import gzip
import json
import uuid

from sqlalchemy import func, select

from app.ids import uuid7
from county_server.models import AppliedOp, Case, Resident
from tests.county.harness import County, op


def test_same_op_twice_is_a_duplicate_and_applied_once(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    resident = desk.resident()
    first = desk.push_ok([resident])
    assert first[0]["status"] == "applied" and first[0]["version"] == 1
    before = county.change_count()
    again = desk.push_ok([resident])  # the reply was lost; the desk sends again
    assert again[0]["status"] == "duplicate"
    assert again[0]["first_status"] == "applied" and again[0]["version"] == 1
    assert county.change_count() == before
    with county.session() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 1


def test_a_bad_op_in_a_batch_is_rejected_alone(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    good = desk.resident(name="李四")
    bad = desk.resident(name="")  # a name is required
    also_good = desk.resident(name="王五")
    not_an_op = {"entity": "resident"}
    odd_entity = dict(desk.resident(), entity={})  # found by schemathesis: once a 500
    results = desk.push_ok([good, bad, also_good, not_an_op, "text", odd_entity])
    assert [r["status"] for r in results] == ["applied", "rejected", "applied", "rejected", "rejected", "rejected"]
    assert results[1]["reason_code"] == "invalid_payload" and "name" in results[1]["reason"]
    assert results[1]["op_id"] == bad["op_id"]
    assert results[3]["reason_code"] == "bad_op"
    with county.session() as session:
        names = set(session.scalars(select(Resident.name)))
    assert names == {"李四", "王五"}
    # The rejected op is not remembered: fixed and resent under the same id, it applies.
    bad["payload"]["name"] = "赵六"
    assert desk.push_ok([bad])[0]["status"] == "applied"


def test_op_id_reused_for_other_content_is_a_conflict(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    resident = desk.resident()
    desk.push_ok([resident])
    changed = dict(resident, payload=resident["payload"] | {"name": "改名"})
    result = desk.push_ok([changed])[0]
    assert result["status"] == "conflict" and result["reason_code"] == "op_id_reused"


def test_parents_first_a_child_without_its_parent_waits(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    resident = desk.resident()
    case = desk.case(resident["entity_id"])
    early = desk.push_ok([case])[0]
    assert early["status"] == "rejected" and early["reason_code"] == "missing_parent" and early["retryable"]
    results = desk.push_ok([resident, case])
    assert [r["status"] for r in results] == ["applied", "applied"]


def test_a_later_record_of_a_case_before_its_first_waits_instead_of_being_refused(county: County) -> None:
    """The desk numbers a case's records; the 2nd arriving before the 1st
    (a batch boundary, a cut) is 'not yet', never a final refusal."""
    county.make_center()
    desk = county.enroll()
    resident = desk.resident()
    case = desk.case(resident["entity_id"])
    cid = case["entity_id"]
    intake = desk.event(cid, "accept", None, "accepted")
    intake["payload"]["seq"] = 1
    start = desk.event(cid, "start", "accepted", "in_progress")
    start["payload"]["seq"] = 2
    early = desk.push_ok([resident, case, start])
    assert early[2]["status"] == "rejected" and early[2]["retryable"] and early[2]["reason_code"] == "missing_parent"
    assert [r["status"] for r in desk.push_ok([intake, start])] == ["applied", "applied"]
    # A first record that is not an intake outcome is still refused for good.
    other = desk.case(resident["entity_id"])
    wrong = desk.event(other["entity_id"], "start", "accepted", "in_progress")
    wrong["payload"]["seq"] = 1
    result = desk.push_ok([other, wrong])[1]
    assert result["status"] == "rejected" and result["reason_code"] == "illegal_transition" and not result["retryable"]


def test_stale_base_version_from_another_desk_is_a_conflict(county: County) -> None:
    county.make_center()
    a, b = county.enroll(), county.enroll()
    resident = a.resident()
    a.push_ok([resident])
    rid = resident["entity_id"]
    # Desk A edits twice offline, both built on version 1: its own edits never conflict.
    first = a.resident(resident_id=rid, id_number=resident["payload"]["id_number"], phone="13900000001", base_version=1)
    second = a.resident(resident_id=rid, id_number=resident["payload"]["id_number"], phone="13900000002", base_version=1)
    assert [r["status"] for r in a.push_ok([first, second])] == ["applied", "applied"]
    # Desk B only knew version 1: its edit would overwrite A's, so it is a conflict.
    late = b.resident(resident_id=rid, id_number=resident["payload"]["id_number"], phone="13700000000", base_version=1)
    result = b.push_ok([late])[0]
    assert result["status"] == "conflict" and result["reason_code"] == "stale"
    assert result["current_version"] == 3 and result["current"]["phone"] == "13900000002"
    # Having seen version 3, B's edit applies.
    late["base_version"] = 3
    late["op_id"] = op("resident", rid, "upsert", {})["op_id"]
    assert b.push_ok([late])[0]["status"] == "applied"


def test_same_person_registered_at_two_desks_is_a_conflict_naming_the_first(county: County) -> None:
    county.make_center()
    a, b = county.enroll(), county.enroll()
    first = a.resident(id_number="449901199003074514")
    a.push_ok([first])
    twin = b.resident(id_number="449901199003074514")
    result = b.push_ok([twin])[0]
    assert result["status"] == "conflict" and result["reason_code"] == "duplicate_resident"
    assert result["existing_id"] == first["entity_id"]


def test_case_events_append_only_idempotent_and_legal(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    _rid, case_id, _number = desk.new_case()
    start = desk.event(case_id, "start", "accepted", "in_progress")
    assert desk.push_ok([start])[0]["position"] == 2
    # The same event under a new op id (the desk rebuilt its outbox): a duplicate.
    resent = dict(start, op_id=op("case_event", start["entity_id"], "append", {})["op_id"])
    assert desk.push_ok([resent])[0]["status"] == "duplicate"
    # Completing without a result, or an event that does not follow the status.
    no_result = desk.event(case_id, "complete", "in_progress", "completed")
    assert desk.push_ok([no_result])[0]["reason_code"] == "invalid_payload"
    illegal = desk.event(case_id, "deliver", "in_progress", "delivered")
    rejected = desk.push_ok([illegal])[0]
    assert rejected["status"] == "rejected" and "不能执行" in rejected["reason"]
    stale = desk.event(case_id, "suspend", "accepted", "suspended", note="缺户口本")
    assert desk.push_ok([stale])[0]["reason_code"] == "status_changed"
    done = desk.event(case_id, "complete", "in_progress", "completed", data={"result": "approved"})
    assert desk.push_ok([done])[0]["case_status"] == "completed"
    with county.session() as session:
        case = session.get(Case, uuid.UUID(case_id))
        assert (case.status, case.result, case.event_count) == ("completed", "approved", 3)
        assert case.completed_at is not None


def test_case_status_comes_from_events_not_from_upserts(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    rid, case_id, _ = desk.new_case()
    update = desk.case(rid, case_id=case_id, status="completed", note="desk says completed")
    update["payload"]["case_number"] = _case_number(county, case_id)
    result = desk.push_ok([update])[0]
    assert result["status"] == "applied"
    with county.session() as session:
        assert session.get(Case, uuid.UUID(case_id)).status == "accepted"


def _case_number(county: County, case_id: str) -> str:
    with county.session() as session:
        return session.get(Case, uuid.UUID(case_id)).case_number


def test_immutable_fields_and_wrong_device_number(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    rid, case_id, number = desk.new_case()
    changed = desk.case(rid, case_id=case_id)
    changed["payload"]["case_number"] = number
    changed["payload"]["verification_code"] = "ZZZZZZ"
    assert desk.push_ok([changed])[0]["reason_code"] == "immutable_field"
    foreign = desk.case(rid)
    foreign["payload"]["case_number"] = "SFC01-09-20261120-0001"
    assert desk.push_ok([foreign])[0]["reason_code"] == "bad_case_number"


def test_center_isolation_another_centers_ids_are_refused(county: County) -> None:
    county.make_center("SFC01")
    county.make_center("SFC02", name="另一村")
    a = county.enroll("SFC01")
    b = county.enroll("SFC02")
    rid, case_id, number = a.new_case()
    # B writes to A's case and resident, appends to A's case history, reads A's case.
    hijack = b.case(rid, case_id=case_id)
    hijack["payload"]["case_number"] = number
    note = b.event(case_id, "note", "accepted", "accepted", note="x")
    resident = b.resident(resident_id=rid)
    before = county.change_count()
    results = b.push_ok([hijack, note, resident])
    assert [r["status"] for r in results] == ["rejected"] * 3
    assert {r["reason_code"] for r in results} <= {"wrong_center", "unknown_device", "bad_case_number"}
    assert results[1]["reason_code"] == "wrong_center"
    assert county.change_count() == before
    assert county.client.get(f"/api/v1/cases/{case_id}", headers=b.headers).status_code == 404
    assert county.client.get(f"/api/v1/cases/{case_id}", headers=a.headers).status_code == 200
    # The center in a payload never decides anything.
    sneaky = b.resident()
    sneaky["payload"]["center_id"] = a.center_id
    assert b.push_ok([sneaky])[0]["reason_code"] == "wrong_center"
    # Nothing of A's reaches B's streams.
    assert b.pull_all("records") == []


def test_gzip_body_is_accepted(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    response = desk.push([desk.resident(), desk.resident()], gzipped=True)
    assert response.status_code == 200
    assert response.json()["counts"] == {"applied": 2}


def test_bad_requests_get_a_reason_and_change_nothing(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    before = county.change_count()
    headers = desk.headers | {"Content-Type": "application/json"}
    post = county.client.post

    malformed = post("/api/v1/push", content=b'{"ops": [', headers=headers)
    assert malformed.status_code == 400 and malformed.json()["detail"]["error"] == "malformed_json"
    not_gzip = post("/api/v1/push", content=b"plain", headers=headers | {"Content-Encoding": "gzip"})
    assert not_gzip.status_code == 400 and not_gzip.json()["detail"]["error"] == "bad_gzip"
    brotli = post("/api/v1/push", content=b"{}", headers=headers | {"Content-Encoding": "br"})
    assert brotli.status_code == 415
    shape = post("/api/v1/push", json={"operations": []}, headers=desk.headers)
    assert shape.status_code == 422 and shape.json()["detail"]["reason"]
    too_many = desk.push([desk.resident() for _ in range(1001)])
    assert too_many.status_code == 413 and too_many.json()["detail"]["error"] == "batch_too_large"
    huge = post("/api/v1/push", content=b" " * (2 * 1024 * 1024 + 1), headers=headers)
    assert huge.status_code == 413
    bomb = gzip.compress(b'{"ops": [], "pad": "' + b"x" * (17 * 1024 * 1024) + b'"}')
    assert len(bomb) < 2 * 1024 * 1024
    inflated = post("/api/v1/push", content=bomb, headers=headers | {"Content-Encoding": "gzip"})
    assert inflated.status_code == 413
    protocol = post("/api/v1/push", content=json.dumps({"protocol": 9, "ops": []}), headers=headers)
    assert protocol.status_code == 400 and protocol.json()["detail"]["protocol_versions"] == [1, 2]
    wrong_token = post("/api/v1/push", json={"ops": [desk.resident()]}, headers={"Authorization": "Bearer owd1_x"})
    assert wrong_token.status_code == 401
    assert county.change_count() == before
    with county.session() as session:
        assert session.scalar(select(func.count()).select_from(AppliedOp)) == 0


def test_clock_skew_is_reported_never_refused(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    response = desk.push([desk.resident()], device_time="2020-01-01T00:00:00+00:00")
    assert response.status_code == 200
    body = response.json()
    assert body["counts"] == {"applied": 1}
    assert body["clock_skew_seconds"] < -86400 * 365


def test_insert_only_records(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    _rid, case_id, _ = desk.new_case()
    slip = op("printed_document", str(uuid7()), "insert", {
        "doc_number": "SFC01-01-R-0001", "doc_type": "receipt", "staff_id": desk.staff_id,
        "printed_at": "2026-11-20T02:05:00+00:00", "case_id": case_id,
    })
    assert desk.push_ok([slip])[0]["status"] == "applied"
    again = dict(slip, op_id=op("x", "y", "insert", {})["op_id"])
    assert desk.push_ok([again])[0]["status"] == "duplicate"
    changed = dict(again, op_id=op("x", "y", "insert", {})["op_id"], payload=slip["payload"] | {"copies": 2})
    assert desk.push_ok([changed])[0]["reason_code"] == "insert_only"
    as_upsert = dict(slip, kind="upsert", op_id=op("x", "y", "insert", {})["op_id"])
    assert desk.push_ok([as_upsert])[0]["reason_code"] == "bad_kind"


def test_within_one_batch_twins_and_repeats_are_caught(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    first = desk.resident(id_number="449901199003074514")
    twin = desk.resident(id_number="449901199003074514")
    results = desk.push_ok([first, twin, first])
    assert [r["status"] for r in results] == ["applied", "conflict", "duplicate"]
    assert results[1]["existing_id"] == first["entity_id"]
    # A failed op forgets what it added: a case whose event fails still stands alone.
    rid = first["entity_id"]
    case = desk.case(rid)
    bad_event = desk.event(case["entity_id"], "accept", None, "completed")  # wrong target status
    good_event = desk.event(case["entity_id"], "accept", None, "accepted")
    results = desk.push_ok([case, bad_event, good_event])
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert results[2]["position"] == 1
    entries = desk.pull_all("records")
    assert [e["seq"] for e in entries] == list(range(1, len(entries) + 1))
