"""The compact push encoding (app/wire.py): every body comes back exactly as
it went, or the encoder declines; a body that is not one is refused in words."""
from __future__ import annotations

import json
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import wire
from app.ids import uuid7


def _strict(value: object) -> str:
    """JSON text keeps types apart (1, 1.0, True) and key order."""
    return json.dumps(value, ensure_ascii=False)


ids = st.builds(lambda: str(uuid7())) | st.uuids().map(str) | st.uuids().map(lambda u: str(u).upper())
scalars = (st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1)
           | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
           | st.sampled_from(["", "=", "i", "a", "d", "l", "p", "\x01", "accepted"]) | ids)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.sampled_from(["id", "name", "d", "i", "a", "=", "x", "p"]), inner, max_size=4),
                      max_leaves=20)
ops = st.fixed_dictionaries({
    "op_id": ids, "entity": st.sampled_from(["resident", "case", "case_event"]), "entity_id": ids,
    "kind": st.sampled_from(["upsert", "append"]), "payload": st.dictionaries(
        st.sampled_from(["name", "case_id", "materials", "data", "seq", "note", "tags"]), values, max_size=6),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ops, max_size=8), st.sampled_from([1, 2]))
def test_every_body_comes_back_exactly_or_is_sent_as_json(batch: list[dict[str, object]], protocol: int) -> None:
    body = {"protocol": protocol, "device_time": "2026-12-01T10:00:00+00:00", "ops": batch}
    data = wire.encode_push(body)
    if data is None:  # declined: the desk sends JSON instead
        return
    assert _strict(wire.decode_push(data, max_inflated_bytes=1 << 22)) == _strict(body)


def test_a_batch_of_desk_records_is_much_smaller_than_gzip_json() -> None:
    import gzip

    staff, device, item = (str(uuid7()) for _ in range(3))
    batch = []
    for n in range(100):
        resident, case = str(uuid7()), str(uuid7())
        at = f"2026-12-01T09:{n // 60:02d}:{n % 60:02d}.{n * 7919 % 1000000:06d}+00:00"
        batch += [
            {"op_id": str(uuid7()), "entity": "resident", "entity_id": resident, "kind": "upsert",
             "payload": {"id_number": f"44990119400719{n:04d}", "name": f"张{n}", "created_by": staff, "created_at": at}},
            {"op_id": str(uuid7()), "entity": "case", "entity_id": case, "kind": "upsert",
             "payload": {"resident_id": resident, "device_id": device, "item_id": item, "received_at": at,
                         "materials": [{"id": str(uuid7()), "name": "居民身份证", "position": 1}]}},
            {"op_id": str(uuid7()), "entity": "case_event", "entity_id": str(uuid7()), "kind": "append",
             "payload": {"case_id": case, "seq": 1, "kind": "accept", "staff_id": staff, "occurred_at": at}},
        ]
    body = {"protocol": 2, "device_time": "2026-12-01T10:00:00+00:00", "ops": batch}
    data = wire.encode_push(body)
    assert data is not None and data.startswith(wire.MAGIC)
    as_json = gzip.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode())
    assert len(data) < 0.7 * len(as_json)
    assert wire.decode_push(data, max_inflated_bytes=1 << 22) == body


def test_values_the_encoding_cannot_promise_go_as_json() -> None:
    deep: object = "x"
    for _ in range(wire.MAX_DEPTH + 5):
        deep = [deep]
    op = {"op_id": str(uuid7()), "entity": "case", "entity_id": str(uuid7()), "kind": "upsert", "payload": {"a": deep}}
    assert wire.encode_push({"protocol": 2, "ops": [op]}) is None
    assert wire.encode_push({"protocol": 2, "ops": ["not an op"]}) is None
    assert wire.encode_push({"protocol": 2, "ops": [dict(op, payload={"x": "\ud800"})]}) is None


def test_types_and_key_order_survive_a_change_from_the_previous_record() -> None:
    first = {"op_id": str(uuid7()), "entity": "case", "entity_id": str(uuid7()), "kind": "upsert",
             "payload": {"a": 1, "b": True, "c": [1, 2], "d": {"x": 1}}}
    second = dict(first, op_id=str(uuid7()), payload={"a": True, "b": 1, "c": [1.0, 2], "d": {"x": 1}})
    reordered = dict(first, op_id=str(uuid7()), payload={"d": {"x": 1}, "a": 1})
    body = {"protocol": 2, "ops": [first, second, reordered]}
    data = wire.encode_push(body)
    assert data is not None
    assert _strict(wire.decode_push(data, max_inflated_bytes=1 << 20)) == _strict(body)


def _valid() -> bytes:
    op = {"op_id": str(uuid7()), "entity": "resident", "entity_id": str(uuid7()), "kind": "upsert", "payload": {"n": 1}}
    data = wire.encode_push({"protocol": 2, "ops": [op, dict(op, op_id=str(uuid7()))]})
    assert data is not None
    return data


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200) | st.builds(lambda cut, flip: (cut, flip), st.integers(0, 400), st.integers(0, 255)))
def test_a_body_that_is_not_an_encoded_push_raises_codec_error_only(damage: object) -> None:
    if isinstance(damage, bytes):
        candidates = [damage, wire.MAGIC + damage]
    else:
        cut, flip = damage  # type: ignore[misc]
        valid = bytearray(_valid())
        at = cut % len(valid)
        valid[at] ^= flip or 1
        candidates = [bytes(valid), _valid()[:cut % len(valid)]]
    for data in candidates:
        try:
            body = wire.decode_push(data, max_inflated_bytes=1 << 20)
        except wire.CodecError:
            continue
        assert isinstance(body, dict) and isinstance(body["ops"], list)


def test_references_past_the_table_are_refused() -> None:
    skeleton = json.dumps({"protocol": 2, "ops": [{"op_id": ["i", 5]}]}).encode()
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zdict=wire.DICTIONARY)
    head = compressor.compress(skeleton) + compressor.flush()
    table = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = wire.MAGIC + bytes([len(head)]) + head + table.compress(b"\x00") + table.flush()
    with pytest.raises(wire.CodecError, match="reference"):
        wire.decode_push(data, max_inflated_bytes=1 << 20)


def test_a_compressed_bomb_stops_at_the_limit() -> None:
    skeleton = b'{"protocol":2,"ops":[],"pad":"' + b"x" * (4 << 20) + b'"}'
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zdict=wire.DICTIONARY)
    head = compressor.compress(skeleton) + compressor.flush()
    size = bytearray()
    value = len(head)
    while True:
        size.append((value & 0x7F) | (0x80 if value >> 7 else 0))
        value >>= 7
        if not value:
            break
    with pytest.raises(wire.TooLargeBody):
        wire.decode_push(wire.MAGIC + bytes(size) + head, max_inflated_bytes=1 << 20)


def test_the_dictionary_is_pinned_by_its_name() -> None:
    """Changing the dictionary changes the encoding: it must get a new name
    (and the county must keep reading the old one while desks send it)."""
    assert wire.DICTIONARY_ID == "owp1-686d75436492e96b"
