"""Is the database whole? If not, which backup brings it back (数据库损坏与恢复).

Runs at every start, before the database is opened or migrated:

- A missing or zero-length database is a new computer only when nothing
  else says this desk has worked before. Beside backups or an issued-numbers
  ledger that holds numbers, it is damage (SQLite would otherwise take the
  empty file for a new database, and the setup wizard would open).
- ``PRAGMA quick_check`` finds truncated and overwritten pages. It reads the
  whole file: measured (bench/search.py) at about 5 ms per MB plain and
  10 ms per MB encrypted with the file in the OS cache, but 36 s for a
  1.2 GB center (1 million cases) on a cold file, as after a boot; the
  window shows "opening the database" meanwhile. So it runs only when the
  file may have been hurt: after an exit that was not clean (a crash, a
  power cut), when the file is not as this program left it (size or time
  changed: copied over, truncated, edited), and at least once a week
  (``FULL_CHECK_EVERY``). A clean exit writes a stamp (``CHECK_STAMP``) of
  the closed file; a start that finds the file exactly so and a full check
  less than a week old opens it at once.

A damaged database is never opened for writing and never deleted: restoring
a backup first moves it (with its ``-wal`` and ``-shm``) into ``damaged/``
beside it, for IT. The numbers ledger stays where it is: the next case
number continues after every number ever issued.

Thread rule: plain files and sqlite3 connections of their own; call it on
the writer thread, with no engine open on a file being restored.
"""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import BACKUP_DIRNAME, DB_FILENAME, connect_file, database_errors, database_path, is_plain_database
from app.models import Case
from app.numbering import LEDGER_FILENAME, IssuedNumbers
from app.services.errors import DomainError
from app.text import tr

log = logging.getLogger(__name__)

