"""好差评 at the county: the public QR form's ratings, the appeals (申诉复核)
the officers decide, and the drill-down to single records.

A QR rating is made on the public status page, after the case's code was
checked, once per case (a second only after a bad first one was dealt
with). The county stores it like a desk's rating, with channel ``qr``, and
a bad one opens its follow-up with the center's deadlines; both go to the
center's records stream, so its desks receive them on pull.

The appeal decision is the county's alone: the push handler never takes it
from a desk (county_server.services.push.APPEAL_FIELDS).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ids import uuid7
from app.models.vocabulary import AppealDecision, FollowUpOutcome, RatingChannel, RatingLevel, RatingReason
from app.services.calendar import WorkCalendar
from app.services.errors import DomainError, NotFound
from app.services.ratings import RatingInput, check_input
from county_server import changelog
from county_server.models import Case, Center, CountyUser, Rating, RatingFollowUp, Resident, Staff
from county_server.rows import center_row, iso
from county_server.security import same_secret
from county_server.services.status_lookup import mask_name

REASON_MAX = 500


# -- the public QR form -------------------------------------------------------------------


@dataclass(frozen=True)
class QrChance:
    """Whether the status page offers the form for this case, and which round."""

    open: bool
    round: int
    first_rating_id: uuid.UUID | None
    done_message: str = ""


def case_by_code(session: Session, case_number: str, code: str) -> Case | None:
    case_number, code = case_number.strip().upper(), code.strip().upper()
    if not case_number or not code or len(case_number) > 40 or len(code) > 10:
        return None
    case = session.scalar(select(Case).where(Case.case_number == case_number))
    if case is None or not same_secret(case.verification_code.upper(), code):
        return None
    return case


def qr_chance(session: Session, case: Case) -> QrChance:
    """Once per case: round 1, or round 2 after a bad first rating was dealt with."""
    if case.status not in ("completed", "delivered"):
        return QrChance(False, 0, None, "")
    ratings = list(session.scalars(select(Rating).where(Rating.case_id == case.id).order_by(Rating.rated_at)))
    if not ratings:
        return QrChance(True, 1, None)
    if any(r.round == 2 for r in ratings):
        return QrChance(False, 0, None, "该办件已评价，感谢您的参与。")
    first = next((r for r in ratings if r.round == 1), ratings[0])
    follow_up = session.scalar(select(RatingFollowUp).where(RatingFollowUp.rating_id == first.id))
    if follow_up is not None and follow_up.outcome is not None:
        return QrChance(True, 2, first.id)
    return QrChance(False, 0, None, "该办件已评价，感谢您的参与。")


def rate_by_qr(session: Session, *, case_number: str, code: str, level: str, reasons: list[str], comment: str,
               now: datetime, tz: str) -> Rating:
    """The resident's rating from the status page (channel qr)."""
    answer = check_input(level, reasons, comment)
    case = case_by_code(session, case_number, code)
    if case is None:
        raise NotFound("办件编号或查询码不正确", field="code")
    changelog.lock_center(session, case.center_id)
    chance = qr_chance(session, case)
    if not chance.open:
        raise DomainError(chance.done_message or "该办件办结后才能评价", field="level")
    rating = _insert_qr(session, case, answer, chance, now=now)
    if answer.level.is_bad:
        _open_follow_up(session, case, rating, now=now, tz=tz)
    return rating


def _insert_qr(session: Session, case: Case, answer: RatingInput, chance: QrChance, *, now: datetime) -> Rating:
    rating_id = uuid7()
    data = {
        "id": str(rating_id), "center_id": str(case.center_id), "case_id": str(case.id), "inquiry_id": None,
        "case_number": case.case_number, "channel": RatingChannel.QR.value, "rated_at": iso(now),
        "round": chance.round, "first_rating_id": str(chance.first_rating_id) if chance.first_rating_id else None,
        "level": answer.level.order, "level_label": answer.level.label.zh,
        "reasons": [r.value for r in answer.reasons], "comment": answer.comment,
        "staff_id": case.data.get("handled_by"), "item_code": case.item_code, "item_name": case.item_name,
        "recorded_by": None,
    }
    rating = Rating(id=rating_id, center_id=case.center_id, case_id=case.id, level=answer.level.order, rated_at=now,
                    channel=RatingChannel.QR.value, round=chance.round, data=data, version=1, last_device_id=None,
                    updated_at=now)
    session.add(rating)
    session.flush()
    changelog.append(session, scope=str(case.center_id), stream=changelog.RECORDS, entity="rating",
                     entity_id=rating.id, op="insert", data=data)
    return rating


