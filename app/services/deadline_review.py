"""期限复核 — open deadlines counted again when a year's holiday schedule arrives.

A year without an official schedule is counted with its statutory holidays
only (app.services.calendar), and deadlines that reach into it are
provisional (暂定). When the schedule arrives, as a calendar table imported at
the desk or the county's by sync, the open cases' deadlines are counted again
on the new calendar: the changed ones are saved (and sent to the county like
any change of a case), audited one by one, and listed for the worker under
需要处理 with their old and new dates.

A deadline is the start day (``accepted_on``) plus the item's working days
plus the working days the case stood paused (暂停); the calendar counts all of
them (``WorkCalendar.deadline``, ``working_days_between``), here as at intake.
A committed date set by hand (延期) is a promise to the resident and stays.

Only this desk's own cases are recounted: every desk receives the same
calendar and recounts its own, so the county never gets two versions of one
case.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.clock import to_local, utcnow
from app.ids import uuid7
from app.models import Case, CatalogItem, Resident, SyncAttention
from app.models.outbox import record_change
from app.models.system import ATTENTION_NOTICE
from app.models.vocabulary import CaseEventKind, EntityKind
from app.services import audit, lifecycle
from app.services.calendar import WorkCalendar
from app.services.context import Actor
from app.services.setup import find_this_device
from app.text import tr

#: ``SyncAttention.reason_code`` of the list of recounted deadlines.
REASON_DEADLINES_RECOUNTED = "deadlines_recounted"
# The notice lists this many cases by name; the rest are counted (the audit log has each).
_LISTED = 60


@dataclass(frozen=True)
class DeadlineChange:
    """One case whose deadlines moved (plain data, crosses threads)."""

    case_id: uuid.UUID
    case_number: str
    resident_name: str
    item_name: str
    committed_before: date | None
    committed_after: date | None
    statutory_before: date | None
    statutory_after: date | None
    provisional_after: bool

    @property
    def moved(self) -> bool:
        """A date moved (not only the 暂定 flag or the paused-days count)."""
        return (self.committed_before, self.statutory_before) != (self.committed_after, self.statutory_after)

    def describe(self) -> str:
        """``"SF01-…（张三 · 高龄津贴申报）：承诺 2027-01-12 → 2027-01-13；…"`` (only what moved)."""
        parts = []
        if self.committed_before != self.committed_after:
            parts.append(tr("承诺", "committed") + f" {_day(self.committed_before)} → {_day(self.committed_after)}")
        if self.statutory_before != self.statutory_after:
            parts.append(tr("法定", "statutory") + f" {_day(self.statutory_before)} → {_day(self.statutory_after)}")
        if not parts:
            parts.append(tr("日期不变", "dates unchanged"))
        parts.append(tr("仍为暂定", "still provisional") if self.provisional_after else tr("已确定", "final"))
        who = tr(f"（{self.resident_name} · {self.item_name}）", f" ({self.resident_name} · {self.item_name})")
        return f"{self.case_number}{who}{tr('：', ': ')}" + tr("；", "; ").join(parts)


@dataclass(frozen=True)
class DeadlineReview:
    """What a recount did: the years that arrived and the cases that moved."""

    years: tuple[int, ...]
    checked: int
    changes: tuple[DeadlineChange, ...]


def _day(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value is not None else "—"


def _open_cases(session: Session, years: tuple[int, ...]) -> list[Case]:
    """This desk's open cases whose clock runs into one of ``years``."""
    first, last = date(years[0], 1, 1), date(years[-1], 12, 31)
    query = select(Case).where(
        Case.status.in_(lifecycle.WITH_DEADLINE),
        Case.accepted_on.is_not(None),
        Case.accepted_on <= last,
        or_(Case.committed_due >= first, Case.statutory_due >= first),
    )
    device = find_this_device(session)
    if device is not None:
        query = query.where(Case.device_id == device.id)
    return list(session.scalars(query.order_by(Case.committed_due, Case.case_number)))


def _paused_days(case: Case, calendar: WorkCalendar) -> tuple[int, int]:
    """Working days the clock stood still since the case was (last) accepted:
    (counted on ``calendar``, as recorded when it resumed)."""
    assert case.accepted_on is not None
    recounted = recorded = 0
    paused_on: date | None = None
    for event in case.events:
        if event.kind == CaseEventKind.SUSPEND:
            raw = (event.data or {}).get("paused_on")
            paused_on = date.fromisoformat(raw) if isinstance(raw, str) else None
        elif event.kind == CaseEventKind.RESUME and paused_on is not None:
            if paused_on >= case.accepted_on:  # a pause before a reopening belongs to the earlier run
                recounted += calendar.working_days_between(paused_on, to_local(event.occurred_at).date())
                recorded += int((event.data or {}).get("paused_working_days", 0))
            paused_on = None
    return recounted, recorded


