"""Two push batches on their way at once: the next goes out while the county
applies the last and its answer crosses the link, and nothing in it depends
on a batch still on its way (the county may apply the two in either order)."""
from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import select

from app.models import OutboxEntry
from app.models.vocabulary import CaseEventKind, IntakeOutcome
from app.services.cases import IntakeRequest
from app.services.identity import RESIDENT_ID
from app.services.residents import ResidentInput, register_resident
from app.sync import push
from tests.services.desk import NOW
from tests.sync.live import CountyProcess, DeskPC, desk_counts, person_id
from tests.sync.proxy import FaultProxy
from tests.sync.test_faults import county_totals


def busy_day(desk: DeskPC, people: int) -> None:
    for n in range(people):
        case_id = desk.take_in(desk.register(f"村民{n}"))
        desk.event(case_id, CaseEventKind.START)


def names(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(names(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(names(v) for v in value)) if value else set()
    return set()


def test_the_next_batch_overlaps_the_last_and_never_depends_on_it(county: CountyProcess, new_desk,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # Round trips of a second and a fast link: without overlap every batch waits a whole round trip.
    proxy = FaultProxy(county.port, rate=64_000, latency=(1.0, 1.0)).start()
    try:
        desk = new_desk(1, batch_size=10)
        desk.enroll(county, base=proxy.base)
        assert desk.sync().ok
        busy_day(desk, 12)  # 12 residents, 12 cases, 24 events (intake, start): 48 ops in batches of 10, a person split between two
        flights: list[dict[str, Any]] = []
        lock = threading.Lock()
        sending = push._send

        def watched(link, ops, size, rate, *more):  # the real send, its interval noted
            started = time.monotonic()
            answer, sent, size = sending(link, ops, size, rate, *more)
            with lock:
                flights.append({"ops": ops[:sent], "start": started, "end": time.monotonic()})
            return answer, sent, size

        monkeypatch.setattr(push, "_send", watched)
        proxy.plan("/api/v1/push", "pass", "truncate")  # the second batch's answer is lost on the way
        report = desk.sync(push_only=True)
    finally:
        proxy.stop()
    assert report.ok, report.message
    assert desk_counts(desk) == {"applied": 48}
    assert county_totals(county, desk) == {"residents": 12, "cases": 12, "events": 24, "ops": 48}
    overlapping = [(a, b) for i, a in enumerate(flights) for b in flights[i + 1:]
                   if a["start"] < b["end"] and b["start"] < a["end"]]
    assert overlapping, "no batch went out while another was on its way"
    for a, b in overlapping:
        ids_a = {op["entity_id"] for op in a["ops"]} | {str(op["payload"].get("case_id")) for op in a["ops"]}
        for op in b["ops"]:
            assert not (names(op["payload"]) | {op["entity_id"]}) & ids_a, (op["entity"], "depends on a batch on its way")
    # The lost answer was recalled, not sent again: the batch beside it holds no op within its ids' range.
    posts = [p for p in proxy.stats.paths if p.startswith("POST /api/v1/push ")]
    recalls = [p for p in proxy.stats.paths if p.startswith("GET /api/v1/push/recall")]
    assert proxy.stats.faults == {"truncate": 1} and len(recalls) == 1
    assert len(posts) == len(flights), proxy.stats.paths


def test_a_batch_on_its_way_holds_back_what_names_its_records(desk) -> None:
    """Unit level: with a resident's registration on its way, the resident's
    case and the case's events wait; another resident goes ahead."""
    with desk.db.session_factory.begin() as session:
        first = register_resident(session, desk.head, ResidentInput(
            doc_type=RESIDENT_ID, id_number=person_id(11), name="甲")).resident_id
    case_id = desk.take_in(IntakeRequest(resident_id=first, item_id=desk.items["CM"], outcome=IntakeOutcome.ACCEPT,
                                         materials=desk.full("CM")))
    desk.event(case_id, CaseEventKind.START, now=NOW)
    with desk.db.session_factory.begin() as session:
        second = register_resident(session, desk.head, ResidentInput(
            doc_type=RESIDENT_ID, id_number=person_id(12), name="乙")).resident_id
    with desk.db.session_factory() as session:
        queued = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))
        of_case = [e for e in queued if case_id in (e.entity_id, e.owner_id)]
        assert {e.entity for e in of_case} == {"case", "case_event"}
        free = push._next_batch(session, 100, set(), set())
        on_its_way = [e for e in queued if e.entity_id == first]
        batch = push._next_batch(session, 100, set(), set(), push._InFlight.of([on_its_way]))
    assert {e.seq for e in of_case} <= {e.seq for e in free}  # nothing holds them back otherwise
    chosen = {e.seq for e in batch}
    assert [e for e in queued if e.entity_id == second][0].seq in chosen
    assert not chosen & ({e.seq for e in on_its_way} | {e.seq for e in of_case})


def test_nothing_from_within_a_batch_on_its_way_goes_in_another(desk) -> None:
    """A case of the first resident, held back from a batch because its
    resident was on its way, must not go while that batch is: the county
    recalls a lost answer by the range of the batch's op ids, and an op of
    another batch inside that range would make it send the batch again."""
    people = []
    for n in range(3):
        with desk.db.session_factory.begin() as session:
            people.append(register_resident(session, desk.head, ResidentInput(
                doc_type=RESIDENT_ID, id_number=person_id(30 + n), name=f"丙{n}")).resident_id)
    later = desk.take_in(IntakeRequest(resident_id=people[0], item_id=desk.items["CM"], outcome=IntakeOutcome.ACCEPT,
                                       materials=desk.full("CM")))
    with desk.db.session_factory.begin() as session:
        people.append(register_resident(session, desk.head, ResidentInput(
            doc_type=RESIDENT_ID, id_number=person_id(40), name="丁")).resident_id)
    with desk.db.session_factory() as session:
        queued = {e.entity_id: e for e in session.scalars(select(OutboxEntry)) if e.entity in ("resident", "case")}
        first, second = [queued[people[0]]], [queued[people[1]], queued[people[2]], queued[people[3]]]
        # The second batch went out while the first was on its way, without the case
        # (it names the first's resident); the first has landed, the second not.
        assert queued[people[1]].seq < queued[later].seq < queued[people[3]].seq
        assert later not in {e.entity_id for e in push._next_batch(session, 100, set(), set(),
                                                                   push._InFlight.of([first]))}
        assert later in {e.entity_id for e in push._next_batch(session, 100, set(), set())}
        batch = push._next_batch(session, 100, set(), set(), push._InFlight.of([second]))
    assert later not in {e.entity_id for e in batch}


def test_a_lost_answer_is_recalled_when_the_batch_spans_ops_applied_before(county: CountyProcess, new_desk) -> None:
    """Entries held back from earlier batches go up with later ones, so a
    batch's op ids can span another batch's: its lost answer is still
    recalled, the ops applied between counted with it, not sent again."""
    proxy = FaultProxy(county.port).start()
    try:
        desk = new_desk(1, batch_size=100)
        desk.enroll(county, base=proxy.base)
        assert desk.sync().ok
        busy_day(desk, 9)  # 4 ops a person: the middle three people are ops 13-24
        with desk.factory.begin() as session:
            queued = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))
            for entry in queued[:12] + queued[24:]:
                entry.status = "held"
        assert desk.sync(push_only=True).ok  # the middle goes up first
        with desk.factory.begin() as session:
            for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.status == "held")):
                entry.status = "pending"
        proxy.plan("/api/v1/push", "truncate")
        before = len(proxy.stats.paths)
        report = desk.sync(push_only=True)
    finally:
        proxy.stop()
    assert report.ok, report.message
    paths = proxy.stats.paths[before:]
    assert [p.split("?")[0] for p in paths] == ["GET /api/v1/meta pass", "POST /api/v1/push truncate",
                                                "GET /api/v1/push/recall"], paths
    assert desk_counts(desk) == {"applied": 36}
    assert county_totals(county, desk) == {"residents": 9, "cases": 9, "events": 18, "ops": 36}
