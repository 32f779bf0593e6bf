"""台账 — the cases of a date range, one line each, with totals; and the
首问登记台账, the first inquiries of a date range.

An internal record for the center: the applicant's full name is shown, the
ID number masked like everywhere else. The last rows, the totals and the
signatures are kept together, so no page holds only a heading and a total.
"""
from __future__ import annotations

from collections import Counter
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from app.printing.blocks import space, title_block
from app.printing.data import InquiryLedgerData, LedgerData
from app.printing.sheet import Sheet
from app.printing.tables import grid_table
from app.printing.text import day, moment
from app.services.identity import mask_id_number

TITLE = "台账"
INQUIRY_TITLE = "首问登记台账"
HEADERS = ["序号", "办件编号", "申请人", "证件号码", "部门", "事项", "收件日期", "承诺日期", "办结日期", "状态",
           "逾期", "评价", "经办人"]
WIDTHS = [0.9, 3.5, 2.2, 3, 3, 5.5, 1.2, 1.2, 1.2, 1.7, 0.8, 1.6, 2]
KEEP_LAST = 3
COMPACT_BELOW = 200 * mm  # A5 landscape: too narrow for thirteen columns
COMPACT_HEADERS = ["序号", "办件编号", "申请人／证件号码", "部门", "事项", "日期", "状态", "逾期", "评价", "经办人"]
COMPACT_WIDTHS = [0.9, 3.5, 3, 2.4, 5, 1.2, 1.7, 0.8, 1.6, 2]


def story(data: LedgerData, sheet: Sheet) -> list[Flowable]:
    year = data.date_from.year if data.date_from.year == data.date_to.year else None
    rows = [
        [str(n), r.case_number, r.applicant_name, mask_id_number(r.id_number) if r.id_number else "",
         r.department, r.item_name, _short(r.received_on or r.accepted_on, year), _short(r.committed_due, year),
         _short(r.completed_on, year), r.status, "是" if r.overdue else "", r.rating, r.staff_name]
        for n, r in enumerate(data.rows, start=1)
    ]
    if sheet.width < COMPACT_BELOW:
        # A5: the person and their ID in one cell, the three dates in another.
        rows = [[n, number, f"{name}\n{id_number}" if id_number else name, dept, item,
                 "\n".join(f"{label} {value}" for label, value in zip("收承结", dates, strict=True) if value),
                 status, overdue, rating, staff]
                for n, number, name, id_number, dept, item, *dates, status, overdue, rating, staff in rows]
        table = grid_table(sheet, COMPACT_HEADERS, rows, COMPACT_WIDTHS, centered=(0, 6, 7, 8),
                           fit=(0, 1, 2, 5, 6, 7, 9), optional=(3, 8),
                           footer=[_totals(data), "（收：收件日期　承：承诺日期　结：办结日期）", _signatures(data)],
                           keep_last=KEEP_LAST, split_rows=True)
    else:
        table = grid_table(sheet, HEADERS, rows, WIDTHS, centered=(0, 6, 7, 8, 9, 10, 11),
                           fit=(0, 1, 3, 6, 7, 8, 9, 10, 12), optional=(4, 11),
                           footer=[_totals(data), _signatures(data)], keep_last=KEEP_LAST, split_rows=True)
    return [*title_block(sheet, data, data.title), Paragraph(_period(data), sheet.center_name), space(sheet, 0.4),
            table]


def inquiry_story(data: InquiryLedgerData, sheet: Sheet) -> list[Flowable]:
    rows = [
        [str(n), moment(r.asked_at), r.asker_name, r.question, r.answer, r.referred_to,
         _short(r.follow_up_due, None),
         r.status, r.owner_name]
        for n, r in enumerate(data.rows, start=1)
    ]
    referred = sum(1 for r in data.rows if r.referred_to)
    total = f"合计：共 {len(data.rows)} 件" + (f"（其中转办 {referred} 件）" if referred else "")
    return [
        *title_block(sheet, data, data.title),
        Paragraph(_period(data), sheet.center_name),
        space(sheet, 0.4),
        grid_table(sheet, ["序号", "登记时间", "来访人", "咨询事项", "答复情况", "转办单位", "回访日期", "状态",
                           "首问责任人"], rows, [0.9, 3.2, 2.2, 5.5, 4.5, 3.2, 2.4, 1.6, 2.2],
                   centered=(0, 6, 7), fit=(0, 1, 6, 7), footer=[total, _signatures(data)], keep_last=KEEP_LAST,
                   split_rows=True),
    ]


def _short(value: date | None, year: int | None) -> str:
    """Dates in a ledger's narrow columns: 11-22 within the year of the
    period (printed in its heading), 2027-01-05 outside it."""
    if value is None:
        return ""
    return f"{value:%m-%d}" if value.year == year else value.isoformat()


def _period(data: LedgerData | InquiryLedgerData) -> str:
    same = data.date_from.year == data.date_to.year
    note = f"（表中未注年份的日期均为{data.date_from.year}年）" if same and isinstance(data, LedgerData) else ""
    return f"统计期间：{day(data.date_from)}至{day(data.date_to)}{note}"


def _signatures(data: LedgerData | InquiryLedgerData) -> str:
    return (f"制表人：{data.staff_name}　　　审核人（签字）：{'_' * 14}　　　"
            f"日期：{'_' * 5}年{'_' * 3}月{'_' * 3}日")


def _totals(data: LedgerData) -> str:
    counts = Counter(r.status for r in data.rows)
    parts = "，".join(f"{status} {count} 件" for status, count in counts.items())
    overdue = sum(1 for r in data.rows if r.overdue)
    return (f"合计：共 {len(data.rows)} 件" + (f"（其中{parts}）" if parts else "")
            + (f"；逾期 {overdue} 件" if overdue else ""))
