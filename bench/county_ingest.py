"""County ingest: many desks pushing at once to the county server on PostgreSQL.

    .venv/bin/python bench/county_ingest.py [--devices 300] [--batches 2] [--visits 33] [--workers 2]

PostgreSQL is started the way the county tests start it (the Debian cluster,
else the pgserver wheel), in a fresh database dropped afterwards. The server
runs as its own process (``python -m county_server serve``) on loopback.
Each simulated desk enrolls, then every desk pushes its batches at the same
moment (gzip, one visit = resident + case + intake event = 3 operations).
Afterwards each desk resends its last batch, as after a lost reply: every op
must come back as a duplicate. Prints human lines, then one JSON line last.
"""
from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx

from app.ids import uuid7
from county_server.db import create_db_engine, make_session_factory, migrate
from county_server.services import admin
from county_server.settings import Settings
from tests.county import pg
from tests.sync.live import CountyProcess

DEVICES_PER_CENTER = 3


def visit_ops(center_code: str, device: dict, number: int, day: datetime) -> list[dict]:
    resident_id, case_id = str(uuid7()), str(uuid7())
    staff = device["staff_id"]
    at = (day + timedelta(minutes=number)).isoformat()

    def op(entity: str, entity_id: str, kind: str, payload: dict) -> dict:
        return {"op_id": str(uuid7()), "entity": entity, "entity_id": entity_id, "kind": kind,
                "base_version": None, "device_time": at, "payload": payload}

    return [
        op("resident", resident_id, "upsert", {
            "doc_type": "resident_id", "id_number": f"4499{uuid.uuid4().int % 10**14:014d}", "name": "测试居民",
            "phone": "13800138000", "address": "示范村", "tags": []}),
        op("case", case_id, "upsert", {
            "case_number": f"{center_code}-{device['device_number']:02d}-{day:%Y%m%d}-{number:04d}",
            "verification_code": "7KQ3MX", "device_id": device["device_id"], "resident_id": resident_id,
            "item_id": str(uuid7()), "item_code": "MZ-001", "item_name": "最低生活保障申请",
            "catalog_version": "bench", "status": "accepted", "outcome": "accept", "received_at": at,
            "handled_by": staff, "committed_due": "2026-12-31",
            "materials": [{"name": "身份证", "position": 1, "required_count": 1, "received_count": 1}]}),
        op("case_event", str(uuid7()), "append", {
            "case_id": case_id, "kind": "accept", "from_status": None, "to_status": "accepted",
            "staff_id": staff, "occurred_at": at, "note": "", "data": {}}),
    ]


async def push(client: httpx.AsyncClient, token: str, body: bytes) -> tuple[float, dict]:
    started = time.perf_counter()
    for attempt in range(5):
        try:
            response = await client.post("/api/v1/push", content=body, headers={
                "Authorization": f"Bearer {token}", "Content-Encoding": "gzip", "Content-Type": "application/json"})
            response.raise_for_status()
            return time.perf_counter() - started, response.json()["counts"]
        except (httpx.TransportError, httpx.HTTPStatusError):
            if attempt == 4:
                raise
            await asyncio.sleep(0.5 * (attempt + 1))  # resend the same ops: idempotent
    raise AssertionError("unreachable")


async def run_desks(base: str, desks: list[dict], bodies: list[list[bytes]]) -> tuple[float, list[float], dict]:
    limits = httpx.Limits(max_connections=len(desks), max_keepalive_connections=len(desks))
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=httpx.Timeout(300)) as client:
        start = asyncio.Event()
        latencies: list[float] = []
        totals: dict[str, int] = {}

        async def desk_run(desk: dict, batches: list[bytes]) -> None:
            await start.wait()
            for body in batches:
                seconds, counts = await push(client, desk["token"], body)
                latencies.append(seconds)
                for key, value in counts.items():
                    totals[key] = totals.get(key, 0) + value

        tasks = [asyncio.create_task(desk_run(d, b)) for d, b in zip(desks, bodies, strict=True)]
        await asyncio.sleep(0.2)
        began = time.perf_counter()
        start.set()
        await asyncio.gather(*tasks)
        return time.perf_counter() - began, latencies, totals


