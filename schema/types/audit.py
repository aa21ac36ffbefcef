"""Audit events as portals read them."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from engine.models import AuditEvent as AuditRow
from schema.errors import camel


@strawberry.type(description="One changed field: its value before and after.")
class FieldChange:
    field: str = strawberry.field(description="The field (camelCase).")
    before: JSON | None = strawberry.field(description="Value before the change.")
    after: JSON | None = strawberry.field(description="Value after the change.")


@strawberry.type(description="One change of a record: who, when, what, from which state to which.")
class AuditEvent:
    id: strawberry.ID = strawberry.field(description="Event id.")
    object_type: str = strawberry.field(description="The kind of record, e.g. customer.")
    object_id: strawberry.ID = strawberry.field(description="The record's id.")
    action: str = strawberry.field(description="What happened: CREATE, UPDATE, a trigger, …")
    actor_username: str = strawberry.field(description="Who did it ('system' for jobs).")
    at: datetime = strawberry.field(description="When (UTC).")
    from_state: str | None = strawberry.field(description="State before (upper-case).")
    to_state: str | None = strawberry.field(description="State after (upper-case).")
    reason: str | None = strawberry.field(description="Why, as given.")
    changes: list[FieldChange] = strawberry.field(description="Changed fields, before/after.")
    version: int | None = strawberry.field(description="The record's version after the change.")

    @classmethod
    def from_row(cls, row: AuditRow) -> AuditEvent:
        changes = [
            FieldChange(field=camel(k), before=v[0], after=v[1])
            for k, v in (row.changes or {}).items()
            if isinstance(v, list) and len(v) == 2
        ]
        return cls(
            id=strawberry.ID(str(row.id)), object_type=row.object_type,
            object_id=strawberry.ID(str(row.object_id)), action=row.action.upper(),
            actor_username=row.actor_name, at=row.at,
            from_state=row.from_state.upper() if row.from_state else None,
            to_state=row.to_state.upper() if row.to_state else None,
            reason=row.reason, changes=changes, version=row.version,
        )
