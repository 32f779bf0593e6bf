"""A new PC from an encrypted backup on a USB stick, then only what changed
since the backup comes down the link (README: 换电脑：从备份恢复后只同步变化).

The path a center takes when its desk PC dies: copy the backup from the USB
stick into the new PC's backups folder, restore it with the recovery key,
enroll the PC again under the same device number; the first sync pulls from
the backup's cursors, not the whole history."""
from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import func, select

from app.db import (
    BACKUP_DIRNAME,
    DB_FILENAME,
    Database,
    backup_database,
    create_sqlite_engine,
    encrypt_database,
    make_session_factory,
    migrate,
)
from app.keystore import new_key
from app.models import Case, Resident, SyncCursor
from app.services import settings
from app.services.context import Actor
from app.services.setup import this_device
from app.services.store_health import check_store, list_backups, restore_backup
from app.sync.engine import SyncEngine
from app.sync.link import Backoff
from tests.sync.live import CountyProcess, DeskPC
from tests.sync.proxy import FaultProxy


def count(desk: DeskPC, model: type) -> int:
    with desk.factory() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_pc_restored_from_an_encrypted_usb_backup_pulls_only_what_changed_since(
        county: CountyProcess, new_desk, tmp_path: Path) -> None:
    link = FaultProxy(county.port).start()
    try:
        old = new_desk(1)
        old.enroll(county, base=link.base)
        assert old.sync().ok
        for n in range(3):
            old.take_in(old.register(f"备份前{n}"))
        assert old.sync().ok
        # Friday's backup, encrypted, onto the USB stick.
        key = new_key()
        usb = tmp_path / "usb"
        usb.mkdir()
        copy = backup_database(old.db.path, reason="manual")
        stick = usb / copy.name
        shutil.move(str(copy), stick)
        encrypt_database(stick, key)
        # The week goes on: this PC and another one take in more; then this PC dies.
        after = [old.take_in(old.register(f"备份后{n}")) for n in range(2)]
        assert old.sync().ok
        other = new_desk(2)
        other.enroll(county, base=link.base)
        assert other.sync().ok
        elsewhere = other.take_in(other.register("另一台电脑"))
        assert other.sync().ok
        old.close()

        # The new PC: an empty data folder, the backup copied from the stick.
        new_dir = tmp_path / "new-pc"
        (new_dir / BACKUP_DIRNAME).mkdir(parents=True)
        shutil.copy(stick, new_dir / BACKUP_DIRNAME / stick.name)
        (found,) = list_backups(new_dir, key=key)
        assert found.encrypted and found.cases == 3
        assert check_store(new_dir, key=key).problem is not None  # the restore screen opens
        restore_backup(new_dir, found.path, key=key)
        engine = create_sqlite_engine(new_dir / DB_FILENAME, key=key)
        db = Database(new_dir / DB_FILENAME, engine, make_session_factory(engine, data_dir=new_dir),
                      migrate(engine, new_dir / DB_FILENAME, key=key), key)
        with db.session_factory() as session:
            device = this_device(session)
            cursors_before = {c.stream: c.cursor for c in session.scalars(select(SyncCursor))}
        restored = DeskPC(new_dir, db, Actor(**old.actor.__dict__),
                          SyncEngine(db.session_factory, new_dir, backoff=Backoff(base=0.05, cap=0.5, attempts=8)),
                          old.center_code, device.device_number)
        try:
            assert count(restored, Case) == 3
            # The token was not in the backup: the head enrolls the PC again, same number.
            restored.enroll(county, base=link.base,
                            code=county.issue_code(restored.center_code, device_number=device.device_number))
            with restored.factory() as session:
                assert dict(settings.get(session, settings.SYNC_BOOTSTRAP)).get("done") is True
                assert {c.stream: c.cursor for c in session.scalars(select(SyncCursor))} == cursors_before
            link.stats.paths.clear()
            report = restored.sync()
            assert report.ok, report.message
            paths = list(link.stats.paths)
            assert not [p for p in paths if "/api/v1/bootstrap" in p]  # no snapshot: only the changes
            assert [p for p in paths if "/api/v1/pull/records" in p]
            # What changed since the backup is here: this PC's own later cases and the other PC's.
            with restored.factory() as session:
                for case_id in [*after, elsewhere]:
                    assert session.get(Case, case_id) is not None
            assert count(restored, Case) == 6 and count(restored, Resident) == 6
            assert report.pulled < 20  # the changes, not the history
        finally:
            restored.close()
    finally:
        link.stop()


def test_cursors_ahead_of_a_rebuilt_county_start_a_new_snapshot(county: CountyProcess, new_desk) -> None:
    """A saved cursor past the county's head: this database read another change
    log (the county was rebuilt): the desk bootstraps again instead of waiting."""
    desk = new_desk(1)
    desk.enroll(county)
    assert desk.sync().ok
    with desk.factory.begin() as session:
        row = session.get(SyncCursor, "records")
        if row is None:
            session.add(SyncCursor(stream="records", cursor=10**9))
        else:
            row.cursor = 10**9
    assert desk.sync().ok
    with desk.factory() as session:
        assert session.get(SyncCursor, "records").cursor < 10**9
        assert dict(settings.get(session, settings.SYNC_BOOTSTRAP)).get("done") is True
