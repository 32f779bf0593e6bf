"""台账统计 at the county: the SQL tallies give the figures the desk's facts
give, towns and the county add up, and centers without data rank last."""
from __future__ import annotations

from datetime import date

import pytest

from app.services import statistics as st
from county_server.services import county_stats as cs
from tests.county.harness import County
from tests.county.stats_data import ZONE, populate

START, END, TODAY = date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 20)


@pytest.fixture
def county_db(county: County) -> County:
    with county.session() as session:
        populate(session, start=START)
    return county


@pytest.mark.parametrize("today", [TODAY, date(2026, 4, 15)])
def test_the_sql_tallies_give_the_figures_of_the_desks_own_computation(county_db: County, today: date) -> None:
    with county_db.db() as session:
        seen = cs.overview(session, start=START, end=END, today=today, zone=ZONE)
        calendar = cs.work_calendar(session)
        facts = cs.load_facts(session, start=START, end=END, zone=ZONE)
    assert len(seen.centers) == 4
    everything = st.Facts()
    for center in seen.centers:
        own = facts.get(center.center_id, st.Facts())
        expected = st.compute(own, start=START, end=END, today=today, calendar=calendar).total.values
        assert center.row.values == expected, center.code
        everything = st.Facts(*(a + b for a, b in zip(
            (everything.cases, everything.inquiries, everything.ratings, everything.complaints,
             everything.appointments),
            (own.cases, own.inquiries, own.ratings, own.complaints, own.appointments), strict=True)))
    whole = st.compute(everything, start=START, end=END, today=today, calendar=calendar).total.values
    assert seen.total.values == whole
    assert seen.total.values["accepted"] and seen.total.values["satisfaction"] is not None


def test_towns_roll_up_their_centers(county_db: County) -> None:
    with county_db.db() as session:
        seen = cs.overview(session, start=START, end=END, today=TODAY, zone=ZONE)
    towns = {row.label: row.values for row in seen.towns}
    assert set(towns) == {"东镇", "西镇", cs.NO_TOWN}
    for key in ("accepted", "completed", "overdue", "ratings", "complaints", "inquiries"):
        assert sum(int(v[key] or 0) for v in towns.values()) == seen.total.values[key]
        east = [c for c in seen.centers if c.town == "东镇"]
        assert towns["东镇"][key] == sum(int(c.row.values[key] or 0) for c in east)


def test_a_center_without_data_shows_dashes_and_ranks_last(county_db: County) -> None:
    with county_db.db() as session:
        seen = cs.overview(session, start=START, end=END, today=TODAY, zone=ZONE)
    empty = seen.centers[-1]
    assert not empty.has_data
    assert empty.row.shown("on_time_rate") == "—" and empty.row.shown("satisfaction") == "—"
    for key, higher in cs.RANKABLE.items():
        ranked = cs.rank(seen.centers, key)
        assert ranked[-1].center is empty and ranked[-1].rank is None, key
        values = [r.value for r in ranked if r.rank is not None]
        assert values == sorted(values, reverse=higher), key  # type: ignore[type-var]


def test_a_centers_drill_down_is_the_desks_computation(county_db: County) -> None:
    with county_db.db() as session:
        seen = cs.overview(session, start=START, end=END, today=TODAY, zone=ZONE)
        first = seen.centers[0]
        for group in (st.Group.ITEM, st.Group.DEPARTMENT, st.Group.WORKER, st.Group.MONTH):
            stats = cs.center_statistics(session, first.center_id, start=START, end=END, today=TODAY, zone=ZONE,
                                         group=group)
            assert stats.total.values == first.row.values
            assert stats.rows, group
        assert {r.label for r in cs.center_statistics(session, first.center_id, start=START, end=END, today=TODAY,
                                                      zone=ZONE, group=st.Group.DEPARTMENT).rows} <= {"民政", "人社", "—"}
