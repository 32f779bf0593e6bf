"""The core never needs Qt: models, services, printing, sync and the store
run from a script, a test or the county server (STYLE.md, convention 1)."""
from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app"
CORE_PACKAGES = ("models", "services", "printing", "sync")
CORE_MODULES = ("db", "ids", "clock", "text", "config")
QT_ROOTS = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")


def _core_files() -> list[Path]:
    files = [APP / f"{name}.py" for name in CORE_MODULES]
    for package in CORE_PACKAGES:
        folder = APP / package
        if folder.is_dir():
            files.extend(sorted(folder.rglob("*.py")))
    return files


def _core_module_names() -> list[str]:
    names = [f"app.{name}" for name in CORE_MODULES]
    for package in CORE_PACKAGES:
        folder = APP / package
        if not folder.is_dir():
            continue
        names.append(f"app.{package}")
        names.extend(
            info.name for info in pkgutil.walk_packages([str(folder)], prefix=f"app.{package}.")
        )
    return names


def _qt_imports(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, (ast.Name, ast.Attribute))
            and getattr(node.func, "id", getattr(node.func, "attr", "")) in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            modules = [node.args[0].value]
        else:
            continue
        found.extend(
            f"{path.relative_to(root)}:{node.lineno} {module}"
            for module in modules
            if module.split(".")[0] in QT_ROOTS
        )
    return found


def test_the_scan_sees_the_core() -> None:
    files = _core_files()
    assert all(f.exists() for f in files[: len(CORE_MODULES)])
    names = {f.relative_to(APP).as_posix() for f in files}
    assert {"models/case.py", "services/cases.py", "services/demo.py", "db.py"} <= names


def test_no_core_source_file_imports_qt() -> None:
    offenders = [hit for path in _core_files() for hit in _qt_imports(path)]
    assert offenders == []


def test_the_scanner_would_notice_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nfrom PySide6.QtCore import QObject\nimport PySide6.QtGui as gui\n"
        "def f():\n    import importlib\n    importlib.import_module('PySide6.QtWidgets')\n",
        encoding="utf-8",
    )
    assert len(_qt_imports(sample, tmp_path)) == 3


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = _core_module_names()
    assert "app.services.demo" in modules and "app.models.case" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"qt = sorted(m for m in sys.modules if m.split('.')[0] in {QT_ROOTS!r})\n"
        "assert not qt, qt\n"
        "print(len(sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
