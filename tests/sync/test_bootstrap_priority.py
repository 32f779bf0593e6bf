"""A replacement desk at work while its history is still arriving (issue: sync
on a 2G link). The county sends the snapshot in priority order: the open
cases, their residents and last year's residents first, then the whole
history; meanwhile a lookup by ID number that finds nobody asks the county.
Real county process, desks through the fault proxy."""
from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from app.clock import utcnow
from app.models import Case, Resident
from app.models.vocabulary import CaseStatus, IntakeOutcome
from app.services.search import lookup
from app.services.setup import this_device
from app.sync import remote_lookup
from app.sync.pull import bootstrap_state
from county_server.models import Case as CountyCase
from tests.sync.live import CountyProcess, DeskPC, make_desk, person_id
from tests.sync.proxy import FaultProxy

OLD_HISTORY = 14


@pytest.fixture
def proxy(county: CountyProcess) -> Iterator[FaultProxy]:
    link = FaultProxy(county.port).start()
    yield link
    link.stop()


def through(desk: DeskPC, link: FaultProxy) -> None:
    with desk.factory.begin() as session:
        this_device(session).server_url = link.base


def center_with_history(county: CountyProcess, new_desk) -> tuple[DeskPC, uuid.UUID, uuid.UUID]:
    """A desk that worked for years: old, closed cases (received two years ago at
    the county) and one returning resident with an open case."""
    old = new_desk(1)
    old.enroll(county)
    assert old.sync().ok
    for n in range(OLD_HISTORY):
        old.take_in(old.register(f"老住户{n}"), outcome=IntakeOutcome.REJECT, reasons="户籍不在本村")
    returning = old.register("回头客")
    open_case = old.take_in(returning)
    assert old.sync().ok
    with county.db.begin() as session:  # the closed cases are years old
        session.execute(update(CountyCase).where(CountyCase.id != open_case)
                        .values(received_at=utcnow() - timedelta(days=800)))
    return old, returning, open_case


def residents_here(desk: DeskPC) -> int:
    with desk.factory() as session:
        return session.scalar(select(func.count()).select_from(Resident)) or 0


def test_a_replacement_desk_takes_in_a_returning_resident_while_its_history_arrives(
        county: CountyProcess, proxy: FaultProxy, new_desk) -> None:
    old, returning, open_case = center_with_history(county, new_desk)
    spare = new_desk(2, page_size=4)
    spare.enroll(county)
    through(spare, proxy)
    held = threading.Event()
    release = threading.Event()
    snapshot_pages: list[str] = []

    def on_request(path: str, phase: str) -> None:
        # Hold the history's next page once the desk is usable: the intake
        # below happens while the snapshot is provably not finished.
        if path.startswith("/api/v1/bootstrap") and phase == "received":
            snapshot_pages.append(path)
            with spare.factory() as session:
                state = bootstrap_state(session)
            if state.usable and state.active and not held.is_set():
                held.set()
                release.wait(60)

    proxy.on_request.append(on_request)
    result: dict[str, object] = {}
    runner = threading.Thread(target=lambda: result.setdefault("report", spare.sync()))
    runner.start()
    try:
        assert held.wait(60), "the desk never became usable before the end of its snapshot"
        with spare.factory() as session:
            state = bootstrap_state(session)
            assert state.active and state.usable and state.rows > 0
            assert state.estimate > state.rows  # the worker sees "已到 N / 约 M"
            # The returning resident and the open case are here, the old history not yet.
            found = lookup(session, _id_of(old, returning))
            assert [hit.id for hit in found.residents] == [returning]
            assert session.get(Case, open_case).status == CaseStatus.ACCEPTED
        assert residents_here(spare) < OLD_HISTORY + 1
        new_case = spare.take_in(returning, code="CN")  # intake while the history arrives
    finally:
        release.set()
        runner.join(120)
    report = result["report"]
    assert report.ok, report.message  # type: ignore[attr-defined]
    assert spare.sync().ok
    with spare.factory() as session:
        assert not bootstrap_state(session).active
    assert residents_here(spare) == OLD_HISTORY + 1  # the whole history came after all
    with county.db() as session:  # the intake reached the county once
        assert session.scalar(select(func.count()).select_from(CountyCase).where(CountyCase.id == new_case)) == 1
    assert old.sync().ok
    assert old.case(new_case).resident_id == returning
    assert len(snapshot_pages) > 3


