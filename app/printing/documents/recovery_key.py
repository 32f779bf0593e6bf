"""数据库恢复密钥 — the recovery key, printed once for the center head.

The desk's database and backups are encrypted; this PC keeps the key in its
key store. If the PC dies or is replaced, the backups open only with this
sheet. It says what the key is for, how to use it, and how to keep it.
"""
from __future__ import annotations

import os

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from app.printing.blocks import boxed, heading, numbered, para, signature_line, space, title_block
from app.printing.data import RecoveryKeyData
from app.printing.fonts import font_name
from app.printing.layout import build_pdf
from app.printing.sheet import Sheet, sheet
from app.printing.tables import Field, field_grid
from app.printing.text import moment

TITLE = "数据库恢复密钥"
_STORES = {"keyring": "本机系统密钥库", "file": "本机受保护的密钥文件"}


def story(data: RecoveryKeyData, sheet: Sheet) -> list[Flowable]:
    size = sheet.paper.title_size * 0.95
    key_style = ParagraphStyle("recovery-key", parent=sheet.body, fontSize=size, leading=size * 1.6,
                               alignment=TA_CENTER)
    groups = data.key_text.split("-")
    lines = ["&nbsp;&nbsp;".join(groups[i:i + 4]) for i in range(0, len(groups), 4)]
    key = Paragraph("<br/>".join(lines), key_style)
    facts = [
        Field("服务中心", data.center.name, wide=True),
        Field("中心编码", data.center_code),
        Field("生成时间", moment(data.printed_at)),
        Field("本机保存位置", _STORES.get(data.key_store, data.key_store)),
        Field("领取人", data.staff_name),
    ]
    return [
        *title_block(sheet, data, TITLE),
        para("本中心一窗通的数据库和全部备份都已加密，保护群众的身份证号、电话等个人信息。"
             "本机的密钥保存在系统中，平时无需输入。电脑损坏、更换或重装系统后，只有凭本恢复密钥才能打开备份。",
             sheet.body),
        space(sheet, 0.5),
        boxed(sheet, [key]),
        space(sheet, 0.5),
        field_grid(sheet, facts),
        heading(sheet, "使用方法"),
        *numbered(sheet, [
            "在新电脑上安装一窗通，把备份文件复制到数据文件夹的 backups 文件夹中，然后启动一窗通。",
            "在“从备份恢复”界面输入上面的恢复密钥（字母不分大小写，可不输短横线），选择备份后点“用所选备份恢复”。",
            "本机数据库的密钥丢失时，启动界面会要求输入恢复密钥，输入后即可继续使用。",
        ]),
        heading(sheet, "保管要求"),
        *numbered(sheet, [
            "本密钥只打印这一次，由中心主任签收，锁在文件柜中保管；不要拍照、不要存放在电脑或U盘上。",
            "不要与备份U盘放在一起：二者同时丢失，等于个人信息泄露。",
            "主任交接时一并移交并登记；如怀疑密钥泄露，请联系县级技术人员更换。",
        ]),
        space(sheet, 0.6),
        signature_line(sheet, "中心主任签收"),
    ]


def render(data: RecoveryKeyData, *, font_path: str | os.PathLike[str] | None = None) -> bytes:
    """The sheet as PDF bytes on A4. Not one of the desk's numbered documents
    (registry.DOC_TYPES): it is never archived, reprinted or sent to the county."""
    page = sheet(font_name(font_path), "A4", False)
    return build_pdf(story(data, page), sheet=page, doc=data, title=TITLE)
