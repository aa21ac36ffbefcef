"""Budget approval on PostgreSQL: full rounds over HTTP, and the approver's inbox.

    python -m bench.approval_bench [--clients 8] [--duration 20] [--campaigns 100000]
                                   [--pending 10000]

1. Rounds: each client repeats create (10 budget lines, ¥300,000: three levels) → submit
   → approve as the manager → the director → finance, over HTTP against `promoflow serve`,
   for `--duration` seconds; then, in the same run, the same rounds as hand-written SQL on
   asyncpg (the rows a round must write: campaign, lines, channels, code, round, decisions,
   audit events, notifications) with as many concurrent connections.
2. Inbox: a database of `--campaigns` campaigns, `--pending` of them waiting for the
   director; `approvalInbox(first: 50)` through GraphQL with one connection (wrk), beside
   the page as one SQL query.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench import common, seed

HERE = Path(__file__).resolve().parent
ROUTE = json.dumps(["sales_manager", "director", "finance"])
CREATE = """mutation($input: CampaignCreateInput!) { campaignCreate(input: $input) {
  __typename ... on Campaign { id version } ... on Error { code message } } }"""
SUBMIT = """mutation($id: ID!) { campaignSubmitBudget(id: $id) { __typename
  ... on Campaign { approvalState pendingRole } ... on Error { code message } } }"""
APPROVE = """mutation($id: ID!) { campaignApproveBudget(id: $id, comment: "ok") { __typename
  ... on Campaign { approvalState pendingRole } ... on Error { code message } } }"""
INBOX = """{ approvalInbox(first: 50) { edges { cursor node { level role
  campaign { id code name budgetTotal submittedAt } } } pageInfo { hasNextPage endCursor } } }"""
INBOX_TOTAL = INBOX.replace("approvalInbox(first: 50) {", "approvalInbox(first: 50) { totalCount")
PLAN = {
    "name": "压测活动", "type": "LIVE_STREAM", "startDate": "2026-07-01",
    "endDate": "2026-07-31", "channels": ["DOUYIN", "WECHAT_OFFICIAL"],
    "budgetLines": [{"category": "MATERIALS", "description": f"明细{i}", "amount": "30000"}
                    for i in range(10)],
}


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


async def http_rounds(api: str, tokens: dict[str, str], clients: int, duration: float
                      ) -> tuple[list[float], float]:
    deadline = time.perf_counter() + duration
    latencies: list[float] = []

    async def call(client: httpx.AsyncClient, who: str, query: str, **variables: Any
                   ) -> dict[str, Any]:
        r = await client.post("/graphql", json={"query": query, "variables": variables},
                              headers={"Authorization": f"Bearer {tokens[who]}"})
        r.raise_for_status()
        data: dict[str, Any] = next(iter(r.json()["data"].values()))
        return data

    async def worker() -> None:
        async with httpx.AsyncClient(base_url=api, timeout=30) as client:
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                made = await call(client, "mkt", CREATE, input=PLAN)
                cid = made["id"]
                assert (await call(client, "mkt", SUBMIT, id=cid))["pendingRole"] == \
                    "SALES_MANAGER"
                await call(client, "mgr", APPROVE, id=cid)
                await call(client, "director", APPROVE, id=cid)
                final = await call(client, "finance", APPROVE, id=cid)
                assert final["approvalState"] == "APPROVED", final
                latencies.append((time.perf_counter() - t0) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies, time.perf_counter() - started


async def sql_round(pool: asyncpg.Pool, ids: dict[str, int], n: int) -> None:
    """The rows one approval round writes, as plain SQL (5 transactions, as over HTTP)."""
    now = datetime.now(UTC)
    day = now.strftime("%Y%m%d")
    audit = ("INSERT INTO audit_event (object_type, object_id, action, actor_id, actor_name, "
             "at, from_state, to_state, changes, version) VALUES ('campaign', $1, $2, $3, "
             "'bench', $4, $5, $6, $7, $8)")
    notify = ("INSERT INTO notification (recipient_id, kind, title, object_type, object_id, "
              "created_at) VALUES ($1, $2, 'bench', 'campaign', $3, $4)")
    async with pool.acquire() as conn:
        async with conn.transaction():
            seq = await conn.fetchval(
                "INSERT INTO code_counter (prefix, day, value) VALUES ('HD', $1, 1) "
                "ON CONFLICT (prefix, day) DO UPDATE SET value = code_counter.value + 1 "
                "RETURNING value", day)
            cid = await conn.fetchval(
                "INSERT INTO campaign (version, created_at, updated_at, code, name, "
                "campaign_type, start_date, end_date, owner_id, department_id, collaborators, "
                "kpi_alert_threshold, created_by_id, budget_total, approval_state, "
                "approval_round) VALUES (1, $1, $1, $2, '压测活动', 'live_stream', $3, $4, $5, "
                "$6, '[]', 0.2, $5, 300000, 'draft', 0) RETURNING id",
                now, f"HD{day}{seq:06d}x{n}", date(2026, 7, 1), date(2026, 7, 31),
                ids["mkt"], ids["dept"])
            await conn.executemany(
                "INSERT INTO budget_line (version, created_at, updated_at, campaign_id, "
                "category, description, amount) VALUES (1, $1, $1, $2, 'materials', $3, 30000)",
                [(now, cid, f"明细{i}") for i in range(10)])
            await conn.executemany(
                "INSERT INTO campaign_channel (campaign_id, channel) VALUES ($1, $2)",
                [(cid, "douyin"), (cid, "wechat_official")])
            await conn.execute(audit, cid, "create", ids["mkt"], now, None, "draft", "{}", 1)
        async with conn.transaction():
            rid = await conn.fetchval(
                "INSERT INTO approval_round (campaign_id, round_no, submitted_by_id, "
                "submitted_at, total, lines, route) VALUES ($1, 1, $2, $3, 300000, '[]', $4) "
                "RETURNING id", cid, ids["mkt"], now, ROUTE)
            await conn.execute(
                "UPDATE campaign SET approval_state = 'submitted', approval_round = 1, "
                "approval_level = 0, pending_role = 'sales_manager', submitted_by_id = $2, "
                "submitted_at = $3, version = version + 1 WHERE id = $1 AND version = 1",
                cid, ids["mkt"], now)
            await conn.execute(audit, cid, "submit", ids["mkt"], now, "draft", "submitted",
                               "{}", 2)
            await conn.execute(notify, ids["mgr"], "approval_request", cid, now)
        # who decides, the level's role, the next role, who is notified
        steps = [("mgr", "sales_manager", "director", "director"),
                 ("director", "director", "finance", "finance"),
                 ("finance", "finance", None, "mkt")]
        for level, (who, role, nxt, told) in enumerate(steps):
            async with conn.transaction():
                version = 2 + level
                if nxt is None:
                    await conn.execute(
                        "UPDATE campaign SET approval_state = 'approved', approval_level = NULL, "
                        "pending_role = NULL, approved_total = budget_total, approved_at = $2, "
                        "version = version + 1 WHERE id = $1 AND version = $3", cid, now,
                        version)
                    await conn.execute("UPDATE approval_round SET outcome = 'approved', "
                                       "closed_at = $2 WHERE id = $1", rid, now)
                else:
                    await conn.execute(
                        "UPDATE campaign SET approval_level = $2, pending_role = $3, "
                        "version = version + 1 WHERE id = $1 AND version = $4", cid, level + 1,
                        nxt, version)
                await conn.execute(
                    "INSERT INTO approval_decision (round_id, campaign_id, round_no, level, "
                    "role, approver_id, decision, comment, at) VALUES ($1, $2, 1, $3, $4, $5, "
                    "'approved', 'ok', $6)", rid, cid, level, role, ids[who], now)
                await conn.execute(audit, cid, "approve", ids[who], now, "submitted",
                                   "approved" if nxt is None else "submitted", "{}",
                                   version + 1)
                await conn.execute(notify, ids[told],
                                   "approval_request" if nxt else "approval_decision", cid, now)


async def sql_rounds(url: str, ids: dict[str, int], clients: int, duration: float
                     ) -> tuple[list[float], float]:
    pool = await asyncpg.create_pool(url, min_size=clients, max_size=clients)
    deadline = time.perf_counter() + duration
    latencies: list[float] = []
    counter = {"n": 0}

    async def worker() -> None:
        while time.perf_counter() < deadline:
            counter["n"] += 1
            t0 = time.perf_counter()
            await sql_round(pool, ids, counter["n"])
            latencies.append((time.perf_counter() - t0) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    await pool.close()
    return latencies, elapsed


async def prepare_rounds() -> tuple[str, dict[str, int]]:
    url = await common.recreate_database("promoflow_bench_approval")
    common.migrate(url)
    conn = await asyncpg.connect(url)
    try:
        await seed.seed_org(conn)
        rows = await conn.fetch("SELECT id, username, department_id FROM app_user")
    finally:
        await conn.close()
    by_name = {r["username"]: r for r in rows}
    ids = {"mkt": by_name["mkt.d00"]["id"], "mgr": by_name["mgr.d00"]["id"],
           "director": by_name["bench.director"]["id"],
           "finance": by_name["bench.finance"]["id"],
           "dept": by_name["mkt.d00"]["department_id"]}
    return url, ids


async def prepare_inbox(campaigns: int, pending: int) -> str:
    url = await common.recreate_database("promoflow_bench_inbox")
    common.migrate(url)
    conn = await asyncpg.connect(url)
    try:
        org = await seed.seed_org(conn)
        await seed.seed_campaigns(conn, org, campaigns, pending)
        await conn.execute("ANALYZE")
        director = await conn.fetchval("SELECT id FROM app_user WHERE username = "
                                        "'bench.director'")
    finally:
        await conn.close()
    return url + f"#{director}"


async def raw_inbox(url: str, director: int, n: int = 500) -> tuple[float, float]:
    conn = await asyncpg.connect(url)
    sql = ("SELECT c.id, c.code, c.name, c.budget_total, c.submitted_at FROM campaign c "
           "WHERE c.approval_state = 'submitted' AND c.pending_role = 'director' "
           "AND c.submitted_by_id <> $1 AND NOT EXISTS (SELECT 1 FROM approval_decision d "
           "WHERE d.campaign_id = c.id AND d.round_no = c.approval_round AND "
           "(d.approver_id = $1 OR d.on_behalf_of_id = $1)) ORDER BY c.id LIMIT 51")
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        await conn.fetch(sql, director)
        times.append((time.perf_counter() - t0) * 1000)
    await conn.close()
    return statistics.median(times), _pct(times, 0.99)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--campaigns", type=int, default=100_000)
    parser.add_argument("--pending", type=int, default=10_000)
    args = parser.parse_args()

    url, ids = asyncio.run(prepare_rounds())
    tokens = {"mkt": common.token("mkt.d00"), "mgr": common.token("mgr.d00"),
              "director": common.token("bench.director"),
              "finance": common.token("bench.finance")}
    with common.promoflow_server(url) as api:
        asyncio.run(http_rounds(api, tokens, 2, 3))  # warm-up
        http_lat, http_time = asyncio.run(
            http_rounds(api, tokens, args.clients, args.duration))
    sql_lat, sql_time = asyncio.run(sql_rounds(url, ids, args.clients, args.duration))
    done, sdone = len(http_lat), len(sql_lat)
    http_rate, sql_rate = done / http_time, sdone / sql_time

    target = asyncio.run(prepare_inbox(args.campaigns, args.pending))
    inbox_url, director = target.split("#")
    rows: list[tuple[str, float, float]] = []
    with common.promoflow_server(inbox_url) as api:
        for name, query in (("approvalInbox first 50", INBOX),
                            ("approvalInbox first 50 + totalCount", INBOX_TOTAL)):
            env = {"BENCH_AUTH": f"Bearer {common.token('bench.director')}",
                   "BENCH_BODY": json.dumps({"query": query})}
            common.wrk(api + "/graphql", HERE / "post.lua", connections=1, duration=2, env=env)
            r = common.wrk(api + "/graphql", HERE / "post.lua", connections=1,
                           duration=args.duration // 2 or 5, env=env)
            assert r.non_2xx == 0 and r.errors == 0, r
            rows.append((name, r.p50_ms, r.p99_ms))
    p50, p99 = asyncio.run(raw_inbox(inbox_url, int(director)))
    rows.append(("raw SQL page only", p50, p99))

    print()
    print(f"approval rounds (create 10 lines, submit, 3 approvals), {args.clients} clients, "
          f"{args.duration}s each:")
    print(f"  {'':28} {'rounds/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'rounds':>7}")
    print(f"  {'promoflow over HTTP':28} {http_rate:>9.1f} {_pct(http_lat, .5):>8.1f} "
          f"{_pct(http_lat, .99):>8.1f} {done:>7}")
    print(f"  {'raw SQL (asyncpg)':28} {sql_rate:>9.1f} {_pct(sql_lat, .5):>8.1f} "
          f"{_pct(sql_lat, .99):>8.1f} {sdone:>7}")
    print(f"  promoflow / raw SQL: {http_rate / sql_rate:.2f}")
    print()
    print(f"approval inbox: {args.campaigns:,} campaigns, {args.pending:,} waiting for the "
          "director, one connection:")
    for name, p50v, p99v in rows:
        print(f"  {name:38} p50 {p50v:7.2f} ms   p99 {p99v:7.2f} ms")


if __name__ == "__main__":
    main()
