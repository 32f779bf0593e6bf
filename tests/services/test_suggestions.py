"""本人办过的事项: a returning resident's own items, most likely wanted first."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from app.models import CatalogItem
from app.models.vocabulary import IntakeOutcome
from app.services.case_detail import item_choices
from app.services.suggestions import DUE_LEAD_DAYS, _months_later, rank_own_items, score_item
from tests.services.desk import Desk, at

TODAY = date(2026, 12, 1)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def order(history: dict[str, list[date]], **periods: int) -> list[str]:
    return [own.code for own in rank_own_items(history, recurrence_months=periods, today=TODAY)]


def test_the_issue_case_pension_certification_due_again_beats_a_newer_item() -> None:
    # Mostly comes for 养老认证 (yearly, last done a year ago); got a social security card last month.
    history = {
        "RS-008": [ago(30)],
        "RS-002": [ago(365), ago(730), ago(1095)],
        "YB-003": [ago(90)],
        "MZ-004": [ago(150)],
        "SF-003": [ago(200)],
    }
    ranked = rank_own_items(history, recurrence_months={"RS-002": 12}, today=TODAY)
    assert ranked[0].code == "RS-002" and ranked[0].is_due and ranked[0].due_on == TODAY
    assert [own.code for own in ranked[1:]] == ["RS-008", "YB-003", "MZ-004", "SF-003"]  # then by recency


def test_frequency_beats_recency_between_items_that_do_not_recur() -> None:
    often = [ago(days) for days in (100, 200, 300, 400)]
    assert order({"OFTEN": often, "ONCE": [ago(3)]}) == ["OFTEN", "ONCE"]


def test_recency_decides_between_items_used_equally_often() -> None:
    assert order({"OLD": [ago(300)], "NEW": [ago(20)]}) == ["NEW", "OLD"]
    assert order({"A": [ago(50), ago(400)], "B": [ago(10), ago(400)]}) == ["B", "A"]


def test_a_recurring_item_done_within_its_period_goes_below_the_others() -> None:
    # 养老认证 done two months ago, three years running: settled for this year.
    settled = [ago(60), ago(425), ago(790)]
    ranked = rank_own_items({"RS-002": settled, "MZ-004": [ago(250)]}, recurrence_months={"RS-002": 12},
                            today=TODAY)
    assert [own.code for own in ranked] == ["MZ-004", "RS-002"]
    assert not ranked[1].is_due and ranked[1].due_on == date(2027, 10, 2)


def test_an_item_with_an_open_case_is_settled_and_goes_below_however_often_it_was_used() -> None:
    # 高龄津贴 taken in often, one case still being handled; 居住证 once, long ago.
    ranked = rank_own_items({"GA-004": [ago(1), ago(300), ago(600)], "GA-001": [ago(700)]},
                            recurrence_months={}, today=TODAY, open_items=frozenset({"GA-004"}))
    assert [own.code for own in ranked] == ["GA-001", "GA-004"]
    assert ranked[1].open_case and ranked[1].settled and not ranked[0].settled


def test_due_counts_from_a_month_before_the_period_runs_out() -> None:
    period_end = 365
    early = score_item([ago(period_end - DUE_LEAD_DAYS - 5)], recurrence_months=12, today=TODAY)
    within = score_item([ago(period_end - DUE_LEAD_DAYS + 5)], recurrence_months=12, today=TODAY)
    overdue = score_item([ago(500)], recurrence_months=12, today=TODAY)
    assert (early.is_due, within.is_due, overdue.is_due) == (False, True, True)
    # A monthly item is due a week early at most, not a month early.
    assert not score_item([ago(20)], recurrence_months=1, today=TODAY).is_due
    assert score_item([ago(24)], recurrence_months=1, today=TODAY).is_due


def test_two_due_items_are_ordered_by_frequency_and_recency() -> None:
    history = {"ONCE-DUE": [ago(370)], "OFTEN-DUE": [ago(380), ago(745), ago(1110)], "PLAIN": [ago(5)]}
    assert order(history, **{"ONCE-DUE": 12, "OFTEN-DUE": 12}) == ["OFTEN-DUE", "ONCE-DUE", "PLAIN"]


def test_ties_do_not_depend_on_the_order_the_history_was_read() -> None:
    history = {"B": [ago(10)], "A": [ago(10)], "C": [ago(10)]}
    assert order(history) == ["A", "B", "C"]
    assert order(dict(reversed(list(history.items())))) == ["A", "B", "C"]


def test_months_later_keeps_the_day_or_takes_the_months_last() -> None:
    assert _months_later(date(2025, 12, 1), 12) == date(2026, 12, 1)
    assert _months_later(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert _months_later(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert _months_later(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_item_choices_rank_the_residents_items_with_the_catalogs_period(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        session.execute(update(CatalogItem).where(CatalogItem.code == "OS").values(recurrence_months=12))
    desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT), now=at("2025-01-20"))
    desk.take_in(desk.request("CN", IntakeOutcome.ACCEPT), now=at("2025-12-15"))
    desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT), now=at("2025-11-02"))
    with desk.db.session_factory() as session:
        choices = item_choices(session, resident_id=desk.resident_id, today=date(2026, 1, 10))
        codes = {item.id: item.code for item in choices.items}
    assert [codes[i] for i in choices.resident_recent] == ["OS", "CN", "CM"]  # OS due again: a year on
    assert [own.code for own in choices.resident_items] == ["OS", "CN", "CM"]
    assert choices.resident_items[0].is_due and choices.resident_items[0].recurrence_months == 12
    with desk.db.session_factory() as session:
        settled = item_choices(session, resident_id=desk.resident_id, today=date(2025, 12, 16))
    assert [codes[i] for i in settled.resident_recent] == ["CN", "CM", "OS"]  # done this year already
