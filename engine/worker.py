"""arq worker settings: `promoflow worker` runs them; any number of workers may run.

Jobs keep no result (`keep_result=0`), so a deterministic job id can be enqueued again as
soon as its job has run. The sweep and the house rules are cron jobs.
"""

from __future__ import annotations

from typing import Any

from arq import cron, func
from arq.connections import RedisSettings
from arq.worker import Worker
from tortoise.context import TortoiseContext

from engine import boot, db, jobs, runtime
from engine.realtime import RedisPublisher
from engine.settings import Settings

CTX_DB = "promoflow_db"


def _bind(ctx: dict[str, Any]) -> None:
    """Bind the worker's database context to the job's task."""
    tortoise_ctx: TortoiseContext = ctx[CTX_DB]
    db.bind(tortoise_ctx)


async def escalate_due(ctx: dict[str, Any]) -> int:
    _bind(ctx)
    return await jobs.escalate_due()


async def deliver_webhook(ctx: dict[str, Any], delivery_id: int) -> str:
    _bind(ctx)
    return await jobs.deliver_webhook(delivery_id)


async def fan_out_events(ctx: dict[str, Any]) -> int:
    _bind(ctx)
    return await jobs.fan_out_events()


async def sweep(ctx: dict[str, Any]) -> dict[str, int]:
    _bind(ctx)
    return await jobs.sweep()


async def house_rules(ctx: dict[str, Any]) -> list[str]:
    _bind(ctx)
    return await jobs.house_rules()


def _seconds(interval: int) -> set[int]:
    """The seconds of each minute the sweep runs at (every `interval` s, at most 60)."""
    step = interval if 0 < interval < 60 and 60 % interval == 0 else 60
    return set(range(0, 60, step))


def make_worker(settings: Settings, *, burst: bool = False, **overrides: Any) -> Worker:
    async def startup(ctx: dict[str, Any]) -> None:
        boot.load_definitions(settings)
        ctx[CTX_DB] = await db.open_context(settings.database_url)
        db.bind(ctx[CTX_DB])
        redis = ctx["redis"]
        runtime.configure(runtime.ArqQueue(redis), RedisPublisher(redis))

    async def shutdown(ctx: dict[str, Any]) -> None:
        tortoise_ctx = ctx.get(CTX_DB)
        if tortoise_ctx is not None:
            await tortoise_ctx.close_connections()

    options: dict[str, Any] = {
        "functions": [
            func(escalate_due, keep_result=0, timeout=600),
            func(deliver_webhook, keep_result=0, timeout=settings.webhook_timeout_seconds + 30),
            func(fan_out_events, keep_result=0, timeout=600),
        ],
        "cron_jobs": [
            cron(sweep, second=_seconds(settings.scheduler_interval_seconds), unique=True,
                 run_at_startup=True, keep_result=0, timeout=300),
            cron(house_rules, second=30, unique=True, keep_result=0, timeout=300),
        ],
        "on_startup": startup,
        "on_shutdown": shutdown,
        "burst": burst,
        "poll_delay": 0.05,
        "handle_signals": True,
        "max_jobs": 10,
    }
    if "redis_pool" not in overrides:
        options["redis_settings"] = RedisSettings.from_dsn(settings.redis_url or "")
    options.update(overrides)
    return Worker(**options)


def run(settings: Settings, *, burst: bool = False) -> None:
    make_worker(settings, burst=burst).run()
