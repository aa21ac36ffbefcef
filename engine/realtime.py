"""Real-time delivery of notifications to their recipients' open subscriptions.

Each server process keeps a `Broker` of its own subscribers (one queue per open
subscription, keyed by user). Without Redis the broker is also the publisher. With Redis,
every process publishes to the deployment's channel (`<namespace>:notifications`: Redis
pub/sub ignores database numbers, so the namespace is what keeps deployments apart) and
each server forwards what it hears to its own broker, so a notification created by a
worker or by another server process reaches the recipient wherever their websocket is
open — and only the recipient.

A notification reaches a subscription once: the broker remembers the ids it pushed (a
message can be published twice when a process dies between publishing and marking it
done), and a subscription carries what was created after it opened — what came before is
in the inbox (`notifications`), which a client reads after subscribing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import OrderedDict, defaultdict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from engine import clock, metrics

log = logging.getLogger("promoflow.realtime")

QUEUE_SIZE = 1000
REMEMBERED = 100_000  # ids of pushed notifications kept for de-duplication
# Clocks of processes on different hosts differ a little: a notification created this long
# before a subscription opened still reaches it.
CLOCK_SKEW = timedelta(seconds=5)


def channel(namespace: str) -> str:
    return f"{namespace}:notifications"


@dataclass(eq=False)
class _Subscription:
    queue: asyncio.Queue[dict[str, Any]]
    opened_at: datetime = field(default_factory=clock.now)


class Broker:
    def __init__(self) -> None:
        self._subscribers: dict[int, set[_Subscription]] = defaultdict(set)
        self._pushed: OrderedDict[int, None] = OrderedDict()

    @asynccontextmanager
    async def subscribe(self, user_id: int) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
        sub = _Subscription(asyncio.Queue(maxsize=QUEUE_SIZE))
        self._subscribers[user_id].add(sub)
        metrics.SUBSCRIPTIONS.inc()
        try:
            yield sub.queue
        finally:
            metrics.SUBSCRIPTIONS.dec()
            self._subscribers[user_id].discard(sub)
            if not self._subscribers[user_id]:
                del self._subscribers[user_id]

    def _first_time(self, message: dict[str, Any]) -> bool:
        nid = message.get("id")
        if not isinstance(nid, int):
            return True
        if nid in self._pushed:
            return False
        self._pushed[nid] = None
        if len(self._pushed) > REMEMBERED:
            self._pushed.popitem(last=False)
        return True

    def deliver(self, message: dict[str, Any]) -> None:
        if not self._first_time(message):
            metrics.NOTIFICATIONS_PUSHED.labels("duplicate").inc()
            return
        created = _created_at(message)
        for sub in list(self._subscribers.get(int(message["recipient_id"]), ())):
            if created is not None and created < sub.opened_at - CLOCK_SKEW:
                continue  # older than the subscription: it is in the inbox
            try:
                sub.queue.put_nowait(message)
                metrics.NOTIFICATIONS_PUSHED.labels("delivered").inc()
            except asyncio.QueueFull:  # a stalled client loses live pushes, not its inbox
                metrics.NOTIFICATIONS_PUSHED.labels("dropped").inc()
                log.warning("subscriber queue full", extra={"user_id": message["recipient_id"]})

    async def publish(self, messages: list[dict[str, Any]]) -> None:
        for message in messages:
            self.deliver(message)


def _created_at(message: dict[str, Any]) -> datetime | None:
    raw = message.get("created_at")
    if not isinstance(raw, str):
        return None
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        return None


class RedisPublisher:
    def __init__(self, redis: Any, namespace: str) -> None:
        self.redis = redis
        self.channel = channel(namespace)

    async def publish(self, messages: list[dict[str, Any]]) -> None:
        if messages:
            async with self.redis.pipeline(transaction=False) as pipe:
                for message in messages:
                    pipe.publish(self.channel, json.dumps(message, ensure_ascii=False,
                                                          default=str))
                await pipe.execute()


async def bridge(redis: Any, broker: Broker, namespace: str,
                 ready: asyncio.Event | None = None, *, retry_seconds: float = 1.0,
                 max_retry_seconds: float = 30.0) -> None:
    """Forward the deployment's channel to this process's subscribers until cancelled.

    A lost Redis connection does not end it: it resubscribes with a growing pause (live
    pushes made meanwhile are missed; the inbox keeps them).
    """
    pause = retry_seconds
    name = channel(namespace)

    def subscribed() -> None:
        nonlocal pause
        pause = retry_seconds
        if ready is not None:
            ready.set()

    while True:
        try:
            await _forward(redis, broker, name, subscribed)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("realtime bridge lost Redis; resubscribing in %.0f s", pause,
                        extra={"error": repr(exc)})
            await asyncio.sleep(pause)
            pause = min(pause * 2, max_retry_seconds)


async def _forward(redis: Any, broker: Broker, name: str,
                   subscribed: Callable[[], None]) -> None:
    pubsub = redis.pubsub()
    await pubsub.subscribe(name)
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
            await pubsub.unsubscribe(name)
            await pubsub.aclose()


_broker = Broker()


def broker() -> Broker:
    return _broker
