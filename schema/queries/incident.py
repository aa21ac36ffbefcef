"""Exception queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import incidents
from engine.validation import parse_id
from schema.context import Info
from schema.enums import ExceptionState, Severity, values_of
from schema.types.common import After, Connection, First, RecordId, arg, connection
from schema.types.incident import CampaignException


@strawberry.input(description="Narrow an exception list; all conditions must hold.")
class ExceptionFilter:
    campaign_id: strawberry.ID | None = strawberry.field(
        default=None, description="Of this campaign.")
    state: list[ExceptionState] | None = strawberry.field(default=None, description="Any state.")
    severity: list[Severity] | None = strawberry.field(default=None, description="Any severity.")
    reporter_username: str | None = strawberry.field(default=None, description="Reported by.")
    open_only: bool = strawberry.field(default=False, description="Not yet resolved or closed.")


@strawberry.type
class IncidentQuery:
    @strawberry.field(description="One exception; null if absent or not visible.")
    async def exception(self, info: Info, id: RecordId) -> CampaignException | None:
        row = await incidents.get(info.context.actor, parse_id("id", id))
        return CampaignException.from_row(row) if row else None

    @strawberry.field(description="Exceptions you may see, newest first.")
    async def exceptions(
        self,
        info: Info,
        filter: Annotated[ExceptionFilter | None, arg("Conditions, all must hold.")] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[CampaignException]:
        f = filter or ExceptionFilter()
        flt = incidents.IncidentFilter(
            campaign_id=parse_id("filter.campaignId", f.campaign_id) if f.campaign_id else None,
            states=values_of(f.state), severities=values_of(f.severity),
            reporter_username=f.reporter_username, open_only=f.open_only)
        page = await incidents.list_(info.context.actor, flt, first=first, after=after)
        return connection(page, CampaignException.from_row)
