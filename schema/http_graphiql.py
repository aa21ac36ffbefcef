"""GraphiQL from this server: the page with local asset URLs, and the assets themselves.

The files come from `promoflow graphiql-assets` (engine/graphiql_assets.py); only the
files the page names are served, from the folder they were fetched into.
"""

from __future__ import annotations

import html
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from engine import graphiql_assets

MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css"}


class LocalGraphiQL:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.allowed = {a.relative for a in graphiql_assets.assets()}
        self.page = graphiql_assets.local_html()

    def render(self) -> HTMLResponse:
        absent = graphiql_assets.missing(self.folder)
        if absent:
            # say so instead of a page that stays at "Loading..."
            names = "".join(f"<li>{html.escape(a.relative)}</li>" for a in absent)
            return HTMLResponse(
                "<!doctype html><title>GraphiQL is not installed</title>"
                "<h1>GraphiQL's files are not installed on this server</h1>"
                "<p>Run <code>promoflow graphiql-assets</code> (<code>./run</code> does it) "
                "where the server is installed; it fetches them from the npm registry into "
                f"<code>{html.escape(str(self.folder))}</code>. Missing:</p><ul>{names}</ul>"
                "<p>The API itself works: POST queries to this URL.</p>", status_code=503)
        return HTMLResponse(self.page)

    async def asset(self, request: Request) -> Response:
        relative = request.path_params["path"]
        if relative not in self.allowed or not (self.folder / relative).is_file():
            return PlainTextResponse("not found", status_code=404)
        return FileResponse(
            self.folder / relative, media_type=MEDIA_TYPES.get(Path(relative).suffix),
            # the path carries the version: a file never changes under its URL
            headers={"Cache-Control": "public, max-age=31536000, immutable"})

    def routes(self) -> list[Route]:
        return [Route(graphiql_assets.LOCAL_PREFIX + "{path:path}", self.asset,
                      methods=["GET", "HEAD"])]
