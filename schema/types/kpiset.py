"""Seed 002's channel KPI set, period comparisons (同比/环比) and recorded channel metrics."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from engine import texts
from engine.models import ChannelMetric as MetricRow
from engine.models.enums import Channel as DomainChannel
from engine.models.enums import ChannelMetricKind as DomainMetric
from engine.services import analytics
from schema.enums import Channel, ChannelMetricKind
from schema.types.analytics import AnalyticsPeriod, Figure, FigureChange


@strawberry.type(description="A recorded platform figure of a campaign's channel for one day.")
class ChannelMetricValue:
    id: strawberry.ID = strawberry.field(description="Record id.")
    campaign_id: strawberry.ID = strawberry.field(description="The campaign.")
    channel: Channel = strawberry.field(description="The channel.")
    day: date = strawberry.field(description="The day (company time zone).")
    metric: ChannelMetricKind = strawberry.field(description="What it counts.")
    metric_label: str = strawberry.field(description="Chinese label of the metric.")
    value: Decimal = strawberry.field(description="The value (a count; spend in CNY).")
    source: str = strawberry.field(description="api (channelMetricRecord) or import.")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")

    @classmethod
    def from_row(cls, row: MetricRow) -> ChannelMetricValue:
        return cls(id=strawberry.ID(str(row.id)), campaign_id=strawberry.ID(str(row.campaign_id)),
                   channel=Channel(row.channel), day=row.day, metric=ChannelMetricKind(row.metric),
                   metric_label=DomainMetric.of(row.metric).label, value=Decimal(row.value),
                   source=row.source, version=row.version)


@strawberry.type(description="The values recorded by one channelMetricRecord.")
class ChannelMetricsRecorded:
    values: list[ChannelMetricValue] = strawberry.field(description="As stored now.")


@strawberry.type(description="Visitors from one traffic source, and their share (流量来源构成).")
class TrafficSourceShare:
    source: ChannelMetricKind = strawberry.field(description="A TRAFFIC_* metric.")
    label: str = strawberry.field(description="Chinese label.")
    visitors: Figure = strawberry.field(description="Visitors recorded from it.")
    share_percent: Figure = strawberry.field(
        description="visitors ÷ visitors of all recorded sources × 100, percent.")


def _f(description: str) -> Figure:
    return strawberry.field(description=description)


@strawberry.type(description="Seed 002's KPI set for a channel, a campaign or all of them "
                 "(formulas, inputs and null reasons: docs/analytics.md). Rates are percents.")
class ChannelKpiRow:
    channel: Channel | None = strawberry.field(
        description="The channel (rows per channel); null on campaign and total rows, and "
                    "on the row of customers and orders without a channel.")
    channel_label: str | None = strawberry.field(
        description="Chinese label; 未归属渠道 for the unattributed row.")
    campaign_id: strawberry.ID | None = strawberry.field(
        description="The campaign (rows per campaign); null otherwise.")
    sales: Figure = _f("销售额: order amounts in the period, CNY.")
    orders: Figure = _f("订单量: orders in the period.")
    buyers: Figure = _f("Customers with an order in the period.")
    average_order_value: Figure = _f("AOV = sales ÷ orders, CNY.")
    sales_per_buyer: Figure = _f("客单价 = sales ÷ buyers, CNY.")
    sales_growth_yoy_percent: Figure = _f(
        "同比: (sales − sales of the same period last year) ÷ those × 100, percent.")
    sales_growth_pop_percent: Figure = _f(
        "环比: (sales − sales of the previous period) ÷ those × 100, percent.")
    uv: Figure = _f("访客数: UV recorded per day, summed.")
    pv: Figure = _f("浏览量: PV recorded per day, summed.")
    new_visitors: Figure = _f("新访客数, summed.")
    new_visitor_share_percent: Figure = _f("新访客占比 = new visitors ÷ UV × 100, percent.")
    traffic_sources: list[TrafficSourceShare] = strawberry.field(
        description="流量来源构成: visitors per recorded source and their shares (empty when "
                    "no source is recorded).")
    impressions: Figure = _f("曝光量, summed.")
    clicks: Figure = _f("点击量, summed.")
    ctr_percent: Figure = _f("点击率 CTR = clicks ÷ impressions × 100, percent.")
    cvr_percent: Figure = _f("转化率 CVR = buyers ÷ UV × 100, percent.")
    add_to_cart: Figure = _f("加购人数, summed.")
    add_to_cart_rate_percent: Figure = _f("加购率 = add-to-cart ÷ UV × 100, percent.")
    favourites: Figure = _f("收藏人数, summed.")
    favourite_rate_percent: Figure = _f("收藏率 = favourites ÷ UV × 100, percent.")
    new_users: Figure = _f("新增用户数: customers whose first stage entry is in the period.")
    repurchase_rate_percent: Figure = _f(
        "复购率 = buyers with two or more orders in the period ÷ buyers × 100, percent.")
    retention_rate_percent: Figure = _f(
        "留存率 = buyers of the previous period who bought again ÷ buyers of the previous "
        "period × 100, percent.")
    complaints: Figure = _f("客诉数, summed.")
    complaint_rate_percent: Figure = _f("客诉率 = complaints ÷ orders × 100, percent.")
    cost: Figure = _f("Cost: the spend recorded, else the approved budget's share for the "
                      "days of the period, CNY (see costBasis).")
    cost_basis: str | None = strawberry.field(
        description="recorded_spend, budget_share, or mixed (recorded spend for some "
                    "campaign-channels, the budget's share for the others); null: no cost.")
    cac: Figure = _f("获客成本 CAC = cost ÷ new users, CNY.")
    ltv: Figure = _f("客户生命周期价值 LTV = orders up to the period's end of the customers "
                     "acquired by then ÷ those customers, CNY.")
    roi_percent: Figure = _f("ROI = (sales − cost) ÷ cost × 100, percent.")

    @classmethod
    def of(cls, s: analytics.KpiSet) -> ChannelKpiRow:
        values = {k: Figure.of(v) for k, v in s.figures().items()}
        label = None
        if s.level == "channel":
            label = DomainChannel.of(s.channel).label if s.channel else texts.UNATTRIBUTED
        return cls(
            channel=Channel(s.channel) if s.channel else None,
            channel_label=label, campaign_id=strawberry.ID(str(s.campaign_id))
            if s.campaign_id is not None else None,
            traffic_sources=[TrafficSourceShare(
                source=ChannelMetricKind(t.source), label=DomainMetric.of(t.source).label,
                visitors=Figure.of(t.visitors), share_percent=Figure.of(t.share_percent))
                for t in s.traffic_sources],
            cost_basis=s.cost_basis, **values)


@strawberry.type(description="The changes of one row's figures against the comparison period.")
class ChannelKpiRowChanges:
    channel: Channel | None = strawberry.field(description="The row's channel, as in the row.")
    campaign_id: strawberry.ID | None = strawberry.field(description="The row's campaign.")
    changes: list[FigureChange] = strawberry.field(description="One per figure of the row.")

    @classmethod
    def of(cls, r: analytics.RowChange) -> ChannelKpiRowChanges:
        return cls(channel=Channel(r.channel) if r.channel else None,
                   campaign_id=strawberry.ID(str(r.campaign_id))
                   if r.campaign_id is not None else None,
                   changes=FigureChange.all_of(r.changes))


@strawberry.type(description="The comparison period's KPI set and the changes (同比/环比).")
class ChannelKpisComparison:
    period: AnalyticsPeriod = strawberry.field(description="The comparison period.")
    figures: ChannelKpis = strawberry.field(description="Its figures (no comparison of its own).")
    channels: list[ChannelKpiRowChanges] = strawberry.field(
        description="Per row of `channels` (same order): its changes.")
    campaigns: list[ChannelKpiRowChanges] = strawberry.field(
        description="Per row of `campaigns` (same order): its changes.")
    total: ChannelKpiRowChanges = strawberry.field(description="The total's changes.")


@strawberry.type(description="Seed 002's KPI set per channel, per campaign and in total for a "
                 "period (channelKpis).")
class ChannelKpis:
    period: AnalyticsPeriod = strawberry.field(description="The period of the figures.")
    campaign_ids: list[strawberry.ID] = strawberry.field(description="The campaigns covered.")
    channels: list[ChannelKpiRow] = strawberry.field(
        description="One row per channel (Channel enum order), then the unattributed row.")
    campaigns: list[ChannelKpiRow] = strawberry.field(
        description="One row per campaign covered (the channels asked for only).")
    total: ChannelKpiRow = strawberry.field(description="All of them together.")
    comparison: ChannelKpisComparison | None = strawberry.field(
        description="With compareTo: the comparison period's figures and the changes.")

    @classmethod
    def of(cls, r: analytics.ChannelKpis) -> ChannelKpis:
        c = r.comparison
        return cls(
            period=AnalyticsPeriod.of(r.period),
            campaign_ids=[strawberry.ID(str(i)) for i in r.campaign_ids],
            channels=[ChannelKpiRow.of(x) for x in r.channels],
            campaigns=[ChannelKpiRow.of(x) for x in r.campaigns],
            total=ChannelKpiRow.of(r.total),
            comparison=ChannelKpisComparison(
                period=AnalyticsPeriod.of(c.period), figures=ChannelKpis.of(c.figures),
                channels=[ChannelKpiRowChanges.of(x) for x in c.channels],
                campaigns=[ChannelKpiRowChanges.of(x) for x in c.campaigns],
                total=ChannelKpiRowChanges.of(c.total)) if c is not None else None)

