"""The UI's sync layer with the real engine and a live county server: enroll
from the settings screen, and intake never waits for a sync."""
from __future__ import annotations

import time

import pytest

from app.ui.operations import InlineLanes, Lane, OperationRunner
from app.ui.sync import SyncController
from app.ui.sync_settings import SyncSettingsBox
from tests.sync.conftest import one_backend
from tests.sync.live import CountyProcess
from tests.sync.proxy import FaultProxy


def runner_for(desk, *, threaded: tuple[Lane, ...] = ()) -> OperationRunner:
    runner = OperationRunner(executor=InlineLanes(threaded=threaded))
    runner.session_factory = desk.factory
    return runner


def test_enrolling_from_the_settings_screen_then_syncing(qtbot, county: CountyProcess, new_desk) -> None:
    desk = new_desk(1)
    desk.register("设置页")
    runner = runner_for(desk)
    controller = SyncController(runner)
    controller.start(desk.factory, desk.data_dir, first_sync_ms=-1)
    box = SyncSettingsBox(runner, controller)
    qtbot.addWidget(box)
    box.set_actor(desk.actor)
    box.reload()
    assert "尚未注册" in box.state.text() or "not enrolled" in box.state.text()
    box.url.setText(county.base)
    box.test_connection()
    assert "尚未注册" in box.result.text()
    box.code.setText(county.issue_code(desk.center_code).lower().replace("-", ""))  # as typed: case and dashes do not matter
    with qtbot.waitSignal(controller.finished, timeout=30_000) as finished:
        box.enroll()
    report, manual = finished.args
    assert report.ok and manual, report.message
    assert controller.status.phase == "idle" and controller.status.last_sync is not None
    assert controller.status.pending == 0
    assert controller.timer.isActive()
    box.test_connection()
    assert "已注册" in box.result.text()
    desk.item("CM")  # the county's catalog is here


@pytest.mark.slow
@one_backend
def test_intake_never_waits_for_a_sync(qtbot, county: CountyProcess, new_desk) -> None:
    """A new PC pulls a busy center over a slow link on the sync thread while
    the worker keeps taking cases in: no save waits more than a moment."""
    busy = new_desk(1)
    busy.enroll(county)
    busy.sync()
    for n in range(60):
        busy.take_in(busy.register(f"忙{n}"))
    assert busy.sync().ok
    link = FaultProxy(county.port, rate=256_000, latency=(0.05, 0.1)).start()
    try:
        desk = new_desk(2, page_size=50)
        desk.enroll(county, base=link.base)
        first = desk.sync()  # catalog first, so intake has items; the center's records too
        assert first.ok, first.message
        with desk.factory.begin() as session:  # forget the center's records: the next sync pulls them all again
            from sqlalchemy import delete

            from app.models import SyncCursor, SyncVersion

            session.execute(delete(SyncCursor).where(SyncCursor.stream == "records"))
            session.execute(delete(SyncVersion).where(SyncVersion.entity.in_(("resident", "case"))))
        resident = desk.register("窗口群众")
        controller = SyncController(runner_for(desk, threaded=(Lane.NETWORK,)))  # the sync on its own thread
        controller.start(desk.factory, desk.data_dir, first_sync_ms=-1)
        with qtbot.waitSignal(controller.finished, timeout=120_000):
            assert controller.sync_now(manual=False)
            waits = []
            while controller.is_running() and len(waits) < 15:
                started = time.monotonic()
                desk.take_in(resident, code="OS", outcome="done_on_the_spot")
                waits.append(time.monotonic() - started)
            assert controller.is_running() or len(waits) >= 3
    finally:
        link.stop()
    assert len(waits) >= 3
    assert max(waits) < 1.0, waits
