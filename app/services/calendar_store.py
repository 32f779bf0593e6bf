"""The local calendar table in the database (本地日历表), and the calendar
that deadlines are counted with: official data plus local entries.

A table that publishes a year (全年) replaces that year's provisional
counting, so the open deadlines reaching into it are counted again
(app.services.deadline_review) in the same transaction."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import CalendarDay, CalendarYear
from app.services import audit
from app.services.calendar import CalendarTable, DayOverride, WorkCalendar
from app.services.context import Actor
from app.services.deadline_review import DeadlineChange, recount_open_deadlines
from app.services.text_input import check_text
from app.text import Text


def load_work_calendar(session: Session) -> WorkCalendar:
    """Official schedule with the local table's days and published years on top."""
    overrides = [DayOverride(row.day, row.working, row.name) for row in session.scalars(select(CalendarDay))]
    years = session.scalars(select(CalendarYear.year)).all()
    return WorkCalendar.official().with_local(overrides, published_years=years)


@dataclass(frozen=True)
class CalendarImportSummary:
    days: int
    years: tuple[int, ...]
    # Open cases whose deadlines were counted again on the years that arrived.
    recounted: tuple[DeadlineChange, ...] = field(default=())

    @property
    def moved(self) -> int:
        """How many cases have a new date (listed under 需要处理)."""
        return sum(1 for change in self.recounted if change.moved)


def import_calendar_table(
    session: Session,
    table: CalendarTable,
    *,
    actor: Actor | None,
    source: str = "local",
    note: str = "",
) -> CalendarImportSummary:
    """Store a parsed table; an entry for a day replaces the earlier one."""
    days = list(table.overrides)
    for override in days:
        check_text(override.name, field="name", label=Text(f"{override.day.isoformat()} 的名称",
                                                            f"The name of {override.day.isoformat()}"))
    check_text(note, field="note", label=Text("说明", "The note"), multiline=True)
    if days:
        session.execute(delete(CalendarDay).where(CalendarDay.day.in_([d.day for d in days])))
    for override in days:
        session.add(
            CalendarDay(
                day=override.day,
                working=override.working,
                name=override.name,
                source=source,
                updated_by=actor.staff_id if actor else None,
            )
        )
    for year in sorted(table.published_years):
        existing = session.get(CalendarYear, year)
        if existing is None:
            session.add(CalendarYear(year=year, source=source, note=note[:200]))
        else:
            existing.source, existing.note = source, note[:200]
    years = tuple(sorted(table.published_years))
    audit.record(
        session, actor, "import", entity="calendar",
        summary=f"导入工作日历：{len(days)} 天，全年安排 {', '.join(map(str, years)) or '无'}",
    )
    session.flush()
    review = recount_open_deadlines(session, load_work_calendar(session), years=years, actor=actor, source=source)
    return CalendarImportSummary(days=len(days), years=years, recounted=review.changes)
