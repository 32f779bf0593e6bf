"""Desk sync: 10,000 operations pushed by the desk's own engine.

    .venv/bin/python bench/sync.py [--ops 10000] [--backend postgresql|sqlite] [--rate 2048]
                                   [--latency 1,2] [--cut-rate 0.15] [--skip-slow]

A desk database is filled through the domain services (residents registered,
cases taken in and started: every change queues its operation, as at a real
window), then pushed twice, each time to a fresh county server process:

1. **Loopback**: straight to the server on 127.0.0.1. Reports operations per
   second and bytes on the wire per operation (HTTP heads and gzip bodies,
   both ways).
2. **Slow link**: through the fault proxy (tests/sync/proxy.py) throttled to
   ``--rate`` bytes/s each way with ``--latency`` seconds of round trip, which
   cuts connections at random (``--cut-rate`` of requests: dropped before or
   after the server answered, request or answer cut part-way). Reports the
   total time against the link's theoretical minimum (the clean run's bytes ÷
   the bandwidth; target ≤ 1.2×), and checks at the county that nothing was
   lost and nothing applied twice.

PostgreSQL is started the way the county tests start it (COUNTY_TEST_PG_ADMIN_URL,
else the Debian cluster, else the pgserver wheel). Human lines, then one JSON line last.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import Engine, func, select

from app.db import DB_FILENAME, create_sqlite_engine, make_session_factory, migrate
from app.models import OutboxEntry
from app.models.vocabulary import CaseEventKind, IntakeOutcome
from app.services.calendar import WorkCalendar
from app.services.calendar_store import load_work_calendar
from app.services.cases import IntakeRequest, MaterialReceipt, record_event, take_in
from app.services.catalog_import import import_catalog, validate_catalog
from app.services.context import Actor
from app.services.residents import ResidentInput, register_resident
from app.services.setup import CenterSetup, set_up_center
from app.sync.engine import SyncEngine
from app.sync.enroll import enroll
from app.sync.link import Backoff
from app.sync.push import DEFAULT_BATCH
from app.sync.transport import Transport
from county_server.models import AppliedOp, ChangeEntry, Device
from tests.county import pg
from tests.services.desk import CATALOG
from tests.sync.live import CountyProcess, person_id
from tests.sync.proxy import FaultProxy

CENTER = "BENCH1"
OPS_PER_RESIDENT = 10  # registration, then 3 × (case + intake event + start event)


@dataclass(frozen=True)
class BenchCenter:
    """A migrated desk of the bench center, set up with its head and the sample catalog."""

    path: Path
    engine: Engine
    factory: Any
    head: Actor
    items: dict[str, tuple[uuid.UUID, tuple[MaterialReceipt, ...]]]  # code: (item id, every material received)
    calendar: WorkCalendar


def new_bench_center(folder: Path) -> BenchCenter:
    """The desk every sync bench starts from (bench/sync.py, bench/bootstrap.py)."""
    folder.mkdir(parents=True)
    path = folder / DB_FILENAME
    engine = create_sqlite_engine(path)
    migrate(engine, path)
    factory = make_session_factory(engine, data_dir=folder)
    with factory.begin() as session:
        head = set_up_center(session, CenterSetup(
            center_name="基准测试村党群服务中心", center_code=CENTER, county="示例县", town="示例镇",
            head_username="zhuren", head_display_name="王建国", head_password="demo2026"))
        version = import_catalog(session, validate_catalog(CATALOG, source="bench.json"), actor=head)
        items = {i.code: (i.id, tuple(MaterialReceipt(m.id, m.count) for m in i.materials)) for i in version.items}
    with factory() as session:
        calendar = load_work_calendar(session)
    return BenchCenter(path, engine, factory, head, items, calendar)


def build_desk(folder: Path, ops: int) -> tuple[Path, int]:
    """A migrated desk with ``ops`` queued operations, made through the services."""
    center = new_bench_center(folder)
    path, engine, factory, head, calendar = center.path, center.engine, center.factory, center.head, center.calendar
    item_id, materials = center.items["CM"]
    residents = ops // OPS_PER_RESIDENT
    for n in range(residents):
        with factory.begin() as session:
            rid = register_resident(session, head, ResidentInput(
                doc_type="resident_id", id_number=person_id(20_000 + n), name=f"基准{n:04d}")).resident_id
        for _visit in range(3):
            with factory.begin() as session:
                case = take_in(session, head, IntakeRequest(resident_id=rid, item_id=item_id, outcome=IntakeOutcome.ACCEPT,
                                                            materials=materials), calendar=calendar)
                case_id = case.id
            with factory.begin() as session:
                record_event(session, head, case_id, CaseEventKind.START, calendar=calendar)
    with factory() as session:
        queued = session.scalar(select(func.count()).select_from(OutboxEntry)) or 0
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path, queued


@contextlib.contextmanager
def county_server(backend: str, folder: Path, *, start_timeout: float | None = None) -> Iterator[CountyProcess]:
    """A county server process on ``backend`` with the bench center (``start_timeout``: a patient start)."""
    folder.mkdir(parents=True)
    with contextlib.ExitStack() as stack:
        if backend == "postgresql":
            server = stack.enter_context(pg.postgres())
            url = pg.create_database(server.admin_url)
            stack.callback(_drop, server.admin_url, url)
        else:
            url = f"sqlite:///{folder / 'county.sqlite3'}"
        county = CountyProcess(url, folder)
        stack.callback(county.close)
        if start_timeout is None:
            county.start()
        else:
            county.start(timeout=start_timeout)
        county.make_center(CENTER, name="基准测试村党群服务中心")
        yield county


def _drop(admin_url: str, url: str) -> None:
    try:
        pg.drop_database(admin_url, url)
    except Exception as error:  # noqa: BLE001 - the figures are taken; a leftover database is harmless
        print(f"(could not drop the bench database {url.rsplit('/', 1)[-1]}: {error})", file=sys.stderr)


def desk_copy(template: Path, folder: Path) -> tuple[Path, object]:
    folder.mkdir(parents=True)
    shutil.copy(template, folder / DB_FILENAME)
    engine = create_sqlite_engine(folder / DB_FILENAME)
    return folder, make_session_factory(engine, data_dir=folder)


def verify(county: CountyProcess, factory, ops: int) -> dict[str, int]:
    """Lost: desk entries not applied, or county ops missing. Duplicated: an op or a
    change-log entry the county holds more than once (its log counts every apply)."""
    with factory() as session:
        not_applied = session.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.status != "applied"))
        device_id = session.scalar(select(OutboxEntry.payload["device_id"].as_string()).where(
            OutboxEntry.entity == "case").limit(1))
    with county.db() as session:
        device = session.scalar(select(Device).where(Device.id == __import__("uuid").UUID(device_id)))
        applied = session.scalar(select(func.count()).select_from(AppliedOp).where(AppliedOp.device_id == device.id))
        seqs = list(session.scalars(select(ChangeEntry.seq).where(
            ChangeEntry.scope == str(device.center_id), ChangeEntry.stream == "records").order_by(ChangeEntry.seq)))
    return {
        "lost": max(0, ops - applied) + (not_applied or 0),
        "duplicated": max(0, len(seqs) - len(set(seqs))) + max(0, len(seqs) - ops),
        "county_applied": applied,
        "change_log": len(seqs),
    }


def push_all(folder: Path, factory, base: str, county: CountyProcess, *, batch: int,
             transport_factory=Transport, attempts: int = 8) -> tuple[float, object, SyncEngine]:
    with county.db.begin() as session:
        from county_server.services import admin

        code = admin.issue_enrollment_code(session, admin.find_center(session, CENTER), hours=1).code
    enroll(factory, folder, server_url=base, code=code, backoff=Backoff(base=0.5, cap=8, attempts=attempts))
    engine = SyncEngine(factory, folder, transport_factory=transport_factory, batch_size=batch,
                        backoff=Backoff(base=0.5, cap=8, attempts=attempts))
    started = time.perf_counter()
    report = engine.run(trigger="bench", push_only=True)
    seconds = time.perf_counter() - started
    return seconds, report, engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ops", type=int, default=10_000)
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH,
                        help=f"most operations per push (the desk's default {DEFAULT_BATCH}, the server's limit; "
                             "the desk makes them fewer to stay within 30 s of the link's measured rate)")
    parser.add_argument("--rate", type=float, default=2048.0, help="slow link: bytes per second, each way")
    parser.add_argument("--latency", default="1,2", help="slow link: round trip range in seconds")
    parser.add_argument("--cut-rate", type=float, default=0.15, help="slow link: share of requests cut")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--skip-slow", action="store_true", help="loopback only")
    args = parser.parse_args()
    low, high = (float(x) for x in args.latency.split(","))
    result: dict[str, object] = {"bench": "sync", "backend": args.backend, "batch": args.batch}
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        template, queued = build_desk(root / "template", args.ops)
        print(f"desk: {queued} operations queued through the services in {time.perf_counter() - started:.1f} s")
        result["ops"] = queued

        with county_server(args.backend, root / "county-loopback") as county:
            folder, factory = desk_copy(template, root / "desk-loopback")
            seconds, report, engine = push_all(folder, factory, county.base, county, batch=args.batch)
            sent, received, requests = engine.last_wire
            checked = verify(county, factory, queued)
            loopback = {
                "seconds": round(seconds, 2), "ops_per_s": round(queued / seconds, 1),
                "bytes_up": sent, "bytes_down": received, "requests": requests,
                "bytes_per_op": round((sent + received) / queued, 1), "state": report.state, **checked,
            }
            print(f"loopback: {queued} ops in {seconds:.2f} s = {loopback['ops_per_s']} ops/s; "
                  f"{loopback['bytes_per_op']} bytes/op on the wire ({sent} up, {received} down, {requests} requests); "
                  f"lost {checked['lost']}, duplicated {checked['duplicated']}")
            result["loopback"] = loopback

        if not args.skip_slow:
            with county_server(args.backend, root / "county-slow") as county:
                proxy = FaultProxy(county.port, rate=args.rate, latency=(low, high), fault_rate=args.cut_rate,
                                   seed=args.seed).start()
                try:
                    folder, factory = desk_copy(template, root / "desk-slow")
                    seconds, report, engine = push_all(folder, factory, proxy.base, county, batch=args.batch,
                                                       attempts=40)
                    rounds = 1
                    while not report.ok and rounds < 10:  # a run gives up after its retries; the next goes on
                        again = time.perf_counter()
                        report = engine.run(trigger="bench", push_only=True)
                        seconds += time.perf_counter() - again
                        rounds += 1
                finally:
                    proxy.stop()
                checked = verify(county, factory, queued)
            minimum = (loopback["bytes_up"] + loopback["bytes_down"]) / args.rate
            slow = {
                "rate_bytes_per_s": args.rate, "latency_s": [low, high], "cut_rate": args.cut_rate,
                "seconds": round(seconds, 1), "theoretical_min_s": round(minimum, 1),
                "ratio": round(seconds / minimum, 3), "target_ratio": 1.2, "within_target": seconds / minimum <= 1.2,
                # The same work's own time (desk and server, as on loopback) set aside: what the link
                # itself cost (round trips, cuts, resends) over its minimum. On a loaded machine the
                # processing, done between transfers, weighs on the ratio above.
                "link_ratio": round((seconds - loopback["seconds"]) / minimum, 3),
                "wire_up": proxy.stats.bytes_up, "wire_down": proxy.stats.bytes_down, "requests": proxy.stats.requests,
                "cuts": dict(proxy.stats.faults), "runs": rounds, "state": report.state, **checked,
            }
            print(f"slow link ({args.rate:.0f} B/s each way, {low:g}–{high:g} s round trip, cuts {slow['cuts']}): "
                  f"{seconds:.1f} s against a minimum of {minimum:.1f} s = {slow['ratio']}× (target ≤ 1.2×; "
                  f"{slow['link_ratio']}× without the {loopback['seconds']:.1f} s the work takes on loopback); "
                  f"lost {checked['lost']}, duplicated {checked['duplicated']}")
            result["slow_link"] = slow
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
