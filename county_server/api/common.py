"""What every API route shares: errors with reasons, bounded bodies, the client's address."""
from __future__ import annotations

import ipaddress
import json
import zlib
from typing import Any

from fastapi import HTTPException, Request


class ApiError(HTTPException):
    """A refused request: HTTP status, a machine code and a reason for people."""

    def __init__(self, status: int, code: str, reason: str, *, headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(status_code=status, detail={"error": code, "reason": reason, **extra}, headers=headers)


async def read_json_body(request: Request, *, max_bytes: int, max_inflated_bytes: int) -> Any:
    """The request body as JSON, refusing oversize (413), bad gzip (400),
    unknown encodings (415) and malformed JSON (400) before anything is done.

    Only called by body dependencies that first depend on the caller's
    credentials (county_server.api.deps)."""
    limit = max_bytes
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
    body = b"".join(chunks)
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding == "gzip":
        body = _gunzip(body, max_inflated_bytes)
    elif encoding not in ("", "identity"):
        raise ApiError(415, "unsupported_encoding", f"不支持的 Content-Encoding：{encoding}（只支持 gzip）")
    if not body:
        raise ApiError(400, "empty_body", "请求体为空，应为 JSON")
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ApiError(400, "malformed_json", f"请求体不是有效的 JSON：{error}") from None


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
