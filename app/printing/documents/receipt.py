"""受理回执 — the acceptance receipt: resident copy, cut line, stub."""
from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from app.printing.blocks import (
    applicant_fields,
    case_progress,
    heading,
    para,
    signature_line,
    space,
    title_block,
)
from app.printing.data import MaterialLine, ReceiptData
from app.printing.marks import CutLine
from app.printing.sheet import Sheet
from app.printing.tables import Field, field_grid, grid_table
from app.printing.text import day, form_text, local_day, moment, reprint_mark, working_days

TITLE = "受理回执"
SEAL = "受理专用章"


def story(data: ReceiptData, sheet: Sheet) -> list[Flowable]:
    flowables = title_block(sheet, data, TITLE)
    flowables += [field_grid(sheet, _case_fields(data)), space(sheet, 0.4),
                  para(_acceptance(data), sheet.indented), heading(sheet, "申请材料"), _materials(data, sheet)]
    deferred = [m for m in data.materials if m.missing] if data.deferred else []
    if deferred:
        # One sentence rather than a second table keeps a usual receipt and
        # its stub on one sheet; the table above marks the same lines.
        owed = "；".join(f"{m.name}（{day(m.supply_by, blank='补交日期未约定')}前补交）" for m in deferred)
        flowables += [space(sheet, 0.2), para(
            f"容缺材料{len(deferred)}项：{owed}。申请人已承诺按期补交；逾期未补交的，按容缺受理的约定处理。",
            sheet.body,
        )]
    if data.field_service:
        # Away from the center the worker carries the materials off: they sign
        # for them on the resident's copy, the resident on the stub.
        flowables += [space(sheet, 0.2), para(f"以上材料已由{data.field_service[:2]}服务工作人员当面清点收取。", sheet.indented),
                      signature_line(sheet, "工作人员（签字）")]
    flowables += [space(sheet, 0.3), case_progress(sheet, data, seal=SEAL)]
    # The stub goes with its cut line: a stub split over two pages cannot be cut off.
    flowables.append(KeepTogether([CutLine(sheet, "沿此线剪开　上联交申请人　下联存根"), *_stub(data, sheet)]))
    return flowables


def _acceptance(data: ReceiptData) -> str:
    """The formal sentence: who applied for what on which day, and that it was accepted on what basis."""
    applied = local_day(data.applied_at or data.accepted_at)
    basis = f"根据{data.legal_basis.rstrip('。')}的规定，" if data.legal_basis else ""
    if data.deferred:
        verdict = "主要申请材料齐全，经申请人承诺补交尚缺材料，决定予以容缺受理"
    else:
        verdict = "申请材料齐全、符合法定形式，决定予以受理"
    forward = f"，并转报{data.forwarded_to}审批" if data.forwarded_to else ""
    applied_for = f"“{data.item_name}”" + ("" if data.item_name.endswith("申请") else "申请")
    return (f"{data.applicant.name}于{applied}提出{applied_for}，经审查，{verdict}{forward}。{basis}"
            "本回执一式两份，申请人与本中心各执一份。")


def _mode(data: ReceiptData) -> str:
    """受理方式 in words that say something."""
    if data.deferred:
        owed = sum(1 for m in data.materials if m.missing)
        return f"容缺受理（{owed}项材料后补）" if owed else "容缺受理"
    where = data.field_service or "窗口受理"
    if data.forwarded_to:
        return f"{where}，转报{data.forwarded_to}"
    return f"{where}，材料齐全" if data.field_service else "窗口受理（材料齐全）"


def _case_fields(data: ReceiptData) -> list[Field]:
    item = data.item_name + (f"（{data.department}）" if data.department else "")
    due = day(data.committed_due, blank="—")
    if data.committed_due is not None and data.committed_days:
        due += f"（承诺{working_days(data.committed_days)}）"
    if data.due_provisional:
        due += "，当年节假日安排未公布，日期可能调整"
    return [
        Field("办件编号", data.case_number),
        Field("受理时间", moment(data.accepted_at)),
        *applicant_fields(data.applicant),
        Field("受理方式", _mode(data), wide=bool(data.field_service)),  # a place reads badly split in a half cell
        Field("申请事项", item, wide=True),
        Field("法定时限", working_days(data.statutory_days)),
        Field("承诺办结", due),
    ]


def _materials(data: ReceiptData, sheet: Sheet) -> Flowable:
    rows = [
        [str(n), _material_name(m), str(m.required_count), str(m.received_count), _remark(m, data.deferred)]
        for n, m in enumerate(data.materials, start=1)
    ]
    if sheet.narrow:
        # 80 mm: the name takes the width; a remark follows the name in its
        # cell, and the counts read 实交/应交 in one short column.
        rows = [[n, f"{name}（{remark}）" if remark else name, f"{got}/{due}"] for n, name, due, got, remark in rows]
        return grid_table(sheet, ["序号", "材料名称", "实交/应交"], rows, [0.8, 5, 1.4], centered=(0, 2), fit=(0, 2))
    return grid_table(sheet, ["序号", "材料名称", "应交份数", "实交份数", "备注"], rows, [1, 7.4, 1.4, 1.4, 4.3],
                      centered=(0, 2, 3), fit=(0,), optional=(4,))


def _material_name(material: MaterialLine) -> str:
    form = form_text(material.form)
    return f"{material.name}（{form}）" if form else material.name


def _remark(material: MaterialLine, deferred: bool) -> str:
    notes = [material.note] if material.note else []
    if material.missing:
        if deferred:
            promised = f"，{day(material.supply_by)}前补交" if material.supply_by else ""
            notes.insert(0, f"容缺{promised}")
        else:
            notes.insert(0, "尚缺")
    return "；".join(notes)


def _stub(data: ReceiptData, sheet: Sheet) -> list[Flowable]:
    received = sum(1 for m in data.materials if not m.missing)
    materials = f"共{len(data.materials)}项，已收{received}项"
    if data.deferred and received < len(data.materials):
        materials += f"，容缺{len(data.materials) - received}项"
    mark = reprint_mark(data.reprint_count)
    fields = [
        Field("文书编号", data.doc_number),
        Field("办件编号", data.case_number),
        *applicant_fields(data.applicant)[:2],
        Field("申请事项", data.item_name, wide=True),
        Field("受理时间", moment(data.accepted_at)),
        Field("承诺办结", day(data.committed_due, blank="—")),
        Field("申请材料", materials),
        Field("经办人", data.staff_name + (f"（{data.window_no}号窗口）" if data.window_no else "")),
    ]
    stub_title = Paragraph(f"{TITLE}（存根）" + (f"　{mark}" if mark else ""), sheet.center_name)
    return [stub_title, space(sheet, 0.3), field_grid(sheet, fields), signature_line(sheet, "申请人（签字）")]
