"""The other front-desk records: inquiries, printed documents, whereabouts,
appointments, ratings and complaints."""
from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Connection, Date, ForeignKey, Integer, String, Text, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from app.clock import utcnow
from app.models.base import Base, IdMixin, SyncStateMixin, TimestampMixin
from app.models.vocabulary import AppointmentChannel, AppointmentPlace, AppointmentStatus, WhereaboutsStatus

INQ_OPEN = "open"
INQ_ANSWERED = "answered"
INQ_REFERRED = "referred"
INQ_CONVERTED = "converted"
INQ_FOLLOW_UP = "follow_up"
INQUIRY_OUTCOMES = (INQ_OPEN, INQ_ANSWERED, INQ_REFERRED, INQ_CONVERTED, INQ_FOLLOW_UP)


class Inquiry(IdMixin, TimestampMixin, SyncStateMixin, Base):
    """首问登记 — a registered inquiry, owned by the first worker until closed."""

    __tablename__ = "inquiries"

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    asker_name: Mapped[str] = mapped_column(String(60))
    asker_phone: Mapped[str] = mapped_column(String(30), default="")
    resident_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("residents.id"), default=None)
    item_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("catalog_items.id"), default=None)
    topic: Mapped[str] = mapped_column(String(300))
    answer: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(20), default=INQ_OPEN, index=True)
    referred_to: Mapped[str] = mapped_column(String(100), default="")
    referred_contact: Mapped[str] = mapped_column(String(60), default="")
    referred_phone: Mapped[str] = mapped_column(String(30), default="")
    follow_up_due: Mapped[date | None] = mapped_column(Date, default=None)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), default=None)
    # 一次性告知: the materials the asker still lacked, marked on the slip.
    missing_materials: Mapped[list[str]] = mapped_column(default=list)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"), index=True)
    asked_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    close_note: Mapped[str] = mapped_column(Text, default="")  # the result reported back (反馈办事结果)


class PrintedDocument(IdMixin, SyncStateMixin, Base):
    """A record of every printed document; a reprint is marked 补打 with its count."""

    __tablename__ = "printed_documents"
    __table_args__ = (UniqueConstraint("doc_number"),)

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    doc_number: Mapped[str] = mapped_column(String(50))
    doc_type: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), default=None, index=True)
    inquiry_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("inquiries.id"), default=None)
    reprint_of: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("printed_documents.id"), default=None)
    reprint_count: Mapped[int] = mapped_column(Integer, default=0)
    paper: Mapped[str] = mapped_column(String(10), default="A4")
    copies: Mapped[int] = mapped_column(Integer, default=1)
    file_path: Mapped[str] = mapped_column(String(500), default="")
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    printed_at: Mapped[datetime] = mapped_column(default=utcnow)


class WhereaboutsNote(IdMixin, SyncStateMixin, Base):
    """去向留言 — where a worker went and when they will be back."""

    __tablename__ = "whereabouts_notes"

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"), index=True)
    destination: Mapped[str] = mapped_column(String(200))
    left_at: Mapped[datetime] = mapped_column(default=utcnow)
    expected_back_at: Mapped[datetime | None] = mapped_column(default=None)
    returned_at: Mapped[datetime | None] = mapped_column(default=None)
    # Who was acting for the worker when the note was set (the chain as it
    # stood then; app.services.backup works it out again at any moment).
    backup_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    # An open note (returned_at IS NULL) means the worker is away; 在岗 is never stored.
    status: Mapped[str] = mapped_column(String(20), default=WhereaboutsStatus.STEPPED_OUT,
                                        server_default=WhereaboutsStatus.STEPPED_OUT.value)
    reason: Mapped[str] = mapped_column(String(200), default="", server_default="")  # 事由
    set_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    cleared_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)


class BackupAssignment(IdMixin, SyncStateMixin, Base):
    """岗位责任制 / AB角 — who answers for a catalog item or a post of this
    center (A) and who acts when A is away (B).

    Catalog items come from the county and change row with each catalog
    version, so an item's assignment is keyed by its code, and its id is
    derived from the center and the code: two desks of one center that set
    the same item write the same record. A post's is its own record.
    """

    __tablename__ = "backup_assignments"

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    subject: Mapped[str] = mapped_column(String(10))  # BackupSubject
    item_code: Mapped[str] = mapped_column(String(30), default="", index=True)
    post_name: Mapped[str] = mapped_column(String(60), default="")
    primary_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)  # A角
    backup_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)  # B角
    retired: Mapped[bool] = mapped_column(Boolean, default=False)  # a post the center no longer has
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)


