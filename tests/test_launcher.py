"""The launcher's install and rollback rules, on a real folder layout."""
from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from app import launcher


def _archive(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as bundle:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            bundle.addfile(info, io.BytesIO(data))
    return path


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "OneWindow"
    (root / launcher.VERSIONS_DIR / "0.1.0").mkdir(parents=True)
    launcher.write_state(root, launcher.LauncherState(current="0.1.0"))
    return root


def test_versions_compare_as_numbers() -> None:
    key = launcher.version_key
    assert key("0.10.0") > key("0.9.1") > key("0.9.0") and key("1.0.0rc1") < key("1.0.0")


def test_a_staged_release_is_installed_on_trial_and_kept_after_it_starts(tmp_path: Path) -> None:
    root = _root(tmp_path)
    launcher.stage_release(root, "0.2.0", _archive(tmp_path / "onewindow-0.2.0.tar.gz", {"./main.py": b"print(2)"}))
    choice = launcher.prepare_start(root)
    assert (choice.version, choice.installed) == ("0.2.0", "0.2.0")
    assert (choice.folder / "main.py").read_bytes() == b"print(2)"
    assert launcher.read_state(root).trial == "0.2.0"
    assert launcher.mark_started(root)
    state = launcher.read_state(root)
    assert (state.current, state.previous, state.trial) == ("0.2.0", "0.1.0", "")
    assert not launcher.mark_started(root)  # once


def test_an_archive_reaching_outside_its_folder_or_changed_after_staging_is_not_installed(tmp_path: Path) -> None:
    root = _root(tmp_path)
    launcher.stage_release(root, "0.2.0", _archive(tmp_path / "onewindow-0.2.0.tar.gz", {"../../evil.py": b"x"}))
    assert launcher.prepare_start(root).version == "0.1.0"  # the current version starts as before
    assert not (tmp_path / "evil.py").exists() and launcher.read_state(root).last_event == "not_installed 0.2.0"

    root = _root(tmp_path / "again")
    staged = launcher.stage_release(root, "0.2.0", _archive(tmp_path / "onewindow-0.2.0.tar.gz", {"./main.py": b"1"}))
    staged.write_bytes(staged.read_bytes() + b"changed")
    assert launcher.prepare_start(root).version == "0.1.0"
    assert launcher.read_state(root).last_event == "not_installed 0.2.0"


def test_a_trial_that_never_started_is_rolled_back_and_not_tried_again(tmp_path: Path) -> None:
    root = _root(tmp_path)
    archive = _archive(tmp_path / "onewindow-0.2.0.tar.gz", {"./main.py": b"print(2)"})
    launcher.stage_release(root, "0.2.0", archive)
    assert launcher.prepare_start(root).version == "0.2.0"
    choice = launcher.prepare_start(root)  # the next start: no "started OK" from 0.2.0
    assert (choice.version, choice.rolled_back) == ("0.1.0", "0.2.0")
    launcher.stage_release(root, "0.2.0", archive)
    assert launcher.prepare_start(root).version == "0.1.0"
    assert launcher.read_state(root).failed == ["0.2.0"]


def test_without_a_launcher_the_app_marks_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(launcher.ENV_ROOT, raising=False)
    assert launcher.install_root() is None
    assert not launcher.mark_started()
    launcher.note_migration_backup(tmp_path / "db", tmp_path / "backup")  # nothing to note, nothing raised
