"""Scoped list pages on PostgreSQL at two table sizes, through GraphQL over HTTP.

    python -m bench.list_bench [--sizes 100000,1000000] [--duration 15]

For a rep (scope: own) and a manager (scope: department) it asks the first page of 50
customers in one stage, with one connection (latency, not throughput), and prints p50
and p99 beside, measured in the same run: the same page from a bare Starlette + asyncpg
endpoint running one hand-written SQL query (bench/baseline_app.py), and that SQL alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path

import asyncpg

from bench import common, seed

HERE = Path(__file__).resolve().parent
QUERY = """query($stage: [CustomerStage!]) { customers(first: 50, filter: {stage: $stage}) {
  edges { cursor node { id code name stage stageLabel contactPhone contactMasked
  lastFollowUpDate owner { username } } } pageInfo { hasNextPage endCursor } } }"""
QUERY_TOTAL = QUERY.replace("customers(first: 50, filter: {stage: $stage}) {",
                            "customers(first: 50, filter: {stage: $stage}) { totalCount")


async def raw_sql_timings(url: str, scope: str, key: int, n: int = 500) -> tuple[float, float]:
    from bench.baseline_app import PAGE_SQL

    conn = await asyncpg.connect(url)
    sql = PAGE_SQL.format(scope=scope)
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        await conn.fetch(sql, key, "intent")
        times.append((time.perf_counter() - t0) * 1000)
    await conn.close()
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def measure(url: str, size: int, duration: int, ids: dict[str, int]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    rep_token = common.token("rep.d00.00")
    mgr_token = common.token("mgr.d00")
    with common.promoflow_server(url) as api, common.baseline_server(url) as base:
        cases = [
            ("rep", "graphql", api + "/graphql", rep_token, {"query": QUERY,
                                                              "variables": {"stage": ["INTENT"]}}),
            ("manager", "graphql", api + "/graphql", mgr_token,
             {"query": QUERY, "variables": {"stage": ["INTENT"]}}),
            ("rep", "graphql+totalCount", api + "/graphql", rep_token,
             {"query": QUERY_TOTAL, "variables": {"stage": ["INTENT"]}}),
            ("manager", "graphql+totalCount", api + "/graphql", mgr_token,
             {"query": QUERY_TOTAL, "variables": {"stage": ["INTENT"]}}),
            ("rep", "baseline http+sql", base + "/page", "",
             {"scope": "owner", "key": ids["rep"], "stage": "intent"}),
            ("manager", "baseline http+sql", base + "/page", "",
             {"scope": "department", "key": ids["department"], "stage": "intent"}),
        ]
        for who, kind, target, tok, body in cases:
            # warm up caches and connection pools, then measure
            common.wrk(target, HERE / "post.lua", connections=1, duration=2,
                       env={"BENCH_AUTH": f"Bearer {tok}" if tok else "",
                            "BENCH_BODY": json.dumps(body)})
            result = common.wrk(target, HERE / "post.lua", connections=1, duration=duration,
                                env={"BENCH_AUTH": f"Bearer {tok}" if tok else "",
                                     "BENCH_BODY": json.dumps(body)})
            assert result.non_2xx == 0 and result.errors == 0, result
            rows.append({"size": size, "who": who, "kind": kind, "p50": result.p50_ms,
                         "p99": result.p99_ms, "rps": result.requests_per_second})
    for who, scope, key in (("rep", "c.owner_id", ids["rep"]),
                            ("manager", "c.department_id", ids["department"])):
        p50, p99 = asyncio.run(raw_sql_timings(url, scope, key))
        rows.append({"size": size, "who": who, "kind": "raw sql only", "p50": p50, "p99": p99,
                     "rps": None})
    return rows


async def grow(url: str, org: dict[str, list[int]], have: int, want: int) -> None:
    conn = await asyncpg.connect(url)
    try:
        await seed.seed_customers(conn, org, have, want - have)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


async def prepare(name: str) -> tuple[str, dict[str, list[int]]]:
    url = await common.recreate_database(name)
    common.migrate(url)
    conn = await asyncpg.connect(url)
    try:
        org = await seed.seed_org(conn)
    finally:
        await conn.close()
    return url, org


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--duration", type=int, default=15)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    url, org = asyncio.run(prepare("promoflow_bench_list"))
    ids = {"rep": org["reps"][0], "department": org["departments"][0]}
    have = 0
    rows: list[dict[str, object]] = []
    for size in sizes:
        t0 = time.perf_counter()
        asyncio.run(grow(url, org, have, size))
        print(f"seeded {size:,} customers in {time.perf_counter() - t0:.1f}s", flush=True)
        have = size
        rows += measure(url, size, args.duration, ids)
    print()
    print(f"{'rows':>9} {'who':8} {'kind':20} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8}")
    for r in rows:
        rps = f"{r['rps']:.0f}" if r["rps"] else "-"
        print(f"{r['size']:>9,} {r['who']:8} {r['kind']:20} {r['p50']:>8.2f} {r['p99']:>8.2f} "
              f"{rps:>8}")
    print()
    by = {(r["size"], r["who"], r["kind"]): r for r in rows}
    for who in ("rep", "manager"):
        for kind in ("graphql", "graphql+totalCount"):
            small = by[(sizes[0], who, kind)]["p99"]
            large = by[(sizes[-1], who, kind)]["p99"]
            base = by[(sizes[-1], who, "baseline http+sql")]["p99"]
            print(f"{who:8} {kind:20} p99 {sizes[-1]:,} vs {sizes[0]:,}: "
                  f"{large / small:.2f}x   vs baseline at {sizes[-1]:,}: {large / base:.2f}x")


if __name__ == "__main__":
    main()
