"""The .deb installs, starts on a fresh data folder with the setup wizard, and uninstalls cleanly.

Building the bundle takes minutes, longer than the rest of the suite can
wait, so this test uses a built .deb: `make test-bundle` builds one and runs
it; without one (or without root, Xvfb, xdotool) it is skipped and says why.
"""
from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.delivery import installed

pytestmark = pytest.mark.slow

# The wizard's window title in Chinese (app/ui/setup_wizard.py, translated).
WIZARD_TITLE = "一窗通 — 初始设置"


def distinct_colours(png: Path) -> int:
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert not image.isNull(), f"{png} is not an image"
    step = 8
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def test_deb_installs_starts_the_wizard_and_uninstalls(tmp_path: Path) -> None:
    reason = installed.why_not_here()
    if reason:
        pytest.skip(reason)
    deb = installed.built_deb()
    if deb is None or not deb.is_file():
        pytest.skip("no .deb built: `make test-bundle` builds one and runs this test")
    if installed.is_installed():
        pytest.skip("onewindow is installed on this machine already; this test would remove it")
    installed.install(deb)
    try:
        assert (installed.INSTALL_DIR / "onewindow").is_file()
        for path in installed.INSTALLED_FILES:
            assert path.exists(), path
        entry = configparser.ConfigParser(interpolation=None)
        entry.optionxform = str  # type: ignore[assignment,method-assign]
        entry.read(installed.INSTALLED_FILES[1], encoding="utf-8")
        assert entry["Desktop Entry"]["Name"] == "一窗通"
        assert entry["Desktop Entry"]["Icon"] == "onewindow"
        version = subprocess.run(["onewindow", "--version"], capture_output=True, text=True, timeout=60)
        assert version.returncode == 0 and version.stdout.startswith("OneWindow "), version

        home = tmp_path / "home"
        data = tmp_path / "data"
        home.mkdir()
        shot = tmp_path / "installed.png"
        with installed.x_display() as display:
            app = subprocess.Popen(["onewindow", "--data-dir", str(data)], env=installed.app_env(display, home),
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            try:
                shown = installed.wait_for_window(display, WIZARD_TITLE, timeout=120)
                if shown:
                    installed.screenshot(display, shot)
            finally:
                app.terminate()
                output = app.communicate(timeout=30)[0]
        assert shown, f"the installed app did not show its setup wizard:\n{output[-3000:]}"
        assert distinct_colours(shot) > 20, "the screenshot is blank"
        if os.environ.get("ONEWINDOW_SHOT_DIR"):  # to look at it
            shutil.copy(shot, Path(os.environ["ONEWINDOW_SHOT_DIR"]) / shot.name)
        log = (data / "onewindow.log").read_text(encoding="utf-8")
        assert "Running upgrade" in log and " ERROR " not in log, log[-3000:]
        assert (data / "onewindow.sqlite3").is_file()
    finally:
        installed.remove()
    assert not installed.is_installed()
    assert not installed.dpkg_knows(), "dpkg -r left the package in dpkg's database"
    assert not installed.INSTALL_DIR.exists(), sorted(str(p) for p in installed.INSTALL_DIR.rglob("*"))[:20]
    for path in installed.INSTALLED_FILES:
        assert not path.exists(), path
    assert (data / "onewindow.sqlite3").is_file(), "uninstalling must keep the user's data"
