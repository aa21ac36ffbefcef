"""Effect-analysis mutations: the review texts and recorded spend."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry

from engine.services import analytics
from engine.validation import parse_id
from schema.context import Info
from schema.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError, mutate
from schema.types.analytics import CampaignReview
from schema.types.campaign import BudgetLine
from schema.types.common import ExpectedVersion, RecordId, arg

CampaignReviewSetResult = Annotated[
    CampaignReview | NotFoundError | ForbiddenError | ValidationError | ConflictError,
    strawberry.union("CampaignReviewSetResult", description="The review texts, or why not."),
]
CampaignBudgetLineSpendRecordResult = Annotated[
    BudgetLine | NotFoundError | ForbiddenError | ValidationError | ConflictError,
    strawberry.union("CampaignBudgetLineSpendRecordResult",
                     description="The budget line with its spend, or why not."),
]


@strawberry.type
class AnalyticsMutation:
    @strawberry.mutation(description="Write the effect analysis's three short texts (≤ 50 "
                         "chars each; null clears one): the campaign owner or the department's "
                         "manager. expectedVersion: the review's (reviewVersion; 0 or omitted "
                         "for the first).")
    async def campaign_review_set(
        self, info: Info, id: RecordId,
        highlights: Annotated[str | None, arg("亮点.")] = None,
        problems: Annotated[str | None, arg("问题.")] = None,
        suggestions: Annotated[str | None, arg("改进建议.")] = None,
        expected_version: ExpectedVersion = None,
    ) -> CampaignReviewSetResult:
        actor = info.context.actor
        return await mutate(
            lambda: analytics.set_review(actor, parse_id("id", id), highlights, problems,
                                         suggestions, expected_version),
            CampaignReview.from_row)

    @strawberry.mutation(description="Record what has actually been spent on a budget line so "
                         "far (CNY, ≥ 0). The approved budget is unchanged, so it does not go "
                         "back to approval. expectedVersion: the line's.")
    async def campaign_budget_line_spend_record(
        self, info: Info, id: RecordId,
        spent: Annotated[Decimal, arg("Spent so far, CNY, at most two decimals.")],
        expected_version: ExpectedVersion = None,
    ) -> CampaignBudgetLineSpendRecordResult:
        actor = info.context.actor
        return await mutate(
            lambda: analytics.record_spend(actor, parse_id("id", id), spent, expected_version),
            BudgetLine.from_row)
