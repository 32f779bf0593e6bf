"""The compact push encoding of sync protocol 2 (docs/sync-protocol.md §1.1),
shared by the desk (which encodes) and the county server (which decodes).

A push on a 2G link is mostly ids: every operation carries its op id, its
record's id and the ids it refers to, and a random UUID is 16 bytes of
noise that no compressor shrinks. JSON + gzip spends about 70 bytes an
operation; this encoding about 40, with the standard library only:

* **Ids out of the text.** Every canonical (lower-case) UUID string becomes
  a reference into an id table: ``["i"]`` for the next new id, ``["i", k]``
  for the id ``k`` places before the newest. The table holds each id once,
  as 16 bytes: the high half as a varint of its difference from the
  previous id's (UUIDv7 ids made one after another share their time), the
  random low half as it is.
* **Each operation as a change from the previous one of its kind** in the
  same batch: a case repeats the previous case's catalog item, materials,
  staff and dates; only what differs is sent. A batch is self-contained, so
  a resend of any part of it decodes on its own.
* **Deflate with a preset dictionary** (zlib's ``zdict``) of the protocol's
  keys and common values: a small batch compresses as well as a large one.
  The dictionary is named by its digest; the county lists the digests it
  can read in ``meta`` and a desk uses the encoding only on a match.

The result decodes to exactly the JSON body protocol 1 sends (same keys,
order, values and types): the server validates and applies it the same way.
The encoder checks that on every batch and declines (None) when it cannot
guarantee it; the desk then sends that batch as gzip JSON.
"""
from __future__ import annotations

import hashlib
import json
import re
import uuid
import zlib
from collections.abc import Iterable
from typing import Any

#: The media type of an encoded push body.
MEDIA_TYPE = "application/vnd.onewindow.push"
#: The first bytes of a body: the encoding's name and version.
MAGIC = b"OWP\x01"
#: Deeper values are sent as JSON (the server answers each too-deep op alone).
MAX_DEPTH = 24

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_MISSING = object()


class CodecError(ValueError):
    """A body that is not a valid encoded push."""


# -- the dictionary ---------------------------------------------------------------------
#
# Fragments of encoded batches as the desk makes them: the keys of every
# record kind and their common values. Deflate finds matches anywhere in it;
# the most frequent fragments go last (nearest to the data). Changing it
# makes a new dictionary (a new digest): the old one stays readable at the
# county for as long as desks may send it.

