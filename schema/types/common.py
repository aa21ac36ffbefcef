"""Pagination and small shared types."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from strawberry.types.nodes import FragmentSpread, InlineFragment

from engine.pagination import Page

T = TypeVar("T")


@strawberry.type(description="Where a page sits in its list (Relay cursor connections).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More rows follow this page.")
    has_previous_page: bool = strawberry.field(
        description="Rows precede this page (true whenever `after` was given)."
    )
    start_cursor: str | None = strawberry.field(description="Cursor of the first row.")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last row: pass it as `after` for the next page."
    )


@strawberry.type(description="A row of a list and its cursor.")
class Edge(Generic[T]):
    node: T = strawberry.field(description="The row.")
    cursor: str = strawberry.field(description="Opaque cursor of this row.")


@strawberry.type(description="A page of a list: rows, paging state and the total.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The rows of this page.")
    page_info: PageInfo = strawberry.field(description="Paging state.")
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many rows the whole list has (counted only if asked).")
    async def total_count(self) -> int:
        return await self._count()


def connection(page: Page[Any], present: Callable[[Any], T]) -> Connection[T]:
    return Connection(
        edges=[
            Edge(node=present(row), cursor=cursor)
            for row, cursor in zip(page.items, page.cursors, strict=True)
        ],
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=page.start_cursor,
            end_cursor=page.end_cursor,
        ),
        _count=page.count,
    )


@strawberry.type(description="A value of an enum with the label portals show (中文).")
class EnumLabel:
    value: str = strawberry.field(description="The GraphQL enum value, e.g. WON.")
    label: str = strawberry.field(description="The Chinese label, e.g. 成交.")


def labels(members: Sequence[Any]) -> list[EnumLabel]:
    return [EnumLabel(value=m.name, label=m.label) for m in members]


First = Annotated[
    int | None, strawberry.argument(description="Page size, 1–100 (default 20).")
]
After = Annotated[
    str | None,
    strawberry.argument(description="Start after this cursor (the previous pageInfo.endCursor)."),
]
ExpectedVersion = Annotated[
    int | None,
    strawberry.argument(
        description="The version you read; if the record has moved on you get ConflictError "
        "(omit to act on whatever version is current)."
    ),
]
RecordId = Annotated[strawberry.ID, strawberry.argument(description="The record's id.")]


def arg(description: str) -> Any:
    """Describe an argument: `x: Annotated[T, arg("…")]`."""
    return strawberry.argument(description=description)


def selects(info: Any, *path: str) -> bool:
    """Does the current field's selection reach `path` (through fragments too)?

    List resolvers use it to fetch related records for a whole page in one query, and
    only when the client asked for them.
    """

    def walk(selections: Sequence[Any], rest: tuple[str, ...]) -> bool:
        for sel in selections:
            if isinstance(sel, FragmentSpread | InlineFragment):
                # a fragment's selections stand where the fragment stands
                if walk(sel.selections, rest):
                    return True
            elif sel.name == rest[0] and (len(rest) == 1 or walk(sel.selections, rest[1:])):
                return True
        return False

    return any(walk(field.selections, path) for field in info.selected_fields)


PERCENT_QUANTUM = Decimal("0.01")


def percent_of(fraction: Decimal | None) -> Decimal | None:
    """A fraction as a percent with two decimals (0.2500 → 25.00): the unit convention of
    every `…Percent` field (docs/analytics.md)."""
    if fraction is None:
        return None
    return (fraction * 100).quantize(PERCENT_QUANTUM, ROUND_HALF_UP)


def deprecated_for(replacement: str, unit: str) -> str:
    """The deprecation reason of a ratio field whose name does not say its unit."""
    return f"Ambiguous unit ({unit}); use `{replacement}` (a percent, 25.00 = 25 %)."
