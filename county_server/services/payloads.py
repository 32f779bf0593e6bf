"""The payload of each kind of record a desk pushes (docs/sync-protocol.md).

Field names and types are the desk's own columns (app/models). Fields the
server does not know are kept as sent, so a newer desk loses nothing when it
talks to an older server.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime, timezone
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator
from typing_extensions import Self

from app.models.case import CASE_STATUSES
from app.models.vocabulary import (
    AWAY_STATUSES,
    AppointmentChannel,
    AppointmentPlace,
    AppointmentStatus,
    ComplaintSource,
    ComplaintStatus,
    FieldMode,
    OnlineAssistOutcome,
    RatingLevel,
    StaffRole,
)
from app.services.online_assist import secret_problem
from app.services.status_link import CASE_NUMBER_RE, COMPLAINT_NUMBER_RE

#: Times a record can hold: in UTC within these years (``0001-01-01T00:00+14:00``
#: is before year 1 in UTC; ``9999-12-31T23:59:59-14:00`` after 9999).
FIRST_YEAR, LAST_YEAR = 1900, 2200


def check_moment(value: datetime) -> datetime:
    try:
        utc = value.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError(f"时间超出范围（应在 {FIRST_YEAR}–{LAST_YEAR} 年之间）") from None
    if not FIRST_YEAR <= utc.year <= LAST_YEAR:
        raise ValueError(f"时间超出范围（应在 {FIRST_YEAR}–{LAST_YEAR} 年之间）")
    return value


Moment = Annotated[AwareDatetime, AfterValidator(check_moment)]


def one_of(values: Iterable[str], what: str, *, empty: bool = False) -> AfterValidator:
    """A code that must be one of ``values`` ("" too, with ``empty``), refused as 未知的<what>."""
    allowed = frozenset(str(getattr(value, "value", value)) for value in values)  # an enum's codes, not its names

    def check(value: str) -> str:
        if value not in allowed and not (empty and value == ""):
            raise ValueError(f"未知的{what} {value}")
        return value

    return AfterValidator(check)


class Payload(BaseModel):
    """Every kind's payload. Its checks hold for every field of every kind,
    those of kinds added later included: a time must be one a record can hold."""

    model_config = ConfigDict(extra="allow")

    center_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _moments_in_range(self) -> Self:
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, datetime):
                try:
                    check_moment(value)
                except ValueError as error:
                    raise ValueError(f"字段「{name}」：{error}") from None
        return self


class ResidentPayload(Payload):
    doc_type: str = Field(min_length=1, max_length=40)
    id_number: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=60)
    phone: str = Field(default="", max_length=30)
    tags: list[str] = Field(default_factory=list)
    home_service: bool = False  # 需上门服务


class MaterialLine(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str = Field(max_length=200)
    position: int = 0
    required_count: int = Field(default=1, ge=0)
    received_count: int = Field(default=0, ge=0)


class CasePayload(Payload):
    case_number: str = Field(max_length=40)
    verification_code: str = Field(min_length=4, max_length=10)
    device_id: uuid.UUID
    resident_id: uuid.UUID
    item_id: uuid.UUID
    item_code: str = Field(default="", max_length=30)
    item_name: str = Field(default="", max_length=100)
    catalog_version: str = Field(min_length=1, max_length=50)
    status: Annotated[str, one_of(CASE_STATUSES, "办件状态")]
    outcome: str = Field(max_length=30)
    received_at: AwareDatetime
    handled_by: uuid.UUID
    accepted_on: date | None = None
    committed_due: date | None = None
    statutory_due: date | None = None
    forwarded_to: str = Field(default="", max_length=100)
    expected_return: date | None = None
    materials: list[MaterialLine] = Field(default_factory=list)
    result: str | None = None
    completed_at: AwareDatetime | None = None
    field_mode: Annotated[str, one_of(FieldMode, "外出服务方式", empty=True)] = ""  # 外出服务: "" at the window
    field_place: str = Field(default="", max_length=200)

    @field_validator("case_number")
    @classmethod
    def _case_number(cls, value: str) -> str:
        if not CASE_NUMBER_RE.match(value):
            raise ValueError("办件编号格式应为 中心编码-设备号-日期-序号")
        return value


class CaseEventPayload(Payload):
    case_id: uuid.UUID
    seq: int | None = Field(default=None, ge=0, le=2**62)
    kind: str = Field(min_length=1, max_length=30)
    from_status: str | None = None
    to_status: str
    staff_id: uuid.UUID | None = None
    actor_label: str = Field(default="", max_length=100)
    occurred_at: AwareDatetime
    note: str = ""
    data: dict[str, Any] = Field(default_factory=dict)


class RatingPayload(Payload):
    """好差评 (GB/T 39046 table 9): the level as its order and its label."""

    level: int = Field(ge=1, le=5)
    level_label: str = Field(default="", max_length=20)
    rated_at: AwareDatetime
    channel: Literal["window", "qr", "phone"] = "window"
    round: int = Field(default=1, ge=1, le=2)
    first_rating_id: uuid.UUID | None = None
    case_id: uuid.UUID | None = None
    inquiry_id: uuid.UUID | None = None
    case_number: str = Field(default="", max_length=40)
    staff_id: uuid.UUID | None = None
    reasons: list[Literal["attitude", "efficiency", "skill", "other"]] = Field(default_factory=list)
    comment: str = Field(default="", max_length=500)

    @field_validator("level_label")
    @classmethod
    def _label(cls, value: str) -> str:
        if value and value not in {level.label.zh for level in RatingLevel}:
            raise ValueError(f"未知的满意度「{value}」")
        return value


class RatingFollowUpPayload(Payload):
    """差评整改. The appeal decision is the county's: never taken from a desk."""

    rating_id: uuid.UUID
    case_id: uuid.UUID | None = None
    opened_at: AwareDatetime
    revisit_due: date
    rectify_due: date
    revisited_at: AwareDatetime | None = None
    outcome: Literal["fix_now", "fix_by_date", "explain", "appeal"] | None = None
    outcome_note: str = Field(default="", max_length=2000)
    closed_at: AwareDatetime | None = None


