"""好差评 figures, each with the formula it uses named (PRACTICE: always label
which formula a figure uses). Read-only; per worker, item or month.

- 满意率 (national, 好评率): (非常满意 + 满意 + 基本满意) ÷ all ratings;
- the 80% rule as Dongguan states it (seed 003): "满意（含基本满意）率必须达80%以上".
  Dongguan's form asked 满意 / 基本满意 / 不满意; on the five national levels its
  满意 is 非常满意 + 满意, so the rule is the national share held to 80%, and it
  is shown as met or not rather than as a second, differently counted rate;
- 参评率: rated cases ÷ served (completed) cases;
- 差评整改按期率: follow-ups closed by their 整改 date ÷ follow-ups due.

A rating the county voided on appeal (申诉复核) counts nowhere. A figure with
nothing to count is None (shown as "—"), never a made-up number.
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Case, CatalogItem, Rating, RatingFollowUp, Staff
from app.models.vocabulary import AppealDecision, CaseStatus, RatingLevel
from app.text import Text

TARGET = Decimal("0.80")

GROUP_NONE = "all"
GROUP_WORKER = "worker"
GROUP_ITEM = "item"
GROUP_MONTH = "month"
GROUPS = (GROUP_NONE, GROUP_WORKER, GROUP_ITEM, GROUP_MONTH)

FORMULAS: dict[str, Text] = {
    "satisfaction": Text("满意率（全国口径）=（非常满意＋满意＋基本满意）÷ 全部有效评价",
                         "Satisfaction (national) = (very satisfied + satisfied + fairly satisfied) ÷ all valid ratings"),
    "dongguan": Text("80% 规则（东莞，种子文件 003）：满意（含基本满意）率须达 80% 以上，低于 80% 的须对相关人员进行"
                     "教育，情况严重的问责。五级评价中“满意”含“非常满意”和“满意”，故按上面的满意率判定是否达标",
                     "80% rule (Dongguan, seed 003): the satisfied share (fairly satisfied included) must reach 80%; "
                     "below it, the staff concerned are retrained, or held to account. On the five levels its "
                     "'satisfied' covers very satisfied and satisfied, so the rule is judged on the satisfaction above"),
    "participation": Text("参评率 = 已评价办件数 ÷ 办结办件数",
                          "Rated share = cases rated ÷ cases completed"),
    "on_time": Text("差评整改按期率 = 按期整改完成的差评数 ÷ 到期的差评整改数",
                    "Follow-ups on time = bad ratings dealt with by their date ÷ follow-ups due"),
}


def percent(part: int, whole: int) -> Decimal | None:
    """part ÷ whole as a share with four decimals (a percentage with two), half up."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


@dataclass
class FigureRow:
    key: str
    label: str
    counts: dict[RatingLevel, int] = field(default_factory=lambda: dict.fromkeys(RatingLevel, 0))
    voided: int = 0
    served: int = 0
    rated_cases: int = 0
    follow_ups_due: int = 0
    follow_ups_on_time: int = 0

    @property
    def ratings(self) -> int:
        return sum(self.counts.values())

    @property
    def satisfaction(self) -> Decimal | None:
        good = self.counts[RatingLevel.VERY_SATISFIED] + self.counts[RatingLevel.SATISFIED] + \
            self.counts[RatingLevel.FAIRLY_SATISFIED]
        return percent(good, self.ratings)

    @property
    def dongguan(self) -> bool | None:
        """The 80% rule met (None: nothing rated yet)."""
        return None if self.satisfaction is None else self.satisfaction >= TARGET

    @property
    def participation(self) -> Decimal | None:
        return percent(self.rated_cases, self.served)

    @property
    def on_time(self) -> Decimal | None:
        return percent(self.follow_ups_on_time, self.follow_ups_due)

    @property
    def below_target(self) -> bool:
        """The head's warning: the national 满意率 under 80%."""
        return self.satisfaction is not None and self.satisfaction < TARGET


@dataclass(frozen=True)
class Figures:
    total: FigureRow
    rows: tuple[FigureRow, ...]
    group: str
    start: date | None
    end: date | None


