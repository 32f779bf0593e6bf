"""The shared vocabulary (词汇表): the codes the desk and the county store and
exchange, each with the one label people read.

Every code is a ``str`` enum, so a member *is* its stored string: rows,
payloads and JSON keep exactly the values they always had, and a plain string
read back from the database compares equal to its member. Each label is
written once, next to its enum, in both languages (``app.text.Text``): the
desk shows ``str(label)`` in the language it runs in, printed documents and
the county use ``label.zh``.

This module is the bottom of the layers: the models, the domain, sync, the
UI and the county server all import it, and it imports nothing of theirs.
"""
from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

from app.text import Text

_V = TypeVar("_V", bound="Vocabulary")


class Vocabulary(str, Enum):
    """A stored code. Formats as its value (like 3.11's StrEnum), so an
    f-string or ``str()`` never writes ``CaseStatus.ACCEPTED`` into a row."""

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, format_spec: str) -> str:
        return str.__format__(self, format_spec)

    @property
    def label(self) -> Text:
        return _LABELS[type(self)][self]

    @classmethod
    def text_of(cls, value: str | None) -> Text:
        """The label of a stored value; an unknown one (a newer desk's code,
        say) is shown as it is rather than failing."""
        try:
            return cls(value).label
        except ValueError:
            return Text(value or "", value or "")

    @classmethod
    def labels(cls: type[_V]) -> dict[str, str]:
        """Value -> label in the chosen language, in declaration order."""
        return {member.value: str(member.label) for member in cls}


_LABELS: dict[type[Vocabulary], Mapping[Any, Text]] = {}


def _labelled(cls: type[_V], labels: Mapping[_V, Text]) -> None:
    missing = [member for member in cls if member not in labels]
    if missing:  # pragma: no cover - a slip caught at import time
        raise TypeError(f"{cls.__name__} has no label for {missing}")
    _LABELS[cls] = labels


class CaseStatus(Vocabulary):
    """办件状态 — where a case stands; ``Case.status`` caches the newest event's."""

    NEEDS_SUPPLEMENT = "needs_supplement"  # 补正: key materials missing, not accepted, no clock
    REJECTED = "rejected"  # 不予受理
    ACCEPTED = "accepted"  # 已受理 (incl. 容缺受理)
    IN_PROGRESS = "in_progress"  # 办理中
    SUSPENDED = "suspended"  # 补正中 after acceptance: the clock pauses
    FORWARDED = "forwarded"  # 已转报 / 代办中
    RETURNED = "returned"  # 已返回 from the town / county
    COMPLETED = "completed"  # 已办结 (approved or denied)
    DELIVERED = "delivered"  # 已送达 / 已取件
    WITHDRAWN = "withdrawn"  # 已撤回


_labelled(CaseStatus, {
    CaseStatus.NEEDS_SUPPLEMENT: Text("待补正", "Awaiting materials"),
    CaseStatus.REJECTED: Text("不予受理", "Not accepted"),
    CaseStatus.ACCEPTED: Text("已受理", "Accepted"),
    CaseStatus.IN_PROGRESS: Text("办理中", "In progress"),
    CaseStatus.SUSPENDED: Text("补正暂停", "Paused for materials"),
    CaseStatus.FORWARDED: Text("已转报", "Forwarded"),
    CaseStatus.RETURNED: Text("已返回", "Returned"),
    CaseStatus.COMPLETED: Text("已办结", "Completed"),
    CaseStatus.DELIVERED: Text("已送达", "Delivered"),
    CaseStatus.WITHDRAWN: Text("已撤回", "Withdrawn"),
})


class IntakeOutcome(Vocabulary):
    """受理结果 — how a visit ends; every one but NOTIFY_ONLY opens a case and
    is the kind of its first event. Declared in the order the intake offers them."""

    DONE_ON_THE_SPOT = "done_on_the_spot"  # 即办 / 当场办结
    ACCEPT = "accept"  # 受理
    ACCEPT_DEFERRED = "accept_deferred"  # 容缺受理
    SUPPLEMENT = "request_supplement"  # 补正
    REJECT = "reject"  # 不予受理
    FORWARD = "forward_at_intake"  # 代办 / 转报
    # Not a case: the resident came to ask. Recorded as an inquiry with a
    # one-time notification slip (一次性告知书).
    NOTIFY_ONLY = "notify_only"


