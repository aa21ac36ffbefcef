"""Exception mutations: report, then acknowledge → start resolving → resolve → close."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import incidents
from engine.validation import parse_id
from schema.context import Info
from schema.enums import Severity, value_of
from schema.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    TransitionNotAllowedError,
    ValidationError,
    mutate,
)
from schema.types.common import ExpectedVersion, RecordId, arg
from schema.types.incident import CampaignException


@strawberry.input(description="An exception during a campaign.")
class ExceptionReportInput:
    campaign_id: strawberry.ID = strawberry.field(description="The campaign.")
    problem: str = strawberry.field(description="What happened (≤ 500 chars).")
    cause: str | None = strawberry.field(default=None, description="Why.")
    impact: str | None = strawberry.field(default=None, description="What it affects.")
    proposed_solution: str | None = strawberry.field(default=None, description="The fix.")
    severity: Severity = strawberry.field(default=Severity.MEDIUM, description="How serious.")
    task_id: strawberry.ID | None = strawberry.field(
        default=None, description="The task concerned, if any.")


ExceptionResult = Annotated[
    CampaignException | NotFoundError | ForbiddenError | ValidationError
    | TransitionNotAllowedError | ConflictError,
    strawberry.union("ExceptionResult", description="The exception, or why not."),
]


async def _fire(info: Info, id: strawberry.ID, event: str, note: str | None,
                expected_version: int | None) -> ExceptionResult:
    actor = info.context.actor
    return await mutate(
        lambda: incidents.fire(actor, parse_id("id", id), event, note=note,
                               expected_version=expected_version),
        CampaignException.from_row)


@strawberry.type
class IncidentMutation:
    @strawberry.mutation(description="Report an exception; the campaign owner and the owner's "
                         "manager are notified; acknowledge and resolve deadlines are set.")
    async def exception_report(
        self, info: Info, input: Annotated[ExceptionReportInput, arg("The exception.")]
    ) -> ExceptionResult:
        actor = info.context.actor
        data = incidents.IncidentInput(
            campaign_id=parse_id("campaignId", input.campaign_id), problem=input.problem,
            cause=input.cause, impact=input.impact, proposed_solution=input.proposed_solution,
            severity=value_of(input.severity),
            task_id=parse_id("taskId", input.task_id) if input.task_id else None)
        return await mutate(lambda: incidents.report(actor, data), CampaignException.from_row)

    @strawberry.mutation(description="Acknowledge a reported exception.")
    async def exception_acknowledge(
        self, info: Info, id: RecordId, expected_version: ExpectedVersion = None
    ) -> ExceptionResult:
        return await _fire(info, id, "acknowledge", None, expected_version)

    @strawberry.mutation(description="Start working on an acknowledged exception.")
    async def exception_start_resolving(
        self, info: Info, id: RecordId, expected_version: ExpectedVersion = None
    ) -> ExceptionResult:
        return await _fire(info, id, "start_resolving", None, expected_version)

    @strawberry.mutation(description="Resolve it; a resolution note is required.")
    async def exception_resolve(
        self, info: Info, id: RecordId,
        resolution: Annotated[str | None, arg("How it was resolved.")] = None,
        expected_version: ExpectedVersion = None,
    ) -> ExceptionResult:
        return await _fire(info, id, "resolve", resolution, expected_version)

    @strawberry.mutation(description="Close a resolved exception.")
    async def exception_close(
        self, info: Info, id: RecordId, expected_version: ExpectedVersion = None
    ) -> ExceptionResult:
        return await _fire(info, id, "close", None, expected_version)

    @strawberry.mutation(description="Reopen a resolved exception; a reason is required.")
    async def exception_reopen(
        self, info: Info, id: RecordId,
        reason: Annotated[str | None, arg("Why it is not resolved.")] = None,
        expected_version: ExpectedVersion = None,
    ) -> ExceptionResult:
        return await _fire(info, id, "reopen", reason, expected_version)
