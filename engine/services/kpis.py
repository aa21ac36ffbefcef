"""KPI actuals against plan: record per day or week, compare, alert on deviation.

The plan for a period is the goal's target spread evenly over the goal's days
(target × days of the period inside the goal period ÷ days of the goal period).
Deviation = (actual − plan) ÷ plan. A deviation beyond the campaign's threshold (default
20 %) raises one alert per metric and period, to the campaign owner.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from engine import audit, outbox, validation
from engine.authz import Principal, require
from engine.errors import Conflict, NotFound, ValidationFailed
from engine.models import Campaign, CampaignGoal, KpiActual, KpiAlert
from engine.models.enums import GoalMetric, KpiGranularity, NotificationKind
from engine.services import campaigns, notifications
from engine.versioning import versioned_update

OBJECT = "kpi"
CENT = Decimal("0.01")
RATIO = Decimal("0.0001")


def period_bounds(granularity: str, day: date) -> tuple[date, date]:
    if granularity == KpiGranularity.WEEK.value:
        start = day - timedelta(days=day.weekday())  # ISO weeks start on Monday
        return start, start + timedelta(days=6)
    return day, day


def plan_for(goal: CampaignGoal, start: date, end: date) -> Decimal:
    goal_days = (goal.period_end - goal.period_start).days + 1
    lo, hi = max(start, goal.period_start), min(end, goal.period_end)
    overlap = max(0, (hi - lo).days + 1)
    return (goal.target * overlap / goal_days).quantize(CENT, ROUND_HALF_UP)


def deviation_of(plan: Decimal, actual: Decimal | None) -> tuple[Decimal | None, str | None]:
    if actual is None:
        return None, "no actual recorded for this period"
    if plan == 0:
        return None, "no plan for this period (outside the goal period)"
    return ((actual - plan) / plan).quantize(RATIO, ROUND_HALF_UP), None


@dataclass(frozen=True)
class Recorded:
    actual: KpiActual
    plan: Decimal
    deviation: Decimal | None
    alert: KpiAlert | None


async def record(
    actor: Principal,
    campaign_id: int,
    *,
    metric: str,
    granularity: str,
    period_start: date,
    value: Any,
    expected_version: int | None = None,
) -> Recorded:
    """Record (or correct) the actual of one goal metric for one day or week."""
    metric_v = validation.enum_value("metric", GoalMetric, metric).value
    gran = validation.enum_value("granularity", KpiGranularity, granularity).value
    amount = validation.money("value", value, required=True)
    assert amount is not None
    start, end = period_bounds(gran, period_start)
    async with outbox.atomic() as conn:
        campaign = await campaigns.load_for(conn, actor, campaign_id)
        require(actor, OBJECT, "record", *campaigns.rel_args(campaign))
        goal = await CampaignGoal.filter(campaign_id=campaign.id, metric=metric_v).using_db(
            conn).first()
        if goal is None:
            raise ValidationFailed("metric", f"{metric_v} is not a goal of this campaign",
                                   rule="not_a_goal")
        if end < goal.period_start or start > goal.period_end:
            raise ValidationFailed(
                "period_start", f"{start}…{end} is outside the goal period "
                f"{goal.period_start}…{goal.period_end}", rule="outside_goal")
        other = await KpiActual.filter(campaign_id=campaign.id, metric=metric_v).exclude(
            granularity=gran).using_db(conn).first()
        if other is not None:
            raise ValidationFailed(
                "granularity", f"{metric_v} is recorded per {other.granularity} for this "
                "campaign; keep one granularity per metric", rule="granularity_mixed")
        row = await KpiActual.filter(campaign_id=campaign.id, metric=metric_v,
                                     granularity=gran, period_start=start).using_db(conn).first()
        key = f"kpi.{metric_v}.{gran}.{start.isoformat()}"
        if row is None:
            if expected_version is not None:
                raise Conflict(OBJECT, key, None)
            try:
                row = await KpiActual.create(
                    using_db=conn, campaign_id=campaign.id, metric=metric_v, granularity=gran,
                    period_start=start, value=amount, recorded_by_id=actor.id)
            except IntegrityError:
                raise Conflict(OBJECT, key, None) from None
            before: Any = None
            version = 1
        elif row.value == amount:
            return Recorded(row, plan_for(goal, start, end),
                            deviation_of(plan_for(goal, start, end), amount)[0], None)
        else:
            before = audit.jsonable(row.value)
            version = await versioned_update(conn, row, OBJECT, expected_version,
                                             {"value": amount, "recorded_by_id": actor.id})
        await audit.write_event(conn, actor, "campaign", campaign.id, "kpi_recorded",
                                changes={key: [before, audit.jsonable(amount)]},
                                version=version)
        plan = plan_for(goal, start, end)
        deviation, _ = deviation_of(plan, amount)
        alert = None
        if deviation is not None and abs(deviation) > campaign.kpi_alert_threshold:
            alert = await _raise_alert(conn, campaign, metric_v, gran, start, plan, amount,
                                       deviation)
        return Recorded(row, plan, deviation, alert)


async def _raise_alert(conn: BaseDBAsyncClient, campaign: Campaign, metric: str, gran: str,
                       start: date, plan: Decimal, actual: Decimal, deviation: Decimal
                       ) -> KpiAlert | None:
    """Insert the alert unless this metric and period already has one (then None)."""
    key = {"campaign_id": campaign.id, "metric": metric, "granularity": gran,
           "period_start": start}
    if await KpiAlert.filter(**key).using_db(conn).exists():
        return None
    try:
        # a savepoint: losing the race to a concurrent writer must not abort the write
        async with in_transaction() as savepoint:
            alert = await KpiAlert.create(
                using_db=savepoint, plan=plan, actual=actual, deviation=deviation,
                threshold=campaign.kpi_alert_threshold, **key)
    except IntegrityError:
        return None
    label = GoalMetric.of(metric).label
    await notifications.notify(
        conn, [campaign.owner_id], NotificationKind.KPI_ALERT.value,
        f"指标偏差预警：{campaign.code} {label}",
        f"{start} 起的{KpiGranularity.of(gran).label}：计划 {plan}，实际 {actual}，"
        f"偏差 {(deviation * 100).quantize(Decimal('0.1'))}%（阈值 "
        f"{(campaign.kpi_alert_threshold * 100).quantize(Decimal('0.1'))}%）",
        object_type="campaign", object_id=campaign.id,
    )
    return alert


@dataclass(frozen=True)
class PeriodFigures:
    start: date
    end: date
    plan: Decimal
    actual: Decimal | None
    deviation: Decimal | None
    deviation_note: str | None
    alerted: bool


@dataclass(frozen=True)
class KpiSeries:
    goal: CampaignGoal
    recorded_granularity: str | None
    actual_total: Decimal
    achievement: Decimal | None
    periods: list[PeriodFigures]


async def series(actor: Principal, campaign_id: int, granularity: str) -> list[KpiSeries]:
    """Plan vs actual per goal and period, with deviations and raised alerts."""
    gran = validation.enum_value("granularity", KpiGranularity, granularity).value
    campaign = await campaigns.get(actor, campaign_id=campaign_id)
    if campaign is None:
        raise NotFound("campaign", campaign_id)
    require(actor, OBJECT, "read", *campaigns.rel_args(campaign))
    actuals: dict[str, list[KpiActual]] = defaultdict(list)
    for a in await KpiActual.filter(campaign_id=campaign.id).order_by("period_start"):
        actuals[a.metric].append(a)
    alerts = {(a.metric, a.granularity, a.period_start)
              for a in await KpiAlert.filter(campaign_id=campaign.id)}
    result: list[KpiSeries] = []
    for goal in await campaigns.goals_of(campaign.id):
        rows = actuals.get(goal.metric, [])
        recorded = rows[0].granularity if rows else None
        total = sum((a.value for a in rows), Decimal("0"))
        periods: list[PeriodFigures] = []
        day = period_bounds(gran, goal.period_start)[0]
        while day <= goal.period_end:
            p_start, p_end = period_bounds(gran, day)
            plan = plan_for(goal, p_start, p_end)
            actual: Decimal | None
            note: str | None = None
            if recorded == KpiGranularity.WEEK.value and gran == KpiGranularity.DAY.value:
                actual, note = None, "recorded per week: ask for weekly figures"
            else:
                inside = [a.value for a in rows if p_start <= a.period_start <= p_end]
                actual = sum(inside, Decimal("0")) if inside else None
            deviation, why = deviation_of(plan, actual)
            periods.append(PeriodFigures(
                start=p_start, end=p_end, plan=plan, actual=actual, deviation=deviation,
                deviation_note=note or why, alerted=(goal.metric, gran, p_start) in alerts))
            day = p_end + timedelta(days=1)
        result.append(KpiSeries(
            goal=goal, recorded_granularity=recorded, actual_total=total,
            achievement=(total / goal.target).quantize(RATIO) if goal.target else None,
            periods=periods))
    return result
