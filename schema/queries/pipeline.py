"""Pipeline, team and RFM analytics; a customer's orders."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from engine.services import customers, pipeline, rfm
from engine.validation import parse_id
from schema.context import Info
from schema.errors import camel_fields
from schema.types.common import After, Connection, First, arg, connection
from schema.types.customer import Customer
from schema.types.pipeline import (
    CustomerRfm,
    LostReasons,
    Order,
    PipelineFunnel,
    RfmRecallEntry,
    RfmScore,
    RfmSegment,
    RfmSegments,
    TeamPerformance,
)

From = Annotated[date, strawberry.argument(
    name="from", description="First day of the period (company time zone).")]
To = Annotated[date, strawberry.argument(description="Last day of the period, included.")]
DepartmentId = Annotated[strawberry.ID | None, arg("Only customers of this department.")]
AsOf = Annotated[date | None, arg("The reference day (default: today, company time).")]
WindowDays = Annotated[int | None, arg("Days of orders counted up to asOf, 1–3660 (default "
                                       "730: two years).")]


def _filter(department_id: strawberry.ID | None, owner_username: str | None,
            campaign_id: strawberry.ID | None) -> pipeline.PipelineFilter:
    return pipeline.PipelineFilter(
        department_id=parse_id("departmentId", department_id) if department_id else None,
        owner_username=owner_username,
        campaign_id=parse_id("campaignId", campaign_id) if campaign_id else None)


@strawberry.type
class PipelineQuery:
    @strawberry.field(description="The funnel by stage over a period with the conversion "
                      "between consecutive stages, within your scope (a rep: own customers; "
                      "a manager: the department).")
    async def pipeline_funnel(
        self, info: Info, from_: From, to: To, department_id: DepartmentId = None,
        owner_username: Annotated[str | None, arg("Only customers of this owner.")] = None,
        campaign_id: Annotated[strawberry.ID | None, arg(
            "Only customers brought by this campaign.")] = None,
    ) -> PipelineFunnel:
        with camel_fields():
            return PipelineFunnel.of(await pipeline.funnel(
                info.context.actor, from_, to,
                _filter(department_id, owner_username, campaign_id)))

    @strawberry.field(description="Why customers were lost in a period, most frequent "
                      "reason first, within your scope.")
    async def lost_reasons(
        self, info: Info, from_: From, to: To, department_id: DepartmentId = None,
        owner_username: Annotated[str | None, arg("Only customers of this owner.")] = None,
        campaign_id: Annotated[strawberry.ID | None, arg(
            "Only customers brought by this campaign.")] = None,
        first: Annotated[int | None, arg("How many reasons to list, 1–100 (default 20); "
                                         "the rest are summed in otherCount.")] = None,
    ) -> LostReasons:
        with camel_fields():
            return LostReasons.of(await pipeline.lost_reasons(
                info.context.actor, from_, to,
                _filter(department_id, owner_username, campaign_id), first=first))

    @strawberry.field(description="Per person in your scope: overdue rate of the next "
                      "actions due in the period and follow-ups recorded per ISO week.")
    async def team_performance(
        self, info: Info, from_: From, to: To, department_id: DepartmentId = None,
    ) -> TeamPerformance:
        with camel_fields():
            return TeamPerformance.of(await pipeline.team_performance(
                info.context.actor, from_, to,
                parse_id("departmentId", department_id) if department_id else None))

    @strawberry.field(description="Customers and value per RFM segment, within your scope.")
    async def rfm_segments(self, info: Info, as_of: AsOf = None,
                           window_days: WindowDays = None) -> RfmSegments:
        with camel_fields():
            return RfmSegments.of(await rfm.segments(info.context.actor, as_of=as_of,
                                                     window_days=window_days))

    @strawberry.field(description="Customers worth calling back (by default CANT_LOSE and "
                      "AT_RISK: bought often or much, not lately), most valuable first.")
    async def rfm_recall_list(
        self, info: Info, as_of: AsOf = None, window_days: WindowDays = None,
        segment: Annotated[RfmSegment | None, arg(
            "Only this segment (any segment) instead of the recall segments.")] = None,
        first: First = None, after: After = None,
    ) -> Connection[RfmRecallEntry]:
        with camel_fields():
            actor = info.context.actor
            page = await rfm.recall_list(actor, as_of=as_of, window_days=window_days,
                                         segment=segment.value if segment else None,
                                         first=first, after=after)
            return connection(page, RfmRecallEntry.presenter(actor))

    @strawberry.field(description="A customer's RFM scores; null if the customer is absent "
                      "or not visible to you.")
    async def customer_rfm(
        self, info: Info, id: Annotated[strawberry.ID, arg("The customer's id.")],
        as_of: AsOf = None, window_days: WindowDays = None,
    ) -> CustomerRfm | None:
        with camel_fields():
            actor = info.context.actor
            customer = await customers.get(actor, customer_id=parse_id("id", id))
            if customer is None:
                return None
            window = rfm.window(as_of, window_days)
            scores = await rfm.customer_rfm(actor, customer.id, as_of=window.as_of,
                                            window_days=window.days)
            return CustomerRfm(
                customer=Customer.from_row(customer, actor), as_of=window.as_of,
                window_days=window.days, scores=RfmScore.of(scores) if scores else None,
                scores_reason=None if scores else "no order in the window")

    @strawberry.field(description="A customer's orders, newest first; `first` is 1–100.")
    async def orders(
        self, info: Info, customer_id: Annotated[strawberry.ID, arg("The customer's id.")],
        first: First = None, after: After = None,
    ) -> Connection[Order]:
        with camel_fields():
            actor = info.context.actor
            page = await rfm.orders_of(actor, parse_id("customerId", customer_id),
                                       first=first, after=after)
            return connection(page, Order.presenter(actor))
