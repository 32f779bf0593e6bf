"""Packages the PyInstaller folder (dist/onewindow) as a .deb for x86_64
统信UOS, 麒麟 (Kylin) and Debian.

    python packaging/linux/build_deb.py [--dist dist/onewindow] [--out dist]

The package installs the program under /opt/onewindow, a launcher
/usr/bin/onewindow, the desktop entry 一窗通 and its icon. It never writes the
user's data: that lives in ~/.local/share/OneWindow, so `dpkg -r onewindow`
leaves the centre's records (and nothing else) behind.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "onewindow"
PREFIX = Path("opt") / PACKAGE
# What the bundle takes from the system rather than shipping: the X11/xcb
# pieces Qt's xcb platform loads, and the fonts for the screens and the
# printed documents (CJK, and CJK Ext A–G for rare name characters).
DEPENDS = (
    "libc6 (>= 2.28), libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxkbcommon-x11-0, libegl1, "
    "libfontconfig1, libdbus-1-3, fonts-wqy-microhei"
)
RECOMMENDS = "fonts-hanazono, fonts-babelstone-han, gnome-keyring"

DESKTOP_ENTRY = """[Desktop Entry]
Type=Application
Name=一窗通
Name[zh_CN]=一窗通
Name[en]=OneWindow
GenericName=一窗受理
GenericName[zh_CN]=一窗受理
Comment=村（社区）党群服务中心一窗受理系统
Comment[en]=Front desk of a village public service centre
Exec=onewindow
Icon=onewindow
Terminal=false
Categories=Office;
StartupWMClass=onewindow
"""

LAUNCHER = f"""#!/bin/sh
exec /{PREFIX}/onewindow "$@"
"""



def app_version() -> str:
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    if match is None:
        raise SystemExit("app/__init__.py has no __version__")
    return match.group(1)


def installed_size_kib(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink()) // 1024 + 1


def write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def build(dist: Path, out: Path) -> Path:
    if not (dist / PACKAGE).is_file():
        raise SystemExit(f"{dist} holds no {PACKAGE} executable: run PyInstaller first (make bundle)")
    version = app_version()
    stage = ROOT / "build" / "deb" / f"{PACKAGE}_{version}_amd64"
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(dist, stage / PREFIX, symlinks=True)
    write(stage / "usr" / "bin" / PACKAGE, LAUNCHER, 0o755)
    write(stage / "usr" / "share" / "applications" / f"{PACKAGE}.desktop", DESKTOP_ENTRY)
    icon = stage / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{PACKAGE}.png"
    icon.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "packaging" / "onewindow.png", icon)
    icon.chmod(0o644)
    for path in stage.rglob("*"):  # files readable by every user of the PC; no group/other write
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)
    control = f"""Package: {PACKAGE}
Version: {version}
Section: misc
Priority: optional
Architecture: amd64
Maintainer: OneWindow <onewindow@localhost>
Installed-Size: {installed_size_kib(stage)}
Depends: {DEPENDS}
Recommends: {RECOMMENDS}
Description: 一窗通 OneWindow - front desk of village public service centres
 One-window intake, first-inquiry register, deadlines in Chinese working days,
 printed receipts and sync with the county server, offline at the desk.
"""
    write(stage / "DEBIAN" / "control", control)
    # No maintainer scripts: the menu and icon caches are refreshed by the dpkg triggers of
    # desktop-file-utils and hicolor-icon-theme, and without a postrm (or conffiles) `dpkg -r`
    # leaves no trace in dpkg's database either.
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{PACKAGE}_{version}_amd64.deb"
    # gzip: every dpkg of UOS 20 and Kylin V10 reads it (zstd only from dpkg 1.21.18),
    # and it packs 300 MB far faster than xz on an old PC.
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(stage), str(target)],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(stage)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    print(build(args.dist.resolve(), args.out.resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
