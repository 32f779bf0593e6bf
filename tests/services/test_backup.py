"""AB角: who acts for an absent worker, chains without loops, the work moved
onto the backup's board, recorded as done for A, and handed back on return."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Case, CaseEvent, Inquiry, OutboxEntry
from app.models.vocabulary import CaseEventKind, IntakeOutcome
from app.services import assignments, backup, whereabouts
from app.services.context import Actor
from app.services.errors import DomainError, PermissionDenied
from app.services.inquiries import InquiryInput, close_inquiry, register_inquiry
from app.services.staff import actor_for, add_staff, open_work, set_active
from app.services.whereabouts import NoteInput
from tests.services.desk import NOW, Desk

LATER = NOW + timedelta(minutes=10)


def _worker(desk: Desk, username: str, name: str) -> Actor:
    with desk.db.session_factory.begin() as session:
        return actor_for(session, add_staff(session, desk.head, username=username, display_name=name,
                                            password=f"{username}2026pw"))


def _away(desk: Desk, who: Actor, *, now=NOW, status: str = "meeting") -> uuid.UUID:
    with desk.db.session_factory.begin() as session:
        return whereabouts.set_note(session, who, who.staff_id, NoteInput(status, "镇政府", now + timedelta(hours=2)),
                                    now=now).note_id


def _back(desk: Desk, who: Actor, *, now) -> whereabouts.HandBack | None:
    with desk.db.session_factory.begin() as session:
        return whereabouts.clear_note(session, who, who.staff_id, now=now)


def _post(desk: Desk, name: str, a: Actor, b: Actor | None) -> uuid.UUID:
    with desk.db.session_factory.begin() as session:
        return assignments.set_post(session, desk.head, None, name, primary=a.staff_id,
                                    backup=b.staff_id if b else None)


def _item(desk: Desk, code: str, a: Actor, b: Actor | None) -> None:
    with desk.db.session_factory.begin() as session:
        assignments.set_item_pair(session, desk.head, code, primary=a.staff_id, backup=b.staff_id if b else None)


def _acting(desk: Desk, who: Actor, at=LATER) -> uuid.UUID | None:
    with desk.db.session_factory() as session:
        return backup.acting_backup(session, who.staff_id, at)


@pytest.fixture
def trio(desk: Desk) -> tuple[Actor, Actor, Actor]:
    """李娜 (the desk's clerk), 赵强 and 孙梅."""
    return desk.clerk, _worker(desk, "zhaoq", "赵强"), _worker(desk, "sunm", "孙梅")


def test_nobody_acts_for_a_worker_who_is_present(desk: Desk, trio) -> None:
    a, b, _c = trio
    _post(desk, "民政岗", a, b)
    assert _acting(desk, a) is None


def test_b_acts_for_a_while_a_is_away_and_not_after_a_returns(desk: Desk, trio) -> None:
    a, b, _c = trio
    _post(desk, "民政岗", a, b)
    _away(desk, a)
    assert _acting(desk, a) == b.staff_id
    _back(desk, a, now=NOW + timedelta(minutes=30))
    assert _acting(desk, a, at=NOW + timedelta(minutes=31)) is None  # no deputy left listed after the absence
    assert _acting(desk, a, at=LATER) == b.staff_id  # the past stays as it was


def test_a_chain_of_three_reaches_the_first_present_backup(desk: Desk, trio) -> None:
    a, b, c = trio
    _post(desk, "民政岗", a, b)
    _post(desk, "社保岗", b, c)
    _away(desk, a)
    _away(desk, b)
    assert _acting(desk, a) == c.staff_id
    _away(desk, c)
    assert _acting(desk, a) == desk.head.staff_id  # the chain ran out: the head stands in


def test_a_cycle_of_backups_ends_with_the_head_instead_of_looping(desk: Desk, trio) -> None:
    a, b, c = trio
    _post(desk, "民政岗", a, b)
    _post(desk, "社保岗", b, c)
    _post(desk, "综合岗", c, a)
    for who in (a, b, c):
        _away(desk, who)
    assert _acting(desk, a) == desk.head.staff_id
    assert _acting(desk, b) == desk.head.staff_id
    _back(desk, a, now=NOW + timedelta(minutes=5))
    assert _acting(desk, b) == a.staff_id  # b -> c (away) -> a (back)


def test_setting_an_absence_while_the_partner_is_away_warns_and_names_the_head(desk: Desk, trio) -> None:
    a, b, _c = trio
    _item(desk, "CM", a, b)
    _away(desk, b)
    with desk.db.session_factory.begin() as session:
        result = whereabouts.set_note(session, a, a.staff_id, NoteInput("stepped_out", "村委会", NOW + timedelta(hours=1)),
                                      now=LATER)
    assert len(result.warnings) == 1
    assert "高龄津贴申报" in result.warnings[0] and "王建国" in result.warnings[0] and "赵强" in result.warnings[0]


def test_the_head_sets_pairs_and_a_bad_pair_is_refused(desk: Desk, trio) -> None:
    a, b, _c = trio
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as same:
        assignments.set_item_pair(session, desk.head, "CM", primary=a.staff_id, backup=a.staff_id)
    assert same.value.field == "backup"
    with desk.db.session_factory.begin() as session, pytest.raises(PermissionDenied):
        assignments.set_item_pair(session, a, "CM", primary=a.staff_id, backup=b.staff_id)
    _item(desk, "CM", a, b)
    _item(desk, "CM", b, a)  # the same record, changed: its id comes from the center and the code
    with desk.db.session_factory() as session:
        rows = {r.item_code: r for r in assignments.assignment_rows(session, desk.head.center_id)}
        assert (rows["CM"].primary_name, rows["CM"].backup_name) == ("赵强", "李娜")
        assert rows["OS"].id is None
        sent = list(session.scalars(select(OutboxEntry).where(OutboxEntry.entity == "backup_assignment")))
    assert len({entry.entity_id for entry in sent}) == 1


def test_a_new_case_of_an_absent_as_item_goes_to_b_and_says_so(desk: Desk, trio) -> None:
    a, b, c = trio
    _item(desk, "CM", a, b)
    _away(desk, a)
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT), now=LATER, actor=c)
    case = desk.case(case_id)
    assert case.handled_by == b.staff_id
    assert case.events[0].data["acting_for"] == str(a.staff_id)
    present = desk.take_in(desk.request("CN", IntakeOutcome.ACCEPT), now=LATER, actor=c)
    assert desk.case(present).handled_by == c.staff_id  # an item with no pair stays with whoever took it in
    with desk.db.session_factory() as session:  # what the intake screen tells the worker taking it in
        assert backup.handed_over(session, case_id, taken_by=c.staff_id) == ("赵强", "李娜")
        assert backup.handed_over(session, present, taken_by=c.staff_id) == ("", "")


