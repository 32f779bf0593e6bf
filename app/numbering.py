"""Case numbers that are never issued twice, not even after a restore.

The database remembers the numbers it holds, but a database restored from a
backup has forgotten every number issued after the backup was taken. So each
number is also written, before the case is committed, to a small file next to
the database (the "issued-numbers ledger"). A restore replaces the database
file, not the ledger; the next number continues after the highest one in
either place. A crash between the ledger write and the commit leaves a gap in
the sequence, which is harmless; a repeat would not be.
"""
from __future__ import annotations

import json
import os
import threading
from datetime import date, timedelta
from pathlib import Path

LEDGER_FILENAME = "issued-case-numbers.json"
# Prefixes (center-device-date) older than this are dropped from the file: a
# restore from a backup older than a year is not a case the desk meets.
KEEP_DAYS = 400


class IssuedNumbers:
    """The highest sequence issued per case-number prefix, kept in a file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def highest(self, prefix: str) -> int:
        with self._lock:
            return int(self._read().get(prefix, 0))

    def all(self) -> dict[str, int]:
        """Every prefix with the highest sequence issued under it."""
        with self._lock:
            return self._read()

    def record(self, prefix: str, seq: int, *, day: date) -> None:
        """Remember ``seq`` as issued under ``prefix``; durable when this returns."""
        with self._lock:
            numbers = self._read()
            if numbers.get(prefix, 0) >= seq:
                return
            numbers[prefix] = seq
            oldest = (day - timedelta(days=KEEP_DAYS)).strftime("%Y%m%d")
            numbers = {p: s for p, s in numbers.items() if _day_of(p) >= oldest}
            self._write(numbers)

    def _read(self) -> dict[str, int]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            # A damaged ledger must not stop intake: the database still holds
            # every number it knows; the ledger is rewritten on the next case.
            return {}
        return {str(k): int(v) for k, v in data.get("highest", {}).items()} if isinstance(data, dict) else {}

    def _write(self, numbers: dict[str, int]) -> None:
        tmp = self.path.with_suffix(".tmp")
        payload = json.dumps({"format": "onewindow-issued-numbers", "highest": numbers}, indent=0, sort_keys=True)
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)


def _day_of(prefix: str) -> str:
    # "{center}-{device}-{yyyymmdd}-" -> "yyyymmdd"
    parts = prefix.rstrip("-").rsplit("-", 1)
    return parts[-1] if len(parts) == 2 else ""
