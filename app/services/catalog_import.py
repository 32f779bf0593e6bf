"""Catalog import (事项目录导入): validate the whole file, then import all or nothing.

Every problem is reported with the file, the item and the field, in Chinese,
so a center head or county IT person can fix the file in one pass.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.models import CatalogItem, CatalogMaterial, CatalogVersion, Department
from app.models.catalog import HANDLING_MODES, MATERIAL_FORMS
from app.services import audit, document_settings
from app.services.context import Actor
from app.services.errors import DomainError
from app.services.pinyin import text_initials
from app.services.text_input import text_problem
from app.text import Text, tr

FORMAT_NAME = "onewindow-catalog"
FORMAT_VERSION = 1
SAMPLE_CATALOG = Path(__file__).resolve().parents[2] / "resources" / "catalog" / "sample_catalog.json"

_TOP_KEYS = {
    "format": str, "format_version": int, "sample": bool, "notice": str, "version": str,
    "region": str, "published": str, "departments": list, "items": list, "documents": dict,
}
_TOP_OPTIONAL = {"sample", "notice", "region", "published", "documents"}
_ITEM_KEYS: dict[str, type | tuple[type, ...]] = {
    "code": str, "name": str, "department": str, "handling_mode": str, "statutory_days": int,
    "committed_days": int, "fee": str, "legal_basis": str, "conditions": str, "process": list,
    "high_frequency": bool, "allows_deferred_materials": bool, "online": bool, "location": str,
    "recurrence_months": int, "materials": list, "supplement_days": int,
}
_ITEM_OPTIONAL = {"fee", "legal_basis", "conditions", "process", "high_frequency",
                  "allows_deferred_materials", "online", "location", "recurrence_months", "supplement_days"}
#: 办理周期: at most ten years between two rounds of a recurring item.
MAX_RECURRENCE_MONTHS = 120
_MATERIAL_KEYS: dict[str, type] = {
    "name": str, "form": str, "count": int, "format": str, "issuer": str, "key": bool,
    "obtain": str, "notes": str,
}
_MATERIAL_OPTIONAL = {"format", "issuer", "key", "obtain", "notes", "count"}
_TYPE_NAMES = {
    str: Text("文本", "text"), int: Text("整数", "a whole number"),
    bool: Text("是/否（true/false）", "yes/no (true/false)"), list: Text("列表", "a list"),
}


# Long texts of a catalog that may run over several lines; every other text is one line.
_MULTILINE_KEYS = frozenset({"conditions", "legal_basis", "notes", "notice", "obtain", "process"})


def _hidden_character_problems(data: Any, source: str) -> list[CatalogProblem]:
    """Every text of the file holding a control character (app.services.text_input), by place."""
    problems: list[CatalogProblem] = []

    def walk(value: Any, path: str, key: str, item: str) -> None:
        if isinstance(value, str):
            label = Text(f"字段「{path}」", f"The field \"{path}\"")
            problem = text_problem(value, label=label, multiline=key in _MULTILINE_KEYS)
            if problem is not None:
                problems.append(CatalogProblem(source, item, path, problem))
        elif isinstance(value, dict):
            for name, element in value.items():
                walk(str(name), path, key, item)
                walk(element, f"{path}.{name}" if path else str(name), str(name), item)
        elif isinstance(value, list):
            for index, element in enumerate(value, start=1):
                inner = item
                if path == "items":
                    inner = tr(f"第 {index} 项", f"item {index}")
                walk(element, f"{path}[{index}]", key, inner)

    walk(data, "", "", "")
    return problems


@dataclass(frozen=True)
class CatalogProblem:
    file: str
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}"
        if self.item:
            where += tr(f" 事项「{self.item}」", f" item \"{self.item}\"")
        if self.field:
            where += tr(f" 字段「{self.field}」", f" field \"{self.field}\"")
        return tr(f"{where}：{self.message}", f"{where}: {self.message}")


class CatalogImportError(DomainError):
    """The file has problems; nothing was imported."""

    def __init__(self, problems: list[CatalogProblem]) -> None:
        self.problems = problems
        head = tr(f"事项目录有 {len(problems)} 处问题，未导入任何内容：",
                  f"The service catalog has {len(problems)} problem(s); nothing was imported:")
        super().__init__(head + "\n" + "\n".join(str(p) for p in problems[:200]), field="catalog")


@dataclass(frozen=True)
class MaterialSpec:
    name: str
    form: str
    count: int
    format: str
    issuer: str
    key: bool
    obtain: str
    notes: str


@dataclass(frozen=True)
class ItemSpec:
    code: str
    name: str
    department: str
    handling_mode: str
    statutory_days: int
    committed_days: int
    fee: str
    legal_basis: str
    conditions: str
    process: tuple[str, ...]
    high_frequency: bool
    allows_deferred_materials: bool
    online: bool
    location: str
    materials: tuple[MaterialSpec, ...]
    recurrence_months: int | None = None  # 办理周期 (养老认证: 12); None = not recurring
    supplement_days: int = 5  # 补正期限 in working days


@dataclass(frozen=True)
class CatalogFile:
    source: str
    version: str
    region: str
    published: date | None
    is_sample: bool
    notice: str
    departments: tuple[tuple[str, str], ...]
    items: tuple[ItemSpec, ...]
    checksum: str
    documents: dict[str, Any] = dataclasses.field(default_factory=dict)  # app.services.document_settings


def _is_type(value: Any, expected: type | tuple[type, ...]) -> bool:
    # bool is a subclass of int: a true/false in an int field is a bad type.
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _check_fields(
    obj: Any,
    spec: dict[str, Any],
    optional: set[str],
    *,
    problem: Any,
) -> bool:
    if not isinstance(obj, dict):
        problem("", tr("应为一个对象（{…}）", "should be an object ({...})"))
        return False
    ok = True
    for key, expected in spec.items():
        if key not in obj:
            if key not in optional:
                problem(key, tr("缺少此字段", "this field is missing"))
                ok = False
        elif not _is_type(obj[key], expected):
            name = _TYPE_NAMES.get(expected)
            problem(key, tr(f"类型错误：应为{name.zh if name else expected}，实际为「{obj[key]!r}」",
                            f"wrong type: should be {name.en if name else expected}, not {obj[key]!r}"))
            ok = False
    for key in obj:
        if key not in spec:
            problem(key, tr("未知字段（拼写错误？）", "unknown field (a typing error?)"))
            ok = False
    return ok


def validate_catalog(data: Any, *, source: str, checksum: str = "") -> CatalogFile:
    """Check everything; raise CatalogImportError listing every problem."""
    problems = _hidden_character_problems(data, source)
    if problems:  # the rest of the checks would quote the hidden characters back
        raise CatalogImportError(problems)

    def top(field: str, message: str) -> None:
        problems.append(CatalogProblem(source, "", field, message))

    if not _check_fields(data, _TOP_KEYS, _TOP_OPTIONAL, problem=top) and (
            not isinstance(data, dict) or not isinstance(data.get("items"), list)):
        raise CatalogImportError(problems)
    if data.get("format") != FORMAT_NAME:
        top("format", tr(f"不是一窗通事项目录文件（format 应为「{FORMAT_NAME}」）",
                         f"not a OneWindow service catalog file (format should be \"{FORMAT_NAME}\")"))
    if data.get("format_version") != FORMAT_VERSION:
        top("format_version", tr(f"不支持的格式版本「{data.get('format_version')!r}」，本程序支持 {FORMAT_VERSION}",
                                 f"unsupported format version {data.get('format_version')!r}; "
                                 f"this program reads version {FORMAT_VERSION}"))
    if isinstance(data.get("version"), str) and not data["version"].strip():
        top("version", tr("目录版本号不能为空", "the catalog version cannot be empty"))
    published: date | None = None
    if isinstance(data.get("published"), str):
        try:
            published = date.fromisoformat(data["published"])
        except ValueError:
            top("published", tr(f"发布日期「{data['published']}」无效，应为 YYYY-MM-DD",
                                f"publication date \"{data['published']}\" is not valid; it should be YYYY-MM-DD"))

    departments: dict[str, str] = {}
    # A departments value of the wrong type was reported above; walking it
    # would only add noise (or fail outright on a number).
    raw_departments = data.get("departments") if isinstance(data.get("departments"), list) else []
    for index, dept in enumerate(raw_departments, start=1):
        if not isinstance(dept, dict) or not _is_type(dept.get("code"), str) or not _is_type(dept.get("name"), str):
            problems.append(CatalogProblem(source, "", "departments", tr(
                f"第 {index} 个部门应含文本字段 code 和 name",
                f"department {index} should have the text fields code and name")))
            continue
        if not dept["code"].strip() or not dept["name"].strip():
            problems.append(CatalogProblem(source, "", "departments", tr(
                f"第 {index} 个部门的编码和名称都不能为空",
                f"department {index} needs both a code and a name")))
            continue
        if dept["code"] in departments:
            problems.append(CatalogProblem(source, "", "departments", tr(
                f"部门编码「{dept['code']}」重复", f"department code \"{dept['code']}\" appears twice")))
        departments[dept["code"]] = dept["name"]
    if not departments and isinstance(data.get("departments"), list):
        top("departments", tr("部门列表为空", "the list of departments is empty"))

    items: list[ItemSpec] = []
    seen_codes: set[str] = set()
    raw_items = data.get("items") if isinstance(data.get("items"), list) else []
    if not raw_items:
        top("items", tr("事项列表为空", "the list of items is empty"))
    for index, raw in enumerate(raw_items, start=1):
        label = tr(f"第 {index} 项", f"item {index}")
        if isinstance(raw, dict) and isinstance(raw.get("code"), str):
            label = f"{raw['code']}" + (f" {raw['name']}" if isinstance(raw.get("name"), str) else "")

        def item_problem(field: str, message: str, _label: str = label) -> None:
            problems.append(CatalogProblem(source, _label, field, message))

        if not _check_fields(raw, _ITEM_KEYS, _ITEM_OPTIONAL, problem=item_problem) and not isinstance(raw, dict):
            continue
        code = raw.get("code")
        if isinstance(code, str):
            # Compared as stored (stripped): " A-1" and "A-1" are the same item.
            code = code.strip()
            if not code:
                item_problem("code", tr("事项编码不能为空", "the item code cannot be empty"))
            elif code in seen_codes:
                item_problem("code", tr(f"事项编码「{code}」重复", f"item code \"{code}\" appears twice"))
            seen_codes.add(code)
        if isinstance(raw.get("name"), str) and not raw["name"].strip():
            item_problem("name", tr("事项名称不能为空", "the item name cannot be empty"))
        if isinstance(raw.get("department"), str) and raw["department"] not in departments:
            item_problem("department", tr(f"未知部门「{raw['department']}」，须为部门列表中的编码",
                                          f"unknown department \"{raw['department']}\"; "
                                          "it must be a code from the list of departments"))
        if isinstance(raw.get("handling_mode"), str) and raw["handling_mode"] not in HANDLING_MODES:
            item_problem("handling_mode", tr(
                f"办理方式「{raw['handling_mode']}」无效，应为 {' / '.join(HANDLING_MODES)}",
                f"handling mode \"{raw['handling_mode']}\" is not valid; it should be {' / '.join(HANDLING_MODES)}"))
        statutory, committed = raw.get("statutory_days"), raw.get("committed_days")
        for field in ("statutory_days", "committed_days"):
            if _is_type(raw.get(field), int) and raw[field] < 0:
                item_problem(field, tr("时限不能为负数", "a time limit cannot be negative"))
        if _is_type(statutory, int) and _is_type(committed, int) and committed > statutory:
            item_problem(
                "committed_days",
                tr(f"承诺时限 {committed} 个工作日超过法定时限 {statutory} 个工作日（承诺时限不得长于法定时限）",
                   f"the committed time limit of {committed} working days is longer than the statutory "
                   f"{statutory} (it may not be longer)"),
            )
        supplement_days = raw.get("supplement_days", 5)
        if _is_type(supplement_days, int) and not 1 <= supplement_days <= 60:
            item_problem("supplement_days", tr(f"补正期限应为 1 至 60 个工作日，实际为 {supplement_days}",
                                               f"the period to supply materials should be 1 to 60 working days, "
                                               f"not {supplement_days}"))
        recurrence = raw.get("recurrence_months")
        if _is_type(recurrence, int) and not 1 <= recurrence <= MAX_RECURRENCE_MONTHS:
            item_problem("recurrence_months", tr(
                f"办理周期应为 1 至 {MAX_RECURRENCE_MONTHS} 个月（如每年一次填 12），实际为 {recurrence}",
                f"the recurrence period should be 1 to {MAX_RECURRENCE_MONTHS} months (12 for once a year), "
                f"not {recurrence}"))
        process = raw.get("process", [])
        if isinstance(process, list) and not all(isinstance(step, str) and step.strip() for step in process):
            item_problem("process", tr("办理流程的每一步都应为非空文本", "every step of the process should be non-empty text"))
        materials: list[MaterialSpec] = []
        raw_materials = raw.get("materials") if isinstance(raw.get("materials"), list) else []
        for m_index, material in enumerate(raw_materials, start=1):
            def material_problem(field: str, message: str, _n: int = m_index) -> None:
                item_problem(f"materials[{_n}].{field}" if field else f"materials[{_n}]", message)

            if not _check_fields(material, _MATERIAL_KEYS, _MATERIAL_OPTIONAL, problem=material_problem):
                continue
            if not material["name"].strip():
                material_problem("name", tr("材料名称不能为空", "the material name cannot be empty"))
            if material["form"] not in MATERIAL_FORMS:
                material_problem("form", tr(
                    f"材料形式「{material['form']}」无效，应为 {' / '.join(MATERIAL_FORMS)}",
                    f"material form \"{material['form']}\" is not valid; it should be {' / '.join(MATERIAL_FORMS)}"))
            if material.get("count", 1) < 1:
                material_problem("count", tr("份数至少为 1", "the number of copies must be at least 1"))
            materials.append(
                MaterialSpec(
                    name=material["name"].strip(),
                    form=material["form"],
                    count=material.get("count", 1),
                    format=material.get("format", "纸质"),
                    issuer=material.get("issuer", ""),
                    key=material.get("key", True),
                    obtain=material.get("obtain", ""),
                    notes=material.get("notes", ""),
                )
            )
        if problems:
            continue  # keep collecting problems; build specs only for a clean file
        items.append(
            ItemSpec(
                code=raw["code"].strip(),
                name=raw["name"].strip(),
                department=raw["department"],
                handling_mode=raw["handling_mode"],
                statutory_days=statutory,
                committed_days=committed,
                fee=raw.get("fee", "不收费"),
                legal_basis=raw.get("legal_basis", ""),
                conditions=raw.get("conditions", ""),
                process=tuple(process),
                high_frequency=raw.get("high_frequency", False),
                allows_deferred_materials=raw.get("allows_deferred_materials", False),
                online=raw.get("online", False),
                location=raw.get("location", ""),
                materials=tuple(materials),
                recurrence_months=raw.get("recurrence_months"),
                supplement_days=raw.get("supplement_days", 5),
            )
        )
    documents: dict[str, Any] = {}
    try:
        documents = document_settings.parse(data.get("documents"))
    except DomainError as error:
        problems.append(CatalogProblem(source, "", "documents", str(error)))
    if problems:
        raise CatalogImportError(problems)
    return CatalogFile(
        source=source,
        version=data["version"].strip(),
        region=data.get("region", ""),
        published=published,
        is_sample=bool(data.get("sample", False)),
        notice=data.get("notice", ""),
        departments=tuple(departments.items()),
        items=tuple(items),
        checksum=checksum,
        documents=documents,
    )


def load_catalog_file(path: Path) -> CatalogFile:
    """Read and validate a catalog JSON file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CatalogImportError([CatalogProblem(path.name, "", "", tr(
            f"无法读取文件：{error.strerror or error}", f"cannot read the file: {error.strerror or error}"))]) from error
    return parse_catalog_bytes(raw, source=path.name)[1]


