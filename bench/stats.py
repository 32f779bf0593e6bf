"""台账统计 speed on a center with years of data: a month's statistics and a year's export.

The center is bench/search.py's generator (real migrations, bulk inserts,
cases from 2020 to late 2026) at 50,000 residents and 125,000 cases, with
ratings, bad-rating follow-ups, first inquiries, complaints and appointments
added in proportion, spread over the center's workers. It is cached in the
temp folder like the search bench's, so a re-run only measures.

Measured, each against a baseline in the same run:
- a month's statistics by worker (app.services.statistics.center_statistics,
  what the screen runs), cold (the first count after opening the database)
  and warm (median), against reading that month's case rows with one plain
  SELECT; target 300 ms;
- a year's 办件 ledger to Excel (app.services.ledger_export.export_workbook
  with the 办件 ledger: the ledger and the formulas sheet, as the screen's
  "this ledger only" export writes it),
  against building the ledger alone without Excel; target 3 s. For
  comparison, the same rows written by openpyxl (write-only) and XlsxWriter
  (constant-memory) where they are installed, and the whole workbook with
  every ledger.

    python bench/stats.py [--residents N] [--cases N] [--runs N] [--export-runs N] [--rebuild]

The last line printed is JSON.
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import random
import shutil
import statistics as stats_module
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select, update

from app.db import MIGRATIONS_DIR, open_database
from app.ids import uuid7
from app.models import Appointment, Case, CatalogItem, Complaint, Inquiry, Rating, RatingFollowUp, Staff
from app.models.vocabulary import AppointmentStatus, CaseStatus, RatingChannel, RatingLevel, StaffRole
from app.services.ledgers import LEDGER_KEYS
from bench import search as search_bench

GENERATOR_VERSION = 1
SEED = 20261201
MONTH_TARGET_MS = 300.0
EXPORT_TARGET_S = 3.0
WORKERS = ("李娜", "赵敏", "陈杰", "王芳", "刘洋", "张伟")
LEVELS = (5, 5, 5, 5, 4, 4, 4, 3, 3, 2, 1)
BATCH = 20_000


def cache_dir(residents: int, cases: int) -> Path:
    digest = hashlib.sha256()
    for path in sorted(MIGRATIONS_DIR.glob("versions/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    # The generators' code, not this whole file: changing how it measures keeps the cached center.
    digest.update(inspect.getsource(generate).encode() + Path(search_bench.__file__).read_bytes())
    digest.update(f"{GENERATOR_VERSION}-{residents}-{cases}-{SEED}".encode())
    return Path(tempfile.gettempdir()) / f"onewindow-bench-stats-{digest.hexdigest()[:12]}"


def generate(folder: Path, *, residents: int, cases: int, say: Callable[[str], None]) -> None:
    search_bench.generate(folder, residents=residents, cases=cases, say=say)
    rng = random.Random(SEED)
    database = open_database(folder)
    try:
        with database.session_factory.begin() as session:
            head = session.scalars(select(Staff).where(Staff.role == StaffRole.HEAD)).one()
            workers = []
            for n, name in enumerate(WORKERS, 1):
                worker = Staff(center_id=head.center_id, username=f"w{n}", display_name=name,
                               role=StaffRole.WINDOW, password_hash="-")
                session.add(worker)
                workers.append(worker)
            session.flush()
            staff_ids = [w.id for w in workers]
            center_id = head.center_id
            items = [(i.id, i.code, i.name) for i in session.scalars(select(CatalogItem))]
        with database.engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA synchronous=OFF")
            say("cases: spreading over the workers…")
            for n, staff_id in enumerate(staff_ids):
                connection.execute(update(Case).where(Case.case_number.like(f"%{n}")).values(handled_by=staff_id))
            done = connection.execute(select(Case.id, Case.case_number, Case.completed_at, Case.handled_by,
                                             Case.item_id, Case.received_at)
                                      .where(Case.status.in_((CaseStatus.COMPLETED, CaseStatus.DELIVERED)))).all()
            codes = {item_id: (code, name) for item_id, code, name in items}
            ratings, follow_ups = [], []
            for case_id, number, completed, staff_id, item_id, _received in done:
                if rng.random() > 0.45 or completed is None:
                    continue
                level = rng.choice(LEVELS)
                rating_id = uuid7()
                rated_at = completed + timedelta(minutes=5)
                code, name = codes.get(item_id, ("", ""))
                ratings.append({"id": rating_id, "center_id": center_id, "case_id": case_id, "case_number": number,
                                "channel": RatingChannel.WINDOW, "rated_at": rated_at, "level": level,
                                "level_label": RatingLevel.of_order(level).label.zh, "staff_id": staff_id,
                                "item_code": code, "item_name": name})
                if level <= 2:
                    due = rated_at.date() + timedelta(days=7)
                    closed = rated_at + timedelta(days=rng.randint(2, 12))
                    follow_ups.append({"id": uuid7(), "center_id": center_id, "rating_id": rating_id,
                                       "case_id": case_id, "opened_at": rated_at, "revisit_days": 2,
                                       "rectify_days": 5, "revisit_due": rated_at.date() + timedelta(days=3),
                                       "rectify_due": due, "closed_at": closed})
            for start in range(0, len(ratings), BATCH):
                connection.execute(insert(Rating), ratings[start:start + BATCH])
            for start in range(0, len(follow_ups), BATCH):
                connection.execute(insert(RatingFollowUp), follow_ups[start:start + BATCH])
            say(f"ratings: {len(ratings):,}, follow-ups: {len(follow_ups):,}")
            first, last = search_bench.FIRST_DAY, search_bench.LAST_DAY
            span = (last - first).days
            tz = timezone(timedelta(hours=8))

            def moment() -> datetime:
                day = first + timedelta(days=rng.randrange(span))
                return datetime(day.year, day.month, day.day, 9, tzinfo=tz) + timedelta(minutes=rng.randint(0, 420))

            inquiries = [{"id": uuid7(), "center_id": center_id, "asker_name": "来询人", "topic": "咨询",
                          "outcome": rng.choice(("answered", "answered", "referred", "converted", "open")),
                          "owner_id": rng.choice(staff_ids), "asked_at": moment(), "item_id": rng.choice(items)[0]}
                         for _ in range(cases // 4)]
            for start in range(0, len(inquiries), BATCH):
                connection.execute(insert(Inquiry), inquiries[start:start + BATCH])
            complaint_rows = []
            for n in range(cases // 100):
                received = moment()
                answered = received + timedelta(days=rng.randint(0, 9)) if rng.random() < 0.95 else None
                complaint_rows.append({
                    "id": uuid7(), "center_id": center_id, "complaint_number": f"TS-{n:06d}", "query_code": "ABC234",
                    "title": "投诉", "content": "内容", "received_by": rng.choice(staff_ids), "received_at": received,
                    "answer_due": received.date() + timedelta(days=7), "answered_at": answered,
                    "status": "answered" if answered else "registered"})
            connection.execute(insert(Complaint), complaint_rows)
            appointments = [{"id": uuid7(), "center_id": center_id, "name": "预约人", "scheduled_at": moment(),
                             "staff_id": rng.choice(staff_ids), "created_by": rng.choice(staff_ids),
                             "item_id": rng.choice(items)[0],
                             "status": rng.choice((AppointmentStatus.DONE, AppointmentStatus.DONE,
                                                   AppointmentStatus.NO_SHOW, AppointmentStatus.CANCELLED))}
                            for _ in range(cases // 12)]
            for start in range(0, len(appointments), BATCH):
                connection.execute(insert(Appointment), appointments[start:start + BATCH])
            say(f"inquiries: {len(inquiries):,}, complaints: {len(complaint_rows):,}, "
                f"appointments: {len(appointments):,}")
        with database.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        database.dispose()


CPU: list[float] = []  # the process's CPU seconds of the last timed() call, run by run


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Wall seconds of each run; their CPU seconds are left in ``CPU`` (on a machine other work
    shares, CPU time says what the code costs, wall time what the user waits)."""
    times = []
    CPU.clear()
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        CPU.append(time.process_time() - cpu)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=50_000)
    parser.add_argument("--cases", type=int, default=125_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--export-runs", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    def say(message: str) -> None:
        print(message, flush=True)

    folder = cache_dir(args.residents, args.cases)
    ready = folder / "complete"
    if args.rebuild or not ready.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        start = time.perf_counter()
        generate(folder, residents=args.residents, cases=args.cases, say=say)
        ready.write_text(f"{time.perf_counter() - start:.1f}\n")
        say(f"generated in {float(ready.read_text()):.1f} s")
    else:
        say(f"using the cached center in {folder}")

    from app.services.ledger_export import export_workbook
    from app.services.ledgers import case_ledger
    from app.services.queries import local_day_start
    from app.services.statistics import Group, Statistics, center_statistics

    today = search_bench.LAST_DAY
    month_start, month_end = date(2026, 10, 1), date(2026, 10, 31)
    year_start, year_end = date(2025, 1, 1), date(2025, 12, 31)
    database = open_database(folder)
    out = Path(tempfile.mkdtemp(prefix="onewindow-bench-stats-"))
    try:
        with database.session_factory() as session:
            lo, hi = local_day_start(month_start), local_day_start(month_end + timedelta(days=1))

            def baseline_month() -> object:
                return session.execute(select(Case.id, Case.status, Case.completed_at, Case.committed_due)
                                       .where(Case.received_at >= lo, Case.received_at < hi)).all()

            def month() -> Statistics:
                return center_statistics(session, start=month_start, end=month_end, today=today, group=Group.WORKER)

            cold_month = timed(month, 1)[0]  # the first count after opening the database
            base_month = timed(baseline_month, args.runs)
            month_times = timed(month, args.runs)
            month_cpu = stats_module.median(CPU)
            figures = month().total.values
            say(f"month {month_start:%Y-%m}: accepted {figures['accepted']}, completed {figures['completed']}, "
                f"满意率 {figures['satisfaction']}")

            def export(keys: tuple[str, ...] | None, name: str) -> object:
                return export_workbook(session, None, out / name, start=year_start, end=year_end,
                                       group=Group.MONTH, today=today, ledgers=keys, statistics=keys is None)

            cases_export = timed(lambda: export(("cases",), "办件台账.xlsx"), args.export_runs)
            cases_cpu = stats_module.median(CPU)
            base_year = timed(lambda: case_ledger(session, start=year_start, end=year_end, today=today), 1)
            year_ledger = case_ledger(session, start=year_start, end=year_end, today=today)
            year_rows = len(year_ledger.rows)
            libraries = {name: timed(lambda write=write: write(year_ledger.rows), 1)[0]  # type: ignore[misc]
                         for name, write in _library_writers().items()}
            full_export = timed(lambda: export(None, "台账统计.xlsx"), 1)
            session.rollback()  # the audit entries of the runs
    finally:
        database.dispose()
    month_ms = stats_module.median(month_times) * 1000
    base_ms = stats_module.median(base_month) * 1000
    cases_s = stats_module.median(cases_export)
    size = (out / "办件台账.xlsx").stat().st_size / 1e6
    say(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    say(f"month statistics: {month_ms:.0f} ms warm (median of {args.runs}; CPU {month_cpu * 1000:.0f} ms), "
        f"{cold_month * 1000:.0f} ms cold; "
        f"baseline: reading the month's cases {base_ms:.1f} ms; target {MONTH_TARGET_MS:.0f} ms")
    say(f"year's 办件 ledger to Excel: {cases_s:.2f} s (median of {args.export_runs}; CPU {cases_cpu:.2f} s; "
        f"first {cases_export[0]:.2f} s) "
        f"for {year_rows:,} cases, {size:.1f} MB; baseline: building the ledger alone {base_year[0]:.2f} s; "
        f"target {EXPORT_TARGET_S:.0f} s")
    for name, seconds in libraries.items():
        say(f"  the same rows written by {name}: {seconds:.2f} s (writing only)")
    say(f"  writing beyond building the ledger: {cases_s - base_year[0]:.2f} s")
    say(f"the whole workbook (statistics by month, all {len(LEDGER_KEYS)} ledgers, formulas): {full_export[0]:.2f} s")
    shutil.rmtree(out, ignore_errors=True)
    result = {
        "bench": "stats", "cases": args.cases, "residents": args.residents,
        "load_average": round(os.getloadavg()[0], 1), "cpus": os.cpu_count(),
        "month_ms": round(month_ms, 1), "month_cpu_ms": round(month_cpu * 1000, 1),
        "month_cold_ms": round(cold_month * 1000, 1),
        "month_baseline_ms": round(base_ms, 1),
        "year_cases_export_s": round(cases_s, 2), "year_cases_export_cpu_s": round(cases_cpu, 2),
        "year_cases_export_first_s": round(cases_export[0], 2),
        "year_ledger_baseline_s": round(base_year[0], 2), "year_rows": year_rows,
        "library_write_s": {name: round(seconds, 2) for name, seconds in libraries.items()},
        "year_full_workbook_s": round(full_export[0], 2),
        "ok": month_ms <= MONTH_TARGET_MS and cases_s <= EXPORT_TARGET_S,
    }
    print(json.dumps(result, ensure_ascii=False))


def _library_writers() -> dict[str, Callable[[tuple[tuple[str, ...], ...]], bytes]]:
    """The general libraries, for comparison, writing the same rows the plainest fast way each offers."""
    from io import BytesIO

    writers: dict[str, Callable[[tuple[tuple[str, ...], ...]], bytes]] = {}
    try:
        import openpyxl
    except ImportError:
        pass
    else:
        def with_openpyxl(rows: tuple[tuple[str, ...], ...]) -> bytes:
            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet("办件台账")
            for row in rows:
                sheet.append(row)
            buffer = BytesIO()
            book.save(buffer)
            return buffer.getvalue()

        writers["openpyxl (write_only)"] = with_openpyxl
    try:
        import xlsxwriter  # type: ignore[import-not-found]
    except ImportError:
        pass
    else:
        def with_xlsxwriter(rows: tuple[tuple[str, ...], ...]) -> bytes:
            buffer = BytesIO()
            book = xlsxwriter.Workbook(buffer, {"constant_memory": True})
            sheet = book.add_worksheet("办件台账")
            for r, row in enumerate(rows):
                sheet.write_row(r, 0, row)
            book.close()
            return buffer.getvalue()

        writers["XlsxWriter (constant_memory)"] = with_xlsxwriter
    return writers


if __name__ == "__main__":
    main()
