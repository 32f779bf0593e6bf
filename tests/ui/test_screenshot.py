"""`main.py --screenshot FILE` starts up normally and writes a PNG."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=240,
    )


def test_version_prints_without_starting_qt(tmp_path: Path) -> None:
    result = _run("--version", tmp_path=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("OneWindow ")


def test_screenshot_of_a_fresh_install(tmp_path: Path) -> None:
    target = tmp_path / "shots" / "fresh.png"
    result = _run("--data-dir", str(tmp_path / "data"), "--screenshot", str(target), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(target))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 500
    assert (tmp_path / "data" / "onewindow.sqlite3").exists()


@pytest.mark.slow
def test_screenshot_of_the_demo_center(tmp_path: Path) -> None:
    target = tmp_path / "demo.png"
    result = _run("--demo", "--data-dir", str(tmp_path / "demo"), "--screenshot", str(target), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(target))
    assert not image.isNull() and target.stat().st_size > 20_000
    # The populated list has many distinct colours (text, coloured deadlines),
    # not a blank "loading" page.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 50
