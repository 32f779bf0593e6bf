"""Secrets: device tokens, enrollment codes, web session tokens.

Tokens carry 256 random bits, so a plain SHA-256 of the token is enough to
store (nothing to brute-force); only the hash is kept. Passwords are a
different matter and use the desk's scrypt format (app.services.passwords).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

DEVICE_TOKEN_PREFIX = "owd1_"
COUNTY_TOKEN_PREFIX = "owc1_"
# No 0/O, 1/I/L: the code is read out over the phone and typed at the desk.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_GROUPS = 3
CODE_GROUP_LEN = 4


def new_token(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_enrollment_code() -> str:
    """Like ``7KQ3-M9XA-2HPR``: about 59 bits, single use, expiring."""
    groups = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LEN)) for _ in range(CODE_GROUPS))
    return "-".join(groups)


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return token_hash("enroll:" + normalize_code(code))


def same_secret(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
