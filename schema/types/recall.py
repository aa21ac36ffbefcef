"""RFM recall batches (召回批次) and their outcome (docs/pipeline-rfm.md)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry

from engine.authz import Principal
from engine.models import RecallBatch as BatchRow
from engine.models.enums import FollowUpMethod as DomainMethod
from engine.services import recall
from schema.context import Info
from schema.enums import FollowUpMethod
from schema.errors import camel_fields
from schema.types.analytics_enums import AnalyticsScope, RfmSegment
from schema.types.common import After, Connection, First, arg, connection
from schema.types.customer import Customer
from schema.types.follow_up import FollowUp
from schema.types.org import User

WithinDays = Annotated[int | None, arg(
    f"Count orders dated from the recall day to this many days after it, 1–"
    f"{recall.MAX_WITHIN_DAYS} (default {recall.DEFAULT_WITHIN_DAYS}).")]


def _money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


@strawberry.type(description="What came of a recall batch, within your scope (召回效果).")
class RfmRecallOutcome:
    batch_id: strawberry.ID = strawberry.field(description="The batch.")
    within_days: int = strawberry.field(description="Days after the recall day counted.")
    window_ends_on: date = strawberry.field(
        description="The last day whose orders count (recall day + withinDays).")
    complete: bool = strawberry.field(
        description="The window is over, so the figures will not change any more; false: "
        "they may still grow.")
    scope: AnalyticsScope = strawberry.field(description="Which customers were counted.")
    recalled: int = strawberry.field(description="Customers recalled (召回客户数).")
    contacted: int = strawberry.field(
        description="… whose recall follow-up is done (the owner got in touch).")
    reactivated: int = strawberry.field(
        description="… who ordered again: an order dated from the recall day to "
        "windowEndsOn (召回成功).")
    revenue: Decimal = strawberry.field(
        description="What the reactivated customers ordered in that window (CNY).")
    rate: Decimal | None = strawberry.field(
        description="reactivated ÷ recalled as a fraction, 4 decimals (0.1200 = 12 %, "
        "seed 001's recall rate); null when nobody was recalled in your scope.")
    rate_percent: Decimal | None = strawberry.field(
        description="The same rate in percent, 2 decimals (12.00).")
    rate_reason: str | None = strawberry.field(description="Why rate is null.")

    @classmethod
    def of(cls, o: recall.Outcome) -> RfmRecallOutcome:
        return cls(
            batch_id=strawberry.ID(str(o.batch.id)), within_days=o.within_days,
            window_ends_on=o.window_ends_on, complete=o.complete,
            scope=AnalyticsScope(o.scope), recalled=o.recalled, contacted=o.contacted,
            reactivated=o.reactivated, revenue=o.revenue, rate=o.rate,
            rate_percent=(o.rate * 100).quantize(Decimal("0.01"))
            if o.rate is not None else None,
            rate_reason=o.rate_reason)


@strawberry.type(description="A recalled customer: the scores when recalled, the owner's "
                 "follow-up, and whether they ordered again.")
class RfmRecalledCustomer:
    customer: Customer = strawberry.field(
        description="The customer (contact details masked as in the customer list).")
    follow_up: FollowUp = strawberry.field(
        description="The recall follow-up of the customer's owner.")
    segment: RfmSegment = strawberry.field(description="The segment when recalled.")
    code: str = strawberry.field(description="R, F and M scores when recalled, e.g. 154.")
    monetary: Decimal = strawberry.field(description="Monetary value when recalled (CNY).")
    last_order_date: date = strawberry.field(description="The last order before the recall.")
    first_order_after: date | None = strawberry.field(
        description="The first order dated on or after the recall day; null: none yet.")

    @classmethod
    def presenter(cls, actor: Principal) -> Any:
        def present(v: recall.EntryView) -> RfmRecalledCustomer:
            e = v.entry
            return cls(customer=Customer.from_row(v.customer, actor),
                       follow_up=FollowUp.from_row(v.follow_up),
                       segment=RfmSegment(e.segment),
                       code=f"{e.r_score}{e.f_score}{e.m_score}",
                       monetary=_money(e.window_cents), last_order_date=e.last_order_date,
                       first_order_after=v.first_order_after)

        return present


@strawberry.type(description="A recall list turned into follow-ups for the customers' "
                 "owners (召回批次).")
class RfmRecallBatch:
    id: strawberry.ID = strawberry.field(description="Batch id.")
    code: str = strawberry.field(description="Read-only code, e.g. ZH20261204001.")
    created_at: datetime = strawberry.field(description="When it was made.")
    recall_date: date = strawberry.field(
        description="The company day the recall started; the outcome counts orders from it.")
    as_of: date = strawberry.field(description="The RFM reference day of the list.")
    window_days: int = strawberry.field(description="Days of orders the scores counted.")
    segments: list[RfmSegment] = strawberry.field(description="The segments recalled.")
    next_action: str = strawberry.field(description="The follow-ups' next action.")
    method: FollowUpMethod = strawberry.field(description="How the owners are to get in touch.")
    method_label: str = strawberry.field(description="Chinese label of the method.")
    due_at: datetime = strawberry.field(description="When the follow-ups are due (UTC).")
    size: int = strawberry.field(description="Customers recalled (follow-ups created).")
    skipped: int = strawberry.field(
        description="Customers of the list left out: they already had an open recall "
        "follow-up.")
    _row: strawberry.Private[BatchRow]

    @strawberry.field(description="Who made it.")
    async def created_by(self, info: Info) -> User:
        row = await info.context.loaders.user.load(self._row.created_by_id)
        assert row is not None
        return User.from_row(row)

    @strawberry.field(description="Recalled, contacted, reactivated and the rate, within "
                      "your scope.")
    async def outcome(self, info: Info, within_days: WithinDays = None) -> RfmRecallOutcome:
        with camel_fields():
            return RfmRecallOutcome.of(await recall.outcome(info.context.actor, self._row.id,
                                                            within_days))

    @strawberry.field(description="The recalled customers you may read, most valuable first.")
    async def customers(self, info: Info, first: First = None, after: After = None
                        ) -> Connection[RfmRecalledCustomer]:
        actor = info.context.actor
        with camel_fields():
            page = await recall.entries(actor, self._row.id, first=first, after=after)
        return connection(page, RfmRecalledCustomer.presenter(actor))

    @classmethod
    def from_row(cls, row: BatchRow) -> RfmRecallBatch:
        return cls(
            id=strawberry.ID(str(row.id)), code=row.code, created_at=row.created_at,
            recall_date=row.recall_date, as_of=row.as_of, window_days=row.window_days,
            segments=[RfmSegment(s) for s in row.segments], next_action=row.next_action,
            method=FollowUpMethod(row.method), method_label=DomainMethod.of(row.method).label,
            due_at=row.due_at, size=row.size, skipped=row.skipped, _row=row)
