"""What every API route shares: errors with reasons, bounded bodies, the client's address."""
from __future__ import annotations

import ipaddress
import json
import re
import zlib
from typing import Any, cast

import anyio
import anyio.to_thread
from fastapi import HTTPException, Request

from app import wire
from county_server.services.hostile import TooDeep


class ApiError(HTTPException):
    """A refused request: HTTP status, a machine code and a reason for people."""

    def __init__(self, status: int, code: str, reason: str, *, headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(status_code=status, detail={"error": code, "reason": reason, **extra}, headers=headers)


async def read_json_body(request: Request, *, max_bytes: int, max_inflated_bytes: int, ops_key: str | None = None) -> Any:
    """The request body as JSON, refusing oversize (413), bad gzip (400),
    unknown encodings (415) and malformed JSON (400) before anything is done.

    Only called by body dependencies that first depend on the caller's
    credentials (county_server.api.deps). ``max_inflated_bytes`` is the
    route's own bound (what it can need), so a small gzip bomb costs little.
    Inflating and parsing run on a few worker threads of their own, never on
    the event loop: ``/healthz`` and the other requests go on meanwhile.
    With ``ops_key``, a body too deeply nested is split into its operations
    and each too-deep one becomes a ``TooDeep`` for the route to refuse.
    """
    body = await _read_limited(request, max_bytes)
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity", "gzip"):
        raise ApiError(415, "unsupported_encoding", f"不支持的 Content-Encoding：{encoding}（只支持 gzip）")
    if not body:
        raise ApiError(400, "empty_body", "请求体为空，应为 JSON")
    return await anyio.to_thread.run_sync(
        _decode_body, body, encoding == "gzip", max_inflated_bytes, ops_key, limiter=_parse_limiter(request)
    )


async def read_push_body(request: Request, *, max_bytes: int, max_inflated_bytes: int) -> Any:
    """A push body: protocol 2's compact encoding (``app.wire``, by its media
    type) or JSON, plain or gzip (both protocols). Same limits and refusals."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != wire.MEDIA_TYPE:
        return await read_json_body(request, max_bytes=max_bytes, max_inflated_bytes=max_inflated_bytes, ops_key="ops")
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise ApiError(415, "unsupported_encoding", f"不支持的 Content-Encoding：{encoding}（紧凑编码自带压缩）")
    body = await _read_limited(request, max_bytes)
    if not body:
        raise ApiError(400, "empty_body", "请求体为空")
    return await anyio.to_thread.run_sync(_decode_compact, body, max_inflated_bytes, limiter=_parse_limiter(request))


def _decode_compact(body: bytes, max_inflated_bytes: int) -> Any:
    try:
        return wire.decode_push(body, max_inflated_bytes=max_inflated_bytes)
    except wire.TooLargeBody:
        raise ApiError(413, "body_too_large", f"解压后的请求体超过 {max_inflated_bytes} 字节，请分批发送") from None
    except wire.CodecError as error:
        raise ApiError(400, "malformed_body", f"紧凑编码的请求体无效：{error}") from None


async def _read_limited(request: Request, limit: int) -> bytes:
    """The raw body, refused (413) once it is over ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise ApiError(413, "body_too_large", f"请求体超过 {limit} 字节，请分批发送")
        except ValueError:
            raise ApiError(400, "bad_content_length", "Content-Length 无效") from None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "body_too_large", f"请求体超过 {limit} 字节，请分批发送")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_limiter(request: Request) -> anyio.CapacityLimiter:
    """At most two bodies inflate and parse at once per process: the thread
    pool stays free for the database work of the other requests."""
    limiter = getattr(request.app.state, "parse_limiter", None)
    if limiter is None:
        limiter = request.app.state.parse_limiter = anyio.CapacityLimiter(2)
    return cast(anyio.CapacityLimiter, limiter)


def _decode_body(body: bytes, gzipped: bool, max_inflated_bytes: int, ops_key: str | None) -> Any:
    if gzipped:
        body = _gunzip(body, max_inflated_bytes)
        if not body:
            raise ApiError(400, "empty_body", "请求体为空，应为 JSON")
    elif len(body) > max_inflated_bytes:
        raise ApiError(413, "body_too_large", f"请求体超过 {max_inflated_bytes} 字节，请分批发送")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(400, "malformed_json", f"请求体不是有效的 UTF-8：{error.reason}") from None
    try:
        return json.loads(text)
    except RecursionError:
        pass
    except json.JSONDecodeError as error:
        raise ApiError(400, "malformed_json", f"请求体不是有效的 JSON：{error}") from None
    split = _split_ops(text, ops_key) if ops_key else None
    if split is None:
        raise ApiError(400, "malformed_json", "请求体的 JSON 嵌套过深")
    return split


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_OP_ID = re.compile(r'"op_id"\s*:\s*"([^"]{1,64})"')


def _split_ops(text: str, key: str) -> dict[str, Any] | None:
    """``{..., key: [op, op, …]}`` read op by op: each op parsed on its own, a
    too-deep one kept as ``TooDeep``. None when the body is not of that shape
    (or is too deep outside its operations)."""
    depth = 0
    last_string = ""
    array_start = array_end = op_start = -1
    spans: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            if depth == 1:
                last_string = token
            continue
        inside = array_start >= 0 and array_end < 0
        if token in "[{":
            depth += 1
            if depth == 2 and token == "[" and array_start < 0 and last_string == f'"{key}"':
                array_start = match.start()
            elif depth == 3 and inside:
                if token != "{":
                    return None  # an operation must be an object
                op_start = match.start()
            continue
        depth -= 1
        if depth < 0:
            return None
        if inside and depth == 2 and op_start >= 0:
            spans.append((op_start, match.end()))
            op_start = -1
        elif inside and depth == 1:
            array_end = match.end()
    if array_start < 0 or array_end < 0 or depth != 0:
        return None
    try:
        envelope = json.loads(text[:array_start] + "[]" + text[array_end:])
    except (RecursionError, json.JSONDecodeError):
        return None
    if not isinstance(envelope, dict):
        return None
    ops: list[Any] = []
    previous = array_start + 1
    for start, end in [*spans, (array_end - 1, array_end - 1)]:
        if text[previous:start].strip(" \t\r\n,"):
            return None  # something else than objects between the operations
        previous = end
        if start == end:
            break
        piece = text[start:end]
        try:
            ops.append(json.loads(piece))
        except RecursionError:
            found = _OP_ID.search(piece)
            ops.append(TooDeep(found.group(1) if found else None))
        except json.JSONDecodeError:
            return None
    envelope[key] = ops
    return envelope


def _gunzip(body: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit + 1)
        if len(out) > limit or inflater.unconsumed_tail:
            raise ApiError(413, "body_too_large", f"解压后的请求体超过 {limit} 字节，请分批发送")
        if not inflater.eof:
            raise ApiError(400, "bad_gzip", "gzip 数据不完整")
    except zlib.error as error:
        raise ApiError(400, "bad_gzip", f"gzip 数据无效：{error}") from None
    return out


def client_ip(request: Request, *, trusted: tuple[str, ...]) -> str:
    """The client's address; X-Forwarded-For only counts when the peer is our proxy."""
    peer = request.client.host if request.client else "unknown"
    if peer not in trusted:
        return peer
    forwarded = [a.strip() for a in request.headers.get("x-forwarded-for", "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if address not in trusted:
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return peer
    return peer
