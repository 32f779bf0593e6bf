"""投诉举报 in headless Chromium against the real server process: the
complainant's status lookup on a phone-sized screen (status and dates only),
and the county officer's pages (dashboard, drill-down, escalated complaint)."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from app.ids import uuid7
from county_server.models import CountyUser
from county_server.services import admin
from tests.county.harness import NOW, password_hash
from tests.county.test_complaints import complaint
from tests.sync.live import CountyProcess

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("chromedriver") is None, reason="Debian chromium-driver missing"),
]
SHOTS = os.environ.get("COMPLAINT_SHOTS")  # a folder: save the pages, to look at


def _body_once(browser, text: str) -> str:
    """The page's text once it shows `text`: a click on a link or a submit
    button does not wait for the next page, so reading at once races it."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(lambda b: text in b.find_element("tag name", "body").text)
    return browser.find_element("tag name", "body").text


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CountyProcess]:
    folder = tmp_path_factory.mktemp("county-browser")
    county = CountyProcess(f"sqlite:///{folder / 'county.sqlite3'}", folder)
    county.start()
    yield county
    county.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-dev-shm-usage", "--window-size=390,844", "--lang=zh-CN"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def shot(driver, name: str) -> None:
    if SHOTS:
        driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))


def _desk(server: CountyProcess, code: str) -> tuple[SimpleNamespace, dict[str, str]]:
    with server.db.begin() as session:
        center = admin.create_center(session, code=code, name="示范村党群服务中心", phone="0755-12345678")
        enrollment = admin.issue_enrollment_code(session, center, hours=1).code
    enrolled = httpx.post(server.base + "/api/v1/enroll", json={"code": enrollment}).json()
    desk = SimpleNamespace(center_code=code, device_number=enrolled["device_number"], staff_id=str(uuid7()))
    return desk, {"Authorization": f"Bearer {enrolled['token']}"}


def test_a_complainant_finds_the_complaint_with_number_and_code(server: CountyProcess, browser) -> None:
    desk, headers = _desk(server, "WEBTS")
    sent = complaint(desk, title="窗口人员态度生硬", content="办理低保年审时工作人员不耐烦。")
    pushed = httpx.post(server.base + "/api/v1/push", json={"ops": [sent]}, headers=headers).json()
    assert pushed["counts"] == {"applied": 1}, pushed
    number = sent["payload"]["complaint_number"]
    browser.get(f"{server.base}/status?complaint={number}&code=Q8M4TZ")  # as the slip's QR code opens it
    body = browser.find_element("tag name", "body").text
    assert "投诉办理进度" in body and number in body and "已登记" in body and "2026-11-27" in body
    for private in ("欧阳", "13812345678", "态度生硬", "不耐烦"):
        assert private not in body
    overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # fits a phone: no sideways scrolling
    shot(browser, "status-complaint")
    browser.get(f"{server.base}/status?complaint={number}&code=WRONG1")
    assert "未找到投诉" in browser.find_element("tag name", "body").text


def test_the_officer_pages_in_the_browser(server: CountyProcess, browser) -> None:
    desk, headers = _desk(server, "WEBOF")
    ops = [complaint(desk, seq=1, status="escalated", escalated_at=NOW.isoformat(), title="代办员收取跑腿费",
                     subject="村代办员", escalation_reason="投诉对象为本中心代办员"),
           complaint(desk, seq=2), complaint(desk, seq=3, anonymous=True, complainant_name="", source="qr",
                                             title="午休时段窗口无人", answer_due="2026-12-30")]
    assert httpx.post(server.base + "/api/v1/push", json={"ops": ops}, headers=headers).json()["counts"] == {
        "applied": 3}
    with server.db.begin() as session:
        session.add(CountyUser(username="officer-web", display_name="县政务办经办人", role="officer",
                               department="县政务服务中心", password_hash=password_hash("Passw0rd!")))
    browser.set_window_size(1280, 900)
    browser.get(f"{server.base}/admin/login")
    browser.find_element("name", "username").send_keys("officer-web")
    browser.find_element("name", "password").send_keys("Passw0rd!")
    browser.find_element("css selector", "form button[type=submit]").click()
    assert "全县总览" in _body_once(browser, "全县总览")
    shot(browser, "county-dashboard")
    browser.find_element("css selector", "a[href$='/complaints']:not([href='/admin/complaints'])").click()
    drill = _body_once(browser, "未办结的投诉")
    assert "未办结的投诉（3 件）" in drill and "欧阳**" in drill and "匿名" in drill and "13812345678" not in drill
    shot(browser, "county-drilldown")
    browser.get(f"{server.base}/admin/complaints/{ops[0]['entity_id']}")
    browser.find_element("name", "answer").send_keys("经县政务服务中心核查属实，已责令退还并通报批评。")
    shot(browser, "county-escalated")
    browser.find_element("css selector", "form.card button[type=submit]").click()
    done = _body_once(browser, "已保存")
    assert "已保存" in done and "经县政务服务中心核查属实" in done and "县政务服务中心" in done
    shot(browser, "county-escalated-answered")
