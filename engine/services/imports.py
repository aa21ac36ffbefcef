"""Historical import of customers and orders from CSV/XLSX (docs/import.md).

One `ImportJob` per file. A run has two phases:

1. **validating** — every row is read (engine/tabular.py), converted and checked against
   the customer rules (the same `engine.validation` rules `customers.create` uses),
   references (owners, campaigns, customers of orders, existing external ids) are
   resolved in bulk. Every problem is collected as {row, column, value, problem}; the
   stored list is capped at `PROBLEM_CAP`, `error_count` stays exact.
2. **writing** (real runs of a valid file only) — one transaction: new records by
   multi-row INSERTs, changed records by batched UPDATEs, customer codes allocated as one
   block, stage history at the historical dates, one audit event per customer plus one
   summarising event per import. Any failure rolls all of it back: all-or-nothing.

A dry run stops after phase 1 and writes nothing but its job row. Re-importing a file is
idempotent: rows whose external id exists update that record (only changed fields; an
unchanged row is not touched), so counts do not grow.

Progress: the running job lives in an in-process registry (`running_job`) that readers in
this process see at once; a flusher task, started outside the import transaction, copies
its counters to the job row every `FLUSH_SECONDS` on its own pooled connection. On SQLite
(one writer at a time) the flusher pauses while the import transaction runs, so readers in
other processes see the writing phase only when it ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time as time_module
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import IO, Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import audit, clock, db, outbox, settings, tabular, validation
from engine.authz import NoAccess, Principal, can, scope_filter
from engine.errors import Forbidden, NotFound, ValidationFailed
from engine.models import (
    Campaign,
    CampaignChannelLink,
    Customer,
    CustomerOrder,
    CustomerSourceLink,
    ImportJob,
)
from engine.models import User as UserRow
from engine.models.enums import Channel, CustomerSource, CustomerStage, LabelledEnum
from engine.pagination import OrderKey, Page, empty_page, paginate
from engine.services import customers, org

log = logging.getLogger("promoflow.imports")

OBJECT = "import"
KINDS = tabular.KINDS
PENDING, RUNNING, SUCCEEDED, FAILED = "pending", "running", "succeeded", "failed"
VALIDATING, WRITING = "validating", "writing"
PROBLEM_CAP = 1000
PROGRESS_EVERY = 500
FLUSH_SECONDS = 0.5
MAX_PARAMS = 30_000  # per statement: under SQLite's 32,766 and asyncpg's 32,767
LOOKUP_CHUNK = 1000
MAX_UPLOAD_BYTES = 64_000_000

ProgressCallback = Callable[[ImportJob, str], None]
Source = bytes | str | Path | IO[bytes]

_running: dict[int, tuple[ImportJob, str]] = {}
_tasks: dict[asyncio.Task[Any], int] = {}  # background imports of this process → job id
INTERRUPTED = "interrupted (the process stopped); nothing imported"


# -- the report --------------------------------------------------------------------------


class Report:
    """Problems of a file: exact count, the first `PROBLEM_CAP` in (row, column) order."""

    def __init__(self, headers: dict[str, str] | None = None) -> None:
        self.count = 0
        self.headers = headers or {}
        self._kept: list[tuple[int, int, dict[str, Any]]] = []
        self._seq = 0

    def add(self, row: int, column: str | None, value: Any, problem: str) -> None:
        self.count += 1
        self._seq += 1
        shown = None if value is None or value == "" else str(value)[:200]
        entry = {"row": row, "column": self.headers.get(column or "", column),
                 "value": shown, "problem": problem}
        self._kept.append((row, self._seq, entry))
        if len(self._kept) > 4 * PROBLEM_CAP:
            self._trim()

    def _trim(self) -> None:
        self._kept.sort(key=lambda t: (t[0], t[1]))
        del self._kept[PROBLEM_CAP:]

    def problems(self) -> list[dict[str, Any]]:
        self._trim()
        return [entry for _, _, entry in self._kept]


# -- cell conversion ---------------------------------------------------------------------

_SPLIT = re.compile(r"[、,，;；/|]+")
_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def cell_text(value: Any) -> str | None:
    """A cell as text: numbers without a spurious '.0', dates as ISO, blanks as None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def parse_date(value: Any) -> tuple[date, time | None]:
    """A date (and time of day, if given) from a cell; ValueError if it is none.

    Accepts XLSX dates, Excel serial numbers (1900 system), 2025-03-07, 2025/3/7,
    2025.3.7, 20250307, 2025年3月7日, with an optional " HH:MM[:SS]".
    """
    if isinstance(value, datetime):
        return value.date(), (value.time() if value.time() != time(0) else None)
    if isinstance(value, date):
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        serial = float(value)
        if 1 <= serial < 2_958_466:
            at = datetime.combine(_EXCEL_EPOCH, time(0)) + timedelta(days=serial)
            return at.date(), (at.time().replace(microsecond=0)
                               if at.time() != time(0) else None)
        raise ValueError("not a date")
    text = cell_text(value) or ""
    if len(text) == 10 and text[4] == "-":
        try:
            return date.fromisoformat(text), None
        except ValueError:
            pass
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return parse_date(float(text))
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            day = date(y, mo, d)
            hh = m.group(4) if pattern.groups >= 4 else None
            if hh is not None:
                return day, time(int(hh), int(m.group(5)), int(m.group(6) or 0))
            return day, None
    raise ValueError("not a date")


def parse_amount(value: Any) -> Any:
    """Money text as the validator wants it: '¥12,345.60' → '12345.60'."""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    if isinstance(value, int | Decimal):
        return value
    text = cell_text(value)
    if text is None:
        return None
    return re.sub(r"[¥￥,，\s]|元$", "", text)


@cache
def _label_table(enum: type[LabelledEnum]) -> dict[str, LabelledEnum]:
    table: dict[str, LabelledEnum] = {}
    for member in enum:
        table[member.value] = member
        table[member.name.lower()] = member
        table[member.label.replace("（", "(").replace("）", ")").lower()] = member
    return table


