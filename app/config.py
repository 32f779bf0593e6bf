"""Where the data lives and how the program was asked to start (Qt-free)."""
from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "OneWindow"
ENV_DATA_DIR = "ONEWINDOW_DATA_DIR"
LANGUAGES = ("zh_CN", "en")


def default_data_dir() -> Path:
    """The platform's user data folder, e.g. %LOCALAPPDATA%\\OneWindow on Windows,
    ~/.local/share/OneWindow on Linux."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def resolve_data_dir(cli_value: str | None, *, demo: bool, environ: dict[str, str] | None = None) -> Path:
    """--data-dir beats ONEWINDOW_DATA_DIR beats the platform default.

    The demo center lives in its own folder (``demo`` under the default) so it
    never mixes with a real center's records.
    """
    env = os.environ if environ is None else environ
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    if env.get(ENV_DATA_DIR):
        base = Path(env[ENV_DATA_DIR]).expanduser().resolve()
        return base / "demo" if demo else base
    return default_data_dir() / "demo" if demo else default_data_dir()


@dataclass(frozen=True)
class StartOptions:
    data_dir: Path
    demo: bool
    lang: str
    screenshot: Path | None
    bench_startup: bool = False
    export_samples: Path | None = None
    #: The database and its backups encrypted (SQLCipher); off only for the benches' plain baseline.
    encrypt: bool = True


def build_parser() -> argparse.ArgumentParser:
    from app import __version__

    parser = argparse.ArgumentParser(
        prog="onewindow",
        description="一窗通 OneWindow — 村（社区）党群服务中心一窗受理系统",
    )
    parser.add_argument("--data-dir", metavar="DIR", help=f"data folder (default: platform user data folder; env {ENV_DATA_DIR})")
    parser.add_argument("--demo", action="store_true", help="run on the demo center with sample data, in its own data folder")
    parser.add_argument("--lang", choices=LANGUAGES, default="zh_CN", help="interface language (default zh_CN)")
    parser.add_argument("--version", action="version", version=f"OneWindow {__version__}")
    parser.add_argument("--screenshot", metavar="FILE", help="start, wait until the main window has loaded its data, save it as PNG, exit")
    parser.add_argument("--export-samples", metavar="DIR",
                        help="write one PDF of every printed document type into DIR (with --demo: from the demo "
                             "center's cases), to check a printer or for the documentation; then exit")
    parser.add_argument("--bench-startup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--plain-database", action="store_true", help=argparse.SUPPRESS)  # the benches' baseline
    return parser


def parse_options(argv: list[str] | None = None) -> StartOptions:
    args = build_parser().parse_args(argv)
    return StartOptions(
        data_dir=resolve_data_dir(args.data_dir, demo=args.demo),
        demo=args.demo,
        lang=args.lang,
        screenshot=Path(args.screenshot).resolve() if args.screenshot else None,
        bench_startup=args.bench_startup,
        export_samples=Path(args.export_samples).expanduser().resolve() if args.export_samples else None,
        encrypt=not args.plain_database,
    )
