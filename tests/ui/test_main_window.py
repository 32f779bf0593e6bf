"""The main window on a real database: login, data loaded, lock, navigation."""
from __future__ import annotations

import time

import pytest

from app.services.demo import build_demo
from app.ui.application import OpenedStore, open_store
from app.ui.main_window import NAV_KEYS, MainWindow
from tests.ui.conftest import HEAD_PASSWORD


@pytest.fixture
def window(qtbot, runner, options):
    win = MainWindow(runner, options=options)
    qtbot.addWidget(win)
    win.show()
    return win


def test_fresh_database_opens_the_setup_wizard(qtbot, window, runner, options) -> None:
    store = open_store(options, runner)
    assert store == OpenedStore(store.db_path, False, False, None)
    window.store_opened(store)
    from app.ui.setup_wizard import SetupWizard

    assert isinstance(window._dialog, SetupWizard) and window._dialog.isVisible()
    assert not window.nav.isEnabled()  # nothing works before the setup
    assert "初始设置" in window.message.text()


def test_login_then_cases_load_and_status_bar_is_filled(qtbot, window, runner, options, db) -> None:
    build_demo(db.session_factory, residents=20, cases=60, days=20)
    store = OpenedStore(db.path, is_set_up=True, is_demo=False, backup=None)
    with qtbot.waitSignal(window.data_loaded, timeout=5000):
        window.store_opened(store)
    dialog = window._dialog
    dialog.username.setText("zhuren")
    dialog.password.setText("demo2026")
    dialog.try_login()
    assert window.actor is not None and window.actor.is_head
    cases = window.screens["cases"]
    assert cases.model.rowCount() == 60 == cases.model.total()
    assert window.stack.currentWidget() is window.screens["today"]  # a login lands on the worker's day
    assert "示范村党群服务中心" in window.center_label.text()
    assert "王建国" in window.staff_label.text()
    assert "上次同步：从未同步" in window.sync_label.text() and "待同步" in window.sync_label.text()
    assert str(db.path) in window.center_label.toolTip()
    for key in NAV_KEYS:  # every screen opens without error
        window.go(key)
        assert window.stack.currentWidget() is window.screens[key]
    assert window.screens["catalog"].table.rowCount() >= 60
    # a case number (typed, or scanned from a receipt's QR code) opens the case
    first = cases.model.row_at(0)
    window.search.setText(f"https://county.example.org/status?case={first.case_number}&code=ABC234")
    window._global_search()
    from app.ui.case_detail import CaseDetailDialog

    assert isinstance(window._dialog, CaseDetailDialog) and window._dialog.detail.case_number == first.case_number
    window._dialog.close()
    # anything else filters the case list
    window.search.setText(first.resident_name)
    window._global_search()
    total = cases.model.total()
    assert 1 <= total < 60
    assert all(first.resident_name in cases.model.row_at(i).resident_name + cases.model.row_at(i).item_name
               for i in range(cases.model.rowCount()))


def test_idle_lock_hides_data_until_login(qtbot, window, runner, options, set_up_db) -> None:
    window.store_opened(OpenedStore(set_up_db.path, is_set_up=True, is_demo=False, backup=None))
    window._dialog.username.setText("wangjg")
    window._dialog.password.setText(HEAD_PASSWORD)
    window._dialog.try_login()
    assert window.actor is not None
    window.idle_lock_minutes = 1
    window.idle.last_input = time.monotonic() - 61
    window._check_idle()
    assert window.locked and window.actor is None
    assert window.stack.currentWidget() is window.message
    assert not window.nav.isEnabled()
    assert window._dialog.username.text() == "wangjg"  # the same user unlocks
    window.go("cases")  # navigation is refused while locked
    assert window.stack.currentWidget() is window.message
    window._dialog.password.setText(HEAD_PASSWORD)
    window._dialog.try_login()
    assert not window.locked and window.actor is not None