def parse_label(enum: type[LabelledEnum], raw: str) -> LabelledEnum | None:
    """A member by value, name or Chinese label (brackets of either width)."""
    key = raw.strip().replace("（", "(").replace("）", ")").lower()
    return _label_table(enum).get(key)


def _labels(enum: type[LabelledEnum]) -> str:
    return ", ".join(f"{m.label}/{m.value}" for m in enum)


# -- progress ----------------------------------------------------------------------------


class _Progress:
    """The job's counters in memory, copied to its row by a flusher task."""

    def __init__(self, job: ImportJob, callback: ProgressCallback | None) -> None:
        self.job = job
        self.callback = callback
        self.phase = VALIDATING
        self.db_writes = True
        self.dirty = False
        self._since = 0

    def start(self, phase: str, total: int | None = None) -> None:
        self.phase = phase
        self.job.processed_rows = 0
        if total is not None:
            self.job.total_rows = total
        self.job.message = phase
        _running[self.job.id] = (self.job, phase)
        self._changed(force=True)

    def advance(self, rows: int = 1) -> None:
        self.job.processed_rows += rows
        self._since += rows
        if self._since >= PROGRESS_EVERY:
            self._changed()

    def _changed(self, force: bool = False) -> None:
        self._since = 0
        self.dirty = True
        if self.callback is not None:
            self.callback(self.job, self.phase)

    async def flush(self) -> None:
        if self.dirty and self.db_writes:
            self.dirty = False
            await ImportJob.filter(id=self.job.id).update(
                processed_rows=self.job.processed_rows, total_rows=self.job.total_rows,
                message=self.job.message,
            )

    async def run(self) -> None:
        while True:
            await asyncio.sleep(FLUSH_SECONDS)
            try:
                await self.flush()
            except Exception:  # progress is best-effort; the outcome is saved at the end
                log.warning("import progress flush failed", exc_info=True)


async def stop_running() -> None:
    """Cancel this process's background imports (server shutdown): each rolls back and is
    saved as failed ("interrupted")."""
    tasks = dict(_tasks)
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
    if tasks:  # a task cancelled before it started never ran its own bookkeeping
        await ImportJob.filter(id__in=list(tasks.values()), status__in=[PENDING, RUNNING]
                               ).update(status=FAILED, message=INTERRUPTED,
                                        finished_at=clock.now())


def running_job(job_id: int) -> tuple[ImportJob, str] | None:
    """The live (in-memory) job and its phase if it runs in this process."""
    return _running.get(job_id)


def percent(job: ImportJob, phase: str | None) -> float | None:
    """Overall progress 0–100: a real run weighs validating and writing half each."""
    if job.status in (SUCCEEDED, FAILED):
        return 100.0
    if not job.total_rows:
        return None if job.status == RUNNING else 0.0
    share = min(job.processed_rows / job.total_rows, 1.0)
    if job.dry_run:
        return round(share * 100, 1)
    return round((share + (1.0 if phase == WRITING else 0.0)) * 50, 1)


# -- entry points ------------------------------------------------------------------------


async def start_import(
    actor: Principal,
    source: Source,
    filename: str,
    kind: str,
    dry_run: bool = False,
    *,
    background: bool = False,
    on_progress: ProgressCallback | None = None,
) -> ImportJob:
    """Create the job and run it (or, with `background`, start it as a task of this
    process and return the pending job at once)."""
    if kind not in KINDS:
        raise ValidationFailed("kind", f"kind must be one of {', '.join(KINDS)}", rule="choice")
    if not can(actor, OBJECT, kind, actor.id, actor.department_id):
        raise Forbidden(OBJECT, kind, f"you may not import {kind}")
    name = validation.required_text("filename", Path(filename or "").name, max_len=300)
    fmt = tabular.file_format(name)
    job = await ImportJob.create(
        kind=kind, filename=name, file_format=fmt, dry_run=bool(dry_run), status=PENDING,
        created_by_id=actor.id, problems=[],
    )
    if background:
        task = asyncio.create_task(run_job(job, actor, source, on_progress))
        _tasks[task] = job.id
        task.add_done_callback(lambda t: _tasks.pop(t, None))
        return job
    return await run_job(job, actor, source, on_progress)


async def run_job(job: ImportJob, actor: Principal, source: Source,
                  on_progress: ProgressCallback | None = None) -> ImportJob:
    progress = _Progress(job, on_progress)
    _running[job.id] = (job, VALIDATING)
    flusher: asyncio.Task[None] | None = None
    try:
        job.status, job.started_at, job.message = RUNNING, clock.now(), VALIDATING
        await job.save(update_fields=["status", "started_at", "message"])
        flusher = asyncio.create_task(progress.run())
        await _process(job, actor, source, progress)
    except ValidationFailed as exc:  # the file as a whole: unreadable, header problems
        job.status, job.message = FAILED, exc.message[:500]
        job.problems = [{"row": 1, "column": None, "value": None, "problem": exc.message}]
        job.error_count = 1
    except asyncio.CancelledError:
        job.status, job.message = FAILED, INTERRUPTED
        job.created_count = job.updated_count = 0
        raise
    except Exception as exc:
        log.exception("import %s failed", job.id)
        job.status = FAILED
        job.created_count = job.updated_count = 0
        job.message = f"unexpected error, nothing imported: {type(exc).__name__}: {exc}"[:500]
    finally:
        if flusher is not None:
            flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flusher
        job.finished_at = clock.now()
        if job.status == RUNNING:  # pragma: no cover - _process always decides
            job.status = FAILED
        await asyncio.shield(job.save())
        _running.pop(job.id, None)
        if on_progress is not None:
            on_progress(job, "done")
    return job


