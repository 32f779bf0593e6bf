"""外出服务 in the real widgets: pick the visits, check, set out, take in at the
home (the case marked 上门 with the place), come back."""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.clock import local_today, utcnow
from app.db import Database
from app.models import Case, Resident
from app.services import field_service as fs
from app.services import whereabouts
from app.ui.operations import InlineLanes, OperationRunner
from app.ui.screens.field import COL_PICK, FieldScreen
from app.ui.screens.intake import STEP_DONE, STEP_OUTCOME, IntakeScreen
from tests.ui.conftest import _Template
from tests.ui.test_intake import choose_item, choose_resident, enter


@pytest.fixture
def runner(qapp, desk_db: Database) -> OperationRunner:
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = desk_db.session_factory
    return runner


@pytest.fixture
def field(qtbot, runner: OperationRunner, desk_db: Database, intake_template: _Template) -> FieldScreen:
    with desk_db.session_factory.begin() as session:
        resident = session.scalars(select(Resident).order_by(Resident.name)).first()
        resident.village_group, resident.address = "三组", "和平村三组12号"
        fs.set_home_service(session, intake_template.head, resident.id, True)
    widget = FieldScreen(runner)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    widget.set_actor(intake_template.head)
    return widget


def test_pick_check_set_out_and_come_back(qtbot, field: FieldScreen, desk_db: Database,
                                          intake_template: _Template) -> None:
    assert field.table.rowCount() == 1 and "三组" in field.table.item(0, 5).text()
    assert not field.picked_keys()
    field.table.item(0, COL_PICK).setCheckState(Qt.CheckState.Checked)
    field.check()  # no sync here: the list says so and what the PC holds
    texts = [field.ready_list.item(i).text() for i in range(field.ready_list.count())]
    assert any("✗" in t for t in texts) and any("未开通" in t or "注册" in t for t in texts), texts
    if os.environ.get("ONEWINDOW_SHOTS"):
        field.grab().save(str(Path(os.environ["ONEWINDOW_SHOTS"]) / "field-before.png"))
    qtbot.mouseClick(field.start_button, Qt.MouseButton.LeftButton)
    assert field.error.text() == "" or not field.error.isVisible(), field.error.text()
    assert "外出服务中" in field.banner.text() and field.end_button.isVisible() and not field.start_button.isVisible()
    with desk_db.session_factory() as session:
        note = whereabouts.open_note(session, intake_template.head.staff_id)
        assert note is not None and note.destination == "上门：三组"
    with qtbot.waitSignal(field.take_in_resident) as wanted:
        field.table.setCurrentCell(0, 2)
        qtbot.mouseClick(field.take_in_button, Qt.MouseButton.LeftButton)
    assert wanted.args[0] is not None
    if os.environ.get("ONEWINDOW_SHOTS"):
        field.grab().save(str(Path(os.environ["ONEWINDOW_SHOTS"]) / "field-away.png"))
    from PySide6.QtCore import QTimer  # the message box of the return is modal: answer it from a timer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def close_box() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                if os.environ.get("ONEWINDOW_SHOTS"):
                    widget.grab().save(str(Path(os.environ["ONEWINDOW_SHOTS"]) / "field-back.png"))
                widget.accept()

    QTimer.singleShot(200, close_box)
    qtbot.mouseClick(field.end_button, Qt.MouseButton.LeftButton)
    with desk_db.session_factory() as session:
        assert whereabouts.open_note(session, intake_template.head.staff_id) is None
        assert fs.current_trip(session) is None
    assert field.start_button.isVisible() and "在中心" in field.banner.text()


