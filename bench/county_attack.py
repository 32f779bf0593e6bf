"""A bounded attack on the county server: does it stay up for everyone else?

    .venv/bin/python bench/county_attack.py [--attackers 4] [--seconds 20] [--sqlite] [--workers 1]

The server runs as its own process (``python -m county_server serve``) on
PostgreSQL (started the way the county tests start it; ``--sqlite`` for the
embedded file). One desk is enrolled. First a quiet phase (the baseline, in
the same run): a prober asks ``/healthz`` every 50 ms while the desk pushes
its batches. Then the same again while ``--attackers`` clients send, as fast
as they can, 16 KB gzip bombs (16 MB of JSON once inflated) and 100,000-deep
JSON to ``/push`` (no token, a wrong token), ``/enroll`` and the county
events route. The rate limits are raised for the run, so the attack is not
simply turned away by address: what is measured is what each refusal costs.

Passes when, under attack, ``/healthz`` p95 < 200 ms, every legitimate push
went through, and the server's memory (all its processes) stays < 250 MB.
Prints human lines, then one JSON line last.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx
import psutil

from bench.county_ingest import visit_ops
from county_server.db import create_db_engine, migrate
from county_server.settings import Settings
from tests.county import pg
from tests.sync.live import CountyProcess

HEALTH_P95_MS = 200.0
RSS_LIMIT_MB = 250.0


def bomb() -> bytes:
    """16 MB of JSON in about 16 KB of gzip."""
    return gzip.compress(b'{"ops": [], "pad": "' + b"0" * (16 * 1024 * 1024) + b'"}', compresslevel=9)


def deep() -> bytes:
    return gzip.compress(b'{"code": "X", "ops": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", compresslevel=9)


def attacks() -> list[tuple[str, str, bytes, dict[str, str]]]:
    gz = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    b, d = bomb(), deep()
    event_path = f"/api/v1/county/cases/{uuid.uuid4()}/events"
    return [
        ("push bomb, no token", "/api/v1/push", b, gz),
        ("push bomb, wrong token", "/api/v1/push", b, gz | {"Authorization": "Bearer owd1_" + "x" * 43}),
        ("push deep, no token", "/api/v1/push", d, gz),
        ("enroll bomb", "/api/v1/enroll", b, gz),
        ("enroll deep", "/api/v1/enroll", d, gz),
        ("county event bomb, no token", event_path, b, gz),
        ("county event bomb, wrong token", event_path, b, gz | {"Authorization": "Bearer owc1_" + "x" * 43}),
    ]


class Phase:
    """One phase's figures: /healthz latencies, pushes, peak memory."""

    def __init__(self) -> None:
        self.health_ms: list[float] = []
        self.health_failed = 0
        self.pushes_ok = 0
        self.pushes_failed = 0
        self.push_ms: list[float] = []
        self.peak_rss_mb = 0.0
        self.attack_requests = 0
        self.attack_statuses: dict[str, int] = {}
        self.stop = threading.Event()

    def p95(self) -> float:
        if len(self.health_ms) < 2:
            return self.health_ms[0] if self.health_ms else float("nan")
        return statistics.quantiles(self.health_ms, n=20)[-1]


def probe(base: str, phase: Phase) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        while not phase.stop.is_set():
            started = time.perf_counter()
            try:
                ok = client.get("/healthz").status_code == 200
            except httpx.TransportError:
                ok = False
            phase.health_ms.append((time.perf_counter() - started) * 1000)
            if not ok:
                phase.health_failed += 1
            phase.stop.wait(0.05)


def watch_memory(pid: int, phase: Phase) -> None:
    root = psutil.Process(pid)
    while not phase.stop.is_set():
        try:
            processes = [root, *root.children(recursive=True)]
            rss = sum(p.memory_info().rss for p in processes) / 1e6
        except psutil.Error:
            rss = 0.0
        phase.peak_rss_mb = max(phase.peak_rss_mb, rss)
        phase.stop.wait(0.1)


def desk_pushes(base: str, desk: dict, bodies: list[bytes], phase: Phase) -> None:
    headers = {"Authorization": f"Bearer {desk['token']}", "Content-Encoding": "gzip",
               "Content-Type": "application/json"}
    with httpx.Client(base_url=base, timeout=60) as client:
        for body in bodies:
            started = time.perf_counter()
            try:
                response = client.post("/api/v1/push", content=body, headers=headers)
                counts = response.json().get("counts", {}) if response.status_code == 200 else {}
                ok = response.status_code == 200 and set(counts) <= {"applied", "duplicate"}
            except httpx.TransportError:
                ok = False
            phase.push_ms.append((time.perf_counter() - started) * 1000)
            if ok:
                phase.pushes_ok += 1
            else:
                phase.pushes_failed += 1
            time.sleep(0.2)


def attacker(base: str, kinds: list[tuple[str, str, bytes, dict[str, str]]], offset: int, phase: Phase,
             lock: threading.Lock) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        index = offset
        while not phase.stop.is_set():
            _name, path, body, headers = kinds[index % len(kinds)]
            index += 1
            try:
                status = str(client.post(path, content=body, headers=headers).status_code)
            except httpx.TransportError:
                status = "error"
            with lock:
                phase.attack_requests += 1
                phase.attack_statuses[status] = phase.attack_statuses.get(status, 0) + 1


