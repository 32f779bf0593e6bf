"""A replacement desk PC for a center with years of history, over a 2G link.

    .venv/bin/python bench/bootstrap.py [--scale 0.02] [--backend sqlite|postgresql] [--rate 2048]
                                        [--latency 1,2] [--cut-rate 0] [--open-share 0.02]

A 5-year center is 125,000 cases and 50,000 residents (``--scale`` 1.0; a full
run at 2 KB/s takes hours, so the default is a stated smaller scale). The
center is made through the desk's own services (residents registered, cases
taken in: most done on the spot, ``--open-share`` accepted and started, so
still open) and pushed to a county server process; the county's receipt
dates are then spread over five years, so that about a fifth of the
residents were seen in the last year.

Then two new desks enroll and read the center:

1. **Reference, loopback, the ordinary order** (``order=id``, what an older
   desk asks): the bytes on the wire, both ways, of the whole first sync.
   Those are the bytes that must arrive; ÷ ``--rate`` = the link minimum.
2. **Priority order over the fault proxy** (``--rate`` bytes/s each way,
   ``--latency`` s round trips, ``--cut-rate`` of requests cut): reports
   **time-to-usable** (from the start of the sync until intake is possible
   for a returning resident with an open case: the resident, the open case
   and its history are on the desk, and an intake for them is saved there)
   and **time-to-complete** (the whole history, then the cursors). Targets:
   usable within 10 minutes; complete within 1.3× the link minimum.

At a smaller scale both times are measured; the full-scale figures are
extrapolated and labelled so: usable = the fixed start (meta, catalog,
calendar, accounts: measured, independent of the scale) + the measured
priority tier's time ÷ scale; complete = the measured ratio × the full-scale
link minimum (bytes scale with the rows). That ratio carries the run's fixed
round trips (meta, the small streams before and after the snapshot: about
ten of 1–2 s each, whatever the center's size) into hours they do not take,
so the snapshot is also timed alone (its first request to the first pull
after it): ``snapshot_ratio`` is its time over its own bytes ÷ rate, and
the second full-scale figure is the measured time outside the snapshot +
that ratio × the full-scale link minimum. Human lines, then one JSON line last.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import func, select, update

from app.clock import utcnow
from app.db import DB_FILENAME, create_sqlite_engine, make_session_factory, migrate
from app.models import Case, Resident
from app.models.vocabulary import CaseEventKind, IntakeOutcome
from app.services.calendar_store import load_work_calendar
from app.services.cases import IntakeRequest, MaterialReceipt, record_event, take_in
from app.services.context import Actor
from app.services.residents import ResidentInput, register_resident
from app.services.setup import CenterSetup, set_up_center, this_device
from app.sync.engine import SyncEngine
from app.sync.enroll import enroll
from app.sync.link import Backoff
from app.sync.pull import bootstrap_state
from app.sync.transport import Transport
from bench import sync as sync_bench
from bench.sync import CENTER, new_bench_center
from county_server.models import Case as CountyCase
from county_server.services import admin
from tests.sync.live import CountyProcess, person_id
from tests.sync.proxy import FaultProxy

FULL_CASES = 125_000
FULL_RESIDENTS = 50_000
YEARS = 5


def build_center(folder: Path, *, residents: int, cases: int, open_share: float) -> tuple[Path, Actor, list[uuid.UUID]]:
    """The old desk: residents and cases through the services; returns the
    residents with an open case (the returning ones)."""
    center = new_bench_center(folder)
    engine, factory, head, items, calendar = center.engine, center.factory, center.head, center.items, center.calendar
    people: list[uuid.UUID] = []
    for n in range(residents):
        with factory.begin() as session:
            people.append(register_resident(session, head, ResidentInput(
                doc_type="resident_id", id_number=person_id(30_000 + n), name=f"村民{n:05d}")).resident_id)
    every = max(1, round(1 / open_share)) if open_share > 0 else 0
    returning: list[uuid.UUID] = []
    for n in range(cases):
        resident = people[(n * 7919) % residents]  # visits spread over the residents
        still_open = every and n % every == every - 1
        code, outcome = ("CM", IntakeOutcome.ACCEPT) if still_open else ("OS", IntakeOutcome.DONE_ON_THE_SPOT)
        item_id, materials = items[code]
        with factory.begin() as session:
            case = take_in(session, head, IntakeRequest(resident_id=resident, item_id=item_id, outcome=outcome,
                                                        materials=materials), calendar=calendar)
            if still_open:
                record_event(session, head, case.id, CaseEventKind.START, calendar=calendar)
                returning.append(resident)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return folder, head, returning


@contextlib.contextmanager
def county_server(backend: str, folder: Path) -> Iterator[CountyProcess]:
    """bench/sync.py's, with a patient start: the bench runs beside other work."""
    with sync_bench.county_server(backend, folder, start_timeout=300) as county:
        yield county


