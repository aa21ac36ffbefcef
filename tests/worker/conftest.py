from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from arq import create_pool
from arq.connections import ArqRedis, RedisSettings

from tests.conftest import REDIS_URL


@pytest.fixture(autouse=True)
def _fresh_database(clean_db: None) -> None:
    """Every worker test starts from empty tables on the run's real database."""


@pytest.fixture
async def redis_pool() -> AsyncIterator[ArqRedis]:
    """A real Redis (database 15 by default), emptied before each test."""
    pool = await create_pool(RedisSettings.from_dsn(REDIS_URL))
    await pool.flushdb()
    yield pool
    await pool.flushdb()
    await pool.aclose()
