"""Sync from the UI: the schedule, "sync now", the link coming back, exit
within a bound, the status bar, the settings section and the needs-attention
list. The engine is a stand-in here; tests/sync/test_ui_live.py runs the real
one against a live county server."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import pytest

from app.db import Database
from app.services.setup import this_device
from app.sync.credentials import write_token
from app.sync.engine import ConnectionCheck, SyncReport
from app.ui.sync import PH_NOT_ENROLLED, PH_OFFLINE, SyncController, SyncStatus


@dataclass
class FakeEngine:
    reports: list[SyncReport] = field(default_factory=list)
    reachable: bool = True
    calls: list[dict[str, Any]] = field(default_factory=list)

    def run(self, **kwargs: Any) -> SyncReport:
        self.calls.append(kwargs)
        return self.reports.pop(0) if self.reports else SyncReport("ok", pending=0)

    def check_connection(self, *_args: Any, **_kwargs: Any) -> ConnectionCheck:
        return ConnectionCheck(self.reachable, "已连通县级服务器" if self.reachable else "无法连接")


@pytest.fixture
def enrolled(set_up_db: Database, data_dir) -> Database:
    with set_up_db.session_factory.begin() as session:
        this_device(session).server_url = "https://county.example.org"
    write_token(data_dir, "owd1_test")
    return set_up_db


def controller_for(runner, data_dir, engine: FakeEngine) -> SyncController:
    controller = SyncController(runner)
    controller.start(runner.session_factory, data_dir, engine=engine, first_sync_ms=-1)
    return controller


def test_a_desk_that_is_not_enrolled_works_offline_and_never_syncs_by_itself(runner, set_up_db, data_dir) -> None:
    engine = FakeEngine()
    controller = controller_for(runner, data_dir, engine)
    assert controller.status.phase == PH_NOT_ENROLLED and not controller.timer.isActive()
    assert controller.sync_now(manual=False) is False and engine.calls == []


def test_the_timer_follows_the_setting(runner, enrolled, data_dir) -> None:
    controller = controller_for(runner, data_dir, FakeEngine())
    assert controller.enrolled and controller.timer.isActive() and controller.timer.interval() == 5 * 60_000
    from app.services import settings

    with enrolled.session_factory.begin() as session:
        settings.put(session, settings.SYNC_INTERVAL_MINUTES, 0)
    controller.refresh()
    assert not controller.timer.isActive()
    with enrolled.session_factory.begin() as session:
        settings.put(session, settings.SYNC_INTERVAL_MINUTES, 15)
    controller.refresh()
    assert controller.timer.isActive() and controller.timer.interval() == 15 * 60_000


def test_errors_of_a_sync_the_worker_asked_for_are_shown_periodic_ones_only_logged(runner, enrolled, data_dir,
                                                                                    qtbot, caplog) -> None:
    offline = SyncReport("offline", "无法连接县级服务器，数据已保存在本机，稍后自动重试。", pending=3)
    engine = FakeEngine([offline, offline])
    controller = controller_for(runner, data_dir, engine)
    told: list[tuple[str, str]] = []
    controller.notify.connect(lambda title, text: told.append((title, text)))
    assert controller.sync_now(manual=False, trigger="timer")
    assert told == [] and controller.status.phase == PH_OFFLINE
    assert "无法连接" in caplog.text
    assert controller.probe.isActive()  # watching for the link to come back
    assert controller.sync_now(manual=True)
    assert len(told) == 1 and "无法连接" in told[0][1]
    assert [c["trigger"] for c in engine.calls] == ["timer", "manual"]


def test_when_the_link_comes_back_it_syncs_at_once(runner, enrolled, data_dir) -> None:
    engine = FakeEngine([SyncReport("offline", "无法连接")], reachable=False)
    controller = controller_for(runner, data_dir, engine)
    controller.sync_now(manual=False)
    controller._probe()
    assert len(engine.calls) == 1  # still down: nothing
    engine.reachable = True
    controller._probe()
    assert [c["trigger"] for c in engine.calls] == ["manual", "link"]
    assert not controller.probe.isActive() and controller.status.phase == "idle"


def test_at_exit_only_the_waiting_records_go_up_within_a_bound(runner, enrolled, data_dir) -> None:
    engine = FakeEngine()
    controller = controller_for(runner, data_dir, engine)
    before = time.monotonic()
    controller.sync_at_exit(bound_s=8)
    [call] = engine.calls
    assert call["push_only"] is True and call["trigger"] == "exit"
    assert before + 7 < call["deadline"] <= time.monotonic() + 8


def test_the_status_bar_says_offline_syncing_last_sync_and_waiting(qtbot, runner, options) -> None:
    from datetime import datetime, timezone

    from app.ui.main_window import MainWindow

    window = MainWindow(runner, options=options)
    qtbot.addWidget(window)
    window.show_sync(SyncStatus(phase="offline", pending=3, attention=2,
                                last_sync=datetime(2026, 11, 20, 2, 0, tzinfo=timezone.utc)))
    text = window.sync_label.text()
    assert "离线" in text and "上次同步：2026-11-20" in text and "3 条记录待同步" in text
    assert window.attention_button.isVisibleTo(window) and "需要处理（2）" in window.attention_button.text()
    window.show_sync(SyncStatus(phase="syncing"))
    assert "正在与县级同步" in window.sync_label.text() and "从未同步" in window.sync_label.text()
    assert not window.attention_button.isVisibleTo(window)
    window.show_sync(SyncStatus(phase="not_enrolled", pending=1))
    assert "未注册县级服务器" in window.sync_label.text()


def test_the_settings_section_saves_tests_and_shows_the_reason(qtbot, runner, enrolled, data_dir, tmp_path) -> None:
    from app.services.staff import check_login
    from app.ui.sync_settings import SyncSettingsBox
    from tests.ui.conftest import HEAD_PASSWORD

    with enrolled.session_factory.begin() as session:
        head = check_login(session, "wangjg", HEAD_PASSWORD)
    controller = controller_for(runner, data_dir, FakeEngine(reachable=False))
    box = SyncSettingsBox(runner, controller)
    qtbot.addWidget(box)
    box.set_actor(head)
    box.reload()
    assert box.url.text() == "https://county.example.org" and box.interval.value() == 5
    box.url.setText("county.example.org:8443")
    box.interval.setValue(10)
    box.save()
    assert box.result.text() == "已保存。" and box.url.text() == "https://county.example.org:8443"
    box.ca_bundle.setText(str(tmp_path / "missing.pem"))
    box.save()
    assert "找不到 CA 证书文件" in box.result.text()
    box.ca_bundle.clear()
    box.test_connection()
    assert box.result.text() == "无法连接"
    box.code.setText("")
    box.enroll()
    assert "注册码" in box.result.text()


def test_a_window_worker_cannot_change_the_sync_settings(qtbot, runner, set_up_db, data_dir) -> None:
    from app.services.staff import actor_for, add_staff, check_login
    from app.ui.sync_settings import SyncSettingsBox
    from tests.ui.conftest import HEAD_PASSWORD

    with set_up_db.session_factory.begin() as session:
        head = check_login(session, "wangjg", HEAD_PASSWORD)
        clerk = actor_for(session, add_staff(session, head, username="lina", display_name="李娜", password="lina2026x"))
    box = SyncSettingsBox(runner, controller_for(runner, data_dir, FakeEngine()))
    qtbot.addWidget(box)
    box.set_actor(clerk)
    assert not box.url.isEnabled() and not box.enroll_button.isEnabled() and box.sync_button.isEnabled()
    assert "只有中心主任" in box.result.text()


def test_the_attention_list_shows_both_versions_and_resolves(qtbot, runner, set_up_db) -> None:
    from app.models import SyncAttention
    from app.sync import attention
    from app.ui.sync_attention import AttentionDialog

    with set_up_db.session_factory.begin() as session:
        attention.note(session, "merged", entity="resident", reason="「周大娘」已由本中心另一台电脑先行登记",
                       local={"name": "周大娘", "phone": "13800138000"}, server={"name": "周大娘", "phone": "13900139000"})
    dialog = AttentionDialog(runner, actor=None)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    assert "13900139000" in dialog.detail.toPlainText() and "13800138000" in dialog.detail.toPlainText()
    assert dialog.ack_button.isVisibleTo(dialog) and not dialog.keep_button.isVisibleTo(dialog)
    text = dialog.detail.toPlainText()
    assert "电话" in text and "姓名" in text and "phone" not in text  # field names in words, not column names
    dialog.resolve("acknowledge")
    assert dialog.list.count() == 0
    with set_up_db.session_factory() as session:
        item = session.query(SyncAttention).one()
        assert item.resolution == "acknowledge" and item.resolved_at is not None


def test_a_case_conflict_reads_in_words_not_codes(qtbot, runner, set_up_db) -> None:
    from app.sync import attention
    from app.ui.sync_attention import AttentionDialog

    mine = {"case_number": "X-01-20261120-0001", "status": "in_progress", "committed_due": "2026-11-27",
            "resident_id": "01a201c9-9e1c-7000-85c5-a317d535c12f", "received_at": "2026-11-20T02:00:00+00:00",
            "id_number": "449901194001010011"}
    county = mine | {"status": "suspended", "committed_due": "2026-12-04"}
    with set_up_db.session_factory.begin() as session:
        attention.note(session, "conflict", entity="case", reason="县级已有该记录的较新版本", reason_code="stale",
                       local=mine, server={"current": county, "current_version": 3}, outbox_seq=None)
    dialog = AttentionDialog(runner, actor=None)
    qtbot.addWidget(dialog)
    text = dialog.detail.toPlainText()
    assert "承诺" in text and "2026-12-04" in text and "办理中" in text
    assert "in_progress" not in text and "committed_due" not in text
    assert "01a201c9" not in text  # internal ids stay out
    assert "449901194001010011" not in text and "4499" in text  # the ID number masked
    assert "2026-11-20" in text and "T02:00" not in text and "+00:00" not in text  # a local time, not ISO


def test_a_desk_stopped_by_the_county_stops_trying_by_itself(runner, enrolled, data_dir) -> None:
    engine = FakeEngine([SyncReport("revoked", "本机已被县级管理员停用，同步已停止。")])
    controller = controller_for(runner, data_dir, engine)
    assert controller.timer.isActive()
    controller.sync_now(manual=False)
    assert controller.status.phase == "revoked" and not controller.timer.isActive()


def test_closing_the_window_sends_what_waits_first(qtbot, runner, enrolled, data_dir, options) -> None:
    from app.ui.main_window import MainWindow

    window = MainWindow(runner, options=options)
    qtbot.addWidget(window)
    window.show()
    engine = FakeEngine()
    window.sync.start(runner.session_factory, data_dir, engine=engine, first_sync_ms=-1)
    window.sync._set(SyncStatus(phase="idle", pending=2))
    window.close()
    [call] = engine.calls
    assert call["trigger"] == "exit" and call["push_only"] is True
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    # nothing waiting: the window closes at once
    again = MainWindow(runner, options=options)
    qtbot.addWidget(again)
    again.show()
    again.close()
    assert not again.isVisible()


def test_the_case_list_shows_each_cases_sync_state(qtbot, runner, db) -> None:
    from PySide6.QtCore import Qt
    from sqlalchemy import select

    from app.models import Case
    from app.services.demo import build_demo
    from app.services.queries import CaseFilter
    from app.ui.case_model import CaseTableModel

    build_demo(db.session_factory, residents=5, cases=6, days=3)
    with db.session_factory.begin() as session:
        case = session.scalars(select(Case).order_by(Case.received_at.desc())).first()
        case.sync_state, case.sync_error = "error", "办件编号应以「X-01-」开头"
    model = CaseTableModel(runner, status_labels={})
    model.set_filter(CaseFilter())
    states = {model.data(model.index(r, 8)) for r in range(model.rowCount())}
    assert states == {"待同步", "县级未接受"}
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 8)) == "县级未接受")
    assert "办件编号" in model.data(model.index(row, 8), Qt.ItemDataRole.ToolTipRole)


def test_after_a_sync_that_moved_records_the_screens_reload(qtbot, runner, db, data_dir, options) -> None:
    from sqlalchemy import update

    from app.models import Case
    from app.services.demo import DEMO_PASSWORD, build_demo
    from app.ui.application import OpenedStore
    from app.ui.main_window import MainWindow

    build_demo(db.session_factory, residents=3, cases=4, days=2)
    with db.session_factory.begin() as session:
        this_device(session).server_url = "https://county.example.org"
    write_token(data_dir, "owd1_test")
    window = MainWindow(runner, options=options)
    qtbot.addWidget(window)
    window.show()

    class MovingEngine(FakeEngine):
        def run(self, **kwargs: Any) -> SyncReport:
            report = super().run(**kwargs)
            if report.pushed:  # what a run that sent records writes, through the engine's sessions
                assert window.sync.session_factory is not None
                with window.sync.session_factory.begin() as session:
                    session.execute(update(Case).values(sync_state="synced"))
            return report

    engine = MovingEngine(reports=[SyncReport("ok", pushed=0, pulled=0), SyncReport("ok", pushed=4, pulled=2)])
    window.sync.start(runner.session_factory, data_dir, engine=engine, first_sync_ms=-1)
    window.store_opened(OpenedStore(db.path, is_set_up=True, is_demo=False, backup=None))
    window._dialog.username.setText("lina")
    window._dialog.password.setText(DEMO_PASSWORD)
    window._dialog.try_login()
    window.go("cases")
    model = window.screens["cases"].model
    column = lambda: {model.data(model.index(r, 8)) for r in range(model.rowCount())}  # noqa: E731
    assert column() == {"待同步"}
    window.sync.sync_now(manual=False)
    assert column() == {"待同步"}  # nothing moved: no reload
    window.sync.sync_now(manual=True)
    qtbot.waitUntil(lambda: column() == {"已同步"}, timeout=5000)


def test_the_window_closes_within_the_bound_even_when_the_link_hangs(qtbot, enrolled, data_dir, options) -> None:
    import threading

    from app.ui.main_window import MainWindow
    from app.ui.operations import InlineLanes, Lane, OperationRunner

    # The county's lane on a real thread: a link that hangs must not hold the desk.
    runner = OperationRunner(executor=InlineLanes(threaded=(Lane.NETWORK,)))
    runner.session_factory = enrolled.session_factory

    release = threading.Event()

    class HangingEngine(FakeEngine):
        def run(self, **kwargs: Any) -> SyncReport:
            self.calls.append(kwargs)
            release.wait(30)  # a request the county never answers
            return SyncReport("offline")

    window = MainWindow(runner, options=options)
    qtbot.addWidget(window)
    window.show()
    engine = HangingEngine()
    window.sync.start(runner.session_factory, data_dir, engine=engine, first_sync_ms=-1)
    window.sync._set(SyncStatus(phase="idle", pending=2))
    window.exit_bound_s = 0.5
    started = time.monotonic()
    window.close()
    assert window.isVisible()  # first it tries to send
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert time.monotonic() - started < 3
    assert engine.calls and engine.calls[0]["trigger"] == "exit"
    release.set()
    window.sync.wait_idle(5000)


def test_a_worker_whose_sync_needs_the_head_only_settings_is_told_to_fetch_the_head(qtbot, runner, options) -> None:
    import uuid

    from PySide6.QtWidgets import QMessageBox

    from app.models.vocabulary import StaffRole
    from app.services.context import Actor
    from app.ui.main_window import MainWindow

    window = MainWindow(runner, options=options)
    qtbot.addWidget(window)
    problem = "本机尚未在县级服务器注册（设置 → 县级同步）"

    def shown_for(role: str) -> str:
        window.actor = Actor(uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), "x", "某人", role)
        window.sync.notify.emit("与县级同步", problem)
        [box] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        text = box.text()
        box.close()
        box.deleteLater()
        return text

    assert "只有中心主任" in shown_for(StaffRole.WINDOW)
    assert shown_for(StaffRole.HEAD) == problem


# -- program updates after the records (app/sync/updates.py) -----------------------------


@dataclass
class EngineWithStore(FakeEngine):
    factory: Any = None


def test_an_update_slice_follows_a_sync_that_left_nothing_waiting(runner, enrolled, data_dir, monkeypatch) -> None:
    from app.sync import updates
    from app.sync.updates import StepResult, UpdateState

    slices: list[Any] = []

    def step(engine: Any, folder: Any, *, stop: Any) -> StepResult:
        slices.append(stop)
        return StepResult(UpdateState(running="0.1.0", available="9.0.0", downloaded=10, total=100), finished=True)

    monkeypatch.setattr(updates, "update_step", step)
    engine = EngineWithStore([SyncReport("ok", pending=2), SyncReport("ok", pending=0)], factory=enrolled.session_factory)
    controller = controller_for(runner, data_dir, engine)
    shown: list[UpdateState] = []
    controller.update_changed.connect(shown.append)
    controller.sync_now(manual=False)
    assert slices == []  # records still wait for the county: no update traffic
    controller.sync_now(manual=False)
    assert len(slices) == 1 and shown[0].available == "9.0.0"
    controller.sync_now(manual=False)  # a sync asked for: the slice's stop is set so it yields the lane
    assert slices[0].is_set()


def test_a_new_pcs_history_arriving_shows_how_far_it_is(qtbot, runner, enrolled, data_dir, options) -> None:
    """While the snapshot arrives the status bar says 已到 N / 约 M; once done, nothing."""
    from app.services import settings
    from app.sync.engine import Progress
    from app.ui.main_window import MainWindow

    with enrolled.session_factory.begin() as session:
        settings.put(session, settings.SYNC_BOOTSTRAP, {"done": False, "rows": 1200, "usable": True,
                                                        "estimate": 180000})
    controller = controller_for(runner, data_dir, FakeEngine())
    runner.wait_idle()
    assert controller.status.history == (1200, 180000)
    window = MainWindow(runner, options=options)
    qtbot.addWidget(window)
    window.show_sync(controller.status)
    assert window.history_label.isVisibleTo(window)
    assert window.history_label.text() == "历史记录正在同步：已到 1,200 / 约 180,000"
    controller._on_progress(Progress("bootstrap", 5000, 180000))  # a page arrived during the run
    assert controller.status.history == (5000, 180000)
    controller._on_progress(Progress("bootstrap", 180100, 180100))  # the last page
    assert controller.status.history is None
    window.show_sync(controller.status)
    assert not window.history_label.isVisibleTo(window)
