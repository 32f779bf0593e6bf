"""The web admin pages: login, CSRF, and the same actions as the CLI."""
from __future__ import annotations

import json
import re
from pathlib import Path

from app.services.passwords import verify_password
from tests.county.harness import County

SAMPLE_CATALOG = Path(__file__).resolve().parents[2] / "resources" / "catalog" / "sample_catalog.json"


def test_login_wrong_password_and_logout(county: County) -> None:
    county.county_user("admin", role="admin")
    page = county.client.get("/admin/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    bad = county.client.post("/admin/login", data={"username": "admin", "password": "nope", "csrf": csrf})
    assert bad.status_code == 401 and "登录名或密码不正确" in bad.text
    no_csrf = county.client.post("/admin/login", data={"username": "admin", "password": "Passw0rd!"})
    assert no_csrf.status_code == 403
    csrf = re.search(r'name="csrf" value="([^"]+)"', bad.text).group(1)
    ok = county.client.post("/admin/login", data={"username": "admin", "password": "Passw0rd!", "csrf": csrf},
                            follow_redirects=False)
    assert ok.status_code == 303
    cookie = ok.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    home = county.client.get("/admin/")
    session_csrf = re.search(r'name="csrf" value="([^"]+)"', home.text).group(1)
    county.client.post("/admin/logout", data={"csrf": session_csrf})
    assert county.client.get("/admin/", follow_redirects=False).status_code == 303


def test_admin_manages_centers_codes_devices_and_staff(county: County) -> None:
    csrf = county.login()
    created = county.client.post("/admin/centers", data={"csrf": csrf, "code": "sfc09", "name": "九村", "town": "示范镇"},
                                 follow_redirects=False)
    assert created.status_code == 303
    center_url = created.headers["location"].split("?")[0]
    dup = county.client.post("/admin/centers", data={"csrf": csrf, "code": "SFC09", "name": "重复"})
    assert dup.status_code == 422 and "已被使用" in dup.text
    issued = county.client.post(f"{center_url}/codes", data={"csrf": csrf, "hours": "24"})
    code = re.search(r'class="big">([A-Z0-9-]+)<', issued.text).group(1)
    enrolled = county.client.post("/api/v1/enroll", json={"code": code}).json()
    headers = {"Authorization": f"Bearer {enrolled['token']}"}
    added = county.client.post(f"{center_url}/staff", data={
        "csrf": csrf, "username": "lina", "display_name": "李娜", "role": "window", "password": "demo2026a"},
        follow_redirects=False)
    assert added.status_code == 303
    weak = county.client.post(f"{center_url}/staff", data={
        "csrf": csrf, "username": "zhao", "display_name": "赵", "role": "window", "password": "123"})
    assert weak.status_code == 422 and "密码" in weak.text
    staff = county.client.get("/api/v1/pull/staff", headers=headers).json()["entries"]
    assert verify_password("demo2026a", staff[0]["data"]["password_hash"])
    revoked = county.client.post(f"{center_url}/devices/1/revoke", data={"csrf": csrf}, follow_redirects=False)
    assert revoked.status_code == 303
    assert county.client.get("/api/v1/meta", headers=headers).status_code == 403
    assert "已停用" in county.client.get(center_url).text


def test_officer_cannot_use_admin_pages(county: County) -> None:
    csrf = county.login("clerk", role="officer")
    assert county.client.get("/admin/centers").status_code == 403
    assert county.client.post("/admin/centers", data={"csrf": csrf, "code": "X1", "name": "x"}).status_code == 403


def test_catalog_upload_shows_the_desks_problems_and_publishes_a_good_file(county: County) -> None:
    csrf = county.login()
    data = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    data["items"][0]["department"] = "??"
    bad = county.client.post("/admin/catalog", data={"csrf": csrf},
                             files={"file": ("bad.json", json.dumps(data, ensure_ascii=False).encode(), "application/json")})
    assert bad.status_code == 422
    assert "未知部门「??」" in bad.text and "bad.json" in bad.text
    good = county.client.post("/admin/catalog", data={"csrf": csrf},
                              files={"file": ("sample.json", SAMPLE_CATALOG.read_bytes(), "application/json")},
                              follow_redirects=False)
    assert good.status_code == 303
    assert "sample-2026.1" in county.client.get("/admin/catalog").text
    again = county.client.post("/admin/catalog", data={"csrf": csrf},
                               files={"file": ("sample.json", SAMPLE_CATALOG.read_bytes(), "application/json")})
    assert again.status_code == 422 and "已发布过" in again.text


def test_calendar_upload(county: County) -> None:
    csrf = county.login()
    half = "date,kind,name\n2027-02-06,休,春节\n"
    refused = county.client.post("/admin/calendar", data={"csrf": csrf}, files={"file": ("c.csv", half.encode(), "text/csv")})
    assert refused.status_code == 422 and "全年" in refused.text
    broken = "date,kind,name\n2027,全年,x\n2027-02-30,休,春节\n"
    bad = county.client.post("/admin/calendar", data={"csrf": csrf}, files={"file": ("c.csv", broken.encode(), "text/csv")})
    assert bad.status_code == 422 and "第 3 行" in bad.text
    good = "date,kind,name\n2027,全年,通知\n2027-02-06,休,春节\n2027-02-20,班,春节调休\n"
    ok = county.client.post("/admin/calendar", data={"csrf": csrf}, files={"file": ("c.csv", good.encode(), "text/csv")},
                            follow_redirects=False)
    assert ok.status_code == 303
    assert "2027" in county.client.get("/admin/calendar").text


def test_admin_creates_and_stops_county_accounts(county: County) -> None:
    csrf = county.login()
    made = county.client.post("/admin/users", data={
        "csrf": csrf, "username": "minzheng", "display_name": "民政科", "department": "县民政局",
        "role": "officer", "password": "Minzheng2026"}, follow_redirects=False)
    assert made.status_code == 303
    page = county.client.get("/admin/users")
    assert "县民政局" in page.text
    from sqlalchemy import select

    from county_server.models import CountyUser

    with county.session() as session:
        user_id = session.scalar(select(CountyUser.id).where(CountyUser.username == "minzheng"))
    stopped = county.client.post(f"/admin/users/{user_id}", data={"csrf": csrf, "action": "deactivate"},
                                 follow_redirects=False)
    assert stopped.status_code == 303
    with county.session() as session:
        assert session.get(CountyUser, user_id).active is False


def test_dashboard_flags_a_wrong_pc_clock(county: County) -> None:
    county.make_center()
    desk = county.enroll()
    desk.push([desk.resident()], device_time="2026-01-01T00:00:00+00:00")
    county.login()
    assert "电脑时钟偏差约" in county.client.get("/admin/").text
