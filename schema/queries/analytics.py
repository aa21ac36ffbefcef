"""Effect analysis, its drill-down, channel comparison and channel evaluation queries."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from engine.services import analytics, channel_metrics, org
from engine.validation import parse_id
from schema.context import Info
from schema.enums import Channel, ChannelMetricKind, CompareTo, value_of
from schema.types.analytics import (
    CampaignEffect,
    ChannelComparison,
    ChannelEvaluation,
    EffectMetric,
    EvaluationCriterion,
    RankedChannel,
)
from schema.types.common import After, Connection, First, RecordId, arg, connection
from schema.types.customer import Customer
from schema.types.kpiset import ChannelKpis, ChannelMetricValue

From = Annotated[date | None, strawberry.argument(
    name="from", description="First day (company time zone); omit: since the beginning.")]
To = Annotated[date | None, strawberry.argument(
    name="to", description="Last day (company time zone); omit: up to now.")]
CompareToArg = Annotated[CompareTo | None, arg(
    "Compare with the previous period (环比: the same number of days just before; whole "
    "calendar months: the months before), the same period last year (同比), or CUSTOM "
    "(compareFrom…compareThrough). Needs `from`.")]
CompareFrom = Annotated[date | None, arg("First day of a custom comparison period.")]
CompareThrough = Annotated[date | None, arg("Last day (included) of a custom comparison period.")]


def _compare(value: CompareTo | None) -> str | None:
    return value_of(value) if value is not None else None


@strawberry.type
class AnalyticsQuery:
    @strawberry.field(description="The effect analysis of a campaign for a period: new, "
                      "intent and won customers, revenue, CAC, conversion, cycle, ROI and the "
                      "review texts. Budget figures are null for roles that may not see them.")
    async def campaign_effect(
        self, info: Info, id: RecordId, date_from: From = None, date_to: To = None,
        compare_to: CompareToArg = None, compare_from: CompareFrom = None,
        compare_through: CompareThrough = None,
    ) -> CampaignEffect:
        actor = info.context.actor
        effect = await analytics.campaign_effect(
            actor, parse_id("id", id), date_from, date_to, compare_to=_compare(compare_to),
            compare_from=compare_from, compare_through=compare_through)
        return CampaignEffect.of(effect, actor)

    @strawberry.field(description="The customers behind one figure of campaignEffect, newest "
                      "first, limited to the customers you may see (contacts masked as in "
                      "`customers`); `first` is 1–100.")
    async def campaign_effect_customers(
        self, info: Info, id: RecordId,
        metric: Annotated[EffectMetric, arg("The figure to drill into.")],
        date_from: From = None, date_to: To = None, first: First = None, after: After = None,
    ) -> Connection[Customer]:
        actor = info.context.actor
        page = await analytics.campaign_effect_customers(
            actor, parse_id("id", id), value_of(metric), date_from, date_to,
            first=first, after=after)
        owners = await org.users_by_ids(r.owner_id for r in page.items)
        return connection(page, lambda row: Customer.from_row(row, actor,
                                                              owners.get(row.owner_id)))

    @strawberry.field(description="Channels compared across campaigns for a period: customers, "
                      "conversion, revenue share, cycle, cost, CAC, cost per won customer and "
                      "spend against plan. Campaigns: those named, else those running in the "
                      "period (optionally of one department).")
    async def channel_comparison(
        self, info: Info, date_from: From = None, date_to: To = None,
        campaign_ids: Annotated[list[strawberry.ID] | None,
                                arg("Only these campaigns.")] = None,
        department_id: Annotated[strawberry.ID | None,
                                 arg("Only campaigns of this department.")] = None,
        compare_to: CompareToArg = None, compare_from: CompareFrom = None,
        compare_through: CompareThrough = None,
    ) -> ChannelComparison:
        ids = [parse_id(f"campaignIds.{i}", c) for i, c in enumerate(campaign_ids or [])]
        result = await analytics.channel_comparison(
            info.context.actor, date_from, date_to, ids or None,
            parse_id("departmentId", department_id) if department_id is not None else None,
            compare_to=_compare(compare_to), compare_from=compare_from,
            compare_through=compare_through)
        return ChannelComparison.of(result)

    @strawberry.field(description="Seed 002's KPI set (sales, orders, AOV, 客单价, 同比/环比; UV, "
                      "PV, new-visitor share, traffic sources; CTR, CVR, add-to-cart and "
                      "favourite rates; new users, repurchase, retention, complaint rate; CAC, "
                      "LTV, ROI) per channel, per campaign and in total, each a value or null "
                      "with the reason. Campaigns: those named, else those running in the "
                      "period (optionally of one department). Formulas: docs/analytics.md.")
    async def channel_kpis(
        self, info: Info, date_from: From = None, date_to: To = None,
        campaign_ids: Annotated[list[strawberry.ID] | None,
                                arg("Only these campaigns.")] = None,
        channels: Annotated[list[Channel] | None, arg("Only these channels.")] = None,
        department_id: Annotated[strawberry.ID | None,
                                 arg("Only campaigns of this department.")] = None,
        compare_to: CompareToArg = None, compare_from: CompareFrom = None,
        compare_through: CompareThrough = None,
    ) -> ChannelKpis:
        ids = [parse_id(f"campaignIds.{i}", c) for i, c in enumerate(campaign_ids or [])]
        result = await analytics.channel_kpis(
            info.context.actor, date_from, date_to, campaign_ids=ids or None,
            channels=[value_of(c) for c in channels] if channels else None,
            department_id=parse_id("departmentId", department_id)
            if department_id is not None else None,
            compare_to=_compare(compare_to), compare_from=compare_from,
            compare_through=compare_through)
        return ChannelKpis.of(result)

    @strawberry.field(description="The platform figures recorded for a campaign, newest day "
                      "first (spend only for those who may read its budget); `first` 1–100.")
    async def channel_metrics(
        self, info: Info, campaign_id: Annotated[strawberry.ID, arg("The campaign.")],
        channel: Annotated[Channel | None, arg("Only this channel.")] = None,
        metric: Annotated[ChannelMetricKind | None, arg("Only this metric.")] = None,
        date_from: From = None, date_to: To = None, first: First = None, after: After = None,
    ) -> Connection[ChannelMetricValue]:
        page = await channel_metrics.list_(info.context.actor, channel_metrics.MetricFilter(
            campaign_id=parse_id("campaignId", campaign_id),
            channel=value_of(channel) if channel else None,
            metric=value_of(metric) if metric else None, date_from=date_from, date_to=date_to),
            first=first, after=after)
        return connection(page, ChannelMetricValue.from_row)

    @strawberry.field(description="The expansion plan's candidate channels ranked by weighted "
                      "score, with the per-criterion breakdown (weights and scores are data).")
    def channel_evaluation(self, info: Info) -> ChannelEvaluation:
        actor = info.context.actor
        model, ranking = analytics.channel_evaluation(actor)
        return ChannelEvaluation(
            scale_min=model.scale_min, scale_max=model.scale_max,
            criteria=[EvaluationCriterion.of(c) for c in model.criteria],
            ranking=[RankedChannel.of(r) for r in ranking])
