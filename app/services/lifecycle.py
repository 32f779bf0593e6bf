"""The case state machine (办件状态): which event may follow which status.

Pure rules, no database: ``apply`` says where an event leads or raises an
IllegalTransition whose message a worker understands.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from app.models.vocabulary import CaseEventKind, CaseResult, CaseStatus, HandlingMode, IntakeOutcome
from app.services.errors import DomainError
from app.text import Text, tr

# The outcomes that open a case, and the status each opens it in.
INTAKE_OUTCOMES: dict[str, CaseStatus] = {
    IntakeOutcome.DONE_ON_THE_SPOT: CaseStatus.COMPLETED,
    IntakeOutcome.ACCEPT: CaseStatus.ACCEPTED,
    IntakeOutcome.ACCEPT_DEFERRED: CaseStatus.ACCEPTED,
    IntakeOutcome.SUPPLEMENT: CaseStatus.NEEDS_SUPPLEMENT,
    IntakeOutcome.REJECT: CaseStatus.REJECTED,
    IntakeOutcome.FORWARD: CaseStatus.FORWARDED,
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
    IntakeOutcome.DONE_ON_THE_SPOT: (DOC_COMPLETION,),
    IntakeOutcome.ACCEPT: (DOC_RECEIPT,),
    IntakeOutcome.ACCEPT_DEFERRED: (DOC_RECEIPT, DOC_DEFERRED),
    IntakeOutcome.SUPPLEMENT: (DOC_SUPPLEMENT,),
    IntakeOutcome.REJECT: (DOC_REJECTION,),
    IntakeOutcome.FORWARD: (DOC_RECEIPT,),
    IntakeOutcome.NOTIFY_ONLY: (DOC_NOTIFICATION,),
}

_OPEN = (
    CaseStatus.NEEDS_SUPPLEMENT, CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS, CaseStatus.SUSPENDED,
    CaseStatus.FORWARDED, CaseStatus.RETURNED,
)
# The committed-deadline clock runs in these statuses; in SUSPENDED it is
# paused. Together they are the cases 时限预警 watches.
CLOCK_RUNNING = (CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS, CaseStatus.FORWARDED, CaseStatus.RETURNED)
WITH_DEADLINE = (*CLOCK_RUNNING, CaseStatus.SUSPENDED)

# event -> (statuses it may follow, status it leads to; None = stays)
TRANSITIONS: dict[CaseEventKind, tuple[tuple[CaseStatus, ...], CaseStatus | None]] = {
    CaseEventKind.SUPPLEMENT_RECEIVED: ((CaseStatus.NEEDS_SUPPLEMENT,), CaseStatus.ACCEPTED),
    CaseEventKind.START: ((CaseStatus.ACCEPTED,), CaseStatus.IN_PROGRESS),
    # A case the county returned for supplement goes up again once the
    # resident brought what was missing (and may pause its clock meanwhile).
    CaseEventKind.FORWARD: ((CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS, CaseStatus.RETURNED), CaseStatus.FORWARDED),
    CaseEventKind.RETURN: ((CaseStatus.FORWARDED,), CaseStatus.RETURNED),
    CaseEventKind.COMPLETE: ((CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS, CaseStatus.RETURNED), CaseStatus.COMPLETED),
    CaseEventKind.DELIVER: ((CaseStatus.COMPLETED,), CaseStatus.DELIVERED),
    CaseEventKind.SUSPEND: ((CaseStatus.ACCEPTED, CaseStatus.IN_PROGRESS, CaseStatus.RETURNED), CaseStatus.SUSPENDED),
    CaseEventKind.RESUME: ((CaseStatus.SUSPENDED,), CaseStatus.IN_PROGRESS),
    CaseEventKind.EXTEND: (WITH_DEADLINE, None),
    CaseEventKind.WITHDRAW: (_OPEN, CaseStatus.WITHDRAWN),
    CaseEventKind.REOPEN: (
        (CaseStatus.COMPLETED, CaseStatus.DELIVERED, CaseStatus.WITHDRAWN, CaseStatus.REJECTED), CaseStatus.IN_PROGRESS,
    ),
    CaseEventKind.NOTE: (tuple(CaseStatus), None),
}
EVENT_DOCUMENTS: dict[str, tuple[str, ...]] = {
    # 补齐材料并受理: the case is accepted now, so its 受理回执 is issued now.
    CaseEventKind.SUPPLEMENT_RECEIVED: (DOC_RECEIPT,),
    CaseEventKind.SUSPEND: (DOC_SUPPLEMENT,),
    CaseEventKind.EXTEND: (DOC_EXTENSION,),
    CaseEventKind.COMPLETE: (DOC_COMPLETION,),
}
HEAD_ONLY_EVENTS = frozenset({CaseEventKind.REOPEN})
REASON_REQUIRED = frozenset({CaseEventKind.EXTEND, CaseEventKind.REOPEN, CaseEventKind.WITHDRAW, CaseEventKind.SUSPEND})


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


class IllegalTransition(DomainError):
    """An event that the case's current status does not allow."""


