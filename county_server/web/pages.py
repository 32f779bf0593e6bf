"""Server-rendered web admin pages (Chinese): the same actions as the CLI.

Every POST carries the session's CSRF token; admins manage centers, devices,
staff, catalog and calendar; officers see the dashboard and work the
forwarded cases.
"""
from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from app.models.vocabulary import CaseStatus, history_label
from app.services.calendar import CalendarFileError
from app.services.catalog_import import CatalogImportError
from app.services.errors import DomainError
from county_server.api.deps import (
    AdminDep,
    ClientIpDep,
    SessionDep,
    SettingsDep,
    SignedInDep,
    app_settings,
    behind_tls,
)
from county_server.auth import (
    COOKIE,
    LOGIN_CSRF_COOKIE,
    CsrfFailed,
    LoginRequired,
    NotAllowed,
    SignedIn,
    check_csrf,
    check_login,
    close_session,
    open_session,
)
from county_server.models import Case, Center, CountyUser, Device, Resident, Staff, WebSession
from county_server.services import admin, county_cases, desk_staff, publish
from county_server.services.dashboard import PARTICIPATION_FORMULA, SATISFACTION_FORMULA, center_figures

templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
router = APIRouter(prefix="/admin", include_in_schema=False)
MAX_UPLOAD = 8 * 1024 * 1024


def _zone(request: Request) -> ZoneInfo:
    return ZoneInfo(app_settings(request).timezone)


def _render(request: Request, name: str, who: SignedIn | None, status: int = 200, **context: Any) -> HTMLResponse:
    zone = _zone(request)

    def when(moment: datetime | None) -> str:
        return "—" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    def pct(value: float | None) -> str:
        return "—" if value is None else f"{value * 100:.1f}%"

    base: dict[str, Any] = {
        "user": who.user if who else None, "csrf": who.csrf if who else "", "when": when, "pct": pct,
        "message": request.query_params.get("ok", ""), "errors": [],
    }
    response = templates.TemplateResponse(request, name, base | context, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _back(url: str, message: str = "") -> RedirectResponse:
    from urllib.parse import quote

    return RedirectResponse(url + (f"?ok={quote(message)}" if message else ""), status_code=303)


def _errors(error: Exception) -> list[str]:
    problems = getattr(error, "problems", None)
    if problems:
        return [str(p) for p in problems[:200]]
    return [line for line in str(error).splitlines() if line.strip()]


async def _csrf_form(request: Request, who: SignedIn) -> FormData:
    form = await request.form(max_part_size=MAX_UPLOAD)
    check_csrf(who, form.get("csrf"))
    return form


async def signed_in_form(request: Request, who: SignedInDep) -> FormData:
    """A posted form of a signed-in user, parsed only after the login is known."""
    return await _csrf_form(request, who)


async def admin_form(request: Request, who: AdminDep) -> FormData:
    """A posted form of an admin, parsed only after the role is known."""
    return await _csrf_form(request, who)


FormDep = Annotated[FormData, Depends(signed_in_form)]
AdminFormDep = Annotated[FormData, Depends(admin_form)]


# -- login --------------------------------------------------------------------------


@router.get("/login")
def login_page(request: Request, settings: SettingsDep) -> Response:
    token = secrets.token_urlsafe(24)
    response = _render(request, "login.html", None, login_csrf=token)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=behind_tls(request, settings), path="/admin/login")
    return response


#: A login form is a name, a password and a token: anything larger is refused unread.
LOGIN_MAX_BYTES = 8 * 1024