def _local(moment: datetime) -> date:
    return moment.astimezone().date()


def _within(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def figures(session: Session, *, today: date, group: str = GROUP_NONE, start: date | None = None,
            end: date | None = None) -> Figures:
    """The figures of ratings made (and cases completed) from ``start`` to ``end`` (local dates, inclusive)."""
    if group not in GROUPS:
        raise ValueError(f"unknown grouping {group}")
    names = {s.id: s.display_name for s in session.scalars(select(Staff))}
    items = {i.id: (i.code, i.name) for i in session.scalars(select(CatalogItem))}
    follow_ups = {f.rating_id: f for f in session.scalars(select(RatingFollowUp))}
    rows: dict[str, FigureRow] = {}
    total = FigureRow("all", "")

    def row_of(key: str, label: str) -> FigureRow:
        if key not in rows:
            rows[key] = FigureRow(key, label)
        return rows[key]

    def keys(staff_id: uuid.UUID | None, item_code: str, item_name: str, day: date) -> tuple[str, str]:
        if group == GROUP_WORKER:
            return str(staff_id or ""), names.get(staff_id, "—") if staff_id else "—"
        if group == GROUP_ITEM:
            return item_code or item_name or "—", item_name or "—"
        if group == GROUP_MONTH:
            return day.strftime("%Y-%m"), day.strftime("%Y-%m")
        return "all", ""

    def counted(row: FigureRow) -> list[FigureRow]:
        return [total] if group == GROUP_NONE else [total, row]

    rated_cases: dict[str, set[uuid.UUID]] = defaultdict(set)
    for rating in session.scalars(select(Rating)):
        day = _local(rating.rated_at)
        if not _within(day, start, end):
            continue
        follow_up = follow_ups.get(rating.id)
        key, label = keys(rating.staff_id, rating.item_code, rating.item_name, day)
        for target in counted(row_of(key, label)):
            if follow_up is not None and follow_up.appeal_decision == AppealDecision.VOIDED:
                target.voided += 1
                continue
            target.counts[RatingLevel.of_order(rating.level)] += 1
            if follow_up is not None:
                _count_follow_up(target, follow_up, today)
        if rating.case_id is not None and not (follow_up and follow_up.appeal_decision == AppealDecision.VOIDED):
            rated_cases[key].add(rating.case_id)
            rated_cases["all"].add(rating.case_id)
    served: dict[str, set[uuid.UUID]] = defaultdict(set)
    for case in session.scalars(select(Case).where(
            Case.status.in_((CaseStatus.COMPLETED, CaseStatus.DELIVERED)), Case.completed_at.is_not(None))):
        assert case.completed_at is not None
        day = _local(case.completed_at)
        if not _within(day, start, end):
            continue
        code, name = items.get(case.item_id, ("", ""))
        key, label = keys(case.handled_by, code, name, day)
        row = row_of(key, label)
        row.served += 1
        served[key].add(case.id)
        total.served += 1
        served["all"].add(case.id)
    for key, ids in served.items():
        found = total if key == "all" else rows.get(key)
        if found is not None:
            found.rated_cases = len(ids & rated_cases.get(key, set()))
    if group == GROUP_NONE:
        rows = {}
    ordered = sorted(rows.values(), key=lambda r: r.key if group == GROUP_MONTH else r.label)
    return Figures(total, tuple(ordered), group, start, end)


def follow_up_due_and_on_time(closed_on: date | None, rectify_due: date, today: date) -> tuple[bool, bool]:
    """Due: closed already, or its 整改 date has passed. On time: closed by that date."""
    if closed_on is None and today <= rectify_due:
        return False, False
    return True, closed_on is not None and closed_on <= rectify_due


def _count_follow_up(row: FigureRow, follow_up: RatingFollowUp, today: date) -> None:
    closed = follow_up.closed_at
    due, on_time = follow_up_due_and_on_time(_local(closed) if closed else None, follow_up.rectify_due, today)
    row.follow_ups_due += due
    row.follow_ups_on_time += on_time

