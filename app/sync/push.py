"""Push: the outbox goes up in bounded gzip batches, in order; every answer is
recorded on its entry and on its record's sync state, one short transaction
per batch (docs/sync-protocol.md §2, §6).

A batch cut by the link is sent again unchanged (the county answers
``duplicate`` for what it already applied). A timeout halves the batch, as
does a 413. Entries refused with ``retryable`` (a parent still missing) stay
pending and are tried again after the rest; a conflict or a final refusal
goes to "needs attention" and holds back the later entries of its unit of
work.
"""
from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app import wire
from app.clock import utcnow
from app.models import CaseEvent, OutboxEntry, Staff, SyncAttention, SyncVersion
from app.models.system import (
    ATTENTION_CONFLICT,
    ATTENTION_NOTICE,
    ATTENTION_REJECTED,
    OUTBOX_APPLIED,
    OUTBOX_CONFLICT,
    OUTBOX_HELD,
    OUTBOX_PENDING,
    OUTBOX_REJECTED,
)
from app.models.vocabulary import StaffRole
from app.sync import attention, state
from app.sync.link import Link
from app.sync.transport import LinkDown, RateLimited, Refused, TooLarge
from app.text import tr

log = logging.getLogger(__name__)

# The county's own limit per push. On a 2G link every request costs a round
# trip of seconds: fewer, fuller batches win, and a cut batch is resent in
# halves anyway. Recording a 1000-op answer holds the database for about 0.6 s.
# What bounds a batch on a slow link is its size in bytes (BATCH_SECONDS).
DEFAULT_BATCH = 1000
MIN_RESEND = 25  # a cut batch is resent in halves down to this
#: A batch is at most this many seconds of transfer at the rate measured on
#: the link (bytes, not operations: a cut resends at most that much).
BATCH_SECONDS = 30.0
#: The rate assumed before the first answer: a slow 2G link (bytes/s).
ASSUMED_RATE = 1024.0
MIN_BATCH_BYTES = 8 * 1024
#: Batches on their way at once. The next batch goes out while the county
#: applies the one before and its answer comes back: on a 2G link a round
#: trip and the county's work are seconds the link would otherwise sit idle.
IN_FLIGHT = 2
#: The next batch goes out once this share of the one before has had time
#: to cross the link at the measured rate (earlier, the two would only share
#: the link and the first answer would come later; later, the link idles).
OVERLAP_AT = 0.8


@dataclass
class LinkRate:
    """Bytes per second the link carried, request to answer (latency
    included, so on the safe side; the county's own work on the batch left
    out when it says how long that took), smoothed over the last batches."""

    bytes_per_s: float = ASSUMED_RATE
    samples: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def note(self, size: int, seconds: float, *, server_ms: object = None) -> None:
        if isinstance(server_ms, int) and not isinstance(server_ms, bool) and server_ms > 0:
            seconds = max(seconds - server_ms / 1000, seconds / 10)
        if size <= 0 or seconds <= 0:
            return
        sample = size / seconds
        with self._lock:  # two batches may be answered at once
            self.bytes_per_s = sample if self.samples == 0 else 0.5 * self.bytes_per_s + 0.5 * sample
            self.samples += 1

    def crossing(self, size: int) -> float:
        """Seconds ``size`` bytes take on the link at the measured rate."""
        return size / max(1.0, self.bytes_per_s)

    def budget(self) -> int:
        """The most bytes one batch may take."""
        return max(MIN_BATCH_BYTES, int(self.bytes_per_s * BATCH_SECONDS))


@dataclass
class PushStats:
    sent: int = 0
    applied: int = 0
    duplicates: int = 0
    rejected: int = 0
    conflicts: int = 0
    waiting: int = 0  # refused for now (a parent missing); tried again later
    batches: int = 0
    clock_skew_s: int | None = None
    case_conflicts: list[tuple[uuid.UUID, uuid.UUID]] = field(default_factory=list)  # (attention id, case id)


def op_json(entry: OutboxEntry) -> dict[str, Any]:
    op: dict[str, Any] = {
        "op_id": str(entry.op_id), "entity": entry.entity, "entity_id": str(entry.entity_id), "kind": entry.op,
        "payload": entry.payload,
    }
    if entry.base_version is not None:
        op["base_version"] = entry.base_version
    return op


