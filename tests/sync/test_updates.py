"""Desk updates from the county's signed repository, end to end: a live county
server, the fault proxy between, a real installation folder and the launcher
starting the versions as processes."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from app import __version__, launcher
from app.sync.credentials import read_token
from app.sync.updates import (
    PH_NONE,
    PH_READY,
    PH_REFUSED,
    CountyUpdates,
    UpdateRefused,
    import_update_file,
    update_state,
)
from county_server.services import updates as repository
from tests.sync.live import CountyProcess, DeskPC, make_desk
from tests.sync.proxy import FaultProxy

pytest.importorskip("tufup")

REPO = Path(__file__).resolve().parents[2]
NEWER = "9.0.0"  # newer than any real version of the desk

#: The app folder of a release: what it prints proves which version ran; a
#: broken one migrates the database (a copy first, as app.db does) and dies.
MAIN = '''
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from app import __version__, launcher
log = Path(sys.argv[1])
with log.open("a") as out:
    out.write(__version__ + "\\n")
if (Path(__file__).parent / "BROKEN").exists():
    database = Path(sys.argv[2])
    backup = database.with_name("backup-before-migrate")
    backup.write_bytes(database.read_bytes())
    launcher.note_migration_backup(database, backup)
    database.write_text("schema of " + __version__)
    raise SystemExit(3)
launcher.mark_started()
'''


def app_folder(folder: Path, version: str, *, broken: bool = False, padding: int = 0) -> Path:
    (folder / "app").mkdir(parents=True)
    (folder / "app" / "__init__.py").write_text(f'__version__ = "{version}"\n')
    shutil.copy(REPO / "app" / "launcher.py", folder / "app" / "launcher.py")
    (folder / "main.py").write_text(MAIN)
    if broken:
        (folder / "BROKEN").write_text("x")
    if padding:
        (folder / "payload.bin").write_bytes(os.urandom(padding))  # incompressible: the download is long
    return folder


def installation(tmp_path: Path) -> Path:
    root = tmp_path / "OneWindow"
    app_folder(root / launcher.VERSIONS_DIR / __version__, __version__)
    launcher.write_state(root, launcher.LauncherState(current=__version__))
    return root


def start(root: Path, tmp_path: Path) -> list[str]:
    """The launcher as the desktop entry runs it; returns the versions that ran."""
    log, database = tmp_path / "ran.log", tmp_path / "onewindow.sqlite3"
    if not database.exists():
        database.write_text("schema of " + __version__)
    log.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "app.launcher", "--root", str(root), str(log), str(database)],
                   cwd=REPO, env=os.environ | {"PYTHONPATH": str(REPO)}, check=False, timeout=60)
    return log.read_text().split()


@pytest.fixture
def link(own_county: CountyProcess):
    proxy = FaultProxy(own_county.port).start()
    yield proxy
    proxy.stop()


@pytest.fixture
def new_desk(own_county: CountyProcess, template_db: Path, tmp_path: Path):
    """A desk PC of a center on this test's own county server."""
    made: list[DeskPC] = []

    def build(number: int = 1) -> DeskPC:
        made.append(make_desk(template_db, tmp_path / f"desk{number}", own_county.make_center(), device_number=number))
        return made[-1]

    yield build
    for pc in made:
        pc.close()


def enrolled_desk(new_desk, county: CountyProcess, base: str) -> DeskPC:
    desk = new_desk(1)
    desk.enroll(county, base=base)
    assert desk.sync().ok
    return desk


@pytest.mark.slow  # a county server of its own
def test_a_desk_updates_over_a_cut_link_verifies_and_starts_the_new_version(
        own_county: CountyProcess, link: FaultProxy, new_desk, tmp_path: Path) -> None:
    size = 400_000
    repository.add_release(own_county.folder, app_folder(tmp_path / "build", NEWER, padding=size), NEWER)
    root = installation(tmp_path)
    desk = enrolled_desk(new_desk, own_county, link.base)
    updater = CountyUpdates(desk.data_dir, link.base, read_token(desk.data_dir), root=root, rate_bps=0)
    try:
        yielded = updater.step(stop=lambda: True)  # a sync wants the link: the slice ends after one chunk
        assert not yielded.finished and 0 < yielded.state.downloaded < yielded.state.total
        link.plan("/api/v1/updates/targets/", "truncate", "drop_before")
        first = updater.step()  # resumes, then the archive breaks off part-way
        assert not first.finished and first.state.available == NEWER
        assert yielded.state.downloaded < first.state.downloaded < first.state.total
        kept = first.state.downloaded
        second = updater.step()  # the link is down for this request: nothing lost
        assert not second.finished and second.state.downloaded == kept
        before = link.stats.bytes_down
        third = updater.step()  # resumes from the cut with Range, then python-tuf checks the whole file
        passed = link.stats.bytes_down - before
        assert third.finished and third.state.phase == PH_READY and third.state.ready == NEWER
    finally:
        updater.close()
    # Only the rest came down (plus the metadata and headers), not the archive again from the start.
    assert passed < first.state.total - kept + 20_000
    assert launcher.staged_version(root) == NEWER

    assert start(root, tmp_path) == [NEWER]  # installed at the start, and it started OK
    state = launcher.read_state(root)
    assert (state.current, state.previous, state.trial) == (NEWER, __version__, "")
    assert start(root, tmp_path) == [NEWER]  # and stays
    # The county's admin pages show which version the desk runs (reported with every sync).
    assert own_county_device_version(own_county) == __version__


