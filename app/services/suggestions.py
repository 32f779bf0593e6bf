"""本人办过的事项 — which of a returning resident's own items they most likely want now.

The intake's first Enter takes the first line of the item list, so the order
of a resident's earlier items is a promise: the line on top is the item this
resident most likely came for today. Three things count:

* **due again** (到期): an item the catalog declares recurring
  (``recurrence_months``, e.g. 养老认证 every 12 months) whose period has run
  out, or runs out within the next month, is what they came for. A recurring
  item done within its period is the opposite: it is settled for now, and
  weighs a tenth of its score and goes below the others;
* **how often** (次数): every earlier case counts, the older ones less (a case
  a year ago counts half as much as one today);
* **how recently** (最近): the most recent use adds a little, so that between
  two items used equally often the fresher one comes first.

:func:`rank_own_items` is the rule (pure, no database); :func:`own_items`
reads a resident's history and applies it.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import local_today
from app.models import Case, CatalogItem
from app.models.case import CLOSED_STATUSES

#: A case this old counts half as much toward "how often".
FREQUENCY_HALF_LIFE_DAYS = 365
#: The recency bonus halves every this many days.
RECENCY_HALF_LIFE_DAYS = 90
#: A recurring item counts as due this many days before its period runs out
#: (at most a quarter of the period: a monthly item is due a week early).
DUE_LEAD_DAYS = 30
#: Added to a due item's score: above anything frequency and recency can add.
DUE_BONUS = 1000.0
#: A recurring item done within its period keeps this share of its score.
SETTLED_FACTOR = 0.1
#: How far back a resident's history is read.
HISTORY_YEARS = 5


@dataclass(frozen=True)
class OwnItem:
    """One of the resident's earlier items, with why it stands where it does."""

    code: str
    times: int  # how many earlier cases
    last: date  # the most recent one
    recurrence_months: int | None  # from the catalog; None = not recurring
    due_on: date | None  # when the period runs out (recurring items only)
    is_due: bool  # due again now (or within the lead time)
    score: float
    open_case: bool = False  # a case of this item is still open: it is being handled, not wanted again

    @property
    def settled(self) -> bool:
        """Not what the resident came for now: being handled, or done within
        its period. The intake lists such items after the center's frequent
        ones, so that pressing Enter never files it a second time."""
        return self.open_case or (self.due_on is not None and not self.is_due)


def _months_later(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day if it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")  # pragma: no cover


def _decay(days: int, half_life: int) -> float:
    return float(0.5 ** (max(days, 0) / half_life))


def score_item(
    uses: Iterable[date], *, recurrence_months: int | None, today: date, code: str = "",
) -> OwnItem:
    """How likely a resident wants this item today, from the dates they took it."""
    dates = sorted(uses)
    if not dates:
        raise ValueError("an own item needs at least one earlier use")
    last = dates[-1]
    frequency = sum(_decay((today - used).days, FREQUENCY_HALF_LIFE_DAYS) for used in dates)
    score = frequency + _decay((today - last).days, RECENCY_HALF_LIFE_DAYS)
    due_on: date | None = None
    is_due = False
    if recurrence_months:
        due_on = _months_later(last, recurrence_months)
        lead = min(DUE_LEAD_DAYS, (due_on - last).days // 4)
        is_due = today >= due_on - timedelta(days=lead)
        score = score + DUE_BONUS if is_due else score * SETTLED_FACTOR
    return OwnItem(code=code, times=len(dates), last=last, recurrence_months=recurrence_months or None,
                   due_on=due_on, is_due=is_due, score=score)


def rank_own_items(
    history: Mapping[str, Iterable[date]],
    *,
    recurrence_months: Mapping[str, int | None],
    today: date,
    open_items: frozenset[str] = frozenset(),
) -> tuple[OwnItem, ...]:
    """A resident's earlier items (code → dates taken), most likely wanted first;
    settled ones (an open case in ``open_items``, or done within the period)
    after all the others.

    Ties go to the most recent, then to the code, so the order never depends
    on how the history happened to be read.
    """
    scored = [replace(score_item(uses, recurrence_months=recurrence_months.get(code), today=today, code=code),
                      open_case=code in open_items)
              for code, uses in history.items()]
    scored.sort(key=lambda own: (own.settled, -own.score, -own.last.toordinal(), own.code))
    return tuple(scored)


def own_items(session: Session, resident_id: uuid.UUID, *, today: date | None = None) -> tuple[OwnItem, ...]:
    """The resident's earlier items at this center, ranked by :func:`rank_own_items`.

    Cases are matched to the current catalog by item code (a case keeps the
    item of the catalog version it was taken under); the recurrence period is
    the current catalog's.
    """
    today = today or local_today()
    since = today.replace(year=today.year - HISTORY_YEARS) if not (today.month == 2 and today.day == 29) \
        else date(today.year - HISTORY_YEARS, 2, 28)
    rows = session.execute(
        select(CatalogItem.code, Case.received_at, Case.status)
        .join(Case, Case.item_id == CatalogItem.id)
        .where(Case.resident_id == resident_id)
    ).all()
    history: dict[str, list[date]] = {}
    open_items: set[str] = set()
    for code, received_at, status in rows:
        day = received_at.astimezone().date()  # stored aware (UTC); counted in local dates
        if day >= since:
            history.setdefault(code, []).append(day)
        if status not in CLOSED_STATUSES:
            open_items.add(code)
    if not history:
        return ()
    periods = dict(session.execute(
        select(CatalogItem.code, CatalogItem.recurrence_months)
        .where(CatalogItem.code.in_(history), CatalogItem.catalog_version.has(is_current=True))
    ).tuples().all())
    return rank_own_items(history, recurrence_months=periods, today=today,
                          open_items=frozenset(open_items & set(history)))
