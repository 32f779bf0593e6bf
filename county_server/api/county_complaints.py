"""The county API for escalated complaints (/api/v1/county/complaints):
the list waiting for the county's answer, and the answer, which reaches the
center's desks with their next pull. A county officer's API token."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import ValidationError

from app.services.errors import DomainError
from county_server.api.common import ApiError, read_json_body
from county_server.api.deps import OfficerCheckedDep, OfficerDep, SessionDep, SettingsDep
from county_server.api.device import ERRORS
from county_server.api.schemas import ComplaintAnswerRequest, ErrorResponse, EscalatedComplaintPublic
from county_server.rows import iso
from county_server.services import county_complaints
from county_server.services.county_complaints import ComplaintRecord
from county_server.services.push import describe_errors

router = APIRouter(prefix="/api/v1/county/complaints", tags=["county"])


def public(record: ComplaintRecord) -> EscalatedComplaintPublic:
    return EscalatedComplaintPublic(
        complaint_id=str(record.id), complaint_number=record.complaint_number, center_code=record.center_code,
        center_name=record.center_name, title=record.title, subject=record.subject, source=record.source_label,
        complainant=record.complainant, phone=record.phone, content=record.content,
        received_at=iso(record.received_at), answer_due=iso(record.answer_due), days_overdue=record.days_overdue,
        escalated_at=iso(record.escalated_at), escalation_reason=record.escalation_reason,
        county_answer=record.county_answer, county_answered_at=iso(record.county_answered_at),
        county_officer=record.county_officer,
    )


def _today(settings: SettingsDep) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(settings.timezone))


@router.get("", response_model=list[EscalatedComplaintPublic], responses=ERRORS)
def escalated(_officer: OfficerDep, session: SessionDep, settings: SettingsDep) -> list[EscalatedComplaintPublic]:
    """Complaints escalated to the county and not answered yet, earliest answer date first."""
    today = _today(settings).date()
    return [public(r) for r in county_complaints.escalated_complaints(session, today=today, tz=settings.timezone)]


async def answer_form(request: Request, _checked: OfficerCheckedDep, settings: SettingsDep) -> ComplaintAnswerRequest:
    """The answer, read only once the officer's token is known."""
    body = await read_json_body(request, max_bytes=64 * 1024, max_inflated_bytes=settings.max_inflated_bytes)
    try:
        return ComplaintAnswerRequest.model_validate(body)
    except ValidationError as error:
        raise ApiError(422, "invalid_request", describe_errors(error)) from None


_BODY = {"content": {"application/json": {"schema": ComplaintAnswerRequest.model_json_schema()}}, "required": True}


@router.post(
    "/{complaint_id}/answer",
    response_model=EscalatedComplaintPublic,
    responses=ERRORS | {404: {"model": ErrorResponse}, 409: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
    openapi_extra={"requestBody": _BODY},
)
def answer(
    complaint_id: uuid.UUID,
    form: Annotated[ComplaintAnswerRequest, Depends(answer_form)],
    officer: OfficerDep,
    session: SessionDep,
    settings: SettingsDep,
) -> EscalatedComplaintPublic:
    """县级答复 of an escalated complaint (at most 500 characters); once only."""
    try:
        county_complaints.answer_escalated(session, complaint_id, user=officer, answer=form.answer,
                                           now=datetime.now(timezone.utc))
    except DomainError as error:
        status = 404 if error.field == "complaint" else 409
        raise ApiError(status, "refused", str(error), field=error.field) from None
    return public(county_complaints.complaint_record(session, complaint_id, today=_today(settings).date(),
                                                     tz=settings.timezone))
