"""The permission report (权限报告) and the explanation of one decision."""

from __future__ import annotations

from enum import Enum

import strawberry

from engine.services import permissions
from schema.enums import Role
from schema.types.org import User


@strawberry.enum(description="How far a grant reaches (own < department < all).")
class PermissionScope(Enum):
    OWN = strawberry.enum_value("own", description="本人: records the user owns.")
    DEPARTMENT = strawberry.enum_value(
        "department", description="本部门: records of the user's department (own included)."
    )
    ALL = strawberry.enum_value("all", description="全部: every record.")


@strawberry.enum(description="How a record stands to a user, as the policy sees it.")
class RecordRelation(Enum):
    OWNER = strawberry.enum_value("own", description="The user owns the record.")
    SAME_DEPARTMENT = strawberry.enum_value(
        "department", description="The record belongs to the user's department."
    )
    OTHER = strawberry.enum_value(
        "other", description="Neither (also: a request that names no record)."
    )


@strawberry.type(description="A line of a policy file: where it is written and what it says.")
class PolicyLine:
    file: str = strawberry.field(description="The file, e.g. policies/policy.csv.")
    line: int = strawberry.field(description="1-based line number in that file.")
    text: str = strawberry.field(description="The line as written, e.g. "
                                 "'p, sales_rep, customer, read, own'.")

    @classmethod
    def of(cls, line: permissions.PolicyLine | None) -> PolicyLine | None:
        return cls(file=line.file, line=line.line, text=line.text) if line else None


def _role(value: str | None) -> Role | None:
    return Role(value) if value else None


@strawberry.type(description="One row of the permission report: a user may perform an action "
                 "on an object type up to a scope, granted by a policy line.")
class PermissionGrant:
    user: User = strawberry.field(description="The user (with role and department).")
    object_type: str = strawberry.field(
        description="The object type (customer, follow_up, campaign, …); '*' for every type."
    )
    action: str = strawberry.field(description="The action (read, update, qualify, …); '*' "
                                   "for every action.")
    scope: PermissionScope = strawberry.field(description="The scope the policy grants.")
    effective_scope: PermissionScope = strawberry.field(
        description="The scope it has for this user: a department scope is own-only for a "
        "user without a department."
    )
    via_role: Role | None = strawberry.field(
        description="The role the grant is inherited from (null: the user's own role)."
    )
    policy: PolicyLine | None = strawberry.field(description="The policy line that grants it.")

    @classmethod
    def from_row(cls, row: permissions.PermissionRow) -> PermissionGrant:
        g = row.grant
        return cls(user=User.from_row(row.user), object_type=g.object_type, action=g.action,
                   scope=PermissionScope(g.scope),
                   effective_scope=PermissionScope(row.effective_scope),
                   via_role=_role(g.via_role), policy=PolicyLine.of(g.policy))


@strawberry.type(description="Why a user can or cannot perform an action on a record.")
class PermissionExplanation:
    allowed: bool = strawberry.field(description="The policy's decision.")
    user: User = strawberry.field(description="The user asked about.")
    role: Role = strawberry.field(description="The user's role (the policy subject).")
    object_type: str = strawberry.field(description="The object type asked about.")
    action: str = strawberry.field(description="The action asked about.")
    object_id: strawberry.ID | None = strawberry.field(description="The record, if one was named.")
    relation: RecordRelation = strawberry.field(
        description="How the record stands to the user: owner, same department or other."
    )
    record_owner: User | None = strawberry.field(description="The record's owner, if any.")
    record_department: str | None = strawberry.field(
        description="The name of the record's department, if any."
    )
    policy: PolicyLine | None = strawberry.field(
        description="The policy line that allowed it (null when denied: default deny)."
    )
    via_role: Role | None = strawberry.field(
        description="The role whose line allowed it, when inherited through a role link."
    )
    near_misses: list[PolicyLine] = strawberry.field(
        description="When denied: lines that grant this action on this type, but with a "
        "scope that does not reach this record."
    )
    reason: str = strawberry.field(
        description="The decision in a sentence, naming file:line, or 'no policy line allows "
        "this (default deny)'."
    )

    @classmethod
    def from_result(cls, e: permissions.Explanation) -> PermissionExplanation:
        return cls(
            allowed=e.allowed, user=User.from_row(e.user), role=Role(e.user.role),
            object_type=e.object_type, action=e.action,
            object_id=strawberry.ID(str(e.object_id)) if e.object_id is not None else None,
            relation=RecordRelation(e.relation),
            record_owner=User.from_row(e.record_owner) if e.record_owner else None,
            record_department=e.record_department, policy=PolicyLine.of(e.policy),
            via_role=_role(e.via_role),
            near_misses=[p for p in (PolicyLine.of(m) for m in e.near_misses) if p],
            reason=e.reason,
        )

