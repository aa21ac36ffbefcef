"""Effect analysis (推广效果分析表) and channel comparison, computed from stage history.

Definitions (docs/analytics.md states them for portal teams):

- A campaign's customers are those whose `source_campaign` is the campaign; a channel's
  customers are those whose `source_channel` is the channel (within the chosen campaigns).
- The period is [date_from, date_to] in company-time-zone days. `date_from` None: no lower
  bound; `date_to` None: up to now.
- new: customers whose FIRST stage-history entry (their creation) falls in the period.
- intent: new customers that entered intent, negotiation or won (every later stage is
  reached through intent) by the end of the period.
- won: new customers that entered won by the end of the period.
- revenue: the deal amounts of those won entries (stage history), by the end of the period.
- CAC = budget / new, where budget is the campaign's approved total.
- conversion = intent / new × 100 (percent).
- average cycle = mean over won customers of days from their first intent-or-later entry
  to their first won entry.
- spent = sum of the budget lines' recorded spend; ROI = (revenue − spent) / spent.

Every figure is a value with a reason when it is null (a division by zero, a budget not
approved, a budget the caller may not see): never a crash, never a fake 0.

Who sees what: the aggregate figures of a campaign are visible to whoever may read the
campaign (every role may); money figures that come from the budget (budget, CAC, spent,
ROI, channel cost) need `read_budget` on the campaign, otherwise they are null with the
reason "budget not visible to you". The customer records behind a figure
(`campaign_effect_customers`) are a customers list: scoped and masked exactly as the
customers list is. All counting runs in one SQL statement per figure set (CTEs with
GROUP BY), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Subquery

from engine import audit, clock, db, machines, outbox, settings, validation
from engine.authz import NoAccess, Principal, Scope, authorizer, require, scope_filter
from engine.errors import Conflict, NotFound, ValidationFailed
from engine.models import (
    BudgetLine,
    Campaign,
    CampaignReview,
    Customer,
    CustomerStageChange,
)
from engine.models.enums import Channel, CustomerStage
from engine.pagination import Page, empty_page, paginate
from engine.services import campaigns, customers

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
HUNDRED = Decimal("100")
RATIO = Decimal("0.0001")
REVIEW_MAX = 50
# Stages reached only through intent: entering any of them counts as having reached intent.
INTENT_OR_LATER = (CustomerStage.INTENT.value, CustomerStage.NEGOTIATION.value,
                   CustomerStage.WON.value)
WON = CustomerStage.WON.value
METRICS = ("new", "intent", "won", "revenue")

REASON_NO_NEW = "no new customers in the period"
REASON_NO_WON = "no won customers in the period"
REASON_NOT_APPROVED = "budget not approved"
REASON_BUDGET_HIDDEN = "budget not visible to you"
REASON_NO_SPEND = "nothing spent yet (spent = 0)"
REASON_NO_REVENUE = "no revenue in the period"
REASON_NO_COST = "no approved budget assigned to this channel"


# -- results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A computed number, or None with the reason it cannot be given."""

    value: Decimal | None
    reason: str | None = None

    @staticmethod
    def of(value: Decimal) -> Figure:
        return Figure(value, None)

    @staticmethod
    def none(reason: str) -> Figure:
        return Figure(None, reason)


@dataclass(frozen=True)
class Period:
    date_from: date | None
    date_to: date
    start: datetime | None  # UTC instant of date_from 00:00 in the company zone
    end: datetime  # exclusive: UTC instant of the day after date_to (or now)


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
    roi: Figure
    highlights: str | None
    problems: str | None
    suggestions: str | None
    review_version: int | None


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


# -- SQL helpers -----------------------------------------------------------------------

_NAMED = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")


def _bind(conn: BaseDBAsyncClient, sql: str, params: dict[str, Any]) -> tuple[str, list[Any]]:
    """`:name` markers to the driver's placeholders (`$n` reused, or `?` repeated)."""
    pg = db.dialect_of(conn) == "postgres"
    order: list[str] = []
    numbers: dict[str, int] = {}

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if pg:
            if name not in numbers:
                order.append(name)
                numbers[name] = len(order)
            return f"${numbers[name]}"
        order.append(name)
        return "?"

    text = _NAMED.sub(sub, sql)
    return text, [db.adapt(conn, params[name]) for name in order]


def _cents(conn: BaseDBAsyncClient, expr: str) -> str:
    """An exact amount in cents. SQLite stores decimals as text: read, scale, round."""
    if db.dialect_of(conn) == "postgres":
        return f"({expr} * 100)"
    return f"CAST(ROUND(CAST({expr} AS REAL) * 100) AS INTEGER)"