def test_bs_board_holds_as_work_and_what_b_does_is_recorded_for_a_then_handed_back(desk: Desk, trio) -> None:
    a, b, _c = trio
    _post(desk, "民政岗", a, b)
    open_case = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT), actor=a)
    other_case = desk.take_in(desk.request("CN", IntakeOutcome.ACCEPT), actor=a)
    with desk.db.session_factory.begin() as session:
        register_inquiry(session, a, InquiryInput(asker_name="钱大爷", topic="高龄津贴什么时候到账", outcome="follow_up",
                                                  follow_up_due=NOW.date() + timedelta(days=3)), now=NOW)
    with desk.db.session_factory() as session:
        assert backup.held_work(session, b.staff_id, NOW) == []
    note_id = _away(desk, a, now=NOW + timedelta(minutes=1))
    with desk.db.session_factory() as session:
        held = backup.held_work(session, b.staff_id, LATER)
        assert [h.absent_name for h in held] == ["李娜"]
        sections = {s.kind: s for s in held[0].sections}
        assert {e.id for e in sections["cases"].entries} == {open_case, other_case}
        assert [e.reference for e in sections["inquiries"].entries] == ["钱大爷"]
        assert backup.held_work(session, desk.head.staff_id, LATER) == []
        inquiry_id = session.scalar(select(Inquiry.id))
    desk.event(open_case, CaseEventKind.START, now=LATER, actor=b)
    with desk.db.session_factory.begin() as session:
        close_inquiry(session, b, inquiry_id, "已电话告知本月底到账", now=LATER)
    with desk.db.session_factory() as session:
        event = session.scalar(select(CaseEvent).where(CaseEvent.case_id == open_case, CaseEvent.seq == 2))
        assert event.staff_id == b.staff_id and event.data["acting_for"] == str(a.staff_id)
        sent = session.scalar(select(OutboxEntry).where(OutboxEntry.entity == "case_event",
                                                        OutboxEntry.entity_id == event.id))
        assert sent.payload["data"]["acting_for"] == str(a.staff_id)
        audited = session.scalar(select(AuditEntry).where(AuditEntry.entity == "inquiry", AuditEntry.action == "update"))
        assert audited.detail["acting_for"] == str(a.staff_id)
    handed = _back(desk, a, now=NOW + timedelta(minutes=30))
    assert handed is not None and handed.note_id == note_id
    assert [(line.reference, line.by_name) for line in handed.done_for_you] == [(desk.case(open_case).case_number, "赵强")]
    assert len(handed.other_actions) == 1 and "钱大爷" not in handed.other_actions[0]
    assert {e.id for e in handed.still_open} == {open_case, other_case}
    with desk.db.session_factory() as session:
        assert backup.held_work(session, b.staff_id, NOW + timedelta(minutes=31)) == []


def test_a_present_worker_doing_a_colleagues_case_is_not_marked_acting(desk: Desk, trio) -> None:
    a, b, _c = trio
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT), actor=a)
    desk.event(case_id, CaseEventKind.START, now=LATER, actor=b)
    assert "acting_for" not in desk.case(case_id).events[1].data


