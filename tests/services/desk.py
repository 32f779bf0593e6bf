"""A small center for service tests: staff, a catalog with one item per
handling mode, and one resident, set up once per module and copied for each
test (password hashing is deliberately slow).

Expected dates are counted by hand from the 2026 holiday notice: the Spring
Festival holiday is Sun 15 Feb – Mon 23 Feb 2026, with Sat 14 Feb and Sat
28 Feb as working days (调休上班).
"""
from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db import DB_FILENAME, Database, create_sqlite_engine, make_session_factory, migrate
from app.models import Case
from app.services.calendar import WorkCalendar
from app.services.calendar_store import load_work_calendar
from app.services.cases import IntakeRequest, MaterialReceipt, record_event, take_in
from app.services.catalog_import import import_catalog, validate_catalog
from app.services.context import Actor
from app.services.identity import RESIDENT_ID, fictional_id_number
from app.services.residents import ResidentInput, register_resident
from app.services.setup import CenterSetup, set_up_center
from app.services.staff import actor_for, add_staff

D = date.fromisoformat
# Thursday 12 Feb 2026, 10:00 at the desk, two days before the Spring Festival break.
NOW = datetime(2026, 2, 12, 10, 0).astimezone()


def at(day: str, hour: int = 10) -> datetime:
    return datetime.combine(D(day), datetime.min.time()).replace(hour=hour).astimezone()


CATALOG = {
    "format": "onewindow-catalog",
    "format_version": 1,
    "version": "test-1",
    "departments": [{"code": "MZ", "name": "民政"}, {"code": "GA", "name": "公安"}],
    "items": [
        {
            "code": "OS", "name": "养老认证", "department": "MZ", "handling_mode": "on_the_spot",
            "statutory_days": 0, "committed_days": 0,
            "materials": [{"name": "居民身份证", "form": "original"}],
        },
        {
            "code": "CM", "name": "高龄津贴申报", "department": "MZ", "handling_mode": "committed",
            "statutory_days": 20, "committed_days": 5, "allows_deferred_materials": True,
            "materials": [
                {"name": "居民身份证", "form": "original_and_copy", "key": True},
                {"name": "居民户口簿", "form": "copy", "count": 2, "key": True},
                {"name": "银行卡", "form": "copy", "key": False},
            ],
        },
        {
            "code": "CN", "name": "居住证办理", "department": "GA", "handling_mode": "committed",
            "statutory_days": 15, "committed_days": 10,
            "materials": [
                {"name": "居民身份证", "form": "original", "key": True},
                {"name": "照片", "form": "original", "key": False},
            ],
        },
        {
            "code": "FW", "name": "最低生活保障申请", "department": "MZ", "handling_mode": "forwarded",
            "statutory_days": 30, "committed_days": 20,
            "materials": [{"name": "申请书", "form": "original"}],
        },
    ],
}


@dataclass
class Desk:
    db: Database
    head: Actor
    clerk: Actor
    resident_id: uuid.UUID
    items: dict[str, uuid.UUID]
    materials: dict[str, list[tuple[uuid.UUID, int, bool]]]  # code -> [(id, count, key)]
    calendar: WorkCalendar

    def full(self, code: str) -> tuple[MaterialReceipt, ...]:
        return tuple(MaterialReceipt(mid, count) for mid, count, _key in self.materials[code])

    def request(self, code: str, outcome: str, **kwargs) -> IntakeRequest:
        kwargs.setdefault("materials", self.full(code))
        return IntakeRequest(resident_id=self.resident_id, item_id=self.items[code], outcome=outcome, **kwargs)

    def take_in(self, request: IntakeRequest, *, now: datetime = NOW, actor: Actor | None = None) -> uuid.UUID:
        with self.db.session_factory.begin() as session:
            return take_in(session, actor or self.clerk, request, calendar=self.calendar, now=now).id

    def event(self, case_id: uuid.UUID, event: str, *, now: datetime, actor: Actor | None = None, **kwargs):
        with self.db.session_factory.begin() as session:
            ev = record_event(session, actor or self.clerk, case_id, event, calendar=self.calendar, now=now, **kwargs)
            return ev.seq

    def case(self, case_id: uuid.UUID) -> Case:
        with self.db.session_factory() as session:
            case = session.get(Case, case_id)
            _ = case.materials, case.events  # load before the session closes
            return case

    def count(self, model) -> int:
        with self.db.session_factory() as session:
            return session.scalar(select(func.count()).select_from(model))


@dataclass(frozen=True)
class _DeskTemplate:
    path: Path
    head: Actor
    clerk: Actor
    resident_id: uuid.UUID
    items: dict[str, uuid.UUID]
    materials: dict[str, list[tuple[uuid.UUID, int, bool]]]


@pytest.fixture(scope="module")
def desk_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> _DeskTemplate:
    """A center with staff, a catalog and one resident, set up once per module
    (password hashing is deliberately slow) and copied for each test."""
    path = tmp_path_factory.mktemp("desk") / DB_FILENAME
    shutil.copy(template_db, path)
    engine = create_sqlite_engine(path)
    factory = make_session_factory(engine)
    with factory.begin() as session:
        head = set_up_center(
            session,
            CenterSetup(
                center_name="示范村党群服务中心", center_code="SF01", county="示例县", town="示例镇",
                head_username="zhuren", head_display_name="王建国", head_password="demo2026",
            ),
        )
        version = import_catalog(session, validate_catalog(CATALOG, source="test.json"), actor=head)
        items = {item.code: item.id for item in version.items}
        materials = {
            item.code: [(m.id, m.count, m.key) for m in item.materials] for item in version.items
        }
        staff = add_staff(session, head, username="lina", display_name="李娜", password="lina2026")
        clerk = actor_for(session, staff)
        resident = register_resident(
            session, clerk,
            ResidentInput(
                doc_type=RESIDENT_ID,
                id_number=fictional_id_number(region_code="440111", birth_date=date(1940, 5, 6),
                                              sequence=12, gender="男"),
                name="张老汉",
            ),
        )
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return _DeskTemplate(path, head, clerk, resident.resident_id, items, materials)


@pytest.fixture
def desk(desk_template: _DeskTemplate, tmp_path: Path) -> Iterator[Desk]:
    path = tmp_path / DB_FILENAME
    shutil.copy(desk_template.path, path)
    engine = create_sqlite_engine(path)
    database = Database(path=path, engine=engine, session_factory=make_session_factory(engine, data_dir=tmp_path),
                        migration=migrate(engine, path))
    with database.session_factory() as session:
        calendar = load_work_calendar(session)
    t = desk_template
    yield Desk(database, t.head, t.clerk, t.resident_id, t.items, t.materials, calendar)
    database.dispose()
