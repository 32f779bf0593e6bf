"""The server's settings, in one typed place, read from the environment.

Every field names its environment variable (``COUNTY_…``, the README's
table) and has a safe default; an empty variable means the default. A value
that does not fit is refused at start-up with a message naming the variable,
never discovered later by the request that happens to need it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DB_FILENAME = "county.sqlite3"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("OneWindowCounty", appauthor=False))


class SettingsError(SystemExit):
    """A COUNTY_* variable with a value the server cannot use.

    A SystemExit on purpose: uncaught, it ends ``python -m county_server`` or
    uvicorn with just this sentence instead of a traceback.
    """


class Settings(BaseSettings):
    """Everything an operator may change; every field has a safe default.

    ``database_url`` empty means the embedded SQLite file in ``data_dir``.
    ``Settings(field=…)`` overrides single values (tests); the rest still
    comes from the environment.
    """

    model_config = SettingsConfigDict(
        frozen=True,
        extra="ignore",
        env_ignore_empty=True,
        str_strip_whitespace=True,
        validate_by_name=True,
        validate_by_alias=True,
    )

    database_url: str = Field("", validation_alias="COUNTY_DATABASE_URL")
    data_dir: Path = Field(default_factory=default_data_dir, validation_alias="COUNTY_DATA_DIR")
    #: Local time zone of the county: deadlines and dashboards count local dates.
    timezone: str = Field("Asia/Shanghai", validation_alias="COUNTY_TIMEZONE")
    #: Status page requests per client IP per minute.
    status_rate_per_minute: int = Field(20, ge=1, validation_alias="COUNTY_STATUS_RATE_PER_MINUTE")
    #: Enrollment attempts per client IP per minute (codes are guessable only slowly).
    enroll_rate_per_minute: int = Field(30, ge=1, validation_alias="COUNTY_ENROLL_RATE_PER_MINUTE")
    #: Failed web logins per client IP per 15 minutes.
    login_rate_per_15min: int = Field(20, ge=1, validation_alias="COUNTY_LOGIN_RATE_PER_15MIN")
    #: Refused device or API tokens per client IP per minute; over it, the address waits.
    auth_failures_per_minute: int = Field(30, ge=1, validation_alias="COUNTY_AUTH_FAILURES_PER_MINUTE")
    #: County officer requests (API and web pages) per client IP per minute.
    officer_rate_per_minute: int = Field(600, ge=1, validation_alias="COUNTY_OFFICER_RATE_PER_MINUTE")
    #: Residents one desk may look up by ID number per minute (a bootstrapping desk's
    #: lookups before registering someone again): a worker's pace, not a harvester's.
    lookup_rate_per_minute: int = Field(30, ge=1, validation_alias="COUNTY_LOOKUP_RATE_PER_MINUTE")
    #: Requests per client IP per minute to the routes nothing else limits (/healthz,
    #: static files, the login form): generous, since desks behind one address probe /healthz.
    open_rate_per_minute: int = Field(1200, ge=1, validation_alias="COUNTY_OPEN_RATE_PER_MINUTE")
    #: Operations in one push batch (more -> 413). Desks size their batches in
    #: bytes from the link's rate; this bounds the database work of one batch.
    max_batch_ops: int = Field(1000, ge=1, validation_alias="COUNTY_MAX_BATCH_OPS")
    #: Request body on the wire, compressed or not (more -> 413).
    max_body_bytes: int = Field(2 * 1024 * 1024, ge=1024, validation_alias="COUNTY_MAX_BODY_BYTES")
    #: A gzip body once inflated (more -> 413): guards against gzip bombs.
    max_inflated_bytes: int = Field(16 * 1024 * 1024, ge=1024, validation_alias="COUNTY_MAX_INFLATED_BYTES")
    #: How long an enrollment code stays valid.
    enrollment_code_hours: int = Field(72, ge=1, validation_alias="COUNTY_ENROLLMENT_CODE_HOURS")
    #: Web admin session lifetime.
    session_hours: int = Field(12, ge=1, validation_alias="COUNTY_SESSION_HOURS")
    #: Send the admin cookie only over HTTPS (on behind a TLS proxy).
    secure_cookies: bool = Field(False, validation_alias="COUNTY_SECURE_COOKIES")
    #: Peers whose X-Forwarded-For is believed (the reverse proxy), comma separated.
    trusted_proxies: Annotated[tuple[str, ...], NoDecode] = Field((), validation_alias="COUNTY_TRUSTED_PROXIES")
    #: Database connection pool (PostgreSQL only).
    pool_size: int = Field(20, ge=1, validation_alias="COUNTY_DB_POOL_SIZE")
    max_overflow: int = Field(20, ge=0, validation_alias="COUNTY_DB_MAX_OVERFLOW")

    @field_validator("data_dir", mode="after")
    @classmethod
    def _expand_home(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("timezone", mode="after")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("not a known time zone (like Asia/Shanghai)") from None
        return value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / DEFAULT_DB_FILENAME}"

    @classmethod
    def from_env(cls) -> Settings:
        """The settings of this process; a bad value ends it with a sentence naming the variable."""
        try:
            return cls()
        except ValidationError as error:
            raise SettingsError(describe(error)) from None


def describe(error: ValidationError) -> str:
    """One line per refused value: the variable, what was given, what is expected."""
    aliases = {name: str(field.validation_alias or name) for name, field in Settings.model_fields.items()}
    lines = []
    for problem in error.errors():
        where = str(problem["loc"][0]) if problem["loc"] else "?"
        variable = aliases.get(where, where)
        lines.append(f"{variable}={problem.get('input')!r}: {problem['msg']}")
    return "County server settings refused: " + "; ".join(lines)
