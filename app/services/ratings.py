"""好差评 / 群众评议: the resident's ratings and the bad ones' follow-up (差评整改).

Nobody can forge or force a rating:

- a rating is append-only (the model refuses any change but sync bookkeeping);
- at the window a rating can only be cast with a one-time ballot
  (:func:`issue_ballot`, when a case or an inquiry is done), which only the
  resident-facing screen consumes (:func:`cast_ballot`, which takes no staff
  session at all);
- the head's phone follow-up (回访) is recorded with channel phone, only by a
  head, and never for a case the head handled (nobody rates their own case);
- every rating is in the audit log with its channel.

No other function here writes a rating; tests/services/test_rating_forgery.py
walks them all.
"""
from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import Case, CaseEvent, CatalogItem, Inquiry, Rating, RatingBallot, RatingFollowUp, Staff
from app.models.outbox import record_change
from app.models.service import INQ_ANSWERED, INQ_REFERRED
from app.models.vocabulary import (
    AppealDecision,
    CaseStatus,
    FollowUpOutcome,
    RatingChannel,
    RatingLevel,
    RatingReason,
)
from app.services import audit, settings
from app.services.calendar import WorkCalendar
from app.services.calendar_store import load_work_calendar
from app.services.context import Actor
from app.services.errors import DomainError, NotFound, PermissionDenied
from app.services.setup import find_this_device
from app.services.text_input import check_text
from app.text import Text, tr

#: How long the resident has to rate after the worker finishes.
BALLOT_MINUTES = 10
COMMENT_MAX = 500
#: A case is "done at the window" in these states.
DONE_STATUSES = (CaseStatus.COMPLETED, CaseStatus.DELIVERED)
INQUIRY_DONE = (INQ_ANSWERED, INQ_REFERRED)


# -- what a resident enters: checked the same at the window, by phone and on the county's page --


@dataclass(frozen=True)
class RatingInput:
    """The resident's answer, as entered."""

    level: RatingLevel
    reasons: tuple[RatingReason, ...] = ()
    comment: str = ""


def check_input(level: str, reasons: Iterable[str] = (), comment: str = "") -> RatingInput:
    """The answer, or a DomainError naming the field. A bad level asks for at
    least one reason; a good one carries none."""
    try:
        chosen = RatingLevel(level)
    except ValueError:
        raise DomainError(tr("请选择满意程度", "Choose how satisfied you are"), field="level") from None
    picked: list[RatingReason] = []
    for raw in reasons:
        try:
            reason = RatingReason(raw)
        except ValueError:
            raise DomainError(tr(f"未知的不满意原因「{raw}」", f"Unknown reason “{raw}”"), field="reasons") from None
        if reason not in picked:
            picked.append(reason)
    if chosen.is_bad and not picked:
        raise DomainError(tr("请选择不满意的原因（可多选）", "Choose what you were not satisfied with"),
                          field="reasons")
    if not chosen.is_bad:
        picked = []
    text = check_text(comment, field="comment", label=Text("评价内容", "The comment"), multiline=True).strip()
    if len(text) > COMMENT_MAX:
        raise DomainError(tr(f"评价内容最多 {COMMENT_MAX} 字", f"A comment has at most {COMMENT_MAX} characters"),
                          field="comment")
    return RatingInput(chosen, tuple(picked), text)


# -- results --------------------------------------------------------------------


@dataclass(frozen=True)
class Ballot:
    """What the resident-facing screen needs: the one-time token and what is rated.
    Shows no staff name to the resident beyond the window number."""

    token: str
    case_number: str
    subject: str  # the item or the inquiry's topic
    round: int
    expires_at: datetime


@dataclass(frozen=True)
class RatingReceipt:
    rating_id: uuid.UUID
    level: RatingLevel
    follow_up_id: uuid.UUID | None


# -- the subject rated ----------------------------------------------------------------


@dataclass(frozen=True)
class _Subject:
    case_id: uuid.UUID | None
    inquiry_id: uuid.UUID | None
    case_number: str
    staff_id: uuid.UUID | None
    item_code: str
    item_name: str
    topic: str


