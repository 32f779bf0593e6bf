"""合并登记: a worker proposes, the head confirms; the merged record's work
moves to the kept one, the merged record stays, pointing to it; one synced
operation that another desk applies the same way, in any order, twice."""
from __future__ import annotations

import itertools
import uuid
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from app.ids import uuid7
from app.models import AuditEntry, Case, Inquiry, OutboxEntry, Resident, ResidentMerge
from app.models.records import payload_of
from app.models.vocabulary import IntakeOutcome
from app.services.documents import PrintTarget, prepare, record_print
from app.services.errors import DomainError, PermissionDenied
from app.services.identity import RESIDENT_ID, fictional_id_number
from app.services.inquiries import InquiryInput, register_inquiry
from app.services.resident_merge import (
    MergeEdge,
    confirm_merge,
    decline_merge,
    merge_roots,
    propose_merge,
    settle_merges,
)
from app.services.resident_page import resident_page
from app.services.residents import ResidentInput, register_resident
from app.sync.apply import apply_record, context
from tests.services.desk import NOW, Desk

TYPO_ID = fictional_id_number(region_code="440111", birth_date=date(1940, 5, 16), sequence=12, gender="男")


def _twin(desk: Desk) -> uuid.UUID:
    """The same 张老汉 registered again with a mistyped birth date."""
    with desk.db.session_factory.begin() as session:
        return register_resident(session, desk.clerk, ResidentInput(RESIDENT_ID, TYPO_ID, "张老汉")).resident_id


def _work_of(desk: Desk, resident_id: uuid.UUID, data_dir) -> tuple[uuid.UUID, uuid.UUID, str]:
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT).__class__(
        **(vars(desk.request("CM", IntakeOutcome.ACCEPT)) | {"resident_id": resident_id})))
    with desk.db.session_factory.begin() as session:
        inquiry = register_inquiry(session, desk.clerk, InquiryInput(asker_name="张老汉", topic="低保政策", answer="已告知条件",
                                                                      resident_id=resident_id), now=NOW)
        prepared = prepare(session, desk.clerk, PrintTarget("receipt", case_id=case_id))
        record_print(session, desk.clerk, prepared, data_dir=data_dir)
    return case_id, inquiry.id, prepared.doc_number


def test_a_worker_proposes_and_the_head_confirms(desk: Desk, tmp_path) -> None:
    twin = _twin(desk)
    case_id, inquiry_id, doc_number = _work_of(desk, twin, tmp_path)
    with desk.db.session_factory.begin() as session:
        merge_id = propose_merge(session, desk.clerk, kept_id=desk.resident_id, merged_id=twin, reason="登记时出生日期录错")
    with desk.db.session_factory() as session:
        assert session.get(Case, case_id).resident_id == twin  # nothing moves before the head confirms
        assert resident_page(session, twin).merges[0].status == "proposed"
    with desk.db.session_factory.begin() as session, pytest.raises(PermissionDenied):
        confirm_merge(session, desk.clerk, merge_id)
    with desk.db.session_factory.begin() as session:
        confirm_merge(session, desk.head, merge_id, now=NOW)
    with desk.db.session_factory() as session:
        assert session.get(Case, case_id).resident_id == desk.resident_id
        assert session.get(Inquiry, inquiry_id).resident_id == desk.resident_id
        merged = session.get(Resident, twin)
        assert merged is not None and merged.merged_into == desk.resident_id  # kept, not deleted
        page = resident_page(session, desk.resident_id)
        assert case_id in [c.id for c in page.cases] and inquiry_id in [i.id for i in page.inquiries]
        assert doc_number in [d.doc_number for d in page.printed]
        assert resident_page(session, twin).merged_into == desk.resident_id
        merges = session.scalars(select(OutboxEntry).where(OutboxEntry.entity == "resident_merge")).all()
        assert [m.payload["status"] for m in merges] == ["proposed", "confirmed"]
        # one operation: the cases themselves are not sent again, every place moves them
        assert not session.scalars(select(OutboxEntry).where(OutboxEntry.entity == "case",
                                                             OutboxEntry.seq > merges[0].seq)).all()
        actions = [a.action for a in session.scalars(select(AuditEntry).where(AuditEntry.entity_id == str(twin)))]
        assert "merge_propose" in actions and "merge" in actions
        summary = session.scalar(select(AuditEntry.summary).where(AuditEntry.action == "merge"))
        assert TYPO_ID not in summary and "张老汉" in summary
    # registering the mistyped number again finds the kept record
    with desk.db.session_factory.begin() as session:
        again = register_resident(session, desk.clerk, ResidentInput(RESIDENT_ID, TYPO_ID, "张老汉"))
    assert again.resident_id == desk.resident_id and not again.created