_FRAGMENTS = (
    '"kind":"upsert","kind":"insert","kind":"append","entity":"staff","entity":"resident_merge",'
    '"entity":"printed_document","entity":"inquiry","entity":"rating","entity":"complaint",'
    '"entity":"appointment","entity":"whereabouts","entity":"backup_assignment","entity":"field_visit",'
    '"username":"","display_name":"","role":"clerk","role":"head","password_hash":"scrypt$32768$8$1$",'
    '"active":true,"document_kind":"receipt","printed_at":"","printed_by":"","copies":1,"reprint":false,'
    '"channel":"","question":"","answer":"","asker_name":"","asker_phone":"","level":"satisfied",'
    '"survivor_id":["i",0],"merged_id":["i",0],"reason":"","status":"open","due_on":"",'
    '"tags":[],"household_notes":"","village_group":"","address":"","phone":"","gender":"男","gender":"女",'
    '"doc_type":"resident_id","id_number":"","name":"","birth_date":"19',
    '"catalog_version":"","status":"accepted","outcome":"accept","result":null,"deferred_materials":false,'
    '"accepted_on":"20","committed_due":"20","statutory_due":"20","due_provisional":false,'
    '"paused_working_days":0,"forwarded_to":"","expected_return":null,"completed_at":null,"window_no":"1",'
    '"item_code":"","item_name":"","materials":[{"id":["i"],"catalog_material_id":["i",0],"position":1,'
    '"name":"居民身份证","form":"original_and_copy","key":true,"required_count":1,"received_count":1,'
    '"received_form":"original_and_copy","supply_by":null,"note":""},{"id":["i"],"catalog_material_id":'
    '["i",0],"position":2,"name":"居民户口簿","form":"copy","key":false,"required_count":1,"received_count":1,'
    '"received_form":"copy","supply_by":null,"note":""}]',
    '{"protocol":2,"device_time":"20","ops":[{"op_id":["i"],"entity":"resident","entity_id":["i"],'
    '"kind":"upsert","payload":{"doc_type":"resident_id","id_number":"","name":"","gender":"女",'
    '"birth_date":"19","phone":"","address":"","village_group":"","tags":[],"household_notes":"",'
    '"created_by":["i",0],"updated_by":["i",0],"created_at":"20","updated_at":"20"}},'
    '{"op_id":["i"],"entity":"case","entity_id":["i"],"kind":"upsert","payload":{"case_number":"",'
    '"verification_code":"","device_id":["i",0],"resident_id":["i",0],"item_id":["i",0],'
    '"status":"in_progress","handled_by":["i",0],"note":"","received_at":"20","created_at":"20",'
    '"updated_at":"20"}},{"op_id":["i"],"entity":"case_event","entity_id":["i"],"kind":"append",'
    '"payload":{"case_id":["i",0],"seq":1,"kind":"accept","from_status":null,"to_status":"accepted",'
    '"staff_id":["i",0],"actor_label":"","occurred_at":"20","note":"","data":{"outcome":"accept",'
    '"documents":["receipt"]}}},',
    '["p","case_event",["d",{"op_id":["i"],"entity_id":["i"],"payload":["d",{"seq":2,"kind":"start",'
    '"from_status":"accepted","to_status":"in_progress","occurred_at":"20","data":["d",{},'
    '["outcome","documents"]]}]}]],["p","case",["d",{"op_id":["i"],"entity_id":["i"],"payload":["d",'
    '{"case_number":"","verification_code":"","received_at":"20","created_at":"20","updated_at":"20",'
    '"materials":["l",[["d",{"id":["i"]}],["d",{"id":["i"]}],["d",{"id":["i"]}]]]}]}]],'
    '["p","case_event",["d",{"op_id":["i"],"entity_id":["i"],"payload":["d",{"case_id":["i",1],"seq":1,'
    '"kind":"accept","from_status":null,"to_status":"accepted","occurred_at":"20","data":["d",'
    '{"outcome":"accept","documents":["a",["receipt"]]}]}]}]],["p","resident",["d",{"op_id":["i"],'
    '"entity_id":["i"],"payload":["d",{"id_number":"","name":"","birth_date":"19","created_at":"20",'
    '"updated_at":"20"}]}]],',
)
DICTIONARY = "".join(_FRAGMENTS).encode("utf-8")
#: The name of the dictionary (and so of the encoding) in ``meta``.
DICTIONARY_ID = "owp1-" + hashlib.sha256(DICTIONARY).hexdigest()[:16]


def batch_digest(op_ids: Iterable[str]) -> str:
    """Names a set of op ids, in any order (the answer to a recall, §2.1)."""
    ordered = sorted(uuid.UUID(op_id) for op_id in op_ids)
    return hashlib.sha256(",".join(str(op_id) for op_id in ordered).encode()).hexdigest()[:16]


# -- encoding ---------------------------------------------------------------------------


