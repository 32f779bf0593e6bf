"""One-box lookup speed on a large center: 300,000 residents, 1,000,000 cases.

The database is built with the real migrations, then filled with bulk
inserts whose derived keys (pinyin initials and full pinyin, name pieces,
phone last 4) come from the same functions the services use. Names follow a
surname frequency table (special-reading surnames included), ID numbers are
checksum-valid in fictional 4499xx regions, case numbers have the real
format. The filled database is cached in the temp folder, keyed by the
migrations and this generator, so a re-run only measures.

Each lookup kind is timed over random queries after a warm-up pass, in one
session as a worker thread would hold it. Target: p95 <= 50 ms per kind.
The last line printed is JSON.

    python bench/search.py [--residents N] [--cases N] [--queries N] [--rebuild] [--encrypted] [--cold]

With ``--encrypted`` the same lookups also run on an encrypted copy of the
database (SQLCipher, as the desk keeps it), in the same run, after the
plain one; the start-up integrity check (PRAGMA quick_check) is timed on
both. The JSON then carries both sets and the ratios.

With ``--cold`` each query is also timed on a cold file: the database is
dropped from the OS file cache (posix_fadvise DONTNEED) and SQLite's page
cache emptied before every single query, as on a desk PC just after boot;
then once more after a single drop followed by the desk's start-up warm-up
of the lookup indexes (what the window runs in the background once shown),
with the warm-up's time. Cold and warm figures are reported separately.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.db import DB_FILENAME, MIGRATIONS_DIR, encrypt_database, open_database
from app.ids import uuid7
from app.models import Case, Device, Resident, ResidentNameGram
from app.models import case as case_model
from app.models.vocabulary import CaseResult, CaseStatus, IntakeOutcome
from app.services.catalog_import import SAMPLE_CATALOG, import_catalog, load_catalog_file
from app.services.identity import RESIDENT_ID, fictional_id_number
from app.services.pinyin import search_keys
from app.services.search import lookup, name_grams
from app.services.setup import CenterSetup, set_up_center
from app.services.status_link import status_url

GENERATOR_VERSION = 1  # bump when the generated data changes
TARGET_MS = 50.0
SEED = 20261122
BATCH = 20_000
CENTER = CenterSetup(
    center_name="压力测试村党群服务中心", center_code="BENCH01", county="示例县", town="示例镇",
    head_username="zhuren", head_display_name="王建国", head_password="bench2026",
)
DEVICES = 4
FIRST_DAY = date(2020, 1, 2)
LAST_DAY = date(2026, 11, 20)
STATUS_BASE = "https://zwfw.example.gov.cn/yct"

# Surname shares (per mille, roughly the national ranking), with the
# special-reading surnames the pinyin keys must get right.
SURNAMES: dict[str, float] = {
    "王": 71, "李": 70, "张": 67, "刘": 54, "陈": 46, "杨": 31, "黄": 24, "赵": 22, "吴": 20, "周": 19,
    "徐": 15, "孙": 14, "马": 13, "朱": 12, "胡": 12, "郭": 11, "何": 11, "林": 10, "高": 10, "罗": 9,
    "郑": 8, "梁": 8, "谢": 7, "宋": 6, "唐": 6, "许": 6, "韩": 5, "冯": 5, "邓": 5, "曹": 5,
    "彭": 5, "曾": 5, "肖": 5, "田": 4, "董": 4, "袁": 4, "潘": 4, "于": 4, "蒋": 4, "蔡": 4,
    "余": 4, "杜": 4, "叶": 4, "程": 4, "苏": 3, "魏": 3, "吕": 3, "丁": 3, "任": 3, "沈": 3,
    "姚": 3, "卢": 3, "姜": 3, "崔": 3, "钟": 3, "谭": 3, "陆": 3, "汪": 3, "范": 3, "金": 3,
    "石": 3, "廖": 3, "贾": 3, "夏": 2, "韦": 2, "付": 2, "方": 2, "白": 2, "邹": 2, "孟": 2,
    "熊": 2, "秦": 2, "邱": 2, "江": 2, "尹": 2, "薛": 2, "闫": 2, "段": 2, "雷": 2, "侯": 2,
    "龙": 2, "史": 2, "陶": 2, "黎": 2, "贺": 2, "顾": 2, "毛": 2, "郝": 2, "龚": 2, "邵": 2,
    "万": 2, "钱": 2, "严": 2, "覃": 1, "单": 0.5, "解": 0.5, "区": 0.3, "仇": 0.5, "朴": 0.5,
    "查": 0.5, "盖": 0.3, "乐": 0.3, "缪": 0.3, "翟": 0.5, "欧阳": 0.3, "司马": 0.1, "诸葛": 0.05,
    "上官": 0.1,
}
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌飞鹏辉俊宇浩然欣怡子涵梓轩"
    "雨桐嘉思远晓东海燕春梅秋菊冬生德福贵荣丹凤琴云莲珍兵亮新利清林彬富顺宏成波立永健世金胜"
    "海峰光天达安岩中茂进有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆民友裕河哲江"
)
GROUPS = tuple(f"第{n}村民小组" for n in "一二三四五六七八九十") + ("东片网格", "西片网格", "南片网格")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


# -- generation ----------------------------------------------------------------


def cache_dir(residents: int, cases: int) -> Path:
    """A temp folder named after the schema, this generator and the sizes."""
    digest = hashlib.sha256()
    for path in sorted(MIGRATIONS_DIR.glob("versions/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    source = Path(__file__).read_text(encoding="utf-8")
    digest.update(source.split("# -- measuring", 1)[0].encode())  # the generator only: measuring may change
    digest.update(f"{GENERATOR_VERSION}-{residents}-{cases}-{SEED}".encode())
    return Path(tempfile.gettempdir()) / f"onewindow-bench-search-{digest.hexdigest()[:12]}"


def random_name(rng: random.Random, surnames: list[str], weights: list[float]) -> str:
    surname = rng.choices(surnames, weights)[0]
    return surname + "".join(rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.3 else 2))


def random_phone(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"


def chunks(rows: list[dict], size: int = BATCH) -> Iterator[list[dict]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def generate(data_dir: Path, *, residents: int, cases: int, say: Callable[[str], None]) -> None:
    rng = random.Random(SEED)
    database = open_database(data_dir)  # the real migrations
    try:
        with database.session_factory.begin() as session:
            head = set_up_center(session, CENTER)
            version = import_catalog(session, load_catalog_file(SAMPLE_CATALOG), actor=head)
            items = [(item.id, item.committed_days) for item in version.items]
            for number in range(2, DEVICES + 1):
                session.add(Device(center_id=head.center_id, device_number=number, window_no=str(number),
                                   name=f"窗口{number}"))
            session.flush()
            devices = [(d.id, d.device_number) for d in session.scalars(select(Device).order_by(Device.device_number))]
            catalog_version = version.version

        with database.engine.begin() as connection:
            # Bulk load only: the product's own connections keep FULL sync.
            connection.exec_driver_sql("PRAGMA synchronous=OFF")
            connection.exec_driver_sql("PRAGMA cache_size=-1000000")
            say(f"residents: generating {residents:,}…")
            resident_rows, gram_rows = resident_data(rng, residents, head.center_id, head.staff_id)
            for batch in chunks(resident_rows):
                connection.execute(insert(Resident), batch)
            for batch in chunks(gram_rows):
                connection.execute(insert(ResidentNameGram), batch)
            say(f"residents: {len(resident_rows):,} rows, {len(gram_rows):,} name pieces")
            resident_ids = [row["id"] for row in resident_rows]
            del resident_rows, gram_rows
            say(f"cases: generating {cases:,}…")
            done = 0
            for batch in case_data(rng, cases, head.center_id, head.staff_id, devices, items, catalog_version,
                                   resident_ids):
                connection.execute(insert(Case), batch)
                done += len(batch)
                if done % 200_000 < BATCH:
                    say(f"cases: {done:,}")
        with database.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        database.dispose()


def resident_data(
    rng: random.Random, count: int, center_id: uuid.UUID, staff_id: uuid.UUID
) -> tuple[list[dict], list[dict]]:
    surnames, weights = list(SURNAMES), list(SURNAMES.values())
    regions = [f"4499{n:02d}" for n in range(1, 100)]
    now = datetime.now(timezone.utc)
    numbers: set[str] = set()
    rows, grams = [], []
    while len(rows) < count:
        gender = rng.choice(("男", "女"))
        birth = date(rng.randint(1930, 2008), rng.randint(1, 12), rng.randint(1, 28))
        number = fictional_id_number(region_code=rng.choice(regions), birth_date=birth,
                                     sequence=rng.randint(0, 99), gender=gender)
        if number in numbers:
            continue
        numbers.add(number)
        name = random_name(rng, surnames, weights)
        initials, full = search_keys(name)  # the keys register_resident stores
        phone = random_phone(rng) if rng.random() < 0.9 else ""
        resident_id = uuid7()
        rows.append({
            "id": resident_id, "center_id": center_id, "doc_type": RESIDENT_ID, "id_number": number,
            "name": name, "name_initials": initials, "name_pinyin": full, "gender": gender, "birth_date": birth,
            "phone": phone, "phone_last4": phone[-4:] if phone else "",
            "address": f"示例村{rng.choice(GROUPS)}{rng.randint(1, 300)}号", "village_group": rng.choice(GROUPS),
            "tags": [], "created_by": staff_id, "updated_by": staff_id, "created_at": now, "updated_at": now,
        })
        grams.extend({"gram": g, "name": name, "resident_id": resident_id} for g in sorted(name_grams(name)))
    return rows, grams


def case_data(
    rng: random.Random,
    count: int,
    center_id: uuid.UUID,
    staff_id: uuid.UUID,
    devices: list[tuple[uuid.UUID, int]],
    items: list[tuple[uuid.UUID, int]],
    catalog_version: str,
    resident_ids: list[uuid.UUID],
) -> Iterator[list[dict]]:
    """Cases in number order: device by device, day by day, sequence within the day."""
    days = [FIRST_DAY + timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    days = [d for d in days if d.weekday() < 5]
    per_device = count // len(devices)
    recent = LAST_DAY - timedelta(days=60)
    batch: list[dict] = []
    made = 0
    for position, (device_id, device_number) in enumerate(devices):
        quota = per_device if position < len(devices) - 1 else count - made
        per_day = [0] * len(days)
        for _ in range(quota):
            per_day[rng.randrange(len(days))] += 1
        for day, n in zip(days, per_day):
            for seq in range(1, n + 1):
                received = datetime.combine(day, dtime(8, 30)).replace(tzinfo=timezone(timedelta(hours=8)))
                received += timedelta(minutes=rng.randint(0, 480))
                item_id, committed_days = rng.choice(items)
                status = _status(rng, day >= recent)
                closed = status in case_model.CLOSED_STATUSES
                batch.append({
                    "id": uuid7(),
                    "case_number": f"{CENTER.center_code}-{device_number:02d}-{day:%Y%m%d}-{seq:04d}",
                    "verification_code": "".join(rng.choice(CODE_ALPHABET) for _ in range(6)),
                    "center_id": center_id, "device_id": device_id, "resident_id": rng.choice(resident_ids),
                    "item_id": item_id, "catalog_version": catalog_version, "status": status,
                    "outcome": IntakeOutcome.ACCEPT, "result": CaseResult.APPROVED if closed else None,
                    "deferred_materials": False, "received_at": received, "accepted_on": day,
                    "committed_due": day + timedelta(days=committed_days * 7 // 5),
                    "statutory_due": day + timedelta(days=committed_days * 2),
                    "due_provisional": False, "paused_working_days": 0, "forwarded_to": "",
                    "completed_at": received + timedelta(days=3) if closed else None,
                    "handled_by": staff_id, "window_no": str(device_number), "note": "",
                    "created_at": received, "updated_at": received,
                })
                made += 1
                if len(batch) == BATCH:
                    yield batch
                    batch = []
    if batch:
        yield batch


def _status(rng: random.Random, recent: bool) -> str:
    if recent:
        return rng.choice((CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS, CaseStatus.FORWARDED,
                           CaseStatus.SUSPENDED, CaseStatus.COMPLETED, CaseStatus.DELIVERED))
    roll = rng.random()
    if roll < 0.90:
        return rng.choice((CaseStatus.COMPLETED, CaseStatus.DELIVERED))
    if roll < 0.95:
        return CaseStatus.WITHDRAWN
    return CaseStatus.REJECTED


# -- measuring -------------------------------------------------------------------


def query_sets(session: Session, rng: random.Random, n: int) -> dict[str, list[str]]:
    """``n`` random queries per lookup kind, drawn from the data."""
    resident_count = session.connection().exec_driver_sql("SELECT max(rowid) FROM residents").scalar()
    case_count = session.connection().exec_driver_sql("SELECT max(rowid) FROM cases").scalar()

    def residents(k: int) -> list[tuple[str, str, str]]:
        rowids = [rng.randint(1, resident_count) for _ in range(k)]
        return [tuple(r) for r in session.connection().exec_driver_sql(
            f"SELECT id_number, name, phone FROM residents WHERE rowid IN ({','.join(map(str, rowids))})")]

    def initials(k: int) -> list[str]:
        rowids = [rng.randint(1, resident_count) for _ in range(k)]
        return [r[0] for r in session.connection().exec_driver_sql(
            f"SELECT name_initials FROM residents WHERE rowid IN ({','.join(map(str, rowids))})")]

    def cases(k: int) -> list[tuple[str, str]]:
        rowids = [rng.randint(1, case_count) for _ in range(k)]
        return [tuple(r) for r in session.connection().exec_driver_sql(
            f"SELECT case_number, verification_code FROM cases WHERE rowid IN ({','.join(map(str, rowids))})")]

    def fragment(name: str, size: int) -> str:
        start = rng.randrange(len(name) - size + 1)
        return name[start:start + size]

    people = residents(n * 3)
    with_phone = [p for p in people if p[2]][:n]
    long_names = [p[1] for p in people if len(p[1]) >= 3][:n]
    sample = cases(n)
    return {
        "id_number": [p[0] for p in people[:n]],
        "name_1char": [fragment(p[1], 1) for p in people[:n]],
        "name_2char": [fragment(p[1], 2) for p in people[:n]],
        "name_3char": [fragment(name, 3) for name in long_names],
        "initials": initials(n),
        "initials_prefix": [i[:2] for i in initials(n)],
        "full_pinyin": [search_keys(p[1])[1] for p in people[:n]],
        "phone_last4": [p[2][-4:] for p in with_phone],
        "phone": [p[2] for p in with_phone],
        "case_number": [number for number, _code in sample],
        "qr_url": [status_url(STATUS_BASE, number, code) for number, code in sample],
    }


EXPECTED_KIND = {
    "id_number": "id_number", "name_1char": "name", "name_2char": "name", "name_3char": "name",
    "initials": "initials", "initials_prefix": "initials", "full_pinyin": "initials",
    "phone_last4": "phone_last4", "phone": "phone", "case_number": "case", "qr_url": "case",
}


def drop_file_cache(folder: Path) -> bool:
    """Drop the database's pages from the OS file cache (and this connection's
    own page cache is emptied by the caller): the next read comes from disk, as
    on a desk PC just after boot. False where posix_fadvise is missing."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in folder.glob(DB_FILENAME + "*"):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
    return True