async def _process(job: ImportJob, actor: Principal, source: Source,
                   progress: _Progress) -> None:
    with tabular.open_table(source, job.filename, job.kind) as table:
        report = Report({c: table.headers[i] for c, i in table.columns.items()})
        progress.start(VALIDATING, table.total_rows)
        plan: _CustomerPlan | _OrderPlan
        if job.kind == "customers":
            plan = await _validate_customers(actor, table, report, progress)
        else:
            plan = await _validate_orders(actor, table, report, progress)
    job.total_rows = plan.rows
    job.processed_rows = plan.rows
    job.error_count = report.count
    job.problems = report.problems()
    ignored = f"; ignored columns: {', '.join(table.unknown)}" if table.unknown else ""
    if report.count:
        job.status = FAILED
        job.message = (f"{report.count} problem(s) in {plan.rows} row(s); nothing imported"
                       f"{ignored}")[:500]
        return
    job.created_count, job.updated_count = plan.creates, plan.updates
    if job.dry_run:
        job.status = SUCCEEDED
        job.message = (f"dry run: the file is valid; would create {plan.creates}, update "
                       f"{plan.updates}, leave {plan.unchanged} unchanged{ignored}")[:500]
        return
    progress.start(WRITING)
    await progress.flush()  # the phase change is visible everywhere before the transaction
    # SQLite has one writer: progress rows would wait for this very transaction.
    progress.db_writes = db.dialect_of(db.connection()) != "sqlite"
    try:
        async with outbox.atomic() as conn:
            await plan.write(conn, actor, job, progress)
            await audit.write_event(
                conn, actor, OBJECT, job.id, "import",
                changes={"kind": [None, job.kind], "filename": [None, job.filename],
                         "rows": [None, plan.rows], "created": [None, plan.creates],
                         "updated": [None, plan.updates]},
            )
    finally:
        progress.db_writes = True
    await _refresh_statistics(job.kind, plan.creates)
    job.status = SUCCEEDED
    job.message = (f"imported: created {plan.creates}, updated {plan.updates}, "
                   f"unchanged {plan.unchanged}{ignored}")[:500]


ANALYZE_AFTER = 10_000
_TABLES = {"customers": "customer, customer_source, customer_stage_change",
           "orders": "customer_order"}


async def _refresh_statistics(kind: str, created: int) -> None:
    """After a big import, refresh PostgreSQL's planner statistics at once (autovacuum
    would get there later): a table that grew from nothing to 100,000 rows is otherwise
    still planned as empty, and the next re-import's lookups crawl."""
    conn = db.connection()
    if created < ANALYZE_AFTER or db.dialect_of(conn) != "postgres":
        return
    try:
        await conn.execute_script(f"ANALYZE {_TABLES[kind]}")
    except Exception:  # statistics are an optimisation, never a reason to fail
        log.warning("ANALYZE after import failed", exc_info=True)


# -- reading jobs ------------------------------------------------------------------------


def _visible(actor: Principal) -> Any:
    return scope_filter(actor, OBJECT, "read", owner_field="created_by_id",
                        department_field="created_by__department_id")


async def get_job(actor: Principal, job_id: int) -> tuple[ImportJob, str | None] | None:
    """The job (live from memory while it runs here) and its phase, if `actor` may read
    it: their own jobs, or every job for roles with scope `all`."""
    live = _running.get(job_id)
    row = live[0] if live else await ImportJob.get_or_none(id=job_id)
    if row is None:
        return None
    creator = await UserRow.get_or_none(id=row.created_by_id) if row.created_by_id else None
    if not can(actor, OBJECT, "read", row.created_by_id,
               creator.department_id if creator else None):
        return None
    phase = live[1] if live else (None if row.status in (SUCCEEDED, FAILED) else row.message)
    return row, phase


async def list_jobs(actor: Principal, *, first: int | None, after: str | None
                    ) -> Page[ImportJob]:
    try:
        scope = _visible(actor)
    except NoAccess:
        return empty_page()
    qs = ImportJob.all() if scope is None else ImportJob.filter(scope)
    return await paginate(qs, first=first, after=after,
                          order=(OrderKey("id", descending=True),))


def live(row: ImportJob) -> ImportJob:
    """The in-memory job if it is running in this process, else `row`."""
    entry = _running.get(row.id)
    return entry[0] if entry else row


async def require_job(actor: Principal, job_id: int) -> ImportJob:
    found = await get_job(actor, job_id)
    if found is None:
        raise NotFound(OBJECT, job_id)
    return found[0]


# -- shared helpers ----------------------------------------------------------------------


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class _Timer:
    """Seconds per step of the writing phase, logged for operators (and benchmarks)."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.last = time_module.perf_counter()

    def lap(self, step: str) -> None:
        now = time_module.perf_counter()
        log.info("import %s: %s written in %.2f s", self.job_id, step, now - self.last,
                 extra={"import_job": self.job_id, "step": step,
                        "seconds": round(now - self.last, 3)})
        self.last = now


def _preparer(conn: BaseDBAsyncClient) -> Callable[[Any], Any]:
    """A fast per-value converter for raw SQL parameters (engine.db.adapt's rules)."""
    sqlite = db.dialect_of(conn) == "sqlite"
    plain = (str, int, type(None))

    def prep(value: Any) -> Any:
        if type(value) in plain:
            return value
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False, default=str)
        return db.adapt(conn, value) if sqlite else value

    return prep


async def _copy(conn: BaseDBAsyncClient, table: str, columns: Sequence[str],
                rows: Sequence[Sequence[Any]]) -> None:
    """PostgreSQL's binary COPY on the transaction's own asyncpg connection."""
    raw: Any = getattr(conn, "_connection", None)
    if raw is None:  # pragma: no cover - the import always runs in a transaction
        raise RuntimeError("COPY needs the transaction's connection")
    await raw.copy_records_to_table(table, records=rows, columns=list(columns))


class _CopyPipe:
    """COPYs run one after another by a consumer task, so that PostgreSQL works on one
    chunk while Python builds the next. FIFO order keeps foreign keys satisfied."""

    def __init__(self, conn: BaseDBAsyncClient) -> None:
        self.conn = conn
        self.queue: asyncio.Queue[tuple[str, Sequence[str], Sequence[Sequence[Any]]] | None]
        self.queue = asyncio.Queue(maxsize=4)
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while (item := await self.queue.get()) is not None:
            await _copy(self.conn, *item)

    def _check(self) -> None:
        if self.task.done():
            self.task.result()  # re-raises the COPY's error
            raise RuntimeError("the COPY pipe stopped")

    async def put(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
                  ) -> None:
        self._check()
        if rows:
            await self.queue.put((table, columns, rows))
        await asyncio.sleep(0)  # let the consumer send what is queued

    async def close(self) -> None:
        self._check()
        await self.queue.put(None)
        await self.task

    def abort(self) -> None:
        if not self.task.done():
            self.task.cancel()


