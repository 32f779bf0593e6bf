"""好差评 at the county: pushed ratings (append-only) and follow-ups, the QR
form on the status page, appeals (申诉复核), the dashboard and drill-down."""
from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.ids import uuid7
from county_server.models import Rating, RatingFollowUp
from county_server.services import admin
from county_server.services.dashboard import center_figures
from tests.county.harness import NOW, County, Desk, op

TODAY = date(2026, 11, 20)


def _done_case(desk: Desk, *, name: str = "欧阳娜娜") -> tuple[str, str]:
    _rid, case_id, number = desk.new_case(name=name)
    desk.push_ok([desk.event(case_id, "complete", "accepted", "completed", data={"result": "approved"}, at=NOW)])
    return case_id, number


def rating_op(desk: Desk, case_id: str, level: int = 2, *, label: str = "不满意", channel: str = "window",
              rating_id: str | None = None, **fields: Any) -> dict[str, Any]:
    return op("rating", rating_id or str(uuid7()), "insert", {
        "case_id": case_id, "case_number": "", "channel": channel, "rated_at": NOW.isoformat(), "round": 1,
        "level": level, "level_label": label, "reasons": ["efficiency"] if level <= 2 else [], "comment": "等太久",
        "staff_id": desk.staff_id, "item_code": "MZ-001", "item_name": "最低生活保障申请",
    } | fields)


def follow_up_op(rating_id: str, *, follow_up_id: str | None = None, base_version: int | None = None,
                 **fields: Any) -> dict[str, Any]:
    return op("rating_follow_up", follow_up_id or str(uuid7()), "upsert", {
        "rating_id": rating_id, "opened_at": NOW.isoformat(), "revisit_days": 1, "rectify_days": 15,
        "revisit_due": "2026-11-23", "rectify_due": "2026-12-11", "outcome": None, "outcome_note": "",
        "closed_at": None, "appeal_decision": None, "appeal_reason": "", "appeal_decided_by": "",
        "appeal_decided_at": None,
    } | fields, base_version=base_version)


