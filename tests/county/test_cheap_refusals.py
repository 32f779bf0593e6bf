"""Cheap refusals before any work: bounded inflation per route, deep JSON,
rate limits on unauthenticated and officer routes (issue: the county stays up)."""
from __future__ import annotations

import gzip
import json
import threading
import uuid

import pytest

from county_server.api import common
from county_server.app import create_app
from county_server.ratelimit import SharedRateLimiter
from county_server.services import admin
from county_server.settings import Settings
from tests.county.harness import County, op


def _bomb(inflated: int) -> bytes:
    """A small gzip body that inflates to ``inflated`` bytes of JSON."""
    return gzip.compress(b'{"code": "X", "pad": "' + b"x" * inflated + b'"}', compresslevel=9)


def test_an_enrollment_bomb_is_refused_at_the_routes_own_bound(county: County) -> None:
    county.make_center()
    bomb = _bomb(16 * 1024 * 1024)
    assert len(bomb) < 20 * 1024
    response = county.client.post("/api/v1/enroll", content=bomb,
                                  headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert (response.status_code, response.json()["detail"]["error"]) == (413, "body_too_large")
    plain = county.client.post("/api/v1/enroll", content=b'{"code": "' + b"x" * (300 * 1024) + b'"}',
                               headers={"Content-Type": "application/json"})
    assert plain.status_code == 413


def test_a_county_event_bomb_is_refused_at_the_routes_own_bound(county: County) -> None:
    officer = county.county_user()
    with county.session() as session:
        token = admin.issue_county_api_token(session, officer)
    response = county.client.post(f"/api/v1/county/cases/{uuid.uuid4()}/events", content=_bomb(1024 * 1024),
                                  headers={"Authorization": f"Bearer {token}", "Content-Encoding": "gzip"})
    assert (response.status_code, response.json()["detail"]["error"]) == (413, "body_too_large")


def test_deep_json_in_enrollment_is_a_400(county: County) -> None:
    deep = b'{"code": "X", "name": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = county.client.post("/api/v1/enroll", content=gzip.compress(deep),
                                  headers={"Content-Encoding": "gzip"})
    assert (response.status_code, response.json()["detail"]["error"]) == (400, "malformed_json")


def test_a_100k_deep_operation_is_refused_alone(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    good = desk.resident(name="李四")
    deep = op("resident", str(uuid.uuid4()), "upsert", {"doc_type": "身份证", "id_number": "1", "name": "x"})
    text = json.dumps({"protocol": 1, "ops": [good, deep]}, ensure_ascii=False)
    text = text.replace('"name": "x"', '"name": "x", "deep": ' + "[" * 100_000 + "]" * 100_000)
    response = county.client.post("/api/v1/push", content=gzip.compress(text.encode()),
                                  headers=desk.headers | {"Content-Encoding": "gzip"})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert results[0]["status"] == "applied"
    assert (results[1]["status"], results[1]["reason_code"], results[1]["op_id"]) == ("rejected", "too_deep",
                                                                                      deep["op_id"])
    assert results[1]["retryable"] is False


def test_bodies_are_parsed_off_the_event_loop(county: County, monkeypatch: object) -> None:
    county.make_center()
    desk = county.enroll()
    threads: list[str] = []
    real = common._decode_body

    def spy(*args: object) -> object:
        threads.append(threading.current_thread().name)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(common, "_decode_body", spy)  # type: ignore[attr-defined]
    assert desk.push([desk.resident()], gzipped=True).status_code == 200
    assert threads and threads[0].startswith("AnyIO worker thread")  # not the event loop's


def test_wrong_tokens_from_one_address_are_made_to_wait(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"auth_failures_per_minute": 3}), migrate_on_start=False)
    county = County(app)
    try:
        county.make_center()
        desk = county.enroll()
        answers = [county.client.get("/api/v1/meta", headers={"Authorization": "Bearer owd1_guess"}).status_code
                   for _ in range(5)]
        assert answers == [401, 401, 401, 429, 429]
        limited = county.client.get("/api/v1/meta", headers={"Authorization": "Bearer owd1_guess"})
        assert int(limited.headers["Retry-After"]) >= 1
        # A desk behind the same address (a village network) with its own token goes on.
        assert county.client.get("/api/v1/meta", headers=desk.headers).status_code == 200
    finally:
        county.close()


