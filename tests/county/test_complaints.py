"""投诉举报 at the county: pushed with its GB/T 39046 fields, found on the
public status page by number + query code (status and dates only), and
escalated complaints answered by county officers, the answer going back to
the desks by pull without ever being overwritten by a desk."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from app.ids import uuid7
from app.services.errors import DomainError
from app.services.status_link import complaint_status_url
from county_server.models import Complaint
from county_server.services import county_complaints
from tests.county.harness import NOW, County, Desk, op

DUE = date(2026, 11, 27)


def complaint(desk: Desk, *, seq: int = 1, complaint_id: str | None = None, **fields: Any) -> dict[str, Any]:
    """A complaint op shaped like the desk's row (app.models.Complaint)."""
    payload = {
        "complaint_number": f"TS-{desk.center_code}-{desk.device_number:02d}-20261120-{seq:04d}",
        "query_code": "Q8M4TZ", "title": "窗口人员态度生硬", "anonymous": False, "complainant_name": "欧阳娜娜",
        "complainant_phone": "13812345678", "subject": "本中心民政窗口", "source": "window", "work_order_number": "",
        "work_order_due": None, "content": "办理低保年审时工作人员不耐烦。", "case_id": None, "rating_id": None,
        "received_by": desk.staff_id, "received_at": NOW.isoformat(), "handler_id": desk.staff_id, "simple": False,
        "answer_days": 5, "answer_due": DUE.isoformat(), "due_provisional": False, "extended_from": None,
        "extension_reason": "", "answer": "", "answered_by": None, "answered_at": None, "told_by": "",
        "told_complainant_at": None, "told_note": "", "told_staff_id": None, "status": "registered",
        "escalated_at": None, "escalated_by": None, "escalation_reason": "", "county_answer": "",
        "county_answered_at": None, "county_officer": "", "created_at": NOW.isoformat(), "updated_at": NOW.isoformat(),
    } | fields
    return op("complaint", complaint_id or str(uuid7()), "upsert", payload)


