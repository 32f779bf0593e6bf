"""Start-up time: process start to main window shown, against bare Qt.

Both figures are measured the same way in the same run, alternating: the
wall time from spawning the process until it reports that its main window
has been shown (offscreen). The app runs on a demo database built once
beforehand. Target: app <= 1.5x bare Qt (median). The last line is JSON.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
TARGET_RATIO = 1.5

BARE_QT = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Window(QMainWindow):
    shown = False
    def showEvent(self, event):
        super().showEvent(event)
        if not self.shown:
            self.shown = True
            QTimer.singleShot(0, lambda: (print("STARTUP_SHOWN", flush=True), app.quit()))

app = QApplication(sys.argv[:1])
window = Window()
window.resize(1280, 800)
window.show()
app.exec()
"""


def time_to_shown(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("STARTUP_SHOWN"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"{command} never reported its window shown (exit {process.wait()})")
    process.stdout.read()
    process.wait(timeout=60)
    return elapsed


def main() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        print("building the demo database once…", flush=True)
        subprocess.run(
            [sys.executable, "main.py", "--demo", "--data-dir", str(data), "--screenshot", str(Path(tmp) / "x.png")],
            cwd=ROOT, env=env, check=True, capture_output=True, timeout=600,
        )
        app_cmd = [sys.executable, "main.py", "--demo", "--data-dir", str(data), "--bench-startup"]
        bare_cmd = [sys.executable, "-c", BARE_QT]
        time_to_shown(bare_cmd, env)  # warm-up: file cache, fontconfig cache
        time_to_shown(app_cmd, env)
        bare, app = [], []
        for _ in range(RUNS):
            bare.append(time_to_shown(bare_cmd, env))
            app.append(time_to_shown(app_cmd, env))
    bare_median, app_median = statistics.median(bare), statistics.median(app)
    ratio = app_median / bare_median
    print(f"bare PySide6 QMainWindow shown: median {bare_median * 1000:.0f} ms (min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f})")
    print(f"OneWindow main window shown:    median {app_median * 1000:.0f} ms (min {min(app) * 1000:.0f}, max {max(app) * 1000:.0f})")
    print(f"ratio {ratio:.2f} (target <= {TARGET_RATIO})  {'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}")
    print(json.dumps({
        "bench": "startup", "runs": RUNS, "bare_qt_ms": round(bare_median * 1000, 1),
        "app_ms": round(app_median * 1000, 1), "ratio": round(ratio, 3), "target_ratio": TARGET_RATIO,
        "meets_target": ratio <= TARGET_RATIO,
    }))


if __name__ == "__main__":
    main()
