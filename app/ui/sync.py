"""Scheduling sync from the UI: a thin Qt layer over the Qt-free engine.

When it runs: every few minutes (setting, 5 by default), when the worker
clicks "sync now", when the link comes back after being down (a cheap probe
every 30 s while offline), and at exit within a time bound (only what is
waiting goes up).

Where it runs: on the runner's NETWORK lane — never the GUI thread, never
the writer lane that intake uses. The engine's transactions are short, so an
intake saved meanwhile waits at most for one batch or one page.

What it changed: the engine opens its own sessions (one per batch or page,
committed as it goes), so there is no single unit of work to watch. Its
session factory is made by this controller's ChangeTracker, and every job on
the network lane announces what those sessions wrote — the tables a run
actually touched, not a guess from its counts.

What it shows: offline / syncing / last sync / records waiting / items that
need attention, in the status bar. Errors of a periodic sync go to the log
and the status bar; errors of a sync the worker asked for are shown to them.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from app.services.changes import ChangeTracker
from app.ui.operations import Failure, Lane, Operation, OperationRunner

if TYPE_CHECKING:
    from app.db import Session, SessionFactory
    from app.sync.engine import SyncReport

T = TypeVar("T")

log = logging.getLogger(__name__)

PROBE_MS = 30_000  # while offline: is the county reachable again?
FIRST_SYNC_MS = 5_000  # after login, once the screens have loaded
EXIT_BOUND_S = 10.0
UPDATE_PAUSE_MS = 15_000  # between two slices of an update download: the lane is free for a sync

PH_IDLE = "idle"
PH_SYNCING = "syncing"
PH_OFFLINE = "offline"
PH_NOT_ENROLLED = "not_enrolled"
PH_REVOKED = "revoked"
PH_ERROR = "error"


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows (plain data)."""

    phase: str = PH_NOT_ENROLLED
    last_sync: datetime | None = None
    pending: int = 0
    attention: int = 0
    message: str = ""
    skew_warning: bool = False
    #: While a new or replaced PC's history is arriving: (rows here, about how many in all).
    history: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Counts:
    pending: int
    attention: int
    last_sync: datetime | None
    enrolled: bool
    interval_minutes: int
    history: tuple[int, int] | None = None


def read_counts(session: Session, data_dir: Path) -> _Counts:
    from app.services import settings
    from app.services.queries import pending_sync_count
    from app.services.setup import find_this_device
    from app.sync import attention
    from app.sync.credentials import read_token
    from app.sync.engine import last_successful_sync
    from app.sync.pull import bootstrap_state

    device = find_this_device(session)
    enrolled = bool(device is not None and device.server_url and read_token(data_dir))
    snapshot = bootstrap_state(session)
    history = (snapshot.rows, max(snapshot.estimate, snapshot.rows)) if snapshot.arriving else None
    return _Counts(pending_sync_count(session), attention.open_count(session), last_successful_sync(session),
                   enrolled, settings.get(session, settings.SYNC_INTERVAL_MINUTES), history)


