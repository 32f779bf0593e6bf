"""The device token: shown once by the county at enrollment, kept in a file
only the desk's user can read (0600), beside the database."""
from __future__ import annotations

import os
from pathlib import Path

TOKEN_FILENAME = "county-token"


def token_path(data_dir: Path) -> Path:
    return data_dir / TOKEN_FILENAME


def read_token(data_dir: Path) -> str | None:
    try:
        text = token_path(data_dir).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    return text or None


def write_token(data_dir: Path, token: str) -> None:
    """Write atomically: a power cut leaves the old token or the new one, never half."""
    path = token_path(data_dir)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, token.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
