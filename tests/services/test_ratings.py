"""好差评: the window ballot, the head's phone follow-up, 差评整改 and export codes."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Rating, RatingFollowUp
from app.models.service import RatingIsFinal
from app.models.vocabulary import FollowUpOutcome, IntakeOutcome, RatingChannel, RatingLevel, RatingReason
from app.services import ratings
from app.services.errors import DomainError, PermissionDenied
from app.services.inquiries import InquiryInput, register_inquiry
from app.services.rating_export import GBT_39046, SCHEMES, ZHEJIANG, scheme
from tests.services.desk import NOW, D, Desk


def _done_case(desk: Desk, *, actor=None):
    return desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT), actor=actor)


def _ballot(desk: Desk, case_id, *, now=NOW):
    with desk.db.session_factory.begin() as session:
        return ratings.issue_ballot(session, desk.clerk, case_id=case_id, now=now)


def _cast(desk: Desk, token: str, level: RatingLevel, reasons=(), comment="", now=NOW):
    with desk.db.session_factory.begin() as session:
        return ratings.cast_ballot(session, token, level=level.value, reasons=[r.value for r in reasons],
                                   comment=comment, now=now)


def test_a_ballot_rates_the_case_once_with_its_label_order_and_channel(desk: Desk) -> None:
    case_id = _done_case(desk)
    ballot = _ballot(desk, case_id)
    assert ballot.round == 1 and ballot.subject == "养老认证" and ballot.case_number
    receipt = _cast(desk, ballot.token, RatingLevel.SATISFIED, comment=" 很快 ")
    assert receipt.follow_up_id is None
    with desk.db.session_factory() as session:
        rating = session.get(Rating, receipt.rating_id)
        assert (rating.level, rating.level_label, rating.channel, rating.round) == (4, "满意", "window", 1)
        assert rating.comment == "很快" and rating.case_number == ballot.case_number
        assert rating.staff_id == desk.clerk.staff_id and rating.item_code == "OS" and rating.recorded_by is None
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "rating.recorded"))
        assert entry.detail["channel"] == "window" and "窗口评价器" in entry.summary
    with pytest.raises(DomainError, match="已使用"):
        _cast(desk, ballot.token, RatingLevel.VERY_SATISFIED)
    with pytest.raises(DomainError, match="已经评价过"):
        _ballot(desk, case_id)


def test_a_ballot_expires_and_an_open_case_gets_none(desk: Desk) -> None:
    ballot = _ballot(desk, _done_case(desk))
    with pytest.raises(DomainError, match="过期"):
        _cast(desk, ballot.token, RatingLevel.SATISFIED, now=NOW + timedelta(minutes=ratings.BALLOT_MINUTES + 1))
    with pytest.raises(DomainError, match="无效"):
        _cast(desk, "guessed", RatingLevel.SATISFIED)
    open_case = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT))
    with pytest.raises(DomainError, match="办结后"):
        _ballot(desk, open_case)


def test_a_bad_rating_needs_a_reason_and_opens_a_follow_up_with_working_day_deadlines(desk: Desk) -> None:
    ballot = _ballot(desk, _done_case(desk))
    with pytest.raises(DomainError) as raised:
        _cast(desk, ballot.token, RatingLevel.DISSATISFIED)
    assert raised.value.field == "reasons"
    receipt = _cast(desk, ballot.token, RatingLevel.DISSATISFIED, reasons=[RatingReason.EFFICIENCY])
    with desk.db.session_factory() as session:
        follow_up = session.get(RatingFollowUp, receipt.follow_up_id)
        # Thursday 12 Feb 2026: one working day is Fri 13; fifteen reach past the Spring Festival.
        assert follow_up.revisit_due == D("2026-02-13") and follow_up.revisit_days == 1
        assert follow_up.rectify_due == desk.calendar.add_working_days(D("2026-02-12"), 15)
        rows = ratings.follow_up_rows(session, today=D("2026-02-12"), calendar=desk.calendar)
        assert [(r.step, r.state) for r in rows] == [("revisit", ratings.FU_DUE_SOON)]
        assert ratings.follow_up_rows(session, today=D("2026-02-16"), calendar=desk.calendar)[0].state == "overdue"
        assert ratings.follow_up_counts(session, today=D("2026-02-16"), calendar=desk.calendar).overdue == 1


def test_the_head_follows_up_and_the_second_rating_is_round_two(desk: Desk) -> None:
    case_id = _done_case(desk)
    receipt = _cast(desk, _ballot(desk, case_id).token, RatingLevel.VERY_DISSATISFIED, reasons=[RatingReason.ATTITUDE])
    with desk.db.session_factory.begin() as session, pytest.raises(PermissionDenied):
        ratings.record_revisit(session, desk.clerk, receipt.follow_up_id, "打过电话")
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError, match="先记录回访"):
        ratings.record_outcome(session, desk.head, receipt.follow_up_id, FollowUpOutcome.FIX_NOW, "已改")
    with desk.db.session_factory.begin() as session:
        ratings.record_revisit(session, desk.head, receipt.follow_up_id, "群众反映等候太久", now=NOW)
        ratings.record_outcome(session, desk.head, receipt.follow_up_id, FollowUpOutcome.FIX_NOW, "增设叫号", now=NOW)
    second = _ballot(desk, case_id)
    assert second.round == 2
    again = _cast(desk, second.token, RatingLevel.SATISFIED)
    with desk.db.session_factory() as session:
        rating = session.get(Rating, again.rating_id)
        assert rating.round == 2 and rating.first_rating_id == receipt.rating_id
        follow_up = session.get(RatingFollowUp, receipt.follow_up_id)
        assert follow_up.closed_at is not None and follow_up.second_rating_id == rating.id
    with pytest.raises(DomainError, match="两次"):
        _ballot(desk, case_id)


def test_a_phone_rating_is_the_heads_and_never_for_the_heads_own_case(desk: Desk) -> None:
    clerks_case = _done_case(desk)
    heads_case = _done_case(desk, actor=desk.head)
    with desk.db.session_factory.begin() as session, pytest.raises(PermissionDenied):
        ratings.record_phone_rating(session, desk.clerk, case_id=clerks_case, level="satisfied")
    with desk.db.session_factory.begin() as session, pytest.raises(PermissionDenied, match="自己经办"):
        ratings.record_phone_rating(session, desk.head, case_id=heads_case, level="satisfied")
    with desk.db.session_factory.begin() as session:
        receipt = ratings.record_phone_rating(session, desk.head, case_id=clerks_case, level="fairly_satisfied",
                                              now=NOW)
    with desk.db.session_factory() as session:
        rating = session.get(Rating, receipt.rating_id)
        assert rating.channel == RatingChannel.PHONE and rating.recorded_by == desk.head.staff_id
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "rating.recorded"))
        assert entry.detail["channel"] == "phone" and entry.staff_id == desk.head.staff_id


def test_an_answered_inquiry_is_rated_too(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        inquiry = register_inquiry(session, desk.clerk, InquiryInput(asker_name="王大妈", topic="高龄津贴什么时候发",
                                                                    answer="每月 10 日前"), now=NOW)
        ballot = ratings.issue_ballot(session, desk.clerk, inquiry_id=inquiry.id, now=NOW)
    assert ballot.subject == "高龄津贴什么时候发" and ballot.case_number == ""
    receipt = _cast(desk, ballot.token, RatingLevel.VERY_SATISFIED)
    with desk.db.session_factory() as session:
        assert session.get(Rating, receipt.rating_id).inquiry_id == inquiry.id


def test_a_saved_rating_can_be_neither_changed_nor_deleted(desk: Desk) -> None:
    receipt = _cast(desk, _ballot(desk, _done_case(desk)).token, RatingLevel.SATISFIED)
    with desk.db.session_factory() as session:
        rating = session.get(Rating, receipt.rating_id)
        rating.level = 5
        with pytest.raises(RatingIsFinal):
            session.flush()
        session.rollback()
        rating = session.get(Rating, receipt.rating_id)
        session.delete(rating)
        with pytest.raises(RatingIsFinal):
            session.flush()
        session.rollback()
        rating = session.get(Rating, receipt.rating_id)
        rating.sync_state = "synced"  # its sync bookkeeping is not the rating
        session.flush()


@pytest.mark.parametrize(("level", "code"), [
    (RatingLevel.VERY_SATISFIED, "1"), (RatingLevel.SATISFIED, "2"), (RatingLevel.FAIRLY_SATISFIED, "3"),
    (RatingLevel.DISSATISFIED, "4"), (RatingLevel.VERY_DISSATISFIED, "5"),
])
def test_gbt_39046_codes_one_as_very_satisfied(level: RatingLevel, code: str) -> None:
    assert GBT_39046.level_code(level) == code and GBT_39046.level_of(code) == level


@pytest.mark.parametrize(("level", "code"), [
    (RatingLevel.VERY_DISSATISFIED, "1"), (RatingLevel.DISSATISFIED, "2"), (RatingLevel.FAIRLY_SATISFIED, "3"),
    (RatingLevel.SATISFIED, "4"), (RatingLevel.VERY_SATISFIED, "5"),
])
def test_zhejiang_codes_one_as_very_dissatisfied(level: RatingLevel, code: str) -> None:
    assert ZHEJIANG.level_code(level) == code and ZHEJIANG.level_of(code) == level


def test_every_scheme_codes_every_level_and_channel_once() -> None:
    for each in SCHEMES.values():
        assert set(each.levels) == set(RatingLevel) and len(set(each.levels.values())) == 5
        assert set(each.channels) == set(RatingChannel)
    assert GBT_39046.channel_code(RatingChannel.QR) == "3"
    with pytest.raises(DomainError):
        scheme("nowhere")


def test_levels_know_their_order_and_which_are_bad() -> None:
    assert [level.order for level in RatingLevel] == [5, 4, 3, 2, 1]
    assert [level for level in RatingLevel if level.is_bad] == [RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED]
    assert RatingLevel.of_order(3) is RatingLevel.FAIRLY_SATISFIED


def test_the_countys_deadlines_arrive_with_the_center_and_apply_to_new_follow_ups(desk: Desk) -> None:
    from app.services import settings
    from app.sync.apply import apply_record, context

    with desk.db.session_factory.begin() as session:
        assert ratings.deadline_days(session) == (1, 15)  # the desk's default until the county says
        ctx = context(session)
        apply_record(session, ctx, "center", str(ctx.center_id), 2,
                     {"code": "SF01", "name": "示范村党群服务中心", "rating_revisit_days": 5, "rating_rectify_days": 5})
        assert ratings.deadline_days(session) == (5, 5)
        assert settings.get(session, settings.RATING_DEADLINES_SOURCE) == "county"
    receipt = _cast(desk, _ballot(desk, _done_case(desk)).token, RatingLevel.DISSATISFIED,
                    reasons=[RatingReason.OTHER])
    with desk.db.session_factory() as session:
        follow_up = session.get(RatingFollowUp, receipt.follow_up_id)
        assert (follow_up.revisit_days, follow_up.rectify_days) == (5, 5)
        assert follow_up.revisit_due == follow_up.rectify_due == desk.calendar.add_working_days(D("2026-02-12"), 5)


def test_the_export_codes_each_rating_for_its_target_and_leaves_voided_ones_out(desk: Desk) -> None:
    from app.services.rating_export import export_rows

    good = _cast(desk, _ballot(desk, _done_case(desk)).token, RatingLevel.VERY_SATISFIED)
    bad = _cast(desk, _ballot(desk, _done_case(desk)).token, RatingLevel.VERY_DISSATISFIED,
                reasons=[RatingReason.ATTITUDE])
    with desk.db.session_factory() as session:
        national = export_rows(session, GBT_39046)
        provincial = export_rows(session, ZHEJIANG)
    assert [r["满意度代码"] for r in national] == ["1", "5"] and [r["满意度代码"] for r in provincial] == ["5", "1"]
    assert national[1]["满意度"] == "非常不满意" and national[1]["差评原因"] == "服务态度"
    assert national[0]["评价渠道"] == "4" and national[0]["经办人"] == "李娜" and national[0]["事项编码"] == "OS"
    with desk.db.session_factory.begin() as session:
        session.get(RatingFollowUp, bad.follow_up_id).appeal_decision = "voided"
    with desk.db.session_factory() as session:
        assert [r["满意度"] for r in export_rows(session, GBT_39046)] == ["非常满意"]
    assert good.follow_up_id is None
