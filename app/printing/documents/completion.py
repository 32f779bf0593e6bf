"""办结通知 / 取件单 — the result, and where, when and with what to collect it."""
from __future__ import annotations

from reportlab.platypus import Flowable

from app.printing.blocks import (
    case_fields,
    case_progress,
    closing,
    heading,
    issuer_block,
    numbered,
    para,
    signature_line,
    space,
    title_block,
)
from app.printing.data import CompletionNoticeData
from app.printing.sheet import Sheet
from app.printing.tables import Field, field_grid
from app.printing.text import day

TITLE = "办结通知（取件单）"
SPOT_TITLE = "办结通知"


def story(data: CompletionNoticeData, sheet: Sheet) -> list[Flowable]:
    verdict = "准予办理" if data.approved else "不予批准"
    title = SPOT_TITLE if data.on_the_spot else TITLE
    done = "已当场办结" if data.on_the_spot else f"已于{day(data.completed_on)}办结"
    flowables = [
        *title_block(sheet, data, title),
        field_grid(sheet, case_fields(data, Field("办结日期", day(data.completed_on)), Field("办理结果", verdict))),
        space(sheet),
        para(f"{data.applicant.name}：", sheet.body),
        para(f"您申请办理的“{data.item_name}”（办件编号：{data.case_number}）{done}，"
             f"办理结果为：{verdict}。" + ("本事项当场办结，无需再来领取。" if data.on_the_spot else ""),
             sheet.indented),
    ]
    if data.result:
        flowables += [heading(sheet, "办理结果说明" if data.approved else "不予批准的理由"),
                      para(data.result, sheet.indented)]
    if not data.approved and data.appeal is not None:
        flowables.append(para(
            f"如不服该决定，可以自收到本通知之日起六十日内向{data.appeal.review_body}申请行政复议，"
            f"或者自收到本通知之日起六个月内向{data.appeal.court}提起行政诉讼。", sheet.indented))
    if not data.on_the_spot:
        flowables += [heading(sheet, "取件须知"), field_grid(sheet, _pickup_fields(data))]
        if data.bring:
            flowables += [space(sheet, 0.4), para("取件时请携带：", sheet.body), *numbered(sheet, data.bring)]
    invitation = ("欢迎您对本次服务作出评价（非常满意、满意、基本满意、不满意、非常不满意）："
                  "扫描下方二维码即可评价，也可以在窗口评价器上评价。评价自愿，您的意见将用于改进服务。")
    last: list[Flowable] = [para(invitation, sheet.indented)] if data.invite_rating else [space(sheet)]
    flowables.append(closing(
        *last, case_progress(sheet, data, rating=data.invite_rating), issuer_block(sheet, data),
        signature_line(sheet, "申请人（签收）" if data.on_the_spot else "领取人（签字）"),
    ))
    return flowables


def _pickup_fields(data: CompletionNoticeData) -> list[Field]:
    fields = [Field("取件地点", data.pickup_place or data.center.address or data.center.name, wide=True)]
    # Without the center's hours the line is neutral: no invented hours on paper.
    fields.append(Field("取件时间", data.pickup_hours or "本中心办公时间内", wide=True))
    if data.pickup_deadline is not None:
        fields.append(Field("领取期限", f"请于{day(data.pickup_deadline)}前领取"))
    return fields
