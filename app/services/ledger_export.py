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
    """The workbook as bytes (pure: data in, .xlsx out)."""
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    period = f"{stats.start:%Y-%m-%d} 至 {stats.end:%Y-%m-%d}"
    _statistics_sheet(book.active, stats, center_name=center_name, period=period)
    for ledger in ledgers:
        _ledger_sheet(book.create_sheet(ledger.title.zh[:31]), ledger, center_name=center_name, period=period)
    _formulas_sheet(book.create_sheet(FORMULAS_SHEET), masked=masked)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _title(sheet: Any, text: str, width: int) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.cell(row=1, column=1, value=text).font = Font(bold=True, size=14)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    if width > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)


def _header(sheet: Any, titles: list[str], widths: list[int]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for column, (title, width) in enumerate(zip(titles, widths), 1):
        cell = sheet.cell(row=2, column=column, value=title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A3"  # the title and the header stay when scrolling


def _page(sheet: Any) -> None:
    """A4 landscape, the columns fitted to the page width, the header on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:2"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _bold_row(sheet: Any, row: int, width: int) -> None:
    from openpyxl.styles import Font

    for column in range(1, width + 1):
        sheet.cell(row=row, column=column).font = Font(bold=True)


def _cell_value(kind: Kind, value: Any, shown: str) -> Any:
    """Counts and rates as numbers Excel can add up; "—" where there was nothing to count."""
    if value is None:
        return shown
    if kind is Kind.MET:
        return MET[bool(value)].zh
    if isinstance(value, Decimal):
        return float(value)
    return value


def _statistics_sheet(sheet: Any, stats: Statistics, *, center_name: str, period: str) -> None:
    sheet.title = STATISTICS_SHEET
    titles = [stats.group.label.zh if stats.group is not Group.ALL else "范围"] + [spec.label.zh for spec in FIGURES]
    _title(sheet, f"{center_name} 台账统计（{period}）", len(titles))
    _header(sheet, titles, [16] + [max(9, len(spec.label.zh) * 2 + 2) for spec in FIGURES])
    rows: list[StatRow] = [*stats.rows, StatRow("合计", stats.total.values)]
    for r, row in enumerate(rows, 3):
        sheet.cell(row=r, column=1, value=row.label)
        for c, spec in enumerate(FIGURES, 2):
            value = row.values.get(spec.key)
            cell = sheet.cell(row=r, column=c, value=_cell_value(spec.kind, value, format_value(spec, value)))
            if spec.kind is Kind.RATE and value is not None:
                cell.number_format = "0.00%"
            elif spec.kind is Kind.DAYS and value is not None:
                cell.number_format = "0.0"
    _bold_row(sheet, 2 + len(rows), len(titles))
    note = 4 + len(rows)
    sheet.cell(row=note, column=1, value="注：“—”表示统计期内没有可计算的数据；各项计算公式见“计算公式”表。")
    _page(sheet)


def _ledger_sheet(sheet: Any, ledger: Ledger, *, center_name: str, period: str) -> None:
    titles = [column.title for column in ledger.columns]
    _title(sheet, f"{center_name} {ledger.title.zh}（{period}）", len(titles))
    _header(sheet, titles, [column.width for column in ledger.columns])
    for r, row in enumerate(ledger.rows, 3):
        for c, text in enumerate(row, 1):
            sheet.cell(row=r, column=c, value=int(text) if c == 1 and text.isdigit() else text)
    total_row = 3 + len(ledger.rows)
    for c, text in enumerate(ledger.total, 1):
        sheet.cell(row=total_row, column=c, value=text)
    _bold_row(sheet, total_row, len(titles))
    _page(sheet)


def _formulas_sheet(sheet: Any, *, masked: bool) -> None:
    from openpyxl.styles import Alignment

    _title(sheet, "计算公式", 3)
    _header(sheet, ["序号", "指标", "计算公式"], [6, 22, 100])
    for n, spec in enumerate(FIGURES, 1):
        sheet.cell(row=n + 2, column=1, value=n)
        sheet.cell(row=n + 2, column=2, value=spec.label.zh)
        sheet.cell(row=n + 2, column=3, value=spec.formula.zh).alignment = Alignment(wrap_text=True)
    last = len(FIGURES) + 4
    sheet.cell(row=last, column=2, value="个人信息")
    sheet.cell(row=last, column=3, value="证件号码和联系电话已脱敏。" if masked else
               "本文件含完整的证件号码和联系电话（经中心主任选择导出，已记入审计日志），请妥善保管，勿外传。")
    sheet.cell(row=last + 1, column=2, value="统计口径")
    sheet.cell(row=last + 1, column=3, value="日期按本地日期计，统计期首尾两日均计入；工作日按本中心工作日历计算。")
    _page(sheet)
