"""Where the database key lives: the OS key store, or a protected file where there is none.

The database and its backups are encrypted (SQLCipher) with one random
256-bit key per data folder. The key is kept out of the data folder, so a
copied folder, a stolen backup drive or an open share gives nothing away:

- in the OS key store through ``keyring`` (Windows Credential Manager, which
  DPAPI protects; Secret Service on a Linux desktop; the macOS Keychain);
- where no key store is usable (a Linux PC without a desktop session, as on
  a server or a test machine), in a file only this user can read, under the
  user's configuration folder (``ONEWINDOW_KEY_DIR`` overrides the folder).

The same key, written in groups, is the recovery key printed once for the
center head at setup: with it a backup opens on a new PC.

Stdlib only at import; ``keyring`` loads on first use.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

ENV_KEY_DIR = "ONEWINDOW_KEY_DIR"
SERVICE = "OneWindow database key"
KEY_BYTES = 32
_HEX = re.compile(r"^[0-9a-f]{64}$")


class KeyStore(Protocol):
    """Keeps one key per data folder."""

    name: str

    def get(self, data_dir: Path) -> str | None: ...

    def put(self, data_dir: Path, key: str) -> None: ...


def _account(data_dir: Path) -> str:
    return str(data_dir.expanduser().resolve())


@dataclass
class KeyringStore:
    """The OS key store through ``keyring``."""

    name: str = "keyring"

    def get(self, data_dir: Path) -> str | None:
        import keyring

        found: str | None = keyring.get_password(SERVICE, _account(data_dir))
        return found

    def put(self, data_dir: Path, key: str) -> None:
        import keyring

        keyring.set_password(SERVICE, _account(data_dir), key)


@dataclass
class FileStore:
    """A file per data folder, readable by this user only (0600 in a 0700 folder)."""

    folder: Path
    name: str = "file"

    def _file(self, data_dir: Path) -> Path:
        digest = hashlib.sha256(_account(data_dir).encode("utf-8")).hexdigest()[:24]
        return self.folder / f"{digest}.key"

    def get(self, data_dir: Path) -> str | None:
        try:
            text = self._file(data_dir).read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
        return text if _HEX.match(text) else None

    def put(self, data_dir: Path, key: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            os.chmod(self.folder, 0o700)
        target = self._file(data_dir)
        tmp = target.with_suffix(".tmp")
        descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(key)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)


def _keyring_usable() -> bool:
    """True when ``keyring`` has a real backend (not its 'fail' or plain-text ones)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken key store is the same as none
        return False
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 0) > 0


def default_key_store(environ: dict[str, str] | None = None) -> KeyStore:
    """The OS key store when one works here, else the protected file."""
    env = os.environ if environ is None else environ
    if env.get(ENV_KEY_DIR):
        return FileStore(Path(env[ENV_KEY_DIR]).expanduser())
    if _keyring_usable():
        return KeyringStore()
    from platformdirs import user_config_path

    log.info("no OS key store: the database key is kept in a file only this user can read")
    return FileStore(user_config_path("OneWindow", appauthor=False) / "keys")


def new_key() -> str:
    """A random 256-bit key, as 64 lowercase hex digits (SQLCipher's raw key)."""
    return secrets.token_hex(KEY_BYTES)


def recovery_key_text(key: str) -> str:
    """The key as the recovery key is printed: 16 groups of 4, upper case."""
    upper = key.upper()
    return "-".join(upper[i:i + 4] for i in range(0, len(upper), 4))


def parse_recovery_key(text: str) -> str | None:
    """The key from what was typed (groups, spaces, either case), or None if it is not one."""
    cleaned = re.sub(r"[\s\-]", "", text).lower()
    return cleaned if _HEX.match(cleaned) else None


__all__ = [
    "ENV_KEY_DIR", "FileStore", "KeyStore", "KeyringStore", "default_key_store", "new_key", "parse_recovery_key",
    "recovery_key_text",
]
