"""The standing RFM window, precomputed: order summaries, score boundaries, segment tally.

Ranking the whole scored population on every call costs seconds at a million customers,
so the default question — today, the last 730 days — is answered from state kept ahead:

- **Order summaries** (`customer_order_summary`): per customer, its orders counted and
  summed over all time and over the standing window (as of `rfm_state.as_of`), with the
  customer's scores and segment. Every order write recomputes the summaries of the
  customers it touched from `customer_order`, in its own transaction (`customers_changed`),
  so a summary always equals the full aggregate of the customer's orders.
- **Boundaries** (`rfm_boundaries`): where each score changes, from a ranking of the whole
  population (`refresh`). A customer's score is 1 + #{k : value > t_k} with t_k the
  ⌈(k − 1)·n ÷ 5⌉-th smallest value; for every customer of that population this is exactly
  the rank-based score 1 + ⌊5·(rank − 1) ÷ n⌋ of engine/services/rfm.py (rank − 1 =
  customers strictly worse). Order writes score the customers they touch against the
  current boundaries; `refresh` recomputes the boundaries and rescores whoever changed.
- **Segment tally** (`rfm_segment_tally`): customers, value, orders and Σ last-order days
  per (owner, department, segment) as of the last refresh: `rfmSegments` sums a few rows
  in the caller's scope instead of scanning every customer.
- **The window's day** (`rfm_state`): when the company day changes, `roll` recomputes the
  customers whose orders enter or leave the window. Order writers hold the row FOR SHARE
  and the roll takes it FOR UPDATE, so no summary is written against a stale day.

`refresh` runs as a job (every `rfm_refresh_seconds`, and at the first call of a new
day); docs/pipeline-rfm.md states what is current when.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import clock, db, outbox, settings, sqlkit
from engine.models import RfmBoundaries, RfmState
from engine.services.rfm_grid import segment_case

log = logging.getLogger("promoflow.rfm")

STANDING_DAYS = 730
EPOCH = date(2000, 1, 1)  # last-order days in the tally count from here
ROW_ID = 1
LOCK_KEY = 73_050_001  # PostgreSQL advisory lock: one refresh at a time
CHUNK = 500  # customer ids per statement
BULK_FROM = 20_000  # a window move touching more customers: one statement over everyone
DIMENSIONS = {"r": "window_last_order_date", "f": "window_orders", "m": "window_cents"}
SUMMARY = "customer_order_summary"


def today() -> date:
    return clock.local_date(clock.now(), settings.current().zone)


@dataclass(frozen=True)
class Boundaries:
    """Score thresholds t2…t5 per dimension, from a population of `population` customers."""

    as_of: date
    window_days: int
    population: int
    r: tuple[date, ...]
    f: tuple[int, ...]
    m: tuple[int, ...]
    computed_at: datetime
    seconds: float

    @classmethod
    def of(cls, row: RfmBoundaries) -> Boundaries:
        t = row.thresholds
        return cls(as_of=row.as_of, window_days=row.window_days, population=row.population,
                   r=tuple(date.fromisoformat(x) for x in t.get("r", [])),
                   f=tuple(int(x) for x in t.get("f", [])),
                   m=tuple(int(x) for x in t.get("m", [])),
                   computed_at=row.computed_at, seconds=row.seconds)

    def score(self, dimension: str, value: Any) -> int:
        """The score of one value (the Python twin of `_score_sql`)."""
        ts: Sequence[Any] = getattr(self, dimension)
        return 1 + sum(1 for t in ts if value > t)


# -- the window's day --------------------------------------------------------------------


async def _window(conn: BaseDBAsyncClient, lock: str | None) -> date:
    """The day the summaries' window columns count to (`lock`: share | update, PostgreSQL)."""
    suffix = f" FOR {lock.upper()}" if lock and db.dialect_of(conn) == "postgres" else ""
    select = f"SELECT as_of FROM rfm_state WHERE id = {ROW_ID}{suffix}"
    rows = await db.fetch_all(conn, select)
    if rows:
        return sqlkit.as_date(rows[0]["as_of"])
    # no state yet (a fresh database): start the window today, summing everything once
    day = today()
    q = sqlkit.Params(conn)
    await conn.execute_query(
        "INSERT INTO rfm_state (id, window_days, as_of, rolled_at) VALUES "
        f"({q(ROW_ID)}, {q(STANDING_DAYS)}, {q(day, 'date')}, {q(clock.now())}) "
        "ON CONFLICT (id) DO NOTHING", q.values)
    rows = await db.fetch_all(conn, select)
    as_of = sqlkit.as_date(rows[0]["as_of"])
    await _recompute(conn, as_of, None)
    return as_of


