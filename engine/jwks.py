"""The identity provider's signing keys (JWKS), fetched without blocking, cached, refreshed.

PyJWT's PyJWKClient does not fit a server: it fetches with urllib, blocking the event
loop for up to its timeout, and once its cache has expired a failed fetch leaves it with
no keys, so a short IdP outage becomes ours. This cache fetches with httpx's async
client and keeps serving the keys it has while the IdP is down:

- a key id it knows is served from the cache; when the set is older than `max_age` a
  refresh is tried first, and a failed one keeps the old keys;
- an unknown key id (the IdP rotated its keys) triggers a refresh at once;
- refreshes are rate-limited (`min_interval`) and single-flight, so a flood of tokens
  with made-up key ids costs the IdP one request per interval.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx
import jwt

from engine.errors import Unauthenticated

log = logging.getLogger("promoflow.auth")


class KeySet:
    def __init__(self, url: str, *, timeout: float, max_age: float, min_interval: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.url = url
        self.timeout = timeout
        self.max_age = max_age
        self.min_interval = min_interval
        self._clock = clock
        self._keys: dict[str | None, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        self._lock = asyncio.Lock()
        self.fetches = 0  # requests sent to the IdP (for tests and operators)

    async def key(self, kid: str | None) -> jwt.PyJWK:
        """The key a token names (its `kid`), or Unauthenticated."""
        found = self._find(kid)
        if found is None or self._stale():
            await self._refresh()
            found = self._find(kid)
        if found is None:
            raise Unauthenticated(
                f"the token's signing key {kid!r} is not among the identity provider's keys"
                if self._keys else "the identity provider's keys could not be fetched")
        return found

    def _find(self, kid: str | None) -> jwt.PyJWK | None:
        if kid is None and len(self._keys) == 1:  # a one-key set may omit key ids
            return next(iter(self._keys.values()))
        return self._keys.get(kid)

    def _stale(self) -> bool:
        return self._fetched_at is None or self._clock() - self._fetched_at > self.max_age

    async def _refresh(self) -> None:
        async with self._lock:
            now = self._clock()
            if self._attempted_at is not None and now - self._attempted_at < self.min_interval:
                return  # someone just tried (or is rate-limited): use what is there
            self._attempted_at = now
            self.fetches += 1
            try:
                keys = await self._fetch()
            except (httpx.HTTPError, ValueError, jwt.PyJWTError) as exc:
                log.warning("could not fetch the identity provider's keys from %s (%s: %s); "
                            "serving %d cached key(s)", self.url, type(exc).__name__, exc,
                            len(self._keys))
                return
            self._keys, self._fetched_at = keys, self._clock()

    async def _fetch(self) -> dict[str | None, jwt.PyJWK]:
        async with httpx.AsyncClient(timeout=self.timeout, follow_redirects=False) as client:
            response = await client.get(self.url, headers={"Accept": "application/json"})
            response.raise_for_status()
            data: Any = response.json()
        if not isinstance(data, dict):
            raise ValueError("the JWKS document is not a JSON object")
        keyset = jwt.PyJWKSet.from_dict(data)  # skips keys PyJWT cannot use
        return {k.key_id: k for k in keyset.keys if k.public_key_use in (None, "sig")}
