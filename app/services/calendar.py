"""工作日历 — working-day calendar for service deadlines (办理时限).

Service deadlines at a 便民服务中心 are counted in *working* days (工作日):
official public holidays (法定节假日) are skipped and the make-up working days
(调休上班, often a Saturday or Sunday) count.  The official schedule for year
Y is published by 国务院办公厅 (usually in November of Y-1) and is bundled
through the ``chinesecalendar`` package (import name ``chinese_calendar``).

When the package does not yet know a year, a center head or the county may
provide a *local calendar table* (本地日历表), a small CSV file::

    date,kind,name
    2027,全年,2027 年国务院办公厅通知
    2027-02-06,休,春节
    2027-02-20,班,春节调休上班

Resolution order for a given day:

1. a local override (本地调整) — always wins, also over official data;
2. the official schedule, if the package covers the year;
3. for a year without a schedule, the statutory holidays of
   《全国年节及纪念日放假办法》 (see :func:`statutory_holidays`);
4. otherwise Monday–Friday (周一至周五).

A year without a schedule is *provisional* (暂定): its statutory holidays are
known from the law, but the make-up working days (调休上班) and the weekday
given in lieu of a holiday that falls on a weekend (补假) are set each year by
the 国务院办公厅 notice and stay unknown until it arrives. Deadlines computed
across such a year are flagged provisional so that the UI can warn the clerk
(暂定，待国务院公布当年放假安排后复核).

Counting follows the rule 期间开始之日不计算在内: the start day itself is
never counted, so "5 working days from Friday" starts counting on the next
working day.

This module is pure Python: no Qt, no database.
"""

from __future__ import annotations

import bisect
import csv
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.services.errors import DomainError
from app.text import tr

try:  # pragma: no cover - exercised implicitly
    import chinese_calendar as _cc
except ImportError:  # pragma: no cover - the package is a hard dependency
    _cc = None

__all__ = [
    "CalendarFileError",
    "CalendarTable",
    "DayOverride",
    "Deadline",
    "WorkCalendar",
    "load_calendar_table",
    "parse_calendar_table",
    "statutory_holidays",
]

# ---------------------------------------------------------------------------
# Official data (法定节假日 / 调休) from chinese_calendar
# ---------------------------------------------------------------------------

#: English holiday labels used by ``chinese_calendar`` -> Chinese names.
_HOLIDAY_NAMES_ZH: Mapping[str, str] = MappingProxyType(
    {
        "New Year's Day": "元旦",
        "Spring Festival": "春节",
        "Tomb-sweeping Day": "清明节",
        "Labour Day": "劳动节",
        "Dragon Boat Festival": "端午节",
        "National Day": "国庆节",
        "Mid-autumn Festival": "中秋节",
        "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
    }
)

_MAKEUP_SUFFIX = "调休上班"


def _label_text(value: object) -> str:
    """Return the English label of a package entry.

    chinesecalendar 1.11 stores plain strings (``"Spring Festival"``); older
    or newer releases may store ``Holiday`` enum members or a comma-separated
    ``"Spring Festival,春节,7"`` value.  Normalise all of these.
    """
    raw = getattr(value, "value", value)
    return str(raw)


def _zh_name(value: object) -> str:
    """Chinese holiday name for a package entry (falls back to the raw label)."""
    text = _label_text(value)
    parts = [p.strip() for p in text.split(",")]
    # "Spring Festival,春节,7" style: prefer an explicit Chinese part.
    for part in parts[1:]:
        if part and any("\u4e00" <= ch <= "\u9fff" for ch in part):
            return part
    english = parts[0] if parts else text
    return _HOLIDAY_NAMES_ZH.get(english, english)


def _load_official() -> tuple[range, Mapping[date, str], Mapping[date, str]]:
    """Official holidays / make-up workdays and the year range they cover.

    The covered range mirrors the package's own validation (min..max year of
    its holiday table), so a newer package release extends it automatically.
    """
    if _cc is None:  # pragma: no cover
        return range(0), MappingProxyType({}), MappingProxyType({})
    holidays: dict[date, str] = {d: _zh_name(v) for d, v in _cc.holidays.items()}
    workdays: dict[date, str] = {
        d: _zh_name(v) + _MAKEUP_SUFFIX for d, v in _cc.workdays.items()
    }
    if not holidays:  # pragma: no cover
        return range(0), MappingProxyType({}), MappingProxyType({})
    years = {d.year for d in holidays}
    return (
        range(min(years), max(years) + 1),
        MappingProxyType(holidays),
        MappingProxyType(workdays),
    )


