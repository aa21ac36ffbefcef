from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from arq import create_pool
from arq.connections import ArqRedis, RedisSettings

from engine import clock, deadlines, escalation, ladders, outbox, runtime
from engine.authz import Principal
from engine.models import Deadline, FollowUp
from engine.settings import Settings
from tests.conftest import BACKEND, REDIS_URL, CustomerFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_database(clean_db: None) -> None:
    """Every worker test starts from empty tables on the run's real database."""


@pytest.fixture
async def redis_pool() -> AsyncIterator[ArqRedis]:
    """A real Redis (database 15 by default), emptied before and after each test."""
    pool = await create_pool(RedisSettings.from_dsn(REDIS_URL))
    await pool.flushdb()
    yield pool
    await pool.flushdb()
    await pool.aclose()


FAST_LADDER = ladders.DEFAULT_PATH.read_text(encoding="utf-8").replace(
    """  follow_up:
    description: A follow-up's next action past its due time.
    steps:
      - at: "0"
        actions: [mark, notify_owner]
      - at: 1d
        actions: [notify_manager]
      - at: 3d
        actions: [flag_for_reassignment, notify_manager]""",
    """  follow_up:
    description: A follow-up's next action past its due time (fast, for tests).
    steps:
      - at: "0"
        actions: [mark, notify_owner]
      - at: 2s
        actions: [notify_manager]""")


@pytest.fixture
def fast_ladder(tmp_path: Path) -> Iterator[Path]:
    """Follow-up ladder: mark + remind at due, the manager 2 s later (the rest as shipped)."""
    assert "fast, for tests" in FAST_LADDER
    path = tmp_path / "escalation.yaml"
    path.write_text(FAST_LADDER, encoding="utf-8")
    ladders.load(path)
    yield path
    ladders.load()


class WorkerProcess:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log_path = log
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "engine.cli", "worker"], env=env, cwd=ROOT,
            stdout=self.log, stderr=subprocess.STDOUT)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


Workers = Callable[..., WorkerProcess]


def namespace() -> str:
    """The Redis namespace of the test run's deployment (derived from its database), the
    one its `promoflow worker` processes use too."""
    from engine import settings as settings_module

    return settings_module.current().redis_prefix


@pytest.fixture
def workers(test_settings: Settings, tmp_path: Path, fast_ladder: Path
            ) -> Iterator[Workers]:
    """Start real `promoflow worker` processes on the test database and Redis."""
    started: list[WorkerProcess] = []
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROMOFLOW_TEST")}
    env.update(DATABASE_URL=test_settings.database_url, REDIS_URL=REDIS_URL,
               JWT_SECRET=test_settings.jwt_secret, PROMOFLOW_ESCALATION_FILE=str(fast_ladder),
               PROMOFLOW_SCHEDULER_INTERVAL="5", LOG_LEVEL="INFO", LOG_FORMAT="json")

    def start() -> WorkerProcess:
        worker = WorkerProcess(env, tmp_path / f"worker-{len(started)}.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def needs_postgres() -> None:
    if BACKEND != "postgres":
        pytest.skip("several worker processes on one database: run on PostgreSQL "
                    "(SQLite serialises writers; its pass covers one process)")


MakeDue = Callable[[int, float], Awaitable[list[int]]]


@pytest.fixture
def make_due(org: dict[str, Principal], make_customer: CustomerFactory,
             redis_pool: ArqRedis) -> MakeDue:
    """`n` follow-ups (with their deadlines) coming due over `spread` seconds from now.

    Written in bulk, then their escalation jobs enqueued through the outbox exactly as the
    services do: one deferred job per second, after commit.
    """

    async def make(n: int, spread: float) -> list[int]:
        customer = await make_customer()
        start = clock.now() + timedelta(seconds=2)
        due = [start + timedelta(seconds=spread * i / max(n - 1, 1)) for i in range(n)]
        await FollowUp.bulk_create([
            FollowUp(code=f"GT{i:08d}", customer_id=customer.id, follow_up_date=start.date(),
                     method="phone", created_by_id=org["rep.li"].id,
                     assignee_id=org["rep.li"].id, summary="s", feedback="neutral",
                     next_action="回电", due_at=at, status="pending")
            for i, at in enumerate(due)])
        ids = [f.id for f in await FollowUp.filter(code__startswith="GT").order_by("id")]
        await Deadline.bulk_create([
            Deadline(kind="follow_up", object_id=fid, due_at=at, next_step=0, next_at=at,
                     status=escalation.ACTIVE, owner_id=org["rep.li"].id,
                     department_id=customer.department_id)
            for fid, at in zip(ids, due, strict=True)])
        runtime.configure(runtime.ArqQueue(redis_pool, namespace()), None)
        try:
            async with outbox.atomic() as conn:
                for at in sorted({deadlines.bucket(at) for at in due}):
                    await deadlines.schedule(conn, at)
        finally:
            runtime.configure(None, None)
        return ids

    return make


async def wait_for(check: Callable[[], Awaitable[bool]], timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if await check():
            return time.monotonic() - started
        await _sleep(0.25)
    raise AssertionError(f"not done within {timeout} s")


async def _sleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)


def parse_time(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