def test_deadline_badge_counts_overdue(qtbot, window, runner, options, db) -> None:
    build_demo(db.session_factory, residents=20, cases=150, days=40)
    window.store_opened(OpenedStore(db.path, is_set_up=True, is_demo=False, backup=None))
    window._dialog.username.setText("lina")
    window._dialog.password.setText("demo2026")
    window._dialog.try_login()
    window.go("deadlines")
    board = window.screens["deadlines"]
    assert "已超期" in board.summary.text()
    rows = [board.model.row_at(i) for i in range(board.model.rowCount())]
    assert rows, "the demo has open cases with deadlines"
    dues = [r.committed_due for r in rows]
    assert dues == sorted(dues)  # earliest first: overdue ones on top
    assert board.model.total() == len(rows)  # all of them fit on the first page
    overdue = sum(r.deadline == "overdue" for r in rows)
    due_soon = sum(r.deadline == "due_soon" for r in rows)
    # Inquiries awaiting follow-up count in the badge too.
    from app.clock import local_today
    from app.services.calendar_store import load_work_calendar
    from app.services.inquiries import follow_up_counts

    with db.session_factory() as session:
        follow = follow_up_counts(session, today=local_today(), calendar=load_work_calendar(session))
    assert board.follow_ups.rowCount() == follow.overdue + follow.due_soon + follow.waiting
    overdue += follow.overdue
    due_soon += follow.due_soon
    # So do open complaints (投诉举报), by their committed answer date.
    from app.services.complaints import complaint_counts

    with db.session_factory() as session:
        complaints = complaint_counts(session, today=local_today(), calendar=load_work_calendar(session))
    assert board.complaints.rowCount() == complaints.overdue + complaints.due_soon + complaints.on_time
    overdue += complaints.overdue
    due_soon += complaints.due_soon
    item_text = window.nav.item(NAV_KEYS.index("deadlines")).text()
    if overdue + due_soon:
        assert item_text.endswith(f"({overdue}/{due_soon})")
    else:
        assert "(" not in item_text
    assert f"已超期：{overdue - follow.overdue - complaints.overdue}" in board.summary.text()


SMALL_SCREEN = """
from PySide6.QtWidgets import QApplication
app = QApplication([])
from pathlib import Path
from app.config import StartOptions
from app.ui.main_window import MainWindow, TITLE_BAR_ALLOWANCE
from app.ui.operations import OperationRunner
options = StartOptions(data_dir=Path("unused"), demo=False, lang="zh_CN", screenshot=None, encrypt=False)
window = MainWindow(OperationRunner(), options=options)
print(window.height(), app.primaryScreen().availableGeometry().height() - TITLE_BAR_ALLOWANCE)
"""


def _on_a_1366x768_screen(tmp_path, script: str, *args: str, timeout: int = 180):
    """``script`` run with ``args`` in a fresh process whose only screen is a 1366x768 desk monitor at 96 dpi."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "desk", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96}]}))
    root = Path(__file__).resolve().parents[2]
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=root,
                          env={"QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(root),
                               "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, timeout=timeout)


def test_the_first_size_fits_a_1366x768_screen(tmp_path) -> None:
    result = _on_a_1366x768_screen(tmp_path, SMALL_SCREEN, timeout=60)
    height, room = (int(part) for part in result.stdout.split()[-2:])
    assert height <= room < 768, result.stderr


def test_no_screen_makes_the_window_taller_than_a_768_pixel_screen(qtbot, window, runner, options, db) -> None:
    # The window cannot be smaller than its tallest screen: 设置's stacked boxes
    # made it 888 pixels tall, so on a 1366x768 monitor the status bar with
    # 锁定 and the sync state was off the bottom, whatever the window's size.
    build_demo(db.session_factory, residents=5, cases=10, days=5)
    store = OpenedStore(db.path, is_set_up=True, is_demo=False, backup=None)
    with qtbot.waitSignal(window.data_loaded, timeout=5000):
        window.store_opened(store)
    dialog = window._dialog
    dialog.username.setText("zhuren")
    dialog.password.setText("demo2026")
    dialog.try_login()
    for key in NAV_KEYS:
        window.go(key)
        assert window.minimumSizeHint().height() <= 768 - 32 - 40, key  # title bar, taskbar


LOGGED_IN_DEMO = """
import json, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.ui.i18n import install_translations
install_translations(app, sys.argv[1])
from app.config import StartOptions
from app.services.demo import build_demo
from app.ui.application import OpenedStore, open_store
from app.ui.main_window import TITLE_BAR_ALLOWANCE, MainWindow
from app.ui.operations import InlineLanes, OperationRunner
options = StartOptions(data_dir=Path(tempfile.mkdtemp()), demo=False, lang=sys.argv[1], screenshot=None,
                       encrypt=False)
