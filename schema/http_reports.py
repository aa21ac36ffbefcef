"""HTTP routes that serve the review report (《推广活动复盘报告》) as HTML or PDF.

    GET /reports/campaigns/{id or code}/review.html[?from=YYYY-MM-DD&to=YYYY-MM-DD]
    GET /reports/campaigns/{id or code}/review.pdf[?from=…&to=…]
    GET /reports/channel-plans/{id or code}/review.html | .pdf   (the plan review)

Authentication is the same bearer token as /graphql (`Authorization: Bearer …`, resolved
by the server's middleware into the request scope). Tokens are not accepted in the query
string: a URL ends up in browser history, proxy logs and Referer headers. A portal fetches
the report with its token and hands the bytes to the user (a blob URL or a download).

Errors are JSON in the GraphQL error shape: 401 UNAUTHENTICATED, 403 FORBIDDEN (the
campaign exists and is visible, but its budget and therefore its report is not),
404 NOT_FOUND, 400 VALIDATION (field `from`, `to`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from engine import validation
from engine.errors import EngineError, Forbidden, NotFound, ValidationFailed
from engine.report import render_report
from engine.report.plan_layout import render_plan_report
from schema import http_limits

PREFIX = "/reports/campaigns"
PLAN_PREFIX = "/reports/channel-plans"
FIELDS = {"date_from": "from", "date_to": "to"}
STATUS = {NotFound: 404, Forbidden: 403, ValidationFailed: 400}
# The HTML page carries no script and only inline CSS and SVG: forbid everything else.
HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors *"


def report_url(key: str, fmt: str, date_from: date | None = None,
               date_to: date | None = None) -> str:
    """The path of a campaign's report, relative to the server's root."""
    query = {k: v.isoformat() for k, v in (("from", date_from), ("to", date_to)) if v}
    path = f"{PREFIX}/{quote(key, safe='')}/review.{fmt}"
    return f"{path}?{urlencode(query)}" if query else path


def plan_report_url(key: str, fmt: str) -> str:
    """The path of a channel plan's review report, relative to the server's root."""
    return f"{PLAN_PREFIX}/{quote(key, safe='')}/review.{fmt}"


def _error(status: int, message: str, extensions: dict[str, Any]) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Bearer realm="promoflow"'} if status == 401 else None
    return JSONResponse({"errors": [{"message": message, "extensions": extensions}]},
                        status_code=status, headers=headers)


def _period(request: Request) -> tuple[date | None, date | None]:
    """The period's days; the report checks the period itself (for the CLI too)."""
    return (validation.day("from", request.query_params.get("from")),
            validation.day("to", request.query_params.get("to")))


def review_endpoint(fmt: str, principal_key: str, plan: bool = False
                    ) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        principal = request.scope.get(principal_key)
        if principal is None:
            return _error(401, "sign in: send 'Authorization: Bearer <token>'",
                          {"code": "UNAUTHENTICATED"})
        report: Any
        try:
            http_limits.check_params(request)
            if plan:
                report = await render_plan_report(principal, request.path_params["key"], fmt)
            else:
                report = await render_report(
                    principal, request.path_params["key"], fmt, *_period(request))
        except EngineError as exc:
            status = next((code for cls, code in STATUS.items() if isinstance(exc, cls)), 400)
            extensions = dict(exc.extensions)
            if "field" in extensions:
                extensions["field"] = FIELDS.get(extensions["field"], extensions["field"])
            return _error(status, exc.message, extensions)
        headers = {
            "Content-Disposition": f'inline; filename="{report.filename}"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        }
        if fmt == "html":
            headers["Content-Security-Policy"] = HTML_CSP
        return Response(report.content, media_type=report.media_type, headers=headers)

    return endpoint


def routes(principal_key: str) -> list[Route]:
    """The report routes; `principal_key` is where the auth middleware puts the caller."""
    return [
        Route(f"{PREFIX}/{{key}}/review.{fmt}", review_endpoint(fmt, principal_key),
              methods=["GET"], name=f"campaign_review_{fmt}")
        for fmt in ("html", "pdf")
    ] + [
        Route(f"{PLAN_PREFIX}/{{key}}/review.{fmt}",
              review_endpoint(fmt, principal_key, plan=True), methods=["GET"],
              name=f"channel_plan_review_{fmt}")
        for fmt in ("html", "pdf")
    ]
