"""The device API (/api/v1): enroll, meta, push, pull, bootstrap, one case.

Each route declares what it needs (county_server.api.deps): the request's
unit of work, the calling device, a body read only after the caller is
known. A refused request raises before the commit, so it changes nothing.
The center is always the token's.
"""
from __future__ import annotations

import time
import uuid
from datetime import datetime, timezone
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import ValidationError
from sqlalchemy import select

from app import wire
from county_server import PROTOCOL_VERSIONS, __version__, changelog
from county_server.api.common import ApiError, read_json_body, read_push_body
from county_server.api.deps import (
    ClientIpDep,
    DeviceCheckedDep,
    DeviceDep,
    SessionDep,
    SettingsDep,
    TokenDep,
    check_protocol,
)
from county_server.api.schemas import (
    PUSH_BODY_SCHEMA,
    BootstrapResponse,
    CaseEventPublic,
    CaseStateResponse,
    CenterPublic,
    EnrollRequest,
    EnrollResponse,
    ErrorResponse,
    Limits,
    MetaResponse,
    PullEntry,
    PullResponse,
    PushRequest,
    PushResponse,
    RecallResponse,
    ResidentLookupResponse,
    SnapshotRow,
)
from county_server.models import AppliedOp, CalendarYear, Case, CatalogVersion
from county_server.rows import case_row, center_row, event_row
from county_server.security import token_hash
from county_server.services import enrollment
from county_server.services import lookup as lookup_service
from county_server.services import pull as pull_service
from county_server.services import push as push_service
from county_server.services.county_cases import case_history
from county_server.services.hostile import find_hostile

# Every device route speaks the sync protocol: checked once, for the router.
router = APIRouter(prefix="/api/v1", tags=["device"], dependencies=[Depends(check_protocol)])

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Malformed request (reason given)"},
    401: {"model": ErrorResponse, "description": "Missing or unknown device token"},
    403: {"model": ErrorResponse, "description": "Device revoked"},
    429: {"model": ErrorResponse, "description": "Too many requests (or wrong tokens) from this address: wait Retry-After"},
}


def _now() -> datetime:
    return datetime.now(timezone.utc)


# -- enroll ---------------------------------------------------------------------------


async def enroll_allowed(request: Request, ip: ClientIpDep) -> None:
    """Enrollment codes are guessable only slowly: a per-address limit, before the body."""
    retry = await request.app.state.enroll_limiter.ahit(ip)
    if retry is not None:
        raise ApiError(429, "rate_limited", "尝试次数过多，请稍后再试", headers={"Retry-After": str(int(retry))})


#: An enrollment is a code, a name and at most 200 accounts: far less than this, inflated or not.
ENROLL_MAX_BYTES = 256 * 1024


async def enroll_form(request: Request, _allowed: Annotated[None, Depends(enroll_allowed)]) -> EnrollRequest:
    body = await read_json_body(request, max_bytes=ENROLL_MAX_BYTES, max_inflated_bytes=ENROLL_MAX_BYTES)
    hostile = find_hostile(body, max_depth=8)
    if hostile is not None:
        raise ApiError(422, "invalid_request", hostile.reason, field=hostile.field)
    try:
        return EnrollRequest.model_validate(body)
    except ValidationError as error:
        raise ApiError(422, "invalid_request", push_service.describe_errors(error)) from None


_ENROLL_BODY = {"content": {"application/json": {"schema": EnrollRequest.model_json_schema()}}, "required": True}


@router.post(
    "/enroll",
    response_model=EnrollResponse,
    responses=ERRORS | {409: {"model": ErrorResponse}, 413: {"model": ErrorResponse}, 415: {"model": ErrorResponse}, 422: {"model": ErrorResponse},
                        429: {"model": ErrorResponse}},
    openapi_extra={"requestBody": _ENROLL_BODY},
)
def enroll(form: Annotated[EnrollRequest, Depends(enroll_form)], session: SessionDep) -> EnrollResponse:
    """Exchange a one-time enrollment code for a device identity and token."""
    now = _now()
    staff = tuple(
        enrollment.LocalStaff(
            id=s.id, username=s.username, display_name=s.display_name, role=s.role,
            password_hash=s.password_hash, phone=s.phone, active=s.active,
        )
        for s in form.local_staff
    )
    try:
        done = enrollment.enroll(
            session, code=form.code, now=now, proposed_device_id=form.device_id,
            proposed_device_number=form.device_number, name=form.name, window_no=form.window_no,
            local_staff=staff, secret_hash=form.secret_hash, secret=form.secret,
        )
    except enrollment.EnrollmentRefused as refusal:
        raise ApiError(refusal.status, refusal.code, refusal.reason, **refusal.extra) from None
    return EnrollResponse(
        device_id=done.device.id,
        device_number=done.device.device_number,
        token=done.token,
        reenrolled=done.reenrolled,
        center=CenterPublic.model_validate(center_row(done.center)),
        server_time=now,
        protocol_versions=list(PROTOCOL_VERSIONS),
        staff_adopted=done.staff_adopted,
        staff_conflicts=done.staff_conflicts,
    )


