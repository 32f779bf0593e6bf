"""The county's update repository: the CLI publishes, enrolled desks fetch (with
Range), strangers get nothing, and the admin pages show each desk's version."""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from county_server.__main__ import main as cli
from county_server.services import updates
from county_server.settings import Settings
from tests.county.harness import County

pytest.importorskip("tufup")


def _bundle(folder: Path) -> Path:
    (folder / "app").mkdir(parents=True)
    (folder / "main.py").write_text("print('OneWindow')\n")
    (folder / "payload.bin").write_bytes(os.urandom(20_000))
    return folder


def test_the_cli_publishes_and_enrolled_desks_fetch_with_range(county: County, settings: Settings, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COUNTY_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("COUNTY_DATABASE_URL", settings.database_url)
    assert cli(["updates-add", "--bundle", str(_bundle(tmp_path / "build")), "--version", "0.2.0"]) == 0
    assert "0.2.0" in capsys.readouterr().out
    assert cli(["updates-add", "--bundle", str(tmp_path / "build"), "--version", "0.1.9"]) == 1  # not newer
    assert "不比已发布的" in capsys.readouterr().err
    assert [r.version for r in updates.list_releases(settings.data_dir)] == ["0.2.0"]

    assert county.client.get("/api/v1/updates/metadata/timestamp.json").status_code == 401  # strangers: nothing
    county.make_center()
    desk = county.enroll()
    meta = county.client.get("/api/v1/updates/metadata/timestamp.json", headers=desk.headers)
    assert meta.status_code == 200 and meta.json()["signed"]["_type"] == "timestamp"
    assert county.client.get("/api/v1/updates/metadata/..%2Fkeys%2Froot", headers=desk.headers).status_code == 404
    assert county.client.get("/api/v1/updates/targets/nothing.tar.gz", headers=desk.headers).status_code == 404
    whole = county.client.get("/api/v1/updates/targets/onewindow-0.2.0.tar.gz", headers=desk.headers)
    rest = county.client.get("/api/v1/updates/targets/onewindow-0.2.0.tar.gz",
                             headers=desk.headers | {"Range": "bytes=1000-"})
    assert rest.status_code == 206 and rest.content == whole.content[1000:]

    usb = tmp_path / "usb" / "onewindow.owupdate"
    assert cli(["updates-export", "--output", str(usb)]) == 0 and usb.stat().st_size > len(whole.content)


def test_the_center_page_shows_the_version_each_desk_reports(county: County, settings: Settings,
                                                             tmp_path: Path) -> None:
    updates.add_release(settings.data_dir, _bundle(tmp_path / "build"), "0.3.0")
    csrf = county.login()
    assert csrf
    center_id = county.make_center()
    desk = county.enroll()
    county.client.get("/api/v1/meta", headers=desk.headers | {"OneWindow-Version": "0.2.0"})
    page = county.client.get(f"/admin/centers/{center_id}")
    assert "0.2.0" in page.text and "最新 0.3.0" in page.text
    county.client.get("/api/v1/meta", headers=desk.headers | {"OneWindow-Version": "0.3.0"})
    page = county.client.get(f"/admin/centers/{center_id}")
    assert "最新 0.3.0" not in page.text and "0.3.0" in page.text
    assert "版本 0.3.0" in county.client.get("/admin/").text  # and on the dashboard, per device


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    """The county's CLI as an administrator's script runs it: no terminal, stdin closed."""
    env = os.environ | {"COUNTY_DATA_DIR": str(settings.data_dir), "COUNTY_DATABASE_URL": settings.database_url}
    return subprocess.run([sys.executable, "-m", "county_server", *args], stdin=subprocess.DEVNULL, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_an_add_interrupted_halfway_is_redone_without_a_prompt(settings: Settings, tmp_path: Path) -> None:
    updates.add_release(settings.data_dir, _bundle(tmp_path / "old"), "0.2.0")
    half = updates.repository_dir(settings.data_dir) / "targets" / "onewindow-0.3.0.tar.gz"
    half.write_bytes(b"\x1f\x8b\x08\x00 cut short")  # the archive of an updates-add stopped while packing
    assert [r.version for r in updates.list_releases(settings.data_dir)] == ["0.2.0"]  # unsigned: not published
    done = _cli(settings, "updates-add", "--bundle", str(_bundle(tmp_path / "new")), "--version", "0.3.0")
    assert done.returncode == 0, done.stderr
    assert "Overwrite" not in done.stdout + done.stderr and "0.3.0" in done.stdout
    assert [r.version for r in updates.list_releases(settings.data_dir)] == ["0.2.0", "0.3.0"]
    with tarfile.open(half) as archive:
        assert "./main.py" in archive.getnames()
    again = _cli(settings, "updates-add", "--bundle", str(tmp_path / "new"), "--version", "0.3.0")
    assert again.returncode == 1 and "不比已发布的" in again.stderr  # a signed release is never packed again


def test_missing_signing_keys_are_named_not_asked_about(settings: Settings, tmp_path: Path) -> None:
    usb = tmp_path / "usb" / "keys"
    updates.initialize(settings.data_dir, usb)
    usb.rename(tmp_path / "usb" / "elsewhere")  # the stick with the keys is not plugged in
    done = _cli(settings, "updates-add", "--bundle", str(_bundle(tmp_path / "build")), "--version", "0.2.0",
                "--keys-dir", str(usb))
    assert done.returncode == 1 and str(usb) in done.stderr and "签名密钥" in done.stderr
    assert "Create directory" not in done.stdout + done.stderr and "Traceback" not in done.stderr
    assert not usb.exists()


def test_a_question_the_repository_would_ask_is_a_refusal(settings: Settings, tmp_path: Path) -> None:
    usb = tmp_path / "usb" / "keys"
    updates.initialize(settings.data_dir, usb)
    copy = tmp_path / "copy"
    usb.rename(copy)  # the keys were copied elsewhere; the repository remembers the stick's folder
    done = _cli(settings, "updates-add", "--bundle", str(_bundle(tmp_path / "build")), "--version", "0.2.0",
                "--keys-dir", str(copy))
    assert done.returncode == 1 and "需要人工确认" in done.stderr and str(usb) in done.stderr
    assert "Traceback" not in done.stderr and not usb.exists()
