"""台账 on paper — any of the center's ledgers (办件, 首问登记, 投诉, 评价与差评整改, 预约 …), A4 landscape.

The ledger comes as the ledgers service builds it (app.services.ledgers: the
columns a town or county expects, ID numbers and phones already masked), so
paper, screen and Excel show the same lines. Under the table: the 合计 line,
what each figure of it counts (its formula), and the signature lines 制表人 /
审核人. The last rows, the totals and the signatures are kept together.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, Paragraph

from app.printing.blocks import space, title_block
from app.printing.data import Document
from app.printing.sheet import Sheet
from app.printing.tables import grid_table
from app.printing.text import day, markup

TITLE = "台账"
KEEP_LAST = 3
# Columns whose cells are short codes, numbers or dates: as wide as their widest cell, never broken.
_FIT_TITLES = frozenset({"序号", "办件编号", "投诉编号", "证件号码", "联系电话"})
_DATE_TITLE = re.compile("日期|期限|时间|整改完成")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$")
_CENTERED_TITLES = frozenset({"序号", "状态", "是否超期", "是否按期", "评价", "评价等级", "地点", "预约方式", "来源"})


@dataclass(frozen=True, kw_only=True)
class LedgerSheetData(Document):
    """One ledger of a period: ``columns`` are (heading, width in characters); ``notes`` say how each
    figure of the 合计 line is counted."""

    title: str
    date_from: date
    date_to: date
    columns: tuple[tuple[str, int], ...]
    rows: tuple[tuple[str, ...], ...] = ()
    total: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def story(data: LedgerSheetData, sheet: Sheet) -> list[Flowable]:
    headers = [title for title, _width in data.columns]
    year = data.date_from.year if data.date_from.year == data.date_to.year else None
    # Dates within the period's year without the year (said once under the title): five columns of
    # dates otherwise take the room the names and items need.
    rows = [[_short(cell, year) for cell in row] for row in data.rows]
    widths = [float(min(max(width, 11), 16)) if not _DATE_TITLE.search(title) else 11.0 for title, width in data.columns]
    centered = [i for i, title in enumerate(headers) if title in _CENTERED_TITLES]
    fit = [i for i, title in enumerate(headers) if title in _FIT_TITLES]
    # Every column but the number and the first two may be left out when wholly empty (an empty 备注).
    optional = list(range(3, len(headers)))
    total = "　".join(part for part in data.total if part)
    footer = [f"{total}" if total else "合计：共 0 件"]
    footer += [f"注：{note}" for note in data.notes]
    footer.append(signatures(data.staff_name))
    note = f"（表中未注年份的日期均为{year}年）" if year is not None else ""
    return [*title_block(sheet, data, data.title),
            Paragraph(markup(period(data.date_from, data.date_to) + note), sheet.center_name),
            space(sheet, 0.4),
            grid_table(sheet, headers, rows, widths, centered=centered, fit=fit,
                       optional=optional, footer=footer, keep_last=KEEP_LAST, split_rows=True)]


def _short(cell: str, year: int | None) -> str:
    """2026-10-05 (or 2026-10-05 09:30) as 10-05 when the period lies in 2026."""
    if year is not None and _DATE.match(cell) and cell.startswith(f"{year}-"):
        return cell[5:]
    return cell


def period(date_from: date, date_to: date) -> str:
    return f"统计期间：{day(date_from)}至{day(date_to)}"


def signatures(staff_name: str) -> str:
    return (f"制表人：{staff_name}　　　审核人（签字）：{'_' * 14}　　　"
            f"日期：{'_' * 5}年{'_' * 3}月{'_' * 3}日")
