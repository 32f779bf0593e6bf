"""开放时间 — when the center's windows are open for appointments.

Opening hours are the center's own, and separate from the legal working days
that count deadlines (:class:`~app.services.calendar.WorkCalendar`): 延时 /
错时 service (open after hours or over lunch) and 周末值班 (weekend duty,
"5+X") open the windows without making a day a working day for a deadline.
The calendar is asked one thing only: is this day a working day, a plain
weekend, or a holiday (closed).

Kept as one setting (``opening_hours``), with the appointment slot length per
item (by item code, so a new catalog version keeps it) or the default.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.services import audit, settings
from app.services.calendar import WorkCalendar
from app.services.context import Actor
from app.services.errors import DomainError, PermissionDenied
from app.text import Text, tr

OPENING_HOURS = settings.SettingSpec("opening_hours", {}, dict)

KIND_REGULAR = "regular"  # 正常办公
KIND_EXTENDED = "extended"  # 延时 / 错时
KIND_WEEKEND_DUTY = "weekend_duty"  # 周末值班
PERIOD_KINDS: Mapping[str, Text] = {
    KIND_REGULAR: Text("正常办公", "Regular hours"),
    KIND_EXTENDED: Text("延时/错时服务", "Extended hours"),
    KIND_WEEKEND_DUTY: Text("周末值班", "Weekend duty"),
}
WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
DEFAULT_SLOT_MINUTES = 60  # "usually one working hour"
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Period:
    """One stretch of opening on a day, in local wall-clock time."""

    start: time
    end: time
    kind: str = KIND_REGULAR

    @property
    def text(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class OpeningHours:
    """The center's opening hours. ``regular`` applies on every legal working
    day (a 调休 Saturday included); ``extended`` adds 延时/错时 periods per
    weekday (0 = Monday) on working days; ``weekend_duty`` opens a plain
    Saturday or Sunday (never a statutory holiday)."""

    regular: tuple[Period, ...] = (Period(time(8, 30), time(12, 0)), Period(time(14, 0), time(17, 30)))
    extended: Mapping[int, tuple[Period, ...]] = field(default_factory=dict)
    weekend_duty: Mapping[int, tuple[Period, ...]] = field(default_factory=dict)
    slot_minutes: int = DEFAULT_SLOT_MINUTES
    item_slot_minutes: Mapping[str, int] = field(default_factory=dict)  # item code -> minutes

    def periods_on(self, day: date, calendar: WorkCalendar) -> tuple[Period, ...]:
        """The periods the center is open on ``day``, in order; () when closed."""
        if calendar.is_working_day(day):
            periods = self.regular + tuple(self.extended.get(day.weekday(), ()))
        elif day.weekday() >= 5 and not calendar.day_name(day):
            periods = tuple(self.weekend_duty.get(day.weekday(), ()))
        else:
            return ()  # a holiday: closed, whatever the duty roster of a plain weekend says
        return tuple(sorted(periods, key=lambda p: p.start))

    def slot_length(self, item_code: str | None) -> timedelta:
        minutes = self.item_slot_minutes.get(item_code or "", self.slot_minutes)
        return timedelta(minutes=minutes)

    def is_open(self, start: datetime, end: datetime, calendar: WorkCalendar) -> bool:
        """Whether ``start``..``end`` (aware) lies within one opening period of its day."""
        local_start, local_end = start.astimezone(), end.astimezone()
        if local_start.date() != local_end.date() and local_end.time() != time(0):
            return False
        day = local_start.date()
        return any(p.start <= local_start.time() and local_end.time() <= p.end
                   for p in self.periods_on(day, calendar))

    def describe(self) -> str:
        """One line for a slip or a screen (Chinese: it is printed)."""
        parts = ["工作日 " + "、".join(p.text for p in self.regular)]
        for weekday, periods in sorted(self.extended.items()):
            if periods:
                parts.append(f"{WEEKDAY_NAMES[weekday]}延时 " + "、".join(p.text for p in periods))
        for weekday, periods in sorted(self.weekend_duty.items()):
            if periods:
                parts.append(f"{WEEKDAY_NAMES[weekday]}值班 " + "、".join(p.text for p in periods))
        return "；".join(parts)

    # -- stored form ------------------------------------------------------------

    def to_setting(self) -> dict[str, Any]:
        return {
            "regular": [_pair(p) for p in self.regular],
            "extended": {str(k): [_pair(p) for p in v] for k, v in self.extended.items() if v},
            "weekend_duty": {str(k): [_pair(p) for p in v] for k, v in self.weekend_duty.items() if v},
            "slot_minutes": self.slot_minutes,
            "item_slot_minutes": dict(self.item_slot_minutes),
        }


def _pair(period: Period) -> list[str]:
    return [f"{period.start:%H:%M}", f"{period.end:%H:%M}"]


def parse_time(text: str, *, field_name: str) -> time:
    match = _HHMM.match(text.strip())
    if match is None:
        raise DomainError(tr(f"时间“{text}”格式不对，应为 时:分，如 08:30",
                             f"The time “{text}” should be hours:minutes, e.g. 08:30"), field=field_name)
    return time(int(match.group(1)), int(match.group(2)))


def parse_periods(value: Any, *, kind: str, field_name: str) -> tuple[Period, ...]:
    """Periods from the stored / typed form: [["08:30", "12:00"], …]; each must
    end after it starts, and none may overlap another."""
    if not isinstance(value, list):
        raise DomainError(tr("开放时段格式不正确", "The opening periods have the wrong format"), field=field_name)
    periods = []
    for pair in value:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise DomainError(tr("每个时段应有开始和结束时间", "Each period needs a start and an end"), field=field_name)
        start = parse_time(str(pair[0]), field_name=field_name)
        end = parse_time(str(pair[1]), field_name=field_name)
        if end <= start:
            raise DomainError(tr(f"时段 {pair[0]}–{pair[1]} 的结束时间应晚于开始时间",
                                 f"The period {pair[0]}–{pair[1]} must end after it starts"), field=field_name)
        periods.append(Period(start, end, kind))
    periods.sort(key=lambda p: p.start)
    for before, after in zip(periods, periods[1:]):
        if after.start < before.end:
            raise DomainError(tr(f"时段 {before.text} 与 {after.text} 重叠",
                                 f"The periods {before.text} and {after.text} overlap"), field=field_name)
    return tuple(periods)


def _by_weekday(value: Any, *, kind: str, field_name: str, weekdays: range) -> dict[int, tuple[Period, ...]]:
    if not isinstance(value, dict):
        raise DomainError(tr("开放时段格式不正确", "The opening periods have the wrong format"), field=field_name)
    result: dict[int, tuple[Period, ...]] = {}
    for key, periods in value.items():
        weekday = int(key)
        if weekday not in weekdays:
            raise DomainError(tr("星期应为周一到周日", "The weekday should be Monday to Sunday"), field=field_name)
        parsed = parse_periods(periods, kind=kind, field_name=field_name)
        if parsed:
            result[weekday] = parsed
    return result


def _minutes(value: Any, *, field_name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 10 <= value <= 240:
        raise DomainError(tr("预约时段长度应为 10 到 240 分钟", "A slot should be 10 to 240 minutes long"),
                          field=field_name)
    return value


def from_setting(value: Mapping[str, Any]) -> OpeningHours:
    """The opening hours a stored (or typed) setting describes; missing parts
    keep their defaults. Raises DomainError naming the part that is wrong."""
    default = OpeningHours()
    regular = parse_periods(value["regular"], kind=KIND_REGULAR, field_name="regular") \
        if "regular" in value else default.regular
    if not regular:
        raise DomainError(tr("请填写工作日的开放时段", "Enter the opening periods of working days"), field="regular")
    extended = _by_weekday(value.get("extended", {}), kind=KIND_EXTENDED, field_name="extended", weekdays=range(7))
    duty = _by_weekday(value.get("weekend_duty", {}), kind=KIND_WEEKEND_DUTY, field_name="weekend_duty",
                       weekdays=range(5, 7))
    for periods in extended.values():  # an extended period may not overlap the regular ones
        parse_periods([_pair(p) for p in regular + periods], kind=KIND_EXTENDED, field_name="extended")
    slot = _minutes(value.get("slot_minutes", default.slot_minutes), field_name="slot_minutes")
    per_item_raw = value.get("item_slot_minutes", {})
    if not isinstance(per_item_raw, dict):
        raise DomainError(tr("事项预约时长格式不正确", "The per-item slot lengths have the wrong format"),
                          field="item_slot_minutes")
    per_item = {str(code): _minutes(minutes, field_name="item_slot_minutes") for code, minutes in per_item_raw.items()}
    return OpeningHours(regular, extended, duty, slot, per_item)


def load(session: Session) -> OpeningHours:
    """The configured opening hours; a damaged setting falls back to the defaults."""
    try:
        return from_setting(settings.get(session, OPENING_HOURS))
    except (DomainError, ValueError, KeyError, TypeError):
        return OpeningHours()


def save(session: Session, actor: Actor, hours: OpeningHours) -> None:
    """Store the opening hours (a center head's setting), checked and audited."""
    if not actor.is_head:
        raise PermissionDenied(tr("只有中心主任可以设置开放时间", "Only the center head can set the opening hours"),
                               field="opening_hours")
    value = hours.to_setting()
    from_setting(value)  # the same checks as a typed value
    settings.put(session, OPENING_HOURS, value)
    audit.record(session, actor, "update", entity="settings", entity_id="opening_hours",
                 summary="修改开放时间与预约时长：" + hours.describe())


# -- as typed on the settings page ----------------------------------------------------


def periods_text(periods: tuple[Period, ...]) -> str:
    """“08:30-12:00, 14:00-17:30”: periods as a worker types them."""
    return ", ".join(f"{p.start:%H:%M}-{p.end:%H:%M}" for p in periods)


def parse_periods_text(text: str, *, field_name: str) -> list[list[str]]:
    """Typed periods (“08:30-12:00, 14:00-17:30”; Chinese commas and dashes
    too) in the stored form; "" is no period. Checked by :func:`from_setting`."""
    cleaned = text.replace("，", ",").replace("、", ",").replace("；", ",").replace(";", ",")
    pairs: list[list[str]] = []
    for part in (p.strip() for p in cleaned.split(",")):
        if not part:
            continue
        bounds = re.split(r"\s*[-–—~至到]\s*", part)
        if len(bounds) != 2:
            raise DomainError(tr(f"时段“{part}”应写成 开始-结束，如 08:30-12:00",
                                 f"The period “{part}” should be start-end, e.g. 08:30-12:00"), field=field_name)
        pairs.append([bounds[0], bounds[1]])
    return pairs


def parse_item_minutes_text(text: str) -> dict[str, int]:
    """“MZ-008=30, MZ-001=90”: slot minutes per item code."""
    cleaned = text.replace("，", ",").replace("；", ",").replace(";", ",").replace("＝", "=")
    result: dict[str, int] = {}
    for part in (p.strip() for p in cleaned.split(",")):
        if not part:
            continue
        code, _, minutes = part.partition("=")
        if not code.strip() or not minutes.strip().isdigit():
            raise DomainError(tr(f"“{part}”应写成 事项编码=分钟数，如 MZ-008=30",
                                 f"“{part}” should be item code=minutes, e.g. MZ-008=30"), field="item_slot_minutes")
        result[code.strip()] = int(minutes.strip())
    return result
