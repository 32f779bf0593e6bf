"""The schema reaches a database only through Alembic, and matches the models."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from county_server.db import create_db_engine, head_revision
from county_server.models import Base
from county_server.settings import Settings
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