def _id_of(desk: DeskPC, resident_id: uuid.UUID) -> str:
    with desk.factory() as session:
        resident = session.get(Resident, resident_id)
        assert resident is not None
        return resident.id_number


def begin_bootstrap(spare: DeskPC) -> None:
    """As a first sync leaves a desk cut off early: the accounts, catalog and
    devices are here, the snapshot has begun, nothing of the history is."""
    from app.services import settings
    from app.sync.link import Link
    from app.sync.pull import COUNTY_OWNED, pull_streams
    from app.sync.transport import Transport

    url, ca, token = spare.engine.configuration()
    with Transport(url, token=token) as transport:
        pull_streams(spare.factory, Link(transport), streams=COUNTY_OWNED)
    with spare.factory.begin() as session:
        settings.put(session, settings.SYNC_BOOTSTRAP, {"done": False, "rows": 1, "usable": True, "estimate": 99})


def test_a_lookup_that_finds_nobody_asks_the_county_while_the_history_arrives(
        county: CountyProcess, new_desk, template_db: Path, tmp_path: Path) -> None:
    old, returning, open_case = center_with_history(county, new_desk)
    number = _id_of(old, returning)
    spare = new_desk(2)
    spare.enroll(county)
    begin_bootstrap(spare)
    with spare.factory() as session:
        assert not lookup(session, number).residents  # not here yet
    answer = remote_lookup.lookup_resident(spare.factory, spare.data_dir, number)
    assert answer.found and answer.resident_id == returning
    with spare.factory() as session:
        assert [hit.id for hit in lookup(session, number).residents] == [returning]
        assert session.get(Case, open_case) is not None  # with its open case
    # Somebody the county does not know either: registering is right.
    nobody = remote_lookup.lookup_resident(spare.factory, spare.data_dir, person_id(9999))
    assert nobody.state == remote_lookup.NOT_FOUND
    # Another center's resident answers like a missing one.
    elsewhere = make_desk(template_db, tmp_path / "elsewhere", county.make_center())
    try:
        elsewhere.enroll(county)
        assert elsewhere.sync().ok
        stranger = elsewhere.register("外中心", sequence=7777)
        assert elsewhere.sync().ok
        assert remote_lookup.lookup_resident(spare.factory, spare.data_dir,
                                             _id_of(elsewhere, stranger)).state == remote_lookup.NOT_FOUND
    finally:
        elsewhere.close()


def test_a_lookup_offline_says_it_could_not_ask(county: CountyProcess, new_desk) -> None:
    old, returning, _case = center_with_history(county, new_desk)
    spare = new_desk(2)
    spare.enroll(county)
    begin_bootstrap(spare)
    link = FaultProxy(county.port, fault_rate=1.0, faults=("drop_before",)).start()
    try:
        through(spare, link)
        answer = remote_lookup.lookup_resident(spare.factory, spare.data_dir, _id_of(old, returning), timeout=2)
    finally:
        link.stop()
    assert answer.state == remote_lookup.OFFLINE
    assert "无法确认" in answer.message or "cannot be confirmed" in answer.message
    with spare.factory() as session:
        assert session.get(Resident, returning) is None


def test_a_desk_with_its_whole_history_does_not_ask(county: CountyProcess, new_desk) -> None:
    old, returning, _case = center_with_history(county, new_desk)
    assert remote_lookup.lookup_resident(old.factory, old.data_dir, person_id(9999)).state == remote_lookup.SKIPPED