def run_phase(base: str, pid: int, desk: dict, bodies: list[bytes], *, attackers: int, seconds: float) -> Phase:
    phase = Phase()
    lock = threading.Lock()
    kinds = attacks()
    threads = [threading.Thread(target=probe, args=(base, phase)),
               threading.Thread(target=watch_memory, args=(pid, phase))]
    threads += [threading.Thread(target=attacker, args=(base, kinds, i, phase, lock)) for i in range(attackers)]
    for thread in threads:
        thread.start()
    pusher = threading.Thread(target=desk_pushes, args=(base, desk, bodies, phase))
    started = time.monotonic()
    pusher.start()
    pusher.join()
    left = seconds - (time.monotonic() - started)
    if left > 0:
        time.sleep(left)
    phase.stop.set()
    for thread in threads:
        thread.join()
    return phase


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--attackers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--batches", type=int, default=20, help="legitimate pushes per phase (30 visits each)")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--sqlite", action="store_true", help="the embedded SQLite file instead of PostgreSQL")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-attack-"))
    with pg.postgres() if not args.sqlite else _no_pg() as server:
        if server is None:
            url, how = f"sqlite:///{folder / 'county.sqlite3'}", "SQLite"
        else:
            url, how = pg.create_database(server.admin_url), f"PostgreSQL via {server.how}"
        engine = create_db_engine(Settings(database_url=url))
        migrate(engine)
        engine.dispose()
        rates = dict.fromkeys(("COUNTY_ENROLL_RATE_PER_MINUTE", "COUNTY_STATUS_RATE_PER_MINUTE",
                               "COUNTY_AUTH_FAILURES_PER_MINUTE", "COUNTY_OFFICER_RATE_PER_MINUTE", "COUNTY_OPEN_RATE_PER_MINUTE"), "100000")
        county = CountyProcess(url, folder, env=rates, args=("--workers", str(args.workers)))
        try:
            county.start()
            assert county.process is not None
            county.make_center("ATK01")
            code = county.issue_code("ATK01")
            enrolled = httpx.post(county.base + "/api/v1/enroll", json={"code": code}, timeout=30).json()
            desk = {"token": enrolled["token"], "device_id": enrolled["device_id"],
                    "device_number": enrolled["device_number"], "staff_id": str(uuid.uuid4())}
            day = datetime(2026, 11, 20, 1, 0, tzinfo=timezone.utc)
            number = 0

            def bodies() -> list[bytes]:
                nonlocal number
                out = []
                for _ in range(args.batches):
                    ops = []
                    for _ in range(30):
                        number += 1
                        ops += visit_ops("ATK01", desk, number, day)
                    out.append(gzip.compress(json.dumps({"protocol": 1, "ops": ops}, ensure_ascii=False).encode()))
                return out

            print(f"county server: {args.workers} worker(s), {how}; {args.attackers} attackers, "
                  f"{args.seconds:.0f} s a phase, {args.batches} pushes of 90 ops each")
            quiet = run_phase(county.base, county.process.pid, desk, bodies(), attackers=0, seconds=args.seconds)
            attacked = run_phase(county.base, county.process.pid, desk, bodies(), attackers=args.attackers,
                                 seconds=args.seconds)
        finally:
            county.close()
            if server is not None:
                pg.drop_database(server.admin_url, url)

    for name, phase in (("quiet", quiet), ("attacked", attacked)):
        print(f"{name:9s} /healthz p95 {phase.p95():7.1f} ms (n={len(phase.health_ms)}, failed {phase.health_failed}); "
              f"pushes ok {phase.pushes_ok}/{phase.pushes_ok + phase.pushes_failed}, median "
              f"{statistics.median(phase.push_ms):.0f} ms; server memory peak {phase.peak_rss_mb:.0f} MB")
    print(f"attack requests: {attacked.attack_requests} ({attacked.attack_requests / args.seconds:.0f}/s), "
          f"answers {dict(sorted(attacked.attack_statuses.items()))}")
    passed = (attacked.p95() < HEALTH_P95_MS and attacked.pushes_failed == 0 and attacked.health_failed == 0
              and attacked.peak_rss_mb < RSS_LIMIT_MB)
    print("PASS" if passed else "FAIL",
          f"(healthz p95 < {HEALTH_P95_MS:.0f} ms, every push through, memory < {RSS_LIMIT_MB:.0f} MB)")
    print(json.dumps({
        "bench": "county_attack", "server_workers": args.workers, "database": "sqlite" if args.sqlite else "postgresql",
        "attackers": args.attackers, "seconds": args.seconds,
        "baseline_healthz_p95_ms": round(quiet.p95(), 1), "attack_healthz_p95_ms": round(attacked.p95(), 1),
        "attack_healthz_failed": attacked.health_failed,
        "baseline_pushes_ok": quiet.pushes_ok, "attack_pushes_ok": attacked.pushes_ok,
        "attack_pushes_failed": attacked.pushes_failed,
        "baseline_push_median_ms": round(statistics.median(quiet.push_ms)),
        "attack_push_median_ms": round(statistics.median(attacked.push_ms)),
        "baseline_peak_rss_mb": round(quiet.peak_rss_mb), "attack_peak_rss_mb": round(attacked.peak_rss_mb),
        "attack_requests": attacked.attack_requests, "attack_answers": attacked.attack_statuses, "passed": passed,
    }))
    sys.exit(0 if passed else 1)


class _no_pg:  # noqa: N801 - used like the pg.postgres() context manager
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


if __name__ == "__main__":
    main()
