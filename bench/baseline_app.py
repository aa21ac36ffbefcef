"""The in-run baseline: a bare Starlette + asyncpg app doing the same SQL work by hand.

No GraphQL, no ORM, no authorization, no state machine: one raw query for a list page,
one UPDATE + audit INSERT for a stage change. promoflow's figures are read against it.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

PAGE_SQL = """
SELECT c.id, c.code, c.name, c.stage, c.contact_phone, c.last_follow_up_date, u.username
FROM customer c JOIN app_user u ON u.id = c.owner_id
WHERE {scope} = $1 AND c.stage = $2
ORDER BY c.id DESC LIMIT 51
"""
pool: asyncpg.Pool | None = None


@asynccontextmanager
async def lifespan(_: Starlette) -> AsyncIterator[None]:
    global pool
    pool = await asyncpg.create_pool(os.environ["BENCH_DATABASE_URL"], min_size=5, max_size=10)
    yield
    await pool.close()


async def healthz(_: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def page(request: Request) -> Response:
    body = await request.json()
    scope = "c.owner_id" if body["scope"] == "owner" else "c.department_id"
    assert pool is not None
    rows = await pool.fetch(PAGE_SQL.format(scope=scope), body["key"], body["stage"])
    items = [
        {"id": str(r["id"]), "code": r["code"], "name": r["name"], "stage": r["stage"].upper(),
         "contactPhone": r["contact_phone"],
         "lastFollowUpDate": r["last_follow_up_date"].isoformat()
         if r["last_follow_up_date"] else None,
         "owner": {"username": r["username"]}}
        for r in rows[:50]
    ]
    return JSONResponse({"edges": items, "hasNextPage": len(rows) > 50})


async def advance(request: Request) -> Response:
    body = await request.json()
    now = datetime.now(UTC)
    assert pool is not None
    async with pool.acquire() as conn, conn.transaction():
        version = await conn.fetchval(
            "UPDATE customer SET stage = 'intent', stage_entered_at = $2, updated_at = $2, "
            "version = version + 1 WHERE id = $1 AND stage = 'potential' RETURNING version",
            body["id"], now)
        if version is None:
            return JSONResponse({"error": "conflict"}, status_code=409)
        await conn.execute(
            "INSERT INTO audit_event (object_type, object_id, action, actor_id, actor_name, at,"
            " from_state, to_state, changes, version) VALUES ('customer', $1, 'qualify', $2,"
            " $3, $4, 'potential', 'intent', $5, $6)",
            body["id"], body["actor_id"], body["actor"], now,
            json.dumps({"stage": ["potential", "intent"]}), version)
    return JSONResponse({"id": str(body["id"]), "stage": "INTENT", "version": version})


app = Starlette(lifespan=lifespan, routes=[
    Route("/healthz", healthz),
    Route("/page", page, methods=["POST"]),
    Route("/advance", advance, methods=["POST"]),
])
