"""Process-wide plumbing set at start-up: where jobs are queued and notifications published.

The server, a worker and the CLI each configure it differently (arq on Redis, the
in-process scheduler, or nothing); engine code only calls `queue()` and `publisher()`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from engine import clock


class JobQueue(Protocol):
    async def enqueue(self, function: str, *, job_id: str, at: datetime | None = None,
                      **kwargs: Any) -> None: ...

    async def depth(self) -> tuple[int, int]:
        """(jobs queued, of which due to run now)."""
        ...


class Publisher(Protocol):
    async def publish(self, messages: list[dict[str, Any]]) -> None: ...


_queue: JobQueue | None = None
_publisher: Publisher | None = None


def configure(queue: JobQueue | None, publisher: Publisher | None) -> None:
    global _queue, _publisher
    _queue, _publisher = queue, publisher


def queue() -> JobQueue | None:
    return _queue


def publisher() -> Publisher | None:
    return _publisher


def queue_name(namespace: str) -> str:
    return f"{namespace}:queue"


def delay_seconds(at: datetime | None) -> float:
    """Seconds from the engine's now until `at`; 0 when `at` is now or past (however far)."""
    if at is None:
        return 0.0
    return max(0.0, (at - clock.now()).total_seconds())


class ArqQueue:
    """Jobs on Redis through arq, inside the deployment's namespace.

    The queue is `<namespace>:queue` and every job id is `<namespace>:<id>`, so arq's
    per-job keys (`arq:job:<namespace>:…`) never meet another deployment's on a shared
    Redis. A fixed id makes enqueueing idempotent. The delay is counted on the engine's
    clock and handed to arq as a duration: a run time in the past, however far (a worker
    that was down over a weekend, a back-dated follow-up), means now — arq itself refuses
    to defer to a time over a day in the past.
    """

    def __init__(self, pool: Any, namespace: str) -> None:
        self.pool = pool
        self.namespace = namespace
        self.queue_name = queue_name(namespace)

    def job_id(self, job_id: str) -> str:
        return f"{self.namespace}:{job_id}"

    async def enqueue(self, function: str, *, job_id: str, at: datetime | None = None,
                      **kwargs: Any) -> None:
        delay = delay_seconds(at)
        await self.pool.enqueue_job(function, _job_id=self.job_id(job_id),
                                    _queue_name=self.queue_name,
                                    _defer_by=delay if delay > 0 else None, **kwargs)

    async def depth(self) -> tuple[int, int]:
        import math
        import time

        async with self.pool.pipeline(transaction=False) as pipe:
            pipe.zcard(self.queue_name)
            # arq scores a job due now with its enqueue time, rounded to the millisecond
            pipe.zcount(self.queue_name, "-inf", math.ceil(time.time() * 1000) + 1)
            total, ready = await pipe.execute()
        return int(total), int(ready)
