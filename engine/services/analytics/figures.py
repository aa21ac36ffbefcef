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