def test_a_rating_is_append_only(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    case_id, _ = _done_case(desk)
    rating = rating_op(desk, case_id)
    assert desk.push_ok([rating])[0]["status"] == "applied"
    again = rating | {"op_id": str(uuid7())}
    assert desk.push_ok([again])[0]["status"] == "duplicate"
    changed = again | {"op_id": str(uuid7()), "payload": rating["payload"] | {"level": 5, "level_label": "非常满意"}}
    assert desk.push_ok([changed])[0]["reason_code"] == "insert_only"
    as_upsert = rating | {"op_id": str(uuid7()), "kind": "upsert"}
    assert desk.push_ok([as_upsert])[0]["reason_code"] == "bad_kind"
    wrong_label = rating_op(desk, case_id, 5, label="不满意")
    assert desk.push_ok([wrong_label])[0]["status"] == "rejected"
    for statement in ("UPDATE ratings SET level = 5", "DELETE FROM ratings"):
        with pytest.raises(DBAPIError, match="append-only"), county.session() as session:
            session.execute(text(statement))


def test_a_follow_up_needs_its_rating_and_never_takes_an_appeal_decision_from_a_desk(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    case_id, _ = _done_case(desk)
    rating = rating_op(desk, case_id)
    orphan = follow_up_op(rating["entity_id"])
    assert desk.push_ok([orphan])[0]["reason_code"] == "missing_parent"
    forged = follow_up_op(rating["entity_id"], appeal_decision="voided", appeal_reason="自己作废")
    results = desk.push_ok([rating, forged])
    assert [r["status"] for r in results] == ["applied", "applied"]
    with county.session() as session:
        row = session.get(RatingFollowUp, uuid.UUID(forged["entity_id"]))
        assert row.appeal_decision is None and row.data["appeal_decision"] is None and row.data["appeal_reason"] == ""
        assert row.revisit_due == date(2026, 11, 23)


def _appeal(county: County, desk: Desk) -> tuple[str, str]:
    case_id, _ = _done_case(desk)
    rating = rating_op(desk, case_id, 1, label="非常不满意")
    follow_up = follow_up_op(rating["entity_id"])
    desk.push_ok([rating, follow_up])
    appeal = follow_up_op(rating["entity_id"], follow_up_id=follow_up["entity_id"], base_version=1,
                          outcome="appeal", outcome_note="群众办理的是另一事项，误评")
    assert desk.push_ok([appeal])[0]["status"] == "applied"
    return rating["entity_id"], follow_up["entity_id"]


def test_an_officer_decides_an_appeal_by_the_api_and_it_flows_down(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    good_case, _ = _done_case(desk, name="张三")
    desk.push_ok([rating_op(desk, good_case, 5, label="非常满意")])
    _rating_id, follow_up_id = _appeal(county, desk)
    with county.session() as session:
        before = center_figures(session, tz="Asia/Shanghai", today=TODAY)[0]
    assert (before.ratings, before.satisfaction) == (2, 0.5)
    officer = county.county_user()
    with county.session() as session:
        token = admin.issue_county_api_token(session, officer)
    headers = {"Authorization": f"Bearer {token}"}
    pending = county.client.get("/api/v1/county/appeals", headers=headers).json()
    assert [a["follow_up_id"] for a in pending] == [follow_up_id] and pending[0]["level"] == "非常不满意"
    no_reason = county.client.post(f"/api/v1/county/appeals/{follow_up_id}", json={"decision": "voided", "reason": ""},
                                   headers=headers)
    assert no_reason.status_code == 422
    decided = county.client.post(f"/api/v1/county/appeals/{follow_up_id}",
                                 json={"decision": "voided", "reason": "核实为误评"}, headers=headers)
    assert decided.status_code == 200 and decided.json()["decision"] == "voided"
    again = county.client.post(f"/api/v1/county/appeals/{follow_up_id}",
                               json={"decision": "upheld", "reason": "再看"}, headers=headers)
    assert again.status_code == 409
    assert county.client.get("/api/v1/county/appeals", headers=desk.headers).status_code == 401
    with county.session() as session:
        after = center_figures(session, tz="Asia/Shanghai", today=TODAY)[0]
    assert (after.ratings, after.satisfaction) == (1, 1.0)  # the voided rating left the figure
    entries = [e for e in desk.pull_all("records") if e["entity"] == "rating_follow_up"]
    assert entries[-1]["data"]["appeal_decision"] == "voided" and entries[-1]["data"]["appeal_reason"] == "核实为误评"
    assert entries[-1]["version"] == 3


def test_an_officer_decides_an_appeal_in_the_web_pages(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    _rating_id, follow_up_id = _appeal(county, desk)
    csrf = county.login("officer2", role="officer")
    page = county.client.get("/admin/appeals")
    assert "群众办理的是另一事项" in page.text and "非常不满意" in page.text
    refused = county.client.post(f"/admin/appeals/{follow_up_id}", data={"csrf": csrf, "decision": "upheld"})
    assert refused.status_code == 422 and "复核理由" in refused.text
    saved = county.client.post(f"/admin/appeals/{follow_up_id}",
                               data={"csrf": csrf, "decision": "upheld", "reason": "评价属实"}, follow_redirects=False)
    assert saved.status_code == 303
    done = county.client.get("/admin/appeals").text
    assert "没有待复核的申诉" in done and "评价属实" in done


def test_the_dashboard_names_its_formulas_and_drills_down_masked(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    case_id, number = _done_case(desk)
    _done_case(desk, name="李四")  # served, not rated
    rating = rating_op(desk, case_id)
    desk.push_ok([rating, follow_up_op(rating["entity_id"], revisit_due="2026-11-19")])
    with county.session() as session:
        figures = center_figures(session, tz="Asia/Shanghai", today=TODAY)[0]
    assert (figures.participation, figures.follow_ups_overdue, figures.follow_ups_open) == (0.5, 1, 1)
    county.login()
    page = county.client.get("/admin/").text
    assert "满意率 =（非常满意＋满意＋基本满意）÷ 全部有效评价" in page and "参评率 = " in page and "50.0%" in page
    center_id = desk.center_id
    drill = county.client.get(f"/admin/centers/{center_id}/ratings").text
    assert number in drill and "欧阳**" in drill and "欧阳娜娜" not in drill and "回访超期" in drill
    assert "服务效率" in drill and "窗口评价器" in drill


def _status(county: County, number: str) -> Any:
    return county.client.get(f"/status?case={number}&code=7KQ3MX")


def test_the_status_page_offers_the_form_once_per_case_after_the_code(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    _rid, open_case, open_number = desk.new_case()
    assert "rate-form" not in _status(county, open_number).text  # not done yet: nothing to rate
    case_id, number = _done_case(desk)
    assert "rate-form" not in county.client.get(f"/status?case={number}&code=AAAAAA").text
    page = _status(county, number)
    assert page.status_code == 200 and "rate-form" in page.text and "非常满意" in page.text
    form = {"case": number, "code": "7kq3mx", "level": "dissatisfied", "comment": "窗口没人"}
    missing_reason = county.client.post("/status/rate", data=form)
    assert missing_reason.status_code == 422 and "原因" in missing_reason.text
    wrong_code = county.client.post("/status/rate", data=form | {"code": "AAAAAA", "reasons": ["attitude"]})
    assert wrong_code.status_code == 404
    done = county.client.post("/status/rate", data=form | {"reasons": ["attitude", "other"]})
    assert done.status_code == 200 and "感谢您的评价" in done.text
    assert "rate-form" not in _status(county, number).text and "已评价" in _status(county, number).text
    twice = county.client.post("/status/rate", data=form | {"level": "very_satisfied"})
    assert twice.status_code == 422
    with county.session() as session:
        (rating,) = session.scalars(select(Rating).where(Rating.case_id == uuid.UUID(case_id)))
        assert (rating.channel, rating.level, rating.data["reasons"]) == ("qr", 2, ["attitude", "other"])
        follow_up = session.scalar(select(RatingFollowUp).where(RatingFollowUp.rating_id == rating.id))
        # The center's deadlines (1 and 15 working days by default), counted from the rating's local date.
        assert follow_up.revisit_due > date.today() - timedelta(days=1)
    pulled = [e for e in desk.pull_all("records") if e["entity"] in ("rating", "rating_follow_up")]
    assert [e["entity"] for e in pulled] == ["rating", "rating_follow_up"]
    assert pulled[0]["data"]["channel"] == "qr" and pulled[0]["data"]["case_number"] == number


def test_the_county_sets_a_centers_follow_up_deadlines_and_its_desks_receive_them(county: County) -> None:
    center_id = county.make_center()
    desk = county.enroll()
    csrf = county.login()
    refused = county.client.post(f"/admin/centers/{center_id}/rating-deadlines",
                                 data={"csrf": csrf, "revisit_days": "5", "rectify_days": "2"})
    assert refused.status_code == 422 and "整改时限" in refused.text
    saved = county.client.post(f"/admin/centers/{center_id}/rating-deadlines",
                               data={"csrf": csrf, "revisit_days": "5", "rectify_days": "15"}, follow_redirects=False)
    assert saved.status_code == 303
    centers = [e for e in desk.pull_all("center") if e["entity"] == "center"]
    assert (centers[-1]["data"]["rating_revisit_days"], centers[-1]["data"]["rating_rectify_days"]) == (5, 15)
    _case_id, number = _done_case(desk)
    county.client.post("/status/rate", data={"case": number, "code": "7KQ3MX", "level": "very_dissatisfied",
                                             "reasons": ["skill"]})
    with county.session() as session:
        follow_up = session.scalar(select(RatingFollowUp))
        assert follow_up.data["revisit_days"] == 5 and follow_up.data["rectify_days"] == 15
