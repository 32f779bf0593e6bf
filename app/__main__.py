"""Entry point. Keeps imports light until the window is on screen."""
from __future__ import annotations

import time

_STARTED = time.perf_counter()


def main(argv: list[str] | None = None) -> int:
    from app.config import parse_options

    options = parse_options(argv)  # --version and --help exit here, before Qt loads
    from app.ui.application import run

    return run(options, started=_STARTED)


if __name__ == "__main__":
    raise SystemExit(main())
