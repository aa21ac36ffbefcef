"""Issue 11 over a real socket: JSON refused on a websocket closes it, the server lives on."""

from __future__ import annotations

import httpx
import pytest
import websockets

from tests.e2e.conftest import Server

pytestmark = pytest.mark.e2e


async def test_a_websocket_message_nested_too_deep_closes_it_as_not_json(
        server: Server) -> None:
    url = server.url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send("[" * 100_000 + "]" * 100_000)
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await ws.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4400
    # the server is still there
    async with httpx.AsyncClient() as client:
        assert (await client.get(f"{server.url}/healthz")).status_code == 200
    assert "Traceback" not in server.log_path.read_text()
