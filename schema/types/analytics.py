"""Effect analysis (推广效果分析表), channel comparison and weighted channel evaluation."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum

import strawberry

from engine import texts
from engine.authz import Principal
from engine.models import CampaignReview as ReviewRow
from engine.models.enums import Channel as DomainChannel
from engine.services import analytics
from schema.enums import Channel
from schema.types.campaign import Campaign
from schema.types.common import deprecated_for


@strawberry.enum(description="A figure of the effect analysis whose customers can be listed.")
class EffectMetric(Enum):
    NEW = strawberry.enum_value("new", description="New customers in the period (新增客户).")
    INTENT = strawberry.enum_value(
        "intent", description="New customers that reached intent by the end of the period.")
    WON = strawberry.enum_value(
        "won", description="New customers won by the end of the period (成交客户).")
    REVENUE = strawberry.enum_value(
        "revenue", description="The won customers whose deals make up the revenue.")


@strawberry.type(description="A computed number, or null with the reason it cannot be given "
                 "(a division by zero, a budget not approved or not visible to you).")
class Figure:
    value: Decimal | None = strawberry.field(description="The value; null when not computable.")
    reason: str | None = strawberry.field(description="Why the value is null; null otherwise.")

    @classmethod
    def of(cls, figure: analytics.Figure) -> Figure:
        return cls(value=figure.value, reason=figure.reason)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


@strawberry.type(description="One figure of this period against the comparison period.")
class FigureChange:
    figure: str = strawberry.field(
        description="The figure's field name in the row compared (e.g. `newCustomers`, "
                    "`salesGrowthYoyPercent`).")
    absolute: Decimal | None = strawberry.field(
        description="This period − the comparison period (percentage points for a "
                    "`…Percent` figure); null with `reason` when either is missing.")
    relative_percent: Decimal | None = strawberry.field(
        description="(this − that) ÷ |that| × 100, percent; null with `reason` when that is "
                    "0 or either is missing.")
    reason: str | None = strawberry.field(description="Why a change is null.")

    @classmethod
    def all_of(cls, changes: dict[str, analytics.Change]) -> list[FigureChange]:
        return [cls(figure=_camel(name), absolute=c.absolute, relative_percent=c.relative_percent,
                    reason=c.reason) for name, c in changes.items()]


@strawberry.type(description="The period figures were computed for, in company-time-zone days.")
class AnalyticsPeriod:
    date_from: date | None = strawberry.field(
        name="from", description="First day; null: since the beginning.")
    date_to: date = strawberry.field(name="to", description="Last day (today when not given).")
    start: datetime | None = strawberry.field(description="The first instant counted (UTC).")
    end: datetime = strawberry.field(description="The instant counting stops (exclusive, UTC).")

    @classmethod
    def of(cls, period: analytics.Period) -> AnalyticsPeriod:
        return cls(date_from=period.date_from, date_to=period.date_to, start=period.start,
                   end=period.end)


@strawberry.type(description="The campaign owner's three short texts of the effect analysis.")
class CampaignReview:
    campaign_id: strawberry.ID = strawberry.field(description="The campaign.")
    highlights: str | None = strawberry.field(description="亮点 (≤ 50 chars).")
    problems: str | None = strawberry.field(description="问题 (≤ 50 chars).")
    suggestions: str | None = strawberry.field(description="改进建议 (≤ 50 chars).")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")
    updated_at: datetime = strawberry.field(description="When the texts last changed.")

    @classmethod
    def from_row(cls, row: ReviewRow) -> CampaignReview:
        return cls(campaign_id=strawberry.ID(str(row.campaign_id)), highlights=row.highlights,
                   problems=row.problems, suggestions=row.suggestions, version=row.version,
                   updated_at=row.updated_at)


@strawberry.type(description="The effect analysis of a campaign over a period (推广效果分析表), "
                 "computed from stage history. Formulas: docs/analytics.md.")
class CampaignEffect:
    campaign: Campaign = strawberry.field(description="The campaign.")
    period: AnalyticsPeriod = strawberry.field(description="The period of the figures.")
    new_customers: int = strawberry.field(
        description="Customers of the campaign created in the period (新增客户数).")
    intent_customers: int = strawberry.field(
        description="Of the new: those that entered intent (or later) by the period's end.")
    won_customers: int = strawberry.field(
        description="Of the new: those that entered won by the period's end (成交客户数).")
    revenue: Decimal = strawberry.field(
        description="Sum of the deal amounts of those wins, CNY (销售额).")
    budget: Figure = strawberry.field(description="The approved budget total, CNY.")
    cac: Figure = strawberry.field(
        description="Customer acquisition cost = approved budget / new customers (获客成本).")
    conversion_rate: Figure = strawberry.field(
        description="Intent / new × 100, in percent (转化率).",
        deprecation_reason=deprecated_for("conversionRatePercent", "a percent, unnamed"))
    conversion_rate_percent: Figure = strawberry.field(
        description="Intent / new × 100, percent (转化率; 33.33 = 33.33 %).")
    average_cycle_days: Figure = strawberry.field(
        description="Mean days from entering intent to entering won, over won customers "
                    "(平均成交周期).")
    average_deal_value: Figure = strawberry.field(
        description="客单价 = revenue / won customers, CNY (seed 000's key indicator).")
    spent: Figure = strawberry.field(description="Recorded spend of the budget lines, CNY.")
    roi: Figure = strawberry.field(
        description="(revenue − spent) / spent, as a fraction (0.25 = 25 %).",
        deprecation_reason=deprecated_for("roiPercent", "a fraction"))
    roi_percent: Figure = strawberry.field(
        description="(revenue − spent) / spent × 100, percent (投资回报率; 2923.89 = 2,923.89 %).")
    highlights: str | None = strawberry.field(description="亮点, written by the owner.")
    problems: str | None = strawberry.field(description="问题, written by the owner.")
    suggestions: str | None = strawberry.field(description="改进建议, written by the owner.")
    review_version: int | None = strawberry.field(
        description="Version of the review texts (pass to campaignReviewSet); null: none yet.")
    comparison: CampaignEffectComparison | None = strawberry.field(
        description="With compareTo: the comparison period's figures and the change of each.")

    @classmethod
    def of(cls, effect: analytics.CampaignEffect, actor: Principal) -> CampaignEffect:
        c = effect.comparison
        return cls(
            comparison=CampaignEffectComparison(
                period=AnalyticsPeriod.of(c.period), figures=cls.of(c.figures, actor),
                changes=FigureChange.all_of(c.changes)) if c is not None else None,
            campaign=Campaign.from_row(effect.campaign, actor),
            period=AnalyticsPeriod.of(effect.period),
            new_customers=effect.new_customers, intent_customers=effect.intent_customers,
            won_customers=effect.won_customers, revenue=effect.revenue,
            budget=Figure.of(effect.budget), cac=Figure.of(effect.cac),
            conversion_rate=Figure.of(effect.conversion_rate),
            conversion_rate_percent=Figure.of(effect.conversion_rate),
            average_cycle_days=Figure.of(effect.average_cycle_days),
            average_deal_value=Figure.of(effect.average_deal_value),
            spent=Figure.of(effect.spent), roi=Figure.of(effect.roi),
            roi_percent=Figure.of(effect.roi_percent),
            highlights=effect.highlights, problems=effect.problems,
            suggestions=effect.suggestions, review_version=effect.review_version,
        )


@strawberry.type(description="The comparison period of an effect analysis (同比/环比).")
class CampaignEffectComparison:
    period: AnalyticsPeriod = strawberry.field(description="The comparison period.")
    figures: CampaignEffect = strawberry.field(
        description="Its effect analysis (with no comparison of its own).")
    changes: list[FigureChange] = strawberry.field(
        description="newCustomers, intentCustomers, wonCustomers, revenue, budget, cac, "
                    "conversionRate (percentage points), averageCycleDays, averageDealValue, "
                    "spent and roiPercent: this period against that one.")


@strawberry.type(description="One channel's figures in the channel comparison.")
class ChannelComparisonRow:
    channel: Channel | None = strawberry.field(
        description="The channel; null: customers of the chosen campaigns without a source "
                    "channel (so the rows add up to the campaigns' totals).")
    channel_label: str = strawberry.field(description="Chinese label (未归属渠道 for null).")
    new_customers: int = strawberry.field(description="New customers in the period.")
    intent_customers: int = strawberry.field(description="Of the new: reached intent.")
    won_customers: int = strawberry.field(description="Of the new: won.")
    revenue: Decimal = strawberry.field(description="Revenue of those wins, CNY.")
    conversion_rate: Figure = strawberry.field(
        description="Intent / new × 100 (percent).",
        deprecation_reason=deprecated_for("conversionRatePercent", "a percent, unnamed"))
    conversion_rate_percent: Figure = strawberry.field(
        description="Intent / new × 100, percent.")
    revenue_share: Figure = strawberry.field(
        description="This channel's revenue / all rows' revenue × 100 (percent).",
        deprecation_reason=deprecated_for("revenueSharePercent", "a percent, unnamed"))
    revenue_share_percent: Figure = strawberry.field(
        description="This channel's revenue / all rows' revenue × 100, percent.")
    average_cycle_days: Figure = strawberry.field(
        description="Mean days from intent to won over the channel's won customers.")
    planned_cost: Figure = strawberry.field(
        description="Approved campaigns' budget line amounts bought for this channel, plus "
                    "an equal share of their shared lines, CNY.")
    spent: Figure = strawberry.field(description="Recorded spend, split the same way, CNY.")
    cac: Figure = strawberry.field(description="Planned cost / new customers.")
    cost_per_won: Figure = strawberry.field(description="Planned cost / won customers.")
    cost_deviation: Figure = strawberry.field(
        description="Deviation of actual spend from plan: (spent − planned) / planned × 100 "
                    "(percent; negative = under plan).",
        deprecation_reason=deprecated_for("costDeviationPercent", "a percent, unnamed"))
    cost_deviation_percent: Figure = strawberry.field(
        description="(spent − planned) / planned × 100, percent (negative = under plan).")

    @classmethod
    def of(cls, row: analytics.ChannelRow) -> ChannelComparisonRow:
        return cls(
            channel=Channel(row.channel) if row.channel else None,
            channel_label=DomainChannel.of(row.channel).label if row.channel
            else texts.UNATTRIBUTED,
            new_customers=row.new_customers, intent_customers=row.intent_customers,
            won_customers=row.won_customers, revenue=row.revenue,
            conversion_rate=Figure.of(row.conversion_rate),
            conversion_rate_percent=Figure.of(row.conversion_rate),
            revenue_share=Figure.of(row.revenue_share),
            revenue_share_percent=Figure.of(row.revenue_share),
            average_cycle_days=Figure.of(row.average_cycle_days),
            planned_cost=Figure.of(row.planned_cost), spent=Figure.of(row.spent),
            cac=Figure.of(row.cac), cost_per_won=Figure.of(row.cost_per_won),
            cost_deviation=Figure.of(row.cost_deviation),
            cost_deviation_percent=Figure.of(row.cost_deviation),
        )


@strawberry.type(description="One channel's changes against the comparison period.")
class ChannelComparisonChanges:
    channel: Channel | None = strawberry.field(description="The row's channel, as in `rows`.")
    changes: list[FigureChange] = strawberry.field(
        description="newCustomers, intentCustomers, wonCustomers, revenue, conversionRate, "
                    "revenueShare, averageCycleDays, plannedCost, spent, cac, costPerWon, "
                    "costDeviation: this period against that one (a channel missing there: "
                    "null with the reason).")


@strawberry.type(description="The comparison period of a channel comparison (同比/环比).")
class ChannelComparisonComparison:
    period: AnalyticsPeriod = strawberry.field(description="The comparison period.")
    figures: ChannelComparison = strawberry.field(
        description="Its channel comparison (with no comparison of its own).")
    rows: list[ChannelComparisonChanges] = strawberry.field(
        description="One per row of this period's `rows`, in their order.")


@strawberry.type(description="Channels compared across campaigns for a period (渠道对比).")
class ChannelComparison:
    period: AnalyticsPeriod = strawberry.field(description="The period of the figures.")
    campaign_ids: list[strawberry.ID] = strawberry.field(
        description="The campaigns compared (named, or those running in the period).")
    total_revenue: Decimal = strawberry.field(description="Revenue of all rows, CNY.")
    rows: list[ChannelComparisonRow] = strawberry.field(
        description="One row per channel (in the Channel enum's order), then the "
                    "unattributed row if any.")
    comparison: ChannelComparisonComparison | None = strawberry.field(
        description="With compareTo: the comparison period's rows and each row's changes.")

    @classmethod
    def of(cls, result: analytics.ChannelComparison) -> ChannelComparison:
        c = result.comparison
        return cls(comparison=ChannelComparisonComparison(
                       period=AnalyticsPeriod.of(c.period), figures=cls.of(c.figures),
                       rows=[ChannelComparisonChanges(
                           channel=Channel(r.channel) if r.channel else None,
                           changes=FigureChange.all_of(r.changes)) for r in c.rows])
                   if c is not None else None,
                   period=AnalyticsPeriod.of(result.period),
                   campaign_ids=[strawberry.ID(str(i)) for i in result.campaign_ids],
                   total_revenue=result.total_revenue,
                   rows=[ChannelComparisonRow.of(r) for r in result.rows])


@strawberry.type(description="A criterion of the weighted channel evaluation.")
class EvaluationCriterion:
    key: str = strawberry.field(description="Stable key, e.g. user_match.")
    label: str = strawberry.field(description="Chinese label, e.g. 用户匹配度.")
    weight: Decimal = strawberry.field(description="Weight; all weights sum to 1.")
    description: str = strawberry.field(description="What is judged.")

    @classmethod
    def of(cls, c: analytics.Criterion) -> EvaluationCriterion:
        return cls(key=c.key, label=c.label, weight=c.weight, description=c.description)


@strawberry.type(description="One criterion's part of a candidate's weighted total.")
class CriterionScore:
    criterion: EvaluationCriterion = strawberry.field(description="The criterion.")
    score: Decimal = strawberry.field(description="The candidate's score on the scale.")
    weight: Decimal = strawberry.field(description="The criterion's weight.")
    contribution: Decimal = strawberry.field(description="score × weight.")


@strawberry.type(description="A candidate channel with its weighted total and breakdown.")
class RankedChannel:
    rank: int = strawberry.field(description="1 = best; equal totals share a rank.")
    key: str = strawberry.field(description="The candidate's key in the evaluation file.")
    name: str = strawberry.field(description="The candidate's name, e.g. 社交内容电商平台.")
    channel: Channel | None = strawberry.field(description="The engine channel it maps to.")
    note: str = strawberry.field(description="Why it scored as it did.")
    total: Decimal = strawberry.field(description="Σ score × weight, on the scale.")
    breakdown: list[CriterionScore] = strawberry.field(description="Per criterion.")

    @classmethod
    def of(cls, r: analytics.ChannelEvaluation) -> RankedChannel:
        return cls(
            rank=r.rank, key=r.key, name=r.name,
            channel=Channel(r.channel) if r.channel else None, note=r.note, total=r.total,
            breakdown=[CriterionScore(criterion=EvaluationCriterion.of(b.criterion),
                                      score=b.score, weight=b.criterion.weight,
                                      contribution=b.contribution) for b in r.breakdown],
        )


@strawberry.type(description="The weighted channel evaluation of the expansion plan "
                 "(workflows/channel_evaluation.yaml), ranked.")
class ChannelEvaluation:
    scale_min: int = strawberry.field(description="Lowest score on the scale.")
    scale_max: int = strawberry.field(description="Highest score on the scale.")
    criteria: list[EvaluationCriterion] = strawberry.field(description="Criteria and weights.")
    ranking: list[RankedChannel] = strawberry.field(description="Candidates, best first.")
