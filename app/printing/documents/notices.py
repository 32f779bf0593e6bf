"""The case notices: 补正材料通知书, 容缺受理通知书, 不予受理通知书 and
延期办结告知书.

Each is a letter to the applicant: the case at the head, the words of the
notice, what follows from it, the progress QR code, the issuing center with
its seal and date, and a line for the applicant to sign for it.
"""
from __future__ import annotations

import re
from datetime import datetime

from reportlab.platypus import Flowable

from app.printing.blocks import (
    boxed,
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
from app.printing.data import (
    CaseDocument,
    DeferredNoticeData,
    ExtensionNoticeData,
    MaterialLine,
    RejectionNoticeData,
    SupplementNoticeData,
)
from app.printing.sheet import Sheet
from app.printing.tables import Field, field_grid, grid_table
from app.printing.text import day, form_text, local_day

# A reason that already says the date cannot be met is not followed by the same words again.
_SAYS_LATE = re.compile(r"(无法|不能|未能)(按期|按时|如期|在承诺)")

SUPPLEMENT_TITLE = "补正材料通知书"
DEFERRED_TITLE = "容缺受理通知书"
REJECTION_TITLE = "不予受理通知书"
EXTENSION_TITLE = "延期办结告知书"


def _letter(data: CaseDocument, sheet: Sheet, title: str, body: list[Flowable], *extra: Field,
            signer: str = "申请人（签收）", issuer: str = "", seal_name: str = "") -> list[Flowable]:
    """The frame every notice shares around its own words. The last words
    of the notice stay on a page with the QR block, the seal, the date and
    the signature (keep-with-next)."""
    return [
        *title_block(sheet, data, title),
        field_grid(sheet, case_fields(data, *extra)),
        space(sheet),
        para(f"{data.applicant.name}：", sheet.body),
        *body[:-1],
        closing(
            body[-1],
            space(sheet),
            case_progress(sheet, data),
            issuer_block(sheet, data, issuer=issuer, seal_name=seal_name),
            signature_line(sheet, signer),
        ),
    ]


def _applied(data: CaseDocument, when: datetime) -> str:
    return f"您于{local_day(when)}申请办理的“{data.item_name}”（办件编号：{data.case_number}）"


def _requirement(material: MaterialLine) -> str:
    """What a 补正 line asks for: the worker's or catalog's note, else the
    standard requirement for its form and copies."""
    form = form_text(material.form)
    asked = f"提交{form or '材料'}{material.owed}份"
    return f"{asked}；{material.note}" if material.note else f"{asked}，内容真实、完整、清晰有效"


def supplement_story(data: SupplementNoticeData, sheet: Sheet) -> list[Flowable]:
    """补正材料通知书 — exactly what is missing, by which day, and what follows if it is not."""
    rows = [
        [str(n), m.name, form_text(m.form), str(m.owed), _requirement(m)]
        for n, m in enumerate(data.missing, start=1)
    ]
    if data.mid_case:
        opening = (f"{_applied(data, data.applied_at)}，在办理过程中经审查，需要补正下列材料。"
                   f"根据{data.legal_basis}的规定，现将需要补正的全部内容一次性告知如下：")
        pause = "补正期间暂停计算办理时限，材料补齐之日起继续计算。"
        lapse = "逾期未补正且无正当理由的，本中心将按申请人撤回申请处理，退回已提交的材料。"
    else:
        opening = (f"{_applied(data, data.applied_at)}，经审查，申请材料不齐全或者不符合法定形式。"
                   f"根据{data.legal_basis}的规定，现将需要补正的全部内容一次性告知如下：")
        pause = "补正材料期间不计入办理时限；材料补齐后，本中心即予受理。"
        lapse = "逾期未补正且无正当理由的，视为放弃本次申请，本中心将退回已提交的材料；您可以再次提出申请。"
    body: list[Flowable] = [
        para(opening, sheet.indented),
        grid_table(sheet, ["序号", "材料名称", "形式", "补交份数", "补正要求"], rows,
                   [1, 5, 2.2, 1.6, 6.2], centered=(0, 2, 3), fit=(0,)),
        space(sheet, 0.4),
        para(f"请于{day(data.supply_by)}前（{data.supplement_days}个工作日内）将上述材料提交至本中心窗口。"
             f"{pause}{lapse}", sheet.indented),
    ]
    if data.note:
        body.append(para(data.note, sheet.indented))
    return _letter(data, sheet, SUPPLEMENT_TITLE, body, Field("补正期限", day(data.supply_by)))


def deferred_story(data: DeferredNoticeData, sheet: Sheet) -> list[Flowable]:
    """容缺受理通知书 — what is missing, the applicant's promise and its date."""
    rows = [
        [str(n), m.name, form_text(m.form), str(m.owed),
         day(m.supply_by or data.promise_date)]
        for n, m in enumerate(data.deferred, start=1)
    ]
    promise = data.promise or (
        f"本人承诺于{day(data.promise_date)}前补交上述材料，并对所提交材料的真实性负责。"
        "逾期未补交或补交的材料不符合要求的，同意终止本次办理，由此产生的后果由本人承担。"
    )
    body: list[Flowable] = [
        para(f"{_applied(data, data.accepted_at)}，主要申请材料齐全，以下材料尚缺。"
             "根据容缺受理的规定，经您承诺，本中心予以容缺受理，办理时限自受理之日起计算。", sheet.indented),
        grid_table(sheet, ["序号", "容缺材料", "形式", "份数", "承诺补交日期"], rows,
                   [1, 6.6, 2.4, 1.2, 3.4], centered=(0, 2, 3, 4), fit=(0, 3, 4)),
        heading(sheet, "申请人承诺"),
        boxed(sheet, [para(promise, sheet.indented),
                       signature_line(sheet, "承诺人（签字）")]),
        para("本通知书一式两份，申请人与本中心各执一份。", sheet.indented),
    ]
    return _letter(data, sheet, DEFERRED_TITLE, body, Field("补交期限", day(data.promise_date)))


def rejection_story(data: RejectionNoticeData, sheet: Sheet) -> list[Flowable]:
    """不予受理通知书 — the deciding body, reasons and basis, the right to be heard, appeal routes."""
    body: list[Flowable] = [
        para(f"{_applied(data, data.applied_at)}，经审查，决定不予受理。理由如下：", sheet.indented),
        *numbered(sheet, data.reasons),
    ]
    basis = data.procedural_basis + (f"及{data.legal_basis}" if data.legal_basis else "")
    body += [
        para(f"依据：{basis}。", sheet.indented),
        para(f"您对本决定有陈述、申辩的权利，可以向{data.decided_by}提出，我们将如实记录并予以答复。", sheet.indented),
        para(f"如不服本决定，可以自收到本通知书之日起六十日内向{data.appeal.review_body}申请行政复议，"
             f"或者自收到本通知书之日起六个月内向{data.appeal.court}提起行政诉讼。", sheet.indented),
    ]
    return _letter(data, sheet, REJECTION_TITLE, body, Field("决定机关", data.decided_by),
                   issuer=data.decided_by, seal_name=data.seal_name)


def extension_story(data: ExtensionNoticeData, sheet: Sheet) -> list[Flowable]:
    """延期办结告知书 — the reason, who approved, the basis, the limits and the new date."""
    reason = data.reason.rstrip("。；;，, ")
    added = f"延长{data.days_added}个工作日，" if data.days_added else ""
    body: list[Flowable] = [
        para(f"{_applied(data, data.applied_at)}，原承诺于{day(data.original_due)}前办结。"
             f"因{reason}{'' if _SAYS_LATE.search(reason) else '，无法在承诺时限内办结'}。根据{data.legal_basis}的规定，经{data.approved_by}批准，"
             f"办结时限{added}延长至{day(data.new_due)}。", sheet.indented),
    ]
    if data.past_statutory_reason and data.statutory_due is not None:
        body.append(para(f"新的办结日期超过法定办理期限（{day(data.statutory_due)}），"
                         f"理由：{data.past_statutory_reason.rstrip('。')}。", sheet.indented))
    body.append(para("特此告知，敬请谅解。办理进展可通过下方方式查询。", sheet.indented))
    extra = [Field("原承诺办结", day(data.original_due)), Field("延期后办结", day(data.new_due))]
    if data.days_added:
        extra.append(Field("延长时限", f"{data.days_added}个工作日"))
    if data.statutory_days:
        limit = f"{data.statutory_days}个工作日" + (f"（{day(data.statutory_due)}）" if data.statutory_due else "")
        extra.append(Field("法定时限", limit))
    extra.append(Field("批准人", data.approved_by))
    return _letter(data, sheet, EXTENSION_TITLE, body, *extra)
