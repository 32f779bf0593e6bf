"""网上办理指引 — a slip for a resident who can apply for an item online.

Which item, on which platform, the portal's address as a QR code to scan
with the phone, the materials to have ready as photos or scans, and a
warning never to give anyone the password or the SMS code. The center's
contacts, for when the resident would rather be helped (帮办网办).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable, Paragraph

from app.printing.blocks import heading, issuer_block, numbered, para, space, title_block
from app.printing.data import Document
from app.printing.qr import QRCode
from app.printing.sheet import Sheet
from app.printing.tables import Field, field_grid, layout_table
from app.printing.text import markup

TITLE = "网上办理指引"


@dataclass(frozen=True, kw_only=True)
class OnlineGuideData(Document):
    """``url`` is the portal the QR code opens; ``to_prepare`` the materials to have ready."""

    item_name: str
    platform: str
    url: str
    department: str = ""
    to_prepare: tuple[str, ...] = field(default=())


_STEPS = (
    "手机扫描二维码，或在手机浏览器中输入上面的网址，打开办理平台；",
    "用本人手机号注册或登录，按提示完成实名认证（人脸识别）；",
    "搜索事项名称，按页面提示填写申请、上传材料照片；",
    "提交后记下“申办流水号”，可在平台上查询进度，或带流水号到本中心查询。",
)


def story(data: OnlineGuideData, sheet: Sheet) -> list[Flowable]:
    fields = [Field("办理事项", data.item_name, wide=True), Field("办理平台", data.platform)]
    if data.department:
        fields.append(Field("主管部门", data.department))
    fields.append(Field("网址", data.url, wide=True))
    qr_size = sheet.paper.qr_size * 1.2
    steps: list[Flowable] = [Paragraph("办理步骤", sheet.subheading), *numbered(sheet, _STEPS)]
    scan = [QRCode(data.url, qr_size), Paragraph("扫码打开办理平台", sheet.cell_center)]
    if sheet.narrow:
        body = layout_table(sheet, [[steps], [scan]], [sheet.width], ("ALIGN", (0, 1), (0, 1), "CENTER"))
    else:
        width = qr_size * 1.3
        body = layout_table(sheet, [[steps, scan]], [sheet.width - width, width],
                            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "CENTER"))
    flowables: list[Flowable] = [*title_block(sheet, data, TITLE), field_grid(sheet, fields), space(sheet, 0.4), body]
    if data.to_prepare:
        flowables += [heading(sheet, "请提前准备以下材料（拍照或扫描）"), *numbered(sheet, data.to_prepare)]
    center = data.center
    contact = "如不便自行办理，可到本中心由工作人员帮您网上办理（帮办网办）" + (
        f"，咨询电话：{markup(center.consult_phone or center.phone)}" if center.consult_phone or center.phone else "") + "。"
    flowables += [
        heading(sheet, "安全提示"),
        para("账号密码、短信验证码只能由本人输入，不要告诉任何人，包括工作人员；"
             "本中心不会记录您的密码和验证码。政务服务平台办理不收取任何费用。", sheet.indented),
        para(contact, sheet.indented),
        issuer_block(sheet, data, seal=False),
    ]
    return flowables
