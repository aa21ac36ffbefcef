"""The SQL writers of an import: multi-row INSERTs (SQLite), binary COPY (PostgreSQL),
batched UPDATEs, and ids and record codes drawn as one block.

They run inside the import's one transaction (engine.services.imports), so a failure
anywhere rolls all of them back.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time as time_module
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import clock, db, settings

log = logging.getLogger("promoflow.imports")

MAX_PARAMS = 30_000  # per statement: under SQLite's 32,766 and asyncpg's 32,767
LOOKUP_CHUNK = 1000


def chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Timer:
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


class CopyPipe:
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


async def next_ids(conn: BaseDBAsyncClient, table: str, count: int) -> list[int]:
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


async def insert(conn: BaseDBAsyncClient, table: str, columns: Sequence[str],
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
    for chunk in chunks(rows, per):
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


async def update_many(conn: BaseDBAsyncClient, table: str, columns: Sequence[str],
                      rows: Sequence[Sequence[Any]], extra_set: str = "") -> None:
    """UPDATE table SET columns… WHERE id = last value, one batched statement per call."""
    if not rows:
        return
    marks = db.placeholders(conn, len(columns) + 1)
    sets = ", ".join(f"{c} = {m}" for c, m in zip(columns, marks, strict=False))
    sql = f"UPDATE {table} SET {sets}{extra_set} WHERE id = {marks[-1]}"
    prep = _preparer(conn)
    await conn.execute_many(sql, [[prep(v) for v in row] for row in rows])


async def allocate_codes(conn: BaseDBAsyncClient, prefix: str, count: int) -> list[str]:
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
