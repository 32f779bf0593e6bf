"""The public status page: ``/status?case=…&code=…`` and, for a complaint,
``/status?complaint=…&code=…`` (app.services.status_link)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.services.status_link import STATUS_PATH
from county_server.api.deps import ClientIpDep, SessionDep, SettingsDep
from county_server.services.county_complaints import lookup_complaint
from county_server.services.status_lookup import lookup

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
    zone = ZoneInfo(settings.timezone)

    def day(moment: datetime) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d")

    if complaint and not case:
        found = lookup_complaint(session, complaint, code)
        response = templates.TemplateResponse(
            request, "status_complaint.html", {"view": found, "day": day}, status_code=200 if found else 404
        )
        response.headers.update(_HEADERS)
        return response
    view = lookup(session, case, code)

    # A wrong code and an unknown number get the very same page.
    response = templates.TemplateResponse(
        request, "status.html", {"view": view, "day": day}, status_code=200 if view else 404
    )
    response.headers.update(_HEADERS)
    return response
