"""The permission report and explain queries (quarterly permission review)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import permissions
from engine.validation import parse_id
from schema.context import Info
from schema.enums import Role, value_of
from schema.types.common import After, Connection, First, arg, connection
from schema.types.permission import PermissionExplanation, PermissionGrant


@strawberry.input(description="Narrow the permission report; all conditions must hold.")
class PermissionReportFilter:
    username: str | None = strawberry.field(default=None, description="Only this user.")
    role: Role | None = strawberry.field(default=None, description="Only users of this role.")
    department_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only users of this department."
    )
    object_type: str | None = strawberry.field(
        default=None, description="Only grants on this object type (customer, campaign, …; "
        "admin's '*' grant matches every type)."
    )


@strawberry.type
class PermissionQuery:
    @strawberry.field(
        description="Who can do what on which scope (权限报告): one row per active user and "
        "(object type, action) their role is granted, with the policy line. Admin and "
        "director only (FORBIDDEN otherwise). Ordered by user id, then object type and action."
    )
    async def permission_report(
        self,
        info: Info,
        filter: Annotated[PermissionReportFilter | None, arg("Conditions, all must hold.")]
        = None,
        first: First = None,
        after: After = None,
    ) -> Connection[PermissionGrant]:
        f = filter or PermissionReportFilter()
        flt = permissions.ReportFilter(
            username=f.username,
            role=value_of(f.role) if f.role is not None else None,
            department_id=parse_id("departmentId", f.department_id)
            if f.department_id is not None else None,
            object_type=f.object_type,
        )
        page = await permissions.report(info.context.actor, flt, first=first, after=after)
        return connection(page, PermissionGrant.from_row)

    @strawberry.field(
        description="Why can or can't a user perform an action on a record? The policy's "
        "decision, the user's role, the record's relation to the user and the policy line "
        "that decided (or 'no policy line allows this (default deny)'). Admin only. Explains "
        "the policy (Casbin) decision; services may add rules of their own (e.g. approval "
        "levels), which this does not evaluate."
    )
    async def permission_explain(
        self,
        info: Info,
        username: Annotated[str, arg("The user asked about.")],
        action: Annotated[str, arg("The action, e.g. read, read_contact, qualify, approve.")],
        object_type: Annotated[str, arg("The object type, e.g. customer, campaign.")],
        object_id: Annotated[
            strawberry.ID | None,
            arg("The record (customer, follow_up, campaign, task, exception; kpi: the "
                "campaign; notification, overdue, approval: a user id). Leave out for types "
                "without records (org, permission)."),
        ] = None,
    ) -> PermissionExplanation:
        result = await permissions.explain(
            info.context.actor, username, action, object_type,
            parse_id("objectId", object_id) if object_id is not None else None,
        )
        return PermissionExplanation.from_result(result)