class Appointment(IdMixin, TimestampMixin, SyncStateMixin, Base):
    """预约服务 — an appointment at a set time, honoured exactly.

    ``scheduled_at`` .. ``ends_at`` is the slot, with ``staff_id`` the worker
    who will serve it; ``place`` is the center or a home visit (上门) at
    ``address``. ``status`` is an :class:`AppointmentStatus`; a cancellation
    keeps its reason, a no-show its time, a check-in the case it became.
    """

    __tablename__ = "appointments"

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    resident_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("residents.id"), default=None)
    name: Mapped[str] = mapped_column(String(60))
    phone: Mapped[str] = mapped_column(String(30), default="")
    item_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("catalog_items.id"), default=None)
    scheduled_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime | None] = mapped_column(default=None)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None, index=True)
    channel: Mapped[str] = mapped_column(String(20), default=AppointmentChannel.PHONE)
    place: Mapped[str] = mapped_column(String(10), default=AppointmentPlace.CENTER, server_default="center")
    address: Mapped[str] = mapped_column(String(200), default="", server_default="")
    status: Mapped[str] = mapped_column(String(20), default=AppointmentStatus.BOOKED, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    cancel_reason: Mapped[str] = mapped_column(String(200), default="", server_default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(default=None)
    cancelled_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    no_show_at: Mapped[datetime | None] = mapped_column(default=None)
    checked_in_at: Mapped[datetime | None] = mapped_column(default=None)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), default=None)


class Rating(IdMixin, SyncStateMixin, Base):
    """好差评 — one rating by a resident (GB/T 39046 table 9), append-only.

    Nothing about a rating changes once it is saved (only the row's sync
    bookkeeping): see :func:`_refuse_rating_change`. A bad one is followed up
    in its own record (:class:`RatingFollowUp`); a second rating after the
    rectification is a new row of round 2 pointing at the first.
    """

    __tablename__ = "ratings"

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), default=None, index=True)
    inquiry_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("inquiries.id"), default=None, index=True)
    case_number: Mapped[str] = mapped_column(String(40), default="")  # 办件编号 (empty for an inquiry)
    channel: Mapped[str] = mapped_column(String(20))  # RatingChannel
    rated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    round: Mapped[int] = mapped_column(Integer, default=1)  # 评价次数: 1, or 2 after rectification
    first_rating_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ratings.id"), default=None)
    level: Mapped[int] = mapped_column(Integer)  # RatingLevel.order: 5 非常满意 … 1 非常不满意
    level_label: Mapped[str] = mapped_column(String(20))  # the label as the resident saw it, e.g. 非常满意
    reasons: Mapped[list[str]] = mapped_column(default=list)  # RatingReason values, for a bad rating
    comment: Mapped[str] = mapped_column(Text, default="")
    staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)  # who was rated
    item_code: Mapped[str] = mapped_column(String(30), default="")
    item_name: Mapped[str] = mapped_column(String(100), default="")
    # Who wrote it down: only a head's phone follow-up (回访) has one.
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)


#: The only columns of a saved rating that may change: its sync bookkeeping.
RATING_MUTABLE = frozenset({"sync_state", "sync_error", "synced_at"})


class RatingIsFinal(Exception):
    """Raised on any attempt to change or delete a saved rating."""


@event.listens_for(Rating, "before_update")
def _refuse_rating_change(mapper: Mapper[Rating], connection: Connection, target: Rating) -> None:
    changed = {attr.key for attr in inspect(target).attrs if attr.history.has_changes()}
    if changed - RATING_MUTABLE:
        raise RatingIsFinal(f"a saved rating cannot be changed ({', '.join(sorted(changed - RATING_MUTABLE))})")


@event.listens_for(Rating, "before_delete")
def _refuse_rating_delete(mapper: Mapper[Rating], connection: Connection, target: Rating) -> None:
    raise RatingIsFinal("a saved rating cannot be deleted")


class RatingBallot(IdMixin, Base):
    """A one-time ballot: issued when a case or inquiry is done at the window,
    consumed once by the resident-facing screen. Local to this desk."""

    __tablename__ = "rating_ballots"
    __table_args__ = (UniqueConstraint("token"),)

    token: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), default=None, index=True)
    inquiry_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("inquiries.id"), default=None, index=True)
    round: Mapped[int] = mapped_column(Integer, default=1)
    first_rating_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ratings.id"), default=None)
    issued_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    rating_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ratings.id"), default=None)


