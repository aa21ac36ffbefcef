"""Real-time notifications end to end: the real server, a real worker, real websockets.

A rep's follow-up comes due; the deadline job (a `promoflow worker` process with Redis, or
the server's own scheduler without it) marks it overdue and notifies the rep; the rep's
websocket subscription receives it, and another user's subscription does not.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from tests.conftest import REDIS_URL
from tests.e2e.conftest import ROOT, Server, promoflow

SUBSCRIBE = "subscription { notifications { id kind title objectType objectId } }"


async def _subscriber(url: str, token: str, got: list[dict[str, Any]],
                      ready: asyncio.Event) -> None:
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(json.dumps({"type": "connection_init",
                                  "payload": {"Authorization": f"Bearer {token}"}}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe",
                                  "payload": {"query": SUBSCRIBE}}))
        ready.set()
        async for raw in ws:
            message = json.loads(raw)
            if message["type"] == "next":
                got.append(message["payload"]["data"]["notifications"])


@pytest.mark.parametrize("mode", ["redis", "embedded"])
async def test_owner_gets_the_overdue_notification_live(
    e2e_env: dict[str, str], tmp_path: Path, mode: str
) -> None:
    env = dict(e2e_env)
    if mode == "redis":
        env["REDIS_URL"] = REDIS_URL
        import redis.asyncio as aioredis

        client = aioredis.from_url(REDIS_URL)
        await client.flushdb()
        await client.aclose()
    promoflow(env, "migrate")
    promoflow(env, "demo")
    server = Server(env, tmp_path / "server.log")
    worker = None
    if mode == "redis":
        worker = subprocess.Popen([sys.executable, "-m", "engine.cli", "worker"], env=env,
                                  cwd=ROOT, stdout=(tmp_path / "worker.log").open("w"),
                                  stderr=subprocess.STDOUT)
    try:
        server.wait_ready()
        rep = promoflow(env, "token", "rep.li").strip()
        other = promoflow(env, "token", "rep.zhao").strip()
        ws_url = server.url.replace("http://", "ws://") + "/graphql"
        got_rep: list[dict[str, Any]] = []
        got_other: list[dict[str, Any]] = []
        ready = [asyncio.Event(), asyncio.Event()]
        tasks = [asyncio.create_task(_subscriber(ws_url, rep, got_rep, ready[0])),
                 asyncio.create_task(_subscriber(ws_url, other, got_other, ready[1]))]
        await asyncio.wait_for(asyncio.gather(*(r.wait() for r in ready)), timeout=10)
        # a follow-up of one of rep.li's customers, due in three seconds
        async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
            headers = {"Authorization": f"Bearer {rep}"}
            customers = (await http.post("/graphql", headers=headers, json={
                "query": "{ customers(first: 1) { edges { node { id } } } }"})).json()
            cid = customers["data"]["customers"]["edges"][0]["node"]["id"]
            due = (datetime.now(UTC) + timedelta(seconds=3)).isoformat()
            made = (await http.post("/graphql", headers=headers, json={
                "query": """mutation($cid: ID!, $due: DateTime!) { followUpCreate(input: {
                customerId: $cid, method: PHONE, summary: "约定回电", feedback: NEUTRAL,
                nextAction: "回电确认报价", dueAt: $due}) { __typename
                ... on FollowUp { id } } }""",
                "variables": {"cid": cid, "due": due}})).json()
            fid = made["data"]["followUpCreate"]["id"]
        deadline = asyncio.get_running_loop().time() + 30
        while not any(n["objectId"] == fid for n in got_rep):
            assert asyncio.get_running_loop().time() < deadline, \
                f"no push; server log: {(tmp_path / 'server.log').read_text()[-2000:]}"
            await asyncio.sleep(0.2)
        pushed = next(n for n in got_rep if n["objectId"] == fid)
        assert (pushed["kind"], pushed["objectType"]) == ("REMINDER", "follow_up")
        assert pushed["title"].endswith("回电确认报价")
        await asyncio.sleep(2)
        assert [n for n in got_other if n["objectId"] == fid] == []
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        # the same notification is in the inbox, read over HTTP
        async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
            inbox = (await http.post("/graphql", headers={"Authorization": f"Bearer {rep}"},
                                     json={"query": "{ notifications(first: 5) { edges { "
                                           "node { id } } } }"})).json()
        assert pushed["id"] in [e["node"]["id"] for e in
                                inbox["data"]["notifications"]["edges"]]
    finally:
        server.stop()
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=20)


async def test_a_websocket_without_a_token_is_refused(server: Server) -> None:
    url = server.url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await ws.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