def code_for(county: CountyProcess, device_number: int | None = None) -> str:
    with county.db.begin() as session:
        return admin.issue_enrollment_code(session, admin.find_center(session, CENTER), hours=1,
                                           device_number=device_number).code


def new_desk(folder: Path, base: str, county: CountyProcess, number: int, *,
             transport_factory: Any = Transport, page_size: int = 200) -> tuple[Any, SyncEngine]:
    folder.mkdir(parents=True)
    path = folder / DB_FILENAME
    engine = create_sqlite_engine(path)
    migrate(engine, path)
    factory = make_session_factory(engine, data_dir=folder)
    with factory.begin() as session:
        set_up_center(session, CenterSetup(
            center_name="基准测试村党群服务中心", center_code=CENTER, county="示例县", town="示例镇",
            device_number=number, window_no=str(number), head_username=f"zhuren{number}",
            head_display_name="王建国", head_password="demo2026"))
    enroll(factory, folder, server_url=base, code=code_for(county, number),
           backoff=Backoff(base=0.5, cap=8, attempts=40))
    return factory, SyncEngine(factory, folder, transport_factory=transport_factory, page_size=page_size,
                               backoff=Backoff(base=0.5, cap=8, attempts=40))


class OrdinaryOrder(Transport):
    """An older desk: asks the snapshot without ``order`` (the county's id order)."""

    def get(self, path: str, *, params: dict[str, Any] | None = None, auth: bool = True,
            timeout: float | None = None) -> Any:
        if params and "order" in params:
            params = {k: v for k, v in params.items() if k != "order"}
        return super().get(path, params=params, auth=auth, timeout=timeout)


