"""What the printed documents are made of: plain frozen dataclasses.

The desk builds these from its records (never ORM objects, so a document can
be rendered on any thread); the renderers only read them. Every field is
keyword-only. Times are aware datetimes and print in the desk's local time;
ID numbers and phones arrive in full and are masked by the renderer, so the
masking style stays the product's one style (``app.services.identity``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.services.status_link import status_url

__all__ = [
    "AppealRoutes",
    "Applicant",
    "CaseDocument",
    "CenterInfo",
    "CompletionNoticeData",
    "DeferredNoticeData",
    "Document",
    "ExtensionNoticeData",
    "InquiryLedgerData",
    "InquiryLedgerRow",
    "LedgerData",
    "LedgerRow",
    "MaterialLine",
    "NotificationData",
    "ReceiptData",
    "ReferralSlipData",
    "RejectionNoticeData",
    "SupplementNoticeData",
]


@dataclass(frozen=True, kw_only=True)
class CenterInfo:
    """The service center (党群服务中心 / 便民服务中心) that issues the paper.

    ``status_base_url`` is the county server's public address the progress QR
    code points at; empty while the center has none (the QR is then left out
    and the verification code still printed). Phones and hours are the
    center's settings; an empty one is left off the paper, never made up.
    """

    name: str
    address: str = ""
    phone: str = ""
    supervision_phone: str = ""
    consult_phone: str = ""
    opening_hours: str = ""
    pickup_hours: str = ""
    county: str = ""
    town: str = ""
    status_base_url: str = ""


@dataclass(frozen=True, kw_only=True)
class Applicant:
    """申请人. ``id_number`` and ``phone`` are full; the paper shows them masked."""

    name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""


@dataclass(frozen=True, kw_only=True)
class MaterialLine:
    """One material (申请材料) of an item or of a case's checklist.

    ``form`` is 原件 / 复印件 … either as the catalog code (``original``,
    ``copy``, ``original_and_copy``, ``electronic``) or as Chinese text.
    ``format`` is the medium (纸质 / 电子证照), ``issuer`` who issues it,
    ``obtain`` how to get it. ``supply_by`` is the date the applicant promised
    to hand it in (容缺受理) or must hand it in (补正).
    """

    name: str
    form: str = ""
    required_count: int = 1
    received_count: int = 0
    note: str = ""
    key: bool = True
    format: str = ""
    issuer: str = ""
    obtain: str = ""
    supply_by: date | None = None

    @property
    def missing(self) -> bool:
        return self.received_count < self.required_count

    @property
    def owed(self) -> int:
        """Copies still to hand in when the line is asked for (补正, 容缺): the
        shortfall, or every copy again when those handed in did not do."""
        return self.required_count - self.received_count if self.missing else self.required_count


@dataclass(frozen=True, kw_only=True)
class AppealRoutes:
    """Where an applicant may appeal: 行政复议机关 and 人民法院."""

    review_body: str
    court: str


#: The procedural basis a refusal to accept cites when none is configured.
REJECTION_BASIS = "《中华人民共和国行政许可法》第三十二条第一款"
#: The basis of an extension when none is configured.
EXTENSION_BASIS = "《中华人民共和国行政许可法》第四十二条第一款"
#: The basis of a 补正 notice when none is configured.
SUPPLEMENT_BASIS = "《中华人民共和国行政许可法》第三十二条第一款第（四）项"


@dataclass(frozen=True, kw_only=True)
class Document:
    """The header every printed document carries.

    ``reprint_count`` is 0 for the original and N for the N-th reprint
    (printed as 补打（第N次）). ``printed_at`` must be timezone-aware.
    """

    doc_number: str
    center: CenterInfo
    staff_name: str
    printed_at: datetime
    window_no: str = ""
    reprint_count: int = 0


@dataclass(frozen=True, kw_only=True)
class CaseDocument(Document):
    """A document about one case (办件): it carries the progress QR code."""

    case_number: str
    verification_code: str
    applicant: Applicant
    item_name: str
    # 外出服务: "上门受理（三组 和平村三组12号）" for a case taken away from the center; "" at the window.
    field_service: str = ""

    @property
    def status_url(self) -> str:
        """The progress link the QR code encodes ('' without a server)."""
        if not self.center.status_base_url:
            return ""
        return status_url(self.center.status_base_url, self.case_number, self.verification_code)


@dataclass(frozen=True, kw_only=True)
class ReceiptData(CaseDocument):
    """受理回执 — acceptance receipt, resident copy and stub.

    ``deferred`` marks a 容缺受理; its deferred materials are the lines still
    missing, each with its promised ``supply_by`` date.
    """

    accepted_at: datetime
    materials: tuple[MaterialLine, ...] = ()
    department: str = ""
    committed_due: date | None = None
    committed_days: int = 0
    statutory_days: int = 0
    due_provisional: bool = False
    deferred: bool = False
    applied_at: datetime | None = None  # when the application was made (补正 cases: before acceptance)
    legal_basis: str = ""
    forwarded_to: str = ""  # 受理后转报: the department that decides


@dataclass(frozen=True, kw_only=True)
class NotificationData(Document):
    """一次性告知书 — everything needed for an item, told once in writing.

    With ``mark_missing`` (printed for a visit) the lines whose received count
    is short of the required count are marked ★尚缺. ``case_number`` and
    ``verification_code`` are optional: an inquiry may have no case yet.
    """

    item_name: str
    materials: tuple[MaterialLine, ...] = ()
    department: str = ""
    legal_basis: str = ""
    conditions: str = ""
    process: tuple[str, ...] = ()
    statutory_days: int = 0
    committed_days: int = 0
    fee: str = "不收费"
    location: str = ""
    applicant: Applicant | None = None
    mark_missing: bool = False
    notes: str = ""
    case_number: str = ""
    verification_code: str = ""

    @property
    def status_url(self) -> str:
        if not (self.center.status_base_url and self.case_number and self.verification_code):
            return ""
        return status_url(self.center.status_base_url, self.case_number, self.verification_code)


@dataclass(frozen=True, kw_only=True)
class SupplementNoticeData(CaseDocument):
    """补正材料通知书 — exactly what is missing, and by when."""

    applied_at: datetime
    missing: tuple[MaterialLine, ...]
    supply_by: date
    supplement_days: int = 5
    note: str = ""
    legal_basis: str = SUPPLEMENT_BASIS
    mid_case: bool = False  # raised after acceptance (补正暂停): the clock stops


@dataclass(frozen=True, kw_only=True)
class DeferredNoticeData(CaseDocument):
    """容缺受理通知书 — accepted with materials to follow, on the applicant's promise.

    ``promise`` is the applicant's own promise; empty prints the standard one.
    """

    accepted_at: datetime
    deferred: tuple[MaterialLine, ...]
    promise_date: date
    promise: str = ""


@dataclass(frozen=True, kw_only=True)
class RejectionNoticeData(CaseDocument):
    """不予受理通知书 — the reasons, the right to be heard and the appeal routes."""

    applied_at: datetime
    reasons: tuple[str, ...]
    appeal: AppealRoutes
    decided_by: str
    seal_name: str = ""
    legal_basis: str = ""  # the item's own basis (实体依据)
    procedural_basis: str = REJECTION_BASIS


@dataclass(frozen=True, kw_only=True)
class ExtensionNoticeData(CaseDocument):
    """延期办结告知书 — why the committed date cannot be met, and the new date."""

    applied_at: datetime
    reason: str
    original_due: date
    new_due: date
    approved_by: str
    legal_basis: str = EXTENSION_BASIS
    statutory_days: int = 0
    statutory_due: date | None = None
    days_added: int = 0
    past_statutory_reason: str = ""  # required when new_due is after statutory_due


@dataclass(frozen=True, kw_only=True)
class CompletionNoticeData(CaseDocument):
    """办结通知 / 取件单 — the result, and where and when to collect it.

    ``result`` states the decision (or, when denied, its reasons); ``appeal``
    is printed for a denial when given.
    """

    approved: bool
    completed_on: date
    result: str = ""
    pickup_place: str = ""
    pickup_hours: str = ""
    pickup_deadline: date | None = None
    bring: tuple[str, ...] = ()
    appeal: AppealRoutes | None = None
    on_the_spot: bool = False  # 当场办结: nothing left to collect, no pickup section
    invite_rating: bool = True  # 好差评: the status QR opens the rating form


@dataclass(frozen=True, kw_only=True)
class ReferralSlipData(Document):
    """首问转办单 — where the asker should go and whom to ask.

    ``staff_name`` is the first-inquiry worker (首问责任人), who keeps
    following the matter until ``follow_up_due``.
    """

    asker_name: str
    question: str
    asked_at: datetime
    referred_to: str
    asker_phone: str = ""
    answer: str = ""
    referred_post: str = ""
    referred_person: str = ""
    referred_phone: str = ""
    referred_address: str = ""
    referred_hours: str = ""
    follow_up_due: date | None = None


@dataclass(frozen=True, kw_only=True)
class LedgerRow:
    """One case on the ledger; ``status`` is the status label (已受理 …)."""

    case_number: str
    applicant_name: str
    item_name: str
    status: str
    staff_name: str
    id_number: str = ""
    accepted_on: date | None = None
    committed_due: date | None = None
    received_on: date | None = None  # the day it came in (every case has one)
    completed_on: date | None = None
    department: str = ""
    overdue: bool = False
    rating: str = ""


@dataclass(frozen=True, kw_only=True)
class LedgerData(Document):
    """台账 — the cases of a date range, for the center's own records."""

    date_from: date
    date_to: date
    rows: tuple[LedgerRow, ...] = ()
    title: str = "办件台账"


@dataclass(frozen=True, kw_only=True)
class RecoveryKeyData(Document):
    """数据库恢复密钥 — printed once for the center head at setup.

    ``key_text`` is the database key in groups (app.keystore.recovery_key_text):
    with it a backup of this center opens on another PC.
    """

    center_code: str
    key_text: str
    key_store: str  # where this PC keeps the key: keyring / file


@dataclass(frozen=True, kw_only=True)
class InquiryLedgerRow:
    """One first inquiry (首问登记) on its ledger."""

    asked_at: datetime
    asker_name: str
    question: str
    owner_name: str
    answer: str = ""
    referred_to: str = ""
    follow_up_due: date | None = None
    status: str = ""


@dataclass(frozen=True, kw_only=True)
class InquiryLedgerData(Document):
    """首问登记台账 — the first inquiries of a date range."""

    date_from: date
    date_to: date
    rows: tuple[InquiryLedgerRow, ...] = ()
    title: str = "首问登记台账"
