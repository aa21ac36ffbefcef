"""Where a campaign's review report (《推广活动复盘报告》) can be fetched."""

from __future__ import annotations

from datetime import date

import strawberry


@strawberry.type(description="The URLs of a campaign's review report (推广活动复盘报告). "
                 "Paths are relative to the server's root; fetch them with the same bearer "
                 "token as /graphql (Authorization header; tokens in URLs are refused).")
class CampaignReviewReport:
    campaign_id: strawberry.ID = strawberry.field(description="The campaign's id.")
    campaign_code: str = strawberry.field(description="The campaign's code.")
    date_from: date | None = strawberry.field(
        name="from", description="First day of the period (company time zone), if any.")
    date_to: date | None = strawberry.field(
        name="to", description="Last day of the period, if any.")
    html_url: str = strawberry.field(
        description="The report as a self-contained HTML page (inline SVG charts).")
    pdf_url: str = strawberry.field(description="The report as a PDF (A4, charts as images).")
