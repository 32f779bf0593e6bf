"""Tests for app.services.calendar (工作日历).

Expected dates were worked out by hand from the State Council notices for
2025 and 2026 (as bundled in chinesecalendar 1.11.0), not by calling the
function under test.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.services.calendar import (
    CalendarFileError,
    CalendarTable,
    DayOverride,
    Deadline,
    WorkCalendar,
    load_calendar_table,
    parse_calendar_table,
    statutory_holidays,
)

D = date.fromisoformat
EXAMPLE_CSV = (
    Path(__file__).resolve().parents[2]
    / "resources"
    / "calendar"
    / "local_calendar_example.csv"
)

OFFICIAL = WorkCalendar.official()

#: The 2027-specific tests assume the package does not know 2027 yet
#: (true for chinesecalendar 1.11.0).
needs_2027_unpublished = pytest.mark.skipif(
    2027 in OFFICIAL.official_years(),
    reason="installed chinesecalendar already covers 2027",
)


# ---------------------------------------------------------------------------
# Package facts the tests rely on (guards against silent data changes)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # 2025 春节: 01-28..02-04 off, make-up Sun 01-26 and Sat 02-08.
        ("2025-01-26", True),
        ("2025-01-27", True),
        ("2025-01-28", False),
        ("2025-02-03", False),
        ("2025-02-04", False),
        ("2025-02-05", True),
        ("2025-02-08", True),
        # 2025 国庆节+中秋节: 10-01..10-08 off, make-up Sun 09-28 and Sat 10-11.
        ("2025-09-28", True),
        ("2025-09-30", True),
        ("2025-10-01", False),
        ("2025-10-06", False),
        ("2025-10-08", False),
        ("2025-10-09", True),
        ("2025-10-11", True),
        # 2026 春节: 02-15..02-23 off, make-up Sat 02-14 and Sat 02-28.
        ("2026-02-14", True),
        ("2026-02-15", False),
        ("2026-02-23", False),
        ("2026-02-24", True),
        ("2026-02-28", True),
        # 2026 中秋节 09-25..09-27, 国庆节 10-01..10-07, make-up 09-20 and 10-10.
        ("2026-09-20", True),
        ("2026-09-25", False),
        ("2026-10-01", False),
        ("2026-10-07", False),
        ("2026-10-08", True),
        ("2026-10-10", True),
    ],
)
def test_official_days_match_package_and_calendar(day: str, working: bool) -> None:
    assert chinese_calendar.is_workday(D(day)) is working
    assert OFFICIAL.is_working_day(D(day)) is working


def test_official_years_derived_from_package() -> None:
    years = OFFICIAL.official_years()
    assert years.start == min(d.year for d in chinese_calendar.holidays)
    assert years.stop - 1 == max(d.year for d in chinese_calendar.holidays)
    assert 2004 in years and 2025 in years and 2026 in years
    assert OFFICIAL.is_published(2025)
    assert not OFFICIAL.is_published(years.start - 1)
    assert not OFFICIAL.is_published(years.stop)


def test_every_official_day_agrees_with_package() -> None:
    years = OFFICIAL.official_years()
    day = date(years.start, 1, 1)
    end = date(years.stop - 1, 12, 31)
    while day <= end:
        assert OFFICIAL.is_working_day(day) is chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_working_days_per_year() -> None:
    # 2025: 261 weekdays - 18 weekday holidays + 5 make-up days = 248.
    assert OFFICIAL.working_days_between(D("2024-12-31"), D("2025-12-31")) == 248
    # 2026: 261 weekdays - 19 weekday holidays + 6 make-up days = 248.
    assert OFFICIAL.working_days_between(D("2025-12-31"), D("2026-12-31")) == 248


# ---------------------------------------------------------------------------
# day_name
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2025-01-01", "元旦"),
        ("2025-01-28", "春节"),
        ("2025-02-01", "春节"),  # a weekend inside the holiday block
        ("2025-01-26", "春节调休上班"),
        ("2025-02-08", "春节调休上班"),
        ("2025-04-04", "清明节"),
        ("2025-05-01", "劳动节"),
        ("2025-05-31", "端午节"),
        ("2025-10-01", "国庆节"),
        ("2025-10-06", "中秋节"),  # the package labels this day Mid-autumn
        ("2025-09-28", "国庆节调休上班"),
        ("2025-10-11", "国庆节调休上班"),
        ("2026-02-14", "春节调休上班"),
        ("2026-09-25", "中秋节"),
        ("2025-03-03", ""),  # ordinary Monday
        ("2025-03-01", ""),  # ordinary Saturday
        ("2027-02-08", "春节"),  # unpublished year: the statutory holiday
        ("2027-02-09", ""),  # unpublished year: no 调休 known
    ],
)
def test_day_name(day: str, name: str) -> None:
    assert OFFICIAL.day_name(D(day)) == name


# ---------------------------------------------------------------------------
# add_working_days / working_days_between
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 2025 春节: Fri 01-24 -> Sun 01-26 (1), Mon 01-27 (2), then 02-05 (3),
        # 02-06 (4), 02-07 (5), Sat 02-08 (6), Mon 02-10 (7).
        ("2025-01-24", 1, "2025-01-26"),
        ("2025-01-24", 2, "2025-01-27"),
        ("2025-01-24", 3, "2025-02-05"),
        ("2025-01-24", 5, "2025-02-07"),
        ("2025-01-24", 6, "2025-02-08"),
        ("2025-01-24", 7, "2025-02-10"),
        ("2025-01-27", 1, "2025-02-05"),
        # 2025 国庆节: Fri 09-26 -> Sun 09-28 (1), 09-29 (2), 09-30 (3),
        # Thu 10-09 (4), 10-10 (5), Sat 10-11 (6), Mon 10-13 (7).
        ("2025-09-26", 1, "2025-09-28"),
        ("2025-09-26", 3, "2025-09-30"),
        ("2025-09-26", 4, "2025-10-09"),
        ("2025-09-26", 6, "2025-10-11"),
        ("2025-09-26", 7, "2025-10-13"),
        # 2026 春节: Fri 02-13 -> Sat 02-14 (1), Tue 02-24 (2), ..., Fri 02-27 (5),
        # Sat 02-28 (6), Mon 03-02 (7).
        ("2026-02-13", 1, "2026-02-14"),
        ("2026-02-13", 2, "2026-02-24"),
        ("2026-02-13", 5, "2026-02-27"),
        ("2026-02-13", 6, "2026-02-28"),
        ("2026-02-13", 7, "2026-03-02"),
        # 2026 中秋+国庆: Fri 09-18 -> Sun 09-20 (1), 09-21..09-24 (2..5),
        # 09-28..09-30 (6..8), Thu 10-08 (9), Fri 10-09 (10), Sat 10-10 (11).
        ("2026-09-18", 5, "2026-09-24"),
        ("2026-09-18", 6, "2026-09-28"),
        ("2026-09-18", 10, "2026-10-09"),
        ("2026-09-18", 11, "2026-10-10"),
        # 期间开始之日不计算在内: the start day never counts.
        ("2025-03-03", 1, "2025-03-04"),  # start on a working Monday
        ("2025-03-01", 1, "2025-03-03"),  # start on a Saturday
        ("2025-01-28", 1, "2025-02-05"),  # start inside the holiday
        ("2026-02-14", 1, "2026-02-24"),  # start on a make-up Saturday
        # Year boundary: Wed 2025-12-31 -> Fri 2026-01-02 is 元旦, Sun 01-04 is 班.
        ("2025-12-31", 1, "2026-01-04"),
        ("2025-12-31", 2, "2026-01-05"),
    ],
)
def test_add_working_days(start: str, n: int, expected: str) -> None:
    assert OFFICIAL.add_working_days(D(start), n) == D(expected)
    assert OFFICIAL.working_days_between(D(start), D(expected)) == n


@pytest.mark.parametrize("start", ["2025-03-03", "2025-03-01", "2025-01-28"])
def test_add_zero_returns_start_even_on_non_working_day(start: str) -> None:
    assert OFFICIAL.add_working_days(D(start), 0) == D(start)


def test_negative_n_raises() -> None:
    with pytest.raises(ValueError):
        OFFICIAL.add_working_days(D("2025-03-03"), -1)
    with pytest.raises(ValueError):
        OFFICIAL.deadline(D("2025-03-03"), -5)


def test_accepts_datetime() -> None:
    assert OFFICIAL.add_working_days(datetime(2025, 1, 24, 16, 30), 3) == D("2025-02-05")
    assert OFFICIAL.is_working_day(datetime(2025, 1, 28, 9, 0)) is False


def test_working_days_between_basics() -> None:
    a, b = D("2025-01-24"), D("2025-02-07")
    assert OFFICIAL.working_days_between(a, b) == 5
    assert OFFICIAL.working_days_between(b, a) == -5
    assert OFFICIAL.working_days_between(a, a) == 0
    # Entirely inside the 春节 holiday: nothing counted.
    assert OFFICIAL.working_days_between(D("2025-01-27"), D("2025-02-04")) == 0
    # a itself is excluded, b included.
    assert OFFICIAL.working_days_between(D("2025-03-02"), D("2025-03-03")) == 1
    assert OFFICIAL.working_days_between(D("2025-03-03"), D("2025-03-04")) == 1


def test_add_working_days_long_spans() -> None:
    # Whole-year hops must agree with the per-year totals.
    assert OFFICIAL.add_working_days(D("2024-12-31"), 248) == D("2025-12-31")
    assert OFFICIAL.add_working_days(D("2024-12-31"), 249) == D("2026-01-04")
    assert OFFICIAL.working_days_between(D("2004-01-01"), D("2026-12-31")) > 5000


def test_add_working_days_is_fast() -> None:
    cal = WorkCalendar.official()
    cal.add_working_days(D("2025-01-01"), 366)  # warm the per-year cache
    t0 = time.perf_counter()
    for i in range(2000):
        cal.add_working_days(D("2025-01-01") + timedelta(days=i % 365), 366)
    per_call = (time.perf_counter() - t0) / 2000
    assert per_call < 1e-3


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)),
    n=st.integers(min_value=0, max_value=60),
)
def test_property_between_inverts_add(start: date, n: int) -> None:
    due = OFFICIAL.add_working_days(start, n)
    assert OFFICIAL.working_days_between(start, due) == n
    assert OFFICIAL.working_days_between(due, start) == -n
    if n > 0:
        assert due > start
        assert OFFICIAL.is_working_day(due)
        # No earlier day reaches n: the day before due has only n - 1.
        assert OFFICIAL.working_days_between(start, due - timedelta(days=1)) == n - 1
    else:
        assert due == start


@settings(max_examples=200, deadline=None)
@given(
    a=st.dates(min_value=date(2024, 6, 1), max_value=date(2027, 6, 30)),
    span=st.integers(min_value=0, max_value=120),
)
def test_property_between_matches_brute_force(a: date, span: int) -> None:
    b = a + timedelta(days=span)
    brute = sum(
        OFFICIAL.is_working_day(a + timedelta(days=i)) for i in range(1, span + 1)
    )
    assert OFFICIAL.working_days_between(a, b) == brute


# ---------------------------------------------------------------------------
# Unpublished years (2027 with chinesecalendar 1.11.0)
# ---------------------------------------------------------------------------


@needs_2027_unpublished
def test_2027_is_not_published_and_counts_its_statutory_holidays() -> None:
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D("2027-01-04"))
    assert not OFFICIAL.is_published(2027)
    assert OFFICIAL.missing_years(D("2026-12-01"), D("2027-01-12")) == (2027,)
    assert OFFICIAL.missing_years(D("2027-01-12"), D("2026-12-01")) == (2027,)
    assert OFFICIAL.missing_years(D("2026-01-01"), D("2026-12-31")) == ()
    # 元旦: Fri 2027-01-01 is a holiday although its 补假/调休 are unknown.
    assert not OFFICIAL.is_working_day(D("2027-01-01"))
    assert OFFICIAL.day_name(D("2027-01-01")) == "元旦"
    assert not OFFICIAL.is_working_day(D("2027-01-02"))  # Saturday
    assert not OFFICIAL.is_working_day(D("2027-01-03"))  # Sunday
    assert OFFICIAL.add_working_days(D("2026-12-31"), 1) == D("2027-01-04")
    # 春节 2027: 除夕 Fri 02-05, 正月初一 Sat 02-06 .. 初三 Mon 02-08.
    for day in ("2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"):
        assert not OFFICIAL.is_working_day(D(day)), day
        assert OFFICIAL.day_name(D(day)) == "春节"
    assert OFFICIAL.is_working_day(D("2027-02-04"))  # 腊月廿八, a Thursday
    assert OFFICIAL.is_working_day(D("2027-02-09"))  # 初四: no 调休 known yet
    assert OFFICIAL.add_working_days(D("2027-02-04"), 1) == D("2027-02-09")
    # Weekend days are not made up: Sat 02-06 and Sun 02-07 cost nothing extra.
    assert OFFICIAL.working_days_between(D("2027-02-01"), D("2027-02-12")) == 7
    # 2027-03-01 Mon + 5 Monday–Friday days -> Mon 2027-03-08 (no holiday near).
    assert OFFICIAL.add_working_days(D("2027-03-01"), 5) == D("2027-03-08")


@needs_2027_unpublished
@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2027-04-05", "清明节"),  # Mon; the solar term 清明 falls on 04-05 in 2027
        ("2027-06-09", "端午节"),  # Wed, 五月初五
        ("2027-09-15", "中秋节"),  # Wed, 八月十五
        ("2027-10-01", "国庆节"),
        ("2027-10-02", "国庆节"),
        ("2027-10-03", "国庆节"),
        ("2027-05-01", "劳动节"),
        ("2027-05-02", "劳动节"),
    ],
)
def test_2027_lunar_and_solar_term_holidays(day: str, name: str) -> None:
    assert not OFFICIAL.is_working_day(D(day))
    assert OFFICIAL.day_name(D(day)) == name


@needs_2027_unpublished
def test_2027_working_days_count_the_weekday_holidays() -> None:
    # 2027 has 261 weekdays; its statutory holidays on a weekday are
    # 01-01, 02-05, 02-08, 04-05, 06-09, 09-15, 10-01 (Fri) -> 254.
    assert OFFICIAL.working_days_between(D("2026-12-31"), D("2027-12-31")) == 261 - 7


@needs_2027_unpublished
def test_deadline_provisional_across_2027() -> None:
    # Tue 2026-12-01 + 30: December 2026 has 22 working days after the 1st
    # (12-02..12-31, no holidays); 2027: 01-01 is 元旦, 01-04..01-08 (23..27),
    # 01-11..01-13 (28..30).
    result = OFFICIAL.deadline(D("2026-12-01"), 30)
    assert result == Deadline(due=D("2027-01-13"), provisional=True, missing_years=(2027,))


# Dates that are checked by hand against the solar term 清明 (4 or 5 April)
# and the lunar 春节, 端午, 中秋 of 2020-2030.
KNOWN_DATES = {
    2020: ("2020-04-04", "2020-01-25", "2020-06-25", "2020-10-01"),
    2021: ("2021-04-04", "2021-02-12", "2021-06-14", "2021-09-21"),
    2022: ("2022-04-05", "2022-02-01", "2022-06-03", "2022-09-10"),
    2023: ("2023-04-05", "2023-01-22", "2023-06-22", "2023-09-29"),
    2024: ("2024-04-04", "2024-02-10", "2024-06-10", "2024-09-17"),
    2025: ("2025-04-04", "2025-01-29", "2025-05-31", "2025-10-06"),
    2026: ("2026-04-05", "2026-02-17", "2026-06-19", "2026-09-25"),
    2027: ("2027-04-05", "2027-02-06", "2027-06-09", "2027-09-15"),
    2028: ("2028-04-04", "2028-01-26", "2028-05-28", "2028-10-03"),
    2029: ("2029-04-04", "2029-02-13", "2029-06-16", "2029-09-22"),
    2030: ("2030-04-05", "2030-02-03", "2030-06-05", "2030-09-12"),
}


@pytest.mark.parametrize("year", sorted(KNOWN_DATES))
def test_statutory_holidays_known_dates(year: int) -> None:
    qingming, spring, dragon_boat, mid_autumn = map(D, KNOWN_DATES[year])
    holidays = statutory_holidays(year)
    assert holidays[qingming] == "清明节"
    assert holidays[spring] == "春节"
    assert holidays[dragon_boat] == "端午节"
    assert "中秋节" in holidays[mid_autumn]
    assert holidays[date(year, 1, 1)] == "元旦"
    assert {date(year, 10, d) for d in (1, 2, 3)} <= set(holidays)


def test_statutory_holidays_follow_the_revision_in_force() -> None:
    # 2013 修订 (2014-2024): 春节 正月初一至初三, 劳动节 5月1日.
    h2024 = statutory_holidays(2024)
    assert [d for d, n in h2024.items() if n == "春节"] == [D("2024-02-10"), D("2024-02-11"), D("2024-02-12")]
    assert [d for d, n in h2024.items() if n == "劳动节"] == [D("2024-05-01")]
    assert len(h2024) == 11
    # 2024 修订 (国务院令第795号, from 2025): 除夕 added, 劳动节 2 days -> 13 days.
    h2027 = statutory_holidays(2027)
    assert [d for d, n in h2027.items() if n == "春节"] == [D("2027-02-05") + timedelta(days=i) for i in range(4)]
    assert [d for d, n in h2027.items() if n == "劳动节"] == [D("2027-05-01"), D("2027-05-02")]
    assert len(h2027) == 13
    # 2020: 中秋 fell on 10月1日; one day carries both names.
    assert statutory_holidays(2020)[D("2020-10-01")] == "国庆节、中秋节"
    assert statutory_holidays(1999) == {}  # before 清明/端午/中秋 were holidays
    assert statutory_holidays(2101) == {}  # outside the supported years


def test_statutory_holidays_agree_with_the_official_schedules() -> None:
    """Every statutory holiday computed from the law is a holiday in the
    official schedule of 2019-2026 (the schedules only add 调休 around them)."""
    for year in range(2019, 2027):
        assert year in OFFICIAL.official_years()
        for day, name in statutory_holidays(year).items():
            assert chinese_calendar.is_holiday(day), (day, name)
            assert not OFFICIAL.is_working_day(day), (day, name)


def test_a_published_year_ignores_the_statutory_estimate() -> None:
    # 2025 is official: its make-up Sunday 01-26 works although near 春节.
    assert OFFICIAL.is_working_day(D("2025-01-26"))
    # A local 全年 table replaces the estimate: unlisted days are Monday–Friday.
    table = parse_calendar_table("date,kind,name\n2027,全年,\n2027-02-06,休,春节\n")
    cal = OFFICIAL.with_local(table.overrides, published_years=table.published_years)
    assert cal.is_working_day(D("2027-01-01"))
    assert cal.day_name(D("2027-01-01")) == ""
    # A local day without 全年 sits on top of the estimate.
    partial = OFFICIAL.with_local([DayOverride(D("2027-02-09"), False, "春节")])
    assert not partial.is_working_day(D("2027-02-08"))
    assert not partial.is_working_day(D("2027-02-09"))
    assert not partial.is_published(2027)


def test_deadline_within_published_years_is_final() -> None:
    result = OFFICIAL.deadline(D("2025-01-24"), 5)
    assert result == Deadline(due=D("2025-02-07"), provisional=False, missing_years=())
    assert OFFICIAL.deadline(D("2025-03-03"), 0) == Deadline(D("2025-03-03"), False, ())


def test_deadline_in_year_before_package_range_is_provisional() -> None:
    first = OFFICIAL.official_years().start
    result = OFFICIAL.deadline(date(first - 1, 3, 1), 1)
    assert result.provisional
    assert result.missing_years == (first - 1,)


# ---------------------------------------------------------------------------
# Local table (本地日历表) on top of the official data
# ---------------------------------------------------------------------------

LOCAL_2027 = """\
# 2027 schedule as distributed by the county (test data, not official)
date,kind,name
2027,全年,2027 年安排
2027-01-01,休,元旦
2027-02-05,休,春节
2027-02-08,休,春节
2027-02-09,休,春节
2027-02-10,休,春节
2027-02-11,休,春节
2027-02-20,班,春节调休上班
2025-03-03,休,本地停电
2025-10-08,班,国庆节（本地更正）
"""


def test_local_table_publishes_2027_and_overrides_win() -> None:
    table = parse_calendar_table(LOCAL_2027, source="county.csv")
    assert table.published_years == frozenset({2027})
    cal = OFFICIAL.with_local(table.overrides, published_years=table.published_years)

    assert cal.is_published(2027)
    assert cal.missing_years(D("2026-12-01"), D("2027-03-01")) == ()

    # Local holidays in 2027.
    assert not cal.is_working_day(D("2027-01-01"))
    assert not cal.is_working_day(D("2027-02-08"))
    assert cal.day_name(D("2027-02-08")) == "春节"
    # Local make-up Saturday.
    assert cal.is_working_day(D("2027-02-20"))
    assert cal.day_name(D("2027-02-20")) == "春节调休上班"
    # Unlisted 2027 days keep Monday–Friday.
    assert cal.is_working_day(D("2027-02-12"))
    assert not cal.is_working_day(D("2027-02-13"))

    # Thu 2027-02-04 + 1: Fri 02-05 off, Mon 02-08..Thu 02-11 off -> Fri 02-12.
    # Weekend 02-13/14, then Mon 02-15..Fri 02-19 (2..6), Sat 02-20 make-up (7),
    # Mon 02-22 (8).
    assert cal.add_working_days(D("2027-02-04"), 1) == D("2027-02-12")
    assert cal.add_working_days(D("2027-02-04"), 2) == D("2027-02-15")
    assert cal.add_working_days(D("2027-02-04"), 7) == D("2027-02-20")
    assert cal.add_working_days(D("2027-02-04"), 8) == D("2027-02-22")
    assert cal.deadline(D("2027-02-04"), 8) == Deadline(D("2027-02-22"), False, ())

    # A local holiday on an ordinary official working day wins.
    assert not cal.is_working_day(D("2025-03-03"))
    assert cal.day_name(D("2025-03-03")) == "本地停电"
    assert cal.add_working_days(D("2025-02-28"), 1) == D("2025-03-04")
    # A correction of an official holiday wins too.
    assert OFFICIAL.is_working_day(D("2025-10-08")) is False
    assert cal.is_working_day(D("2025-10-08"))
    assert cal.day_name(D("2025-10-08")) == "国庆节（本地更正）"
    # Everything else still comes from the official data.
    assert not cal.is_working_day(D("2025-10-07"))
    assert cal.is_working_day(D("2025-10-11"))
    # The original calendar is unchanged (immutability).
    assert OFFICIAL.is_working_day(D("2025-03-03"))


def test_with_local_later_entries_win_and_names_fall_back() -> None:
    first = OFFICIAL.with_local([DayOverride(D("2025-02-08"), False, "取消补班")])
    assert not first.is_working_day(D("2025-02-08"))
    second = first.with_local([DayOverride(D("2025-02-08"), True)])
    assert second.is_working_day(D("2025-02-08"))
    # Unnamed override agreeing with the official kind keeps the official name.
    assert second.day_name(D("2025-02-08")) == "春节调休上班"
    # Unnamed override contradicting the official kind has no name.
    third = OFFICIAL.with_local([DayOverride(D("2025-02-08"), False)])
    assert third.day_name(D("2025-02-08")) == ""


def test_constructor_without_official_data() -> None:
    cal = WorkCalendar(
        [DayOverride(D("2025-01-28"), False, "春节")],
        published_years=[2025],
        use_official=False,
    )
    assert cal.official_years() == range(0)
    assert len(cal.official_years()) == 0
    assert cal.is_published(2025)
    assert not cal.is_published(2026)
    assert not cal.is_working_day(D("2025-01-28"))
    assert cal.is_working_day(D("2025-01-29"))  # official holiday ignored
    assert not cal.is_working_day(D("2025-01-26"))  # official make-up ignored
    assert cal.day_name(D("2025-01-29")) == ""
    assert cal.with_local([]).official_years() == range(0)


# ---------------------------------------------------------------------------
# Parsing the local table
# ---------------------------------------------------------------------------


def test_parse_accepts_bom_comments_english_kinds_and_excel_quirks() -> None:
    text = (
        "\ufeff# 本地日历\n"
        "\n"
        "date,kind,name\n"
        "2027,YEAR,\n"
        "2027-02-05,Holiday,春节\n"
        "2027/2/8,休,春节\n"  # Excel re-save style
        "2027-02-20,workday,\n"
        "2027-02-20,班,春节调休上班\n"  # same date, same kind: harmless
        ",,\n"  # blank row written by Excel
        "  # indented comment\n"
    )
    table = parse_calendar_table(text, source="a.csv")
    assert isinstance(table, CalendarTable)
    assert table.published_years == frozenset({2027})
    assert table.overrides == (
        DayOverride(D("2027-02-05"), False, "春节"),
        DayOverride(D("2027-02-08"), False, "春节"),
        DayOverride(D("2027-02-20"), True, ""),
    )


def test_parse_chinese_header_and_column_order() -> None:
    table = parse_calendar_table("类型,日期,名称\n休,2027-02-05,春节\n")
    assert table.overrides == (DayOverride(D("2027-02-05"), False, "春节"),)


def test_parse_collects_all_problems_with_line_numbers() -> None:
    text = (
        "# comment\n"  # 1
        "date,kind,name\n"  # 2
        "2027-02-30,休,x\n"  # 3 bad date
        "2027-02-06,放假,x\n"  # 4 bad kind
        "2027-02-08,休,春节\n"  # 5
        "2027-02-08,班,补班\n"  # 6 conflicting duplicate
        "1999-01-01,休,x\n"  # 7 out of range
        "3000,全年,\n"  # 8 year out of range
        "2027-03-01,,x\n"  # 9 empty kind
        "2027-3-32,workday,\n"  # 10 bad date
    )
    with pytest.raises(CalendarFileError) as info:
        parse_calendar_table(text, source="holidays.csv")
    problems = info.value.problems
    assert isinstance(info.value, ValueError)
    assert len(problems) == 7, problems
    assert problems[0] == "holidays.csv 第 3 行「date」：日期「2027-02-30」无效，应为 YYYY-MM-DD"
    joined = "\n".join(problems)
    for line in (3, 4, 6, 7, 8, 9, 10):
        assert f"holidays.csv 第 {line} 行" in joined
    assert "第 5 行" in problems[2] and "第 6 行" in problems[2]  # conflict names both
    assert "「kind」" in problems[1] and "放假" in problems[1]
    assert "2000–2100" in problems[3] and "2000–2100" in problems[4]
    assert str(info.value) == joined


def test_parse_bad_kind() -> None:
    with pytest.raises(CalendarFileError) as info:
        parse_calendar_table("date,kind,name\n2027-02-06,rest,春节\n", source="x.csv")
    (problem,) = info.value.problems
    assert problem.startswith("x.csv 第 2 行「kind」")
    assert "rest" in problem and "休" in problem and "班" in problem


def test_parse_conflicting_duplicates() -> None:
    text = "date,kind,name\n2027-02-06,休,\n2027-02-07,休,\n2027-02-06,workday,\n"
    with pytest.raises(CalendarFileError) as info:
        parse_calendar_table(text)
    (problem,) = info.value.problems
    assert problem.startswith("第 4 行")
    assert "2027-02-06" in problem and "第 2 行" in problem


@pytest.mark.parametrize("text", ["", "\ufeff", "   \n\n", "# only comments\n#\n"])
def test_parse_empty_file(text: str) -> None:
    with pytest.raises(CalendarFileError) as info:
        parse_calendar_table(text, source="empty.csv")
    (problem,) = info.value.problems
    assert problem.startswith("empty.csv")
    assert "空" in problem


def test_parse_header_only() -> None:
    with pytest.raises(CalendarFileError) as info:
        parse_calendar_table("date,kind,name\n")
    assert any("没有任何数据行" in p for p in info.value.problems)


def test_parse_missing_header_still_checks_rows() -> None:
    with pytest.raises(CalendarFileError) as info:
        parse_calendar_table("2027-02-05,休,春节\n2027-02-31,休,春节\n", source="h.csv")
    problems = info.value.problems
    assert len(problems) == 2
    assert problems[0].startswith("h.csv 第 1 行") and "表头" in problems[0]
    assert problems[1].startswith("h.csv 第 2 行「date」")


def test_parse_header_problems() -> None:
    with pytest.raises(CalendarFileError) as info:
        parse_calendar_table("date,nmae\n2027-02-05,休\n")
    joined = "\n".join(info.value.problems)
    assert "nmae" in joined
    assert "kind" in joined


def test_parse_year_row_problems() -> None:
    text = "date,kind,name\n2027-01-01,全年,\n2028,全年,\n2027-02-05,休,\n"
    with pytest.raises(CalendarFileError) as info:
        parse_calendar_table(text)
    problems = info.value.problems
    assert len(problems) == 2
    assert problems[0].startswith("第 2 行「date」") and "4 位年份" in problems[0]
    # 全年 declared for 2028 but no 2028 dates: almost certainly a typo.
    assert problems[1].startswith("第 3 行「date」") and "2028" in problems[1]


def test_parse_fullwidth_comma_hint() -> None:
    with pytest.raises(CalendarFileError) as info:
        parse_calendar_table("date,kind,name\n2027-02-05，休，春节\n")
    (problem,) = info.value.problems
    assert "第 2 行" in problem and "英文逗号" in problem


def test_parse_extra_column_content() -> None:
    with pytest.raises(CalendarFileError) as info:
        parse_calendar_table("date,kind,name\n2027-02-05,休,春节,多余\n")
    (problem,) = info.value.problems
    assert "第 2 行" in problem and "多余" in problem
    # Trailing empty cells (Excel) are fine.
    assert parse_calendar_table("date,kind,name,,\n2027-02-05,休,春节,,\n").overrides


# ---------------------------------------------------------------------------
# Loading files
# ---------------------------------------------------------------------------


def test_load_utf8_sig_file(tmp_path: Path) -> None:
    path = tmp_path / "local.csv"
    path.write_bytes("date,kind,name\r\n2027-02-05,休,春节\r\n".encode("utf-8-sig"))
    table = load_calendar_table(path)
    assert table.overrides == (DayOverride(D("2027-02-05"), False, "春节"),)


def test_load_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("date,kind,name\n2027-02-05,休,春节\n".encode("gbk"))
    with pytest.raises(CalendarFileError) as info:
        load_calendar_table(path)
    (problem,) = info.value.problems
    assert problem.startswith("gbk.csv 第 2 行") and "UTF-8" in problem


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CalendarFileError) as info:
        load_calendar_table(tmp_path / "nope.csv")
    (problem,) = info.value.problems
    assert problem.startswith("nope.csv") and "无法读取" in problem


def test_load_reports_file_name_in_problems(tmp_path: Path) -> None:
    path = tmp_path / "holidays.csv"
    path.write_text("date,kind,name\n2027-02-30,休,x\n", encoding="utf-8")
    with pytest.raises(CalendarFileError) as info:
        load_calendar_table(path)
    assert info.value.problems == [
        "holidays.csv 第 2 行「date」：日期「2027-02-30」无效，应为 YYYY-MM-DD"
    ]


def test_example_file_parses_and_is_not_declared_published() -> None:
    text = EXAMPLE_CSV.read_text(encoding="utf-8-sig")
    assert "# 2027,全年," in text  # syntax shown, but commented out
    assert "国务院办公厅" in text and "示例" in text
    table = load_calendar_table(EXAMPLE_CSV)
    assert table.published_years == frozenset()
    assert table.overrides
    assert all(ov.day.year == 2027 for ov in table.overrides)
    cal = OFFICIAL.with_local(table.overrides, published_years=table.published_years)
    # Example data must never make 2027 look final.
    if 2027 not in OFFICIAL.official_years():
        assert cal.deadline(D("2027-03-01"), 5).provisional
