"""GraphiQL's page and assets come from this server (docs/graphiql.md)."""

from __future__ import annotations

from pathlib import Path

import httpx

from engine import graphiql_assets
from engine.settings import Settings
from server import create_app

HTML = {"Accept": "text/html"}


async def test_the_page_loads_everything_from_this_server(http: httpx.AsyncClient) -> None:
    page = await http.get("/graphql", headers=HTML)
    assert page.status_code == 200
    assert "unpkg.com" not in page.text and "https://" not in page.text.split("<script>")[0]
    for asset in graphiql_assets.assets():
        # each file is named with its SRI hash, so the browser checks what it gets
        assert f'"/graphiql/assets/{asset.relative}"' in page.text
        assert asset.integrity in page.text
    script = await http.get("/graphiql/assets/graphiql@3.8.3/graphiql.min.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "immutable" in script.headers["cache-control"]


async def test_only_the_pages_files_are_served(http: httpx.AsyncClient) -> None:
    for path in ("/graphiql/assets/manifest.json", "/graphiql/assets/../../settings.py",
                 "/graphiql/assets/react@18.2.0/package.json"):
        assert (await http.get(path)).status_code == 404, path


async def test_without_the_files_the_page_says_what_to_run(test_settings: Settings,
                                                           tmp_path: Path) -> None:
    app = create_app(test_settings.with_(graphiql_assets_dir=str(tmp_path / "none")))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://promoflow.test") as client:
        page = await client.get("/graphql", headers=HTML)
    assert page.status_code == 503
    assert "promoflow graphiql-assets" in page.text and "Loading..." not in page.text


def test_assets_are_read_from_strawberrys_page() -> None:
    names = [a.relative for a in graphiql_assets.assets()]
    assert "@graphiql/plugin-explorer@1.0.2/dist/index.umd.js" in names
    assert all(a.integrity.startswith("sha384-") for a in graphiql_assets.assets())
    assert graphiql_assets.CDN not in graphiql_assets.local_html()
