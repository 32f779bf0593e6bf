"""Conflicts and refusals land in "needs attention", never dropped silently;
the worker resolves them (protocol §4, SYNC.md ownership rules)."""
from __future__ import annotations

from sqlalchemy import func, select

from app.models import Case, CaseEvent, Inquiry, OutboxEntry, Resident, SyncAttention
from app.models.vocabulary import CaseEventKind, IntakeOutcome
from app.services.inquiries import InquiryInput, close_inquiry, register_inquiry
from app.sync import attention, resolution
from tests.sync.live import CountyProcess, desk_counts, person_id


def open_items(desk) -> list[attention.AttentionRow]:
    with desk.factory() as session:
        return attention.open_items(session)


def resolve(desk, item, choice) -> None:
    with desk.factory.begin() as session:
        resolution.resolve(session, item.id, choice, staff_id=desk.actor.staff_id)


def test_an_edit_on_top_of_another_desks_edit_is_a_conflict_the_worker_resolves(county: CountyProcess, new_desk) -> None:
    one, two = new_desk(1), new_desk(2)
    for desk in (one, two):
        desk.enroll(county)
        desk.sync()
    with one.factory.begin() as session:
        inquiry_id = register_inquiry(session, one.actor, InquiryInput(
            asker_name="王大妈", topic="医保报销", outcome="open")).id
    one.sync()
    two.sync()
    # Both desks close the same inquiry while offline; desk one reaches the county first.
    with one.factory.begin() as session:
        close_inquiry(session, one.actor, inquiry_id, "已电话告知报销流程")
    with two.factory.begin() as session:
        close_inquiry(session, two.actor, inquiry_id, "已转镇医保站")
    assert one.sync().ok
    report = two.sync()
    assert report.ok and report.conflicts == 1 and report.attention == 1
    [item] = open_items(two)
    assert item.kind == "conflict" and item.reason_code == "stale" and item.entity == "inquiry"
    assert item.server["current"]["close_note"] == "已电话告知报销流程"
    assert item.local["close_note"] == "已转镇医保站"
    assert set(item.choices) == {"keep_mine", "use_county"}
    with two.factory() as session:
        row = session.get(Inquiry, inquiry_id)
        assert row.sync_state == "error" and "较新版本" in row.sync_error
        assert row.close_note == "已转镇医保站"  # the desk's version is kept until the worker decides

    resolve(two, item, "keep_mine")
    assert two.sync().ok and open_items(two) == []
    assert one.sync().ok
    with one.factory() as session:
        assert session.get(Inquiry, inquiry_id).close_note == "已转镇医保站"
    with two.factory() as session:
        assert session.get(Inquiry, inquiry_id).sync_state == "synced"


def test_taking_the_countys_version_replaces_the_desks(county: CountyProcess, new_desk) -> None:
    one, two = new_desk(1), new_desk(2)
    for desk in (one, two):
        desk.enroll(county)
        desk.sync()
    with one.factory.begin() as session:
        inquiry_id = register_inquiry(session, one.actor, InquiryInput(asker_name="李大爷", topic="养老认证",
                                                                        outcome="open")).id
    one.sync()
    two.sync()
    for desk, text in ((one, "已办结"), (two, "另一种说法")):
        with desk.factory.begin() as session:
            close_inquiry(session, desk.actor, inquiry_id, text)
    one.sync()
    two.sync()
    [item] = open_items(two)
    resolve(two, item, "use_county")
    with two.factory() as session:
        row = session.get(Inquiry, inquiry_id)
        assert row.close_note == "已办结" and row.sync_state == "synced"
        entry = session.scalar(select(OutboxEntry).where(OutboxEntry.seq == session.get(SyncAttention, item.id).outbox_seq))
        assert entry.status == "superseded"  # kept, never sent again
    assert two.sync().ok and desk_counts(two).get("pending", 0) == 0


def test_one_person_registered_at_two_desks_is_merged_and_their_cases_follow(county: CountyProcess, new_desk) -> None:
    one, two = new_desk(1), new_desk(2)
    for desk in (one, two):
        desk.enroll(county)
        desk.sync()
    first = one.register("周大娘", sequence=4242)
    second = two.register("周大娘", sequence=4242)
    assert first != second
    case_one = one.take_in(first)
    case_two = two.take_in(second, code="CN")
    assert one.sync().ok
    report = two.sync()
    assert report.ok, report.message
    assert desk_counts(two) == {"applied": 2, "superseded": 1}  # the case and its event; the resident merged
    with two.factory() as session:
        assert session.get(Resident, second) is None
        assert session.get(Case, case_two).resident_id == first
        assert session.scalar(select(func.count()).select_from(Resident).where(Resident.id_number == person_id(4242))) == 1
    items = open_items(two)
    assert [(i.kind, i.entity_id) for i in items] == [("merged", first)]
    assert items[0].choices == ("acknowledge",)
    one.sync()
    assert one.case(case_two).resident_id == first and one.case(case_one).resident_id == first
    with county.db() as session:
        from county_server.models import Case as CountyCase
        from county_server.models import Resident as CountyResident

        assert session.scalar(select(func.count()).select_from(CountyResident).where(
            CountyResident.id_number == person_id(4242))) == 1
        assert session.get(CountyCase, case_two).resident_id == first


