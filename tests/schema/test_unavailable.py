"""A database that cannot be reached is an outage to retry, not an internal error."""

from __future__ import annotations

from typing import Any

import asyncpg
import httpx
from starlette.responses import Response

from engine import db
from server import Unavailable
from tests.e2e.conftest import free_port


async def _refused() -> BaseException:
    """A real connection attempt to a port nobody listens on."""
    try:
        await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{free_port()}/x", timeout=5)
    except BaseException as exc:
        return exc
    raise AssertionError("something listens on a free port")


async def test_a_refused_connection_is_unavailability() -> None:
    exc = await _refused()
    assert db.is_unavailable(exc)
    try:
        raise RuntimeError("while authenticating") from exc
    except RuntimeError as wrapped:
        assert db.is_unavailable(wrapped)  # what caused it counts
    assert not db.is_unavailable(ValueError("a bad statement"))


async def test_an_outage_answers_503_with_retry_after() -> None:
    async def inner(scope: Any, receive: Any, send: Any) -> None:
        """What sits inside: the authentication middleware looking the user up."""
        if scope["path"] == "/down":
            raise RuntimeError("lookup failed") from await _refused()
        await Response("ok")(scope, receive, send)

    app: Any = Unavailable(inner)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as client:
        down = await client.get("/down")
        assert down.status_code == 503 and down.headers["retry-after"] == "5"
        assert down.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
        assert (await client.get("/up")).text == "ok"
