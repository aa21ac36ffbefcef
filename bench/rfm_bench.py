"""RFM on PostgreSQL: the service beside one hand-written SQL query, in the same run.

    python -m bench.rfm_bench [--customers 1000000] [--orders 3000000] [--runs 15]

Seeds `--customers` customers (500 reps in 20 departments, bench/seed.py) and `--orders`
orders spread at random over them and over the three years before the reference day (so
some customers have orders only outside the two-year window, some none). Then, for a
director (scope all), a manager (one department) and a rep (own customers), it times
`engine.services.rfm.segments` and the first page (50) of `rfm.recall_list`, called
in-process on the engine's own connection, beside the same figures from SQL written by
hand on a direct asyncpg connection; it checks that both give the same numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import asyncpg

from bench import common, seed
from engine import authz, db, machines
from engine import settings as settings_module
from engine.authz import Principal
from engine.services import org as org_service
from engine.services import rfm
from engine.settings import Settings

AS_OF = date(2026, 11, 23)

# The same figures, written by hand: quintile scores by rank over everyone scored, the
# segment grid as a CASE, the caller's scope as a WHERE ($3: NULL = all, else a department
# or an owner; the bench passes the one its principal has).
HAND_SCORED = """
WITH agg AS (
  SELECT customer_id, max(order_date) AS last_order, count(*) AS frequency,
         sum(amount) AS monetary
  FROM customer_order WHERE order_date > $1::date - $2::int AND order_date <= $1::date
  GROUP BY customer_id),
ranked AS (
  SELECT customer_id, monetary, frequency, $1::date - last_order AS recency,
         count(*) OVER () AS n,
         rank() OVER (ORDER BY last_order) AS r_rank,
         rank() OVER (ORDER BY frequency) AS f_rank,
         rank() OVER (ORDER BY monetary) AS m_rank
  FROM agg),
scored AS (
  SELECT customer_id, monetary, frequency, recency,
         1 + 5 * (r_rank - 1) / n AS r, 1 + 5 * (f_rank - 1) / n AS f,
         1 + 5 * (m_rank - 1) / n AS m FROM ranked),
seg AS (
  SELECT s.*, CASE
    WHEN r >= 4 AND (f + m + 1) / 2 >= 4 THEN 'champions'
    WHEN r >= 3 AND (f + m + 1) / 2 >= 3 THEN 'loyal'
    WHEN r >= 4 THEN 'potential_loyalists'
    WHEN r = 3 THEN 'needs_attention'
    WHEN r = 1 AND (f + m + 1) / 2 >= 4 THEN 'cant_lose'
    WHEN (f + m + 1) / 2 >= 3 THEN 'at_risk'
    WHEN r = 2 THEN 'hibernating'
    ELSE 'lost' END AS segment
  FROM scored s)
"""
HAND_SEGMENTS = HAND_SCORED + """
SELECT segment, count(*) AS n, sum(monetary) AS monetary
FROM seg JOIN customer c ON c.id = seg.customer_id
WHERE ($3::int IS NULL OR c.department_id = $3) AND ($4::int IS NULL OR c.owner_id = $4)
GROUP BY segment
"""
HAND_RECALL = HAND_SCORED + """
SELECT seg.customer_id, seg.monetary, seg.r, seg.f, seg.m, c.code, c.name, c.contact_phone
FROM seg JOIN customer c ON c.id = seg.customer_id
WHERE ($3::int IS NULL OR c.department_id = $3) AND ($4::int IS NULL OR c.owner_id = $4)
  AND seg.segment IN ('cant_lose', 'at_risk')
