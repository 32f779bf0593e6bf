"""台账统计 in Excel: a real .xlsx the town or county can open and print.

One sheet of statistics, one per ledger and one of the formulas; Chinese
headings, the header frozen, a 合计 line, A4 landscape fitted to the page
width. ID numbers and phones are masked unless the head chooses otherwise,
and every export (masked or not) is written to the audit log.

The workbook is written by app.services.xlsx_writer, a streaming writer of
the part of SpreadsheetML the ledgers use: a year's 办件 ledger is some
270,000 cells, which general libraries write several times slower.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Center
from app.services import audit
from app.services.context import Actor
from app.services.errors import DomainError
from app.services.ledgers import LEDGER_KEYS, Ledger, all_ledgers
from app.services.statistics import (
    FIGURES,
    MET,
    Group,
    Kind,
    Statistics,
    StatRow,
    Value,
    center_statistics,
    format_value,
)
from app.services.xlsx_writer import Cell, Sheet, Style, Workbook
from app.text import tr

STATISTICS_SHEET = "统计"
FORMULAS_SHEET = "计算公式"
PAPER_A4 = "9"  # the paper size code of SpreadsheetML's pageSetup
FOOTER = "第 &P 页，共 &N 页"
_TITLE = Style(bold=True, size=14)
_HEADER = Style(bold=True, fill="DDE6F0", center=True, wrap=True)
_BOLD = Style(bold=True)
_WRAP = Style(wrap=True)
_FORMATS = {Kind.RATE: "0.00%", Kind.DAYS: "0.0"}


def export_workbook(session: Session, actor: Actor | None, path: Path, *, start: date, end: date,
                    group: Group = Group.ALL, mask: bool = True, today: date,
                    ledgers: Sequence[str] | None = None, statistics: bool = True) -> Path:
    """Write the period's workbook to ``path`` and audit the export (who, which period, masked or not).

    ``ledgers`` names the ledgers to include (keys of ``ledgers.LEDGERS``); all of them by default.
    ``statistics=False`` leaves out the statistics sheet (a ledger on its own, with the formulas sheet).
    """
    if not mask and not (actor is not None and actor.is_head):
        raise DomainError(tr("只有中心主任可以导出完整的证件号码和电话", "Only the center head may export full ID "
                             "numbers and phones"), field="mask")
    if end < start:
        raise DomainError(tr("台账的结束日期不能早于开始日期", "The ledger cannot end before it starts"), field="date_to")
    center = session.scalars(select(Center)).first()
    center_name = center.name if center is not None else ""
    stats = center_statistics(session, start=start, end=end, today=today, group=group) if statistics else None
    keys = tuple(ledgers) if ledgers is not None else LEDGER_KEYS
    unknown = [key for key in keys if key not in LEDGER_KEYS]
    if unknown:
        raise ValueError(f"unknown ledgers: {unknown}")
    chosen = all_ledgers(session, start=start, end=end, mask=mask, today=today, keys=keys)
    data = workbook_bytes(stats, chosen, center_name=center_name, masked=mask, start=start, end=end)
    path.write_bytes(data)
    audit.record(session, actor, "export", entity="ledger",
                 summary=f"导出台账统计 {start:%Y-%m-%d} 至 {end:%Y-%m-%d}，"
                         + ("证件号码和电话已脱敏" if mask else "含完整证件号码和电话（未脱敏）"),
                 detail={"start": start.isoformat(), "end": end.isoformat(), "group": group.value, "masked": mask,
                         "rows": {ledger.key: len(ledger.rows) for ledger in chosen}})
    return path


def workbook_bytes(stats: Statistics | None, ledgers: Sequence[Ledger], *, center_name: str, masked: bool,
                   start: date | None = None, end: date | None = None) -> bytes:
    """The workbook as bytes (pure: data in, .xlsx out): the statistics (if given), one sheet per ledger,
    the formulas. The period is the statistics' unless ``start`` and ``end`` say it."""
    book = Workbook()
    first = start or (stats.start if stats else None)
    last = end or (stats.end if stats else None)
    if first is None or last is None:
        raise ValueError("the workbook needs its period")
    period = f"{first:%Y-%m-%d} 至 {last:%Y-%m-%d}"
    if stats is not None:
        _statistics_sheet(book, stats, center_name=center_name, period=period)
    for ledger in ledgers:
        _ledger_sheet(book, ledger, center_name=center_name, period=period)
    _formulas_sheet(book, masked=masked)
    return book.save()