@dataclass(frozen=True)
class Step:
    event: str
    from_status: str
    to_status: str


def allowed_events(status: str, *, is_head: bool) -> list[CaseEventKind]:
    """The actions a case in ``status`` offers to this worker, in menu order."""
    return [
        event
        for event, (sources, _target) in TRANSITIONS.items()
        if status in sources and (is_head or event not in HEAD_ONLY_EVENTS)
    ]


def reopen_target(*, ever_accepted: bool, outcome: str) -> CaseStatus:
    """Where reopening leads. A case that was accepted goes back to 办理中 with
    its deadline. One never accepted goes back to where acceptance stood: a
    withdrawn 补正 waits for the materials again; a refusal reconsidered is
    accepted (the deadline counts from the reopening day)."""
    if ever_accepted:
        return CaseStatus.IN_PROGRESS
    return CaseStatus.NEEDS_SUPPLEMENT if outcome == IntakeOutcome.SUPPLEMENT else CaseStatus.ACCEPTED


def apply(status: str, event: str, *, is_head: bool) -> Step:
    """Where ``event`` leads from ``status``; raises IllegalTransition if nowhere."""
    try:
        kind = CaseEventKind(event)
    except ValueError:
        raise IllegalTransition(tr(f"未知的办件操作：{event}", f"Unknown case action: {event}")) from None
    sources, target = TRANSITIONS[kind]
    label = kind.label
    if status not in sources:
        current = CaseStatus.text_of(status)
        raise IllegalTransition(
            tr(f"办件当前状态为「{current.zh}」，不能执行「{label.zh}」",
               f"The case is {current.en.lower()}: “{label.en}” is not possible now"),
            field="status",
        )
    if kind in HEAD_ONLY_EVENTS and not is_head:
        raise IllegalTransition(
            tr(f"「{label.zh}」只能由中心主任执行", f"Only the center head may “{label.en}”"), field="role",
        )
    return Step(kind, status, target or status)