async def login_form(request: Request, ip: ClientIpDep) -> FormData:
    """The login form; the per-address limit, its size and its CSRF cookie
    come before any password check (an address over the limit is refused
    before its form is even read)."""
    limiter = request.app.state.login_limiter
    if await limiter.ablocked(ip) is not None:
        raise LoginRefused("登录失败次数过多，请 15 分钟后再试。", 429)
    form = await _small_form(request, LOGIN_MAX_BYTES)
    sent, expected = form.get("csrf"), request.cookies.get(LOGIN_CSRF_COOKIE)
    if not isinstance(sent, str) or not expected or not secrets.compare_digest(sent, expected):
        raise LoginRefused("表单已过期，请刷新登录页后重试。", 403)
    if await limiter.ahit(ip) is not None:
        raise LoginRefused("登录失败次数过多，请 15 分钟后再试。", 429)
    return form


async def _small_form(request: Request, limit: int) -> FormData:
    """A urlencoded form of at most ``limit`` bytes, read without trusting Content-Length."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        raise LoginRefused("表单格式不正确，请刷新登录页后重试。", 415)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise LoginRefused("表单过大。", 413)
    try:
        pairs: list[tuple[str, str | UploadFile]] = list(parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                                                              max_num_fields=20))
        return FormData(pairs)
    except (UnicodeDecodeError, ValueError):
        raise LoginRefused("表单格式不正确，请刷新登录页后重试。", 400) from None


class LoginRefused(Exception):
    """A login form refused before its password was looked at: a plain page with this status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@router.post("/login")
def login(request: Request, form: Annotated[FormData, Depends(login_form)], session: SessionDep,
          settings: SettingsDep) -> Response:
    user = check_login(session, str(form.get("username", "")), str(form.get("password", "")))
    token = open_session(session, user, hours=settings.session_hours, now=datetime.now(timezone.utc)) if user else None
    if token is None:
        fresh = secrets.token_urlsafe(24)
        failed = _render(request, "login.html", None, status=401, login_csrf=fresh, errors=["登录名或密码不正确"])
        failed.set_cookie(LOGIN_CSRF_COOKIE, fresh, httponly=True, samesite="strict",
                          secure=behind_tls(request, settings), path="/admin/login")
        return failed
    response = RedirectResponse("/admin/", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=behind_tls(request, settings),
                        max_age=settings.session_hours * 3600, path="/")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/admin/login")
    return response


@router.post("/logout")
def logout(request: Request, _form: FormDep, session: SessionDep) -> Response:
    close_session(session, request)
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


# -- dashboard and forwarded cases ---------------------------------------------------


@router.get("/")
def dashboard(request: Request, who: SignedInDep, session: SessionDep, settings: SettingsDep) -> Response:
    figures = center_figures(session, tz=settings.timezone)
    return _render(request, "dashboard.html", who, figures=figures, tz=settings.timezone,
                   satisfaction_formula=SATISFACTION_FORMULA, participation_formula=PARTICIPATION_FORMULA)


@router.get("/forwarded")
def forwarded(request: Request, who: SignedInDep, session: SessionDep) -> Response:
    items = county_cases.work_list(session)
    return _render(request, "forwarded.html", who, items=items, today=datetime.now(_zone(request)).date())


def _case_page(request: Request, session: Session, who: SignedIn, case_id: uuid.UUID, *, status: int = 200,
               errors: list[str] | None = None) -> Response:
    case = session.get(Case, case_id)
    if case is None:
        return HTMLResponse("找不到该办件", status_code=404)
    center = session.get(Center, case.center_id)
    resident = session.get(Resident, case.resident_id)

    def event_label(event: Any) -> str:
        if event.data.get("county_action") == "received":
            return "县级已接收"
        label = history_label(event.kind)
        return label.zh if label else event.kind

    return _render(
        request, "case.html", who, status=status, errors=errors or [], case=case, center=center,
        resident_name=resident.name if resident else "—",
        status_label=CaseStatus.text_of(case.status).zh,
        result_labels=county_cases.RESULT_LABELS, events=county_cases.case_history(session, case.id),
        event_label=event_label,
    )


@router.get("/cases/{case_id}")
def case_detail(request: Request, case_id: uuid.UUID, who: SignedInDep, session: SessionDep) -> Response:
    return _case_page(request, session, who, case_id)


