"""投诉受理回执 — the slip a complainant takes away: the complaint's number and
query code, when it was received and by when it will be answered, the
center's phones, and a QR code to the public status page (status and dates
only, never the content)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.platypus import Flowable, Paragraph

from app.printing.blocks import heading, issuer_block, para, space, title_block
from app.printing.data import Document
from app.printing.qr import QRCode
from app.printing.sheet import Sheet
from app.printing.tables import Field, field_grid, layout_table
from app.printing.text import day, markup, moment, working_days
from app.services.identity import mask_phone
from app.services.status_link import complaint_status_url

TITLE = "投诉受理回执"


@dataclass(frozen=True, kw_only=True)
class ComplaintReceiptData(Document):
    """投诉受理回执. ``complainant_phone`` is full; the paper shows it masked.
    An anonymous complaint prints no name."""

    complaint_number: str
    query_code: str
    title: str
    source: str  # the source's Chinese label
    received_at: datetime
    answer_due: date
    answer_days: int
    due_provisional: bool = False
    complainant_name: str = ""
    complainant_phone: str = ""
    work_order_number: str = ""

    @property
    def status_url(self) -> str:
        """The link the QR code encodes ('' while the center has no county address)."""
        if not self.center.status_base_url:
            return ""
        return complaint_status_url(self.center.status_base_url, self.complaint_number, self.query_code)


def story(data: ComplaintReceiptData, sheet: Sheet) -> list[Flowable]:
    return [
        *title_block(sheet, data, TITLE),
        field_grid(sheet, _fields(data)),
        space(sheet, 0.4),
        para(_promise(data), sheet.indented),
        space(sheet, 0.4),
        _progress(data, sheet),
        issuer_block(sheet, data),
    ]


def _fields(data: ComplaintReceiptData) -> list[Field]:
    due = day(data.answer_due)
    due += "（当日答复）" if data.answer_days == 0 else f"（{working_days(data.answer_days)}内）"
    if data.due_provisional:
        due += "，当年节假日安排未公布，日期可能调整"
    fields = [
        Field("投诉编号", data.complaint_number),
        Field("查询码", data.query_code),
        Field("投诉人", data.complainant_name or "匿名"),
    ]
    if data.complainant_phone:
        fields.append(Field("联系电话", mask_phone(data.complainant_phone)))
    fields += [Field("投诉来源", data.source)]
    if data.work_order_number:
        fields.append(Field("12345工单号", data.work_order_number))
    fields += [
        Field("投诉事由", data.title, wide=True),
        Field("收到时间", moment(data.received_at)),
        Field("承诺答复", due),
        Field("受理人", data.staff_name + (f"（{data.window_no}号窗口）" if data.window_no else "")),
    ]
    return fields


def _promise(data: ComplaintReceiptData) -> str:
    center = data.center
    text = (f"您的投诉已登记。本中心将于{day(data.answer_due)}前给予答复，并将答复结果告知您；"
            "确需延期的，将告知延期理由。")
    if center.supervision_phone:
        text += f"对答复不满意或逾期未获答复的，可拨打监督电话 {center.supervision_phone}。"
    return text


def _progress(data: ComplaintReceiptData, sheet: Sheet) -> Flowable:
    """How to follow it: the QR code, the number and code in text, the phones."""
    center = data.center
    steps = ["用手机扫描二维码查询办理状态；"] if data.status_url else []
    steps.append(f"凭投诉编号 {data.complaint_number} 和查询码 {data.query_code} 到本中心窗口查询；")
    phones = "　".join(f"{label}：{number}" for label, number in (
        ("中心电话", center.phone), ("咨询电话", center.consult_phone), ("监督电话", center.supervision_phone))
        if number)
    text: list[Flowable] = [heading(sheet, "办理进度查询")]
    text += [para(f"{'①②③'[i]} {step}", sheet.body) for i, step in enumerate(steps)]
    if phones:
        text.append(para(phones, sheet.cell))
    text.append(para("查询页面只显示办理状态和日期，不显示投诉内容和个人信息。", sheet.cell))
    code_line = Paragraph(f"查询码：{markup(data.query_code)}", sheet.cell_center)
    qr: list[Flowable] = [QRCode(data.status_url, sheet.paper.qr_size), code_line] if data.status_url else [code_line]
    if sheet.narrow:
        return layout_table(sheet, [[text], [qr]], [sheet.width], ("ALIGN", (0, 1), (0, -1), "CENTER"),
                            ("TOPPADDING", (0, 1), (0, -1), 3))
    qr_width = sheet.paper.qr_size * 1.45
    return layout_table(sheet, [[text, qr]], [sheet.width - qr_width, qr_width],
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "CENTER"))
