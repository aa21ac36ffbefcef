"""Effect analysis and channel comparison on PostgreSQL at 1,000,000 customers.

    python -m bench.analytics_bench [--calls 200] [--heavy-calls 5] [--reseed]
                                    [--indexes migrations|recommended]

Seeds (once; later runs reuse it) the database promoflow_bench_analytics in SQL
(INSERT … SELECT generate_series): 20 departments and 500 reps (bench/seed.py), 200
approved campaigns of 3 channels and 4 budget lines each, 1,000,000 customers (5,000 per
campaign, created during their campaign, each with a source channel) and 5,000,000
stage-history rows (4–6 per customer: 20 % reach won, 20 % are lost after negotiation,
60 % are lost then reactivated).

Then, in one run, for random campaigns / periods, one call at a time (latency):
- `campaign_effect` through the service and through GraphQL (in-process ASGI, as a
  director), beside ONE hand-written SQL query computing the same figures;
- `channel_comparison` over a quarter (every campaign running in it) the same way.
It prints p50 / p99 and the ratio service p99 / SQL p99 (target ≤ 2×).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg

from bench import common, seed

DB_NAME = "promoflow_bench_analytics"
CAMPAIGNS = 200
CUSTOMERS = 1_000_000
CHANNELS = ["wechat_official", "wechat_channels", "douyin", "xiaohongshu", "weibo", "bilibili",
            "linkedin", "industry_forum", "website", "search_ads"]
YEAR_START = date(2026, 1, 1)
QUARTER = (date(2026, 4, 1), date(2026, 6, 30))

# One hand-written statement per figure set: what an engineer would type into psql.
EFFECT_SQL = """
WITH per_customer AS (
    SELECT c.id,
           min(h.at) FILTER (WHERE h.to_stage IN ('intent', 'negotiation', 'won')) AS intent_at,
           min(h.at) FILTER (WHERE h.to_stage = 'won') AS won_at,
           sum(h.deal_amount) FILTER (WHERE h.to_stage = 'won') AS revenue
    FROM customer c JOIN customer_stage_change h ON h.customer_id = c.id
    WHERE c.source_campaign_id = $1 AND h.at < $3
    GROUP BY c.id
    HAVING min(h.at) >= $2
)
SELECT count(*) AS new, count(intent_at) AS intent, count(won_at) AS won,
       coalesce(sum(revenue), 0) AS revenue,
       avg(extract(epoch FROM won_at - intent_at) / 86400) AS cycle_days,
       (SELECT approved_total FROM campaign WHERE id = $1) AS budget,
       (SELECT sum(spent) FROM budget_line WHERE campaign_id = $1) AS spent,
       (SELECT highlights FROM campaign_review WHERE campaign_id = $1) AS highlights
FROM per_customer
"""

CHANNEL_SQL = """
WITH camp AS (
    SELECT id, approved_total IS NOT NULL AS approved FROM campaign
    WHERE CASE WHEN $5::bigint[] IS NULL THEN start_date <= $2 AND end_date >= $1
               ELSE id = ANY($5::bigint[]) END
),
per_customer AS (
    SELECT c.id, c.source_channel AS channel,
           min(h.at) FILTER (WHERE h.to_stage IN ('intent', 'negotiation', 'won')) AS intent_at,
           min(h.at) FILTER (WHERE h.to_stage = 'won') AS won_at,
           coalesce(sum(h.deal_amount) FILTER (WHERE h.to_stage = 'won'), 0) AS revenue
    FROM customer c JOIN customer_stage_change h ON h.customer_id = c.id
    WHERE c.source_campaign_id IN (SELECT id FROM camp) AND h.at < $4
    GROUP BY c.id, c.source_channel
    HAVING min(h.at) >= $3
),
by_channel AS (
    SELECT channel, count(*) AS new, count(intent_at) AS intent, count(won_at) AS won,
           sum(revenue) AS revenue,
           avg(extract(epoch FROM won_at - intent_at) / 86400) AS cycle_days
    FROM per_customer GROUP BY channel
),
cost AS (
    SELECT coalesce(bl.channel, cc.channel) AS channel,
           sum(CASE WHEN bl.channel IS NULL THEN bl.amount / w.n ELSE bl.amount END) AS planned,
           sum(CASE WHEN bl.channel IS NULL THEN bl.spent / w.n ELSE bl.spent END) AS spent
    FROM budget_line bl
    JOIN camp ON camp.id = bl.campaign_id AND camp.approved
    JOIN (SELECT campaign_id, count(*) AS n FROM campaign_channel
          WHERE campaign_id IN (SELECT id FROM camp) GROUP BY campaign_id) w
      ON w.campaign_id = bl.campaign_id
    LEFT JOIN campaign_channel cc ON bl.channel IS NULL AND cc.campaign_id = bl.campaign_id
    GROUP BY 1
)
SELECT coalesce(b.channel, k.channel) AS channel, b.new, b.intent, b.won, b.revenue,
       100.0 * b.revenue / nullif(sum(b.revenue) OVER (), 0) AS revenue_share,
       b.cycle_days, k.planned, k.spent,
       k.planned / nullif(b.new, 0) AS cac, k.planned / nullif(b.won, 0) AS cost_per_won
