"""事项目录导入 — catalog import: the sample catalog, broken files, versions."""
from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.models import AuditEntry, CatalogItem, CatalogMaterial, CatalogVersion, Department
from app.models.catalog import HANDLING_MODES, MATERIAL_FORMS
from app.services.catalog_import import (
    SAMPLE_CATALOG,
    CatalogImportError,
    current_catalog,
    import_catalog,
    load_catalog_file,
)
from app.services.context import Actor
from app.services.errors import DomainError
from app.services.setup import CenterSetup, set_up_center

# The departments DOMAIN.md names, with the names a catalog may give them.
DOMAIN_DEPARTMENTS = {
    "民政": ("民政",),
    "人社": ("人社", "人力资源和社会保障", "人力资源社会保障"),
    "医保": ("医保", "医疗保障"),
    "残联": ("残联", "残疾人联合会"),
    "农业农村": ("农业农村",),
    "住建": ("住建", "住房和城乡建设", "住房城乡建设"),
    "退役军人事务": ("退役军人事务",),
    "卫健": ("卫健", "卫生健康"),
    "公安户籍": ("公安", "公安户籍", "公安户政"),
}
# DOMAIN.md's high-frequency items, each with the name fragments that find it.
HIGH_FREQUENCY = {
    "居住证办理": ("居住证",),
    "低保或救助申请": ("最低生活保障", "救助"),
    "高龄补贴申报": ("高龄",),
    "养老认证": ("养老认证",),
    "新生儿医保登记": ("新生儿",),
    "外来人员登记": ("外来人员",),
    "失业就业登记": ("失业登记", "就业登记"),
    "催缴居民医保养老保险": ("催缴", "养老保险"),
    "独生子女费": ("独生子女费",),
    "退休办理": ("退休",),
    "二孩补贴": ("二孩",),
    '"4050"补贴': ("4050",),
    "灵活就业社保补贴": ("灵活就业",),
    "人民调解": ("人民调解",),
}

needs_sample = pytest.mark.skipif(not SAMPLE_CATALOG.exists(), reason="sample catalog not written yet")


def _catalog(version: str = "test-1") -> dict[str, Any]:
    return {
        "format": "onewindow-catalog",
        "format_version": 1,
        "sample": False,
        "notice": "",
        "version": version,
        "region": "测试县",
        "published": "2026-11-01",
        "departments": [{"code": "MZ", "name": "民政"}, {"code": "RS", "name": "人力资源和社会保障"}],
        "items": [
            {
                "code": "MZ-001",
                "name": "高龄津贴申报",
                "department": "MZ",
                "handling_mode": "committed",
                "statutory_days": 20,
                "committed_days": 10,
                "high_frequency": True,
                "process": ["窗口受理", "审核", "发放"],
                "materials": [
                    {"name": "居民身份证", "form": "original_and_copy", "count": 1, "key": True},
                    {"name": "银行卡", "form": "copy", "key": False},
                ],
            },
            {
                "code": "RS-001",
                "name": "失业登记",
                "department": "RS",
                "handling_mode": "on_the_spot",
                "statutory_days": 0,
                "committed_days": 0,
                "materials": [{"name": "居民身份证", "form": "original"}],
            },
            {
                "code": "RS-002",
                "name": "就业困难人员认定",
                "department": "RS",
                "handling_mode": "forwarded",
                "statutory_days": 15,
                "committed_days": 10,
                "allows_deferred_materials": True,
                "materials": [],
            },
        ],
    }


def _write(folder: Path, data: Any, name: str = "catalog.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _head(db: Database) -> Actor:
    with db.session_factory.begin() as session:
        return set_up_center(
            session,
            CenterSetup(
                center_name="测试村党群服务中心", center_code="T01", county="测试县", town="测试镇",
                head_username="head", head_display_name="张主任", head_password="abc12345",
            ),
        )


def _import(db: Database, path: Path, actor: Actor | None = None) -> CatalogVersion:
    with db.session_factory.begin() as session:
        return import_catalog(session, load_catalog_file(path), actor=actor)


def _counts(db: Database) -> dict[str, int]:
    with db.session_factory() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (CatalogVersion, Department, CatalogItem, CatalogMaterial, AuditEntry)
        }


# -- the sample catalog -------------------------------------------------------


@needs_sample
def test_sample_catalog_validates_and_says_it_is_a_sample() -> None:
    raw = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    assert raw["sample"] is True
    assert "示例" in raw["notice"]
    catalog = load_catalog_file(SAMPLE_CATALOG)
    assert catalog.is_sample
    assert "示例" in catalog.notice
    assert len(catalog.items) >= 60
    assert len(catalog.checksum) == 64


