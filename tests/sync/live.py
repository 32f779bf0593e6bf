"""Real parts for the sync tests: the county server as its own uvicorn process
on loopback (PostgreSQL or SQLite), the county admin's actions on its
database, and desk PCs (a migrated SQLite database each, enrolled by code).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from app.db import DB_FILENAME, Database, create_sqlite_engine, make_session_factory, migrate
from app.models import Case, CatalogItem, CatalogVersion, Resident
from app.models.vocabulary import IntakeOutcome
from app.services.calendar_store import load_work_calendar
from app.services.cases import IntakeRequest, MaterialReceipt, record_event, take_in
from app.services.context import Actor
from app.services.identity import RESIDENT_ID, fictional_id_number
from app.services.residents import ResidentInput, register_resident
from app.services.setup import CenterSetup, set_up_center
from app.sync.engine import SyncEngine, SyncReport
from app.sync.enroll import enroll
from app.sync.link import Backoff
from county_server.db import create_db_engine
from county_server.db import make_session_factory as county_factory
from county_server.models import CatalogVersion as CountyCatalog
from county_server.models import CountyUser
from county_server.services import admin
from county_server.services.publish import publish_catalog
from county_server.settings import Settings
from tests.services.desk import CATALOG

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "demo2026"
_HASH: dict[str, str] = {}  # hashing at full strength costs 0.1 s: county officers share one


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CountyProcess:
    """``python -m county_server serve`` in its own process, on one database."""

    def __init__(self, database_url: str, folder: Path, *, port: int | None = None,
                 env: dict[str, str] | None = None, args: tuple[str, ...] = ()) -> None:
        self.database_url = database_url
        self.extra_env = env or {}  # more COUNTY_* settings (pool sizes, rates)
        self.extra_args = args  # more `serve` options (--workers)
        self.folder = folder
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = folder / "server.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._engine = create_db_engine(Settings(database_url=database_url))
        self.db = county_factory(self._engine)

    def start(self, *, timeout: float = 120) -> None:
        env = os.environ | {
            "COUNTY_DATABASE_URL": self.database_url, "COUNTY_DATA_DIR": str(self.folder),
            "COUNTY_STATUS_RATE_PER_MINUTE": "100000", "COUNTY_ENROLL_RATE_PER_MINUTE": "100000",
            "PYTHONPATH": str(REPO),
        } | self.extra_env
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "county_server", "serve", "--port", str(self.port), "--log-level", "warning",
                 *self.extra_args],
                env=env, stdout=out, stderr=subprocess.STDOUT, cwd=REPO,
            )
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(self.base + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("county server did not start:\n" + self.log.read_text(errors="replace"))
            time.sleep(0.05)

    def kill9(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def close(self) -> None:
        self.stop()
        self._engine.dispose()

    # -- the county admin ---------------------------------------------------------------

    def make_center(self, code: str | None = None, *, name: str = "示范村党群服务中心") -> str:
        code = code or f"T{uuid.uuid4().hex[:7].upper()}"
        with self.db.begin() as session:
            admin.create_center(session, code=code, name=name, town="示范镇", phone="0755-12345678")
        return code

    def issue_code(self, center_code: str, *, device_number: int | None = None) -> str:
        with self.db.begin() as session:
            center = admin.find_center(session, center_code)
            return admin.issue_enrollment_code(session, center, hours=72, device_number=device_number).code

    def publish_test_catalog(self) -> None:
        """The service tests' catalog, published once per county database."""
        with self.db.begin() as session:
            if session.scalar(select(func.count()).select_from(CountyCatalog)):
                return
            publish_catalog(session, json.dumps(CATALOG, ensure_ascii=False).encode(), source="test.json")

    def county_token(self) -> str:
        """A county officer's API token (for received / returned / completed)."""
        from app.services.passwords import hash_password

        if "county" not in _HASH:
            _HASH["county"] = hash_password(PASSWORD)
        with self.db.begin() as session:
            user = CountyUser(username=f"officer{uuid.uuid4().hex[:6]}", display_name="县民政局经办人", role="officer",
                              department="县民政局", password_hash=_HASH["county"])
            session.add(user)
            session.flush()
            return admin.issue_county_api_token(session, user)

    def county_action(self, token: str, case_id: uuid.UUID, action: str, *, note: str = "", result: str | None = None) -> httpx.Response:
        body: dict[str, Any] = {"action": action, "note": note}
        if result:
            body["result"] = result
        return httpx.post(f"{self.base}/api/v1/county/cases/{case_id}/events", json=body,
                          headers={"Authorization": f"Bearer {token}"}, timeout=30)

    def revoke(self, center_code: str, device_number: int) -> None:
        with self.db.begin() as session:
            center = admin.find_center(session, center_code)
            admin.revoke_device(session, admin.find_device(session, center, device_number))


