"""Input rules shared by services. Each failure names the engine field it is about."""

from __future__ import annotations

import re
from collections.abc import Iterable
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
