"""Input rules shared by services. Each failure names the engine field it is about."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, Final, TypeVar

from engine.errors import ValidationFailed


class _Unset:
    """Marks a patch field the caller did not send (as opposed to sending null)."""

    _instance: _Unset | None = None

    def __new__(cls) -> _Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Final = _Unset()

E = TypeVar("E", bound=StrEnum)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 \-()]{5,24}$")


def text(field: str, value: str | None, *, max_len: int, required: bool = False) -> str | None:
    if value is None or not value.strip():
        if required:
            raise ValidationFailed(field, f"{field} is required", rule="required")
        return None
    cleaned = value.strip()
    check_characters(field, cleaned)
    if len(cleaned) > max_len:
        raise ValidationFailed(
            field, f"{field} must be at most {max_len} characters (got {len(cleaned)})",
            rule="max_length",
        )
    return cleaned


def required_text(field: str, value: str | None, *, max_len: int) -> str:
    result = text(field, value, max_len=max_len, required=True)
    assert result is not None
    return result


def phone(field: str, value: str | None) -> str | None:
    cleaned = text(field, value, max_len=50)
    if cleaned is not None and not _PHONE.match(cleaned):
        raise ValidationFailed(field, f"{field} is not a phone number", rule="format")
    return cleaned


def email(field: str, value: str | None) -> str | None:
    cleaned = text(field, value, max_len=200)
    if cleaned is not None and not _EMAIL.match(cleaned):
        raise ValidationFailed(field, f"{field} is not an e-mail address", rule="format")
    return cleaned


def enum_value(field: str, enum: type[E], value: Any) -> E:
    if isinstance(value, enum):
        return value
    try:
        return enum(str(value).lower())
    except ValueError:
        allowed = ", ".join(m.name for m in enum)
        raise ValidationFailed(field, f"{field} must be one of {allowed}", rule="choice") from None


def enum_list(field: str, enum: type[E], values: Iterable[Any], *, required: bool) -> list[E]:
    result = list(dict.fromkeys(enum_value(field, enum, v) for v in values))
    if required and not result:
        raise ValidationFailed(field, f"{field} needs at least one value", rule="required")
    return result


def money(field: str, value: Any, *, required: bool = False, positive: bool = False
          ) -> Decimal | None:
    """An exact amount in CNY with at most two decimals."""
    if value is None:
        if required:
            raise ValidationFailed(field, f"{field} is required", rule="required")
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationFailed(field, f"{field} is not a number", rule="format") from None
    if not amount.is_finite():
        raise ValidationFailed(field, f"{field} is not a number", rule="format")
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValidationFailed(field, f"{field} has more than two decimals", rule="precision")
    if amount < 0 or (positive and amount == 0):
        raise ValidationFailed(
            field, f"{field} must be {'greater than' if positive else 'at least'} 0",
            rule="range",
        )
    if amount >= Decimal("1e14"):
        raise ValidationFailed(field, f"{field} is too large", rule="range")
    return amount.quantize(Decimal("0.01"))


def parse_id(field: str, value: Any) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        raise ValidationFailed(field, f"{field} is not a valid id", rule="format") from None
    if number < 1 or number > 2**63 - 1:
        raise ValidationFailed(field, f"{field} is not a valid id", rule="format")
    return number


def text_list(field: str, values: Iterable[Any] | None, *, max_items: int, max_len: int
              ) -> list[str]:
    """Short texts (selling points, industries): trimmed, blanks and repeats dropped."""
    if values is None:
        return []
    if isinstance(values, str):
        raise ValidationFailed(field, f"{field} must be a list of texts", rule="type")
    result: list[str] = []
    for i, value in enumerate(values):
        cleaned = text(f"{field}.{i}", None if value is None else str(value), max_len=max_len)
        if cleaned is not None and cleaned not in result:
            result.append(cleaned)
    if len(result) > max_items:
        raise ValidationFailed(field, f"{field} takes at most {max_items} entries",
                               rule="max_items")
    return result


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def url(field: str, value: str | None) -> str | None:
    """An http(s) URL, or None."""
    cleaned = text(field, value, max_len=500)
    if cleaned is not None and not _URL.match(cleaned):
        raise ValidationFailed(field, f"{field} must be an http(s) URL", rule="format")
    return cleaned


# -- hostile input: characters, sizes, calendar ranges (issue 11) -------------------------
#
# The schema edge (schema/input_limits.py) and the HTTP routes apply these to every string,
# list and date a request carries, before any service runs; services keep their own,
# tighter rules (a name is at most 200 characters) on top.

MAX_TEXT = 5_000  # the longest text any service accepts (notes, reviews)
MAX_LIST_ITEMS = 1_000  # far below the databases' bind-parameter limits (32,767 on SQLite)
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_PERIOD_YEARS = 10  # the longest from..to window a report or analysis may span
# NUL (PostgreSQL text cannot hold it) and UTF-16 surrogates: in a Python str decoded from
# JSON they are unpaired halves (a valid pair decodes to one character) and cannot be
# encoded as UTF-8 again.
_BAD_CHARACTERS = re.compile("[\x00\ud800-\udfff]")


def check_characters(field: str, value: str) -> None:
    """Refuse NUL and unpaired surrogates (rule `characters`)."""
    bad = _BAD_CHARACTERS.search(value)
    if bad is not None:
        what = "a NUL character" if bad.group() == "\x00" else "an unpaired UTF-16 surrogate"
        raise ValidationFailed(field, f"{field} contains {what} at position {bad.start()}",
                               rule="characters")


def check_string(field: str, value: str, *, max_len: int = MAX_TEXT) -> None:
    """A string any input may carry: at most `max_len` characters, no NUL or lone surrogate."""
    if len(value) > max_len:
        raise ValidationFailed(
            field, f"{field} must be at most {max_len} characters (got {len(value)})",
            rule="max_length")
    check_characters(field, value)


def check_items(field: str, count: int, *, max_items: int = MAX_LIST_ITEMS) -> None:
    if count > max_items:
        raise ValidationFailed(field, f"{field} takes at most {max_items} entries (got {count})",
                               rule="max_items")


def check_year(field: str, value: date | datetime) -> None:
    """Dates and times between the years MIN_YEAR and MAX_YEAR (rule `range`): what a
    business record can mean, and what the databases and the calendar arithmetic hold."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationFailed(
            field, f"{field} must be in the years {MIN_YEAR}-{MAX_YEAR} (got {value.isoformat()})",
            rule="range")


def check_period(field_from: str, date_from: date | None, field_to: str, date_to: date | None,
                 *, max_years: int = MAX_PERIOD_YEARS) -> None:
    """A from..to window: both in range, and at most `max_years` long (rule `max_period`)."""
    for name, value in ((field_from, date_from), (field_to, date_to)):
        if value is not None:
            check_year(name, value)
    if date_from is None or date_to is None:
        return
    start = date_from.date() if isinstance(date_from, datetime) else date_from
    end = date_to.date() if isinstance(date_to, datetime) else date_to
    if (end - start).days > max_years * 366:
        raise ValidationFailed(
            field_to, f"{field_from}..{field_to} may span at most {max_years} years",
            rule="max_period")


def day(field: str, raw: str | None) -> date | None:
    """A YYYY-MM-DD parameter (HTTP routes, CLI), in range; None when empty."""
    if raw is None or raw == "":
        return None
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        raise ValidationFailed(field, f"{field} must be a date like 2026-07-01",
                               rule="date") from None
    check_year(field, value)
    return value
