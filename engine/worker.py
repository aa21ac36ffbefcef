"""arq worker settings: `promoflow worker` runs them; any number of workers may run.

Everything lives in the deployment's Redis namespace (`REDIS_PREFIX`): the queue, job ids
and cron job ids, so deployments sharing a Redis never take each other's jobs. Jobs keep
no result (`keep_result=0`), so a deterministic job id can be enqueued again as soon as
its job has run. The sweep (every `PROMOFLOW_SCHEDULER_INTERVAL` seconds) and the house
rules are cron jobs.

A worker outlives its Redis: when the connection is lost (Redis restarted, the network
away) `run` starts the worker again with a growing pause, and the sweep re-enqueues from
the database whatever the restart lost.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from typing import Any

from arq import cron, func
from arq.connections import RedisSettings
from arq.worker import Worker
from tortoise.context import TortoiseContext

from engine import boot, db, jobs, runtime
from engine.realtime import RedisPublisher
from engine.settings import Settings

log = logging.getLogger("promoflow.worker")

CTX_DB = "promoflow_db"


def _bind(ctx: dict[str, Any]) -> None:
    """Bind the worker's database context to the job's task."""
    tortoise_ctx: TortoiseContext = ctx[CTX_DB]
    db.bind(tortoise_ctx)


async def escalate_due(ctx: dict[str, Any]) -> int:
    _bind(ctx)
    return int(await jobs.JOBS["escalate_due"]())


async def deliver_webhook(ctx: dict[str, Any], delivery_id: int) -> str:
    _bind(ctx)
    return str(await jobs.JOBS["deliver_webhook"](delivery_id))


async def fan_out_events(ctx: dict[str, Any]) -> int:
    _bind(ctx)
    return int(await jobs.JOBS["fan_out_events"]())


async def sweep(ctx: dict[str, Any]) -> dict[str, int]:
    _bind(ctx)
    return dict(await jobs.JOBS["sweep"]())


async def house_rules(ctx: dict[str, Any]) -> list[str]:
    _bind(ctx)
    return list(await jobs.JOBS["house_rules"]())


async def rfm_refresh(ctx: dict[str, Any]) -> bool:
    _bind(ctx)
    return bool(await jobs.JOBS["rfm_refresh"]())


def sweep_schedule(interval: int) -> dict[str, set[int]]:
    """arq cron fields for a sweep every `interval` seconds: a divisor of 60 seconds, or
    whole minutes dividing an hour (other values round down to the nearest such one)."""
    if interval < 60:
        step = max(s for s in (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30) if s <= max(interval, 1))
        return {"second": set(range(0, 60, step))}
    minutes = max(m for m in (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60) if m * 60 <= interval)
    return {"minute": set(range(0, 60, minutes)), "second": {0}}


def make_worker(settings: Settings, *, burst: bool = False, **overrides: Any) -> Worker:
    namespace = settings.redis_prefix
    schedule = sweep_schedule(settings.scheduler_interval_seconds)

    async def startup(ctx: dict[str, Any]) -> None:
        boot.load_definitions(settings)
        ctx[CTX_DB] = await db.open_context(settings.database_url)
        db.bind(ctx[CTX_DB])
        redis = ctx["redis"]
        runtime.configure(runtime.ArqQueue(redis, namespace), RedisPublisher(redis, namespace))

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
            cron(sweep, name=f"cron:{namespace}:sweep", unique=True, run_at_startup=True,
                 keep_result=0, timeout=300, second=schedule["second"],
                 minute=schedule.get("minute")),
            cron(house_rules, name=f"cron:{namespace}:house_rules", second=30, unique=True,
                 keep_result=0, timeout=300),
            # every minute; the job refreshes only what is older than rfm_refresh_seconds
            cron(rfm_refresh, name=f"cron:{namespace}:rfm_refresh", second=45, unique=True,
                 keep_result=0, timeout=900),
        ],
        "queue_name": runtime.queue_name(namespace),
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


def _redis_gone(exc: BaseException) -> bool:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return isinstance(exc, RedisConnectionError | RedisTimeoutError | ConnectionError | OSError)


def run(settings: Settings, *, burst: bool = False, max_pause: float = 30.0) -> None:
    """Run a worker until it is stopped; start it again whenever Redis goes away."""
    pause = 1.0
    while True:
        started = time.monotonic()
        worker = make_worker(settings, burst=burst)
        try:
            worker.run()
            return
        except Exception as exc:
            if not _redis_gone(exc) or burst:
                raise
            if time.monotonic() - started > 60:
                pause = 1.0  # it ran a while: the first retry is quick again
            log.warning("worker lost Redis; starting again in %.0f s", pause,
                        extra={"error": repr(exc)})
        finally:
            runtime.configure(None, None)
            # arq skips on_shutdown when closing its dead pool fails: close the database
            # here, or its driver's thread keeps the process from ever exiting
            _close_database(worker)
        if _stopped_during(pause):
            return
        pause = min(pause * 2, max_pause)


def _close_database(worker: Worker) -> None:
    tortoise_ctx = worker.ctx.pop(CTX_DB, None)
    if tortoise_ctx is None:
        return
    loop = _usable_loop()
    try:
        loop.run_until_complete(tortoise_ctx.close_connections())
    except Exception:
        log.warning("closing the worker's database connections failed", exc_info=True)


def _usable_loop() -> asyncio.AbstractEventLoop:
    try:
        loop = asyncio.get_event_loop()
    except RuntimeError:
        loop = None
    if loop is None or loop.is_closed():
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
    return loop


def _stopped_during(seconds: float) -> bool:
    """Wait out the pause between restarts; True if SIGTERM or SIGINT came meanwhile (no
    event loop runs now, so arq's own handlers would not see it)."""
    stop = {"now": False}

    def handler(signum: int, frame: Any) -> None:
        stop["now"] = True

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        deadline = time.monotonic() + seconds
        while not stop["now"] and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
    return stop["now"]
