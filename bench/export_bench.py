"""Export throughput and memory: the customers table as CSV and XLSX on PostgreSQL.

    .venv/bin/python -m bench.export_bench --sizes 10000,100000

For each size: a fresh database (`promoflow_bench_exports`), the bench organisation
(500 reps in 20 departments) and `size` customers; then, in this process, the export an
admin downloads (every row, contacts in clear) and a rep's (own rows only), timed from
`exports.prepare` to the last byte, with the peak resident memory of the process. Beside
it, the floor: one hand-written `COPY (SELECT … JOIN app_user …) TO STDOUT CSV` of the
same rows on a direct connection. Seeding runs in a child process and the measuring in
another, so the peak memory shown is the exports' own (the process's high-water mark).
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import sys
import time

import asyncpg

from bench.common import ROOT, migrate, pg_url, recreate_database
from bench.seed import seed_customers, seed_org
from engine import authz, db, machines
from engine import settings as settings_module
from engine.services import exports, org
from engine.settings import Settings

NAME = "promoflow_bench_exports"
BASELINE = """
  SELECT c.code, c.name, c.industry, c.contact_name, c.contact_phone, c.contact_email,
         c.contact_wechat, c.needs_summary, c.stage, c.stage_entered_at, u.display_name,
         u.username, d.name, c.last_follow_up_date, c.deal_amount, c.lost_reason, c.notes,
         c.created_at
  FROM customer c JOIN app_user u ON u.id = c.owner_id
  LEFT JOIN department d ON d.id = c.department_id
  ORDER BY c.id DESC
"""


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _export(username: str, fmt: str) -> tuple[int, int, float]:
    principal = await org.principal_for_username(username)
    assert principal is not None
    started = time.perf_counter()
    prepared = await exports.prepare(principal, "customers", fmt, "zh", {})
    size = 0
    async for chunk in prepared.stream():
        size += len(chunk)
    return prepared.sheets[0].written, size, time.perf_counter() - started


async def seed(size: int) -> None:
    url = await recreate_database(NAME)
    migrate(url)
    conn = await asyncpg.connect(url)
    try:
        ids = await seed_org(conn)
        await seed_customers(conn, ids, 0, size)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


async def measure(size: int) -> list[tuple[str, int, int, float, float]]:
    url = pg_url(NAME)
    conn = await asyncpg.connect(url)
    try:
        rep = await conn.fetchval("SELECT username FROM app_user WHERE role = 'sales_rep' "
                                  "ORDER BY id LIMIT 1")
    finally:
        await conn.close()
    settings_module.configure(Settings(database_url=url.replace("postgresql://", "postgres://",
                                                                1)))
    machines.load()
    authz.load()
    results = []
    async with db.database(settings_module.current().database_url):
        for who in ("bench.admin", rep):
            for fmt in ("csv", "xlsx"):
                rows, nbytes, seconds = await _export(who, fmt)
                results.append((f"{who} {fmt}", rows, nbytes, seconds, peak_rss_mb()))
    # the floor, after the exports so that their peak memory is theirs alone
    conn = await asyncpg.connect(url)
    copied = 0

    async def sink(data: bytes) -> None:
        nonlocal copied
        copied += len(data)

    try:
        started = time.perf_counter()
        await conn.copy_from_query(BASELINE, output=sink, format="csv", header=True)
        baseline = time.perf_counter() - started
    finally:
        await conn.close()
    results.append(("COPY … TO STDOUT (SQL floor)", size, copied, baseline, peak_rss_mb()))
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed is not None:
        asyncio.run(seed(args.seed))
        return
    if args.measure is not None:
        for label, rows, nbytes, seconds, rss in asyncio.run(measure(args.measure)):
            print(f"| {args.measure:,} | {label} | {rows:,} | {nbytes:,} | {seconds:.2f} | "
                  f"{rows / seconds:,.0f} | {rss:.0f} |", flush=True)
        return
    print("| customers | export | rows | bytes | seconds | rows/s | peak RSS MB |")
    print("|---:|---|---:|---:|---:|---:|---:|", flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        # seeding builds big batches in memory: do it in another process, so the peak
        # memory of the measuring process is the exports' own
        me = [sys.executable, "-m", "bench.export_bench"]
        subprocess.run([*me, "--seed", str(size)], check=True, cwd=ROOT)
        subprocess.run([*me, "--measure", str(size)], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
