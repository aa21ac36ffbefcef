"""Test harness: one real database per run, chosen by PROMOFLOW_TEST_BACKEND.

The suite runs twice (./run test): on SQLite, then on PostgreSQL. One backend per process
because Tortoise keeps per-model state that follows the last initialised dialect
(STACK-NOTES.md); tests that need no database are marked `nodb` and run once.
The schema is built by the real migrations, so every run also tests them.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from engine import authz, db, machines, migrate, wiring
from engine import settings as settings_module
from engine.authz import SYSTEM, Principal
from engine.settings import Settings

BACKEND = os.environ.get("PROMOFLOW_TEST_BACKEND", "sqlite")
PG_ADMIN_URL = os.environ.get(
    "PROMOFLOW_TEST_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("PROMOFLOW_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
NODB_DIRS = ("workflows", "policies", "unit")
TEST_SECRET = "test-secret-" + "x" * 32

def _tables() -> list[str]:
    from engine import models

    return sorted({getattr(models, name)._meta.db_table for name in models.__all__})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.fspath)).parts
        if any(d in parts for d in NODB_DIRS):
            item.add_marker(pytest.mark.nodb)


def pytest_report_header(config: pytest.Config) -> str:
    return f"promoflow test backend: {BACKEND}"


async def _create_pg_database(name: str) -> str:
    conn = await asyncpg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://", 1))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/{name}"


async def _drop_pg_database(name: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://", 1))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A fresh, migrated database for this run (SQLite file or PostgreSQL database)."""
    if BACKEND == "postgres":
        name = f"promoflow_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        url = asyncio.run(_create_pg_database(name))
    else:
        name = ""
        url = f"sqlite://{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    asyncio.run(migrate.upgrade(url))
    yield url
    if BACKEND == "postgres":
        asyncio.run(_drop_pg_database(name))


@pytest.fixture(scope="session")
def test_settings(database_url: str) -> Settings:
    return settings_module.configure(
        Settings(
            database_url=database_url,
            jwt_secret=TEST_SECRET,
            embedded_scheduler=False,
            log_format="text",
        )
    )


@pytest.fixture(scope="session")
async def database(test_settings: Settings) -> AsyncIterator[None]:
    machines.load()
    authz.load()
    wiring.install()
    ctx = await db.open_context(test_settings.database_url)
    token = db.bind(ctx)
    yield
    db.unbind(token)
    await ctx.close_connections()


async def truncate_all() -> None:
    conn = db.connection()
    tables = _tables()
    if db.dialect_of(conn) == "postgres":
        await conn.execute_script(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    else:
        await conn.execute_script(
            "PRAGMA foreign_keys = OFF;"
            + "".join(f"DELETE FROM {t};" for t in tables)
            + "DELETE FROM sqlite_sequence; PRAGMA foreign_keys = ON;"
        )


@pytest.fixture
async def clean_db(database: None, test_settings: Settings) -> AsyncIterator[None]:
    settings_module.configure(test_settings)
    await truncate_all()
    yield


@pytest.fixture
async def org(clean_db: None) -> dict[str, Principal]:
    """The demo organisation's departments and users, as principals by username."""
    from engine import demo
    from engine.services import org as org_service

    await demo._ensure_org()
    result: dict[str, Principal] = {"system": SYSTEM}
    for username, *_ in demo.USERS:
        principal = await org_service.principal_for_username(username)
        assert principal is not None
        result[username] = principal
    return result


CustomerFactory = Callable[..., Awaitable[Any]]


@pytest.fixture
def make_customer(org: dict[str, Principal]) -> CustomerFactory:
    """Create a customer through the service, as its owner unless `actor` is given."""
    from engine.services import customers

    counter = {"n": 0}

    async def make(owner: str = "rep.li", actor: str | None = None, **fields: Any) -> Any:
        counter["n"] += 1
        data = {
            "name": f"测试客户 {counter['n']}",
            "contact_name": "张伟",
            "contact_phone": "13800138000",
            "sources": ["trade_show"],
            "industry": "制造业",
            "owner_username": owner,
        } | fields
        return await customers.create(org[actor or owner], customers.CustomerInput(**data))

    return make


CampaignFactory = Callable[..., Awaitable[Any]]
JULY = (date(2026, 7, 1), date(2026, 7, 31))


@pytest.fixture
def make_campaign(org: dict[str, Principal]) -> CampaignFactory:
    """Create a campaign plan through the service (default: mkt.chen, east, ¥33,000)."""
    from engine.services import campaigns

    counter = {"n": 0}

    async def make(actor: str = "mkt.chen", amounts: tuple[str, ...] = ("5000", "8000", "20000"),
                   **fields: Any) -> Any:
        counter["n"] += 1
        data = {
            "name": f"测试活动 {counter['n']}",
            "campaign_type": "live_stream",
            "start_date": JULY[0],
            "end_date": JULY[1],
            "channels": ["wechat_official", "douyin"],
            "goals": [campaigns.GoalInput(metric="new_leads", target="200")],
            "budget_lines": [
                campaigns.BudgetLineInput(category="materials", description=f"line {i}",
                                          amount=a)
                for i, a in enumerate(amounts)
            ],
        } | fields
        return await campaigns.create(org[actor], campaigns.CampaignInput(**data))

    return make
