"""KPI actuals against plan: per day or week, compared, alerted on deviation.

The plan for a period is the goal's target spread evenly over the goal's days
(target × days of the period inside the goal period ÷ days of the goal period).
Deviation = (actual − plan) ÷ plan. A deviation beyond the campaign's threshold (default
20 %) raises one alert per metric and period, to the campaign owner.

Actuals (engine/services/kpi_sources.py says which metric comes from where):

- **derived** metrics (new leads, intent and won customers, revenue, orders, follow-ups
  done) are computed from the engine's records for each period; recording them is refused.
  A period that has not started has no actual ("not started"); the current one has its
  actual so far and no deviation yet. Their alerts are judged once a week, for the week
  that ended, with the Monday digest (`review_week`, a house rule): a week is judged when
  it is over and its data in, never half-way, and never on a read.
- **channel metrics** (viewers, consultations, UV, PV, clicks, add-to-cart recorded per
  channel and day) are summed over the campaign's channels; judged weekly like derived ones.
- **recorded** metrics are what `record` stored (per day or per week); a period without a
  recorded actual says so. Recording judges the period at once, as before.
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

from engine import audit, clock, db, outbox, settings, validation
from engine.authz import Principal, require
from engine.errors import Conflict, NotFound, ValidationFailed
from engine.models import Campaign, CampaignGoal, ChannelMetric, KpiActual, KpiAlert
from engine.models.enums import GoalMetric, KpiGranularity, KpiSource, NotificationKind
from engine.services import campaigns, kpi_sources, notifications
from engine.versioning import versioned_update

OBJECT = "kpi"
CENT = Decimal("0.01")
RATIO = Decimal("0.0001")
HUNDRED = Decimal("100")

# Why an actual, a deviation or a total is null (the API shows these; zh: engine/texts.py).
REASON_NOT_RECORDED = "no actual recorded for this period"
REASON_NOT_STARTED = "the period has not started yet"
REASON_IN_PROGRESS = "the period is not over yet: its deviation is judged when it ends"
REASON_NO_PLAN = "no plan for this period (outside the goal period)"
REASON_WEEKLY = "recorded per week: ask for weekly figures"
REASON_NOTHING_YET = "nothing recorded yet"
REASON_GOAL_NOT_STARTED = "the goal period has not started yet"


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
        return None, REASON_NOT_RECORDED
    if plan == 0:
        return None, REASON_NO_PLAN
    return ((actual - plan) / plan).quantize(RATIO, ROUND_HALF_UP), None


def source_of(metric: str, recorded: bool, per_channel: bool) -> str:
    """Where `metric`'s actuals come from for a campaign (see the module docstring)."""
    if metric in kpi_sources.DERIVED:
        return KpiSource.DERIVED.value
    if per_channel and not recorded:
        return KpiSource.CHANNEL_METRICS.value
    return KpiSource.RECORDED.value


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
        if metric_v in kpi_sources.DERIVED:
            raise ValidationFailed(
                "metric", f"{metric_v} is computed from the engine's records (stage history, "
                "orders, follow-ups); it is not recorded", rule="derived")
        goal = await CampaignGoal.filter(campaign_id=campaign.id, metric=metric_v).using_db(
            conn).first()
        if goal is None:
            raise ValidationFailed("metric", f"{metric_v} is not a goal of this campaign",
                                   rule="not_a_goal")
        channel_metric = kpi_sources.PER_CHANNEL.get(metric_v)
        if channel_metric is not None and await ChannelMetric.filter(
                campaign_id=campaign.id, metric=channel_metric).using_db(conn).exists():
            raise ValidationFailed(
                "metric", f"{metric_v} is recorded per channel for this campaign "
                "(channelMetricRecord); its actual is their sum", rule="recorded_per_channel")
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
    actual_note: str | None  # why actual is null
    deviation: Decimal | None
    deviation_note: str | None
    alerted: bool
    closed: bool  # the period is over (its last day inside the goal period has passed)


@dataclass(frozen=True)
class KpiSeries:
    goal: CampaignGoal
    source: str  # KpiSource
    recorded_granularity: str | None
    actual_total: Decimal  # deprecated in the API: 0 when nothing is known
    actual_so_far: Decimal | None
    actual_so_far_note: str | None
    achievement: Decimal | None  # a fraction; achievement_percent is the explicit one
    periods: list[PeriodFigures]

    @property
    def achievement_percent(self) -> Decimal | None:
        if self.actual_so_far is None or not self.goal.target:
            return None
        return (self.actual_so_far / self.goal.target * HUNDRED).quantize(CENT, ROUND_HALF_UP)


def _windows(goal: CampaignGoal, gran: str) -> list[tuple[date, date]]:
    """The goal's periods of `gran`, each cut to the goal period."""
    out = []
    day = period_bounds(gran, goal.period_start)[0]
    while day <= goal.period_end:
        start, end = period_bounds(gran, day)
        out.append((start, end))
        day = end + timedelta(days=1)
    return out


def _inside(goal: CampaignGoal, start: date, end: date) -> tuple[date, date]:
    return max(start, goal.period_start), min(end, goal.period_end)


async def series(actor: Principal, campaign_id: int, granularity: str) -> list[KpiSeries]:
    """Plan vs actual per goal and period, with deviations and raised alerts."""
    gran = validation.enum_value("granularity", KpiGranularity, granularity).value
    campaign = await campaigns.get(actor, campaign_id=campaign_id)
    if campaign is None:
        raise NotFound("campaign", campaign_id)
    require(actor, OBJECT, "read", *campaigns.rel_args(campaign))
    return await _series(campaign, gran)


