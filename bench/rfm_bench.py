"""RFM on PostgreSQL: the precomputed standing window beside the full ranking, same run.

    python -m bench.rfm_bench [--customers 1000000] [--orders 3000000] [--runs 200]
                              [--full-runs 3] [--reuse] [--hand-check]

Seeds `--customers` customers (500 reps in 20 departments, bench/seed.py) and `--orders`
orders spread at random over them and over the three years before the reference day (so
some customers have orders only outside the two-year window, some none), then builds the
order summaries from the orders (`rfm_summary.rebuild`, what migration 4 does for existing
data) and refreshes the boundaries (the job). With the engine's clock on the reference day
(the standing window is today's), for a director (scope all), a manager (one department)
and a rep (own customers) it times `rfmSegments` and the first recall page (50):

- the service on the standing window (order summaries, boundaries, tally), `--runs` calls;
- the same through GraphQL (the ASGI app in process: token, parsing, serialisation);
- the full ranking of the whole population (`full=True`, what every call did before),
  `--full-runs` calls; the bench asserts that it gives exactly the standing answer.

It also times the job (`refresh`), an order write (`orderRecord`'s service, which now
recomputes the customer's summary in its transaction) and `customerRfm` (whose equality
with the full computation tests/engine/test_rfm_summary.py checks: the full one-customer
query takes minutes at this size). `--hand-check`
also checks the full ranking against one hand-written SQL statement (HAND_*).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg

from bench import common, seed
from engine import authz, clock, db, machines
from engine import settings as settings_module
from engine.authz import Principal
from engine.services import org as org_service
from engine.services import rfm, rfm_summary
from engine.settings import Settings

AS_OF = date(2026, 11, 23)
NOON = datetime(2026, 11, 23, 12, tzinfo=ZoneInfo("Asia/Shanghai"))

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
        await conn.execute("VACUUM ANALYZE")  # as autovacuum leaves a live database
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


SEGMENTS_QUERY = """{ rfmSegments { customers monetary computedAt
  segments { segment customers share monetary averageRecencyDays averageFrequency } } }"""
RECALL_QUERY = """{ rfmRecallList(first: 50) { pageInfo { hasNextPage endCursor }
  edges { node { customer { id code name contactPhone contactMasked }
  scores { recencyDays frequency monetary code segment } } } } }"""


def _segments_view(s: rfm.Segments) -> dict[str, Any]:
    return {x.segment.key: (x.customers, x.monetary, x.share, x.average_recency_days,
                            x.average_frequency) for x in s.segments}


async def measure(url: str, runs: int, full_runs: int, hand_check: bool
                  ) -> tuple[list[dict[str, Any]], list[str]]:
    import httpx

    from server import create_app

    settings = settings_module.configure(Settings(
        database_url=url.replace("postgresql://", "postgres://"), jwt_secret=common.SECRET,
        embedded_scheduler=False, log_format="text", log_level="WARNING"))
    machines.load()
    authz.load()
    ctx = await db.open_context(settings.database_url)
    token = db.bind(ctx)
    raw = await asyncpg.connect(url)
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    try:
        with clock.frozen(NOON):
            t0 = time.perf_counter()
            await rfm_summary.rebuild()
            rebuilt = time.perf_counter() - t0
            refresh_times = []
            for _ in range(3):
                t0 = time.perf_counter()
                b = await rfm_summary.refresh()
                refresh_times.append(time.perf_counter() - t0)
            assert b is not None
            summaries = await raw.fetchval("SELECT count(*) FROM customer_order_summary")
            notes.append(f"summaries built from the orders (rebuild + first refresh): "
                         f"{rebuilt:.1f} s for {summaries:,} customers")
            notes.append(f"refresh (the job: boundaries, rescoring, tally) over "
                         f"{b.population:,} scored customers: "
                         + ", ".join(f"{t:.1f} s" for t in refresh_times))
            who: dict[str, Principal] = {}
            for kind, username in (("director", "bench.director"), ("manager", "mgr.d00"),
                                   ("rep", "rep.d00.00")):
                principal = await org_service.principal_for_username(username)
                assert principal is not None
                who[kind] = principal
            app = create_app(settings)
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                         base_url="http://bench") as http:
                for kind, actor in who.items():
                    bearer = {"Authorization": f"Bearer {common.token(actor.username)}"}

                    async def graphql(query: str, bearer: dict[str, str] = bearer) -> Any:
                        r = await http.post("/graphql", headers=bearer, json={"query": query})
                        body = r.json()
                        assert "errors" not in body, body
                        return body["data"]

                    async def segs(actor: Principal = actor, full: bool = False
                                   ) -> rfm.Segments:
                        return await rfm.segments(actor, full=full)

                    async def recall(actor: Principal = actor, full: bool = False) -> Any:
                        return await rfm.recall_list(actor, first=50, full=full)

                    s_times, fast = await timed(segs, runs)
                    g_times, _ = await timed(lambda: graphql(SEGMENTS_QUERY), runs)
                    f_times, slow = await timed(lambda a=actor: segs(a, True), full_runs)
                    assert fast.computed_at is not None and slow.computed_at is None
                    assert _segments_view(fast) == _segments_view(slow), kind
                    rows.append(_row(kind, "rfmSegments", fast.customers, s_times, g_times,
                                     f_times))
                    r_times, page = await timed(recall, runs)
                    gr_times, _ = await timed(lambda: graphql(RECALL_QUERY), runs)
                    fr_times, full_page = await timed(lambda a=actor: recall(a, True),
                                                      full_runs)
                    assert [(e.customer.id, e.rfm) for e in page.items] == [
                        (e.customer.id, e.rfm) for e in full_page.items], kind
                    rows.append(_row(kind, "recall page (50)", len(page.items), r_times,
                                     gr_times, fr_times))
                    for r in rows[-2:]:
                        print("  " + _line(r), flush=True)
                    if hand_check:
                        await _hand_check(raw, actor, kind, slow, full_page)
                    print(f"  {kind}: checked, standing == full ranking", flush=True)
                director = who["director"]
                sample = await raw.fetch(
                    "SELECT s.customer_id, c.owner_id FROM customer_order_summary s"
                    " JOIN customer c ON c.id = s.customer_id ORDER BY s.customer_id LIMIT 50")
                ids = [r["customer_id"] for r in sample]
                one_times: list[float] = []
                for cid in ids:
                    t0 = time.perf_counter()
                    await rfm.customer_rfm(director, cid)
                    one_times.append((time.perf_counter() - t0) * 1000)
                notes.append(f"customerRfm (standing) p50 {statistics.median(one_times):.1f} ms, "
                             f"p99 {pct(one_times, 0.99):.1f} ms over {len(ids)} customers")
                reps = {r["id"]: r["username"] for r in await raw.fetch(
                    "SELECT id, username FROM app_user")}
                write_times: list[float] = []
                for i, r in enumerate(sample):
                    owner = await org_service.principal_for_username(reps[r["owner_id"]])
                    assert owner is not None
                    t0 = time.perf_counter()
                    await rfm.record_order(owner, rfm.OrderInput(
                        customer_id=r["customer_id"], order_date=AS_OF,
                        amount=f"{100 + i}.00"))
                    write_times.append((time.perf_counter() - t0) * 1000)
                notes.append(f"orderRecord service (with its summary) p50 "
                             f"{statistics.median(write_times):.1f} ms, "
                             f"p99 {pct(write_times, 0.99):.1f} ms over {len(sample)} orders")
    finally:
        await raw.close()
        db.unbind(token)
        await ctx.close_connections()
    return rows, notes


async def _hand_check(raw: asyncpg.Connection, actor: Principal, kind: str,
                      slow: rfm.Segments, full_page: Any) -> None:
    dept = actor.department_id if kind == "manager" else None
    owner = actor.id if kind == "rep" else None
    theirs = {r["segment"]: (r["n"], r["monetary"]) for r in await raw.fetch(
        HAND_SEGMENTS, AS_OF, rfm.DEFAULT_WINDOW_DAYS, dept, owner)}
    mine = {x.segment.key: (x.customers, x.monetary) for x in slow.segments if x.customers}
    assert mine == theirs, (kind, mine, theirs)
    hand = await raw.fetch(HAND_RECALL, AS_OF, rfm.DEFAULT_WINDOW_DAYS, dept, owner)
    assert [e.customer.id for e in full_page.items] == [r["customer_id"] for r in hand], kind


def _row(who: str, what: str, n: int, service: list[float], graphql: list[float],
         full: list[float]) -> dict[str, Any]:
    return {"who": who, "what": what, "n": n, "p50": statistics.median(service),
            "p99": pct(service, 0.99), "gql_p50": statistics.median(graphql),
            "gql_p99": pct(graphql, 0.99), "full_p50": statistics.median(full),
            "full_p99": pct(full, 0.99)}


def _line(r: dict[str, Any]) -> str:
    return (f"{r['who']:9} {r['what']:17} {r['n']:>8,} {r['p50']:>8.1f} {r['p99']:>8.1f} "
            f"{r['gql_p50']:>8.1f} {r['gql_p99']:>8.1f} {r['full_p50']:>9.0f} "
            f"{r['full_p99']:>9.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=3_000_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--full-runs", type=int, default=3)
    parser.add_argument("--hand-check", action="store_true",
                        help="also check the full ranking against hand-written SQL")
    parser.add_argument("--reuse", action="store_true",
                        help="measure the database of the previous run without seeding")
    args = parser.parse_args()
    url = common.pg_url("promoflow_bench_rfm") if args.reuse else asyncio.run(
        prepare(args.customers, args.orders))
    print(f"load before measuring: {os.getloadavg()}", flush=True)
    rows, notes = asyncio.run(measure(url, args.runs, args.full_runs, args.hand_check))
    print(f"load after measuring: {os.getloadavg()}")
    print()
    print(f"{'who':9} {'what':17} {'rows':>8} {'p50 ms':>8} {'p99 ms':>8} {'GQL p50':>8} "
          f"{'GQL p99':>8} {'full p50':>9} {'full p99':>9}")
    for r in rows:
        print(_line(r))
    print()
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