def _subject(session: Session, *, case_id: uuid.UUID | None, inquiry_id: uuid.UUID | None) -> _Subject:
    if (case_id is None) == (inquiry_id is None):
        raise DomainError(tr("评价须针对一个办件或一条首问登记", "A rating is for one case or one inquiry"),
                          field="case")
    if case_id is not None:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFound(tr("找不到该办件", "Case not found"), field="case")
        if case.status not in DONE_STATUSES:
            raise DomainError(tr("办件办结后才能评价", "A case can be rated once it is completed"), field="case")
        item = session.get(CatalogItem, case.item_id)
        return _Subject(case.id, None, case.case_number, case.handled_by, item.code if item else "",
                        item.name if item else "", item.name if item else case.case_number)
    inquiry = session.get(Inquiry, inquiry_id)
    if inquiry is None:
        raise NotFound(tr("找不到该首问登记", "Inquiry not found"), field="inquiry")
    if inquiry.outcome not in INQUIRY_DONE:
        raise DomainError(tr("咨询答复后才能评价", "An inquiry can be rated once it is answered"), field="inquiry")
    item = session.get(CatalogItem, inquiry.item_id) if inquiry.item_id else None
    return _Subject(None, inquiry.id, "", inquiry.owner_id, item.code if item else "", item.name if item else "",
                    inquiry.topic)


def _ratings_of(session: Session, subject: _Subject) -> list[Rating]:
    column, key = (Rating.case_id, subject.case_id) if subject.case_id else (Rating.inquiry_id, subject.inquiry_id)
    return list(session.scalars(select(Rating).where(column == key).order_by(Rating.rated_at)))


def _next_round(session: Session, subject: _Subject) -> tuple[int, uuid.UUID | None]:
    """Round 1, or round 2 after a bad first rating was dealt with; else refused.
    A case is rated once; a second rating only after rectification."""
    done = _ratings_of(session, subject)
    if not done:
        return 1, None
    first = next((r for r in done if r.round == 1), done[0])
    if any(r.round == 2 for r in done):
        raise DomainError(tr("该事项已评价过两次（整改后再评价也已完成）", "This was already rated twice"), field="case")
    follow_up = session.scalar(select(RatingFollowUp).where(RatingFollowUp.rating_id == first.id))
    if follow_up is None or follow_up.outcome is None:
        raise DomainError(tr("该事项已经评价过；差评整改后才能再次评价",
                             "This was already rated; a second rating comes only after a bad one was dealt with"),
                          field="case")
    return 2, first.id


# -- the window: a one-time ballot ----------------------------------------------------------