def parse_catalog_bytes(raw: bytes, *, source: str) -> tuple[Any, CatalogFile]:
    """Decode and validate a catalog file's bytes: (the parsed JSON, the catalog).
    The desk's import and the county's publishing read files the same way."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CatalogImportError(
            [CatalogProblem(source, "", "", tr("文件不是 UTF-8 编码，请以 UTF-8 另存后再导入",
                                               "the file is not UTF-8 encoded; save it as UTF-8 and import it again"))]
        ) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CatalogImportError(
            [CatalogProblem(source, "", "", tr(
                f"不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列，{error.msg}",
                f"not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}"))]
        ) from error
    return data, validate_catalog(data, source=source, checksum=hashlib.sha256(raw).hexdigest())


def import_catalog(
    session: Session,
    catalog: CatalogFile,
    *,
    actor: Actor | None,
    make_current: bool = True,
) -> CatalogVersion:
    """Store a validated catalog as a new version (old versions are kept)."""
    existing = session.scalar(select(CatalogVersion).where(CatalogVersion.version == catalog.version))
    if existing is not None:
        if existing.checksum == catalog.checksum:
            raise DomainError(tr(f"目录版本「{catalog.version}」已导入过，无需重复导入",
                                 f"Catalog version \"{catalog.version}\" is already imported"), field="version")
        raise DomainError(tr(
            f"目录版本「{catalog.version}」已存在但内容不同；请在文件中使用新的版本号",
            f"Catalog version \"{catalog.version}\" already exists with different content; "
            "give the file a new version number"), field="version")
    if make_current:
        session.execute(update(CatalogVersion).values(is_current=False))
    version = CatalogVersion(
        version=catalog.version,
        region=catalog.region,
        published=catalog.published,
        is_sample=catalog.is_sample,
        notice=catalog.notice,
        source=catalog.source,
        checksum=catalog.checksum,
        is_current=make_current,
        imported_by=actor.staff_id if actor else None,
    )
    version.document_settings = dict(catalog.documents)
    version.departments = [Department(code=code, name=name) for code, name in catalog.departments]
    for spec in catalog.items:
        item = CatalogItem(
            code=spec.code,
            name=spec.name,
            name_initials=text_initials(spec.name),
            department_code=spec.department,
            handling_mode=spec.handling_mode,
            statutory_days=spec.statutory_days,
            committed_days=spec.committed_days,
            fee=spec.fee,
            legal_basis=spec.legal_basis,
            conditions=spec.conditions,
            process=list(spec.process),
            location=spec.location,
            high_frequency=spec.high_frequency,
            allows_deferred_materials=spec.allows_deferred_materials,
            online=spec.online,
            recurrence_months=spec.recurrence_months,
            supplement_days=spec.supplement_days,
        )
        item.materials = [
            CatalogMaterial(
                position=position,
                name=m.name,
                form=m.form,
                count=m.count,
                format=m.format,
                issuer=m.issuer,
                key=m.key,
                obtain=m.obtain,
                notes=m.notes,
            )
            for position, m in enumerate(spec.materials, start=1)
        ]
        version.items.append(item)
    session.add(version)
    session.flush()
    audit.record(
        session, actor, "import", entity="catalog", entity_id=version.id,
        summary=f"导入事项目录 {catalog.version}（{len(catalog.items)} 项）",
    )
    return version


def current_catalog(session: Session) -> CatalogVersion | None:
    return session.scalar(select(CatalogVersion).where(CatalogVersion.is_current.is_(True)))
