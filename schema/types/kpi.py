"""KPI actuals and plan-versus-actual series."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from engine.models import KpiActual as ActualRow
from engine.models.enums import GoalMetric as DomainMetric
from engine.models.enums import KpiSource as DomainSource
from engine.services import kpis
from schema.enums import GoalMetric, KpiGranularity, KpiSource
from schema.types.analytics import Figure
from schema.types.common import deprecated_for, percent_of


@strawberry.type(description="An actual value of a goal metric for one day or week.")
class KpiActual:
    id: strawberry.ID = strawberry.field(description="Record id.")
    metric: GoalMetric = strawberry.field(description="The metric.")
    granularity: KpiGranularity = strawberry.field(description="Day or week.")
    period_start: date = strawberry.field(description="The day, or the Monday of the week.")
    value: Decimal = strawberry.field(description="The actual value.")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")

    @classmethod
    def from_row(cls, row: ActualRow) -> KpiActual:
        return cls(id=strawberry.ID(str(row.id)), metric=GoalMetric(row.metric),
                   granularity=KpiGranularity(row.granularity), period_start=row.period_start,
                   value=row.value, version=row.version)


@strawberry.type(description="The actual recorded, compared with the plan for its period.")
class KpiActualRecorded:
    actual: KpiActual = strawberry.field(description="What was recorded.")
    plan: Decimal = strawberry.field(description="The plan for that period.")
    deviation: Decimal | None = strawberry.field(
        description="(actual − plan) ÷ plan as a fraction; null when there is no plan.",
        deprecation_reason=deprecated_for("deviationPercent", "a fraction"))
    deviation_percent: Decimal | None = strawberry.field(
        description="(actual − plan) ÷ plan × 100, percent (−14.29 = 14.29 % under plan); "
                    "null when there is no plan.")
    alert_raised: bool = strawberry.field(
        description="This write raised the period's deviation alert (it is raised once)."
    )

    @classmethod
    def from_recorded(cls, rec: kpis.Recorded) -> KpiActualRecorded:
        return cls(actual=KpiActual.from_row(rec.actual), plan=rec.plan,
                   deviation=rec.deviation, deviation_percent=percent_of(rec.deviation),
                   alert_raised=rec.alert is not None)


@strawberry.type(description="Plan versus actual for one period.")
class KpiPeriod:
    start: date = strawberry.field(description="First day of the period.")
    end: date = strawberry.field(description="Last day of the period.")
    plan: Decimal = strawberry.field(description="Target spread evenly over the goal's days.")
    actual: Decimal | None = strawberry.field(
        description="The actual: computed from the engine's records (source DERIVED; the "
                    "current period so far), summed from the channels' metrics, or recorded. "
                    "Null with `actualNote` when it is not known; never a fake 0.")
    actual_note: str | None = strawberry.field(description="Why actual is null.")
    deviation: Decimal | None = strawberry.field(
        description="(actual − plan) ÷ plan as a fraction; null with a note when it cannot "
                    "be computed.",
        deprecation_reason=deprecated_for("deviationPercent", "a fraction"))
    deviation_percent: Decimal | None = strawberry.field(
        description="(actual − plan) ÷ plan × 100, percent; null with `deviationNote` when "
                    "it cannot be judged (no actual, no plan, or a computed period not over).")
    deviation_note: str | None = strawberry.field(description="Why the deviation is null.")
    alerted: bool = strawberry.field(description="A deviation alert was raised for it.")
    closed: bool = strawberry.field(
        description="The period is over (its last day inside the goal period has passed).")


@strawberry.type(description="One goal's plan versus actual, period by period.")
class KpiSeries:
    metric: GoalMetric = strawberry.field(description="The goal's metric.")
    metric_label: str = strawberry.field(description="Chinese label of the metric.")
    source: KpiSource = strawberry.field(
        description="Where the actuals come from: DERIVED (the engine's records), "
                    "CHANNEL_METRICS (the sum of channelMetricRecord values) or RECORDED "
                    "(kpiActualRecord).")
    source_label: str = strawberry.field(description="Chinese label of the source.")
    target: Decimal = strawberry.field(description="The goal's target.")
    period_start: date = strawberry.field(description="The goal's first day.")
    period_end: date = strawberry.field(description="The goal's last day.")
    recorded_granularity: KpiGranularity | None = strawberry.field(
        description="How actuals of this metric are recorded (null: computed, or none yet)."
    )
    actual_total: Decimal = strawberry.field(
        description="All actuals so far (0 when nothing is known).",
        deprecation_reason="0 when nothing was recorded; use `actualSoFar`, null with a "
                           "reason then.")
    actual_so_far: Figure = strawberry.field(
        description="The actuals of the goal period up to today; null with the reason when "
                    "nothing is known yet or the goal period has not started.")
    achievement: Decimal | None = strawberry.field(
        description="actualTotal ÷ target, a fraction.",
        deprecation_reason=deprecated_for("achievementPercent", "a fraction"))
    achievement_percent: Figure = strawberry.field(
        description="actualSoFar ÷ target × 100, percent (达成率).")
    periods: list[KpiPeriod] = strawberry.field(description="Period by period.")

    @classmethod
    def from_series(cls, s: kpis.KpiSeries) -> KpiSeries:
        achieved = s.achievement_percent
        return cls(
            metric=GoalMetric(s.goal.metric), metric_label=DomainMetric.of(s.goal.metric).label,
            source=KpiSource(s.source), source_label=DomainSource.of(s.source).label,
            target=s.goal.target, period_start=s.goal.period_start,
            period_end=s.goal.period_end,
            recorded_granularity=KpiGranularity(s.recorded_granularity)
            if s.recorded_granularity else None,
            actual_total=s.actual_total,
            actual_so_far=Figure(value=s.actual_so_far, reason=s.actual_so_far_note),
            achievement=s.achievement,
            achievement_percent=Figure(value=achieved, reason=None if achieved is not None
                                       else s.actual_so_far_note),
            periods=[KpiPeriod(start=p.start, end=p.end, plan=p.plan, actual=p.actual,
                               actual_note=p.actual_note, deviation=p.deviation,
                               deviation_percent=percent_of(p.deviation),
                               deviation_note=p.deviation_note, alerted=p.alerted,
                               closed=p.closed) for p in s.periods],
        )
