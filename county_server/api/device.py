"""The device API (/api/v1): enroll, meta, push, pull, bootstrap, one case.

Every route opens its own unit of work; a refused request raises before the
commit, so it changes nothing. The center is always the token's.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import ValidationError
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from county_server import PROTOCOL_VERSIONS, __version__, changelog
from county_server.api.common import (
    ApiError,
    authenticate_device,
    client_ip,
    read_json_body,
    settings_of,
)
from county_server.api.schemas import (
    PUSH_BODY_SCHEMA,
    BootstrapResponse,
    CaseStateResponse,
    EnrollRequest,
    EnrollResponse,
    ErrorResponse,
    MetaResponse,
    PullResponse,
    PushResponse,
)
from county_server.models import CalendarYear, Case, CatalogVersion
from county_server.rows import case_row, center_row, event_row
from county_server.services import enrollment
from county_server.services import pull as pull_service
from county_server.services import push as push_service
from county_server.services.county_cases import case_history

router = APIRouter(prefix="/api/v1", tags=["device"])

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Malformed request (reason given)"},
    401: {"model": ErrorResponse, "description": "Missing or unknown device token"},
    403: {"model": ErrorResponse, "description": "Device revoked"},
}


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _check_protocol(request: Request) -> None:
    raw = request.headers.get("onewindow-protocol")
    if raw is None:
        return
    if not raw.strip().isdigit() or int(raw) not in PROTOCOL_VERSIONS:
        raise ApiError(400, "unsupported_protocol", f"不支持的同步协议版本 {raw}；本服务器支持 {list(PROTOCOL_VERSIONS)}",
                       protocol_versions=list(PROTOCOL_VERSIONS))


_ENROLL_BODY = {"content": {"application/json": {"schema": EnrollRequest.model_json_schema()}}, "required": True}


@router.post(
    "/enroll",
    response_model=EnrollResponse,
    responses=ERRORS | {409: {"model": ErrorResponse}, 413: {"model": ErrorResponse}, 422: {"model": ErrorResponse},
                        429: {"model": ErrorResponse}},
    openapi_extra={"requestBody": _ENROLL_BODY},
)
async def enroll(request: Request) -> Any:
    """Exchange a one-time enrollment code for a device identity and token."""
    _check_protocol(request)
    retry = request.app.state.enroll_limiter.hit(client_ip(request))
    if retry is not None:
        raise ApiError(429, "rate_limited", "尝试次数过多，请稍后再试", headers={"Retry-After": str(int(retry))})
    body = await read_json_body(request, max_bytes=256 * 1024)
    try:
        form = EnrollRequest.model_validate(body)
    except ValidationError as error:
        raise ApiError(422, "invalid_request", push_service.describe_errors(error)) from None
    return await run_in_threadpool(_enroll, request, form)


def _enroll(request: Request, form: EnrollRequest) -> dict[str, Any]:
    now = _now()
    staff = tuple(
        enrollment.LocalStaff(
            id=s.id, username=s.username, display_name=s.display_name, role=s.role,
            password_hash=s.password_hash, phone=s.phone, active=s.active,
        )
        for s in form.local_staff
    )
    try:
        with request.app.state.db.begin() as session:
            done = enrollment.enroll(
                session, code=form.code, now=now, proposed_device_id=form.device_id,
                proposed_device_number=form.device_number, name=form.name, window_no=form.window_no,
                local_staff=staff,
            )
            return {
                "device_id": done.device.id,
                "device_number": done.device.device_number,
                "token": done.token,
                "reenrolled": done.reenrolled,
                "center": center_row(done.center),
                "server_time": now,
                "protocol_versions": list(PROTOCOL_VERSIONS),
                "staff_adopted": done.staff_adopted,
                "staff_conflicts": done.staff_conflicts,
            }
    except enrollment.EnrollmentRefused as refusal:
        raise ApiError(refusal.status, refusal.code, refusal.reason, **refusal.extra) from None


@router.get("/meta", response_model=MetaResponse, responses=ERRORS)
def meta(request: Request) -> Any:
    """Server time, protocol versions, current catalog and calendar years, stream heads."""
    _check_protocol(request)
    settings = settings_of(request)
    with request.app.state.db.begin() as session:
        device, center = authenticate_device(session, request)
        catalog = session.scalar(select(CatalogVersion.version).order_by(CatalogVersion.published_at.desc()).limit(1))
        years = {str(y.year): y.version for y in session.scalars(select(CalendarYear))}
        streams = {s: changelog.head(session, changelog.scope_of(s, center.id), s) for s in changelog.STREAMS}
        return {
            "server_time": _now(),
            "server_version": __version__,
            "protocol_versions": list(PROTOCOL_VERSIONS),
            "device_id": device.id,
            "device_number": device.device_number,
            "center": center_row(center),
            "catalog_version": catalog,
            "calendar_years": years,
            "streams": streams,
            "limits": {
                "max_batch_ops": settings.max_batch_ops,
                "max_body_bytes": settings.max_body_bytes,
                "max_inflated_bytes": settings.max_inflated_bytes,
                "max_pull_limit": pull_service.MAX_LIMIT,
            },
        }


@router.post(
    "/push",
    response_model=PushResponse,
    responses=ERRORS | {413: {"model": ErrorResponse}, 415: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
    openapi_extra={"requestBody": {"content": {"application/json": {"schema": PUSH_BODY_SCHEMA}}, "required": True}},
)
async def push(request: Request) -> Any:
    """A batch of operations (gzip welcome); one result per operation, in order."""
    _check_protocol(request)
    settings = settings_of(request)
    # Authenticate before reading a large body from a stranger.
    with request.app.state.db.begin() as session:
        authenticate_device(session, request)
    body = await read_json_body(request)
    if not isinstance(body, dict) or not isinstance(body.get("ops"), list):
        raise ApiError(422, "invalid_request", "请求体应为 {\"ops\": [...]} 形式的 JSON 对象")
    if body.get("protocol", 1) not in PROTOCOL_VERSIONS:
        raise ApiError(400, "unsupported_protocol", f"不支持的同步协议版本；本服务器支持 {list(PROTOCOL_VERSIONS)}",
                       protocol_versions=list(PROTOCOL_VERSIONS))
    ops = body["ops"]
    if len(ops) > settings.max_batch_ops:
        raise ApiError(413, "batch_too_large", f"一批最多 {settings.max_batch_ops} 条操作，收到 {len(ops)} 条；请分批发送",
                       max_batch_ops=settings.max_batch_ops)
    device_time = body.get("device_time")
    return await run_in_threadpool(_push, request, ops, device_time)


def _push(request: Request, ops: list[Any], device_time: Any) -> dict[str, Any]:
    now = _now()
    skew = None
    if isinstance(device_time, str):
        try:
            moment = datetime.fromisoformat(device_time)
            if moment.tzinfo is not None:
                # Clamped: a PC clock decades off is still just "wrong" (int column).
                skew = max(-2**31 + 1, min(2**31 - 1, int((moment - now).total_seconds())))
        except ValueError:
            skew = None  # a wrong clock is flagged, never a reason to refuse data
    with request.app.state.db.begin() as session:
        device, center = authenticate_device(session, request)
        results = push_service.push_batch(session, device=device, center=center, ops=ops, now=now)
        if skew is not None:
            device.last_clock_skew_s = skew
    counts: dict[str, int] = {}
    for result in results:
        counts[result["status"]] = counts.get(result["status"], 0) + 1
    return {"server_time": now, "clock_skew_seconds": skew, "counts": counts, "results": results}


@router.get("/pull/{stream}", response_model=PullResponse, responses=ERRORS | {404: {"model": ErrorResponse}})
def pull(
    request: Request,
    stream: Annotated[str, Path(max_length=30)],
    cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=pull_service.MAX_LIMIT)] = 200,
) -> Any:
    """Changes of one stream after ``cursor``, in order. Save ``next_cursor`` with the page."""
    _check_protocol(request)
    with request.app.state.db.begin() as session:
        device, center = authenticate_device(session, request)
        if stream not in changelog.STREAMS:
            raise ApiError(404, "unknown_stream", f"没有名为「{stream}」的同步流", streams=list(changelog.STREAMS))
        page = pull_service.pull(session, center_id=center.id, stream=stream, cursor=cursor, limit=limit)
        device.last_pull_at = _now()
        return {
            "stream": stream, "cursor": cursor, "next_cursor": page.next_cursor,
            "has_more": page.has_more, "head": page.head, "entries": page.entries,
        }


@router.get("/bootstrap", response_model=BootstrapResponse, responses=ERRORS)
def bootstrap(
    request: Request,
    page_token: Annotated[str | None, Query(max_length=2000)] = None,
    limit: Annotated[int, Query(ge=1, le=pull_service.MAX_LIMIT)] = 500,
) -> Any:
    """The center's records, page by page; resumable with ``next_page_token``."""
    _check_protocol(request)
    with request.app.state.db.begin() as session:
        device, center = authenticate_device(session, request)
        try:
            page = pull_service.bootstrap(session, center_id=center.id, page_token=page_token, limit=limit)
        except pull_service.BadPageToken as error:
            raise ApiError(400, "bad_page_token", str(error)) from None
        device.last_pull_at = _now()
        return {"rows": page.rows, "cursors": page.cursors, "next_page_token": page.next_page_token, "done": page.done}


@router.get("/cases/{case_id}", response_model=CaseStateResponse, responses=ERRORS | {404: {"model": ErrorResponse}})
def case_state(request: Request, case_id: uuid.UUID) -> Any:
    """The server's copy of one of this center's cases, with its history (for conflicts)."""
    _check_protocol(request)
    with request.app.state.db.begin() as session:
        _device, center = authenticate_device(session, request)
        case = session.get(Case, case_id)
        if case is None or case.center_id != center.id:
            # Another center's case answers exactly like a missing one.
            raise ApiError(404, "not_found", "本中心没有该办件")
        return {"case": case_row(case), "events": [event_row(e) for e in case_history(session, case.id)]}