_labelled(IntakeOutcome, {
    IntakeOutcome.DONE_ON_THE_SPOT: Text("当场办结", "Done on the spot"),
    IntakeOutcome.ACCEPT: Text("受理", "Accept"),
    IntakeOutcome.ACCEPT_DEFERRED: Text("容缺受理", "Accept with materials to follow"),
    IntakeOutcome.SUPPLEMENT: Text("补正（材料不齐）", "Ask for missing materials"),
    IntakeOutcome.REJECT: Text("不予受理", "Do not accept"),
    IntakeOutcome.FORWARD: Text("代办转报（镇、县）", "Forward to town / county (proxy)"),
    IntakeOutcome.NOTIFY_ONLY: Text("仅一次性告知（咨询）", "Notification slip only (just asking)"),
})


class CaseEventKind(Vocabulary):
    """办件操作 — the events after intake, in the order a case offers them."""

    SUPPLEMENT_RECEIVED = "supplement_received"  # 补齐材料后受理 (clock starts)
    START = "start"
    FORWARD = "forward"
    RETURN = "return"
    COMPLETE = "complete"
    DELIVER = "deliver"
    SUSPEND = "suspend"  # 补正暂停: clock stops
    RESUME = "resume"  # 材料补齐: clock restarts
    EXTEND = "extend"  # 延期
    WITHDRAW = "withdraw"
    REOPEN = "reopen"
    NOTE = "note"


_labelled(CaseEventKind, {
    CaseEventKind.SUPPLEMENT_RECEIVED: Text("补齐材料并受理", "Materials complete, accept"),
    CaseEventKind.START: Text("开始办理", "Start handling"),
    CaseEventKind.FORWARD: Text("转报上级部门", "Forward to town / county"),
    CaseEventKind.RETURN: Text("上级部门返回", "Returned from town / county"),
    CaseEventKind.COMPLETE: Text("办结", "Complete"),
    CaseEventKind.DELIVER: Text("送达 / 已取件", "Delivered / picked up"),
    CaseEventKind.SUSPEND: Text("补正暂停计时", "Pause for materials"),
    CaseEventKind.RESUME: Text("材料补齐，恢复计时", "Materials received, resume"),
    CaseEventKind.EXTEND: Text("延期办结", "Extend the deadline"),
    CaseEventKind.WITHDRAW: Text("申请人撤回", "Withdrawn by the applicant"),
    CaseEventKind.REOPEN: Text("重新办理", "Reopen"),
    CaseEventKind.NOTE: Text("添加备注", "Add a note"),
})


def history_label(kind: str) -> Text | None:
    """The label of one entry of a case's history: a later event, or the
    intake outcome its first entry records (None for a kind this version does not know)."""
    for vocabulary in (CaseEventKind, IntakeOutcome):
        try:
            return vocabulary(kind).label
        except ValueError:
            continue
    return None


class CaseResult(Vocabulary):
    """办结结果 — how a completed case was decided."""

    APPROVED = "approved"  # 准予
    DENIED = "denied"  # 不予


_labelled(CaseResult, {
    CaseResult.APPROVED: Text("准予", "Approved"),
    CaseResult.DENIED: Text("不予", "Denied"),
})


class HandlingMode(Vocabulary):
    """办理方式 — how the catalog says an item is handled."""

    ON_THE_SPOT = "on_the_spot"  # 即办
    COMMITTED = "committed"  # 承诺件
    FORWARDED = "forwarded"  # 代办 / 转报


_labelled(HandlingMode, {
    HandlingMode.ON_THE_SPOT: Text("即办", "On the spot"),
    HandlingMode.COMMITTED: Text("承诺件", "Committed"),
    HandlingMode.FORWARDED: Text("代办/转报", "Forwarded (proxy)"),
})


class EntityKind(Vocabulary):
    """The synced record kinds, as the desk and the county name them on the wire."""

    # Recorded at the desk, pushed to the county.
    RESIDENT = "resident"
    CASE = "case"
    CASE_EVENT = "case_event"
    RATING = "rating"
    INQUIRY = "inquiry"
    PRINTED_DOCUMENT = "printed_document"
    COMPLAINT = "complaint"
    APPOINTMENT = "appointment"
    WHEREABOUTS_NOTE = "whereabouts_note"
    RESIDENT_MERGE = "resident_merge"
    BACKUP_ASSIGNMENT = "backup_assignment"
    RATING_FOLLOW_UP = "rating_follow_up"
    ONLINE_ASSIST = "online_assist"
    # Owned by the county, pulled by the desk.
    CENTER = "center"
    DEVICE = "device"
    STAFF = "staff"
    CATALOG_VERSION = "catalog_version"
    CALENDAR_YEAR = "calendar_year"