# -- meta ------------------------------------------------------------------------------


@router.get("/meta", response_model=MetaResponse, responses=ERRORS)
def meta(caller: DeviceDep, session: SessionDep, settings: SettingsDep) -> MetaResponse:
    """Server time, protocol versions, current catalog and calendar years, stream heads."""
    center = caller.center
    catalog = session.scalar(select(CatalogVersion.version).order_by(CatalogVersion.published_at.desc()).limit(1))
    years = {str(y.year): y.version for y in session.scalars(select(CalendarYear))}
    streams = {s: changelog.head(session, changelog.scope_of(s, center.id), s) for s in changelog.STREAMS}
    return MetaResponse(
        server_time=_now(),
        server_version=__version__,
        protocol_versions=list(PROTOCOL_VERSIONS),
        push_encodings=[wire.DICTIONARY_ID],
        device_id=caller.device.id,
        device_number=caller.device.device_number,
        center=CenterPublic.model_validate(center_row(center)),
        catalog_version=catalog,
        calendar_years=years,
        streams=streams,
        limits=Limits(
            max_batch_ops=settings.max_batch_ops,
            max_body_bytes=settings.max_body_bytes,
            max_inflated_bytes=settings.max_inflated_bytes,
            max_pull_limit=pull_service.MAX_LIMIT,
        ),
    )


# -- push ------------------------------------------------------------------------------


async def push_body(request: Request, _checked: DeviceCheckedDep, settings: SettingsDep) -> PushRequest:
    """The push envelope: read (gzip JSON, or protocol 2's compact encoding)
    only once the device is known."""
    body = await read_push_body(request, max_bytes=settings.max_body_bytes,
                                max_inflated_bytes=settings.max_inflated_bytes)
    try:
        batch = PushRequest.model_validate(body)
    except ValidationError:
        raise ApiError(422, "invalid_request", "请求体应为 {\"ops\": [...]} 形式的 JSON 对象") from None
    if batch.protocol not in PROTOCOL_VERSIONS:
        raise ApiError(400, "unsupported_protocol", f"不支持的同步协议版本；本服务器支持 {list(PROTOCOL_VERSIONS)}",
                       protocol_versions=list(PROTOCOL_VERSIONS))
    if len(batch.ops) > settings.max_batch_ops:
        raise ApiError(413, "batch_too_large",
                       f"一批最多 {settings.max_batch_ops} 条操作，收到 {len(batch.ops)} 条；请分批发送",
                       max_batch_ops=settings.max_batch_ops)
    return batch


PushBodyDep = Annotated[PushRequest, Depends(push_body)]


def _clock_skew(device_time: Any, now: datetime) -> int | None:
    """Seconds the desk's clock is ahead (negative: behind); None when it did not say."""
    if not isinstance(device_time, str):
        return None
    try:
        moment = datetime.fromisoformat(device_time)
    except ValueError:
        return None  # a wrong clock is flagged, never a reason to refuse data
    if moment.tzinfo is None:
        return None
    try:
        seconds = (moment - now).total_seconds()
    except OverflowError:  # a time beyond year 1..9999 in UTC
        return None
    # Clamped: a PC clock decades off is still just "wrong" (int column).
    return max(-2**31 + 1, min(2**31 - 1, int(seconds)))


