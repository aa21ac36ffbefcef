"""The audit trail query."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import audit_trail
from engine.validation import parse_id
from schema.context import Info
from schema.enums import AuditObjectType, value_of
from schema.types.audit import AuditEvent
from schema.types.common import After, Connection, First, arg, connection


@strawberry.type
class AuditQuery:
    @strawberry.field(
        description="Every change of one record, oldest first. Visible to whoever may read "
        "the record; contact details masked as on the record."
    )
    async def audit_trail(
        self,
        info: Info,
        object_type: Annotated[AuditObjectType, arg("The kind of record.")],
        object_id: Annotated[strawberry.ID, arg("The record's id.")],
        first: First = None,
        after: After = None,
    ) -> Connection[AuditEvent]:
        page = await audit_trail.trail(
            info.context.actor, value_of(object_type), parse_id("objectId", object_id),
            first=first, after=after,
        )
        return connection(page, AuditEvent.from_row)
