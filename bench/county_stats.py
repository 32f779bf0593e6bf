"""台账统计 speed at the county: 300 centers, one year of records on PostgreSQL.

The county is generated in SQL (generate_series, one INSERT … SELECT per
table) into a private PostgreSQL (the pgserver wheel, kept in the temp folder
between runs, so a re-run only measures): 300 centers in 20 towns, about
3 million cases of 2025 (35% done on the spot, 50% committed and completed,
open, forwarded, refused and awaiting supplements), window ratings for 30% of
the completed cases with follow-ups for the bad ones, first inquiries (5%),
appointments (2%) and complaints (0.3%) in proportion.

Measured (median of a few runs), each against a baseline in the same run:
- the county's year of statistics for every center, town and the county
  (county_server.services.county_stats.overview, what /admin/stats runs),
  against one plain GROUP BY count of the year's cases per center; target 2 s;
- the same for one month;
- the year again right after one center's desk pushed (its rollup rebuilt
  first), and once with every rollup rebuilt from the cases (what a catalog or
  calendar publication costs once);
- one center's year by worker (the drill-down page).

    python bench/county_stats.py [--centers N] [--cases N] [--rebuild]

The last line printed is JSON.
"""
from __future__ import annotations

import argparse
import json
import statistics as stats_module
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

ZONE = ZoneInfo("Asia/Shanghai")
YEAR_START, YEAR_END = date(2025, 1, 1), date(2025, 12, 31)
TODAY = date(2026, 1, 10)
TARGET_S = 2.0
ITEMS = (("OS", "养老认证", "MZ", "on_the_spot"), ("CM", "高龄津贴申报", "MZ", "committed"),
         ("CN", "居住证办理", "GA", "committed"), ("FW", "最低生活保障申请", "MZ", "forwarded"))


def server_url(folder: Path) -> str:
    import pgserver

    server = pgserver.get_server(folder, cleanup_mode="stop")
    return str(server.get_uri()).replace("postgresql://", "postgresql+psycopg://", 1)