_OFFICIAL_YEARS, _OFFICIAL_HOLIDAYS, _OFFICIAL_WORKDAYS = _load_official()


# ---------------------------------------------------------------------------
# Statutory holidays (法定节假日) for years without a schedule
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _HolidayLaw:
    """One revision of 《全国年节及纪念日放假办法》 第二条 (全体公民放假的节日)."""

    since: int  # first calendar year the revision governs
    new_years_eve: bool  # 农历除夕 is one of the 春节 days
    spring_days: int  # 正月初一 and the days after it
    labour_days: int  # 5月1日 and the days after it


#: The revisions that named 清明、端午、中秋 (from 2008), newest last:
#: 2007-12-14 修订 (国务院令第513号, in force 2008-01-01): 春节 除夕、初一、初二;
#: 2013-12-11 修订 (国务院令第644号, in force 2014-01-01): 春节 初一至初三;
#: 2024-11-10 修订 (国务院令第795号, in force 2025-01-01): 春节 4 天
#: (除夕、正月初一至初三), 劳动节 2 天 (5月1日、2日).
_HOLIDAY_LAWS = (
    _HolidayLaw(since=2008, new_years_eve=True, spring_days=2, labour_days=1),
    _HolidayLaw(since=2014, new_years_eve=False, spring_days=3, labour_days=1),
    _HolidayLaw(since=2025, new_years_eve=True, spring_days=3, labour_days=2),
)


@functools.lru_cache(maxsize=64)
def statutory_holidays(year: int) -> Mapping[date, str]:
    """法定节假日 of ``year`` by 《全国年节及纪念日放假办法》 第二条, day -> name.

    The revision in force that year decides the days. Under the current text
    (2024 修订, 国务院令第795号, in force 2025-01-01) they are: 元旦 1 day
    (1月1日); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (农历清明
    当日, the day of the solar term); 劳动节 2 days (5月1日、2日); 端午节 1 day
    (农历五月初五); 中秋节 1 day (农历八月十五); 国庆节 3 days (10月1日至3日).
    Lunar dates and the 清明 solar term come from ``lunar_python``.

    Only the holidays themselves: 第六条's 补假 for a holiday on a weekend and
    the 调休 of 第七条 are set by each year's notice and cannot be derived.
    Empty before 2008 (no 清明、端午、中秋 yet) and outside
    ``YEAR_MIN..YEAR_MAX``. Cached: a lunar year costs ~10 ms to compute.
    """
    laws = [law for law in _HOLIDAY_LAWS if law.since <= year]
    if not laws or not YEAR_MIN <= year <= YEAR_MAX:
        return MappingProxyType({})
    law = laws[-1]
    # Imported here: only a year without a schedule needs it (~20 ms to import).
    from lunar_python import Lunar

    def solar(lunar: Any) -> date:
        return date.fromisoformat(str(lunar.getSolar().toYmd()))

    spring = solar(Lunar.fromYmd(year, 1, 1))
    days: list[tuple[date, str]] = [(date(year, 1, 1), "元旦")]
    if law.new_years_eve:
        days.append((spring - timedelta(days=1), "春节"))
    days += [(spring + timedelta(days=i), "春节") for i in range(law.spring_days)]
    qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]  # the solar term's day
    days.append((date.fromisoformat(str(qingming.toYmd())), "清明节"))
    days += [(date(year, 5, 1 + i), "劳动节") for i in range(law.labour_days)]
    days.append((solar(Lunar.fromYmd(year, 5, 5)), "端午节"))
    days += [(date(year, 10, 1 + i), "国庆节") for i in range(3)]
    days.append((solar(Lunar.fromYmd(year, 8, 15)), "中秋节"))
    names: dict[date, str] = {}
    for day, name in days:  # 中秋 can fall on 10月1日–3日: both names
        names[day] = f"{names[day]}、{name}" if day in names and name not in names[day] else name
    return MappingProxyType(dict(sorted(names.items())))


# ---------------------------------------------------------------------------
# Public value types
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DayOverride:
    """A local adjustment (本地调整) of one day.

    ``working=False`` makes the day a non-working day (休), ``working=True``
    makes it a working day (班, e.g. a 调休 Saturday).
    """

    day: date
    working: bool
    name: str = ""


