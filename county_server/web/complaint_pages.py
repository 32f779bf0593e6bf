"""投诉举报 pages of the county (Chinese): the complaints escalated to the
county with the officer's answer form, and each center's complaints (the
dashboard's drill-down), the complainant's name and phone masked."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.services.errors import DomainError
from county_server.api.deps import SessionDep, SignedInDep
from county_server.auth import SignedIn
from county_server.models import Center
from county_server.services import county_complaints
from county_server.web.pages import FormDep, _back, _errors, _render, _zone

router = APIRouter(prefix="/admin", include_in_schema=False)


def _today(request: Request) -> datetime:
    return datetime.now(_zone(request))


@router.get("/complaints")
def escalated(request: Request, who: SignedInDep, session: SessionDep) -> Response:
    """Escalated complaints: those waiting for the county's answer first."""
    today = _today(request).date()
    items = county_complaints.escalated_complaints(session, today=today, waiting_only=False,
                                                   tz=_zone(request).key)
    items.sort(key=lambda r: (not r.awaits_county, r.answer_due))
    return _render(request, "complaints_escalated.html", who, items=items)


def _complaint_page(request: Request, session: SessionDep, who: SignedIn, complaint_id: uuid.UUID, *,
                    status: int = 200, errors: list[str] | None = None, answer: str = "") -> Response:
    try:
        record = county_complaints.complaint_record(session, complaint_id, today=_today(request).date(),
                                                    tz=_zone(request).key)
    except DomainError:
        return HTMLResponse("找不到该投诉", status_code=404)
    return _render(request, "complaint.html", who, status=status, errors=errors or [], c=record, answer=answer)


@router.get("/complaints/{complaint_id}")
def complaint_detail(request: Request, complaint_id: uuid.UUID, who: SignedInDep, session: SessionDep) -> Response:
    return _complaint_page(request, session, who, complaint_id)


@router.post("/complaints/{complaint_id}/answer")
def answer(request: Request, complaint_id: uuid.UUID, who: SignedInDep, form: FormDep,
           session: SessionDep) -> Response:
    text = str(form.get("answer", ""))
    try:
        county_complaints.answer_escalated(session, complaint_id, user=who.user, answer=text,
                                           now=datetime.now(timezone.utc))
    except DomainError as error:
        session.rollback()  # nothing of a refused answer is kept; what was typed is shown again
        return _complaint_page(request, session, who, complaint_id, status=422, errors=_errors(error), answer=text)
    return _back(f"/admin/complaints/{complaint_id}", "已保存，县级答复将同步到受理中心，由中心告知投诉人")


@router.get("/centers/{center_id}/complaints")
def center_complaints(request: Request, center_id: uuid.UUID, who: SignedInDep, session: SessionDep) -> Response:
    """One center's complaints (from the dashboard), open ones or all."""
    center = session.get(Center, center_id)
    if center is None:
        return HTMLResponse("找不到该服务中心", status_code=404)
    open_only = request.query_params.get("all") != "1"
    items = county_complaints.center_complaints(session, center_id, today=_today(request).date(),
                                                open_only=open_only, tz=_zone(request).key)
    return _render(request, "center_complaints.html", who, center=center, items=items, open_only=open_only)
