"""A card on a reader with a local service fills the intake lookup exactly as a
keyboard reader's typing does; 设置 → 读卡器 saves the head's choice."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.db import Database
from app.services.id_reader import MODE_LOCAL_SERVICE, ReaderSettings
from app.services.staff import check_login
from app.ui.id_reader import CardReaderPoller, IdReaderBox
from app.ui.operations import InlineLanes, OperationRunner
from app.ui.screens.intake import STEP_ITEM, IntakeScreen
from tests.id_card_service import FakeCardService, vendor_answer
from tests.ui.conftest import HEAD_PASSWORD, _Template
from tests.ui.test_intake import ZHANG_ID


@pytest.fixture
def screen(qtbot, qapp, desk_db: Database, intake_template: _Template) -> IntakeScreen:
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = desk_db.session_factory
    widget = IntakeScreen(runner)
    qtbot.addWidget(widget)
    widget.set_actor(intake_template.head)
    widget.show()
    widget.start()
    return widget


def test_a_card_read_by_the_local_service_fills_the_lookup_like_typing(qtbot, screen: IntakeScreen) -> None:
    # The keyboard path, for comparison.
    qtbot.keyClicks(screen.lookup, ZHANG_ID)
    qtbot.keyClick(screen.lookup, Qt.Key.Key_Return)
    typed = (screen.current_step(), screen._resident.id, screen.lookup.text())
    screen.start()

    poller = CardReaderPoller()
    poller.card_read.connect(lambda read: screen.fill_from_card(read.id_number))
    with FakeCardService() as service:
        poller.apply(ReaderSettings(MODE_LOCAL_SERVICE, service.url, poll_ms=200))
        try:
            service.card = vendor_answer(ZHANG_ID, "张三丰")
            with qtbot.waitSignal(poller.card_read, timeout=5000) as blocker:
                pass
            qtbot.waitUntil(lambda: screen.current_step() == STEP_ITEM, timeout=5000)
            assert blocker.args[0].photo is None  # never kept unless the setting asks
            assert (screen.current_step(), screen._resident.id, screen.lookup.text()) == typed
            # The card stays on the reader: not read again.
            asked = service.requests
            qtbot.waitUntil(lambda: service.requests > asked + 2, timeout=5000)
            assert screen.current_step() == STEP_ITEM
        finally:
            poller.stop()
    assert not screen.fill_from_card(ZHANG_ID)  # past step 1: a read does not tear an intake apart


def test_the_head_sets_the_reader_in_settings(qtbot, runner, set_up_db) -> None:
    with set_up_db.session_factory.begin() as session:
        head = check_login(session, "wangjg", HEAD_PASSWORD)
    box = IdReaderBox(runner)
    qtbot.addWidget(box)
    box.set_actor(head)
    box.show()
    box.reload()
    assert not box.url.isEnabled()  # keyboard by default
    box.mode.setCurrentIndex(box.mode.findData(MODE_LOCAL_SERVICE))
    box.url.setText("http://192.168.1.9:38088/")
    box.save()
    assert "本机" in box.result.text()
    with FakeCardService() as service:
        service.card = vendor_answer(ZHANG_ID, "张三丰")
        box.url.setText(service.url)
        box.save()
        assert box.result.text() == "已保存。"
        box.test_read()
        assert "*" in box.result.text() and ZHANG_ID not in box.result.text()
    box.resize(720, box.sizeHint().height())
    box.grab().save("/tmp/updates-reader-box.png")
    box.set_actor(None)
    assert not box.save_button.isEnabled()


def test_at_the_desk_a_card_opens_intake_with_the_resident(qtbot, runner, options, db) -> None:
    from sqlalchemy import select

    from app.models import Resident
    from app.services.demo import build_demo
    from app.services.id_reader import save_settings
    from app.ui.application import OpenedStore
    from app.ui.main_window import MainWindow

    build_demo(db.session_factory, residents=5, cases=5, days=5)
    with db.session_factory() as session:
        resident = session.scalars(select(Resident).order_by(Resident.name)).first()
        number, name = resident.id_number, resident.name
    window = MainWindow(runner, options=options)
    qtbot.addWidget(window)
    window.show()
    with FakeCardService() as service:
        with db.session_factory.begin() as session:
            head = check_login(session, "zhuren", "demo2026")
            save_settings(session, head, ReaderSettings(MODE_LOCAL_SERVICE, service.url, poll_ms=200))
        with qtbot.waitSignal(window.data_loaded, timeout=5000):
            window.store_opened(OpenedStore(db.path, is_set_up=True, is_demo=False, backup=None))
        window._dialog.username.setText("lina")
        window._dialog.password.setText("demo2026")
        window._dialog.try_login()
        assert window.stack.currentWidget() is window.screens["today"]
        try:
            service.card = vendor_answer(number, name)
            intake = window.screens["intake"]
            qtbot.waitUntil(lambda: window.stack.currentWidget() is intake and intake.current_step() == STEP_ITEM,
                            timeout=10_000)
            assert intake._resident.name == name
        finally:
            window.card_reader.stop()
