"""Gather, draw and lay out a review report: what the HTTP routes and the CLI call."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import date

from engine import validation
from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.report import charts, data

FORMATS = ("html", "pdf")
MEDIA_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}
PNG_DPI = 150  # sharp on paper, ~5 charts well under a second to draw


@dataclass(frozen=True)
class RenderedReport:
    content: bytes
    media_type: str
    filename: str
    data: data.ReportData


def _build(report: data.ReportData, fmt: str) -> bytes:
    if fmt == "pdf":
        from engine.report.pdf import render_pdf

        return render_pdf(report, charts.draw(report, "png", dpi=PNG_DPI))
    from engine.report.html import render_html

    return render_html(report, charts.draw(report, "svg")).encode("utf-8")


async def render_report(actor: Principal, key: str, fmt: str = "pdf",
                        date_from: date | None = None, date_to: date | None = None
                        ) -> RenderedReport:
    """The report of campaign `key` (id or code) as HTML or PDF bytes.

    The data is read on the event loop; drawing and layout are CPU work and run in a
    worker thread so that a report does not stall other requests.
    """
    if fmt not in FORMATS:
        raise ValidationFailed("format", f"format must be one of {', '.join(FORMATS)}",
                               rule="choice")
    validation.check_period("date_from", date_from, "date_to", date_to)
    report = await data.gather(actor, key, date_from, date_to)
    content = await asyncio.to_thread(_build, report, fmt)
    safe_code = re.sub(r"[^A-Za-z0-9_-]", "_", report.header.code)
    return RenderedReport(content=content, media_type=MEDIA_TYPES[fmt],
                          filename=f"review-{safe_code}.{fmt}", data=report)
