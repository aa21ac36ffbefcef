"""The FollowUp type (销售跟进记录表)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, cast

import strawberry
from strawberry.scalars import JSON

from engine import clock
from engine.models import FollowUp as FollowUpRow
from engine.models.enums import FollowUpStatus as DomainStatus
from schema.context import Info
from schema.enums import Feedback, FollowUpMethod, FollowUpStatus
from schema.types.org import User

if TYPE_CHECKING:
    from schema.types.customer import Customer

CustomerType = Annotated["Customer", strawberry.lazy("schema.types.customer")]


@strawberry.type(description="A contact with a customer and the next action it set (跟进记录).")
class FollowUp:
    id: strawberry.ID = strawberry.field(description="Follow-up id.")
    code: str = strawberry.field(description="Read-only code, e.g. G20261123001.")
    follow_up_date: date = strawberry.field(description="Day of the contact (跟进日期).")
    method: FollowUpMethod = strawberry.field(
        description="How the customer was contacted (跟进方式)."
    )
    summary: str = strawberry.field(description="What was said, ≤ 100 chars (沟通内容摘要).")
    feedback: Feedback = strawberry.field(
        description="The customer's reaction (客户反馈类型)."
    )
    next_action: str = strawberry.field(description="The next action (下一步行动).")
    due_at: datetime = strawberry.field(description="When the next action is due (UTC).")
    status: FollowUpStatus = strawberry.field(
        description="pending / done / overdue (状态)."
    )
    status_label: str = strawberry.field(description="Chinese label of the status.")
    status_reason: str | None = strawberry.field(
        description="Why it is overdue, or the note left when it was completed."
    )
    completed_at: datetime | None = strawberry.field(description="When it was done.")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")
    created_at: datetime = strawberry.field(description="When it was recorded.")
    _row: strawberry.Private[FollowUpRow]

    @strawberry.field(
        description="Values of the company's custom follow-up fields, by key "
        "(customFieldDefinitions(recordType: FOLLOW_UP)).")
    def custom_fields(self) -> JSON:
        return cast(JSON, self._row.custom_fields)

    @strawberry.field(description="The due day in the company's time zone (完成时限).")
    def due_date(self, info: Info) -> date:
        return clock.local_date(self._row.due_at, info.context.settings.zone)

    @strawberry.field(description="The customer followed up.")
    async def customer(self, info: Info) -> CustomerType:
        from schema.types.customer import Customer

        row = await info.context.loaders.customer.load(self._row.customer_id)
        assert row is not None
        return Customer.from_row(row, info.context.actor)

    @strawberry.field(description="Who made the contact (跟进人).")
    async def created_by(self, info: Info) -> User:
        row = await info.context.loaders.user.load(self._row.created_by_id)
        assert row is not None
        return User.from_row(row)

    @strawberry.field(description="Who owes the next action (the customer's owner).")
    async def assignee(self, info: Info) -> User:
        row = await info.context.loaders.user.load(self._row.assignee_id)
        assert row is not None
        return User.from_row(row)

    @classmethod
    def from_row(cls, row: FollowUpRow) -> FollowUp:
        return cls(
            id=strawberry.ID(str(row.id)), code=row.code, follow_up_date=row.follow_up_date,
            method=FollowUpMethod(row.method), summary=row.summary,
            feedback=Feedback(row.feedback), next_action=row.next_action, due_at=row.due_at,
            status=FollowUpStatus(row.status), status_label=DomainStatus.of(row.status).label,
            status_reason=row.status_reason, completed_at=row.completed_at,
            version=row.version, created_at=row.created_at, _row=row,
        )
