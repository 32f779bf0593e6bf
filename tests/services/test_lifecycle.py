"""办件状态 — the case state machine, as pure rules."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import pytest

from app.models.case import CASE_STATUSES, CLOSED_STATUSES
from app.models.vocabulary import CaseEventKind, CaseStatus, IntakeOutcome
from app.services import lifecycle
from app.services.lifecycle import TRANSITIONS, IllegalTransition, allowed_events, apply

PAIRS = list(itertools.product(CASE_STATUSES, TRANSITIONS))
OPEN_STATUSES = [s for s in CASE_STATUSES if s not in CLOSED_STATUSES]


@pytest.mark.parametrize(("status", "event"), PAIRS, ids=[f"{s}-{e}" for s, e in PAIRS])
def test_an_event_is_legal_exactly_when_the_table_says_so(status: str, event: str) -> None:
    sources, target = TRANSITIONS[event]
    if status in sources:
        step = apply(status, event, is_head=True)
        assert (step.event, step.from_status, step.to_status) == (event, status, target or status)
        assert step.to_status in CASE_STATUSES
    else:
        with pytest.raises(IllegalTransition) as raised:
            apply(status, event, is_head=True)
        assert raised.value.field == "status"
        message = str(raised.value)
        assert CaseStatus(status).label.zh in message and CaseEventKind(event).label.zh in message


@pytest.mark.parametrize(("status", "event"), PAIRS, ids=[f"{s}-{e}" for s, e in PAIRS])
def test_window_staff_may_do_everything_but_the_head_only_events(status: str, event: str) -> None:
    sources, _ = TRANSITIONS[event]
    if status not in sources:
        with pytest.raises(IllegalTransition):
            apply(status, event, is_head=False)
    elif event in lifecycle.HEAD_ONLY_EVENTS:
        with pytest.raises(IllegalTransition, match="中心主任") as raised:
            apply(status, event, is_head=False)
        assert raised.value.field == "role"
    else:
        assert apply(status, event, is_head=False) == apply(status, event, is_head=True)


# Hand-written from the working rules, independent of the table above.
EXPECTED_LEGAL = {
    ("needs_supplement", CaseEventKind.SUPPLEMENT_RECEIVED): "accepted",
    ("accepted", CaseEventKind.START): "in_progress",
    ("accepted", CaseEventKind.FORWARD): "forwarded",
    ("in_progress", CaseEventKind.FORWARD): "forwarded",
    ("forwarded", CaseEventKind.RETURN): "returned",
    ("accepted", CaseEventKind.COMPLETE): "completed",
    ("in_progress", CaseEventKind.COMPLETE): "completed",
    ("returned", CaseEventKind.COMPLETE): "completed",
    ("returned", CaseEventKind.FORWARD): "forwarded",  # returned for supplement, sent up again
    ("returned", CaseEventKind.SUSPEND): "suspended",  # waiting for the resident's materials
    ("completed", CaseEventKind.DELIVER): "delivered",
    ("accepted", CaseEventKind.SUSPEND): "suspended",
    ("in_progress", CaseEventKind.SUSPEND): "suspended",
    ("suspended", CaseEventKind.RESUME): "in_progress",
    ("in_progress", CaseEventKind.EXTEND): "in_progress",
    ("suspended", CaseEventKind.EXTEND): "suspended",
    ("forwarded", CaseEventKind.EXTEND): "forwarded",
    ("completed", CaseEventKind.REOPEN): "in_progress",
    ("rejected", CaseEventKind.REOPEN): "in_progress",
    ("withdrawn", CaseEventKind.REOPEN): "in_progress",
    ("delivered", CaseEventKind.REOPEN): "in_progress",
    ("delivered", CaseEventKind.NOTE): "delivered",
}
EXPECTED_ILLEGAL = [
    ("forwarded", CaseEventKind.COMPLETE),  # the town's result must come back first
    ("needs_supplement", CaseEventKind.START),  # not accepted yet
    ("needs_supplement", CaseEventKind.EXTEND),  # no clock, nothing to extend
    ("needs_supplement", CaseEventKind.SUSPEND),
    ("suspended", CaseEventKind.COMPLETE),  # resume first
    ("suspended", CaseEventKind.START),
    ("accepted", CaseEventKind.DELIVER),
    ("in_progress", CaseEventKind.DELIVER),
    ("accepted", CaseEventKind.RESUME),
    ("completed", CaseEventKind.WITHDRAW),
    ("delivered", CaseEventKind.WITHDRAW),
    ("rejected", CaseEventKind.SUPPLEMENT_RECEIVED),
    ("completed", CaseEventKind.EXTEND),
    ("withdrawn", CaseEventKind.EXTEND),
    ("delivered", CaseEventKind.COMPLETE),
    ("in_progress", CaseEventKind.REOPEN),  # open cases are not reopened
    ("returned", CaseEventKind.RETURN),
    ("in_progress", CaseEventKind.START),
]


@pytest.mark.parametrize(("pair", "target"), EXPECTED_LEGAL.items(), ids=lambda v: str(v))
def test_the_working_rules_allow(pair: tuple[str, str], target: str) -> None:
    status, event = pair
    assert apply(status, event, is_head=True).to_status == target


@pytest.mark.parametrize("pair", EXPECTED_ILLEGAL, ids=lambda v: f"{v[0]}-{v[1]}")
def test_the_working_rules_forbid(pair: tuple[str, str]) -> None:
    with pytest.raises(IllegalTransition):
        apply(*pair, is_head=True)


@pytest.mark.parametrize("status", OPEN_STATUSES)
def test_every_open_case_can_be_withdrawn_and_noted(status: str) -> None:
    assert apply(status, CaseEventKind.WITHDRAW, is_head=False).to_status == "withdrawn"
    assert apply(status, CaseEventKind.NOTE, is_head=False).to_status == status


@pytest.mark.parametrize("status", sorted(CLOSED_STATUSES))
def test_a_closed_case_offers_only_reopen_and_notes(status: str) -> None:
    offered = set(allowed_events(status, is_head=True)) - {CaseEventKind.DELIVER}
    assert offered == {CaseEventKind.REOPEN, CaseEventKind.NOTE}
    assert CaseEventKind.REOPEN not in allowed_events(status, is_head=False)


def test_unknown_events_are_refused() -> None:
    with pytest.raises(IllegalTransition, match="未知"):
        apply("accepted", "teleport", is_head=True)


@pytest.mark.parametrize("status", CASE_STATUSES)
def test_allowed_events_match_apply(status: str) -> None:
    for is_head in (True, False):
        offered = allowed_events(status, is_head=is_head)
        assert len(offered) == len(set(offered))
        for event in TRANSITIONS:
            legal = True
            try:
                apply(status, event, is_head=is_head)
            except IllegalTransition:
                legal = False
            assert legal == (event in offered), (status, event, is_head)


def test_the_tables_are_consistent() -> None:
    assert set(CaseStatus) == set(CASE_STATUSES)
    assert set(CaseEventKind) == set(TRANSITIONS)
    assert set(IntakeOutcome) == set(lifecycle.INTAKE_OUTCOMES) | {IntakeOutcome.NOTIFY_ONLY}
    assert set(lifecycle.OUTCOME_DOCUMENTS) == set(IntakeOutcome)
    assert set(lifecycle.INTAKE_OUTCOMES.values()) <= set(CASE_STATUSES)
    for sources, target in TRANSITIONS.values():
        assert set(sources) <= set(CASE_STATUSES)
        assert target is None or target in CASE_STATUSES
    assert set(TRANSITIONS) >= lifecycle.HEAD_ONLY_EVENTS
    assert set(TRANSITIONS) >= lifecycle.REASON_REQUIRED
    # Every status can be reached, from an intake outcome or an event.
    reachable = set(lifecycle.INTAKE_OUTCOMES.values()) | {t for _, t in TRANSITIONS.values() if t}
    assert reachable == set(CASE_STATUSES)


def test_the_clock_runs_only_while_the_case_is_being_worked() -> None:
    running = {s for s in CASE_STATUSES if s in lifecycle.CLOCK_RUNNING}
    assert running == {"accepted", "in_progress", "forwarded", "returned"}
    assert set(lifecycle.WITH_DEADLINE) == running | {"suspended"}


def test_reopening_returns_a_case_to_where_it_stood() -> None:
    from app.services.lifecycle import reopen_target

    assert reopen_target(ever_accepted=True, outcome="accept") == "in_progress"
    assert reopen_target(ever_accepted=False, outcome=IntakeOutcome.REJECT) == "accepted"
    assert reopen_target(ever_accepted=False, outcome=IntakeOutcome.SUPPLEMENT) == "needs_supplement"


# -- intake outcomes: one rule for the intake screen and take_in ---------------------------


def _choice(mode: str = "committed", *, deferred: bool = True, key: tuple[str, ...] = (),
            other: tuple[str, ...] = ()) -> lifecycle.OutcomeChoice:
    return lifecycle.outcome_options(handling_mode=mode, allows_deferred=deferred, missing_key=key,
                                     missing_other=other)


def _available(choice: lifecycle.OutcomeChoice) -> set[str]:
    return {option.outcome for option in choice.options if option.available}


def test_every_outcome_is_offered_in_the_intake_order() -> None:
    assert [option.outcome for option in _choice().options] == list(IntakeOutcome)


@pytest.mark.parametrize(
    ("mode", "deferred", "key", "other", "available", "suggested"),
    [
        ("committed", True, (), (), {"accept", "reject", "forward_at_intake", "notify_only"}, "accept"),
        ("on_the_spot", True, (), (), {"done_on_the_spot", "accept", "reject", "forward_at_intake", "notify_only"},
         "done_on_the_spot"),
        ("forwarded", False, (), (), {"accept", "reject", "forward_at_intake", "notify_only"}, "forward_at_intake"),
        ("committed", True, ("身份证",), (), {"request_supplement", "reject", "notify_only"}, "request_supplement"),
        ("committed", True, (), ("银行卡",), {"accept_deferred", "request_supplement", "reject", "notify_only"},
         "accept_deferred"),
        ("committed", False, (), ("银行卡",), {"request_supplement", "reject", "notify_only"}, "request_supplement"),
        ("on_the_spot", True, ("身份证",), ("银行卡",), {"request_supplement", "reject", "notify_only"},
         "request_supplement"),
    ],
)
def test_outcome_options(mode: str, deferred: bool, key: tuple[str, ...], other: tuple[str, ...],
                         available: set[str], suggested: str) -> None:
    choice = _choice(mode, deferred=deferred, key=key, other=other)
    assert _available(choice) == available
    assert choice.suggested == suggested and choice.option(suggested).available
    for option in choice.options:
        assert (option.reason is None) == (option.refusal is None) == option.available


def test_an_unavailable_outcome_says_why_briefly_and_in_full() -> None:
    accept = _choice(key=("居民身份证",)).option(IntakeOutcome.ACCEPT)
    assert accept.reason is not None and accept.refusal is not None
    assert accept.reason.zh == "材料不齐，请选择其他结果。"
    assert accept.refusal.zh == "关键材料未收齐（居民身份证），请选择「补正」" and accept.field == "materials"
    deferred = _choice(deferred=False, other=("银行卡",)).option(IntakeOutcome.ACCEPT_DEFERRED)
    assert deferred.reason is not None and deferred.reason.zh == "该事项不允许容缺受理。"
    assert deferred.field == "outcome"
    spot = _choice("committed").option(IntakeOutcome.DONE_ON_THE_SPOT)
    assert spot.reason is not None and spot.reason.zh == "该事项不能当场办结。"
    nothing = _choice().option(IntakeOutcome.SUPPLEMENT)
    assert nothing.reason is not None and nothing.reason.zh == "材料齐全，无需补正。"


# -- projection: one reducer for the desk's fold and the county's step ----------------------


@dataclass(frozen=True)
class _Event:
    kind: str
    to_status: str
    occurred_at: datetime
    data: dict[str, Any] = field(default_factory=dict)


def _at(day: int) -> datetime:
    return datetime(2026, 3, day, 9, tzinfo=timezone.utc)


START = lifecycle.CaseProjection(status="accepted", result=None, completed_at=None, forwarded_to="")


def test_completion_sets_the_result_and_time_and_reopening_clears_them() -> None:
    done = lifecycle.project_history(START, [
        _Event("start", "in_progress", _at(2)),
        _Event("complete", "completed", _at(3), {"result": "denied"}),
    ])
    assert (done.status, done.result, done.completed_at) == ("completed", "denied", _at(3))
    reopened = lifecycle.project_event(done, _Event("reopen", "in_progress", _at(4)))
    assert (reopened.status, reopened.result, reopened.completed_at) == ("in_progress", None, None)


def test_done_on_the_spot_is_approved_and_complete_at_once() -> None:
    state = lifecycle.project_event(START, _Event("done_on_the_spot", "completed", _at(2)))
    assert (state.status, state.result, state.completed_at) == ("completed", "approved", _at(2))


def test_a_complete_without_a_result_keeps_the_one_known() -> None:
    state = lifecycle.CaseProjection("in_progress", "approved", None, "")
    assert lifecycle.project_event(state, _Event("complete", "completed", _at(5))).result == "approved"


def test_any_event_into_completed_completes_at_its_time_if_nothing_did() -> None:
    state = lifecycle.project_event(START, _Event("note", "completed", _at(6)))
    assert state.completed_at == _at(6)
    assert lifecycle.project_event(state, _Event("note", "completed", _at(7))).completed_at == _at(6)


def test_forwarding_names_the_department_and_says_it_was_sent_up() -> None:
    state = lifecycle.project_event(START, _Event("forward", "forwarded", _at(2), {"forwarded_to": "镇民政办" * 30}))
    assert state.sent_up and state.forwarded_to == ("镇民政办" * 30)[:100]
    returned = lifecycle.project_event(state, _Event("return", "returned", _at(3)))
    assert not returned.sent_up and returned.forwarded_to == state.forwarded_to
    again = lifecycle.project_event(returned, _Event("forward", "forwarded", _at(4)))  # no department named
    assert again.sent_up and again.forwarded_to == state.forwarded_to
    assert lifecycle.project_event(START, _Event("forward_at_intake", "forwarded", _at(2))).sent_up
