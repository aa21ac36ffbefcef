"""Overdue items and their escalation."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from engine.models import Deadline
from engine.services.overdue import OBJECT_TYPES
from schema.context import Info
from schema.enums import AuditObjectType
from schema.types.org import User


@strawberry.enum(description="The kinds of deadline the engine escalates.")
class DeadlineKind(Enum):
    FOLLOW_UP = strawberry.enum_value("follow_up", description="跟进的下一步行动")
    TASK = strawberry.enum_value("task", description="活动任务")
    APPROVAL = strawberry.enum_value("approval", description="预算审批的当前级别")
    EXCEPTION_ACKNOWLEDGE = strawberry.enum_value("exception_acknowledge",
                                                  description="异常待确认")
    EXCEPTION_RESOLVE = strawberry.enum_value("exception_resolve", description="异常待解决")
    PLAN_MILESTONE = strawberry.enum_value("plan_milestone", description="渠道计划里程碑")
    PLAN_RISK = strawberry.enum_value("plan_risk", description="渠道计划风险的应对期限")


@strawberry.type(description="Something past its deadline and where its escalation stands.")
class OverdueItem:
    kind: DeadlineKind = strawberry.field(description="What kind of deadline.")
    object_type: AuditObjectType = strawberry.field(
        description="The record's type, as auditTrail takes it (with objectId).")
    object_id: strawberry.ID = strawberry.field(description="The record's id.")
    title: str = strawberry.field(description="What is overdue, in a line.")
    due_at: datetime = strawberry.field(description="When it was due.")
    escalation_step: int = strawberry.field(
        description="How many steps of its ladder have been applied.")
    next_step_at: datetime | None = strawberry.field(
        description="When the next step applies (null: the ladder is complete and the "
        "action is still owed).")
    _owner_id: strawberry.Private[int | None]

    @strawberry.field(description="The record's type in lower case (customer, follow_up, …).",
                      deprecation_reason="Use objectType, an AuditObjectType as auditTrail "
                      "takes it.")
    def object_type_name(self) -> str:
        return str(self.object_type.value)

    @strawberry.field(description="Whose it is (null when several people, e.g. approvers).")
    async def owner(self, info: Info) -> User | None:
        if self._owner_id is None:
            return None
        row = await info.context.loaders.user.load(self._owner_id)
        return User.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: Deadline, title: str) -> OverdueItem:
        return cls(kind=DeadlineKind(row.kind),
                   object_type=AuditObjectType(OBJECT_TYPES[row.kind]),
                   object_id=strawberry.ID(str(row.object_id)), title=title, due_at=row.due_at,
                   escalation_step=row.next_step, next_step_at=row.next_at,
                   _owner_id=row.owner_id)