class _Ids:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.order: list[str] = []

    def ref(self, value: str) -> list[Any]:
        known = self.index.get(value)
        if known is not None:
            return ["i", len(self.order) - 1 - known]
        self.index[value] = len(self.order)
        self.order.append(value)
        return ["i"]


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON text: 1, 1.0 and True are three different values, and
    key order counts (Python's == alone is fast but says neither)."""
    if type(a) is not type(b) or a != b:
        return False
    return not isinstance(a, (dict, list)) or _text(a) == _text(b)


def _literal(value: Any, ids: _Ids, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise CodecError("too deep")
    if isinstance(value, str):
        return ids.ref(value) if _UUID.fullmatch(value) else value
    if isinstance(value, dict):
        return {k: _literal(v, ids, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return ["a", [_literal(v, ids, depth + 1) for v in value]]
    return value


def _patch(prev: Any, cur: Any, ids: _Ids, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise CodecError("too deep")
    if isinstance(prev, dict) and isinstance(cur, dict):
        removed = [k for k in prev if k not in cur]
        kept = [k for k in prev if k in cur]
        added = [k for k in cur if k not in prev]
        if list(cur) != kept + added:  # the decoder could not rebuild the key order
            return _literal(cur, ids, depth)
        changed = {k: _patch(prev.get(k, _MISSING), v, ids, depth + 1)
                   for k, v in cur.items() if k not in prev or not _same(prev[k], v)}
        return ["d", changed, removed] if removed else ["d", changed]
    if isinstance(prev, list) and isinstance(cur, list) and prev and len(prev) == len(cur):
        return ["l", [["="] if _same(p, c) else _patch(p, c, ids, depth + 1) for p, c in zip(prev, cur)]]
    return _literal(cur, ids, depth)


def _varint(out: bytearray, value: int) -> None:
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return


def _deflate(data: bytes, zdict: bytes | None) -> bytes:
    compressor = (zlib.compressobj(9, zlib.DEFLATED, -15, 9, zdict=zdict) if zdict
                  else zlib.compressobj(9, zlib.DEFLATED, -15, 9))
    return compressor.compress(data) + compressor.flush()


def encode_push(body: dict[str, Any]) -> bytes | None:
    """``{"protocol", "device_time", "ops": [...]}`` encoded; None when this
    body is better sent as JSON (an op too deep, or one that would not come
    back exactly as it is)."""
    ops = body.get("ops")
    if not isinstance(ops, list) or not all(isinstance(op, dict) for op in ops):
        return None
    ids = _Ids()
    try:
        envelope = {k: _literal(v, ids, 1) for k, v in body.items() if k != "ops"}
        encoded: list[Any] = []
        previous: dict[str, dict[str, Any]] = {}
        for op in ops:
            entity = op.get("entity")
            prev = previous.get(entity) if isinstance(entity, str) else None
            if prev is None:
                encoded.append(_literal(op, ids, 1))
            else:
                encoded.append(["p", entity, _patch(prev, op, ids, 1)])
            if isinstance(entity, str):
                previous[entity] = op
        envelope["ops"] = encoded
        skeleton = json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (CodecError, UnicodeEncodeError, ValueError, TypeError, RecursionError):
        return None
    table = bytearray()
    _varint(table, len(ids.order))
    last = 0
    for value in ids.order:
        raw = uuid.UUID(value).bytes
        high = int.from_bytes(raw[:8], "big")
        delta = high - last
        last = high
        _varint(table, delta << 1 if delta >= 0 else ((-delta) << 1) - 1)
        table += raw[8:]
    head = _deflate(skeleton, DICTIONARY)
    size = bytearray()
    _varint(size, len(head))
    data = MAGIC + bytes(size) + head + _deflate(bytes(table), None)
    try:
        back = decode_push(data, max_inflated_bytes=max(1 << 20, len(skeleton) + len(table) + 1))
    except CodecError:
        return None
    if _text(back) != _text(body):
        return None
    return data


# -- decoding ---------------------------------------------------------------------------


def _read_varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data) or shift > 70:
            raise CodecError("bad varint")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def _inflate(data: bytes, zdict: bytes | None, limit: int) -> bytes:
    inflater = zlib.decompressobj(-15, zdict=zdict) if zdict else zlib.decompressobj(-15)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as error:
        raise CodecError(f"bad deflate data: {error}") from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise TooLargeBody(limit)
    if not inflater.eof or inflater.unused_data:
        raise CodecError("deflate data incomplete")
    return out


class TooLargeBody(CodecError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"over {limit} bytes once inflated")
        self.limit = limit


class _Table:
    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.used = 0

    def get(self, ref: list[Any]) -> str:
        if len(ref) == 1:
            if self.used >= len(self.ids):
                raise CodecError("id table too short")
            self.used += 1
            return self.ids[self.used - 1]
        back = ref[1]
        if type(back) is not int or not 0 <= back < self.used:
            raise CodecError("bad id reference")
        return self.ids[self.used - 1 - back]


def _value(item: Any, table: _Table, depth: int) -> Any:
    if depth > MAX_DEPTH + 2:
        raise CodecError("too deep")
    if isinstance(item, dict):
        return {k: _value(v, table, depth + 1) for k, v in item.items()}
    if isinstance(item, list):
        if len(item) in (1, 2) and item[0] == "i":
            return table.get(item)
        if len(item) == 2 and item[0] == "a" and isinstance(item[1], list):
            return [_value(v, table, depth + 1) for v in item[1]]
        raise CodecError("unknown tagged value")
    return item


def _apply(prev: Any, item: Any, table: _Table, depth: int) -> Any:
    if depth > MAX_DEPTH + 2:
        raise CodecError("too deep")
    if isinstance(item, list) and item and item[0] == "d":
        if not isinstance(prev, dict) or len(item) not in (2, 3) or not isinstance(item[1], dict):
            raise CodecError("bad record change")
        removed = item[2] if len(item) == 3 else []
        if not isinstance(removed, list):
            raise CodecError("bad record change")
        out = {k: v for k, v in prev.items() if k not in removed}
        for key, change in item[1].items():
            out[key] = _apply(prev.get(key, _MISSING), change, table, depth + 1)
        return out
    if isinstance(item, list) and item and item[0] == "l":
        if not isinstance(prev, list) or len(item) != 2 or not isinstance(item[1], list) or len(item[1]) != len(prev):
            raise CodecError("bad list change")
        return [p if c == ["="] else _apply(p, c, table, depth + 1) for p, c in zip(prev, item[1])]
    return _value(item, table, depth)


def decode_push(data: bytes, *, max_inflated_bytes: int) -> dict[str, Any]:
    """An encoded body back to the protocol's JSON body. Raises
    :class:`CodecError` (malformed) or :class:`TooLargeBody`."""
    if not data.startswith(MAGIC):
        raise CodecError("not an encoded push (unknown first bytes)")
    size, at = _read_varint(data, len(MAGIC))
    if at + size > len(data):
        raise CodecError("body cut short")
    skeleton = _inflate(data[at:at + size], DICTIONARY, max_inflated_bytes)
    raw_table = _inflate(data[at + size:], None, max(0, max_inflated_bytes - len(skeleton)))
    count, pos = _read_varint(raw_table, 0)
    if count * 9 > len(raw_table):
        raise CodecError("id table too short")
    ids: list[str] = []
    last = 0
    for _ in range(count):
        zigzag, pos = _read_varint(raw_table, pos)
        last += (zigzag >> 1) if not zigzag & 1 else -((zigzag + 1) >> 1)
        if not 0 <= last < 1 << 64 or pos + 8 > len(raw_table):
            raise CodecError("bad id table")
        ids.append(str(uuid.UUID(bytes=last.to_bytes(8, "big") + raw_table[pos:pos + 8])))
        pos += 8
    try:
        envelope = json.loads(skeleton.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise CodecError(f"bad skeleton: {error}") from None
    if not isinstance(envelope, dict) or not isinstance(envelope.get("ops"), list):
        raise CodecError("no operations")
    table = _Table(ids)
    body = {k: _value(v, table, 1) for k, v in envelope.items() if k != "ops"}
    ops: list[Any] = []
    previous: dict[str, Any] = {}
    for item in envelope["ops"]:
        if isinstance(item, list) and len(item) == 3 and item[0] == "p":
            prev = previous.get(item[1]) if isinstance(item[1], str) else None
            if prev is None:
                raise CodecError("a change with no earlier record of its kind")
            op = _apply(prev, item[2], table, 1)
        else:
            op = _value(item, table, 1)
        if isinstance(op, dict) and isinstance(op.get("entity"), str):
            previous[op["entity"]] = op
        ops.append(op)
    body["ops"] = ops
    return body
