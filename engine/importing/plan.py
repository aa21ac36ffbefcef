"""What validating a file produces, whatever its kind: checked rows and what they change.

A kind's validator checks every row (`check_rows`), resolves references in bulk, matches
rows to existing records by external id and returns a `Plan`; its writer writes the plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from engine import audit
from engine.importing.problems import Report
from engine.importing.readers import Table

OBJECT = "import"  # the Casbin object; the action is the file kind


class Progress(Protocol):
    """The running job's counters (engine.services.imports keeps them)."""

    def advance(self, rows: int = 1) -> None: ...

    async def checked(self) -> None:
        """One more row validated (and, now and then, a pause for other requests)."""


class Row(Protocol):
    row: int
    external_id: str | None
    existing: dict[str, Any] | None  # the record with this external id, if there is one
    changes: dict[str, list[Any]]  # what a re-import changes: {field: [before, after]}


R = TypeVar("R", bound=Row)


@dataclass
class Plan(Generic[R]):
    rows: int = 0
    items: list[R] = field(default_factory=list)
    creates: int = 0
    updates: int = 0
    unchanged: int = 0

    def count(self) -> None:
        """New, changed and unchanged records, from the items' matches."""
        for item in self.items:
            if item.existing is None:
                self.creates += 1
            elif item.changes:
                self.updates += 1
            else:
                self.unchanged += 1


async def check_rows(table: Table, report: Report, progress: Progress,
                     check: Callable[[int, dict[str, Any]], R | None], what: str
                     ) -> Plan[R]:
    """`check` every row of the file; an external id already on an earlier row is a
    problem (`what` names the id in the message)."""
    plan: Plan[R] = Plan()
    seen_external: dict[str, int] = {}
    for number, cells in table.rows():
        plan.rows += 1
        item = check(number, cells)
        if item is not None:
            if item.external_id is not None:
                first = seen_external.setdefault(item.external_id, number)
                if first != number:
                    report.add(number, "external_id", item.external_id,
                               f"{what} already on row {first} of this file")
            plan.items.append(item)
        await progress.checked()
    return plan


def diff(current: dict[str, Any], new: dict[str, Any], names: Sequence[str]
         ) -> dict[str, list[Any]]:
    """Changed fields as {field: [before, after]} (JSON values), like audit.diff but
    comparing the typed values directly (the hot path of a re-import)."""
    out: dict[str, list[Any]] = {}
    for name in names:
        old, value = current[name], new[name]
        if old != value:
            out[name] = [audit.jsonable(old), audit.jsonable(value)]
    return out
