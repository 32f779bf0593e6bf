"""好差评 figures: each formula, voided ratings left out, per worker / item / month."""
from __future__ import annotations

from decimal import Decimal

from app.models.vocabulary import FollowUpOutcome, IntakeOutcome, RatingLevel
from app.services import rating_figures, ratings
from tests.services.desk import NOW, D, Desk


def _rate(desk: Desk, level: RatingLevel, *, code: str = "OS", actor=None):
    case_id = desk.take_in(desk.request(code, IntakeOutcome.DONE_ON_THE_SPOT), actor=actor)
    with desk.db.session_factory.begin() as session:
        token = ratings.issue_ballot(session, desk.clerk, case_id=case_id, now=NOW).token
        reasons = ["efficiency"] if level.is_bad else []
        return ratings.cast_ballot(session, token, level=level.value, reasons=reasons, now=NOW)


def _figures(desk: Desk, **kwargs):
    with desk.db.session_factory() as session:
        return rating_figures.figures(session, today=D("2026-03-31"), **kwargs)


def test_each_formula_counts_what_it_names(desk: Desk) -> None:
    for level in (RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.FAIRLY_SATISFIED,
                  RatingLevel.DISSATISFIED):
        _rate(desk, level)
    desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT))  # served, not rated
    total = _figures(desk).total
    assert total.ratings == 4 and total.satisfaction == Decimal("0.7500") and total.below_target
    assert total.dongguan is False  # 满意（含基本满意）率 75% < 80%: the seed's rule is not met
    assert (total.rated_cases, total.served, total.participation) == (4, 5, Decimal("0.8000"))
    # The one follow-up is past its 整改 date and still open: due, not on time.
    assert (total.follow_ups_due, total.follow_ups_on_time, total.on_time) == (1, 0, Decimal("0"))
    assert all(rating_figures.FORMULAS[k].zh for k in ("satisfaction", "dongguan", "participation", "on_time"))


def test_nothing_to_count_is_no_figure(desk: Desk) -> None:
    total = _figures(desk).total
    assert total.satisfaction is None and total.participation is None and not total.below_target


def test_a_voided_rating_leaves_the_figures(desk: Desk) -> None:
    _rate(desk, RatingLevel.SATISFIED)
    bad = _rate(desk, RatingLevel.VERY_DISSATISFIED)
    assert _figures(desk).total.satisfaction == Decimal("0.5000")
    with desk.db.session_factory.begin() as session:
        ratings.record_outcome(session, desk.head, bad.follow_up_id, FollowUpOutcome.APPEAL, "恶意差评", now=NOW)
        from app.models import RatingFollowUp

        session.get(RatingFollowUp, bad.follow_up_id).appeal_decision = "voided"  # as the county's decision arrives
    total = _figures(desk).total
    assert total.ratings == 1 and total.voided == 1 and total.satisfaction == Decimal("1.0000")


def test_per_worker_item_and_month(desk: Desk) -> None:
    _rate(desk, RatingLevel.SATISFIED)
    _rate(desk, RatingLevel.DISSATISFIED, actor=desk.head)
    by_worker = {r.label: r.satisfaction for r in _figures(desk, group="worker").rows}
    assert by_worker == {"李娜": Decimal("1.0000"), "王建国": Decimal("0")}
    assert [r.label for r in _figures(desk, group="item").rows] == ["养老认证"]
    assert [r.key for r in _figures(desk, group="month").rows] == ["2026-02"]
    assert _figures(desk, start=D("2026-03-01")).total.ratings == 0
