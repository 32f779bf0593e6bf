"""Protocol 2 at the county: the compact push encoding (app/wire.py) and short
answers, while a desk of protocol 1 (JSON, full answers) keeps working."""
from __future__ import annotations

import uuid
import zlib

from sqlalchemy import func, select

from app import wire
from county_server.models import AppliedOp, Case, CaseEvent, Resident
from tests.county.harness import County, Desk


def _post(desk: Desk, data: bytes, **headers: str) -> object:
    return desk.county.client.post("/api/v1/push", content=data, headers=desk.headers | {
        "Content-Type": wire.MEDIA_TYPE, "OneWindow-Protocol": "2"} | headers)


def _batch(desk: Desk) -> list[dict[str, object]]:
    resident = desk.resident(name="赵六")
    case = desk.case(resident["entity_id"])
    return [resident, case, desk.event(case["entity_id"], "accept", None, "accepted"), resident]


def test_meta_offers_protocol_2_and_the_encoding(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    meta = county.client.get("/api/v1/meta", headers=desk.headers).json()
    assert meta["protocol_versions"] == [1, 2]
    assert meta["push_encodings"] == [wire.DICTIONARY_ID]


def test_an_old_desk_sends_json_and_gets_the_full_answer(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    ops = _batch(desk)
    response = desk.county.client.post("/api/v1/push", json={"protocol": 1, "ops": ops},
                                       headers=desk.headers | {"OneWindow-Protocol": "1"})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["applied", "applied", "applied", "duplicate"]
    assert [r["op_id"] for r in results] == [o["op_id"] for o in ops]
    assert [r["index"] for r in results] == [0, 1, 2, 3] and results[1]["entity_id"] == ops[1]["entity_id"]
    assert results[0]["seq"] >= 1 and results[3]["first_status"] == "applied"
    assert response.json()["server_ms"] is None


def test_a_compact_push_applies_the_same_records_and_answers_short(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    ops = _batch(desk)
    data = wire.encode_push({"protocol": 2, "device_time": "2026-11-20T02:00:00+00:00", "ops": ops})
    assert data is not None
    response = _post(desk, data)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["counts"] == {"applied": 3, "duplicate": 1} and answer["clock_skew_seconds"] is not None
    assert isinstance(answer.pop("server_ms"), int)
    assert answer["results"] == [
        {"status": "applied", "version": 1}, {"status": "applied", "version": 1},
        {"status": "applied", "version": 1, "position": 1, "case_status": "accepted"},
        {"status": "duplicate", "version": 1},
    ]
    with county.session() as session:
        assert session.get(Case, uuid.UUID(ops[1]["entity_id"])).case_number == ops[1]["payload"]["case_number"]
        assert session.scalar(select(func.count()).select_from(CaseEvent)) == 1
        assert session.scalar(select(func.count()).select_from(Resident)) == 1
    # The same ops sent again as protocol 1 JSON are the same content: duplicates, nothing new.
    again = desk.push_ok(ops)
    assert [r["status"] for r in again] == ["duplicate"] * 4


def test_a_refused_op_in_a_compact_batch_keeps_every_word(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    good, bad = desk.resident(name="钱七"), desk.resident(name="")
    data = wire.encode_push({"protocol": 2, "ops": [good, bad]})
    assert data is not None
    results = _post(desk, data).json()["results"]
    assert results[0] == {"status": "applied", "version": 1}
    assert results[1]["status"] == "rejected" and results[1]["op_id"] == bad["op_id"] and results[1]["index"] == 1
    assert results[1]["reason_code"] == "invalid_payload" and "name" in results[1]["reason"]


def test_bad_compact_bodies_are_refused_in_words_and_change_nothing(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    before = county.change_count()
    garbage = _post(desk, wire.MAGIC + b"\x05hello")
    assert garbage.status_code == 400 and garbage.json()["detail"]["error"] == "malformed_body"
    assert "紧凑编码" in garbage.json()["detail"]["reason"]
    not_ours = _post(desk, b'{"ops": []}')
    assert not_ours.status_code == 400 and not_ours.json()["detail"]["error"] == "malformed_body"
    data = wire.encode_push({"protocol": 2, "ops": [desk.resident()]})
    assert data is not None
    gzipped = _post(desk, data, **{"Content-Encoding": "gzip"})
    assert gzipped.status_code == 415
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zdict=wire.DICTIONARY)
    head = compressor.compress(b'{"ops":[],"pad":"' + b"x" * (17 * 1024 * 1024) + b'"}') + compressor.flush()
    size = bytearray()
    value = len(head)
    while True:
        size.append((value & 0x7F) | (0x80 if value >> 7 else 0))
        value >>= 7
        if not value:
            break
    bomb = _post(desk, wire.MAGIC + bytes(size) + head)
    assert bomb.status_code == 413
    assert county.change_count() == before
    with county.session() as session:
        assert session.scalar(select(func.count()).select_from(AppliedOp)) == 0
