"""The transactional outbox: every change to a record the county keeps writes
its operation in the same transaction, and rolls back with it."""
from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from app.models import Case, CaseEvent, OutboxEntry, PrintedDocument, Resident
from app.models.vocabulary import CaseEventKind, IntakeOutcome
from app.services.documents import PrintTarget, prepare, record_print
from app.services.errors import DomainError
from app.services.identity import RESIDENT_ID, fictional_id_number
from app.services.inquiries import InquiryInput, close_inquiry, register_inquiry
from app.services.residents import ResidentInput, register_resident
from tests.services.desk import NOW, Desk, at


def entries(desk: Desk) -> list[OutboxEntry]:
    with desk.db.session_factory() as session:
        return list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))


def person(n: int = 7) -> ResidentInput:
    number = fictional_id_number(region_code="449901", birth_date=date(1950, 1, 2), sequence=n, gender="女")
    return ResidentInput(doc_type=RESIDENT_ID, id_number=number, name="李秀英", phone="13800138000")


def test_registering_a_resident_queues_its_record(desk: Desk) -> None:
    before = len(entries(desk))
    with desk.db.session_factory.begin() as session:
        rid = register_resident(session, desk.clerk, person()).resident_id
    new = entries(desk)[before:]
    assert [(e.entity, e.op, e.entity_id, e.status) for e in new] == [("resident", "upsert", rid, "pending")]
    payload = new[0].payload
    assert payload["name"] == "李秀英" and payload["doc_type"] == RESIDENT_ID and payload["phone"] == "13800138000"
    # Never sent: the center (the county takes it from the token), derived keys, sync bookkeeping.
    assert not {"center_id", "name_initials", "sync_state", "id"} & set(payload)
    assert new[0].base_version is None and new[0].owner_id == rid
    with desk.db.session_factory() as session:
        assert session.get(Resident, rid).sync_state == "pending"


def test_the_outbox_entry_rolls_back_with_the_change(desk: Desk) -> None:
    before = len(entries(desk))
    with pytest.raises(RuntimeError), desk.db.session_factory.begin() as session:
        register_resident(session, desk.clerk, person(8))
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == before + 1
        raise RuntimeError("power cut before the commit")
    assert len(entries(desk)) == before
    with desk.db.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Resident).where(Resident.name == "李秀英")) == 0


def test_a_refused_intake_queues_nothing(desk: Desk) -> None:
    before = len(entries(desk))
    with pytest.raises(DomainError):
        desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT, materials=()))
    assert len(entries(desk)) == before


def test_intake_queues_the_case_then_its_first_event_in_one_group(desk: Desk) -> None:
    before = len(entries(desk))
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT))
    new = entries(desk)[before:]
    assert [(e.entity, e.op) for e in new] == [("case", "upsert"), ("case_event", "append")]
    case_op, event_op = new
    assert case_op.group_id == event_op.group_id is not None
    assert case_op.owner_id == event_op.owner_id == case_id
    assert case_op.payload["item_code"] == "CM" and case_op.payload["item_name"] == "高龄津贴申报"
    assert case_op.payload["status"] == "accepted" and case_op.payload["device_id"] == str(desk.clerk.device_id)
    assert [m["name"] for m in case_op.payload["materials"]] == ["居民身份证", "居民户口簿", "银行卡"]
    assert event_op.payload["case_id"] == str(case_id) and event_op.payload["from_status"] is None
    assert event_op.payload["kind"] == "accept" and event_op.payload["seq"] == 1


