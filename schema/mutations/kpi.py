"""Recording KPI actuals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry

from engine.services import kpis
from engine.validation import parse_id
from schema.context import Info
from schema.enums import GoalMetric, KpiGranularity, value_of
from schema.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError, mutate
from schema.types.common import ExpectedVersion, arg
from schema.types.kpi import KpiActualRecorded


@strawberry.input(description="An actual value of a goal metric for a day or a week.")
class KpiActualInput:
    campaign_id: strawberry.ID = strawberry.field(description="The campaign.")
    metric: GoalMetric = strawberry.field(description="One of the campaign's goal metrics.")
    granularity: KpiGranularity = strawberry.field(description="Day or week (one per metric).")
    period_start: date = strawberry.field(
        description="The day; for a week any day of it (stored as its Monday).")
    value: Decimal = strawberry.field(description="The actual value (≥ 0).")


KpiActualRecordResult = Annotated[
    KpiActualRecorded | NotFoundError | ForbiddenError | ValidationError | ConflictError,
    strawberry.union("KpiActualRecordResult", description="The actual against plan, or why not."),
]


@strawberry.type
class KpiMutation:
    @strawberry.mutation(description="Record or correct an actual; a deviation from plan "
                         "beyond the campaign's threshold alerts its owner (once per period).")
    async def kpi_actual_record(
        self, info: Info, input: Annotated[KpiActualInput, arg("The actual.")],
        expected_version: ExpectedVersion = None,
    ) -> KpiActualRecordResult:
        actor = info.context.actor
        return await mutate(
            lambda: kpis.record(
                actor, parse_id("campaignId", input.campaign_id), metric=value_of(input.metric),
                granularity=value_of(input.granularity), period_start=input.period_start,
                value=input.value, expected_version=expected_version),
            KpiActualRecorded.from_recorded)