def _days_between(conn: BaseDBAsyncClient, later: str, earlier: str) -> str:
    if db.dialect_of(conn) == "postgres":
        return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)"
    return f"(julianday({later}) - julianday({earlier}))"


def _to_money(cents: Any) -> Decimal:
    if cents is None:
        return Decimal("0.00")
    return (Decimal(str(cents)) / HUNDRED).quantize(CENT, ROUND_HALF_UP)


def _days(value: Any) -> Figure:
    if value is None:
        return Figure.none(REASON_NO_WON)
    return Figure.of(Decimal(str(value)).quantize(TENTH, ROUND_HALF_UP))


def ratio(numerator: Decimal | int, denominator: Decimal | int, reason: str, *,
          percent: bool = False, quantum: Decimal = CENT) -> Figure:
    """numerator / denominator (× 100 for a percentage), or null with `reason` on zero."""
    if not denominator:
        return Figure.none(reason)
    value = Decimal(numerator) / Decimal(denominator) * (HUNDRED if percent else 1)
    return Figure.of(value.quantize(quantum, ROUND_HALF_UP))


def period_of(date_from: date | None, date_to: date | None) -> Period:
    """The period's UTC bounds; days are the company time zone's."""
    zone = settings.current().zone
    now = clock.now()
    if date_from is not None and date_to is not None and date_to < date_from:
        raise ValidationFailed("date_to", "the end of the period is before its start",
                               rule="before_start")
    start = (datetime.combine(date_from, time.min, tzinfo=zone).astimezone(UTC)
             if date_from is not None else None)
    if date_to is None:
        today = clock.local_date(now, zone)
        if date_from is not None and date_from > today:
            raise ValidationFailed("date_from", "the period starts after today",
                                   rule="in_future")
        return Period(date_from, today, start, now)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=zone)
    return Period(date_from, date_to, start, end.astimezone(UTC))


def _cohort_sql(conn: BaseDBAsyncClient, campaign_filter: str, period: Period,
                channel_column: bool) -> str:
    """Per customer of the chosen campaigns who is new in the period: first entry, first
    intent-or-later entry, first won entry, revenue in cents (by the end of the period)."""
    intent_list = ", ".join(f"'{s}'" for s in INTENT_OR_LATER)
    lower = "HAVING MIN(h.at) >= :start" if period.start is not None else ""
    channel = "cu.source_channel AS channel, " if channel_column else ""
    group = "cu.id, cu.source_channel" if channel_column else "cu.id"
    return f"""
        SELECT cu.id AS customer_id, {channel}
               MIN(CASE WHEN h.to_stage IN ({intent_list}) THEN h.at END) AS intent_at,
               MIN(CASE WHEN h.to_stage = '{WON}' THEN h.at END) AS won_at,
               SUM(CASE WHEN h.to_stage = '{WON}' AND h.deal_amount IS NOT NULL
                        THEN {_cents(conn, 'h.deal_amount')} ELSE 0 END) AS revenue_cents
        FROM customer cu
        JOIN customer_stage_change h ON h.customer_id = cu.id
        WHERE {campaign_filter} AND h.at < :end
        GROUP BY {group}
        {lower}
    """


# -- effect analysis ---------------------------------------------------------------------


async def _campaign_for_read(actor: Principal, campaign_id: int) -> Campaign:
    campaign = await campaigns.get(actor, campaign_id=campaign_id)
    if campaign is None:
        raise NotFound(campaigns.OBJECT, campaign_id)
    return campaign