def test_officer_routes_are_rate_limited(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"officer_rate_per_minute": 4}), migrate_on_start=False)
    county = County(app)
    try:
        officer = county.county_user()
        with county.session() as session:
            token = admin.issue_county_api_token(session, officer)
        headers = {"Authorization": f"Bearer {token}"}
        answers = [county.client.get("/api/v1/county/forwarded", headers=headers).status_code for _ in range(6)]
        assert answers == [200, 200, 200, 200, 429, 429]
        page = county.client.get("/admin/", follow_redirects=False)
        assert page.status_code == 429
    finally:
        county.close()


def test_the_open_routes_are_limited_too(settings: Settings) -> None:
    """/healthz, the static files and the login form are cheap but not free:
    one address past the limit waits (429 with Retry-After), others do not."""
    app = create_app(settings.model_copy(update={"open_rate_per_minute": 3}), migrate_on_start=False)
    county = County(app)
    try:
        answers = [county.client.get(path).status_code
                   for path in ("/healthz", "/admin/login", "/healthz", "/static/missing.css", "/healthz")]
        assert answers[:2] == [200, 200] and answers[3:] == [429, 429]
        late = county.client.get("/healthz")
        assert late.status_code == 429 and int(late.headers["retry-after"]) >= 1
    finally:
        county.close()


def test_a_limit_in_the_database_is_shared_by_every_worker(county: County) -> None:
    one = SharedRateLimiter(county.app.state.db, "test", 3, 60)
    two = SharedRateLimiter(county.app.state.db, "test", 3, 60)  # another worker process, same database
    assert [one.hit("10.0.0.1"), two.hit("10.0.0.1"), one.hit("10.0.0.1")] == [None, None, None]
    assert two.blocked("10.0.0.1") is not None
    retry = one.hit("10.0.0.1")
    assert retry is not None and 1 <= retry <= 60
    assert two.hit("10.0.0.2") is None  # per address
    assert SharedRateLimiter(county.app.state.db, "other", 3, 60).hit("10.0.0.1") is None  # per limit


def test_two_server_processes_on_postgresql_count_wrong_tokens_together(settings: Settings) -> None:
    if settings.effective_database_url.startswith("sqlite"):
        pytest.skip("several worker processes run on PostgreSQL only")
    limited = settings.model_copy(update={"auth_failures_per_minute": 3})
    one, two = County(create_app(limited, migrate_on_start=False)), County(create_app(limited, migrate_on_start=False))
    try:
        guess = {"Authorization": "Bearer owd1_guess"}
        answers = [c.client.get("/api/v1/meta", headers=guess).status_code for c in (one, two, one, two)]
        assert answers == [401, 401, 401, 429]
    finally:
        one.close()
        two.close()


def test_a_login_form_is_small_and_an_address_over_its_limit_is_not_read(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"login_rate_per_15min": 2}), migrate_on_start=False)
    county = County(app)
    try:
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        huge = county.client.post("/admin/login", content=b"username=" + b"x" * (1024 * 1024), headers=form)
        assert huge.status_code == 413
        county.client.get("/admin/login")
        stale = county.client.post("/admin/login", data={"username": "a", "password": "b", "csrf": "x"})
        assert stale.status_code == 403
        for expected in (401, 401, 429):
            page = county.client.get("/admin/login")
            token = page.text.split('name="csrf" value="')[1].split('"')[0]
            answer = county.client.post("/admin/login", data={"username": "a", "password": "b", "csrf": token})
            assert answer.status_code == expected
        # Over the limit, not even a malformed body is looked at.
        assert county.client.post("/admin/login", content=b"\xff" * 100, headers=form).status_code == 429
    finally:
        county.close()