_labelled(EntityKind, {
    EntityKind.RESIDENT: Text("群众信息", "Resident"),
    EntityKind.CASE: Text("办件", "Case"),
    EntityKind.CASE_EVENT: Text("办件记录", "Case history entry"),
    EntityKind.RATING: Text("评价", "Rating"),
    EntityKind.INQUIRY: Text("首问登记", "Inquiry"),
    EntityKind.PRINTED_DOCUMENT: Text("打印记录", "Print record"),
    EntityKind.COMPLAINT: Text("投诉", "Complaint"),
    EntityKind.APPOINTMENT: Text("预约", "Appointment"),
    EntityKind.WHEREABOUTS_NOTE: Text("去向留言", "Whereabouts note"),
    EntityKind.RESIDENT_MERGE: Text("群众登记合并", "Resident record merge"),
    EntityKind.BACKUP_ASSIGNMENT: Text("AB角设置", "A/B backup assignment"),
    EntityKind.RATING_FOLLOW_UP: Text("差评整改", "Bad-rating follow-up"),
    EntityKind.ONLINE_ASSIST: Text("帮办网办", "Helped online application"),
    EntityKind.CENTER: Text("服务中心信息", "Center"),
    EntityKind.DEVICE: Text("设备", "Device"),
    EntityKind.STAFF: Text("工作人员", "Staff"),
    EntityKind.CATALOG_VERSION: Text("事项目录", "Service catalog"),
    EntityKind.CALENDAR_YEAR: Text("工作日历", "Working calendar"),
})


class StaffRole(Vocabulary):
    """A desk account's role. A 代办员 (village proxy agent) takes cases on
    residents' behalf: a window worker's rights, never staff or settings."""

    WINDOW = "window"
    HEAD = "head"
    PROXY = "proxy"


_labelled(StaffRole, {
    StaffRole.WINDOW: Text("窗口人员", "Window worker"),
    StaffRole.HEAD: Text("中心主任", "Center head"),
    StaffRole.PROXY: Text("代办员", "Proxy agent"),
})


# -- appointments (预约服务) ---------------------------------------------------


class AppointmentStatus(Vocabulary):
    """预约状态 — where an appointment stands. A no-show is recorded, never
    punished: nothing in the desk refuses a resident for earlier no-shows."""

    BOOKED = "booked"  # 已预约
    CHECKED_IN = "checked_in"  # 已签到: the resident came; intake is under way
    DONE = "done"  # 已办理: a case (or a notification) came of it
    NO_SHOW = "no_show"  # 爽约
    CANCELLED = "cancelled"  # 已取消, with its reason


_labelled(AppointmentStatus, {
    AppointmentStatus.BOOKED: Text("已预约", "Booked"),
    AppointmentStatus.CHECKED_IN: Text("已签到", "Checked in"),
    AppointmentStatus.DONE: Text("已办理", "Handled"),
    AppointmentStatus.NO_SHOW: Text("爽约", "Did not come"),
    AppointmentStatus.CANCELLED: Text("已取消", "Cancelled"),
})


class AppointmentChannel(Vocabulary):
    """预约渠道 — how the appointment was made."""

    PHONE = "phone"  # 电话预约
    WINDOW = "window"  # 窗口预约
    ONLINE = "online"  # 网上预约


_labelled(AppointmentChannel, {
    AppointmentChannel.PHONE: Text("电话", "Phone"),
    AppointmentChannel.WINDOW: Text("窗口", "At the window"),
    AppointmentChannel.ONLINE: Text("网上", "Online"),
})


class AppointmentPlace(Vocabulary):
    """办理地点 — at the center, or a home visit (上门) at an address."""

    CENTER = "center"  # 中心
    HOME = "home"  # 上门


_labelled(AppointmentPlace, {
    AppointmentPlace.CENTER: Text("中心", "At the center"),
    AppointmentPlace.HOME: Text("上门", "Home visit"),
})


# -- 投诉举报 (complaints) -------------------------------------------------------------


class ComplaintSource(Vocabulary):
    """投诉来源 — how a complaint reached the center (GB/T 39046 来源)."""

    WINDOW = "window"  # 窗口 / 当面
    PHONE = "phone"  # 电话
    LETTER = "letter"  # 信件
    HOTLINE_12345 = "hotline_12345"  # 12345 热线转来的工单
    QR = "qr"  # 扫码（二维码）


_labelled(ComplaintSource, {
    ComplaintSource.WINDOW: Text("窗口", "At the window"),
    ComplaintSource.PHONE: Text("电话", "By phone"),
    ComplaintSource.LETTER: Text("信件", "By letter"),
    ComplaintSource.HOTLINE_12345: Text("12345热线", "12345 hotline"),
    ComplaintSource.QR: Text("二维码", "QR code"),
})


