"""帮办网办 at the county: kept with its counting columns, updated by version,
and refused when it carries what looks like a password or a verification code."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.ids import uuid7
from county_server.models import OnlineAssist
from tests.county.harness import NOW, County, Desk, op


def _assist(desk: Desk, assist_id: str, **fields: Any) -> dict[str, Any]:
    return op("online_assist", assist_id, "upsert", {
        "staff_id": desk.staff_id, "resident_name": "张老汉", "platform": "浙里办", "item_name": "社会保障卡申领",
        "application_no": "ZLB202612010001", "outcome": "submitted", "helped_at": NOW.isoformat(),
        "follow_up_on": NOW.date().isoformat(), "note": "",
    } | fields)


def test_the_county_keeps_a_helped_online_application_and_its_follow_up(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    assist_id = str(uuid7())
    assert desk.push_ok([_assist(desk, assist_id)])[0]["status"] == "applied"
    followed = _assist(desk, assist_id, outcome="approved", followed_up_at=NOW.isoformat())
    assert desk.push_ok([followed])[0]["status"] == "applied"
    with county.session() as session:
        row = session.scalar(select(OnlineAssist))
        assert row is not None and row.version == 2 and row.outcome == "approved"
        assert row.platform == "浙里办" and row.followed_up_at is not None
    records = desk.pull("records").json()["entries"]
    assert [c["data"]["outcome"] for c in records if c["entity"] == "online_assist"][-1] == "approved"


def test_a_verification_code_or_an_unknown_outcome_is_refused(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    results = desk.push_ok([
        _assist(desk, str(uuid7()), note="短信验证码 583920"),
        _assist(desk, str(uuid7()), application_no="583920"),
        _assist(desk, str(uuid7()), outcome="lost"),
        _assist(desk, str(uuid7()), resident_id=str(uuid7())),
    ])
    assert [r["status"] for r in results] == ["rejected", "rejected", "rejected", "rejected"]
    assert "验证码" in results[0]["reason"] and "验证码" in results[1]["reason"]
    assert results[3]["reason_code"] == "missing_parent"
    with county.session() as session:
        assert session.scalar(select(OnlineAssist)) is None
