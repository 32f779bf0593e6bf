"""Start-up time: process start to main window shown, against bare Qt;
and to the data shown, with the database encrypted against plain.

All figures are measured the same way in the same run, alternating: the
wall time from spawning the process until it reports that its main window
has been shown (offscreen), and, for the app, until the window shows its
data (the database checked, opened and read: where encryption costs). The
app runs on two demo databases built once beforehand, one encrypted as the
desk keeps it and one plain (``--plain-database``). Target: app window
shown <= 1.5x bare Qt (median). The last line is JSON.
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
    return time_to(command, env)[0]


def time_to(command: list[str], env: dict[str, str], *, timeout: float = 60) -> tuple[float, float | None]:
    """Seconds until the window was shown, and until its data was (None: not reported)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert process.stdout is not None
    shown = loaded = None
    for line in process.stdout:
        if line.startswith("STARTUP_SHOWN"):
            shown = time.perf_counter() - start
        elif line.startswith("STARTUP_LOADED"):
            loaded = time.perf_counter() - start
            break
    process.stdout.read()
    process.wait(timeout=timeout)
    if shown is None:
        raise RuntimeError(f"{command} never reported its window shown (exit {process.returncode})")
    return shown, loaded


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        # The bench's database keys stay in the temp folder, never in this user's key store.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ONEWINDOW_KEY_DIR=str(Path(tmp) / "keys"))
        commands = {}
        for mode, extra in (("encrypted", []), ("plain", ["--plain-database"])):
            data = Path(tmp) / mode
            print(f"building the {mode} demo database once…", flush=True)
            subprocess.run(
                [sys.executable, "main.py", "--demo", "--data-dir", str(data), *extra,
                 "--screenshot", str(Path(tmp) / "x.png")],
                cwd=ROOT, env=env, check=True, capture_output=True, timeout=600,
            )
            commands[mode] = [sys.executable, "main.py", "--demo", "--data-dir", str(data), *extra, "--bench-startup"]
        bare_cmd = [sys.executable, "-c", BARE_QT]
        time_to_shown(bare_cmd, env)  # warm-up: file cache, fontconfig cache
        for command in commands.values():
            time_to(command, env)
        bare: list[float] = []
        shown: dict[str, list[float]] = {mode: [] for mode in commands}
        loaded: dict[str, list[float]] = {mode: [] for mode in commands}
        for _ in range(RUNS):
            bare.append(time_to_shown(bare_cmd, env))
            for mode, command in commands.items():
                first, data_at = time_to(command, env)
                shown[mode].append(first)
                if data_at is not None:
                    loaded[mode].append(data_at)
    bare_median, app_median = statistics.median(bare), statistics.median(shown["encrypted"])
    ratio = app_median / bare_median

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.0f} ms (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"

    print(f"bare PySide6 QMainWindow shown:          {ms(bare)}")
    for mode in commands:
        print(f"OneWindow window shown, {mode:<9}:       {ms(shown[mode])}")
        print(f"OneWindow data shown, {mode:<9}:         {ms(loaded[mode])}")
    loaded_ratio = statistics.median(loaded["encrypted"]) / statistics.median(loaded["plain"])
    print(f"ratio {ratio:.2f} (target <= {TARGET_RATIO})  {'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}")
    print(f"data shown, encrypted / plain: {loaded_ratio:.3f}")
    print(json.dumps({
        "bench": "startup", "runs": RUNS, "bare_qt_ms": round(bare_median * 1000, 1),
        "app_ms": round(app_median * 1000, 1), "ratio": round(ratio, 3), "target_ratio": TARGET_RATIO,
        "meets_target": ratio <= TARGET_RATIO,
        "app_plain_ms": round(statistics.median(shown["plain"]) * 1000, 1),
        "data_shown_ms": {mode: round(statistics.median(v) * 1000, 1) for mode, v in loaded.items()},
        "data_shown_encrypted_over_plain": round(loaded_ratio, 3),
    }))


if __name__ == "__main__":
    main()
