"""The lock covers every window and clears the search; unlocking returns to where the worker was.

Before (issue 17, failure 7): an open case dialog and the last search stayed
visible behind the login box, and after unlocking the main area said
"请登录后继续" until another screen was chosen.
"""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from app.services.staff import add_staff
from app.ui.application import OpenedStore
from app.ui.main_window import MainWindow
from app.ui.resident_page import ResidentPageDialog
from tests.ui.conftest import HEAD_PASSWORD, SETUP


@pytest.fixture
def window(qtbot, runner, options, set_up_db):
    with set_up_db.session_factory.begin() as session:
        from sqlalchemy import select

        from app.models import Staff
        from app.services.staff import actor_for

        head = actor_for(session, session.scalars(select(Staff)).one())
        add_staff(session, head, username="lina", display_name="李娜", password="Lina2026x")
    win = MainWindow(runner, options=options)
    qtbot.addWidget(win)
    win.show()
    win.store_opened(OpenedStore(set_up_db.path, is_set_up=True, is_demo=False, backup=None))
    _login(win, SETUP.head_username, HEAD_PASSWORD)
    return win


def _login(win: MainWindow, user: str, password: str) -> None:
    if not win.locked:
        win._dialog.username.setText(user)
    win._dialog.password.setText(password)
    win._dialog.try_login()
    assert win.actor is not None and win.actor.username == user


def _resident_id(runner) -> object:
    from datetime import date

    from app.models import Resident
    from app.services.identity import RESIDENT_ID, fictional_id_number
    from app.services.residents import ResidentInput, register_resident

    def work(session):
        from sqlalchemy import select

        from app.models import Staff
        from app.services.staff import actor_for

        head = actor_for(session, session.scalars(select(Staff).where(Staff.username == SETUP.head_username)).one())
        number = fictional_id_number(region_code="449901", birth_date=date(1950, 1, 2), sequence=7, gender="男")
        return register_resident(session, head, ResidentInput(doc_type=RESIDENT_ID, id_number=number, name="张三丰",
                                                              phone="13912345678")).resident_id

    result = []
    runner.op(work).success(result.append).run()
    runner.wait_idle()
    assert Resident  # the model is there
    return result[0]


def test_the_lock_hides_every_window_and_the_search(qtbot, window, runner) -> None:
    resident_id = _resident_id(runner)
    window.open_resident(resident_id)
    page = window._resident_dialog
    assert isinstance(page, ResidentPageDialog) and page.isVisible()
    facing = QWidget()  # a resident-facing window (rating pad, queue screen) has no parent
    qtbot.addWidget(facing)
    facing.show()
    window.search.setText("张三丰")
    window._global_search()
    window.lock()
    assert not page.isVisible() and not facing.isVisible()
    assert window.search.text() == "" and window.screens["cases"].search_text() == ""
    assert window.stack.currentWidget() is window.message and window.heading.text() == ""
    assert window._dialog.isVisible()  # only the login is left
    _login(window, SETUP.head_username, HEAD_PASSWORD)
    assert page.isVisible() and facing.isVisible()  # the same worker: everything back


def test_unlocking_returns_to_the_screen_the_worker_was_on(qtbot, window) -> None:
    for key in ("cases", "inquiry"):
        window.go(key)
        screen = window.screens[key]
        window.lock()
        _login(window, SETUP.head_username, HEAD_PASSWORD)
        assert window.stack.currentWidget() is screen, key
        assert window.heading.text()


def test_another_worker_unlocking_does_not_see_the_last_ones_records(qtbot, window, runner) -> None:
    resident_id = _resident_id(runner)
    window.open_resident(resident_id)
    page = window._resident_dialog
    window.lock()
    window._dialog.username.setText("lina")
    window._dialog.password.setText("Lina2026x")
    window._dialog.try_login()
    if window.actor is None:  # a first password to change: this test is about the lock, not that
        pytest.skip("the new account must change its password first")
    assert not page.isVisible()
    assert window.stack.currentWidget() is not window.message


