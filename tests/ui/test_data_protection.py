"""A desk starts encrypted and private; the head prints the recovery key once; a lost key is typed back."""
from __future__ import annotations

import logging
import os
import shutil
import stat
from pathlib import Path

import pytest

from app.config import StartOptions
from app.db import DB_FILENAME, is_plain_database
from app.keystore import ENV_KEY_DIR, FileStore, recovery_key_text
from app.services.setup import set_up_center
from app.ui.application import open_store
from app.ui.main_window import MainWindow
from app.ui.operations import InlineLanes, OperationRunner
from app.ui.recovery import RecoveryScreen
from app.ui.recovery_key import RecoveryKeyDialog
from tests.ui.conftest import HEAD_PASSWORD, SETUP


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileStore:
    monkeypatch.setenv(ENV_KEY_DIR, str(tmp_path / "keys"))
    return FileStore(tmp_path / "keys")


@pytest.fixture
def plain_runner(qapp) -> OperationRunner:
    return OperationRunner(executor=InlineLanes())


def _options(data_dir: Path) -> StartOptions:
    return StartOptions(data_dir=data_dir, demo=False, lang="zh_CN", screenshot=None)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_fresh_desk_is_encrypted_and_private(qapp, tmp_path: Path, keys: FileStore, plain_runner) -> None:
    data_dir = tmp_path / "data"
    store = open_store(_options(data_dir), plain_runner)
    assert not store.is_set_up and store.key is not None and store.key_store == "file"
    assert keys.get(data_dir) == store.key
    assert not is_plain_database(data_dir / DB_FILENAME)
    if os.name == "posix":
        assert _mode(data_dir) == 0o700
        assert all(_mode(p) == 0o600 for p in data_dir.iterdir() if p.is_file())
        assert (data_dir / "onewindow.log").exists()
    logging.getLogger("onewindow").error("refused: 44011119400506012X, 13812345678")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (data_dir / "onewindow.log").read_text(encoding="utf-8")
    assert "refused:" in text and "44011119400506012X" not in text and "13812345678" not in text


def test_a_plain_database_is_encrypted_at_start(qapp, tmp_path: Path, keys: FileStore, template_db: Path,
                                                plain_runner) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(template_db, data_dir / DB_FILENAME)
    os.chmod(data_dir / DB_FILENAME, 0o644)
    store = open_store(_options(data_dir), plain_runner)
    with plain_runner.session_factory.begin() as session:
        set_up_center(session, SETUP)
    assert not is_plain_database(data_dir / DB_FILENAME)
    backups = list((data_dir / "backups").glob("*before-encryption.sqlite3"))
    assert len(backups) == 1 and not is_plain_database(backups[0])
    assert store.key == keys.get(data_dir)
    if os.name == "posix":
        assert _mode(data_dir / DB_FILENAME) == 0o600


def test_the_head_prints_the_recovery_key_once(qtbot, tmp_path: Path, keys: FileStore, plain_runner) -> None:
    data_dir = tmp_path / "data"
    options = _options(data_dir)
    store = open_store(options, plain_runner)
    with plain_runner.session_factory.begin() as session:
        set_up_center(session, SETUP)
    store = open_store(options, plain_runner)
    window = MainWindow(plain_runner, options=options)
    qtbot.addWidget(window)
    window.show()
    window.store_opened(store)
    window._dialog.username.setText(SETUP.head_username)
    window._dialog.password.setText(HEAD_PASSWORD)
    window._dialog.try_login()
    dialog = window._key_dialog
    assert isinstance(dialog, RecoveryKeyDialog) and dialog.isVisible()
    target = tmp_path / "key.pdf"
    dialog.save_key(target)
    assert target.read_bytes().startswith(b"%PDF") and not dialog.isVisible()
    window.lock()
    window._key_dialog = None
    window._dialog.password.setText(HEAD_PASSWORD)
    window._dialog.try_login()
    assert window._key_dialog is None  # printed once: not offered again


def test_a_lost_key_is_typed_back_on_the_restore_screen(qtbot, tmp_path: Path, keys: FileStore,
                                                        plain_runner) -> None:
    data_dir = tmp_path / "data"
    options = _options(data_dir)
    first = open_store(options, plain_runner)
    plain_runner.session_factory.kw["bind"].dispose()
    for key_file in (tmp_path / "keys").iterdir():
        key_file.unlink()  # a reinstalled system: the key store is empty
    store = open_store(options, plain_runner)
    assert store.damage is not None and store.damage.problem.kind == "key_missing"
    window = MainWindow(plain_runner, options=options)
    qtbot.addWidget(window)
    window.show()
    window.store_opened(store)
    screen = window.recovery
    assert isinstance(screen, RecoveryScreen) and screen.key_edit.isVisibleTo(screen)
    screen.key_edit.setText("not a key")
    screen.unlock()
    assert "恢复密钥" in screen.status.text()
    screen.key_edit.setText(recovery_key_text(first.key).lower())
    with qtbot.waitSignal(window.reopen_store, timeout=5000):
        screen.unlock()
    assert keys.get(data_dir) == first.key
    assert open_store(options, plain_runner).damage is None
