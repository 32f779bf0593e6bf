"""A test harness around one county app: admin actions, devices, operations."""
from __future__ import annotations

import gzip
import json
import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.ids import uuid7
from app.services.passwords import hash_password
from county_server.models import ChangeEntry, CountyUser
from county_server.services import admin

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=timezone.utc)  # 10:00 in the county
# Hashing at full strength costs 0.1 s each; fixtures reuse one hash.
_HASH_CACHE: dict[str, str] = {}


def password_hash(password: str) -> str:
    if password not in _HASH_CACHE:
        _HASH_CACHE[password] = hash_password(password)
    return _HASH_CACHE[password]


class Desk:
    """One enrolled desk PC: its identity, token and a counter for case numbers."""

    def __init__(self, county: County, center_code: str, enrolled: dict[str, Any]) -> None:
        self.county = county
        self.center_code = center_code
        self.device_id = enrolled["device_id"]
        self.device_number = enrolled["device_number"]
        self.token = enrolled["token"]
        self.center_id = enrolled["center"]["id"]
        self.staff_id = str(uuid7())
        self._seq = 0

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def push(self, ops: list[dict[str, Any]], *, gzipped: bool = False, **extra: Any) -> Any:
        body = json.dumps({"ops": ops, **extra}, ensure_ascii=False).encode()
        headers = self.headers | {"Content-Type": "application/json"}
        if gzipped:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        return self.county.client.post("/api/v1/push", content=body, headers=headers)

    def push_ok(self, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        response = self.push(ops)
        assert response.status_code == 200, response.text
        return response.json()["results"]

    def pull(self, stream: str, cursor: int = 0, limit: int = 200) -> Any:
        return self.county.client.get(f"/api/v1/pull/{stream}", params={"cursor": cursor, "limit": limit},
                                      headers=self.headers)

    def pull_all(self, stream: str, *, limit: int = 200) -> list[dict[str, Any]]:
        entries, cursor = [], 0
        while True:
            page = self.pull(stream, cursor, limit).json()
            entries.extend(page["entries"])
            assert page["next_cursor"] >= cursor
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return entries

    # -- operations, shaped like the desk's rows ---------------------------------

    def resident(self, *, name: str = "张三", id_number: str | None = None, resident_id: str | None = None,
                 base_version: int | None = None, phone: str = "13800138000") -> dict[str, Any]:
        rid = resident_id or str(uuid7())
        return op("resident", rid, "upsert", {
            "doc_type": "resident_id", "id_number": id_number or f"4499{uuid.uuid4().int % 10**14:014d}",
            "name": name, "phone": phone, "address": "示范村一组", "tags": [],
        }, base_version=base_version)

    def case(self, resident_id: str, *, status: str = "accepted", committed_due: date | None = None,
             case_id: str | None = None, day: date = date(2026, 11, 20), item_name: str = "最低生活保障申请",
             **fields: Any) -> dict[str, Any]:
        self._seq += 1
        number = f"{self.center_code}-{self.device_number:02d}-{day:%Y%m%d}-{self._seq:04d}"
        payload = {
            "case_number": number, "verification_code": "7KQ3MX", "device_id": self.device_id,
            "resident_id": resident_id, "item_id": str(uuid7()), "item_code": "MZ-001", "item_name": item_name,
            "catalog_version": "sample-2026.1", "status": status, "outcome": "accept",
            "received_at": NOW.isoformat(), "handled_by": self.staff_id, "accepted_on": day.isoformat(),
            "committed_due": (committed_due or day + timedelta(days=30)).isoformat(), "forwarded_to": "",
            "materials": [{"name": "身份证", "position": 1, "required_count": 1, "received_count": 1}],
        } | fields
        return op("case", case_id or str(uuid7()), "upsert", payload)

    def event(self, case_id: str, kind: str, from_status: str | None, to_status: str, *,
              note: str = "", data: dict[str, Any] | None = None, event_id: str | None = None,
              at: datetime = NOW) -> dict[str, Any]:
        return op("case_event", event_id or str(uuid7()), "append", {
            "case_id": case_id, "kind": kind, "from_status": from_status, "to_status": to_status,
            "staff_id": self.staff_id, "occurred_at": at.isoformat(), "note": note, "data": data or {},
        })

    def new_case(self, *, outcome: str = "accept", status: str = "accepted", name: str = "张三",
                 **fields: Any) -> tuple[str, str, str]:
        """Resident + case + intake event pushed; (resident_id, case_id, case_number)."""
        resident = self.resident(name=name)
        case = self.case(resident["entity_id"], status=status, outcome=outcome, **fields)
        intake = self.event(case["entity_id"], outcome, None, status)
        results = self.push_ok([resident, case, intake])
        assert [r["status"] for r in results] == ["applied"] * 3, results
        return resident["entity_id"], case["entity_id"], case["payload"]["case_number"]

    def forwarded_case(self, **fields: Any) -> tuple[str, str]:
        _rid, case_id, number = self.new_case(outcome="forward_at_intake", status="forwarded",
                                              forwarded_to="县民政局", **fields)
        return case_id, number


def op(entity: str, entity_id: str, kind: str, payload: dict[str, Any], *, base_version: int | None = None) -> dict[str, Any]:
    return {
        "op_id": str(uuid7()), "entity": entity, "entity_id": entity_id, "kind": kind,
        "base_version": base_version, "device_time": NOW.isoformat(), "payload": payload,
    }


class County:
    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.client = TestClient(app)

    def close(self) -> None:
        self.client.close()
        self.app.state.engine.dispose()

    def session(self) -> Any:
        return self.app.state.db.begin()

    def make_center(self, code: str = "SFC01", name: str = "示范村党群服务中心", **fields: Any) -> str:
        with self.session() as session:
            return str(admin.create_center(session, code=code, name=name, town="示范镇", phone="0755-12345678",
                                           **fields).id)

    def issue_code(self, center_code: str = "SFC01", *, hours: int = 72, device_number: int | None = None) -> str:
        with self.session() as session:
            center = admin.find_center(session, center_code)
            return admin.issue_enrollment_code(session, center, hours=hours, device_number=device_number).code

    def enroll(self, center_code: str = "SFC01", **body: Any) -> Desk:
        code = self.issue_code(center_code)
        response = self.client.post("/api/v1/enroll", json={"code": code, **body})
        assert response.status_code == 200, response.text
        return Desk(self, center_code, response.json())

    def county_user(self, username: str = "officer", *, role: str = "officer", password: str = "Passw0rd!",
                    department: str = "县民政局") -> CountyUser:
        with self.session() as session:
            user = CountyUser(username=username, display_name=username, role=role, department=department,
                              password_hash=password_hash(password))
            session.add(user)
            session.flush()
            return user

    def login(self, username: str = "admin", *, role: str = "admin", password: str = "Passw0rd!") -> str:
        """A logged-in browser session; returns the CSRF token of its forms."""
        self.county_user(username, role=role, password=password)
        page = self.client.get("/admin/login")
        token = _hidden(page.text, "csrf")
        response = self.client.post("/admin/login", data={"username": username, "password": password, "csrf": token},
                                    follow_redirects=False)
        assert response.status_code == 303, response.text
        return _hidden(self.client.get("/admin/").text, "csrf")

    def change_count(self) -> int:
        with self.session() as session:
            return int(session.scalar(select(func.count()).select_from(ChangeEntry)) or 0)

    def db(self) -> Session:
        return self.app.state.db()


def _hidden(html: str, name: str) -> str:
    import re

    match = re.search(rf'name="{name}" value="([^"]+)"', html)
    assert match, f"no hidden {name} in page"
    return match.group(1)
