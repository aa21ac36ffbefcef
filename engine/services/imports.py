"""Historical import of customers and orders from CSV/XLSX (docs/import.md): the job.

One `ImportJob` per file. A run has two phases:

1. **validating** — every row is read (engine/importing/readers.py), converted and checked
   against the customer rules (the same `engine.validation` rules `customers.create`
   uses), references (owners, campaigns, customers of orders, existing external ids) are
   resolved in bulk. Every problem is collected as {row, column, value, problem}; the
   stored list is capped at `PROBLEM_CAP`, `error_count` stays exact.
2. **writing** (real runs of a valid file only) — one transaction: new records by
   multi-row INSERTs, changed records by batched UPDATEs, customer codes allocated as one
   block, stage history at the historical dates, one audit event per customer plus one
   summarising event per import. Any failure rolls all of it back: all-or-nothing.

A dry run stops after phase 1 and writes nothing but its job row. Re-importing a file is
idempotent: rows whose external id exists update that record (only changed fields; an
unchanged row is not touched), so counts do not grow.

This module is the job: entry points, progress, the transaction. Reading, checking and
writing each file kind is `engine.importing` (its docstring says how to add a kind).

Progress: the running job lives in an in-process registry (`running_job`) that readers in
this process see at once; a flusher task, started outside the import transaction, copies
its counters to the job row every `FLUSH_SECONDS` on its own pooled connection. On SQLite
(one writer at a time) the flusher pauses while the import transaction runs, so readers in
other processes see the writing phase only when it ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from engine import audit, clock, db, outbox, settings, validation
from engine.authz import NoAccess, Principal, can, scope_filter
from engine.errors import Forbidden, NotFound, ValidationFailed
from engine.importing import kinds, readers
from engine.importing.cells import cell_text, parse_amount, parse_date, parse_label
from engine.importing.kinds import Kind
from engine.importing.plan import OBJECT
from engine.importing.problems import PROBLEM_CAP, Report
from engine.models import ImportJob
from engine.models import User as UserRow
from engine.pagination import OrderKey, Page, empty_page, paginate

log = logging.getLogger("promoflow.imports")

KINDS = tuple(kinds.KINDS)
PENDING, RUNNING, SUCCEEDED, FAILED = "pending", "running", "succeeded", "failed"
VALIDATING, WRITING = "validating", "writing"
PROGRESS_EVERY = 500
FLUSH_SECONDS = 0.5
MAX_UPLOAD_BYTES = 64_000_000
# columns an import may take for the whole file, per kind (a platform's export names
# neither the campaign nor the channel it is about)
DEFAULTABLE: dict[str, tuple[str, ...]] = {"channel-metrics": ("campaign", "channel")}

ProgressCallback = Callable[[ImportJob, str], None]
Source = bytes | str | Path | IO[bytes]

_running: dict[int, tuple[ImportJob, str]] = {}
_tasks: dict[asyncio.Task[Any], int] = {}  # background imports of this process → job id
INTERRUPTED = "interrupted (the process stopped); nothing imported"


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

    async def checked(self) -> None:
        """One more row validated; every `PROGRESS_EVERY` rows, let other requests
        (progress queries) run."""
        self.advance()
        if self.job.processed_rows % PROGRESS_EVERY == 0:
            await asyncio.sleep(0)

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
    defaults: dict[str, str] | None = None,
) -> ImportJob:
    """Create the job and run it (or, with `background`, start it as a task of this
    process and return the pending job at once). `defaults` give columns for the whole
    file (channel-metrics: `campaign`, `channel`)."""
    if kind not in KINDS:
        raise ValidationFailed("kind", f"kind must be one of {', '.join(KINDS)}", rule="choice")
    given = {k: v for k, v in (defaults or {}).items() if v not in (None, "")}
    for column in given:
        if column not in DEFAULTABLE.get(kind, ()):
            raise ValidationFailed(column, f"{column} is given for the whole file only for "
                                   f"{', '.join(DEFAULTABLE)} files", rule="not_for_kind")
    if not can(actor, OBJECT, kind, actor.id, actor.department_id):
        raise Forbidden(OBJECT, kind, f"you may not import {kind}")
    name = validation.required_text("filename", Path(filename or "").name, max_len=300)
    fmt = readers.file_format(name)
    job = await ImportJob.create(
        kind=kind, filename=name, file_format=fmt, dry_run=bool(dry_run), status=PENDING,
        created_by_id=actor.id, problems=[],
    )
    if background:
        task = asyncio.create_task(run_job(job, actor, source, on_progress, given))
        _tasks[task] = job.id
        task.add_done_callback(lambda t: _tasks.pop(t, None))
        return job
    return await run_job(job, actor, source, on_progress, given)


async def run_job(job: ImportJob, actor: Principal, source: Source,
                  on_progress: ProgressCallback | None = None,
                  defaults: dict[str, str] | None = None) -> ImportJob:
    progress = _Progress(job, on_progress)
    _running[job.id] = (job, VALIDATING)
    flusher: asyncio.Task[None] | None = None
    try:
        job.status, job.started_at, job.message = RUNNING, clock.now(), VALIDATING
        await job.save(update_fields=["status", "started_at", "message"])
        flusher = asyncio.create_task(progress.run())
        await _process(job, actor, source, progress, defaults or {})
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
                   progress: _Progress, defaults: dict[str, str]) -> None:
    with readers.open_table(source, job.filename, job.kind, defaults=defaults) as table:
        kind = kinds.KINDS[job.kind]
        report = Report({c: table.headers[i] for c, i in table.columns.items()}, PROBLEM_CAP)
        progress.start(VALIDATING, table.total_rows)
        plan = await kind.validate(actor, table, report, progress)
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
            await kind.write(conn, actor, job, plan, progress)
            await audit.write_event(
                conn, actor, OBJECT, job.id, "import",
                changes={"kind": [None, job.kind], "filename": [None, job.filename],
                         "rows": [None, plan.rows], "created": [None, plan.creates],
                         "updated": [None, plan.updates],
                         **({"defaults": [None, defaults]} if defaults else {})},
            )
    finally:
        progress.db_writes = True
    await _refresh_statistics(kind, plan.creates)
    job.status = SUCCEEDED
    job.message = (f"imported: created {plan.creates}, updated {plan.updates}, "
                   f"unchanged {plan.unchanged}{ignored}")[:500]


ANALYZE_AFTER = 10_000


async def _refresh_statistics(kind: Kind[Any], created: int) -> None:
    """After a big import, refresh PostgreSQL's planner statistics at once (autovacuum
    would get there later): a table that grew from nothing to 100,000 rows is otherwise
    still planned as empty, and the next re-import's lookups crawl."""
    conn = db.connection()
    if created < ANALYZE_AFTER or db.dialect_of(conn) != "postgres":
        return
    try:
        await conn.execute_script(f"ANALYZE {', '.join(kind.tables)}")
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


# The service's names, and what callers have read through it (the cell converters; the
# settings, for the company zone).
__all__ = [
    "FAILED", "INTERRUPTED", "KINDS", "MAX_UPLOAD_BYTES", "OBJECT", "PENDING", "PROBLEM_CAP",
    "RUNNING", "SUCCEEDED", "VALIDATING", "WRITING", "Report", "cell_text", "get_job",
    "list_jobs", "live", "parse_amount", "parse_date", "parse_label", "percent",
    "require_job", "run_job", "running_job", "settings", "start_import", "stop_running",
]