async def _series(campaign: Campaign, gran: str) -> list[KpiSeries]:
    conn = db.connection()
    today = clock.local_date(clock.now(), settings.current().zone)
    goals = await campaigns.goals_of(campaign.id)
    actuals: dict[str, list[KpiActual]] = defaultdict(list)
    for a in await KpiActual.filter(campaign_id=campaign.id).order_by("period_start"):
        actuals[a.metric].append(a)
    alerts = {(a.metric, a.granularity, a.period_start)
              for a in await KpiAlert.filter(campaign_id=campaign.id)}
    # every goal's periods, cut to its goal period and to today, in one list of windows
    windows: list[tuple[date, date]] = []
    index: dict[tuple[str, date], int] = {}
    for goal in goals:
        for start, end in _windows(goal, gran):
            lo, hi = _inside(goal, start, end)
            if lo <= today:
                index[(goal.metric, start)] = len(windows)
                windows.append((lo, min(hi, today)))
    metrics = [g.metric for g in goals]
    derived = (await kpi_sources.derived(conn, campaign.id, windows)
               if any(m in kpi_sources.DERIVED for m in metrics) else {})
    channel = await kpi_sources.per_channel(conn, campaign.id, metrics, windows)
    result: list[KpiSeries] = []
    for goal in goals:
        rows = actuals.get(goal.metric, [])
        source = source_of(goal.metric, bool(rows), goal.metric in channel)
        recorded = rows[0].granularity if rows and source == KpiSource.RECORDED.value else None
        computed = (derived.get(goal.metric, {}) if source == KpiSource.DERIVED.value
                    else channel.get(goal.metric, {}))
        periods: list[PeriodFigures] = []
        for p_start, p_end in _windows(goal, gran):
            plan = plan_for(goal, p_start, p_end)
            lo, hi = _inside(goal, p_start, p_end)
            closed = hi < today
            actual: Decimal | None
            note: str | None = None
            if lo > today:
                actual, note = None, REASON_NOT_STARTED
            elif source == KpiSource.DERIVED.value:
                # a period without events had none: 0 is what the engine knows
                actual = computed.get(index[(goal.metric, p_start)], Decimal("0")).quantize(CENT)
            elif source == KpiSource.CHANNEL_METRICS.value:
                # the channels' sum; a period no channel recorded anything for is unknown
                found = computed.get(index[(goal.metric, p_start)])
                actual = None if found is None else found.quantize(CENT)
                note = REASON_NOT_RECORDED if found is None else None
            elif recorded == KpiGranularity.WEEK.value and gran == KpiGranularity.DAY.value:
                actual, note = None, REASON_WEEKLY
            else:
                inside = [a.value for a in rows if p_start <= a.period_start <= p_end]
                actual = sum(inside, Decimal("0")) if inside else None
                note = None if inside else REASON_NOT_RECORDED
            deviation, why = deviation_of(plan, actual)
            if actual is not None and not closed and source != KpiSource.RECORDED.value:
                deviation, why = None, REASON_IN_PROGRESS
            periods.append(PeriodFigures(
                start=p_start, end=p_end, plan=plan, actual=actual, actual_note=note,
                deviation=deviation, deviation_note=note or why,
                alerted=(goal.metric, gran, p_start) in alerts, closed=closed))
        known = [p.actual for p in periods if p.actual is not None]
        total = sum(known, Decimal("0"))
        if goal.period_start > today:
            so_far, so_far_note = None, REASON_GOAL_NOT_STARTED
        elif not known:
            so_far, so_far_note = None, REASON_NOTHING_YET
        else:
            so_far, so_far_note = total, None
        if recorded == KpiGranularity.WEEK.value and gran == KpiGranularity.DAY.value:
            total = so_far = sum((a.value for a in rows), Decimal("0"))
            so_far_note = None
        result.append(KpiSeries(
            goal=goal, source=source, recorded_granularity=recorded, actual_total=total,
            actual_so_far=so_far, actual_so_far_note=so_far_note,
            achievement=(total / goal.target).quantize(RATIO) if goal.target else None,
            periods=periods))
    return result


# -- the weekly judgement of computed actuals (a house rule) --------------------------------


async def review_week(conn: BaseDBAsyncClient, week_start: date) -> int:
    """Judge the ISO week starting `week_start` for every approved campaign with a goal
    period overlapping it: derived and per-channel actuals against plan, an alert for each
    beyond the campaign's threshold (once per metric and week). Returns alerts raised.

    Run by `engine.jobs.house_rules` with the Monday digest for the week that ended.
    """
    week_end = week_start + timedelta(days=6)
    goals = await CampaignGoal.filter(period_start__lte=week_end, period_end__gte=week_start
                                      ).using_db(conn)
    raised = 0
    for campaign_id in sorted({g.campaign_id for g in goals}):
        campaign = await Campaign.filter(id=campaign_id,
                                         approved_total__isnull=False).using_db(conn).first()
        if campaign is None:
            continue
        for s in await _series(campaign, KpiGranularity.WEEK.value):
            if s.source == KpiSource.RECORDED.value:
                continue  # judged when recorded
            for period in s.periods:
                if (period.start != week_start or not period.closed
                        or period.deviation is None or period.actual is None):
                    continue
                if abs(period.deviation) > campaign.kpi_alert_threshold and await _raise_alert(
                        conn, campaign, s.goal.metric, KpiGranularity.WEEK.value,
                        week_start, period.plan, period.actual, period.deviation):
                    raised += 1
    return raised
