"""Tortoise's SQLite client, made safe for several processes on one file.

Embedded mode is one server process, but `promoflow demo`, `token` or a worker may open
the same file meanwhile. Tortoise begins transactions with a deferred BEGIN: a reader
that later writes can then fail at once with "database is locked" when another process
wrote in between. Here every transaction takes the write lock up front (BEGIN IMMEDIATE)
and waits for it (busy_timeout), so concurrent writers queue instead of failing.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tortoise.backends.base.client import TransactionContext
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
)
from tortoise.exceptions import TransactionManagementError

BUSY_TIMEOUT_MS = 15_000


class ImmediateTransactionWrapper(SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise TransactionManagementError(exc) from exc


class PromoflowSqliteClient(SqliteClient):
    def __init__(self, file_path: str, **kwargs: Any) -> None:
        kwargs.setdefault("busy_timeout", BUSY_TIMEOUT_MS)  # becomes a PRAGMA
        super().__init__(file_path, **kwargs)

    def _in_transaction(self) -> TransactionContext:
        return SqliteTransactionContext(ImmediateTransactionWrapper(self), self._lock)


client_class = PromoflowSqliteClient
