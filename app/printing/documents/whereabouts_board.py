"""工作人员去向公示 — the whereabouts board, printed on A4 to pin up.

Each worker's name, post, phone, where they are and when they will be back,
as at the printing time, with the center's phones. The reason (事由) is left
out: it is for colleagues, not the public.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Flowable, Paragraph

from app.printing.blocks import para, space, title_block
from app.printing.data import Document
from app.printing.sheet import Sheet
from app.printing.tables import grid_table
from app.printing.text import moment

TITLE = "工作人员去向公示"
HEADERS = ["姓名", "岗位", "联系电话", "状态", "去向", "预计返回", "代岗人"]
WIDTHS = [2, 3, 3, 1.6, 3.4, 2.6, 1.8]


@dataclass(frozen=True, kw_only=True)
class BoardLine:
    name: str
    post: str
    phone: str
    status: str  # 在岗, 暂离 … (Chinese)
    away: bool
    where: str = ""
    expected_back_at: datetime | None = None
    acting_name: str = ""


@dataclass(frozen=True, kw_only=True)
class WhereaboutsBoardData(Document):
    """The board as at ``printed_at``."""

    lines: tuple[BoardLine, ...] = ()
    phones: tuple[tuple[str, str], ...] = ()  # (label, number), only those the center set


def story(data: WhereaboutsBoardData, sheet: Sheet) -> list[Flowable]:
    rows = [
        [line.name, line.post, line.phone, line.status, line.where if line.away else "",
         moment(line.expected_back_at) if line.away else "", line.acting_name if line.away else ""]
        for line in data.lines
    ]
    on_duty = sum(1 for line in data.lines if not line.away)
    out: list[Flowable] = [
        *title_block(sheet, data, TITLE),
        Paragraph(f"截至 {moment(data.printed_at)}：在岗 {on_duty} 人，外出 {len(data.lines) - on_duty} 人", sheet.center_name),
        space(sheet, 0.4),
        grid_table(sheet, HEADERS, rows, WIDTHS, centered=(0, 3, 5, 6), fit=(2, 3, 5)),
        space(sheet, 0.6),
        para("工作人员离岗时须留言去向及返回时间，返回后及时销去留言；A、B角不同时离岗，"
             "如遇办事人员不在岗，请找代岗人员或中心主任办理。", sheet.body),
    ]
    if data.phones:
        out += [space(sheet, 0.4), para("　　".join(f"{label}：{number}" for label, number in data.phones), sheet.body)]
    return out
