"""The review report's discovery query: portals ask where to fetch it."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from engine.errors import ValidationFailed
from engine.report import data
from schema.context import Info
from schema.http_reports import report_url
from schema.types.report import CampaignReviewReport


@strawberry.type
class ReportQuery:
    @strawberry.field(description="The URLs of a campaign's review report (HTML and PDF). "
                      "Needs read access to the campaign and its budget: FORBIDDEN "
                      "otherwise, NOT_FOUND when the campaign does not exist.")
    async def campaign_review_report(
        self,
        info: Info,
        id: Annotated[strawberry.ID | None, strawberry.argument(
            description="The campaign's id.")] = None,
        code: Annotated[str | None, strawberry.argument(
            description="Or its code, e.g. HD20261123001.")] = None,
        date_from: Annotated[date | None, strawberry.argument(
            name="from", description="First day of the period (company time zone).")] = None,
        date_to: Annotated[date | None, strawberry.argument(
            name="to", description="Last day of the period (inclusive).")] = None,
    ) -> CampaignReviewReport:
        key = str(id) if id is not None else (code or "")
        if date_from is not None and date_to is not None and date_to < date_from:
            raise ValidationFailed("to", "the end of the period is before its start",
                                   rule="before_start")
        campaign = await data.load_campaign(info.context.actor, key)
        return CampaignReviewReport(
            campaign_id=strawberry.ID(str(campaign.id)), campaign_code=campaign.code,
            date_from=date_from, date_to=date_to,
            html_url=report_url(campaign.code, "html", date_from, date_to),
            pdf_url=report_url(campaign.code, "pdf", date_from, date_to))
