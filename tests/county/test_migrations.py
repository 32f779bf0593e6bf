"""The schema reaches a database only through Alembic, and matches the models."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Date, Uuid, bindparam, func, insert, select, text
from sqlalchemy.exc import DBAPIError

from county_server.db import alembic_config, create_db_engine, head_revision, migrate
from county_server.models import Base, Center, StatsCaseDay, StatsFieldDay, StatsRollupState
from county_server.settings import Settings
from tests.county import pg
from tests.county.conftest import BACKENDS
from tests.county.harness import County


def test_models_and_migrations_agree(database_url: str) -> None:
    engine = create_db_engine(Settings(database_url=database_url))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert context.get_current_revision() == head_revision()
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_case_history_is_append_only_in_the_database(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    desk.new_case()
    for statement in ("UPDATE case_events SET note = 'changed'", "DELETE FROM case_events"):
        with pytest.raises(DBAPIError, match="append-only"), county.session() as session:
            session.execute(text(statement))


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database without any schema yet, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'county.sqlite3'}"
        return
    admin_url = request.getfixturevalue("pg_server").admin_url
    url = pg.create_database(admin_url)
    try:
        yield url
    finally:
        pg.drop_database(admin_url, url)


def test_the_field_and_proxy_rollups_make_every_center_rebuilt(empty_database_url: str) -> None:
    engine = create_db_engine(Settings(database_url=empty_database_url))
    try:
        command.upgrade(alembic_config(engine), "0009_proxy")
        center = uuid.uuid4()
        with engine.begin() as connection:
            connection.execute(insert(Center).values(id=center, code="001", name="和平村"))
            connection.execute(text("INSERT INTO stats_case_days (center_id, day, accepted, immediate, on_spot, "
                                    "completed, on_time, span_days, spans, open_delta, late_delta) "
                                    "VALUES (:c, :d, 3, 1, 1, 0, 0, 0, 0, 3, 0)")
                               .bindparams(bindparam("c", center, Uuid()), bindparam("d", date(2026, 3, 2), Date())))
            connection.execute(insert(StatsRollupState).values(center_id=center, source_key="Asia/Shanghai|0|1",
                                                               refreshed_at=datetime.now(UTC)))
        migrate(engine)
        with engine.connect() as connection:
            # Built before the new counts: no state, so the next overview rebuilds the center's rollups.
            assert connection.scalar(select(func.count()).select_from(StatsRollupState)) == 0
            assert connection.execute(select(StatsCaseDay.accepted, StatsCaseDay.proxied)).one() == (3, 0)
            assert connection.scalar(select(func.count()).select_from(StatsFieldDay)) == 0
        command.downgrade(alembic_config(engine), "0009_proxy")
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT accepted FROM stats_case_days")) == 3
    finally:
        engine.dispose()
