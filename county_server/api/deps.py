"""What a route may ask for in its signature: settings, a unit of work, who is calling.

Like the FastAPI full-stack template, a route declares ``session: SessionDep``,
``device: DeviceDep``, ``user: AdminDep`` … and never opens a transaction or
checks a token by hand.

Order matters and is arranged here, not in the routes: a route's body is read
by a dependency (``PushBodyDep`` …) that itself depends on the caller's
credentials being checked first, so a stranger can never make the server read,
inflate or parse a body. That early check runs in its own short transaction;
the body is then read with no transaction open (a slow 2G upload must not hold
SQLite's write lock or a pool connection), and the request's unit of work
checks the token once more, locked, when the route runs (a device revoked
meanwhile is refused).
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Annotated, cast

import anyio
from fastapi import Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from county_server import PROTOCOL_VERSIONS
from county_server.api.common import ApiError, client_ip
from county_server.auth import NotAllowed, SignedIn, signed_in
from county_server.models import Center, CountyApiToken, CountyUser, Device
from county_server.models.county import ROLE_ADMIN
from county_server.ratelimit import Limiter
from county_server.security import token_hash
from county_server.settings import Settings


def app_settings(request: Request) -> Settings:
    """The settings the app was created with (for helpers below a route)."""
    return cast(Settings, request.app.state.settings)


async def get_settings(request: Request) -> Settings:
    return app_settings(request)


SettingsDep = Annotated[Settings, Depends(get_settings)]


def session_factory(request: Request) -> sessionmaker[Session]:
    return cast("sessionmaker[Session]", request.app.state.db)


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One unit of work per request: committed when the route returns, rolled
    back when it raises, so a refused request changes nothing.

    Async on purpose: making a Session does no I/O (its transaction starts on
    first use, in the route's thread), and the commit or rollback at the end
    is one hop to the thread pool instead of two.
    """
    session = session_factory(request)()
    try:
        yield session
    except BaseException:
        # Shielded: a cancelled request (client gone) still hands its
        # connection back rolled back, not half-way through a transaction.
        with anyio.CancelScope(shield=True):
            await run_in_threadpool(_finish, session, commit=False)
        raise
    await run_in_threadpool(_finish, session, commit=True)


def _finish(session: Session, *, commit: bool) -> None:
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


# scope="function": the commit happens before the response is sent, so a
# client never sees "applied" for work whose commit then failed.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def client_address(request: Request, settings: SettingsDep) -> str:
    """The caller's address for rate limits (X-Forwarded-For only from our proxy)."""
    return client_ip(request, trusted=settings.trusted_proxies)


ClientIpDep = Annotated[str, Depends(client_address)]


def behind_tls(request: Request, settings: Settings) -> bool:
    """Whether the browser reached us over HTTPS: the setting says so, the
    connection is TLS, or our own reverse proxy says ``X-Forwarded-Proto: https``
    (believed only from a trusted proxy)."""
    if settings.secure_cookies or request.url.scheme == "https":
        return True
    peer = request.client.host if request.client else ""
    if peer not in settings.trusted_proxies:
        return False
    proto = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return proto == "https"


# Cheap dependencies are ``async def``: they run on the event loop instead of
# costing a hop to the thread pool each; anything touching the database is
# ``def`` and runs in the pool.


# -- the sync protocol ---------------------------------------------------------------


async def check_protocol(request: Request) -> None:
    """The desk's ``OneWindow-Protocol`` header, when sent, must be one we speak."""
    raw = request.headers.get("onewindow-protocol")
    if raw is None:
        return
    if not raw.strip().isdigit() or int(raw) not in PROTOCOL_VERSIONS:
        raise ApiError(400, "unsupported_protocol", f"不支持的同步协议版本 {raw}；本服务器支持 {list(PROTOCOL_VERSIONS)}",
                       protocol_versions=list(PROTOCOL_VERSIONS))


# -- tokens ------------------------------------------------------------------------------


def _limited(retry: float) -> ApiError:
    return ApiError(429, "rate_limited", "请求过于频繁，请稍后再试", headers={"Retry-After": str(int(retry))})


