"""What the routes declare they need (county_server.api.deps): the caller is
known before any body is read, and a refused request changes nothing."""
from __future__ import annotations

import gzip
import uuid

from county_server.services import admin
from tests.county.harness import County

# Not gzip at all, and larger than the server accepts: inflating or even
# reading it would answer 400/413, so a 401/403 proves it was never touched.
NOT_GZIP = b"\x1f\x8b" + b"\xff" * 64


def _no_token_push(county: County, body: bytes, **headers: str) -> tuple[int, str]:
    response = county.client.post("/api/v1/push", content=body, headers=headers)
    return response.status_code, response.json()["detail"]["error"]


def test_push_without_a_token_is_refused_before_its_body_is_read(county: County) -> None:
    county.make_center()
    county.enroll()
    assert _no_token_push(county, NOT_GZIP, **{"Content-Encoding": "gzip"}) == (401, "unauthenticated")
    assert _no_token_push(county, b"{not json") == (401, "unauthenticated")
    huge = gzip.compress(b"[" + b"0," * 4_000_000 + b"0]")  # a small bomb: 8 MB inflated
    assert _no_token_push(county, huge, **{"Content-Encoding": "gzip"}) == (401, "unauthenticated")
    bad = county.client.post("/api/v1/push", content=NOT_GZIP,
                             headers={"Content-Encoding": "gzip", "Authorization": "Bearer owd1_nope"})
    assert (bad.status_code, bad.json()["detail"]["error"]) == (401, "invalid_token")


def test_a_known_device_gets_the_body_errors(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    response = county.client.post("/api/v1/push", content=NOT_GZIP,
                                  headers=desk.headers | {"Content-Encoding": "gzip"})
    assert (response.status_code, response.json()["detail"]["error"]) == (400, "bad_gzip")


def test_a_revoked_device_is_refused_before_its_body_is_read(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    with county.session() as session:
        center = admin.find_center(session, "SFC01")
        admin.revoke_device(session, admin.find_device(session, center, desk.device_number))
    response = county.client.post("/api/v1/push", content=NOT_GZIP,
                                  headers=desk.headers | {"Content-Encoding": "gzip"})
    assert (response.status_code, response.json()["detail"]["error"]) == (403, "device_revoked")


def test_county_events_without_a_token_are_refused_before_the_body(county: County) -> None:
    response = county.client.post(f"/api/v1/county/cases/{uuid.uuid4()}/events", content=b"{not json",
                                  headers={"Content-Type": "application/json"})
    assert (response.status_code, response.json()["detail"]["error"]) == (401, "unauthenticated")


def test_protocol_is_checked_for_every_device_route(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    headers = desk.headers | {"OneWindow-Protocol": "99"}
    for response in (county.client.get("/api/v1/meta", headers=headers),
                     county.client.get("/api/v1/pull/records", headers=headers),
                     county.client.post("/api/v1/push", content=NOT_GZIP, headers=headers),
                     county.client.post("/api/v1/enroll", json={"code": "X"}, headers={"OneWindow-Protocol": "99"})):
        assert response.status_code == 400
        assert response.json()["detail"]["error"] == "unsupported_protocol"


def test_admin_form_of_a_stranger_or_an_officer_is_not_parsed(county: County) -> None:
    stranger = county.client.post("/admin/centers", content=b"--broken-multipart",
                                  headers={"Content-Type": "multipart/form-data; boundary=x"}, follow_redirects=False)
    assert stranger.status_code == 303 and stranger.headers["location"] == "/admin/login"
    county.login("officer1", role="officer")
    officer = county.client.post("/admin/centers", content=b"--broken-multipart",
                                 headers={"Content-Type": "multipart/form-data; boundary=x"}, follow_redirects=False)
    assert officer.status_code == 403 and "县级管理员" in officer.text
