"""Engine, session factory and migrations for PostgreSQL or embedded SQLite.

Thread rule: the engine and the session factory are shared; a Session never
crosses threads. One request = one unit of work, opened by the caller.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.db import use_sqlite_pragmas
from county_server.settings import Settings

if TYPE_CHECKING:  # alembic loads only when migrating
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_MS = 15000


def normalize_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (the driver this package installs)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def create_db_engine(settings: Settings) -> Engine:
    url = normalize_url(settings.effective_database_url)
    if make_url(url).get_backend_name() == "sqlite":
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        return _sqlite_engine(url)
    return create_engine(
        url,
        pool_size=settings.pool_size,
        max_overflow=settings.max_overflow,
        pool_pre_ping=True,
        hide_parameters=True,  # an error message never quotes a row's values (ID numbers, phones) into a log
    )


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False},
                           hide_parameters=True)
    # Many requests write at once here: each transaction takes the write lock
    # up front (BEGIN IMMEDIATE) and waits longer for it than a desk does.
    use_sqlite_pragmas(engine, busy_timeout_ms=SQLITE_BUSY_MS, foreign_keys=True, begin_immediate=True)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (Alembic, never create_all)."""
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head
