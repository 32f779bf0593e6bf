"""Background work (in the spirit of Anki's CollectionOp): one mechanism, three lanes.

Every piece of work runs off the GUI thread on a named lane with one thread
each: the DATABASE lane is the one writer (one user action = one unit of
work, opened here), the NETWORK lane talks to the county (sync), the PRINTER
lane feeds the printer. Results come back to the GUI thread by a queued
signal; they must be plain data (frozen dataclasses, ids), never ORM objects.

When an operation finishes, the runner announces what it changed, derived
from what its sessions wrote (app.services.changes), so each screen can
decide whether to refresh. Callers never declare changes.

Tests give the runner an ``InlineLanes`` executor (like Picard's fake thread
pool): work then runs at once on the calling thread. Nothing else differs,
and no production code asks which executor it has.
"""
from __future__ import annotations

import itertools
import logging
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from app.services.changes import Change, ChangeTracker
from app.services.errors import DomainError

if TYPE_CHECKING:
    from app.db import Session, SessionFactory

log = logging.getLogger(__name__)

T = TypeVar("T")

# The change tags screens listen for (app.services.changes.Change), by their old names.
CHANGED_CASES = Change.CASES
CHANGED_RESIDENTS = Change.RESIDENTS
CHANGED_CATALOG = Change.CATALOG
CHANGED_CALENDAR = Change.CALENDAR
CHANGED_STAFF = Change.STAFF
CHANGED_SETTINGS = Change.SETTINGS
CHANGED_INQUIRIES = Change.INQUIRIES
CHANGED_PRINTS = Change.PRINTS
CHANGED_SERVICES = Change.SERVICES
CHANGED_SYNC = Change.SYNC
CHANGED_SERVICES = Change.SERVICES  # complaints, ratings, appointments, whereabouts notes


class Lane(Enum):
    """Where a piece of work runs: one thread per lane, jobs in order."""

    DATABASE = "database"  # the one writer: every unit of work of the desk
    NETWORK = "network"  # the county: sync runs, connection tests, enrollment
    PRINTER = "printer"  # print jobs go out in order
    LOOKUP = "lookup"  # a worker waits for the county's answer: never behind a long sync run
    WARM_UP = "warm_up"  # reading the lookup's indexes after a cold start: nobody waits for it


@dataclass(frozen=True)
class Failure:
    """An operation's error in words for the worker, with details for IT."""

    message: str
    details: str
    field: str = ""


def describe_error(error: BaseException) -> Failure:
    """Turn any exception into a sentence a front-desk worker understands."""
    details = "".join(traceback.format_exception(error))
    if isinstance(error, DomainError):  # already words for the worker
        return Failure(str(error), details, error.field)
    transport = sys.modules.get("app.sync.transport")  # loaded with the sync; no error of it before
    if transport is not None and isinstance(error, transport.SyncError):  # the county's answer, in words
        return Failure(error.reason, details)
    text = str(getattr(error, "orig", error)).lower()
    if "disk is full" in text or "no space" in text or isinstance(error, OSError) and error.errno == 28:
        return Failure(
            QCoreApplication.translate("Errors", "The disk is full, so this was not saved. Free some disk space and try again; "
                         "records saved earlier are not affected."),
            details,
        )
    if "database is locked" in text:
        return Failure(QCoreApplication.translate("Errors", "The database is busy. Wait a moment and try again."), details)
    if isinstance(error, PermissionError):
        return Failure(QCoreApplication.translate("Errors", "No permission to write to the data folder. Ask IT to check the folder's permissions."), details)
    return Failure(QCoreApplication.translate("Errors", "The operation could not be completed. Nothing was changed. "
                                "If it happens again, show the details to IT."), details)


class Executor(Protocol):
    """Runs jobs on lanes (threads in the product, inline in tests)."""

    def start(self, lane: Lane, job: Callable[[], None]) -> None: ...

    def wait(self, lane: Lane, msecs: int) -> bool: ...


class _Runnable(QRunnable):
    def __init__(self, job: Callable[[], None]) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job()


class ThreadLanes:
    """The product's executor: one thread per lane, made when first used."""

    def __init__(self) -> None:
        self._pools: dict[Lane, QThreadPool] = {}

    def start(self, lane: Lane, job: Callable[[], None]) -> None:
        pool = self._pools.get(lane)
        if pool is None:
            pool = self._pools[lane] = QThreadPool()
            pool.setMaxThreadCount(1)
        pool.start(_Runnable(job))

    def wait(self, lane: Lane, msecs: int) -> bool:
        pool = self._pools.get(lane)
        return pool is None or pool.waitForDone(msecs)


class InlineLanes:
    """Tests and scripted benches: jobs run at once on the calling thread, so
    widget tests are deterministic. Lanes named in ``threaded`` keep a real
    thread (a test of a sync that must not block the desk)."""

    def __init__(self, *, threaded: Iterable[Lane] = ()) -> None:
        self._threaded = frozenset(threaded)
        self._threads = ThreadLanes()

    def start(self, lane: Lane, job: Callable[[], None]) -> None:
        if lane in self._threaded:
            self._threads.start(lane, job)
        else:
            job()

    def wait(self, lane: Lane, msecs: int) -> bool:
        return self._threads.wait(lane, msecs)


@dataclass(frozen=True)
class _Pending:
    lane: Lane
    on_success: Callable[[Any], object] | None
    on_failure: Callable[[Failure], object] | None


