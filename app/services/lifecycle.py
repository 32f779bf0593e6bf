"""The case state machine (办件状态): which event may follow which status.

Pure rules, no database: ``apply`` says where an event leads or raises an
IllegalTransition whose message a worker understands.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.models.case import (
    ST_ACCEPTED,
    ST_COMPLETED,
    ST_DELIVERED,
    ST_FORWARDED,
    ST_IN_PROGRESS,
    ST_NEEDS_SUPPLEMENT,
    ST_REJECTED,
    ST_RETURNED,
    ST_SUSPENDED,
    ST_WITHDRAWN,
)
from app.services.errors import DomainError

STATUS_LABELS = {
    ST_NEEDS_SUPPLEMENT: "待补正",
    ST_REJECTED: "不予受理",
    ST_ACCEPTED: "已受理",
    ST_IN_PROGRESS: "办理中",
    ST_SUSPENDED: "补正暂停",
    ST_FORWARDED: "已转报",
    ST_RETURNED: "已返回",
    ST_COMPLETED: "已办结",
    ST_DELIVERED: "已送达",
    ST_WITHDRAWN: "已撤回",
}

# Intake outcomes (the first event of a case).
OUT_DONE_ON_THE_SPOT = "done_on_the_spot"  # 即办 / 当场办结
OUT_ACCEPT = "accept"  # 受理
OUT_ACCEPT_DEFERRED = "accept_deferred"  # 容缺受理
OUT_SUPPLEMENT = "request_supplement"  # 补正
OUT_REJECT = "reject"  # 不予受理
OUT_FORWARD = "forward_at_intake"  # 代办 / 转报
INTAKE_OUTCOMES = {
    OUT_DONE_ON_THE_SPOT: ST_COMPLETED,
    OUT_ACCEPT: ST_ACCEPTED,
    OUT_ACCEPT_DEFERRED: ST_ACCEPTED,
    OUT_SUPPLEMENT: ST_NEEDS_SUPPLEMENT,
    OUT_REJECT: ST_REJECTED,
    OUT_FORWARD: ST_FORWARDED,
}
# Not a case: the resident came to ask. Recorded as an inquiry with a
# one-time notification slip (一次性告知书).
OUT_NOTIFY_ONLY = "notify_only"
OUTCOME_LABELS = {
    OUT_DONE_ON_THE_SPOT: "当场办结",
    OUT_ACCEPT: "受理",
    OUT_ACCEPT_DEFERRED: "容缺受理",
    OUT_SUPPLEMENT: "补正",
    OUT_REJECT: "不予受理",
    OUT_FORWARD: "代办转报",
    OUT_NOTIFY_ONLY: "一次性告知",
}

# Document types (app.printing.DOC_TYPES) each outcome and event issues.
DOC_RECEIPT = "receipt"
DOC_NOTIFICATION = "notification"
DOC_SUPPLEMENT = "supplement_notice"
DOC_DEFERRED = "deferred_notice"
DOC_REJECTION = "rejection_notice"
DOC_EXTENSION = "extension_notice"
DOC_COMPLETION = "completion_notice"
DOC_REFERRAL = "referral_slip"
OUTCOME_DOCUMENTS: dict[str, tuple[str, ...]] = {
    OUT_DONE_ON_THE_SPOT: (DOC_COMPLETION,),
    OUT_ACCEPT: (DOC_RECEIPT,),
    OUT_ACCEPT_DEFERRED: (DOC_RECEIPT, DOC_DEFERRED),
    OUT_SUPPLEMENT: (DOC_SUPPLEMENT,),
    OUT_REJECT: (DOC_REJECTION,),
    OUT_FORWARD: (DOC_RECEIPT,),
    OUT_NOTIFY_ONLY: (DOC_NOTIFICATION,),
}

# Later events.
EV_SUPPLEMENT_RECEIVED = "supplement_received"  # 补齐材料后受理 (clock starts)
EV_START = "start"
EV_FORWARD = "forward"
EV_RETURN = "return"
EV_COMPLETE = "complete"
EV_DELIVER = "deliver"
EV_SUSPEND = "suspend"  # 补正暂停: clock stops
EV_RESUME = "resume"  # 材料补齐: clock restarts
EV_EXTEND = "extend"  # 延期
EV_WITHDRAW = "withdraw"
EV_REOPEN = "reopen"
EV_NOTE = "note"

_OPEN = (ST_NEEDS_SUPPLEMENT, ST_ACCEPTED, ST_IN_PROGRESS, ST_SUSPENDED, ST_FORWARDED, ST_RETURNED)
# The committed-deadline clock runs in these statuses; in ST_SUSPENDED it is
# paused. Together they are the cases 时限预警 watches.
CLOCK_RUNNING = (ST_ACCEPTED, ST_IN_PROGRESS, ST_FORWARDED, ST_RETURNED)
WITH_DEADLINE = CLOCK_RUNNING + (ST_SUSPENDED,)

# event -> (statuses it may follow, status it leads to; None = stays)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    EV_SUPPLEMENT_RECEIVED: ((ST_NEEDS_SUPPLEMENT,), ST_ACCEPTED),
    EV_START: ((ST_ACCEPTED,), ST_IN_PROGRESS),
    # A case the county returned for supplement goes up again once the
    # resident brought what was missing (and may pause its clock meanwhile).
    EV_FORWARD: ((ST_ACCEPTED, ST_IN_PROGRESS, ST_RETURNED), ST_FORWARDED),
    EV_RETURN: ((ST_FORWARDED,), ST_RETURNED),
    EV_COMPLETE: ((ST_ACCEPTED, ST_IN_PROGRESS, ST_RETURNED), ST_COMPLETED),
    EV_DELIVER: ((ST_COMPLETED,), ST_DELIVERED),
    EV_SUSPEND: ((ST_ACCEPTED, ST_IN_PROGRESS, ST_RETURNED), ST_SUSPENDED),
    EV_RESUME: ((ST_SUSPENDED,), ST_IN_PROGRESS),
    EV_EXTEND: (WITH_DEADLINE, None),
    EV_WITHDRAW: (_OPEN, ST_WITHDRAWN),
    EV_REOPEN: ((ST_COMPLETED, ST_DELIVERED, ST_WITHDRAWN, ST_REJECTED), ST_IN_PROGRESS),
    EV_NOTE: (tuple(STATUS_LABELS), None),
}
EVENT_LABELS = {
    EV_SUPPLEMENT_RECEIVED: "补齐材料并受理",
    EV_START: "开始办理",
    EV_FORWARD: "转报上级部门",
    EV_RETURN: "上级部门返回",
    EV_COMPLETE: "办结",
    EV_DELIVER: "送达 / 取件",
    EV_SUSPEND: "补正暂停计时",
    EV_RESUME: "材料补齐，恢复计时",
    EV_EXTEND: "延期办结",
    EV_WITHDRAW: "申请人撤回",
    EV_REOPEN: "重新办理",
    EV_NOTE: "备注",
}
EVENT_DOCUMENTS: dict[str, tuple[str, ...]] = {
    EV_SUSPEND: (DOC_SUPPLEMENT,),
    EV_EXTEND: (DOC_EXTENSION,),
    EV_COMPLETE: (DOC_COMPLETION,),
}
HEAD_ONLY_EVENTS = frozenset({EV_REOPEN})


def issued_documents(kind: str, data: dict[str, object]) -> tuple[str, ...]:
    """The documents an event issued: as the desk noted them on its own events;
    for an event the county recorded (``county_action``), what the same event
    issues at the desk — a county 办结 is printed at the desk as 办结通知."""
    noted = data.get("documents")
    if isinstance(noted, list):
        return tuple(str(doc) for doc in noted)
    if data.get("county_action"):
        return EVENT_DOCUMENTS.get(kind, ())
    return ()
REASON_REQUIRED = frozenset({EV_EXTEND, EV_REOPEN, EV_WITHDRAW, EV_SUSPEND})


class IllegalTransition(DomainError):
    """An event that the case's current status does not allow."""


