"""Forwarded cases: the county's work list, county status events, and the
county_events stream that brings them back to the desk."""
from __future__ import annotations

import uuid

from app.services import lifecycle
from county_server.models import Case
from county_server.services import admin
from tests.county.harness import County


def _history_is_legal(events: list[dict]) -> bool:
    status = None
    for event in events:
        if status is None:
            if lifecycle.INTAKE_OUTCOMES.get(event["kind"]) != event["to_status"]:
                return False
        elif lifecycle.apply(status, event["kind"], is_head=True).to_status != event["to_status"]:
            return False
        status = event["to_status"]
    return True


def test_forwarded_case_in_work_list_and_county_events_reach_the_desk(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    case_id, number = desk.forwarded_case()
    desk.new_case(name="不转报")  # an ordinary case stays off the county's list
    csrf = county.login("officer1", role="officer")
    page = county.client.get("/admin/forwarded")
    assert page.status_code == 200 and number in page.text and "转报待办（1 件）" in page.text
    received = county.client.post(f"/admin/cases/{case_id}/events", data={"csrf": csrf, "action": "received"},
                                  follow_redirects=False)
    assert received.status_code == 303
    done = county.client.post(f"/admin/cases/{case_id}/events",
                              data={"csrf": csrf, "action": "completed", "result": "approved", "note": "已审批"},
                              follow_redirects=False)
    assert done.status_code == 303
    assert number not in county.client.get("/admin/forwarded").text
    entries = desk.pull_all("county_events")
    assert [(e["data"]["kind"], e["data"]["to_status"]) for e in entries] == [
        ("note", "forwarded"), ("return", "returned"), ("complete", "completed")]
    assert entries[-1]["data"]["case_status"] == "completed"
    assert entries[-1]["data"]["data"] == {"county_action": "completed", "result": "approved"}
    assert entries[-1]["data"]["actor_label"] == "县民政局" and entries[-1]["data"]["origin"] == "county"
    assert all(e["data"]["records_seq"] >= 3 for e in entries)
    state = county.client.get(f"/api/v1/cases/{case_id}", headers=desk.headers).json()
    assert [e["position"] for e in state["events"]] == [1, 2, 3, 4]
    assert _history_is_legal(state["events"])
    assert state["case"]["status"] == "completed" and state["case"]["result"] == "approved"


def test_desk_status_change_on_a_case_the_county_holds_is_a_conflict(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    case_id, _ = desk.forwarded_case()
    officer = county.county_user()
    from datetime import datetime, timezone

    from county_server.services import county_cases

    with county.session() as session:
        county_cases.record_county_action(session, case_id=uuid.UUID(case_id), action="received", user=officer,
                                          now=datetime.now(timezone.utc))
    desk_return = desk.event(case_id, "return", "forwarded", "returned", note="镇里退回")
    result = desk.push_ok([desk_return])[0]
    assert result["status"] == "conflict" and result["reason_code"] == "county_owned"
    note = desk.event(case_id, "note", "forwarded", "forwarded", note="群众来电询问")
    assert desk.push_ok([note])[0]["status"] == "applied"
    # Once the county returns it, the desk's stale view of the status is a conflict too.
    with county.session() as session:
        county_cases.record_county_action(session, case_id=uuid.UUID(case_id), action="returned", user=officer,
                                          now=datetime.now(timezone.utc), note="缺收入证明")
    late = desk.event(case_id, "note", "forwarded", "forwarded", note="晚到")
    assert desk.push_ok([late])[0]["reason_code"] == "status_changed"


def test_county_api_with_token(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    case_id, number = desk.forwarded_case()
    officer = county.county_user()
    with county.session() as session:
        token = admin.issue_county_api_token(session, officer)
    headers = {"Authorization": f"Bearer {token}"}
    listing = county.client.get("/api/v1/county/forwarded", headers=headers).json()
    assert [w["case_number"] for w in listing] == [number]
    assert county.client.get("/api/v1/county/forwarded", headers=desk.headers).status_code == 401
    missing_note = county.client.post(f"/api/v1/county/cases/{case_id}/events", json={"action": "returned"},
                                      headers=headers)
    assert missing_note.status_code == 409 and "补充" in missing_note.json()["detail"]["reason"]
    denied = county.client.post(f"/api/v1/county/cases/{case_id}/events",
                                json={"action": "completed", "result": "denied", "note": "收入超标"}, headers=headers)
    assert denied.status_code == 200 and len(denied.json()["events"]) == 2
    again = county.client.post(f"/api/v1/county/cases/{case_id}/events", json={"action": "received"}, headers=headers)
    assert again.status_code == 409 and "不在县级待办" in again.json()["detail"]["reason"]
    unknown = county.client.post(f"/api/v1/county/cases/{uuid.uuid4()}/events", json={"action": "received"},
                                 headers=headers)
    assert unknown.status_code == 404
    with county.session() as session:
        case = session.get(Case, uuid.UUID(case_id))
        assert (case.status, case.result) == ("completed", "denied")


def test_web_event_without_csrf_is_refused(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    case_id, _ = desk.forwarded_case()
    county.login("officer2", role="officer")
    before = county.change_count()
    response = county.client.post(f"/admin/cases/{case_id}/events", data={"action": "received"})
    assert response.status_code == 403
    forged = county.client.post(f"/admin/cases/{case_id}/events", data={"action": "received", "csrf": "x" * 32})
    assert forged.status_code == 403
    assert county.change_count() == before
