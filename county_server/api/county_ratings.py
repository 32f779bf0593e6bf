"""The county API for 申诉复核: the centers' appeals, and the officer's decision."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.services.errors import DomainError
from county_server.api.common import ApiError, read_json_body
from county_server.api.deps import OfficerCheckedDep, OfficerDep, SessionDep, SettingsDep
from county_server.api.device import ERRORS
from county_server.api.schemas import ErrorResponse
from county_server.rows import iso
from county_server.services import county_ratings
from county_server.services.push import describe_errors

router = APIRouter(prefix="/api/v1/county", tags=["county"])


class AppealPublic(BaseModel):
    """A center's request to void a rating, and the county's decision once made."""

    follow_up_id: str
    center_code: str
    center_name: str
    case_number: str
    item_name: str
    level: str
    channel: str
    reasons: str
    comment: str
    rated_at: str | None
    appeal_note: str
    decision: str | None
    decision_reason: str
    decided_by: str


class AppealDecisionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["voided", "upheld"]
    reason: str = Field(min_length=1, max_length=county_ratings.REASON_MAX)


def _public(view: county_ratings.AppealView) -> AppealPublic:
    return AppealPublic(
        follow_up_id=str(view.follow_up_id), center_code=view.center_code, center_name=view.center_name,
        case_number=view.case_number, item_name=view.item_name, level=view.level_label, channel=view.channel_label,
        reasons=view.reasons, comment=view.comment, rated_at=iso(view.rated_at), appeal_note=view.appeal_note,
        decision=view.decision, decision_reason=view.decision_reason, decided_by=view.decided_by,
    )


@router.get("/appeals", response_model=list[AppealPublic], responses=ERRORS)
def appeals(_officer: OfficerDep, session: SessionDep, pending: bool = True) -> list[AppealPublic]:
    """申诉复核: the appeals waiting for a decision (``pending=false``: all of them)."""
    return [_public(view) for view in county_ratings.appeals(session, pending_only=pending)]


async def decision_form(request: Request, _checked: OfficerCheckedDep, settings: SettingsDep) -> AppealDecisionRequest:
    body = await read_json_body(request, max_bytes=16 * 1024, max_inflated_bytes=settings.max_inflated_bytes)
    try:
        return AppealDecisionRequest.model_validate(body)
    except ValidationError as error:
        raise ApiError(422, "invalid_request", describe_errors(error)) from None


_BODY = {"content": {"application/json": {"schema": AppealDecisionRequest.model_json_schema()}}, "required": True}


@router.post(
    "/appeals/{follow_up_id}",
    response_model=AppealPublic,
    responses=ERRORS | {404: {"model": ErrorResponse}, 409: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
    openapi_extra={"requestBody": _BODY},
)
def decide(follow_up_id: uuid.UUID, form: Annotated[AppealDecisionRequest, Depends(decision_form)],
           officer: OfficerDep, session: SessionDep) -> AppealPublic:
    """Void the rating (it leaves the figures) or uphold it, with the reason; the center's desks receive it."""
    try:
        view = county_ratings.decide_appeal(session, follow_up_id=follow_up_id, decision=form.decision,
                                            reason=form.reason, user=officer, now=datetime.now(timezone.utc))
    except DomainError as error:
        status = 404 if error.field == "follow_up" and "找不到" in str(error) else 409
        raise ApiError(status, "refused", str(error), field=error.field) from None
    return _public(view)