@router.post("/cases/{case_id}/events")
def case_event(request: Request, case_id: uuid.UUID, who: SignedInDep, form: FormDep,
               session: SessionDep) -> Response:
    try:
        county_cases.record_county_action(
            session, case_id=case_id, action=str(form.get("action", "")), user=who.user,
            now=datetime.now(timezone.utc), note=str(form.get("note", "")),
            result=str(form.get("result")) if form.get("result") else None,
        )
    except DomainError as error:
        session.rollback()  # nothing of a refused action is kept
        return _case_page(request, session, who, case_id, status=422, errors=_errors(error))
    return _back(f"/admin/cases/{case_id}", "已保存，该记录将同步到受理中心")


# -- centers, devices, staff (admins) ---------------------------------------------------


def _centers_page(request: Request, session: Session, who: SignedIn, *, status: int = 200,
                  errors: list[str] | None = None, form: dict[str, str] | None = None) -> Response:
    centers = admin.list_centers(session)
    devices = dict(session.execute(select(Device.center_id, func.count()).group_by(Device.center_id)).tuples().all())
    staff = dict(session.execute(select(Staff.center_id, func.count()).group_by(Staff.center_id)).tuples().all())
    empty = dict.fromkeys(("code", "name", "county", "town", "address", "phone", "supervision_phone"), "")
    return _render(request, "centers.html", who, status=status, errors=errors or [], centers=centers,
                   device_counts=devices, staff_counts=staff, form=empty | (form or {}))


@router.get("/centers")
def centers(request: Request, who: AdminDep, session: SessionDep) -> Response:
    return _centers_page(request, session, who)


@router.post("/centers")
def create_center(request: Request, who: AdminDep, form: AdminFormDep, session: SessionDep) -> Response:
    fields = {k: str(form.get(k, "")) for k in ("code", "name", "county", "town", "address", "phone", "supervision_phone")}
    try:
        center = admin.create_center(session, **fields)
    except DomainError as error:
        session.rollback()
        return _centers_page(request, session, who, status=422, errors=_errors(error), form=fields)
    return _back(f"/admin/centers/{center.id}", "中心已创建")


def _center_page(request: Request, session: Session, who: SignedIn, center_id: uuid.UUID, *, status: int = 200,
                 errors: list[str] | None = None, issued: Any = None) -> Response:
    center = session.get(Center, center_id)
    if center is None:
        return HTMLResponse("找不到该中心", status_code=404)
    return _render(
        request, "center.html", who, status=status, errors=errors or [], center=center, issued=issued,
        devices=admin.list_devices(session, center.id), staff=admin.list_staff(session, center.id),
        roles=admin.STAFF_ROLES, default_hours=app_settings(request).enrollment_code_hours,
        latest_release=latest_release_version(app_settings(request).data_dir),
    )


def latest_release_version(data_dir: Path) -> str:
    """The newest desk release in the county's update repository ("" before the first)."""
    from county_server.services.updates import list_releases

    releases = list_releases(data_dir)
    return releases[-1].version if releases else ""


@router.get("/centers/{center_id}")
def center_detail(request: Request, center_id: uuid.UUID, who: AdminDep, session: SessionDep) -> Response:
    return _center_page(request, session, who, center_id)


@router.post("/centers/{center_id}/codes")
def issue_code(request: Request, center_id: uuid.UUID, who: AdminDep, form: AdminFormDep, session: SessionDep,
               settings: SettingsDep) -> Response:
    raw_number = str(form.get("device_number", "")).strip()
    raw_hours = str(form.get("hours", "")).strip() or str(settings.enrollment_code_hours)
    if (raw_number and not raw_number.isdigit()) or not raw_hours.isdigit():
        return _center_page(request, session, who, center_id, status=422, errors=["设备编号和有效期应为整数"])
    center = session.get(Center, center_id)
    if center is None:
        return HTMLResponse("找不到该中心", status_code=404)
    try:
        issued = admin.issue_enrollment_code(
            session, center, hours=int(raw_hours), device_number=int(raw_number) if raw_number else None,
            created_by=who.user.username,
        )
    except DomainError as error:
        session.rollback()
        return _center_page(request, session, who, center_id, status=422, errors=_errors(error))
    # Shown on this response only; the code itself is never stored.
    return _center_page(request, session, who, center_id, issued=issued)


