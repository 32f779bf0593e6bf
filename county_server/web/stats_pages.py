"""台账统计 at the county: every center's figures, ranked, the towns' roll-up,
a center's drill-down, and the same Excel workbook as the desk's. Every
figure's formula is on its heading (hover) and in the footnotes.
Logic in county_server.services.county_stats."""
from __future__ import annotations

import uuid
from datetime import date, datetime
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from app.services import statistics as st
from county_server.api.deps import SessionDep, SignedInDep
from county_server.auth import SignedIn
from county_server.models import Center
from county_server.services import county_stats, gbt39046
from county_server.web.pages import _render, _zone

router = APIRouter(prefix="/admin", include_in_schema=False)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DRILL_GROUPS = (st.Group.ITEM, st.Group.DEPARTMENT, st.Group.WORKER, st.Group.MONTH)
DEFAULT_SORT = "on_time_rate"


class PeriodError(ValueError):
    pass


def _period(request: Request) -> tuple[date, date, date]:
    """(start, end, today) from ?start=…&end=…; this month so far when not given."""
    today = datetime.now(_zone(request)).date()
    params = request.query_params
    try:
        start = date.fromisoformat(params["start"]) if params.get("start") else today.replace(day=1)
    except ValueError:
        raise PeriodError("开始日期格式有误，应为 年-月-日，如 2026-03-01") from None
    try:
        end = date.fromisoformat(params["end"]) if params.get("end") else today
    except ValueError:
        raise PeriodError("结束日期格式有误，应为 年-月-日，如 2026-03-31") from None
    if end < start:
        raise PeriodError("结束日期不能早于开始日期")
    if (end - start).days > 366 * 2:
        raise PeriodError("统计期最长两年，请缩短开始日期到结束日期的范围")
    return start, end, today


def _sort(request: Request) -> str:
    key = request.query_params.get("sort", DEFAULT_SORT)
    return key if key in county_stats.RANKABLE else DEFAULT_SORT


def _download(data: bytes, filename: str) -> Response:
    return Response(data, media_type=XLSX, headers={
        "Content-Disposition": f"attachment; filename=\"stats.xlsx\"; filename*=UTF-8''{quote(filename)}",
        "Cache-Control": "no-store"})


def _bad_period(request: Request, who: SignedIn, error: PeriodError, template: str, **context: object) -> Response:
    today = datetime.now(_zone(request)).date()
    return _render(request, template, who, status=422, period_error=str(error), start=today.replace(day=1), end=today,
                   figures=st.FIGURES, **context)


@router.get("/stats")
def stats_overview(request: Request, who: SignedInDep, session: SessionDep) -> Response:
    sort = _sort(request)
    rankable = [(key, st.SPECS[key].label.zh) for key in county_stats.RANKABLE]
    try:
        start, end, today = _period(request)
    except PeriodError as error:
        return _bad_period(request, who, error, "stats.html", ranked=[], towns=[], total=None, sort=sort,
                           rankable=rankable, sort_label=st.SPECS[sort].label.zh,
                           sort_formula=st.SPECS[sort].formula.zh)
    seen = county_stats.overview(session, start=start, end=end, today=today, zone=_zone(request))
    return _render(request, "stats.html", who, start=start, end=end, sort=sort, rankable=rankable,
                   sort_label=st.SPECS[sort].label.zh, sort_formula=st.SPECS[sort].formula.zh,
                   ranked=county_stats.rank(seen.centers, sort), towns=seen.towns, total=seen.total, figures=st.FIGURES, no_town=county_stats.NO_TOWN)


@router.get("/stats.xlsx")
def stats_overview_xlsx(request: Request, who: SignedInDep, session: SessionDep) -> Response:
    try:
        start, end, today = _period(request)
    except PeriodError as error:
        return HTMLResponse(str(error), status_code=422)
    seen = county_stats.overview(session, start=start, end=end, today=today, zone=_zone(request))
    data = county_stats.overview_workbook(seen, sort=_sort(request), county_name="全县各中心")
    return _download(data, f"全县台账统计_{start:%Y%m%d}-{end:%Y%m%d}.xlsx")


def _group(request: Request) -> st.Group:
    value = request.query_params.get("group", st.Group.ITEM.value)
    return next((g for g in DRILL_GROUPS if g.value == value), st.Group.ITEM)


@router.get("/stats/centers/{center_id}")
def stats_center(request: Request, center_id: uuid.UUID, who: SignedInDep, session: SessionDep) -> Response:
    center = session.get(Center, center_id)
    if center is None:
        return HTMLResponse("找不到该中心", status_code=404)
    group = _group(request)
    groups = [(g.value, g.label.zh) for g in DRILL_GROUPS]
    try:
        start, end, today = _period(request)
    except PeriodError as error:
        return _bad_period(request, who, error, "stats_center.html", center=center, group=group, groups=groups,
                           stats=None)
    stats = county_stats.center_statistics(session, center_id, start=start, end=end, today=today,
                                           zone=_zone(request), group=group)
    return _render(request, "stats_center.html", who, center=center, start=start, end=end, group=group,
                   groups=groups, stats=stats, figures=st.FIGURES)


@router.get("/stats/centers/{center_id}/stats.xlsx")
def stats_center_xlsx(request: Request, center_id: uuid.UUID, who: SignedInDep, session: SessionDep) -> Response:
    center = session.get(Center, center_id)
    if center is None:
        return HTMLResponse("找不到该中心", status_code=404)
    try:
        start, end, today = _period(request)
    except PeriodError as error:
        return HTMLResponse(str(error), status_code=422)
    stats = county_stats.center_statistics(session, center_id, start=start, end=end, today=today,
                                           zone=_zone(request), group=_group(request))
    data = county_stats.center_workbook(stats, center_name=center.name)
    return _download(data, f"{center.name}_台账统计_{start:%Y%m%d}-{end:%Y%m%d}.xlsx")


@router.get("/exports/gbt39046")
def gbt39046_export(request: Request, who: SignedInDep, session: SessionDep) -> Response:
    """办件, 评价 and 投诉 of the period in GB/T 39046-2020's data items, for the provincial platform."""
    try:
        start, end, today = _period(request)
    except PeriodError as error:
        return HTMLResponse(str(error), status_code=422)
    data = gbt39046.export(session, start=start, end=end, zone=_zone(request), today=today)
    return _download(gbt39046.workbook(data), f"GBT39046_办件评价投诉_{start:%Y%m%d}-{end:%Y%m%d}.xlsx")