def measure(session: Session, queries: dict[str, list[str]], *, cold: Callable[[], None] | None = None
            ) -> dict[str, dict[str, float]]:
    """Warm (the default): after a warm-up pass. Cold: ``cold()`` runs before
    every single query (the file dropped from the OS cache, SQLite's own page
    cache emptied): each figure is a first search of the morning."""
    if cold is None:
        for texts in queries.values():  # warm-up: page cache, statement cache, pypinyin import
            for text in texts[:20]:
                lookup(session, text)
    else:
        for texts in queries.values():  # statement cache and pypinyin import only: the file goes cold below
            for text in texts[:2]:
                lookup(session, text)
    figures = {}
    for kind, texts in queries.items():
        times, empty = [], 0
        for text in texts:
            if cold is not None:
                cold()
            start = time.perf_counter()
            result = lookup(session, text)
            times.append((time.perf_counter() - start) * 1000)
            if result.kind != EXPECTED_KIND[kind]:
                raise AssertionError(f"{kind}: {text!r} was taken as {result.kind}")
            empty += not (result.residents or result.cases)
        if empty:
            raise AssertionError(f"{kind}: {empty} of {len(texts)} queries drawn from the data found nothing")
        times.sort()
        figures[kind] = {
            "n": len(times),
            "p50": statistics.median(times),
            "p95": times[max(0, int(len(times) * 0.95) - 1)],
            "max": times[-1],
        }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=300_000)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--rebuild", action="store_true", help="ignore a cached database")
    parser.add_argument("--encrypted", action="store_true", help="also measure an encrypted copy, in the same run")
    parser.add_argument("--cold", action="store_true",
                        help="also time every query on a cold file (posix_fadvise DONTNEED before each), "
                             "without and with the desk's start-up warm-up of the lookup indexes")
    args = parser.parse_args()

    def say(message: str) -> None:
        print(message, flush=True)

    folder = cache_dir(args.residents, args.cases)
    ready = folder / "complete"
    generation_s = None
    if args.rebuild or not ready.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        start = time.perf_counter()
        generate(folder, residents=args.residents, cases=args.cases, say=say)
        generation_s = time.perf_counter() - start
        ready.write_text(f"{generation_s:.1f}\n")
        say(f"generated in {generation_s:.1f} s ({(folder / DB_FILENAME).stat().st_size / 1e6:.0f} MB)")
    else:
        say(f"using the cached database in {folder} (built in {float(ready.read_text()):.1f} s)")

    counts, figures, check_s = run_lookups(folder, None, args.queries)
    report("plain", figures, check_s, say)
    ok = all(f["p95"] <= TARGET_MS for f in figures.values())
    result: dict[str, object] = {
        "bench": "search",
        **counts,
        "p50_ms": {k: round(f["p50"], 2) for k, f in figures.items()},
        "p95_ms": {k: round(f["p95"], 2) for k, f in figures.items()},
        "max_ms": {k: round(f["max"], 2) for k, f in figures.items()},
        "quick_check_ms": round(check_s * 1000, 1),
        "generation_s": round(generation_s, 1) if generation_s is not None else None,
        "target_ms": TARGET_MS,
    }
    if args.encrypted:
        encrypted_dir, key = encrypted_copy(folder, say)
        _counts, enc, enc_check_s = run_lookups(encrypted_dir, key, args.queries)
        report("encrypted", enc, enc_check_s, say)
        ok = ok and all(f["p95"] <= TARGET_MS for f in enc.values())
        result["encrypted"] = {
            "p50_ms": {k: round(f["p50"], 2) for k, f in enc.items()},
            "p95_ms": {k: round(f["p95"], 2) for k, f in enc.items()},
            "quick_check_ms": round(enc_check_s * 1000, 1),
            "p50_ratio": {k: round(enc[k]["p50"] / max(figures[k]["p50"], 1e-6), 2) for k in enc},
        }
    if args.cold:
        cold, warmed, warm_up_s = run_cold(folder, args.queries // 3 or 1)
        report("cold (file dropped from the cache before every query)", cold, 0, say)
        report(f"cold, then the start-up warm-up ({warm_up_s:.1f} s) before the queries", warmed, 0, say)
        result["cold"] = {
            "queries_per_kind": args.queries // 3 or 1,
            "p50_ms": {k: round(f["p50"], 2) for k, f in cold.items()},
            "p95_ms": {k: round(f["p95"], 2) for k, f in cold.items()},
            "max_ms": {k: round(f["max"], 2) for k, f in cold.items()},
        }
        result["cold_after_warm_up"] = {
            "warm_up_s": round(warm_up_s, 2),
            "p95_ms": {k: round(f["p95"], 2) for k, f in warmed.items()},
            "max_ms": {k: round(f["max"], 2) for k, f in warmed.items()},
        }
        ok = ok and all(f["p95"] <= TARGET_MS for f in warmed.values())
    result["ok"] = ok
    print(json.dumps(result, ensure_ascii=False))


def run_cold(folder: Path, n: int) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]], float]:
    """Every kind on a cold file: each query alone after the cache is dropped;
    then after one drop followed by the desk's start-up warm-up
    (app.services.search.warm_up_lookups, as the window runs it)."""
    from app.services.search import warm_up_lookups

    database = open_database(folder)
    try:
        with database.session_factory() as session:
            queries = query_sets(session, random.Random(SEED + 2), n)
            connection = session.connection()

            def cold() -> None:
                connection.exec_driver_sql("PRAGMA shrink_memory")
                drop_file_cache(folder)

            cold_figures = measure(session, queries, cold=cold)
            cold()
            start = time.perf_counter()
        with database.session_factory() as session:
            warm_up_lookups(session)
        warm_up_s = time.perf_counter() - start
        with database.session_factory() as session:
            session.connection().exec_driver_sql("PRAGMA shrink_memory")
            warmed = measure(session, query_sets(session, random.Random(SEED + 3), n), cold=lambda: None)
    finally:
        database.dispose()
    return cold_figures, warmed, warm_up_s


