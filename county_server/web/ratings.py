"""好差评 at the county: a center's single ratings (masked) and the appeals
(申诉复核) officers decide. Logic in county_server.services.county_ratings."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from app.models.vocabulary import AppealDecision
from app.services.errors import DomainError
from county_server.api.deps import AdminDep, SessionDep, SignedInDep
from county_server.auth import SignedIn
from county_server.models import Center
from county_server.services import county_ratings
from county_server.services.dashboard import PARTICIPATION_FORMULA, SATISFACTION_FORMULA
from county_server.web.pages import AdminFormDep, FormDep, _back, _center_page, _errors, _render, _zone

router = APIRouter(prefix="/admin", include_in_schema=False)


@router.get("/centers/{center_id}/ratings")
def center_ratings(request: Request, center_id: uuid.UUID, who: SignedInDep, session: SessionDep) -> Response:
    center = session.get(Center, center_id)
    if center is None:
        return HTMLResponse("找不到该中心", status_code=404)
    today = datetime.now(_zone(request)).date()
    records = county_ratings.rating_records(session, center_id, today=today)
    return _render(request, "ratings.html", who, center=center, records=records,
                   satisfaction_formula=SATISFACTION_FORMULA, participation_formula=PARTICIPATION_FORMULA)


def _appeals_page(request: Request, session: Session, who: SignedIn, *, status: int = 200,
                  errors: list[str] | None = None) -> Response:
    pending = county_ratings.appeals(session)
    decided = [a for a in county_ratings.appeals(session, pending_only=False) if a.decision][-50:]
    decisions = [(d.value, d.label.zh) for d in AppealDecision]
    return _render(request, "appeals.html", who, status=status, errors=errors or [], pending=pending,
                   decided=list(reversed(decided)), decisions=decisions)


@router.get("/appeals")
def appeals(request: Request, who: SignedInDep, session: SessionDep) -> Response:
    return _appeals_page(request, session, who)


@router.post("/appeals/{follow_up_id}")
def decide(request: Request, follow_up_id: uuid.UUID, who: SignedInDep, form: FormDep,
           session: SessionDep) -> Response:
    try:
        county_ratings.decide_appeal(session, follow_up_id=follow_up_id, decision=str(form.get("decision", "")),
                                     reason=str(form.get("reason", "")), user=who.user,
                                     now=datetime.now(timezone.utc))
    except DomainError as error:
        session.rollback()
        return _appeals_page(request, session, who, status=422, errors=_errors(error))
    return _back("/admin/appeals", "复核结论已保存，将同步到受理中心")


@router.post("/centers/{center_id}/rating-deadlines")
def rating_deadlines(request: Request, center_id: uuid.UUID, who: AdminDep, form: AdminFormDep,
                     session: SessionDep) -> Response:
    """差评整改 deadlines of one center, in working days."""
    center = session.get(Center, center_id)
    if center is None:
        return HTMLResponse("找不到该中心", status_code=404)
    try:
        revisit, rectify = int(str(form.get("revisit_days", ""))), int(str(form.get("rectify_days", "")))
    except ValueError:
        return _center_page(request, session, who, center_id, status=422, errors=["回访和整改时限须为整数（工作日）"])
    try:
        county_ratings.set_deadlines(session, center, revisit_days=revisit, rectify_days=rectify)
    except DomainError as error:
        session.rollback()
        return _center_page(request, session, who, center_id, status=422, errors=_errors(error))
    return _back(f"/admin/centers/{center_id}", "差评整改时限已保存，将同步到该中心的电脑")
