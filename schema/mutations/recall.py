"""Turning an RFM recall list into follow-ups for the customers' owners."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from engine.services import recall
from engine.validation import parse_id
from schema.context import Info
from schema.enums import FollowUpMethod, value_of
from schema.errors import ForbiddenError, NotFoundError, ValidationError, mutate
from schema.types.analytics_enums import RfmSegment
from schema.types.common import arg
from schema.types.recall import RfmRecallBatch


@strawberry.input(description="Which customers to recall and what their owners should do.")
class RfmRecallCreateInput:
    next_action: str = strawberry.field(
        description="The follow-ups' next action, ≤ 200 chars (e.g. 推送个性化优惠券并电话回访).")
    due_date: date = strawberry.field(description="When the owners should have done it; "
                                      "today or later (due at the end of that working day).")
    method: FollowUpMethod = strawberry.field(
        default=FollowUpMethod.PHONE, description="How the owners are to get in touch.")
    segment: RfmSegment | None = strawberry.field(
        default=None, description="Recall this segment instead of the recall segments "
        "(CANT_LOSE, AT_RISK).")
    customer_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description=f"Only these customers of the list (≤ {recall.MAX_BATCH}); "
        "each must be on it and in your scope.")
    limit: int | None = strawberry.field(
        default=None, description=f"Without customerIds: the first this many of the list, "
        f"most valuable first, 1–{recall.MAX_BATCH} (default {recall.DEFAULT_LIMIT}).")
    idempotency_key: str | None = strawberry.field(
        default=None, description="Your key for this request (≤ 100 chars): repeating it "
        "with the same input returns the batch already made.")


RfmRecallCreateResult = Annotated[
    RfmRecallBatch | ValidationError | ForbiddenError | NotFoundError,
    strawberry.union("RfmRecallCreateResult", description="The batch made, or why not."),
]


@strawberry.type
class RecallMutation:
    @strawberry.mutation(description="Turn the RFM recall list (standing window: today, 730 "
                         "days) into follow-ups for the customers' owners, at most "
                         f"{recall.MAX_BATCH}; customers with an open recall follow-up are "
                         "left out. Audited (the batch and each follow-up).")
    async def rfm_recall_create(
        self, info: Info, input: Annotated[RfmRecallCreateInput, arg("The recall.")],
    ) -> RfmRecallCreateResult:
        actor = info.context.actor
        data = recall.RecallInput(
            next_action=input.next_action, due_date=input.due_date,
            method=value_of(input.method),
            segment=value_of(input.segment) if input.segment else None,
            customer_ids=[parse_id(f"customerIds.{i}", c)
                          for i, c in enumerate(input.customer_ids or [])],
            limit=input.limit, idempotency_key=input.idempotency_key)
        return await mutate(lambda: recall.create(actor, data), RfmRecallBatch.from_row)
