"""Personal data at rest: private files, an encrypted database and backups, the recovery key.

Before (issue 17, failure 6): the database and log were 0644 in a 0755
folder, and the database was plain SQLite anyone with the file could read.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import func, select

from app.db import BACKUP_DIRNAME, backup_database, connect_file, is_plain_database, open_database
from app.keystore import FileStore, KeyringStore, default_key_store, new_key, parse_recovery_key, recovery_key_text
from app.models import AuditEntry, Case
from app.services.data_protection import (
    make_private,
    mark_recovery_key_printed,
    prepare_database_key,
    recovery_key_pending,
    unlock_with_recovery_key,
)
from app.services.errors import DomainError, PermissionDenied
from app.services.store_health import MISSING, check_store, list_backups, restore_backup
from tests.services.desk import Desk

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_the_data_folder_and_everything_in_it_become_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / BACKUP_DIRNAME).mkdir(parents=True)
    (folder / "archive" / "QS01-03-20260212-0001").mkdir(parents=True)
    files = [folder / "onewindow.sqlite3", folder / "onewindow.sqlite3-wal", folder / "onewindow.sqlite3-shm",
             folder / "onewindow.log", folder / BACKUP_DIRNAME / "onewindow-x-manual.sqlite3",
             folder / "archive" / "QS01-03-20260212-0001" / "receipt.pdf"]
    for file in files:
        file.write_bytes(b"x")
        os.chmod(file, 0o644)
    for sub in (folder, folder / BACKUP_DIRNAME, folder / "archive"):
        os.chmod(sub, 0o755)
    assert make_private(folder) >= len(files) + 3
    assert all(_mode(f) == 0o600 for f in files)
    assert _mode(folder) == _mode(folder / BACKUP_DIRNAME) == _mode(folder / "archive") == 0o700
    assert make_private(folder) == 0  # nothing left to change


def test_a_fresh_desk_starts_encrypted_and_its_backups_too(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "keys")
    prepared = prepare_database_key(tmp_path / "data", store)
    assert prepared.created and not prepared.encrypted_now and store.get(tmp_path / "data") == prepared.key
    database = open_database(tmp_path / "data", key=prepared.key)
    backup = backup_database(database.path, reason="manual", key=prepared.key)
    database.dispose()
    assert not is_plain_database(database.path) and not is_plain_database(backup)
    assert b"CREATE TABLE" not in database.path.read_bytes()
    with pytest.raises(Exception, match="not a database"):
        connect_file(database.path).execute("SELECT count(*) FROM cases").fetchone()
    again = prepare_database_key(tmp_path / "data", store)
    assert again.key == prepared.key and not again.created


@posix_only
def test_the_fallback_key_file_is_private_and_outside_the_data_folder(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "keys")
    store.put(tmp_path / "data", new_key())
    [key_file] = list((tmp_path / "keys").iterdir())
    assert _mode(key_file) == 0o600 and _mode(tmp_path / "keys") == 0o700
    assert not key_file.is_relative_to(tmp_path / "data")


def test_a_plain_database_is_encrypted_once_with_its_backups_kept(desk: Desk) -> None:
    for _ in range(3):
        desk.take_in(desk.request("CM", "accept"))
    plain_backup = backup_database(desk.db.path, reason="manual")
    with desk.db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    desk.db.dispose()
    data_dir = desk.db.path.parent
    assert is_plain_database(desk.db.path)
    store = FileStore(data_dir.parent / "keys")
    prepared = prepare_database_key(data_dir, store)
    assert prepared.encrypted_now and prepared.created
    assert not is_plain_database(desk.db.path) and not is_plain_database(plain_backup)
    backups = list_backups(data_dir, key=prepared.key)
    assert {b.reason for b in backups} == {"manual", "before-encryption"} and {b.cases for b in backups} == {3}
    database = open_database(data_dir, key=prepared.key)
    with database.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 3
    database.dispose()
    assert not prepare_database_key(data_dir, store).encrypted_now  # once


def test_the_os_key_store_is_used_where_there_is_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class MemoryKeyring(KeyringBackend):
        priority = 5  # type: ignore[assignment]
        saved: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.saved.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.saved[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.saved.pop((service, username), None)

    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        store = default_key_store(environ={})
        assert isinstance(store, KeyringStore)
        prepared = prepare_database_key(tmp_path / "data", store)
        assert MemoryKeyring.saved and list(MemoryKeyring.saved.values()) == [prepared.key]
    finally:
        keyring.set_keyring(before)


def test_without_a_key_store_the_protected_file_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    try:
        store = default_key_store(environ={})
    finally:
        keyring.set_keyring(before)
    assert isinstance(store, FileStore) and store.folder.is_relative_to(tmp_path / "config")


def test_the_recovery_key_reads_back_however_it_is_typed() -> None:
    key = new_key()
    text = recovery_key_text(key)
    assert len(text.split("-")) == 16 and text == text.upper()
    assert parse_recovery_key(text) == key
    assert parse_recovery_key(" " + text.lower().replace("-", " ") + "\n") == key
    assert parse_recovery_key(text[:-1]) is None and parse_recovery_key(text.replace("A", "O")) in (None, key)


def test_a_backup_opens_on_a_new_pc_with_the_recovery_key(tmp_path: Path) -> None:
    old_pc = tmp_path / "old"
    prepared = prepare_database_key(old_pc, FileStore(tmp_path / "old-keys"))
    database = open_database(old_pc, key=prepared.key)
    backup = backup_database(database.path, reason="manual", key=prepared.key)
    database.dispose()
    new_pc, new_store = tmp_path / "new", FileStore(tmp_path / "new-keys")
    (new_pc / BACKUP_DIRNAME).mkdir(parents=True)
    copied = new_pc / BACKUP_DIRNAME / backup.name
    copied.write_bytes(backup.read_bytes())
    found = check_store(new_pc, key=new_store.get(new_pc))
    assert found.problem is not None and found.problem.kind == MISSING and found.needs_recovery_key
    with pytest.raises(DomainError, match="恢复密钥"):
        restore_backup(new_pc, copied)
    with pytest.raises(DomainError):
        restore_backup(new_pc, copied, key=new_key())  # a wrong key moves nothing
    restore_backup(new_pc, copied, key=parse_recovery_key(recovery_key_text(prepared.key)))
    new_store.put(new_pc, prepared.key)
    assert check_store(new_pc, key=new_store.get(new_pc)).problem is None


def test_a_lost_key_is_replaced_by_typing_the_recovery_key(tmp_path: Path) -> None:
    prepared = prepare_database_key(tmp_path / "data", FileStore(tmp_path / "keys"))
    open_database(tmp_path / "data", key=prepared.key).dispose()
    empty = FileStore(tmp_path / "other-keys")
    with pytest.raises(DomainError, match="恢复密钥"):
        unlock_with_recovery_key(tmp_path / "data", empty, "1234")
    with pytest.raises(DomainError, match="打不开"):
        unlock_with_recovery_key(tmp_path / "data", empty, recovery_key_text(new_key()))
    unlock_with_recovery_key(tmp_path / "data", empty, recovery_key_text(prepared.key))
    assert empty.get(tmp_path / "data") == prepared.key


def test_the_recovery_key_is_printed_once_for_the_head_and_audited(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        assert recovery_key_pending(session)
        with pytest.raises(PermissionDenied):
            mark_recovery_key_printed(session, desk.clerk)
    with desk.db.session_factory.begin() as session:
        mark_recovery_key_printed(session, desk.head)
    with desk.db.session_factory() as session:
        assert not recovery_key_pending(session)
        assert session.scalar(select(AuditEntry).where(AuditEntry.entity == "recovery_key")).staff_id == desk.head.staff_id
