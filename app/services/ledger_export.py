"""台账统计 in Excel: a real .xlsx the town or county can open and print.

One sheet of statistics, one per ledger and one of the formulas; Chinese
headings, the header frozen, a 合计 line, A4 landscape fitted to the page
width. ID numbers and phones are masked unless the head chooses otherwise,
and every export (masked or not) is written to the audit log.

openpyxl is imported only here, when a workbook is written, so start-up does
not pay for it.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Center
from app.services import audit
from app.services.context import Actor
from app.services.errors import DomainError
from app.services.ledgers import Ledger, all_ledgers
from app.services.statistics import FIGURES, MET, Group, Kind, Statistics, StatRow, center_statistics, format_value
from app.text import tr

STATISTICS_SHEET = "统计"
FORMULAS_SHEET = "计算公式"
_HEADER_FILL = "DDE6F0"
PAPER_A4 = "9"  # the paper size code of SpreadsheetML's pageSetup


def export_workbook(session: Session, actor: Actor | None, path: Path, *, start: date, end: date,
                    group: Group = Group.ALL, mask: bool = True, today: date) -> Path:
    """Write the period's workbook to ``path`` and audit the export (who, which period, masked or not)."""
    if not mask and not (actor is not None and actor.is_head):
        raise DomainError(tr("只有中心主任可以导出完整的证件号码和电话", "Only the center head may export full ID "
                             "numbers and phones"), field="mask")
    if end < start:
        raise DomainError(tr("台账的结束日期不能早于开始日期", "The ledger cannot end before it starts"), field="date_to")
    center = session.scalars(select(Center)).first()
    center_name = center.name if center is not None else ""
    stats = center_statistics(session, start=start, end=end, today=today, group=group)
    ledgers = all_ledgers(session, start=start, end=end, mask=mask, today=today)
    data = workbook_bytes(stats, ledgers, center_name=center_name, masked=mask)
    path.write_bytes(data)
    audit.record(session, actor, "export", entity="ledger",
                 summary=f"导出台账统计 {start:%Y-%m-%d} 至 {end:%Y-%m-%d}，"
                         + ("证件号码和电话已脱敏" if mask else "含完整证件号码和电话（未脱敏）"),
                 detail={"start": start.isoformat(), "end": end.isoformat(), "group": group.value, "masked": mask,
                         "rows": {ledger.key: len(ledger.rows) for ledger in ledgers}})
    return path


def workbook_bytes(stats: Statistics, ledgers: tuple[Ledger, ...], *, center_name: str, masked: bool) -> bytes:
    """The workbook as bytes (pure: data in, .xlsx out).

    Written in openpyxl's write-only mode: a year's ledgers are hundreds of
    thousands of cells, streamed rather than held as cell objects.
    """
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    period = f"{stats.start:%Y-%m-%d} 至 {stats.end:%Y-%m-%d}"
    _statistics_sheet(book.create_sheet(STATISTICS_SHEET), stats, center_name=center_name, period=period)
    for ledger in ledgers:
        _ledger_sheet(book.create_sheet(ledger.title.zh[:31]), ledger, center_name=center_name, period=period)
    _formulas_sheet(book.create_sheet(FORMULAS_SHEET), masked=masked)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _styled(sheet: Any, value: Any, *, bold: bool = False, size: float | None = None, header: bool = False,
            number_format: str | None = None, wrap: bool = False) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    cell = WriteOnlyCell(sheet, value=value)
    if bold or size:
        cell.font = Font(bold=bold, size=size)
    if header:
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    elif wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if number_format:
        cell.number_format = number_format
    return cell


def _begin(sheet: Any, title: str, titles: list[str], widths: list[int]) -> None:
    """Widths, the frozen header and the page come first in a streamed sheet; then the title and the header."""
    from openpyxl.utils import get_column_letter

    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A3"  # the title and the header stay when scrolling
    _page(sheet)
    sheet.append([_styled(sheet, title, bold=True, size=14)])
    sheet.append([_styled(sheet, text, bold=True, header=True) for text in titles])


def _page(sheet: Any) -> None:
    """A4 landscape, the columns fitted to the page width, the header on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = PAPER_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:2"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _cell_value(kind: Kind, value: Any, shown: str) -> Any:
    """Counts and rates as numbers Excel can add up; "—" where there was nothing to count."""
    if value is None:
        return shown
    if kind is Kind.MET:
        return MET[bool(value)].zh
    if isinstance(value, Decimal):
        return float(value)
    return value


_FORMATS = {Kind.RATE: "0.00%", Kind.DAYS: "0.0"}


def _statistics_sheet(sheet: Any, stats: Statistics, *, center_name: str, period: str) -> None:
    titles = [stats.group.label.zh if stats.group is not Group.ALL else "范围"] + [spec.label.zh for spec in FIGURES]
    _begin(sheet, f"{center_name} 台账统计（{period}）", titles,
           [16] + [max(9, len(spec.label.zh) * 2 + 2) for spec in FIGURES])
    rows: list[StatRow] = [*stats.rows, StatRow("合计", stats.total.values)]
    for n, row in enumerate(rows, 1):
        bold = n == len(rows)
        cells = [_styled(sheet, row.label, bold=bold)]
        for spec in FIGURES:
            value = row.values.get(spec.key)
            cells.append(_styled(sheet, _cell_value(spec.kind, value, format_value(spec, value)), bold=bold,
                                 number_format=_FORMATS.get(spec.kind) if value is not None else None))
        sheet.append(cells)
    sheet.append([])
    sheet.append(["注：“—”表示统计期内没有可计算的数据；各项计算公式见“计算公式”表。"])


def _ledger_sheet(sheet: Any, ledger: Ledger, *, center_name: str, period: str) -> None:
    titles = [column.title for column in ledger.columns]
    _begin(sheet, f"{center_name} {ledger.title.zh}（{period}）", titles, [column.width for column in ledger.columns])
    for row in ledger.rows:
        sheet.append([int(row[0]) if row[0].isdigit() else row[0], *row[1:]])
    sheet.append([_styled(sheet, text, bold=True) for text in ledger.total])


def _formulas_sheet(sheet: Any, *, masked: bool) -> None:
    _begin(sheet, "计算公式", ["序号", "指标", "计算公式"], [6, 22, 100])
    for n, spec in enumerate(FIGURES, 1):
        sheet.append([n, spec.label.zh, _styled(sheet, spec.formula.zh, wrap=True)])
    sheet.append([])
    sheet.append(["", "个人信息", "证件号码和联系电话已脱敏。" if masked else
                  "本文件含完整的证件号码和联系电话（经中心主任选择导出，已记入审计日志），请妥善保管，勿外传。"])
    sheet.append(["", "统计口径", "日期按本地日期计，统计期首尾两日均计入；工作日按本中心工作日历计算。"])
