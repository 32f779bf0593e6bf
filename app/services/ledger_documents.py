"""The ledgers and the month's report as printed documents (data for app.printing).

A ledger on paper is the ledger the screen and the workbook show
(app.services.ledgers, ID numbers and phones masked), with the formula of
each figure of its 合计 line. The month's report takes every figure, its
value and its formula from app.services.statistics; the charts get the
same values (None stays None: "—", no bar).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.clock import local_today
from app.printing.data import CenterInfo
from app.printing.documents.ledger_sheet import LedgerSheetData
from app.printing.documents.month_report import (
    DepartmentCount,
    MonthPoint,
    MonthReportData,
    ReportFigure,
    WorkerLine,
)
from app.services.errors import DomainError
from app.services.ledgers import LEDGER_KINDS
from app.services.statistics import FIGURES, Group, Statistics, StatRow, Value, center_statistics
from app.text import tr

TREND_MONTHS = 12


def _period(date_from: date | None, date_to: date | None) -> tuple[date, date]:
    if date_from is None or date_to is None:
        raise DomainError(tr("请选择台账的起止日期", "Choose the first and last day of the ledger"), field="date_from")
    if date_to < date_from:
        raise DomainError(tr("台账的结束日期不能早于开始日期", "The ledger cannot end before it starts"), field="date_to")
    return date_from, date_to


def ledger_sheet(session: Session, *, ledger: str, date_from: date | None, date_to: date | None,
                 header: dict[str, Any], today: date | None = None) -> LedgerSheetData:
    """One ledger of the period as a printed 台账 (masked, with the formulas of its 合计 line)."""
    start, end = _period(date_from, date_to)
    kind = LEDGER_KINDS.get(ledger)
    if kind is None:
        raise DomainError(tr(f"未知的台账：{ledger}", f"Unknown ledger: {ledger}"), field="ledger")
    built = kind.build(session, start, end, True, today or local_today())
    return LedgerSheetData(**header, title=built.title.zh, date_from=start, date_to=end,
                           columns=tuple((c.title, c.width) for c in built.columns), rows=built.rows,
                           total=built.total, notes=kind.notes)


def month_report(session: Session, *, date_from: date | None, date_to: date | None, header: dict[str, Any],
                 today: date | None = None) -> MonthReportData:
    """月度统计报表 of the period (a month as a rule; any range works)."""
    start, end = _period(date_from, date_to)
    return report_data(*_grouped(session, start, end, today or local_today()), header=header)


@dataclass(frozen=True)
class Charts:
    """What the three charts show, for the screen (the paper gets the same through ``MonthReportData``)."""

    trend: tuple[MonthPoint, ...]
    departments: tuple[DepartmentCount, ...]
    workers: tuple[WorkerLine, ...]


def chart_data(session: Session, *, start: date, end: date, today: date | None = None) -> Charts:
    """The charts of the period: the twelve months to its end, its departments and its workers."""
    start, end = _period(start, end)
    data = report_data(*_grouped(session, start, end, today or local_today()), header=_NO_HEADER)
    return Charts(data.trend, data.departments, data.workers)


_NO_HEADER: dict[str, Any] = {"doc_number": "", "center": CenterInfo(name=""), "staff_name": "",
                              "printed_at": datetime(2000, 1, 1, tzinfo=timezone.utc)}


def _grouped(session: Session, start: date, end: date, today: date) -> tuple[Statistics, Statistics, Statistics]:
    by_worker = center_statistics(session, start=start, end=end, today=today, group=Group.WORKER)
    by_department = center_statistics(session, start=start, end=end, today=today, group=Group.DEPARTMENT)
    trend_start = _months_before(end, TREND_MONTHS - 1)
    by_month = center_statistics(session, start=min(trend_start, start), end=end, today=today, group=Group.MONTH)
    return by_worker, by_department, by_month


def report_data(by_worker: Statistics, by_department: Statistics, by_month: Statistics, *,
                header: dict[str, Any]) -> MonthReportData:
    """The report from counted statistics (pure): the figures as shown, the charts' numbers."""
    total = by_worker.total
    figures = tuple(ReportFigure(spec.label.zh, total.shown(spec.key), spec.formula.zh) for spec in FIGURES)
    wanted = _month_labels(by_month.end, TREND_MONTHS)
    months = {row.label: row for row in by_month.rows}
    trend = tuple(MonthPoint(label, _count(months[label], "accepted"), _count(months[label], "completed"))
                  if label in months else MonthPoint(label, 0, 0) for label in wanted)
    if not any(p.accepted or p.completed for p in trend):
        trend = ()
    departments = tuple(sorted((DepartmentCount(row.label, _count(row, "accepted"), _count(row, "completed"))
                                for row in by_department.rows if _count(row, "accepted") or _count(row, "completed")),
                               key=lambda d: (-d.accepted, d.department)))
    workers = tuple(WorkerLine(row.label, row.shown("accepted"), row.shown("completed"), row.shown("on_time_rate"),
                               row.shown("satisfaction"), _share(row.values.get("on_time_rate")),
                               _share(row.values.get("satisfaction")))
                    for row in by_worker.rows)
    return MonthReportData(**header, date_from=by_worker.start, date_to=by_worker.end, figures=figures, trend=trend,
                           departments=departments, workers=workers)


def _count(row: StatRow, key: str) -> int:
    value = row.values.get(key)
    return int(value) if isinstance(value, int) else 0


def _share(value: Value) -> float | None:
    return float(value) if isinstance(value, Decimal) else None


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _month_labels(end: date, count: int) -> list[str]:
    first = _months_before(end, count - 1)
    labels: list[str] = []
    day = first
    while len(labels) < count:
        labels.append(f"{day:%Y-%m}")
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return labels

