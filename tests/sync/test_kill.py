"""kill -9 in the middle of a sync: of the county server, and of the desk.
Afterwards every operation is at the county exactly once, the change log
has no gap and no double, and the desk's database is whole."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.models import CaseEvent, OutboxEntry, SyncCursor
from app.models.vocabulary import CaseEventKind
from app.sync.link import Backoff
from county_server.models import AppliedOp, ChangeEntry, Device
from county_server.models import Case as CountyCase
from county_server.models import CaseEvent as CountyEvent
from tests.sync.live import REPO, CountyProcess, DeskPC, desk_counts, make_desk
from tests.sync.proxy import FaultProxy

pytestmark = pytest.mark.slow


def at_county(county: CountyProcess, desk: DeskPC) -> dict[str, int]:
    with county.db() as session:
        device = session.get(Device, desk.actor.device_id)
        seqs = list(session.scalars(select(ChangeEntry.seq).where(
            ChangeEntry.scope == str(device.center_id), ChangeEntry.stream == "records").order_by(ChangeEntry.seq)))
        assert seqs == list(range(1, len(seqs) + 1))  # no gap, no double
        return {
            "cases": session.scalar(select(func.count()).select_from(CountyCase).where(CountyCase.center_id == device.center_id)),
            "events": session.scalar(select(func.count()).select_from(CountyEvent).where(CountyEvent.center_id == device.center_id)),
            "ops": session.scalar(select(func.count()).select_from(AppliedOp).where(AppliedOp.device_id == device.id)),
            "log": len(seqs),
        }


def intact(desk: DeskPC) -> None:
    with desk.db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert connection.execute(text("PRAGMA foreign_key_check")).first() is None


def busy_desk(template_db: Path, folder: Path, county: CountyProcess, proxy: FaultProxy, center: str, *,
              cases: int, number: int = 1, **kwargs) -> DeskPC:
    desk = make_desk(template_db, folder, center, device_number=number,
                     backoff=Backoff(base=0.2, cap=1.0, attempts=40), **kwargs)
    desk.enroll(county, base=proxy.base)
    assert desk.sync().ok
    for n in range(cases):
        case_id = desk.take_in(desk.register(f"杀{n}"))
        desk.event(case_id, CaseEventKind.START)
    return desk


@pytest.mark.parametrize("moment", ["forwarded", "answered"])
def test_the_county_server_killed_mid_push(own_county: CountyProcess, template_db: Path, tmp_path: Path,
                                           moment: str) -> None:
    """Killed once the second batch reached it (it may be half-way through)
    or once it had answered (it committed; the desk never heard)."""
    proxy = FaultProxy(own_county.port, rate=16_384).start()
    center = own_county.make_center()
    desk = busy_desk(template_db, tmp_path / "desk", own_county, proxy, center, cases=6, batch_size=4)
    killed = threading.Event()
    pushes = []

    def on_request(path: str, phase: str) -> None:
        if path.startswith("/api/v1/push") and phase == moment:
            pushes.append(path)
            if len(pushes) == 2 and not killed.is_set():
                own_county.kill9()
                killed.set()

    proxy.on_request.append(on_request)
    result = {}
    runner = threading.Thread(target=lambda: result.setdefault("report", desk.sync()))
    runner.start()
    assert killed.wait(30), "the push never reached the server"
    time.sleep(0.5)
    own_county.start()
    runner.join(120)
    proxy.stop()
    report = result["report"]
    if not report.ok:  # the run may have given up while the server was down: the next one finishes
        report = desk.sync()
    assert report.ok, report.message
    assert desk_counts(desk) == {"applied": 24}
    assert at_county(own_county, desk) == {"cases": 6, "events": 12, "ops": 24, "log": 24}
    intact(desk)


def _desk_process(desk: DeskPC, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.sync.desk_process", str(desk.data_dir), *args], cwd=REPO,
        env=os.environ | {"PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def test_the_desk_killed_mid_push(own_county: CountyProcess, template_db: Path, tmp_path: Path) -> None:
    """The desk process dies right after the county applied a batch, before it
    could record the answer: the next run gets duplicates, applies nothing twice."""
    proxy = FaultProxy(own_county.port, rate=16_384).start()
    center = own_county.make_center()
    desk = busy_desk(template_db, tmp_path / "desk", own_county, proxy, center, cases=6)
    desk.db.dispose()
    answered = threading.Event()
    pushes = []

    def on_request(path: str, phase: str) -> None:
        if path.startswith("/api/v1/push") and phase == "answered":
            pushes.append(path)
            if len(pushes) == 2:
                answered.set()

    proxy.on_request.append(on_request)
    process = _desk_process(desk, "4")
    assert answered.wait(60), process.communicate(timeout=5)[0] if process.poll() is not None else "no second push"
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    with desk.factory() as session:
        statuses = dict(session.execute(select(OutboxEntry.status, func.count()).group_by(OutboxEntry.status)).all())
    assert statuses.get("pending", 0) > 0  # killed before it recorded everything
    report = desk.sync()
    proxy.stop()
    assert report.ok, report.message
    assert desk_counts(desk) == {"applied": 24}
    assert at_county(own_county, desk) == {"cases": 6, "events": 12, "ops": 24, "log": 24}
    intact(desk)


def test_the_desk_killed_again_and_again_while_pulling(own_county: CountyProcess, template_db: Path,
                                                       tmp_path: Path) -> None:
    """A new PC bootstraps and pulls a center over a slow link and is killed
    at random moments; when it finally finishes, it holds every record once
    and its cursors are the stream heads."""
    proxy = FaultProxy(own_county.port, rate=8_192, latency=(0.1, 0.2), seed=11).start()
    center = own_county.make_center()
    source = busy_desk(template_db, tmp_path / "source", own_county, proxy, center, cases=10)
    assert source.sync().ok
    fresh = make_desk(template_db, tmp_path / "fresh", center, device_number=2,
                      backoff=Backoff(base=0.2, cap=1.0, attempts=40))
    fresh.enroll(own_county, base=proxy.base)
    fresh.db.dispose()
    rng = random.Random(5)
    kills = 0
    for _ in range(4):
        process = _desk_process(fresh, "200", "3")
        assert process.stdout is not None
        assert process.stdout.readline().startswith("started")
        time.sleep(rng.uniform(0.2, 1.2))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(10)
    assert kills >= 2
    report = fresh.sync()
    proxy.stop()
    assert report.ok, report.message
    intact(fresh)
    with fresh.factory() as session:
        assert session.scalar(select(func.count()).select_from(CaseEvent)) == 20
        cursor = session.get(SyncCursor, "records").cursor
    assert cursor == at_county(own_county, source)["log"] == 40
    assert set(fresh.residents()) == set(source.residents())
