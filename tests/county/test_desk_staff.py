"""Accounts from the desks: kept beside the county's, passed on in the staff
stream, hashes only, and never a head without the county's approval."""
from __future__ import annotations

import uuid

from sqlalchemy import select

from app.ids import uuid7
from app.services.passwords import verify_password
from county_server.models import Staff
from county_server.services import admin, desk_staff
from tests.county.harness import County, Desk, op, password_hash


def staff_op(staff_id: str, *, username: str = "lina", role: str = "window", password: str = "Lina2026a",
             base_version: int | None = None, **fields) -> dict:
    payload = {"username": username, "display_name": "李娜", "role": role, "password_hash": password_hash(password),
               "phone": "", "active": True, "must_change_password": False} | fields
    return op("staff", staff_id, "upsert", payload, base_version=base_version)


def _stream(desk: Desk) -> dict[str, dict]:
    return {e["id"]: e["data"] | {"_version": e["version"]} for e in desk.pull_all("staff")}


def test_a_desk_made_worker_is_kept_and_reaches_the_other_desks(county: County) -> None:
    county.make_center()
    one, two = county.enroll(), county.enroll()
    staff_id = str(uuid7())
    (result,) = one.push_ok([staff_op(staff_id)])
    assert result["status"] == "applied" and result["version"] == 1 and result["role_pending"] == ""
    again = one.push_ok([staff_op(staff_id)])  # the answer was lost
    assert again[0]["status"] == "duplicate"
    row = _stream(two)[staff_id]
    assert row["username"] == "lina" and row["role"] == "window" and row["origin"] == "desk"
    assert verify_password("Lina2026a", row["password_hash"])
    with county.session() as session:
        assert session.get(Staff, uuid.UUID(staff_id)).origin == "desk"
    # Nothing of it in the records stream: accounts travel in their own.
    assert all(e["entity"] != "staff" for e in one.pull_all("records"))


def test_a_plain_password_or_an_unknown_role_is_refused(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    plain = staff_op(str(uuid7()))
    plain["payload"]["password_hash"] = "Lina2026a"
    odd = staff_op(str(uuid7()), username="x1", role="admin")
    results = desk.push_ok([plain, odd])
    assert [r["status"] for r in results] == ["rejected", "rejected"]
    assert results[0]["reason_code"] == "invalid_payload" and "password_hash" in results[0]["reason"]
    assert "role" in results[1]["reason"]
    with county.session() as session:
        assert session.scalars(select(Staff)).all() == []


def test_a_head_made_at_a_desk_waits_for_the_countys_approval(county: County) -> None:
    county.make_center()
    one, two = county.enroll(), county.enroll()
    staff_id = str(uuid7())
    (result,) = one.push_ok([staff_op(staff_id, username="fuzhuren", role="head")])
    assert result["status"] == "applied" and result["role"] == "window" and result["role_pending"] == "head"
    assert "批准" in result["reason"]
    row = _stream(two)[staff_id]
    assert row["role"] == "window" and row["role_pending"] == "head"
    # Sent again unchanged: still the same, still waiting.
    assert one.push_ok([staff_op(staff_id, username="fuzhuren", role="head")])[0]["status"] == "duplicate"
    with county.session() as session:
        desk_staff.approve_role(session, session.get(Staff, uuid.UUID(staff_id)))
    row = _stream(two)[staff_id]
    assert row["role"] == "head" and row["role_pending"] == "" and row["_version"] == 2


def test_a_desk_may_lower_a_role_but_not_raise_a_county_account(county: County) -> None:
    county.make_center()
    with county.session() as session:
        center = admin.find_center(session, "SFC01")
        made = admin.create_staff(session, center, username="zhuren", display_name="王主任", password="Zhuren2026",
                                  role="head")
        worker = admin.create_staff(session, center, username="lina", display_name="李娜", password="Lina2026a")
        head_id, worker_id, head_hash = str(made.id), str(worker.id), made.password_hash
    desk = county.enroll()
    demote = op("staff", head_id, "upsert", {"username": "zhuren", "display_name": "王主任", "role": "proxy",
                                             "password_hash": head_hash, "active": True}, base_version=1)
    raise_ = staff_op(worker_id, role="head", base_version=1)
    results = desk.push_ok([demote, raise_])
    assert [(r["status"], r["role"], r["role_pending"]) for r in results] == [
        ("applied", "proxy", ""), ("applied", "window", "head")]


def test_another_writer_in_between_is_a_conflict_and_a_taken_name_is_refused(county: County) -> None:
    county.make_center()
    one, two = county.enroll(), county.enroll()
    staff_id = str(uuid7())
    one.push_ok([staff_op(staff_id)])
    two.push_ok([staff_op(staff_id, base_version=1, display_name="李娜娜")])
    stale = one.push_ok([staff_op(staff_id, base_version=1, active=False)])[0]
    assert stale["status"] == "conflict" and stale["reason_code"] == "stale"
    assert stale["current"]["display_name"] == "李娜娜" and stale["current_version"] == 2
    taken = two.push_ok([staff_op(str(uuid7()))])[0]  # another account named lina
    assert taken["status"] == "rejected" and taken["reason_code"] == "username_taken" and not taken["retryable"]
    assert "lina" in taken["reason"]


def test_an_enrolling_desks_own_head_waits_for_approval_too(county: County) -> None:
    county.make_center()
    staff_id = str(uuid7())
    local = {"id": staff_id, "username": "zhuren", "display_name": "王主任", "role": "head",
             "password_hash": password_hash("Zhuren2026")}
    desk = county.enroll(local_staff=[local])
    row = _stream(desk)[staff_id]
    assert row["role"] == "window" and row["role_pending"] == "head"


def test_the_county_page_shows_and_approves_a_waiting_head(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    staff_id = str(uuid7())
    desk.push_ok([staff_op(staff_id, username="fuzhuren", role="head")])
    csrf = county.login()
    with county.session() as session:
        center_id = admin.find_center(session, "SFC01").id
    page = county.client.get(f"/admin/centers/{center_id}")
    assert "待批准" in page.text and "电脑添加" in page.text
    answer = county.client.post(f"/admin/centers/{center_id}/staff/{staff_id}",
                                data={"csrf": csrf, "action": "approve"}, follow_redirects=False)
    assert answer.status_code == 303
    with county.session() as session:
        row = session.get(Staff, uuid.UUID(staff_id))
        assert (row.role, row.requested_role) == ("head", "")