UNSENDABLE: dict[str, Any] = {
    "status": "rejected", "reason_code": "bad_text", "retryable": False,
    "reason": tr("数据中含有无法编码的字符（孤立的代理项），无法上传；请更正该记录",
                 "The data holds a character that cannot be encoded (a lone surrogate) and cannot be sent; "
                 "please correct the record"),
}


def _encodable(op: dict[str, Any]) -> bool:
    """Whether the op can go on the wire as UTF-8 JSON (a lone surrogate cannot)."""
    try:
        json.dumps(op, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, ValueError, RecursionError):
        return False
    return True


def pending_count(session: Session, *, fresh_only: bool = False) -> int:
    """Entries waiting to be sent; ``fresh_only``: not counting those the county
    refused for now (a parent still missing), which need no second try this run."""
    from sqlalchemy import func

    query = select(func.count()).select_from(OutboxEntry).where(OutboxEntry.status == OUTBOX_PENDING)
    if fresh_only:
        query = query.where(OutboxEntry.reason_code == "")
    return session.scalar(query) or 0


def _owner(entry: OutboxEntry) -> uuid.UUID:
    """The record an entry belongs to: its case for a case event, else itself."""
    return entry.owner_id or entry.entity_id


@dataclass
class _InFlight:
    """What the batches on their way hold: no entry of theirs, of their
    records, or that names one of their records goes in another batch meanwhile."""

    seqs: set[int] = field(default_factory=set)
    owners: set[uuid.UUID] = field(default_factory=set)
    names: set[str] = field(default_factory=set)  # every record id of theirs, as it is written in a payload
    ranges: list[tuple[int, int]] = field(default_factory=list)  # each batch's first and last seq

    @staticmethod
    def of(batches: list[list[OutboxEntry]]) -> _InFlight:
        busy = _InFlight()
        for batch in batches:
            if batch:
                busy.ranges.append((min(e.seq for e in batch), max(e.seq for e in batch)))
            for entry in batch:
                busy.seqs.add(entry.seq)
                busy.owners.add(_owner(entry))
                busy.names.update((str(entry.entity_id), str(_owner(entry))))
        return busy

    def spans(self, seq: int) -> bool:
        return any(first <= seq <= last for first, last in self.ranges)

    def names_one(self, value: Any) -> bool:
        """Whether a payload refers to a record of a batch on its way (a case
        to its resident, an event to its case, a merge to both residents)."""
        if isinstance(value, str):
            return value in self.names
        if isinstance(value, dict):
            return any(self.names_one(v) for v in value.values())
        if isinstance(value, list):
            return any(self.names_one(v) for v in value)
        return False


def _next_batch(session: Session, size: int, skip: set[int], blocked: set[uuid.UUID],
                busy: _InFlight | None = None) -> list[OutboxEntry]:
    """The oldest pending entries, at most ``size``.

    Nothing of a record goes up out of order: once one entry of a record (a
    case with its events) waits, every later entry of that record waits too
    — behind a refusal-for-now in this pass (``blocked``), behind a batch
    still on its way (``busy``: the county may apply the two batches in
    either order, so nothing of this one may depend on that one), or for the
    next batch. A case change that follows its own event in one unit of work
    waits for the next batch: if the county refuses the event, the case
    change must not go up without it.
    """
    busy = busy or _InFlight()
    rows = session.scalars(
        select(OutboxEntry).where(OutboxEntry.status == OUTBOX_PENDING).order_by(OutboxEntry.seq)
        .limit(size * 2 + len(skip) + len(busy.seqs))
    )
    batch: list[OutboxEntry] = []
    events_in_batch: set[tuple[uuid.UUID | None, uuid.UUID]] = set()  # (group, case)
    waiting: set[uuid.UUID] = set(blocked) | busy.owners
    for entry in rows:
        if entry.seq in skip or entry.seq in busy.seqs:
            continue
        if len(batch) >= size:
            break
        owner = _owner(entry)
        # Nothing from within a batch on its way: the op ids of batches on
        # their way at once never interleave, so the county can recall a lost
        # answer by the range of its batch's ids.
        if owner in waiting or busy.spans(entry.seq) \
                or (entry.entity == "case" and (entry.group_id, owner) in events_in_batch) \
                or (busy.names and busy.names_one(entry.payload)):
            waiting.add(owner)
            continue
        batch.append(entry)
        if entry.entity == "case_event" and entry.group_id is not None:
            events_in_batch.add((entry.group_id, owner))
    return batch


