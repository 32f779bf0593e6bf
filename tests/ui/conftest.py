"""Widget-test fixtures: background operations run inline (deterministic)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import StartOptions
from app.db import Database
from app.services.setup import CenterSetup, set_up_center
from app.ui.operations import OperationRunner

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
def runner(qapp, db: Database) -> Iterator[OperationRunner]:  # noqa: ANN001
    runner = OperationRunner()
    runner.inline = True
    runner.session_factory = db.session_factory
    yield runner


@pytest.fixture
def set_up_db(db: Database) -> Database:
    with db.session_factory.begin() as session:
        set_up_center(session, SETUP)
    return db


@pytest.fixture
def options(data_dir: Path) -> StartOptions:
    return StartOptions(data_dir=data_dir, demo=False, lang="zh_CN", screenshot=None)


@pytest.fixture(autouse=True, scope="session")
def chinese_ui(qapp) -> None:  # noqa: ANN001
    from app.ui.i18n import install_translations

    install_translations(qapp, "zh_CN")