class OperationRunner(QObject):
    """Runs operations on its lanes and announces what they changed."""

    changed = Signal(frozenset)  # the Change tags of what an operation wrote
    busy_changed = Signal(bool)  # the writer lane has work queued or not
    failed = Signal(object)  # Failure, for operations without their own handler
    _done = Signal(int, object, object, object)  # token, result, error, changes

    def __init__(self, parent: QObject | None = None, *, executor: Executor | None = None) -> None:
        super().__init__(parent)
        self._executor: Executor = executor if executor is not None else ThreadLanes()
        self.session_factory: SessionFactory | None = None
        self._tokens = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        # Emitted on a lane's thread, received by this GUI-thread object: Qt
        # queues it to the GUI thread (automatic connection across threads);
        # emitted inline, it is delivered at once.
        self._done.connect(self._deliver)

    def op(self, fn: Callable[[Session], T]) -> Operation[T]:
        """Work on the writer lane whose function receives a Session in its own
        transaction; what it writes is announced."""
        return Operation(self, fn, lane=Lane.DATABASE, with_session=True)

    def task(self, fn: Callable[[], T], *, lane: Lane = Lane.DATABASE,
             tracker: ChangeTracker | None = None) -> Operation[T]:
        """Work without a session of its own (opening the database, files, the
        network, the printer). With ``tracker``, the sessions the work opens
        report to it (ChangeTracker.tracking) and what they wrote is announced."""
        return Operation(self, fn, lane=lane, with_session=False, tracker=tracker)

    def is_busy(self) -> bool:
        return any(p.lane is Lane.DATABASE for p in self._pending.values())

    def is_idle(self) -> bool:
        """No work queued on any lane, none waiting to be delivered."""
        return not self._pending

    def wait_idle(self, msecs: int = 30000, *lanes: Lane) -> bool:
        """Block until the queued work of ``lanes`` (all by default) finished,
        then deliver its results (exit and tests only)."""
        ok = True
        for lane in lanes or tuple(Lane):  # every lane waits, even after one timed out
            ok = self._executor.wait(lane, msecs) and ok
        QCoreApplication.processEvents()
        return ok

    def _submit(self, operation: Operation[Any]) -> None:
        job = operation._job()  # raises at once when the database is not open yet
        token = next(self._tokens)
        was_busy = self.is_busy()
        self._pending[token] = _Pending(operation._lane, operation._on_success, operation._on_failure)
        if not was_busy and self.is_busy():
            self.busy_changed.emit(True)

        def run() -> None:
            result, error, changes = job()
            try:
                self._done.emit(token, result, error, changes)
            except RuntimeError:  # the runner itself was deleted (the window closed): nobody left to tell
                log.info("an operation finished after its window closed")

        self._executor.start(operation._lane, run)

    @Slot(int, object, object, object)
    def _deliver(self, token: int, result: Any, error: BaseException | None, changes: frozenset[Change]) -> None:
        pending = self._pending.pop(token)
        if pending.lane is Lane.DATABASE and not self.is_busy():
            self.busy_changed.emit(False)
        if changes:
            self.changed.emit(changes)
        if error is not None:
            failure = describe_error(error)
            if isinstance(error, DomainError):  # a rule said no, in words for the worker: no fault to trace
                log.info("refused: %s", failure.message)
            else:
                log.error("operation failed: %s", failure.details)
            if pending.on_failure is None:
                self.failed.emit(failure)
            elif _alive(pending.on_failure):  # else its window was closed meanwhile
                pending.on_failure(failure)
            return
        if pending.on_success is not None and _alive(pending.on_success):
            pending.on_success(result)


_Outcome = tuple[Any, "BaseException | None", frozenset[Change]]


def _alive(callback: Callable[..., object]) -> bool:
    """False for a method of a widget that was closed and deleted while its
    operation ran: its answer has nowhere to go."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class Operation(Generic[T]):
    """Builder: ``runner.op(fn).success(cb).failure(cb).run()``; ``cb`` receives fn's result."""

    def __init__(self, runner: OperationRunner, fn: Callable[..., T], *, lane: Lane, with_session: bool,
                 tracker: ChangeTracker | None = None) -> None:
        self._runner, self._fn, self._lane = runner, fn, lane
        self._with_session, self._tracker = with_session, tracker
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[Failure], object] | None = None

    def success(self, callback: Callable[[T], object]) -> Operation[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Failure], object]) -> Operation[T]:
        self._on_failure = callback
        return self

    def _job(self) -> Callable[[], _Outcome]:
        fn, tracker = self._fn, self._tracker
        if not self._with_session:
            def plain() -> _Outcome:
                try:
                    result, error = fn(), None
                except BaseException as exc:  # noqa: BLE001 - every failure must reach the worker
                    result, error = None, exc
                # What the work's sessions wrote, even when it failed half-way
                # (a sync commits as it goes).
                return result, error, tracker.take() if tracker is not None else frozenset()

            return plain
        factory = self._runner.session_factory
        if factory is None:
            raise RuntimeError("the database is not open yet")

        def in_unit_of_work() -> _Outcome:
            unit = ChangeTracker()
            try:
                with unit.attach(factory()) as session, session.begin():
                    result = fn(session)
            except BaseException as exc:  # noqa: BLE001 - every failure must reach the worker
                return None, exc, frozenset()  # rolled back: nothing changed
            return result, None, unit.take()

        return in_unit_of_work

    def run(self) -> None:
        self._runner._submit(self)
