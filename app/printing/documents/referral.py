"""首问转办单 — the referral slip from the first-inquiry worker.

首问负责制: the worker a resident first asks owns the matter. When another
post or department must act, the slip tells the resident where to go and
whom to ask, and names the worker who keeps following it.
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from app.clock import to_local
from app.printing.blocks import closing, heading, issuer_block, para, space, title_block
from app.printing.data import ReferralSlipData
from app.printing.sheet import Sheet
from app.printing.tables import Field, field_grid
from app.printing.text import day, moment
from app.services.identity import mask_phone

TITLE = "首问转办单"


def story(data: ReferralSlipData, sheet: Sheet) -> list[Flowable]:
    center = data.center
    asker = [Field("来访人", data.asker_name)]
    if data.asker_phone:
        asker.append(Field("联系电话", mask_phone(data.asker_phone)))
    asker += [Field("来访时间", moment(data.asked_at)), Field("咨询事项", data.question, wide=True)]
    if data.answer:
        asker.append(Field("首问答复", data.answer, wide=True))
    target = [Field("承办单位", data.referred_to, wide=True)]
    target += [Field(label, value) for label, value in (
        ("承办岗位", data.referred_post), ("联系人", data.referred_person), ("联系电话", data.referred_phone))
        if value]
    if data.referred_address:
        target.append(Field("办理地址", data.referred_address, wide=True))
    if data.referred_hours:
        target.append(Field("办公时间", data.referred_hours, wide=True))
    # A callback can only be promised from the day of the slip on.
    follow_up = data.follow_up_due if data.follow_up_due and data.follow_up_due >= to_local(data.printed_at).date() else None
    owner = [Field("首问责任人", data.staff_name)]
    if data.window_no:
        owner.append(Field("窗口", f"{data.window_no}号窗口"))
    if center.phone:
        owner.append(Field("中心电话", center.phone))
    if follow_up is not None:
        owner.append(Field("回访日期", day(follow_up)))
    promise = (
        "本中心首问责任人将跟踪此事项直至办结"
        + (f"，并于{day(follow_up)}前向您回访" if follow_up else "")
        + "。如在承办单位遇到推诿或未获答复，请致电本中心"
        + (f"（{center.phone}）" if center.phone else "")
        + (f"或监督电话 {center.supervision_phone}" if center.supervision_phone else "")
        + "。"
    )
    return [
        *title_block(sheet, data, TITLE),
        field_grid(sheet, asker),
        heading(sheet, "请前往"),
        field_grid(sheet, target),
        heading(sheet, "首问责任人"),
        field_grid(sheet, owner),
        closing(space(sheet, 0.4), para(promise, sheet.indented), issuer_block(sheet, data)),
    ]
