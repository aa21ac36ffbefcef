"""Task mutations: create, update, start, complete, reopen."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from engine.services import tasks
from engine.validation import parse_id
from schema.context import Info
from schema.enums import CampaignPhase, value_of
from schema.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    TransitionNotAllowedError,
    ValidationError,
    mutate,
)
from schema.mutations.customer import patched
from schema.types.common import ExpectedVersion, RecordId, arg
from schema.types.task import Task


@strawberry.input(description="A new task of a campaign.")
class TaskCreateInput:
    campaign_id: strawberry.ID = strawberry.field(description="The campaign.")
    phase: CampaignPhase = strawberry.field(description="The phase.")
    title: str = strawberry.field(description="What is to be done.")
    owner_username: str = strawberry.field(description="Who is responsible.")
    start_date: date = strawberry.field(description="First day (inside the campaign).")
    end_date: date = strawberry.field(description="Last day (inside the campaign).")
    depends_on: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Tasks of the campaign that must be done first.")
    description: str | None = strawberry.field(default=None, description="Details.")


@strawberry.input(description="Task fields to change; omitted fields stay.")
class TaskUpdateInput:
    phase: CampaignPhase | None = strawberry.field(default=strawberry.UNSET, description="Phase.")
    title: str | None = strawberry.field(default=strawberry.UNSET, description="Title.")
    description: str | None = strawberry.field(default=strawberry.UNSET, description="Details.")
    owner_username: str | None = strawberry.field(default=strawberry.UNSET, description="Owner.")
    start_date: date | None = strawberry.field(default=strawberry.UNSET, description="First day.")
    end_date: date | None = strawberry.field(default=strawberry.UNSET, description="Last day.")
    depends_on: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="Replace the dependencies.")
    progress: int | None = strawberry.field(default=strawberry.UNSET, description="Percent, 0–100.")


TaskResult = Annotated[
    Task | NotFoundError | ForbiddenError | ValidationError | TransitionNotAllowedError
    | ConflictError,
    strawberry.union("TaskResult", description="The task, or why not."),
]


def _ids(values: list[strawberry.ID] | None) -> list[int]:
    return [parse_id("dependsOn", v) for v in values or []]


@strawberry.type
class TaskMutation:
    @strawberry.mutation(description="Add a task to a campaign phase.")
    async def task_create(
        self, info: Info, input: Annotated[TaskCreateInput, arg("The task.")]
    ) -> TaskResult:
        actor = info.context.actor
        data = tasks.TaskCreate(
            campaign_id=parse_id("campaignId", input.campaign_id), phase=value_of(input.phase),
            title=input.title, owner_username=input.owner_username,
            start_date=input.start_date, end_date=input.end_date,
            depends_on=_ids(input.depends_on), description=input.description)
        return await mutate(lambda: tasks.create(actor, data), Task.from_row)

    @strawberry.mutation(description="Change a task (its owner may set progress).")
    async def task_update(
        self, info: Info, id: RecordId,
        input: Annotated[TaskUpdateInput, arg("The fields to change.")],
        expected_version: ExpectedVersion = None,
    ) -> TaskResult:
        actor = info.context.actor
        phase = patched(input.phase)
        deps = patched(input.depends_on)
        patch = tasks.TaskPatch(
            phase=value_of(phase) if phase else phase, title=patched(input.title),
            description=patched(input.description), owner_username=patched(input.owner_username),
            start_date=patched(input.start_date), end_date=patched(input.end_date),
            depends_on=_ids(deps) if isinstance(deps, list) else deps,
            progress=patched(input.progress))
        return await mutate(
            lambda: tasks.update(actor, parse_id("id", id), patch, expected_version),
            Task.from_row)

    @strawberry.mutation(description="Start a task (refused while a dependency is unfinished).")
    async def task_start(
        self, info: Info, id: RecordId, expected_version: ExpectedVersion = None
    ) -> TaskResult:
        actor = info.context.actor
        return await mutate(lambda: tasks.fire(actor, parse_id("id", id), "start",
                                               expected_version=expected_version),
                            Task.from_row)

    @strawberry.mutation(description="Complete a task (also a delayed one).")
    async def task_complete(
        self, info: Info, id: RecordId, expected_version: ExpectedVersion = None
    ) -> TaskResult:
        actor = info.context.actor
        return await mutate(lambda: tasks.fire(actor, parse_id("id", id), "complete",
                                               expected_version=expected_version),
                            Task.from_row)

    @strawberry.mutation(description="Reopen a done task.")
    async def task_reopen(
        self, info: Info, id: RecordId,
        reason: Annotated[str | None, arg("Why it is reopened.")] = None,
        expected_version: ExpectedVersion = None,
    ) -> TaskResult:
        actor = info.context.actor
        return await mutate(lambda: tasks.fire(actor, parse_id("id", id), "reopen",
                                               reason=reason, expected_version=expected_version),
                            Task.from_row)