@dataclass(frozen=True)
class Deadline:
    """Result of :meth:`WorkCalendar.deadline` (办理期限).

    ``provisional`` (暂定) is true when any year between the start and the due
    date has no published schedule; those years were counted with their
    statutory holidays but without the year's 调休 and 补假, and
    ``missing_years`` lists them.
    """

    due: date
    provisional: bool
    missing_years: tuple[int, ...]


@dataclass(frozen=True)
class _YearTable:
    """Per-year bitmap of working days plus prefix counts.

    ``prefix[i]`` is the number of working days among day-of-year indices
    ``0 .. i-1``; ``prefix[-1]`` is the year's total.
    """

    first_ordinal: int
    prefix: tuple[int, ...]

    @property
    def total(self) -> int:
        return self.prefix[-1]


def _as_date(d: date) -> date:
    """Accept ``datetime`` too (a ``date`` subclass) and drop the time part."""
    if isinstance(d, datetime):
        return d.date()
    if not isinstance(d, date):
        raise TypeError(f"expected datetime.date, got {type(d).__name__}")
    return d


# ---------------------------------------------------------------------------
# WorkCalendar
# ---------------------------------------------------------------------------


class WorkCalendar:
    """工作日历 — working-day calendar: official 节假日 and 调休 plus a local table.

    Instances are immutable; :meth:`with_local` returns a new calendar.
    Per-year working-day tables are computed lazily and cached per instance.
    """

    __slots__ = ("_overrides", "_published", "_use_official", "_years")

    def __init__(
        self,
        overrides: Iterable[DayOverride] = (),
        *,
        published_years: Iterable[int] = (),
        use_official: bool = True,
    ) -> None:
        table: dict[date, DayOverride] = {}
        for ov in overrides:
            if not isinstance(ov, DayOverride):
                raise TypeError(f"expected DayOverride, got {type(ov).__name__}")
            if isinstance(ov.day, datetime):
                ov = DayOverride(ov.day.date(), ov.working, ov.name)
            table[_as_date(ov.day)] = ov
        self._overrides: Mapping[date, DayOverride] = MappingProxyType(table)
        self._published: frozenset[int] = frozenset(int(y) for y in published_years)
        self._use_official = bool(use_official)
        self._years: dict[int, _YearTable] = {}

    # -- construction -----------------------------------------------------

    @classmethod
    def official(cls) -> WorkCalendar:
        """Calendar from the built-in official data alone (no local table)."""
        return cls()

    def with_local(
        self,
        overrides: Iterable[DayOverride],
        *,
        published_years: Iterable[int] = (),
    ) -> WorkCalendar:
        """New calendar with additional local entries; they win over official
        data and over this calendar's existing overrides for the same day."""
        merged = list(self._overrides.values())
        merged.extend(overrides)
        return type(self)(
            merged,
            published_years=self._published | frozenset(published_years),
            use_official=self._use_official,
        )

    # -- introspection ----------------------------------------------------

    @property
    def local_overrides(self) -> tuple[DayOverride, ...]:
        """Local overrides, sorted by day."""
        return tuple(self._overrides[d] for d in sorted(self._overrides))

    def official_years(self) -> range:
        """Years covered by the bundled official data (empty when disabled)."""
        return _OFFICIAL_YEARS if self._use_official else range(0)

    def is_published(self, year: int) -> bool:
        """Whether ``year`` has a complete schedule (official or local 全年)."""
        return year in self.official_years() or year in self._published

    def missing_years(self, a: date, b: date) -> tuple[int, ...]:
        """Years in ``[min(a, b), max(a, b)]`` without a published schedule."""
        lo, hi = sorted((_as_date(a).year, _as_date(b).year))
        return tuple(y for y in range(lo, hi + 1) if not self.is_published(y))

    # -- single days ------------------------------------------------------

    def _provisional_holidays(self, year: int) -> Mapping[date, str]:
        """The statutory holidays that stand in for a year's missing schedule;
        none once the year is published (officially or by a local 全年 table)."""
        return MappingProxyType({}) if self.is_published(year) else statutory_holidays(year)

    def _compute_working(self, d: date, provisional: Mapping[date, str]) -> bool:
        ov = self._overrides.get(d)
        if ov is not None:
            return ov.working
        if self._use_official and d.year in _OFFICIAL_YEARS:
            if d in _OFFICIAL_WORKDAYS:
                return True
            if d in _OFFICIAL_HOLIDAYS:
                return False
        if d in provisional:
            return False
        return d.weekday() < 5

    def is_working_day(self, d: date) -> bool:
        """是否工作日: local override > official > statutory holidays of an
        unpublished year > Monday–Friday."""
        d = _as_date(d)
        table = self._year_table(d.year)
        i = d.toordinal() - table.first_ordinal
        return table.prefix[i + 1] != table.prefix[i]

    def day_name(self, d: date) -> str:
        """Chinese name of the day's holiday or make-up day, else ``""``.

        Examples: ``"春节"``, ``"国庆节调休上班"``; a local override's own name
        wins.  An unnamed local override that agrees with the official kind
        keeps the official name; one that contradicts it has no name.  In an
        unpublished year the statutory holidays are named (provisionally).
        """
        d = _as_date(d)
        official_working: bool | None = None
        official_name = ""
        if self._use_official and d.year in _OFFICIAL_YEARS:
            if d in _OFFICIAL_WORKDAYS:
                official_working, official_name = True, _OFFICIAL_WORKDAYS[d]
            elif d in _OFFICIAL_HOLIDAYS:
                official_working, official_name = False, _OFFICIAL_HOLIDAYS[d]
        elif d in (provisional := self._provisional_holidays(d.year)):
            official_working, official_name = False, provisional[d]
        ov = self._overrides.get(d)
        if ov is None:
            return official_name
        if ov.name:
            return ov.name
        return official_name if official_working is ov.working else ""

    # -- per-year tables --------------------------------------------------

    def _year_table(self, year: int) -> _YearTable:
        table = self._years.get(year)
        if table is None:
            first = date(year, 1, 1)
            n_days = (date(year, 12, 31) - first).days + 1
            prefix = [0] * (n_days + 1)
            count = 0
            day = first
            one = timedelta(days=1)
            provisional = self._provisional_holidays(year)
            for i in range(n_days):
                if self._compute_working(day, provisional):
                    count += 1
                prefix[i + 1] = count
                if i + 1 < n_days:
                    day += one
            table = _YearTable(first.toordinal(), tuple(prefix))
            self._years[year] = table
        return table

    # -- counting ---------------------------------------------------------

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day AFTER ``start`` (期间开始之日不计算在内).

        The start day is never counted, whether or not it is a working day.
        ``n == 0`` returns ``start`` unchanged; ``n < 0`` raises ``ValueError``.
        """
        start = _as_date(start)
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int, got {type(n).__name__}")
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        if n == 0:
            return start
        year = start.year
        table = self._year_table(year)
        # Working days already "used" in this year up to and including start.
        base = table.prefix[start.toordinal() - table.first_ordinal + 1]
        remaining = n
        while True:
            available = table.total - base
            if remaining <= available:
                k = bisect.bisect_left(table.prefix, base + remaining)
                return date.fromordinal(table.first_ordinal + k - 1)
            remaining -= available
            year += 1
            if year > 9999:
                raise OverflowError("working-day count runs past date.max")
            table = self._year_table(year)
            base = 0

    def working_days_between(self, a: date, b: date) -> int:
        """Number of working days ``d`` with ``a < d <= b``.

        Negative of the reverse when ``b < a``; hence
        ``working_days_between(d, add_working_days(d, n)) == n``.
        """
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.working_days_between(b, a)
        ta = self._year_table(a.year)
        tb = self._year_table(b.year)
        count = tb.prefix[b.toordinal() - tb.first_ordinal + 1]
        count -= ta.prefix[a.toordinal() - ta.first_ordinal + 1]
        for year in range(a.year, b.year):
            count += self._year_table(year).total
        return count

    def deadline(self, start: date, n: int) -> Deadline:
        """办理期限: ``n`` working days after ``start``, flagged provisional when
        a year in between has no published schedule (counted with its statutory
        holidays only)."""
        start = _as_date(start)
        due = self.add_working_days(start, n)
        missing = self.missing_years(start, due)
        return Deadline(due=due, provisional=bool(missing), missing_years=missing)

    def __repr__(self) -> str:
        years = self.official_years()
        official = f"{years.start}-{years.stop - 1}" if years else "off"
        return (
            f"WorkCalendar(official={official}, overrides={len(self._overrides)}, "
            f"published_years={sorted(self._published)})"
        )


# ---------------------------------------------------------------------------
# Local calendar table (本地日历表) — CSV
# ---------------------------------------------------------------------------

YEAR_MIN = 2000
YEAR_MAX = 2100

_KIND_HOLIDAY = "holiday"
_KIND_WORKDAY = "workday"
_KIND_YEAR = "year"

_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "休": _KIND_HOLIDAY,
        "holiday": _KIND_HOLIDAY,
        "班": _KIND_WORKDAY,
        "workday": _KIND_WORKDAY,
        "全年": _KIND_YEAR,
        "year": _KIND_YEAR,
    }
)
_KIND_ZH: Mapping[str, str] = MappingProxyType(
    {_KIND_HOLIDAY: "休", _KIND_WORKDAY: "班", _KIND_YEAR: "全年"}
)

#: Accepted header spellings -> canonical column.  ``note``/``备注`` is ignored.
_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "date": "date",
        "日期": "date",
        "kind": "kind",
        "类型": "kind",
        "name": "name",
        "名称": "name",
        "note": "note",
        "备注": "note",
    }
)
_DEFAULT_ORDER = ("date", "kind", "name")

# YYYY-MM-DD; "/" and unpadded month/day are accepted because Excel rewrites
# dates as 2027/2/6 when it re-saves a CSV on a Chinese-locale Windows.
_DATE_RE = re.compile(r"^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$")
_YEAR_RE = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class CalendarTable:
    """Parsed local calendar table (本地日历表)."""

    overrides: tuple[DayOverride, ...]
    published_years: frozenset[int]


class CalendarFileError(DomainError):
    """The local calendar file is invalid; ``problems`` lists every problem
    found, each naming the file, line number (第 N 行) and field in Chinese."""

    def __init__(self, problems: Iterable[str], *, source: str = "") -> None:
        self.problems: list[str] = list(problems)
        self.source = source
        super().__init__("\n".join(self.problems), field="calendar_file")


def _where(source: str, line: int | None = None, field: str | None = None) -> str:
    """Where a problem is: ``"h.csv 第 3 行「date」："`` (file, line, field)."""
    parts = []
    if source:
        parts.append(source)
    if line is not None:
        parts.append(tr(f"第 {line} 行", f"line {line}"))
    prefix = " ".join(parts)
    if field is not None:
        prefix += tr(f"「{field}」", f" ({field})")
    return prefix + tr("：", ": ") if prefix else ""


_Row = tuple[int, list[str]]  # (line number, cells)

_KIND_HINT_ZH = "应为 休、班 或 全年（或 holiday、workday、year）"
_KIND_HINT_EN = "it should be 休, 班 or 全年 (or holiday, workday, year)"
_HEADER_HINT_ZH = "表头应为 date,kind,name"
_HEADER_HINT_EN = "the header should be date,kind,name"


def _content_rows(text: str) -> list[_Row]:
    """The rows that carry data: no blank lines, ``#`` comments or all-empty rows."""
    rows: list[_Row] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        cells = next(csv.reader([line]), [])
        if all(not c.strip() for c in cells):  # e.g. ",,," rows written by Excel
            continue
        rows.append((lineno, cells))
    return rows


