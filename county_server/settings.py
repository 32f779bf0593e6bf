"""The server's settings, in one typed place, read from the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB_FILENAME = "county.sqlite3"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("OneWindowCounty", appauthor=False))


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from error


def _bool(env: dict[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    return raw in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Everything an operator may change; every field has a safe default.

    ``database_url`` empty means the embedded SQLite file in ``data_dir``.
    """

    database_url: str = ""
    data_dir: Path = field(default_factory=default_data_dir)
    #: Local time zone of the county: deadlines and dashboards count local dates.
    timezone: str = "Asia/Shanghai"
    #: Status page requests per client IP per minute.
    status_rate_per_minute: int = 20
    #: Enrollment attempts per client IP per minute (codes are guessable only slowly).
    enroll_rate_per_minute: int = 30
    #: Failed web logins per client IP per 15 minutes.
    login_rate_per_15min: int = 20
    #: Operations in one push batch (more -> 413).
    max_batch_ops: int = 500
    #: Request body on the wire, compressed or not (more -> 413).
    max_body_bytes: int = 2 * 1024 * 1024
    #: A gzip body once inflated (more -> 413): guards against gzip bombs.
    max_inflated_bytes: int = 16 * 1024 * 1024
    #: How long an enrollment code stays valid.
    enrollment_code_hours: int = 72
    #: Web admin session lifetime.
    session_hours: int = 12
    #: Send the admin cookie only over HTTPS (on behind a TLS proxy).
    secure_cookies: bool = False
    #: Peers whose X-Forwarded-For is believed (the reverse proxy), comma separated.
    trusted_proxies: tuple[str, ...] = ()
    #: Database connection pool (PostgreSQL only).
    pool_size: int = 20
    max_overflow: int = 20

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / DEFAULT_DB_FILENAME}"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        data_dir = env.get("COUNTY_DATA_DIR", "").strip()
        proxies = tuple(p.strip() for p in env.get("COUNTY_TRUSTED_PROXIES", "").split(",") if p.strip())
        return cls(
            database_url=env.get("COUNTY_DATABASE_URL", "").strip(),
            data_dir=Path(data_dir).expanduser() if data_dir else default_data_dir(),
            timezone=env.get("COUNTY_TIMEZONE", "").strip() or "Asia/Shanghai",
            status_rate_per_minute=_int(env, "COUNTY_STATUS_RATE_PER_MINUTE", 20),
            enroll_rate_per_minute=_int(env, "COUNTY_ENROLL_RATE_PER_MINUTE", 30),
            login_rate_per_15min=_int(env, "COUNTY_LOGIN_RATE_PER_15MIN", 20),
            max_batch_ops=_int(env, "COUNTY_MAX_BATCH_OPS", 500),
            max_body_bytes=_int(env, "COUNTY_MAX_BODY_BYTES", 2 * 1024 * 1024),
            max_inflated_bytes=_int(env, "COUNTY_MAX_INFLATED_BYTES", 16 * 1024 * 1024),
            enrollment_code_hours=_int(env, "COUNTY_ENROLLMENT_CODE_HOURS", 72),
            session_hours=_int(env, "COUNTY_SESSION_HOURS", 12),
            secure_cookies=_bool(env, "COUNTY_SECURE_COOKIES", False),
            trusted_proxies=proxies,
            pool_size=_int(env, "COUNTY_DB_POOL_SIZE", 20),
            max_overflow=_int(env, "COUNTY_DB_MAX_OVERFLOW", 20),
        )
