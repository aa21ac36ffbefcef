"""Campaign plan mutations: create, update, budget lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

import strawberry

from engine import validation
from engine.services import campaigns
from engine.validation import parse_id
from schema.context import Info
from schema.enums import (
    BudgetCategory,
    CampaignPhase,
    CampaignType,
    Channel,
    GoalMetric,
    value_of,
    values_of,
)
from schema.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError, mutate
from schema.mutations.customer import patched
from schema.types.campaign import Campaign, presenter
from schema.types.common import ExpectedVersion, RecordId, arg


@strawberry.input(description="A goal: metric, target and (by default the campaign's) period.")
class GoalInput:
    metric: GoalMetric = strawberry.field(description="What is measured.")
    target: Decimal = strawberry.field(description="The target (above 0).")
    period_start: date | None = strawberry.field(default=None, description="Default: start.")
    period_end: date | None = strawberry.field(default=None, description="Default: end.")


@strawberry.input(description="A budget line; the total is derived from the lines.")
class BudgetLineInput:
    category: BudgetCategory = strawberry.field(description="The kind of cost.")
    description: str = strawberry.field(description="What it pays for (≤ 200 chars).")
    amount: Decimal = strawberry.field(description="CNY, above 0, at most two decimals.")
    channel: Channel | None = strawberry.field(
        default=strawberry.UNSET, description="The channel the cost buys (one of the "
        "campaign's channels); null: shared by all of them. Omitted on update: unchanged.")


@strawberry.input(description="A task of a phase.")
class TaskPlanInput:
    title: str = strawberry.field(description="What is to be done.")
    owner_username: str = strawberry.field(description="Who is responsible.")
    start_date: date = strawberry.field(description="Planned first day (inside the campaign).")
    end_date: date = strawberry.field(description="Planned last day (inside the campaign).")
    key: str | None = strawberry.field(
        default=None, description="Your name for it, for dependsOn within this input.")
    depends_on: list[str] | None = strawberry.field(
        default=None, description="Keys of tasks of this input that must be done first.")
    description: str | None = strawberry.field(default=None, description="Details.")


@strawberry.input(description="A phase window and its tasks.")
class PhaseInput:
    phase: CampaignPhase = strawberry.field(description="Which phase.")
    start_date: date = strawberry.field(description="First day (inside the campaign).")
    end_date: date = strawberry.field(description="Last day (inside the campaign).")
    tasks: list[TaskPlanInput] | None = strawberry.field(default=None, description="Its tasks.")


@strawberry.input(description="A phase window without tasks (for updates).")
class PhaseWindowInput:
    phase: CampaignPhase = strawberry.field(description="Which phase.")
    start_date: date = strawberry.field(description="First day (inside the campaign).")
    end_date: date = strawberry.field(description="Last day (inside the campaign).")


@strawberry.input(description="A collaborating department and its part.")
class CollaboratorInput:
    department: str = strawberry.field(description="Department name, e.g. 技术部.")
    responsibility: str | None = strawberry.field(default=None, description="e.g. 直播支持.")


@strawberry.input(description="A new campaign plan. It starts in draft.")
class CampaignCreateInput:
    name: str = strawberry.field(description="Name (≤ 200 chars).")
    type: CampaignType = strawberry.field(description="Kind of campaign.")
    start_date: date = strawberry.field(description="First day.")
    end_date: date = strawberry.field(description="Last day (not before the first).")
    channels: list[Channel] = strawberry.field(description="At least two channels.")
    goals: list[GoalInput] | None = strawberry.field(default=None, description="SMART goals.")
    target_audience: str | None = strawberry.field(default=None, description="≤ 500 chars.")
    budget_lines: list[BudgetLineInput] | None = strawberry.field(
        default=None, description="Budget lines.")
    phases: list[PhaseInput] | None = strawberry.field(
        default=None, description="Phase windows with their tasks.")
    owner_username: str | None = strawberry.field(
        default=None, description="First responsible person (default: you).")
    department_code: str | None = strawberry.field(
        default=None, description="Running department (default: the owner's).")
    collaborators: list[CollaboratorInput] | None = strawberry.field(
        default=None, description="Collaborating departments.")
    kpi_alert_threshold: Decimal | None = strawberry.field(
        default=None, description="Alert beyond this deviation (fraction; default 0.2).")
    product_codes: list[str] | None = strawberry.field(
        default=None, description="Codes of the catalogue products it promotes (active ones, "
        "at most 20).")


@strawberry.input(description="Plan fields to change; omitted fields stay. Lists replace.")
class CampaignUpdateInput:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Name.")
    type: CampaignType | None = strawberry.field(default=strawberry.UNSET, description="Type.")
    target_audience: str | None = strawberry.field(
        default=strawberry.UNSET, description="Audience.")
    start_date: date | None = strawberry.field(default=strawberry.UNSET, description="First day.")
    end_date: date | None = strawberry.field(default=strawberry.UNSET, description="Last day.")
    channels: list[Channel] | None = strawberry.field(
        default=strawberry.UNSET, description="Replace the channels (≥ 2).")
    goals: list[GoalInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Replace the goals.")
    phases: list[PhaseWindowInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Replace the phase windows.")
    owner_username: str | None = strawberry.field(
        default=strawberry.UNSET, description="New first responsible person.")
    collaborators: list[CollaboratorInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Replace the collaborators.")
    kpi_alert_threshold: Decimal | None = strawberry.field(
        default=strawberry.UNSET, description="New alert threshold.")
    product_codes: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="Replace the promoted products (codes; null or "
        "[]: none).")


CampaignResult = Annotated[
    Campaign | NotFoundError | ForbiddenError | ValidationError | ConflictError,
    strawberry.union("CampaignResult", description="The campaign, or why not."),
]
CampaignCreateResult = Annotated[
    Campaign | ValidationError | ForbiddenError,
    strawberry.union("CampaignCreateResult", description="The new campaign, or why not."),
]


def _goals(goals: list[GoalInput] | None) -> list[campaigns.GoalInput]:
    return [campaigns.GoalInput(metric=value_of(g.metric), target=g.target,
                                period_start=g.period_start, period_end=g.period_end)
            for g in goals or []]


def _collaborators(items: list[CollaboratorInput] | None) -> list[campaigns.CollaboratorInput]:
    return [campaigns.CollaboratorInput(department=c.department,
                                        responsibility=c.responsibility) for c in items or []]


def _line(line: BudgetLineInput) -> campaigns.BudgetLineInput:
    channel: Any = validation.UNSET if line.channel is strawberry.UNSET else (
        value_of(line.channel) if line.channel is not None else None)
    return campaigns.BudgetLineInput(category=value_of(line.category),
                                     description=line.description, amount=line.amount,
                                     channel=channel)


def _maybe(value: Any, convert: Any) -> Any:
    """Convert a patch value that was sent and is not null; pass UNSET and null through."""
    value = patched(value)
    return value if value is None or value is validation.UNSET else convert(value)


@strawberry.type
class CampaignMutation:
    @strawberry.mutation(description="Create a campaign plan (draft); code HD + date + seq.")
    async def campaign_create(
        self, info: Info, input: Annotated[CampaignCreateInput, arg("The plan.")]
    ) -> CampaignCreateResult:
        actor = info.context.actor
        data = campaigns.CampaignInput(
            name=input.name, campaign_type=value_of(input.type), start_date=input.start_date,
            end_date=input.end_date, channels=values_of(input.channels),
            goals=_goals(input.goals), target_audience=input.target_audience,
            budget_lines=[_line(b) for b in input.budget_lines or []],
            phases=[
                campaigns.PhaseInput(
                    phase=value_of(p.phase), start_date=p.start_date, end_date=p.end_date,
                    tasks=[campaigns.TaskInput(
                        title=t.title, owner_username=t.owner_username,
                        start_date=t.start_date, end_date=t.end_date, key=t.key,
                        depends_on=t.depends_on or [], description=t.description)
                        for t in p.tasks or []])
                for p in input.phases or []],
            owner_username=input.owner_username, department_code=input.department_code,
            collaborators=_collaborators(input.collaborators),
            kpi_alert_threshold=input.kpi_alert_threshold,
            product_codes=input.product_codes,
        )
        return await mutate(lambda: campaigns.create(actor, data), presenter(actor))

    @strawberry.mutation(description="Change the plan (budget lines have their own mutations).")
    async def campaign_update(
        self, info: Info, id: RecordId,
        input: Annotated[CampaignUpdateInput, arg("The fields to change.")],
        expected_version: ExpectedVersion = None,
    ) -> CampaignResult:
        actor = info.context.actor
        patch = campaigns.CampaignPatch(
            name=patched(input.name),
            campaign_type=_maybe(input.type, value_of),
            target_audience=patched(input.target_audience),
            start_date=patched(input.start_date), end_date=patched(input.end_date),
            channels=_maybe(input.channels, values_of),
            goals=_maybe(input.goals, _goals),
            phases=_maybe(input.phases, lambda ps: [
                campaigns.PhaseInput(phase=value_of(p.phase), start_date=p.start_date,
                                     end_date=p.end_date) for p in ps]),
            owner_username=patched(input.owner_username),
            collaborators=_maybe(input.collaborators, _collaborators),
            kpi_alert_threshold=patched(input.kpi_alert_threshold),
            product_codes=patched(input.product_codes),
        )
        return await mutate(
            lambda: campaigns.update(actor, parse_id("id", id), patch, expected_version),
            presenter(actor))

    @strawberry.mutation(description="Add a budget line. A submitted or approved budget goes "
                         "back to approval from the first level.")
    async def campaign_budget_line_add(
        self, info: Info,
        campaign_id: Annotated[strawberry.ID, arg("The campaign.")],
        input: Annotated[BudgetLineInput, arg("The line.")],
        expected_version: ExpectedVersion = None,
    ) -> CampaignResult:
        actor = info.context.actor

        async def run() -> Any:
            campaign, _ = await campaigns.add_budget_line(
                actor, parse_id("campaignId", campaign_id), _line(input), expected_version)
            return campaign

        return await mutate(run, presenter(actor))

    @strawberry.mutation(description="Change a budget line (expectedVersion: the line's). A "
                         "submitted or approved budget goes back to approval.")
    async def campaign_budget_line_update(
        self, info: Info, id: RecordId,
        input: Annotated[BudgetLineInput, arg("The line's new values.")],
        expected_version: ExpectedVersion = None,
    ) -> CampaignResult:
        actor = info.context.actor

        async def run() -> Any:
            campaign, _ = await campaigns.update_budget_line(
                actor, parse_id("id", id), _line(input), expected_version)
            return campaign

        return await mutate(run, presenter(actor))

    @strawberry.mutation(description="Remove a budget line (expectedVersion: the line's). A "
                         "submitted or approved budget goes back to approval.")
    async def campaign_budget_line_remove(
        self, info: Info, id: RecordId, expected_version: ExpectedVersion = None,
    ) -> CampaignResult:
        actor = info.context.actor
        return await mutate(
            lambda: campaigns.remove_budget_line(actor, parse_id("id", id), expected_version),
            presenter(actor))
