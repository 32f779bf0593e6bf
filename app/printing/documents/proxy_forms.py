"""代办 forms — the village proxy's papers, after the Shanxi standard DB14/T 2233-2020.

A resident who cannot go to the town or county hands an application to the
village proxy (代办员). Four forms travel with it:

- 代办委托书: the resident authorizes the proxy for the item, lists the
  materials handed over, and both sign;
- 代办终止单: the errand stops (the resident withdraws it, or it cannot go
  on); the materials go back and both sign;
- 续办委托书: the errand goes on after it came back (say, for a missing
  paper), with what was added and the new dates;
- 代办办结单: the result handed back to the resident, who signs for it.

Each carries the case's progress QR, so the resident can follow the errand.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reportlab.platypus import Flowable, Paragraph

from app.printing.blocks import (
    applicant_fields,
    case_progress,
    closing,
    heading,
    issuer_block,
    numbered,
    para,
    space,
    title_block,
)
from app.printing.data import CaseDocument, MaterialLine
from app.printing.sheet import Sheet
from app.printing.tables import Field, field_grid, grid_table
from app.printing.text import day, form_text, markup, working_days
from app.services.identity import mask_phone

MANDATE_TITLE = "代办委托书"
TERMINATION_TITLE = "代办终止单"
RENEWAL_TITLE = "续办委托书"
COMPLETION_TITLE = "代办办结单"
STANDARD = "DB14/T 2233-2020"


@dataclass(frozen=True, kw_only=True)
class ProxyFormData(CaseDocument):
    """What every 代办 form says: who carries which item where, with what, by when.

    ``materials`` are the materials in the proxy's hands, only those (the
    count handed over is ``received_count``); ``send_by`` the day the proxy takes them to
    ``forwarded_to``; ``return_by`` the day the result is due back."""

    agent_name: str
    entrusted_on: date
    agent_phone: str = ""
    forwarded_to: str = ""
    materials: tuple[MaterialLine, ...] = field(default=())
    send_by: date | None = None
    return_by: date | None = None
    committed_days: int = 0


@dataclass(frozen=True, kw_only=True)
class ProxyMandateData(ProxyFormData):
    """代办委托书."""


@dataclass(frozen=True, kw_only=True)
class ProxyTerminationData(ProxyFormData):
    """代办终止单: when and why the errand stopped."""

    terminated_on: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class ProxyRenewalData(ProxyFormData):
    """续办委托书: why the errand goes on, from when."""

    renewed_on: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class ProxyCompletionData(ProxyFormData):
    """代办办结单: the decision and what is handed back (``handed_back``: the
    licences, decisions or cards the result consists of)."""

    completed_on: date
    approved: bool = True
    result: str = ""
    handed_back: tuple[str, ...] = ()


def _parties(data: ProxyFormData, *extra: Field) -> list[Field]:
    people = applicant_fields(data.applicant)
    people[0] = Field("委托人", data.applicant.name)
    agent = [Field("代办员", data.agent_name)]
    if data.agent_phone:
        agent.append(Field("代办员电话", mask_phone(data.agent_phone)))
    return [Field("办件编号", data.case_number), Field("委托日期", day(data.entrusted_on)), *people, *agent,
            Field("代办事项", data.item_name, wide=True),
            *([Field("承办单位", data.forwarded_to, wide=True)] if data.forwarded_to else []), *extra]


def _materials(sheet: Sheet, data: ProxyFormData, title: str) -> list[Flowable]:
    handed = data.materials
    if not handed:
        return [heading(sheet, title), para("无。", sheet.indented)]
    rows = [[str(n), m.name, form_text(m.form), str(m.received_count)] for n, m in enumerate(handed, start=1)]
    widths = [1, 10, 2.6, 1.4] if not sheet.roll else [0.8, 5, 1.6, 1]
    return [heading(sheet, title),
            grid_table(sheet, ["序号", "材料名称", "形式", "份数"], rows, widths, centered=(0, 2, 3), fit=(0,))]


def _deadlines(data: ProxyFormData) -> str:
    parts = []
    if data.send_by is not None:
        where = data.forwarded_to or "承办单位"
        parts.append(f"代办员于{day(data.send_by)}前将申请材料送交{where}")
    if data.return_by is not None:
        limit = f"本事项承诺{working_days(data.committed_days)}办结，" if data.committed_days else ""
        parts.append(f"{limit}办理结果预计于{day(data.return_by)}前交还委托人")
    return "；".join(parts) + "。" if parts else ""


def _signatures(sheet: Sheet, data: ProxyFormData, *, resident: str = "委托人（签字）") -> list[Flowable]:
    """Both parties sign on one line (two on narrow paper), with the date."""
    gap = "<br/>" if sheet.narrow else "&nbsp;" * 4
    line = (f"{markup(resident)}：{'_' * 12}{gap}代办员（签字）：{'_' * 12}{gap}"
            f"日期：{'_' * 5}年{'_' * 3}月{'_' * 3}日")
    return [Paragraph(line, sheet.signature)]


_DUTIES = (
    "代办服务不收取任何费用。",
    "代办员妥善保管申请材料，不遗失、不转借，不泄露委托人的个人信息，不代为保管密码、验证码。",
    "委托人对所提供材料的真实性负责。",
    "上级部门要求补充材料的，代办员一次性告知委托人，补齐后签订续办委托书继续办理。",
    "委托人可随时终止委托；终止时代办员返还全部材料，双方签署代办终止单。",
    "办理结果由代办员交还委托人，委托人在代办办结单上签收。",
)


def mandate_story(data: ProxyMandateData, sheet: Sheet) -> list[Flowable]:
    where = f"，向{data.forwarded_to}" if data.forwarded_to else ""
    flowables = [
        *title_block(sheet, data, MANDATE_TITLE),
        field_grid(sheet, _parties(data)),
        space(sheet, 0.4),
        para(f"本人{data.applicant.name}自愿委托代办员{data.agent_name}{where}代为办理“{data.item_name}”，"
             "代为递交申请材料、跟踪办理进度、领取并交还办理结果。", sheet.indented),
        *_materials(sheet, data, "移交的申请材料"),
    ]
    deadline = _deadlines(data)
    if deadline:
        flowables += [heading(sheet, "办理时限"), para(deadline, sheet.indented)]
    flowables += [heading(sheet, "双方约定"), *numbered(sheet, _DUTIES)]
    flowables.append(closing(
        case_progress(sheet, data), space(sheet, 0.6), *_signatures(sheet, data),
        para(f"（参照{STANDARD}，一式两份，委托人、代办员各执一份；{data.center.name}监制）", sheet.cell),
    ))
    return flowables


def termination_story(data: ProxyTerminationData, sheet: Sheet) -> list[Flowable]:
    return [
        *title_block(sheet, data, TERMINATION_TITLE),
        field_grid(sheet, _parties(data, Field("终止日期", day(data.terminated_on)))),
        heading(sheet, "终止原因"),
        para(data.reason, sheet.indented),
        *_materials(sheet, data, "返还委托人的材料"),
        space(sheet, 0.4),
        para(f"经双方确认，“{data.item_name}”的代办于{day(data.terminated_on)}终止，"
             "上列材料已全部返还委托人。委托人今后仍可重新委托或自行办理。", sheet.indented),
        closing(space(sheet, 0.4), case_progress(sheet, data), issuer_block(sheet, data, seal=False),
                space(sheet, 0.4), *_signatures(sheet, data, resident="委托人（签收）")),
    ]


def renewal_story(data: ProxyRenewalData, sheet: Sheet) -> list[Flowable]:
    flowables = [
        *title_block(sheet, data, RENEWAL_TITLE),
        field_grid(sheet, _parties(data, Field("续办日期", day(data.renewed_on)))),
        heading(sheet, "续办原因"),
        para(data.reason, sheet.indented),
        space(sheet, 0.4),
        para(f"本人{data.applicant.name}同意代办员{data.agent_name}继续代为办理“{data.item_name}”，"
             "原代办委托书的约定继续有效。", sheet.indented),
        *_materials(sheet, data, "代办员持有的申请材料（含补充材料）"),
    ]
    deadline = _deadlines(data)
    if deadline:
        flowables += [heading(sheet, "办理时限"), para(deadline, sheet.indented)]
    flowables.append(closing(space(sheet, 0.4), case_progress(sheet, data), issuer_block(sheet, data, seal=False),
                             space(sheet, 0.4), *_signatures(sheet, data)))
    return flowables


def completion_story(data: ProxyCompletionData, sheet: Sheet) -> list[Flowable]:
    verdict = "准予办理" if data.approved else "不予批准"
    flowables = [
        *title_block(sheet, data, COMPLETION_TITLE),
        field_grid(sheet, _parties(data, Field("办结日期", day(data.completed_on)), Field("办理结果", verdict))),
        space(sheet, 0.4),
        para(f"委托代办的“{data.item_name}”已办结，办理结果为：{verdict}。代办员已将办理结果和原件交还委托人。",
             sheet.indented),
    ]
    if data.result:
        flowables += [heading(sheet, "办理结果说明"), para(data.result, sheet.indented)]
    if data.handed_back:
        flowables += [heading(sheet, "交还的办理结果"), *numbered(sheet, data.handed_back)]
    if data.materials:
        rows = [[str(n), m.name, form_text(m.form), str(m.received_count),
                 "原件已返还，复印件留存" if m.form == "original_and_copy" else "留存承办单位"]
                for n, m in enumerate(data.materials, start=1)]
        widths = [1, 8, 2.6, 1.4, 4] if not sheet.roll else [0.8, 4, 1.6, 1, 1.6]
        flowables += [heading(sheet, "申请材料去向"),
                      grid_table(sheet, ["序号", "材料名称", "形式", "份数", "去向"], rows, widths,
                                 centered=(0, 2, 3), fit=(0,))]
    flowables.append(closing(
        space(sheet, 0.4), para("委托人确认已收到上列办理结果和原件，本次代办结束。欢迎对代办服务作出评价。", sheet.indented),
        case_progress(sheet, data, rating=True), issuer_block(sheet, data, seal=False),
        space(sheet, 0.4), *_signatures(sheet, data, resident="委托人（签收）"),
    ))
    return flowables
