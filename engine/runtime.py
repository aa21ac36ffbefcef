"""Process-wide plumbing set at start-up: where jobs are queued and notifications published.

The server, a worker and the CLI each configure it differently (arq on Redis, the
in-process scheduler, or nothing); engine code only calls `queue()` and `publisher()`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol


class JobQueue(Protocol):
    async def enqueue(self, function: str, *, job_id: str, at: datetime | None = None,
                      **kwargs: Any) -> None: ...


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


class ArqQueue:
    """Jobs on Redis through arq: a fixed `_job_id` makes enqueueing idempotent."""

    def __init__(self, pool: Any) -> None:
        self.pool = pool

    async def enqueue(self, function: str, *, job_id: str, at: datetime | None = None,
                      **kwargs: Any) -> None:
        await self.pool.enqueue_job(function, _job_id=job_id, _defer_until=at, **kwargs)
