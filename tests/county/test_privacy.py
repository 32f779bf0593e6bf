"""No personal data or verification codes in the server's logs; security
headers on every page; Secure cookies behind TLS."""
from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from county_server import hardening
from county_server.app import create_app
from county_server.db import create_db_engine
from county_server.services import push as push_service
from county_server.settings import Settings
from tests.county.harness import County
from tests.sync.live import CountyProcess

ID_NUMBER, PHONE = "110101199003071234", "13912345678"


def test_the_access_log_never_holds_the_status_pages_code(database_url: str, tmp_path: Path) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("one live server is enough; the log does not depend on the database")
    server = CountyProcess(database_url, tmp_path, args=("--log-level", "info"))
    server.start()
    try:
        answer = httpx.get(server.base + "/status", params={"case": "SFC01-01-20261120-0001", "code": "7KQ3MX"})
        assert answer.status_code == 404
        httpx.get(server.base + f"/admin/residents/{ID_NUMBER}")
    finally:
        server.close()
    log = server.log.read_text(errors="replace")
    assert '"GET /status?… HTTP/1.1" 404' in log
    assert "7KQ3MX" not in log and "SFC01-01-20261120-0001" not in log
    assert ID_NUMBER not in log and "110101********1234" in log


def test_a_failure_is_logged_without_the_data_it_carried(county: County, caplog: pytest.LogCaptureFixture,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    county.make_center()
    desk = county.enroll()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"could not store {{'id_number': '{ID_NUMBER}', 'phone': '{PHONE}'}}")

    monkeypatch.setattr(push_service, "push_batch", broken)
    with caplog.at_level(logging.INFO):
        response = desk.push([desk.resident(phone=PHONE)])
    assert response.status_code == 500
    assert response.json()["detail"]["error"] == "internal_error"
    assert response.headers["x-content-type-options"] == "nosniff"
    text = caplog.text + "".join(str(r.exc_info) for r in caplog.records)
    assert "RuntimeError" in text and "/api/v1/push" in text
    assert ID_NUMBER not in text and PHONE not in text


def test_other_log_lines_have_id_numbers_and_phones_masked(caplog: pytest.LogCaptureFixture) -> None:
    hardening.install_log_redaction()
    with caplog.at_level(logging.INFO):
        logging.getLogger("county_server.anything").warning("resident %s phone %s", ID_NUMBER, PHONE)
        try:
            raise ValueError(f"bad {ID_NUMBER}")
        except ValueError:
            logging.getLogger("uvicorn.error").exception("Exception in ASGI application")
    assert ID_NUMBER not in caplog.text and PHONE not in caplog.text
    assert "110101********1234" in caplog.text and "139****5678" in caplog.text
    assert all(r.exc_info is None for r in caplog.records)
    assert "ValueError" in caplog.text


def test_sql_parameters_never_reach_an_error_message(database_url: str) -> None:
    assert create_db_engine(Settings(database_url=database_url)).hide_parameters is True


@pytest.mark.parametrize("path", ["/admin/login", "/status?case=X&code=Y", "/healthz", "/api/v1/meta",
                                  "/static/county.css", "/nope"])
def test_every_page_has_the_security_headers(county: County, path: str) -> None:
    headers = county.client.get(path).headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"


def _login_cookie_secure(settings: Settings, headers: dict[str, str]) -> bool:
    app = create_app(settings, migrate_on_start=False)
    county = County(app)
    try:
        cookie = county.client.get("/admin/login", headers=headers).headers["set-cookie"]
        return "secure" in cookie.lower()
    finally:
        county.close()


def test_cookies_are_secure_behind_tls(settings: Settings) -> None:
    https = {"X-Forwarded-Proto": "https"}
    assert not _login_cookie_secure(settings, {})
    assert not _login_cookie_secure(settings, https)  # anyone can send the header: only our proxy is believed
    assert _login_cookie_secure(settings.model_copy(update={"trusted_proxies": ("testclient",)}), https)
    assert _login_cookie_secure(settings.model_copy(update={"secure_cookies": True}), {})

