"""The SQLite store: migrations, pragmas, append-only history, backups, types, ids."""
from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from app.db import (
    BACKUP_DIRNAME,
    DB_FILENAME,
    Database,
    alembic_config,
    backup_database,
    create_sqlite_engine,
    current_revision,
    head_revision,
    migrate,
    open_database,
)
from app.ids import uuid7
from app.models import AuditEntry, Base, Setting, SyncRun

APPEND_ONLY = ("case_events", "audit_log")


def _backups(folder: Path) -> list[Path]:
    backup_dir = folder / BACKUP_DIRNAME
    return sorted(backup_dir.glob("*.sqlite3")) if backup_dir.exists() else []


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names())


# -- migrations ---------------------------------------------------------------


def test_migrating_an_empty_folder_reaches_head_without_a_backup(tmp_path: Path) -> None:
    database = open_database(tmp_path)
    try:
        assert database.migration.from_revision is None
        assert database.migration.to_revision == head_revision()
        assert current_revision(database.engine) == head_revision()
        assert database.migration.backup is None
        assert _backups(tmp_path) == []
        assert set(Base.metadata.tables) <= _tables(database.engine)
    finally:
        database.dispose()


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_append_only_triggers_exist_after_migration(db: Database) -> None:
    with db.engine.connect() as connection:
        triggers = set(
            connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars()
        )
    assert {f"{table}_no_{verb}" for table in APPEND_ONLY for verb in ("update", "delete")} <= triggers


def test_pragmas_are_on_for_every_connection(db: Database) -> None:
    for _ in range(2):  # a second pooled connection must have them too
        with db.engine.connect() as connection:
            pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("synchronous") == 2  # FULL
            assert pragma("busy_timeout") > 0


def test_a_foreign_key_violation_is_refused(db: Database) -> None:
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO devices (id, center_id, device_number, window_no, name, is_this_device,"
                    " created_at, updated_at) VALUES (:id, :center, 1, '1', 'pc', 1, :now, :now)"
                ),
                {"id": uuid7().hex, "center": uuid7().hex, "now": "2026-01-01 00:00:00"},
            )
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM devices").scalar() == 0


def _insert_audit_row(db: Database) -> str:
    with db.session_factory.begin() as session:
        entry = AuditEntry(action="test", summary="written once")
        session.add(entry)
        session.flush()
        return entry.id.hex


def _insert_case_event_row(db: Database) -> str:
    """A case with its first event, made through the intake service."""
    from datetime import date

    from app.services.calendar import WorkCalendar
    from app.services.cases import IntakeRequest, take_in
    from app.services.catalog_import import import_catalog, validate_catalog
    from app.services.identity import RESIDENT_ID, fictional_id_number
    from app.services.residents import ResidentInput, register_resident
    from app.services.setup import CenterSetup, set_up_center

    with db.session_factory.begin() as session:
        actor = set_up_center(
            session,
            CenterSetup(
                center_name="测试中心", center_code="T01", county="测试县", town="测试镇",
                head_username="head", head_display_name="主任", head_password="abc12345",
            ),
        )
        catalog = validate_catalog(
            {
                "format": "onewindow-catalog", "format_version": 1, "version": "t1",
                "departments": [{"code": "MZ", "name": "民政"}],
                "items": [{"code": "A1", "name": "高龄津贴申报", "department": "MZ",
                           "handling_mode": "committed", "statutory_days": 5, "committed_days": 3,
                           "materials": []}],
            },
            source="t.json",
        )
        item_id = import_catalog(session, catalog, actor=actor).items[0].id
        number = fictional_id_number(region_code="440111", birth_date=date(1950, 1, 2), sequence=1, gender="女")
        resident = register_resident(session, actor, ResidentInput(doc_type=RESIDENT_ID, id_number=number, name="李梅"))
        case = take_in(
            session, actor,
            IntakeRequest(resident_id=resident.resident_id, item_id=item_id, outcome="accept", note="first"),
            calendar=WorkCalendar.official(),
        )
        session.flush()
        return case.events[0].id.hex


