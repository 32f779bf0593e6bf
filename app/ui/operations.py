"""Background operations (in the spirit of Anki's CollectionOp).

All database and disk work runs off the GUI thread on ONE writer thread, in a
unit of work opened here (one user action = one transaction). Results come
back to the GUI thread by a queued signal; they must be plain data (frozen
dataclasses, ids), never ORM objects. When an operation finishes, the runner
announces what it changed so each screen can decide whether to refresh.

Tests set ``runner.inline = True``: operations then run at once on the
calling thread, which keeps widget tests deterministic.
"""
from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from app.services.errors import DomainError

log = logging.getLogger(__name__)

# Change tags announced after an operation.
CHANGED_CASES = "cases"
CHANGED_RESIDENTS = "residents"
CHANGED_CATALOG = "catalog"
CHANGED_CALENDAR = "calendar"
CHANGED_STAFF = "staff"
CHANGED_SETTINGS = "settings"
CHANGED_INQUIRIES = "inquiries"
CHANGED_PRINTS = "prints"


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


class _Job(QRunnable):
    def __init__(self, token: int, fn: Callable[[], Any], runner: OperationRunner) -> None:
        super().__init__()
        self._token, self._fn, self._runner = token, fn, runner

    def run(self) -> None:
        try:
            result, error = self._fn(), None
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the worker
            result, error = None, exc
        self._runner._done.emit(self._token, result, error)


class OperationRunner(QObject):
    """Runs operations on one background writer thread."""

    changed = Signal(frozenset)  # tags of what changed
    busy_changed = Signal(bool)
    failed = Signal(object)  # Failure, for operations without their own handler
    _done = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.inline = False
        self.session_factory: Any = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one writer at a time
        self._tokens = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None] | None, Callable[[Failure], None] | None, frozenset[str]]] = {}
        # Emitted on the writer thread, received by this GUI-thread object: Qt
        # queues it to the GUI thread (automatic connection across threads).
        self._done.connect(self._deliver)

    def op(self, fn: Callable[..., Any]) -> Operation:
        """An operation whose function receives a Session in its own transaction."""
        return Operation(self, fn, with_session=True)

    def task(self, fn: Callable[[], Any]) -> Operation:
        """An operation without a session (opening the database, file work)."""
        return Operation(self, fn, with_session=False)

    def is_busy(self) -> bool:
        return bool(self._pending)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until queued operations finished (exit and tests only)."""
        ok = self._pool.waitForDone(msecs)
        QCoreApplication.processEvents()
        return ok

    def _submit(self, operation: Operation) -> None:
        token = next(self._tokens)
        self._pending[token] = (operation._on_success, operation._on_failure, operation._changes)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        fn = operation._callable()
        if self.inline:
            try:
                result, error = fn(), None
            except BaseException as exc:  # noqa: BLE001
                result, error = None, exc
            self._deliver(token, result, error)
        else:
            self._pool.start(_Job(token, fn, self))

    @Slot(int, object, object)
    def _deliver(self, token: int, result: Any, error: BaseException | None) -> None:
        on_success, on_failure, changes = self._pending.pop(token)
        if not self._pending:
            self.busy_changed.emit(False)
        if error is not None:
            failure = describe_error(error)
            log.error("operation failed: %s", failure.details)
            if on_failure is not None:
                on_failure(failure)
            else:
                self.failed.emit(failure)
            return
        if changes:
            self.changed.emit(changes)
        if on_success is not None:
            on_success(result)


class Operation:
    """Builder: ``runner.op(fn).success(cb).failure(cb).changes("cases").run()``."""

    def __init__(self, runner: OperationRunner, fn: Callable[..., Any], *, with_session: bool) -> None:
        self._runner, self._fn, self._with_session = runner, fn, with_session
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[Failure], None] | None = None
        self._changes: frozenset[str] = frozenset()

    def success(self, callback: Callable[[Any], None]) -> Operation:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Failure], None]) -> Operation:
        self._on_failure = callback
        return self

    def changes(self, *tags: str) -> Operation:
        self._changes = frozenset(tags)
        return self

    def _callable(self) -> Callable[[], Any]:
        if not self._with_session:
            return self._fn
        factory = self._runner.session_factory
        if factory is None:
            raise RuntimeError("the database is not open yet")
        fn = self._fn

        def in_unit_of_work() -> Any:
            with factory.begin() as session:
                return fn(session)

        return in_unit_of_work

    def run(self) -> None:
        self._runner._submit(self)
