"""Effect analysis (推广效果分析表) of one campaign, and the customers behind its figures.

The definitions (new, intent, won, revenue, CAC, conversion, average cycle, spent, ROI)
are the package's (engine/services/analytics/__init__.py); the counting is `cohort`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tortoise.expressions import Subquery

from engine import db, sqlkit
from engine.authz import NoAccess, Principal
from engine.errors import NotFound, ValidationFailed
from engine.models import Campaign, CampaignReview, Customer, CustomerStageChange
from engine.pagination import Page, empty_page, paginate
from engine.services import campaigns, customers
from engine.services.analytics.cohort import INTENT_OR_LATER, WON, cohort_sql, counts_sql
from engine.services.analytics.figures import (
    RATIO,
    REASON_BUDGET_HIDDEN,
    REASON_NO_NEW,
    REASON_NO_SPEND,
    REASON_NO_WON,
    REASON_NOT_APPROVED,
    Change,
    Figure,
    Period,
    changes_of,
    comparison_period,
    cycle_days,
    period_of,
    ratio,
)

METRICS = ("new", "intent", "won", "revenue")


@dataclass(frozen=True)
class CampaignEffect:
    campaign: Campaign
    period: Period
    new_customers: int
    intent_customers: int
    won_customers: int
    revenue: Decimal
    budget: Figure
    cac: Figure
    conversion_rate: Figure
    average_cycle_days: Figure
    spent: Figure
    roi: Figure  # a fraction (the API's deprecated `roi`)
    roi_percent: Figure
    average_deal_value: Figure  # 客单价 = revenue / won customers
    highlights: str | None
    problems: str | None
    suggestions: str | None
    review_version: int | None
    comparison: EffectComparison | None = None


# the figures a comparison compares, in the order of the API's CampaignEffectChanges
COMPARED = ("new_customers", "intent_customers", "won_customers", "revenue", "budget", "cac",
            "conversion_rate", "average_cycle_days", "average_deal_value", "spent",
            "roi_percent")


@dataclass(frozen=True)
class EffectComparison:
    period: Period  # the comparison period
    figures: CampaignEffect  # its figures
    changes: dict[str, Change]  # COMPARED name → this period against that one


async def _campaign_for_read(actor: Principal, campaign_id: int) -> Campaign:
    campaign = await campaigns.get(actor, campaign_id=campaign_id)
    if campaign is None:
        raise NotFound(campaigns.OBJECT, campaign_id)
    return campaign


async def campaign_effect(actor: Principal, campaign_id: int, date_from: date | None,
                          date_to: date | None, *, compare_to: str | None = None,
                          compare_from: date | None = None,
                          compare_through: date | None = None) -> CampaignEffect:
    """The effect analysis of one campaign over a period (see the module docstring), with
    the comparison period's figures and the changes when one is asked for."""
    other = comparison_period(date_from, date_to, compare_to, compare_from, compare_through)
    effect = await _campaign_effect(actor, campaign_id, date_from, date_to)
    if other is None:
        return effect
    then = await _campaign_effect(actor, campaign_id, *other)
    return replace(effect, comparison=EffectComparison(
        then.period, then, changes_of(effect, then, COMPARED)))