def own_county_device_version(county: CountyProcess) -> str:
    from sqlalchemy import select

    from county_server.models import Device

    with county.db() as session:
        return str(session.scalars(select(Device.app_version)).one())


def test_a_broken_release_rolls_back_by_itself_with_the_database(tmp_path: Path) -> None:
    root = installation(tmp_path)
    archive = tmp_path / f"onewindow-{NEWER}.tar.gz"
    with tarfile.open(archive, "w:gz") as bundle:
        bundle.add(app_folder(tmp_path / "build", NEWER, broken=True), arcname=".")
    launcher.stage_release(root, NEWER, archive)

    # The new version starts, migrates (after a copy) and dies before its window:
    # the launcher switches back, restores the copy and starts the old version.
    assert start(root, tmp_path) == [NEWER, __version__]
    assert (tmp_path / "onewindow.sqlite3").read_text() == "schema of " + __version__
    assert (tmp_path / f"onewindow.sqlite3.failed-{NEWER}").read_text() == "schema of " + NEWER
    state = launcher.read_state(root)
    assert (state.current, state.trial, state.failed) == (__version__, "", [NEWER])
    assert start(root, tmp_path) == [__version__]  # the failed version is not tried again


@pytest.mark.slow  # a county server of its own
def test_a_tampered_release_is_refused(own_county: CountyProcess, new_desk, tmp_path: Path) -> None:
    release = repository.add_release(own_county.folder, app_folder(tmp_path / "build", NEWER, padding=20_000), NEWER)
    archive = repository.repository_dir(own_county.folder) / "targets" / release.archive
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same length, one byte changed
    archive.write_bytes(bytes(data))
    root = installation(tmp_path)
    desk = enrolled_desk(new_desk, own_county, own_county.base)
    updater = CountyUpdates(desk.data_dir, own_county.base, read_token(desk.data_dir), root=root, rate_bps=0)
    try:
        result = updater.step()
    finally:
        updater.close()
    assert result.finished and result.state.phase == PH_REFUSED and "签名" in result.state.message
    assert launcher.staged_version(root) == ""
    assert not list((root / launcher.UPDATES_DIR / "targets").glob("*.tar.gz"))


@pytest.mark.slow  # a county server of its own
def test_a_release_signed_with_other_keys_is_refused(own_county: CountyProcess, new_desk, tmp_path: Path) -> None:
    repository.initialize(own_county.folder)
    root = installation(tmp_path)
    desk = enrolled_desk(new_desk, own_county, own_county.base)
    updater = CountyUpdates(desk.data_dir, own_county.base, read_token(desk.data_dir), root=root, rate_bps=0)
    try:
        assert updater.step().state.phase == PH_NONE  # the desk now trusts the county's root
        # Someone replaces the repository with one of their own keys and release.
        forged = tmp_path / "forged"
        repository.add_release(forged, app_folder(tmp_path / "build", NEWER), NEWER)
        shutil.rmtree(repository.repository_dir(own_county.folder))
        shutil.copytree(repository.repository_dir(forged), repository.repository_dir(own_county.folder))
        result = updater.step()
    finally:
        updater.close()
    assert result.state.phase == PH_REFUSED
    assert launcher.staged_version(root) == ""


@pytest.mark.slow  # a county server of its own
def test_the_usb_update_file_is_verified_the_same_way(own_county: CountyProcess, new_desk, tmp_path: Path) -> None:
    repository.initialize(own_county.folder)
    root = installation(tmp_path)
    desk = enrolled_desk(new_desk, own_county, own_county.base)
    updater = CountyUpdates(desk.data_dir, own_county.base, read_token(desk.data_dir), root=root, rate_bps=0)
    try:
        updater.step()  # the root of trust, from the one time the center had a link
    finally:
        updater.close()
    repository.add_release(own_county.folder, app_folder(tmp_path / "build", NEWER), NEWER)
    usb = repository.export_update_file(own_county.folder, tmp_path / "usb" / "onewindow.owupdate")

    tampered = tmp_path / "tampered.owupdate"
    with tarfile.open(usb) as source, tarfile.open(tampered, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.startswith("targets/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    with pytest.raises(UpdateRefused, match="签名"):
        import_update_file(desk.data_dir, tampered, root=root)
    assert launcher.staged_version(root) == ""

    state = import_update_file(desk.data_dir, usb, root=root)
    assert state.ready == NEWER and update_state(desk.data_dir, root).phase == PH_READY
    assert start(root, tmp_path) == [NEWER]


def test_no_update_traffic_while_records_wait_for_the_county(template_db: Path, tmp_path: Path) -> None:
    from app.services.setup import this_device
    from app.sync.credentials import write_token
    from app.sync.updates import update_step

    desk = make_desk(template_db, tmp_path / "desk", "T0000001")
    try:
        with desk.factory.begin() as session:
            this_device(session).server_url = "http://127.0.0.1:9"  # nothing listens: any request would fail
        write_token(desk.data_dir, "token")
        desk.register("张三")  # waits in the outbox
        assert update_step(desk.engine, desk.data_dir) is None
    finally:
        desk.close()