def test_deactivating_a_worker_offers_their_backup_and_hands_their_open_cases_over(desk: Desk, trio) -> None:
    a, b, _c = trio
    _post(desk, "民政岗", a, b)
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT), actor=a)
    with desk.db.session_factory() as session:
        work = open_work(session, desk.head, a.staff_id)
    assert (work.open_cases, work.backup_id, work.backup_name) == (1, b.staff_id, "赵强")
    with desk.db.session_factory.begin() as session:
        set_active(session, desk.head, a.staff_id, False, hand_over_to=work.backup_id)
    assert desk.case(case_id).handled_by == b.staff_id
    with desk.db.session_factory() as session:
        assert session.scalar(select(Case.handled_by).where(Case.id == case_id)) == b.staff_id


def test_the_case_history_says_who_acted_for_whom(desk: Desk, trio) -> None:
    from app.services.case_detail import case_detail

    a, b, _c = trio
    _post(desk, "民政岗", a, b)
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT), actor=a)
    _away(desk, a)
    desk.event(case_id, CaseEventKind.START, now=LATER, actor=b)
    with desk.db.session_factory() as session:
        detail = case_detail(session, case_id, actor=b, today=LATER.date(), calendar=desk.calendar)
    assert [e.staff_name for e in detail.events] == ["李娜", "赵强（代李娜）"]


def test_a_chain_of_three_moves_as_work_onto_the_third_workers_board(desk: Desk, trio) -> None:
    a, b, c = trio
    _post(desk, "民政岗", a, b)
    _post(desk, "社保岗", b, c)
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT), actor=a)
    _away(desk, a)
    _away(desk, b)
    with desk.db.session_factory() as session:
        held = backup.held_work(session, c.staff_id, LATER)
        assert backup.held_work(session, b.staff_id, LATER) == []  # away: holds nothing
    by_name = {h.absent_name: h for h in held}
    assert set(by_name) == {"李娜", "赵强"}
    assert [e.id for e in by_name["李娜"].sections[0].entries] == [case_id]


def test_back_at_the_desk_a_takes_back_the_new_cases_of_as_items(desk: Desk, trio) -> None:
    a, b, c = trio
    _item(desk, "CM", a, b)
    note_id = _away(desk, a)
    new_case = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT), now=LATER, actor=c)
    handed = _back(desk, a, now=NOW + timedelta(minutes=30))
    assert [line.case_id for line in handed.new_cases] == [new_case] and handed.can_take_back == (new_case,)
    with desk.db.session_factory.begin() as session, pytest.raises(PermissionDenied):
        whereabouts.take_back(session, c, note_id)
    with desk.db.session_factory.begin() as session:
        assert whereabouts.take_back(session, a, note_id) == 1
    assert desk.case(new_case).handled_by == a.staff_id
    with desk.db.session_factory() as session:
        assert whereabouts.hand_back(session, note_id).can_take_back == ()


def test_bs_board_holds_as_appointments_and_the_follow_ups_of_as_bad_ratings(desk: Desk, trio) -> None:
    """代 A 办理 covers all of A's open work: cases, inquiries, appointments and
    the 差评整改 about A's service, and none of it once A is back."""
    from app.models import Appointment
    from app.models.vocabulary import RatingLevel
    from app.services import ratings

    a, b, _c = trio
    _post(desk, "民政岗", a, b)
    case_id = desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT), actor=a)
    with desk.db.session_factory.begin() as session:
        ballot = ratings.issue_ballot(session, a, case_id=case_id, now=NOW)
        ratings.cast_ballot(session, ballot.token, level=RatingLevel.DISSATISFIED.value, reasons=["efficiency"], now=NOW)
        session.add(Appointment(center_id=a.center_id, name="张老汉", staff_id=a.staff_id, created_by=a.staff_id,
                                scheduled_at=LATER + timedelta(hours=1), ends_at=LATER + timedelta(hours=2)))
        session.add(Appointment(center_id=a.center_id, name="早已结束", staff_id=a.staff_id, created_by=a.staff_id,
                                scheduled_at=NOW - timedelta(hours=3), ends_at=NOW - timedelta(hours=2)))
    _away(desk, a)
    with desk.db.session_factory() as session:
        [held] = backup.held_work(session, b.staff_id, LATER)
        assert backup.held_work(session, a.staff_id, LATER) == []
    sections = {section.kind: section for section in held.sections}
    assert [entry.reference for entry in sections["appointments"].entries] == ["张老汉"]
    [follow_up] = sections["ratings"].entries
    assert follow_up.title == "不满意" and follow_up.status_label == "待回访"
    _back(desk, a, now=LATER + timedelta(minutes=5))
    with desk.db.session_factory() as session:
        assert backup.held_work(session, b.staff_id, LATER + timedelta(minutes=6)) == []
