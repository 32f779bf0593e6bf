"""Entry point. Keeps imports light until the window is on screen."""
from __future__ import annotations

import time

_STARTED = time.perf_counter()


def main(argv: list[str] | None = None) -> int:
    from app.config import parse_options

    options = parse_options(argv)  # --version and --help exit here, before Qt loads
    import os

    if os.name == "posix":
        # Every file the desk makes (database, -wal, -shm, log, backups, PDFs)
        # is readable by this user only; app.services.data_protection repairs older ones.
        os.umask(0o077)
    if options.export_samples is not None:
        from app.services.samples import export_samples_cli

        return export_samples_cli(options)
    from app.ui.application import run

    return run(options, started=_STARTED)


if __name__ == "__main__":
    raise SystemExit(main())
