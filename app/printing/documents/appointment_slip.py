"""预约凭证 — the appointment slip a resident takes home.

When, what, with whom and where; the materials to bring (the item's
一次性告知 list), so the visit ends in one go; and how to reach the center
to change or cancel it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reportlab.platypus import Flowable

from app.printing.blocks import heading, issuer_block, para, space, title_block
from app.printing.data import Document, MaterialLine
from app.printing.sheet import Sheet
from app.printing.tables import Field, field_grid, grid_table
from app.printing.text import form_text
from app.services.identity import mask_phone

TITLE = "预约凭证"
_WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True, kw_only=True)
class AppointmentSlipData(Document):
    """``place`` is 中心 or 上门; ``address`` the home visit's address."""

    resident_name: str
    item_name: str
    starts_at: datetime
    ends_at: datetime | None
    worker_name: str
    place: str
    phone: str = ""
    address: str = ""
    channel: str = ""
    note: str = ""
    opening: str = ""  # the center's opening hours for appointments; the center's 办公时间 when empty
    materials: tuple[MaterialLine, ...] = field(default=())


def _when(data: AppointmentSlipData) -> str:
    start = data.starts_at.astimezone()
    text = f"{start:%Y年%m月%d日}（星期{_WEEKDAYS[start.weekday()]}）{start:%H:%M}"
    return text + (f"–{data.ends_at.astimezone():%H:%M}" if data.ends_at else "")


def story(data: AppointmentSlipData, sheet: Sheet) -> list[Flowable]:
    center = data.center
    booking = [Field("预约人", data.resident_name)]
    if data.phone:
        booking.append(Field("联系电话", mask_phone(data.phone)))
    booking += [
        Field("预约时间", _when(data), wide=True),
        Field("预约事项", data.item_name, wide=True),
        Field("接待人员", data.worker_name),
        Field("办理地点", data.place),
    ]
    if data.address:
        booking.append(Field("上门地址", data.address, wide=True))
    if center.address:
        booking.append(Field("中心地址", center.address, wide=True))
    booking.append(Field("登记人", data.staff_name + (f"（{data.window_no}号窗口）" if data.window_no else "")))
    if data.note:
        booking.append(Field("备注", data.note, wide=True))
    flowables: list[Flowable] = [*title_block(sheet, data, TITLE), field_grid(sheet, booking)]
    if data.materials:
        rows = [[str(n), m.name, form_text(m.form), str(m.required_count), "" if m.key else "可容缺"]
                for n, m in enumerate(data.materials, start=1)]
        widths = [1, 8, 2.4, 1.4, 2.4] if not sheet.roll else [0.8, 4, 1.6, 1, 1.6]
        bring = "请准备好以下材料（一次性告知）" if data.address else "请携带以下材料（一次性告知）"
        flowables += [heading(sheet, bring),
                      grid_table(sheet, ["序号", "材料名称", "形式", "份数", "说明"], rows, widths,
                                 centered=(0, 2, 3), fit=(0,))]
    contact = [Field(label, value) for label, value in (
        ("中心电话", center.phone), ("咨询电话", center.consult_phone),
        ("监督电话", center.supervision_phone)) if value]
    opening = data.opening or center.opening_hours
    if opening:
        contact.append(Field("开放时间", opening, wide=True))
    if contact:
        flowables += [heading(sheet, "联系本中心"), field_grid(sheet, contact)]
    arrive = "上门服务时请在家等候；" if data.address else "请按预约时间到中心窗口，出示本凭证；"
    flowables += [
        space(sheet, 0.4),
        para(arrive + "如需改期或取消，请提前致电本中心" + (f"（{center.phone}）" if center.phone else "") + "。",
             sheet.indented),
        issuer_block(sheet, data, seal=False),
    ]
    return flowables
