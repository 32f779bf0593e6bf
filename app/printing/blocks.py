"""The blocks documents are assembled from: title block, the case and the
people on it, the progress-query block with QR code and seal box, the
signature line and the issuing center.

Each returns flowables sized for the sheet it is given; the documents only
say what goes where and in which words.
"""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from app.printing.data import Applicant, CaseDocument, CenterInfo, Document
from app.printing.marks import INK, SealBox, TitleLine
from app.printing.qr import QRCode
from app.printing.sheet import Sheet
from app.printing.tables import PAD_X, Field, StyleCommand, layout_table
from app.printing.text import local_day, markup, reprint_mark
from app.services.identity import mask_id_number, mask_phone

CHINESE_NUMERALS = "一二三四五六七八九十"


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text (escaped, line breaks kept)."""
    return Paragraph(markup(text), style)


def heading(sheet: Sheet, text: str) -> Paragraph:
    return Paragraph(markup(text), sheet.heading)


def section_headings(sheet: Sheet, titles: Sequence[str]) -> list[Paragraph]:
    """一、… 二、… numbered in order, for the sections a document has."""
    return [heading(sheet, f"{CHINESE_NUMERALS[i]}、{title}") for i, title in enumerate(titles)]


def numbered(sheet: Sheet, items: Sequence[str]) -> list[Paragraph]:
    """1. … 2. … indented like the body, the number hanging so wrapped lines align."""
    return [Paragraph(f"{n}.&nbsp;{markup(item)}", sheet.numbered) for n, item in enumerate(items, start=1)]


def space(sheet: Sheet, lines: float = 0.6) -> Spacer:
    return Spacer(1, sheet.paper.body_size * lines)


def title_block(sheet: Sheet, doc: Document, title: str) -> list[Flowable]:
    """Center name, title (with any 补打 mark), document number and date."""
    number = Paragraph(f"编号：{markup(doc.doc_number)}", sheet.cell)
    dated_text = f"日期：{local_day(doc.printed_at)}"
    mark = reprint_mark(doc.reprint_count)
    if sheet.narrow:
        # No room beside the title: the mark gets a boxed line of its own.
        rows: list[list[object]] = [[number], [Paragraph(dated_text, sheet.cell)]]
        commands: list[StyleCommand] = [("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
        if mark:
            rows.append([Paragraph(mark, sheet.cell_center)])
            commands += [("BOX", (0, -1), (0, -1), 1, INK), ("TOPPADDING", (0, -1), (0, -1), 2)]
        table = layout_table(sheet, rows, [sheet.width], *commands)
        title_line = TitleLine(title, sheet)
    else:
        date_width = stringWidth(dated_text, sheet.font, sheet.paper.table_size) + 2 * PAD_X + 1
        table = layout_table(sheet, [[number, Paragraph(dated_text, sheet.cell_right)]],
                             [sheet.width - date_width, date_width], ("VALIGN", (0, 0), (-1, -1), "BOTTOM"))
        title_line = TitleLine(title, sheet, mark=mark)
    return [para(doc.center.name, sheet.center_name), title_line, table, space(sheet, 0.4)]


def applicant_fields(applicant: Applicant) -> list[Field]:
    """The applicant with ID and phone masked (the product's one style)."""
    fields = [Field("申请人", applicant.name)]
    if applicant.id_number:
        fields.append(Field("证件号码", mask_id_number(applicant.id_number)))
    if applicant.phone:
        fields.append(Field("联系电话", mask_phone(applicant.phone)))
    if applicant.address:
        fields.append(Field("联系地址", applicant.address, wide=True))
    return fields


def case_fields(data: CaseDocument, *extra: Field) -> list[Field]:
    """办件编号, the applicant and the item: the head of every case notice."""
    place = [Field("受理地点", data.field_service, wide=True)] if data.field_service else []
    return [Field("办件编号", data.case_number), *applicant_fields(data.applicant),
            Field("申请事项", data.item_name, wide=True), *place, *extra]


def contact_lines(doc: Document) -> list[str]:
    """Who handled it and how to reach the center, as short lines."""
    center = doc.center
    worker = f"经办人：{doc.staff_name}" + (f"（{doc.window_no}号窗口）" if doc.window_no else "")
    return [line for line in (worker, f"中心地址：{center.address}" if center.address else "",
                              "　".join(phone_labels(center))) if line]


def phone_labels(center: CenterInfo) -> list[str]:
    """联系电话, 咨询电话 and 监督电话, each once: one number set as both the
    contact and the consultation phone is printed once with both names."""
    phones: list[str] = []
    if center.phone and center.consult_phone and center.phone != center.consult_phone:
        phones += [f"联系电话：{center.phone}", f"咨询电话：{center.consult_phone}"]
    elif center.phone or center.consult_phone:
        phones.append(f"联系（咨询）电话：{center.phone or center.consult_phone}")
    if center.supervision_phone:
        phones.append(f"监督电话：{center.supervision_phone}")
    return phones


def closing(*flowables: Flowable) -> KeepTogether:
    """The end of a document kept on one page: the last words of the letter
    with the QR block, the seal, the date and the signatures, so that none of
    them is ever left alone at the top of a page (keep-with-next)."""
    return KeepTogether(list(flowables))


def acknowledgment(sheet: Sheet, text: str, who: str = "申请人（签字）") -> list[Flowable]:
    """A sentence the applicant signs for, e.g. that the notice was received."""
    return [para(text, sheet.indented), signature_line(sheet, who)]


def progress_block(
    sheet: Sheet,
    *,
    case_number: str,
    verification_code: str,
    url: str,
    phone: str,
    contacts: Sequence[str] = (),
    seal: str | None = None,
    heading_text: str = "办理进度查询",
    scan_step: str = "用手机扫描二维码查询；",
) -> Table:
    """How to check progress (QR code, case number, the verification code in
    text, phone) and whom to reach; a seal box beside it when ``seal`` names
    the seal to stamp. Without a status URL there is no QR code, and the
    case number and code still say how to ask."""
    steps = [scan_step] if url else []
    steps.append(f"凭办件编号 {case_number} 和查询码 {verification_code} 到本中心窗口查询；")
    if phone and not any(phone in line for line in contacts):
        steps.append(f"致电 {phone} 查询。")
    text: list[Flowable] = [Paragraph(heading_text, sheet.subheading)]
    text += [para(f"{'①②③'[i]} {step}", sheet.body) for i, step in enumerate(steps)]
    text += [para(line, sheet.cell) for line in contacts]
    code_line = Paragraph(f"查询码：{markup(verification_code)}", sheet.cell_center)
    qr: list[Flowable] = [QRCode(url, sheet.paper.qr_size), code_line] if url else [code_line]
    seal_box: list[Flowable] = []
    if seal:
        side = sheet.paper.qr_size * 1.3
        seal_box = [SealBox(sheet, seal, 36 * mm, 26 * mm) if sheet.roll else SealBox(sheet, seal, side, side)]
    if sheet.narrow:
        rows = [[text], [qr]] + ([[seal_box]] if seal_box else [])
        return layout_table(sheet, rows, [sheet.width], ("ALIGN", (0, 1), (0, -1), "CENTER"),
                            ("TOPPADDING", (0, 1), (0, -1), 3))
    qr_width = sheet.paper.qr_size * 1.45
    seal_width = seal_box[0].width + 4 * mm if seal_box else 0
    cells = [text, qr] + ([seal_box] if seal_box else [])
    widths = [sheet.width - qr_width - seal_width, qr_width] + ([seal_width] if seal_box else [])
    return layout_table(sheet, [cells], widths, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("ALIGN", (1, 0), (-1, 0), "CENTER"), ("TOPPADDING", (0, 0), (-1, -1), 2))


def case_progress(sheet: Sheet, data: CaseDocument, *, seal: str | None = None, rating: bool = False) -> Table:
    """The progress block of a case document, with the contact lines.

    With ``rating`` the same status QR invites the resident to rate the
    service: the county's status page offers the rating form (好差评)."""
    extra = {"heading_text": "办理进度查询及服务评价",
             "scan_step": "用手机扫描二维码查询办理结果，并对本次服务作出评价；"} if rating else {}
    return progress_block(sheet, case_number=data.case_number, verification_code=data.verification_code,
                          url=data.status_url, phone=data.center.consult_phone or data.center.phone,
                          contacts=contact_lines(data), seal=seal, **extra)


def signature_line(sheet: Sheet, who: str) -> Paragraph:
    """申请人（签字）：______ 日期：____年__月__日; two lines on the roll.

    ``who`` is the whole label, e.g. 申请人（签字） or 申请人（签收）."""
    gap = "<br/>" if sheet.narrow else "&nbsp;" * 6
    return Paragraph(f"{markup(who)}：{'_' * 14}{gap}日期：{'_' * 5}年{'_' * 3}月{'_' * 3}日", sheet.signature)


def issuer_block(sheet: Sheet, doc: Document, *, seal: bool = True, signer: str = "", issuer: str = "",
                 seal_name: str = "") -> Table:
    """The issuing body (the center unless ``issuer`` names the deciding
    body), with 盖章 — or the seal's own name — where the seal goes, an
    optional signer line and the date, on the right as a notice is signed."""
    mark = f"（{seal_name}）" if seal and seal_name else ("（盖章）" if seal else "")
    lines = [(issuer or doc.center.name) + mark, signer, local_day(doc.printed_at)]
    content = [para(line, sheet.issuer) for line in lines if line]
    top = ("TOPPADDING", (0, 0), (-1, -1), sheet.paper.body_size)
    if sheet.narrow:
        return layout_table(sheet, [[content]], [sheet.width], top)
    return layout_table(sheet, [["", content]], [sheet.width * 0.45, sheet.width * 0.55], top)


def boxed(sheet: Sheet, content: list[Flowable]) -> Table:
    """Content in a ruled box, e.g. the applicant's promise."""
    return layout_table(sheet, [[content]], [sheet.width], ("BOX", (0, 0), (-1, -1), 0.8, INK),
                        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4))