async def campaign_effect(actor: Principal, campaign_id: int, date_from: date | None,
                          date_to: date | None) -> CampaignEffect:
    """The effect analysis of one campaign over a period (see the module docstring)."""
    period = period_of(date_from, date_to)
    campaign = await _campaign_for_read(actor, campaign_id)
    conn = db.connection()
    cohort = _cohort_sql(conn, "cu.source_campaign_id = :campaign", period, False)
    sql = f"""
        WITH cohort AS ({cohort}),
        figures AS (
            SELECT COUNT(*) AS new_count,
                   COUNT(intent_at) AS intent_count,
                   COUNT(won_at) AS won_count,
                   SUM(revenue_cents) AS revenue_cents,
                   AVG(CASE WHEN won_at IS NOT NULL
                            THEN {_days_between(conn, 'won_at', 'intent_at')} END) AS cycle_days
            FROM cohort
        ),
        spend AS (
            SELECT SUM({_cents(conn, 'spent')}) AS spent_cents
            FROM budget_line WHERE campaign_id = :campaign
        )
        SELECT figures.*, spend.spent_cents FROM figures CROSS JOIN spend
    """
    params: dict[str, Any] = {"campaign": campaign.id, "end": period.end}
    if period.start is not None:
        params["start"] = period.start
    text, args = _bind(conn, sql, params)
    row = (await db.fetch_all(conn, text, args))[0]
    new = int(row["new_count"] or 0)
    intent = int(row["intent_count"] or 0)
    won = int(row["won_count"] or 0)
    revenue = _to_money(row["revenue_cents"])
    spent_amount = _to_money(row["spent_cents"])

    budget_visible = campaigns.can_read_budget(actor, campaign)
    if not budget_visible:
        budget = cac = spent = roi = Figure.none(REASON_BUDGET_HIDDEN)
    else:
        if campaign.approved_total is None:
            budget = cac = Figure.none(REASON_NOT_APPROVED)
        else:
            budget = Figure.of(Decimal(campaign.approved_total).quantize(CENT))
            cac = ratio(Decimal(campaign.approved_total), Decimal(new), REASON_NO_NEW)
        spent = Figure.of(spent_amount)
        roi = ratio(revenue - spent_amount, spent_amount, REASON_NO_SPEND, quantum=RATIO)
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
        average_cycle_days=_days(row["cycle_days"]) if won else Figure.none(REASON_NO_WON),
        spent=spent,
        roi=roi,
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


# -- review texts and spend ----------------------------------------------------------------


async def set_review(actor: Principal, campaign_id: int, highlights: str | None,
                     problems: str | None, suggestions: str | None,
                     expected_version: int | None = None) -> CampaignReview:
    """Write the three short texts of the effect analysis (≤ 50 characters each)."""
    values = {
        "highlights": validation.text("highlights", highlights, max_len=REVIEW_MAX),
        "problems": validation.text("problems", problems, max_len=REVIEW_MAX),
        "suggestions": validation.text("suggestions", suggestions, max_len=REVIEW_MAX),
    }
    async with outbox.atomic() as conn:
        campaign = await campaigns.load_for(conn, actor, campaign_id)
        require(actor, campaigns.OBJECT, "review", *campaigns.rel_args(campaign))
        review = await CampaignReview.filter(campaign_id=campaign.id).using_db(conn).first()
        if review is None:
            if expected_version not in (None, 0):
                raise Conflict("campaign_review", campaign.id, None)
            review = await CampaignReview.create(using_db=conn, campaign_id=campaign.id,
                                                 updated_by_id=actor.id, **values)
            changes = audit.diff(dict.fromkeys(values), values)
            version = review.version
        else:
            changes = audit.diff({k: getattr(review, k) for k in values}, values)
            if not changes:
                if expected_version is not None and expected_version != review.version:
                    raise Conflict("campaign_review", campaign.id, review.version)
                return review
            version = await _versioned(conn, review, expected_version,
                                       {**values, "updated_by_id": actor.id})
        await audit.write_event(conn, actor, campaigns.OBJECT, campaign.id, "review",
                                changes={f"review.{k}": v for k, v in changes.items()},
                                version=version)
        return review


async def _versioned(conn: BaseDBAsyncClient, row: Any, expected_version: int | None,
                     values: dict[str, Any]) -> int:
    from engine.versioning import versioned_update

    return await versioned_update(conn, row, "campaign_review", expected_version, values)


async def record_spend(actor: Principal, budget_line_id: int, spent: Any,
                       expected_version: int | None = None) -> BudgetLine:
    """Record what has actually been spent on a budget line so far.

    The approved amount does not change, so the budget does not go back to approval.
    """
    from engine.versioning import versioned_update

    amount = validation.money("spent", spent, required=True)
    async with outbox.atomic() as conn:
        line = await BudgetLine.filter(id=budget_line_id).using_db(conn).first()
        if line is None:
            raise NotFound("budget_line", budget_line_id)
        campaign = await Campaign.filter(id=line.campaign_id).using_db(conn).first()
        if campaign is None or not campaigns.can_read_budget(actor, campaign):
            raise NotFound("budget_line", budget_line_id)
        require(actor, campaigns.OBJECT, "record_spend", *campaigns.rel_args(campaign))
        before = Decimal(line.spent)
        if before == amount:
            if expected_version is not None and expected_version != line.version:
                raise Conflict("budget_line", line.id, line.version)
            return line
        version = await versioned_update(conn, line, "budget_line", expected_version,
                                         {"spent": amount})
        await audit.write_event(
            conn, actor, campaigns.OBJECT, campaign.id, "budget_line_spend_recorded",
            changes={f"budget_lines.{line.id}.spent": [audit.jsonable(before),
                                                       audit.jsonable(amount)]},
            version=version,
        )
        return line