def test_a_complaint_is_stored_with_its_fields_and_its_number_is_checked(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    sent = complaint(desk)
    assert desk.push_ok([sent])[0]["status"] == "applied"
    with county.session() as session:
        row = session.get(Complaint, uuid.UUID(sent["entity_id"]))
        assert row is not None and row.complaint_number == sent["payload"]["complaint_number"]
        assert row.answer_due == DUE and row.status == "registered" and row.data["title"] == "窗口人员态度生硬"
    other = county.enroll()
    results = desk.push_ok([
        complaint(desk, seq=2, complaint_number="TS-OTHER-01-20261120-0001"),
        complaint(desk, seq=3, content="长" * 1001),
        complaint(desk, seq=4, source="fax"),
        complaint(other, complaint_number=sent["payload"]["complaint_number"]),  # the same number again
    ])
    assert [r["status"] for r in results] == ["rejected", "rejected", "rejected", "conflict"]
    assert results[0]["reason_code"] == "bad_complaint_number" and "content" in results[1]["reason"]
    assert "投诉来源" in results[2]["reason"] and results[3]["reason_code"] == "duplicate_complaint_number"
    changed = dict(sent, op_id=str(uuid7()), payload=sent["payload"] | {"query_code": "AAAAAA"})
    refused = desk.push_ok([changed])[0]
    assert refused["reason_code"] == "immutable_field" and "query_code" in refused["reason"]


def test_a_complaint_linked_to_an_unsent_case_waits_for_it(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    resident = desk.resident()
    case = desk.case(resident["entity_id"])
    early = desk.push_ok([complaint(desk, case_id=case["entity_id"])])[0]
    assert early["reason_code"] == "missing_parent" and early["retryable"]


def test_the_status_page_shows_status_and_dates_only(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    sent = complaint(desk)
    desk.push_ok([sent])
    number = sent["payload"]["complaint_number"]
    url = complaint_status_url("http://testserver", number, "q8m4tz")  # the code is read out: any case
    page = county.client.get(url)
    assert page.status_code == 200, page.text
    text = page.text
    assert number in text and "已登记" in text and "2026-11-27" in text and "2026-11-20" in text
    for private in ("欧阳", "13812345678", "态度生硬", "不耐烦", "民政窗口"):
        assert private not in text
    assert page.headers["cache-control"] == "no-store" and page.headers["referrer-policy"] == "no-referrer"
    wrong = county.client.get(f"/status?complaint={number}&code=AAAAAA")
    missing = county.client.get("/status?complaint=TS-SFC01-01-20261120-9999&code=Q8M4TZ")
    assert wrong.status_code == missing.status_code == 404 and wrong.text == missing.text
    assert number not in wrong.text


def test_an_escalated_complaint_is_answered_by_the_county_and_the_answer_goes_down(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    sent = complaint(desk)
    assert desk.push_ok([sent])[0]["version"] == 1
    cid = uuid.UUID(sent["entity_id"])
    officer = county.county_user()
    with county.session() as session, pytest.raises(DomainError, match="未上报县级"):  # the center answers it
        county_complaints.answer_escalated(session, cid, user=officer, answer="已核查", now=NOW)
    escalated_at = (NOW + timedelta(hours=1)).isoformat()
    up = dict(sent, op_id=str(uuid7()), base_version=1, payload=sent["payload"] | {
        "status": "escalated", "escalated_at": escalated_at, "escalation_reason": "投诉对象为中心主任"})
    assert desk.push_ok([up])[0]["version"] == 2
    with county.db() as session:
        waiting = county_complaints.escalated_complaints(session, today=DUE)
    assert [w.complaint_number for w in waiting] == [sent["payload"]["complaint_number"]]
    assert waiting[0].complainant == "欧阳**" and waiting[0].phone == "138****5678" and waiting[0].awaits_county
    answered_at = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)
    with county.session() as session:
        county_complaints.answer_escalated(session, cid, user=officer, answer="经县里核查属实，已责令整改。",
                                           now=answered_at)
    entries = [e for e in desk.pull_all("records") if e["entity"] == "complaint"]
    assert entries[-1]["version"] == 3 and entries[-1]["data"]["county_answer"] == "经县里核查属实，已责令整改。"
    assert entries[-1]["data"]["county_officer"] == "县民政局"
    # The desk tells the complainant, built on the version it knew (2), sending its own
    # (empty) county fields: no conflict, and the county's answer stays.
    told = dict(sent, op_id=str(uuid7()), base_version=2, payload=up["payload"] | {
        "status": "told", "told_by": "phone", "told_complainant_at": (answered_at + timedelta(hours=2)).isoformat()})
    result = desk.push_ok([told])[0]
    assert result["status"] == "applied" and result["version"] == 4
    with county.session() as session:
        row = session.get(Complaint, cid)
        assert row.status == "told" and row.county_answer == "经县里核查属实，已责令整改。"
        assert row.data["county_answer"] == row.county_answer and row.told_at is not None
    page = county.client.get(f"/status?complaint={sent['payload']['complaint_number']}&code=Q8M4TZ").text
    assert "已告知" in page and "2026-11-21" in page and "核查属实" not in page


def test_the_api_lists_and_answers_escalated_complaints(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    sent = complaint(desk, status="escalated", escalated_at=NOW.isoformat(), escalation_reason="针对中心主任")
    desk.push_ok([sent])
    token = _api_token(county)
    headers = {"Authorization": f"Bearer {token}"}
    listed = county.client.get("/api/v1/county/complaints", headers=headers)
    assert listed.status_code == 200, listed.text
    (item,) = listed.json()
    assert item["complaint_id"] == sent["entity_id"] and item["complainant"] == "欧阳**"
    assert "13812345678" not in listed.text
    url = f"/api/v1/county/complaints/{sent['entity_id']}/answer"
    empty = county.client.post(url, json={"answer": " "}, headers=headers)
    assert empty.status_code == 409 and "答复内容" in empty.text
    done = county.client.post(url, json={"answer": "已约谈中心主任，限期整改。"}, headers=headers)
    assert done.status_code == 200, done.text
    assert done.json()["county_answer"] == "已约谈中心主任，限期整改。"
    again = county.client.post(url, json={"answer": "再答一次"}, headers=headers)
    assert again.status_code == 409
    assert county.client.get("/api/v1/county/complaints", headers=headers).json() == []
    unknown = county.client.post(f"/api/v1/county/complaints/{uuid7()}/answer", json={"answer": "x"}, headers=headers)
    assert unknown.status_code == 404
    assert county.client.get("/api/v1/county/complaints").status_code == 401


def _api_token(county: County) -> str:
    from county_server.services import admin

    user = county.county_user("complaints-officer")
    with county.session() as session:
        session.add(user)
        return admin.issue_county_api_token(session, session.merge(user))


def test_the_dashboard_counts_open_and_overdue_complaints(county: County) -> None:
    from county_server.services.dashboard import center_figures

    county.make_center()
    desk = county.enroll()
    desk.push_ok([complaint(desk, seq=1), complaint(desk, seq=2, answer_due="2026-12-30"),
                  complaint(desk, seq=3, status="told", answered_at=NOW.isoformat(),
                            told_complainant_at=NOW.isoformat())])
    with county.db() as session:
        (figures,) = center_figures(session, tz="Asia/Shanghai", today=date(2026, 12, 1))
        assert figures.complaints_open == 2 and figures.complaints_overdue == 1
        records = county_complaints.center_complaints(session, figures.center_id, today=date(2026, 12, 1))
    assert {r.days_overdue for r in records} == {0, 2}  # due Fri 27 Nov: Mon 30 Nov, Tue 1 Dec
    assert all(r.complainant == "欧阳**" and r.phone == "138****5678" for r in records)


def test_officers_answer_escalated_complaints_in_the_web_pages(county: County) -> None:
    center_id = county.make_center()
    desk = county.enroll()
    waiting = complaint(desk, status="escalated", escalated_at=NOW.isoformat(), escalation_reason="针对中心主任")
    desk.push_ok([waiting, complaint(desk, seq=2)])
    csrf = county.login("officer1", role="officer")
    dashboard = county.client.get("/admin/")
    assert "投诉未办结" in dashboard.text and f"/admin/centers/{center_id}/complaints" in dashboard.text
    listed = county.client.get("/admin/complaints").text
    assert "待答复 1 件" in listed and waiting["payload"]["complaint_number"] in listed
    assert "欧阳**" in listed and "欧阳娜娜" not in listed
    url = f"/admin/complaints/{waiting['entity_id']}"
    page = county.client.get(url).text
    assert "县级答复" in page and "138****5678" in page and "13812345678" not in page
    refused = county.client.post(f"{url}/answer", data={"csrf": csrf, "answer": "长" * 501})
    assert refused.status_code == 422 and "500" in refused.text and "长" * 501 in refused.text  # kept
    done = county.client.post(f"{url}/answer", data={"csrf": csrf, "answer": "已约谈中心主任。"},
                              follow_redirects=False)
    assert done.status_code == 303
    after = county.client.get(url).text
    assert "已约谈中心主任。" in after and "县民政局" in after and 'name="answer"' not in after
    drill = county.client.get(f"/admin/centers/{center_id}/complaints").text
    assert "未办结的投诉（2 件）" in drill and "欧阳**（138****5678）" in drill and "13812345678" not in drill
    no_csrf = county.client.post(f"/admin/complaints/{uuid7()}/answer", data={"answer": "x"})
    assert no_csrf.status_code in (400, 403)
