"""Widget-test fixtures: background operations run inline (deterministic)."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from app.config import StartOptions
from app.db import DB_FILENAME, Database, create_sqlite_engine, make_session_factory, migrate
from app.services.catalog_import import SAMPLE_CATALOG, import_catalog, load_catalog_file
from app.services.identity import RESIDENT_ID, fictional_id_number
from app.services.residents import ResidentInput, register_resident
from app.services.setup import CenterSetup, set_up_center
from app.ui.operations import InlineLanes, OperationRunner

HEAD_PASSWORD = "Zhuren2026"
SETUP = CenterSetup(
    center_name="青山村党群服务中心",
    center_code="QS01",
    county="示例县",
    town="示例镇",
    window_no="2",
    device_number=3,
    head_username="wangjg",
    head_display_name="王建国",
    head_password=HEAD_PASSWORD,
)


@pytest.fixture
def runner(qapp, db: Database) -> Iterator[OperationRunner]:
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = db.session_factory
    yield runner


@pytest.fixture
def set_up_db(db: Database) -> Database:
    with db.session_factory.begin() as session:
        set_up_center(session, SETUP)
    return db


@pytest.fixture
def options(data_dir: Path) -> StartOptions:
    # Plain, like the ``db`` fixture these tests share the file with; tests/ui/test_data_protection.py
    # starts encrypted desks.
    return StartOptions(data_dir=data_dir, demo=False, lang="zh_CN", screenshot=None, encrypt=False)


@pytest.fixture(autouse=True, scope="session")
def chinese_ui(qapp) -> None:
    from app.ui.i18n import install_translations

    install_translations(qapp, "zh_CN")


# A set-up center with the sample catalog and three residents (张三丰 with a
# phone), copied per test.
@dataclass(frozen=True)
class _Template:
    path: Path
    head: object


@pytest.fixture(scope="module")
def intake_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> _Template:
    path = tmp_path_factory.mktemp("intake") / DB_FILENAME
    shutil.copy(template_db, path)
    engine = create_sqlite_engine(path)
    with make_session_factory(engine).begin() as session:
        head = set_up_center(session, SETUP)
        import_catalog(session, load_catalog_file(SAMPLE_CATALOG), actor=head)
        for name, sequence, phone in (("张三丰", 21, "13912345678"), ("欧阳娜娜", 32, ""), ("曾国强", 43, "")):
            number = fictional_id_number(region_code="449901", birth_date=date(1948, 3, 9), sequence=sequence,
                                         gender="男" if sequence % 2 else "女")
            register_resident(session, head, ResidentInput(doc_type=RESIDENT_ID, id_number=number, name=name,
                                                           phone=phone))
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return _Template(path, head)


@pytest.fixture
def desk_db(intake_template: _Template, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / DB_FILENAME
    shutil.copy(intake_template.path, path)
    engine = create_sqlite_engine(path)
    yield Database(path, engine, make_session_factory(engine, data_dir=tmp_path), migrate(engine, path))
    engine.dispose()