def _begin(book: Workbook, name: str, title: str, titles: list[str], widths: list[int]) -> Sheet:
    """A sheet set up to print (A4 landscape, fitted to the width, title and header on every page and
    frozen on screen), with its title row and header row."""
    sheet = book.add_sheet(name, widths=widths, freeze_rows=2, print_title_rows=2, landscape=True, footer=FOOTER)
    sheet.append([(title, _TITLE)])
    sheet.append([(text, _HEADER) for text in titles])
    return sheet


def _cell_value(kind: Kind, value: Value, shown: str) -> str | int | float:
    """Counts and rates as numbers Excel can add up; "—" where there was nothing to count."""
    if value is None:
        return shown
    if kind is Kind.MET:
        return MET[bool(value)].zh
    if isinstance(value, Decimal):
        return float(value)
    return int(value)


def _statistics_sheet(book: Workbook, stats: Statistics, *, center_name: str, period: str) -> None:
    titles = [stats.group.label.zh if stats.group is not Group.ALL else "范围"] + [spec.label.zh for spec in FIGURES]
    sheet = _begin(book, STATISTICS_SHEET, f"{center_name} 台账统计（{period}）", titles,
                   [16] + [max(9, len(spec.label.zh) * 2 + 2) for spec in FIGURES])
    rows: list[StatRow] = [*stats.rows, StatRow("合计", stats.total.values)]
    for n, row in enumerate(rows, 1):
        bold = n == len(rows)
        cells: list[Cell] = [(row.label, _BOLD) if bold else row.label]
        for spec in FIGURES:
            value = row.values.get(spec.key)
            number_format = _FORMATS.get(spec.kind) if value is not None else None
            style = Style(bold=bold, number_format=number_format) if bold or number_format else None
            shown = _cell_value(spec.kind, value, format_value(spec, value))
            cells.append((shown, style) if style is not None else shown)
        sheet.append(cells)
    sheet.append([])
    sheet.append(["注：“—”表示统计期内没有可计算的数据；各项计算公式见“计算公式”表。"])


def _ledger_sheet(book: Workbook, ledger: Ledger, *, center_name: str, period: str) -> None:
    titles = [column.title for column in ledger.columns]
    sheet = _begin(book, ledger.title.zh, f"{center_name} {ledger.title.zh}（{period}）", titles,
                   [column.width for column in ledger.columns])
    # The rows as they are, the 序号 as a number: the hot loop of a year's export.
    append = sheet.append
    for row in ledger.rows:
        first = row[0]
        append((int(first) if first.isdigit() else first, *row[1:]))
    sheet.append(ledger.total, style=_BOLD)


def _formulas_sheet(book: Workbook, *, masked: bool) -> None:
    sheet = _begin(book, FORMULAS_SHEET, "计算公式", ["序号", "指标", "计算公式"], [6, 22, 100])
    for n, spec in enumerate(FIGURES, 1):
        sheet.append([n, spec.label.zh, (spec.formula.zh, _WRAP)])
    sheet.append([])
    sheet.append(["", "个人信息", "证件号码和联系电话已脱敏。" if masked else
                  "本文件含完整的证件号码和联系电话（经中心主任选择导出，已记入审计日志），请妥善保管，勿外传。"])
    sheet.append(["", "统计口径", "日期按本地日期计，统计期首尾两日均计入；工作日按本中心工作日历计算。"])