def test_the_head_merges_directly_and_merged_records_refuse_more(desk: Desk) -> None:
    twin = _twin(desk)
    with desk.db.session_factory.begin() as session:
        merge_id = propose_merge(session, desk.head, kept_id=desk.resident_id, merged_id=twin, reason="重复登记")
    with desk.db.session_factory() as session:
        assert session.get(ResidentMerge, merge_id).status == "confirmed"
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError):
        propose_merge(session, desk.clerk, kept_id=twin, merged_id=desk.resident_id, reason="再合并一次")
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as error:
        propose_merge(session, desk.clerk, kept_id=desk.resident_id, merged_id=desk.resident_id, reason="x")
    assert error.value.field == "merged_id"
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as error:
        propose_merge(session, desk.clerk, kept_id=desk.resident_id, merged_id=twin, reason="")
    assert error.value.field == "reason"


def test_a_proposal_can_be_declined_and_then_nothing_moves(desk: Desk, tmp_path) -> None:
    twin = _twin(desk)
    case_id, _inquiry, _doc = _work_of(desk, twin, tmp_path)
    with desk.db.session_factory.begin() as session:
        merge_id = propose_merge(session, desk.clerk, kept_id=desk.resident_id, merged_id=twin, reason="疑似重复")
    with desk.db.session_factory.begin() as session:
        decline_merge(session, desk.head, merge_id)
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError):
        confirm_merge(session, desk.head, merge_id)
    with desk.db.session_factory() as session:
        assert session.get(Case, case_id).resident_id == twin
        assert session.get(Resident, twin).merged_into is None


# -- the rule: the same answer in any order -----------------------------------------------

PEOPLE = [uuid.UUID(int=n) for n in range(1, 6)]


@given(st.lists(st.tuples(st.sampled_from(PEOPLE), st.sampled_from(PEOPLE)), max_size=6), st.randoms())
def test_merge_roots_depend_only_on_the_set_of_merges(pairs: list[tuple[uuid.UUID, uuid.UUID]], rnd) -> None:
    edges = [MergeEdge(uuid.UUID(int=1000 + i), a, b) for i, (a, b) in enumerate(pairs)]
    shuffled = edges[:]
    rnd.shuffle(shuffled)
    roots = merge_roots(edges)
    assert merge_roots(shuffled) == roots
    assert all(root not in roots for root in roots.values())  # a root is never merged away itself
    for edge in edges:  # every merged pair ends as one person
        assert roots.get(edge.merged_id, edge.merged_id) == roots.get(edge.kept_id, edge.kept_id)


def test_both_ways_at_two_desks_offline_ends_with_the_first_proposal() -> None:
    a, b = PEOPLE[:2]
    first, second = MergeEdge(uuid.UUID(int=1), a, b), MergeEdge(uuid.UUID(int=2), b, a)
    for order in itertools.permutations([first, second]):
        assert merge_roots(order) == {a: b}


# -- another desk applies it ---------------------------------------------------------------


def _apply(desk: Desk, entity: str, entity_id: uuid.UUID, version: int, data: dict) -> bool:
    with desk.db.session_factory.begin() as session:
        return apply_record(session, context(session), entity, str(entity_id), version, data)