class ComplaintStatus(Vocabulary):
    """投诉状态 — registered, answered, the answer told (closed); or escalated to the county."""

    REGISTERED = "registered"  # 已登记: to be answered by the committed date
    ANSWERED = "answered"  # 已答复: the complainant still has to be told
    TOLD = "told"  # 已告知: closed
    ESCALATED = "escalated"  # 已上报县级: the county answers


_labelled(ComplaintStatus, {
    ComplaintStatus.REGISTERED: Text("已登记", "Registered"),
    ComplaintStatus.ANSWERED: Text("已答复", "Answered"),
    ComplaintStatus.TOLD: Text("已告知（办结）", "Told (closed)"),
    ComplaintStatus.ESCALATED: Text("已上报县级", "Escalated to the county"),
})


class ComplaintToldBy(Vocabulary):
    """告知方式 — how the answer reached the complainant (oral answers for oral complaints)."""

    IN_PERSON = "in_person"  # 当面
    PHONE = "phone"  # 电话
    SMS = "sms"  # 短信
    LETTER = "letter"  # 书面 / 信件
    HOTLINE_12345 = "hotline_12345"  # 回复 12345 工单


_labelled(ComplaintToldBy, {
    ComplaintToldBy.IN_PERSON: Text("当面告知", "In person"),
    ComplaintToldBy.PHONE: Text("电话告知", "By phone"),
    ComplaintToldBy.SMS: Text("短信告知", "By text message"),
    ComplaintToldBy.LETTER: Text("书面答复", "In writing"),
    ComplaintToldBy.HOTLINE_12345: Text("回复12345工单", "Reply on the 12345 work order"),
})


# -- whereabouts (去向留言) and A/B backup (AB角) ----------------------------------------


class WhereaboutsStatus(Vocabulary):
    """去向 — where a worker is. 在岗 is no stored value: it is the absence of
    an open note (one with no ``returned_at``)."""

    ON_DUTY = "on_duty"  # never stored on a note
    STEPPED_OUT = "stepped_out"  # 暂离
    MEETING = "meeting"  # 开会
    BUSINESS_TRIP = "business_trip"  # 出差
    LEAVE = "leave"  # 请假
    FIELD_VISIT = "field_visit"  # 下村 / 上门


_labelled(WhereaboutsStatus, {
    WhereaboutsStatus.ON_DUTY: Text("在岗", "At the desk"),
    WhereaboutsStatus.STEPPED_OUT: Text("暂离", "Stepped out"),
    WhereaboutsStatus.MEETING: Text("开会", "In a meeting"),
    WhereaboutsStatus.BUSINESS_TRIP: Text("出差", "On a business trip"),
    WhereaboutsStatus.LEAVE: Text("请假", "On leave"),
    WhereaboutsStatus.FIELD_VISIT: Text("下村/上门", "Village or home visit"),
})

#: The statuses a note can carry (all but 在岗).
AWAY_STATUSES = tuple(s for s in WhereaboutsStatus if s is not WhereaboutsStatus.ON_DUTY)


class BackupSubject(Vocabulary):
    """What an A/B assignment covers: a catalog item, or one of the center's posts (岗位)."""

    ITEM = "item"
    POST = "post"


_labelled(BackupSubject, {
    BackupSubject.ITEM: Text("服务事项", "Service item"),
    BackupSubject.POST: Text("岗位", "Post"),
})


# -- ratings (好差评 / 群众评议, 差评整改) -------------------------------------------


class RatingLevel(Vocabulary):
    """评价等级 (GB/T 39734): five levels, best first. A rating stores the
    level's ``order`` (5 best … 1 worst) and its label; code numbers of other
    systems are mapped only at export (app.services.rating_export)."""

    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    FAIRLY_SATISFIED = "fairly_satisfied"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"

    @property
    def order(self) -> int:
        """5 = 非常满意 … 1 = 非常不满意 (the county's column, higher is better)."""
        return 5 - list(type(self)).index(self)

    @property
    def is_bad(self) -> bool:
        """差评: 不满意 and 非常不满意 open a follow-up (差评整改)."""
        return self in (RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED)

    @classmethod
    def of_order(cls, order: int) -> RatingLevel:
        for member in cls:
            if member.order == order:
                return member
        raise ValueError(f"no rating level of order {order}")


