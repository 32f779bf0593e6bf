"""一次性告知书 — the one-time notification slip.

Everything a resident needs for an item, told once and in writing: basis,
conditions, the complete materials list (the ones still missing marked
★尚缺 when printed for a visit), process, limits, fees, place and phones.
"""
from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from app.printing.blocks import (
    acknowledgment,
    applicant_fields,
    closing,
    issuer_block,
    numbered,
    para,
    progress_block,
    section_headings,
    space,
    title_block,
)
from app.printing.data import MaterialLine, NotificationData
from app.printing.sheet import Sheet
from app.printing.tables import Field, field_grid, grid_table
from app.printing.text import form_text, working_days

TITLE = "一次性告知书"
MISSING = "★尚缺"


def story(data: NotificationData, sheet: Sheet) -> list[Flowable]:
    flowables = title_block(sheet, data, TITLE)
    head = [Field("事项名称", data.item_name, wide=True)]
    if data.department:
        head.append(Field("主管部门", data.department))
    if data.case_number:
        head.append(Field("办件编号", data.case_number))
    if data.applicant is not None:
        head += applicant_fields(data.applicant)
    flowables.append(field_grid(sheet, head))

    sections: list[tuple[str, list[Flowable]]] = []
    if data.legal_basis:
        sections.append(("设定依据", [para(data.legal_basis, sheet.indented)]))
    if data.conditions:
        sections.append(("申请条件", [para(data.conditions, sheet.indented)]))
    sections.append(("申请材料", _materials(data, sheet)))
    if data.process:
        sections.append(("办理流程", numbered(sheet, data.process)))
    sections.append(("办理时限", [para(_limits(data), sheet.indented)]))
    sections.append(("收费标准", [para(data.fee or "不收费", sheet.indented)]))
    sections.append(("办理地点及咨询、监督电话", [para(line, sheet.listed) for line in _place(data)]))
    if data.notes:
        sections.append(("其他事项", [para(data.notes, sheet.indented)]))
    titles = section_headings(sheet, [name for name, _ in sections])
    for title, (_, body) in zip(titles, sections, strict=True):
        flowables += [title, *body]

    center = data.center
    ask = "请致电上列电话或向本中心窗口询问" if center.consult_phone or center.phone else "请向本中心窗口询问"
    # The last words, the QR block, the applicant's acknowledgment and the
    # seal stay on one page (keep-with-next).
    ending: list[Flowable] = [para(
        f"以上内容已一次性告知。材料齐全、符合条件的，本中心当场受理；如对告知内容有疑问，{ask}。",
        sheet.indented,
    )]
    if data.status_url or data.case_number:
        # The center's phones are in the section above; only the QR and codes here.
        ending += [space(sheet), progress_block(
            sheet, case_number=data.case_number, verification_code=data.verification_code,
            url=data.status_url, phone=data.center.phone,
        )]
    # The applicant signs that everything was told; the center seals it.
    told = "本人已收到本告知书，对上述告知内容已全部知悉。"
    flowables.append(closing(
        *ending,
        *acknowledgment(sheet, told, "申请人（签字）"),
        issuer_block(sheet, data, signer=f"告知人：{data.staff_name}"),
    ))
    return flowables


def _materials(data: NotificationData, sheet: Sheet) -> list[Flowable]:
    rows = [
        [str(n), _name(m, data.mark_missing), form_text(m.form), str(m.required_count),
         m.issuer, m.obtain, _remark(m, data.mark_missing)]
        for n, m in enumerate(data.materials, start=1)
    ]
    table = grid_table(
        sheet, ["序号", "材料名称", "形式", "份数", "出具单位", "获取方式", "备注"], rows,
        [1, 5, 2.8, 1.1, 2.8, 3.6, 3.4], centered=(0, 2, 3), fit=(0, 3),
    )
    flowables: list[Flowable] = [table]
    if data.mark_missing:
        missing = sum(1 for m in data.materials if m.missing)
        flowables.append(Paragraph(
            f"标注“★”的 {missing} 项为尚缺材料，请补齐后提交；其余材料本次已查验。" if missing
            else "本次所需材料均已齐全。",
            sheet.small,
        ))
    return flowables


def _name(material: MaterialLine, mark: bool) -> str:
    prefix = "★" if mark and material.missing else ""
    medium = f"（{material.format}）" if material.format else ""
    return f"{prefix}{material.name}{medium}"


def _remark(material: MaterialLine, mark: bool) -> str:
    notes = [material.note] if material.note else []
    if not material.key:
        notes.insert(0, "视情况提供")
    if mark and material.missing:
        notes.insert(0, MISSING)
    return "；".join(notes)


def _limits(data: NotificationData) -> str:
    if data.committed_days <= 0:
        return f"法定办理时限：{working_days(data.statutory_days)}；本中心承诺当场办结。"
    return (
        f"法定办理时限：{working_days(data.statutory_days)}；"
        f"承诺办理时限：{working_days(data.committed_days)}，自受理之日起计算，"
        "补正材料期间不计入办理时限。"
    )


def _place(data: NotificationData) -> list[str]:
    center = data.center
    lines = [f"办理地点：{data.location or center.name}"]
    if center.address:
        lines.append(f"中心地址：{center.address}")
    if center.opening_hours:
        lines.append(f"办公时间：{center.opening_hours}")
    if center.consult_phone:
        lines.append(f"咨询电话：{center.consult_phone}")
    elif center.phone:
        lines.append(f"联系电话：{center.phone}")
    if center.supervision_phone:
        lines.append(f"监督电话：{center.supervision_phone}")
    return lines
