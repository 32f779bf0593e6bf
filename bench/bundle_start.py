"""Start-up time of the installed bundle (/opt/onewindow) against the venv's `main.py`.

Both start on the same demo database (built once beforehand, encrypted as
the desk keeps it), alternating, in one run; each start is timed from
spawning the process until the main window is shown, and until it shows its
data (``--bench-startup``). Two conditions:

- warm: the files are in the page cache (a second start of the day);
- cold: before each start, the program's own files are dropped from the page
  cache with posix_fadvise(DONTNEED) — the bundle's folder for the bundle; the
  Python standard library, the venv's packages and the checkout for the venv
  — as after a reboot. Only those files are evicted, never the whole cache,
  so other programs on the machine are not disturbed. The shared system
  libraries and fonts stay cached for both.

Target: bundle / venv <= 1.3 (median, warm, window shown). Given ``--deb``
and no installed package, it installs the .deb first (root) and removes it
afterwards. The last line is JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import startup  # one way of timing a start, shared with the venv bench

INSTALLED = Path("/opt/onewindow/onewindow")
TARGET_RATIO = 1.3


def evict(folders: list[Path]) -> int:
    """Drops the folders' files from the page cache; returns how many files."""
    count = 0
    for folder in folders:
        for path in folder.rglob("*"):
            if not path.is_file() or path.is_symlink():
                continue
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                count += 1
            finally:
                os.close(fd)
    return count


def time_to(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds until the window was shown, and until its data was (bench/startup.py's, which must see both)."""
    shown, loaded = startup.time_to(command, env, timeout=120)
    if loaded is None:
        raise RuntimeError(f"{command} did not report its data shown")
    return shown, loaded


def is_installed() -> bool:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "onewindow"], capture_output=True, text=True)
    return result.returncode == 0 and "ok installed" in result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="installed bundle vs venv start-up")
    parser.add_argument("--deb", type=Path, help="install this .deb first if onewindow is not installed (removed after)")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "7")), help="warm starts of each")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold starts of each (0: none)")
    args = parser.parse_args(argv)
    installed_here = False
    if not INSTALLED.is_file():
        if args.deb is None:
            raise SystemExit("the bundle is not installed: pass --deb dist/onewindow_<version>_amd64.deb (make bench-bundle)")
        subprocess.run(["dpkg", "-i", str(args.deb)], check=True, capture_output=True)
        installed_here = True
    try:
        result = measure(args.runs, args.cold_runs)
    finally:
        if installed_here and is_installed():
            subprocess.run(["dpkg", "-r", "onewindow"], check=True, capture_output=True)
    print(json.dumps(result))
    return 0 if result["meets_target"] else 1


def measure(runs: int, cold_runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="onewindow-bundle-bench-") as tmp:
        # The bench's database key stays in the temp folder, never in this user's key store.
        env = {key: value for key, value in os.environ.items() if not key.startswith("ONEWINDOW_")}
        env.update(QT_QPA_PLATFORM="offscreen", ONEWINDOW_KEY_DIR=str(Path(tmp) / "keys"))
        data = Path(tmp) / "demo"
        print("building the demo database once…", flush=True)
        subprocess.run([sys.executable, "main.py", "--demo", "--data-dir", str(data), "--screenshot",
                        str(Path(tmp) / "x.png")], cwd=ROOT, env=env, check=True, capture_output=True, timeout=900)
        tail = ["--demo", "--data-dir", str(data), "--bench-startup"]
        commands = {"bundle": [str(INSTALLED), *tail], "venv": [sys.executable, "main.py", *tail]}
        stdlib = Path(sysconfig.get_paths()["stdlib"])
        purelib = Path(sysconfig.get_paths()["purelib"])
        own_files = {"bundle": [INSTALLED.parent], "venv": [stdlib, purelib, ROOT / "app", ROOT / "resources"]}
        for command in commands.values():  # warm-up: fontconfig cache, the database's pages
            time_to(command, env)
        warm: dict[str, dict[str, list[float]]] = {name: {"shown": [], "loaded": []} for name in commands}
        cold: dict[str, dict[str, list[float]]] = {name: {"shown": [], "loaded": []} for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                shown, loaded = time_to(command, env)
                warm[name]["shown"].append(shown)
                warm[name]["loaded"].append(loaded)
        for _ in range(cold_runs):
            for name, command in commands.items():
                evict(own_files[name])
                shown, loaded = time_to(command, env)
                cold[name]["shown"].append(shown)
                cold[name]["loaded"].append(loaded)

    def med(values: list[float]) -> float:
        return round(statistics.median(values) * 1000, 1)

    def line(label: str, values: list[float]) -> None:
        print(f"{label:<34} median {med(values):7.0f} ms (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})")

    figures: dict[str, dict[str, dict[str, float]]] = {}
    for condition, table in (("warm", warm), ("cold", cold)):
        if not table["bundle"]["shown"]:
            continue
        figures[condition] = {}
        for name in commands:
            for moment in ("shown", "loaded"):
                line(f"{condition} {name}, window {moment}:", table[name][moment])
            figures[condition][name] = {moment: med(table[name][moment]) for moment in ("shown", "loaded")}
        figures[condition]["ratio"] = {
            moment: round(figures[condition]["bundle"][moment] / figures[condition]["venv"][moment], 3)
            for moment in ("shown", "loaded")
        }
    ratio = figures["warm"]["ratio"]["shown"]
    ok = ratio <= TARGET_RATIO
    print(f"warm, window shown: bundle / venv = {ratio:.2f} (target <= {TARGET_RATIO})  {'OK' if ok else 'OVER TARGET'}")
    if "cold" in figures:
        print(f"cold, window shown: bundle / venv = {figures['cold']['ratio']['shown']:.2f}")
    return {"bench": "bundle_start", "runs": runs, "cold_runs": cold_runs, "ms": figures, "ratio": ratio,
            "target_ratio": TARGET_RATIO, "meets_target": ok}


if __name__ == "__main__":
    sys.exit(main())
