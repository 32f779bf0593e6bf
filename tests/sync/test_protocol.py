"""Protocol versions between desks and county servers of different ages
(docs/sync-protocol.md §1.1): a new desk pushes the compact encoding to a
county that reads it, JSON to one that does not, and an old desk (protocol 1
only) keeps working against the new county."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app import wire
from app.models.vocabulary import CaseEventKind
from app.sync.transport import Refused, Transport
from tests.sync.conftest import one_backend
from tests.sync.live import CountyProcess, desk_counts


class Recording(Transport):
    """Keeps what each push looked like on the wire."""

    pushes: list[tuple[str, str, int]]  # (Content-Type, OneWindow-Protocol, body protocol)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pushes = []
        Recording.last = self

    def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        if path == "push":
            headers = kwargs.get("headers") or {}
            self.pushes.append((headers.get("Content-Type", ""), str(self.protocol), self.protocol))
        return super()._send(method, path, **kwargs)


class OldCounty(Recording):
    """The new desk against a county of protocol 1: its meta lists neither
    protocol 2 nor the encoding (as an un-upgraded server answers)."""

    def get(self, path: str, **kwargs: Any) -> Any:
        answer = super().get(path, **kwargs)
        if path == "meta":
            answer = {k: v for k, v in answer.items() if k != "push_encodings"} | {"protocol_versions": [1]}
        return answer


class OldDesk(Recording):
    """A desk of protocol 1: it never upgrades (JSON pushes, long answers)."""

    def adopt(self, meta: dict[str, Any]) -> None:
        self.protocol, self.push_encoding = 1, None


class RefusingProxy(Recording):
    """A county that offers the encoding but whose front refuses it (415):
    the batch goes again as JSON and the run stays on JSON."""

    def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = kwargs.get("headers") or {}
        if path == "push" and headers.get("Content-Type") == wire.MEDIA_TYPE:
            self.pushes.append((headers["Content-Type"], str(self.protocol), self.protocol))
            raise Refused("不支持的 Content-Encoding", code="unsupported_encoding", status=415)
        return super()._send(method, path, **kwargs)


def _work(desk: Any) -> None:
    """Two residents taken in and started (8 operations), once the catalog is here."""
    if not desk.residents():
        assert desk.sync().ok
    for name in ("张三", "李四"):
        case_id = desk.take_in(desk.register(name))
        desk.event(case_id, CaseEventKind.START)


def _county_cases(county: CountyProcess, desk: Any) -> int:
    from county_server.models import Case

    with desk.factory() as session:
        from app.models import Case as DeskCase

        ids = list(session.scalars(select(DeskCase.id)))
    with county.db() as session:
        return session.scalar(select(func.count()).select_from(Case).where(Case.id.in_(ids))) or 0


@one_backend
def test_a_new_desk_pushes_the_compact_encoding_to_a_new_county(county: CountyProcess, new_desk) -> None:
    desk = new_desk(1, transport_factory=Recording)
    desk.enroll(county)
    _work(desk)
    report = desk.sync()
    assert report.ok, report.message
    assert set(desk_counts(desk)) == {"applied"} and _county_cases(county, desk) == 2
    assert Recording.last.pushes == [(wire.MEDIA_TYPE, "2", 2)]


@one_backend
def test_a_new_desk_falls_back_to_json_with_a_county_of_protocol_1(county: CountyProcess, new_desk) -> None:
    desk = new_desk(1, transport_factory=OldCounty)
    desk.enroll(county)
    _work(desk)
    report = desk.sync()
    assert report.ok, report.message
    assert set(desk_counts(desk)) == {"applied"} and _county_cases(county, desk) == 2
    assert Recording.last.pushes == [("application/json", "1", 1)]


@one_backend
def test_an_old_desk_of_protocol_1_keeps_working_against_the_new_county(county: CountyProcess, new_desk) -> None:
    old, new = new_desk(1, transport_factory=OldDesk), new_desk(2)
    old.enroll(county)
    new.enroll(county)
    _work(old)
    report = old.sync()
    assert report.ok, report.message
    assert set(desk_counts(old)) == {"applied"} and _county_cases(county, old) == 2
    assert Recording.last.pushes == [("application/json", "1", 1)]
    with old.factory() as session:
        from app.models import CaseEvent

        assert sorted(session.scalars(select(CaseEvent.position))) == [1, 1, 2, 2]
    # What the old desk sent reaches the new one, and the other way round.
    assert new.sync().ok
    assert len(new.residents()) == 2
    for name in ("王五", "赵六"):
        new.event(new.take_in(new.register(name)), CaseEventKind.START)
    assert new.sync().ok and set(desk_counts(new)) == {"applied"}
    assert old.sync().ok and len(old.residents()) == 4


@one_backend
def test_a_county_front_that_refuses_the_encoding_gets_json(county: CountyProcess, new_desk) -> None:
    desk = new_desk(1, transport_factory=RefusingProxy)
    desk.enroll(county)
    _work(desk)
    report = desk.sync()
    assert report.ok, report.message
    assert set(desk_counts(desk)) == {"applied"} and _county_cases(county, desk) == 2
    assert RefusingProxy.last.pushes == [(wire.MEDIA_TYPE, "2", 2), ("application/json", "2", 2)]


def _pushes(proxy: Any) -> list[tuple[str, str, str]]:
    """(method, path without its query, fault) of each push and recall the proxy saw."""
    calls = [tuple(p.split(" ")) for p in proxy.stats.paths]
    return [(m, path.split("?")[0], fault) for m, path, fault in calls if path.startswith("/api/v1/push")]


@one_backend
def test_an_answer_lost_on_the_way_back_is_recalled_not_sent_again(county: CountyProcess, new_desk) -> None:
    """Protocol 2: the county applied the batch and its answer was lost; the
    desk asks for the answers (a few hundred bytes) instead of resending."""
    from tests.sync.proxy import FaultProxy

    proxy = FaultProxy(county.port).start()
    try:
        desk = new_desk(1)
        desk.enroll(county, base=proxy.base)
        _work(desk)
        proxy.plan("/api/v1/push", "drop_after")
        report = desk.sync()
        assert report.ok, report.message
        assert _pushes(proxy)[-2:] == [("POST", "/api/v1/push", "drop_after"), ("GET", "/api/v1/push/recall", "pass")]
        assert set(desk_counts(desk)) == {"applied"} and _county_cases(county, desk) == 2
        with desk.factory() as session:
            from app.models import CaseEvent

            assert sorted(session.scalars(select(CaseEvent.position))) == [1, 1, 2, 2]
        # Part of a batch missing at the county (cut on the way up): the recall
        # finds too few and the batch goes again, applied once.
        for name in ("王五", "赵六"):
            desk.event(desk.take_in(desk.register(name)), CaseEventKind.START)
        proxy.plan("/api/v1/push", "cut_up")
        assert desk.sync().ok
        assert set(desk_counts(desk)) == {"applied"} and _county_cases(county, desk) == 4
        assert _pushes(proxy)[-3:] == [("POST", "/api/v1/push", "cut_up"), ("GET", "/api/v1/push/recall", "pass"),
                                       ("POST", "/api/v1/push", "pass")]
    finally:
        proxy.stop()


def test_a_batch_is_cut_to_30_seconds_of_the_links_measured_rate() -> None:
    from app.ids import uuid7
    from app.sync import push
    from app.sync.link import Link

    rate = push.LinkRate()
    assert rate.budget() == int(push.ASSUMED_RATE * push.BATCH_SECONDS)  # before any answer: a slow 2G link
    rate.note(20_000, 10.0)  # 2 KB/s seen
    rate.note(10_000, 10.0)  # then 1 KB/s: smoothed
    assert rate.budget() == int(1500 * push.BATCH_SECONDS)
    rate.note(1, 100.0)
    assert rate.budget() >= push.MIN_BATCH_BYTES
    waited = push.LinkRate()
    waited.note(20_000, 15.0, server_ms=5000)  # 5 of the 15 s were the county's work, not the link
    assert waited.bytes_per_s == 2000
    waited.note(20_000, 1.0, server_ms=10_000)  # a wrong figure: at most ten times the rate seen
    assert waited.bytes_per_s == 0.5 * 2000 + 0.5 * 200_000
    with Transport("http://127.0.0.1:9") as transport:
        transport.adopt({"protocol_versions": [1, 2], "push_encodings": [wire.DICTIONARY_ID]})
        assert transport.protocol == 2 and transport.push_encoding == wire.DICTIONARY_ID
        ops = [{"op_id": str(uuid7()), "entity": "resident", "entity_id": str(uuid7()), "kind": "upsert",
                "payload": {"name": f"村民{n}", "note": str(uuid7())}} for n in range(1000)]
        budget = 8 * 1024
        body, content, headers = push._prepare(Link(transport), ops, 1000, budget)
        assert len(content) <= budget and 100 < len(body["ops"]) < 1000
        assert headers["Content-Type"] == wire.MEDIA_TYPE
        assert wire.decode_push(content, max_inflated_bytes=1 << 22)["ops"] == ops[:len(body["ops"])]
        transport.adopt({"protocol_versions": [1]})  # a county of protocol 1
        assert transport.protocol == 1 and transport.push_encoding is None
        _body, content, headers = push._prepare(Link(transport), ops, 10, budget)
        assert headers == {"Content-Type": "application/json", "Content-Encoding": "gzip"}