def _open_follow_up(session: Session, case: Case, rating: Rating, *, now: datetime, tz: str) -> RatingFollowUp:
    center = session.get(Center, case.center_id)
    assert center is not None
    calendar = WorkCalendar.official()
    day = now.astimezone(ZoneInfo(tz)).date()
    revisit_due = calendar.add_working_days(day, center.rating_revisit_days)
    rectify_due = calendar.add_working_days(day, center.rating_rectify_days)
    follow_up_id = uuid7()
    data = {
        "id": str(follow_up_id), "center_id": str(case.center_id), "rating_id": str(rating.id),
        "case_id": str(case.id), "opened_at": iso(now), "revisit_days": center.rating_revisit_days,
        "rectify_days": center.rating_rectify_days, "revisit_due": revisit_due.isoformat(),
        "rectify_due": rectify_due.isoformat(), "revisited_at": None, "revisited_by": None, "revisit_note": "",
        "outcome": None, "outcome_note": "", "outcome_by": None, "outcome_at": None, "closed_at": None,
        "second_rating_id": None, "appeal_decision": None, "appeal_reason": "", "appeal_decided_by": "",
        "appeal_decided_at": None, "created_at": iso(now), "updated_at": iso(now),
    }
    row = RatingFollowUp(id=follow_up_id, center_id=case.center_id, rating_id=rating.id, revisit_due=revisit_due,
                         rectify_due=rectify_due, data=data, version=1, last_device_id=None, updated_at=now)
    session.add(row)
    session.flush()
    changelog.append(session, scope=str(case.center_id), stream=changelog.RECORDS, entity="rating_follow_up",
                     entity_id=row.id, op="upsert", data=data)
    return row


# -- 申诉复核 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AppealView:
    follow_up_id: uuid.UUID
    center_code: str
    center_name: str
    case_number: str
    item_name: str
    level_label: str
    channel_label: str
    reasons: str
    comment: str
    rated_at: datetime
    appeal_note: str
    decision: str | None
    decision_label: str
    decision_reason: str
    decided_by: str


def _view(follow_up: RatingFollowUp, rating: Rating, center: Center, case: Case | None = None) -> AppealView:
    data, rated = follow_up.data, rating.data
    decision = follow_up.appeal_decision
    return AppealView(
        follow_up_id=follow_up.id, center_code=center.code, center_name=center.name,
        case_number=str(rated.get("case_number") or (case.case_number if case else "")),
        item_name=str(rated.get("item_name") or (case.item_name if case else "")),
        level_label=RatingLevel.of_order(rating.level).label.zh,
        channel_label=RatingChannel.text_of(rating.channel).zh, reasons=_reasons(rated.get("reasons")),
        comment=str(rated.get("comment") or ""), rated_at=rating.rated_at,
        appeal_note=str(data.get("outcome_note") or ""), decision=decision,
        decision_label=AppealDecision.text_of(decision).zh if decision else "",
        decision_reason=str(data.get("appeal_reason") or ""), decided_by=str(data.get("appeal_decided_by") or ""),
    )


def _reasons(raw: object) -> str:
    values = raw if isinstance(raw, list) else []
    return "、".join(RatingReason.text_of(str(v)).zh for v in values)


def appeals(session: Session, *, pending_only: bool = True) -> list[AppealView]:
    """The centers' appeals, oldest first; pending ones only by default."""
    query = (select(RatingFollowUp, Rating, Center, Case)
             .join(Rating, Rating.id == RatingFollowUp.rating_id)
             .join(Center, Center.id == RatingFollowUp.center_id)
             .outerjoin(Case, Case.id == Rating.case_id)
             .where(RatingFollowUp.outcome == FollowUpOutcome.APPEAL.value)
             .order_by(Rating.rated_at))
    if pending_only:
        query = query.where(RatingFollowUp.appeal_decision.is_(None))
    return [_view(f, r, c, k) for f, r, c, k in session.execute(query).tuples()]


def decide_appeal(session: Session, *, follow_up_id: uuid.UUID, decision: str, reason: str, user: CountyUser,
                  now: datetime) -> AppealView:
    """The county's decision, with its reason; it goes down to the center's desks."""
    follow_up = session.get(RatingFollowUp, follow_up_id)
    if follow_up is None:
        raise NotFound("找不到该差评整改记录", field="follow_up")
    changelog.lock_center(session, follow_up.center_id)
    session.refresh(follow_up)
    try:
        chosen = AppealDecision(decision)
    except ValueError:
        raise DomainError("请选择复核结论：评价作废或评价有效", field="decision") from None
    reason = reason.strip()
    if not reason:
        raise DomainError("请写明复核理由", field="reason")
    if len(reason) > REASON_MAX:
        raise DomainError(f"复核理由最多 {REASON_MAX} 字", field="reason")
    if follow_up.outcome != FollowUpOutcome.APPEAL:
        raise DomainError("该差评没有申请复核", field="follow_up")
    if follow_up.appeal_decision is not None:
        raise DomainError("该申诉已经复核过", field="follow_up")
    who = f"{user.department} {user.display_name}".strip()
    follow_up.appeal_decision = chosen.value
    follow_up.closed_at = now
    follow_up.data = follow_up.data | {
        "appeal_decision": chosen.value, "appeal_reason": reason, "appeal_decided_by": who,
        "appeal_decided_at": iso(now), "closed_at": iso(now), "updated_at": iso(now),
    }
    follow_up.version += 1
    follow_up.last_device_id = None
    follow_up.updated_at = now
    session.flush()
    changelog.append(session, scope=str(follow_up.center_id), stream=changelog.RECORDS, entity="rating_follow_up",
                     entity_id=follow_up.id, op="upsert", version=follow_up.version, data=follow_up.data)
    rating = session.get(Rating, follow_up.rating_id)
    center = session.get(Center, follow_up.center_id)
    assert rating is not None and center is not None
    return _view(follow_up, rating, center, session.get(Case, rating.case_id) if rating.case_id else None)


