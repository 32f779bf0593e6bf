"""The local SQLite store: engine, session factory, migrations with backup.

Thread rule: the engine and session factory may be shared; a Session and the
objects it loaded never cross threads. One user action = one unit of work,
opened by the caller (``with factory.begin() as session``).
"""
from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeAlias

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


SQLITE_HEADER = b"SQLite format 3\x00"


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def cipher_module() -> ModuleType:
    """SQLCipher's DB-API module (the ``sqlcipher3`` wheel): SQLite with encryption."""
    import sqlcipher3.dbapi2

    module: ModuleType = sqlcipher3.dbapi2
    return module


def database_errors() -> tuple[type[Exception], ...]:
    """What a damaged, foreign or wrongly keyed file raises, from either driver."""
    errors: list[type[Exception]] = [sqlite3.DatabaseError]
    with contextlib.suppress(ImportError):
        errors.append(cipher_module().DatabaseError)
    return tuple(errors)


def is_plain_database(path: Path) -> bool:
    """True when the file starts as an unencrypted SQLite database does."""
    with open(path, "rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _keyed(connection: Any, key: str) -> Any:
    # A raw 256-bit key: no passphrase stretching, so opening costs nothing
    # measurable (the key is random, not a password a person chose).
    connection.execute(f"PRAGMA key = \"x'{key}'\"")
    return connection


def connect_file(path: Path, *, read_only: bool = False, key: str | None = None) -> sqlite3.Connection:
    """A DB-API connection to a database file, outside SQLAlchemy (backups,
    the start-up check). ``read_only`` never creates the file; ``key``: the
    file is encrypted with it (SQLCipher)."""
    target: str | Path = f"{path.resolve().as_uri()}?mode=ro" if read_only else path
    if key is None:
        return sqlite3.connect(target, uri=read_only)
    connection: sqlite3.Connection = _keyed(cipher_module().connect(target, uri=read_only), key)
    return connection


def encrypt_database(path: Path, key: str) -> None:
    """Turn the plain database at ``path`` into an encrypted one, in place.

    The encrypted copy is written beside it and checked, then takes its
    place; the plain file is removed only after that. Its ``-wal`` is folded
    in first, so no committed record is left behind.
    """
    module = cipher_module()
    plain = module.connect(path)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        plain.execute("PRAGMA journal_mode=DELETE")
    finally:
        plain.close()
    staging = path.with_name(path.name + ".encrypting")
    staging.unlink(missing_ok=True)
    plain = module.connect(path, isolation_level=None)
    try:
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key}'\"", (str(staging),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    check = connect_file(staging, key=key)
    try:
        found = check.execute("PRAGMA quick_check").fetchone()
    finally:
        check.close()
    if found != ("ok",):
        staging.unlink(missing_ok=True)
        raise RuntimeError(f"the encrypted copy of {path} failed its check: {found}")
    os.replace(staging, path)
    for companion in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        companion.unlink(missing_ok=True)


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


def _cipher_engine_args(path: Path, key: str, **connect: Any) -> dict[str, Any]:
    """create_engine's arguments for an encrypted file: SQLCipher's module
    (so SQLAlchemy maps its errors), and connections keyed before anything else runs."""
    module = cipher_module()
    return {"module": module, "creator": lambda: _keyed(module.connect(str(path), **connect), key)}


def create_sqlite_engine(path: Path, *, key: str | None = None) -> Engine:
    """An engine on the SQLite file at ``path`` with the product's pragmas
    (``key``: the file is encrypted with it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connect = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
    extra = _cipher_engine_args(path, key, **connect) if key else {"connect_args": connect}
    # A failed statement's error never carries its values (ID numbers, phones) into a log.
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True, **extra)
    use_sqlite_pragmas(engine, busy_timeout_ms=BUSY_TIMEOUT_MS)
    return engine


def create_migration_engine(path: Path, *, key: str | None = None) -> Engine:
    """An engine for schema changes only (Alembic's env.py uses it).

    pysqlite runs DDL outside any transaction (each statement commits on its
    own), so a migration that fails half-way would leave a half-built schema
    that the next start cannot upgrade either. Here each transaction is an
    explicit ``BEGIN IMMEDIATE``: a failed upgrade leaves the file exactly as
    it was. Foreign keys are off while batch mode copies tables; env.py runs
    ``PRAGMA foreign_key_check`` before committing instead.
    """
    connect = {"timeout": BUSY_TIMEOUT_MS / 1000}
    extra = _cipher_engine_args(path, key, **connect) if key else {"connect_args": connect}
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool, hide_parameters=True, **extra)
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


def alembic_config(engine: Engine | None = None, *, key: str | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    config.attributes["key"] = key
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


def backup_database(path: Path, *, reason: str, keep: int = KEEP_MIGRATION_BACKUPS, key: str | None = None) -> Path:
    """A consistent copy of the database file (SQLite online backup API).

    Written to ``backups/`` beside the database; the oldest copies made for
    the same reason beyond ``keep`` are removed. An encrypted database
    (``key``) gives an encrypted copy, with the same key.
    """
    backup_dir = path.parent / BACKUP_DIRNAME
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{path.stem}-{stamp}-{reason}.sqlite3"
    source = connect_file(path, key=key)
    try:
        dest = connect_file(target, key=key)
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


def migrate(engine: Engine, path: Path, *, key: str | None = None) -> MigrationResult:
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
        backup = backup_database(path, reason=f"before-{head}", key=key)
    command.upgrade(alembic_config(engine, key=key), "head")
    return MigrationResult(current, head, backup)


@dataclass
class Database:
    """The opened store: where it lives, its engine and its session factory."""

    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    migration: MigrationResult
    key: str | None = None  # the file is encrypted with it (None: a plain file)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(data_dir: Path, *, key: str | None = None) -> Database:
    """Open (creating and migrating as needed) the store in ``data_dir``;
    with ``key``, an encrypted one (app.services.data_protection decides)."""
    path = database_path(data_dir)
    engine = create_sqlite_engine(path, key=key)
    result = migrate(engine, path, key=key)
    return Database(path=path, engine=engine, session_factory=make_session_factory(engine, data_dir=data_dir),
                    migration=result, key=key)