async def _campaign_effect(actor: Principal, campaign_id: int, date_from: date | None,
                           date_to: date | None) -> CampaignEffect:
    period = period_of(date_from, date_to)
    campaign = await _campaign_for_read(actor, campaign_id)
    p = sqlkit.Params(db.connection())
    campaign_p = p(campaign.id)
    cohort = cohort_sql(p, f"cu.source_campaign_id = {campaign_p}", period, False)
    sql = f"""
        WITH cohort AS ({cohort}),
        figures AS (
            SELECT {counts_sql(p)}
            FROM cohort
        ),
        spend AS (
            SELECT SUM({sqlkit.cents(p, 'spent')}) AS spent_cents
            FROM budget_line WHERE campaign_id = {campaign_p}
        )
        SELECT figures.*, spend.spent_cents FROM figures CROSS JOIN spend
    """
    row = (await p.fetch(sql))[0]
    new = int(row["new_count"] or 0)
    intent = int(row["intent_count"] or 0)
    won = int(row["won_count"] or 0)
    revenue = sqlkit.from_cents(row["revenue_cents"])
    spent_amount = sqlkit.from_cents(row["spent_cents"])

    budget_visible = campaigns.can_read_budget(actor, campaign)
    if not budget_visible:
        budget = cac = spent = roi = roi_pct = Figure.none(REASON_BUDGET_HIDDEN)
    else:
        if campaign.approved_total is None:
            budget = cac = Figure.none(REASON_NOT_APPROVED)
        else:
            budget = Figure.of(Decimal(campaign.approved_total).quantize(sqlkit.CENT))
            cac = ratio(Decimal(campaign.approved_total), Decimal(new), REASON_NO_NEW)
        spent = Figure.of(spent_amount)
        roi = ratio(revenue - spent_amount, spent_amount, REASON_NO_SPEND, quantum=RATIO)
        roi_pct = ratio(revenue - spent_amount, spent_amount, REASON_NO_SPEND, percent=True)
    review = await CampaignReview.get_or_none(campaign_id=campaign.id)
    return CampaignEffect(
        campaign=campaign,
        period=period,
        new_customers=new,
        intent_customers=intent,
        won_customers=won,
        revenue=revenue,
        budget=budget,
        cac=cac,
        conversion_rate=ratio(Decimal(intent), Decimal(new), REASON_NO_NEW, percent=True),
        average_cycle_days=cycle_days(row["cycle_days"]) if won
        else Figure.none(REASON_NO_WON),
        spent=spent,
        roi=roi,
        roi_percent=roi_pct,
        average_deal_value=ratio(revenue, Decimal(won), REASON_NO_WON),
        highlights=review.highlights if review else None,
        problems=review.problems if review else None,
        suggestions=review.suggestions if review else None,
        review_version=review.version if review else None,
    )


def _metric(value: str) -> str:
    metric = str(value).strip().lower()
    if metric not in METRICS:
        allowed = ", ".join(m.upper() for m in METRICS)
        raise ValidationFailed("metric", f"metric must be one of {allowed}", rule="choice")
    return metric


async def campaign_effect_customers(
    actor: Principal, campaign_id: int, metric: str, date_from: date | None,
    date_to: date | None, *, first: int | None = None, after: str | None = None,
) -> Page[Customer]:
    """The customer records behind one figure of `campaign_effect`, as a customers list:
    scoped to the customers the caller may read, newest first; contacts are masked by the
    Customer type exactly as in `customers`."""
    metric_v = _metric(metric)
    period = period_of(date_from, date_to)
    campaign = await _campaign_for_read(actor, campaign_id)
    try:
        scope = customers.visible(actor)
    except NoAccess:
        return empty_page()
    entries = CustomerStageChange.filter(customer__source_campaign_id=campaign.id,
                                         at__lt=period.end)
    qs = Customer.filter(source_campaign_id=campaign.id,
                         id__in=Subquery(entries.values("customer_id")))
    if period.start is not None:
        qs = qs.filter(id__not_in=Subquery(CustomerStageChange.filter(
            customer__source_campaign_id=campaign.id, at__lt=period.start
        ).values("customer_id")))
    if metric_v == "intent":
        qs = qs.filter(id__in=Subquery(entries.filter(
            to_stage__in=list(INTENT_OR_LATER)).values("customer_id")))
    elif metric_v == "won":
        qs = qs.filter(id__in=Subquery(entries.filter(to_stage=WON).values("customer_id")))
    elif metric_v == "revenue":
        qs = qs.filter(id__in=Subquery(entries.filter(
            to_stage=WON, deal_amount__isnull=False).values("customer_id")))
    if scope is not None:
        qs = qs.filter(scope)
    return await paginate(qs, first=first, after=after, order=customers.ORDERS["created_desc"])