def test_a_merge_from_another_desk_applies_once_and_before_the_cases(desk: Desk, tmp_path) -> None:
    twin = _twin(desk)
    case_id, _inquiry, _doc = _work_of(desk, twin, tmp_path)
    merge = {"kept_id": str(desk.resident_id), "merged_id": str(twin), "status": "confirmed", "reason": "重复登记",
             "proposed_by": str(desk.head.staff_id), "proposed_at": NOW.isoformat(),
             "decided_by": str(desk.head.staff_id), "decided_at": NOW.isoformat()}
    merge_id = uuid7()
    assert _apply(desk, "resident_merge", merge_id, 1, merge)
    assert not _apply(desk, "resident_merge", merge_id, 1, merge)  # twice: a no-op
    with desk.db.session_factory() as session:
        assert session.get(Case, case_id).resident_id == desk.resident_id
        assert session.get(Resident, twin).merged_into == desk.resident_id
        # a case of the merged record arriving after the merge belongs to the kept one
        late = payload_of(session, session.get(Case, case_id)) | {
            "resident_id": str(twin), "case_number": "SF01-09-20260212-0001", "materials": []}
    late_id = uuid7()
    assert _apply(desk, "case", late_id, 1, late)
    with desk.db.session_factory() as session:
        assert session.get(Case, late_id).resident_id == desk.resident_id
    # a late "proposed" copy never takes a confirmed merge back
    assert _apply(desk, "resident_merge", merge_id, 2, merge | {"status": "proposed"})
    with desk.db.session_factory() as session:
        assert session.get(ResidentMerge, merge_id).status == "confirmed"
        settle_merges(session)
        assert session.get(Resident, twin).merged_into == desk.resident_id


def test_work_started_on_a_merged_record_goes_to_the_kept_one(desk: Desk) -> None:
    """A search result or a list opened before the merge still names the merged record."""
    twin = _twin(desk)
    with desk.db.session_factory.begin() as session:
        propose_merge(session, desk.head, kept_id=desk.resident_id, merged_id=twin, reason="重复登记")
    request = desk.request("CM", IntakeOutcome.ACCEPT)
    case_id = desk.take_in(request.__class__(**(vars(request) | {"resident_id": twin})))
    with desk.db.session_factory.begin() as session:
        inquiry = register_inquiry(session, desk.clerk, InquiryInput(asker_name="张老汉", topic="问政策", answer="已答复",
                                                                      resident_id=twin), now=NOW)
    with desk.db.session_factory() as session:
        assert session.get(Case, case_id).resident_id == desk.resident_id
        assert session.get(Inquiry, inquiry.id).resident_id == desk.resident_id


def test_search_finds_the_kept_record_not_the_merged_one(desk: Desk) -> None:
    from app.services.search import lookup

    twin = _twin(desk)
    with desk.db.session_factory.begin() as session:
        propose_merge(session, desk.head, kept_id=desk.resident_id, merged_id=twin, reason="重复登记")
    with desk.db.session_factory() as session:
        assert [hit.id for hit in lookup(session, "张老汉").residents] == [desk.resident_id]


def test_a_merge_moves_the_online_assists_too(desk: Desk) -> None:
    """帮办网办 names its resident like a case does: after the merge it belongs to the kept record."""
    from app.models import OnlineAssist
    from app.services import online_assist as oa

    twin = _twin(desk)
    with desk.db.session_factory.begin() as session:
        helped = oa.register(session, desk.clerk, oa.AssistInput(
            resident_id=twin, resident_name="张老汉", platform="浙里办", item_name="城乡居民养老保险参保登记",
            application_no="ZLB20260212000123", follow_up_on=date(2026, 2, 24)), now=NOW)
    with desk.db.session_factory.begin() as session:
        propose_merge(session, desk.head, kept_id=desk.resident_id, merged_id=twin, reason="登记时出生日期录错")
    with desk.db.session_factory() as session:
        assert session.get(OnlineAssist, helped.id).resident_id == desk.resident_id


def test_every_record_that_names_a_resident_moves_with_a_merge() -> None:
    """A table that holds a resident's work (a resident_id) is in the list a merge moves: a new kind of record
    cannot be left behind with the merged record."""
    from app.models import Base
    from app.services.resident_merge import RESIDENT_WORK

    own = {"residents", "resident_name_grams", "resident_merges"}  # the person, its search index, the merge itself
    naming = {table.name for table in Base.metadata.sorted_tables if table.name not in own
              and any(fk.column.table.name == "residents" for c in table.columns for fk in c.foreign_keys)}
    assert naming == {model.__tablename__ for model in RESIDENT_WORK}