class InquiryPayload(Payload):
    asker_name: str = Field(min_length=1, max_length=60)
    topic: str = Field(min_length=1, max_length=300)
    owner_id: uuid.UUID
    asked_at: AwareDatetime
    resident_id: uuid.UUID | None = None
    case_id: uuid.UUID | None = None


class PrintedDocumentPayload(Payload):
    doc_number: str = Field(min_length=1, max_length=50)
    doc_type: str = Field(min_length=1, max_length=40)
    staff_id: uuid.UUID
    printed_at: AwareDatetime
    case_id: uuid.UUID | None = None
    inquiry_id: uuid.UUID | None = None


class ComplaintPayload(Payload):
    """投诉举报 (GB/T 39046). The ``county_*`` fields are the county's: whatever
    a desk sends in them is replaced by what the county holds."""

    complaint_number: str = Field(max_length=40)
    query_code: str = Field(min_length=4, max_length=10)
    title: str = Field(min_length=1, max_length=100)
    content: str = Field(min_length=1, max_length=1000)
    subject: str = Field(default="", max_length=100)
    source: Annotated[str, one_of(ComplaintSource, "投诉来源")]
    status: Annotated[str, one_of(ComplaintStatus, "投诉状态")]
    work_order_number: str = Field(default="", max_length=40)
    received_by: uuid.UUID
    received_at: AwareDatetime
    answer_due: date
    answer: str = Field(default="", max_length=500)
    answered_at: AwareDatetime | None = None
    told_complainant_at: AwareDatetime | None = None
    escalated_at: AwareDatetime | None = None
    case_id: uuid.UUID | None = None
    rating_id: uuid.UUID | None = None

    @field_validator("complaint_number")
    @classmethod
    def _complaint_number(cls, value: str) -> str:
        if not COMPLAINT_NUMBER_RE.match(value):
            raise ValueError("投诉编号格式应为 TS-中心编码-设备号-日期-序号")
        return value



class AppointmentPayload(Payload):
    """预约: the slot, the worker, where, and what became of it."""

    name: str = Field(min_length=1, max_length=60)
    scheduled_at: AwareDatetime
    created_by: uuid.UUID
    resident_id: uuid.UUID | None = None
    ends_at: AwareDatetime | None = None
    staff_id: uuid.UUID | None = None
    item_id: uuid.UUID | None = None
    channel: str = Field(default=AppointmentChannel.PHONE, max_length=20)
    place: Annotated[str, one_of(AppointmentPlace, "办理地点")] = AppointmentPlace.CENTER
    address: str = Field(default="", max_length=200)
    status: Annotated[str, one_of(AppointmentStatus, "预约状态")] = AppointmentStatus.BOOKED
    cancel_reason: str = Field(default="", max_length=200)
    no_show_at: AwareDatetime | None = None
    checked_in_at: AwareDatetime | None = None
    case_id: uuid.UUID | None = None



class WhereaboutsPayload(Payload):
    staff_id: uuid.UUID
    destination: str = Field(min_length=1, max_length=200)
    left_at: AwareDatetime
    expected_back_at: AwareDatetime | None = None
    returned_at: AwareDatetime | None = None
    # A desk before the statuses sent none.
    status: Annotated[str, Field(max_length=20), one_of(AWAY_STATUSES, "去向状态")] = "stepped_out"



class BackupAssignmentPayload(Payload):
    """AB角: an item's (by code) or a post's responsible worker and backup."""

    subject: Literal["item", "post"]
    item_code: str = Field(default="", max_length=30)
    post_name: str = Field(default="", max_length=60)
    primary_staff_id: uuid.UUID | None = None
    backup_staff_id: uuid.UUID | None = None
    retired: bool = False


