"""Channel comparison: per channel, across the chosen campaigns, the cohort and its cost.

Cost: the budget lines of approved campaigns; a line with a channel counts for that
channel, a shared line (no channel) is split equally across the campaign's channels.
Planned cost = line amounts, spent = recorded spend; CAC = planned cost / new customers;
cost per won = planned cost / won; deviation = (spent − planned) / planned × 100.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from engine import db, sqlkit
from engine.authz import NoAccess, Principal, Scope, scope_filter
from engine.models import Campaign
from engine.models.enums import Channel
from engine.services import campaigns
from engine.services.analytics.cohort import cohort_sql, counts_sql
from engine.services.analytics.figures import (
    REASON_BUDGET_HIDDEN,
    REASON_NO_COST,
    REASON_NO_NEW,
    REASON_NO_REVENUE,
    REASON_NO_WON,
    Figure,
    Period,
    RowChange,
    changes_of,
    comparison_period,
    cycle_days,
    period_of,
    ratio,
)


@dataclass(frozen=True)
class ChannelRow:
    channel: str | None  # None: customers of the chosen campaigns with no source channel
    new_customers: int
    intent_customers: int
    won_customers: int
    revenue: Decimal
    conversion_rate: Figure
    revenue_share: Figure
    average_cycle_days: Figure
    planned_cost: Figure
    spent: Figure
    cac: Figure
    cost_per_won: Figure
    cost_deviation: Figure


@dataclass(frozen=True)
class ChannelComparison:
    period: Period
    campaign_ids: list[int]
    total_revenue: Decimal
    rows: list[ChannelRow]
    comparison: ComparisonOfChannels | None = None


COMPARED = ("new_customers", "intent_customers", "won_customers", "revenue",
            "conversion_rate", "revenue_share", "average_cycle_days", "planned_cost", "spent",
            "cac", "cost_per_won", "cost_deviation")


@dataclass(frozen=True)
class ComparisonOfChannels:
    period: Period
    figures: ChannelComparison
    rows: list[RowChange]  # one per row of this period, in its order


def _budget_visibility_sql(actor: Principal, p: sqlkit.Params) -> str:
    """A SQL boolean (as 1/0) over campaign `c`: may the caller read its budget?"""
    try:
        clause = sqlkit.scope_clause(actor, campaigns.OBJECT, "read_budget", p,
                                     owner_col="c.owner_id", department_col="c.department_id")
    except NoAccess:
        return "0"
    if clause.scope is Scope.ALL:
        return "1"
    return f"CASE WHEN {clause.sql} THEN 1 ELSE 0 END"


async def chosen_campaigns(actor: Principal, period: Period,
                            campaign_ids: Sequence[int] | None, department_id: int | None
                            ) -> list[int]:
    """The campaigns a cross-campaign figure covers: those named, else those running in the
    period (of one department), among those `actor` may read."""
    try:
        scope = scope_filter(actor, campaigns.OBJECT, "read", owner_field="owner_id",
                             department_field="department_id")
    except NoAccess:
        return []
    qs = Campaign.all()
    if scope is not None:
        qs = qs.filter(scope)
    if campaign_ids:
        qs = qs.filter(id__in=list(campaign_ids))
    else:
        if period.date_from is not None:
            qs = qs.filter(end_date__gte=period.date_from)
        qs = qs.filter(start_date__lte=period.date_to)
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    ids: list[Any] = list(await qs.values_list("id", flat=True))
    return sorted(int(i) for i in ids)


def _comparison_sql(actor: Principal, p: sqlkit.Params, chosen: list[int],
                    period: Period) -> str:
    visible_sql = _budget_visibility_sql(actor, p)
    cohort = cohort_sql(p, "cu.source_campaign_id IN (SELECT id FROM camp)", period, True)

    def cents(column: str) -> str:
        return sqlkit.cents(p, column)

    return f"""
        WITH camp AS (
            SELECT c.id, c.approved_total IS NOT NULL AS approved,
                   {visible_sql} AS budget_visible
            FROM campaign c WHERE c.id IN ({sqlkit.in_list(p, chosen)})
        ),
        cohort AS ({cohort}),
        by_channel AS (
            SELECT channel, {counts_sql(p)}
            FROM cohort GROUP BY channel
        ),
        width AS (
            SELECT cc.campaign_id, COUNT(*) AS n
            FROM campaign_channel cc JOIN camp ON camp.id = cc.campaign_id
            GROUP BY cc.campaign_id
        ),
        cost AS (
            SELECT COALESCE(bl.channel, cc.channel) AS channel,
                   SUM(CASE WHEN bl.channel IS NULL
                            THEN {cents('bl.amount')} * 1.0 / width.n
                            ELSE {cents('bl.amount')} END) AS planned_cents,
                   SUM(CASE WHEN bl.channel IS NULL
                            THEN {cents('bl.spent')} * 1.0 / width.n
                            ELSE {cents('bl.spent')} END) AS spent_cents
            FROM budget_line bl
            JOIN camp ON camp.id = bl.campaign_id AND camp.approved
            JOIN width ON width.campaign_id = bl.campaign_id
            LEFT JOIN campaign_channel cc
                   ON bl.channel IS NULL AND cc.campaign_id = bl.campaign_id
            GROUP BY COALESCE(bl.channel, cc.channel)
        ),
        channels AS (
            SELECT cc.channel FROM campaign_channel cc JOIN camp ON camp.id = cc.campaign_id
            UNION SELECT channel FROM by_channel
            UNION SELECT channel FROM cost
        )
        SELECT ch.channel,
               COALESCE(b.new_count, 0) AS new_count,
               COALESCE(b.intent_count, 0) AS intent_count,
               COALESCE(b.won_count, 0) AS won_count,
               COALESCE(b.revenue_cents, 0) AS revenue_cents,
               SUM(COALESCE(b.revenue_cents, 0)) OVER () AS total_revenue_cents,
               b.cycle_days,
               k.planned_cents, k.spent_cents,
               (SELECT COUNT(*) FROM camp WHERE budget_visible = 0) AS hidden_budgets
        FROM channels ch
        LEFT JOIN by_channel b ON b.channel = ch.channel
             OR (b.channel IS NULL AND ch.channel IS NULL)
        LEFT JOIN cost k ON k.channel = ch.channel
    """


def _row(r: dict[str, Any], total: Decimal) -> ChannelRow:
    new, intent, won = int(r["new_count"]), int(r["intent_count"]), int(r["won_count"])
    revenue = sqlkit.from_cents(r["revenue_cents"])
    if int(r["hidden_budgets"] or 0) > 0:
        planned = spent = cac = per_won = deviation = Figure.none(REASON_BUDGET_HIDDEN)
    elif r["channel"] is None:
        reason = "customers without a source channel carry no channel cost"
        planned = spent = cac = per_won = deviation = Figure.none(reason)
    elif r["planned_cents"] is None:
        planned = spent = cac = per_won = deviation = Figure.none(REASON_NO_COST)
    else:
        planned_v = sqlkit.from_cents(r["planned_cents"])
        spent_v = sqlkit.from_cents(r["spent_cents"])
        planned, spent = Figure.of(planned_v), Figure.of(spent_v)
        cac = ratio(planned_v, Decimal(new), REASON_NO_NEW)
        per_won = ratio(planned_v, Decimal(won), REASON_NO_WON)
        deviation = ratio(spent_v - planned_v, planned_v, "no planned cost", percent=True)
    return ChannelRow(
        channel=r["channel"],
        new_customers=new,
        intent_customers=intent,
        won_customers=won,
        revenue=revenue,
        conversion_rate=ratio(Decimal(intent), Decimal(new), REASON_NO_NEW, percent=True),
        revenue_share=ratio(revenue, total, REASON_NO_REVENUE, percent=True),
        average_cycle_days=cycle_days(r["cycle_days"]) if won else Figure.none(REASON_NO_WON),
        planned_cost=planned,
        spent=spent,
        cac=cac,
        cost_per_won=per_won,
        cost_deviation=deviation,
    )


async def channel_comparison(
    actor: Principal, date_from: date | None, date_to: date | None,
    campaign_ids: Sequence[int] | None = None, department_id: int | None = None, *,
    compare_to: str | None = None, compare_from: date | None = None,
    compare_through: date | None = None,
) -> ChannelComparison:
    """Per channel, across the chosen campaigns, for customers new in the period.

    Campaigns: `campaign_ids` if given, else every campaign running during the period
    (its dates overlap it), optionally only `department_id`'s — all among those the caller
    may read. Cost as the module docstring says; cost figures are null when the caller
    may not read the budget of every chosen campaign.
    """
    other = comparison_period(date_from, date_to, compare_to, compare_from, compare_through)
    result = await _channel_comparison(actor, period_of(date_from, date_to), campaign_ids,
                                       department_id)
    if other is None:
        return result
    # the same named campaigns, else those running in the comparison period
    then = await _channel_comparison(actor, period_of(*other), campaign_ids, department_id)
    by_channel = {r.channel: r for r in then.rows}
    return replace(result, comparison=ComparisonOfChannels(then.period, then, [
        RowChange(r.channel, None, changes_of(r, by_channel.get(r.channel), COMPARED))
        for r in result.rows]))


async def _channel_comparison(actor: Principal, period: Period,
                              campaign_ids: Sequence[int] | None, department_id: int | None
                              ) -> ChannelComparison:
    chosen = await chosen_campaigns(actor, period, campaign_ids, department_id)
    if not chosen:
        return ChannelComparison(period, [], Decimal("0.00"), [])
    p = sqlkit.Params(db.connection())
    rows = await p.fetch(_comparison_sql(actor, p, chosen, period))
    order = {c.value: i for i, c in enumerate(Channel)}
    rows.sort(key=lambda r: (r["channel"] is None, order.get(r["channel"], 99)))
    total = sqlkit.from_cents(rows[0]["total_revenue_cents"]) if rows else Decimal("0.00")
    return ChannelComparison(period, chosen, total, [_row(r, total) for r in rows])
