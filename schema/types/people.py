"""People sync reports and the handover of a leaving user (docs/people.md)."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from engine.models import User as UserRow
from engine.services import offboarding, people
from schema.context import Info
from schema.errors import Error, ValidationError, camel, to_graphql
from schema.types.approval import ApprovalDelegation
from schema.types.campaign import Campaign
from schema.types.common import After, Connection, First, connection
from schema.types.customer import Customer
from schema.types.follow_up import FollowUp
from schema.types.org import Department, User
from schema.types.task import Task


@strawberry.enum(description="What a sync did with one row.")
class UpsertOutcome(Enum):
    CREATED = strawberry.enum_value(people.CREATED, description="a new record")
    CHANGED = strawberry.enum_value(people.CHANGED, description="the fields in changedFields")
    UNCHANGED = strawberry.enum_value(people.UNCHANGED, description="it matched, nothing to do")
    REFUSED = strawberry.enum_value(people.REFUSED, description="nothing written: see error")


# engine field → the input field that sets it
_INPUT_NAMES = {"department_id": "departmentCode"}


@strawberry.interface(description="One row of a sync call and what became of it.")
class UpsertRow:
    index: int = strawberry.field(description="The row's position in the input (0-based).")
    outcome: UpsertOutcome = strawberry.field(description="Created, changed, unchanged, refused.")
    changed_fields: list[str] = strawberry.field(
        description="The input fields whose values changed (CHANGED rows).")
    error: Error | None = strawberry.field(
        description="Why the row was refused: a ValidationError names input.<index>.<field>.")


def _row(r: people.RowResult) -> dict[str, Any]:
    return {"index": r.index, "outcome": UpsertOutcome(r.outcome),
            "changed_fields": [_INPUT_NAMES.get(n) or camel(n) for n in r.changed],
            "error": to_graphql(r.error) if r.error is not None else None}


@strawberry.type(description="One row of a usersUpsert call and what became of it.")
class UserUpsertRow(UpsertRow):
    username: str | None = strawberry.field(description="The username the row names.")
    user: User | None = strawberry.field(description="The user as it is now (null if refused).")

    @classmethod
    def from_result(cls, r: people.RowResult) -> UserUpsertRow:
        return cls(**_row(r), username=r.key,
                   user=User.from_row(r.record) if r.record is not None else None)


@strawberry.type(description="One row of a departmentsUpsert call and what became of it.")
class DepartmentUpsertRow(UpsertRow):
    code: str | None = strawberry.field(description="The department code the row names.")
    department: Department | None = strawberry.field(
        description="The department as it is now (null if refused).")

    @classmethod
    def from_result(cls, r: people.RowResult) -> DepartmentUpsertRow:
        return cls(**_row(r), code=r.key,
                   department=Department.from_row(r.record) if r.record is not None else None)


@strawberry.interface(description="What a sync call did: one entry per input row, in input "
                      "order (each row was written in its own transaction), and the counts.")
class UpsertReport:
    created: int = strawberry.field(description="Rows that created a record.")
    changed: int = strawberry.field(description="Rows that changed a record.")
    unchanged: int = strawberry.field(description="Rows that matched and changed nothing.")
    refused: int = strawberry.field(description="Rows refused (nothing of them written).")


def _tally(results: list[people.RowResult]) -> dict[str, int]:
    return {o: sum(r.outcome == o for r in results)
            for o in (people.CREATED, people.CHANGED, people.UNCHANGED, people.REFUSED)}


@strawberry.type(description="What a usersUpsert call did, row by row.")
class UsersUpsertReport(UpsertReport):
    rows: list[UserUpsertRow] = strawberry.field(description="Every input row's outcome.")

    @classmethod
    def from_results(cls, results: list[people.RowResult]) -> UsersUpsertReport:
        return cls(rows=[UserUpsertRow.from_result(r) for r in results], **_tally(results))


@strawberry.type(description="What a departmentsUpsert call did, row by row.")
class DepartmentsUpsertReport(UpsertReport):
    rows: list[DepartmentUpsertRow] = strawberry.field(description="Every input row's outcome.")

    @classmethod
    def from_results(cls, results: list[people.RowResult]) -> DepartmentsUpsertReport:
        return cls(rows=[DepartmentUpsertRow.from_result(r) for r in results],
                   **_tally(results))


@strawberry.type(description="How many records of each kind a user holds (or handed over).")
class HandoverCounts:
    customers: int = strawberry.field(description="Customers they own.")
    follow_ups: int = strawberry.field(description="Open follow-ups assigned to them.")
    tasks: int = strawberry.field(description="Campaign tasks of theirs not done.")
    campaigns: int = strawberry.field(description="Campaigns they own.")
    approvals: int = strawberry.field(description="Budget levels waiting on their decision.")
    delegations_given: int = strawberry.field(
        description="Approval delegations they gave, in force or to come (cancelled).")
    delegations_received: int = strawberry.field(
        description="Approval delegations they received (handed to the successor).")

    @classmethod
    def of(cls, counts: dict[str, int]) -> HandoverCounts:
        return cls(**{k: counts.get(k, 0) for k in offboarding.KINDS})


@strawberry.type(
    description="What userDeactivate would move, to whom, and what would refuse it; nothing "
    "is changed. The lists are what the user holds now, a page at a time."
)
class UserDeactivationPreview:
    user: User = strawberry.field(description="The user who would be deactivated.")
    successor: User | None = strawberry.field(description="Who would take over (reassignTo).")
    counts: HandoverCounts = strawberry.field(description="What they hold, by kind.")
    refusals: list[ValidationError] = strawberry.field(
        description="Every reason userDeactivate would be refused (empty: it would go ahead)."
    )
    _row: strawberry.Private[UserRow]

    @strawberry.field(description="True when nothing would refuse the deactivation.")
    def ready(self) -> bool:
        return not self.refusals

    async def _page(self, info: Info, kind: str, first: int | None, after: str | None
                    ) -> Any:
        return await offboarding.held_page(info.context.actor, self._row, kind, first=first,
                                           after=after)

    @strawberry.field(description="The customers they own.")
    async def customers(self, info: Info, first: First = None, after: After = None
                        ) -> Connection[Customer]:
        actor = info.context.actor
        return connection(await self._page(info, "customers", first, after),
                          lambda row: Customer.from_row(row, actor))

    @strawberry.field(description="Their open follow-ups (pending or overdue) and due times.")
    async def follow_ups(self, info: Info, first: First = None, after: After = None
                         ) -> Connection[FollowUp]:
        return connection(await self._page(info, "follow_ups", first, after),
                          FollowUp.from_row)

    @strawberry.field(description="Their campaign tasks not done.")
    async def tasks(self, info: Info, first: First = None, after: After = None
                    ) -> Connection[Task]:
        return connection(await self._page(info, "tasks", first, after), Task.from_row)

    @strawberry.field(description="The campaigns they own.")
    async def campaigns(self, info: Info, first: First = None, after: After = None
                        ) -> Connection[Campaign]:
        actor = info.context.actor
        return connection(await self._page(info, "campaigns", first, after),
                          lambda row: Campaign.from_row(row, actor))

    @strawberry.field(description="Submitted budgets whose current level waits on them.")
    async def approvals(self, info: Info, first: First = None, after: After = None
                        ) -> Connection[Campaign]:
        actor = info.context.actor
        return connection(await self._page(info, "approvals", first, after),
                          lambda row: Campaign.from_row(row, actor))

    @strawberry.field(description="Approval delegations they gave or received, in force or "
                      "to come.")
    async def delegations(self, info: Info, first: First = None, after: After = None
                          ) -> Connection[ApprovalDelegation]:
        return connection(await self._page(info, "delegations", first, after),
                          ApprovalDelegation.from_row)

    @classmethod
    def from_preview(cls, p: offboarding.Preview) -> UserDeactivationPreview:
        return cls(user=User.from_row(p.user),
                   successor=User.from_row(p.successor) if p.successor else None,
                   counts=HandoverCounts.of(p.held.counts),
                   refusals=[to_graphql(r) for r in p.refusals], _row=p.user)


@strawberry.type(description="A user deactivated, and what was handed to the successor.")
class UserDeactivation:
    user: User = strawberry.field(description="The user, now inactive.")
    successor: User | None = strawberry.field(description="Who took over.")
    moved: HandoverCounts = strawberry.field(description="What was handed over, by kind.")

    @classmethod
    def from_handover(cls, h: offboarding.Handover) -> UserDeactivation:
        return cls(user=User.from_row(h.user),
                   successor=User.from_row(h.successor) if h.successor else None,
                   moved=HandoverCounts.of(h.moved))

