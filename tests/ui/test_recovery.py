"""The restore screen: a damaged database is named, a backup restores it in one step."""
from __future__ import annotations

import pytest

from app.db import backup_database
from app.services.store_health import DAMAGED_DIRNAME
from app.ui.application import open_store
from app.ui.main_window import MainWindow
from app.ui.recovery import RecoveryScreen


@pytest.fixture
def window(qtbot, runner, options):
    win = MainWindow(runner, options=options)
    qtbot.addWidget(win)
    win.show()
    return win


def test_an_empty_database_beside_a_backup_opens_the_restore_screen_not_the_wizard(
        qtbot, window, runner, options, set_up_db) -> None:
    backup = backup_database(set_up_db.path, reason="manual")
    set_up_db.dispose()
    set_up_db.path.write_bytes(b"")  # what a power cut can leave
    store = open_store(options, runner)
    assert store.damage is not None and not store.is_set_up
    window.store_opened(store)
    screen = window.recovery
    assert isinstance(screen, RecoveryScreen) and window.stack.currentWidget() is screen
    assert window._dialog is None  # no setup wizard
    assert screen.table.rowCount() == 1 and screen.table.item(0, 1).text() == "0"
    assert screen.chosen() is not None and screen.restore_button.isEnabled()
    with qtbot.waitSignal(window.reopen_store, timeout=5000):
        screen.restore_button.click()
    kept = list((options.data_dir / DAMAGED_DIRNAME).glob("*/onewindow.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == b""  # kept aside, never deleted
    again = open_store(options, runner)
    assert again.damage is None and again.is_set_up
    assert backup.exists()


def test_without_a_backup_the_screen_says_what_to_do(qtbot, window, runner, options, set_up_db) -> None:
    from app.numbering import LEDGER_FILENAME

    (options.data_dir / LEDGER_FILENAME).write_text(
        '{"format": "onewindow-issued-numbers", "highest": {"QS01-03-20260212-": 4}}', encoding="utf-8")
    set_up_db.dispose()
    set_up_db.path.unlink()
    store = open_store(options, runner)
    window.store_opened(store)
    screen = window.recovery
    assert screen.table.rowCount() == 0 and not screen.restore_button.isEnabled()
    assert "没有备份" in screen.status.text()


def test_a_clean_exit_spares_the_next_start_the_whole_file_check(runner, options, set_up_db) -> None:
    """Open → work → close as the program closes: the next start opens the
    file at once; a start after a crash (no clean exit) reads it all."""
    from app.services.store_health import check_store
    from app.ui.application import close_store

    set_up_db.dispose()
    assert open_store(options, runner).damage is None
    assert check_store(options.data_dir).full  # open for work: a crash now would leave it unchecked
    assert close_store(runner, options.data_dir)
    assert check_store(options.data_dir).full is False
    store = open_store(options, runner)  # the next start; then it crashes: no close_store
    assert store.damage is None and store.is_set_up
    assert check_store(options.data_dir).full
