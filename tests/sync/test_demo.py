"""The issue's "done when", end to end: the demo desk enrolls with a local
county server, works offline while the server is down, syncs when it comes
back, and shows a forwarded case the county completed — printable as 办结通知."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import DB_FILENAME, Database, create_sqlite_engine, make_session_factory, migrate
from app.models import Case, CatalogItem, CatalogVersion
from app.models.vocabulary import IntakeOutcome
from app.services.calendar_store import load_work_calendar
from app.services.cases import IntakeRequest, MaterialReceipt, take_in
from app.services.demo import DEMO_CENTER, DEMO_PASSWORD, build_demo
from app.services.documents import PrintTarget, prepare
from app.services.staff import check_login
from app.sync.engine import SyncEngine
from app.sync.enroll import enroll
from app.sync.link import Backoff
from tests.sync.live import CountyProcess, desk_counts

pytestmark = pytest.mark.slow


def test_the_demo_desk_offline_then_back_then_a_county_completion(own_county: CountyProcess, template_db: Path,
                                                                    tmp_path: Path) -> None:
    county = own_county
    county.make_center(DEMO_CENTER.center_code, name=DEMO_CENTER.center_name)
    folder = tmp_path / "demo"
    folder.mkdir()
    shutil.copy(template_db, folder / DB_FILENAME)
    engine = create_sqlite_engine(folder / DB_FILENAME)
    db = Database(folder / DB_FILENAME, engine, make_session_factory(engine, data_dir=folder),
                  migrate(engine, folder / DB_FILENAME))
    factory = db.session_factory
    build_demo(factory, residents=15, cases=40, days=15)
    # Small batches: the demo writes a day's cases in one transaction, so batch
    # boundaries fall inside those units of work, as they do on a full demo.
    sync = SyncEngine(factory, folder, backoff=Backoff(base=0.05, cap=0.2, attempts=3), batch_size=20)

    enroll(factory, folder, server_url=county.base, code=county.issue_code(DEMO_CENTER.center_code))
    first = sync.run()
    assert first.ok and first.pending == 0 and first.attention == 0, first.message
    assert set(desk_counts(db)) == {"applied"}

    # The county server goes away; the window goes on working.
    county.stop()
    with factory.begin() as session:
        actor = check_login(session, "zhuren", DEMO_PASSWORD)
        item = session.scalar(select(CatalogItem).join(CatalogVersion).where(
            CatalogVersion.is_current.is_(True), CatalogItem.code == "FW"))  # the county's catalog is current now
        resident_id = session.scalar(select(Case.resident_id).limit(1))
        case = take_in(session, actor, IntakeRequest(
            resident_id=resident_id, item_id=item.id, outcome=IntakeOutcome.FORWARD, forwarded_to="县民政局",
            materials=tuple(MaterialReceipt(m.id, m.count) for m in item.materials)), calendar=load_work_calendar(session))
        case_id = case.id
    offline = sync.run()
    assert offline.state == "offline" and offline.pending == 1  # one case, with its event
    assert not sync.check_connection().ok

    # It comes back: the probe sees it, the sync goes through.
    county.start()
    assert sync.check_connection().ok
    back = sync.run(trigger="link")
    assert back.ok and back.pending == 0, back.message

    officer = county.county_token()
    assert county.county_action(officer, case_id, "received").status_code == 200
    assert county.county_action(officer, case_id, "completed", result="approved", note="准予").status_code == 200
    assert sync.run().ok
    with factory() as session:
        case = session.get(Case, case_id)
        assert (case.status, case.result) == ("completed", "approved")
        pdf = prepare(session, actor, PrintTarget("completion_notice", case_id=case_id)).pdf
    assert pdf.startswith(b"%PDF")
    db.dispose()
