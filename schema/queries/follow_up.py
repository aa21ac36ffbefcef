"""Follow-up queries."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from engine.services import follow_ups
from engine.validation import parse_id
from schema.context import Info
from schema.enums import (
    CustomerSource,
    CustomerStage,
    FollowUpOrder,
    FollowUpStatus,
    value_of,
    values_of,
)
from schema.types.common import After, Connection, First, RecordId, arg, connection
from schema.types.follow_up import FollowUp


@strawberry.input(description="Narrow a follow-up list; all conditions must hold.")
class FollowUpFilter:
    customer_id: strawberry.ID | None = strawberry.field(
        default=None, description="Of this customer."
    )
    customer_code: str | None = strawberry.field(
        default=None, description="Of this customer code."
    )
    status: list[FollowUpStatus] | None = strawberry.field(
        default=None, description="Any of these statuses."
    )
    assignee_username: str | None = strawberry.field(
        default=None, description="Next action owed by this user."
    )
    owner_username: str | None = strawberry.field(
        default=None, description="Customer owned by this user."
    )
    stage: list[CustomerStage] | None = strawberry.field(
        default=None, description="Customer in any of these stages."
    )
    industry: str | None = strawberry.field(default=None, description="Customer's industry.")
    source: list[CustomerSource] | None = strawberry.field(
        default=None, description="Customer came from any of these sources."
    )
    search: str | None = strawberry.field(
        default=None,
        description="Start of the follow-up code, text in the customer name, start of its code.",
    )
    due_before: datetime | None = strawberry.field(default=None, description="Due before this.")
    due_after: datetime | None = strawberry.field(default=None, description="Due at or after this.")


@strawberry.type
class FollowUpQuery:
    @strawberry.field(description="One follow-up; null if absent or not visible.")
    async def follow_up(self, info: Info, id: RecordId) -> FollowUp | None:
        row = await follow_ups.get(info.context.actor, parse_id("id", id))
        return FollowUp.from_row(row) if row else None

    @strawberry.field(description="Follow-ups of customers you may see; `first` is 1–100.")
    async def follow_ups(
        self,
        info: Info,
        filter: Annotated[FollowUpFilter | None, arg("Conditions, all must hold.")] = None,
        first: First = None,
        after: After = None,
        order_by: Annotated[FollowUpOrder, arg("Sort order.")] = FollowUpOrder.CREATED_DESC,
    ) -> Connection[FollowUp]:
        f = filter or FollowUpFilter()
        flt = follow_ups.FollowUpFilter(
            customer_id=parse_id("filter.customerId", f.customer_id) if f.customer_id else None,
            customer_code=f.customer_code,
            statuses=values_of(f.status),
            assignee_username=f.assignee_username,
            owner_username=f.owner_username,
            stages=values_of(f.stage),
            industry=f.industry,
            sources=values_of(f.source),
            search=f.search,
            due_before=f.due_before,
            due_after=f.due_after,
            order=value_of(order_by),
        )
        page = await follow_ups.list_(info.context.actor, flt, first=first, after=after)
        return connection(page, FollowUp.from_row)
