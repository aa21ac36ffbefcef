"""Record codes: prefix + company-local date + daily sequence (C20261123001).

One atomic upsert on a (prefix, day) counter row, inside the caller's transaction: on
PostgreSQL the row lock serialises concurrent creators until commit, on SQLite the
database lock does; a rolled-back creation gives its number back, so codes have no gaps.
"""

from __future__ import annotations

from datetime import date

from tortoise.backends.base.client import BaseDBAsyncClient

from engine.db import placeholders

SEQUENCE_DIGITS = 3


async def next_code(conn: BaseDBAsyncClient, prefix: str, day: date) -> str:
    p1, p2 = placeholders(conn, 2)
    day_key = day.strftime("%Y%m%d")
    sql = (
        "INSERT INTO code_counter (prefix, day, value) "
        f"VALUES ({p1}, {p2}, 1) "
        "ON CONFLICT (prefix, day) DO UPDATE SET value = code_counter.value + 1 "
        "RETURNING value"
    )
    # execute_query_dict: asyncpg's execute_query drops the rows of an INSERT … RETURNING.
    rows = await conn.execute_query_dict(sql, [prefix, day_key])
    value = int(rows[0]["value"])
    return f"{prefix}{day_key}{value:0{SEQUENCE_DIGITS}d}"