async def _next_ids(conn: BaseDBAsyncClient, table: str, count: int) -> list[int]:
    """`count` ids from the table's sequence in one round trip (PostgreSQL)."""
    rows = await conn.execute_query_dict(
        f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) AS id "
        "FROM generate_series(1, $1)", [count])
    return [int(r["id"]) for r in rows]


def _marks(conn: BaseDBAsyncClient, rows: int, width: int) -> str:
    if db.dialect_of(conn) == "postgres":
        return ", ".join(
            "(" + ", ".join(f"${r * width + c + 1}" for c in range(width)) + ")"
            for r in range(rows)
        )
    group = "(" + ", ".join("?" * width) + ")"
    return ", ".join([group] * rows)


async def _insert(conn: BaseDBAsyncClient, table: str, columns: Sequence[str],
                  rows: Sequence[Sequence[Any]], returning: str | None = None
                  ) -> list[dict[str, Any]]:
    """Multi-row INSERTs of `rows`, as many per statement as the parameter limit allows
    (PostgreSQL without RETURNING: one binary COPY)."""
    if not rows:
        return []
    if returning is None and db.dialect_of(conn) == "postgres":
        await _copy(conn, table, columns, rows)
        return []
    out: list[dict[str, Any]] = []
    width = len(columns)
    per = max(1, MAX_PARAMS // width)
    cols = ", ".join(columns)
    prep = _preparer(conn)
    cached: dict[int, str] = {}
    for chunk in _chunks(rows, per):
        marks = cached.get(len(chunk))
        if marks is None:
            marks = cached[len(chunk)] = _marks(conn, len(chunk), width)
        params = [prep(v) for row in chunk for v in row]
        sql = f"INSERT INTO {table} ({cols}) VALUES {marks}"
        if returning:
            out.extend(await db.fetch_all(conn, f"{sql} RETURNING {returning}", params))
        else:
            await conn.execute_query(sql, params)
    return out


async def _update_many(conn: BaseDBAsyncClient, table: str, columns: Sequence[str],
                       rows: Sequence[Sequence[Any]], extra_set: str = "") -> None:
    """UPDATE table SET columns… WHERE id = last value, one batched statement per call."""
    if not rows:
        return
    marks = db.placeholders(conn, len(columns) + 1)
    sets = ", ".join(f"{c} = {m}" for c, m in zip(columns, marks, strict=False))
    sql = f"UPDATE {table} SET {sets}{extra_set} WHERE id = {marks[-1]}"
    prep = _preparer(conn)
    await conn.execute_many(sql, [[prep(v) for v in row] for row in rows])


def _diff(current: dict[str, Any], new: dict[str, Any], names: Sequence[str]
          ) -> dict[str, list[Any]]:
    """Changed fields as {field: [before, after]} (JSON values), like audit.diff but
    comparing the typed values directly (the hot path of a re-import)."""
    out: dict[str, list[Any]] = {}
    for name in names:
        old, value = current[name], new[name]
        if old != value:
            out[name] = [audit.jsonable(old), audit.jsonable(value)]
    return out


def _local_datetime(day: date, at: time | None, zone: tzinfo) -> datetime:
    return datetime.combine(day, at or time(0), tzinfo=zone)


async def _lookup(model: type[Any], columns: Sequence[str], key: str, values: Sequence[Any],
                  order: str | None = None) -> list[dict[str, Any]]:
    """Rows of `model` whose `key` is one of `values`, as typed dicts.

    PostgreSQL: one query with `= ANY($1)` (an array parameter: one plan, one round trip
    for 100,000 keys). SQLite: the ORM in chunks of `LOOKUP_CHUNK` (it also converts
    SQLite's text decimals and dates to Python types)."""
    if not values:
        return []
    conn = db.connection()
    if db.dialect_of(conn) == "postgres":
        sql = (f"SELECT {', '.join(columns)} FROM {model._meta.db_table} "
               f"WHERE {key} = ANY($1)" + (f" ORDER BY {order}" if order else ""))
        return await db.fetch_all(conn, sql, [list(values)])
    out: list[dict[str, Any]] = []
    for chunk in _chunks(list(values), LOOKUP_CHUNK):
        qs = model.filter(**{f"{key}__in": list(chunk)})
        if order:
            qs = qs.order_by(order)
        out.extend(await qs.values(*columns))
    return out


async def _campaigns_by_ref(refs: set[str]) -> dict[str, tuple[int, set[str]]]:
    """Campaign id and channels by reference (its code, upper-case, or exact name)."""
    found: dict[str, tuple[int, set[str]]] = {}
    if not refs:
        return found
    rows = await Campaign.filter(code__in=[r.upper() for r in refs]).values("id", "code")
    rows += await Campaign.filter(name__in=list(refs)).values("id", "name")
    ids = {r["id"] for r in rows}
    channels: dict[int, set[str]] = {i: set() for i in ids}
    for link in await CampaignChannelLink.filter(campaign_id__in=list(ids)).values(
            "campaign_id", "channel"):
        channels[link["campaign_id"]].add(link["channel"])
    for r in rows:
        key = r.get("code") or r.get("name")
        found[str(key)] = (r["id"], channels[r["id"]])
    return {ref: found[k] for ref in refs
            for k in (ref.upper(), ref) if k in found}


# -- customers ---------------------------------------------------------------------------

# Columns the import sets on a customer (besides code, owner, stage and bookkeeping).
_PLAIN = ("name", "industry", "contact_name", "contact_phone", "contact_email",
          "contact_wechat", "needs_summary", "notes", "deal_amount", "lost_reason",
          "last_follow_up_date", "source_campaign_id", "source_channel")
_INSERT_COLUMNS = (
    "code", "external_id", *_PLAIN, "stage", "stage_entered_at", "owner_id",
    "department_id", "created_by_id", "custom_fields", "flagged_for_reassignment",
    "version", "created_at", "updated_at",
)


@dataclass
class _CustomerRow:
    row: int
    values: dict[str, Any]
    sources: list[str]
    stage: str
    created_at: datetime | None
    stage_at: datetime | None
    owner: UserRow
    external_id: str | None
    existing: dict[str, Any] | None = None
    changes: dict[str, list[Any]] = field(default_factory=dict)
    new_sources: bool = False


@dataclass
class _CustomerPlan:
    rows: int = 0
    items: list[_CustomerRow] = field(default_factory=list)
    creates: int = 0
    updates: int = 0
    unchanged: int = 0

    async def write(self, conn: BaseDBAsyncClient, actor: Principal, job: ImportJob,
                    progress: _Progress) -> None:
        await _write_customers(conn, actor, job, self, progress)


class _Owners:
    """Active users by username and by display name (names may be ambiguous)."""

    def __init__(self, users: list[UserRow]) -> None:
        self.by_username = {u.username.casefold(): u for u in users if u.active}
        self.by_display: dict[str, list[UserRow]] = {}
        for u in users:
            if u.active:
                self.by_display.setdefault(u.display_name.strip(), []).append(u)

    def find(self, ref: str) -> tuple[UserRow | None, str | None]:
        user = self.by_username.get(ref.casefold())
        if user is not None:
            return user, None
        named = self.by_display.get(ref)
        if not named:
            return None, f"no active user with username or name {ref!r}"
        if len(named) > 1:
            return None, f"{len(named)} users are named {ref!r}; use the username"
        return named[0], None


async def _validate_customers(actor: Principal, table: tabular.Table, report: Report,
                              progress: _Progress) -> _CustomerPlan:
    owners = _Owners(await UserRow.all())
    plan = _CustomerPlan()
    zone = settings.current().zone
    today = clock.local_date(clock.now(), zone)
    campaign_refs: dict[int, str] = {}
    seen_external: dict[str, int] = {}
    items: list[_CustomerRow] = []
    for number, cells in table.rows():
        plan.rows += 1
        item = _check_customer(actor, number, cells, report, owners, today, zone)
        if item is not None:
            if item.external_id is not None:
                first = seen_external.setdefault(item.external_id, number)
                if first != number:
                    report.add(number, "external_id", item.external_id,
                               f"external id already on row {first} of this file")
            ref = cell_text(cells.get("source_campaign"))
            if ref:
                campaign_refs[number] = ref
            items.append(item)
        progress.advance()
        if plan.rows % PROGRESS_EVERY == 0:
            await asyncio.sleep(0)  # let other requests (progress queries) run
    # Campaigns (and the channel that must be one of theirs).
    campaigns = await _campaigns_by_ref(set(campaign_refs.values()))
    for item in items:
        ref = campaign_refs.get(item.row)
        if ref is None:
            continue
        hit = campaigns.get(ref)
        if hit is None:
            report.add(item.row, "source_campaign", ref, f"no campaign with code or name {ref!r}")
            continue
        item.values["source_campaign_id"] = hit[0]
        channel = item.values.get("source_channel")
        if channel is not None and channel not in hit[1]:
            report.add(item.row, "source_channel", channel,
                       f"{Channel.of(channel).label} is not a channel of campaign {ref}")
    await _match_existing_customers(actor, items, report)
    plan.items = items
    for item in items:
        if item.existing is None:
            plan.creates += 1
        elif item.changes or item.new_sources:
            plan.updates += 1
        else:
            plan.unchanged += 1
    return plan


# Plain text columns of a customer row: (column, max length, required) as customers.py.
_TEXT_RULES = (
    ("external_id", 100, False), ("name", 200, True), ("contact_name", 100, True),
    ("contact_wechat", 100, False), ("industry", 100, False), ("needs_summary", 50, False),
    ("notes", 5000, False), ("lost_reason", 500, False),
)
_POTENTIAL, _WON, _LOST = (CustomerStage.POTENTIAL.value, CustomerStage.WON.value,
                           CustomerStage.LOST.value)


def _check_customer(actor: Principal, number: int, cells: dict[str, Any], report: Report,
                    owners: _Owners, today: date, zone: tzinfo) -> _CustomerRow | None:
    """Convert and check one row; report each problem; None if the row is unusable."""
    before = report.count
    values: dict[str, Any] = {}
    # CSV cells are strings: strip them inline (this loop runs 100,000 times).
    texts = {k: (v.strip() or None) if type(v) is str else cell_text(v)
             for k, v in cells.items()}
    for column, max_len, needed in _TEXT_RULES:
        value = texts.get(column)
        if value is None and not needed:
            values[column] = None
        elif value is not None and len(value) <= max_len:
            values[column] = value
        else:  # the shared rule gives the message (required, max_length)
            try:
                values[column] = validation.text(column, value, max_len=max_len,
                                                 required=needed)
            except ValidationFailed as exc:
                report.add(number, column, value, exc.message)
    for column, rule in (("contact_phone", validation.phone),
                         ("contact_email", validation.email)):
        try:
            values[column] = rule(column, texts.get(column))
        except ValidationFailed as exc:
            report.add(number, column, texts.get(column), exc.message)
    try:
        values["deal_amount"] = validation.money("deal_amount",
                                                 parse_amount(cells.get("deal_amount")))
    except ValidationFailed as exc:
        report.add(number, "deal_amount", texts.get("deal_amount"), exc.message)
    if "contact_phone" in values and "contact_email" in values \
            and "contact_wechat" in values:
        try:
            customers._require_contact(values)
        except ValidationFailed as exc:
            report.add(number, "contact_phone", None, exc.message)

    sources: list[str] = []
    raw_sources = texts.get("sources")
    for part in _SPLIT.split(raw_sources or ""):
        if not part.strip():
            continue
        member = parse_label(CustomerSource, part)
        if member is None:
            report.add(number, "sources", part,
                       f"unknown source {part.strip()!r}; one of {_labels(CustomerSource)}")
        elif member.value not in sources:
            sources.append(member.value)
    if not raw_sources:
        report.add(number, "sources", None, "sources needs at least one value")

    stage = _POTENTIAL
    raw_stage = texts.get("stage")
    if raw_stage:
        member = parse_label(CustomerStage, raw_stage)
        if member is None:
            report.add(number, "stage", raw_stage,
                       f"unknown stage; one of {_labels(CustomerStage)}")
        else:
            stage = member.value
    if stage == _WON and values.get("deal_amount") is None \
            and "deal_amount" in values:
        report.add(number, "deal_amount", None, "a won customer needs its deal amount")
    if stage != _WON and values.get("deal_amount") is not None:
        report.add(number, "deal_amount", texts.get("deal_amount"),
                   "a deal amount is only recorded for won customers")
    if stage == _LOST and values.get("lost_reason") is None \
            and "lost_reason" in values:
        report.add(number, "lost_reason", None, "a lost customer needs the reason")
    if stage != _LOST and values.get("lost_reason") is not None:
        report.add(number, "lost_reason", texts.get("lost_reason"),
                   "a lost reason is only recorded for lost customers")

    channel = texts.get("source_channel")
    values["source_channel"] = None
    if channel:
        member = parse_label(Channel, channel)
        if member is None:
            report.add(number, "source_channel", channel,
                       f"unknown channel; one of {_labels(Channel)}")
        else:
            values["source_channel"] = member.value

    dates: dict[str, tuple[date, time | None] | None] = {}
    for column in ("created_date", "stage_date", "last_follow_up_date"):
        raw = cells.get(column)
        dates[column] = None
        if texts.get(column) is None:
            continue
        try:
            parsed = parse_date(raw)
        except ValueError:
            report.add(number, column, texts.get(column),
                       "not a date (use YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 or an Excel date)")
            continue
        if parsed[0] > today:
            report.add(number, column, texts.get(column), "the date is in the future")
            continue
        dates[column] = parsed
    created, staged = dates["created_date"], dates["stage_date"]
    if created and staged and staged[0] < created[0]:
        report.add(number, "stage_date", texts.get("stage_date"),
                   "the stage date is before the created date")
    last = dates["last_follow_up_date"]
    values["last_follow_up_date"] = last[0] if last else None

    owner_ref = texts.get("owner")
    owner: UserRow | None = None
    if not owner_ref:
        report.add(number, "owner", None, "owner is required (username or name of a sales rep)")
    else:
        owner, why = owners.find(owner_ref)
        if owner is None:
            report.add(number, "owner", owner_ref, why or "unknown owner")
        elif owner.role not in org.OWNER_ROLES:
            report.add(number, "owner", owner_ref,
                       f"{owner.username} is a {owner.role}; customers are owned by sales staff")
            owner = None
        elif not can(actor, OBJECT, "customers", owner.id, owner.department_id):
            report.add(number, "owner", owner_ref,
                       f"you may not import customers for {owner.username} (outside your "
                       "department)")
            owner = None
    if report.count != before or owner is None:
        return None
    created_at = _local_datetime(*created, zone) if created else None
    stage_at = _local_datetime(*staged, zone) if staged else None
    values["source_campaign_id"] = None
    return _CustomerRow(
        row=number, values={k: values[k] for k in _PLAIN}, sources=sources, stage=stage,
        created_at=created_at, stage_at=stage_at, owner=owner,
        external_id=values["external_id"],
    )


async def _match_existing_customers(actor: Principal, items: list[_CustomerRow],
                                    report: Report) -> None:
    """Find the customers a row's external id names; decide what a re-import changes."""
    keyed = [i for i in items if i.external_id is not None]
    existing: dict[str, dict[str, Any]] = {}
    fields_ = ("id", "external_id", "owner_id", "department_id", "stage", "stage_entered_at",
               "version", *_PLAIN)
    for row in await _lookup(Customer, fields_, "external_id",
                             [i.external_id for i in keyed]):
        existing[row["external_id"]] = row
    if not existing:
        return
    sources: dict[int, list[str]] = {}
    ids = [r["id"] for r in existing.values()]
    for link in await _lookup(CustomerSourceLink, ("customer_id", "source"), "customer_id",
                              ids, order="id"):
        sources.setdefault(link["customer_id"], []).append(link["source"])
    for item in keyed:
        current = existing.get(item.external_id or "")
        if current is None:
            continue
        if not can(actor, OBJECT, "customers", current["owner_id"], current["department_id"]):
            report.add(item.row, "external_id", item.external_id,
                       "this customer exists and belongs to another department")
            continue
        item.existing = current
        changes = _diff(current, item.values, _PLAIN)
        if current["stage"] != item.stage:
            changes["stage"] = [current["stage"], item.stage]
        item.changes = changes
        old_sources = sources.get(current["id"], [])
        if sorted(old_sources) != sorted(item.sources):
            item.new_sources = True
            item.changes["sources"] = [old_sources, item.sources]


async def _allocate_codes(conn: BaseDBAsyncClient, prefix: str, count: int) -> list[str]:
    """`count` consecutive codes in one statement (engine/codes.py, allocated as a block)."""
    if count == 0:
        return []
    day_key = clock.local_date(clock.now(), settings.current().zone).strftime("%Y%m%d")
    p1, p2, p3, p4 = db.placeholders(conn, 4)
    rows = await conn.execute_query_dict(
        "INSERT INTO code_counter (prefix, day, value) "
        f"VALUES ({p1}, {p2}, {p3}) "
        f"ON CONFLICT (prefix, day) DO UPDATE SET value = code_counter.value + {p4} "
        "RETURNING value",
        [prefix, day_key, count, count],
    )
    last = int(rows[0]["value"])
    digits = 3  # engine.codes.SEQUENCE_DIGITS; longer sequences simply grow
    return [f"{prefix}{day_key}{n:0{digits}d}" for n in range(last - count + 1, last + 1)]


_STAGE_COLUMNS = ("customer_id", "event", "from_stage", "to_stage", "at", "actor_id",
                  "reason", "deal_amount")
_AUDIT_COLUMNS = ("object_type", "object_id", "action", "actor_id", "actor_name", "at",
                  "from_state", "to_state", "reason", "changes", "version", "request_id")


async def _write_customers(conn: BaseDBAsyncClient, actor: Principal, job: ImportJob,
                           plan: _CustomerPlan, progress: _Progress) -> None:
    from engine.log import request_id

    now = clock.now()
    rid = request_id.get()
    reason = f"import #{job.id} ({job.filename})"[:500]
    new = [i for i in plan.items if i.existing is None]
    codes = await _allocate_codes(conn, customers.CODE_PREFIX, len(new))
    timer = _Timer(job.id)
    stage_rows: list[tuple[Any, ...]] = []
    audit_rows: list[tuple[Any, ...]] = []
    link_rows: list[tuple[Any, ...]] = []
    potential = CustomerStage.POTENTIAL.value
    postgres = db.dialect_of(conn) == "postgres"
    batch = 5_000 if postgres else max(1, MAX_PARAMS // len(_INSERT_COLUMNS))
    # PostgreSQL: a pipe of COPYs runs on the connection while the next chunk is built.
    all_ids = await _next_ids(conn, "customer", len(new)) if postgres and new else []
    pipe = _CopyPipe(conn) if postgres else None
    try:
        for number, (chunk_items, chunk_codes) in enumerate(
                zip(_chunks(new, batch), _chunks(codes, batch), strict=True)):
            rows = []
            for item, code in zip(chunk_items, chunk_codes, strict=True):
                created = item.created_at or now
                entered = item.stage_at or created
                rows.append((code, item.external_id, *(item.values[k] for k in _PLAIN),
                             item.stage, entered, item.owner.id, item.owner.department_id,
                             actor.id, "{}", False, 1, created, now))
            if pipe is not None:  # ids drawn from the sequence as a block; binary COPY
                id_list = all_ids[number * batch:number * batch + len(rows)]
                await pipe.put("customer", ("id", *_INSERT_COLUMNS),
                               [(i, *r) for i, r in zip(id_list, rows, strict=True)])
            else:
                returned = await _insert(conn, "customer", _INSERT_COLUMNS, rows, "id, code")
                by_code = {r["code"]: int(r["id"]) for r in returned}
                id_list = [by_code[c] for c in chunk_codes]
            for item, code, cid in zip(chunk_items, chunk_codes, id_list, strict=True):
                created = item.created_at or now
                link_rows.extend((cid, s) for s in item.sources)
                stage_rows.append((cid, "import", None, potential, created, actor.id,
                                   reason, None))
                if item.stage != potential:
                    stage_rows.append((cid, "import", potential, item.stage,
                                       item.stage_at or created, actor.id, reason,
                                       item.values["deal_amount"] if item.stage == _WON
                                       else None))
                values = {k: v for k, v in item.values.items() if v is not None}
                audit_rows.append((
                    "customer", cid, "import", actor.id, actor.username, now, None,
                    item.stage, reason, json.dumps({
                        **{k: [None, v] for k, v in values.items()}, "code": [None, code],
                        "external_id": [None, item.external_id],
                        "sources": [None, item.sources],
                        "owner": [None, item.owner.username]},
                        ensure_ascii=False, default=str),
                    1, rid,
                ))
            if pipe is not None:
                await pipe.put("customer_source", ("customer_id", "source"), link_rows)
                await pipe.put("customer_stage_change", _STAGE_COLUMNS, stage_rows)
                await pipe.put("audit_event", _AUDIT_COLUMNS, audit_rows)
                link_rows, stage_rows, audit_rows = [], [], []
            progress.advance(len(chunk_items))
        if pipe is not None:
            await pipe.close()
    except BaseException:
        if pipe is not None:
            pipe.abort()
        raise
    timer.lap("customers")
    # Re-imported customers whose fields changed: one batched UPDATE.
    changed = [i for i in plan.items if i.existing is not None and i.changes]
    update_columns = (*_PLAIN, "stage", "stage_entered_at", "updated_at")
    update_rows = []
    relink: list[int] = []
    for item in changed:
        current = item.existing or {}
        cid = int(current["id"])
        moved = current["stage"] != item.stage
        entered = item.stage_at or now
        update_rows.append((*(item.values[k] for k in _PLAIN), item.stage,
                            entered if moved else current["stage_entered_at"], now, cid))
        if moved:
            stage_rows.append((cid, "import", current["stage"], item.stage, entered, actor.id,
                               reason, item.values["deal_amount"] if item.stage == "won"
                               else None))
        if item.new_sources:
            relink.append(cid)
            link_rows.extend((cid, s) for s in item.sources)
        audit_rows.append((
            "customer", cid, "import", actor.id, actor.username, now,
            current["stage"] if moved else None, item.stage if moved else None, reason,
            json.dumps(item.changes, ensure_ascii=False, default=str),
            int(current["version"]) + 1, rid,
        ))
    if update_rows:
        await _update_many(
            conn, "customer", update_columns, update_rows,
            extra_set=", version = version + 1",
        )
    for chunk in _chunks(relink, LOOKUP_CHUNK):
        await CustomerSourceLink.filter(customer_id__in=list(chunk)).using_db(conn).delete()
    progress.advance(len(changed) + plan.unchanged)
    timer.lap("updates")
    await _insert(conn, "customer_source", ("customer_id", "source"), link_rows)
    timer.lap("sources")
    await _insert(conn, "customer_stage_change", _STAGE_COLUMNS, stage_rows)
    timer.lap("stage history")
    await _insert(conn, "audit_event", _AUDIT_COLUMNS, audit_rows)
    timer.lap("audit events")



# -- orders ------------------------------------------------------------------------------

_ORDER_FIELDS = ("customer_id", "order_date", "amount", "channel", "campaign_id", "product")


@dataclass
class _OrderRow:
    row: int
    external_id: str | None
    customer_ref: str
    campaign_ref: str | None
    values: dict[str, Any]
    existing: dict[str, Any] | None = None
    changes: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class _OrderPlan:
    rows: int = 0
    items: list[_OrderRow] = field(default_factory=list)
    creates: int = 0
    updates: int = 0
    unchanged: int = 0

    async def write(self, conn: BaseDBAsyncClient, actor: Principal, job: ImportJob,
                    progress: _Progress) -> None:
        now = clock.now()
        new = [i for i in self.items if i.existing is None]
        batch = max(1, MAX_PARAMS // (len(_ORDER_FIELDS) + 2))
        for chunk in _chunks(new, batch):
            await _insert(
                conn, "customer_order", ("external_id", *_ORDER_FIELDS, "created_at"),
                [(i.external_id, *(i.values[k] for k in _ORDER_FIELDS), now) for i in chunk],
            )
            progress.advance(len(chunk))
        changed = [i for i in self.items if i.existing is not None and i.changes]
        await _update_many(
            conn, "customer_order", _ORDER_FIELDS,
            [(*(i.values[k] for k in _ORDER_FIELDS), (i.existing or {})["id"])
             for i in changed],
        )
        progress.advance(len(changed) + self.unchanged)


def _check_order(number: int, cells: dict[str, Any], report: Report, today: date
                 ) -> _OrderRow | None:
    before = report.count
    values: dict[str, Any] = {}
    try:
        external_id = validation.text("external_id", cell_text(cells.get("external_id")),
                                      max_len=100)
    except ValidationFailed as exc:
        report.add(number, "external_id", cell_text(cells.get("external_id")), exc.message)
        external_id = None
    customer_ref = cell_text(cells.get("customer"))
    if not customer_ref:
        report.add(number, "customer", None,
                   "customer is required (its external id or customer code)")
    raw_date = cells.get("order_date")
    if cell_text(raw_date) is None:
        report.add(number, "order_date", None, "order date is required")
    else:
        try:
            day = parse_date(raw_date)[0]
            if day > today:
                report.add(number, "order_date", cell_text(raw_date), "the date is in the future")
            values["order_date"] = day
        except ValueError:
            report.add(number, "order_date", cell_text(raw_date),
                       "not a date (use YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 or an Excel date)")
    try:
        values["amount"] = validation.money("amount", parse_amount(cells.get("amount")),
                                            required=True)
    except ValidationFailed as exc:
        report.add(number, "amount", cell_text(cells.get("amount")), exc.message)
    try:
        values["product"] = validation.text("product", cell_text(cells.get("product")),
                                            max_len=200)
    except ValidationFailed as exc:
        report.add(number, "product", cell_text(cells.get("product")), exc.message)
    values["channel"] = None
    channel = cell_text(cells.get("channel"))
    if channel:
        member = parse_label(Channel, channel)
        if member is None:
            report.add(number, "channel", channel, f"unknown channel; one of {_labels(Channel)}")
        else:
            values["channel"] = member.value
    values["campaign_id"] = None
    values["customer_id"] = None
    if report.count != before or not customer_ref:
        return None
    return _OrderRow(row=number, external_id=external_id, customer_ref=customer_ref,
                     campaign_ref=cell_text(cells.get("campaign")), values=values)


async def _validate_orders(actor: Principal, table: tabular.Table, report: Report,
                           progress: _Progress) -> _OrderPlan:
    plan = _OrderPlan()
    today = clock.local_date(clock.now(), settings.current().zone)
    seen_external: dict[str, int] = {}
    items: list[_OrderRow] = []
    for number, cells in table.rows():
        plan.rows += 1
        item = _check_order(number, cells, report, today)
        if item is not None:
            if item.external_id is not None:
                first = seen_external.setdefault(item.external_id, number)
                if first != number:
                    report.add(number, "external_id", item.external_id,
                               f"order id already on row {first} of this file")
            items.append(item)
        progress.advance()
        if plan.rows % PROGRESS_EVERY == 0:
            await asyncio.sleep(0)
    campaigns = await _campaigns_by_ref({i.campaign_ref for i in items if i.campaign_ref})
    # Customers by external id first, then by customer code.
    refs = list({i.customer_ref for i in items})
    found: dict[str, dict[str, Any]] = {}
    wanted = ("id", "external_id", "code", "owner_id", "department_id")
    for row in await _lookup(Customer, wanted, "external_id", refs):
        found[row["external_id"]] = row
    by_code = [r.upper() for r in refs if r not in found]
    for row in await _lookup(Customer, wanted, "code", by_code):
        found.setdefault(row["code"], row)
    existing: dict[str, dict[str, Any]] = {}
    keyed = [i.external_id for i in items if i.external_id]
    for row in await _lookup(CustomerOrder, ("id", "external_id", *_ORDER_FIELDS),
                             "external_id", keyed):
        existing[row["external_id"]] = row
    for item in items:
        customer = found.get(item.customer_ref) or found.get(item.customer_ref.upper())
        if customer is None:
            report.add(item.row, "customer", item.customer_ref,
                       "no customer with this external id or customer code")
            continue
        if not can(actor, OBJECT, "orders", customer["owner_id"], customer["department_id"]):
            report.add(item.row, "customer", item.customer_ref,
                       "you may not import orders of this customer (outside your department)")
            continue
        item.values["customer_id"] = customer["id"]
        if item.campaign_ref:
            hit = campaigns.get(item.campaign_ref)
            if hit is None:
                report.add(item.row, "campaign", item.campaign_ref,
                           f"no campaign with code or name {item.campaign_ref!r}")
                continue
            item.values["campaign_id"] = hit[0]
        current = existing.get(item.external_id or "")
        if current is not None:
            item.existing = current
            item.changes = _diff(current, item.values, _ORDER_FIELDS)
    plan.items = items
    for item in items:
        if item.existing is None:
            plan.creates += 1
        elif item.changes:
            plan.updates += 1
        else:
            plan.unchanged += 1
    return plan
