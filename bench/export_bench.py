"""Export throughput and memory: the customers table as CSV and XLSX on PostgreSQL.

    .venv/bin/python -m bench.export_bench --sizes 10000,100000

For each size: a fresh database (`promoflow_bench_exports`), the bench organisation
(500 reps in 20 departments) and `size` customers; then the export an admin downloads
(every row, contacts in clear) and a rep's (own rows only), timed from `exports.prepare`
to the last byte. Each variant runs in a process of its own, so the peak resident memory
shown is that variant's alone (the process's high-water mark, the interpreter included).

Baselines, measured in the same run on the same rows:

- `xlsx via openpyxl`: the export's previous writer, openpyxl's write-only workbook
  (kept here, not in the engine, only to measure against);
- `xlsx via XlsxWriter`: XlsxWriter's constant-memory mode, when it is installed (it is
  not a dependency: `pip install xlsxwriter` to include it);
- the floor: one hand-written `COPY (SELECT … JOIN app_user …) TO STDOUT CSV` of the same
  rows on a direct connection.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from typing import Any

import asyncpg

from bench.common import ROOT, migrate, pg_url, recreate_database
from bench.seed import seed_customers, seed_org
from engine import authz, db, export_formats, machines
from engine import settings as settings_module
from engine.export_formats import Sheet
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
VARIANTS = ("csv", "xlsx", "xlsx-openpyxl", "xlsx-xlsxwriter", "rep-csv", "rep-xlsx", "copy")
LABELS = {"csv": "admin csv", "xlsx": "admin xlsx (engine writer)",
          "xlsx-openpyxl": "admin xlsx via openpyxl write-only (previous writer)",
          "xlsx-xlsxwriter": "admin xlsx via XlsxWriter constant_memory",
          "rep-csv": "rep csv", "rep-xlsx": "rep xlsx", "copy": "COPY … TO STDOUT (SQL floor)"}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the baselines' writers ----------------------------------------------------------------


async def openpyxl_stream(sheets: Sequence[Sheet]) -> AsyncIterator[bytes]:
    """The previous `export_formats.xlsx_stream`: openpyxl's write-only workbook."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    formats = {"money": "#,##0.00", "number": "0.00", "int": "0", "date": "yyyy-mm-dd",
               "datetime": "yyyy-mm-dd hh:mm"}

    def cell(ws: Any, value: Any, kind: str) -> Any:
        if value is None or isinstance(value, str | bool | int | date):
            return value
        c = WriteOnlyCell(ws, value.replace(tzinfo=None) if isinstance(value, datetime)
                          else value)
        if kind in formats:
            c.number_format = formats[kind]
        return c

    def new_sheet(wb: Any, sheet: Sheet) -> Any:
        ws = wb.create_sheet(title=sheet.name[:31])
        for i, col in enumerate(sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
        ws.freeze_panes = "A2"
        header = []
        for col in sheet.columns:
            h = WriteOnlyCell(ws, col.header(sheet.lang))
            h.font = Font(bold=True)
            header.append(h)
        ws.append(header)
        return ws

    def append(ws: Any, kinds: list[str], rows: list[Sequence[Any]]) -> None:
        for row in rows:
            ws.append([cell(ws, v, k) for v, k in zip(row, kinds, strict=True)])

    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=1) as writer, tempfile.TemporaryFile() as tmp:
        wb = Workbook(write_only=True)
        for sheet in sheets:
            ws = await loop.run_in_executor(writer, new_sheet, wb, sheet)
            kinds = [c.kind for c in sheet.columns]
            async for chunk in export_formats._chunks(sheet):
                await loop.run_in_executor(writer, append, ws, kinds, chunk)
        await loop.run_in_executor(writer, wb.save, tmp)
        tmp.seek(0)
        while data := tmp.read(1 << 16):
            yield data