# -- drill-down ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingRecordView:
    rated_at: datetime
    case_number: str
    item_name: str
    resident: str  # masked
    staff_name: str
    level_label: str
    satisfied: bool
    channel_label: str
    round: int
    reasons: str
    comment: str
    follow_up: str  # its state in words, "" for a good rating
    voided: bool


def rating_records(session: Session, center_id: uuid.UUID, *, today: date, limit: int = 500) -> list[RatingRecordView]:
    """The center's ratings, newest first, with the personal data masked."""
    staff = {s.id: s.display_name for s in session.scalars(select(Staff).where(Staff.center_id == center_id))}
    follow_ups = {f.rating_id: f for f in session.scalars(
        select(RatingFollowUp).where(RatingFollowUp.center_id == center_id))}
    rows = session.execute(
        select(Rating, Case, Resident.name)
        .outerjoin(Case, Case.id == Rating.case_id)
        .outerjoin(Resident, Resident.id == Case.resident_id)
        .where(Rating.center_id == center_id)
        .order_by(Rating.rated_at.desc())
        .limit(limit)
    ).tuples()
    out = []
    for rating, case, name in rows:
        data = rating.data
        follow_up = follow_ups.get(rating.id)
        staff_id = _uuid(data.get("staff_id"))
        out.append(RatingRecordView(
            rated_at=rating.rated_at, case_number=str(data.get("case_number") or (case.case_number if case else "")),
            item_name=str(data.get("item_name") or (case.item_name if case else "")),
            resident=mask_name(name or ""), staff_name=staff.get(staff_id, "") if staff_id else "",
            level_label=RatingLevel.of_order(rating.level).label.zh, satisfied=rating.level >= 3,
            channel_label=RatingChannel.text_of(rating.channel).zh, round=rating.round,
            reasons=_reasons(data.get("reasons")), comment=str(data.get("comment") or ""),
            follow_up=follow_up_state(follow_up, today) if follow_up else "",
            voided=bool(follow_up and follow_up.appeal_decision == AppealDecision.VOIDED),
        ))
    return out


def follow_up_state(follow_up: RatingFollowUp, today: date) -> str:
    if follow_up.appeal_decision is not None:
        return AppealDecision.text_of(follow_up.appeal_decision).zh
    if follow_up.outcome == FollowUpOutcome.APPEAL:
        return "申诉复核中"
    if follow_up.closed_at is not None:
        return f"已整改（{FollowUpOutcome.text_of(follow_up.outcome).zh}）" if follow_up.outcome else "已整改"
    if is_overdue(follow_up, today):
        return "整改超期" if follow_up.revisited_at is not None else "回访超期"
    return "整改中" if follow_up.revisited_at is not None else "待回访"


def is_overdue(follow_up: RatingFollowUp, today: date) -> bool:
    """Open and past its current deadline (回访 until called back, then 整改)."""
    if follow_up.closed_at is not None or follow_up.appeal_decision is not None:
        return False
    if follow_up.outcome == FollowUpOutcome.APPEAL:
        return False
    due = follow_up.revisit_due if follow_up.revisited_at is None else follow_up.rectify_due
    return today > due


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


# -- the centers' 差评整改 deadlines ----------------------------------------------------------

MAX_DEADLINE_DAYS = 60


def set_deadlines(session: Session, center: Center, *, revisit_days: int, rectify_days: int) -> Center:
    """回访 within N and 整改 within M working days for the center's bad ratings
    (provinces differ: 1/15, 15, 5); its desks receive them with the center."""
    if not 1 <= revisit_days <= MAX_DEADLINE_DAYS:
        raise DomainError(f"回访时限应为 1 到 {MAX_DEADLINE_DAYS} 个工作日", field="rating_revisit_days")
    if not revisit_days <= rectify_days <= MAX_DEADLINE_DAYS:
        raise DomainError(f"整改时限应不短于回访时限，且不超过 {MAX_DEADLINE_DAYS} 个工作日", field="rating_rectify_days")
    if (center.rating_revisit_days, center.rating_rectify_days) == (revisit_days, rectify_days):
        return center
    center.rating_revisit_days, center.rating_rectify_days = revisit_days, rectify_days
    center.version += 1
    session.flush()
    changelog.append(session, scope=str(center.id), stream=changelog.CENTER, entity="center", entity_id=center.id,
                     data=center_row(center), version=center.version)
    return center
