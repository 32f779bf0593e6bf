"""本地日历表 in the database: local days and published years reach the deadlines."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.db import Database
from app.models import AuditEntry, CalendarDay, CalendarYear
from app.services.calendar import parse_calendar_table
from app.services.calendar_store import import_calendar_table, load_work_calendar

D = date.fromisoformat


def _import(db: Database, csv: str, *, source: str = "local", note: str = "") -> None:
    with db.session_factory.begin() as session:
        import_calendar_table(session, parse_calendar_table(csv, source="t.csv"), actor=None, source=source, note=note)


def test_without_a_local_table_the_official_calendar_counts(db: Database) -> None:
    with db.session_factory() as session:
        calendar = load_work_calendar(session)
    assert calendar.add_working_days(D("2026-02-12"), 5) == D("2026-02-26")
    assert calendar.local_overrides == ()


def test_a_local_holiday_moves_the_deadline_and_a_later_entry_replaces_it(db: Database) -> None:
    _import(db, "date,kind,name\n2026-02-13,休,村里停电\n")
    with db.session_factory() as session:
        calendar = load_work_calendar(session)
        (row,) = session.scalars(select(CalendarDay)).all()
    assert (row.day, row.working, row.name, row.source) == (D("2026-02-13"), False, "村里停电", "local")
    assert not calendar.is_working_day(D("2026-02-13"))
    # 14 (调休), 24, 25, 26, 27 Feb.
    assert calendar.add_working_days(D("2026-02-12"), 5) == D("2026-02-27")

    _import(db, "date,kind,name\n2026-02-13,班,恢复上班\n", source="county")
    with db.session_factory() as session:
        rows = session.scalars(select(CalendarDay)).all()
        calendar = load_work_calendar(session)
    assert [(r.day, r.working, r.source) for r in rows] == [(D("2026-02-13"), True, "county")]
    assert calendar.add_working_days(D("2026-02-12"), 5) == D("2026-02-26")


def test_a_published_year_makes_its_deadlines_final(db: Database) -> None:
    with db.session_factory() as session:
        assert load_work_calendar(session).deadline(D("2026-12-20"), 20).provisional
    _import(db, "date,kind,name\n2027,全年,县里下发\n2027-01-01,休,元旦\n", source="county", note="县政务办通知")
    with db.session_factory() as session:
        calendar = load_work_calendar(session)
        year = session.get(CalendarYear, 2027)
        entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "calendar")).all()
    assert (year.source, year.note) == ("county", "县政务办通知")
    assert not calendar.deadline(D("2026-12-20"), 20).provisional
    assert not calendar.is_working_day(D("2027-01-01"))
    assert len(entries) == 1 and "2027" in entries[0].summary
    # Importing the year again updates it instead of failing on the key.
    _import(db, "date,kind,name\n2027,全年,\n2027-01-01,休,元旦\n", source="local", note="再次导入")
    with db.session_factory() as session:
        assert session.get(CalendarYear, 2027).note == "再次导入"
        assert len(session.scalars(select(CalendarYear)).all()) == 1
