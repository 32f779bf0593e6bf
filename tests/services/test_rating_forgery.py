"""Nobody can forge or force a rating (GB/T 39734 §4.1).

Walks every public function of the service layer that touches ratings with a
staff session and proves none of them writes or alters a rating, except the
head's phone follow-up for a case the head did not handle (channel phone).
A new public function fails here until it is classified below; a new place
that builds or bulk-writes a ``Rating`` anywhere in the code fails the scan.
"""
from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.models import Rating
from app.models.vocabulary import FollowUpOutcome, IntakeOutcome, RatingLevel
from app.services import rating_export, rating_figures, ratings
from app.services.context import Actor
from app.services.errors import DomainError
from tests.services.desk import NOW, Desk

ROOT = Path(__file__).resolve().parents[2]

# The only places allowed to construct a Rating or write the table in bulk:
# the one insert of the service, and sync's apply of a rating made elsewhere
# (another desk's window, the county's QR page), which inserts and never updates.
ALLOWED_WRITERS = {
    "app/services/ratings.py": 1,
    "app/sync/apply.py": 1,
}
_WRITE = re.compile(r"(?<!class )\bRating\(|(insert|update|delete)\(\s*Rating\b")


def test_only_the_known_places_write_the_ratings_table() -> None:
    found: dict[str, int] = {}
    for folder in ("app", "county_server"):
        for path in (ROOT / folder).rglob("*.py"):
            hits = len(_WRITE.findall(path.read_text(encoding="utf-8")))
            if hits:
                found[str(path.relative_to(ROOT))] = hits
    county = {k: v for k, v in found.items() if k.startswith("county_server/")}
    desk = {k: v for k, v in found.items() if not k.startswith("county_server/")}
    assert desk == ALLOWED_WRITERS
    # The county keeps its own copy: pushed ratings and the QR form's, insert-only.
    assert set(county) <= {"county_server/services/push.py", "county_server/services/county_ratings.py"}


def _writes(session: Session) -> list[str]:
    """Every rating the session inserts, changes or deletes."""
    seen: list[str] = []

    @event.listens_for(session, "before_flush")
    def _watch(sess: Session, *_: Any) -> None:
        for row in sess.new:
            if isinstance(row, Rating):
                seen.append("insert")
        for row in list(sess.dirty) + list(sess.deleted):
            if isinstance(row, Rating):
                seen.append("change")

    return seen


def _ctx(desk: Desk) -> dict[str, Any]:
    """A done case of the clerk's, one of the head's, a bad rating with its follow-up."""
    clerks = desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT))
    heads = desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT), actor=desk.head)
    rated = desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT))
    with desk.db.session_factory.begin() as session:
        token = ratings.issue_ballot(session, desk.clerk, case_id=rated, now=NOW).token
        receipt = ratings.cast_ballot(session, token, level="dissatisfied", reasons=["attitude"], now=NOW)
    return {"clerks": clerks, "heads": heads, "rated": rated, "rating": receipt.rating_id,
            "follow_up": receipt.follow_up_id}


Call = Callable[[Session, Actor, dict[str, Any]], Any]

# Every public function that takes a staff session (an Actor), and how to call it.
STAFF_CALLS: dict[str, Call] = {
    "issue_ballot": lambda s, a, c: ratings.issue_ballot(s, a, case_id=c["clerks"], now=NOW),
    "record_phone_rating": lambda s, a, c: ratings.record_phone_rating(s, a, case_id=c["heads"], level="satisfied"),
    "record_revisit": lambda s, a, c: ratings.record_revisit(s, a, c["follow_up"], "回访", now=NOW),
    "record_outcome": lambda s, a, c: ratings.record_outcome(s, a, c["follow_up"], FollowUpOutcome.APPEAL, "恶意",
                                                             now=NOW),
    "mark_rectified": lambda s, a, c: ratings.mark_rectified(s, a, c["follow_up"], "好了", now=NOW),
}
# Public functions without a staff session: pure checks and reads, the
# resident's own ballot (no Actor at all), and the follow-up a bad rating opens.
NO_STAFF = {
    "check_input", "cast_ballot", "deadline_days", "open_follow_up", "is_voided", "follow_up_state",
    "follow_up_rows", "follow_up_counts",
}


def _public_functions(module: Any) -> set[str]:
    return {name for name, value in inspect.getmembers(module, inspect.isfunction)
            if not name.startswith("_") and value.__module__ == module.__name__}


def test_every_public_function_is_classified() -> None:
    assert _public_functions(ratings) == set(STAFF_CALLS) | NO_STAFF
    for name in NO_STAFF:
        assert "actor" not in inspect.signature(getattr(ratings, name)).parameters, name
    for module in (rating_figures, rating_export):  # read-only modules: no staff write path at all
        for name in _public_functions(module):
            assert "actor" not in inspect.signature(getattr(module, name)).parameters, f"{module.__name__}.{name}"


@pytest.mark.parametrize("name", sorted(STAFF_CALLS))
@pytest.mark.parametrize("who", ["clerk", "head"])
def test_no_staff_session_writes_or_alters_a_rating(desk: Desk, name: str, who: str) -> None:
    ctx = _ctx(desk)
    actor = desk.head if who == "head" else desk.clerk
    with desk.db.session_factory() as session:
        writes = _writes(session)
        before = {r.id: (r.level, r.level_label, r.comment) for r in session.scalars(select(Rating))}
        try:
            STAFF_CALLS[name](session, actor, ctx)
            session.flush()
        except DomainError:
            session.rollback()
        after = {r.id: (r.level, r.level_label, r.comment) for r in session.scalars(select(Rating))}
    assert "change" not in writes
    assert {k: v for k, v in after.items() if k in before} == before
    if writes:
        # The one exception, and only with its limits: a head, a case the head did not handle.
        assert name == "record_phone_rating" and who == "head"


def test_the_head_cannot_phone_in_a_rating_of_the_heads_own_case(desk: Desk) -> None:
    ctx = _ctx(desk)
    with desk.db.session_factory() as session:
        writes = _writes(session)
        with pytest.raises(DomainError):
            ratings.record_phone_rating(session, desk.head, case_id=ctx["heads"], level=RatingLevel.VERY_SATISFIED)
    assert writes == []
