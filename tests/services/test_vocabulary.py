"""词汇表 — the shared codes keep their stored strings and carry one label each."""
from __future__ import annotations

import json

import pytest

from app import text
from app.models.vocabulary import (
    CaseEventKind,
    CaseResult,
    CaseStatus,
    EntityKind,
    HandlingMode,
    IntakeOutcome,
    history_label,
)
from app.services import lifecycle
from app.services.lifecycle import IllegalTransition

VOCABULARIES = (CaseStatus, IntakeOutcome, CaseEventKind, CaseResult, HandlingMode, EntityKind)


def test_a_member_is_its_stored_string() -> None:
    assert CaseStatus.ACCEPTED == "accepted" and f"{CaseStatus.ACCEPTED}" == str(CaseStatus.ACCEPTED) == "accepted"
    assert {CaseStatus.ACCEPTED: 1}["accepted"] == 1 and "forward_at_intake" in {IntakeOutcome.FORWARD}
    assert json.dumps({"kind": CaseEventKind.COMPLETE}) == '{"kind": "complete"}'
    assert CaseStatus("needs_supplement") is CaseStatus.NEEDS_SUPPLEMENT


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_member_has_a_label_in_both_languages(vocabulary: type[CaseStatus]) -> None:
    for member in vocabulary:
        assert member.label.zh and member.label.en


def test_the_labels_are_chinese_by_default() -> None:
    assert CaseStatus.labels()["suspended"] == "补正暂停"
    assert str(IntakeOutcome.SUPPLEMENT.label) == "补正（材料不齐）"
    assert CaseStatus.text_of("something_newer").zh == "something_newer"
    assert history_label("forward_at_intake") == IntakeOutcome.FORWARD.label
    assert history_label("deliver") == CaseEventKind.DELIVER.label and history_label("teleport") is None


@pytest.mark.usefixtures("english")
def test_english_labels_and_messages() -> None:
    assert CaseStatus.labels()["suspended"] == "Paused for materials"
    assert str(CaseEventKind.REOPEN.label) == "Reopen"
    assert IntakeOutcome.labels()["accept_deferred"] == "Accept with materials to follow"
    assert CaseStatus.ACCEPTED.label.zh == "已受理"  # printed documents stay Chinese
    with pytest.raises(IllegalTransition) as raised:
        lifecycle.apply(CaseStatus.COMPLETED, CaseEventKind.START, is_head=True)
    assert str(raised.value) == "The case is completed: “Start handling” is not possible now"
    with pytest.raises(IllegalTransition, match="Only the center head"):
        lifecycle.apply(CaseStatus.COMPLETED, CaseEventKind.REOPEN, is_head=False)
    option = lifecycle.outcome_options(handling_mode="committed", allows_deferred=True, missing_key=["ID card"],
                                       missing_other=[]).option(IntakeOutcome.ACCEPT)
    assert str(option.reason) == "Materials are missing: choose another outcome."
    assert str(option.refusal) == "Key materials are missing (ID card): choose “ask for missing materials”"


def test_the_language_is_back_to_chinese_after_the_english_test() -> None:
    assert text.language() == text.ZH_CN and str(CaseStatus.ACCEPTED.label) == "已受理"