@router.post("/centers/{center_id}/devices/{number}/revoke")
def revoke(request: Request, center_id: uuid.UUID, number: int, who: AdminDep, _form: AdminFormDep,
           session: SessionDep) -> Response:
    center = session.get(Center, center_id)
    if center is None:
        return HTMLResponse("找不到该中心", status_code=404)
    try:
        admin.revoke_device(session, admin.find_device(session, center, number))
    except DomainError as error:
        session.rollback()
        return _center_page(request, session, who, center_id, status=422, errors=_errors(error))
    return _back(f"/admin/centers/{center_id}", f"{number:02d} 号设备已停用")


@router.post("/centers/{center_id}/staff")
def add_staff(request: Request, center_id: uuid.UUID, who: AdminDep, form: AdminFormDep,
              session: SessionDep) -> Response:
    center = session.get(Center, center_id)
    if center is None:
        return HTMLResponse("找不到该中心", status_code=404)
    try:
        admin.create_staff(
            session, center, username=str(form.get("username", "")),
            display_name=str(form.get("display_name", "")), password=str(form.get("password", "")),
            role=str(form.get("role", "window")),
        )
    except DomainError as error:
        session.rollback()
        return _center_page(request, session, who, center_id, status=422, errors=_errors(error))
    return _back(f"/admin/centers/{center_id}", "账号已添加，将同步到本中心的电脑")


@router.post("/centers/{center_id}/staff/{staff_id}")
def change_staff(request: Request, center_id: uuid.UUID, staff_id: uuid.UUID, who: AdminDep, form: AdminFormDep,
                 session: SessionDep) -> Response:
    action = str(form.get("action", ""))
    staff = session.get(Staff, staff_id)
    if staff is None or staff.center_id != center_id:
        return HTMLResponse("找不到该账号", status_code=404)
    try:
        if action == "password":
            admin.update_staff(session, staff, password=str(form.get("password", "")))
        elif action in ("activate", "deactivate"):
            admin.update_staff(session, staff, active=action == "activate")
        elif action == "approve":  # a head role asked for at a desk (desk_staff.allowed_role)
            desk_staff.approve_role(session, staff)
        else:
            raise DomainError("未知操作", field="action")
    except DomainError as error:
        session.rollback()
        return _center_page(request, session, who, center_id, status=422, errors=_errors(error))
    return _back(f"/admin/centers/{center_id}", "账号已更新")


# -- catalog and calendar (admins) ----------------------------------------------------


def _upload(form: FormData) -> tuple[str, bytes]:
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise DomainError("请选择文件", field="file")
    raw = upload.file.read(MAX_UPLOAD + 1)  # a route runs in the thread pool: a plain read
    if len(raw) > MAX_UPLOAD:
        raise DomainError("文件过大（超过 8 MB）", field="file")
    return upload.filename or "upload", raw


def _catalog_page(request: Request, session: Session, who: SignedIn, *, status: int = 200,
                  errors: list[str] | None = None) -> Response:
    versions = publish.list_catalogs(session)
    return _render(request, "catalog.html", who, status=status, errors=errors or [], versions=versions)


@router.get("/catalog")
def catalog(request: Request, who: AdminDep, session: SessionDep) -> Response:
    return _catalog_page(request, session, who)


