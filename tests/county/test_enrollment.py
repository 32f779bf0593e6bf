"""Enrollment: one-time expiring codes, device identity, token stored hashed."""
from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from app.ids import uuid7
from app.services.passwords import verify_password
from county_server.models import Device, EnrollmentCode, Staff
from county_server.security import token_hash
from county_server.services import admin
from tests.county.harness import County, password_hash


def test_enroll_gives_identity_and_stores_only_a_hash(county: County) -> None:
    county.make_center()
    code = county.issue_code()
    response = county.client.post("/api/v1/enroll", json={"code": code, "name": "窗口一", "window_no": "1"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["device_number"] == 1
    assert body["center"]["code"] == "SFC01"
    assert body["token"].startswith("owd1_")
    with county.session() as session:
        device = session.get(Device, uuid.UUID(body["device_id"]))
        assert device.token_hash == token_hash(body["token"])
        assert body["token"] not in {device.token_hash, device.name}
        stored = session.scalar(select(EnrollmentCode))
        assert stored.code_hash != code and stored.used_at is not None
    meta = county.client.get("/api/v1/meta", headers={"Authorization": f"Bearer {body['token']}"})
    assert meta.status_code == 200
    assert meta.json()["device_number"] == 1


def test_code_is_single_use(county: County) -> None:
    county.make_center()
    code = county.issue_code()
    assert county.client.post("/api/v1/enroll", json={"code": code}).status_code == 200
    again = county.client.post("/api/v1/enroll", json={"code": code})
    assert again.status_code == 400
    assert again.json()["detail"]["error"] == "code_used"


def test_expired_code_is_refused_and_changes_nothing(county: County) -> None:
    county.make_center()
    with county.session() as session:
        center = admin.find_center(session, "SFC01")
        code = admin.issue_enrollment_code(
            session, center, hours=1, now=datetime.now(timezone.utc) - timedelta(hours=2)
        ).code
    before = county.change_count()
    response = county.client.post("/api/v1/enroll", json={"code": code})
    assert response.status_code == 400
    assert response.json()["detail"]["error"] == "code_expired"
    assert "过期" in response.json()["detail"]["reason"]
    assert county.change_count() == before
    with county.session() as session:
        assert session.scalar(select(Device)) is None


def test_unknown_code_and_code_typed_loosely(county: County) -> None:
    county.make_center()
    assert county.client.post("/api/v1/enroll", json={"code": "AAAA-BBBB-CCCC"}).json()["detail"]["error"] == "code_invalid"
    code = county.issue_code()
    # Typed in lower case without dashes at the desk: still the same code.
    assert county.client.post("/api/v1/enroll", json={"code": code.replace("-", "").lower()}).status_code == 200


def test_desk_keeps_its_id_and_number_and_its_offline_accounts(county: County) -> None:
    county.make_center()
    device_id, staff_id = str(uuid7()), str(uuid7())
    staff = {"id": staff_id, "username": "zhuren", "display_name": "王主任", "role": "head",
             "password_hash": password_hash("demo2026a")}
    code = county.issue_code()
    body = county.client.post("/api/v1/enroll", json={
        "code": code, "device_id": device_id, "device_number": 3, "local_staff": [staff]}).json()
    assert body["device_id"] == device_id and body["device_number"] == 3
    assert body["staff_adopted"] == ["zhuren"]
    with county.session() as session:
        row = session.get(Staff, uuid.UUID(staff_id))
        assert verify_password("demo2026a", row.password_hash)
    # A second PC proposing the same number is told, and nothing is used up.
    code2 = county.issue_code()
    taken = county.client.post("/api/v1/enroll", json={"code": code2, "device_number": 3})
    assert taken.status_code == 409
    assert taken.json()["detail"]["suggested_device_number"] == 4
    assert county.client.post("/api/v1/enroll", json={"code": code2}).json()["device_number"] == 4


def test_reenrollment_replaces_the_token_of_the_same_device(county: County) -> None:
    county.make_center()
    old = county.enroll()
    code = county.issue_code(device_number=old.device_number)
    new = county.client.post("/api/v1/enroll", json={"code": code}).json()
    assert new["device_id"] == old.device_id and new["reenrolled"] is True
    assert county.client.get("/api/v1/meta", headers=old.headers).status_code == 401
    assert county.client.get("/api/v1/meta", headers={"Authorization": f"Bearer {new['token']}"}).status_code == 200


def test_revoked_device_is_refused(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    with county.session() as session:
        center = admin.find_center(session, "SFC01")
        admin.revoke_device(session, admin.find_device(session, center, desk.device_number))
    before = county.change_count()
    for response in (county.client.get("/api/v1/meta", headers=desk.headers),
                     desk.push([desk.resident()]), desk.pull("records")):
        assert response.status_code == 403
        assert response.json()["detail"]["error"] == "device_revoked"
    assert county.change_count() == before


def test_wrong_or_missing_token(county: County) -> None:
    county.make_center()
    county.enroll()
    assert county.client.get("/api/v1/meta").status_code == 401
    bad = county.client.get("/api/v1/meta", headers={"Authorization": "Bearer owd1_nope"})
    assert bad.status_code == 401
    assert bad.json()["detail"]["reason"]
    assert bad.headers["www-authenticate"] == "Bearer"


def _secret() -> tuple[str, str]:
    secret = secrets.token_urlsafe(32)
    return secret, hashlib.sha256(secret.encode()).hexdigest()


def test_the_same_pc_sending_its_code_again_gets_a_new_token(county: County) -> None:
    """The answer to an enrollment was lost on the link: the PC sends the same
    code again with the same device id, proving the secret whose hash came
    with its first request, and gets a fresh token; the lost token stops
    working; anyone else still finds the code used."""
    county.make_center()
    code = county.issue_code()
    device_id = str(uuid7())
    secret, hashed = _secret()
    staff = {"id": str(uuid7()), "username": "zhuren", "display_name": "王主任", "role": "head",
             "password_hash": password_hash("Passw0rd!")}
    first = county.client.post("/api/v1/enroll", json={"code": code, "device_id": device_id, "local_staff": [staff],
                                                       "secret_hash": hashed})
    assert first.status_code == 200, first.text
    again = county.client.post("/api/v1/enroll", json={"code": code, "device_id": device_id, "local_staff": [staff],
                                                       "secret_hash": hashed, "secret": secret})
    assert again.status_code == 200, again.text
    body = again.json()
    assert body["device_id"] == device_id and body["device_number"] == first.json()["device_number"]
    assert body["token"] != first.json()["token"] and body["staff_conflicts"] == []
    lost = county.client.get("/api/v1/meta", headers={"Authorization": f"Bearer {first.json()['token']}"})
    assert lost.status_code == 401
    assert county.client.get("/api/v1/meta", headers={"Authorization": f"Bearer {body['token']}"}).status_code == 200
    other = county.client.post("/api/v1/enroll", json={"code": code, "device_id": str(uuid7())})
    assert other.status_code == 400 and other.json()["detail"]["error"] == "code_used"
    with county.session() as session:
        assert len(session.scalars(select(Device)).all()) == 1
        assert len(session.scalars(select(Staff)).all()) == 1


def test_a_used_code_and_the_device_id_are_no_master_key(county: County) -> None:
    """Every desk of the center learns a device's id (the center stream): with
    the code, it must not take the device over, nor plant an account."""
    county.make_center()
    code = county.issue_code()
    device_id = str(uuid7())
    secret, hashed = _secret()
    first = county.client.post("/api/v1/enroll", json={"code": code, "device_id": device_id, "secret_hash": hashed})
    assert first.status_code == 200
    planted = {"id": str(uuid7()), "username": "boss", "display_name": "假主任", "role": "head",
               "password_hash": password_hash("Passw0rd!")}
    for replay in ({"code": code, "device_id": device_id, "local_staff": [planted]},
                   {"code": code, "device_id": device_id, "secret": "guess", "local_staff": [planted]},
                   {"code": code, "device_id": device_id, "secret_hash": hashed, "local_staff": [planted]}):
        answer = county.client.post("/api/v1/enroll", json=replay)
        assert (answer.status_code, answer.json()["detail"]["error"]) == (400, "code_used")
    token = first.json()["token"]
    assert county.client.get("/api/v1/meta", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    # Once the token has been used, even the secret recovers nothing: the code is dead.
    late = county.client.post("/api/v1/enroll", json={"code": code, "device_id": device_id, "secret": secret})
    assert (late.status_code, late.json()["detail"]["error"]) == (400, "code_used")
    assert county.client.get("/api/v1/meta", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    with county.session() as session:
        assert session.scalar(select(Staff).where(Staff.username == "boss")) is None


def test_an_older_desk_without_a_secret_enrolls_but_cannot_recover(county: County) -> None:
    county.make_center()
    code = county.issue_code()
    device_id = str(uuid7())
    assert county.client.post("/api/v1/enroll", json={"code": code, "device_id": device_id}).status_code == 200
    again = county.client.post("/api/v1/enroll", json={"code": code, "device_id": device_id})
    assert (again.status_code, again.json()["detail"]["error"]) == (400, "code_used")


def test_enrollment_text_no_record_can_hold_is_a_422(county: County) -> None:
    county.make_center()
    code = county.issue_code()
    staff = {"id": str(uuid7()), "username": "zhuren", "display_name": "王\x00主任", "role": "window",
             "password_hash": password_hash("Passw0rd!")}
    answer = county.client.post("/api/v1/enroll", json={"code": code, "local_staff": [staff]})
    assert (answer.status_code, answer.json()["detail"]["error"]) == (422, "invalid_request")
    assert county.client.post("/api/v1/enroll", json={"code": code}).status_code == 200  # nothing used up