def issue_ballot(
    session: Session, actor: Actor, *, case_id: uuid.UUID | None = None, inquiry_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Ballot:
    """The worker finished a case or answered an inquiry: a ballot for the
    resident's screen. It carries no level; any earlier open ballot of the
    same case or inquiry lapses."""
    now = now or utcnow()
    subject = _subject(session, case_id=case_id, inquiry_id=inquiry_id)
    round_, first_id = _next_round(session, subject)
    column, key = (RatingBallot.case_id, case_id) if case_id else (RatingBallot.inquiry_id, inquiry_id)
    for old in session.scalars(select(RatingBallot).where(column == key, RatingBallot.used_at.is_(None))):
        old.expires_at = min(old.expires_at, now)
    ballot = RatingBallot(
        token=secrets.token_urlsafe(32), case_id=subject.case_id, inquiry_id=subject.inquiry_id, round=round_,
        first_rating_id=first_id, issued_by=actor.staff_id, issued_at=now,
        expires_at=now + timedelta(minutes=BALLOT_MINUTES),
    )
    session.add(ballot)
    session.flush()
    audit.record(session, actor, "rating.invite", entity="case" if case_id else "inquiry",
                 entity_id=subject.case_id or subject.inquiry_id or "", now=now,
                 summary=f"邀请群众评价（{RatingChannel.WINDOW.label.zh}）：{subject.case_number or subject.topic}",
                 detail={"channel": RatingChannel.WINDOW.value, "round": round_})
    return Ballot(ballot.token, subject.case_number, subject.item_name or subject.topic, round_, ballot.expires_at)


def cast_ballot(
    session: Session, token: str, *, level: str, reasons: Iterable[str] = (), comment: str = "",
    now: datetime | None = None,
) -> RatingReceipt:
    """The resident pressed a level on the resident-facing screen. Takes no
    staff session: the ballot is the only key, and it opens once."""
    now = now or utcnow()
    answer = check_input(level, reasons, comment)
    ballot = session.scalar(select(RatingBallot).where(RatingBallot.token == token)) if token else None
    if ballot is None:
        raise DomainError(tr("评价邀请无效", "This rating invitation is not valid"), field="ballot")
    if ballot.used_at is not None:
        raise DomainError(tr("该评价邀请已使用", "This rating invitation was already used"), field="ballot")
    if ballot.expires_at <= now:
        raise DomainError(tr("评价邀请已过期", "This rating invitation has expired"), field="ballot")
    subject = _subject(session, case_id=ballot.case_id, inquiry_id=ballot.inquiry_id)
    round_, first_id = _next_round(session, subject)
    if round_ != ballot.round:
        raise DomainError(tr("该事项已经评价过", "This was already rated"), field="ballot")
    rating = _insert(session, subject, answer, channel=RatingChannel.WINDOW, round_=round_, first_id=first_id,
                     now=now, recorded_by=None)
    ballot.used_at = now
    ballot.rating_id = rating.id
    return _after_insert(session, rating, actor=None, now=now)


# -- the head's phone follow-up (回访) ------------------------------------------------------


def record_phone_rating(
    session: Session, actor: Actor, *, case_id: uuid.UUID | None = None, inquiry_id: uuid.UUID | None = None,
    level: str, reasons: Iterable[str] = (), comment: str = "", now: datetime | None = None,
) -> RatingReceipt:
    """What the resident said on the head's 回访 call, recorded with channel
    phone: only by a head, never for a case or inquiry the head handled."""
    now = now or utcnow()
    if not actor.is_head:
        raise PermissionDenied(tr("只有中心主任可以记录电话回访的评价", "Only the center head records a phone rating"),
                               field="role")
    answer = check_input(level, reasons, comment)
    subject = _subject(session, case_id=case_id, inquiry_id=inquiry_id)
    if _took_part(session, actor, subject):
        raise PermissionDenied(tr("不能为自己经办的事项记录评价，请由其他人回访",
                                  "Nobody records a rating of their own work: ask someone else to call"),
                               field="case")
    round_, first_id = _next_round(session, subject)
    rating = _insert(session, subject, answer, channel=RatingChannel.PHONE, round_=round_, first_id=first_id,
                     now=now, recorded_by=actor.staff_id)
    return _after_insert(session, rating, actor=actor, now=now)


def _took_part(session: Session, actor: Actor, subject: _Subject) -> bool:
    if subject.staff_id == actor.staff_id:
        return True
    if subject.case_id is not None:
        return session.scalar(select(CaseEvent.id).where(
            CaseEvent.case_id == subject.case_id, CaseEvent.staff_id == actor.staff_id).limit(1)) is not None
    return False


# -- the one place a rating row is made -------------------------------------------------------


def _insert(session: Session, subject: _Subject, answer: RatingInput, *, channel: RatingChannel, round_: int,
            first_id: uuid.UUID | None, now: datetime, recorded_by: uuid.UUID | None) -> Rating:
    center_id = _center_id(session)
    rating = Rating(
        center_id=center_id, case_id=subject.case_id, inquiry_id=subject.inquiry_id,
        case_number=subject.case_number, channel=channel.value, rated_at=now, round=round_,
        first_rating_id=first_id, level=answer.level.order, level_label=answer.level.label.zh,
        reasons=[r.value for r in answer.reasons], comment=answer.comment, staff_id=subject.staff_id,
        item_code=subject.item_code, item_name=subject.item_name, recorded_by=recorded_by,
    )
    session.add(rating)
    session.flush()
    return rating


def _center_id(session: Session) -> uuid.UUID:
    device = find_this_device(session)
    if device is None:
        raise DomainError(tr("本机尚未设置", "This PC is not set up yet"), field="device")
    return device.center_id


def _after_insert(session: Session, rating: Rating, *, actor: Actor | None, now: datetime) -> RatingReceipt:
    """Queue it for the county, audit it with its channel, open the follow-up
    of a bad one or close the follow-up a second rating answers."""
    record_change(session, rating)
    level = RatingLevel.of_order(rating.level)
    channel = RatingChannel(rating.channel)
    audit.record(session, actor, "rating.recorded", entity="rating", entity_id=rating.id, now=now,
                 summary=f"群众评价（{channel.label.zh}，第 {rating.round} 次）：{level.label.zh} "
                         f"{rating.case_number}".strip(),
                 detail={"channel": channel.value, "round": rating.round, "level": level.value})
    follow_up_id: uuid.UUID | None = None
    if rating.round == 2 and rating.first_rating_id is not None:
        first = session.scalar(select(RatingFollowUp).where(RatingFollowUp.rating_id == rating.first_rating_id))
        if first is not None and first.second_rating_id is None:
            first.second_rating_id = rating.id
            first.updated_at = now
            record_change(session, first)
    if level.is_bad:
        follow_up_id = open_follow_up(session, rating, now=now).id
    return RatingReceipt(rating.id, level, follow_up_id)


# -- 差评整改 ---------------------------------------------------------------------------------


def deadline_days(session: Session) -> tuple[int, int]:
    """(回访 N, 整改 M) working days: the county's values, or this desk's defaults."""
    return int(settings.get(session, settings.RATING_REVISIT_DAYS)), int(settings.get(session, settings.RATING_RECTIFY_DAYS))


def open_follow_up(session: Session, rating: Rating, *, now: datetime,
                   calendar: WorkCalendar | None = None) -> RatingFollowUp:
    """The follow-up a bad rating opens, with its two working-day deadlines.
    Also run when a bad rating arrives from the county (a QR rating)."""
    existing = session.scalar(select(RatingFollowUp).where(RatingFollowUp.rating_id == rating.id))
    if existing is not None:
        return existing
    calendar = calendar or load_work_calendar(session)
    revisit, rectify = deadline_days(session)
    day = rating.rated_at.astimezone().date()
    follow_up = RatingFollowUp(
        center_id=rating.center_id, rating_id=rating.id, case_id=rating.case_id, opened_at=now,
        revisit_days=revisit, rectify_days=rectify,
        revisit_due=calendar.add_working_days(day, revisit), rectify_due=calendar.add_working_days(day, rectify),
    )
    session.add(follow_up)
    session.flush()
    record_change(session, follow_up)
    return follow_up


def _follow_up_for_head(session: Session, actor: Actor, follow_up_id: uuid.UUID) -> RatingFollowUp:
    if not actor.is_head:
        raise PermissionDenied(tr("差评整改由中心主任记录", "The center head records a bad rating's follow-up"),
                               field="role")
    follow_up = session.get(RatingFollowUp, follow_up_id)
    if follow_up is None:
        raise NotFound(tr("找不到该差评整改记录", "Follow-up not found"), field="follow_up")
    return follow_up


def record_revisit(session: Session, actor: Actor, follow_up_id: uuid.UUID, note: str,
                   *, now: datetime | None = None) -> None:
    """回访: the head called the resident back. Changes the follow-up only."""
    now = now or utcnow()
    follow_up = _follow_up_for_head(session, actor, follow_up_id)
    if not note.strip():
        raise DomainError(tr("请填写回访情况", "Enter what the call found"), field="revisit_note")
    if follow_up.revisited_at is not None:
        raise DomainError(tr("已记录过回访", "The call back is already recorded"), field="revisit_note")
    follow_up.revisited_at = now
    follow_up.revisited_by = actor.staff_id
    follow_up.revisit_note = note.strip()
    follow_up.updated_at = now
    record_change(session, follow_up)
    audit.record(session, actor, "rating.revisit", entity="rating_follow_up", entity_id=follow_up.id, now=now,
                 summary="差评回访已记录")


def record_outcome(session: Session, actor: Actor, follow_up_id: uuid.UUID, outcome: str, note: str,
                   *, now: datetime | None = None) -> None:
    """整改结果: 立行立改 and 解释说明 close the follow-up; 限期整改 closes
    when :func:`mark_rectified`; 申诉复核 waits for the county's decision."""
    now = now or utcnow()
    follow_up = _follow_up_for_head(session, actor, follow_up_id)
    try:
        chosen = FollowUpOutcome(outcome)
    except ValueError:
        raise DomainError(tr("请选择整改方式", "Choose how it was dealt with"), field="outcome") from None
    if not note.strip():
        raise DomainError(tr("请填写整改情况或申诉理由", "Enter what was done, or the reason for the appeal"),
                          field="outcome_note")
    if follow_up.closed_at is not None or follow_up.outcome is not None:
        raise DomainError(tr("该差评已有整改结果", "This follow-up already has its outcome"), field="outcome")
    if follow_up.revisited_at is None and chosen != FollowUpOutcome.APPEAL:
        raise DomainError(tr("请先记录回访情况", "Record the call back first"), field="revisit_note")
    follow_up.outcome = chosen.value
    follow_up.outcome_note = note.strip()
    follow_up.outcome_by = actor.staff_id
    follow_up.outcome_at = now
    if chosen in (FollowUpOutcome.FIX_NOW, FollowUpOutcome.EXPLAIN):
        follow_up.closed_at = now
    follow_up.updated_at = now
    record_change(session, follow_up)
    audit.record(session, actor, "rating.outcome", entity="rating_follow_up", entity_id=follow_up.id, now=now,
                 summary=f"差评整改：{chosen.label.zh}", detail={"outcome": chosen.value})


def mark_rectified(session: Session, actor: Actor, follow_up_id: uuid.UUID, note: str,
                   *, now: datetime | None = None) -> None:
    """限期整改 done."""
    now = now or utcnow()
    follow_up = _follow_up_for_head(session, actor, follow_up_id)
    if follow_up.outcome != FollowUpOutcome.FIX_BY_DATE or follow_up.closed_at is not None:
        raise DomainError(tr("只有限期整改中的差评可以标记整改完成", "Only a fix-by-date follow-up can be marked done"),
                          field="outcome")
    if not note.strip():
        raise DomainError(tr("请填写整改情况", "Enter what was done"), field="outcome_note")
    follow_up.outcome_note = f"{follow_up.outcome_note}\n{note.strip()}".strip()
    follow_up.closed_at = now
    follow_up.updated_at = now
    record_change(session, follow_up)
    audit.record(session, actor, "rating.rectified", entity="rating_follow_up", entity_id=follow_up.id, now=now,
                 summary="限期整改完成")


def is_voided(follow_up: RatingFollowUp | None) -> bool:
    return follow_up is not None and follow_up.appeal_decision == AppealDecision.VOIDED


# -- read models ---------------------------------------------------------------------------------

FU_OVERDUE = "overdue"
FU_DUE_SOON = "due_soon"
FU_ON_TIME = "on_time"
FU_WAITING = "waiting"  # an appeal with the county
FU_CLOSED = "closed"


@dataclass(frozen=True)
class FollowUpRow:
    id: uuid.UUID
    rating_id: uuid.UUID
    case_number: str
    subject: str
    staff_name: str
    level: RatingLevel
    channel: RatingChannel
    reasons: tuple[RatingReason, ...]
    comment: str
    rated_at: datetime
    step: str  # "revisit" / "rectify" / "appeal" / "closed"
    due: date | None
    state: str
    outcome: FollowUpOutcome | None
    appeal_decision: AppealDecision | None
    appeal_reason: str
    second_level: RatingLevel | None


def follow_up_state(follow_up: RatingFollowUp, today: date, *, calendar: WorkCalendar,
                    soon_days: int = 1) -> tuple[str, str, date | None]:
    """(step, state, due): 回访 until called back, then 整改 until closed; an
    appeal waits for the county."""
    if follow_up.closed_at is not None or follow_up.appeal_decision is not None:
        return "closed", FU_CLOSED, None
    if follow_up.outcome == FollowUpOutcome.APPEAL:
        return "appeal", FU_WAITING, None
    step, due = ("revisit", follow_up.revisit_due) if follow_up.revisited_at is None else \
        ("rectify", follow_up.rectify_due)
    if today > due:
        return step, FU_OVERDUE, due
    if calendar.working_days_between(today, due) <= soon_days:
        return step, FU_DUE_SOON, due
    return step, FU_ON_TIME, due


def follow_up_rows(session: Session, *, today: date, calendar: WorkCalendar, soon_days: int = 1,
                   open_only: bool = True) -> list[FollowUpRow]:
    query = select(RatingFollowUp, Rating).join(Rating, Rating.id == RatingFollowUp.rating_id)
    if open_only:
        query = query.where(RatingFollowUp.closed_at.is_(None), RatingFollowUp.appeal_decision.is_(None))
    names = {s.id: s.display_name for s in session.scalars(select(Staff))}
    seconds = {r.id: r for r in session.scalars(select(Rating).where(Rating.round == 2))}
    rows = []
    for follow_up, rating in session.execute(query.order_by(RatingFollowUp.rectify_due)).tuples():
        step, state, due = follow_up_state(follow_up, today, calendar=calendar, soon_days=soon_days)
        second = seconds.get(follow_up.second_rating_id) if follow_up.second_rating_id else None
        rows.append(FollowUpRow(
            id=follow_up.id, rating_id=rating.id, case_number=rating.case_number,
            subject=rating.item_name or _inquiry_topic(session, rating), staff_name=names.get(rating.staff_id, "")
            if rating.staff_id else "", level=RatingLevel.of_order(rating.level), channel=RatingChannel(rating.channel),
            reasons=tuple(RatingReason(r) for r in rating.reasons if r in RatingReason._value2member_map_),
            comment=rating.comment, rated_at=rating.rated_at, step=step, due=due, state=state,
            outcome=FollowUpOutcome(follow_up.outcome) if follow_up.outcome else None,
            appeal_decision=AppealDecision(follow_up.appeal_decision) if follow_up.appeal_decision else None,
            appeal_reason=follow_up.appeal_reason,
            second_level=RatingLevel.of_order(second.level) if second else None,
        ))
    order = {FU_OVERDUE: 0, FU_DUE_SOON: 1, FU_ON_TIME: 2, FU_WAITING: 3, FU_CLOSED: 4}
    return sorted(rows, key=lambda r: (order[r.state], r.due or date.max))


def _inquiry_topic(session: Session, rating: Rating) -> str:
    if rating.inquiry_id is None:
        return ""
    inquiry = session.get(Inquiry, rating.inquiry_id)
    return inquiry.topic if inquiry else ""


@dataclass(frozen=True)
class FollowUpCounts:
    overdue: int
    due_soon: int


def follow_up_counts(session: Session, *, today: date, calendar: WorkCalendar, soon_days: int = 1) -> FollowUpCounts:
    """For the 时限预警 badge, beside the cases' counts."""
    tally = {FU_OVERDUE: 0, FU_DUE_SOON: 0}
    for follow_up in session.scalars(select(RatingFollowUp).where(
            RatingFollowUp.closed_at.is_(None), RatingFollowUp.appeal_decision.is_(None),
            or_(RatingFollowUp.outcome.is_(None), RatingFollowUp.outcome != FollowUpOutcome.APPEAL))):
        _, state, _ = follow_up_state(follow_up, today, calendar=calendar, soon_days=soon_days)
        if state in tally:
            tally[state] += 1
    return FollowUpCounts(tally[FU_OVERDUE], tally[FU_DUE_SOON])
