"""人员管理 and 修改密码 driven like a head and a new worker would, on a desk
that has never seen the county."""
from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import AuditEntry, Staff
from app.services.staff import check_login
from app.ui.login import LoginDialog
from app.ui.password import ChangePasswordDialog
from app.ui.screens.staff import AccountsBox, AddStaffDialog, StaffScreen
from tests.ui.conftest import HEAD_PASSWORD
from tests.ui.test_setup_and_login import type_text


def _head(db):
    with db.session_factory.begin() as session:
        return check_login(session, "wangjg", HEAD_PASSWORD)


def _add_worker(qtbot, runner, head, *, must_change: bool = True) -> AddStaffDialog:
    dialog = AddStaffDialog(runner, head)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.display_name, "李娜")
    qtbot.keyClicks(dialog.username, "lina")
    dialog.must_change.setChecked(must_change)
    qtbot.keyClicks(dialog.password, "First2026")
    qtbot.keyClicks(dialog.password2, "First2026")
    return dialog


def _log_in(qtbot, runner, username: str, password: str) -> LoginDialog:
    login = LoginDialog(runner, center_name="青山村党群服务中心")
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.username, username)
    qtbot.keyClicks(login.password, password)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    return login


def test_the_head_adds_a_worker_who_logs_in_and_chooses_a_password(qtbot, runner, set_up_db) -> None:
    head = _head(set_up_db)
    dialog = _add_worker(qtbot, runner, head)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    assert dialog.added is not None and dialog.added.role == "window"

    login = _log_in(qtbot, runner, "lina", "First2026")
    assert login.actor is None and login.changing_password  # first the worker's own password
    assert "李娜" in login.reason.text()
    qtbot.keyClicks(login.new_password, "Lina2026own")
    qtbot.keyClicks(login.new_password2, "Lina2026oops")
    qtbot.keyClick(login.new_password2, Qt.Key.Key_Return)
    assert login.actor is None and "不一致" in login.error.text()
    qtbot.keyClicks(login.new_password2, "Lina2026own")
    with qtbot.waitSignal(login.accepted, timeout=5000):
        qtbot.keyClick(login.new_password2, Qt.Key.Key_Return)
    assert login.actor is not None and login.actor.display_name == "李娜" and not login.actor.is_head
    with set_up_db.session_factory() as session:
        assert not session.scalar(select(Staff).where(Staff.username == "lina")).must_change_password
    again = _log_in(qtbot, runner, "lina", "Lina2026own")
    assert again.actor is not None and not again.changing_password


def test_add_refuses_a_taken_login_name_and_keeps_what_was_typed(qtbot, runner, set_up_db) -> None:
    head = _head(set_up_db)
    dialog = _add_worker(qtbot, runner, head)
    dialog.username.setText("wangjg")
    dialog.save()
    assert dialog.result() == 0 and "已被使用" in dialog.error.text()
    assert dialog.display_name.text() == "李娜"


def test_a_deactivated_worker_is_told_at_login(qtbot, runner, set_up_db) -> None:
    head = _head(set_up_db)
    dialog = _add_worker(qtbot, runner, head, must_change=False)
    dialog.save()
    screen = StaffScreen(runner)
    qtbot.addWidget(screen)
    screen.set_actor(head)
    screen.select_username("lina")
    assert screen.active_button.text() == "停用"
    screen.apply_active(screen.selected().id, False)
    assert [s.username for s in screen._rows if not s.active] == ["lina"]
    login = _log_in(qtbot, runner, "lina", "First2026")
    assert login.actor is None and "已停用" in login.error.text()
    screen.select_username("lina")
    assert screen.active_button.text() == "启用"


def test_the_last_head_cannot_be_deactivated_from_the_screen(qtbot, runner, set_up_db) -> None:
    head = _head(set_up_db)
    screen = StaffScreen(runner)
    qtbot.addWidget(screen)
    screen.set_actor(head)
    screen.select_username("wangjg")
    screen.apply_active(screen.selected().id, False)
    assert "不能停用" in screen.error.text()


def test_a_reset_password_is_shown_once_and_works(qtbot, runner, set_up_db) -> None:
    head = _head(set_up_db)
    _add_worker(qtbot, runner, head, must_change=False).save()
    screen = StaffScreen(runner)
    qtbot.addWidget(screen)
    screen.set_actor(head)
    screen.select_username("lina")
    staff = screen.selected()
    screen.apply_reset(staff.id, staff.display_name)
    temporary = screen.last_temporary_password
    assert temporary in screen.password_box.informativeText()
    screen.password_box.close()
    login = _log_in(qtbot, runner, "lina", temporary)
    assert login.changing_password
    with set_up_db.session_factory() as session:
        summaries = [a.summary for a in session.scalars(select(AuditEntry))]
    assert not any(temporary in s for s in summaries)


def test_everyone_changes_their_own_password_with_the_current_one(qtbot, runner, set_up_db) -> None:
    head = _head(set_up_db)
    dialog = ChangePasswordDialog(runner, head)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.old_password, "wrong-pass1")
    qtbot.keyClicks(dialog.new_password, "Zhuren2027")
    qtbot.keyClicks(dialog.new_password2, "Zhuren2027")
    dialog.save()
    assert not dialog.changed and "原密码不正确" in dialog.error.text()
    dialog.old_password.setText(HEAD_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    with set_up_db.session_factory.begin() as session:
        assert check_login(session, "wangjg", "Zhuren2027") is not None


def test_the_settings_box_offers_staff_only_to_the_head(qtbot, runner, set_up_db) -> None:
    head = _head(set_up_db)
    _add_worker(qtbot, runner, head, must_change=False).save()
    with set_up_db.session_factory.begin() as session:
        worker = check_login(session, "lina", "First2026")
    box = AccountsBox(runner)
    qtbot.addWidget(box)
    box.show()
    box.set_actor(head)
    assert box.staff_button.isVisible() and box.password_button.isEnabled()
    box.set_actor(worker)
    assert not box.staff_button.isVisible() and box.password_button.isEnabled()
    assert "李娜" in box.who.text() and "窗口人员" in box.who.text()


def test_the_settings_screen_forgets_the_last_workers_limits_when_the_head_logs_in(
        qtbot, runner, set_up_db, data_dir) -> None:
    from app.ui.screens.settings import SettingsScreen

    head = _head(set_up_db)
    _add_worker(qtbot, runner, head, must_change=False).save()
    with set_up_db.session_factory.begin() as session:
        worker = check_login(session, "lina", "First2026")
    screen = SettingsScreen(runner)
    qtbot.addWidget(screen)
    screen.set_context(actor=worker, db_path=data_dir / "onewindow.sqlite3")
    assert "仅限中心主任" in screen.calendar_button.text()
    assert "只有中心主任" in screen.sync_box.result.text()
    screen.set_context(actor=head, db_path=data_dir / "onewindow.sqlite3")
    assert "仅限中心主任" not in screen.calendar_button.text() and screen.calendar_button.isEnabled()
    assert "只有中心主任" not in screen.sync_box.result.text()
