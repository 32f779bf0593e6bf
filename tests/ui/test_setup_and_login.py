"""First-run wizard and login, driven like a worker would."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from app.models import AuditEntry, Center, Device, Staff
from app.services.setup import is_set_up
from app.ui.login import LoginDialog
from app.ui.setup_wizard import CATALOG_PAGE, CONTACT_PAGE, DEVICE_PAGE, HEAD_PAGE, SetupWizard
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


def _next(wizard: SetupWizard) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


def _to_head_page(wizard: SetupWizard, qtbot) -> None:
    _fill_center_page(wizard, qtbot)
    _next(wizard)
    assert wizard.currentId() == CONTACT_PAGE
    _next(wizard)  # every phone and hour may stay empty
    assert wizard.currentId() == DEVICE_PAGE


def _save_head(wizard: SetupWizard, qtbot) -> None:
    _next(wizard)
    type_text(qtbot, wizard.head_name, "王建国")
    qtbot.keyClicks(wizard.head_username, "wangjg")
    qtbot.keyClicks(wizard.head_password, HEAD_PASSWORD)
    qtbot.keyClicks(wizard.head_password2, HEAD_PASSWORD)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert wizard.actor is not None and wizard.currentId() == CATALOG_PAGE


def test_wizard_sets_up_center_device_and_head(qtbot, runner, db) -> None:
    wizard = SetupWizard(runner)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_head_page(wizard, qtbot)
    wizard.device_number.setValue(2)
    _next(wizard)
    assert wizard.currentId() == HEAD_PAGE
    type_text(qtbot, wizard.head_name, "王建国")
    qtbot.keyClicks(wizard.head_username, "wangjg")
    qtbot.keyClicks(wizard.head_password, "short")
    qtbot.keyClicks(wizard.head_password2, "short")
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert wizard.actor is None
    assert "8 位" in wizard.error_label.text()
    for field in (wizard.head_password, wizard.head_password2):
        field.clear()
        qtbot.keyClicks(field, HEAD_PASSWORD)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert wizard.actor is not None and wizard.actor.is_head
    assert wizard.currentId() == CATALOG_PAGE  # saved; the first steps come next
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible() or \
        not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
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
    _to_head_page(wizard, qtbot)
    _next(wizard)
    type_text(qtbot, wizard.head_name, "王建国")
    qtbot.keyClicks(wizard.head_username, "wangjg")
    qtbot.keyClicks(wizard.head_password, HEAD_PASSWORD)
    qtbot.keyClicks(wizard.head_password2, HEAD_PASSWORD + "x")
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert wizard.actor is None
    assert "两次输入的密码不一致" in wizard.error_label.text()


def test_wizard_refuses_bad_phones_and_names_the_field(qtbot, runner, db) -> None:
    wizard = SetupWizard(runner)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_center_page(wizard, qtbot)
    _next(wizard)
    qtbot.keyClicks(wizard.phone, "0769-abc")
    qtbot.keyClicks(wizard.supervision_phone, "hello")
    qtbot.keyClicks(wizard.consultation_phone, "0769-22345678")
    _next(wizard)
    assert wizard.currentId() == CONTACT_PAGE  # stayed
    shown = wizard._errors[CONTACT_PAGE].text().splitlines()
    assert len(shown) == 2
    assert shown[0].startswith("中心电话格式不正确") and shown[1].startswith("监督电话格式不正确")
    assert all("0769-22345678" in line and "13812345678" in line for line in shown)  # an example of each kind
    assert "#b00000" in wizard.phone.styleSheet() and "#b00000" in wizard.supervision_phone.styleSheet()
    assert wizard.consultation_phone.styleSheet() == ""
    wizard.phone.setText("0769 2234 5678")
    wizard.supervision_phone.setText("13812345678")
    _next(wizard)
    assert wizard.currentId() == DEVICE_PAGE


def test_wizard_ends_by_importing_the_sample_catalog(qtbot, runner, db) -> None:
    from app.models import CatalogVersion

    wizard = SetupWizard(runner)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_head_page(wizard, qtbot)
    _save_head(wizard, qtbot)
    assert wizard.catalog_sample.isChecked() and "示例" in wizard.catalog_sample.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    with db.session_factory() as session:
        catalog = session.scalars(select(CatalogVersion)).one()
        imported = session.scalar(select(AuditEntry).where(AuditEntry.entity == "catalog"))
    assert catalog.is_sample and catalog.is_current
    assert imported.staff_id == wizard.actor.staff_id


def test_wizard_may_leave_the_catalog_for_later(qtbot, runner, db) -> None:
    from app.models import CatalogVersion

    wizard = SetupWizard(runner)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_head_page(wizard, qtbot)
    _save_head(wizard, qtbot)
    wizard.catalog_file.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.currentId() == CATALOG_PAGE and "选择" in wizard._errors[CATALOG_PAGE].text()
    wizard.catalog_later.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    with db.session_factory() as session:
        assert session.scalars(select(CatalogVersion)).all() == []
        assert is_set_up(session)


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


def _label_of(wizard: SetupWizard, field) -> str:
    form = wizard.page(0).layout().itemAt(0).layout()
    return form.labelForField(field).text()


def test_the_center_page_says_what_county_zone_and_town_each_hold(qtbot, runner, db) -> None:
    """县 already covers a city district (市辖区): the optional level between county and town must not read as a
    second 区, and each line says what goes in it."""
    wizard = SetupWizard(runner)
    qtbot.addWidget(wizard)
    labels = [_label_of(wizard, f) for f in (wizard.county, wizard.district, wizard.town)]
    assert labels[0].startswith("所属县（市、区）") and labels[2].startswith("所属乡镇（街道）")
    assert "片区" in labels[1] and "不填" in labels[1] and "区" not in labels[1].replace("片区", "")
    assert "县级市" in wizard.county.placeholderText() and "市辖区" in wizard.county.placeholderText()
    assert "开发区" in wizard.district.placeholderText() and "一般不填" in wizard.district.placeholderText()
    assert "乡镇（街道）" in wizard.district.toolTip()
    assert "街道" in wizard.town.placeholderText()
