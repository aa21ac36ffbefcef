"""The working calendar: time zone, working days and hours, holidays (workflows/calendar.yaml).

Deadlines and escalation offsets count in it. Working days keep the wall-clock time of day
("+1d" from Friday 18:00 is Monday 18:00, local), so a change of daylight saving time moves
the UTC instant, not the local time. Working hours count only time inside the working day.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from engine import clock
from engine.machines import WORKFLOWS_DIR, WorkflowDefinitionError

log = logging.getLogger("promoflow.calendar")

WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_OFFSET = re.compile(r"^(\d+(?:\.\d+)?)([dhms])$")


@dataclass(frozen=True)
class Offset:
    """How far a step is from its due time: working days/hours/minutes, or plain seconds."""

    amount: float
    unit: str  # d (working days) | h (working hours) | m (working minutes) | s (seconds)

    @classmethod
    def parse(cls, raw: Any, where: str) -> Offset:
        text = str(raw).strip()
        if text in {"0", "0d", "0h", "0m", "0s"}:
            return cls(0, "s")
        match = _OFFSET.match(text)
        if not match:
            raise WorkflowDefinitionError(
                f"{where}: offset {raw!r} is not like 0, 1d, 4h, 30m or 45s")
        amount = float(match.group(1))
        if match.group(2) == "d" and amount != int(amount):
            raise WorkflowDefinitionError(f"{where}: working days are whole numbers ({raw!r})")
        return cls(amount, match.group(2))

    def __str__(self) -> str:
        if self.amount == 0:
            return "0"
        return f"{self.amount:g}{self.unit}"


@dataclass(frozen=True)
class WorkingCalendar:
    zone: ZoneInfo
    working_days: frozenset[int]
    day_start: time
    day_end: time
    holidays: frozenset[date]
    makeup_days: frozenset[date]

    def is_working_day(self, day: date) -> bool:
        if day in self.holidays:
            return False
        return day in self.makeup_days or day.weekday() in self.working_days

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        for _ in range(366 * 2):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError("the calendar has no working day in two years")

    def local(self, day: date, at: time) -> datetime:
        """A wall-clock time on `day`, as a UTC instant (DST-aware)."""
        return datetime.combine(day, at, tzinfo=self.zone).astimezone(UTC)

    def end_of_day(self, day: date) -> datetime:
        return self.local(day, self.day_end)

    def add_working_days(self, at: datetime, days: int) -> datetime:
        local = at.astimezone(self.zone)
        day = local.date()
        for _ in range(days):
            day = self.next_working_day(day)
        return self.local(day, local.time().replace(tzinfo=None))

    def add_working_seconds(self, at: datetime, seconds: float) -> datetime:
        """Move forward counting only seconds inside working hours of working days."""
        remaining = timedelta(seconds=seconds)
        local = at.astimezone(self.zone)
        day, now = local.date(), local.time().replace(tzinfo=None)
        while True:
            if self.is_working_day(day) and now < self.day_end:
                start = max(now, self.day_start)
                available = (datetime.combine(day, self.day_end)
                             - datetime.combine(day, start))
                if remaining <= available:
                    return self.local(day, (datetime.combine(day, start) + remaining).time())
                remaining -= available
            day, now = self.next_working_day(day), self.day_start

    def add(self, at: datetime, offset: Offset) -> datetime:
        if offset.amount == 0:
            return at
        if offset.unit == "s":
            return at + timedelta(seconds=offset.amount)
        if offset.unit == "d":
            return self.add_working_days(at, int(offset.amount))
        factor = 3600 if offset.unit == "h" else 60
        return self.add_working_seconds(at, offset.amount * factor)


def parse_calendar(path: Path, data: Any, zone: ZoneInfo) -> WorkingCalendar:
    """The calendar in `zone` (the company's time zone is a setting: PROMOFLOW_TIMEZONE)."""
    where = path.name
    if not isinstance(data, dict):
        raise WorkflowDefinitionError(f"{where}: expected a mapping")
    days = data.get("working_days") or ["mon", "tue", "wed", "thu", "fri"]
    if not isinstance(days, list) or any(d not in WEEKDAYS for d in days):
        raise WorkflowDefinitionError(f"{where}: working_days must list mon … sun")
    hours = data.get("working_hours") or {}
    try:
        start = time.fromisoformat(str(hours.get("start", "09:00")))
        end = time.fromisoformat(str(hours.get("end", "18:00")))
    except ValueError:
        raise WorkflowDefinitionError(f"{where}: working_hours need HH:MM") from None
    if end <= start:
        raise WorkflowDefinitionError(f"{where}: working_hours end before they start")

    def dates(key: str) -> frozenset[date]:
        raw = data.get(key) or []
        try:
            return frozenset(d if isinstance(d, date) else date.fromisoformat(str(d))
                             for d in raw)
        except ValueError:
            raise WorkflowDefinitionError(f"{where}: {key} must list YYYY-MM-DD dates"
                                          ) from None

    return WorkingCalendar(zone=zone, working_days=frozenset(WEEKDAYS[d] for d in days),
                           day_start=start, day_end=end, holidays=dates("holidays"),
                           makeup_days=dates("makeup_workdays"))


_calendar: WorkingCalendar | None = None


def load(path: Path = WORKFLOWS_DIR / "calendar.yaml", zone: ZoneInfo | None = None,
         day_end: time | None = None) -> WorkingCalendar:
    """The calendar file, in `zone`; `day_end` (PROMOFLOW_WORKDAY_END) overrides its end of
    the working day — the one time a next action "due on a day" is due at, and the end of
    working hours for offsets."""
    global _calendar
    from engine import settings

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if day_end is not None and isinstance(data, dict):
        data = {**data, "working_hours": {**(data.get("working_hours") or {}),
                                          "end": day_end.strftime("%H:%M")}}
    _calendar = parse_calendar(path, data, zone or settings.current().zone)
    today = clock.now().astimezone(_calendar.zone).date()
    missing = missing_years(_calendar, today)
    # This year's holidays missing miscount deadlines now: a warning. Next year's (from
    # December) is a reminder that the notice is due, not yet a fault: info.
    level = logging.WARNING if today.year in missing else logging.INFO
    if missing and (path, tuple(missing), level) not in _warned:
        _warned.add((path, tuple(missing), level))  # once per process, however often it loads
        log.log(level, "the working calendar has no holidays for %s: deadlines then count "
                "weekdays only; add them to %s", ", ".join(map(str, missing)), path,
                extra={"missing_years": missing})
    return _calendar


_warned: set[tuple[Path, tuple[int, ...], int]] = set()


def missing_years(cal: WorkingCalendar, today: date) -> list[int]:
    """This year, and next year from December on, when the calendar lists no holiday in it.

    Holidays are published yearly (the State Council's notice comes out in November).
    """
    years = [today.year] + ([today.year + 1] if today.month == 12 else [])
    known = {d.year for d in cal.holidays}
    return [y for y in years if y not in known]


def current() -> WorkingCalendar:
    return _calendar if _calendar is not None else load()