class SyncController(QObject):
    """Owns the schedule and the sync thread; the engine does the work."""

    status_changed = Signal(object)  # SyncStatus
    finished = Signal(object, bool)  # SyncReport, asked for by the worker
    notify = Signal(str, str)  # (title, text) for the worker: a sync they asked for went wrong
    update_changed = Signal(object)  # app.sync.updates.UpdateState, after each update slice
    _progress = Signal(object)  # engine Progress, from the sync thread (queued to the GUI thread)

    def __init__(self, runner: OperationRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.engine: Any = None  # SyncEngine, or a stand-in in tests
        self.tracker = ChangeTracker()  # what the engine's sessions write
        self.session_factory: SessionFactory | None = None  # sessions that report to the tracker
        self.data_dir: Path | None = None
        self.status = SyncStatus()
        self.enrolled = False
        self._running = False
        self._cancel = threading.Event()
        self._update_stop = threading.Event()  # a slice of the update download yields to the records' sync
        self._updating = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.sync_now(manual=False, trigger="timer"))
        self.probe = QTimer(self)
        self.probe.setInterval(PROBE_MS)
        self.probe.timeout.connect(self._probe)
        self._progress.connect(self._on_progress)

    # -- set-up ----------------------------------------------------------------------

    def start(self, session_factory: SessionFactory, data_dir: Path, *, engine: Any = None,
              first_sync_ms: int = FIRST_SYNC_MS) -> None:
        """Called once the store is open and someone has logged in."""
        if self.engine is not None:
            return
        from app.sync.engine import SyncEngine

        self.data_dir = data_dir
        self.session_factory = self.tracker.tracking(session_factory)
        self.engine = engine or SyncEngine(self.session_factory, data_dir)
        self.refresh(then=lambda counts: counts.enrolled and first_sync_ms >= 0 and QTimer.singleShot(
            first_sync_ms, lambda: self.sync_now(manual=False, trigger="start")))

    def set_interval(self, minutes: int) -> None:
        if minutes > 0 and self.enrolled:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def refresh(self, *, then: Callable[[_Counts], Any] | None = None) -> None:
        """Re-read the counts (after any change at the desk, and after a sync)."""
        if self.engine is None or self.runner.session_factory is None:
            return
        data_dir = self.data_dir
        assert data_dir is not None

        def shown(counts: _Counts) -> None:
            self.enrolled = counts.enrolled
            phase = self.status.phase
            if not counts.enrolled:
                phase = PH_NOT_ENROLLED
            elif phase == PH_NOT_ENROLLED:
                phase = PH_IDLE
            self._set(replace(self.status, phase=phase, pending=counts.pending, attention=counts.attention,
                              last_sync=counts.last_sync, history=counts.history))
            if phase == PH_REVOKED:  # stopped by the county: no more automatic tries until enrolled again
                self.timer.stop()
            elif not self.timer.isActive() or self.timer.interval() != counts.interval_minutes * 60_000:
                self.set_interval(counts.interval_minutes)
            if then is not None:
                then(counts)

        self.runner.op(lambda session: read_counts(session, data_dir)).success(shown).run()

    def _set(self, status: SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)

    # -- running ------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self._running

    def sync_now(self, *, manual: bool = True, trigger: str = "manual") -> bool:
        """Start a sync on the sync thread; False when one is already running."""
        if self.engine is None or self._running:
            return False
        if not self.enrolled and not manual:
            return False
        self._running = True
        self._cancel = threading.Event()
        self._update_stop.set()  # an update download running on the lane stops at its next chunk
        cancel, engine = self._cancel, self.engine
        self._set(replace(self.status, phase=PH_SYNCING, message=""))
        self.run_job(lambda: engine.run(trigger=trigger, cancel=cancel, progress=self._progress.emit)) \
            .success(lambda report: self._finished(report, manual)) \
            .failure(lambda failure: self._crashed(failure, manual)).run()
        return True

    def _on_progress(self, progress: Any) -> None:
        """The history of a new PC arriving page by page: the worker sees how far."""
        if getattr(progress, "stage", "") == "bootstrap":
            done, total = int(progress.done), int(progress.total)
            self._set(replace(self.status, history=(done, max(done, total)) if done < total else None))

    def ask_county(self, id_number: str, done: Callable[[Any], None]) -> bool:
        """A lookup by ID number found nobody here: while this PC's history is
        still arriving, ask the county (off the GUI thread, on a lane of its
        own so it does not wait behind the sync run; a short timeout).
        ``done`` gets an app.sync.remote_lookup.RemoteLookup, or None on a bug.
        False when there is no one to ask (not enrolled, history complete)."""
        if self.engine is None or self.session_factory is None or self.data_dir is None:
            return False
        if not self.enrolled or self.status.history is None:
            return False
        factory, data_dir = self.session_factory, self.data_dir

        def ask() -> Any:
            from app.sync.remote_lookup import lookup_resident

            return lookup_resident(factory, data_dir, id_number)

        self.runner.task(ask, lane=Lane.LOOKUP, tracker=self.tracker).success(done) \
            .failure(lambda _failure: done(None)).run()
        return True

    def _crashed(self, failure: Failure, manual: bool) -> None:
        """The engine reports in words; an exception here is a bug (logged by the runner)."""
        from app.sync import engine as sync

        self._finished(sync.SyncReport(sync.ST_ERROR, failure.message), manual)

    def _finished(self, report: SyncReport, manual: bool) -> None:
        from app.sync import engine as sync

        self._running = False
        phase = {
            sync.ST_OK: PH_IDLE, sync.ST_OFFLINE: PH_OFFLINE, sync.ST_NOT_ENROLLED: PH_NOT_ENROLLED,
            sync.ST_REVOKED: PH_REVOKED, sync.ST_CANCELLED: PH_IDLE,
        }.get(report.state, PH_ERROR)
        self._set(replace(self.status, phase=phase, message=report.message, pending=report.pending,
                          attention=report.attention, skew_warning=report.skew_warning,
                          last_sync=report.finished_at if report.ok else self.status.last_sync))
        if phase == PH_OFFLINE:
            self.probe.start()
        else:
            self.probe.stop()
        if not report.ok and report.state != sync.ST_CANCELLED:
            log.warning("sync (%s): %s", "asked for" if manual else "periodic", report.message)
            if manual:
                self.notify.emit(self.tr("Sync with the county"), report.message)
        self.finished.emit(report, manual)
        self.refresh()
        if report.ok and report.pending == 0:
            self.update_slice()

    # -- program updates, after the records ----------------------------------------------

    def update_slice(self) -> None:
        """Check the county's releases and download one slice, at low priority: only
        when nothing waits for the county, never during a sync, at a bounded rate."""
        engine, data_dir = self.engine, self.data_dir
        if engine is None or data_dir is None or self._updating or self._running or not hasattr(engine, "factory"):
            return
        self._updating = True
        self._update_stop = threading.Event()
        stop = self._update_stop

        def work() -> Any:
            from app.sync.updates import update_step

            return update_step(engine, data_dir, stop=stop)

        def done(result: Any) -> None:
            self._updating = False
            if result is None:
                return
            self.update_changed.emit(result.state)
            if not result.finished and not stop.is_set():
                QTimer.singleShot(UPDATE_PAUSE_MS, self.update_slice)

        def failed(failure: Failure) -> None:
            self._updating = False
            log.warning("update check failed: %s", failure.message)

        self.run_job(work).success(done).failure(failed).run()

    def _probe(self) -> None:
        """While offline: a cheap request; when the county answers, sync at once."""
        if self.engine is None or self._running:
            return
        engine = self.engine

        def reachable() -> bool:
            return bool(engine.check_connection(timeout=10).ok)

        def answered(ok: bool) -> None:
            if ok and self.status.phase == PH_OFFLINE:
                log.info("the county server is reachable again: syncing")
                self.sync_now(manual=False, trigger="link")

        self.run_job(reachable).success(answered).failure(lambda _f: None).run()  # still offline

    def cancel(self) -> None:
        self._cancel.set()
        self._update_stop.set()

    def wants_exit_sync(self) -> bool:
        return self.engine is not None and self.enrolled and self.status.pending > 0

    def sync_at_exit_async(self, done: Callable[[SyncReport | None], None], *, bound_s: float = EXIT_BOUND_S) -> None:
        """At exit, on the sync thread: send what is waiting for at most
        ``bound_s`` seconds, then ``done(report)`` on the GUI thread."""
        self.timer.stop()
        self.probe.stop()
        self._cancel.set()  # a sync still running stops at its next step; this one queues behind it
        self._update_stop.set()
        deadline = time.monotonic() + bound_s
        engine = self.engine

        def finished(report: SyncReport) -> None:
            log.info("sync at exit: %s, %d sent, %d waiting", report.state, report.pushed, report.pending)
            done(report)

        def failed(failure: Failure) -> None:
            log.error("sync at exit failed: %s", failure.message)
            done(None)

        self.run_job(lambda: engine.run(trigger="exit", deadline=deadline, push_only=True)) \
            .success(finished).failure(failed).run()

    def sync_at_exit(self, *, bound_s: float = EXIT_BOUND_S) -> Any:
        """At exit: send what is waiting, for at most ``bound_s`` seconds.

        Blocks the caller (the window is already closed). A sync still
        running is cancelled first; nothing is lost either way — what did
        not go up waits in the outbox for the next start.
        """
        self.timer.stop()
        self.probe.stop()
        if self.engine is None or not self.enrolled:
            return None
        started = time.monotonic()
        self._update_stop.set()
        if self._running:
            self._cancel.set()
            self.wait_idle(int(bound_s * 1000))
        left = bound_s - (time.monotonic() - started)
        if left <= 0.5:
            return None
        return self.engine.run(trigger="exit", deadline=time.monotonic() + left, push_only=True)

    # -- jobs on the network lane -------------------------------------------------------

    def run_job(self, fn: Callable[[], T]) -> Operation[T]:
        """Network work (a sync, a connection test, enrollment) on the runner's
        network lane, off the GUI thread; what the engine's sessions wrote
        meanwhile is announced."""
        return self.runner.task(fn, lane=Lane.NETWORK, tracker=self.tracker)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        return self.runner.wait_idle(msecs, Lane.NETWORK)
