"""A damaged database is named and recovered (issue 17, failure 5).

Before: a zero-length database opened the setup wizard as if the PC were
new, a truncated or overwritten file got the generic "tell IT" message, and
a lost ``-wal`` lost committed cases without anyone noticing.
"""
from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.db import BACKUP_DIRNAME, DB_FILENAME, backup_database, create_sqlite_engine, make_session_factory
from app.models import Case, SyncAttention
from app.numbering import LEDGER_FILENAME, IssuedNumbers
from app.services import settings
from app.services.errors import DomainError
from app.services.setup import this_device
from app.services.store_health import (
    CHECK_STAMP,
    DAMAGED,
    DAMAGED_DIRNAME,
    EMPTY,
    KEY_MISSING,
    MISSING,
    NOT_A_DATABASE,
    check_store,
    list_backups,
    note_clean_exit,
    note_opened,
    quick_check,
    restore_backup,
)
from app.sync.lost_cases import REASON_MISSING_CASE, reconcile_issued_numbers
from tests.services.desk import NOW, Desk


def _with_cases(desk: Desk, n: int) -> list[str]:
    return [desk.case(desk.take_in(desk.request("CM", "accept"))).case_number for _ in range(n)]


def _closed(desk: Desk) -> Path:
    """The desk's data folder with its engine closed and the WAL folded in."""
    with desk.db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    desk.db.dispose()
    return desk.db.path.parent


def test_a_new_computer_is_not_damage(tmp_path: Path) -> None:
    assert check_store(tmp_path).problem is None
    (tmp_path / DB_FILENAME).write_bytes(b"")
    assert check_store(tmp_path).problem is None  # nothing says it was used before


def test_an_empty_database_beside_a_backup_is_damage(desk: Desk) -> None:
    _with_cases(desk, 2)
    folder = _closed(desk)
    backup_database(desk.db.path, reason="manual")
    desk.db.path.write_bytes(b"")
    found = check_store(folder)
    assert found.problem is not None and found.problem.kind == EMPTY
    assert "不是新装的" in found.problem.message and "备份" in found.problem.message
    assert [b.cases for b in found.backups] == [2]


def test_a_missing_or_empty_database_beside_the_numbers_ledger_is_damage(desk: Desk) -> None:
    _with_cases(desk, 1)
    folder = _closed(desk)
    assert (folder / LEDGER_FILENAME).exists() and not (folder / BACKUP_DIRNAME).exists()
    desk.db.path.write_bytes(b"")
    assert check_store(folder).problem.kind == EMPTY
    desk.db.path.unlink()
    assert check_store(folder).problem.kind == MISSING


