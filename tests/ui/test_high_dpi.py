"""At 150% display scaling (QT_SCALE_FACTOR=1.5 on a 1920x1080 monitor, 1280x720
logical pixels) the login, 今日 and intake screens fit, and no label, button
or search hint is cut off."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_main_screens_fit_at_150_percent(tmp_path: Path) -> None:
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", ONEWINDOW_KEY_DIR=str(tmp_path / "keys"))
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "dpi_screens.py"), str(tmp_path), "--screen", "1920x1080"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["logical_screen"] == [1280, 720]
    assert set(report["screens"]) == {"login", "today", "intake"}
    for name, screen in report["screens"].items():
        assert screen["clipped"] == [], (name, screen["clipped"])
        assert screen["fits"], (name, screen, report["room"])
    for name in ("login", "today", "intake"):  # saved at the physical size, as the user sees them
        assert (tmp_path / f"{name}-150.png").stat().st_size > 5_000
