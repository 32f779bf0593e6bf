"""Per-operation refusal: whatever one operation carries, the county answers
for that operation, and the rest of its batch is applied. Never a 500."""
from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import pytest

from tests.county.harness import County, Desk, op


def _raw_push(desk: Desk, text: str) -> Any:
    """A push body written by hand: lone surrogates only survive as JSON escapes."""
    return desk.county.client.post("/api/v1/push", content=text.encode("utf-8"),
                                   headers=desk.headers | {"Content-Type": "application/json"})


def _note(desk: Desk, case_id: str, seq: int) -> dict[str, Any]:
    event = desk.event(case_id, "note", "accepted", "accepted")
    event["payload"]["seq"] = seq
    return event


def _batch_with(desk: Desk, bad: dict[str, Any], *, raw_text: tuple[str, str] | None = None) -> list[dict[str, Any]]:
    """``bad`` between two good residents; returns the three results."""
    before, after = desk.resident(name="甲"), desk.resident(name="乙")
    text = json.dumps({"protocol": 1, "ops": [before, bad, after]}, ensure_ascii=True)
    if raw_text is not None:
        text = text.replace(*raw_text)
    response = _raw_push(desk, text)
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    assert [results[0]["status"], results[2]["status"]] == ["applied", "applied"]
    assert results[1]["op_id"] == bad["op_id"]
    assert results[1]["retryable"] is False
    return results


def test_a_nul_byte_is_refused_for_its_operation(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    bad = desk.resident(name="王\x00五")
    result = _batch_with(desk, bad)[1]
    assert (result["status"], result["reason_code"], result["field"]) == ("rejected", "bad_text", "payload.name")
    assert "name" in result["reason"]
    # Nor in a key, nor deep in an event's data.
    _resident, case_id, _number = desk.new_case()
    event = _note(desk, case_id, 2)
    event["payload"]["data"] = {"a\x00": 1}
    assert _batch_with(desk, event)[1]["reason_code"] == "bad_text"


def test_a_lone_surrogate_is_refused_for_its_operation(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    bad = desk.resident(name="SURROGATE")
    result = _batch_with(desk, bad, raw_text=('"SURROGATE"', '"\\ud800x"'))[1]
    assert (result["status"], result["reason_code"]) == ("rejected", "bad_text")


def test_rtl_marks_and_four_byte_characters_are_kept(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    name = "\u202e𠀀𪚥李\u200f"
    resident = desk.resident(name=name)
    assert desk.push_ok([resident])[0]["status"] == "applied"
    entries = desk.pull_all("records")
    assert entries[-1]["data"]["name"] == name


@pytest.mark.parametrize("moment", ["0001-01-01T00:00+14:00", "9999-12-31T23:59:59-14:00", "1800-01-01T00:00:00+08:00"])
def test_times_beyond_what_a_record_holds_are_refused_for_their_operation(county: County, moment: str) -> None:
    county.make_center()
    desk = county.enroll()
    _resident, case_id, _number = desk.new_case()
    event = _note(desk, case_id, 2)
    event["payload"]["occurred_at"] = moment
    result = _batch_with(desk, event)[1]
    assert (result["status"], result["reason_code"]) == ("rejected", "invalid_payload")
    assert "occurred_at" in result["reason"]
    envelope = desk.resident(name="丙")
    envelope["device_time"] = moment
    assert _batch_with(desk, envelope)[1]["reason_code"] == "bad_op"
    # The batch's own device_time only flags a clock: never a reason to refuse.
    response = desk.push([desk.resident(name="丁")], device_time=moment)
    assert response.status_code == 200 and response.json()["counts"] == {"applied": 1}


def test_an_event_seq_beyond_int64_is_refused_for_its_operation(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    _resident, case_id, _number = desk.new_case()
    event = _note(desk, case_id, 2)
    event["payload"]["seq"] = 2**64
    result = _batch_with(desk, event)[1]
    assert (result["status"], result["reason_code"]) == ("rejected", "number_out_of_range")
    event = _note(desk, case_id, 2**62 + 1)
    assert _batch_with(desk, event)[1]["reason_code"] == "invalid_payload"


def test_a_nested_payload_beyond_any_record_is_refused_for_its_operation(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    _resident, case_id, _number = desk.new_case()
    event = _note(desk, case_id, 2)
    deep: Any = 1
    for _ in range(500):
        deep = [deep]
    event["payload"]["data"] = {"deep": deep}
    assert _batch_with(desk, event)[1]["reason_code"] == "too_deep"


def _token(state: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(state).encode()).decode().rstrip("=")


@pytest.mark.parametrize("cursors", [{"records": "abc"}, {"records": 1.5}, {"records": 2**70}, {"records": None},
                                     {"records": True}, {"nope": 1}, ["records"]])
def test_a_page_token_with_bad_cursors_is_a_400(county: County, cursors: Any) -> None:
    county.make_center()
    desk = county.enroll()
    token = _token({"v": 1, "center": desk.center_id, "cursors": cursors, "phase": 0, "after": None})
    response = county.client.get("/api/v1/bootstrap", params={"page_token": token}, headers=desk.headers)
    assert (response.status_code, response.json()["detail"]["error"]) == (400, "bad_page_token")


def test_an_unknown_op_id_shape_is_still_answered(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    bad = op("resident", str(uuid.uuid4()), "upsert", {"doc_type": "身份证", "id_number": "9", "name": "x"})
    bad["op_id"] = "\x00" * 10
    response = desk.push([bad])
    assert response.status_code == 200
    assert response.json()["results"][0]["status"] == "rejected"
