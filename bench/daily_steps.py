"""The daily flow's data loads on the demo database, against a bare read.

Each step is timed as the screen runs it: one unit of work per operation
(a session and its transaction, as the writer lane opens them), the same
service calls with the same arguments:

* search: the one search box (``search.find_cases``) then the 办件 list's
  first page and count for what it found — by phone, last 4 digits, ID
  number, name, pinyin initials, case number, item name, and nothing found;
* case list: the first page and count, unfiltered and with each filter of
  the 办件 screen, and the 时限预警 board;
* opening a case: ``case_detail`` as the case dialog loads it.

Baseline: the least a unit of work costs, a session reading one case by its
key, measured in the same run and alternated with the steps so machine
noise falls on both. Target: every step's p95 <= 200 ms. The demo database
(``build_demo``, 200 residents, 1000 cases) is built once and cached in the
temp folder, keyed by the migrations and the demo builder. The last line
printed is JSON.

    python bench/daily_steps.py [--runs N] [--rebuild]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.clock import local_today
from app.db import MIGRATIONS_DIR, open_database
from app.models import Case, CatalogItem, Resident, Staff
from app.models.vocabulary import CaseStatus
from app.services import demo, settings
from app.services.calendar_store import load_work_calendar
from app.services.case_detail import case_detail
from app.services.queries import CaseFilter, case_page, count_cases
from app.services.search import find_cases
from app.services.staff import actor_for

TARGET_MS = 200.0
PAGE_SIZE = 200  # app/ui/case_model.PAGE_SIZE (the UI module needs Qt)
Work = Callable[[Session], Any]


def cache_dir() -> Path:
    digest = hashlib.sha256()
    for path in sorted(MIGRATIONS_DIR.glob("versions/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    digest.update(Path(demo.__file__).read_bytes())
    return Path(tempfile.gettempdir()) / f"onewindow-bench-daily-{digest.hexdigest()[:12]}"


def demo_database(rebuild: bool) -> sessionmaker[Session]:
    folder = cache_dir()
    ready = folder / "built"
    if rebuild or not ready.exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"building the demo database in {folder} (once)…", file=sys.stderr)
        database = open_database(folder)
        demo.build_demo(database.session_factory)
        ready.write_text("ok")
        return database.session_factory
    return open_database(folder).session_factory


def run_op(factory: sessionmaker[Session], work: Work) -> float:
    """One operation as the writer lane runs it: a session, a transaction, the work."""
    start = time.perf_counter()
    with factory() as session, session.begin():
        work(session)
    return time.perf_counter() - start


def list_load(flt: CaseFilter) -> Work:
    """The 办件 list's first fetch (CaseTableModel._fetch with the total)."""
    def work(session: Session) -> None:
        calendar = load_work_calendar(session)
        count_cases(session, flt)
        case_page(session, flt, offset=0, limit=PAGE_SIZE, today=local_today(), calendar=calendar,
                  soon_days=settings.get(session, settings.DEADLINE_SOON_DAYS))
    return work


def search_then_list(text: str) -> list[Work]:
    """Two operations: the box's lookup, then the list for what it found."""
    found: dict[str, Any] = {}

    def lookup(session: Session) -> None:
        found["search"] = find_cases(session, text)

    def listing(session: Session) -> None:
        list_load(CaseFilter(search=found["search"]))(session)

    return [lookup, listing]


def steps(factory: sessionmaker[Session]) -> dict[str, list[Work]]:
    with factory() as session:
        resident = session.execute(
            select(Resident.name, Resident.name_initials, Resident.phone, Resident.id_number)
            .join(Case, Case.resident_id == Resident.id).where(Resident.phone != "").limit(1)).one()
        case_id, case_number = session.execute(
            select(Case.id, Case.case_number).order_by(Case.received_at.desc()).limit(1)).one()
        item_id, item_name = session.execute(select(CatalogItem.id, CatalogItem.name)
                                             .join(Case, Case.item_id == CatalogItem.id).limit(1)).one()
        staff = session.scalar(select(Staff).order_by(Staff.username).limit(1))
        assert staff is not None
        actor = actor_for(session, staff)
        staff_id = staff.id
    today = local_today()

    def open_case(session: Session) -> None:
        case_detail(session, case_id, actor=actor, today=local_today(), calendar=load_work_calendar(session),
                    soon_days=settings.get(session, settings.DEADLINE_SOON_DAYS))

    figures: dict[str, list[Work]] = {
        f"search {label}": search_then_list(text) for label, text in (
            ("phone", resident.phone), ("phone last 4", resident.phone[-4:]), ("ID number", resident.id_number),
            ("name", resident.name), ("initials", resident.name_initials), ("surname", resident.name[0]),
            ("case number", case_number), ("item name", item_name[:4]), ("nothing found", "查无此人"))
    }
    figures.update({
        f"case list {label}": [list_load(flt)] for label, flt in (
            ("all", CaseFilter()), ("status", CaseFilter(status=CaseStatus.ACCEPTED)),
            ("item", CaseFilter(item_id=item_id)), ("staff", CaseFilter(staff_id=staff_id)),
            ("30 days", CaseFilter(received_from=today - timedelta(days=30), received_to=today)),
            ("overdue", CaseFilter(overdue_on=today)), ("deadline board", CaseFilter(open_with_deadline=True)))
    })
    figures["open a case"] = [open_case]
    return figures


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    factory = demo_database(args.rebuild)
    with factory() as session:
        any_case: uuid.UUID = session.scalars(select(Case.id).limit(1)).one()

    def baseline(session: Session) -> None:
        session.get(Case, any_case)

    named = steps(factory)
    timings: dict[str, list[float]] = {name: [] for name in named}
    bare: list[float] = []
    for works in named.values():  # warm-up: imports, caches, the first page of the file
        for work in works:
            run_op(factory, work)
    run_op(factory, baseline)
    for _ in range(args.runs):
        for name, works in named.items():
            bare.append(run_op(factory, baseline))
            timings[name].append(sum(run_op(factory, work) for work in works))

    bare_ms = statistics.median(bare) * 1000
    print(f"{'step':<26}{'median ms':>10}{'p95 ms':>9}{'x bare':>8}")
    print(f"{'bare read (baseline)':<26}{bare_ms:>10.1f}{percentile(bare, 0.95) * 1000:>9.1f}{1:>8.1f}")
    result: dict[str, Any] = {"runs": args.runs, "target_p95_ms": TARGET_MS, "baseline_median_ms": round(bare_ms, 2),
                              "steps": {}}
    over = []
    for name, values in timings.items():
        median, p95 = statistics.median(values) * 1000, percentile(values, 0.95) * 1000
        print(f"{name:<26}{median:>10.1f}{p95:>9.1f}{median / bare_ms:>8.1f}")
        result["steps"][name] = {"median_ms": round(median, 2), "p95_ms": round(p95, 2)}
        if p95 > TARGET_MS:
            over.append(name)
    result["over_target"] = over
    result["ok"] = not over
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
