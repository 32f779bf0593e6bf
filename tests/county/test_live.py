"""End to end on loopback: the real server process (uvicorn) on PostgreSQL,
fuzzed from its own OpenAPI, and its status page in headless Chromium."""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.ids import uuid7
from county_server.db import create_db_engine, make_session_factory
from county_server.services import admin
from county_server.settings import Settings
from tests.county import pg
from tests.county.harness import NOW, op
from tests.sync.live import CountyProcess

pytestmark = pytest.mark.slow


@dataclass
class Live:
    base: str
    database_url: str
    log: Path

    def admin(self):  # a unit of work on the server's database
        engine = create_db_engine(Settings(database_url=self.database_url))
        return engine, make_session_factory(engine)


@pytest.fixture(scope="module")
def live(pg_server: pg.PgServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    url = pg.create_database(pg_server.admin_url)
    server = CountyProcess(url, tmp_path_factory.mktemp("live"))
    try:
        server.start()
        yield Live(server.base, url, server.log)
    finally:
        server.close()
        pg.drop_database(pg_server.admin_url, url)


def _center_and_code(live: Live, code: str) -> str:
    engine, factory = live.admin()
    try:
        with factory.begin() as session:
            center = admin.create_center(session, code=code, name=f"{code} 村", phone="0755-12345678")
            return admin.issue_enrollment_code(session, center, hours=1).code
    finally:
        engine.dispose()


def _enroll(live: Live, center_code: str) -> dict:
    response = httpx.post(live.base + "/api/v1/enroll", json={"code": _center_and_code(live, center_code)})
    assert response.status_code == 200, response.text
    return response.json()


def test_desk_round_trip_over_loopback(live: Live) -> None:
    enrolled = _enroll(live, "LIVE01")
    headers = {"Authorization": f"Bearer {enrolled['token']}"}
    rid, cid = "01900000-0000-7000-8000-000000000001", "01900000-0000-7000-8000-000000000002"
    ops = [
        op("resident", rid, "upsert", {"doc_type": "resident_id", "id_number": "449901199003074514", "name": "司马光"}),
        op("case", cid, "upsert", {
            "case_number": "LIVE01-01-20261120-0001", "verification_code": "7KQ3MX", "device_id": enrolled["device_id"],
            "resident_id": rid, "item_id": "01900000-0000-7000-8000-000000000003", "item_name": "高龄补贴申报",
            "catalog_version": "v1", "status": "accepted", "outcome": "accept", "received_at": NOW.isoformat(),
            "handled_by": "01900000-0000-7000-8000-000000000004", "committed_due": "2026-12-01"}),
        op("case_event", "01900000-0000-7000-8000-000000000005", "append", {
            "case_id": cid, "kind": "accept", "from_status": None, "to_status": "accepted",
            "occurred_at": NOW.isoformat()}),
    ]
    body = gzip.compress(json.dumps({"ops": ops}).encode())
    pushed = httpx.post(live.base + "/api/v1/push", content=body,
                        headers=headers | {"Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert pushed.status_code == 200 and pushed.json()["counts"] == {"applied": 3}
    again = httpx.post(live.base + "/api/v1/push", content=body,
                       headers=headers | {"Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert again.json()["counts"] == {"duplicate": 3}
    pulled = httpx.get(live.base + "/api/v1/pull/records", params={"cursor": 0},
                       headers=headers | {"Accept-Encoding": "gzip"})
    assert [e["seq"] for e in pulled.json()["entries"]] == [1, 2, 3]
    status = httpx.get(live.base + "/status", params={"case": "LIVE01-01-20261120-0001", "code": "7KQ3MX"})
    assert status.status_code == 200 and "司马*" in status.text and "已受理" in status.text


def test_concurrent_pushes_never_let_a_reader_skip_an_entry(live: Live) -> None:
    """Desks of one center push at once while another desk pages the stream:
    at every moment the reader sees 1..N with no hole (a late commit of a
    lower number would leave one behind its cursor)."""
    codes = [_center_and_code(live, "CONC01")]
    engine, factory = live.admin()
    try:
        with factory.begin() as session:
            center = admin.find_center(session, "CONC01")
            codes += [admin.issue_enrollment_code(session, center, hours=1).code for _ in range(4)]
    finally:
        engine.dispose()
    desks = [httpx.post(live.base + "/api/v1/enroll", json={"code": c}).json() for c in codes]
    reader, writers = desks[0], desks[1:]
    errors: list[str] = []
    done = threading.Event()

    def write(desk: dict) -> None:
        headers = {"Authorization": f"Bearer {desk['token']}"}
        with httpx.Client(base_url=live.base, headers=headers, timeout=60) as client:
            for batch in range(8):
                ops = [op("resident", str(uuid7()), "upsert",
                          {"doc_type": "passport", "id_number": f"P{desk['device_number']}{batch}{i:03d}", "name": "并发"})
                       for i in range(25)]
                response = client.post("/api/v1/push", json={"ops": ops})
                if response.status_code != 200 or response.json()["counts"] != {"applied": 25}:
                    errors.append(response.text[:300])

    def read() -> list[int]:
        seen: list[int] = []
        cursor = 0
        headers = {"Authorization": f"Bearer {reader['token']}"}
        with httpx.Client(base_url=live.base, headers=headers, timeout=60) as client:
            while True:
                finished = done.is_set()
                page = client.get("/api/v1/pull/records", params={"cursor": cursor, "limit": 37}).json()
                seen.extend(e["seq"] for e in page["entries"])
                cursor = page["next_cursor"]
                if finished and not page["has_more"]:
                    return seen

    threads = [threading.Thread(target=write, args=(d,)) for d in writers]
    result: list[list[int]] = []
    pulling = threading.Thread(target=lambda: result.append(read()))
    pulling.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    pulling.join(timeout=60)
    assert errors == []
    assert result and result[0] == list(range(1, 4 * 8 * 25 + 1))


def test_openapi_fuzzed_by_schemathesis(live: Live, tmp_path: Path) -> None:
    enrolled = _enroll(live, "FUZZ01")
    schemathesis = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or "schemathesis"
    result = subprocess.run(
        [schemathesis, "run", f"{live.base}/openapi.json",
         "--checks", "not_a_server_error,status_code_conformance,content_type_conformance",
         "--max-examples", "15", "--seed", "20261120", "--phases", "examples,coverage,fuzzing",
         "--workers", "1", "--request-timeout", "10", "--no-color",
         "--generation-database", "none",
         "-H", f"Authorization: Bearer {enrolled['token']}", "--report-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=240, cwd=tmp_path, check=False,
    )
    output = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, output + "\n--- server log ---\n" + live.log.read_text(errors="replace")[-4000:]


@pytest.mark.skipif(shutil.which("chromedriver") is None, reason="Debian chromium-driver missing (make test installs it)")
def test_status_page_in_headless_chromium(live: Live, tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    enrolled = _enroll(live, "WEB01")
    headers = {"Authorization": f"Bearer {enrolled['token']}"}
    rid, cid = "01900000-0000-7000-8000-0000000000a1", "01900000-0000-7000-8000-0000000000a2"
    number = "WEB01-01-20261120-0007"
    ops = [
        op("resident", rid, "upsert", {"doc_type": "resident_id", "id_number": "449901195001011234",
                                       "name": "欧阳娜娜", "phone": "13812345678"}),
        op("case", cid, "upsert", {
            "case_number": number, "verification_code": "K9XA2H", "device_id": enrolled["device_id"],
            "resident_id": rid, "item_id": "01900000-0000-7000-8000-0000000000a3",
            "item_name": "最低生活保障申请（城乡居民最低生活保障金的申请与审核确认）",
            "catalog_version": "v1", "status": "forwarded", "outcome": "forward_at_intake",
            "received_at": NOW.isoformat(), "handled_by": "01900000-0000-7000-8000-0000000000a4",
            "committed_due": "2026-12-25", "forwarded_to": "县民政局"}),
        op("case_event", "01900000-0000-7000-8000-0000000000a5", "append", {
            "case_id": cid, "kind": "forward_at_intake", "from_status": None, "to_status": "forwarded",
            "occurred_at": NOW.isoformat()}),
    ]
    assert httpx.post(live.base + "/api/v1/push", json={"ops": ops}, headers=headers).json()["counts"] == {"applied": 3}

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-dev-shm-usage", "--window-size=390,844"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.get(f"{live.base}/status?case={number}&code=K9XA2H")
        body = driver.find_element("tag name", "body").text
        assert "已转报" in body and "欧阳**" in body and "2026-12-25" in body
        assert "欧阳娜娜" not in body and "13812345678" not in body and "449901195001011234" not in body
        # Fits a phone screen: no sideways scrolling, readable text.
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        size = driver.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= 16
        driver.save_screenshot(str(tmp_path / "status.png"))
        driver.get(f"{live.base}/status?case={number}&code=WRONG1")
        assert "未找到办件" in driver.find_element("tag name", "body").text
    finally:
        driver.quit()