def test_an_event_that_only_moves_the_status_queues_only_the_event(desk: Desk) -> None:
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT))
    before = len(entries(desk))
    desk.event(case_id, CaseEventKind.START, now=at("2026-02-13"))
    new = entries(desk)[before:]
    assert [(e.entity, e.payload["kind"]) for e in new] == [("case_event", "start")]
    # An extension changes the committed date: the case goes too, after its event.
    desk.event(case_id, CaseEventKind.EXTEND, now=at("2026-02-13"), note="需要入户核查",
               new_due=desk.case(case_id).committed_due + timedelta(days=10),
               details={"approved_by": "张主任", "past_statutory_reason": "需要入户核查"})
    new = entries(desk)[before + 1:]
    assert [e.entity for e in new] == ["case_event", "case"]
    assert new[0].group_id == new[1].group_id
    assert new[1].payload["committed_due"] == desk.case(case_id).committed_due.isoformat()


def test_converting_an_inquiry_queues_it_after_the_case(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        inquiry = register_inquiry(session, desk.clerk, InquiryInput(
            asker_name="张老汉", topic="高龄津贴怎么办", outcome="open", resident_id=desk.resident_id), now=NOW)
    before = len(entries(desk))
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT, inquiry_id=inquiry.id))
    new = entries(desk)[before:]
    assert [e.entity for e in new] == ["case", "case_event", "inquiry"]
    assert new[2].payload["case_id"] == str(case_id) and new[2].payload["outcome"] == "converted"
    assert len({e.group_id for e in new}) == 1


def test_inquiries_queue_on_registration_and_on_closing(desk: Desk) -> None:
    before = len(entries(desk))
    with desk.db.session_factory.begin() as session:
        inquiry = register_inquiry(session, desk.clerk, InquiryInput(
            asker_name="王大妈", topic="医保报销", outcome="follow_up", follow_up_due=date(2026, 2, 20)), now=NOW)
    with desk.db.session_factory.begin() as session:
        close_inquiry(session, desk.clerk, inquiry.id, "已电话告知", now=NOW)
    new = entries(desk)[before:]
    assert [(e.entity, e.entity_id) for e in new] == [("inquiry", inquiry.id)] * 2
    assert new[0].payload["closed_at"] is None and new[1].payload["close_note"] == "已电话告知"
    assert new[0].group_id != new[1].group_id


def test_a_print_record_is_an_insert(desk: Desk, tmp_path) -> None:
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT))
    before = len(entries(desk))
    with desk.db.session_factory.begin() as session:
        prepared = prepare(session, desk.clerk, PrintTarget("receipt", case_id=case_id), now=NOW)
        record_id = record_print(session, desk.clerk, prepared, data_dir=tmp_path, now=NOW)
    new = entries(desk)[before:]
    assert [(e.entity, e.op, e.entity_id) for e in new] == [("printed_document", "insert", record_id)]
    assert new[0].payload["doc_number"] == prepared.doc_number and new[0].payload["case_id"] == str(case_id)
    with desk.db.session_factory() as session:
        assert session.get(PrintedDocument, record_id).sync_state == "pending"


def test_op_ids_are_unique_and_increasing(desk: Desk) -> None:
    desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT))
    desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT))
    ops = [e.op_id for e in entries(desk)]
    assert len(set(ops)) == len(ops) and ops == sorted(ops)
    assert all(isinstance(op, uuid.UUID) and op.version == 7 for op in ops)


def test_case_events_take_sync_columns_but_keep_their_content(desk: Desk) -> None:
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT))
    with desk.db.session_factory.begin() as session:
        event = session.scalar(select(CaseEvent).where(CaseEvent.case_id == case_id))
        event.position = 1
        event.refused = ""
    with pytest.raises(IntegrityError, match="append-only"), desk.db.engine.begin() as connection:
        connection.execute(text("UPDATE case_events SET note = 'changed' WHERE case_id = :c"), {"c": case_id.hex})
    with pytest.raises(IntegrityError, match="append-only"), desk.db.engine.begin() as connection:
        connection.execute(text("DELETE FROM case_events WHERE case_id = :c"), {"c": case_id.hex})
    with desk.db.session_factory() as session:
        assert session.scalar(select(CaseEvent.position).where(CaseEvent.case_id == case_id)) == 1
        assert session.get(Case, case_id).status == "accepted"
