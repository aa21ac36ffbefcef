"""The Redis pub/sub bridge of live notifications, against the real Redis."""

from __future__ import annotations

import asyncio
import contextlib

from arq.connections import ArqRedis

from engine import realtime


async def test_the_bridge_resubscribes_after_redis_drops_it(redis_pool: ArqRedis) -> None:
    broker = realtime.Broker()
    listening = asyncio.Event()
    task = asyncio.create_task(realtime.bridge(redis_pool, broker, "promoflow:bridge-test",
                                               listening, retry_seconds=0.1))
    publisher = realtime.RedisPublisher(redis_pool, "promoflow:bridge-test")
    try:
        async with broker.subscribe(7) as inbox:
            await asyncio.wait_for(listening.wait(), 5)
            await publisher.publish([{"recipient_id": 7, "id": 1}])
            assert (await asyncio.wait_for(inbox.get(), 5))["id"] == 1

            # Redis drops every pub/sub connection (a restart, a failover, a network cut)
            listening.clear()
            killed = 0
            for client in await redis_pool.client_list(_type="pubsub"):
                if str(client.get("db")) == str(redis_pool.connection_pool.connection_kwargs.get(
                        "db", 0)):  # only this test's Redis database, not anyone else's
                    killed += int(await redis_pool.client_kill_filter(_id=client["id"]))
            assert killed >= 1
            await asyncio.wait_for(listening.wait(), 10)  # subscribed again
            await publisher.publish([{"recipient_id": 7, "id": 2},
                                     {"recipient_id": 8, "id": 3}])
            assert (await asyncio.wait_for(inbox.get(), 5))["id"] == 2
            assert inbox.empty()  # the other user's notification is not ours
            assert not task.done()
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