@needs_sample
def test_sample_catalog_imports_with_every_domain_department(db: Database) -> None:
    head = _head(db)
    version = _import(db, SAMPLE_CATALOG, head)
    with db.session_factory() as session:
        stored = session.get(CatalogVersion, version.id)
        assert stored.is_current and stored.is_sample and "示例" in stored.notice
        assert stored.imported_by == head.staff_id
        assert len(stored.items) >= 60
        names = {d.code: d.name for d in stored.departments}
        used = {item.department_code for item in stored.items}
        for term, accepted in DOMAIN_DEPARTMENTS.items():
            codes = [code for code, name in names.items() if name in accepted]
            assert codes, f"department {term} missing from the sample catalog"
            assert any(code in used for code in codes), f"department {term} has no items"
        assert set(names) >= used


@needs_sample
def test_sample_catalog_has_the_high_frequency_items_of_the_seeds(db: Database) -> None:
    _import(db, SAMPLE_CATALOG)
    with db.session_factory() as session:
        version = current_catalog(session)
        assert version is not None
        for label, fragments in HIGH_FREQUENCY.items():
            for fragment in fragments:
                found = session.scalars(
                    select(CatalogItem.name).where(
                        CatalogItem.catalog_version_id == version.id, CatalogItem.name.contains(fragment)
                    )
                ).all()
                assert found, f"{label}: no item whose name contains {fragment!r}"


@needs_sample
def test_sample_catalog_items_keep_the_service_commitment_rules(db: Database) -> None:
    _import(db, SAMPLE_CATALOG)
    with db.session_factory() as session:
        items = session.scalars(select(CatalogItem)).all()
        assert len({item.code for item in items}) == len(items)
        for item in items:
            assert 0 <= item.committed_days <= item.statutory_days, item.code
            assert item.handling_mode in HANDLING_MODES, item.code
            assert item.name_initials, item.code
            assert item.materials, f"{item.code} lists no materials"
            for material in item.materials:
                assert material.name.strip() and material.form in MATERIAL_FORMS and material.count >= 1


# -- broken files -------------------------------------------------------------


def _dup_code(d: dict) -> None:
    d["items"][1]["code"] = " MZ-001"  # padding must not hide the duplicate


def _committed_over_statutory(d: dict) -> None:
    d["items"][0]["committed_days"] = 25


def _missing_material_name(d: dict) -> None:
    del d["items"][0]["materials"][1]["name"]


def _blank_material_name(d: dict) -> None:
    d["items"][0]["materials"][0]["name"] = "  "


def _unknown_department(d: dict) -> None:
    d["items"][2]["department"] = "WJ"


def _string_for_int(d: dict) -> None:
    d["items"][0]["statutory_days"] = "20"


def _bool_for_int(d: dict) -> None:
    d["items"][2]["committed_days"] = True


def _bool_for_int_count(d: dict) -> None:
    d["items"][0]["materials"][0]["count"] = True


def _int_for_bool(d: dict) -> None:
    d["items"][0]["high_frequency"] = 1


def _unknown_item_field(d: dict) -> None:
    d["items"][1]["dept"] = "RS"


def _unknown_material_field(d: dict) -> None:
    d["items"][0]["materials"][0]["copies"] = 2


def _empty_items(d: dict) -> None:
    d["items"] = []


def _departments_not_a_list(d: dict) -> None:
    d["departments"] = 5