def test_the_residents_whereabouts_board_stays_up_while_the_desk_is_locked(qtbot, window) -> None:
    """It shows what is pinned on the wall anyway (names, posts, work phones,
    where they went): a monitor facing residents must not go blank when the
    worker steps away."""
    from app.ui.public_board import PublicBoardWindow

    board = PublicBoardWindow(window.runner, window.actor.center_id)
    qtbot.addWidget(board)
    board.show()
    window.lock()
    assert board.isVisible() and window._dialog.isVisible()


def test_the_navigation_counts_leave_with_the_lock_and_come_back(qtbot, runner, options, db) -> None:
    """今日 15, 时限预警 2/3, 需要处理 3: the center's work is not for the resident at a locked desk, not even as
    counts, nor when a background sync brings new ones while it is locked."""
    from app.services.demo import build_demo
    from app.ui.main_window import NAV_KEYS
    from app.ui.sync import SyncStatus

    build_demo(db.session_factory, residents=20, cases=60, days=20)
    win = MainWindow(runner, options=options)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.data_loaded, timeout=5000):
        win.store_opened(OpenedStore(db.path, is_set_up=True, is_demo=False, backup=None))
    _login(win, "zhuren", "demo2026")
    qtbot.waitUntil(lambda: "(" in win.nav.item(NAV_KEYS.index("deadlines")).text(), timeout=5000)
    win.show_sync(SyncStatus(attention=3))

    def shown() -> list[str]:
        return [win.nav.item(row).text() for row in range(win.nav.count())]

    before = shown()
    assert before != win._nav_labels() and win.attention_button.isVisible()
    win.lock()
    assert shown() == win._nav_labels() and not win.attention_button.isVisible()  # the bare entries
    assert not any(win.nav.item(row).toolTip() for row in range(win.nav.count()))
    win.screens["today"].counted.emit(16)  # counts arriving while locked stay off the screen
    win.refresh_deadlines()
    win.show_sync(SyncStatus(attention=4))
    qtbot.wait(50)
    assert shown() == win._nav_labels() and not win.attention_button.isVisible()
    _login(win, "zhuren", "demo2026")
    qtbot.wait(50)
    assert shown() == before  # the same worker: the counts are back (today's counted again)
    win.show_sync(SyncStatus(attention=4))
    assert win.attention_button.isVisible() and "4" in win.attention_button.text()


def test_the_status_bar_keeps_the_centers_sync_work_to_itself_while_locked(window, qtbot) -> None:
    """171 records waiting to sync, the history still arriving, 需要处理: the status bar of a locked desk says
    none of it, not even when a background sync updates it while locked; the unlock shows the latest."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from app.ui.sync import PH_OFFLINE, SyncStatus

    def shown() -> str:
        bar = window.statusBar()
        widgets = [w for w in bar.findChildren(QLabel) + bar.findChildren(QAbstractButton) if w.isVisible()]
        return " | ".join(f"{w.text()} {w.toolTip()}" for w in widgets)

    window.show_sync(SyncStatus(phase=PH_OFFLINE, pending=171, attention=2, history=(1200, 5000),
                                message="county unreachable"))
    before = shown()
    assert "171" in before and "1,200" in before and window.attention_button.isVisible()
    window.lock()
    assert "171" not in shown() and "1,200" not in shown() and "county unreachable" not in shown(), shown()
    assert not window.attention_button.isVisible()
    window.show_sync(SyncStatus(phase=PH_OFFLINE, pending=172, attention=3, history=(1300, 5000)))
    qtbot.wait(20)
    assert "172" not in shown() and "1,300" not in shown() and not window.attention_button.isVisible(), shown()
    _login(window, SETUP.head_username, HEAD_PASSWORD)
    assert window.sync_label.isVisible() and window.sync_label.text() and window.sync_button.isVisible()
    window.show_sync(SyncStatus(phase=PH_OFFLINE, pending=172, attention=3, history=(1300, 5000)))
    after = shown()  # (the unlock counts again: this desk's own figures stand in for a later sync)
    assert "172" in after and "1,300" in after and window.attention_button.isVisible()
