"""The public progress query (办件进度查询) behind the QR code on a receipt."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.vocabulary import CaseEventKind, CaseResult, CaseStatus, history_label
from county_server.models import Case, CaseEvent, Center, Resident
from county_server.security import same_secret

# 复姓: the whole surname stays visible, the given name is masked.
COMPOUND_SURNAMES = frozenset(
    ["欧阳", "太史", "端木", "上官", "司马", "东方", "独孤", "南宫", "万俟", "闻人", "夏侯", "诸葛", "尉迟", "公羊", "赫连", "澹台", "皇甫", "宗政", "濮阳", "公冶", "太叔", "申屠", "公孙", "慕容", "仲孙", "钟离", "长孙", "宇文", "司徒", "鲜于", "司空", "闾丘", "子车", "亓官", "司寇", "巫马", "公西", "颛孙", "壤驷", "公良", "漆雕", "乐正", "宰父", "谷梁", "拓跋", "夹谷", "轩辕", "令狐", "段干", "百里", "呼延", "东郭", "南门", "羊舌", "微生", "公户", "公玉", "公仪", "梁丘", "公仲", "公上", "公门", "公山", "公坚", "左丘", "公伯", "西门", "公祖", "第五", "公乘", "贯丘", "公皙", "南荣", "东里", "东宫", "仲长", "子书", "子桑", "即墨", "达奚", "褚师", "吴铭"]
)


def mask_name(name: str) -> str:
    """张三 -> 张*, 张三丰 -> 张**, 欧阳娜娜 -> 欧阳**; the surname stays, nothing else."""
    name = "".join(name.split())
    if not name:
        return ""
    if len(name) == 1:
        return "*"
    keep = 2 if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else 1
    return name[:keep] + "*" * (len(name) - keep)


@dataclass(frozen=True)
class StatusStep:
    label: str
    at: datetime


@dataclass(frozen=True)
class StatusView:
    case_number: str
    item_name: str
    center_name: str
    center_phone: str
    masked_name: str
    status: str
    status_label: str
    result_label: str
    received_at: datetime
    committed_due: date | None
    completed_at: datetime | None
    steps: list[StatusStep]


def _public_label(event: CaseEvent) -> str:
    """What a resident reads for one step; staff notes are not shown."""
    action = event.data.get("county_action")
    if event.kind == CaseEventKind.NOTE:
        return "县级部门已接收" if action == "received" else ""
    if event.kind == CaseEventKind.RETURN and action == "returned":
        return "县级部门退回，需补充材料"
    if event.kind == CaseEventKind.RETURN and action == "completed":
        return ""  # the completion right after it says it all
    if event.kind == CaseEventKind.COMPLETE:
        result = CaseResult.text_of(event.data.get("result")).zh
        return f"办结（{result}）" if result else "办结"
    label = history_label(event.kind)
    return label.zh if label else ""


def lookup(session: Session, case_number: str, code: str) -> StatusView | None:
    """The case's progress, or None when the number or the code is wrong (same answer)."""
    case_number = case_number.strip().upper()
    code = code.strip().upper()
    if not case_number or not code or len(case_number) > 40 or len(code) > 10:
        return None
    case = session.scalar(select(Case).where(Case.case_number == case_number))
    if case is None or not same_secret(case.verification_code.upper(), code):
        return None
    center = session.get(Center, case.center_id)
    resident = session.get(Resident, case.resident_id)
    assert center is not None
    events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.position))
    steps = []
    for event in events:
        label = _public_label(event)
        if label:
            steps.append(StatusStep(label, event.occurred_at))
    result_label = CaseResult.text_of(case.result).zh
    return StatusView(
        case_number=case.case_number,
        item_name=case.item_name or "（事项名称未同步）",
        center_name=center.name,
        center_phone=center.phone,
        masked_name=mask_name(resident.name) if resident else "",
        status=case.status,
        status_label=CaseStatus.text_of(case.status).zh,
        result_label=result_label,
        received_at=case.received_at,
        committed_due=case.committed_due,
        completed_at=case.completed_at,
        steps=steps,
    )
