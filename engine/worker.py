"""arq worker settings: `promoflow worker` runs them; any number of workers may run."""

from __future__ import annotations

from typing import Any

from arq import cron
from arq.connections import RedisSettings
from arq.worker import Worker
from tortoise.context import TortoiseContext

from engine import authz, db, jobs, machines
from engine.settings import Settings

CTX_DB = "promoflow_db"


def _bind(ctx: dict[str, Any]) -> None:
    """Bind the worker's database context to the job's task."""
    tortoise_ctx: TortoiseContext = ctx[CTX_DB]
    db.bind(tortoise_ctx)


async def sweep_overdue_follow_ups(ctx: dict[str, Any]) -> int:
    _bind(ctx)
    return await jobs.sweep_overdue_follow_ups()


def make_worker(settings: Settings, *, burst: bool = False, **overrides: Any) -> Worker:
    async def startup(ctx: dict[str, Any]) -> None:
        machines.load()
        authz.load()
        ctx[CTX_DB] = await db.open_context(settings.database_url)

    async def shutdown(ctx: dict[str, Any]) -> None:
        tortoise_ctx = ctx.get(CTX_DB)
        if tortoise_ctx is not None:
            await tortoise_ctx.close_connections()

    options: dict[str, Any] = {
        "functions": [sweep_overdue_follow_ups],
        "cron_jobs": [
            cron(sweep_overdue_follow_ups, second=0, unique=True, run_at_startup=True,
                 keep_result=0),
        ],
        "on_startup": startup,
        "on_shutdown": shutdown,
        "burst": burst,
        "poll_delay": 0.1,
        "handle_signals": True,
    }
    if "redis_pool" not in overrides:
        options["redis_settings"] = RedisSettings.from_dsn(settings.redis_url or "")
    options.update(overrides)
    return Worker(**options)


def run(settings: Settings, *, burst: bool = False) -> None:
    make_worker(settings, burst=burst).run()
