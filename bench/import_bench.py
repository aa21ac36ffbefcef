"""Historical import of 100,000 customers into PostgreSQL: CSV and XLSX, dry run and real.

    python -m bench.import_bench [--rows 100000] [--formats csv,xlsx]
                                 [--database promoflow_bench_import]

Generates the files (Chinese headers, a realistic mix of stages, sources, owners, dates),
recreates the bench database, loads the demo organisation and times, in one process:
dry run (CSV), real import (CSV), re-import of the same file (idempotent: nothing
changes), dry run (XLSX) and real import (XLSX, other external ids). Each real import is
checked afterwards (customers, stage history, audit events). Figures: docs/import.md.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import logging
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HEADER = ["外部编号", "客户名称", "联系人", "电话", "邮箱", "微信", "行业", "客户来源", "阶段",
          "负责人", "成交金额", "流失原因", "需求概述", "备注", "最近跟进日期", "渠道",
          "创建日期", "阶段日期"]
STAGES = ["潜在", "意向", "谈判", "成交", "流失"]
SOURCES = ["展会", "转介绍", "线上推广(抖音)", "社交媒体", "电话咨询", "线上表单", "历史订单"]
INDUSTRIES = ["制造业", "零售", "软件", "教育", "医疗", "物流"]
CHANNELS = ["", "抖音", "公众号", "小红书", "官网", "展会"]
OWNERS = ["rep.li", "rep.wang", "rep.zhao", "mgr.east", "李娜"]


def rows(count: int, prefix: str, seed: int = 5) -> list[list[object]]:
    rnd = random.Random(seed)
    start = date(2024, 12, 1)
    out: list[list[object]] = []
    for i in range(count):
        created = start + timedelta(days=rnd.randrange(0, 700))
        stage = rnd.choice(STAGES)
        staged = created + timedelta(days=rnd.randrange(0, 60)) if stage != "潜在" else None
        if staged is not None and staged > date(2026, 11, 30):
            staged = date(2026, 11, 30)
        out.append([
            f"{prefix}{i:07d}", f"客户{prefix}{i}有限公司", f"联系人{i % 997}",
            f"13{rnd.randrange(100000000, 999999999)}",
            f"user{i}@example.com" if i % 3 == 0 else "",
            f"wx_{i}" if i % 5 == 0 else "", rnd.choice(INDUSTRIES),
            "、".join(rnd.sample(SOURCES, rnd.choice((1, 1, 2)))), stage, rnd.choice(OWNERS),
            f"{rnd.randrange(1000, 500000)}.{rnd.randrange(0, 100):02d}" if stage == "成交"
            else "", "预算不足" if stage == "流失" else "", "需要报价", "",
            (created + timedelta(days=3)).isoformat() if i % 2 else "", rnd.choice(CHANNELS),
            created.isoformat(), staged.isoformat() if staged else "",
        ])
    return out


def write_csv(path: Path, data: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(data)


def write_xlsx(path: Path, data: list[list[object]]) -> None:
    """An XLSX laid out as Excel saves it: shared strings and a <dimension> element.

    (openpyxl's write-only mode writes inline strings and no dimension, which makes
    openpyxl's reader parse the whole sheet twice; Excel's own files are not like that.)
    """
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    for row in data:
        ws.append(row)
    wb.save(path)


async def run(args: argparse.Namespace) -> int:
    from bench import common
    from engine import authz, db, demo, machines
    from engine import settings as settings_module
    from engine.models import AuditEvent, Customer, CustomerStageChange
    from engine.services import imports, org
    from engine.settings import Settings

    tmp = Path(args.files or tempfile.gettempdir()) / f"promoflow-import-bench-{args.rows}"
    tmp.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    csv_path, xlsx_path = tmp / "customers.csv", tmp / "customers.xlsx"
    if not csv_path.exists():
        write_csv(csv_path, rows(args.rows, "CSV"))
    if "xlsx" in args.formats and not xlsx_path.exists():
        write_xlsx(xlsx_path, rows(args.rows, "XLS", seed=7))
    print(f"files for {args.rows:,} rows in {tmp} ready in {time.perf_counter() - t:.1f} s")
    # the writing phase logs its steps (engine/importing/bulk.py Timer)
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("    %(message)s"))
    logging.getLogger("promoflow.imports").addHandler(handler)
    logging.getLogger("promoflow.imports").setLevel(logging.INFO)

    if args.sqlite:  # embedded mode, for comparison
        from engine import migrate

        url = f"sqlite://{args.sqlite}"
        await migrate.upgrade(url)
    else:
        url = await common.recreate_database(args.database)
        common.migrate(url)
        url = url.replace("postgresql://", "postgres://", 1)
    settings_module.configure(Settings(database_url=url, embedded_scheduler=False))
    machines.load()
    authz.load()
    failures = 0
    async with db.database(url):
        await demo._ensure_org()
        admin = await org.principal_for_username("admin")
        assert admin is not None
        print(f"{'run':<26}{'status':<11}{'rows':>9}{'created':>9}{'updated':>9}"
              f"{'seconds':>9}{'rows/s':>10}")

        async def timed(label: str, path: Path, dry: bool) -> None:
            nonlocal failures
            started = time.perf_counter()
            job = await imports.start_import(admin, path, path.name, "customers", dry)
            took = time.perf_counter() - started
            rate = (job.total_rows or 0) / took
            print(f"{label:<26}{job.status:<11}{job.total_rows or 0:>9,}{job.created_count:>9,}"
                  f"{job.updated_count:>9,}{took:>9.2f}{rate:>10,.0f}", flush=True)
            if job.status != "succeeded":
                failures += 1
                print(f"  {job.message}: {job.problems[:3]}", file=sys.stderr)

        expected = 0
        if "csv" in args.formats:
            await timed("CSV dry run", csv_path, True)
            await timed("CSV import", csv_path, False)
            await timed("CSV re-import (no change)", csv_path, False)
            expected += args.rows
        if "xlsx" in args.formats:
            await timed("XLSX dry run", xlsx_path, True)
            await timed("XLSX import", xlsx_path, False)
            expected += args.rows
        customers = await Customer.all().count()
        history = await CustomerStageChange.all().count()
        audits = await AuditEvent.filter(object_type="customer", action="import").count()
        print(f"database: {customers:,} customers, {history:,} stage changes, "
              f"{audits:,} customer audit events")
        if customers != expected or audits != expected:
            failures += 1
            print("unexpected counts", file=sys.stderr)
    # keep memory figures honest: report the peak RSS of this process
    import resource

    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", default="promoflow_bench_import")
    parser.add_argument("--formats", default="csv,xlsx", help="csv, xlsx or csv,xlsx")
    parser.add_argument("--files", help="where generated files are kept (default: tmp)")
    parser.add_argument("--sqlite", metavar="FILE",
                        help="import into this (recreated) SQLite file instead of PostgreSQL")
    args = parser.parse_args()
    if args.sqlite:
        path = Path(args.sqlite).resolve()
        path.unlink(missing_ok=True)
        args.sqlite = str(path)
    return asyncio.run(run(args))


if __name__ == "__main__":
    raise SystemExit(main())