def test_a_case_refused_by_the_county_shows_why_and_holds_its_history_back(county: CountyProcess, new_desk) -> None:
    desk = new_desk(1)
    desk.enroll(county)
    desk.sync()
    case_id = desk.take_in(desk.register("吴九"))
    # The case number names another center: the county refuses it for good.
    with desk.factory.begin() as session:
        entry = session.scalar(select(OutboxEntry).where(OutboxEntry.entity == "case"))
        entry.payload = entry.payload | {"case_number": "OTHER01-01-20261120-0001"}
    report = desk.sync()
    assert report.ok
    assert desk_counts(desk) == {"applied": 1, "rejected": 1, "held": 1}
    with desk.factory() as session:
        case = session.get(Case, case_id)
        assert case.sync_state == "error" and "办件编号" in case.sync_error
    [item] = open_items(desk)
    assert item.kind == "rejected" and item.reason_code == "bad_case_number"
    assert set(item.choices) == {"keep_mine", "acknowledge"}
    resolve(desk, item, "acknowledge")
    assert open_items(desk) == []
    with desk.factory() as session:
        assert session.get(Case, case_id).sync_state == "error"  # still not at the county, still shown


def test_a_desk_event_on_a_case_the_county_took_over_is_a_conflict(county: CountyProcess, new_desk) -> None:
    desk = new_desk(1)
    desk.enroll(county)
    desk.sync()
    case_id = desk.take_in(desk.register("郑十"), code="FW", outcome=IntakeOutcome.FORWARD)
    assert desk.sync().ok
    officer = county.county_token()
    assert county.county_action(officer, case_id, "received", note="材料已收").status_code == 200
    # Offline, the desk records the return itself before hearing of the county's receipt.
    desk.event(case_id, CaseEventKind.RETURN, note="镇里说已退回")
    report = desk.sync()
    assert report.ok and report.conflicts == 1
    [item] = open_items(desk)
    assert item.entity == "case_event" and item.reason_code in ("county_owned", "status_changed")
    assert item.choices == ("use_county",)
    assert item.server["case"]["status"] == "forwarded"
    assert [e["kind"] for e in item.server["events"]] == ["forward_at_intake", "note"]
    resolve(desk, item, "use_county")
    case = desk.case(case_id)
    assert case.status == "forwarded"
    refused = [e for e in case.events if e.refused]
    assert [e.kind for e in refused] == ["return"]  # kept in the history, marked, not counted
    assert case.sync_state == "synced"
    with desk.factory() as session:
        assert session.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case_id)) == 3


def _many_cases_in_one_transaction(desk, count: int) -> list:
    """As the demo and a day's bulk work do: several cases, each taken in and
    started, in a single unit of work (one outbox group)."""
    from app.services.calendar_store import load_work_calendar
    from app.services.cases import IntakeRequest, record_event, take_in
    from app.services.identity import RESIDENT_ID
    from app.services.residents import ResidentInput, register_resident

    item_id, materials = desk.item("CM")
    cases = []
    with desk.factory.begin() as session:
        calendar = load_work_calendar(session)
        for n in range(count):
            resident = register_resident(session, desk.actor, ResidentInput(
                doc_type=RESIDENT_ID, id_number=person_id(7100 + n), name=f"批量{n}")).resident_id
            case = take_in(session, desk.actor, IntakeRequest(
                resident_id=resident, item_id=item_id, outcome=IntakeOutcome.ACCEPT, materials=materials),
                calendar=calendar)
            record_event(session, desk.actor, case.id, CaseEventKind.START, calendar=calendar)
            cases.append(case.id)
    return cases


