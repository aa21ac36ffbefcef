"""The in-process scheduler: without Redis, the server itself runs the jobs.

`LocalQueue` stands in for arq: a job enqueued with a time runs then, in this process,
once per job id at a time. `run_forever` is the cron: the sweep and the house rules, every
interval. The job functions are the same ones the arq workers run (engine/jobs.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime
from typing import Any

from tortoise.context import TortoiseContext

from engine import clock, db, jobs

log = logging.getLogger("promoflow.scheduler")


class LocalQueue:
    def __init__(self, ctx: TortoiseContext) -> None:
        self.ctx = ctx
        self._handles: dict[str, asyncio.TimerHandle] = {}
        self._tasks: set[asyncio.Task[Any]] = set()

    async def enqueue(self, function: str, *, job_id: str, at: datetime | None = None,
                      **kwargs: Any) -> None:
        if job_id in self._handles:
            return  # already waiting to run: enqueueing is idempotent, as with arq
        delay = max(0.0, (at - clock.now()).total_seconds()) if at else 0.0
        loop = asyncio.get_running_loop()
        self._handles[job_id] = loop.call_later(delay, self._start, job_id, function, kwargs)

    async def depth(self) -> tuple[int, int]:
        loop = asyncio.get_running_loop()
        ready = sum(1 for h in self._handles.values() if h.when() <= loop.time())
        return len(self._handles) + len(self._tasks), ready + len(self._tasks)

    def _start(self, job_id: str, function: str, kwargs: dict[str, Any]) -> None:
        self._handles.pop(job_id, None)
        task = asyncio.get_running_loop().create_task(self._run(job_id, function, kwargs))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, job_id: str, function: str, kwargs: dict[str, Any]) -> None:
        token = db.bind(self.ctx)
        try:
            await jobs.JOBS[function](**kwargs)
        except Exception:
            log.exception("job %s failed", job_id, extra={"job": function})
        finally:
            db.unbind(token)

    async def close(self) -> None:
        for handle in self._handles.values():
            handle.cancel()
        self._handles.clear()
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


async def run_forever(interval_seconds: float = 60.0) -> None:
    """The cron of embedded mode: sweep, house rules and RFM's refresh (which refreshes only
    when its boundaries are old enough), then sleep; errors are logged."""
    while True:
        for name in ("sweep", "house_rules", "rfm_refresh"):
            try:
                await jobs.JOBS[name]()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("job %s failed", name, extra={"job": name})
        await asyncio.sleep(interval_seconds)
