"""RFM recall batches and their outcome."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import recall
from engine.validation import parse_id
from schema.context import Info
from schema.errors import camel_fields
from schema.types.common import After, Connection, First, RecordId, arg, connection
from schema.types.recall import RfmRecallBatch, RfmRecallOutcome, WithinDays


@strawberry.type
class RecallQuery:
    @strawberry.field(description="Recall batches with a customer you may read (or that you "
                      "made), newest first.")
    async def rfm_recall_batches(self, info: Info, first: First = None, after: After = None
                                 ) -> Connection[RfmRecallBatch]:
        with camel_fields():
            page = await recall.list_(info.context.actor, first=first, after=after)
        return connection(page, RfmRecallBatch.from_row)

    @strawberry.field(description="One recall batch; null if absent or not visible to you.")
    async def rfm_recall_batch(self, info: Info, id: RecordId) -> RfmRecallBatch | None:
        row = await recall.get(info.context.actor, parse_id("id", id))
        return RfmRecallBatch.from_row(row) if row else None

    @strawberry.field(description="What came of a recall batch: recalled, reactivated within "
                      "withinDays (ordered again) and the rate, within your scope. A batch "
                      "you may not see is a NOT_FOUND error.")
    async def rfm_recall_outcome(
        self, info: Info,
        batch_id: Annotated[strawberry.ID, arg("The batch.")],
        within_days: WithinDays = None,
    ) -> RfmRecallOutcome:
        with camel_fields():
            return RfmRecallOutcome.of(await recall.outcome(
                info.context.actor, parse_id("batchId", batch_id), within_days))
