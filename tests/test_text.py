"""The core's words follow the chosen language; Chinese stays the default.

Three checks: every two-language sentence in the Qt-free core has Chinese
first and English (without Chinese characters) second; a rule broken with
``--lang en`` is explained in English naming the field; and no service or
sync module raises a bare Chinese literal any more.
"""
from __future__ import annotations

import ast
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import text

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app"
# The interface is translated by Qt; printed documents are Chinese by design.
NOT_SCANNED = ("ui", "printing", "migrations")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
# English may quote the Chinese the worker sees or types ("the kind “全年”").
QUOTED = re.compile(r"“[^”]*”")

# Modules whose messages are not yet two-language: none left. A new entry
# needs a reason and a date by which it goes.
NOT_YET_CONVERTED: set[str] = set()


def _literal_text(node: ast.expr) -> str | None:
    """The constant text of a string literal or f-string, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def bad_pairs(source: str) -> list[tuple[int, str]]:
    """(line, why) for each ``tr(zh, en)`` / ``Text(zh, en)`` with literal
    arguments whose first is not Chinese or whose second contains Chinese."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and _call_name(node) in ("tr", "Text") and len(node.args) == 2):
            continue
        zh, en = (_literal_text(arg) for arg in node.args)
        if zh is None or en is None:
            continue  # built elsewhere (a label's .zh / .en): checked where written
        if not CJK.search(zh):
            found.append((node.lineno, f"first argument is not Chinese: {zh!r}"))
        if CJK.search(QUOTED.sub("", en)):
            found.append((node.lineno, f"second argument has Chinese characters: {en!r}"))
        if not en.strip():
            found.append((node.lineno, "second argument is empty"))
    return found


def bare_chinese_raises(source: str) -> list[int]:
    """Lines of ``raise SomeError("中文…")`` (or an f-string): a message frozen in one language."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            message = _literal_text(node.exc.args[0])
            if message is not None and CJK.search(message):
                lines.append(node.lineno)
    return lines


def _core_files() -> Iterator[Path]:
    for path in sorted(APP.rglob("*.py")):
        if not set(path.relative_to(APP).parts[:-1]) & set(NOT_SCANNED):
            yield path


def test_every_sentence_is_chinese_then_english() -> None:
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {why}"
        for path in _core_files()
        for line, why in bad_pairs(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)


def test_the_pair_scanner_catches_a_bad_call() -> None:
    assert bad_pairs('tr("请填写姓名", "Enter the name")') == []
    assert bad_pairs('tr(f"未知角色：{r}", f"Unknown role: {r}")') == []
    assert [line for line, _ in bad_pairs('x = 1\ntr("Enter the name", "请填写姓名")')] == [2, 2]
    assert bad_pairs('Text("冲突", "Conflict（冲突）")')
    assert bad_pairs('tr("用了中文逗号“，”", "uses the Chinese comma “，”")') == []  # quoted: what the worker sees
    assert bad_pairs('tr("已合并", "")')


def test_no_service_raises_a_bare_chinese_message() -> None:
    offenders = []
    for folder in (APP / "services", APP / "sync"):
        for path in sorted(folder.glob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name in NOT_YET_CONVERTED:
                continue
            offenders += [f"{name}:{line}" for line in bare_chinese_raises(path.read_text(encoding="utf-8"))]
    assert not offenders, f"raise with a bare Chinese literal (wrap it in tr()): {offenders}"


def test_the_raise_scanner_catches_a_bare_literal() -> None:
    assert bare_chinese_raises('raise DomainError("请填写姓名", field="name")') == [1]
    assert bare_chinese_raises('raise NotFound(f"找不到 {x}")') == [1]
    assert bare_chinese_raises('raise DomainError(tr("请填写姓名", "Enter the name"))') == []
    assert bare_chinese_raises('raise ValueError(f"bad value {x!r}")') == []


def test_the_allow_list_names_files_that_exist() -> None:
    assert all((ROOT / name).is_file() for name in NOT_YET_CONVERTED)


# -- the chosen language at work ---------------------------------------------------------


def _register_bad_id() -> Exception:
    """register_resident's first check is the ID number: no database is reached."""
    from app.services.context import Actor
    from app.services.residents import ResidentInput, register_resident

    actor = Actor(staff_id=uuid.uuid4(), center_id=uuid.uuid4(), device_id=uuid.uuid4(), username="t",
                  display_name="t", role="window")
    data = ResidentInput(doc_type="resident_id", id_number="11010119900307451X", name="张三")
    with pytest.raises(ValueError) as raised:
        register_resident(None, actor, data)  # type: ignore[arg-type]  # the ID check comes before any query
    return raised.value


def test_a_wrong_id_number_is_explained_in_english(english: None) -> None:
    from app.services.errors import DomainError

    error = _register_bad_id()
    assert isinstance(error, DomainError) and error.field == "id_number"
    message = str(error)
    assert "ID card number" in message and "check digit" in message
    assert not CJK.search(message), message


def test_the_chinese_default_is_unchanged() -> None:
    assert text.language() == text.ZH_CN
    message = str(_register_bad_id())
    assert message == "身份证号码校验位错误：按 GB 11643 计算应为 4，实际为 X"


def test_labels_follow_the_language(english: None) -> None:
    from app.services.identity import DOCUMENT_TYPES, RESIDENT_ID
    from app.services.staff import LOGIN_FAILED

    assert str(DOCUMENT_TYPES[RESIDENT_ID]) == "Resident ID card"
    assert DOCUMENT_TYPES[RESIDENT_ID].zh == "居民身份证"  # what print uses
    assert str(LOGIN_FAILED).startswith("Wrong login name or password")
    text.set_language(text.ZH_CN)
    assert str(LOGIN_FAILED) == "登录名或密码不正确，请重新输入"
