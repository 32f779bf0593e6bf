"""The local SQLite store: engine, session factory, migrations with backup.

Thread rule: the engine and session factory may be shared; a Session and the
objects it loaded never cross threads. One user action = one unit of work,
opened by the caller (``with factory.begin() as session``).
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session as Session  # re-exported: the UI types its work without importing SQLAlchemy
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool

if TYPE_CHECKING:  # alembic loads only when migrating
    from alembic.config import Config

DB_FILENAME = "onewindow.sqlite3"
BACKUP_DIRNAME = "backups"
BUSY_TIMEOUT_MS = 5000
KEEP_MIGRATION_BACKUPS = 10
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: The one session factory's type (see make_session_factory).
SessionFactory: TypeAlias = "sessionmaker[Session]"


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def connect_file(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection to a database file, outside SQLAlchemy
    (backups, the start-up check). ``read_only`` never creates the file."""
    if read_only:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    return sqlite3.connect(path)


def use_sqlite_pragmas(
    engine: Engine, *, busy_timeout_ms: int, foreign_keys: bool = True, begin_immediate: bool = False
) -> None:
    """Give every connection of ``engine`` the product's SQLite rules.

    Always: WAL, so readers never wait for the writer; ``synchronous=FULL``, so
    a power cut at the village never loses a committed record; a busy timeout.
    What differs between callers is a parameter:

    - ``foreign_keys``: on for the desk and the county; off only while a
      migration's batch mode copies tables (SQLite ignores the pragma inside a
      transaction, so the migration checks the keys before committing instead).
    - ``begin_immediate``: the driver's own implicit transactions are off and
      every transaction starts with ``BEGIN IMMEDIATE``. The county needs it so
      two requests never both read a stream head and then fight over upgrading
      to a write lock; a migration needs it because pysqlite otherwise runs DDL
      outside any transaction. The desk's one writer thread does not.
    - ``busy_timeout_ms``: how long a connection waits for a lock (the county,
      with many concurrent requests, waits longer than a desk).
    """

    def _connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        if begin_immediate:
            dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.close()

    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(engine, "connect", _connect)
    if begin_immediate:
        event.listen(engine, "begin", _begin)


def create_sqlite_engine(path: Path) -> Engine:
    """An engine on the SQLite file at ``path`` with the product's pragmas."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    use_sqlite_pragmas(engine, busy_timeout_ms=BUSY_TIMEOUT_MS)
    return engine


def create_migration_engine(path: Path) -> Engine:
    """An engine for schema changes only (Alembic's env.py uses it).

    pysqlite runs DDL outside any transaction (each statement commits on its
    own), so a migration that fails half-way would leave a half-built schema
    that the next start cannot upgrade either. Here each transaction is an
    explicit ``BEGIN IMMEDIATE``: a failed upgrade leaves the file exactly as
    it was. Foreign keys are off while batch mode copies tables; env.py runs
    ``PRAGMA foreign_key_check`` before committing instead.
    """
    engine = create_engine(
        f"sqlite:///{path}",
        poolclass=NullPool,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
    )
    use_sqlite_pragmas(engine, busy_timeout_ms=BUSY_TIMEOUT_MS, foreign_keys=False, begin_immediate=True)
    return engine


def make_session_factory(engine: Engine, *, data_dir: Path | None = None) -> sessionmaker[Session]:
    """The one session factory of the process.

    With ``data_dir``, sessions carry the issued-case-numbers ledger kept
    beside the database (app.numbering), so no code path can take a
    case in without it.
    """
    info = {}
    if data_dir is not None:
        from app.numbering import LEDGER_FILENAME, IssuedNumbers

        info["issued_numbers"] = IssuedNumbers(data_dir / LEDGER_FILENAME)
    return sessionmaker(engine, expire_on_commit=False, info=info)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def backup_database(path: Path, *, reason: str, keep: int = KEEP_MIGRATION_BACKUPS) -> Path:
    """A consistent copy of the database file (SQLite online backup API).

    Written to ``backups/`` beside the database; the oldest copies made for
    the same reason beyond ``keep`` are removed.
    """
    backup_dir = path.parent / BACKUP_DIRNAME
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{path.stem}-{stamp}-{reason}.sqlite3"
    source = connect_file(path)
    try:
        dest = connect_file(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    # Only this reason's copies: "test" must not prune the copies of "pre-test".
    own = re.compile(rf"^{re.escape(path.stem)}-\d{{8}}-\d{{6}}-\d{{6}}-{re.escape(reason)}\.sqlite3$")
    old = sorted(p for p in backup_dir.glob(f"{path.stem}-*.sqlite3") if own.match(p.name))
    for stale in old[:-keep] if keep > 0 else []:
        stale.unlink(missing_ok=True)
    return target


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1"
        ).first() is not None


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def migrate(engine: Engine, path: Path) -> MigrationResult:
    """Bring the database at ``path`` to the newest schema.

    When an existing database needs upgrading, a copy is saved first, so a
    failed or faulty migration can never cost a record.
    """
    from alembic import command

    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return MigrationResult(current, head, None)
    backup = None
    # Any file that already holds tables is someone's data, whatever revision
    # it claims (none at all after a downgrade to base or a lost stamp).
    if path.exists() and _has_tables(engine):
        backup = backup_database(path, reason=f"before-{head}")
    command.upgrade(alembic_config(engine), "head")
    return MigrationResult(current, head, backup)


@dataclass
class Database:
    """The opened store: where it lives, its engine and its session factory."""

    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    migration: MigrationResult

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(data_dir: Path) -> Database:
    """Open (creating and migrating as needed) the store in ``data_dir``."""
    path = database_path(data_dir)
    engine = create_sqlite_engine(path)
    result = migrate(engine, path)
    return Database(path=path, engine=engine, session_factory=make_session_factory(engine, data_dir=data_dir),
                    migration=result)
