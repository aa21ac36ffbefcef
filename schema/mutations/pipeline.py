"""Recording a customer's orders (the RFM input)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry

from engine.services import rfm
from engine.validation import parse_id
from schema.context import Info
from schema.enums import Channel, value_of
from schema.errors import ForbiddenError, NotFoundError, ValidationError, mutate
from schema.types.common import arg
from schema.types.pipeline import Order


@strawberry.input(description="A purchase of a customer (订单).")
class OrderRecordInput:
    customer_id: strawberry.ID = strawberry.field(description="The customer who ordered.")
    order_date: date = strawberry.field(description="Day of the order; not in the future.")
    amount: Decimal = strawberry.field(description="Amount (CNY), > 0, at most two decimals.")
    channel: Channel | None = strawberry.field(default=None,
                                               description="The channel it came through.")
    campaign_id: strawberry.ID | None = strawberry.field(
        default=None, description="The campaign it is attributed to.")
    product: str | None = strawberry.field(default=None,
                                           description="What was bought (≤ 200 chars).")
    external_id: str | None = strawberry.field(
        default=None, description="Its key in your system (≤ 100 chars, unique): repeating "
        "a call with the same key and values returns the same order.")


OrderRecordResult = Annotated[
    Order | NotFoundError | ForbiddenError | ValidationError,
    strawberry.union("OrderRecordResult", description="The order recorded, or why not."),
]


@strawberry.type
class PipelineMutation:
    @strawberry.mutation(description="Record an order of a customer (a rep: own customers; "
                         "a manager: the department). Audited on the customer.")
    async def order_record(
        self, info: Info, input: Annotated[OrderRecordInput, arg("The order.")],
    ) -> OrderRecordResult:
        actor = info.context.actor
        return await mutate(
            lambda: rfm.record_order(actor, rfm.OrderInput(
                customer_id=parse_id("customerId", input.customer_id),
                order_date=input.order_date, amount=input.amount,
                channel=value_of(input.channel) if input.channel else None,
                campaign_id=parse_id("campaignId", input.campaign_id)
                if input.campaign_id else None,
                product=input.product, external_id=input.external_id)),
            Order.presenter(actor))
