"""Alembic environment: batch mode for SQLite, the models' naming convention."""
from __future__ import annotations

from pathlib import Path

from alembic import context
from sqlalchemy import Engine

from app.models import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    from app.db import create_migration_engine

    engine: Engine | None = context.config.attributes.get("engine")
    if engine is not None:
        database = engine.url.database
    else:
        url = context.config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("no engine and no sqlalchemy.url given to the migrations")
        database = url.removeprefix("sqlite:///")
    if not database or database == ":memory:":
        raise RuntimeError("migrations need a database file")
    # Whatever engine the caller has, the schema is changed through one that
    # really wraps DDL in a transaction (see create_migration_engine).
    migration_engine = create_migration_engine(Path(database), key=context.config.attributes.get("key"))
    try:
        with migration_engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=True,
                compare_type=True,
                transactional_ddl=True,
            )
            with context.begin_transaction():
                context.run_migrations()
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"migration left rows breaking foreign keys: {broken[:10]}")
    finally:
        migration_engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