_labelled(RatingLevel, {
    RatingLevel.VERY_SATISFIED: Text("非常满意", "Very satisfied"),
    RatingLevel.SATISFIED: Text("满意", "Satisfied"),
    RatingLevel.FAIRLY_SATISFIED: Text("基本满意", "Fairly satisfied"),
    RatingLevel.DISSATISFIED: Text("不满意", "Dissatisfied"),
    RatingLevel.VERY_DISSATISFIED: Text("非常不满意", "Very dissatisfied"),
})


class RatingChannel(Vocabulary):
    """评价渠道 — how the resident rated."""

    WINDOW = "window"  # the resident-facing screen at the window (评价器)
    QR = "qr"  # the county's public status page, reached by the QR on a slip
    PHONE = "phone"  # 电话回访 by the center head


_labelled(RatingChannel, {
    RatingChannel.WINDOW: Text("窗口评价器", "Window rating screen"),
    RatingChannel.QR: Text("扫码评价", "QR code"),
    RatingChannel.PHONE: Text("电话回访", "Phone follow-up call"),
})


class RatingReason(Vocabulary):
    """差评原因 — what a bad rating is about (the offline indicators)."""

    ATTITUDE = "attitude"
    EFFICIENCY = "efficiency"
    SKILL = "skill"
    OTHER = "other"


_labelled(RatingReason, {
    RatingReason.ATTITUDE: Text("服务态度", "Attitude"),
    RatingReason.EFFICIENCY: Text("服务效率", "Speed"),
    RatingReason.SKILL: Text("服务水平", "Competence"),
    RatingReason.OTHER: Text("其他", "Other"),
})


class FollowUpOutcome(Vocabulary):
    """差评整改 — how a bad rating was dealt with."""

    FIX_NOW = "fix_now"  # 立行立改
    FIX_BY_DATE = "fix_by_date"  # 限期整改
    EXPLAIN = "explain"  # 解释说明
    APPEAL = "appeal"  # 申诉复核: the center asks the county to void the rating


_labelled(FollowUpOutcome, {
    FollowUpOutcome.FIX_NOW: Text("立行立改", "Fixed at once"),
    FollowUpOutcome.FIX_BY_DATE: Text("限期整改", "To be fixed by a date"),
    FollowUpOutcome.EXPLAIN: Text("解释说明", "Explained to the resident"),
    FollowUpOutcome.APPEAL: Text("申诉复核", "Appeal to the county"),
})


class AppealDecision(Vocabulary):
    """申诉复核 — the county's decision on a center's appeal."""

    VOIDED = "voided"  # the rating no longer counts
    UPHELD = "upheld"  # the rating stands


_labelled(AppealDecision, {
    AppealDecision.VOIDED: Text("申诉成立，评价作废", "Appeal granted: rating voided"),
    AppealDecision.UPHELD: Text("申诉不成立，评价有效", "Appeal refused: rating stands"),
})


# -- field service (外出服务: 上门 / 巡回) ---------------------------------------------------


class FieldMode(Vocabulary):
    """Where a case was taken in away from the center. A case taken at the
    window stores the empty string (no member)."""

    HOME = "home"  # 上门: at the resident's home
    TOUR = "tour"  # 巡回: a mobile service stop in a village group


_labelled(FieldMode, {
    FieldMode.HOME: Text("上门", "Home visit"),
    FieldMode.TOUR: Text("巡回", "Mobile service"),
})


# -- 代办 and 帮办网办 (the village proxy, helped online applications) -------------------


class OnlineAssistOutcome(Vocabulary):
    """帮办网办 — where a helped online application stands."""

    SUBMITTED = "submitted"  # 已提交，待审核
    NEEDS_MORE = "needs_more"  # 被退回补充
    APPROVED = "approved"  # 已办结（通过）
    DENIED = "denied"  # 未通过
    UNFINISHED = "unfinished"  # 未能提交（改为窗口办理或放弃）

    @property
    def open(self) -> bool:
        """Still to follow: the platform has not decided."""
        return self in (OnlineAssistOutcome.SUBMITTED, OnlineAssistOutcome.NEEDS_MORE)


_labelled(OnlineAssistOutcome, {
    OnlineAssistOutcome.SUBMITTED: Text("已提交，待审核", "Submitted, awaiting review"),
    OnlineAssistOutcome.NEEDS_MORE: Text("被退回补充", "Sent back for more"),
    OnlineAssistOutcome.APPROVED: Text("已办结", "Approved"),
    OnlineAssistOutcome.DENIED: Text("未通过", "Not approved"),
    OnlineAssistOutcome.UNFINISHED: Text("未能提交", "Not submitted"),
})
