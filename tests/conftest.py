"""Shared fixtures: one migrated template database, copied for each test."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Widget tests run without a screen; pytest-qt has no setting for this.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Database keys made by tests go to a folder of the run, never to this user's key store.
os.environ.setdefault("ONEWINDOW_KEY_DIR", tempfile.mkdtemp(prefix="onewindow-test-keys-"))

from app import text
from app.db import DB_FILENAME, Database, create_sqlite_engine, make_session_factory, migrate


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """One PostgreSQL for the whole run (county server and sync tests alike):
    started once, so its test role's password is set once (tests/county/pg.py)."""
    from tests.county import pg

    try:
        with pg.postgres() as server:
            yield server
    except RuntimeError as error:
        pytest.fail(f"{error} (set COUNTY_TEST_BACKENDS=sqlite to run without PostgreSQL)", pytrace=False)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database migrated to head, made once per run."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / DB_FILENAME
    engine = create_sqlite_engine(path)
    migrate(engine, path)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def data_dir(tmp_path: Path, template_db: Path) -> Path:
    """A data folder holding a fresh copy of the migrated template."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(template_db, folder / DB_FILENAME)
    return folder


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    path = data_dir / DB_FILENAME
    engine = create_sqlite_engine(path)
    result = migrate(engine, path)  # at head already: a no-op
    database = Database(path=path, engine=engine, session_factory=make_session_factory(engine, data_dir=data_dir),
                        migration=result)
    yield database
    database.dispose()


@pytest.fixture
def english() -> Iterator[None]:
    """The core's words in English (``--lang en``) for one test; Chinese after."""
    before = text.language()
    text.set_language(text.EN)
    try:
        yield
    finally:
        text.set_language(before)