async def boundaries(conn: BaseDBAsyncClient | None = None) -> Boundaries | None:
    row = await RfmBoundaries.filter(id=ROW_ID).using_db(conn or db.connection()).first()
    return Boundaries.of(row) if row is not None and row.population > 0 else None


async def window_day(conn: BaseDBAsyncClient | None = None) -> date | None:
    row = await RfmState.filter(id=ROW_ID).using_db(conn or db.connection()).first()
    return row.as_of if row is not None else None


# -- summaries ---------------------------------------------------------------------------


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


async def _recompute(conn: BaseDBAsyncClient, as_of: date, ids: Sequence[int] | None) -> None:
    """Summaries of these customers (None: everyone) from their orders, as of `as_of`."""
    for chunk in ([None] if ids is None else _chunks(ids)):
        p = sqlkit.Params(conn)
        day, first = p(as_of, "date"), p(as_of - timedelta(days=STANDING_DAYS), "date")
        inside = f"o.order_date > {first} AND o.order_date <= {day}"
        cents = sqlkit.cents(p, "o.amount")
        where = "1 = 1" if chunk is None else f"o.customer_id IN ({sqlkit.in_list(p, chunk)})"
        columns = ("first_order_date", "last_order_date", "orders", "cents",
                   "window_last_order_date", "window_orders", "window_cents", "updated_at")
        await conn.execute_query(
            f"INSERT INTO {SUMMARY} (customer_id, {', '.join(columns)}) "
            "SELECT o.customer_id, MIN(o.order_date), MAX(o.order_date), COUNT(*),"
            f" SUM({cents}), MAX(CASE WHEN {inside} THEN o.order_date END),"
            f" SUM(CASE WHEN {inside} THEN 1 ELSE 0 END),"
            f" SUM(CASE WHEN {inside} THEN {cents} ELSE 0 END), {p(clock.now(), 'timestamptz')}"
            f" FROM customer_order o WHERE {where} GROUP BY o.customer_id"
            " ON CONFLICT (customer_id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in columns), p.values)
        q = sqlkit.Params(conn)
        mine = "" if chunk is None else f"customer_id IN ({sqlkit.in_list(q, chunk)}) AND "
        # an order moved to another customer (a re-import) can leave one with none
        await conn.execute_query(
            f"DELETE FROM {SUMMARY} WHERE {mine}NOT EXISTS (SELECT 1 FROM customer_order o"
            f" WHERE o.customer_id = {SUMMARY}.customer_id)", q.values)


def _score_sql(p: sqlkit.Params, column: str, thresholds: Sequence[Any], cast: str | None
               ) -> str:
    steps = " + ".join(f"(CASE WHEN {column} > {p(t, cast)} THEN 1 ELSE 0 END)"
                       for t in thresholds)
    return f"(1 + {steps})" if steps else "1"


async def _rescore(conn: BaseDBAsyncClient, b: Boundaries | None, ids: Sequence[int] | None
                   ) -> int:
    """Scores and segments of these customers (None: everyone whose scores changed)."""
    changed = 0
    for chunk in ([None] if ids is None else _chunks(ids)):
        p = sqlkit.Params(conn)
        mine = "" if chunk is None else f"customer_id IN ({sqlkit.in_list(p, chunk)}) AND "
        if b is None:
            sets = "r_score = NULL, f_score = NULL, m_score = NULL, segment = NULL"
            await conn.execute_query(
                f"UPDATE {SUMMARY} SET {sets} WHERE {mine}segment IS NOT NULL", p.values)
            continue
        r = _score_sql(p, "window_last_order_date", b.r, "date")
        f = _score_sql(p, "window_orders", b.f, None)
        m = _score_sql(p, "window_cents", b.m, "bigint")
        stale = f"(segment IS NULL OR r_score <> {r} OR f_score <> {f} OR m_score <> {m})"
        changed += int(await _execute(conn, (
            f"UPDATE {SUMMARY} SET r_score = {r}, f_score = {f}, m_score = {m},"
            f" segment = {segment_case(r, f, m)} WHERE {mine}window_orders > 0 AND {stale}"),
            p.values))
        q = sqlkit.Params(conn)
        mine = "" if chunk is None else f"customer_id IN ({sqlkit.in_list(q, chunk)}) AND "
        await conn.execute_query(
            f"UPDATE {SUMMARY} SET r_score = NULL, f_score = NULL, m_score = NULL,"
            f" segment = NULL WHERE {mine}window_orders = 0 AND segment IS NOT NULL", q.values)
    return changed


async def _execute(conn: BaseDBAsyncClient, sql: str, values: list[Any]) -> int:
    """Run a statement; the number of rows it changed."""
    rows, _ = await conn.execute_query(sql, values)
    return int(rows or 0)


async def customers_changed(conn: BaseDBAsyncClient, customer_ids: Iterable[int]) -> None:
    """The orders of these customers changed: recompute their summaries and scores.

    Call it inside the transaction that wrote the orders (every order writer does).
    """
    ids = sorted({int(i) for i in customer_ids})
    if not ids:
        return
    as_of = await _window(conn, "share")
    # chunks of ids through ix_order_customer_date: proportional to these customers'
    # orders, not to the whole table (an import of 100,000 orders touches a fraction)
    await _recompute(conn, as_of, ids)
    await _rescore(conn, await boundaries(conn), ids)


# -- moving the window, refreshing the boundaries ----------------------------------------


async def roll(day: date) -> bool:
    """Move the standing window to `day`; True if it moved.

    Only customers with orders that enter or leave the window change: those with an order
    dated between the old and the new first day, or between the old and the new last day.
    """
    async with outbox.atomic() as conn:
        old = await _window(conn, "update")
        if old == day:
            return False
        lo, hi = sorted((old, day))
        p = sqlkit.Params(conn)
        gone_lo = p(lo - timedelta(days=STANDING_DAYS), "date")
        gone_hi = p(hi - timedelta(days=STANDING_DAYS), "date")
        rows = await p.fetch(
            "SELECT DISTINCT customer_id FROM customer_order WHERE"
            f" (order_date > {gone_lo} AND order_date <= {gone_hi})"
            f" OR (order_date > {p(lo, 'date')} AND order_date <= {p(hi, 'date')})")
        ids = sorted(int(r["customer_id"]) for r in rows)
        bulk = len(ids) > BULK_FROM
        await _recompute(conn, day, None if bulk else ids)
        await _rescore(conn, await boundaries(conn), None if bulk else ids)
        await RfmState.filter(id=ROW_ID).using_db(conn).update(as_of=day, rolled_at=clock.now())
        log.info("RFM window moved from %s to %s (%d customer(s) recomputed)", old, day,
                 len(ids), extra={"job": "rfm_refresh"})
        return True


async def _order_statistics(conn: BaseDBAsyncClient, column: str, ranks: Sequence[int]
                            ) -> dict[int, Any]:
    """The values at these 1-based ranks of the scored population, ordered by `column`."""
    p = sqlkit.Params(conn)
    rows = await p.fetch(
        f"SELECT rn, v FROM (SELECT {column} AS v, ROW_NUMBER() OVER (ORDER BY {column}) AS rn"
        f" FROM {SUMMARY} WHERE window_orders > 0) x"
        f" WHERE rn IN ({sqlkit.in_list(p, sorted(set(ranks)))})")
    return {int(r["rn"]): r["v"] for r in rows}


async def _compute(conn: BaseDBAsyncClient, as_of: date) -> dict[str, Any]:
    p = sqlkit.Params(conn)
    n = int((await p.fetch(f"SELECT COUNT(*) AS n FROM {SUMMARY} WHERE window_orders > 0")
             )[0]["n"])
    if n == 0:
        return {"population": 0, "thresholds": {}}
    ranks = [((k - 1) * n + 4) // 5 for k in range(2, 6)]  # ⌈(k − 1)·n ÷ 5⌉
    thresholds: dict[str, list[Any]] = {}
    for key, column in DIMENSIONS.items():
        values = await _order_statistics(conn, column, ranks)
        if key == "r":
            thresholds[key] = [sqlkit.as_date(values[r]).isoformat() for r in ranks]
        else:
            thresholds[key] = [int(values[r]) for r in ranks]
    return {"population": n, "thresholds": thresholds}


async def _rebuild_tally(conn: BaseDBAsyncClient) -> None:
    await conn.execute_query("DELETE FROM rfm_segment_tally", [])
    p = sqlkit.Params(conn)
    days = sqlkit.days_between(p, "s.window_last_order_date", p(EPOCH, "date"))
    await conn.execute_query(
        "INSERT INTO rfm_segment_tally (owner_id, department_id, segment, customers, cents,"
        " orders, last_order_days)"
        " SELECT c.owner_id, c.department_id, s.segment, COUNT(*), SUM(s.window_cents),"
        f" SUM(s.window_orders), SUM({days})"
        f" FROM {SUMMARY} s JOIN customer c ON c.id = s.customer_id"
        " WHERE s.segment IS NOT NULL GROUP BY c.owner_id, c.department_id, s.segment",
        p.values)


async def refresh(*, only_if_stale: bool = False) -> Boundaries | None:
    """Move the window to today, recompute the boundaries from everyone scored, rescore
    whoever changed and rebuild the tally; the boundaries (None: nobody to score).

    `only_if_stale`: skip the work if the boundaries are already today's (what readers
    ask for; the job refreshes every time). One refresh runs at a time (an advisory lock
    on PostgreSQL; SQLite serialises writers anyway): a second caller waits for it.
    """
    started = time.perf_counter()
    day = today()
    await roll(day)
    async with outbox.atomic() as conn:
        if db.dialect_of(conn) == "postgres":
            await conn.execute_query(f"SELECT pg_advisory_xact_lock({LOCK_KEY})", [])
        current = await RfmBoundaries.filter(id=ROW_ID).using_db(conn).first()
        if only_if_stale and current is not None and current.as_of == day:
            return Boundaries.of(current) if current.population else None
        as_of = await _window(conn, None)
        computed = await _compute(conn, as_of)
        values = {"as_of": as_of, "window_days": STANDING_DAYS,
                  "population": computed["population"], "thresholds": computed["thresholds"],
                  "computed_at": clock.now(), "seconds": 0.0}
        fresh = RfmBoundaries(id=ROW_ID, **values)
        b = Boundaries.of(fresh) if fresh.population else None
        changed = await _rescore(conn, b, None)
        if db.dialect_of(conn) == "postgres" and changed * 10 > computed["population"]:
            # many segments moved (a first build, a backfill): the planner's estimates per
            # segment must follow, or it walks the recall index for the wrong scopes
            await conn.execute_query(f"ANALYZE {SUMMARY}", [])
        await _rebuild_tally(conn)
        values["seconds"] = round(time.perf_counter() - started, 3)
        if current is None:
            await RfmBoundaries.create(using_db=conn, id=ROW_ID, **values)
        else:
            await RfmBoundaries.filter(id=ROW_ID).using_db(conn).update(**values)
    log.info("RFM boundaries refreshed: %d customer(s) scored, %d rescored, %.2f s",
             computed["population"], changed, values["seconds"],
             extra={"job": "rfm_refresh", "population": computed["population"],
                    "rescored": changed, "seconds": values["seconds"]})
    return Boundaries.of(fresh) if fresh.population else None


async def refresh_if_due() -> bool:
    """The job (every minute in the workers and the embedded scheduler): refresh when the
    boundaries are older than `rfm_refresh_seconds` or not today's; True if it did."""
    row = await RfmBoundaries.filter(id=ROW_ID).first()
    max_age = timedelta(seconds=settings.current().rfm_refresh_seconds)
    if row is not None and row.as_of == today() and clock.now() - row.computed_at < max_age:
        return False
    await refresh()
    return True


async def ensure_current() -> Boundaries | None:
    """The boundaries of today's standing window, refreshing first when they are not."""
    b = await boundaries()
    day = today()
    if b is not None and b.as_of == day and await window_day() == day:
        return b
    if b is None and await RfmBoundaries.filter(id=ROW_ID, as_of=day).exists():
        return None  # refreshed today, nobody to score
    return await refresh(only_if_stale=True)


async def rebuild() -> Boundaries | None:
    """Recompute every summary from the orders, then refresh (an operator's repair)."""
    async with outbox.atomic() as conn:
        as_of = await _window(conn, "update")
        await _recompute(conn, as_of, None)
    return await refresh()
