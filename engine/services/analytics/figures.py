"""What every analytics figure is made of: a value or a reason, the period, the rounding."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from engine import clock, settings
from engine.errors import ValidationFailed
from engine.sqlkit import CENT

TENTH = Decimal("0.1")
HUNDRED = Decimal("100")
RATIO = Decimal("0.0001")

# Why a figure is null (the API and the exports show these texts).
REASON_NO_NEW = "no new customers in the period"
REASON_NO_WON = "no won customers in the period"
REASON_NOT_APPROVED = "budget not approved"
REASON_BUDGET_HIDDEN = "budget not visible to you"
REASON_NO_SPEND = "nothing spent yet (spent = 0)"
REASON_NO_REVENUE = "no revenue in the period"
REASON_NO_COST = "no approved budget assigned to this channel"


@dataclass(frozen=True)
class Figure:
    """A computed number, or None with the reason it cannot be given."""

    value: Decimal | None
    reason: str | None = None

    @staticmethod
    def of(value: Decimal) -> Figure:
        return Figure(value, None)

    @staticmethod
    def none(reason: str) -> Figure:
        return Figure(None, reason)


@dataclass(frozen=True)
class Period:
    date_from: date | None
    date_to: date
    start: datetime | None  # UTC instant of date_from 00:00 in the company zone
    end: datetime  # exclusive: UTC instant of the day after date_to (or now)


def period_of(date_from: date | None, date_to: date | None) -> Period:
    """The period's UTC bounds; days are the company time zone's."""
    zone = settings.current().zone
    now = clock.now()
    if date_from is not None and date_to is not None and date_to < date_from:
        raise ValidationFailed("date_to", "the end of the period is before its start",
                               rule="before_start")
    start = (datetime.combine(date_from, time.min, tzinfo=zone).astimezone(UTC)
             if date_from is not None else None)
    if date_to is None:
        today = clock.local_date(now, zone)
        if date_from is not None and date_from > today:
            raise ValidationFailed("date_from", "the period starts after today",
                                   rule="in_future")
        return Period(date_from, today, start, now)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=zone)
    return Period(date_from, date_to, start, end.astimezone(UTC))


def ratio(numerator: Decimal | int, denominator: Decimal | int, reason: str, *,
          percent: bool = False, quantum: Decimal = CENT) -> Figure:
    """numerator / denominator (× 100 for a percentage), or null with `reason` on zero."""
    if not denominator:
        return Figure.none(reason)
    value = Decimal(numerator) / Decimal(denominator) * (HUNDRED if percent else 1)
    return Figure.of(value.quantize(quantum, ROUND_HALF_UP))


def cycle_days(value: Any) -> Figure:
    """An average cycle from the database, to a tenth of a day."""
    if value is None:
        return Figure.none(REASON_NO_WON)
    return Figure.of(Decimal(str(value)).quantize(TENTH, ROUND_HALF_UP))


# -- comparison periods (同比 / 环比) ----------------------------------------------------------

PREVIOUS_PERIOD, SAME_PERIOD_LAST_YEAR, CUSTOM = ("previous_period", "same_period_last_year",
                                                  "custom")
REASON_NOT_IN_THIS = "no value in this period"
REASON_NOT_IN_OTHER = "no value in the comparison period"
REASON_OTHER_ZERO = "the comparison period's value is 0: no relative change"


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, the day of month clamped (31 March − 1 month = 28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def _whole_months(date_from: date, date_to: date) -> int | None:
    """How many calendar months [date_from, date_to] is, if it is whole months."""
    after = date_to + timedelta(days=1)
    if date_from.day != 1 or after.day != 1:
        return None
    return (after.year - date_from.year) * 12 + after.month - date_from.month


def comparison_period(date_from: date | None, date_to: date | None, compare_to: str | None,
                      compare_from: date | None = None, compare_through: date | None = None
                      ) -> tuple[date, date] | None:
    """The days figures are compared with, or None without a comparison.

    PREVIOUS_PERIOD: the period of the same length just before (whole calendar months: the
    months before, so June compares with May); SAME_PERIOD_LAST_YEAR: the same days a year
    earlier (whole months: the same months); CUSTOM, or `compare_from`/`compare_through`
    alone: those days. A period without a start has no previous period (`date_from`).
    """
    if compare_to is None and compare_from is None and compare_through is None:
        return None
    kind = compare_to or CUSTOM
    if kind == CUSTOM:
        if compare_from is None or compare_through is None:
            raise ValidationFailed("compare_from", "a custom comparison needs compareFrom and "
                                   "compareThrough", rule="required")
        if compare_through < compare_from:
            raise ValidationFailed("compare_through", "the comparison period ends before it "
                                   "starts", rule="before_start")
        return compare_from, compare_through
    if compare_from is not None or compare_through is not None:
        raise ValidationFailed("compare_to", "give compareFrom/compareThrough with CUSTOM only",
                               rule="conflict")
    if date_from is None:
        raise ValidationFailed("date_from", "a comparison needs the period's first day",
                               rule="required")
    end = date_to if date_to is not None else clock.local_date(clock.now(),
                                                               settings.current().zone)
    months = _whole_months(date_from, end)
    if kind == PREVIOUS_PERIOD:
        if months is not None:
            return add_months(date_from, -months), date_from - timedelta(days=1)
        length = (end - date_from).days + 1
        return date_from - timedelta(days=length), date_from - timedelta(days=1)
    if months is not None:
        return (add_months(date_from, -12),
                add_months(end + timedelta(days=1), -12) - timedelta(days=1))
    return add_months(date_from, -12), add_months(end, -12)


@dataclass(frozen=True)
class Change:
    """This period against the comparison period: absolute (percentage points for a
    percent) and relative (percent), or null with the reason."""

    absolute: Decimal | None
    relative_percent: Decimal | None
    reason: str | None = None


def change(current: Figure | Decimal | int | None, other: Figure | Decimal | int | None
           ) -> Change:
    now = current.value if isinstance(current, Figure) else current
    then = other.value if isinstance(other, Figure) else other
    if now is None:
        return Change(None, None, REASON_NOT_IN_THIS)
    if then is None:
        return Change(None, None, REASON_NOT_IN_OTHER)
    absolute = Decimal(now) - Decimal(then)
    if then == 0:
        return Change(absolute, None, REASON_OTHER_ZERO)
    relative = (absolute / abs(Decimal(then)) * HUNDRED).quantize(CENT, ROUND_HALF_UP)
    return Change(absolute, relative, None)


@dataclass(frozen=True)
class RowChange:
    """The changes of one row of a comparison (a channel's, a campaign's or the total's)."""

    channel: str | None
    campaign_id: int | None
    changes: dict[str, Change]  # figure name → change


def changes_of(now: Any, then: Any, names: tuple[str, ...]) -> dict[str, Change]:
    """The change of each named figure (a Figure, an int or a Decimal) of two results."""
    return {name: change(getattr(now, name), getattr(then, name) if then is not None else None)
            for name in names}