def spread_over_years(county: CountyProcess) -> None:
    """Receipt dates over five years, the open cases recent (the county's copy;
    the snapshot sends these)."""
    with county.db.begin() as session:
        ids = list(session.scalars(select(CountyCase.id).order_by(CountyCase.id)))
        now = utcnow()
        for n, case_id in enumerate(ids):
            age = timedelta(days=(len(ids) - n) * YEARS * 365 / len(ids))
            session.execute(update(CountyCase).where(CountyCase.id == case_id, CountyCase.status == "completed")
                            .values(received_at=now - age))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=0.02, help="share of a 5-year center (125,000 cases)")
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), default="sqlite")
    parser.add_argument("--rate", type=float, default=2048.0, help="bytes per second, each way")
    parser.add_argument("--latency", default="1,2", help="round trip range in seconds")
    parser.add_argument("--cut-rate", type=float, default=0.0, help="share of requests cut")
    parser.add_argument("--open-share", type=float, default=0.02, help="share of the cases still open")
    parser.add_argument("--page", type=int, default=200, help="snapshot rows per page")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    low, high = (float(x) for x in args.latency.split(","))
    cases = max(10, round(FULL_CASES * args.scale))
    residents = max(5, round(FULL_RESIDENTS * args.scale))
    result: dict[str, Any] = {"bench": "bootstrap", "scale": args.scale, "cases": cases, "residents": residents,
                              "open_share": args.open_share, "backend": args.backend, "page": args.page}
    with tempfile.TemporaryDirectory(prefix="bench-bootstrap-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        old_dir, _head, returning = build_center(root / "old", residents=residents, cases=cases,
                                                 open_share=args.open_share)
        print(f"center: {residents} residents, {cases} cases ({len(returning)} open) made through the services "
              f"in {time.perf_counter() - started:.1f} s")
        with county_server(args.backend, root / "county") as county:
            county.publish_test_catalog()  # the county's catalog: what a new desk takes in with
            old_engine = create_sqlite_engine(old_dir / DB_FILENAME)
            old_factory = make_session_factory(old_engine, data_dir=old_dir)
            enroll(old_factory, old_dir, server_url=county.base, code=code_for(county, 1),
                   backoff=Backoff(base=0.5, cap=8, attempts=8))
            pushed = SyncEngine(old_factory, old_dir, batch_size=500).run(trigger="bench")
            assert pushed.ok, pushed.message
            spread_over_years(county)
            with old_factory() as session:
                target = returning[len(returning) // 2]
                id_number = session.get(Resident, target).id_number  # type: ignore[union-attr]

            # 1. The bytes that must arrive: an older desk's first sync on loopback.
            factory, engine = new_desk(root / "reference", county.base, county, 2, transport_factory=OrdinaryOrder,
                                       page_size=args.page)
            t0 = time.perf_counter()
            report = engine.run(trigger="bench")
            assert report.ok, report.message
            sent, received, requests = engine.last_wire
            must = sent + received
            with factory() as session:
                rows_ref = int(bootstrap_state(session).rows)
            minimum = must / args.rate
            print(f"reference (loopback, ordinary order): {rows_ref} snapshot rows, {must:,} bytes on the wire "
                  f"({requests} requests) in {time.perf_counter() - t0:.1f} s; link minimum {minimum:.0f} s "
                  f"at {args.rate:.0f} B/s")

            # 2. The replacement desk over the 2G link, priority order.
            proxy = FaultProxy(county.port, rate=args.rate, latency=(low, high), fault_rate=args.cut_rate,
                               seed=args.seed).start()
            try:
                factory, engine = new_desk(root / "spare", proxy.base, county, 3, page_size=args.page)
                with factory.begin() as session:
                    this_device(session).server_url = proxy.base
                marks: dict[str, float] = {}
                first_snapshot = threading.Event()

                def on_request(path: str, phase: str) -> None:
                    if phase != "received":
                        return
                    if path.startswith("/api/v1/bootstrap") and not first_snapshot.is_set():
                        marks["snapshot_start"] = time.perf_counter()
                        marks["down_at_snapshot"] = proxy.stats.bytes_down
                        marks["up_at_snapshot"] = proxy.stats.bytes_up
                        marks["requests_at_snapshot"] = proxy.stats.requests
                        first_snapshot.set()
                    elif path.startswith("/api/v1/pull/") and first_snapshot.is_set() and "snapshot_end" not in marks:
                        # The snapshot's last page has arrived and been applied: the pulls follow it.
                        marks["snapshot_end"] = time.perf_counter()
                        marks["down_at_snapshot_end"] = proxy.stats.bytes_down
                        marks["up_at_snapshot_end"] = proxy.stats.bytes_up
                        marks["requests_at_snapshot_end"] = proxy.stats.requests

                proxy.on_request.append(on_request)
                proxy.stats = type(proxy.stats)()
                outcome: dict[str, Any] = {}
                start = time.perf_counter()

                def sync_until_done() -> None:
                    runs = 0
                    while True:
                        runs += 1
                        last = engine.run(trigger="bench")
                        with factory() as session:
                            done = not bootstrap_state(session).active
                        if (last.ok and done) or runs >= 20:
                            outcome.update(report=last, runs=runs, end=time.perf_counter())
                            return

                runner = threading.Thread(target=sync_until_done)
                runner.start()
                usable_at = intake_at = None
                new_case = None
                while runner.is_alive():
                    with factory() as session:
                        state = bootstrap_state(session)
                        here = session.scalar(select(func.count()).select_from(Case).where(
                            Case.resident_id == target, Case.status.not_in(("completed", "delivered",
                                                                            "rejected", "withdrawn"))))
                    if state.usable and usable_at is None:
                        usable_at = time.perf_counter()
                        marks["down_at_usable"] = proxy.stats.bytes_down
                        marks["tier0_rows"] = state.rows
                    if usable_at is not None and here and new_case is None:
                        # Intake for the returning resident, found by ID number, on the spare desk.
                        from app.services.search import lookup

                        with factory() as session:
                            (hit,) = lookup(session, id_number).residents
                            spare_head = _head_actor(session)
                        with factory() as session:
                            calendar = load_work_calendar(session)
                            item = _item(session, "CN")
                        with factory.begin() as session:
                            new_case = take_in(session, spare_head, IntakeRequest(
                                resident_id=hit.id, item_id=item[0], outcome=IntakeOutcome.ACCEPT,
                                materials=item[1]), calendar=calendar).id
                        intake_at = time.perf_counter()
                        with factory() as session:
                            marks["rows_at_usable"] = bootstrap_state(session).rows
                    time.sleep(0.2)
                runner.join()
            finally:
                proxy.stop()
            report = outcome["report"]
            complete = outcome["end"] - start
            with factory() as session:
                rows_spare = int(session.scalar(select(func.count()).select_from(Resident)) or 0)
                at_county = new_case is not None
            with county.db() as session:
                arrived = session.get(CountyCase, new_case) is not None if new_case else False
            usable = (intake_at or outcome["end"]) - start
            fixed = marks.get("snapshot_start", start) - start
            ratio = complete / minimum
            slow = {
                "rate_bytes_per_s": args.rate, "latency_s": [low, high], "cut_rate": args.cut_rate,
                "state": report.state, "runs": outcome["runs"],
                "time_to_usable_s": round(usable, 1), "usable_flag_s": round((usable_at or 0) - start, 1),
                "fixed_start_s": round(fixed, 1), "rows_at_usable": marks.get("rows_at_usable"),
                "time_to_complete_s": round(complete, 1), "link_minimum_s": round(minimum, 1),
                "ratio": round(ratio, 3), "wire_up": proxy.stats.bytes_up, "wire_down": proxy.stats.bytes_down,
                "bytes_vs_reference": round((proxy.stats.bytes_up + proxy.stats.bytes_down) / must, 3),
                "requests": proxy.stats.requests, "cuts": dict(proxy.stats.faults),
                "residents_on_spare": rows_spare, "intake_reached_county": arrived and at_county,
            }
            print(f"replacement desk over {args.rate:.0f} B/s, {low:g}–{high:g} s round trips, cuts {slow['cuts']}: "
                  f"usable (intake saved for a returning resident with an open case) after {usable:.1f} s "
                  f"({fixed:.1f} s of it before the snapshot: meta, catalog, calendar, accounts); complete after "
                  f"{complete:.1f} s = {ratio:.2f}× the link minimum ({minimum:.0f} s); "
                  f"{slow['bytes_vs_reference']}× the reference bytes; residents {rows_spare}/{residents}; "
                  f"the intake reached the county: {slow['intake_reached_county']}")
            if "snapshot_end" in marks:
                snapshot_s = marks["snapshot_end"] - marks["snapshot_start"]
                snapshot_bytes = marks["down_at_snapshot_end"] - marks["down_at_snapshot"] \
                    + marks["up_at_snapshot_end"] - marks["up_at_snapshot"]
                slow.update({
                    "snapshot_s": round(snapshot_s, 1), "snapshot_bytes": int(snapshot_bytes),
                    "snapshot_requests": int(marks["requests_at_snapshot_end"] - marks["requests_at_snapshot"]) - 1,
                    "snapshot_link_minimum_s": round(snapshot_bytes / args.rate, 1),
                    "snapshot_ratio": round(snapshot_s / (snapshot_bytes / args.rate), 3),
                    "outside_snapshot_s": round(complete - snapshot_s, 1),
                })
                print(f"the snapshot alone: {snapshot_s:.1f} s for {snapshot_bytes:,.0f} bytes in "
                      f"{slow['snapshot_requests']} requests = {slow['snapshot_ratio']:.2f}× its own link minimum; "
                      f"{complete - snapshot_s:.1f} s of the run were outside it (meta, accounts, catalog, calendar "
                      "before; the streams' pulls after)")
            result["reference"] = {"bytes": must, "rows": rows_ref, "requests": requests}
            result["measured"] = slow
            # Extrapolated to a whole 5-year center, labelled as such.
            scale = args.scale
            # The priority tier's bytes grow with the center; its round trips with its pages.
            tier0_bytes = marks.get("down_at_usable", 0) - marks.get("down_at_snapshot", 0)
            tier0_pages_full = marks.get("tier0_rows", 0) / scale / args.page
            intake_after_flag = (intake_at - usable_at) if intake_at and usable_at else 0.0
            full_usable = fixed + tier0_bytes / scale / args.rate + tier0_pages_full * (low + high) / 2 \
                + intake_after_flag
            slow["tier0_bytes_down"] = tier0_bytes
            slow["tier0_rows"] = marks.get("tier0_rows")
            full_min = minimum / scale
            result["extrapolated_full_scale"] = {
                "method": "usable = measured fixed start + measured priority-tier bytes / scale / rate + its "
                          "pages at scale 1 × the mean round trip + the measured intake time; "
                          "complete = measured ratio × link minimum / scale",
                "time_to_usable_s": round(full_usable), "target_usable_s": 600,
                "usable_within_target": full_usable <= 600,
                "link_minimum_s": round(full_min), "time_to_complete_s": round(ratio * full_min),
                "target_ratio": 1.3, "complete_within_target": ratio <= 1.3,
            }
            if "snapshot_ratio" in slow:
                by_phase = slow["outside_snapshot_s"] + slow["snapshot_ratio"] * full_min
                result["extrapolated_full_scale"].update({
                    "method_by_phase": "complete = measured time outside the snapshot (its fixed round trips) + "
                                       "the snapshot's own measured ratio × link minimum / scale",
                    "time_to_complete_by_phase_s": round(by_phase), "ratio_by_phase": round(by_phase / full_min, 3),
                    "complete_within_target_by_phase": by_phase <= 1.3 * full_min,
                })
            print(f"extrapolated to scale 1.0 (125,000 cases, 50,000 residents): usable after about "
                  f"{full_usable / 60:.1f} min (target 10 min); complete after about {ratio * full_min / 3600:.1f} h "
                  f"against a link minimum of {full_min / 3600:.1f} h ({ratio:.2f}×, target 1.3×)")
            if "snapshot_ratio" in slow:
                by_phase = result["extrapolated_full_scale"]["time_to_complete_by_phase_s"]
                print(f"  by phase (the fixed round trips once, the snapshot at its own ratio): complete after about "
                      f"{by_phase / 3600:.1f} h = {by_phase / full_min:.2f}× the link minimum")
            old_engine.dispose()
    print(json.dumps(result, ensure_ascii=False))


def _head_actor(session: Any) -> Actor:
    from app.models import Staff
    from app.services.staff import actor_for

    staff = session.scalar(select(Staff).where(Staff.username == "zhuren3"))
    return actor_for(session, staff)


def _item(session: Any, code: str) -> tuple[uuid.UUID, tuple[MaterialReceipt, ...]]:
    from app.models import CatalogItem, CatalogVersion

    item = session.scalar(select(CatalogItem).join(CatalogVersion).where(
        CatalogItem.code == code, CatalogVersion.is_current.is_(True)))
    return item.id, tuple(MaterialReceipt(m.id, m.count) for m in item.materials)


if __name__ == "__main__":
    main()