def run_lookups(folder: Path, key: str | None, n: int) -> tuple[dict[str, int], dict[str, dict[str, float]], float]:
    """The start-up check's time, then every lookup kind, on the database in ``folder``."""
    from app.services.store_health import quick_check

    start = time.perf_counter()
    assert quick_check(folder / DB_FILENAME, key=key) == "ok"
    check_s = time.perf_counter() - start
    database = open_database(folder, key=key)
    try:
        with database.session_factory() as session:
            counts = {
                "residents": session.connection().exec_driver_sql("SELECT count(*) FROM residents").scalar(),
                "cases": session.connection().exec_driver_sql("SELECT count(*) FROM cases").scalar(),
            }
            queries = query_sets(session, random.Random(SEED + 1), n)
            figures = measure(session, queries)
    finally:
        database.dispose()
    return counts, figures, check_s


def encrypted_copy(folder: Path, say: Callable[[str], None]) -> tuple[Path, str]:
    """The cached database encrypted as the desk keeps it (cached too, with its bench-only key)."""
    target = folder / "encrypted"
    key_file = target / "bench-key.txt"
    if not key_file.exists():
        from app.keystore import new_key

        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        shutil.copy(folder / DB_FILENAME, target / DB_FILENAME)
        key = new_key()
        start = time.perf_counter()
        encrypt_database(target / DB_FILENAME, key)
        say(f"encrypted a copy in {time.perf_counter() - start:.1f} s")
        key_file.write_text(key)
    return target, key_file.read_text().strip()


def report(label: str, figures: dict[str, dict[str, float]], check_s: float, say: Callable[[str], None]) -> None:
    say(f"-- {label}: start-up quick_check {check_s * 1000:.0f} ms")
    say(f"{'lookup':<16}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind, f in figures.items():
        say(f"{kind:<16}{f['n']:>5}{f['p50']:>9.2f}{f['p95']:>9.2f}{f['max']:>9.2f}")


if __name__ == "__main__":
    main()
