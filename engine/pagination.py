"""Cursor pagination over any queryset: keyset, so page N costs what page 1 costs.

A cursor is an opaque base64 token of the sort key of the last row seen; `first` is
capped at MAX_PAGE. The total is a separate COUNT that runs only when asked for.
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from engine.errors import ValidationFailed

MAX_PAGE = 100
DEFAULT_PAGE = 20

T = TypeVar("T")


@dataclass(frozen=True)
class OrderKey:
    """One sort column; the last key must be unique (the primary key)."""

    field: str
    descending: bool = False
    kind: str = "int"  # int | str | datetime | date | decimal


ID_DESC = (OrderKey("id", descending=True),)


@dataclass
class Page(Generic[T]):
    items: list[T]
    has_next: bool
    has_previous: bool
    cursors: list[str]
    count: Callable[[], Awaitable[int]] = field(repr=False)

    @property
    def start_cursor(self) -> str | None:
        return self.cursors[0] if self.cursors else None

    @property
    def end_cursor(self) -> str | None:
        return self.cursors[-1] if self.cursors else None


def empty_page() -> Page[Any]:
    async def zero() -> int:
        return 0

    return Page(items=[], has_next=False, has_previous=False, cursors=[], count=zero)


def validate_first(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE
    if first < 1 or first > MAX_PAGE:
        raise ValidationFailed("first", f"first must be between 1 and {MAX_PAGE}", rule="range")
    return first


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _decode_value(raw: Any, kind: str) -> Any:
    if kind == "int":
        return int(raw)
    if kind == "datetime":
        return datetime.fromisoformat(raw)
    if kind == "date":
        return date.fromisoformat(raw)
    if kind == "decimal":
        return Decimal(raw)
    return str(raw)


def encode_cursor(row: Any, order: Sequence[OrderKey]) -> str:
    values = [_encode_value(getattr(row, key.field)) for key in order]
    raw = json.dumps(values, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, order: Sequence[OrderKey]) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(values, list) or len(values) != len(order):
            raise ValueError
        return [_decode_value(v, key.kind) for v, key in zip(values, order, strict=True)]
    except (ValueError, TypeError):
        raise ValidationFailed("after", "not a cursor from this list", rule="cursor") from None


def _after(order: Sequence[OrderKey], values: Sequence[Any]) -> Q:
    """Rows strictly after `values` in `order`: (a > x) OR (a = x AND b > y) OR …"""
    clauses: list[Q] = []
    for i, key in enumerate(order):
        op = "lt" if key.descending else "gt"
        parts = {f"{order[j].field}": values[j] for j in range(i)}
        parts[f"{key.field}__{op}"] = values[i]
        clauses.append(Q(**parts))
    result = clauses[0]
    for clause in clauses[1:]:
        result = result | clause
    return result


async def paginate(
    queryset: QuerySet[Any],
    *,
    first: int | None,
    after: str | None,
    order: Sequence[OrderKey] = ID_DESC,
) -> Page[Any]:
    limit = validate_first(first)
    base = queryset
    page_qs = queryset
    if after:
        page_qs = page_qs.filter(_after(order, decode_cursor(after, order)))
    ordering = [f"-{k.field}" if k.descending else k.field for k in order]
    rows = list(await page_qs.order_by(*ordering).limit(limit + 1))
    has_next = len(rows) > limit
    rows = rows[:limit]

    async def count() -> int:
        return int(await base.count())

    return Page(
        items=rows,
        has_next=has_next,
        has_previous=bool(after),
        cursors=[encode_cursor(r, order) for r in rows],
        count=count,
    )


async def batches(
    queryset: QuerySet[Any], *, order: Sequence[OrderKey] = ID_DESC, size: int = 1000,
    values: Sequence[str] | None = None,
) -> AsyncIterator[list[Any]]:
    """Every row of `queryset` in `order`, `size` rows per query (keyset: no OFFSET, so
    the last batch costs what the first does). For exports; lists use `paginate`. With
    `values` (field names, the order's included) the rows are dicts of those fields, not
    model instances: about 2.5× cheaper to read."""
    ordering = [f"-{k.field}" if k.descending else k.field for k in order]
    last: list[Any] | None = None
    while True:
        page_qs = queryset if last is None else queryset.filter(_after(order, last))
        page = page_qs.order_by(*ordering).limit(size)
        rows = list(await (page.values(*values) if values else page))
        if rows:
            yield rows
        if len(rows) < size:
            return
        tail = rows[-1]
        last = [tail[key.field] if isinstance(tail, dict) else getattr(tail, key.field)
                for key in order]
