"""First-run wizard and login, driven like a worker would."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from app.models import AuditEntry, Center, Device, Staff
from app.services.setup import is_set_up
from app.ui.login import LoginDialog
from app.ui.setup_wizard import SetupWizard
from tests.ui.conftest import HEAD_PASSWORD


def type_text(qtbot, widget, text: str) -> None:
    """Type as a worker would: keys for ASCII, an input-method commit for Chinese
    (QTest cannot synthesise key events for non-Latin characters)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.setFocus()
        widget.insert(text)


def _fill_center_page(wizard: SetupWizard, qtbot) -> None:
    type_text(qtbot, wizard.center_name, "青山村党群服务中心")
    type_text(qtbot, wizard.center_code, "QS01")
    type_text(qtbot, wizard.county, "示例县")
    type_text(qtbot, wizard.town, "示例镇")


def test_wizard_refuses_empty_fields_and_names_them(qtbot, runner, db) -> None:
    wizard = SetupWizard(runner)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == 0  # stayed on the first page
    shown = wizard._errors[0].text().splitlines()
    # every problem of the page is listed, none cut off
    assert shown == ["请填写中心名称", "请填写所属县（市、区）", "请填写所属乡镇（街道）",
                     "中心编码应为 2–16 位字母或数字（由县级部门分配）"]
    assert "#b00000" in wizard.center_name.styleSheet()
    with db.session_factory() as session:
        assert not is_set_up(session)


def test_wizard_sets_up_center_device_and_head(qtbot, runner, db) -> None:
    wizard = SetupWizard(runner)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_center_page(wizard, qtbot)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == 1
    wizard.device_number.setValue(2)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == 2
    type_text(qtbot, wizard.head_name, "王建国")
    qtbot.keyClicks(wizard.head_username, "wangjg")
    qtbot.keyClicks(wizard.head_password, "short")
    qtbot.keyClicks(wizard.head_password2, "short")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.actor is None
    assert "8 位" in wizard.error_label.text()
    for field in (wizard.head_password, wizard.head_password2):
        field.clear()
        qtbot.keyClicks(field, HEAD_PASSWORD)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.actor is not None and wizard.actor.is_head
    with db.session_factory() as session:
        center = session.scalar(select(Center))
        assert center.name == "青山村党群服务中心" and center.code == "QS01"
        assert session.scalar(select(Device.device_number)) == 2
        head = session.scalar(select(Staff))
        assert head.password_hash != HEAD_PASSWORD and head.password_hash.startswith("scrypt$")


def test_wizard_rejects_mismatched_passwords(qtbot, runner, db) -> None:
    wizard = SetupWizard(runner)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_center_page(wizard, qtbot)
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.button(QWizard.WizardButton.NextButton).click()
    type_text(qtbot, wizard.head_name, "王建国")
    qtbot.keyClicks(wizard.head_username, "wangjg")
    qtbot.keyClicks(wizard.head_password, HEAD_PASSWORD)
    qtbot.keyClicks(wizard.head_password2, HEAD_PASSWORD + "x")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.actor is None
    assert "两次输入的密码不一致" in wizard.error_label.text()


def test_login_wrong_password_is_refused_and_audited(qtbot, runner, set_up_db) -> None:
    dialog = LoginDialog(runner, center_name="青山村党群服务中心")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "wangjg")
    qtbot.keyClicks(dialog.password, "wrong-password1")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is None
    assert "登录名或密码不正确" in dialog.error.text()
    assert dialog.password.text() == ""
    with set_up_db.session_factory() as session:
        failed = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "login_failed"))
    assert failed == 1  # committed although the login failed


def test_login_with_right_password(qtbot, runner, set_up_db) -> None:
    dialog = LoginDialog(runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "wangjg")
    qtbot.keyClicks(dialog.password, HEAD_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor.display_name == "王建国"


def test_login_requires_both_fields(qtbot, runner, set_up_db) -> None:
    dialog = LoginDialog(runner)
    qtbot.addWidget(dialog)
    dialog.try_login()
    assert dialog.error.text() == "请输入登录名。"
    dialog.username.setText("wangjg")
    dialog.try_login()
    assert dialog.error.text() == "请输入密码。"
    dialog.reject()  # closing does not get anyone past the login
    assert dialog.actor is None and "请先登录" in dialog.error.text()