@dataclass
class _Batch:
    """A batch on its way: its entries, and when its bytes went on the link."""

    entries: list[OutboxEntry]
    future: Future[tuple[dict[str, Any], int, int]] | None = None
    posted: float | None = None  # monotonic time of the last attempt's POST
    size: int = 0  # bytes of that attempt

    def on_post(self, size: int) -> None:
        self.posted, self.size = time.monotonic(), size


def push_outbox(
    factory: sessionmaker[Session],
    link: Link,
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int, int], None] | None = None,
    in_flight: int = IN_FLIGHT,
) -> PushStats:
    """Send every pending entry, up to ``in_flight`` batches on their way at
    once; answers are recorded in the order the batches went out."""
    stats = PushStats()
    rate = LinkRate()
    with factory() as session:
        total = pending_count(session)
    with ThreadPoolExecutor(max_workers=max(1, in_flight), thread_name_prefix="push") as senders:
        _Pusher(factory, link, stats, rate, senders, batch_size=batch_size, in_flight=max(1, in_flight),
                progress=progress, total=total).run()
    _fetch_case_states(factory, link, stats)
    return stats


class _Pusher:
    """One push_outbox call: picks batches on this thread (the database work),
    sends them on ``senders`` (the network), records each answer here."""

    def __init__(self, factory: sessionmaker[Session], link: Link, stats: PushStats, rate: LinkRate,
                 senders: ThreadPoolExecutor, *, batch_size: int, in_flight: int,
                 progress: Callable[[int, int], None] | None, total: int) -> None:
        self.factory, self.link, self.stats, self.rate, self.senders = factory, link, stats, rate, senders
        self.batch_size, self.in_flight, self.progress, self.total = batch_size, in_flight, progress, total
        self.size = max(1, batch_size)
        self.flying: deque[_Batch] = deque()

    def run(self) -> None:
        try:
            for _pass in range(3):
                skip: set[int] = set()  # refused for now in this pass
                blocked: set[uuid.UUID] = set()  # their records: nothing later of them goes up in this pass
                applied_before = self.stats.applied + self.stats.duplicates
                self._pass(skip, blocked)
                if not skip or self.stats.applied + self.stats.duplicates == applied_before:
                    self.stats.waiting = len(skip)
                    break
        finally:
            self._land_the_rest()

    def _pass(self, skip: set[int], blocked: set[uuid.UUID]) -> None:
        exhausted = False  # nothing more to send until a batch on its way lands
        while True:
            self.link.check()
            if not exhausted and self._may_send_another():
                if self._send_next(skip, blocked):
                    continue
                exhausted = True
            if not self.flying:
                return
            first = self.flying[0]
            assert first.future is not None
            timeout = None if exhausted or len(self.flying) >= self.in_flight else self._until_next()
            wait_for([first.future], timeout=timeout)
            if first.future.done():
                self.flying.popleft()
                self._land(first, skip, blocked)
                exhausted = False

    def _may_send_another(self) -> bool:
        if not self.flying:
            return True
        return len(self.flying) < self.in_flight and self._until_next() <= 0

    def _until_next(self) -> float:
        """Seconds until the last batch sent has mostly crossed the link."""
        last = self.flying[-1]
        if last.posted is None:
            return 0.05  # not on the link yet
        return max(0.0, last.posted + OVERLAP_AT * self.rate.crossing(last.size) - time.monotonic())

    def _send_next(self, skip: set[int], blocked: set[uuid.UUID]) -> bool:
        """Put the next batch on its way; False when there is none now."""
        with self.factory() as session:
            busy = _InFlight.of([b.entries for b in self.flying])
            batch = _next_batch(session, self.size, skip, blocked, busy)
            ops = [op_json(e) for e in batch]
        if not batch:
            return False
        seqs = [e.seq for e in batch]
        unsendable = [seq for seq, op in zip(seqs, ops) if not _encodable(op)]
        if unsendable:
            # Refused here, for good and for these entries only: the
            # county could not read them either, and a refusal is never
            # retried (the rest goes up in the next batch).
            with self.factory.begin() as session:
                _record(session, unsendable, {"results": [UNSENDABLE] * len(unsendable)}, self.stats, skip)
            return True
        flight = _Batch(batch)
        flight.future = self.senders.submit(_send, self.link, ops, self.size, self.rate, flight.on_post,
                                            self._applied_between)
        self.flying.append(flight)
        return True

    def _applied_between(self, first: uuid.UUID, last: uuid.UUID) -> list[str]:
        """This desk's ops the county applied with op ids from ``first`` to
        ``last`` (read on the sender's thread, in a session of its own)."""
        with self.factory() as session:
            return [str(op_id) for op_id in session.scalars(select(OutboxEntry.op_id).where(
                OutboxEntry.status == OUTBOX_APPLIED, OutboxEntry.op_id >= first, OutboxEntry.op_id <= last)
                .limit(RECALL_MOST + 1))]

    def _land(self, flight: _Batch, skip: set[int], blocked: set[uuid.UUID]) -> None:
        """Record a batch's answer (a failure of its link is raised here)."""
        assert flight.future is not None
        answer, sent, size = flight.future.result()
        seqs = [e.seq for e in flight.entries[:sent]]
        with self.factory.begin() as session:
            _record(session, seqs, answer, self.stats, skip)
        blocked |= {_owner(e) for e in flight.entries[:sent] if e.seq in skip}
        self.stats.batches += 1
        # The link held: back to full batches quickly (round trips cost seconds).
        self.size = min(self.batch_size, size * 2)
        if self.progress is not None:
            s = self.stats
            self.progress(s.applied + s.duplicates + s.rejected + s.conflicts, self.total)

    def _land_the_rest(self) -> None:
        """After a failure or a cancel: what the county answered for the
        batches still on their way is recorded all the same; their own
        failures are the link's, already known."""
        while self.flying:
            flight = self.flying.popleft()
            assert flight.future is not None
            try:
                wait_for([flight.future])
                self._land(flight, set(), set())
            except Exception as error:  # noqa: BLE001 - the first failure is the one raised
                log.info("a batch on its way was not answered: %s", error)