@router.post(
    "/push",
    response_model=PushResponse,
    responses=ERRORS | {413: {"model": ErrorResponse}, 415: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
    openapi_extra={"requestBody": {"content": {"application/json": {"schema": PUSH_BODY_SCHEMA}}, "required": True}},
)
def push(batch: PushBodyDep, caller: DeviceDep, session: SessionDep) -> PushResponse:
    """A batch of operations (gzip welcome); one result per operation, in order."""
    now = _now()
    started = time.perf_counter()
    skew = _clock_skew(batch.device_time, now)
    results = push_service.push_batch(session, device=caller.device, center=caller.center, ops=batch.ops, now=now)
    if skew is not None:
        caller.device.last_clock_skew_s = skew
    counts: dict[str, int] = {}
    for result in results:
        counts[result["status"]] = counts.get(result["status"], 0) + 1
    if batch.protocol == 1:
        return PushResponse(server_time=now, clock_skew_seconds=skew, counts=counts, results=results)
    return PushResponse(server_time=now, clock_skew_seconds=skew, counts=counts,
                        results=[_short(result) for result in results],
                        server_ms=int((time.perf_counter() - started) * 1000))


#: What protocol 2 leaves out of an accepted op's result: the desk knows
#: which op each result is for (one per op, in order), and a random op id
#: echoed back cost more bytes than the rest of the answer.
_ECHOES = frozenset({"index", "op_id", "entity", "entity_id", "seq", "first_status"})


def _short(result: dict[str, Any]) -> dict[str, Any]:
    if result.get("status") not in ("applied", "duplicate"):
        return result  # a refusal or a conflict keeps every word: it is read by people
    return {k: v for k, v in result.items() if k not in _ECHOES}


@router.get("/push/recall", response_model=RecallResponse, responses=ERRORS)
def push_recall(
    caller: DeviceDep,
    session: SessionDep,
    first: uuid.UUID,
    last: uuid.UUID,
    count: Annotated[int, Query(ge=1, le=2000)],
) -> RecallResponse:
    """The answers to a push whose reply was lost (protocol 2): the ops this
    device had applied with op ids from ``first`` to ``last``. When they are
    exactly ``count`` ops, the answers come in op id order with the digest
    of their ids (app.wire.batch_digest), and the desk need not send the
    batch again; otherwise it does (a resend is always safe)."""
    rows = list(session.scalars(
        select(AppliedOp).where(AppliedOp.device_id == caller.device.id, AppliedOp.op_id >= first,
                                AppliedOp.op_id <= last).limit(count + 1)))
    if len(rows) != count:
        return RecallResponse(found=len(rows), digest="", results=[])
    rows.sort(key=lambda row: row.op_id)
    results = [_short(dict(row.result) | {"status": "duplicate"}) for row in rows]
    return RecallResponse(found=count, digest=wire.batch_digest(str(row.op_id) for row in rows), results=results)


# -- pull, bootstrap, one case ---------------------------------------------------------------


@router.get("/pull/{stream}", response_model=PullResponse, responses=ERRORS | {404: {"model": ErrorResponse}})
def pull(
    caller: DeviceDep,
    session: SessionDep,
    stream: Annotated[str, Path(max_length=30)],
    cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=pull_service.MAX_LIMIT)] = 200,
) -> PullResponse:
    """Changes of one stream after ``cursor``, in order. Save ``next_cursor`` with the page."""
    if stream not in changelog.STREAMS:
        raise ApiError(404, "unknown_stream", f"没有名为「{stream}」的同步流", streams=list(changelog.STREAMS))
    page = pull_service.pull(session, center_id=caller.center.id, stream=stream, cursor=cursor, limit=limit)
    caller.device.last_pull_at = _now()
    return PullResponse(
        stream=stream, cursor=cursor, next_cursor=page.next_cursor, has_more=page.has_more, head=page.head,
        entries=[PullEntry.model_validate(entry) for entry in page.entries],
    )


@router.get("/bootstrap", response_model=BootstrapResponse, responses=ERRORS)
def bootstrap(
    caller: DeviceDep,
    session: SessionDep,
    page_token: Annotated[str | None, Query(max_length=2000)] = None,
    limit: Annotated[int, Query(ge=1, le=pull_service.MAX_LIMIT)] = 500,
    order: Annotated[Literal["id", "priority"], Query()] = "id",
) -> BootstrapResponse:
    """The center's records, page by page; resumable with ``next_page_token``.
    ``order=priority`` (first page) sends what a desk needs to work first:
    open cases, their residents, the residents seen in the last year."""
    try:
        page = pull_service.bootstrap(session, center_id=caller.center.id, page_token=page_token, limit=limit,
                                      priority=order == "priority")
    except pull_service.BadPageToken as error:
        raise ApiError(400, "bad_page_token", str(error)) from None
    caller.device.last_pull_at = _now()
    return BootstrapResponse(
        rows=[SnapshotRow.model_validate(row) for row in page.rows], cursors=page.cursors,
        next_page_token=page.next_page_token, done=page.done, tier=page.tier, estimate=page.estimate,
        usable=page.usable,
    )


async def lookup_allowed(request: Request, token: TokenDep) -> None:
    """Looking residents up by ID number is limited per device token, before any work."""
    retry = await request.app.state.lookup_limiter.ahit(token_hash(token))
    if retry is not None:
        raise ApiError(429, "rate_limited", "查询过于频繁，请稍后再试", headers={"Retry-After": str(int(retry))})


@router.get("/residents/lookup", response_model=ResidentLookupResponse, responses=ERRORS)
def resident_lookup(
    _allowed: Annotated[None, Depends(lookup_allowed)],
    caller: DeviceDep,
    session: SessionDep,
    id_number: Annotated[str, Query(min_length=1, max_length=40)],
) -> ResidentLookupResponse:
    """This center's resident with this ID number (and its open cases with
    their histories), for a desk whose own copy has not arrived yet. Another
    center's resident answers exactly like a missing one."""
    rows = lookup_service.resident_rows(session, center_id=caller.center.id, id_number=id_number)
    return ResidentLookupResponse(found=bool(rows), rows=[SnapshotRow.model_validate(row) for row in rows])


@router.get("/cases/{case_id}", response_model=CaseStateResponse, responses=ERRORS | {404: {"model": ErrorResponse}})
def case_state(caller: DeviceDep, session: SessionDep, case_id: uuid.UUID) -> CaseStateResponse:
    """The server's copy of one of this center's cases, with its history (for conflicts)."""
    case = session.get(Case, case_id)
    if case is None or case.center_id != caller.center.id:
        # Another center's case answers exactly like a missing one.
        raise ApiError(404, "not_found", "本中心没有该办件")
    return CaseStateResponse(
        case=case_row(case),
        events=[CaseEventPublic.model_validate(event_row(e)) for e in case_history(session, case.id)],
    )