class RatingFollowUp(IdMixin, TimestampMixin, SyncStateMixin, Base):
    """差评整改 — the follow-up every 不满意 / 非常不满意 opens."""

    __tablename__ = "rating_follow_ups"
    __table_args__ = (UniqueConstraint("rating_id"),)

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    rating_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ratings.id"))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), default=None, index=True)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    revisit_days: Mapped[int] = mapped_column(Integer)  # N working days, as set when it opened
    rectify_days: Mapped[int] = mapped_column(Integer)  # M working days
    revisit_due: Mapped[date] = mapped_column(Date)
    rectify_due: Mapped[date] = mapped_column(Date)
    revisited_at: Mapped[datetime | None] = mapped_column(default=None)  # 回访
    revisited_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    revisit_note: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(String(20), default=None)  # FollowUpOutcome
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    outcome_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    outcome_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None, index=True)  # 整改完成
    second_rating_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ratings.id"), default=None)
    # 申诉复核: decided by the county, with its reason.
    appeal_decision: Mapped[str | None] = mapped_column(String(20), default=None)  # AppealDecision
    appeal_reason: Mapped[str] = mapped_column(Text, default="")
    appeal_decided_by: Mapped[str] = mapped_column(String(100), default="")
    appeal_decided_at: Mapped[datetime | None] = mapped_column(default=None)


class Complaint(IdMixin, TimestampMixin, SyncStateMixin, Base):
    """投诉举报 — registered, answered, and the answer told to the complainant.

    The fields are GB/T 39046's complaint data items. ``status`` is a
    ``ComplaintStatus``; days overdue are worked out when read
    (``app.services.complaints.days_overdue``), never stored. The ``county_*``
    fields belong to the county (an escalated complaint's handling): the desk
    only ever receives them.
    """

    __tablename__ = "complaints"
    __table_args__ = (UniqueConstraint("complaint_number"),)

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    complaint_number: Mapped[str] = mapped_column(String(40))
    query_code: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(100))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    complainant_name: Mapped[str] = mapped_column(String(60), default="")
    complainant_phone: Mapped[str] = mapped_column(String(30), default="")
    subject: Mapped[str] = mapped_column(String(100), default="")  # 被投诉单位/人
    source: Mapped[str] = mapped_column(String(20), default="window")
    work_order_number: Mapped[str] = mapped_column(String(40), default="")  # 12345 工单号
    work_order_due: Mapped[date | None] = mapped_column(Date, default=None)  # the hotline's own deadline
    content: Mapped[str] = mapped_column(Text)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), default=None)
    rating_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ratings.id"), default=None)
    received_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    handler_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)  # 承办人
    simple: Mapped[bool] = mapped_column(Boolean, default=False)  # 简单投诉: answered the same or next day
    answer_days: Mapped[int] = mapped_column(Integer, default=5)  # committed working days
    answer_due: Mapped[date] = mapped_column(Date)  # 承诺答复日期 (moved by an extension)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    extended_from: Mapped[date | None] = mapped_column(Date, default=None)  # the date before the extension
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    answered_at: Mapped[datetime | None] = mapped_column(default=None)
    told_by: Mapped[str] = mapped_column(String(20), default="")  # ComplaintToldBy
    told_complainant_at: Mapped[datetime | None] = mapped_column(default=None)
    told_note: Mapped[str] = mapped_column(Text, default="")
    told_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    status: Mapped[str] = mapped_column(String(20), default="registered", index=True)
    escalated_at: Mapped[datetime | None] = mapped_column(default=None)
    escalated_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"), default=None)
    escalation_reason: Mapped[str] = mapped_column(Text, default="")
    # The county's handling of an escalated complaint (县级办理), received by pull.
    county_answer: Mapped[str] = mapped_column(Text, default="")
    county_answered_at: Mapped[datetime | None] = mapped_column(default=None)
    county_officer: Mapped[str] = mapped_column(String(100), default="")


class OnlineAssist(IdMixin, TimestampMixin, SyncStateMixin, Base):
    """帮办网办 — a worker helped a resident apply on an online platform.

    The platform, the item, the platform's application number (申办流水号),
    the outcome and when to look again. Never the resident's password or a
    verification code: app.services.online_assist refuses text that looks like one."""

    __tablename__ = "online_assists"

    center_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centers.id"), index=True)
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"), index=True)
    resident_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("residents.id"), default=None, index=True)
    resident_name: Mapped[str] = mapped_column(String(50))
    platform: Mapped[str] = mapped_column(String(50))
    item_code: Mapped[str] = mapped_column(String(30), default="", server_default="")
    item_name: Mapped[str] = mapped_column(String(100))
    application_no: Mapped[str] = mapped_column(String(60), default="", server_default="")
    outcome: Mapped[str] = mapped_column(String(20))
    helped_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    follow_up_on: Mapped[date | None] = mapped_column(Date, default=None, index=True)
    followed_up_at: Mapped[datetime | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(String(300), default="", server_default="")