@dataclass
class DeskPC:
    """One desk PC: its database, its head's Actor and its sync engine."""

    data_dir: Path
    db: Database
    actor: Actor
    engine: SyncEngine
    center_code: str
    device_number: int
    _people: int = field(default=0)

    @property
    def factory(self):
        return self.db.session_factory

    def close(self) -> None:
        self.db.dispose()

    def enroll(self, county: CountyProcess, *, base: str | None = None, code: str | None = None) -> None:
        code = code or county.issue_code(self.center_code)
        enroll(self.factory, self.data_dir, server_url=base or county.base, code=code,
               backoff=Backoff(base=0.05, cap=0.5, attempts=8))
        with self.factory() as session:
            from app.services.setup import this_device

            device = this_device(session)
            self.actor = Actor(**{**self.actor.__dict__, "device_id": device.id})

    def sync(self, **kwargs: Any) -> SyncReport:
        return self.engine.run(**kwargs)

    # -- front-desk work -----------------------------------------------------------------

    def register(self, name: str = "张三", *, sequence: int | None = None) -> uuid.UUID:
        if sequence is None:
            self._people += 1
            sequence = self.device_number * 1000 + self._people
        with self.factory.begin() as session:
            return register_resident(session, self.actor, ResidentInput(doc_type=RESIDENT_ID, id_number=person_id(sequence),
                                                                        name=name)).resident_id

    def item(self, code: str) -> tuple[uuid.UUID, tuple[MaterialReceipt, ...]]:
        with self.factory() as session:
            item = session.scalar(select(CatalogItem).join(CatalogVersion).where(
                CatalogItem.code == code, CatalogVersion.is_current.is_(True)))
            assert item is not None, f"no current catalog item {code}: pull the catalog first"
            return item.id, tuple(MaterialReceipt(m.id, m.count) for m in item.materials)

    def take_in(self, resident_id: uuid.UUID, code: str = "CM", outcome: str = IntakeOutcome.ACCEPT,
                **kwargs: Any) -> uuid.UUID:
        item_id, materials = self.item(code)
        if outcome == IntakeOutcome.FORWARD:
            kwargs.setdefault("forwarded_to", "县民政局")
        with self.factory.begin() as session:
            calendar = load_work_calendar(session)
            request = IntakeRequest(resident_id=resident_id, item_id=item_id, outcome=outcome, materials=materials,
                                    **kwargs)
            return take_in(session, self.actor, request, calendar=calendar).id

    def event(self, case_id: uuid.UUID, event: str, **kwargs: Any) -> None:
        with self.factory.begin() as session:
            record_event(session, self.actor, case_id, event, calendar=load_work_calendar(session), **kwargs)

    def case(self, case_id: uuid.UUID) -> Case:
        with self.factory() as session:
            case = session.get(Case, case_id)
            assert case is not None
            _ = case.events, case.materials
            return case

    def merge(self, kept_id: uuid.UUID, merged_id: uuid.UUID, *, reason: str = "重复登记") -> uuid.UUID:
        """The head merges two records of one person (合并登记), directly."""
        from app.services.resident_merge import propose_merge

        with self.factory.begin() as session:
            return propose_merge(session, self.actor, kept_id=kept_id, merged_id=merged_id, reason=reason)

    def merged(self) -> dict[uuid.UUID, uuid.UUID]:
        """Merged record -> the record kept, as this desk holds it."""
        with self.factory() as session:
            return {r.id: r.merged_into for r in session.scalars(select(Resident).where(Resident.merged_into.is_not(None)))}

    def residents(self) -> dict[uuid.UUID, tuple[str, str]]:
        with self.factory() as session:
            return {r.id: (r.id_number, r.name) for r in session.scalars(select(Resident))}


def person_id(n: int) -> str:
    """A fictional resident ID number, one per ``n`` (4499xx: no real county)."""
    return fictional_id_number(region_code="449901", birth_date=date(1940, 1, 1) + timedelta(days=n // 100),
                               sequence=n % 100, gender="男" if n % 2 else "女")


def make_desk(template_db: Path, folder: Path, center_code: str, *, device_number: int = 1,
              backoff: Backoff | None = None, **engine_kwargs: Any) -> DeskPC:
    """A desk PC set up for ``center_code`` (not enrolled yet)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(template_db, folder / DB_FILENAME)
    engine = create_sqlite_engine(folder / DB_FILENAME)
    db = Database(folder / DB_FILENAME, engine, make_session_factory(engine, data_dir=folder),
                  migrate(engine, folder / DB_FILENAME))
    with db.session_factory.begin() as session:
        actor = set_up_center(session, CenterSetup(
            center_name="示范村党群服务中心", center_code=center_code, county="示例县", town="示例镇",
            device_number=device_number, window_no=str(device_number), head_username=f"zhuren{device_number}",
            head_display_name="王建国", head_password=PASSWORD,
        ))
    sync = SyncEngine(db.session_factory, folder, backoff=backoff or Backoff(base=0.05, cap=0.5, attempts=8),
                      **engine_kwargs)
    return DeskPC(folder, db, actor, sync, center_code, device_number)


def desk_counts(desk: Any) -> dict[str, int]:
    """Outbox entries by status, of a DeskPC or a Database."""
    from app.models import OutboxEntry

    factory = getattr(desk, "factory", None) or desk.session_factory
    with factory() as session:
        return dict(session.execute(
                select(OutboxEntry.status, func.count()).group_by(OutboxEntry.status)).all())


def wait_until(predicate, *, timeout: float = 20, every: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return predicate()


__all__ = ["CountyProcess", "DeskPC", "Iterator", "make_desk", "wait_until"]