runner = OperationRunner(executor=InlineLanes())
store = open_store(options, runner)
build_demo(runner.session_factory, residents=int(sys.argv[2]), cases=int(sys.argv[3]), days=int(sys.argv[4]))
window = MainWindow(runner, options=options)
window.show()
window.store_opened(OpenedStore(store.db_path, is_set_up=True, is_demo=False, backup=None))
def settle(ms):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
settle(200)
window._dialog.username.setText("zhuren")
window._dialog.password.setText("demo2026")
window._dialog.try_login()
settle(300)
"""
#: The demo's size for each script: residents, cases, days.
TODAY_DEMO = ("30", "80", "20")
STATUS_BAR_DEMO = ("10", "20", "5")

TODAY_ON_A_SMALL_SCREEN = LOGGED_IN_DEMO + """
room = app.primaryScreen().availableGeometry()
window.go("today")
window.resize(room.width(), room.height() - TITLE_BAR_ALLOWANCE)
settle(300)
day = window.screens["today"].day
from PySide6.QtWidgets import QScrollArea
scroll = day.findChild(QScrollArea)
squeezed = [code for code, box in day.boxes.items() if box.height() < box.minimumSizeHint().height()]
print(window.width(), room.width(), window.minimumSizeHint().width(),
      int(scroll.verticalScrollBar().isVisible()), ",".join(squeezed) or "-")
"""


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_today_fits_a_1366x768_screen_and_scrolls_in_either_language(tmp_path, lang: str) -> None:
    # In English the window could not be narrower than 1538 pixels (台账统计's
    # row of export and print buttons), wider than the screen it was on.
    result = _on_a_1366x768_screen(tmp_path, TODAY_ON_A_SMALL_SCREEN, lang, *TODAY_DEMO)
    width, room, minimum, scrolls, squeezed = result.stdout.split()[-5:]
    assert int(minimum) <= int(room) and int(width) <= int(room), result.stderr[-2000:]
    assert scrolls == "1" and squeezed == "-"  # the sections keep their height; the day scrolls


STATUS_BAR_AT_DESK_WIDTHS = LOGGED_IN_DEMO + """
from datetime import datetime, timezone
from app.ui.sync import PH_IDLE, SyncStatus
window.go("today")
label = window.sync_label
seen = {}
for width in (1280, 1366):
    window.resize(width, 768 - TITLE_BAR_ALLOWANCE)
    window.show_sync(SyncStatus(phase=PH_IDLE, pending=171, attention=2,
                                last_sync=datetime(2026, 12, 1, 13, 45, tzinfo=timezone.utc)))
    settle(200)
    shown = label.shown_text() if hasattr(label, "shown_text") else label.text()  # a plain label shows it all
    seen[width] = {"window": window.width(), "shown": shown, "whole": label.text(), "tip": label.toolTip(),
                   "fits": label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width(),
                   "parts": label.text().split(" · ")}
print(json.dumps(seen))
"""


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_status_bars_sync_words_fit_a_1280_and_a_1366_window_or_say_all_in_the_tooltip(tmp_path,
                                                                                              lang: str) -> None:
    # In English at 1280 (the default width) the bar read "…last sync: 2026-12-01 13:45 · 171 records wai".
    import json

    result = _on_a_1366x768_screen(tmp_path, STATUS_BAR_AT_DESK_WIDTHS, lang, *STATUS_BAR_DEMO)
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    for width, bar in seen.items():
        assert bar["window"] == int(width) and bar["fits"], (width, bar)
        phase, last, waiting = bar["parts"]
        assert "171" in waiting and waiting in bar["shown"] and phase in bar["shown"]  # whole words, the count kept
        assert bar["tip"].splitlines() == [phase, last, waiting]  # and everything in the tooltip


def test_a_fitting_label_leaves_out_the_spare_part_then_shortens_the_first_then_the_end(qtbot) -> None:
    from app.ui.fitting_label import FittingLabel

    label = FittingLabel()
    qtbot.addWidget(label)
    parts = ["Offline: the county server cannot be reached", "last sync: 2026-12-01 13:45",
             "171 records waiting to sync"]
    label.set_parts(parts, spare=[1])
    metrics = label.fontMetrics()

    def at(width: int) -> str:
        label.resize(width, label.sizeHint().height())
        shown = label.shown_text()
        assert metrics.horizontalAdvance(shown) <= label.contentsRect().width(), (width, shown)
        return shown

    assert label.text() == " · ".join(parts) and at(label.sizeHint().width()) == label.text()
    assert at(metrics.horizontalAdvance(f"{parts[0]} · {parts[2]}") + 2) == f"{parts[0]} · {parts[2]}"
    squeezed = at(metrics.horizontalAdvance(f"Offline: the · {parts[2]}"))
    assert squeezed.startswith("Offline") and squeezed.endswith(f"… · {parts[2]}")  # the count stays whole
    assert at(90).endswith("…") and label.minimumSizeHint().width() < label.sizeHint().width()
    label.setText("plain text, no parts")  # set as a plain label: cut at the end
    assert at(metrics.horizontalAdvance("plain text")).endswith("…")