async def bearer_token(request: Request) -> str:
    """The ``Authorization: Bearer …`` token (read from the request so OpenAPI
    shows no header parameter for clients and fuzzers to vary)."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthenticated", "缺少设备令牌（Authorization: Bearer …）",
                       headers={"WWW-Authenticate": "Bearer"})
    return token.strip()


def limiter(request: Request, name: str) -> Limiter:
    return cast(Limiter, getattr(request.app.state, name))


def _refused_token(request: Request, error: ApiError) -> ApiError:
    """Count a refused token against the caller's address; over the limit the
    answer is a 429 (wait), so guessing stays slow. The desks behind the same
    address (a village network) with their valid tokens are never held up."""
    if error.status_code == 401:
        retry = limiter(request, "auth_limiter").hit(client_ip(request, trusted=app_settings(request).trusted_proxies))
        if retry is not None:
            return _limited(retry)
    return error


TokenDep = Annotated[str, Depends(bearer_token)]


@dataclass(frozen=True)
class AuthenticatedDevice:
    """The calling desk and its center: the only center it may touch."""

    device: Device
    center: Center


def authenticate_device(session: Session, token: str, *, lock: bool) -> AuthenticatedDevice:
    """The device behind ``token``; 401 when unknown, 403 when revoked.

    ``lock`` takes the device row for the unit of work, so two requests of one
    device (a retried push) run one after the other.
    """
    query = select(Device).where(Device.token_hash == token_hash(token))
    device = session.scalar(query.with_for_update() if lock else query)
    if device is None:
        raise ApiError(401, "invalid_token", "设备令牌无效；请重新注册本机", headers={"WWW-Authenticate": "Bearer"})
    if device.revoked_at is not None:
        raise ApiError(403, "device_revoked", "本机已被县级管理员停用；如需继续使用，请申请重新注册")
    center = session.get(Center, device.center_id)
    assert center is not None
    return AuthenticatedDevice(device, center)


def current_device(request: Request, session: SessionDep, token: TokenDep) -> AuthenticatedDevice:
    try:
        caller = authenticate_device(session, token, lock=True)
    except ApiError as error:
        raise _refused_token(request, error) from None
    if caller.device.token_used_at is None:
        # The token of an enrollment answer is in use: its code is dead now.
        caller.device.token_used_at = datetime.now(timezone.utc)
    note_desk_version(caller.device, request.headers.get("onewindow-version", ""))
    return caller


def note_desk_version(device: Device, reported: str) -> None:
    """Which program version the desk runs (the admin pages show it); written only when it changes."""
    reported = reported.strip()[:40]
    if reported and reported.isprintable() and reported != device.app_version:
        device.app_version, device.app_version_at = reported, datetime.now(timezone.utc)


DeviceDep = Annotated[AuthenticatedDevice, Depends(current_device)]


def check_device_early(request: Request, token: TokenDep) -> None:
    """The device check that guards a body, in its own short transaction."""
    try:
        with session_factory(request).begin() as session:
            authenticate_device(session, token, lock=False)
    except ApiError as error:
        raise _refused_token(request, error) from None


DeviceCheckedDep = Annotated[None, Depends(check_device_early)]


def authenticate_officer(session: Session, token: str) -> CountyUser:
    """The county user behind an API token (``python -m county_server api-token``)."""
    row = session.get(CountyApiToken, token_hash(token))
    if row is None or row.revoked_at is not None:
        raise ApiError(401, "invalid_token", "令牌无效", headers={"WWW-Authenticate": "Bearer"})
    user = session.get(CountyUser, row.user_id)
    if user is None or not user.active:
        raise ApiError(403, "user_inactive", "该账号已停用")
    return user


async def officer_allowed(request: Request, ip: ClientIpDep) -> None:
    """County officers' routes (API and pages) have a per-address limit too."""
    retry = await limiter(request, "officer_limiter").ahit(ip)
    if retry is not None:
        raise _limited(retry)


OfficerAllowedDep = Annotated[None, Depends(officer_allowed)]


def current_officer(request: Request, _allowed: OfficerAllowedDep, session: SessionDep, token: TokenDep) -> CountyUser:
    try:
        return authenticate_officer(session, token)
    except ApiError as error:
        raise _refused_token(request, error) from None


OfficerDep = Annotated[CountyUser, Depends(current_officer)]


def check_officer_early(request: Request, _allowed: OfficerAllowedDep, token: TokenDep) -> None:
    """The officer check that guards a body, in its own short transaction."""
    try:
        with session_factory(request).begin() as session:
            authenticate_officer(session, token)
    except ApiError as error:
        raise _refused_token(request, error) from None


OfficerCheckedDep = Annotated[None, Depends(check_officer_early)]


# -- web admin sessions ----------------------------------------------------------------


def current_signed_in(request: Request, _allowed: OfficerAllowedDep) -> SignedIn:
    """The logged-in county user; ``LoginRequired`` (a redirect to the login page) otherwise.

    Checked in its own short transaction, before any form is parsed; the user
    comes back loaded and detached, for reading and for stamping who acted.
    """
    with session_factory(request).begin() as session:
        return signed_in(session, request)


SignedInDep = Annotated[SignedIn, Depends(current_signed_in)]


def current_admin(who: SignedInDep) -> SignedIn:
    """A logged-in county admin; other users get ``NotAllowed`` (a 403 page)."""
    if who.user.role != ROLE_ADMIN:
        raise NotAllowed
    return who


AdminDep = Annotated[SignedIn, Depends(current_admin)]
