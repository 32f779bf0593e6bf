"""County server fixtures: the app on real PostgreSQL and on SQLite.

PostgreSQL is started once per session (tests/county/pg.py) with a fresh
database, migrated once; each test then starts from empty tables. SQLite
tests copy a migrated template file. ``COUNTY_TEST_BACKENDS=sqlite`` runs the
SQLite half only (local work without PostgreSQL); CI runs both.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from county_server.app import create_app
from county_server.db import create_db_engine, migrate
from county_server.models import Base
from county_server.settings import Settings
from tests.county import pg
from tests.county.harness import County

BACKENDS = [b.strip() for b in os.environ.get("COUNTY_TEST_BACKENDS", "postgresql,sqlite").split(",") if b.strip()]


@pytest.fixture(scope="session")
def pg_database_url(pg_server: pg.PgServer) -> Iterator[str]:
    """A fresh database for this session, migrated once."""
    url = pg.create_database(pg_server.admin_url)
    engine = create_db_engine(Settings(database_url=url))
    migrate(engine)
    engine.dispose()
    try:
        yield url
    finally:
        pg.drop_database(pg_server.admin_url, url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("county-template") / "county.sqlite3"
    engine = create_db_engine(Settings(database_url=f"sqlite:///{path}"))
    migrate(engine)
    engine.dispose()  # the last connection to close checkpoints the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


def _empty_tables(url: str) -> None:
    engine = create_db_engine(Settings(database_url=url))
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_database_url")
        _empty_tables(url)
        return url
    template = request.getfixturevalue("sqlite_template")
    path = tmp_path / "county.sqlite3"
    shutil.copy(template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=database_url, data_dir=tmp_path, status_rate_per_minute=1000)


@pytest.fixture
def county(settings: Settings) -> Iterator[County]:
    app = create_app(settings, migrate_on_start=False)
    harness = County(app)
    yield harness
    harness.close()