@pytest.mark.parametrize("table", APPEND_ONLY)
@pytest.mark.parametrize(
    "statement",
    ["UPDATE {table} SET {column} = 'rewritten' WHERE id = :id", "DELETE FROM {table} WHERE id = :id"],
    ids=["update", "delete"],
)
def test_history_tables_refuse_update_and_delete(db: Database, table: str, statement: str) -> None:
    row_id = _insert_audit_row(db) if table == "audit_log" else _insert_case_event_row(db)
    column = "summary" if table == "audit_log" else "note"
    sql = statement.format(table=table, column=column)
    with pytest.raises(IntegrityError, match="append-only"):
        with db.engine.begin() as connection:
            connection.execute(text(sql), {"id": row_id})
    # Also through the plain driver, as any other tool would do it.
    raw = sqlite3.connect(db.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute(sql, {"id": row_id})
    finally:
        raw.close()
    with db.engine.connect() as connection:
        rows = connection.execute(text(f"SELECT {column} FROM {table} WHERE id = :id"), {"id": row_id}).all()
    assert len(rows) == 1 and rows[0][0] != "rewritten"


def test_inserting_into_history_tables_is_allowed(db: Database) -> None:
    _insert_audit_row(db)
    _insert_audit_row(db)
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM audit_log").scalar() == 2


# -- backups before upgrading -------------------------------------------------


def test_upgrading_an_existing_database_makes_a_backup_first(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    engine = create_sqlite_engine(path)
    try:
        command.downgrade(alembic_config(engine), "base")
        assert current_revision(engine) is None
        assert "cases" not in _tables(engine)

        result = migrate(engine, path)

        assert result.to_revision == head_revision()
        assert current_revision(engine) == head_revision()
        assert "cases" in _tables(engine)
        backups = _backups(data_dir)
        assert len(backups) == 1
        assert result.backup == backups[0]
        assert head_revision() in backups[0].name
        # The copy is a readable SQLite file of the database as it was.
        copy = sqlite3.connect(backups[0])
        try:
            names = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            copy.close()
        assert "alembic_version" in names and "cases" not in names
    finally:
        engine.dispose()


def test_a_database_already_at_head_makes_no_backup(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    engine = create_sqlite_engine(path)
    try:
        result = migrate(engine, path)
        assert result.backup is None
        assert result.from_revision == result.to_revision == head_revision()
        assert _backups(data_dir) == []
    finally:
        engine.dispose()


def test_a_failed_upgrade_leaves_the_data_and_a_backup(data_dir: Path) -> None:
    """A database whose version stamp is lost but whose tables hold records:
    the upgrade fails (tables exist), and neither the file nor the copy lose
    the record."""
    path = data_dir / DB_FILENAME
    engine = create_sqlite_engine(path)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('center_note', 'keep me')")
        command.stamp(alembic_config(engine), "base")
        assert current_revision(engine) is None
        tables_before = _tables(engine)

        with pytest.raises(Exception, match="already exists"):
            migrate(engine, path)

        assert _tables(engine) == tables_before
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT value FROM settings").scalar() == "keep me"
        (backup,) = _backups(data_dir)
        copy = sqlite3.connect(backup)
        try:
            assert copy.execute("SELECT value FROM settings").fetchone() == ("keep me",)
        finally:
            copy.close()
    finally:
        engine.dispose()


def test_a_half_applied_upgrade_is_rolled_back_entirely(data_dir: Path) -> None:
    """SQLite DDL must run in one transaction: when a late step fails, the
    tables created by the earlier steps are gone again."""
    path = data_dir / DB_FILENAME
    engine = create_sqlite_engine(path)
    try:
        command.downgrade(alembic_config(engine), "base")
        with engine.begin() as connection:  # the migration's last table is in the way
            connection.exec_driver_sql("CREATE TABLE printed_documents (x INTEGER)")
        with pytest.raises(Exception, match="already exists"):
            migrate(engine, path)
        assert _tables(engine) == {"alembic_version", "printed_documents"}
        assert current_revision(engine) is None
    finally:
        engine.dispose()


def test_backup_retention_keeps_only_the_newest(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    made = [backup_database(path, reason="test", keep=3) for _ in range(6)]
    other = backup_database(path, reason="other", keep=3)
    remaining = _backups(data_dir)
    assert sorted(p for p in remaining if p != other) == made[-3:]
    assert other in remaining  # copies made for another reason are not counted
    for copy_path in made[-3:]:
        copy = sqlite3.connect(copy_path)
        try:
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        finally:
            copy.close()


# -- stored types -------------------------------------------------------------


def test_times_round_trip_as_aware_utc(db: Database) -> None:
    china = timezone(timedelta(hours=8))
    moment = datetime(2026, 2, 12, 10, 30, 15, 123456, tzinfo=china)
    with db.session_factory.begin() as session:
        run = SyncRun(started_at=moment)
        session.add(run)
        session.flush()
        run_id = run.id
    with db.session_factory() as session:
        stored = session.get(SyncRun, run_id).started_at
    assert stored.tzinfo is not None and stored.utcoffset() == timedelta(0)
    assert stored == moment
    assert stored.replace(tzinfo=None) == datetime(2026, 2, 12, 2, 30, 15, 123456)
    with db.engine.connect() as connection:  # stored as naive UTC text
        raw = connection.execute(text("SELECT started_at FROM sync_runs")).scalar()
    assert str(raw).startswith("2026-02-12 02:30:15")


def test_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"):
        with db.session_factory.begin() as session:
            session.add(SyncRun(started_at=datetime(2026, 2, 12, 10, 30)))
            session.flush()
    with db.session_factory() as session:
        assert session.scalars(select(SyncRun)).all() == []


def test_settings_and_json_round_trip(db: Database) -> None:
    with db.session_factory.begin() as session:
        session.add(Setting(key="printer", value="HP LaserJet"))
        session.add(AuditEntry(action="x", detail={"fields": ["电话", "地址"]}))
    with db.session_factory() as session:
        assert session.get(Setting, "printer").value == "HP LaserJet"
        assert session.scalar(select(AuditEntry.detail)) == {"fields": ["电话", "地址"]}


# -- ids ----------------------------------------------------------------------


def test_uuid7_ids_are_version_7_unique_and_increasing() -> None:
    ids = [uuid7() for _ in range(20_000)]  # many share a millisecond
    assert all(i.version == 7 and i.variant == uuid.RFC_4122 for i in ids)
    assert len(set(ids)) == len(ids)
    assert all(a < b for a, b in zip(ids, ids[1:]))
    assert all(a.bytes < b.bytes for a, b in zip(ids, ids[1:]))  # byte order too (BLOB / index order)


def test_uuid7_carries_the_current_unix_milliseconds() -> None:
    before = int(datetime.now(timezone.utc).timestamp() * 1000)
    value = uuid7()
    after = int(datetime.now(timezone.utc).timestamp() * 1000)
    stamp = value.int >> 80
    assert before - 5 <= stamp <= after + 5


def test_model_rows_get_uuid7_primary_keys(db: Database) -> None:
    with db.session_factory.begin() as session:
        rows = [AuditEntry(action="x") for _ in range(5)]
        session.add_all(rows)
        session.flush()
        ids = [row.id for row in rows]
    assert all(i.version == 7 for i in ids)
    with db.session_factory() as session:
        assert session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)).all() == ids


# -- a later batch migration on a database with records -----------------------

_LATER_REVISION = '''"""add a column by rebuilding residents

Revision ID: 9999test
Revises: {down}
"""
from alembic import op
import sqlalchemy as sa

revision = "9999test"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("residents", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("nickname", sa.String(20), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("residents", recreate="always") as batch_op:
        batch_op.drop_column("nickname")
'''


def test_a_batch_migration_rebuilds_a_referenced_table_that_holds_records(db: Database, tmp_path: Path) -> None:
    """SQLite batch mode drops and recreates a table. With foreign keys
    enforced during the migration, dropping ``residents`` while a case points
    at a resident would fail; the migration engine turns them off and checks
    the keys before committing instead."""
    import shutil

    from app.db import MIGRATIONS_DIR

    _insert_case_event_row(db)  # a case referencing a resident
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_test.py").write_text(
        _LATER_REVISION.format(down=head_revision()), encoding="utf-8"
    )
    config = alembic_config(db.engine)
    config.set_main_option("script_location", str(scripts))

    command.upgrade(config, "head")

    assert current_revision(db.engine) == "9999test"
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*), min(nickname) FROM residents").one() == (1, "")
        assert connection.exec_driver_sql("SELECT count(*) FROM cases").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # the product engine: still on
    command.downgrade(config, head_revision())
    assert current_revision(db.engine) == head_revision()


def test_backup_pruning_keeps_other_reasons_copies(tmp_path) -> None:
    from app.db import BACKUP_DIRNAME, backup_database, create_sqlite_engine

    path = tmp_path / "onewindow.sqlite3"
    create_sqlite_engine(path).connect().close()
    backup_database(path, reason="pre-test", keep=5)
    for _ in range(3):
        backup_database(path, reason="test", keep=1)
    names = sorted(p.name for p in (tmp_path / BACKUP_DIRNAME).iterdir())
    assert sum(n.endswith("-pre-test.sqlite3") for n in names) == 1
    assert sum(n.endswith("-test.sqlite3") and not n.endswith("-pre-test.sqlite3") for n in names) == 1
