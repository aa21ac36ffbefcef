"""Follow-up mutations: record one, complete it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON

from engine.services import follow_ups
from engine.validation import parse_id
from schema.context import Info
from schema.enums import Feedback, FollowUpMethod, value_of
from schema.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    TransitionNotAllowedError,
    ValidationError,
    mutate,
)
from schema.types.common import ExpectedVersion, RecordId, arg
from schema.types.follow_up import FollowUp


@strawberry.input(description="A contact with a customer and its next action.")
class FollowUpCreateInput:
    customer_id: strawberry.ID | None = strawberry.field(
        default=None, description="The customer's id (or give customerCode)."
    )
    customer_code: str | None = strawberry.field(
        default=None, description="The customer's code, e.g. C20261123001."
    )
    method: FollowUpMethod = strawberry.field(description="How.")
    summary: str = strawberry.field(description="What was said, ≤ 100 chars.")
    feedback: Feedback = strawberry.field(description="The reaction.")
    next_action: str = strawberry.field(description="The next action, ≤ 200 chars.")
    due_date: date | None = strawberry.field(
        default=None,
        description="Day the next action is due; due at the end of that working day.",
    )
    due_at: datetime | None = strawberry.field(
        default=None, description="Exact due time instead of dueDate (with offset)."
    )
    follow_up_date: date | None = strawberry.field(
        default=None, description="Day of the contact (default: today, company time)."
    )
    custom_fields: JSON | None = strawberry.field(
        default=None, description="Values of the company's custom follow-up fields, by key."
    )


FollowUpCreateResult = Annotated[
    FollowUp | NotFoundError | ForbiddenError | ValidationError,
    strawberry.union("FollowUpCreateResult", description="The new follow-up, or why not."),
]
FollowUpCompleteResult = Annotated[
    FollowUp
    | NotFoundError
    | ForbiddenError
    | ValidationError
    | TransitionNotAllowedError
    | ConflictError,
    strawberry.union("FollowUpCompleteResult", description="The follow-up, or why not."),
]


@strawberry.type
class FollowUpMutation:
    @strawberry.mutation(
        description="Record a follow-up; the customer's last follow-up date moves with it."
    )
    async def follow_up_create(
        self, info: Info, input: Annotated[FollowUpCreateInput, arg("The follow-up.")]
    ) -> FollowUpCreateResult:
        actor = info.context.actor
        data = follow_ups.FollowUpInput(
            customer_id=parse_id("input.customerId", input.customer_id)
            if input.customer_id else None,
            customer_code=input.customer_code,
            method=value_of(input.method), summary=input.summary,
            feedback=value_of(input.feedback), next_action=input.next_action,
            due_date=input.due_date, due_at=input.due_at, follow_up_date=input.follow_up_date,
            custom_fields=cast(dict[str, Any] | None, input.custom_fields),
        )
        return await mutate(lambda: follow_ups.create(actor, data), FollowUp.from_row)

    @strawberry.mutation(
        description="Mark the next action done (also when overdue); the customer's last "
        "follow-up date becomes today."
    )
    async def follow_up_complete(
        self,
        info: Info,
        id: RecordId,
        note: Annotated[str | None, arg("What was done (kept with the follow-up).")] = None,
        expected_version: ExpectedVersion = None,
    ) -> FollowUpCompleteResult:
        actor = info.context.actor
        return await mutate(
            lambda: follow_ups.complete(
                actor, parse_id("id", id), note=note, expected_version=expected_version
            ),
            FollowUp.from_row,
        )