BROKEN: dict[str, tuple[Callable[[dict], None], list[tuple[str, str, str]]]] = {
    # name: (mutation, [(item fragment, field, message fragment), ...])
    "duplicate_codes": (_dup_code, [("MZ-001", "code", "重复")]),
    "committed_over_statutory": (_committed_over_statutory, [("MZ-001", "committed_days", "超过法定时限")]),
    "missing_material_name": (_missing_material_name, [("MZ-001", "materials[2].name", "缺少")]),
    "blank_material_name": (_blank_material_name, [("MZ-001", "materials[1].name", "不能为空")]),
    "unknown_department": (_unknown_department, [("RS-002", "department", "WJ")]),
    "string_for_int": (_string_for_int, [("MZ-001", "statutory_days", "整数")]),
    "bool_for_int": (_bool_for_int, [("RS-002", "committed_days", "整数")]),
    "bool_for_int_count": (_bool_for_int_count, [("MZ-001", "materials[1].count", "整数")]),
    "int_for_bool": (_int_for_bool, [("MZ-001", "high_frequency", "true/false")]),
    "unknown_item_field": (_unknown_item_field, [("RS-001", "dept", "未知字段")]),
    "unknown_material_field": (_unknown_material_field, [("MZ-001", "materials[1].copies", "未知字段")]),
    "empty_items": (_empty_items, [("", "items", "为空")]),
    "departments_not_a_list": (_departments_not_a_list, [("", "departments", "列表")]),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_file_is_rejected_with_named_problems_and_nothing_imported(
    db: Database, tmp_path: Path, case: str
) -> None:
    mutate, expected = BROKEN[case]
    _import(db, _write(tmp_path, _catalog("good-1"), "good.json"))  # something already there
    before = _counts(db)
    data = _catalog("broken-1")
    mutate(data)
    path = _write(tmp_path, data, f"{case}.json")

    with pytest.raises(CatalogImportError) as raised:
        _import(db, path)

    problems = raised.value.problems
    for item, field, fragment in expected:
        assert any(
            p.file == path.name and item in p.item and p.field == field and fragment in p.message
            for p in problems
        ), (item, field, fragment, [str(p) for p in problems])
    assert all(p.file == path.name for p in problems)
    message = str(raised.value)
    assert path.name in message and "未导入" in message
    assert _counts(db) == before
    with db.session_factory() as session:
        assert current_catalog(session).version == "good-1"


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    data = _catalog()
    data["surprise"] = 1  # unknown top-level field
    mz1, rs1, rs2 = data["items"]
    mz1["committed_days"] = 25  # over statutory
    mz1["high_frequency"] = 1  # int for bool
    del mz1["materials"][1]["name"]  # material without a name
    rs1["statutory_days"] = "20"  # text for int
    rs1["dept"] = "RS"  # unknown field
    rs2["code"] = "MZ-001"  # duplicate code
    rs2["department"] = "WJ"  # unknown department
    rs2["committed_days"] = True  # bool for int
    data["items"].append({"code": "X-9", "name": "缺字段事项"})
    path = _write(tmp_path, data)

    with pytest.raises(CatalogImportError) as raised:
        load_catalog_file(path)

    problems = raised.value.problems
    expected = [
        ("", "surprise"),
        ("MZ-001 高龄津贴申报", "committed_days"),
        ("MZ-001 高龄津贴申报", "high_frequency"),
        ("MZ-001 高龄津贴申报", "materials[2].name"),
        ("RS-001 失业登记", "statutory_days"),
        ("RS-001 失业登记", "dept"),
        ("MZ-001 就业困难人员认定", "code"),
        ("MZ-001 就业困难人员认定", "department"),
        ("MZ-001 就业困难人员认定", "committed_days"),
        ("X-9 缺字段事项", "department"),
        ("X-9 缺字段事项", "handling_mode"),
        ("X-9 缺字段事项", "statutory_days"),
        ("X-9 缺字段事项", "committed_days"),
        ("X-9 缺字段事项", "materials"),
    ]
    found = [(p.item, p.field) for p in problems]
    assert sorted(found) == sorted(expected), str(raised.value)
    assert all(p.file == "catalog.json" for p in problems)
    # The message for the worker lists every one of them, one per line.
    assert str(raised.value).count("\n") == len(problems)
    assert f"{len(problems)} 处问题" in str(raised.value)


def test_a_file_that_is_not_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": "onewindow-catalog",\n  "items": [\n    {"code": "A",}\n  ]\n}\n', encoding="utf-8")
    with pytest.raises(CatalogImportError) as raised:
        load_catalog_file(path)
    (problem,) = raised.value.problems
    assert problem.file == "broken.json"
    assert "第 4 行" in problem.message and "列" in problem.message


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes(json.dumps(_catalog(), ensure_ascii=False).encode("gbk"))
    before = _counts(db)
    with pytest.raises(CatalogImportError) as raised:
        _import(db, path)
    (problem,) = raised.value.problems
    assert problem.file == "gbk.json" and "UTF-8" in problem.message
    assert _counts(db) == before


def test_utf8_with_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_catalog(), ensure_ascii=False).encode("utf-8"))
    assert len(load_catalog_file(path).items) == 3


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(CatalogImportError) as raised:
        load_catalog_file(tmp_path / "nowhere.json")
    assert raised.value.problems[0].file == "nowhere.json"


def test_the_top_level_must_be_an_object(tmp_path: Path) -> None:
    with pytest.raises(CatalogImportError) as raised:
        load_catalog_file(_write(tmp_path, [1, 2, 3]))
    assert "对象" in str(raised.value)


# -- a good file and versions -------------------------------------------------


