"""The application factory: ``create_app(settings)``."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm import Session, sessionmaker

from county_server import __version__
from county_server.api import county as county_api
from county_server.api import county_complaints as county_complaints_api
from county_server.api import county_ratings as county_ratings_api
from county_server.api import device as device_api
from county_server.api import updates as updates_api
from county_server.db import create_db_engine, make_session_factory, migrate
from county_server.hardening import OpenRoutesLimit, QuietErrors, SecurityHeaders, install_log_redaction
from county_server.ratelimit import limiter
from county_server.settings import Settings
from county_server.web import complaint_pages, pages, stats_pages, status
from county_server.web import ratings as rating_pages


def create_app(settings: Settings | None = None, *, migrate_on_start: bool = True) -> FastAPI:
    """A county server on ``settings`` (from the environment when None).

    The schema is brought to head at start-up, through Alembic only.
    """
    settings = settings or Settings.from_env()
    install_log_redaction()
    engine = create_db_engine(settings)
    if migrate_on_start:
        migrate(engine)
    factory: sessionmaker[Session] = make_session_factory(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="OneWindow county server (一窗通县级服务器)",
        version=__version__,
        description="Device sync API for the desks of the county's service centers; see docs/sync-protocol.md.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.db = factory
    # In the database when several worker processes may serve (PostgreSQL), so
    # that they count against one limit; in memory on the one-process SQLite setup.
    shared = engine.dialect.name != "sqlite"
    for name, limit, window in (("status", settings.status_rate_per_minute, 60),
                                ("login", settings.login_rate_per_15min, 15 * 60),
                                ("enroll", settings.enroll_rate_per_minute, 60),
                                ("auth", settings.auth_failures_per_minute, 60),
                                ("officer", settings.officer_rate_per_minute, 60),
                                ("lookup", settings.lookup_rate_per_minute, 60)):
        setattr(app.state, f"{name}_limiter",
                limiter(factory, shared=shared, name=name, limit=limit, window_seconds=window))

    # Pull pages and bootstrap snapshots compress well; 2G links need it.
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(OpenRoutesLimit, per_minute=settings.open_rate_per_minute, trusted=settings.trusted_proxies)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(QuietErrors)  # outermost: an unexpected failure is answered and logged without its data
    app.include_router(device_api.router)
    app.include_router(county_api.router)
    app.include_router(county_complaints_api.router)
    app.include_router(county_ratings_api.router)
    app.include_router(pages.router)
    app.include_router(complaint_pages.router)
    app.include_router(rating_pages.router)
    app.include_router(stats_pages.router)
    app.include_router(status.router)
    app.include_router(updates_api.router)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).resolve().parent / "web" / "static")), name="static")
    pages.install_handlers(app)

    app.add_exception_handler(RequestValidationError, _invalid)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/admin/", status_code=303)

    @app.get("/healthz", tags=["ops"])
    def healthz() -> dict[str, str]:
        """Liveness for the reverse proxy and monitoring."""
        return {"status": "ok", "version": __version__}

    return app


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    """A query or path parameter FastAPI refused, in the API's error shape with a reason."""
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first = errors[0] if errors else {}
    where = ".".join(str(x) for x in first.get("loc", ()))
    return JSONResponse(
        status_code=422,
        content={"detail": {"error": "invalid_request", "reason": f"参数「{where}」：{first.get('msg', '无效')}"}},
    )
