"""The main screens at a display scaling: screenshots, and what does not fit.

    QT_SCALE_FACTOR=1.5 QT_QPA_PLATFORM=offscreen python tools/dpi_screens.py OUT_DIR [--screen 1920x1080]

Office PCs run 1920x1080 monitors at 125% or 150% (Windows' default for
them), which leaves 1536x864 or 1280x720 logical pixels: a layout that
assumed 1280x800 is cut off at the bottom. This starts the main window on a
small demo center, at the screen given (physical pixels) and the scale of
QT_SCALE_FACTOR, and saves the login, 今日 and intake screens as PNGs in OUT_DIR
(at the physical size, as the user sees them). It reports every visible
label or button narrower or shorter than its text needs, and whether the
window fits the screen; the last line is JSON (tests/ui/test_high_dpi.py).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TASKBAR = 40  # Windows' taskbar at 100%, in logical pixels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--screen", default="1920x1080", help="physical screen size WxH")
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.screen.split("x"))
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    work = Path(tempfile.mkdtemp(prefix="onewindow-dpi-"))
    config = work / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "desk", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ.setdefault("ONEWINDOW_KEY_DIR", str(work / "keys"))

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

    app = QApplication(sys.argv[:1])
    from app.config import StartOptions
    from app.db import open_database
    from app.services.demo import build_demo
    from app.ui.application import OpenedStore
    from app.ui.i18n import install_translations
    from app.ui.main_window import MainWindow
    from app.ui.operations import InlineLanes, OperationRunner

    install_translations(app, "zh_CN")
    data = work / "data"
    database = open_database(data)
    build_demo(database.session_factory, residents=20, cases=40, days=10)
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = database.session_factory
    options = StartOptions(data_dir=data, demo=False, lang="zh_CN", screenshot=None, encrypt=False)
    window = MainWindow(runner, options=options)
    window.show()
    window.store_opened(OpenedStore(database.path, is_set_up=True, is_demo=False, backup=None))

    def settle() -> None:
        loop = QEventLoop()
        QTimer.singleShot(300, loop.quit)
        loop.exec()

    def clipped(root: QWidget) -> list[str]:
        found = []
        for widget in [root, *root.findChildren(QWidget)]:
            if not widget.isVisibleTo(root):
                continue
            if isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
                hint = widget.fontMetrics().horizontalAdvance(widget.placeholderText())
                if widget.width() < hint + 12:  # the frame and text margins: Qt elides the hint with "…"
                    found.append(f"QLineEdit hint {widget.placeholderText()[:30]!r} {widget.width()} < {hint + 12}")
                continue
            if not isinstance(widget, QLabel | QAbstractButton):
                continue
            if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text()):
                continue
            need = widget.minimumSizeHint() if isinstance(widget, QLabel) else widget.sizeHint()
            if widget.width() < need.width() - 1 or widget.height() < need.height() - 1:
                text = widget.text().replace("\n", " ")[:30]
                found.append(f"{type(widget).__name__} {text!r} {widget.width()}x{widget.height()} "
                             f"< {need.width()}x{need.height()}")
        return found

    args.out.mkdir(parents=True, exist_ok=True)
    tag = f"{round(scale * 100)}"
    screen = app.primaryScreen().availableGeometry()
    room = {"width": screen.width(), "height": screen.height() - TASKBAR - 32}
    report: dict[str, object] = {"scale": scale, "logical_screen": [screen.width(), screen.height()], "screens": {}}
    settle()
    login = window._dialog
    assert login is not None
    login.grab().save(str(args.out / f"login-{tag}.png"))
    shots: dict[str, object] = {"login": {"clipped": clipped(login), "size": [login.width(), login.height()],
                                          "fits": login.width() <= room["width"] and login.height() <= room["height"]}}
    login.username.setText("zhuren")
    login.password.setText("demo2026")
    login.try_login()
    settle()
    # The window as the desk opens it: maximized to the logical screen, title bar and taskbar off.
    window.resize(min(window.width(), room["width"]), min(window.height(), room["height"]))
    for key in ("today", "intake"):
        window.go(key)
        settle()
        window.grab().save(str(args.out / f"{key}-{tag}.png"))
        minimum = window.minimumSizeHint()
        shots[key] = {
            "clipped": clipped(window),
            "size": [window.width(), window.height()],
            "minimum": [minimum.width(), minimum.height()],
            "fits": minimum.width() <= room["width"] and minimum.height() <= room["height"]
            and window.height() <= room["height"],
        }
    report["screens"] = shots
    report["room"] = room
    for name, shot in shots.items():
        print(name, json.dumps(shot, ensure_ascii=False))
    print(json.dumps(report, ensure_ascii=False))
    window.close()
    database.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
