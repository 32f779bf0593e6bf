"""Personal data at rest: a private data folder and an encrypted database (个人信息保护).

- **Private files.** On POSIX the data folder is 0700 and everything in it
  0600 (database, ``-wal``, ``-shm``, logs, backups, archived PDFs): the
  process umask makes new files so, and :func:`make_private` repairs what an
  older version or a copy left open. Windows keeps the user profile's ACLs.
- **Encryption.** The database and every backup are SQLCipher files with one
  random key per data folder, kept in the OS key store (app.keystore). A
  fresh desk starts encrypted; a plain database from an older version is
  encrypted once at start, with its plain backups, and an encrypted copy is
  kept in ``backups/`` (``before-encryption``).
- **Recovery key.** The same key, printed once for the center head
  (app.printing.documents.recovery_key), opens a backup on a new PC.
"""
from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.clock import utcnow
from app.db import BACKUP_DIRNAME, backup_database, database_path, encrypt_database, is_plain_database
from app.keystore import KeyStore, new_key, parse_recovery_key
from app.services import audit, settings
from app.services.context import Actor
from app.services.errors import DomainError, PermissionDenied
from app.services.store_health import quick_check
from app.text import tr

log = logging.getLogger(__name__)

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
PRIVATE_UMASK = 0o077


def make_private(data_dir: Path) -> int:
    """Make ``data_dir`` and everything under it private to this user (POSIX);
    returns how many modes were changed."""
    if os.name != "posix" or not data_dir.exists():
        return 0
    changed = 0
    for folder, dirs, files in os.walk(data_dir):
        for path, mode in [(Path(folder), PRIVATE_DIR_MODE)] + [(Path(folder) / f, PRIVATE_FILE_MODE) for f in files]:
            try:
                current = stat.S_IMODE(path.lstat().st_mode)
                if not path.is_symlink() and current != mode:
                    os.chmod(path, mode)
                    changed += 1
            except FileNotFoundError:  # a -journal that came and went
                continue
        dirs.sort()
    return changed


@dataclass(frozen=True)
class DatabaseKey:
    """The key this start opens the database with, and what was done to get it."""

    key: str
    store: str  # keyring / file
    created: bool  # a new key: a fresh desk, or a plain database encrypted just now
    encrypted_now: bool  # a plain database (and its backups) were encrypted at this start


def prepare_database_key(data_dir: Path, store: KeyStore) -> DatabaseKey:
    """The key for the database in ``data_dir``, encrypting a plain one first.

    Call it after the start-up check (store_health) passed: an encrypted file
    whose key is missing never gets here (the restore screen asks for the
    recovery key). Never loses data: the plain file is replaced only by a
    checked encrypted copy.
    """
    path = database_path(data_dir)
    key = store.get(data_dir)
    plain = path.exists() and path.stat().st_size > 0 and is_plain_database(path)
    if key is None:
        if path.exists() and path.stat().st_size > 0 and not plain:
            raise DomainError(tr("数据库已加密，但本机没有它的密钥，请输入恢复密钥",
                                 "The database is encrypted but this computer has no key for it: enter the "
                                 "recovery key"), field="recovery_key")
        key = new_key()
        store.put(data_dir, key)
        if store.get(data_dir) != key:
            raise RuntimeError(f"the key store ({store.name}) did not keep the database key")
        created = True
    else:
        created = False
    if plain:
        log.info("encrypting the plain database in %s", data_dir)
        encrypt_database(path, key)
        encrypt_plain_backups(data_dir, key)
        backup_database(path, reason="before-encryption", key=key)
    return DatabaseKey(key, store.name, created, plain)


def encrypt_plain_backups(data_dir: Path, key: str) -> int:
    """Encrypt every plain backup in ``backups/`` in place (a backup is personal data too)."""
    count = 0
    folder = data_dir / BACKUP_DIRNAME
    for backup in sorted(folder.glob("*.sqlite3")) if folder.is_dir() else []:
        if backup.stat().st_size and is_plain_database(backup) and quick_check(backup) == "ok":
            encrypt_database(backup, key)
            count += 1
    return count


def unlock_with_recovery_key(data_dir: Path, store: KeyStore, text: str) -> None:
    """The head typed the recovery key: if it opens the database, this computer keeps it."""
    key = parse_recovery_key(text)
    if key is None:
        raise DomainError(tr("恢复密钥应为 64 位字母和数字（0–9、A–F），可带短横线",
                             "The recovery key is 64 letters and digits (0-9, A-F), dashes allowed"),
                          field="recovery_key")
    if quick_check(database_path(data_dir), key=key) != "ok":
        raise DomainError(tr("这个恢复密钥打不开本机的数据库，请核对后重新输入",
                             "This recovery key does not open this computer's database; check it and type it again"),
                          field="recovery_key")
    store.put(data_dir, key)


def recovery_key_pending(session: Session) -> bool:
    """True until the recovery key has been printed (or saved) once for the head."""
    return not settings.get(session, settings.RECOVERY_KEY_PRINTED)


def mark_recovery_key_printed(session: Session, actor: Actor, *, now: datetime | None = None) -> None:
    """Only the head receives the recovery key; it is printed once, and audited."""
    if not actor.is_head:
        raise PermissionDenied(tr("只有中心主任可以打印恢复密钥", "Only the center head can print the recovery key"))
    moment = now or utcnow()
    settings.put(session, settings.RECOVERY_KEY_PRINTED, {"printed_at": moment.isoformat(), "by": str(actor.staff_id)})
    audit.record(session, actor, "print", entity="recovery_key", now=moment, summary="打印数据库恢复密钥（仅此一次）")


__all__ = [
    "DatabaseKey", "encrypt_plain_backups", "make_private", "mark_recovery_key_printed", "prepare_database_key",
    "recovery_key_pending", "unlock_with_recovery_key",
]
