"""Start-up: show the window at once, open the database in the background.

Order matters for a quick start on an old office PC: the main window is shown
before SQLAlchemy and Alembic are even imported; they load on the writer
thread while the window paints.
"""
from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from app.config import StartOptions
from app.launcher import mark_started, note_migration_backup
from app.ui.i18n import install_translations
from app.ui.main_window import START_DEMO, START_OPEN, START_SCREENS, MainWindow
from app.ui.operations import Failure, OperationRunner

if TYPE_CHECKING:
    from app.services.store_health import StoreCheck
    from app.sync.lost_cases import LostCases

log = logging.getLogger("onewindow")
#: --screenshot: grab once no operation has been out for 0.5 s (checked every 0.1 s), or after 8 s.
SCREENSHOT_QUIET_TICKS = 5
SCREENSHOT_WAIT_TICKS = 80


@dataclass(frozen=True)
class OpenedStore:
    """What the GUI needs to know once the database is open (plain data)."""

    db_path: Path
    is_set_up: bool
    is_demo: bool
    backup: Path | None
    #: Not None: the database is damaged and was not opened; the restore screen shows this.
    damage: StoreCheck | None = None
    #: Cases the issued-numbers ledger knows and the database lost (an alarm after login).
    lost: LostCases | None = None
    #: The database's key (None: a plain file) and where this PC keeps it (keyring / file).
    key: str | None = None
    key_store: str = ""


