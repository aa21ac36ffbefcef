"""Database wiring: Tortoise configuration, one context per process, dialect helpers."""

from __future__ import annotations

import contextvars
import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.context import TortoiseContext, _current_context

from engine.settings import database_dialect

MODEL_MODULES = ["engine.models", "aerich.models"]
APP = "models"
MIGRATIONS_ROOT = Path(__file__).parent / "migrations"


def tortoise_config(database_url: str, connection_name: str = "default") -> dict[str, Any]:
    """The Tortoise config dict for one database.

    `connection_name` exists because tortoise 1.1.9 caches compiled SQL per connection
    name and table, not per dialect (STACK-NOTES.md): a process that talks to SQLite and
    PostgreSQL (the test suite) must give each its own name.
    """
    connection: str | dict[str, Any] = database_url
    if database_dialect(database_url) == "sqlite":
        path = database_url.removeprefix("sqlite://").split("?", 1)[0]
        if path not in {":memory:", ""}:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection = {"engine": "engine.sqlite_backend", "credentials": {"file_path": path}}
    return {
        "connections": {connection_name: connection},
        "apps": {APP: {"models": MODEL_MODULES, "default_connection": connection_name}},
        "use_tz": True,
        "timezone": "UTC",
    }


def migrations_location(database_url: str) -> str:
    """aerich migrations are dialect-specific SQL: one folder per dialect (docs/adr/0002)."""
    return str(MIGRATIONS_ROOT / database_dialect(database_url))


async def open_context(database_url: str, connection_name: str = "default") -> TortoiseContext:
    """Create and initialise a TortoiseContext (not yet bound to the current task)."""
    ctx = TortoiseContext()
    # init() resolves connections through the current context, so bind it meanwhile.
    token = _current_context.set(ctx)
    try:
        await ctx.init(config=tortoise_config(database_url, connection_name))
    finally:
        _current_context.reset(token)
    return ctx


@asynccontextmanager
async def database(database_url: str, connection_name: str = "default") -> AsyncIterator[None]:
    """Open the database for the duration of a CLI command, worker or test module."""
    ctx = await open_context(database_url, connection_name)
    token = _current_context.set(ctx)
    try:
        yield
    finally:
        await ctx.close_connections()
        _current_context.reset(token)


def bind(ctx: TortoiseContext) -> contextvars.Token[TortoiseContext | None]:
    """Make `ctx` the database of the current task (and of tasks it creates)."""
    return _current_context.set(ctx)


def unbind(token: contextvars.Token[TortoiseContext | None]) -> None:
    _current_context.reset(token)


class BindContext:
    """Pure-ASGI middleware binding the app's TortoiseContext to each request's task.

    Starlette runs requests in tasks that do not inherit the lifespan's context vars, and
    `with ctx:` shared across concurrent requests is unsafe; set/reset per call is.
    """

    def __init__(self, app: Any, holder: dict[str, TortoiseContext]) -> None:
        self.app = app
        self.holder = holder

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        ctx = self.holder.get("ctx")
        if ctx is None or scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        token = _current_context.set(ctx)
        try:
            await self.app(scope, receive, send)
        finally:
            _current_context.reset(token)


def connection(connection_name: str | None = None) -> BaseDBAsyncClient:
    ctx = _current_context.get()
    if ctx is None:
        raise RuntimeError("no database context is active")
    return ctx.db(connection_name)


def dialect_of(conn: BaseDBAsyncClient) -> str:
    return str(conn.capabilities.dialect)


def placeholders(conn: BaseDBAsyncClient, count: int, start: int = 1) -> list[str]:
    if dialect_of(conn) == "postgres":
        return [f"${i}" for i in range(start, start + count)]
    return ["?"] * count


def adapt(conn: BaseDBAsyncClient, value: Any) -> Any:
    """A Python value as the driver wants it in raw SQL, stored as Tortoise stores it."""
    if dialect_of(conn) != "sqlite":
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False)
        return value
    if isinstance(value, datetime):
        return str(value.astimezone(UTC))
    if isinstance(value, date | Decimal):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


def values_clause(conn: BaseDBAsyncClient, rows: Sequence[Sequence[Any]]
                  ) -> tuple[str, list[Any]]:
    """`(…), (…)` with numbered placeholders for a multi-row INSERT, and its parameters."""
    params: list[Any] = []
    groups: list[str] = []
    for row in rows:
        marks = placeholders(conn, len(row), start=len(params) + 1)
        params.extend(adapt(conn, v) for v in row)
        groups.append(f"({', '.join(marks)})")
    return ", ".join(groups), params


async def fetch_all(
    conn: BaseDBAsyncClient, sql: str, params: Sequence[Any] = ()
) -> list[dict[str, Any]]:
    return [dict(row) for row in await conn.execute_query_dict(sql, list(params))]


async def ping(conn: BaseDBAsyncClient) -> None:
    await conn.execute_query("SELECT 1")


def _unavailable_types() -> tuple[type[BaseException], ...]:
    import asyncpg.exceptions as pg
    from tortoise.exceptions import DBConnectionError

    return (ConnectionError, DBConnectionError, pg.PostgresConnectionError,
            pg.CannotConnectNowError, pg.AdminShutdownError, pg.CrashShutdownError,
            pg.ConnectionDoesNotExistError)


def is_unavailable(exc: BaseException) -> bool:
    """Whether `exc` (or what caused it) says the database cannot be reached right now — a
    restart, a failover, the network — rather than that a statement was wrong."""
    kinds = _unavailable_types()
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, kinds):
            return True
        if type(current).__name__ == "InterfaceError" and "connection" in str(current).lower():
            return True
        current = current.__cause__ or current.__context__
    return False