class _TableReader:
    """One pass over a local calendar table that collects every problem
    instead of stopping at the first: a header step, then one step per row
    (a day row or a 全年 year row), then the cross-row checks."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []
        self.columns: dict[str, int] = {}
        self.kinds_by_day: dict[date, tuple[str, int]] = {}
        self.overrides: dict[date, DayOverride] = {}
        self.years: dict[int, int] = {}  # year -> line of its 全年 row

    def problem(self, message: str, line: int | None = None, field: str | None = None) -> None:
        self.problems.append(_where(self.source, line, field) + message)

    # -- header ---------------------------------------------------------------

    def read_header(self, rows: list[_Row]) -> list[_Row]:
        """Map the columns from the header row; the data rows that follow."""
        header_line, header_cells = rows[0]
        if any(c.strip().lower() in _COLUMNS for c in header_cells):
            data_rows = rows[1:]
            self._header_columns(header_line, header_cells)
        else:
            self.problem(tr("缺少表头，第一行数据之前应有一行「date,kind,name」",
                            "no header: a line “date,kind,name” should come before the first row"), header_line)
            data_rows = rows
        if "date" not in self.columns or "kind" not in self.columns:
            # Still validate the rows, assuming the documented column order.
            self.columns = {name: i for i, name in enumerate(_DEFAULT_ORDER)}
        if not data_rows:
            self.problem(tr("文件中只有表头，没有任何数据行", "the file holds only the header, no data rows"))
        return data_rows

    def _header_columns(self, line: int, cells: list[str]) -> None:
        for idx, cell in enumerate(cells):
            key = cell.strip().lower()
            if not key:
                continue
            canonical = _COLUMNS.get(key)
            if canonical is None:
                self.problem(tr(f"表头中的列「{cell.strip()}」无法识别，{_HEADER_HINT_ZH}",
                                f"the header column “{cell.strip()}” is not recognised; {_HEADER_HINT_EN}"), line)
            elif canonical in self.columns:
                self.problem(tr(f"表头中的列「{cell.strip()}」重复",
                                f"the header column “{cell.strip()}” appears twice"), line)
            else:
                self.columns[canonical] = idx
        for required in ("date", "kind"):
            if required not in self.columns:
                self.problem(tr(f"表头缺少「{required}」列，{_HEADER_HINT_ZH}",
                                f"the header lacks the “{required}” column; {_HEADER_HINT_EN}"), line)

    # -- rows -----------------------------------------------------------------

    def _cell(self, cells: list[str], column: str) -> str:
        idx = self.columns.get(column)
        if idx is None or idx >= len(cells):
            return ""
        return cells[idx].strip()

    def read_row(self, lineno: int, cells: list[str]) -> None:
        if len(cells) == 1 and "，" in cells[0]:
            self.problem(tr("使用了中文逗号「，」，请改用英文逗号「,」分隔各列",
                            "uses the Chinese comma “，”: separate the columns with an English comma “,”"), lineno)
            return
        width = max(self.columns.values()) + 1
        extra = [c for i, c in enumerate(cells) if i >= width and c.strip()]
        if extra:
            self.problem(tr(f"多出的内容「{extra[0].strip()}」不属于任何列，每行应为 date,kind,name",
                            f"the extra content “{extra[0].strip()}” belongs to no column; "
                            "each row should be date,kind,name"), lineno)
        raw_date = self._cell(cells, "date")
        kind = self._kind(lineno, self._cell(cells, "kind"))
        if not raw_date:
            self.problem(tr("日期为空", "the date is empty"), lineno, "date")
        elif kind == _KIND_YEAR:
            self._year_row(lineno, raw_date)
        else:
            self._day_row(lineno, raw_date, kind, self._cell(cells, "name"))

    def _kind(self, lineno: int, raw_kind: str) -> str | None:
        """The row's kind, or None (with a problem unless the date is wrong too)."""
        kind = _KINDS.get(raw_kind.lower()) if raw_kind else None
        if not raw_kind:
            self.problem(tr(f"类型为空，{_KIND_HINT_ZH}", f"the kind is empty; {_KIND_HINT_EN}"), lineno, "kind")
        elif kind is None:
            self.problem(tr(f"类型「{raw_kind}」无法识别，{_KIND_HINT_ZH}",
                            f"the kind “{raw_kind}” is not recognised; {_KIND_HINT_EN}"), lineno, "kind")
        return kind

    def _year_row(self, lineno: int, raw_date: str) -> None:
        """A 全年 row: the file carries this year completely."""
        if not _YEAR_RE.match(raw_date):
            self.problem(tr(f"「{raw_date}」不是年份，类型为「全年」时应填 4 位年份，如 2027",
                            f"“{raw_date}” is not a year; the kind “全年” (year) takes a 4-digit year such as 2027"),
                         lineno, "date")
            return
        year = int(raw_date)
        if not YEAR_MIN <= year <= YEAR_MAX:
            self.problem(tr(f"年份 {year} 超出范围（{YEAR_MIN}–{YEAR_MAX}）",
                            f"the year {year} is out of range ({YEAR_MIN}–{YEAR_MAX})"), lineno, "date")
            return
        self.years.setdefault(year, lineno)

    def _day_row(self, lineno: int, raw_date: str, kind: str | None, name: str) -> None:
        """A 休 or 班 row; the first row of a day wins, a contradicting one is a problem."""
        day = _parse_day(raw_date)
        if day is None:
            is_year = _YEAR_RE.match(raw_date)
            hint_zh = "；类型为「全年」时才填年份" if is_year else ""
            hint_en = "; a bare year is only for the kind “全年” (year)" if is_year else ""
            self.problem(tr(f"日期「{raw_date}」无效，应为 YYYY-MM-DD{hint_zh}",
                            f"the date “{raw_date}” is invalid; it should be YYYY-MM-DD{hint_en}"), lineno, "date")
            return
        if not YEAR_MIN <= day.year <= YEAR_MAX:
            self.problem(tr(f"日期「{raw_date}」的年份超出范围（{YEAR_MIN}–{YEAR_MAX}）",
                            f"the year of the date “{raw_date}” is out of range ({YEAR_MIN}–{YEAR_MAX})"),
                         lineno, "date")
            return
        if kind is None:
            return
        previous = self.kinds_by_day.get(day)
        if previous is not None:
            prev_kind, prev_line = previous
            if prev_kind != kind:
                self.problem(tr(f"日期 {day.isoformat()} 重复且类型矛盾：第 {prev_line} 行为「{_KIND_ZH[prev_kind]}」，"
                                f"本行为「{_KIND_ZH[kind]}」",
                                f"the date {day.isoformat()} appears twice with contradicting kinds: line {prev_line} "
                                f"says “{_KIND_ZH[prev_kind]}”, this line “{_KIND_ZH[kind]}”"), lineno, "kind")
            return  # same kind repeated: keep the first row
        self.kinds_by_day[day] = (kind, lineno)
        self.overrides[day] = DayOverride(day=day, working=(kind == _KIND_WORKDAY), name=name)

    # -- across rows ----------------------------------------------------------

    def check_declared_years(self) -> None:
        """A 全年 year must come with its days: an empty year is surely a mistake."""
        for year, lineno in sorted(self.years.items()):
            if not any(d.year == year for d in self.kinds_by_day):
                self.problem(tr(f"声明了 {year} 年全年安排，但文件中没有任何 {year} 年的日期",
                                f"declares the complete schedule of {year}, but the file has no date in {year}"),
                             lineno, "date")

    def table(self) -> CalendarTable:
        if self.problems:
            raise CalendarFileError(self.problems, source=self.source)
        return CalendarTable(
            overrides=tuple(self.overrides[d] for d in sorted(self.overrides)),
            published_years=frozenset(self.years),
        )


