"""A desk PC syncing in its own process, for the kill -9 tests:
``python -m tests.sync.desk_process DATA_DIR`` runs one sync and prints its state."""
from __future__ import annotations

import sys
from pathlib import Path

from app.db import open_database
from app.sync.engine import SyncEngine
from app.sync.link import Backoff


def main() -> int:
    data_dir = Path(sys.argv[1])
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    page = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    database = open_database(data_dir)
    engine = SyncEngine(database.session_factory, data_dir, backoff=Backoff(base=0.1, cap=1.0, attempts=20),
                        batch_size=batch, page_size=page)
    print("started", flush=True)
    report = engine.run(trigger="test")
    print(report.state, report.message, flush=True)
    database.dispose()
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
