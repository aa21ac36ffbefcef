"""Approval queries: the inbox, routes, bands, delegations."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry

from engine.services import approvals
from engine.validation import parse_id
from schema.context import Info
from schema.types.approval import ApprovalBand, ApprovalDelegation, ApprovalInboxItem
from schema.types.campaign import ApprovalRouteLevel
from schema.types.common import After, Connection, First, arg, connection


@strawberry.type
class ApprovalQuery:
    @strawberry.field(
        description="Budgets waiting for your decision at their current level, yours or as "
        "a stand-in for an approver who delegated to you; oldest first."
    )
    async def approval_inbox(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[ApprovalInboxItem]:
        page = await approvals.inbox(info.context.actor, first=first, after=after)
        return connection(page, ApprovalInboxItem.from_item)

    @strawberry.field(description="Who would have to approve a budget of this amount for this "
                      "department, level by level (nothing is submitted).")
    async def approval_route(
        self,
        info: Info,
        amount: Annotated[Decimal, arg("Budget total in CNY.")],
        department_id: Annotated[strawberry.ID, arg("The campaign's department.")],
    ) -> list[ApprovalRouteLevel]:
        levels = await approvals.route(info.context.actor, amount,
                                       parse_id("departmentId", department_id))
        return [ApprovalRouteLevel.from_level(lv) for lv in levels]

    @strawberry.field(description="The approval bands in force (amount → approver roles).")
    async def approval_bands(self, info: Info) -> list[ApprovalBand]:
        info.context.actor  # noqa: B018 - signed-in callers only
        return [ApprovalBand.from_band(b) for b in await approvals.current_bands()]

    @strawberry.field(description="Your delegations, given and received (admins: all).")
    async def approval_delegations(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[ApprovalDelegation]:
        page = await approvals.delegations(info.context.actor, first=first, after=after)
        return connection(page, ApprovalDelegation.from_row)