def database(admin_url: str, name: str, *, rebuild: bool) -> tuple[str, bool]:
    """The bench database's URL, and whether it must be (re)generated."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(admin_url)
    plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and rebuild:
            connection.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False), not exists


def generate(engine: Engine, *, centers: int, cases: int) -> None:
    started = time.perf_counter()
    items = {code: str(uuid.uuid4()) for code, *_ in ITEMS}
    rows = {"departments": [{"id": str(uuid.uuid4()), "code": "MZ", "name": "民政"},
                            {"id": str(uuid.uuid4()), "code": "GA", "name": "公安"}],
            "items": [{"id": items[code], "code": code, "name": name, "department_code": dept, "handling_mode": mode}
                      for code, name, dept, mode in ITEMS]}
    with engine.begin() as c:
        c.execute(text("""INSERT INTO catalog_versions (id, version, region, is_sample, checksum, item_count, document,
                          rows, source, published_at, published_by)
                          VALUES (gen_random_uuid(), 'bench', '', false, repeat('0', 64), 4, '{}', :rows, '', now(), '')"""),
                  {"rows": json.dumps(rows, ensure_ascii=False)})
        c.execute(text("""INSERT INTO centers (id, code, name, county, district, town, address, phone, supervision_phone,
                          rating_revisit_days, rating_rectify_days, version, created_at, updated_at)
                          SELECT gen_random_uuid(), 'C' || lpad(k::text, 4, '0'), '第' || k || '村党群服务中心', '示例县', '',
                                 '第' || (k % 20 + 1) || '镇', '', '', '', 1, 15, 1, now(), now()
                          FROM generate_series(1, :n) k"""), {"n": centers})
        c.execute(text("""INSERT INTO devices (id, center_id, device_number, name, window_no, version, created_at)
                          SELECT gen_random_uuid(), id, 1, '', '1', 1, now() FROM centers"""))
        c.execute(text("""INSERT INTO staff (id, center_id, username, display_name, role, password_hash, phone, active,
                          must_change_password, origin, requested_role, version, created_at, updated_at)
                          SELECT gen_random_uuid(), c.id, 'w' || w, c.code || '工作人员' || w, 'window', 'x', '', true,
                                 false, 'county', '', 1, now(), now()
                          FROM centers c CROSS JOIN generate_series(0, 2) w"""))
        c.execute(text("""INSERT INTO residents (id, center_id, doc_type, id_number, name, data, version, updated_at)
                          SELECT gen_random_uuid(), id, 'resident_id', '4499' || lpad(code, 14, '0'), '张三', '{}', 1,
                                 now() FROM centers"""))
        c.execute(text("""CREATE TABLE bench_centers AS
                          SELECT row_number() OVER (ORDER BY c.code) - 1 AS k, c.id, d.id AS device_id,
                                 r.id AS resident_id,
                                 (SELECT array_agg(s.id::text ORDER BY s.username) FROM staff s
                                  WHERE s.center_id = c.id) AS staff
                          FROM centers c JOIN devices d ON d.center_id = c.id
                          JOIN residents r ON r.center_id = c.id"""))
        c.execute(text("SELECT setseed(0.2025)"))
        c.execute(text("""
            INSERT INTO cases (id, center_id, device_id, case_number, verification_code, resident_id, item_id,
                               item_code, item_name, catalog_version, status, result, received_at, accepted_on,
                               committed_due, forwarded_to, completed_at, event_count, data, version, updated_at)
            SELECT gen_random_uuid(), c.id, c.device_id, 'B' || lpad(b.g::text, 9, '0'), 'ABC123', c.resident_id,
                   CASE s.shape WHEN 'spot' THEN CAST(:os AS uuid) WHEN 'fw' THEN CAST(:fw AS uuid)
                        ELSE CASE WHEN b.r2 < 0.5 THEN CAST(:cm AS uuid) ELSE CAST(:cn AS uuid) END END,
                   CASE s.shape WHEN 'spot' THEN 'OS' WHEN 'fw' THEN 'FW' ELSE CASE WHEN b.r2 < 0.5 THEN 'CM' ELSE 'CN' END END,
                   '', 'bench',
                   CASE s.shape WHEN 'spot' THEN 'completed' WHEN 'done' THEN
                        CASE WHEN b.r2 < 0.2 THEN 'delivered' ELSE 'completed' END
                        WHEN 'open' THEN 'in_progress' WHEN 'fw' THEN 'forwarded' WHEN 'rejected' THEN 'rejected'
                        ELSE 'needs_supplement' END,
                   CASE WHEN s.shape IN ('spot', 'done') THEN 'approved' END,
                   b.received,
                   CASE WHEN s.shape NOT IN ('rejected', 'supplement') THEN (b.received AT TIME ZONE 'Asia/Shanghai')::date END,
                   CASE WHEN s.shape IN ('done', 'open', 'fw') THEN (b.received AT TIME ZONE 'Asia/Shanghai')::date + 10 END,
                   CASE WHEN s.shape = 'fw' THEN '县民政局' ELSE '' END,
                   CASE s.shape WHEN 'spot' THEN b.received + interval '10 minutes'
                        WHEN 'done' THEN b.received + floor(b.r2 * 15) * interval '1 day' + interval '2 hours' END,
                   1,
                   jsonb_build_object('outcome', CASE s.shape WHEN 'spot' THEN 'done_on_the_spot'
                        WHEN 'fw' THEN 'forward_at_intake' WHEN 'rejected' THEN 'reject'
                        WHEN 'supplement' THEN 'request_supplement' ELSE 'accept' END,
                        'handled_by', c.staff[b.w + 1]),
                   1, now()
            FROM (SELECT g, g % :centers AS k, random() AS r, random() AS r2, floor(random() * 3)::int AS w,
                         TIMESTAMPTZ '2025-01-01 08:00:00+08' + floor(random() * 365) * interval '1 day'
                           + floor(random() * 540) * interval '1 minute' AS received
                  FROM generate_series(1, :n) g) b
            JOIN bench_centers c ON c.k = b.k
            CROSS JOIN LATERAL (SELECT CASE WHEN b.r < 0.35 THEN 'spot' WHEN b.r < 0.85 THEN 'done'
                                            WHEN b.r < 0.92 THEN 'open' WHEN b.r < 0.95 THEN 'fw'
                                            WHEN b.r < 0.975 THEN 'rejected' ELSE 'supplement' END AS shape) s
        """), {"n": cases, "centers": centers, "os": items["OS"], "cm": items["CM"], "cn": items["CN"],
               "fw": items["FW"]})
        print(f"  cases: {time.perf_counter() - started:.0f} s", flush=True)
        c.execute(text("""
            INSERT INTO ratings (id, center_id, case_id, level, rated_at, channel, round, data, version, updated_at)
            SELECT gen_random_uuid(), center_id, id, lvl, completed_at + interval '30 minutes', 'window', 1,
                   jsonb_build_object('item_code', item_code, 'item_name', item_name, 'case_number', case_number,
                                      'staff_id', data->>'handled_by', 'reasons', '[]'::jsonb, 'comment', ''),
                   1, now()
            FROM (SELECT *, CASE WHEN random() < 0.6 THEN 5 WHEN random() < 0.6 THEN 4 WHEN random() < 0.6 THEN 3
                                 WHEN random() < 0.5 THEN 2 ELSE 1 END AS lvl
                  FROM cases WHERE completed_at IS NOT NULL AND random() < 0.3) picked"""))
        c.execute(text("""
            INSERT INTO rating_follow_ups (id, center_id, rating_id, revisit_due, rectify_due, closed_at,
                                           appeal_decision, data, version, updated_at)
            SELECT gen_random_uuid(), center_id, id, (rated_at AT TIME ZONE 'Asia/Shanghai')::date + 1,
                   (rated_at AT TIME ZONE 'Asia/Shanghai')::date + 21,
                   CASE WHEN random() < 0.8 THEN rated_at + floor(random() * 30) * interval '1 day' END,
                   CASE WHEN random() < 0.05 THEN 'voided' END, '{}', 1, now()
            FROM ratings WHERE level <= 2"""))
        print(f"  ratings: {time.perf_counter() - started:.0f} s", flush=True)
        c.execute(text("""
            INSERT INTO center_records (id, entity, center_id, data, version, updated_at)
            SELECT gen_random_uuid(), 'inquiry', center_id, jsonb_build_object(
                       'asked_at', to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'),
                       'item_id', item_id::text, 'owner_id', data->>'handled_by',
                       'outcome', (ARRAY['answered', 'referred', 'converted', 'open'])[1 + floor(random() * 4)::int]),
                   1, now()
            FROM cases WHERE random() < 0.05"""))
        c.execute(text("""
            INSERT INTO center_records (id, entity, center_id, data, version, updated_at)
            SELECT gen_random_uuid(), 'appointment', center_id, jsonb_build_object(
                       'scheduled_at', to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'),
                       'item_id', item_id::text, 'staff_id', data->>'handled_by',
                       'status', (ARRAY['done', 'checked_in', 'no_show', 'cancelled'])[1 + floor(random() * 4)::int]),
                   1, now()
            FROM cases WHERE random() < 0.02"""))
        c.execute(text("""
            INSERT INTO complaints (id, center_id, complaint_number, query_code, status, received_at, answer_due,
                                    answered_at, county_answer, county_officer, data, version, updated_at)
            SELECT gen_random_uuid(), center_id, 'TS-' || case_number, 'QC1234',
                   CASE WHEN random() < 0.8 THEN 'answered' ELSE 'registered' END, received_at,
                   (received_at AT TIME ZONE 'Asia/Shanghai')::date + 5,
                   CASE WHEN random() < 0.8 THEN received_at + floor(random() * 8) * interval '1 day' END, '', '',
                   jsonb_build_object('handler_id', data->>'handled_by', 'received_by', data->>'handled_by',
                                      'title', '等候时间长', 'content', '排队久。', 'source', 'window'),
                   1, now()
            FROM cases WHERE random() < 0.003"""))
        c.execute(text("DROP TABLE bench_centers"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE"))
    print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)


def timed(run: Callable[[], object], *, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return stats_module.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--centers", type=int, default=300)
    parser.add_argument("--cases", type=int, default=3_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    from county_server.db import create_db_engine, migrate
    from county_server.services import county_stats
    from county_server.settings import Settings

    folder = Path(tempfile.gettempdir()) / "onewindow-bench-county-pg"
    url, fresh = database(server_url(folder), f"county_{args.centers}_{args.cases}", rebuild=args.rebuild)
    engine = create_db_engine(Settings(database_url=url))
    migrate(engine)  # a cached county gets the newest schema (the rollups) too
    if fresh:
        print(f"generating {args.centers} centers, {args.cases:,} cases (cached in {folder}) …", flush=True)
        generate(engine, centers=args.centers, cases=args.cases)
    factory = sessionmaker(engine)
    with factory() as session:
        counts = {table: session.scalar(text(f"SELECT count(*) FROM {table}"))
                  for table in ("centers", "cases", "ratings", "complaints", "center_records")}
    print("data:", ", ".join(f"{k} {v:,}" for k, v in counts.items()))

    def plain_count() -> object:
        with factory() as session:
            return session.execute(text("""SELECT center_id, count(*) FROM cases
                                           WHERE received_at >= :lo AND received_at < :hi GROUP BY center_id"""),
                                   dict(zip(("lo", "hi"), county_stats.period_bounds(YEAR_START, YEAR_END, ZONE),
                                            strict=True))).all()

    def year(session_factory: sessionmaker[Session] = factory) -> county_stats.Overview:
        with session_factory() as session:
            return county_stats.overview(session, start=YEAR_START, end=YEAR_END, today=TODAY, zone=ZONE)

    def month() -> county_stats.Overview:
        with factory() as session:
            return county_stats.overview(session, start=date(2025, 6, 1), end=date(2025, 6, 30), today=TODAY,
                                         zone=ZONE)

    def rebuild_all() -> object:
        with factory.begin() as session:
            session.execute(text("DELETE FROM stats_rollup_state"))
            return county_stats.overview(session, start=YEAR_START, end=YEAR_END, today=TODAY, zone=ZONE)

    def after_one_push() -> object:
        """A desk of one center pushed: its change-log head moves, its rollup is rebuilt, then summed."""
        with factory.begin() as session:
            center = session.scalar(text("SELECT id FROM centers ORDER BY code LIMIT 1"))
            session.execute(text("""INSERT INTO stream_heads (scope, stream, last_seq) VALUES (:s, 'records', 1)
                                    ON CONFLICT (scope, stream) DO UPDATE SET last_seq = stream_heads.last_seq + 1"""),
                            {"s": str(center)})
            return county_stats.overview(session, start=YEAR_START, end=YEAR_END, today=TODAY, zone=ZONE)

    baseline_s, _ = timed(plain_count, repeat=args.repeat)
    rebuild_s, _ = timed(rebuild_all, repeat=1)
    pushed_s, _ = timed(after_one_push, repeat=args.repeat)
    year_s, seen = timed(year, repeat=args.repeat)
    month_s, _ = timed(month, repeat=args.repeat)
    assert isinstance(seen, county_stats.Overview)
    first = seen.centers[0].center_id

    def drill() -> object:
        from app.services.statistics import Group

        with factory() as session:
            return county_stats.center_statistics(session, first, start=YEAR_START, end=YEAR_END, today=TODAY,
                                                  zone=ZONE, group=Group.WORKER)

    drill_s, _ = timed(drill, repeat=args.repeat)
    total = seen.total
    print(f"year's statistics, {len(seen.centers)} centers + {len(seen.towns)} towns: {year_s * 1000:.0f} ms "
          f"(target {TARGET_S * 1000:.0f} ms; baseline plain GROUP BY count {baseline_s * 1000:.0f} ms, "
          f"×{year_s / baseline_s:.1f})")
    print(f"a month's statistics: {month_s * 1000:.0f} ms; one center's year by worker: {drill_s * 1000:.0f} ms")
    print(f"after one center's push (its rollup rebuilt, then the year summed): {pushed_s * 1000:.0f} ms; "
          f"every rollup rebuilt from the cases (after a catalog or calendar change): {rebuild_s * 1000:.0f} ms")
    print(f"county 2025: 受理量 {total.shown('accepted')}, 办结量 {total.shown('completed')}, "
          f"按期办结率 {total.shown('on_time_rate')}, 满意率 {total.shown('satisfaction')}, "
          f"参评率 {total.shown('participation')}")
    print(json.dumps({
        "bench": "county_stats", "centers": args.centers, "cases": counts["cases"], "ratings": counts["ratings"],
        "complaints": counts["complaints"], "center_records": counts["center_records"],
        "year_ms": round(year_s * 1000), "month_ms": round(month_s * 1000), "drill_down_ms": round(drill_s * 1000),
        "after_one_push_ms": round(pushed_s * 1000), "rebuild_all_ms": round(rebuild_s * 1000),
        "baseline_count_ms": round(baseline_s * 1000), "target_ms": round(TARGET_S * 1000),
        "met": year_s <= TARGET_S,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