DAMAGED_DIRNAME = "damaged"
#: The closed database as a clean exit left it, and when it was last fully checked.
CHECK_STAMP = "store-check.json"
FULL_CHECK_EVERY = timedelta(days=7)
# What the problem is (StoreProblem.kind).
MISSING = "missing"  # no database file, but backups or a ledger say there was one
EMPTY = "empty"  # a zero-length file beside backups or a ledger
NOT_A_DATABASE = "not_a_database"  # the header is gone or the file cannot be read as SQLite
DAMAGED = "damaged"  # quick_check found broken pages
KEY_MISSING = "key_missing"  # an encrypted database, and this computer does not hold its key
_STAMP = re.compile(r"-(\d{8}-\d{6})(?:-\d{6})?-(.+)\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup as the restore screen lists it."""

    path: Path
    taken_at: datetime
    reason: str  # manual / before-<revision> / before-restore …
    size_bytes: int
    cases: int | None  # None: the copy cannot be read (damaged, not ours, or its key unknown)
    encrypted: bool = False


@dataclass(frozen=True)
class StoreProblem:
    kind: str
    message: str  # for the worker, in the desk's language
    details: str  # for IT: what SQLite said


@dataclass(frozen=True)
class StoreCheck:
    """What the start-up check found: ``problem`` None means the database may be opened."""

    problem: StoreProblem | None
    backups: tuple[BackupInfo, ...]
    seconds: float
    key_known: bool = True  # False: backups and database open only with the recovery key
    full: bool = True  # False: the file was as a clean exit left it, and checked within the week

    @property
    def needs_recovery_key(self) -> bool:
        return not self.key_known and (
            (self.problem is not None and self.problem.kind == KEY_MISSING)
            or any(b.cases is None and b.encrypted for b in self.backups))


def _read_errors() -> tuple[type[Exception], ...]:
    """What reading a damaged, foreign or wrongly keyed file raises (ImportError: no SQLCipher here)."""
    return (*database_errors(), ImportError)


def _key_for(path: Path, key: str | None) -> str | None:
    """The key to open ``path`` with: none for a plain file."""
    return None if is_plain_database(path) else key


def quick_check(path: Path, *, key: str | None = None) -> str:
    """'ok', or what SQLite's quick check (or the attempt to read the file) says is wrong."""
    try:
        connection = connect_file(path, key=_key_for(path, key))
        try:
            rows = connection.execute("PRAGMA quick_check(20)").fetchall()
        finally:
            connection.close()
    except _read_errors() as error:
        return f"{type(error).__name__}: {error}"
    found = "; ".join(str(row[0]) for row in rows)
    return "ok" if found == "ok" else found


def _has_worked_before(data_dir: Path, backups: tuple[BackupInfo, ...]) -> bool:
    return bool(backups) or bool(IssuedNumbers(data_dir / LEDGER_FILENAME).all())


def check_store(data_dir: Path, *, key: str | None = None) -> StoreCheck:
    """The start-up check of the database in ``data_dir`` (never writes to it);
    ``key``: this computer's key for it, if it has one."""
    started = time.perf_counter()
    path = database_path(data_dir)
    problem: StoreProblem | None = None
    backups: tuple[BackupInfo, ...] | None = None
    if not path.exists() or path.stat().st_size == 0:
        backups = list_backups(data_dir, key=key)
        if _has_worked_before(data_dir, backups):
            kind = MISSING if not path.exists() else EMPTY
            problem = StoreProblem(kind, _message(kind), tr(
                f"{path} {'不存在' if kind == MISSING else '大小为 0 字节'}；备份 {len(backups)} 份",
                f"{path} {'does not exist' if kind == MISSING else 'is 0 bytes long'}; {len(backups)} backup(s)"))
    elif key is None and not is_plain_database(path):
        problem = StoreProblem(KEY_MISSING, _message(KEY_MISSING), tr(
            f"{path} 已加密，本机的密钥库中没有它的密钥", f"{path} is encrypted and this computer holds no key for it"))
    elif _as_left(data_dir):
        return StoreCheck(None, (), time.perf_counter() - started, key_known=key is not None, full=False)
    else:
        found = quick_check(path, key=key)
        if found != "ok":
            kind = NOT_A_DATABASE if "not a database" in found or "encrypted" in found else DAMAGED
            problem = StoreProblem(kind, _message(kind), f"{path}: {found}")
        else:
            _write_stamp(data_dir, checked_at=datetime.now().astimezone(), closed=None)
    # The backups are read (each checked whole, its cases counted) only for the
    # restore screen: at every start they cost as much again as the database.
    if backups is None:
        backups = list_backups(data_dir, key=key) if problem is not None else ()
    return StoreCheck(problem, backups, time.perf_counter() - started, key_known=key is not None)


def _closed_file(data_dir: Path) -> dict[str, int] | None:
    """The database file's size and time, when it is closed (no write-ahead log beside it)."""
    path = database_path(data_dir)
    wal = path.with_name(path.name + "-wal")
    if not path.exists() or (wal.exists() and wal.stat().st_size > 0):
        return None
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _read_stamp(data_dir: Path) -> dict[str, Any]:
    try:
        stamp = json.loads((data_dir / CHECK_STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def _write_stamp(data_dir: Path, *, checked_at: datetime | None, closed: dict[str, int] | None) -> None:
    """Best effort: without a stamp the next start checks the whole file, as it always may."""
    stamp = _read_stamp(data_dir)
    if checked_at is not None:
        stamp["checked_at"] = checked_at.isoformat()
    stamp["closed"] = closed
    target = data_dir / CHECK_STAMP
    try:
        partial = target.with_suffix(".tmp")
        partial.write_text(json.dumps(stamp), encoding="utf-8")
        os.replace(partial, target)
    except OSError as error:
        log.warning("could not write the database check stamp: %s", error)


def _as_left(data_dir: Path) -> bool:
    """The database is exactly as a clean exit left it, and its last full check is under a week old."""
    stamp = _read_stamp(data_dir)
    closed = stamp.get("closed")
    try:
        checked_at = datetime.fromisoformat(str(stamp.get("checked_at")))
    except ValueError:
        return False
    if checked_at.tzinfo is None or not isinstance(closed, dict):
        return False
    age = datetime.now().astimezone() - checked_at
    return timedelta(0) <= age < FULL_CHECK_EVERY and closed == _closed_file(data_dir)


def note_clean_exit(data_dir: Path) -> bool:
    """After the program closed the database for good (every connection
    closed, the log checkpointed): stamp the file as left, so that the next
    start need not read all of it. False when the file is not closed."""
    closed = _closed_file(data_dir)
    if closed is None:
        return False
    _write_stamp(data_dir, checked_at=None, closed=closed)
    return True


def note_opened(data_dir: Path) -> None:
    """The database is open for work: until a clean exit stamps it again, the
    next start checks the whole file (a crash or a power cut may hurt it)."""
    if _read_stamp(data_dir).get("closed") is not None:
        _write_stamp(data_dir, checked_at=None, closed=None)


def _message(kind: str) -> str:
    what = {
        MISSING: tr("本机的数据库文件不见了，但数据文件夹里有备份或办件编号记录，说明这台电脑已经用过，不是新装的。",
                    "This computer's database file is missing, but the data folder holds backups or a record of "
                    "issued case numbers: this computer has been used before; it is not a new installation."),
        EMPTY: tr("本机的数据库文件是空的（0 字节），可能是断电或磁盘故障造成的。这台电脑已经用过，不是新装的。",
                  "This computer's database file is empty (0 bytes), perhaps after a power cut or a disk fault. "
                  "This computer has been used before; it is not a new installation."),
        NOT_A_DATABASE: tr("本机的数据库文件已损坏，无法读取（文件开头已被破坏，或不是一窗通的数据库）。",
                           "This computer's database file is damaged and cannot be read (its beginning is broken, "
                           "or it is not a OneWindow database)."),
        KEY_MISSING: tr("本机的数据库是加密的，但这台电脑上找不到它的密钥（例如换了电脑、重装了系统或更换了 Windows 账号）。"
                        "请输入中心主任保管的恢复密钥。",
                        "This computer's database is encrypted, but its key is not on this computer (after a new PC, "
                        "a reinstalled system or another Windows account, for example). Enter the recovery key the "
                        "center head keeps."),
        DAMAGED: tr("本机的数据库文件已损坏：部分内容无法读取（可能是断电、磁盘故障或文件被截断）。",
                    "This computer's database file is damaged: parts of it cannot be read (perhaps after a power "
                    "cut, a disk fault or a cut-off copy)."),
    }[kind]
    if kind == KEY_MISSING:
        return what
    return what + tr("为避免更多损失，一窗通没有打开它。请选择一份备份恢复；损坏的文件会原样保留，交给技术人员。",
                     " To avoid further loss OneWindow has not opened it. Choose a backup to restore; the damaged "
                     "file is kept as it is, for IT.")


def list_backups(data_dir: Path, *, key: str | None = None) -> tuple[BackupInfo, ...]:
    """The backups in ``backups/``, newest first, each with its case count
    (an encrypted one only with ``key``)."""
    folder = data_dir / BACKUP_DIRNAME
    if not folder.is_dir():
        return ()
    found = []
    for path in folder.glob("*.sqlite3"):
        stat = path.stat()
        match = _STAMP.search(path.name)
        try:
            taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S") if match else None
        except ValueError:
            taken = None
        encrypted = stat.st_size > 0 and not is_plain_database(path)
        found.append(BackupInfo(path=path, taken_at=taken or datetime.fromtimestamp(stat.st_mtime),
                                reason=match.group(2) if match else "", size_bytes=stat.st_size,
                                cases=_case_count(path, key=key), encrypted=encrypted))
    return tuple(sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True))


def _case_count(path: Path, *, key: str | None = None) -> int | None:
    if path.stat().st_size == 0:
        return None
    file_key = _key_for(path, key)
    if file_key is None and not is_plain_database(path):
        return None  # encrypted, and no key to open it
    try:
        connection = connect_file(path, read_only=True, key=file_key)
        try:
            if connection.execute("PRAGMA quick_check(1)").fetchone() != ("ok",):
                return None
            row = connection.execute("SELECT count(*) FROM cases").fetchone()
        finally:
            connection.close()
    except _read_errors():
        return None
    return int(row[0])


@dataclass(frozen=True)
class Restored:
    backup: Path
    kept_aside: Path | None  # where the damaged files now are (None: there were none)


def restore_backup(data_dir: Path, backup: Path, *, key: str | None = None) -> Restored:
    """Put ``backup`` in place of the database; the damaged files move to ``damaged/<time>/``.

    The backup is checked first: a damaged backup (or a ``key`` that does
    not open it) is refused and nothing moves. An encrypted backup stays
    encrypted; a plain one is encrypted at the next start.
    """
    if _case_count(backup, key=key) is None:
        if key is None and backup.stat().st_size and not is_plain_database(backup):
            raise DomainError(tr(f"备份 {backup.name} 已加密，请输入恢复密钥",
                                 f"The backup {backup.name} is encrypted: enter the recovery key"), field="recovery_key")
        raise DomainError(tr(f"备份 {backup.name} 无法读取（已损坏，或恢复密钥不对），请选择另一份备份或核对恢复密钥",
                             f"The backup {backup.name} cannot be read (damaged, or the recovery key is wrong); "
                             "choose another one or check the recovery key"), field="backup")
    backup_key = _key_for(backup, key)
    path = database_path(data_dir)
    aside: Path | None = None
    companions = [p for p in (path, path.with_name(DB_FILENAME + "-wal"), path.with_name(DB_FILENAME + "-shm"))
                  if p.exists()]
    if companions:
        aside = data_dir / DAMAGED_DIRNAME / datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside.mkdir(parents=True)
        for file in companions:
            shutil.move(str(file), str(aside / file.name))
    source = connect_file(backup, read_only=True, key=backup_key)
    try:
        target = connect_file(path, key=backup_key)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    return Restored(backup, aside)


def missing_case_numbers(session: Session, ledger: IssuedNumbers, *, device_prefix: str) -> tuple[str, ...]:
    """Case numbers this desk issued (the ledger says so) that the database does not hold.

    Only numbers after the highest one the database has for each day: a gap
    in the middle is an intake that failed after it was numbered (harmless),
    while a missing tail is what a lost ``-wal`` or an older backup leaves.
    ``device_prefix`` is "{center code}-{device number:02d}-".
    """
    missing: list[str] = []
    for prefix, highest in sorted(ledger.all().items()):
        if not prefix.startswith(device_prefix):
            continue
        numbers = session.scalars(select(Case.case_number).where(Case.case_number.like(prefix + "%"))).all()
        held = max((int(n.rsplit("-", 1)[1]) for n in numbers), default=0)
        missing += [f"{prefix}{seq:04d}" for seq in range(held + 1, highest + 1)]
    return tuple(missing)


__all__ = [
    "DAMAGED", "DAMAGED_DIRNAME", "EMPTY", "KEY_MISSING", "MISSING", "NOT_A_DATABASE", "BackupInfo", "Restored", "StoreCheck",
    "StoreProblem", "check_store", "list_backups", "missing_case_numbers", "quick_check", "restore_backup",
]