def test_batch_boundaries_inside_one_transaction_of_many_cases_lose_nothing(county: CountyProcess, new_desk) -> None:
    # Batches of 3 cut every case's records (resident, case, intake, start) apart.
    desk = new_desk(1, batch_size=3)
    desk.enroll(county)
    assert desk.sync().ok
    cases = _many_cases_in_one_transaction(desk, 6)
    report = desk.sync()
    assert report.ok and report.pending == 0, report.message
    assert desk_counts(desk) == {"applied": 24}
    assert open_items(desk) == []
    with county.db() as session:
        from county_server.models import Case as CountyCase

        assert [session.get(CountyCase, c).status for c in cases] == ["in_progress"] * 6


def test_one_refused_case_holds_back_only_its_own_records(county: CountyProcess, new_desk) -> None:
    desk = new_desk(1, batch_size=5)
    desk.enroll(county)
    assert desk.sync().ok
    cases = _many_cases_in_one_transaction(desk, 4)
    with desk.factory.begin() as session:  # the second case's number names another center: refused for good
        entry = session.scalar(select(OutboxEntry).where(OutboxEntry.entity == "case", OutboxEntry.entity_id == cases[1]))
        entry.payload = entry.payload | {"case_number": "OTHER01-01-20261120-0001"}
    report = desk.sync()
    assert report.ok
    assert desk_counts(desk) == {"applied": 13, "rejected": 1, "held": 2}
    with desk.factory() as session:
        states = [session.get(Case, c).sync_state for c in cases]
    assert states == ["synced", "error", "synced", "synced"]
    [item] = open_items(desk)
    assert item.entity == "case" and item.reason_code == "bad_case_number"
    resolve(desk, item, "acknowledge")
    # Seen: never sent again and no longer "waiting" (the exit sync and the
    # status bar stop counting it), but the case stays marked as not at the county.
    assert desk_counts(desk) == {"applied": 13, "dismissed": 3}
    with desk.factory() as session:
        from app.services.queries import pending_sync_count

        assert pending_sync_count(session) == 0
        assert [session.get(Case, c).sync_state for c in cases] == ["synced", "error", "synced", "synced"]
    assert desk.sync().ok and desk_counts(desk) == {"applied": 13, "dismissed": 3}


def test_a_note_at_one_desk_never_undoes_another_desks_extension(county: CountyProcess, new_desk) -> None:
    from datetime import timedelta

    one, two = new_desk(1), new_desk(2)
    for desk in (one, two):
        desk.enroll(county)
        assert desk.sync().ok
    case_id = one.take_in(one.register("冯十一"))
    assert one.sync().ok and two.sync().ok
    due = one.case(case_id).committed_due
    two.event(case_id, CaseEventKind.NOTE, note="群众来电询问进度")  # offline at desk 2
    with two.factory() as session:  # a note is an event: it sends no copy of the whole case
        assert [e.entity for e in session.scalars(select(OutboxEntry).where(OutboxEntry.status == "pending"))] == ["case_event"]
    one.event(case_id, CaseEventKind.EXTEND, note="需入户核查", new_due=due + timedelta(days=7),
              details={"approved_by": "张主任", "past_statutory_reason": "需入户核查"})
    assert one.sync().ok
    report = two.sync()
    assert report.ok and report.conflicts == 0, report.message
    assert open_items(two) == []
    assert two.case(case_id).committed_due == due + timedelta(days=7)
    assert one.sync().ok
    assert [e.kind for e in sorted(one.case(case_id).events, key=lambda e: e.position)] == ["accept", "extend", "note"]


def test_a_case_update_from_the_county_is_applied_while_an_event_of_it_waits(county: CountyProcess, new_desk) -> None:
    from datetime import timedelta

    one, two = new_desk(1), new_desk(2)
    for desk in (one, two):
        desk.enroll(county)
        assert desk.sync().ok
    case_id = two.take_in(two.register("褚十二"))
    assert two.sync().ok and one.sync().ok
    due = two.case(case_id).committed_due
    one.event(case_id, CaseEventKind.EXTEND, note="需入户核查", new_due=due + timedelta(days=5),
              details={"approved_by": "张主任", "past_statutory_reason": "需入户核查"})
    assert one.sync().ok
    # Desk 2 saves a note that has not gone up yet when the extension comes down.
    two.event(case_id, CaseEventKind.NOTE, note="已电话告知")
    with two.factory.begin() as session:
        session.execute(OutboxEntry.__table__.update().where(OutboxEntry.status == "pending").values(status="held"))
    assert two.sync().ok
    assert two.case(case_id).committed_due == due + timedelta(days=5)
    with two.factory.begin() as session:
        session.execute(OutboxEntry.__table__.update().where(OutboxEntry.status == "held").values(status="pending"))
    assert two.sync().ok and desk_counts(two) == {"applied": 4}
    assert two.case(case_id).committed_due == due + timedelta(days=5)