def _prepare(link: Link, ops: list[dict[str, Any]], count: int, budget: int) -> tuple[dict[str, Any], bytes, dict[str, str]]:
    """The first ``count`` ops (fewer when they come to more than ``budget``
    bytes on the wire) as a push body, encoded."""
    transport = link.transport
    while True:
        # The PC's own clock, so the county can flag a wrong one (never a reason to refuse).
        body = {"protocol": transport.protocol, "device_time": utcnow().isoformat(), "ops": ops[:count]}
        content, headers = transport.push_body(body)
        if len(content) <= budget or count == 1:
            return body, content, headers
        count = max(1, min(count - 1, int(count * budget / len(content) * 0.95)))


def _send(link: Link, ops: list[dict[str, Any]], size: int, rate: LinkRate,
          on_post: Callable[[int], None] | None = None,
          applied_between: Callable[[uuid.UUID, uuid.UUID], list[str]] | None = None,
          ) -> tuple[dict[str, Any], int, int]:
    """POST a batch; returns (answer, how many ops it covered, batch size to go on with).

    The batch is cut to what the link carries in ``BATCH_SECONDS`` at its
    measured rate. A cut link is retried with backoff and jitter, each time
    with the first half of what was cut (the same ops, unchanged: the county
    answers ``duplicate`` for those it already has): on a weak link a
    smaller resend wastes less when it is cut again. A timeout halves at
    once; a 413 too.
    """
    count = len(ops)
    attempt = 0
    while True:
        link.check()
        body, content, headers = _prepare(link, ops, count, rate.budget())
        if len(body["ops"]) < count:
            count = size = len(body["ops"])
        started = time.monotonic()
        if on_post is not None:
            on_post(len(content))
        try:
            answer, wire_bytes = link.transport.post_push(body, content, headers, timeout=link.timeout()), len(content)
            rate.note(wire_bytes, time.monotonic() - started,
                      server_ms=answer.get("server_ms") if isinstance(answer, dict) else None)
        except RateLimited as error:
            attempt += 1
            if attempt >= link.backoff.attempts:
                raise
            link.retries += 1
            link.wait(error.retry_after)
            continue
        except LinkDown as error:
            attempt += 1
            if attempt >= link.backoff.attempts:
                raise
            link.retries += 1
            sent = body["ops"]
            floor = 1 if error.timeout else MIN_RESEND
            if count > floor:
                count = max(floor, count // 2)
                size = count
            log.info("push failed (%s): retry %d with %d ops", error.reason, attempt, count)
            if not error.timeout:  # after a timeout the waiting is done already
                link.wait(link.backoff.delay(attempt))
            recalled = _recall(link, sent, applied_between)
            if recalled is not None:  # the county had it all: only the answer was lost
                return recalled, len(sent), size
            continue
        except TooLarge:
            if count == 1:  # one record over the limit: refused for good, the rest go on
                return {"results": [{"status": "rejected", "reason_code": "op_too_large", "retryable": False,
                                     "reason": tr("这一条数据超过县级服务器的大小限制，无法上传",
                                                  "This record is over the county server's size limit and cannot be "
                                                  "sent")}]}, 1, size
            count = max(1, count // 2)
            size = count
            continue
        results = answer.get("results")
        if not isinstance(results, list) or len(results) != count:
            raise LinkDown(tr("县级服务器的回答与所发数据不符，稍后重试",
                              "The county server's answer does not match what was sent; trying again later"))
        return answer, count, size


#: The most ops the county recalls at once (its limit on ``count``).
RECALL_MOST = 2000


def _recall(link: Link, ops: list[dict[str, Any]],
            applied_between: Callable[[uuid.UUID, uuid.UUID], list[str]] | None = None) -> dict[str, Any] | None:
    """The county's answers to a push whose reply was lost, when it applied
    every op of it (protocol 2): a round trip of a few hundred bytes instead
    of the whole batch again. None: send the batch again.

    The county counts this desk's applied ops between the batch's first and
    last op id. A batch that went out beside another, or that carries ops
    held back earlier, can span ops of other batches already applied:
    ``applied_between`` names those (this desk knows them), and they are
    counted and checked with the batch's own."""
    if link.transport.protocol < 2 or not ops:
        return None
    ids = [str(op["op_id"]) for op in ops]
    try:
        ordered = sorted(ids, key=uuid.UUID)
        first, last = uuid.UUID(ordered[0]), uuid.UUID(ordered[-1])
        others = set(applied_between(first, last) if applied_between is not None else ()) - set(ids)
        expected = sorted([*ordered, *others], key=uuid.UUID)
        if len(expected) > RECALL_MOST:
            return None
        link.check()
        answer = link.transport.get("push/recall", params={"first": ordered[0], "last": ordered[-1],
                                                           "count": len(expected)}, timeout=link.timeout(30))
    except (LinkDown, RateLimited, Refused, ValueError) as error:
        log.info("could not recall the lost answer (%s); sending the batch again", error)
        return None
    results = answer.get("results") if isinstance(answer, dict) else None
    if not isinstance(results, list) or len(results) != len(expected) or answer.get("found") != len(expected) \
            or answer.get("digest") != wire.batch_digest(expected):
        return None
    by_id = dict(zip(expected, results))
    return {"results": [by_id[op_id] for op_id in ids]}


def _record(session: Session, seqs: list[int], answer: dict[str, Any], stats: PushStats, skip: set[int]) -> None:
    # Everything this batch touches is loaded up front, and nothing is flushed
    # until the end: a 500-op answer is recorded in a few statements.
    with session.no_autoflush:
        owners = _record_results(session, seqs, answer, stats, skip)
    session.flush()
    state.refresh_owners(session, owners)


def _record_results(session: Session, seqs: list[int], answer: dict[str, Any], stats: PushStats,
                    skip: set[int]) -> set[uuid.UUID | None]:
    now = utcnow()
    entries = {e.seq: e for e in session.scalars(select(OutboxEntry).where(OutboxEntry.seq.in_(seqs)))}
    ids = [e.entity_id for e in entries.values()]
    versions = {(v.entity, v.entity_id): v for v in session.scalars(select(SyncVersion).where(SyncVersion.entity_id.in_(ids)))}
    list(session.scalars(select(CaseEvent).where(CaseEvent.id.in_(
        [e.entity_id for e in entries.values() if e.entity == "case_event"]))))
    owners: set[uuid.UUID | None] = set()
    if isinstance(answer.get("clock_skew_seconds"), int):
        stats.clock_skew_s = answer["clock_skew_seconds"]
    for seq, result in zip(seqs, answer["results"]):
        entry = entries[seq]
        stats.sent += 1
        entry.attempts += 1
        owners.add(entry.owner_id)
        status = result.get("status")
        reason = str(result.get("reason") or "")
        code = str(result.get("reason_code") or "")
        if status in ("applied", "duplicate"):
            if status == "applied":
                stats.applied += 1
            else:
                stats.duplicates += 1
            entry.status, entry.resolved_at, entry.reason_code, entry.last_error = OUTBOX_APPLIED, now, "", ""
            if entry.entity == "case_event":
                event = session.get(CaseEvent, entry.entity_id)
                if event is not None and isinstance(result.get("position"), int):
                    event.position = result["position"]
            elif isinstance(result.get("version"), int):
                known = versions.get((entry.entity, entry.entity_id))
                if known is None:
                    versions[(entry.entity, entry.entity_id)] = known = SyncVersion(
                        entity=entry.entity, entity_id=entry.entity_id, version=result["version"])
                    session.add(known)
                known.version = max(known.version, result["version"])
            if entry.entity == "staff":
                _staff_role_word(session, entry, result)
        elif status == "rejected" and result.get("retryable"):
            entry.reason_code, entry.last_error = code, reason
            skip.add(seq)
        elif status in ("rejected", "conflict"):
            conflict = status == "conflict"
            if conflict:
                stats.conflicts += 1
            else:
                stats.rejected += 1
            entry.status = OUTBOX_CONFLICT if conflict else OUTBOX_REJECTED
            entry.reason_code, entry.last_error = code, reason or str(state.NOT_ACCEPTED)
            server = {k: v for k, v in result.items() if k not in ("index", "op_id", "status", "reason", "reason_code")}
            item = attention.note(
                session, ATTENTION_CONFLICT if conflict else ATTENTION_REJECTED, entity=entry.entity,
                entity_id=entry.entity_id, outbox_seq=entry.seq, reason_code=code, reason=entry.last_error,
                local=entry.payload, server=server,
            )
            _hold_group(session, entry)
            if entry.entity == "case_event":
                stats.case_conflicts.append((item.id, uuid.UUID(str(entry.payload["case_id"]))))
        else:
            # An answer this desk does not understand: keep the entry; it is resent later.
            entry.last_error = tr(f"县级服务器返回了未知的结果「{status}」",
                                  f"The county server answered with an unknown result \"{status}\"")
            skip.add(seq)
    return owners


def _staff_role_word(session: Session, entry: OutboxEntry, result: dict[str, Any]) -> None:
    """The county stores a head role made here as waiting for its approval
    (docs/sync-protocol.md §4): the account stays a head on this desk, and the
    worker is told once, under 需要处理."""
    staff = session.get(Staff, entry.entity_id)
    pending = str(result.get("role_pending") or "")
    if staff is None or staff.role_pending == pending:
        return
    staff.role_pending = pending
    if pending:
        attention.note(
            session, ATTENTION_NOTICE, entity="staff", entity_id=staff.id, reason_code="role_pending",
            reason=tr(f"「{staff.display_name}」的中心主任角色须经县级管理员批准；批准前在本中心其他电脑上按"
                      f"{StaffRole.text_of(str(result.get('role') or '')).zh}对待，本机仍按中心主任使用",
                      f"The center-head role of \"{staff.display_name}\" needs the county administrator's "
                      f"approval; until then the center's other computers treat the account as "
                      f"{StaffRole.text_of(str(result.get('role') or '')).en}, and this computer keeps it as a head"),
        )


def _hold_group(session: Session, entry: OutboxEntry) -> None:
    """Later entries of the same record in the same unit of work wait with it
    (a case change made with a refused event). Other records changed in that
    transaction go on: one refusal never holds back unrelated work."""
    if entry.group_id is None:
        return
    for later in session.scalars(select(OutboxEntry).where(
        OutboxEntry.group_id == entry.group_id, OutboxEntry.seq > entry.seq, OutboxEntry.status == OUTBOX_PENDING,
        OutboxEntry.owner_id == _owner(entry),
    )):
        later.status = OUTBOX_HELD
        later.last_error = tr(f"同一次操作中的前一条数据未被县级接受：{entry.last_error}",
                              f"An earlier record of the same action was not accepted by the county: "
                              f"{entry.last_error}")[:2000]


def _fetch_case_states(factory: sessionmaker[Session], link: Link, stats: PushStats) -> None:
    """For a refused case event, the county's copy of the case and its history
    goes next to the conflict: the worker sees what the county recorded."""
    for item_id, case_id in stats.case_conflicts:
        def fetch_case(case_id: uuid.UUID = case_id) -> Any:
            return link.transport.get(f"cases/{case_id}", timeout=link.timeout(30))

        try:
            state_now = link.call(fetch_case, what="case state")
        except Exception as error:  # noqa: BLE001 - best effort: the conflict is listed either way
            log.info("could not fetch the county's copy of case %s: %s", case_id, error)
            continue
        with factory.begin() as session:
            item = session.get(SyncAttention, item_id)
            if item is not None:
                item.server = dict(item.server or {}) | {"case": state_now.get("case"), "events": state_now.get("events", [])}