# -- intake outcomes ----------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeOption:
    """One intake outcome for the visit at hand. When it is not available,
    ``reason`` is the short why the intake list shows beside it, and
    ``refusal`` (for ``field``) the full sentence that refuses it when asked for
    anyway — naming the materials and the outcome to choose instead."""

    outcome: IntakeOutcome
    reason: Text | None = None
    refusal: Text | None = None
    field: str = "outcome"

    @property
    def available(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class OutcomeChoice:
    """Every intake outcome in the order the intake offers them, and the one it suggests."""

    options: tuple[OutcomeOption, ...]
    suggested: IntakeOutcome

    def option(self, outcome: str) -> OutcomeOption:
        return next(option for option in self.options if option.outcome == outcome)


_MISSING = Text("材料不齐，请选择其他结果。", "Materials are missing: choose another outcome.")
_NOTHING_MISSING = Text("材料齐全，无需补正。", "Nothing is missing.")


def _names(names: Sequence[str], *, sep: str) -> str:
    return sep.join(names)


def outcome_options(
    *, handling_mode: str, allows_deferred: bool, missing_key: Sequence[str], missing_other: Sequence[str],
) -> OutcomeChoice:
    """Which intake outcomes the item and the materials allow (一窗受理的受理结果).

    ``missing_key`` / ``missing_other`` name the key (关键材料) and the other
    materials not received in full. With all materials a case is accepted,
    done on the spot if the item is 即办, or forwarded; key materials missing
    means 补正; only other materials missing allows 容缺受理 where the item
    permits it. Refusing (不予受理) and the notification slip alone are always possible.
    """
    key_zh, key_en = _names(missing_key, sep="、"), _names(missing_key, sep=", ")
    other_zh, other_en = _names(missing_other, sep="、"), _names(missing_other, sep=", ")
    complete = not missing_key and not missing_other

    def needs_all(outcome: IntakeOutcome) -> OutcomeOption:
        if missing_key:
            return OutcomeOption(outcome, _MISSING, Text(
                f"关键材料未收齐（{key_zh}），请选择「补正」",
                f"Key materials are missing ({key_en}): choose “ask for missing materials”"), "materials")
        if missing_other:
            hint = Text("「容缺受理」或「补正」", "“accept with materials to follow” or “ask for missing materials”") \
                if allows_deferred else Text("「补正」", "“ask for missing materials”")
            return OutcomeOption(outcome, _MISSING, Text(
                f"材料未收齐（{other_zh}），请选择{hint.zh}", f"Materials are missing ({other_en}): choose {hint.en}"),
                "materials")
        return OutcomeOption(outcome)

    def done_on_the_spot() -> OutcomeOption:
        if complete and handling_mode != HandlingMode.ON_THE_SPOT:
            not_here = Text("该事项不能当场办结。", "This item is not handled on the spot.")
            return OutcomeOption(IntakeOutcome.DONE_ON_THE_SPOT, not_here, not_here)
        return needs_all(IntakeOutcome.DONE_ON_THE_SPOT)

    def accept_deferred() -> OutcomeOption:
        outcome = IntakeOutcome.ACCEPT_DEFERRED
        if not allows_deferred:
            no_deferral = Text("该事项不允许容缺受理。", "This item does not allow acceptance with materials to follow.")
            return OutcomeOption(outcome, no_deferral, no_deferral)
        if missing_key:
            return OutcomeOption(outcome, Text("关键材料不能容缺。", "Key materials cannot follow later."), Text(
                f"关键材料（{key_zh}）不能容缺，请选择「补正」",
                f"Key materials ({key_en}) cannot follow later: choose “ask for missing materials”"), "materials")
        if not missing_other:
            return OutcomeOption(outcome, _NOTHING_MISSING, Text(
                "材料已收齐，无需容缺受理，请选择「受理」", "All materials are here: choose “accept”"))
        return OutcomeOption(outcome)

    def supplement() -> OutcomeOption:
        if complete:
            return OutcomeOption(IntakeOutcome.SUPPLEMENT, _NOTHING_MISSING,
                                 Text("材料已收齐，无需补正", "All materials are here: nothing to ask for"))
        return OutcomeOption(IntakeOutcome.SUPPLEMENT)

    options = (
        done_on_the_spot(),
        needs_all(IntakeOutcome.ACCEPT),
        accept_deferred(),
        supplement(),
        OutcomeOption(IntakeOutcome.REJECT),
        needs_all(IntakeOutcome.FORWARD),
        OutcomeOption(IntakeOutcome.NOTIFY_ONLY),
    )
    return OutcomeChoice(options, _suggested(handling_mode, allows_deferred=allows_deferred,
                                             key_missing=bool(missing_key), other_missing=bool(missing_other)))


def _suggested(handling_mode: str, *, allows_deferred: bool, key_missing: bool, other_missing: bool) -> IntakeOutcome:
    """The outcome the intake selects for the worker to confirm with Enter."""
    if key_missing:
        return IntakeOutcome.SUPPLEMENT
    if other_missing:
        return IntakeOutcome.ACCEPT_DEFERRED if allows_deferred else IntakeOutcome.SUPPLEMENT
    if handling_mode == HandlingMode.ON_THE_SPOT:
        return IntakeOutcome.DONE_ON_THE_SPOT
    if handling_mode == HandlingMode.FORWARDED:
        return IntakeOutcome.FORWARD
    return IntakeOutcome.ACCEPT


# -- projection: what a case's history says of it ------------------------------------------


class HistoryEntry(Protocol):
    """What the projection reads of a case event (the desk's and the county's rows both have it)."""

    @property
    def kind(self) -> str: ...
    @property
    def to_status(self) -> str: ...
    @property
    def occurred_at(self) -> datetime: ...
    @property
    def data(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class CaseProjection:
    """The part of a case its history decides: the status, the result and
    completion time, the department it went to. ``sent_up`` says the newest
    event forwarded the case (again): whoever received it before has not yet."""

    status: str
    result: str | None
    completed_at: datetime | None
    forwarded_to: str
    sent_up: bool = False


_SENDS_UP = frozenset({CaseEventKind.FORWARD, IntakeOutcome.FORWARD})


def project_event(state: CaseProjection, event: HistoryEntry) -> CaseProjection:
    """The case after one more (accepted, not refused) event of its history.

    办结 sets the result it names; 当场办结 is approved; reopening clears
    both; any event leading to 已办结 completes the case at its time if nothing
    did; a forward names the department when it says which.
    """
    result, completed_at, forwarded_to = state.result, state.completed_at, state.forwarded_to
    if event.kind == CaseEventKind.COMPLETE:
        noted = event.data.get("result")
        result, completed_at = (str(noted) if noted else result), event.occurred_at
    elif event.kind == IntakeOutcome.DONE_ON_THE_SPOT:
        result, completed_at = CaseResult.APPROVED, event.occurred_at
    elif event.kind == CaseEventKind.REOPEN:
        result, completed_at = None, None
    if event.to_status == CaseStatus.COMPLETED and completed_at is None:
        completed_at = event.occurred_at
    sent_up = event.kind in _SENDS_UP
    if sent_up and event.data.get("forwarded_to"):
        forwarded_to = str(event.data["forwarded_to"])[:100]
    return CaseProjection(event.to_status, result, completed_at, forwarded_to, sent_up)


def project_history(state: CaseProjection, events: Iterable[HistoryEntry]) -> CaseProjection:
    """The case after its history, in order (fold of ``project_event``)."""
    for event in events:
        state = project_event(state, event)
    return state
