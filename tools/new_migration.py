"""Write a new Alembic migration from the difference between models and schema.

    .venv/bin/python tools/new_migration.py "add resident nickname"

It migrates a scratch database to head, then autogenerates against it; review
the generated file before committing it (batch mode for SQLite is on).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

# The models of THIS checkout, even when the venv's editable install points elsewhere.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alembic import command

from app.db import alembic_config, create_sqlite_engine, migrate


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scratch.sqlite3"
        engine = create_sqlite_engine(path)
        migrate(engine, path)
        command.revision(alembic_config(engine), message=sys.argv[1], autogenerate=True)
        engine.dispose()


if __name__ == "__main__":
    main()