def test_intake_on_the_laptop_marks_the_case_with_the_visits_place(qtbot, runner: OperationRunner, desk_db: Database,
                                                                    intake_template: _Template) -> None:
    with desk_db.session_factory.begin() as session:
        resident = session.scalars(select(Resident).where(Resident.name == "张三丰")).one()
        resident.village_group, resident.address = "三组", "和平村三组12号"
        fs.enter_field_mode(session, intake_template.head, fs.TripInput(
            "home", "三组", utcnow() + timedelta(hours=4), (f"resident:{resident.id}",)))
    screen = IntakeScreen(runner)
    qtbot.addWidget(screen)
    screen.set_actor(intake_template.head)
    screen.resize(1100, 760)
    screen.show()
    screen.start()
    choose_resident(qtbot, screen)
    choose_item(qtbot, screen, "城乡居民基本养老保险待遇领取资格认证")
    enter(qtbot, screen.materials)
    assert screen.current_step() == STEP_OUTCOME
    assert screen.field_mode.currentData() == "home" and screen.field_place.text() == "三组 和平村三组12号"
    assert screen.field_place.isVisible()
    if os.environ.get("ONEWINDOW_SHOTS"):
        screen.grab().save(str(Path(os.environ["ONEWINDOW_SHOTS"]) / "field-intake.png"))
    screen.field_place.clear()
    enter(qtbot, screen.outcomes)
    assert screen.current_step() == STEP_OUTCOME and "地点" in screen.outcome_error.text()  # named, nothing lost
    assert screen.field_place.hasFocus() or not screen.isActiveWindow()
    screen.field_place.setText("三组 和平村三组12号（儿子家）")
    with qtbot.waitSignal(screen.finished):
        enter(qtbot, screen.outcomes)
    assert screen.current_step() == STEP_DONE
    with desk_db.session_factory() as session:
        case = session.scalars(select(Case)).one()
        assert (case.field_mode, case.field_place) == ("home", "三组 和平村三组12号（儿子家）")
    assert local_today() == case.received_at.astimezone().date()
    from app.ui.screens.ledger import LedgerScreen

    ledger = LedgerScreen(runner)
    qtbot.addWidget(ledger)
    ledger.set_actor(intake_template.head)
    ledger.resize(1280, 700)
    ledger.reload()
    ledger.show()
    ledger.tabs.setCurrentIndex(ledger.tabs.count() - 1)
    titles = [ledger.tabs.tabText(i) for i in range(ledger.tabs.count())]
    assert "上门巡回台账 (1)" in titles, titles
    if os.environ.get("ONEWINDOW_SHOTS"):
        ledger.grab().save(str(Path(os.environ["ONEWINDOW_SHOTS"]) / "field-ledger.png"))


def test_the_check_syncs_first_and_lists_what_the_pc_holds(qtbot, runner: OperationRunner, desk_db: Database,
                                                           intake_template: _Template) -> None:
    from types import SimpleNamespace

    from PySide6.QtCore import QObject, Signal

    class FakeSync(QObject):
        finished = Signal(object, bool)

        def __init__(self, ok: bool) -> None:
            super().__init__()
            self.ok, self.asked = ok, []

        def is_running(self) -> bool:
            return False

        def sync_now(self, *, manual: bool = True, trigger: str = "manual") -> bool:
            self.asked.append(trigger)
            self.finished.emit(SimpleNamespace(ok=self.ok, message="" if self.ok else "无法连接县级服务器"), manual)
            return True

    with desk_db.session_factory.begin() as session:
        resident = session.scalars(select(Resident).order_by(Resident.name)).first()
        resident.village_group, resident.address = "三组", "和平村三组12号"
        fs.set_home_service(session, intake_template.head, resident.id, True)
    for ok in (False, True):
        sync = FakeSync(ok)
        widget = FieldScreen(runner, sync=sync)  # type: ignore[arg-type]
        qtbot.addWidget(widget)
        widget.set_actor(intake_template.head)
        widget.table.item(0, COL_PICK).setCheckState(Qt.CheckState.Checked)
        widget.check()
        texts = [widget.ready_list.item(i).text() for i in range(widget.ready_list.count())]
        assert sync.asked == ["field"]
        assert any("在办件 0 件" in t for t in texts), texts
        if ok:
            assert texts[0].startswith("✓ 刚刚已与县级服务器同步")
        else:
            assert any("无法连接县级服务器" in t or "尚未在县级服务器注册" in t for t in texts), texts


def test_the_resident_page_flags_home_service(qtbot, runner: OperationRunner, desk_db: Database,
                                              intake_template: _Template) -> None:
    from app.ui.resident_page import ResidentPageDialog

    with desk_db.session_factory() as session:
        resident_id = session.scalars(select(Resident.id).where(Resident.name == "张三丰")).one()
    page = ResidentPageDialog(runner, resident_id, actor=intake_template.head)
    qtbot.addWidget(page)
    page.show()
    assert not page.home_service.isChecked()
    qtbot.mouseClick(page.home_service, Qt.MouseButton.LeftButton)
    with desk_db.session_factory() as session:
        assert session.get(Resident, resident_id).home_service is True
        assert [v.name for v in fs.candidates(session, intake_template.head, first=local_today(),
                                             last=local_today())] == ["张三丰"]