def test_a_good_file_imports_everything_it_holds(db: Database, tmp_path: Path) -> None:
    head = _head(db)
    version = _import(db, _write(tmp_path, _catalog()), head)
    with db.session_factory() as session:
        stored = session.get(CatalogVersion, version.id)
        assert (stored.version, stored.region, str(stored.published)) == ("test-1", "测试县", "2026-11-01")
        assert stored.is_current and not stored.is_sample
        assert [d.code for d in stored.departments] == ["MZ", "RS"]
        by_code = {item.code: item for item in stored.items}
        assert set(by_code) == {"MZ-001", "RS-001", "RS-002"}
        old_age = by_code["MZ-001"]
        assert (old_age.statutory_days, old_age.committed_days, old_age.high_frequency) == (20, 10, True)
        assert old_age.fee == "不收费" and old_age.process == ["窗口受理", "审核", "发放"]
        assert [(m.position, m.name, m.form, m.count, m.key) for m in old_age.materials] == [
            (1, "居民身份证", "original_and_copy", 1, True),
            (2, "银行卡", "copy", 1, False),
        ]
        assert by_code["RS-002"].allows_deferred_materials and by_code["RS-002"].materials == []
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        assert entry.staff_id == head.staff_id and "test-1" in entry.summary


def test_reimporting_the_same_version_is_refused_clearly(db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path, _catalog())
    _import(db, path)
    before = _counts(db)
    with pytest.raises(DomainError, match="test-1.*已导入过") as raised:
        _import(db, path)
    assert raised.value.field == "version"
    # Same version number, different content: told to use a new number.
    changed = _catalog()
    changed["items"][0]["committed_days"] = 5
    with pytest.raises(DomainError, match="已存在但内容不同"):
        _import(db, _write(tmp_path, changed, "changed.json"))
    assert _counts(db) == before


def test_a_new_version_keeps_the_old_one_and_becomes_current(db: Database, tmp_path: Path) -> None:
    first = _import(db, _write(tmp_path, _catalog("2026.1"), "a.json"))
    newer = _catalog("2026.2")
    newer["items"][0]["committed_days"] = 8
    second = _import(db, _write(tmp_path, newer, "b.json"))
    with db.session_factory() as session:
        versions = {v.version: v for v in session.scalars(select(CatalogVersion))}
        assert set(versions) == {"2026.1", "2026.2"}
        assert not versions["2026.1"].is_current and versions["2026.2"].is_current
        assert current_catalog(session).id == second.id
        old_item = session.scalars(
            select(CatalogItem).where(CatalogItem.catalog_version_id == first.id, CatalogItem.code == "MZ-001")
        ).one()
        new_item = session.scalars(
            select(CatalogItem).where(CatalogItem.catalog_version_id == second.id, CatalogItem.code == "MZ-001")
        ).one()
        assert (old_item.committed_days, new_item.committed_days) == (10, 8)
        assert session.scalar(select(func.count()).select_from(CatalogItem)) == 6


def test_importing_without_making_current_keeps_the_current_version(db: Database, tmp_path: Path) -> None:
    _import(db, _write(tmp_path, _catalog("2026.1"), "a.json"))
    with db.session_factory.begin() as session:
        import_catalog(session, load_catalog_file(_write(tmp_path, _catalog("2026.2"), "b.json")),
                       actor=None, make_current=False)
    with db.session_factory() as session:
        assert current_catalog(session).version == "2026.1"
        assert session.scalar(select(func.count()).select_from(CatalogVersion)) == 2


def test_catalog_dict_is_not_modified_by_validation(tmp_path: Path) -> None:
    data = _catalog()
    snapshot = copy.deepcopy(data)
    load_catalog_file(_write(tmp_path, data))
    assert data == snapshot


def test_the_documents_block_is_checked_like_the_rest_of_the_file() -> None:
    from app.services.catalog_import import validate_catalog

    data = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    catalog = validate_catalog(data, source="sample")
    assert catalog.documents["departments"]["MZ"]["decision_body"] == "示例县民政局"
    assert all(item.supplement_days == 5 for item in catalog.items)
    for bad, words in (({"status_base_url": "http://10.0.0.8:8700"}, "https"),
                       ({"referral_units": [{"address": "无名"}]}, "单位名称"),
                       ({"departments": {"MZ": {"seal_name": 3}}}, "文字")):
        broken = copy.deepcopy(data)
        broken["documents"] = bad
        with pytest.raises(CatalogImportError) as raised:
            validate_catalog(broken, source="broken")
        assert words in str(raised.value)
    broken = copy.deepcopy(data)
    broken["items"][0]["supplement_days"] = 0
    with pytest.raises(CatalogImportError, match="补正期限"):
        validate_catalog(broken, source="broken")
