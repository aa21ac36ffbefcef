"""The GraphQL context: who is asking (resolved by the auth middleware) and loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.types import Info as _Info

from engine.authz import Principal, require_principal
from engine.ratelimit import RateLimits
from engine.settings import Settings
from schema.loaders import Loaders


@dataclass
class Context:
    request: Any
    response: Any
    settings: Settings
    principal: Principal | None = None
    loaders: Loaders = field(default_factory=Loaders)
    connection_params: Any = None
    limits: RateLimits | None = None  # the server's rate limits (none in schema-level tests)

    @property
    def actor(self) -> Principal:
        """The signed-in principal, or an UNAUTHENTICATED error."""
        return require_principal(self.principal)


Info = _Info[Context, None]
