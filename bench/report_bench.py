"""The review report's PDF for a campaign with 10,000 customers, end to end, on PostgreSQL.

    python -m bench.report_bench [--customers 10000] [--runs 7] [--background 50000]

Seeds a dedicated database (promoflow_bench_report) with 200 other campaigns and
`--background` customers of no campaign (with a stage entry each), and one approved
campaign with 4 channels, 4 goals recorded weekly over 13 weeks, 8 budget lines with spend,
40 tasks (some late), 30 exceptions in every state, and `--customers` customers from it
with their stage history (potential → intent → negotiation → won / lost). Then renders
the report as a director would: data (SQL) + charts (matplotlib) + PDF (reportlab), in
this process, `--runs` times after one warm-up; prints p50 / max and the split of one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import asyncpg

from bench import common, seed

DB = "promoflow_bench_report"
CODE = "HD20260901999"
START = date(2026, 9, 1)
END = date(2026, 11, 30)
CHANNELS = ["douyin", "wechat_channels", "xiaohongshu", "website"]
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


async def prepare(customers: int, background: int) -> tuple[str, int]:
    url = await common.recreate_database(DB)
    common.migrate(url)
    conn = await asyncpg.connect(url)
    try:
        org = await seed.seed_org(conn)
        await seed.seed_campaigns(conn, org, 200, 0)
        await seed.seed_customers(conn, org, 0, background)
        await conn.execute(
            "INSERT INTO customer_stage_change (customer_id, event, from_stage, to_stage, at) "
            "SELECT id, 'create', NULL, 'potential', created_at FROM customer")
        owner = org["marketing"][0]
        dept = org["departments"][0]
        campaign_id = await conn.fetchval(
            "INSERT INTO campaign (version, created_at, updated_at, code, name, campaign_type,"
            " start_date, end_date, owner_id, department_id, collaborators,"
            " kpi_alert_threshold, created_by_id, budget_total, approval_state,"
            " approval_round, submitted_by_id, submitted_at, approved_total, approved_at)"
            " VALUES (1, $1, $1, $2, '秋季线上直播季', 'live_stream', $3, $4, $5, $6, '[]',"
            " 0.2, $5, 480000, 'approved', 1, $5, $1, 480000, $1) RETURNING id",
            NOW - timedelta(days=100), CODE, START, END, owner, dept)
        await conn.executemany(
            "INSERT INTO campaign_channel (campaign_id, channel) VALUES ($1, $2)",
            [(campaign_id, c) for c in CHANNELS])
        await _plan(conn, campaign_id, owner)
        await _customers(conn, org, campaign_id, customers)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return url, campaign_id


async def _plan(conn: asyncpg.Connection, campaign_id: int, owner: int) -> None:
    rng = random.Random(5)
    now = NOW - timedelta(days=100)
    goals = [("new_leads", 10000), ("intent_customers", 6000), ("won_customers", 2000),
             ("revenue", 3_000_000)]
    await conn.executemany(
        "INSERT INTO campaign_goal (version, created_at, updated_at, campaign_id, metric,"
        " target, period_start, period_end) VALUES (1, $1, $1, $2, $3, $4, $5, $6)",
        [(now, campaign_id, m, Decimal(t), START, END) for m, t in goals])
    weeks = [START - timedelta(days=START.weekday()) + timedelta(weeks=w) for w in range(13)]
    actuals = []
    for metric, target in goals:
        for w in weeks:
            actuals.append((now, campaign_id, metric, "week", w,
                            Decimal(target * 7 / 91 * rng.uniform(0.6, 1.4)).quantize(
                                Decimal("0.01")), owner))
    await conn.executemany(
        "INSERT INTO kpi_actual (version, created_at, updated_at, campaign_id, metric,"
        " granularity, period_start, value, recorded_by_id)"
        " VALUES (1, $1, $1, $2, $3, $4, $5, $6, $7)", actuals)
    lines = [("platform_promotion", "抖音投流", "douyin", 120000, 131000),
             ("platform_promotion", "视频号投流", "wechat_channels", 80000, 61000),
             ("platform_promotion", "小红书达人", "xiaohongshu", 60000, 58000),
             ("platform_promotion", "官网 SEM", "website", 40000, 45500),
             ("host", "主播与嘉宾", None, 90000, 90000),
             ("production", "短视频制作", None, 50000, 42000),
             ("materials", "物料", None, 20000, 18800), ("gifts", "礼品", None, 20000, 9000)]
    await conn.executemany(
        "INSERT INTO budget_line (version, created_at, updated_at, campaign_id, category,"
        " description, amount, channel, spent) VALUES (1, $1, $1, $2, $3, $4, $5, $6, $7)",
        [(now, campaign_id, c, d, Decimal(a), ch, Decimal(s)) for c, d, ch, a, s in lines])
    phases = ["preparation", "warm_up", "execution", "review"]
    tasks = []
    for i in range(40):
        start = START + timedelta(days=2 * i)
        status = ("done", "done", "in_progress", "delayed", "not_started")[i % 5]
        tasks.append((now, phases[i * 4 // 40], f"任务 {i + 1:02d}", start,
                      start + timedelta(days=5), status, 100 if status == "done" else 30,
                      campaign_id, owner, "嘉宾档期冲突" if status == "delayed" else None))
    await conn.executemany(
        "INSERT INTO task (version, created_at, updated_at, phase, title, start_date, end_date,"
        " status, progress, campaign_id, owner_id, status_reason)"
        " VALUES (1, $1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", tasks)
    states = ["reported", "acknowledged", "resolving", "resolved", "closed"]
    incidents = []
    for i in range(30):
        at = NOW - timedelta(days=90 - 3 * i)
        incidents.append((now, f"YC2026{i:07d}", f"异常 {i + 1}：直播推流中断", "high",
                          states[i % 5], at, at + timedelta(hours=4), at + timedelta(days=2),
                          campaign_id, owner))
    await conn.executemany(
        "INSERT INTO incident (version, created_at, updated_at, code, problem, severity, state,"
        " reported_at, acknowledge_due_at, resolve_due_at, campaign_id, reporter_id)"
        " VALUES (1, $1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", incidents)


async def _customers(conn: asyncpg.Connection, org: dict[str, list[int]], campaign_id: int,
                     count: int) -> None:
    rng = random.Random(9)
    reps, depts = org["reps"][:50], org["rep_departments"][:50]
    rows, history = [], []
    empty = json.dumps({})
    for n in range(count):
        created = datetime.combine(START, datetime.min.time(), UTC) + timedelta(
            minutes=rng.randrange(85 * 24 * 60))
        journey = [("create", None, "potential", created)]
        at = created
        deal = None
        for event, stage, p in (("qualify", "intent", 0.6), ("negotiate", "negotiation", 0.6),
                                ("win", "won", 0.55)):
            if rng.random() > p:
                if rng.random() < 0.4:
                    at += timedelta(hours=rng.randrange(24, 24 * 10))
                    journey.append(("lose", journey[-1][2], "lost", at))
                break
            at += timedelta(hours=rng.randrange(12, 24 * 12))
            journey.append((event, journey[-1][2], stage, at))
            if stage == "won":
                deal = Decimal(rng.randrange(2000, 40000))
        if at > NOW:
            journey = [j for j in journey if j[3] <= NOW]
        stage = journey[-1][2]
        r = n % len(reps)
        rows.append((1, created, created, f"C2026B{n:08d}", f"复盘客户{n:06d}", "零售", "王芳",
                     f"139{n:08d}", stage, journey[-1][3], deal if stage == "won" else None,
                     empty, depts[r], reps[r], campaign_id, CHANNELS[n % len(CHANNELS)]))
        history.append(journey)
    await conn.copy_records_to_table(
        "customer", records=rows,
        columns=["version", "created_at", "updated_at", "code", "name", "industry",
                 "contact_name", "contact_phone", "stage", "stage_entered_at", "deal_amount",
                 "custom_fields", "department_id", "owner_id", "source_campaign_id",
                 "source_channel"])
    ids = [r["id"] for r in await conn.fetch(
        "SELECT id FROM customer WHERE source_campaign_id = $1 ORDER BY code", campaign_id)]
    changes = []
    for cid, journey, row in zip(ids, history, rows, strict=True):
        for event, src, dst, at in journey:
            changes.append((cid, event, src, dst, at, row[10] if dst == "won" else None))
    await conn.copy_records_to_table(
        "customer_stage_change", records=changes,
        columns=["customer_id", "event", "from_stage", "to_stage", "at", "deal_amount"])


async def measure(url: str, runs: int) -> dict[str, float]:
    from engine import authz, clock, db, machines
    from engine import settings as settings_module
    from engine.report import charts, data, render_report
    from engine.report.pdf import render_pdf
    from engine.services import org
    from engine.settings import Settings

    settings_module.configure(Settings(database_url=url.replace("postgresql://", "postgres://"),
                                       jwt_secret=common.SECRET, embedded_scheduler=False))
    machines.load()
    authz.load()
    async with db.database(url.replace("postgresql://", "postgres://")):
        actor = await org.principal_for_username("bench.director")
        assert actor is not None
        with clock.frozen(NOW):
            warm = await render_report(actor, CODE, "pdf")
            timings, cpu = [], []
            for _ in range(runs):
                t0, c0 = time.perf_counter(), time.process_time()
                out = await render_report(actor, CODE, "pdf")
                timings.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            t0 = time.perf_counter()
            report = await data.gather(actor, CODE)
            t1 = time.perf_counter()
            drawn = charts.draw(report, "png", dpi=150)
            t2 = time.perf_counter()
            pdf = render_pdf(report, drawn)
            t3 = time.perf_counter()
            html_t0 = time.perf_counter()
            html = await render_report(actor, CODE, "html")
            html_s = time.perf_counter() - html_t0
    e = warm.data.effect
    print(f"campaign {CODE}: {e.new_customers:,} new, {e.intent_customers:,} intent, "
          f"{e.won_customers:,} won, revenue {e.revenue:,}, CAC {e.cac.value}, "
          f"charts {len(drawn)}, PDF {len(out.content):,} bytes ({len(pdf):,}), "
          f"HTML {len(html.content):,} bytes")
    return {
        "p50": statistics.median(timings), "max": max(timings), "min": min(timings),
        "cpu_p50": statistics.median(cpu), "cpu_max": max(cpu),
        "data": t1 - t0, "charts": t2 - t1, "pdf": t3 - t2, "html": html_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--background", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    t0 = time.perf_counter()
    url, _ = asyncio.run(prepare(args.customers, args.background))
    print(f"seeded in {time.perf_counter() - t0:.1f} s")
    figures = asyncio.run(measure(url, args.runs))
    print(f"PDF end to end over {args.runs} runs: p50 {figures['p50']:.3f} s, "
          f"max {figures['max']:.3f} s, min {figures['min']:.3f} s (target < 5 s); "
          f"CPU time of this process p50 {figures['cpu_p50']:.3f} s, "
          f"max {figures['cpu_max']:.3f} s (the database's own CPU not included)")
    print(f"load average during the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"one run split: data {figures['data']:.3f} s, charts {figures['charts']:.3f} s, "
          f"PDF layout {figures['pdf']:.3f} s; HTML end to end {figures['html']:.3f} s")


if __name__ == "__main__":
    main()
