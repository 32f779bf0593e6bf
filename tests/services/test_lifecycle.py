"""办件状态 — the case state machine, as pure rules."""
from __future__ import annotations

import itertools

import pytest

from app.models.case import CASE_STATUSES, CLOSED_STATUSES
from app.services import lifecycle
from app.services.lifecycle import (
    EV_COMPLETE,
    EV_DELIVER,
    EV_EXTEND,
    EV_FORWARD,
    EV_NOTE,
    EV_REOPEN,
    EV_RESUME,
    EV_RETURN,
    EV_START,
    EV_SUPPLEMENT_RECEIVED,
    EV_SUSPEND,
    EV_WITHDRAW,
    TRANSITIONS,
    IllegalTransition,
    allowed_events,
    apply,
)

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
        assert lifecycle.STATUS_LABELS[status] in message and lifecycle.EVENT_LABELS[event] in message


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
    ("needs_supplement", EV_SUPPLEMENT_RECEIVED): "accepted",
    ("accepted", EV_START): "in_progress",
    ("accepted", EV_FORWARD): "forwarded",
    ("in_progress", EV_FORWARD): "forwarded",
    ("forwarded", EV_RETURN): "returned",
    ("accepted", EV_COMPLETE): "completed",
    ("in_progress", EV_COMPLETE): "completed",
    ("returned", EV_COMPLETE): "completed",
    ("returned", EV_FORWARD): "forwarded",  # returned for supplement, sent up again
    ("returned", EV_SUSPEND): "suspended",  # waiting for the resident's materials
    ("completed", EV_DELIVER): "delivered",
    ("accepted", EV_SUSPEND): "suspended",
    ("in_progress", EV_SUSPEND): "suspended",
    ("suspended", EV_RESUME): "in_progress",
    ("in_progress", EV_EXTEND): "in_progress",
    ("suspended", EV_EXTEND): "suspended",
    ("forwarded", EV_EXTEND): "forwarded",
    ("completed", EV_REOPEN): "in_progress",
    ("rejected", EV_REOPEN): "in_progress",
    ("withdrawn", EV_REOPEN): "in_progress",
    ("delivered", EV_REOPEN): "in_progress",
    ("delivered", EV_NOTE): "delivered",
}
EXPECTED_ILLEGAL = [
    ("forwarded", EV_COMPLETE),  # the town's result must come back first
    ("needs_supplement", EV_START),  # not accepted yet
    ("needs_supplement", EV_EXTEND),  # no clock, nothing to extend
    ("needs_supplement", EV_SUSPEND),
    ("suspended", EV_COMPLETE),  # resume first
    ("suspended", EV_START),
    ("accepted", EV_DELIVER),
    ("in_progress", EV_DELIVER),
    ("accepted", EV_RESUME),
    ("completed", EV_WITHDRAW),
    ("delivered", EV_WITHDRAW),
    ("rejected", EV_SUPPLEMENT_RECEIVED),
    ("completed", EV_EXTEND),
    ("withdrawn", EV_EXTEND),
    ("delivered", EV_COMPLETE),
    ("in_progress", EV_REOPEN),  # open cases are not reopened
    ("returned", EV_RETURN),
    ("in_progress", EV_START),
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
    assert apply(status, EV_WITHDRAW, is_head=False).to_status == "withdrawn"
    assert apply(status, EV_NOTE, is_head=False).to_status == status


@pytest.mark.parametrize("status", sorted(CLOSED_STATUSES))
def test_a_closed_case_offers_only_reopen_and_notes(status: str) -> None:
    offered = set(allowed_events(status, is_head=True)) - {EV_DELIVER}
    assert offered == {EV_REOPEN, EV_NOTE}
    assert EV_REOPEN not in allowed_events(status, is_head=False)


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
    assert set(lifecycle.STATUS_LABELS) == set(CASE_STATUSES)
    assert set(lifecycle.EVENT_LABELS) == set(TRANSITIONS)
    assert set(lifecycle.OUTCOME_LABELS) == set(lifecycle.INTAKE_OUTCOMES) | {lifecycle.OUT_NOTIFY_ONLY}
    assert set(lifecycle.OUTCOME_DOCUMENTS) == set(lifecycle.OUTCOME_LABELS)
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
    from app.services.lifecycle import OUT_REJECT, OUT_SUPPLEMENT, reopen_target

    assert reopen_target(ever_accepted=True, outcome="accept") == "in_progress"
    assert reopen_target(ever_accepted=False, outcome=OUT_REJECT) == "accepted"
    assert reopen_target(ever_accepted=False, outcome=OUT_SUPPLEMENT) == "needs_supplement"
