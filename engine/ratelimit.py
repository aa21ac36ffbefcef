"""Rate limits: failed sign-ins per client address, mutations per user (issue 11).

Counted with the `limits` library's sliding-window counter: in Redis when REDIS_URL is set
(every server process of the deployment counts together, under the deployment's
namespace: `<REDIS_PREFIX>:limits:…`), in this process's memory otherwise (embedded mode
has one process). A limit of "" is off. When Redis cannot be reached the limit is not
applied (logged as a warning): losing Redis must not lock everyone out.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter

from engine.settings import Settings

log = logging.getLogger("promoflow.ratelimit")

AUTH_FAILURES, MUTATIONS = "auth_failures", "mutations"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # seconds, when not allowed


ALLOWED = Verdict(True)


class RateLimits:
    """The deployment's limits; one per app (it holds the storage's connections)."""

    def __init__(self, settings: Settings) -> None:
        storage: Storage
        if settings.redis_url:
            storage = RedisStorage(
                "async+" + settings.redis_url, implementation="redispy",
                key_prefix=f"{settings.redis_prefix}:limits", wrap_exceptions=True)
        else:
            storage = MemoryStorage()
        self.storage = storage
        self.limiter = SlidingWindowCounterRateLimiter(storage)
        self.items: dict[str, RateLimitItem] = {}
        for name, rate in ((AUTH_FAILURES, settings.rate_limit_auth_failures),
                           (MUTATIONS, settings.rate_limit_mutations)):
            if rate:
                self.items[name] = parse(rate)

    async def _verdict(self, item: RateLimitItem, key: str) -> Verdict:
        stats = await self.limiter.get_window_stats(item, key)
        return Verdict(False, max(1, math.ceil(stats.reset_time - time.time())))

    async def check(self, name: str, key: str) -> Verdict:
        """Whether `key` may go on, without counting anything."""
        item = self.items.get(name)
        if item is None:
            return ALLOWED
        try:
            if await self.limiter.test(item, key):
                return ALLOWED
            return await self._verdict(item, key)
        except Exception as exc:  # storage away: do not lock everyone out
            log.warning("rate limit %s not checked", name, extra={"error": repr(exc)[:200]})
            return ALLOWED

    async def hit(self, name: str, key: str, cost: int = 1) -> Verdict:
        """Count `cost` for `key`; refused when that would pass the limit."""
        item = self.items.get(name)
        if item is None:
            return ALLOWED
        try:
            if await self.limiter.hit(item, key, cost=cost):
                return ALLOWED
            return await self._verdict(item, key)
        except Exception as exc:
            log.warning("rate limit %s not counted", name, extra={"error": repr(exc)[:200]})
            return ALLOWED

    async def reset(self) -> None:
        await self.storage.reset()
