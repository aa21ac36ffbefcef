"""KPI actuals and plan-versus-actual series."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from engine.models import KpiActual as ActualRow
from engine.models.enums import GoalMetric as DomainMetric
from engine.services import kpis
from schema.enums import GoalMetric, KpiGranularity


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
        description="(actual − plan) ÷ plan; null when there is no plan."
    )
    alert_raised: bool = strawberry.field(
        description="This write raised the period's deviation alert (it is raised once)."
    )

    @classmethod
    def from_recorded(cls, rec: kpis.Recorded) -> KpiActualRecorded:
        return cls(actual=KpiActual.from_row(rec.actual), plan=rec.plan,
                   deviation=rec.deviation, alert_raised=rec.alert is not None)


@strawberry.type(description="Plan versus actual for one period.")
class KpiPeriod:
    start: date = strawberry.field(description="First day of the period.")
    end: date = strawberry.field(description="Last day of the period.")
    plan: Decimal = strawberry.field(description="Target spread evenly over the goal's days.")
    actual: Decimal | None = strawberry.field(description="Recorded actual; null if none.")
    deviation: Decimal | None = strawberry.field(
        description="(actual − plan) ÷ plan; null with a note when it cannot be computed."
    )
    deviation_note: str | None = strawberry.field(description="Why deviation is null.")
    alerted: bool = strawberry.field(description="A deviation alert was raised for it.")


@strawberry.type(description="One goal's plan versus actual, period by period.")
class KpiSeries:
    metric: GoalMetric = strawberry.field(description="The goal's metric.")
    metric_label: str = strawberry.field(description="Chinese label of the metric.")
    target: Decimal = strawberry.field(description="The goal's target.")
    period_start: date = strawberry.field(description="The goal's first day.")
    period_end: date = strawberry.field(description="The goal's last day.")
    recorded_granularity: KpiGranularity | None = strawberry.field(
        description="How actuals of this metric are recorded (null: none yet)."
    )
    actual_total: Decimal = strawberry.field(description="All actuals so far.")
    achievement: Decimal | None = strawberry.field(description="actualTotal ÷ target.")
    periods: list[KpiPeriod] = strawberry.field(description="Period by period.")

    @classmethod
    def from_series(cls, s: kpis.KpiSeries) -> KpiSeries:
        return cls(
            metric=GoalMetric(s.goal.metric), metric_label=DomainMetric.of(s.goal.metric).label,
            target=s.goal.target, period_start=s.goal.period_start,
            period_end=s.goal.period_end,
            recorded_granularity=KpiGranularity(s.recorded_granularity)
            if s.recorded_granularity else None,
            actual_total=s.actual_total, achievement=s.achievement,
            periods=[KpiPeriod(start=p.start, end=p.end, plan=p.plan, actual=p.actual,
                               deviation=p.deviation, deviation_note=p.deviation_note,
                               alerted=p.alerted) for p in s.periods],
        )
