"""Real-time delivery of notifications to their recipients' open subscriptions.

Each server process keeps a `Broker` of its own subscribers (one queue per open
subscription, keyed by user). Without Redis the broker is also the publisher. With Redis,
every process publishes to one pub/sub channel and each server forwards what it hears to
its own broker, so a notification created by a worker or by another server process
reaches the recipient wherever their websocket is open — and only the recipient.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

log = logging.getLogger("promoflow.realtime")

CHANNEL = "promoflow:notifications"
QUEUE_SIZE = 1000


class Broker:
    def __init__(self) -> None:
        self._subscribers: dict[int, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)

    @asynccontextmanager
    async def subscribe(self, user_id: int) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=QUEUE_SIZE)
        self._subscribers[user_id].add(queue)
        try:
            yield queue
        finally:
            self._subscribers[user_id].discard(queue)
            if not self._subscribers[user_id]:
                del self._subscribers[user_id]

    def deliver(self, message: dict[str, Any]) -> None:
        for queue in list(self._subscribers.get(int(message["recipient_id"]), ())):
            try:
                queue.put_nowait(message)
            except asyncio.QueueFull:  # a stalled client loses live pushes, not its inbox
                log.warning("subscriber queue full", extra={"user_id": message["recipient_id"]})

    async def publish(self, messages: list[dict[str, Any]]) -> None:
        for message in messages:
            self.deliver(message)


class RedisPublisher:
    def __init__(self, redis: Any) -> None:
        self.redis = redis

    async def publish(self, messages: list[dict[str, Any]]) -> None:
        if messages:
            async with self.redis.pipeline(transaction=False) as pipe:
                for message in messages:
                    pipe.publish(CHANNEL, json.dumps(message, ensure_ascii=False,
                                                     default=str))
                await pipe.execute()


async def bridge(redis: Any, broker: Broker, ready: asyncio.Event | None = None,
                 *, retry_seconds: float = 1.0, max_retry_seconds: float = 30.0) -> None:
    """Forward the Redis channel to this process's subscribers until cancelled.

    A lost Redis connection does not end it: it resubscribes with a growing pause (live
    pushes made meanwhile are missed; the inbox keeps them).
    """
    pause = retry_seconds

    def subscribed() -> None:
        nonlocal pause
        pause = retry_seconds
        if ready is not None:
            ready.set()

    while True:
        try:
            await _forward(redis, broker, subscribed)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning("realtime bridge lost Redis; resubscribing in %.0f s", pause,
                        exc_info=True)
            await asyncio.sleep(pause)
            pause = min(pause * 2, max_retry_seconds)


async def _forward(redis: Any, broker: Broker, subscribed: Callable[[], None]) -> None:
    pubsub = redis.pubsub()
    await pubsub.subscribe(CHANNEL)
    subscribed()
    try:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is None:
                continue
            try:
                broker.deliver(json.loads(message["data"]))
            except (ValueError, KeyError, TypeError):
                log.warning("malformed realtime message dropped")
    finally:
        with contextlib.suppress(Exception):
            await pubsub.unsubscribe(CHANNEL)
            await pubsub.aclose()


_broker = Broker()


def broker() -> Broker:
    return _broker