@router.post("/catalog")
def publish_catalog(request: Request, who: AdminDep, form: AdminFormDep, session: SessionDep) -> Response:
    try:
        name, raw = _upload(form)
        version = publish.publish_catalog(session, raw, source=name, published_by=who.user.username)
        label = f"目录 {version.version}（{version.item_count} 项）已发布"
    except (CatalogImportError, DomainError) as error:
        session.rollback()
        return _catalog_page(request, session, who, status=422, errors=_errors(error))
    return _back("/admin/catalog", label)


def _calendar_page(request: Request, session: Session, who: SignedIn, *, status: int = 200,
                   errors: list[str] | None = None) -> Response:
    years = publish.list_calendar_years(session)
    return _render(request, "calendar.html", who, status=status, errors=errors or [], years=years)


@router.get("/calendar")
def calendar(request: Request, who: AdminDep, session: SessionDep) -> Response:
    return _calendar_page(request, session, who)


@router.post("/calendar")
def publish_calendar(request: Request, who: AdminDep, form: AdminFormDep, session: SessionDep) -> Response:
    try:
        name, raw = _upload(form)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DomainError("文件不是 UTF-8 编码，请以 UTF-8 另存后再发布", field="file") from None
        years = publish.publish_calendar(session, text, source=name, published_by=who.user.username)
    except (CalendarFileError, DomainError) as error:
        session.rollback()
        return _calendar_page(request, session, who, status=422, errors=_errors(error))
    return _back("/admin/calendar", "已发布：" + "、".join(f"{y.year} 年" for y in years))


# -- county accounts (admins) -------------------------------------------------------


def _users_page(request: Request, session: Session, who: SignedIn, *, status: int = 200,
                errors: list[str] | None = None) -> Response:
    users = list(session.scalars(select(CountyUser).order_by(CountyUser.username)))
    return _render(request, "users.html", who, status=status, errors=errors or [], users=users)


@router.get("/users")
def users(request: Request, who: AdminDep, session: SessionDep) -> Response:
    return _users_page(request, session, who)


@router.post("/users")
def create_user(request: Request, who: AdminDep, form: AdminFormDep, session: SessionDep) -> Response:
    try:
        admin.create_county_user(
            session, username=str(form.get("username", "")), display_name=str(form.get("display_name", "")),
            password=str(form.get("password", "")), role=str(form.get("role", "officer")),
            department=str(form.get("department", "")),
        )
    except DomainError as error:
        session.rollback()
        return _users_page(request, session, who, status=422, errors=_errors(error))
    return _back("/admin/users", "账号已创建")


@router.post("/users/{user_id}")
def change_user(request: Request, user_id: uuid.UUID, who: AdminDep, form: AdminFormDep,
                session: SessionDep) -> Response:
    if user_id == who.user.id:
        return _users_page(request, session, who, status=422, errors=["不能停用自己的账号"])
    user = session.get(CountyUser, user_id)
    if user is None:
        return HTMLResponse("找不到该账号", status_code=404)
    user.active = form.get("action") == "activate"
    if not user.active:  # signed out everywhere at once
        session.execute(delete(WebSession).where(WebSession.user_id == user.id))
    return _back("/admin/users", "账号已更新")


def install_handlers(app: FastAPI) -> None:
    """What the page dependencies' refusals look like: a redirect or a short page."""

    async def _login(_request: Request, _exc: Exception) -> Response:
        return RedirectResponse("/admin/login", status_code=303)

    async def _csrf(_request: Request, _exc: Exception) -> Response:
        return HTMLResponse("表单已过期或来源不明（CSRF 校验失败），请返回刷新后重试。", status_code=403)

    async def _forbidden(_request: Request, _exc: Exception) -> Response:
        return HTMLResponse("只有县级管理员可以进行此操作。", status_code=403)

    async def _login_refused(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, LoginRefused)
        return HTMLResponse(str(exc), status_code=exc.status)

    app.add_exception_handler(LoginRequired, _login)
    app.add_exception_handler(CsrfFailed, _csrf)
    app.add_exception_handler(NotAllowed, _forbidden)
    app.add_exception_handler(LoginRefused, _login_refused)
