"""办理周期 — a catalog item may declare that it recurs (养老认证 every 12 months)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import Database
from app.models import CatalogItem
from app.services.catalog_import import SAMPLE_CATALOG, CatalogImportError, import_catalog, load_catalog_file
from tests.services.test_catalog_import import _catalog, _write


def test_the_sample_catalog_says_which_items_recur() -> None:
    catalog = load_catalog_file(SAMPLE_CATALOG)
    periods = {item.code: item.recurrence_months for item in catalog.items if item.recurrence_months}
    assert periods["RS-002"] == 12  # 养老认证: once a year
    assert all(months == 12 for months in periods.values())
    assert "RS-008" not in periods  # 社保卡申领 is not a yearly visit


def test_a_period_is_stored_and_items_without_one_do_not_recur(db: Database, tmp_path: Path) -> None:
    data = _catalog()
    data["items"][1]["recurrence_months"] = 12
    with db.session_factory.begin() as session:
        import_catalog(session, load_catalog_file(_write(tmp_path, data)), actor=None)
    with db.session_factory() as session:
        stored = dict(session.execute(select(CatalogItem.code, CatalogItem.recurrence_months)).tuples().all())
    assert stored == {"MZ-001": None, "RS-001": 12, "RS-002": None}


@pytest.mark.parametrize(("value", "expected"), [
    (0, "办理周期应为 1 至 120 个月"),
    (121, "办理周期应为 1 至 120 个月"),
    ("12", "类型错误"),
    (True, "类型错误"),
])
def test_a_bad_period_names_the_item_and_the_field(tmp_path: Path, value: object, expected: str) -> None:
    data = _catalog()
    data["items"][0]["recurrence_months"] = value
    with pytest.raises(CatalogImportError) as raised:
        load_catalog_file(_write(tmp_path, data))
    (problem,) = raised.value.problems
    assert (problem.item, problem.field) == ("MZ-001 高龄津贴申报", "recurrence_months")
    assert expected in problem.message


def test_the_county_publishes_the_period_to_the_desks(tmp_path: Path) -> None:
    from county_server.services.publish import _catalog_rows

    data = _catalog()
    data["items"][1]["recurrence_months"] = 6
    rows = _catalog_rows("v", load_catalog_file(_write(tmp_path, json.loads(json.dumps(data)))))
    assert {item["code"]: item["recurrence_months"] for item in rows["items"]} == {
        "MZ-001": None, "RS-001": 6, "RS-002": None}
