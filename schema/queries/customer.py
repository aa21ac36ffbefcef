"""Customer queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import customers, org
from engine.validation import parse_id
from schema.context import Info
from schema.enums import CustomerOrder, CustomerSource, CustomerStage, value_of, values_of
from schema.types.common import After, Connection, First, arg, connection, selects
from schema.types.customer import Customer


@strawberry.input(description="Narrow a customer list; all conditions must hold.")
class CustomerFilter:
    stage: list[CustomerStage] | None = strawberry.field(
        default=None, description="Any of these stages."
    )
    owner_username: str | None = strawberry.field(default=None, description="Owned by this user.")
    owner_id: strawberry.ID | None = strawberry.field(default=None, description="Owned by this id.")
    department_id: strawberry.ID | None = strawberry.field(
        default=None, description="In this department."
    )
    industry: str | None = strawberry.field(default=None, description="Exactly this industry.")
    source: list[CustomerSource] | None = strawberry.field(
        default=None, description="Came from any of these sources."
    )
    search: str | None = strawberry.field(
        default=None, description="Text in the name, or the start of the code."
    )
    source_campaign_id: strawberry.ID | None = strawberry.field(
        default=None, description="Brought by this campaign."
    )
    flagged_for_reassignment: bool | None = strawberry.field(
        default=None, description="Flagged for reassignment by escalation (or not)."
    )
    product_code: str | None = strawberry.field(
        default=None, description="Interested in the catalogue product with this code."
    )


def to_engine_filter(flt: CustomerFilter | None, order: CustomerOrder) -> customers.CustomerFilter:
    f = flt or CustomerFilter()
    return customers.CustomerFilter(
        stages=values_of(f.stage),
        owner_username=f.owner_username,
        owner_id=parse_id("filter.ownerId", f.owner_id) if f.owner_id else None,
        department_id=parse_id("filter.departmentId", f.department_id)
        if f.department_id else None,
        industry=f.industry,
        sources=values_of(f.source),
        search=f.search,
        source_campaign_id=parse_id("filter.sourceCampaignId", f.source_campaign_id)
        if f.source_campaign_id else None,
        flagged_for_reassignment=f.flagged_for_reassignment,
        product_code=f.product_code,
        order=value_of(order),
    )


@strawberry.type
class CustomerQuery:
    @strawberry.field(description="One customer by id or code; null if absent or not visible.")
    async def customer(
        self,
        info: Info,
        id: Annotated[strawberry.ID | None, arg("The customer's id.")] = None,
        code: Annotated[str | None, arg("Or its code, e.g. C20261123001.")] = None,
    ) -> Customer | None:
        row = await customers.get(
            info.context.actor,
            customer_id=parse_id("id", id) if id is not None else None,
            code=code,
        )
        return Customer.from_row(row, info.context.actor) if row else None

    @strawberry.field(
        description="Customers you may see, filtered, newest first; `first` is 1–100."
    )
    async def customers(
        self,
        info: Info,
        filter: Annotated[CustomerFilter | None, arg("Conditions, all must hold.")] = None,
        first: First = None,
        after: After = None,
        order_by: Annotated[CustomerOrder, arg("Sort order.")] = CustomerOrder.CREATED_DESC,
    ) -> Connection[Customer]:
        page = await customers.list_(
            info.context.actor, to_engine_filter(filter, order_by), first=first, after=after
        )
        actor = info.context.actor
        owners = (
            await org.users_by_ids(r.owner_id for r in page.items)
            if selects(info, "edges", "node", "owner") else {}
        )
        return connection(page, lambda row: Customer.from_row(row, actor, owners.get(row.owner_id)))
