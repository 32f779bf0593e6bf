"""Installing the built .deb on this machine and running it on a virtual X display."""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "onewindow"
# Everything the package puts outside /opt/onewindow.
INSTALLED_FILES = (
    Path("/usr/bin/onewindow"),
    Path("/usr/share/applications/onewindow.desktop"),
    Path("/usr/share/icons/hicolor/256x256/apps/onewindow.png"),
)
INSTALL_DIR = Path("/opt/onewindow")


def built_deb() -> Path | None:
    """The .deb to test: $ONEWINDOW_DEB, else the newest in dist/ (made by `make bundle`)."""
    named = os.environ.get("ONEWINDOW_DEB")
    if named:
        return Path(named).resolve()
    debs = sorted((ROOT / "dist").glob(f"{PACKAGE}_*_amd64.deb"), key=lambda path: path.stat().st_mtime)
    return debs[-1] if debs else None


def why_not_here() -> str | None:
    """Why the install test cannot run on this machine (None: it can)."""
    if os.name != "posix" or os.geteuid() != 0:
        return "installing a .deb needs root on Debian"
    for tool in ("dpkg", "Xvfb", "xdotool", "import"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    return None


def is_installed() -> bool:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", PACKAGE], capture_output=True, text=True)
    return result.returncode == 0 and "installed" in result.stdout and "not-installed" not in result.stdout


def dpkg_knows() -> bool:
    """dpkg still lists the package in any state (a removed package with its config files, say)."""
    return subprocess.run(["dpkg-query", "-W", PACKAGE], capture_output=True).returncode == 0


def install(deb: Path) -> None:
    subprocess.run(["dpkg", "-i", str(deb)], check=True, capture_output=True, timeout=600)


def remove() -> None:
    subprocess.run(["dpkg", "-r", PACKAGE], check=True, capture_output=True, timeout=300)


@contextmanager
def x_display(size: str = "1280x800x24") -> Iterator[str]:
    """A private Xvfb server; yields its DISPLAY."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", size, "-nolisten", "tcp"],
                              pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def app_env(display: str, home: Path) -> dict[str, str]:
    """A desk user with an empty home: no earlier data, keys or settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "ONEWINDOW_", "XDG_"))}
    env.update(DISPLAY=display, HOME=str(home), QT_QPA_PLATFORM="xcb", ONEWINDOW_KEY_DIR=str(home / "keys"),
               LANG="zh_CN.UTF-8")
    return env


def wait_for_window(display: str, title: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title],
                               env=dict(os.environ, DISPLAY=display), capture_output=True, text=True)
        if found.returncode == 0 and found.stdout.strip():
            return True
        time.sleep(0.5)
    return False


def screenshot(display: str, target: Path) -> None:
    """The whole screen: the main window and the dialogs over it."""
    subprocess.run(["import", "-window", "root", str(target)], env=dict(os.environ, DISPLAY=display),
                   check=True, timeout=60)
