"""A worker outlives its Redis: restarted (not flushed) under it, the worker process keeps
running, reconnects and escalates what fell due meanwhile (issue 8). A private Redis
server of the test's own, so restarting it disturbs nobody else's."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from engine import clock, settings
from engine.authz import Principal
from engine.models import Deadline, EscalationStep
from engine.services import follow_ups
from tests.conftest import CustomerFactory
from tests.e2e.conftest import PROMOFLOW, free_port
from tests.worker.conftest import ROOT, wait_for


class PrivateRedis:
    def __init__(self, workdir: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed (./run test installs it)")
        self.binary = binary
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            done = subprocess.run(["redis-cli", "-p", str(self.port), "ping"], check=False,
                                  capture_output=True, text=True)
            if done.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise AssertionError("private redis-server did not start")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    redis = PrivateRedis(tmp_path)
    redis.start()
    yield redis
    redis.kill()


def _sweeps(log: Path) -> int:
    count = 0
    for line in log.read_text().splitlines():
        if line.startswith("{") and ":sweep()" in json.loads(line).get("msg", "") \
                and "→" in json.loads(line)["msg"]:
            count += 1
    return count


async def test_a_worker_survives_a_redis_restart(
    org: dict[str, Principal], make_customer: CustomerFactory, private_redis: PrivateRedis,
    tmp_path: Path,
) -> None:
    # given: a worker sweeping every second on the private Redis
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROMOFLOW_TEST")}
    env.update(DATABASE_URL=settings.current().database_url, REDIS_URL=private_redis.url,
               PROMOFLOW_SCHEDULER_INTERVAL="1", LOG_FORMAT="json", LOG_LEVEL="INFO")
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen([*PROMOFLOW, "worker"], env=env, cwd=ROOT, stdout=out,
                                  stderr=subprocess.STDOUT)
        try:
            await wait_for(_async(lambda: _sweeps(log) >= 2), timeout=30)
            # when: Redis goes away for a few seconds, and work falls due meanwhile
            private_redis.kill()
            customer = await make_customer()
            due = clock.now() - timedelta(minutes=5)
            row = await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
                customer_id=customer.id, customer_code=None, method="phone", summary="s",
                feedback="neutral", next_action="回电", due_at=due,
                follow_up_date=clock.local_date(due, settings.current().zone)))
            await asyncio.sleep(3)
            assert worker.poll() is None, log.read_text()
            swept = _sweeps(log)
            private_redis.start()  # empty: it kept nothing
            # then: the worker is still running, sweeps again, and escalates the follow-up
            await wait_for(_async(lambda: _sweeps(log) > swept), timeout=60)
            deadline = await Deadline.get(kind="follow_up", object_id=row.id)

            async def escalated() -> bool:
                return await EscalationStep.filter(deadline_id=deadline.id).exists()

            await wait_for(escalated, timeout=30)
            assert worker.poll() is None
            assert "worker lost Redis" in log.read_text()
        finally:
            worker.terminate()
            worker.wait(timeout=30)


def _async(check: object) -> object:
    async def run() -> bool:
        return bool(check())  # type: ignore[operator]

    return run
