"""Escalation under load: follow-ups coming due, real workers, PostgreSQL and Redis.

    python -m bench.escalation_bench [--follow-ups 100000] [--over 60] [--workers 2]

`--follow-ups` follow-ups (and their deadlines) come due evenly over `--over` seconds,
starting 20 s after they are written; their escalation jobs are enqueued as the services
enqueue them (one deferred arq job per second); `--workers` `promoflow worker` processes
apply the first ladder step (mark overdue through the state machine, remind the owner,
audit everything, publish the notifications). Printed: the lag from due time to applied
step (p50, p99, max), steps per second, duplicates, the workers' peak memory; and, in the
same run, the floor: one set-based UPDATE marking the same number of rows overdue.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
from arq import create_pool
from arq.connections import RedisSettings

from bench import common, seed
from engine import runtime
from engine.settings import Settings

REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
LEAD = 20.0  # seconds between writing the rows and the first one coming due


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def prepare(n: int, over: float) -> tuple[str, datetime]:
    url = await common.recreate_database("promoflow_bench_escalation")
    common.migrate(url)
    conn = await asyncpg.connect(url)
    try:
        org = await seed.seed_org(conn)
        await seed.seed_customers(conn, org, 0, 2000)
        customers = await conn.fetch("SELECT id, owner_id, department_id FROM customer")
        start = datetime.now(UTC) + timedelta(seconds=LEAD)
        now = datetime.now(UTC)
        follow_ups = []
        for i in range(n):
            c = customers[i % len(customers)]
            due = start + timedelta(seconds=over * i / max(n - 1, 1))
            follow_ups.append((1, now, now, f"GB{i:09d}", c["id"], now.date(), "phone",
                               c["owner_id"], c["owner_id"], "电话沟通", "neutral", "回电确认",
                               due, "pending"))
        await conn.copy_records_to_table(
            "follow_up", records=follow_ups,
            columns=["version", "created_at", "updated_at", "code", "customer_id",
                     "follow_up_date", "method", "created_by_id", "assignee_id", "summary",
                     "feedback", "next_action", "due_at", "status"])
        rows = await conn.fetch("SELECT f.id, f.due_at, f.assignee_id, c.department_id FROM "
                                "follow_up f JOIN customer c ON c.id = f.customer_id")
        await conn.copy_records_to_table(
            "deadline",
            records=[(1, now, now, "follow_up", r["id"], 1, r["due_at"], 0, r["due_at"],
                      "active", r["assignee_id"], r["department_id"]) for r in rows],
            columns=["version", "created_at", "updated_at", "kind", "object_id", "generation",
                     "due_at", "next_step", "next_at", "status", "owner_id", "department_id"])
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    # what the services do after commit: one deferred job per second that has a step due
    pool = await create_pool(RedisSettings.from_dsn(REDIS))
    await pool.flushdb()
    namespace = Settings(database_url=url.replace("postgresql://", "postgres://", 1)).redis_prefix
    queue = runtime.ArqQueue(pool, namespace)  # the workers' namespace, as the server's
    seconds = int(over) + 2
    for s in range(seconds):
        at = datetime.fromtimestamp(int(start.timestamp()) + s, UTC)
        await queue.enqueue("escalate_due", job_id=f"escalate:{int(at.timestamp())}", at=at)
    await pool.aclose()
    return url, start


async def progress(url: str) -> int:
    conn = await asyncpg.connect(url)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM escalation_step"))
    finally:
        await conn.close()


async def figures(url: str) -> dict[str, float]:
    conn = await asyncpg.connect(url)
    try:
        row = await conn.fetchrow(
            "SELECT count(*) AS n, count(DISTINCT (deadline_id, generation, step)) AS d, "
            "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - "
            "due_at)) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM "
            "applied_at - due_at)) AS p99, max(extract(epoch FROM applied_at - due_at)) AS mx, "
            "min(extract(epoch FROM applied_at - due_at)) AS mn, "
            "extract(epoch FROM max(applied_at) - min(applied_at)) AS span FROM escalation_step")
        overdue = await conn.fetchval("SELECT count(*) FROM follow_up WHERE status = 'overdue'")
        audits = await conn.fetchval("SELECT count(*) FROM audit_event WHERE "
                                     "action = 'mark_overdue'")
        notes = await conn.fetchval("SELECT count(*) FROM notification "
                                    "WHERE object_type = 'follow_up'")
    finally:
        await conn.close()
    return {"steps": row["n"], "distinct": row["d"], "p50": row["p50"], "p99": row["p99"],
            "max": row["mx"], "min": row["mn"], "span": row["span"], "overdue": overdue,
            "audits": audits, "notifications": notes}


async def floor(url: str, n: int) -> float:
    """The same number of rows marked overdue by one set-based statement (rows/s)."""
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("UPDATE follow_up SET status = 'pending', status_reason = NULL")
        t0 = time.perf_counter()
        done = await conn.execute(
            "UPDATE follow_up SET status = 'overdue', status_reason = 'escalated', "
            "version = version + 1, updated_at = now() WHERE status = 'pending' "
            "AND due_at <= now()")
        elapsed = time.perf_counter() - t0
        assert int(done.split()[-1]) == n, done
    finally:
        await conn.close()
    return n / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--follow-ups", type=int, default=100_000)
    parser.add_argument("--over", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    url, start = asyncio.run(prepare(args.follow_ups, args.over))
    env = dict(os.environ, DATABASE_URL=url.replace("postgresql://", "postgres://", 1),
               REDIS_URL=REDIS, LOG_LEVEL="WARNING", JWT_SECRET=common.SECRET)
    procs = [subprocess.Popen([sys.executable, "-m", "engine.cli", "worker"], env=env,
                              cwd=common.ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for _ in range(args.workers)]
    peak = dict.fromkeys([p.pid for p in procs], 0.0)
    deadline = start + timedelta(seconds=args.over + 180)
    try:
        while True:
            for p in procs:
                peak[p.pid] = max(peak[p.pid], rss_mb(p.pid))
            done = asyncio.run(progress(url))
            if done >= args.follow_ups or datetime.now(UTC) > deadline:
                break
            time.sleep(1)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=30)
    f = asyncio.run(figures(url))
    rate = asyncio.run(floor(url, args.follow_ups))
    arrival = args.follow_ups / args.over
    print()
    print(f"{args.follow_ups:,} follow-ups due over {args.over:.0f} s "
          f"({arrival:,.0f}/s arriving), {args.workers} workers:")
    print(f"  steps applied        {f['steps']:>10,}  (distinct {f['distinct']:,}, "
          f"duplicates {f['steps'] - f['distinct']})")
    print(f"  marked overdue       {f['overdue']:>10,}  audited {f['audits']:,}, "
          f"notifications {f['notifications']:,}")
    print(f"  lag p50 / p99 / max  {f['p50']:.3f} / {f['p99']:.3f} / {f['max']:.3f} s "
          f"(min {f['min']:.3f} s: none early)")
    print(f"  throughput           {f['steps'] / max(f['span'], 0.001):,.0f} steps/s over "
          f"{f['span']:.1f} s of applying")
    print("  worker peak memory   " + ", ".join(f"{m:.0f} MB" for m in peak.values()))
    print(f"  floor (one UPDATE)   {rate:,.0f} rows/s")


if __name__ == "__main__":
    main()