FROM by_channel b FULL JOIN cost k ON k.channel = b.channel
"""


# Indexes that halve both the service's and the hand-written query's time (they make the
# per-customer lookups index-only); proposed for a migration, tried here with --indexes.
RECOMMENDED_INDEXES = {
    "ix_bench_stage_change_wide":
        "ON customer_stage_change (customer_id, at, to_stage, deal_amount)",
    "ix_bench_customer_campaign_wide": "ON customer (source_campaign_id, source_channel, id)",
}


async def set_indexes(url: str, wanted: bool) -> None:
    conn = await asyncpg.connect(url)
    try:
        for name, definition in RECOMMENDED_INDEXES.items():
            if wanted:
                await conn.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}")
            else:
                await conn.execute(f"DROP INDEX IF EXISTS {name}")
        await conn.execute("VACUUM ANALYZE customer")
        await conn.execute("VACUUM ANALYZE customer_stage_change")
    finally:
        await conn.close()


# -- seeding -----------------------------------------------------------------------------


async def _seeded(url: str) -> bool:
    try:
        conn = await asyncpg.connect(url)
    except asyncpg.InvalidCatalogNameError:
        return False
    try:
        counts = await conn.fetchrow(
            "SELECT (SELECT count(*) FROM campaign) AS campaigns, "
            "(SELECT count(*) FROM customer) AS customers, "
            "(SELECT count(*) FROM customer_stage_change) AS history")
    except asyncpg.PostgresError:
        return False
    finally:
        await conn.close()
    return (counts["campaigns"], counts["customers"], counts["history"]) == (
        CAMPAIGNS, CUSTOMERS, 5 * CUSTOMERS)


async def _seed(url: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        org = await seed.seed_org(conn)
        reps, rep_depts = org["reps"], org["rep_departments"]
        marketers, depts = org["marketing"], org["departments"]
        t0 = time.perf_counter()
        # 200 approved campaigns, 60 days each, starting every ~1.6 days through 2026
        await conn.execute("""
            INSERT INTO campaign (version, created_at, updated_at, code, name, campaign_type,
                start_date, end_date, owner_id, department_id, collaborators,
                kpi_alert_threshold, created_by_id, budget_total, approval_state,
                approval_round, submitted_by_id, submitted_at, approved_total, approved_at)
            SELECT 1, now(), now(), 'HD2026' || lpad(n::text, 7, '0'), '活动' || n,
                   'live_stream', $1::date + (n * 3 / 2), $1::date + (n * 3 / 2) + 59,
                   ($2::int[])[1 + n % 20], ($3::int[])[1 + n % 20], '[]', 0.2,
                   ($2::int[])[1 + n % 20], 100000, 'approved', 1, ($2::int[])[1 + n % 20],
                   now(), 100000, now()
            FROM generate_series(0, $4 - 1) AS n""", YEAR_START, marketers, depts, CAMPAIGNS)
        # three channels per campaign; lines: one per channel + one shared
        await conn.execute("""
            INSERT INTO campaign_channel (campaign_id, channel)
            SELECT c.id, ($1::text[])[1 + (c.id + k * 3) % 10]
            FROM campaign c CROSS JOIN generate_series(0, 2) AS k""", CHANNELS)
        await conn.execute("""
            INSERT INTO budget_line (version, created_at, updated_at, campaign_id, category,
                                     description, amount, channel, spent)
            SELECT 1, now(), now(), cc.campaign_id, 'platform_promotion', cc.channel,
                   20000, cc.channel, 15000 + (cc.id % 10) * 1000
            FROM campaign_channel cc
            UNION ALL
            SELECT 1, now(), now(), c.id, 'materials', 'shared', 40000, NULL, 30000
            FROM campaign c""")
        # 5,000 customers per campaign, created during it, on one of its channels
        await conn.execute("""
            WITH camp AS (
                SELECT c.id, c.start_date, row_number() OVER (ORDER BY c.id) - 1 AS k,
                       array_agg(cc.channel ORDER BY cc.id) AS channels
                FROM campaign c JOIN campaign_channel cc ON cc.campaign_id = c.id
                GROUP BY c.id, c.start_date
            ),
            src AS (
                SELECT n, camp.*, (n * 7919) % 86400 AS minute_of_60d,
                       1 + n % $4 AS rep_index
                FROM generate_series(0::bigint, $1::bigint - 1) AS n
                JOIN camp ON camp.k = n % $2
            )
            INSERT INTO customer (version, created_at, updated_at, code, name, industry,
                contact_name, contact_phone, stage, stage_entered_at, custom_fields,
                department_id, owner_id, source_campaign_id, source_channel,
                flagged_for_reassignment)
            SELECT 1, ts, ts, 'C2026' || lpad(n::text, 9, '0'), '客户' || n, '制造业', '张伟',
                   '138' || lpad((n % 100000000)::text, 8, '0'),
                   CASE WHEN n / $2 % 10 < 2 THEN 'won' WHEN n / $2 % 10 < 4 THEN 'lost'
                        ELSE 'intent' END,
                   ts, '{}', ($5::int[])[rep_index], ($3::int[])[rep_index], id,
                   channels[1 + n % 3], false
            FROM (SELECT src.*, (start_date::timestamp AT TIME ZONE 'Asia/Shanghai')
                             + make_interval(mins => minute_of_60d::int) AS ts FROM src) s
            """, CUSTOMERS, CAMPAIGNS, reps, len(reps), rep_depts)
        print(f"  campaigns, lines and customers in {time.perf_counter() - t0:.1f}s",
              flush=True)
        t0 = time.perf_counter()
        # 4–6 entries per customer (5 on average), a few days apart
        await conn.execute("""
            INSERT INTO customer_stage_change (customer_id, event, from_stage, to_stage, at,
                                               deal_amount)
            SELECT c.id, e.events[s], e.stages[s - 1], e.stages[s],
                   c.created_at + make_interval(hours => ((s - 1) * (24 + c.id % 96))::int),
                   CASE WHEN e.stages[s] = 'won' THEN 1000 + (c.id % 5000) * 10 END
            FROM customer c
            JOIN (VALUES
                (0, ARRAY['create', 'lose', 'reactivate', 'qualify', 'negotiate', 'win'],
                    ARRAY['potential', 'lost', 'potential', 'intent', 'negotiation', 'won']),
                (1, ARRAY['create', 'qualify', 'negotiate', 'lose'],
                    ARRAY['potential', 'intent', 'negotiation', 'lost']),
                (2, ARRAY['create', 'qualify', 'lose', 'reactivate', 'qualify'],
                    ARRAY['potential', 'intent', 'lost', 'potential', 'intent'])
            ) AS e(kind, events, stages)
              ON e.kind = CASE WHEN (c.id - 1) / $1 % 10 < 2 THEN 0
                               WHEN (c.id - 1) / $1 % 10 < 4 THEN 1 ELSE 2 END
            CROSS JOIN LATERAL generate_series(1, array_length(e.stages, 1)) AS s
            """, CAMPAIGNS)
        print(f"  stage history in {time.perf_counter() - t0:.1f}s", flush=True)
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


async def prepare(reseed: bool) -> str:
    url = common.pg_url(DB_NAME)
    if not reseed and await _seeded(url):
        print(f"reusing {DB_NAME}", flush=True)
        return url
    t0 = time.perf_counter()
    url = await common.recreate_database(DB_NAME)
    common.migrate(url)
    await _seed(url)
    print(f"seeded {DB_NAME} in {time.perf_counter() - t0:.1f}s", flush=True)
    return url


# -- measuring ---------------------------------------------------------------------------


def _pct(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[max(0, int(len(times) * 0.99) - 1)]


async def _timed(n: int, calls: dict[str, Callable[[int], Awaitable[Any]]]
                 ) -> dict[str, tuple[float, float]]:
    """Time each variant on the same inputs, interleaved (rotating which goes first), so
    that none profits from pages another one brought into the cache."""
    names = list(calls)
    for name in names:  # warm up connections and statement caches
        await calls[name](0)
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(n):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            t0 = time.perf_counter()
            await calls[name](i)
            times[name].append((time.perf_counter() - t0) * 1000)
    return {name: _pct(t) for name, t in times.items()}


def _utc(day: date) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo("Asia/Shanghai")
                            ).astimezone(UTC)


async def measure(url: str, calls: int, heavy_calls: int
                  ) -> list[tuple[str, str, float, float]]:
    import httpx

    from engine import authz, db, machines
    from engine import settings as settings_module
    from engine.services import analytics, org
    from engine.settings import Settings
    from server import create_app

    settings = settings_module.configure(Settings(
        database_url=url.replace("postgresql://", "postgres://", 1),
        jwt_secret=common.SECRET, embedded_scheduler=False, log_format="text"))
    machines.load()
    authz.load()
    ctx = await db.open_context(settings.database_url)
    token = db.bind(ctx)
    raw = await asyncpg.connect(url)
    rows: list[tuple[str, str, float, float]] = []
    try:
        actor = await org.principal_for_username("bench.director")
        assert actor is not None
        campaign_rows = await raw.fetch("SELECT id, start_date, end_date FROM campaign")
        rng = random.Random(5)
        picks = [campaign_rows[rng.randrange(len(campaign_rows))] for _ in range(calls + 3)]

        def period(i: int) -> tuple[date, date]:
            c = picks[i]
            # the campaign's first 30 days (a month's review)
            return c["start_date"], c["start_date"] + timedelta(days=29)

        async def effect_service(i: int) -> Any:
            lo, hi = period(i)
            return await analytics.campaign_effect(actor, picks[i]["id"], lo, hi)

        async def effect_sql(i: int) -> Any:
            lo, hi = period(i)
            return await raw.fetchrow(EFFECT_SQL, picks[i]["id"], _utc(lo),
                                      _utc(hi + timedelta(days=1)))

        # same figures from both (a check, not a benchmark)
        mine, theirs = await effect_service(0), await effect_sql(0)
        assert (mine.new_customers, mine.intent_customers, mine.won_customers) == (
            theirs["new"], theirs["intent"], theirs["won"]), (mine, theirs)
        assert mine.revenue == theirs["revenue"], (mine.revenue, theirs["revenue"])
        print(f"  check: campaign {picks[0]['id']}: new {mine.new_customers}, intent "
              f"{mine.intent_customers}, won {mine.won_customers}, revenue {mine.revenue}",
              flush=True)

        app = create_app(settings)
        bearer = {"Authorization": f"Bearer {common.token('bench.director')}"}
        effect_query = """query($id: ID!, $from: Date, $to: Date) {
          campaignEffect(id: $id, from: $from, to: $to) { newCustomers intentCustomers
            wonCustomers revenue budget { value reason } cac { value reason }
            conversionRate { value } averageCycleDays { value } spent { value }
            roi { value reason } highlights problems suggestions } }"""
        channel_query = """query($from: Date, $to: Date, $ids: [ID!]) {
          channelComparison(from: $from, to: $to, campaignIds: $ids) { totalRevenue rows { channel
            newCustomers intentCustomers wonCustomers revenue conversionRate { value }
            revenueShare { value } averageCycleDays { value } plannedCost { value }
            spent { value } cac { value } costPerWon { value } costDeviation { value } } } }"""
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://bench") as http:

            async def effect_graphql(i: int) -> Any:
                lo, hi = period(i)
                r = await http.post("/graphql", headers=bearer, json={
                    "query": effect_query, "variables": {
                        "id": str(picks[i]["id"]), "from": lo.isoformat(),
                        "to": hi.isoformat()}})
                body = r.json()
                assert "errors" not in body, body
                return body

            month = (date(2026, 5, 1), date(2026, 5, 31))
            running = [r["id"] for r in campaign_rows
                       if r["start_date"] <= month[1] and r["end_date"] >= month[0]]
            ten = sorted(rng.sample(running, 10))
            cases = {"10 campaigns, a month": (month, ten),
                     "all campaigns, a quarter": (QUARTER, None)}

            def channel_calls(label: str) -> dict[str, Callable[[int], Awaitable[Any]]]:
                (lo, hi), ids = cases[label]

                async def service(i: int) -> Any:
                    return await analytics.channel_comparison(actor, lo, hi, ids)

                async def sql(i: int) -> Any:
                    return await raw.fetch(CHANNEL_SQL, lo, hi, _utc(lo),
                                           _utc(hi + timedelta(days=1)), ids)

                async def graphql(i: int) -> Any:
                    variables: dict[str, Any] = {"from": lo.isoformat(), "to": hi.isoformat()}
                    if ids:
                        variables["ids"] = [str(x) for x in ids]
                    r = await http.post("/graphql", headers=bearer, json={
                        "query": channel_query, "variables": variables})
                    body = r.json()
                    assert "errors" not in body, body
                    return body

                return {"service": service, "graphql": graphql, "hand-written sql": sql}

            for label in cases:
                variants = channel_calls(label)
                comparison = await variants["service"](0)
                baseline = {r["channel"]: r for r in await variants["hand-written sql"](0)}
                for row in comparison.rows:
                    assert row.new_customers == baseline[row.channel]["new"], row
                    assert row.revenue == baseline[row.channel]["revenue"], row
                print(f"  check: {label}: {len(comparison.campaign_ids)} campaigns, "
                      f"{sum(r.new_customers for r in comparison.rows):,} new customers, "
                      f"{len(comparison.rows)} channels", flush=True)

            groups: list[tuple[str, int, dict[str, Callable[[int], Awaitable[Any]]]]] = [
                ("campaignEffect", calls, {"service": effect_service,
                                           "graphql": effect_graphql,
                                           "hand-written sql": effect_sql}),
                ("channelComparison (10 campaigns, a month)", max(20, calls // 4),
                 channel_calls("10 campaigns, a month")),
                ("channelComparison (all campaigns, a quarter)", heavy_calls,
                 channel_calls("all campaigns, a quarter")),
            ]
            for name, n, variants in groups:
                for kind, (p50, p99) in (await _timed(n, variants)).items():
                    rows.append((name, kind, p50, p99))
                    print(f"  {name:45} {kind:17} p50 {p50:9.2f} ms  p99 {p99:9.2f} ms "
                          f"(n={n})", flush=True)
    finally:
        await raw.close()
        db.unbind(token)
        await ctx.close_connections()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--heavy-calls", type=int, default=5,
                        help="calls of the quarter-wide channel comparison (seconds each)")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--indexes", choices=("migrations", "recommended"),
                        default="migrations",
                        help="only the migrations' indexes, or also RECOMMENDED_INDEXES")
    args = parser.parse_args()
    url = asyncio.run(prepare(args.reseed))
    asyncio.run(set_indexes(url, args.indexes == "recommended"))
    print(f"indexes: {args.indexes}", flush=True)
    rows = asyncio.run(measure(url, args.calls, args.heavy_calls))
    print()
    print(f"{'query':45} {'kind':17} {'p50 ms':>9} {'p99 ms':>9} {'p99 / sql':>10}")
    sql = {name: p99 for name, kind, _, p99 in rows if kind == "hand-written sql"}
    for name, kind, p50, p99 in rows:
        print(f"{name:45} {kind:17} {p50:9.2f} {p99:9.2f} {p99 / sql[name]:9.2f}x")


if __name__ == "__main__":
    main()
