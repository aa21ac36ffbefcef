"""The in-process scheduler: without Redis, the server itself runs the periodic jobs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from engine import jobs

log = logging.getLogger("promoflow.scheduler")

Job = Callable[[], Awaitable[object]]

PERIODIC: list[tuple[str, Job]] = [
    ("sweep_overdue_follow_ups", jobs.sweep_overdue_follow_ups),
]


async def run_forever(interval_seconds: float = 60.0,
                      periodic: list[tuple[str, Job]] | None = None) -> None:
    """Run every periodic job, then sleep; errors are logged and the loop goes on."""
    while True:
        for name, job in periodic or PERIODIC:
            try:
                await job()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("job %s failed", name, extra={"job": name})
        await asyncio.sleep(interval_seconds)