ORDER BY seg.monetary DESC, seg.customer_id DESC LIMIT 50
"""


async def prepare(customers: int, orders: int) -> str:
    url = await common.recreate_database("promoflow_bench_rfm")
    common.migrate(url)
    conn = await asyncpg.connect(url)
    try:
        t0 = time.perf_counter()
        org = await seed.seed_org(conn)
        await seed.seed_customers(conn, org, 0, customers)
        lo, hi = await conn.fetchrow("SELECT min(id), max(id) FROM customer")
        await conn.execute("SELECT setseed(0.42)")
        await conn.execute(
            "INSERT INTO customer_order (customer_id, order_date, amount, created_at) "
            "SELECT $1::bigint + floor(random() * ($2::bigint - $1::bigint + 1))::bigint, "
            "$3::date - floor(random() * 1095)::int, "
            "round((10 + random() * random() * 20000)::numeric, 2), now() "
            "FROM generate_series(1, $4)", lo, hi, AS_OF, orders)
        await conn.execute("ANALYZE")
        print(f"seeded {customers:,} customers and {orders:,} orders in "
              f"{time.perf_counter() - t0:.1f}s", flush=True)
    finally:
        await conn.close()
    return url


async def timed(fn: Callable[[], Awaitable[Any]], runs: int) -> tuple[list[float], Any]:
    result = await fn()  # warm-up (plans, caches)
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = await fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples, result


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round((len(ordered) - 1) * q))]


async def measure(url: str, runs: int) -> list[dict[str, Any]]:
    settings_module.configure(Settings(database_url=url.replace("postgresql://", "postgres://"),
                                       jwt_secret=common.SECRET, embedded_scheduler=False))
    machines.load()
    authz.load()
    ctx = await db.open_context(url.replace("postgresql://", "postgres://"))
    token = db.bind(ctx)
    raw = await asyncpg.connect(url)
    rows: list[dict[str, Any]] = []
    try:
        who: dict[str, Principal] = {}
        for kind, username in (("director", "bench.director"), ("manager", "mgr.d00"),
                               ("rep", "rep.d00.00")):
            principal = await org_service.principal_for_username(username)
            assert principal is not None
            who[kind] = principal
        for kind, actor in who.items():
            dept = actor.department_id if kind == "manager" else None
            owner = actor.id if kind == "rep" else None

            async def service_segments(actor: Principal = actor) -> rfm.Segments:
                return await rfm.segments(actor, as_of=AS_OF)

            async def hand_segments(dept: int | None = dept, owner: int | None = owner
                                    ) -> list[asyncpg.Record]:
                return list(await raw.fetch(HAND_SEGMENTS, AS_OF, rfm.DEFAULT_WINDOW_DAYS,
                                            dept, owner))

            async def service_recall(actor: Principal = actor) -> Any:
                return await rfm.recall_list(actor, as_of=AS_OF, first=50)

            async def hand_recall(dept: int | None = dept, owner: int | None = owner
                                  ) -> list[asyncpg.Record]:
                return list(await raw.fetch(HAND_RECALL, AS_OF, rfm.DEFAULT_WINDOW_DAYS,
                                            dept, owner))

            s_times, s_result = await timed(service_segments, runs)
            h_times, h_result = await timed(hand_segments, runs)
            mine = {x.segment.key: (x.customers, x.monetary) for x in s_result.segments
                    if x.customers}
            theirs = {r["segment"]: (r["n"], r["monetary"]) for r in h_result}
            assert mine == theirs, (kind, mine, theirs)
            rows.append(_row(kind, "rfmSegments", s_times, h_times, s_result.customers))
            r_times, r_result = await timed(service_recall, runs)
            hr_times, hr_result = await timed(hand_recall, runs)
            assert [e.customer.id for e in r_result.items] == [
                r["customer_id"] for r in hr_result], kind
            rows.append(_row(kind, "recall page (50)", r_times, hr_times, len(r_result.items)))
    finally:
        await raw.close()
        db.unbind(token)
        await ctx.close_connections()
    return rows


def _row(who: str, what: str, service: list[float], hand: list[float], n: int
         ) -> dict[str, Any]:
    return {"who": who, "what": what, "n": n, "p50": statistics.median(service),
            "p99": pct(service, 0.99), "hand_p50": statistics.median(hand),
            "hand_p99": pct(hand, 0.99)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=3_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reuse", action="store_true",
                        help="measure the database of the previous run without seeding")
    args = parser.parse_args()
    url = common.pg_url("promoflow_bench_rfm") if args.reuse else asyncio.run(
        prepare(args.customers, args.orders))
    rows = asyncio.run(measure(url, args.runs))
    print()
    print(f"{'who':9} {'what':18} {'rows':>9} {'p50 ms':>9} {'p99 ms':>9} "
          f"{'SQL p50':>9} {'SQL p99':>9} {'p99 ×':>6}")
    for r in rows:
        print(f"{r['who']:9} {r['what']:18} {r['n']:>9,} {r['p50']:>9.1f} {r['p99']:>9.1f} "
              f"{r['hand_p50']:>9.1f} {r['hand_p99']:>9.1f} {r['p99'] / r['hand_p99']:>6.2f}")


if __name__ == "__main__":
    main()
