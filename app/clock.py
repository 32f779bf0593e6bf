"""Time helpers: everything is stored in UTC and shown in local time."""
from __future__ import annotations

from datetime import date, datetime, timezone


def utcnow() -> datetime:
    """The current time as an aware UTC datetime (what the database stores)."""
    return datetime.now(timezone.utc)


def to_local(moment: datetime) -> datetime:
    """An aware datetime converted to the PC's local time zone, for display."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: times are stored as aware UTC")
    return moment.astimezone()


def local_today() -> date:
    """Today's date at the desk (deadlines are counted in local dates)."""
    return datetime.now().astimezone().date()


def format_local(moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC time as local text, or "" for None."""
    return "" if moment is None else to_local(moment).strftime(fmt)
