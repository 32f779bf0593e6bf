"""设置 → 程序更新: the head imports the county's USB update file; it is checked
against the county's signatures and waits for the next start."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app import launcher
from app.models import AuditEntry
from app.services.staff import check_login
from app.sync.updates import updates_dir
from app.ui.updates_box import UpdatesBox
from tests.ui.conftest import HEAD_PASSWORD

pytest.importorskip("tufup")

NEWER = "9.0.0"


@pytest.fixture
def installation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "OneWindow"
    (root / launcher.VERSIONS_DIR / "0.1.0").mkdir(parents=True)
    launcher.write_state(root, launcher.LauncherState(current="0.1.0"))
    monkeypatch.setenv(launcher.ENV_ROOT, str(root))
    return root


@pytest.fixture
def county_file(tmp_path: Path, installation: Path) -> Path:
    """The county's repository with one release, its USB file, and this desk trusting its root."""
    from county_server.services import updates as repository

    county = tmp_path / "county"
    bundle = tmp_path / "build"
    (bundle / "app").mkdir(parents=True)
    (bundle / "main.py").write_text("print('OneWindow')\n")
    (bundle / "app" / "__init__.py").write_text(f'__version__ = "{NEWER}"\n')
    repository.add_release(county, bundle, NEWER)
    trusted = updates_dir(tmp_path, installation) / "metadata"
    trusted.mkdir(parents=True)
    shutil.copy(repository.repository_dir(county) / "metadata" / "root.json", trusted / "root.json")
    return repository.export_update_file(county, tmp_path / "usb" / f"onewindow-{NEWER}.owupdate")


def test_the_head_imports_an_update_file_that_installs_at_the_next_start(
        qtbot, runner, set_up_db, county_file: Path, installation: Path, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with set_up_db.session_factory.begin() as session:
        head = check_login(session, "wangjg", HEAD_PASSWORD)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    box = UpdatesBox(runner)
    qtbot.addWidget(box)
    box.set_context(actor=head, data_dir=data_dir)
    box.resize(720, 200)
    box.show()
    box.import_file(county_file)
    assert shown and NEWER in shown[0]
    assert launcher.staged_version(installation) == NEWER
    assert NEWER in box.state_label.text() and "下次启动" in box.state_label.text()
    box.grab().save(str(Path("/tmp") / "updates-box.png"))
    with set_up_db.session_factory() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == "program_update")).one()
    assert NEWER in entry.summary and entry.staff_id == head.staff_id


def test_a_worker_cannot_import_and_a_damaged_file_is_refused(
        qtbot, runner, set_up_db, county_file: Path, installation: Path, data_dir: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with set_up_db.session_factory.begin() as session:
        head = check_login(session, "wangjg", HEAD_PASSWORD)
    box = UpdatesBox(runner)
    qtbot.addWidget(box)
    box.set_context(actor=None, data_dir=data_dir)
    assert not box.import_button.isEnabled()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    box.set_context(actor=head, data_dir=data_dir)
    damaged = tmp_path / "damaged.owupdate"
    damaged.write_bytes(county_file.read_bytes()[:2000])
    box.import_file(damaged)
    assert warned and ("更新包" in warned[0] or "签名" in warned[0])
    assert launcher.staged_version(installation) == ""