async def enroll_all(base: str, codes: list[str]) -> list[dict]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        async def one(code: str) -> dict:
            response = await client.post("/api/v1/enroll", json={"code": code})
            response.raise_for_status()
            return response.json()

        return list(await asyncio.gather(*(one(code) for code in codes)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=300)
    parser.add_argument("--batches", type=int, default=2, help="batches per desk")
    parser.add_argument("--visits", type=int, default=33, help="visits per batch (3 operations each)")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    args = parser.parse_args()

    with pg.postgres() as server:
        url = pg.create_database(server.admin_url)
        try:
            engine = create_db_engine(Settings(database_url=url))
            migrate(engine)
            factory = make_session_factory(engine)
            centers = (args.devices + DEVICES_PER_CENTER - 1) // DEVICES_PER_CENTER
            codes: list[tuple[str, str]] = []
            with factory.begin() as session:
                for n in range(centers):
                    center = admin.create_center(session, code=f"B{n:04d}", name=f"测试中心{n}")
                    for _ in range(DEVICES_PER_CENTER):
                        if len(codes) < args.devices:
                            codes.append((center.code, admin.issue_enrollment_code(session, center, hours=1).code))
            engine.dispose()

            county = CountyProcess(
                url, Path(tempfile.mkdtemp(prefix="bench-county-")), args=("--workers", str(args.workers)),
                # One connection budget (PostgreSQL allows 100 by default) shared by the workers.
                env={"COUNTY_DB_POOL_SIZE": str(max(4, 60 // args.workers)),
                     "COUNTY_DB_MAX_OVERFLOW": str(max(2, 20 // args.workers)),
                     "COUNTY_ENROLL_RATE_PER_MINUTE": str(args.devices * 2)},
            )
            base = county.base
            try:
                county.start(timeout=60)

                enrolled = asyncio.run(enroll_all(base, [code for _, code in codes]))
                day = datetime(2026, 11, 20, 1, 0, tzinfo=timezone.utc)
                desks, bodies = [], []
                for (center_code, _), device in zip(codes, enrolled, strict=True):
                    device = device | {"staff_id": str(uuid7())}
                    desks.append(device)
                    batches, number = [], 0
                    for _ in range(args.batches):
                        ops = []
                        for _ in range(args.visits):
                            number += 1
                            ops.extend(visit_ops(center_code, device, number, day))
                        batches.append(gzip.compress(json.dumps({"ops": ops}, ensure_ascii=False).encode()))
                    bodies.append(batches)
                total_ops = args.devices * args.batches * args.visits * 3
                wire = sum(len(b) for batches in bodies for b in batches)

                print(f"county ingest: {args.devices} desks in {centers} centers, {args.batches} batches × "
                      f"{args.visits * 3} ops each, server workers {args.workers}, PostgreSQL via {server.how}")
                elapsed, latencies, totals = asyncio.run(run_desks(base, desks, bodies))
                rate = total_ops / elapsed
                p50 = statistics.median(latencies) * 1000
                p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
                print(f"  pushed {total_ops} ops in {elapsed:.2f} s: {rate:.0f} ops/s "
                      f"(batch latency p50 {p50:.0f} ms, p95 {p95:.0f} ms; {wire / total_ops:.0f} gzip bytes/op)")
                print(f"  results: {totals}")

                replay_elapsed, _lat, replay = asyncio.run(run_desks(base, desks, [[b[-1]] for b in bodies]))
                replay_ops = args.devices * args.visits * 3
                print(f"  resent every desk's last batch (lost replies): {replay} in {replay_elapsed:.2f} s")
                ok = totals.get("applied") == total_ops and replay.get("duplicate") == replay_ops
                print("  every operation applied exactly once" if ok else "  MISMATCH: some operations were not applied once")
            finally:
                county.close()
        finally:
            pg.drop_database(server.admin_url, url)

    print(json.dumps({
        "bench": "county_ingest", "devices": args.devices, "centers": centers, "server_workers": args.workers,
        "operations": total_ops, "seconds": round(elapsed, 3), "ops_per_second": round(rate, 1),
        "batch_p50_ms": round(p50, 1), "batch_p95_ms": round(p95, 1),
        "gzip_bytes_per_op": round(wire / total_ops, 1), "applied": totals.get("applied", 0),
        "rejected": totals.get("rejected", 0), "conflict": totals.get("conflict", 0),
        "replay_duplicates": replay.get("duplicate", 0), "exactly_once": ok, "database": server.how,
    }))
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