# -- channel comparison ------------------------------------------------------------------


def _budget_visibility_sql(actor: Principal) -> tuple[str, dict[str, Any]]:
    """A SQL boolean (as 1/0) over campaign `c`: may the caller read its budget?"""
    scope = authorizer().scope(actor, campaigns.OBJECT, "read_budget")
    if scope is Scope.ALL:
        return "1", {}
    if scope is Scope.DEPARTMENT and actor.department_id is not None:
        return "CASE WHEN c.department_id = :my_department THEN 1 ELSE 0 END", {
            "my_department": actor.department_id}
    if scope is not None and actor.id is not None:
        return "CASE WHEN c.owner_id = :me THEN 1 ELSE 0 END", {"me": actor.id}
    return "0", {}


async def channel_comparison(
    actor: Principal, date_from: date | None, date_to: date | None,
    campaign_ids: Sequence[int] | None = None, department_id: int | None = None,
) -> ChannelComparison:
    """Per channel, across the chosen campaigns, for customers new in the period.

    Campaigns: `campaign_ids` if given, else every campaign running during the period
    (its dates overlap it), optionally only `department_id`'s — all among those the caller
    may read. Cost: the budget lines of approved campaigns; a line with a channel counts
    for that channel, a shared line (no channel) is split equally across the campaign's
    channels. Planned cost = line amounts, spent = recorded spend; CAC = planned cost /
    new customers; cost per won = planned cost / won; deviation = (spent − planned) /
    planned × 100. Cost figures are null when the caller may not read the budget of every
    chosen campaign.
    """
    period = period_of(date_from, date_to)
    try:
        scope = scope_filter(actor, campaigns.OBJECT, "read", owner_field="owner_id",
                             department_field="department_id")
    except NoAccess:
        return ChannelComparison(period, [], Decimal("0.00"), [])
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
    chosen = sorted(int(i) for i in ids)
    if not chosen:
        return ChannelComparison(period, [], Decimal("0.00"), [])
    conn = db.connection()
    visible_sql, params = _budget_visibility_sql(actor)
    marks = ", ".join(f":c{i}" for i in range(len(chosen)))
    params |= {f"c{i}": cid for i, cid in enumerate(chosen)}
    params["end"] = period.end
    if period.start is not None:
        params["start"] = period.start
    cohort = _cohort_sql(conn, "cu.source_campaign_id IN (SELECT id FROM camp)", period, True)
    sql = f"""
        WITH camp AS (
            SELECT c.id, c.approved_total IS NOT NULL AS approved,
                   {visible_sql} AS budget_visible
            FROM campaign c WHERE c.id IN ({marks})
        ),
        cohort AS ({cohort}),
        by_channel AS (
            SELECT channel,
                   COUNT(*) AS new_count,
                   COUNT(intent_at) AS intent_count,
                   COUNT(won_at) AS won_count,
                   SUM(revenue_cents) AS revenue_cents,
                   AVG(CASE WHEN won_at IS NOT NULL
                            THEN {_days_between(conn, 'won_at', 'intent_at')} END) AS cycle_days
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
                            THEN {_cents(conn, 'bl.amount')} * 1.0 / width.n
                            ELSE {_cents(conn, 'bl.amount')} END) AS planned_cents,
                   SUM(CASE WHEN bl.channel IS NULL
                            THEN {_cents(conn, 'bl.spent')} * 1.0 / width.n
                            ELSE {_cents(conn, 'bl.spent')} END) AS spent_cents
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
    text, args = _bind(conn, sql, params)
    rows = await db.fetch_all(conn, text, args)
    order = {c.value: i for i, c in enumerate(Channel)}
    rows.sort(key=lambda r: (r["channel"] is None, order.get(r["channel"], 99)))
    total = _to_money(rows[0]["total_revenue_cents"]) if rows else Decimal("0.00")
    result: list[ChannelRow] = []
    for r in rows:
        new, intent, won = int(r["new_count"]), int(r["intent_count"]), int(r["won_count"])
        revenue = _to_money(r["revenue_cents"])
        if int(r["hidden_budgets"] or 0) > 0:
            planned = spent = cac = per_won = deviation = Figure.none(REASON_BUDGET_HIDDEN)
        elif r["channel"] is None:
            reason = "customers without a source channel carry no channel cost"
            planned = spent = cac = per_won = deviation = Figure.none(reason)
        elif r["planned_cents"] is None:
            planned = spent = cac = per_won = deviation = Figure.none(REASON_NO_COST)
        else:
            planned_v = _to_money(r["planned_cents"])
            spent_v = _to_money(r["spent_cents"])
            planned, spent = Figure.of(planned_v), Figure.of(spent_v)
            cac = ratio(planned_v, Decimal(new), REASON_NO_NEW)
            per_won = ratio(planned_v, Decimal(won), REASON_NO_WON)
            deviation = ratio(spent_v - planned_v, planned_v, "no planned cost", percent=True)
        result.append(ChannelRow(
            channel=r["channel"],
            new_customers=new,
            intent_customers=intent,
            won_customers=won,
            revenue=revenue,
            conversion_rate=ratio(Decimal(intent), Decimal(new), REASON_NO_NEW, percent=True),
            revenue_share=ratio(revenue, total, REASON_NO_REVENUE, percent=True),
            average_cycle_days=_days(r["cycle_days"]) if won else Figure.none(REASON_NO_WON),
            planned_cost=planned,
            spent=spent,
            cac=cac,
            cost_per_won=per_won,
            cost_deviation=deviation,
        ))
    return ChannelComparison(period, chosen, total, result)


# -- weighted channel evaluation -----------------------------------------------------------

EVALUATION_FILE = machines.WORKFLOWS_DIR / "channel_evaluation.yaml"
CRITERIA = ("user_match", "traffic_potential_and_cost", "brand_fit",
            "operational_complexity", "profit_and_risk")


class EvaluationFileError(ValueError):
    """The channel evaluation file is malformed; the message names the place."""


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: Decimal
    description: str


@dataclass(frozen=True)
class CriterionScore:
    criterion: Criterion
    score: Decimal
    contribution: Decimal  # score × weight


@dataclass(frozen=True)
class ChannelEvaluation:
    rank: int
    key: str
    name: str
    channel: str | None
    note: str
    total: Decimal
    breakdown: list[CriterionScore]


@dataclass(frozen=True)
class EvaluationModel:
    scale_min: int
    scale_max: int
    criteria: list[Criterion]
    candidates: list[dict[str, Any]]


def _decimal(where: str, raw: Any) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise EvaluationFileError(f"{where}: must be a number, got {raw!r}")
    try:
        value = Decimal(str(raw))
    except ArithmeticError:
        raise EvaluationFileError(f"{where}: must be a number, got {raw!r}") from None
    if not value.is_finite():
        raise EvaluationFileError(f"{where}: must be a number, got {raw!r}")
    return value


def parse_evaluation(data: Any, source: str = "channel_evaluation.yaml") -> EvaluationModel:
    """Validate the evaluation data: known criteria, weights summing to 1, scores in scale."""
    if not isinstance(data, dict):
        raise EvaluationFileError(f"{source}: expected a mapping at the top level")
    scale = data.get("scale") or {}
    if not isinstance(scale, dict):
        raise EvaluationFileError(f"{source}: scale must be a mapping with min and max")
    lo, hi = scale.get("min", 1), scale.get("max", 5)
    if not isinstance(lo, int) or not isinstance(hi, int) or lo >= hi:
        raise EvaluationFileError(f"{source}: scale.min and scale.max must be integers, min < max")
    raw_criteria = data.get("criteria")
    if not isinstance(raw_criteria, list) or not raw_criteria:
        raise EvaluationFileError(f"{source}: criteria must be a non-empty list")
    criteria: list[Criterion] = []
    for i, raw in enumerate(raw_criteria):
        where = f"{source}: criteria[{i}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
            raise EvaluationFileError(f"{where}: needs a key")
        key = raw["key"]
        if key not in CRITERIA:
            raise EvaluationFileError(f"{where}: unknown criterion {key!r}; "
                                      f"expected one of {', '.join(CRITERIA)}")
        if any(c.key == key for c in criteria):
            raise EvaluationFileError(f"{where}: criterion {key!r} appears twice")
        weight = _decimal(f"{where}.weight", raw.get("weight"))
        if weight <= 0 or weight > 1:
            raise EvaluationFileError(f"{where}.weight: must be above 0 and at most 1")
        criteria.append(Criterion(key, str(raw.get("label") or key), weight,
                                  str(raw.get("description") or "")))
    missing = [k for k in CRITERIA if k not in {c.key for c in criteria}]
    if missing:
        raise EvaluationFileError(f"{source}: criteria missing: {', '.join(missing)}")
    total_weight = sum((c.weight for c in criteria), Decimal("0"))
    if total_weight != 1:
        raise EvaluationFileError(f"{source}: criteria weights must sum to 1 (they sum to "
                                  f"{total_weight})")
    raw_candidates = data.get("candidates")
    if not isinstance(raw_candidates, list) or not raw_candidates:
        raise EvaluationFileError(f"{source}: candidates must be a non-empty list")
    candidates: list[dict[str, Any]] = []
    for i, raw in enumerate(raw_candidates):
        where = f"{source}: candidates[{i}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
            raise EvaluationFileError(f"{where}: needs a key")
        if any(c["key"] == raw["key"] for c in candidates):
            raise EvaluationFileError(f"{where}: candidate {raw['key']!r} appears twice")
        channel = raw.get("channel")
        if channel is not None and channel not in {c.value for c in Channel}:
            raise EvaluationFileError(f"{where}.channel: unknown channel {channel!r}")
        scores = raw.get("scores")
        if not isinstance(scores, dict):
            raise EvaluationFileError(f"{where}.scores: must map each criterion to a score")
        unknown = [k for k in scores if k not in CRITERIA]
        if unknown:
            raise EvaluationFileError(f"{where}.scores: unknown criterion {unknown[0]!r}")
        clean: dict[str, Decimal] = {}
        for c in criteria:
            if c.key not in scores:
                raise EvaluationFileError(f"{where}.scores: no score for {c.key}")
            value = _decimal(f"{where}.scores.{c.key}", scores[c.key])
            if value < lo or value > hi:
                raise EvaluationFileError(
                    f"{where}.scores.{c.key}: {value} is outside the scale {lo}–{hi}")
            clean[c.key] = value
        candidates.append({"key": raw["key"], "name": str(raw.get("name") or raw["key"]),
                           "channel": channel, "note": str(raw.get("note") or ""),
                           "scores": clean})
    return EvaluationModel(lo, hi, criteria, candidates)


def load_evaluation(path: Path = EVALUATION_FILE) -> EvaluationModel:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise EvaluationFileError(f"{path.name}: cannot be read: {exc}") from exc
    return parse_evaluation(data, path.name)


def rank(model: EvaluationModel) -> list[ChannelEvaluation]:
    """Weighted total per candidate (Σ score × weight), best first; ties keep file order."""
    scored = []
    for cand in model.candidates:
        breakdown = [CriterionScore(c, cand["scores"][c.key],
                                    (cand["scores"][c.key] * c.weight).quantize(RATIO))
                     for c in model.criteria]
        total = sum((b.contribution for b in breakdown), Decimal("0")).quantize(CENT,
                                                                               ROUND_HALF_UP)
        scored.append((cand, total, breakdown))
    scored.sort(key=lambda item: -item[1])
    result: list[ChannelEvaluation] = []
    for i, (cand, total, breakdown) in enumerate(scored):
        position = i + 1
        if result and result[-1].total == total:
            position = result[-1].rank
        result.append(ChannelEvaluation(position, cand["key"], cand["name"], cand["channel"],
                                        cand["note"], total, breakdown))
    return result


_evaluation: EvaluationModel | None = None


def load(path: Path = EVALUATION_FILE) -> EvaluationModel:
    """Read and validate the evaluation file (at start-up, like the workflows)."""
    global _evaluation
    _evaluation = load_evaluation(path)
    return _evaluation


def channel_evaluation(actor: Principal | None = None, path: Path | None = None
                       ) -> tuple[EvaluationModel, list[ChannelEvaluation]]:
    """The expansion plan's candidate channels ranked by weighted score (data, not code).

    Every signed-in role may read it: it holds no records. `path` reads another file.
    """
    model = load_evaluation(path) if path is not None else (_evaluation or load())
    return model, rank(model)


__all__ = [
    "CampaignEffect", "ChannelComparison", "ChannelEvaluation", "ChannelRow", "Figure",
    "campaign_effect", "campaign_effect_customers", "channel_comparison",
    "channel_evaluation", "record_spend", "set_review",
]
