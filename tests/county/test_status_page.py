"""The public status page behind the receipt's QR code."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest

from app.services.status_link import status_url
from county_server.app import create_app
from county_server.services import county_cases
from county_server.services.status_lookup import mask_name
from county_server.settings import Settings
from tests.county.harness import County


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三", "张*"), ("张三丰", "张**"), ("欧阳娜娜", "欧阳**"), ("欧阳", "欧*"), ("司马光", "司马*"), ("李", "*"),
     ("", ""), ("阿依 古丽", "阿***")],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_right_code_shows_status_and_dates_masked(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    resident = desk.resident(name="欧阳娜娜", id_number="449901199003074514", phone="13812345678")
    case = desk.case(resident["entity_id"], status="forwarded", outcome="forward_at_intake", forwarded_to="县民政局")
    desk.push_ok([resident, case, desk.event(case["entity_id"], "forward_at_intake", None, "forwarded")])
    number, code = case["payload"]["case_number"], case["payload"]["verification_code"]
    url = status_url("http://testserver", number, code)
    assert url.startswith("http://testserver/status?case=")
    page = county.client.get(url)
    assert page.status_code == 200
    text = page.text
    assert "已转报" in text and "欧阳**" in text and "2026-11-20" in text and "最低生活保障申请" in text
    assert "欧阳娜娜" not in text and "449901199003074514" not in text and "13812345678" not in text
    assert page.headers["cache-control"] == "no-store" and page.headers["referrer-policy"] == "no-referrer"
    # The code is case-insensitive, as it is read out over the phone.
    assert county.client.get(f"/status?case={number.lower()}&code={code.lower()}").status_code == 200
    officer = county.county_user()
    with county.session() as session:
        county_cases.record_county_action(session, case_id=uuid.UUID(case["entity_id"]), action="completed",
                                          result="approved", user=officer, now=datetime.now(timezone.utc))
    done = county.client.get(url).text
    assert "已办结" in done and "办结（准予）" in done and "办结时间" in done and "县级部门已接收" not in done
    assert "上级部门返回" not in done  # the internal return step of a county completion is not shown


def test_wrong_code_looks_exactly_like_no_such_case(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    _rid, _cid, number = desk.new_case()
    wrong = county.client.get(f"/status?case={number}&code=AAAAAA")
    missing = county.client.get("/status?case=SFC01-01-20261120-9999&code=7KQ3MX")
    empty = county.client.get("/status")
    assert wrong.status_code == missing.status_code == empty.status_code == 404
    assert wrong.text == missing.text == empty.text
    assert "张" not in wrong.text and number not in wrong.text


def test_status_page_is_rate_limited_per_ip(tmp_path, database_url: str) -> None:
    app = create_app(Settings(database_url=database_url, data_dir=tmp_path, status_rate_per_minute=5),
                     migrate_on_start=False)
    county = County(app)
    try:
        codes = [county.client.get("/status?case=SFC01-01-20261120-0001&code=AAAAAA").status_code for _ in range(7)]
        assert codes == [404] * 5 + [429] * 2
        limited = county.client.get("/status?case=x&code=y")
        assert limited.headers["retry-after"] and "频繁" in limited.text
    finally:
        county.close()