@dataclass(frozen=True)
class Step:
    event: str
    from_status: str
    to_status: str


def allowed_events(status: str, *, is_head: bool) -> list[str]:
    """The actions a case in ``status`` offers to this worker, in menu order."""
    return [
        event
        for event, (sources, _target) in TRANSITIONS.items()
        if status in sources and (is_head or event not in HEAD_ONLY_EVENTS)
    ]


def reopen_target(*, ever_accepted: bool, outcome: str) -> str:
    """Where reopening leads. A case that was accepted goes back to 办理中 with
    its deadline. One never accepted goes back to where acceptance stood: a
    withdrawn 补正 waits for the materials again; a refusal reconsidered is
    accepted (the deadline counts from the reopening day)."""
    if ever_accepted:
        return ST_IN_PROGRESS
    return ST_NEEDS_SUPPLEMENT if outcome == OUT_SUPPLEMENT else ST_ACCEPTED


def apply(status: str, event: str, *, is_head: bool) -> Step:
    """Where ``event`` leads from ``status``; raises IllegalTransition if nowhere."""
    if event not in TRANSITIONS:
        raise IllegalTransition(f"未知的办件操作：{event}")
    sources, target = TRANSITIONS[event]
    label = EVENT_LABELS[event]
    if status not in sources:
        raise IllegalTransition(
            f"办件当前状态为「{STATUS_LABELS.get(status, status)}」，不能执行「{label}」",
            field="status",
        )
    if event in HEAD_ONLY_EVENTS and not is_head:
        raise IllegalTransition(f"「{label}」只能由中心主任执行", field="role")
    return Step(event, status, target or status)

