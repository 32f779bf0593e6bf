"""台账 — the cases of a date range, one line each, with totals.

An internal record for the center: the applicant's full name is shown, the
ID number masked like everywhere else.
"""
from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from app.printing.blocks import para, signature_line, space, title_block
from app.printing.data import LedgerData
from app.printing.sheet import Sheet
from app.printing.tables import grid_table
from app.printing.text import day
from app.services.identity import mask_id_number

TITLE = "台账"
HEADERS = ["序号", "办件编号", "申请人", "证件号码", "事项", "受理日期", "承诺日期", "状态", "经办人"]
WIDTHS = [0.9, 3.5, 2.6, 3, 5.6, 2.4, 2.4, 1.7, 2]


def story(data: LedgerData, sheet: Sheet) -> list[Flowable]:
    rows = [
        [str(n), r.case_number, r.applicant_name, mask_id_number(r.id_number) if r.id_number else "",
         r.item_name, day(r.accepted_on), day(r.committed_due), r.status, r.staff_name]
        for n, r in enumerate(data.rows, start=1)
    ]
    period = f"统计期间：{day(data.date_from)}至{day(data.date_to)}"
    return [
        *title_block(sheet, data, data.title),
        Paragraph(period, sheet.center_name),
        space(sheet, 0.4),
        grid_table(sheet, HEADERS, rows, WIDTHS, centered=(0, 5, 6, 7), fit=(0, 1, 3, 5, 6, 7, 8),
                   footer=_totals(data)),
        space(sheet, 0.4),
        KeepTogether([para(f"制表人：{data.staff_name}", sheet.body), signature_line(sheet, "审核人（签字）")]),
    ]


def _totals(data: LedgerData) -> str:
    counts = Counter(r.status for r in data.rows)
    parts = "，".join(f"{status} {count} 件" for status, count in counts.items())
    return f"合计：共 {len(data.rows)} 件" + (f"（其中{parts}）" if parts else "")