def _extended_by_hand(case: Case) -> bool:
    """The committed date stems from a 延期 since the clock started (perhaps
    moved on by a pause after it), not from the item's working days."""
    assert case.accepted_on is not None
    return any(e.kind == CaseEventKind.EXTEND and to_local(e.occurred_at).date() >= case.accepted_on
               for e in case.events)


def _recount(session: Session, case: Case, calendar: WorkCalendar) -> DeadlineChange | None:
    """Count the case's deadlines again; the change, or None when nothing moved."""
    item = session.get(CatalogItem, case.item_id)
    assert item is not None and case.accepted_on is not None
    start = case.accepted_on
    before = (case.committed_due, case.statutory_due, case.due_provisional, case.paused_working_days)
    recounted, recorded = _paused_days(case, calendar)
    if not _extended_by_hand(case):
        case.committed_due = calendar.deadline(start, item.committed_days + recounted).due
    case.statutory_due = calendar.deadline(start, item.statutory_days + recounted).due
    # As at intake, the flag follows the committed date, the one promised to the resident.
    case.due_provisional = bool(case.committed_due and calendar.missing_years(start, case.committed_due))
    case.paused_working_days += recounted - recorded
    if (case.committed_due, case.statutory_due, case.due_provisional, case.paused_working_days) == before:
        return None
    record_change(session, case)
    resident = session.get(Resident, case.resident_id)
    return DeadlineChange(case.id, case.case_number, resident.name if resident else "", item.name,
                          before[0], case.committed_due, before[1], case.statutory_due, case.due_provisional)


def _notice(session: Session, review: DeadlineReview, *, source: str) -> None:
    """The list for the worker, under 需要处理 (it stays until acknowledged)."""
    moved = [c for c in review.changes if c.moved]
    if not moved:
        return
    years = "、".join(str(y) for y in review.years)
    origin = tr("县级下发", "sent by the county") if source == "county" else tr("本机导入", "imported at this desk")
    lines = [tr(f"{years}年官方放假安排已到（{origin}），以下 {len(moved)} 件办件的期限已按新日历重新计算：",
                f"The official holiday schedule of {years} has arrived ({origin}); the deadlines of these "
                f"{len(moved)} cases were counted again:")]
    lines += [c.describe() for c in moved[:_LISTED]]
    if len(moved) > _LISTED:
        rest = len(moved) - _LISTED
        lines.append(tr(f"……另有 {rest} 件，见审计日志", f"… and {rest} more, see the audit log"))
    lines.append(tr("已打印的回执上的日期是旧的：群众来问时请以新日期为准。",
                    "Receipts already printed show the old dates: give residents the new ones when they ask."))
    session.add(SyncAttention(
        id=uuid7(), created_at=utcnow(), kind=ATTENTION_NOTICE, entity=EntityKind.CALENDAR_YEAR,
        entity_id=uuid.UUID(int=review.years[-1]), reason_code=REASON_DEADLINES_RECOUNTED,
        reason="\n".join(lines)[:4000], local={}, server={},
    ))


def recount_open_deadlines(
    session: Session,
    calendar: WorkCalendar,
    *,
    years: Iterable[int],
    actor: Actor | None,
    source: str = "local",
) -> DeadlineReview:
    """Count the open deadlines that reach into ``years`` again on ``calendar``
    (the one that now holds those years' schedule), in the caller's
    transaction: each changed case is saved, queued for the county and
    audited, and the moved ones are listed for the worker."""
    wanted = tuple(sorted(set(years)))
    if not wanted:
        return DeadlineReview((), 0, ())
    cases = _open_cases(session, wanted)
    changes = tuple(change for case in cases if (change := _recount(session, case, calendar)) is not None)
    for change in changes:
        audit.record(
            session, actor, "recount", entity="case", entity_id=change.case_id,
            summary=tr(f"{'、'.join(map(str, wanted))}年放假安排已到，期限重新计算：",
                       f"holiday schedule of {', '.join(map(str, wanted))} arrived, deadlines counted again: ")
            + change.describe(),
            detail={"fields": ["committed_due", "statutory_due", "due_provisional"], "source": source},
        )
    review = DeadlineReview(wanted, len(cases), changes)
    _notice(session, review, source=source)
    return review


__all__ = [
    "REASON_DEADLINES_RECOUNTED",
    "DeadlineChange",
    "DeadlineReview",
    "recount_open_deadlines",
]