def _parse_day(raw: str) -> date | None:
    m = _DATE_RE.match(raw)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    except ValueError:
        return None


def parse_calendar_table(text: str, *, source: str = "") -> CalendarTable:
    """Parse and validate a local calendar table (CSV text).

    Format: optional ``#`` comment lines and blank lines, a header row
    ``date,kind,name`` (Chinese ``日期,类型,名称`` also accepted), then rows
    whose ``kind`` is ``休``/``holiday``, ``班``/``workday`` or
    ``全年``/``year`` (then ``date`` holds a 4-digit year that this file
    carries completely).  A leading UTF-8 BOM is ignored.

    Raises :class:`CalendarFileError` listing ALL problems found.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    rows = _content_rows(text)
    if not rows:
        raise CalendarFileError(
            [_where(source) + tr("文件为空，至少需要表头「date,kind,name」和一行数据",
                                 "the file is empty; it needs the header “date,kind,name” and at least one row")],
            source=source,
        )
    reader = _TableReader(source)
    for lineno, cells in reader.read_header(rows):
        reader.read_row(lineno, cells)
    reader.check_declared_years()
    return reader.table()


def load_calendar_table(path: Path) -> CalendarTable:
    """Read (UTF-8, BOM accepted) and parse a local calendar table file.

    Raises :class:`CalendarFileError` when the file is unreadable, is not
    UTF-8 (e.g. Excel's default GBK "CSV (逗号分隔)"), or is invalid.
    """
    path = Path(path)
    source = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise CalendarFileError(
            [_where(source) + tr(f"无法读取文件（{reason}）", f"cannot read the file ({reason})")], source=source
        ) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        lineno = data.count(b"\n", 0, exc.start) + 1
        raise CalendarFileError(
            [_where(source, lineno) + tr("文件不是 UTF-8 编码；请在 Excel 中「另存为」并选择「CSV UTF-8（逗号分隔）」",
                                         "the file is not UTF-8; in Excel, “Save As” and choose "
                                         "“CSV UTF-8 (Comma delimited)”")],
            source=source,
        ) from exc
    return parse_calendar_table(text, source=source)
