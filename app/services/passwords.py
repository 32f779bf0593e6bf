"""Password hashing with scrypt, a memory-hard KDF from the standard library."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os

from app.text import tr

# 2**15 * 8 * 128 bytes = 32 MiB of memory per hash, ~0.1 s on an office PC.
_N, _R, _P = 2**15, 8, 1
_MAXMEM = 64 * 1024 * 1024


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """A self-describing hash: ``scrypt$N$r$p$salt$digest``."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, maxmem=_MAXMEM, dklen=32)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=_MAXMEM,
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def password_problem(password: str) -> str | None:
    """Why a new password is too weak, in the desk's language; None when acceptable."""
    if len(password) < 8:
        return tr("密码至少需要 8 位", "The password needs at least 8 characters")
    if password.isdigit() or password.isalpha():
        return tr("密码须同时包含字母和数字", "The password must contain both letters and digits")
    return None
