"""Campaign, task and KPI queries."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from engine.services import campaigns, kpis, tasks
from engine.validation import parse_id
from schema.context import Info
from schema.enums import (
    ApprovalState,
    CampaignType,
    Channel,
    KpiGranularity,
    TaskStatus,
    value_of,
    values_of,
)
from schema.types.campaign import Campaign, presenter
from schema.types.common import After, Connection, First, RecordId, arg, connection
from schema.types.kpi import KpiSeries
from schema.types.task import CampaignGantt, Task


@strawberry.input(description="Narrow a campaign list; all conditions must hold.")
class CampaignFilter:
    approval_state: list[ApprovalState] | None = strawberry.field(
        default=None, description="Any of these budget states.")
    type: list[CampaignType] | None = strawberry.field(default=None, description="Any type.")
    channel: list[Channel] | None = strawberry.field(
        default=None, description="Uses any of these channels.")
    department_id: strawberry.ID | None = strawberry.field(
        default=None, description="Run by this department.")
    owner_username: str | None = strawberry.field(default=None, description="Owned by this user.")
    search: str | None = strawberry.field(
        default=None, description="Text in the name, or the start of the code.")
    active_on: date | None = strawberry.field(
        default=None, description="Running on this day (start ≤ day ≤ end).")


@strawberry.input(description="Narrow a task list.")
class TaskFilter:
    campaign_id: strawberry.ID | None = strawberry.field(
        default=None, description="Of this campaign.")
    owner_id: strawberry.ID | None = strawberry.field(
        default=None, description="Owned by this user.")
    status: list[TaskStatus] | None = strawberry.field(default=None, description="Any status.")
    late_on: date | None = strawberry.field(
        default=None, description="Not done and ending before this day.")
    flagged_for_reassignment: bool | None = strawberry.field(
        default=None, description="Flagged for reassignment by escalation (or not).")


@strawberry.type
class CampaignQuery:
    @strawberry.field(description="One campaign by id or code; null if absent or not visible.")
    async def campaign(
        self,
        info: Info,
        id: Annotated[strawberry.ID | None, arg("The campaign's id.")] = None,
        code: Annotated[str | None, arg("Or its code, e.g. HD20261123001.")] = None,
    ) -> Campaign | None:
        row = await campaigns.get(info.context.actor,
                                  campaign_id=parse_id("id", id) if id is not None else None,
                                  code=code)
        return Campaign.from_row(row, info.context.actor) if row else None

    @strawberry.field(description="Campaigns, newest first; `first` is 1–100.")
    async def campaigns(
        self,
        info: Info,
        filter: Annotated[CampaignFilter | None, arg("Conditions, all must hold.")] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Campaign]:
        f = filter or CampaignFilter()
        flt = campaigns.CampaignFilter(
            approval_states=values_of(f.approval_state), types=values_of(f.type),
            channels=values_of(f.channel),
            department_id=parse_id("filter.departmentId", f.department_id)
            if f.department_id else None,
            owner_username=f.owner_username, search=f.search, active_on=f.active_on)
        page = await campaigns.list_(info.context.actor, flt, first=first, after=after)
        return connection(page, presenter(info.context.actor))

    @strawberry.field(description="Phases, tasks, owners, dates, dependencies, progress and "
                      "late flags: what a portal needs to draw a Gantt chart.")
    async def campaign_gantt(self, info: Info, id: RecordId) -> CampaignGantt:
        return CampaignGantt.from_gantt(
            await campaigns.gantt(info.context.actor, parse_id("id", id)))

    @strawberry.field(description="Plan versus actual per goal and period, with deviations.")
    async def campaign_kpis(
        self,
        info: Info,
        id: RecordId,
        granularity: Annotated[KpiGranularity, arg("Day or week periods.")] = KpiGranularity.WEEK,
    ) -> list[KpiSeries]:
        series = await kpis.series(info.context.actor, parse_id("id", id),
                                   value_of(granularity))
        return [KpiSeries.from_series(s) for s in series]

    @strawberry.field(description="One task; null if absent or not visible.")
    async def task(self, info: Info, id: RecordId) -> Task | None:
        row = await tasks.get(info.context.actor, parse_id("id", id))
        return Task.from_row(row) if row else None

    @strawberry.field(description="Tasks you may see, earliest end first.")
    async def tasks(
        self,
        info: Info,
        filter: Annotated[TaskFilter | None, arg("Conditions, all must hold.")] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Task]:
        f = filter or TaskFilter()
        flt = tasks.TaskFilter(
            campaign_id=parse_id("filter.campaignId", f.campaign_id) if f.campaign_id else None,
            owner_id=parse_id("filter.ownerId", f.owner_id) if f.owner_id else None,
            statuses=values_of(f.status), late_on=f.late_on,
            flagged_for_reassignment=f.flagged_for_reassignment)
        page = await tasks.list_(info.context.actor, flt, first=first, after=after)
        return connection(page, Task.from_row)
