"""Recording platform figures per campaign, channel and day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry

from engine.services import channel_metrics
from engine.validation import parse_id
from schema.context import Info
from schema.enums import Channel, ChannelMetricKind, value_of
from schema.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError, mutate
from schema.types.common import arg
from schema.types.kpiset import ChannelMetricsRecorded, ChannelMetricValue


@strawberry.input(description="One figure of the day.")
class ChannelMetricValueInput:
    metric: ChannelMetricKind = strawberry.field(description="What it counts.")
    value: Decimal = strawberry.field(
        description="≥ 0: a whole number for counts, CNY with ≤ 2 decimals for SPEND.")
    expected_version: int | None = strawberry.field(
        default=None, description="The stored value's version (optimistic lock); omit to "
                                  "write whatever is stored.")


@strawberry.input(description="A campaign channel's platform figures for one day.")
class ChannelMetricInput:
    campaign_id: strawberry.ID = strawberry.field(description="The campaign.")
    channel: Channel = strawberry.field(description="One of the campaign's channels.")
    day: date = strawberry.field(description="The day (inside the campaign, not in the future).")
    values: list[ChannelMetricValueInput] = strawberry.field(
        description="1–50 figures, each metric once.")


ChannelMetricRecordResult = Annotated[
    ChannelMetricsRecorded | NotFoundError | ForbiddenError | ValidationError | ConflictError,
    strawberry.union("ChannelMetricRecordResult", description="The values, or why not."),
]


@strawberry.type
class ChannelMetricMutation:
    @strawberry.mutation(description="Record (or correct) a campaign channel's platform "
                         "figures for a day — UV, PV, clicks, add-to-cart, spend, … — all or "
                         "none. Idempotent per campaign, channel, day and metric: the same value "
                         "again changes nothing; another value is audited on the campaign.")
    async def channel_metric_record(
        self, info: Info, input: Annotated[ChannelMetricInput, arg("The day's figures.")],
    ) -> ChannelMetricRecordResult:
        actor = info.context.actor
        values = [channel_metrics.MetricValue(value_of(v.metric), v.value, v.expected_version)
                  for v in input.values]
        return await mutate(
            lambda: channel_metrics.record(actor, parse_id("campaignId", input.campaign_id),
                                           value_of(input.channel), input.day, values),
            lambda rows: ChannelMetricsRecorded(
                values=[ChannelMetricValue.from_row(r) for r in rows]))
