"""Campaign exceptions (异常)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from engine.models import Incident as IncidentRow
from engine.models.enums import IncidentState as DomainState
from engine.models.enums import Severity as DomainSeverity
from engine.services import incidents
from schema.context import Info
from schema.enums import ExceptionState, Severity
from schema.types.org import User


@strawberry.type(description="An exception during a campaign (异常): what, why, impact, fix.")
class CampaignException:
    id: strawberry.ID = strawberry.field(description="Exception id.")
    code: str = strawberry.field(description="Read-only code, e.g. YC20261123001.")
    problem: str = strawberry.field(description="What happened (问题).")
    cause: str | None = strawberry.field(description="Why (原因).")
    impact: str | None = strawberry.field(description="What it affects (影响范围).")
    proposed_solution: str | None = strawberry.field(description="The proposed fix (解决方案).")
    severity: Severity = strawberry.field(description="How serious.")
    severity_label: str = strawberry.field(description="Chinese label of the severity.")
    state: ExceptionState = strawberry.field(description="Where it stands.")
    state_label: str = strawberry.field(description="Chinese label of the state.")
    resolution: str | None = strawberry.field(description="How it was resolved.")
    reported_at: datetime = strawberry.field(description="When reported.")
    acknowledged_at: datetime | None = strawberry.field(description="When acknowledged.")
    resolved_at: datetime | None = strawberry.field(description="When resolved.")
    closed_at: datetime | None = strawberry.field(description="When closed.")
    acknowledge_due_at: datetime = strawberry.field(description="Acknowledge by then.")
    resolve_due_at: datetime = strawberry.field(description="Resolve by then.")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")
    _row: strawberry.Private[IncidentRow]

    @strawberry.field(description="The campaign's id.")
    def campaign_id(self) -> strawberry.ID:
        return strawberry.ID(str(self._row.campaign_id))

    @strawberry.field(description="The task concerned, if any.")
    def task_id(self) -> strawberry.ID | None:
        return strawberry.ID(str(self._row.task_id)) if self._row.task_id else None

    @strawberry.field(description="Who reported it.")
    async def reporter(self, info: Info) -> User:
        row = await info.context.loaders.user.load(self._row.reporter_id)
        assert row is not None
        return User.from_row(row)

    @strawberry.field(
        description="Events the workflow allows next and that you may perform (upper-case).")
    async def available_events(self, info: Info) -> list[str]:
        campaign = await info.context.loaders.campaign.load(self._row.campaign_id)
        if campaign is None:
            return []
        return [e.upper() for e in incidents.allowed_events(info.context.actor, self._row,
                                                            campaign)]

    @classmethod
    def from_row(cls, row: IncidentRow) -> CampaignException:
        return cls(
            id=strawberry.ID(str(row.id)), code=row.code, problem=row.problem, cause=row.cause,
            impact=row.impact, proposed_solution=row.proposed_solution,
            severity=Severity(row.severity), severity_label=DomainSeverity.of(row.severity).label,
            state=ExceptionState(row.state), state_label=DomainState.of(row.state).label,
            resolution=row.resolution, reported_at=row.reported_at,
            acknowledged_at=row.acknowledged_at, resolved_at=row.resolved_at,
            closed_at=row.closed_at, acknowledge_due_at=row.acknowledge_due_at,
            resolve_due_at=row.resolve_due_at, version=row.version, _row=row,
        )
