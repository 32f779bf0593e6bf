"""Settings in one typed place: the README's variables, their defaults, and
refusals that name the variable."""
from __future__ import annotations

from pathlib import Path

import pytest

from county_server.settings import Settings, SettingsError

VARIABLES = {
    "database_url": "COUNTY_DATABASE_URL", "data_dir": "COUNTY_DATA_DIR", "timezone": "COUNTY_TIMEZONE",
    "trusted_proxies": "COUNTY_TRUSTED_PROXIES", "secure_cookies": "COUNTY_SECURE_COOKIES",
    "status_rate_per_minute": "COUNTY_STATUS_RATE_PER_MINUTE", "enrollment_code_hours": "COUNTY_ENROLLMENT_CODE_HOURS",
    "max_batch_ops": "COUNTY_MAX_BATCH_OPS", "max_body_bytes": "COUNTY_MAX_BODY_BYTES",
    "pool_size": "COUNTY_DB_POOL_SIZE", "max_overflow": "COUNTY_DB_MAX_OVERFLOW",
    "enroll_rate_per_minute": "COUNTY_ENROLL_RATE_PER_MINUTE",
    "auth_failures_per_minute": "COUNTY_AUTH_FAILURES_PER_MINUTE",
    "officer_rate_per_minute": "COUNTY_OFFICER_RATE_PER_MINUTE",
    "lookup_rate_per_minute": "COUNTY_LOOKUP_RATE_PER_MINUTE",
    "login_rate_per_15min": "COUNTY_LOGIN_RATE_PER_15MIN", "max_inflated_bytes": "COUNTY_MAX_INFLATED_BYTES",
    "session_hours": "COUNTY_SESSION_HOURS", "open_rate_per_minute": "COUNTY_OPEN_RATE_PER_MINUTE",
}


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in VARIABLES.values():
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_every_field_reads_its_readme_variable() -> None:
    assert {name: str(field.validation_alias) for name, field in Settings.model_fields.items()} == VARIABLES


def test_defaults_match_the_readme(env: pytest.MonkeyPatch) -> None:
    settings = Settings.from_env()
    assert (settings.database_url, settings.timezone, settings.trusted_proxies, settings.secure_cookies) == (
        "", "Asia/Shanghai", (), False)
    assert (settings.status_rate_per_minute, settings.enrollment_code_hours, settings.max_batch_ops) == (20, 72, 1000)
    assert (settings.max_body_bytes, settings.pool_size, settings.max_overflow) == (2 * 1024 * 1024, 20, 20)
    assert settings.effective_database_url.endswith("county.sqlite3")


def test_values_from_the_environment(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env.setenv("COUNTY_TRUSTED_PROXIES", " 127.0.0.1, 10.0.0.2 ,")
    env.setenv("COUNTY_SECURE_COOKIES", "1")
    env.setenv("COUNTY_MAX_BATCH_OPS", " 50 ")
    env.setenv("COUNTY_DB_POOL_SIZE", "")  # empty means the default
    env.setenv("COUNTY_DATA_DIR", str(tmp_path))
    settings = Settings.from_env()
    assert settings.trusted_proxies == ("127.0.0.1", "10.0.0.2")
    assert settings.secure_cookies is True and settings.max_batch_ops == 50 and settings.pool_size == 20
    assert settings.effective_database_url == f"sqlite:///{tmp_path / 'county.sqlite3'}"


def test_explicit_values_win_over_the_environment(env: pytest.MonkeyPatch) -> None:
    env.setenv("COUNTY_STATUS_RATE_PER_MINUTE", "7")
    assert Settings(status_rate_per_minute=1000).status_rate_per_minute == 1000
    assert Settings().status_rate_per_minute == 7


@pytest.mark.parametrize(("variable", "value"), [
    ("COUNTY_MAX_BATCH_OPS", "lots"),
    ("COUNTY_DB_POOL_SIZE", "0"),
    ("COUNTY_SECURE_COOKIES", "maybe"),
    ("COUNTY_TIMEZONE", "Mars/Olympus_Mons"),
])
def test_a_bad_value_is_refused_naming_the_variable(env: pytest.MonkeyPatch, variable: str, value: str) -> None:
    env.setenv(variable, value)
    with pytest.raises(SettingsError) as refused:
        Settings.from_env()
    assert variable in str(refused.value) and repr(value) in str(refused.value)
