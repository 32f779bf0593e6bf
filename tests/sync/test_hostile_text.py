"""Text no record can hold never blocks a desk's sync: the county refuses the
one operation carrying it (PostgreSQL refuses NUL), the desk parks it with
its reason for the worker, never retries it, and everything else arrives.
Text a record can hold (RTL marks, 4-byte characters) arrives unchanged."""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from app.clock import utcnow
from app.ids import uuid7
from app.models import OutboxEntry, SyncAttention
from app.models.system import OUTBOX_PENDING
from tests.sync.live import CountyProcess, DeskPC


def queue_raw(desk: DeskPC, name: str) -> int:
    """A resident operation as an older desk (before it refused such text) queued it."""
    entity_id = uuid7()
    with desk.factory.begin() as session:
        entry = OutboxEntry(
            op_id=uuid7(), stream="records", entity="resident", entity_id=entity_id, op="upsert",
            payload={"doc_type": "resident_id", "id_number": f"4499{uuid.uuid4().int % 10**14:014d}", "name": name,
                     "phone": "", "tags": []},
            created_at=utcnow(), status=OUTBOX_PENDING, group_id=uuid7(), owner_id=entity_id,
        )
        session.add(entry)
        session.flush()
        return entry.seq


def entries(desk: DeskPC, seqs: list[int]) -> list[tuple[str, str, int]]:
    with desk.factory() as session:
        rows = {e.seq: e for e in session.scalars(select(OutboxEntry).where(OutboxEntry.seq.in_(seqs)))}
        return [(rows[s].status, rows[s].reason_code, rows[s].attempts) for s in seqs]


def test_unstorable_text_is_refused_for_its_record_alone_and_never_retried(county: CountyProcess,
                                                                           new_desk: Any) -> None:
    desk = new_desk(1)
    desk.enroll(county)
    assert desk.sync().ok
    before = desk.register("甲一")
    nul = queue_raw(desk, "王\x00五")
    surrogate = queue_raw(desk, "李\ud800四")
    after = desk.register("乙二")

    report = desk.sync()
    assert report.ok, report.message
    assert entries(desk, [nul, surrogate]) == [("rejected", "bad_text", 1), ("rejected", "bad_text", 1)]
    with county.db() as session:
        from county_server.models import Resident as CountyResident

        names = set(session.scalars(select(CountyResident.name).where(CountyResident.id.in_([before, after]))))
    assert names == {"甲一", "乙二"}
    with desk.factory() as session:
        waiting = {a.outbox_seq: a for a in session.scalars(select(SyncAttention))}
    assert set(waiting) == {nul, surrogate}
    assert "name" in waiting[nul].reason and "\\x00" in waiting[nul].reason

    again = desk.sync()  # a refusal is never sent again
    assert again.ok, again.message
    assert entries(desk, [nul, surrogate]) == [("rejected", "bad_text", 1), ("rejected", "bad_text", 1)]


def test_rtl_marks_and_four_byte_characters_arrive_unchanged(county: CountyProcess, new_desk: Any) -> None:
    one, two = new_desk(1), new_desk(2)
    one.enroll(county)
    two.enroll(county)
    name = "\u202b𠀀𪚥\u200d李\u200f"
    resident = one.register(name)
    assert one.sync().ok
    assert two.sync().ok
    assert two.residents()[resident][1] == name
