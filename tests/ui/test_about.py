"""关于: version, database, sync and update state; 复制诊断信息 copies a redacted text."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from app import __version__
from app.ui.about import AboutDialog, update_state_text


def test_about_shows_the_facts_and_copies_redacted_diagnostics(qtbot, tmp_path: Path) -> None:
    (tmp_path / "onewindow.log").write_text(
        "2026-11-30 09:01:00,000 ERROR app: 身份证 44990119480309021X 手机 13912345678\n", encoding="utf-8")
    dialog = AboutDialog(db_path=tmp_path / "onewindow.sqlite3", data_dir=tmp_path,
                         sync_text="未注册县级服务器：离线使用", parent=None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "关于一窗通"
    shown = {label: value.text() for label, value in dialog.values.items()}
    assert shown["版本"] == __version__
    assert shown["数据库"] == str(tmp_path / "onewindow.sqlite3")
    assert shown["同步状态"] == "未注册县级服务器：离线使用"
    # A desk that never heard of a release: the update state in words, never blank.
    assert update_state_text(tmp_path) is None and shown["更新"] == "未配置更新源"
    assert dialog.copy_button.text() == "复制诊断信息"
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "44990119480309021X" not in copied and "13912345678" not in copied
    assert "449901****" in copied and "5678" in copied
    assert f"OneWindow: {__version__}" in copied and "PySide6:" in copied and "Qt:" in copied
    assert "同步状态: 未注册县级服务器：离线使用" in copied
    assert "已复制" in dialog.copied.text()


def test_settings_opens_about(qtbot, runner, set_up_db) -> None:
    from app.ui.screens.settings import SettingsScreen

    screen = SettingsScreen(runner)
    qtbot.addWidget(screen)
    screen.set_context(actor=None, db_path=set_up_db.path)
    screen.about_button.click()
    dialog = screen._about_dialog
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    assert dialog.values["数据库"].text() == str(set_up_db.path)
    dialog.close()
