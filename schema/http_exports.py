"""HTTP downloads of exports: `GET /exports/{table}.{csv|xlsx}?lang=zh|en&<filters>`.

Files are not GraphQL, so they get a plain route; it authenticates exactly as /graphql
does (the server's bearer-token middleware puts the principal in the request scope) and
answers failures in the same JSON shape as GraphQL errors, with the parameter at fault in
`extensions.field`:

- 401 UNAUTHENTICATED: no token (a bad token is refused by the middleware already);
- 400 VALIDATION: unknown table or format, bad lang, unknown or malformed filter (a NUL,
  an over-long value, a date outside 1900-2100, a period over ten years), checked before
  the first byte: the header and first rows are made before the status line is sent;
- 403 FORBIDDEN: the caller may not export this table (permissions: admin, director);
- 200: the file, streamed, with a UTF-8 `Content-Disposition` filename and the number of
  data rows in `X-Export-Rows`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from engine.errors import EngineError, Forbidden, NotFound, Unauthenticated, ValidationFailed
from engine.services import exports
from schema import http_limits


def _error(exc: EngineError, status: int) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Bearer realm="promoflow"'} if status == 401 else None
    return JSONResponse({"errors": [{"message": exc.message, "extensions": exc.extensions}]},
                        status_code=status, headers=headers)


def content_disposition(filename: str, ascii_filename: str) -> str:
    """RFC 6266: an ASCII fallback and the UTF-8 name (Chinese titles) for modern clients."""
    return f"attachment; filename=\"{ascii_filename}\"; filename*=UTF-8''{quote(filename)}"


async def _resumed(head: list[bytes], rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    for chunk in head:
        yield chunk
    async for chunk in rest:
        yield chunk


def routes(principal_key: str) -> list[Route]:
    """The export routes; `principal_key` is where the auth middleware leaves the principal."""

    async def export(request: Request) -> Response:
        principal = request.scope.get(principal_key)
        if principal is None:
            return _error(Unauthenticated("sign in: send 'Authorization: Bearer <token>'"), 401)
        name = str(request.path_params["name"])
        table, dot, fmt = name.rpartition(".")
        params: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            params.setdefault(key, []).append(value)
        try:
            http_limits.check_params(request)
            if not dot:
                raise ValidationFailed("format", f"name the format: /exports/{name}.csv or "
                                       f"/exports/{name}.xlsx", rule="required")
            lang_values = params.get("lang", ["zh"])
            if len(lang_values) != 1:
                raise ValidationFailed("lang", "lang takes one value", rule="single")
            prepared = await exports.prepare(principal, table, fmt, lang_values[0], params)
        except ValidationFailed as exc:
            return _error(exc, 400)
        except Forbidden as exc:
            return _error(exc, 403)
        except NotFound as exc:
            return _error(exc, 404)
        try:
            # the header and the first batch of rows before the status line: a failure
            # there is an error response, not a truncated file marked as a success
            chunks = prepared.stream()
            head = [chunk for chunk in (await anext(chunks, b""), await anext(chunks, b""))
                    if chunk]
        except ValidationFailed as exc:
            return _error(exc, 400)
        headers: dict[str, Any] = {
            "Content-Disposition": content_disposition(prepared.filename,
                                                       prepared.ascii_filename),
            "X-Export-Rows": str(prepared.row_count),
            "Cache-Control": "no-store",
        }
        return StreamingResponse(_resumed(head, chunks), media_type=prepared.media_type,
                                 headers=headers)

    return [Route("/exports/{name}", export, methods=["GET"])]
