"""What the first window pays for: the modules imported before it shows stay
few, and none of them creates PySide6's Qt namespace at import time
(``from PySide6.QtCore import Qt`` builds hundreds of enums: 50-100 ms here,
which bench/startup.py's bare-Qt baseline does not pay). Screens, dialogs and
the public board are imported after login, where the time is not the
resident's wait at a cold start."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _startup_modules() -> list[str]:
    script = ("import json, sys; import app.ui.application; "
              "print(json.dumps(sorted(m for m in sys.modules if m == 'app' or m.startswith('app.'))))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


def _module_level_qt_namespace(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in tree.body  # module level only: imports inside functions run later
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6")
            and any(alias.name == "Qt" for alias in node.names)]


def test_the_modules_before_the_first_window_do_not_build_the_qt_namespace() -> None:
    modules = _startup_modules()
    assert "app.ui.application" in modules
    offenders = []
    for name in modules:
        path = ROOT / (name.replace(".", "/") + ".py")
        if not path.exists():
            path = ROOT / name.replace(".", "/") / "__init__.py"
        offenders += [f"{name}:{line}" for line in _module_level_qt_namespace(path)]
    assert offenders == [], f"import the Qt namespace inside the function that needs it: {offenders}"


def test_screens_and_the_public_board_are_not_imported_before_the_first_window() -> None:
    modules = _startup_modules()
    late = [m for m in modules if m.startswith(("app.ui.screens", "app.ui.public_board", "app.ui.rating_window",
                                                "app.db", "app.models", "sqlalchemy"))]
    assert late == []