class StaffPayload(Payload):
    """An account a center head made or changed at a desk. Only the scrypt
    hash travels: a plain password is refused."""

    username: str = Field(pattern=r"^[A-Za-z0-9_.]{2,30}$")
    display_name: str = Field(min_length=1, max_length=50)
    role: Annotated[str, one_of(StaffRole, "角色")]
    password_hash: str = Field(pattern=r"^scrypt\$", max_length=300)
    phone: str = Field(default="", max_length=30)
    active: bool = True
    must_change_password: bool = False



class ResidentMergePayload(Payload):
    """合并登记: ``merged_id`` is the same person as ``kept_id``."""

    kept_id: uuid.UUID
    merged_id: uuid.UUID
    status: Literal["proposed", "confirmed", "cancelled"]
    reason: str = Field(default="", max_length=200)
    proposed_by: uuid.UUID
    proposed_at: AwareDatetime
    decided_by: uuid.UUID | None = None
    decided_at: AwareDatetime | None = None


class OnlineAssistPayload(Payload):
    """帮办网办: never a password or a verification code (the desk's own rule, checked again here)."""

    staff_id: uuid.UUID
    resident_id: uuid.UUID | None = None
    resident_name: str = Field(min_length=1, max_length=50)
    platform: str = Field(min_length=1, max_length=50)
    item_code: str = Field(default="", max_length=30)
    item_name: str = Field(min_length=1, max_length=100)
    application_no: str = Field(default="", max_length=60)
    outcome: Annotated[str, one_of(OnlineAssistOutcome, "网办结果")]
    helped_at: AwareDatetime
    follow_up_on: date | None = None
    followed_up_at: AwareDatetime | None = None
    note: str = Field(default="", max_length=300)


    @model_validator(mode="after")
    def _no_secrets(self) -> Self:
        for name in ("resident_name", "platform", "item_name", "application_no", "note"):
            problem = secret_problem(name, getattr(self, name))
            if problem is not None:
                raise ValueError(problem.zh)
        return self


PAYLOADS: dict[str, type[Payload]] = {
    "resident": ResidentPayload,
    "case": CasePayload,
    "case_event": CaseEventPayload,
    "rating": RatingPayload,
    "inquiry": InquiryPayload,
    "printed_document": PrintedDocumentPayload,
    "complaint": ComplaintPayload,
    "appointment": AppointmentPayload,
    "whereabouts_note": WhereaboutsPayload,
    "backup_assignment": BackupAssignmentPayload,
    "staff": StaffPayload,
    "resident_merge": ResidentMergePayload,
    "rating_follow_up": RatingFollowUpPayload,
    "online_assist": OnlineAssistPayload,
}

#: Which op kinds each entity takes (SYNC.md: history is append-only, slips insert-only).
KINDS: dict[str, frozenset[str]] = {
    "resident": frozenset({"upsert"}),
    "case": frozenset({"upsert"}),
    "case_event": frozenset({"append"}),
    "rating": frozenset({"insert"}),  # append-only: a rating never changes
    "inquiry": frozenset({"upsert"}),
    "printed_document": frozenset({"insert"}),
    "complaint": frozenset({"upsert"}),
    "appointment": frozenset({"upsert"}),
    "whereabouts_note": frozenset({"upsert"}),
    "backup_assignment": frozenset({"upsert"}),
    "staff": frozenset({"upsert"}),
    "resident_merge": frozenset({"upsert"}),
    "rating_follow_up": frozenset({"upsert"}),
    "online_assist": frozenset({"upsert"}),
}

#: Fields that never change once the record exists on the server.
IMMUTABLE: dict[str, tuple[str, ...]] = {
    "case": ("case_number", "verification_code", "device_id"),
    "rating": ("level", "rated_at", "case_id"),
    "rating_follow_up": ("rating_id", "opened_at", "revisit_due", "rectify_due"),
    "printed_document": ("doc_number", "doc_type", "case_id", "printed_at"),
    "resident_merge": ("kept_id", "merged_id", "proposed_by", "proposed_at"),
    "complaint": ("complaint_number", "query_code", "received_by", "received_at"),
}

#: Parent references checked before a record is accepted (parents first).
PARENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "case": (("resident_id", "resident"),),
    "case_event": (("case_id", "case"),),
    "rating": (("case_id", "case"), ("inquiry_id", "inquiry")),
    "rating_follow_up": (("rating_id", "rating"),),
    "inquiry": (("resident_id", "resident"), ("case_id", "case")),
    "printed_document": (("case_id", "case"), ("inquiry_id", "inquiry")),
    "complaint": (("case_id", "case"), ("rating_id", "rating")),
    "appointment": (("resident_id", "resident"), ("case_id", "case")),
    "resident_merge": (("kept_id", "resident"), ("merged_id", "resident")),
    "online_assist": (("resident_id", "resident"),),
}



def as_json(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")
