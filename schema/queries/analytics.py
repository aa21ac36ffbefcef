"""Effect analysis, its drill-down, channel comparison and channel evaluation queries."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from engine.services import analytics, org
from engine.validation import parse_id
from schema.context import Info
from schema.enums import value_of
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

From = Annotated[date | None, strawberry.argument(
    name="from", description="First day (company time zone); omit: since the beginning.")]
To = Annotated[date | None, strawberry.argument(
    name="to", description="Last day (company time zone); omit: up to now.")]


@strawberry.type
class AnalyticsQuery:
    @strawberry.field(description="The effect analysis of a campaign for a period: new, "
                      "intent and won customers, revenue, CAC, conversion, cycle, ROI and the "
                      "review texts. Budget figures are null for roles that may not see them.")
    async def campaign_effect(
        self, info: Info, id: RecordId, date_from: From = None, date_to: To = None,
    ) -> CampaignEffect:
        actor = info.context.actor
        effect = await analytics.campaign_effect(actor, parse_id("id", id), date_from, date_to)
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
    ) -> ChannelComparison:
        ids = [parse_id(f"campaignIds.{i}", c) for i, c in enumerate(campaign_ids or [])]
        result = await analytics.channel_comparison(
            info.context.actor, date_from, date_to, ids or None,
            parse_id("departmentId", department_id) if department_id is not None else None)
        return ChannelComparison.of(result)

    @strawberry.field(description="The expansion plan's candidate channels ranked by weighted "
                      "score, with the per-criterion breakdown (weights and scores are data).")
    def channel_evaluation(self, info: Info) -> ChannelEvaluation:
        actor = info.context.actor
        model, ranking = analytics.channel_evaluation(actor)
        return ChannelEvaluation(
            scale_min=model.scale_min, scale_max=model.scale_max,
            criteria=[EvaluationCriterion.of(c) for c in model.criteria],
            ranking=[RankedChannel.of(r) for r in ranking])