async def xlsxwriter_stream(sheets: Sequence[Sheet]) -> AsyncIterator[bytes]:
    """XlsxWriter in constant-memory mode, typed writes per cell."""
    import xlsxwriter

    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=1) as writer, tempfile.TemporaryFile() as tmp:
        wb = xlsxwriter.Workbook(tmp, {"constant_memory": True, "strings_to_numbers": False,
                                       "strings_to_formulas": False,
                                       "strings_to_urls": False})
        formats = {k: wb.add_format({"num_format": f}) for k, f in (
            ("money", "#,##0.00"), ("number", "0.00"), ("int", "0"),
            ("date", "yyyy-mm-dd"), ("datetime", "yyyy-mm-dd hh:mm"))}
        bold = wb.add_format({"bold": True})

        def append(ws: Any, kinds: list[str], start: int, rows: list[Sequence[Any]]) -> None:
            for r, row in enumerate(rows, start=start):
                for c, (v, k) in enumerate(zip(row, kinds, strict=True)):
                    if v is None:
                        continue
                    if isinstance(v, str):
                        ws.write_string(r, c, v)
                    elif isinstance(v, datetime):
                        ws.write_datetime(r, c, v.replace(tzinfo=None), formats["datetime"])
                    elif isinstance(v, date):
                        ws.write_datetime(r, c, datetime(v.year, v.month, v.day),
                                          formats["date"])
                    else:
                        ws.write_number(r, c, float(v), formats.get(k))

        for sheet in sheets:
            ws = wb.add_worksheet(sheet.name[:31])
            for i, col in enumerate(sheet.columns):
                ws.set_column(i, i, col.width)
                ws.write_string(0, i, col.header(sheet.lang), bold)
            ws.freeze_panes(1, 0)
            kinds = [c.kind for c in sheet.columns]
            row = 1
            async for chunk in export_formats._chunks(sheet):
                await loop.run_in_executor(writer, append, ws, kinds, row, chunk)
                row += len(chunk)
        await loop.run_in_executor(writer, wb.close)
        tmp.seek(0)
        while data := tmp.read(1 << 16):
            yield data


# -- seeding and measuring ---------------------------------------------------------------


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


async def _export(username: str, fmt: str, writer: Any = None) -> tuple[int, int, float]:
    principal = await org.principal_for_username(username)
    assert principal is not None
    started = time.perf_counter()
    prepared = await exports.prepare(principal, "customers", fmt, "zh", {})
    stream = prepared.stream() if writer is None else writer(prepared.sheets)
    size = 0
    async for chunk in stream:
        size += len(chunk)
    return prepared.sheets[0].written, size, time.perf_counter() - started


async def _copy(url: str) -> tuple[int, int, float]:
    conn = await asyncpg.connect(url)
    copied = 0

    async def sink(data: bytes) -> None:
        nonlocal copied
        copied += len(data)

    try:
        rows = int(await conn.fetchval("SELECT COUNT(*) FROM customer"))
        started = time.perf_counter()
        await conn.copy_from_query(BASELINE, output=sink, format="csv", header=True)
        return rows, copied, time.perf_counter() - started
    finally:
        await conn.close()


async def measure(variant: str) -> tuple[int, int, float] | None:
    url = pg_url(NAME)
    if variant == "copy":
        return await _copy(url)
    if variant == "xlsx-xlsxwriter":
        try:
            import xlsxwriter  # noqa: F401
        except ImportError:
            return None
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
    async with db.database(settings_module.current().database_url):
        who = rep if variant.startswith("rep-") else "bench.admin"
        fmt = "csv" if variant.endswith("csv") else "xlsx"
        writer = {"xlsx-openpyxl": openpyxl_stream,
                  "xlsx-xlsxwriter": xlsxwriter_stream}.get(variant)
        return await _export(who, fmt, writer)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--variants", default=",".join(VARIANTS),
                        help=f"comma-separated, of {', '.join(VARIANTS)}")
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed is not None:
        asyncio.run(seed(args.seed))
        return
    if args.measure is not None:
        result = asyncio.run(measure(args.measure))
        if result is None:
            print(f"| {LABELS[args.measure]} | not installed | | | | |", flush=True)
            return
        rows, nbytes, seconds = result
        print(f"| {LABELS[args.measure]} | {rows:,} | {nbytes:,} | {seconds:.2f} | "
              f"{rows / seconds:,.0f} | {peak_rss_mb():.0f} |", flush=True)
        return
    print(f"load average before: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"{os.cpu_count()} cores")
    me = [sys.executable, "-m", "bench.export_bench"]
    for size in (int(s) for s in args.sizes.split(",")):
        # seeding builds big batches in memory: another process, so that each variant's
        # peak memory is its own
        subprocess.run([*me, "--seed", str(size)], check=True, cwd=ROOT)
        print(f"\n{size:,} customers\n")
        print("| export | rows | bytes | seconds | rows/s | peak RSS MB |")
        print("|---|---:|---:|---:|---:|---:|", flush=True)
        for variant in args.variants.split(","):
            subprocess.run([*me, "--measure", variant], check=True, cwd=ROOT)
        print(f"\nload average after: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}",
              flush=True)


if __name__ == "__main__":
    main()
