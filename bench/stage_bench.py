"""Concurrent stage changes over HTTP on PostgreSQL: promoflow vs a bare endpoint.

    python -m bench.stage_bench [--duration 20] [--connections 32] [--workers 1]

wrk fires `customerAdvanceStage(QUALIFY)` at distinct customers (one per request) against
`promoflow serve`, then the same UPDATE + audit INSERT at a bare Starlette + asyncpg
endpoint (bench/baseline_app.py), in the same run. Afterwards it checks the database:
every answered change happened exactly once, with its audit event.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

import asyncpg

from bench import common, seed

HERE = Path(__file__).resolve().parent
MUTATION = ("mutation($id: ID!) { customerAdvanceStage(id: $id, event: QUALIFY) { __typename "
            "... on Customer { id stage version } ... on Error { code message } } }")
PER_RUN = 200_000


async def prepare(name: str) -> tuple[str, int, int]:
    url = await common.recreate_database(name)
    common.migrate(url)
    conn = await asyncpg.connect(url)
    try:
        org = await seed.seed_org(conn)
        rep = org["reps"][0]
        await seed.seed_customers(conn, org, 0, 3 * PER_RUN, stage="potential", owner=rep)
        await conn.execute("ANALYZE")
        first = await conn.fetchval("SELECT min(id) FROM customer")
    finally:
        await conn.close()
    return url, rep, int(first)


async def check(url: str, lo: int, hi: int) -> tuple[int, int, int]:
    conn = await asyncpg.connect(url)
    try:
        moved = await conn.fetchval(
            "SELECT count(*) FROM customer WHERE id >= $1 AND id < $2 AND stage = 'intent'",
            lo, hi)
        audited = await conn.fetchval(
            "SELECT count(*) FROM audit_event WHERE object_id >= $1 AND object_id < $2 "
            "AND action = 'qualify'", lo, hi)
        doubled = await conn.fetchval(
            "SELECT count(*) FROM (SELECT object_id FROM audit_event WHERE object_id >= $1 "
            "AND object_id < $2 AND action = 'qualify' GROUP BY object_id "
            "HAVING count(*) > 1) d", lo, hi)
    finally:
        await conn.close()
    return int(moved), int(audited), int(doubled)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    url, rep, first = asyncio.run(prepare("promoflow_bench_stage"))
    token = common.token("rep.d00.00")
    results = []
    with common.promoflow_server(url, workers=args.workers) as api:
        # warm-up on its own id range, then the measured run
        common.wrk(api + "/graphql", HERE / "post_sequence.lua", connections=args.connections,
                   duration=3, env={"BENCH_AUTH": f"Bearer {token}", "BENCH_FIRST_ID": str(first),
                                    "BENCH_TEMPLATE": json.dumps(
                                        {"query": MUTATION, "variables": {"id": "__ID__"}}
                                    ).replace("__ID__", "%d")})
        lo = first + 20_000
        r = common.wrk(api + "/graphql", HERE / "post_sequence.lua",
                       connections=args.connections, duration=args.duration,
                       env={"BENCH_AUTH": f"Bearer {token}", "BENCH_FIRST_ID": str(lo),
                            "BENCH_TEMPLATE": json.dumps(
                                {"query": MUTATION, "variables": {"id": "__ID__"}}
                            ).replace("__ID__", "%d")})
        api_run = (lo, r)
    # counted after the server has stopped, so no request is still in flight
    results.append(("promoflow (GraphQL)", api_run[1],
                    asyncio.run(check(url, api_run[0], api_run[0] + PER_RUN))))
    with common.baseline_server(url) as base:
        lo = first + PER_RUN
        template = json.dumps({"id": 0, "actor_id": rep, "actor": "rep.d00.00"}).replace(
            '"id": 0', '"id": %d')
        common.wrk(base + "/advance", HERE / "post_sequence.lua", connections=args.connections,
                   duration=3, env={"BENCH_FIRST_ID": str(lo), "BENCH_TEMPLATE": template})
        lo += 40_000
        r = common.wrk(base + "/advance", HERE / "post_sequence.lua",
                       connections=args.connections, duration=args.duration,
                       env={"BENCH_FIRST_ID": str(lo), "BENCH_TEMPLATE": template})
        base_run = (lo, r)
    results.append(("bare starlette+asyncpg", base_run[1],
                    asyncio.run(check(url, base_run[0], base_run[0] + PER_RUN))))
    print()
    print(f"{'endpoint':24} {'changes/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} "
          f"{'applied':>8} {'audited':>8} {'doubled':>8} {'errors':>7}")
    for name, r, (moved, audited, doubled) in results:
        print(f"{name:24} {r.requests_per_second:>10.0f} {r.p50_ms:>8.2f} {r.p99_ms:>8.2f} "
              f"{r.requests:>9} {moved:>8} {audited:>8} {doubled:>8} "
              f"{r.errors + r.non_2xx:>7}")
    ratio = results[0][1].requests_per_second / results[1][1].requests_per_second
    print(f"\npromoflow / bare rate: {ratio:.2f} (target >= 0.50); "
          f"uvicorn workers: {args.workers}, connections: {args.connections}")


if __name__ == "__main__":
    main()
