"""The county API (/api/v1/county): the forwarded-case work list and status events.

Authenticated with a county user's API token (``python -m county_server
api-token``), for county department systems that prefer a machine interface
to the web pages.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import ValidationError

from app.services.errors import DomainError
from county_server.api.common import ApiError, read_json_body
from county_server.api.deps import OfficerCheckedDep, OfficerDep, SessionDep
from county_server.api.device import ERRORS
from county_server.api.schemas import (
    CaseEventPublic,
    CountyEventRequest,
    CountyEventsResponse,
    ErrorResponse,
    ForwardedCasePublic,
)
from county_server.rows import event_row, iso
from county_server.services import county_cases
from county_server.services.push import describe_errors

router = APIRouter(prefix="/api/v1/county", tags=["county"])


@router.get("/forwarded", response_model=list[ForwardedCasePublic], responses=ERRORS)
def forwarded(_officer: OfficerDep, session: SessionDep) -> list[ForwardedCasePublic]:
    """Cases forwarded to the county from any center, oldest first."""
    return [
        ForwardedCasePublic(
            case_id=str(w.case.id),
            case_number=w.case.case_number,
            center_code=w.center.code,
            center_name=w.center.name,
            item_code=w.case.item_code,
            item_name=w.case.item_name,
            forwarded_to=w.case.forwarded_to,
            received_at=iso(w.case.received_at),
            expected_return=iso(w.case.expected_return),
            committed_due=iso(w.case.committed_due),
            county_received_at=iso(w.case.county_received_at),
            resident_name=w.resident_name,
        )
        for w in county_cases.work_list(session)
    ]


#: An action, a result and a note: a few KB at most, inflated or not.
EVENT_MAX_BYTES = 64 * 1024


async def county_event_form(request: Request, _checked: OfficerCheckedDep) -> CountyEventRequest:
    """The event form, read only once the officer's token is known."""
    body = await read_json_body(request, max_bytes=EVENT_MAX_BYTES, max_inflated_bytes=EVENT_MAX_BYTES)
    try:
        return CountyEventRequest.model_validate(body)
    except ValidationError as error:
        raise ApiError(422, "invalid_request", describe_errors(error)) from None


_BODY = {"content": {"application/json": {"schema": CountyEventRequest.model_json_schema()}}, "required": True}


@router.post(
    "/cases/{case_id}/events",
    response_model=CountyEventsResponse,
    responses=ERRORS | {404: {"model": ErrorResponse}, 409: {"model": ErrorResponse}, 413: {"model": ErrorResponse},
                        415: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
    openapi_extra={"requestBody": _BODY},
)
def record_event(
    case_id: uuid.UUID,
    form: Annotated[CountyEventRequest, Depends(county_event_form)],
    officer: OfficerDep,
    session: SessionDep,
) -> CountyEventsResponse:
    """Record received / returned (for supplement) / completed (approved|denied, with a note)."""
    try:
        events = county_cases.record_county_action(
            session, case_id=case_id, action=form.action, user=officer,
            now=datetime.now(timezone.utc), note=form.note, result=form.result,
        )
    except DomainError as error:
        status = 404 if error.field == "case" else 409
        raise ApiError(status, "refused", str(error), field=error.field) from None
    return CountyEventsResponse(events=[CaseEventPublic.model_validate(event_row(e)) for e in events])