def test_a_truncated_database_is_named(desk: Desk) -> None:
    _with_cases(desk, 3)
    folder = _closed(desk)
    size = desk.db.path.stat().st_size
    with open(desk.db.path, "r+b") as handle:
        handle.truncate(size // 2)
    found = check_store(folder)
    assert found.problem is not None and found.problem.kind == DAMAGED, found.problem
    assert "损坏" in found.problem.message and "没有打开" in found.problem.message


def test_an_overwritten_header_is_named(desk: Desk) -> None:
    folder = _closed(desk)
    with open(desk.db.path, "r+b") as handle:
        handle.write(b"\xff" * 100)
    found = check_store(folder, key="ab" * 32)  # the key this PC holds no longer opens it
    assert found.problem is not None and found.problem.kind == NOT_A_DATABASE
    assert check_store(folder).problem.kind == KEY_MISSING  # no key at all: ask for the recovery key


def test_flipped_pages_are_found(desk: Desk) -> None:
    _with_cases(desk, 3)
    folder = _closed(desk)
    data = bytearray(desk.db.path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):  # every third page's header, past the schema
        data[start:start + 8] = b"\x0d\xff\xff\xff\xff\xff\xff\xff"
    desk.db.path.write_bytes(bytes(data))
    assert quick_check(desk.db.path) != "ok"
    assert check_store(folder).problem is not None


def test_a_file_as_a_clean_exit_left_it_is_opened_without_reading_it_all(desk: Desk) -> None:
    """The whole-file check reads a 1.2 GB center for 36 s after a boot: it
    runs after a crash or a power cut, on a file changed since the program
    closed it, and once a week, not at every start."""
    _with_cases(desk, 3)
    folder = _closed(desk)
    backup_database(desk.db.path, reason="manual")
    first = check_store(folder)
    assert first.full and first.problem is None  # no stamp yet: the whole file is read, and the check noted
    assert first.backups == ()  # read (each whole) only for the restore screen, not at every start
    assert check_store(folder).full  # still no clean exit: read again
    assert note_clean_exit(folder)
    assert check_store(folder).full is False
    note_opened(folder)  # opened for work: a crash from here on leaves no stamp
    assert check_store(folder).full
    assert note_clean_exit(folder)
    stamp = json.loads((folder / CHECK_STAMP).read_text(encoding="utf-8"))
    stamp["checked_at"] = (datetime.now().astimezone() - timedelta(days=8)).isoformat()
    (folder / CHECK_STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    assert check_store(folder).full  # a week since the last whole check: read it all again


def test_a_file_truncated_after_a_clean_exit_is_still_found(desk: Desk) -> None:
    _with_cases(desk, 3)
    folder = _closed(desk)
    check_store(folder)
    assert note_clean_exit(folder)
    with open(desk.db.path, "r+b") as handle:
        handle.truncate(desk.db.path.stat().st_size // 2)
    found = check_store(folder)
    assert found.full and found.problem is not None and found.problem.kind == DAMAGED


def test_an_open_file_is_not_stamped(desk: Desk) -> None:
    _with_cases(desk, 1)
    with desk.db.engine.connect() as connection:  # the log holds the last cases: the file is not closed
        connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        assert desk.db.path.with_name(desk.db.path.name + "-wal").stat().st_size > 0
        assert not note_clean_exit(desk.db.path.parent)
    assert not (desk.db.path.parent / CHECK_STAMP).exists()


def test_backups_are_listed_newest_first_with_their_cases(desk: Desk) -> None:
    _with_cases(desk, 1)
    older = backup_database(desk.db.path, reason="manual")
    _with_cases(desk, 2)
    newer = backup_database(desk.db.path, reason="before-0009")
    broken = older.with_name("onewindow-20200101-000000-000000-manual.sqlite3")
    broken.write_bytes(b"not a database at all" * 100)
    found = list_backups(desk.db.path.parent)
    assert [(b.path, b.cases) for b in found] == [(newer, 3), (older, 1), (broken, None)]
    assert found[0].reason == "before-0009" and found[0].taken_at.date() == date.today()


def test_restoring_keeps_the_damaged_file_aside(desk: Desk) -> None:
    _with_cases(desk, 2)
    backup = backup_database(desk.db.path, reason="manual")
    folder = _closed(desk)
    desk.db.path.write_bytes(b"")
    (folder / (DB_FILENAME + "-wal")).write_bytes(b"wal bytes")
    restored = restore_backup(folder, backup)
    assert restored.kept_aside is not None and restored.kept_aside.parent == folder / DAMAGED_DIRNAME
    assert (restored.kept_aside / DB_FILENAME).read_bytes() == b""
    assert (restored.kept_aside / (DB_FILENAME + "-wal")).read_bytes() == b"wal bytes"
    assert not (folder / (DB_FILENAME + "-wal")).exists()
    found = check_store(folder)
    assert found.problem is None
    assert backup.exists()  # the backup stays a backup


def test_a_damaged_backup_is_refused_and_nothing_moves(desk: Desk) -> None:
    folder = _closed(desk)
    bad = folder / BACKUP_DIRNAME / "onewindow-20260101-000000-000000-manual.sqlite3"
    bad.parent.mkdir()
    bad.write_bytes(b"\x00" * 8192)
    before = desk.db.path.read_bytes()
    with pytest.raises(DomainError, match="无法读取"):
        restore_backup(folder, bad, key="ab" * 32)
    assert desk.db.path.read_bytes() == before and not (folder / DAMAGED_DIRNAME).exists()


def _reopened(folder: Path) -> object:
    engine = create_sqlite_engine(folder / DB_FILENAME)
    return make_session_factory(engine, data_dir=folder)


def test_a_lost_wal_raises_an_alarm_for_the_cases_it_held(desk: Desk, tmp_path: Path) -> None:
    kept = _with_cases(desk, 2)
    with desk.db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    lost = _with_cases(desk, 2)  # committed, still only in the -wal
    crashed = tmp_path / "after-crash"
    crashed.mkdir()
    shutil.copy(desk.db.path, crashed / DB_FILENAME)  # the -wal is gone
    shutil.copy(desk.db.path.parent / LEDGER_FILENAME, crashed / LEDGER_FILENAME)
    assert check_store(crashed).problem is None  # the file is whole: only the ledger knows
    factory = _reopened(crashed)
    with factory.begin() as session:
        found = reconcile_issued_numbers(session, session.info["issued_numbers"])
    assert found.missing == tuple(lost) and found.alarm and not found.asked_county
    with factory.begin() as session:  # the next start notes nothing twice
        assert reconcile_issued_numbers(session, session.info["issued_numbers"]).missing == tuple(lost)
        notes = session.scalars(select(SyncAttention).where(SyncAttention.reason_code == REASON_MISSING_CASE)).all()
        assert sorted(n.local["case_number"] for n in notes) == lost
        assert all("纸质回执" in n.reason for n in notes)
    assert kept


def _renumber(desk: Desk, pairs: list[tuple[str, str]]) -> None:
    with desk.db.session_factory.begin() as session:
        for old, new in pairs:
            session.execute(update(Case).where(Case.case_number == old).values(case_number=new))


def test_an_enrolled_desk_reads_the_county_snapshot_again_and_clears_the_alarm(desk: Desk) -> None:
    numbers = _with_cases(desk, 5)
    with desk.db.session_factory.begin() as session:
        this_device(session).enrolled_at = NOW
        settings.put(session, settings.SYNC_BOOTSTRAP, {"done": True, "rows": 10})
    hidden = [(n, "LOST-" + n) for n in numbers[3:]]
    _renumber(desk, hidden)  # the last two are gone from the database; the ledger still knows them
    ledger = IssuedNumbers(desk.db.path.parent / LEDGER_FILENAME)
    with desk.db.session_factory.begin() as session:
        found = reconcile_issued_numbers(session, ledger)
        assert found.missing == tuple(numbers[3:]) and found.asked_county
        assert settings.get(session, settings.SYNC_BOOTSTRAP) == {}  # the snapshot again at the next sync
    _renumber(desk, [(new, old) for old, new in hidden])  # as the county's snapshot brings them back
    with desk.db.session_factory.begin() as session:
        assert not reconcile_issued_numbers(session, ledger).alarm
        notes = session.scalars(select(SyncAttention).where(SyncAttention.reason_code == REASON_MISSING_CASE)).all()
        assert len(notes) == 2 and all(n.resolved_at is not None and n.resolution == "recovered" for n in notes)
