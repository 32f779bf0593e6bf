"""The one search box, the lock button, the F1 shortcut list and the start-up progress."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit
from sqlalchemy import select

from app.db import DB_FILENAME, create_sqlite_engine, make_session_factory
from app.models import Resident
from app.services.demo import build_demo
from app.ui.application import OpenedStore, open_store
from app.ui.main_window import START_DEMO, START_OPEN, START_SCREENS, MainWindow
from app.ui.shortcuts import SHORTCUTS, ShortcutsDialog

EMPTY_HINT = "没有找到“{}”。可以输入：姓名、拼音首字母、身份证号、手机号或后4位、办件编号"


@pytest.fixture(scope="module")
def demo_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo center, built once for the module."""
    path = tmp_path_factory.mktemp("search-demo") / DB_FILENAME
    shutil.copy(template_db, path)
    engine = create_sqlite_engine(path)
    build_demo(make_session_factory(engine), residents=20, cases=60, days=20)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def data_dir(tmp_path: Path, demo_db: Path) -> Path:
    """Each test's data folder holds a copy of the demo center."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(demo_db, folder / DB_FILENAME)
    return folder


@pytest.fixture
def window(qtbot, runner, options, db) -> MainWindow:
    win = MainWindow(runner, options=options)
    qtbot.addWidget(win)
    win.show()
    win.store_opened(OpenedStore(db.path, is_set_up=True, is_demo=False, backup=None))
    win._dialog.username.setText("lina")
    win._dialog.password.setText("demo2026")
    win._dialog.try_login()
    assert win.actor is not None
    return win


def _search(window: MainWindow, text: str) -> list[str]:
    window.search.setText(text)
    window.search.returnPressed.emit()
    cases = window.screens["cases"]
    assert window.stack.currentWidget() is cases
    return [cases.model.row_at(i).resident_name for i in range(cases.model.rowCount())]


def _resident_with_cases(db) -> tuple[str, str]:
    """(name, phone) of a demo resident with cases and a phone no other resident shares."""
    from app.models import Case

    with db.session_factory() as session:
        rows = session.execute(select(Resident.name, Resident.phone).join(Case, Case.resident_id == Resident.id)
                               .where(Resident.phone != "").order_by(Resident.name)).all()
        for name, phone in rows:
            if session.scalar(select(Resident.id).where(Resident.phone_last4 == phone[-4:],
                                                        Resident.name != name).limit(1)) is None:
                return name, phone
    raise AssertionError("the demo has residents with phones and cases")


def test_the_global_search_finds_cases_by_phone_and_its_last_4_digits(window, db) -> None:
    name, phone = _resident_with_cases(db)
    for typed in (phone, phone[:3] + " " + phone[3:7] + " " + phone[7:], phone[-4:]):
        found = _search(window, typed)
        assert found and set(found) == {name}, typed
        hint = window.screens["cases"].search_hint
        assert hint.isVisible() and typed.strip() in hint.text()
    # clearing the box lists every case again
    window.search.clear()
    assert window.screens["cases"].model.total() == 60
    assert not window.screens["cases"].show_all.isVisible()


def test_an_empty_result_says_what_was_searched_and_what_can_be_typed(window, db) -> None:
    with db.session_factory() as session:
        used = set(session.scalars(select(Resident.phone_last4)))
    unused = next(f"{n:04d}" for n in range(1000, 10000) if f"{n:04d}" not in used)
    for typed in (unused, "查无此人"):
        assert _search(window, typed) == []
        cases = window.screens["cases"]
        assert cases.search_hint.isVisible() and cases.search_hint.text() == EMPTY_HINT.format(typed)
        assert cases.show_all.isVisible()
    cases.show_all.click()  # back to every case, and the box is cleared
    assert cases.model.total() == 60 and window.search.text() == ""
    assert not cases.search_hint.isVisible()


def test_a_case_number_in_the_box_lists_and_opens_that_case(window) -> None:
    cases = window.screens["cases"]
    first = cases.model.row_at(0)
    _search(window, first.case_number.lower())
    assert cases.model.total() == 1 and cases.model.row_at(0).case_number == first.case_number
    from app.ui.case_detail import CaseDetailDialog

    assert isinstance(window._dialog, CaseDetailDialog) and window._dialog.detail.case_number == first.case_number
    window._dialog.close()


def test_the_cases_screen_has_no_search_box_of_its_own(window) -> None:
    cases = window.screens["cases"]
    boxes = [edit for edit in cases.findChildren(QLineEdit) if not isinstance(edit.parent(), QAbstractSpinBox)]
    assert boxes == []  # only the main window's box, above every screen
    window.go("cases")
    assert window.search.isVisible() and "手机号或后4位" in window.search.placeholderText()


def test_the_lock_button_locks_like_ctrl_l(window) -> None:
    assert window.lock_button.isVisible() and window.lock_button.isEnabled()
    assert window.lock_button.text() == "锁定" and "Ctrl+L" in window.lock_button.toolTip()
    window.lock_button.click()
    assert window.locked and window.actor is None
    assert not window.lock_button.isEnabled()  # nothing to lock until someone logs in
    assert window.stack.currentWidget() is window.message


def _shortcut(window: MainWindow, keys: str) -> QShortcut:
    wanted = QKeySequence(keys)
    return next(s for s in window.findChildren(QShortcut) if s.key() == wanted and s.parent() is window)


def test_f1_lists_every_shortcut_of_the_window(window) -> None:
    _shortcut(window, "F1").activated.emit()
    dialog = window._help_dialog
    assert isinstance(dialog, ShortcutsDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "快捷键"
    keys = [key for listed in dialog.key_texts() for key in listed.split(" / ")]
    for key in ("F1", "F2", "F4", "F5", "Ctrl+F", "Ctrl+L", "Ctrl+N", "Esc", "Ctrl+P"):
        assert key in keys, key
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}
    assert "锁定" in rows["Ctrl+L"] and "刷新" in rows["F5"] and "手机号" in rows["Ctrl+F"]
    assert rows["Ctrl+P / 回车"] == "打印全部文书"


def test_the_shortcut_table_is_the_keys_the_app_answers_to(window, qtbot) -> None:
    """Every key a global entry names is registered on the window, calling its
    action; every QShortcut of any screen is listed in the table."""
    listed = {QKeySequence(k) for entry in SHORTCUTS for k in entry.keys}
    for entry in SHORTCUTS:
        for keys in entry.keys if entry.action else ():
            assert _shortcut(window, keys) is not None
    registered = {s.key() for s in window.findChildren(QShortcut)}
    assert registered <= listed, registered - listed
    window._typed_screens().intake.start()  # the intake's steps register their keys too
    registered = {s.key() for s in window.findChildren(QShortcut)}
    assert registered <= listed, registered - listed
    # F5 refreshes: the case list reloads
    with qtbot.waitSignal(window.screens["cases"].model.loaded, timeout=3000):
        _shortcut(window, "F5").activated.emit()


def test_the_print_preview_keys_are_listed() -> None:
    import inspect

    from app.ui import printing

    source = inspect.getsource(printing)
    assert 'QKeySequence("Ctrl+P")' in source
    assert any("Ctrl+P" in entry.keys for entry in SHORTCUTS)


def test_the_first_demo_start_names_each_step_with_its_progress(qtbot, runner, options, monkeypatch,
                                                                tmp_path) -> None:
    import dataclasses

    from app.services import demo

    real = demo.build_demo
    monkeypatch.setattr(demo, "build_demo", lambda factory, **kw: real(factory, residents=5, cases=150, days=5, **kw))
    steps: list[tuple[str, int, int]] = []
    fresh = dataclasses.replace(options, demo=True, data_dir=tmp_path / "fresh")  # an empty data folder
    store = open_store(fresh, runner,
                       progress=lambda step, done, total: steps.append((step, done, total)))
    assert store.is_set_up and store.is_demo
    assert steps == [(START_OPEN, 0, 0), (START_DEMO, 0, 0), (START_DEMO, 100, 150), (START_DEMO, 150, 150),
                     (START_SCREENS, 0, 0)]
    win = MainWindow(runner, options=options)
    qtbot.addWidget(win)
    shown = []
    for step in steps:
        win.show_start_step(*step)
        shown.append(win.message.text())
    assert "正在打开数据库…" in shown[0]
    assert "示例数据 100/150…" in shown[2] and "仅首次启动" in shown[2]
    assert "正在载入界面…" in shown[-1]
