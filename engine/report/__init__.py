"""The review report (《推广活动复盘报告》) of one campaign: data, charts, HTML and PDF.

`data.gather` reads everything the report shows in a handful of SQL queries (aggregates
are GROUP BYs in the database); `charts` draws them with matplotlib's object-oriented API
(no pyplot, no display; safe in a worker thread); `html` and `pdf` lay them out.
`render` ties the steps together for the HTTP routes and the CLI.
"""

from __future__ import annotations

from engine.report.render import RenderedReport, render_report

__all__ = ["RenderedReport", "render_report"]