def _setup_logging(data_dir: Path) -> None:
    from logging.handlers import RotatingFileHandler

    data_dir.mkdir(parents=True, exist_ok=True)
    from app.services.log_redaction import RedactingFormatter

    target = str((data_dir / "onewindow.log").resolve())
    root = logging.getLogger()
    if any(getattr(h, "baseFilename", None) == target for h in root.handlers):
        return  # opened again after a restore: the log is already there
    handler = RotatingFileHandler(target, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    # Every line, tracebacks included, without ID numbers, phones, codes or SQL values.
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


# A start-up step (START_OPEN, START_DEMO, START_SCREENS) with its progress: done of total, 0 of 0 when uncounted.
StartProgress = Callable[[str, int, int], None]


class _StartSteps(QObject):
    """Carries open_store's progress from the writer thread to the window (a queued signal)."""

    step = Signal(str, int, int)


def open_store(options: StartOptions, runner: OperationRunner, *,
               progress: StartProgress | None = None) -> OpenedStore:
    """Runs on the writer thread: log file, open/migrate the database, build the demo.

    ``progress`` hears each step as it starts, and the demo's cases as they
    are made (the first demo start takes a while on an old PC). A data folder
    that cannot be written fails here, and the window says so.
    """
    report = progress or (lambda _step, _done, _total: None)
    report(START_OPEN, 0, 0)
    _setup_logging(options.data_dir)
    from app.services.data_protection import make_private
    from app.services.store_health import check_store

    make_private(options.data_dir)
    store = known = None
    if options.encrypt:
        from app.keystore import default_key_store

        store = default_key_store()
        known = store.get(options.data_dir)
    health = check_store(options.data_dir, key=known)
    log.info("database check: %s in %.3f s (%s)", "ok" if health.problem is None else health.problem.kind,
             health.seconds, "whole file read" if health.full else "as the last clean exit left it")
    if health.problem is not None:
        log.error("database damaged, not opened: %s", health.problem.details)
        from app.db import database_path

        return OpenedStore(database_path(options.data_dir), False, options.demo, None, damage=health)
    from app.db import open_database
    from app.services.setup import is_set_up
    from app.services.store_health import note_opened

    note_opened(options.data_dir)  # until a clean exit, the next start checks the whole file

    key = None
    if store is not None:
        from app.services.data_protection import prepare_database_key

        prepared = prepare_database_key(options.data_dir, store)
        key = prepared.key
        if prepared.encrypted_now:
            log.info("the plain database and its backups were encrypted (key in %s)", prepared.store)
    database = open_database(options.data_dir, key=key)
    # A version on trial after an update: a rollback puts this copy back (app.launcher).
    note_migration_backup(database.path, database.migration.backup)
    make_private(options.data_dir)  # what the migration or the encryption just wrote
    runner.session_factory = database.session_factory
    with database.session_factory() as session:
        ready = is_set_up(session)
    lost = None
    if ready and not options.demo:
        from app.sync.lost_cases import reconcile_issued_numbers

        with database.session_factory.begin() as session:
            lost = reconcile_issued_numbers(session, session.info["issued_numbers"])
        if lost.alarm:
            log.error("the database lacks %d issued case numbers", len(lost.missing))
    if options.demo and not ready:
        from app.services.demo import build_demo

        log.info("building the demo center in %s", options.data_dir)
        report(START_DEMO, 0, 0)
        build_demo(database.session_factory, progress=lambda done, total: report(START_DEMO, done, total))
        ready = True
    elif options.demo:
        from app.services.lookups import is_demo_center

        with database.session_factory() as session:
            if not is_demo_center(session):
                raise RuntimeError(f"{options.data_dir} holds a real center's data, not the demo")
    report(START_SCREENS, 0, 0)
    return OpenedStore(database.path, ready, options.demo, database.migration.backup, lost=lost, key=key,
                       key_store=store.name if store is not None else "")


def run(options: StartOptions, *, started: float) -> int:
    existing = QApplication.instance()
    assert existing is None or isinstance(existing, QApplication), "a widget application is needed"
    app = existing or QApplication(sys.argv[:1])
    app.setApplicationName("OneWindow")
    app.setOrganizationName("OneWindow")
    install_translations(app, options.lang)
    runner = OperationRunner()
    window = MainWindow(runner, options=options)
    steps = _StartSteps(window)  # lives on the GUI thread: emitting from the writer queues the call
    steps.step.connect(window.show_start_step)
    if options.bench_startup:
        window.first_shown.connect(lambda: _report_startup(started))
        window.data_loaded.connect(lambda: _report_loaded(started))
    window.show()

    def opened(store: OpenedStore) -> None:
        if store.damage is None:  # a damaged store is no proof that an updated version works
            window.data_loaded.connect(_started_ok)
        window.store_opened(store)

    def failed(failure: Failure) -> None:
        window.store_failed(failure)
        if options.screenshot:
            app.exit(3)

    if options.screenshot:
        target = options.screenshot

        def shoot() -> None:
            # The screens fill in from their own operations after the data
            # arrives, and lay out when those land: the grab waits until no
            # operation has been out for a while (at most a few seconds), as a
            # worker looking at the screen would.
            target.parent.mkdir(parents=True, exist_ok=True)
            quiet = {"ticks": 0, "left": SCREENSHOT_WAIT_TICKS}

            def settled() -> None:
                quiet["ticks"] = quiet["ticks"] + 1 if runner.is_idle() else 0
                quiet["left"] -= 1
                if quiet["ticks"] >= SCREENSHOT_QUIET_TICKS or quiet["left"] <= 0:
                    poll.stop()
                    window.grab().save(str(target), "PNG")
                    app.exit(0)

            poll = QTimer(window)
            poll.setInterval(100)
            poll.timeout.connect(settled)
            poll.start()

        window.data_loaded.connect(shoot)
    # Open the store only once the window is on screen: the import of the
    # database layer would otherwise compete with the first paint for the GIL.
    def open_in_background() -> None:
        runner.task(lambda: open_store(options, runner, progress=steps.step.emit)).success(opened).failure(failed).run()

    window.first_shown.connect(open_in_background)
    window.reopen_store.connect(open_in_background)  # after a backup was restored
    # Closing the window first sends what waits for the county (MainWindow.closeEvent).
    window.sync.finished.connect(lambda report, _manual: log.info(
        "sync: %s, %d sent, %d received, %d waiting", report.state, report.pushed, report.pulled, report.pending))
    code = app.exec()
    # A sync still running was told to stop at its next step; every step is
    # its own transaction, so leaving it behind loses nothing.
    window.sync.cancel()
    idle = window.sync.wait_idle(3_000)
    idle = runner.wait_idle(10_000) and idle
    if idle:
        close_store(runner, options.data_dir)
    return code


def close_store(runner: OperationRunner, data_dir: Path) -> bool:
    """A clean exit: close the database's connections (SQLite folds its log
    into the file) and stamp the file as left, so that the next start opens
    it without reading all of it (store_health). False: not stamped (the
    database was never opened, or a connection is still out)."""
    factory = runner.session_factory
    engine = getattr(factory, "kw", {}).get("bind") if factory is not None else None
    if engine is None:
        return False
    from app.services.store_health import note_clean_exit

    engine.dispose()
    stamped = note_clean_exit(data_dir)
    log.info("database closed %s", "cleanly" if stamped else "with its log still open: the next start checks it")
    return stamped


def _started_ok() -> None:
    """The store opened and the window shows its data: an updated version on trial is good."""
    if mark_started():
        log.info("the updated version started OK")


def _report_startup(started: float) -> None:
    print(f"STARTUP_SHOWN {time.perf_counter() - started:.6f}", flush=True)


def _report_loaded(started: float) -> None:
    """The window shows its data: the database checked, opened (decrypted) and read."""
    print(f"STARTUP_LOADED {time.perf_counter() - started:.6f}", flush=True)
    QTimer.singleShot(0, QApplication.quit)
