"""What people add to the effect analysis: the three review texts and the recorded spend."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from engine import audit, outbox, validation
from engine.authz import Principal, require
from engine.errors import Conflict, NotFound
from engine.models import BudgetLine, Campaign, CampaignReview
from engine.services import campaigns
from engine.versioning import versioned_update

REVIEW_MAX = 50


async def set_review(actor: Principal, campaign_id: int, highlights: str | None,
                     problems: str | None, suggestions: str | None,
                     expected_version: int | None = None) -> CampaignReview:
    """Write the three short texts of the effect analysis (≤ 50 characters each)."""
    values = {
        "highlights": validation.text("highlights", highlights, max_len=REVIEW_MAX),
        "problems": validation.text("problems", problems, max_len=REVIEW_MAX),
        "suggestions": validation.text("suggestions", suggestions, max_len=REVIEW_MAX),
    }
    async with outbox.atomic() as conn:
        campaign = await campaigns.load_for(conn, actor, campaign_id)
        require(actor, campaigns.OBJECT, "review", *campaigns.rel_args(campaign))
        review = await CampaignReview.filter(campaign_id=campaign.id).using_db(conn).first()
        if review is None:
            if expected_version not in (None, 0):
                raise Conflict("campaign_review", campaign.id, None)
            review = await CampaignReview.create(using_db=conn, campaign_id=campaign.id,
                                                 updated_by_id=actor.id, **values)
            changes = audit.diff(dict.fromkeys(values), values)
            version = review.version
        else:
            changes = audit.diff({k: getattr(review, k) for k in values}, values)
            if not changes:
                if expected_version is not None and expected_version != review.version:
                    raise Conflict("campaign_review", campaign.id, review.version)
                return review
            version = await versioned_update(conn, review, "campaign_review", expected_version,
                                             {**values, "updated_by_id": actor.id})
        await audit.write_event(conn, actor, campaigns.OBJECT, campaign.id, "review",
                                changes={f"review.{k}": v for k, v in changes.items()},
                                version=version)
        return review


async def record_spend(actor: Principal, budget_line_id: int, spent: Any,
                       expected_version: int | None = None) -> BudgetLine:
    """Record what has actually been spent on a budget line so far.

    The approved amount does not change, so the budget does not go back to approval.
    """
    amount = validation.money("spent", spent, required=True)
    async with outbox.atomic() as conn:
        line = await BudgetLine.filter(id=budget_line_id).using_db(conn).first()
        if line is None:
            raise NotFound("budget_line", budget_line_id)
        campaign = await Campaign.filter(id=line.campaign_id).using_db(conn).first()
        if campaign is None or not campaigns.can_read_budget(actor, campaign):
            raise NotFound("budget_line", budget_line_id)
        require(actor, campaigns.OBJECT, "record_spend", *campaigns.rel_args(campaign))
        before = Decimal(line.spent)
        if before == amount:
            if expected_version is not None and expected_version != line.version:
                raise Conflict("budget_line", line.id, line.version)
            return line
        version = await versioned_update(conn, line, "budget_line", expected_version,
                                         {"spent": amount})
        await audit.write_event(
            conn, actor, campaigns.OBJECT, campaign.id, "budget_line_spend_recorded",
            changes={f"budget_lines.{line.id}.spent": [audit.jsonable(before),
                                                       audit.jsonable(amount)]},
            version=version,
        )
        return line
