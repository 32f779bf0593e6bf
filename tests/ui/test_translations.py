"""Every UI string has a zh_CN translation, and the compiled .qm is current."""
from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from app.ui.i18n import QM_FILE, TS_FILE

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    return {
        (context.findtext("name"), message.findtext("source")): message.find("translation")
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    }


def test_no_zh_cn_string_is_untranslated() -> None:
    untranslated = [
        key for key, translation in _messages(TS_FILE).items()
        if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished")
        or not (translation.text or "").strip()
    ]
    assert not untranslated, f"untranslated zh_CN strings: {untranslated}"


def test_ts_covers_every_string_in_the_sources(tmp_path: Path) -> None:
    copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, copy)
    sources = sorted(str(p) for p in (ROOT / "app" / "ui").rglob("*.py"))
    subprocess.run([str(TOOLS / "pyside6-lupdate"), *sources, "-ts", str(copy), "-no-obsolete"],
                   check=True, capture_output=True)
    before, after = set(_messages(TS_FILE)), set(_messages(copy))
    assert after - before == set(), f"strings missing from the .ts (run `make translations`): {after - before}"
    assert before - after == set(), f"strings no longer in the sources: {before - after}"


def test_compiled_qm_matches_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(TOOLS / "pyside6-lrelease"), str(TS_FILE), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == QM_FILE.read_bytes(), "the .qm is stale: run `make translations`"


def test_chinese_is_the_default_and_english_available(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("MainWindow", "Cases") == "办件"


def test_no_tr_call_hides_inside_an_f_string() -> None:
    """lupdate cannot extract tr() from inside an f-string: such a string would
    silently stay English in the Chinese interface."""
    import ast

    hidden = []
    for path in sorted((ROOT / "app" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "attr", getattr(inner.func, "id", "")) in (
                        "tr", "translate"
                    ):
                        hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert not hidden, f"tr() inside f-strings: {hidden}"
