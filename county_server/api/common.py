"""What every API route shares: errors with reasons, bounded bodies, auth."""
from __future__ import annotations

import ipaddress
import json
import zlib
from typing import Any

from fastapi import HTTPException, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from county_server.models import Center, CountyApiToken, CountyUser, Device
from county_server.security import token_hash
from county_server.settings import Settings


class ApiError(HTTPException):
    """A refused request: HTTP status, a machine code and a reason for people."""

    def __init__(self, status: int, code: str, reason: str, *, headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(status_code=status, detail={"error": code, "reason": reason, **extra}, headers=headers)


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


async def read_json_body(request: Request, *, max_bytes: int | None = None) -> Any:
    """The request body as JSON, refusing oversize (413), bad gzip (400),
    unknown encodings (415) and malformed JSON (400) before anything is done."""
    settings = settings_of(request)
    limit = max_bytes or settings.max_body_bytes
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
        body = _gunzip(body, settings.max_inflated_bytes)
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


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthenticated", "缺少设备令牌（Authorization: Bearer …）",
                       headers={"WWW-Authenticate": "Bearer"})
    return token.strip()


def authenticate_device(session: Session, request: Request) -> tuple[Device, Center]:
    """The device behind the token, and its center: the only center it may touch."""
    token = bearer_token(request)
    device = session.scalar(select(Device).where(Device.token_hash == token_hash(token)).with_for_update())
    if device is None:
        raise ApiError(401, "invalid_token", "设备令牌无效；请重新注册本机", headers={"WWW-Authenticate": "Bearer"})
    if device.revoked_at is not None:
        raise ApiError(403, "device_revoked", "本机已被县级管理员停用；如需继续使用，请申请重新注册")
    center = session.get(Center, device.center_id)
    assert center is not None
    return device, center


def authenticate_county_user(session: Session, request: Request) -> CountyUser:
    token = bearer_token(request)
    row = session.get(CountyApiToken, token_hash(token))
    if row is None or row.revoked_at is not None:
        raise ApiError(401, "invalid_token", "令牌无效", headers={"WWW-Authenticate": "Bearer"})
    user = session.get(CountyUser, row.user_id)
    if user is None or not user.active:
        raise ApiError(403, "user_inactive", "该账号已停用")
    return user


def client_ip(request: Request) -> str:
    """The client's address; X-Forwarded-For only counts when the peer is our proxy."""
    peer = request.client.host if request.client else "unknown"
    trusted = settings_of(request).trusted_proxies
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
