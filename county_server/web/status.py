"""The public status page: ``/status?case=…&code=…`` and, for a complaint,
``/status?complaint=…&code=…`` (app.services.status_link)."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.models.vocabulary import RatingLevel, RatingReason
from app.services.errors import DomainError
from app.services.status_link import STATUS_PATH
from county_server.api.deps import ClientIpDep, SessionDep, SettingsDep
from county_server.services import county_ratings
from county_server.services.county_complaints import lookup_complaint
from county_server.services.status_lookup import StatusView, lookup
from county_server.settings import Settings

#: Where the status page's rating form posts (好差评, channel qr).
RATE_PATH = STATUS_PATH + "/rate"

templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
router = APIRouter(include_in_schema=False)

_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the code in the URL must not leak onward
    "X-Robots-Tag": "noindex",
}


@router.get(STATUS_PATH, response_class=HTMLResponse)
def status_page(request: Request, ip: ClientIpDep, session: SessionDep, settings: SettingsDep,
                case: str = "", code: str = "", complaint: str = "") -> HTMLResponse:
    retry = request.app.state.status_limiter.hit(ip)
    if retry is not None:
        response = templates.TemplateResponse(request, "status_limited.html", {"retry": int(retry)}, status_code=429)
        response.headers.update(_HEADERS | {"Retry-After": str(int(retry))})
        return response
    if complaint and not case:
        zone = ZoneInfo(settings.timezone)
        found = lookup_complaint(session, complaint, code)
        response = templates.TemplateResponse(
            request, "status_complaint.html",
            {"view": found, "day": lambda moment: moment.astimezone(zone).strftime("%Y-%m-%d")},
            status_code=200 if found else 404,
        )
        response.headers.update(_HEADERS)
        return response
    return _page(request, session, settings, case, code)


def _page(request: Request, session: Session, settings: Settings, case: str, code: str,
          **extra: Any) -> HTMLResponse:
    zone = ZoneInfo(settings.timezone)
    view = lookup(session, case, code)

    def day(moment: datetime) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d")

    context: dict[str, Any] = {"view": view, "day": day, "rating": _rating_form(session, view, case, code)} | extra
    # A wrong code and an unknown number get the very same page.
    response = templates.TemplateResponse(request, "status.html", context, status_code=200 if view else 404)
    response.headers.update(_HEADERS)
    return response


def _rating_form(session: Session, view: StatusView | None, case: str, code: str) -> dict[str, Any] | None:
    """The 好差评 form, once the code is checked and the case is done; once per case."""
    if view is None:
        return None
    found = county_ratings.case_by_code(session, case, code)
    if found is None:
        return None
    chance = county_ratings.qr_chance(session, found)
    return {
        "open": chance.open, "round": chance.round, "done_message": chance.done_message, "action": RATE_PATH,
        "case": view.case_number, "code": code.strip().upper(),
        "levels": [(level.value, level.label.zh) for level in RatingLevel],
        "reasons": [(reason.value, reason.label.zh) for reason in RatingReason],
        "bad": [level.value for level in RatingLevel if level.is_bad],
    }


async def _rating_post(request: Request) -> FormData:
    return await request.form(max_part_size=8 * 1024)


@router.post(RATE_PATH, response_class=HTMLResponse)
def rate(request: Request, ip: ClientIpDep, session: SessionDep, settings: SettingsDep,
         form: Annotated[FormData, Depends(_rating_post)]) -> HTMLResponse:
    """The resident's rating (channel qr): the same check of the code as the page."""
    retry = request.app.state.status_limiter.hit(ip)
    if retry is not None:
        response = templates.TemplateResponse(request, "status_limited.html", {"retry": int(retry)}, status_code=429)
        response.headers.update(_HEADERS | {"Retry-After": str(int(retry))})
        return response
    case, code = str(form.get("case") or ""), str(form.get("code") or "")
    try:
        county_ratings.rate_by_qr(
            session, case_number=case, code=code, level=str(form.get("level") or ""),
            reasons=[str(v) for v in form.getlist("reasons")], comment=str(form.get("comment") or "")[:2000],
            now=datetime.now(timezone.utc), tz=settings.timezone,
        )
    except DomainError as error:
        session.rollback()
        chosen = {"level": str(form.get("level") or ""), "reasons": [str(v) for v in form.getlist("reasons")],
                  "comment": str(form.get("comment") or "")[:500]}
        page = _page(request, session, settings, case, code, rating_error=str(error), rating_field=error.field,
                     chosen=chosen)
        if page.status_code == 200:
            page.status_code = 422
        return page
    return _page(request, session, settings, case, code, rating_thanks=True)
