"""Webhook endpoints and deliveries (admins)."""

from __future__ import annotations

from datetime import datetime
from typing import cast

import strawberry
from strawberry.scalars import JSON

from engine.models import WebhookAttempt as AttemptRow
from engine.models import WebhookDelivery as DeliveryRow
from engine.models import WebhookEndpoint as EndpointRow
from schema.context import Info
from schema.types.org import User


@strawberry.type(description="Where changes are POSTed, signed with the endpoint's secret.")
class WebhookEndpoint:
    id: strawberry.ID = strawberry.field(description="Endpoint id.")
    url: str = strawberry.field(description="http(s) URL.")
    description: str | None = strawberry.field(description="What it is for.")
    event_types: list[str] = strawberry.field(
        description="Patterns of event types, e.g. customer.*, follow_up.mark_overdue, *.")
    active: bool = strawberry.field(description="Inactive endpoints get nothing.")
    version: int = strawberry.field(description="Optimistic-lock version.")
    _owner_id: strawberry.Private[int]

    @strawberry.field(description="Payloads show what this user may read.")
    async def owner(self, info: Info) -> User:
        row = await info.context.loaders.user.load(self._owner_id)
        assert row is not None
        return User.from_row(row)

    @classmethod
    def from_row(cls, row: EndpointRow) -> WebhookEndpoint:
        return cls(id=strawberry.ID(str(row.id)), url=row.url, description=row.description,
                   event_types=list(row.event_types), active=row.active, version=row.version,
                   _owner_id=row.owner_id)


@strawberry.type(description="A new endpoint and its signing secret (shown only now).")
class WebhookEndpointCreated:
    endpoint: WebhookEndpoint = strawberry.field(description="The endpoint.")
    secret: str = strawberry.field(
        description="HMAC-SHA256 key: verify X-Promoflow-Signature t=…,v1=hex(HMAC(t.body)).")


@strawberry.type(description="One try of a delivery.")
class WebhookAttempt:
    attempt: int = strawberry.field(description="1 for the first try.")
    at: datetime = strawberry.field(description="When.")
    status_code: int | None = strawberry.field(description="The receiver's HTTP status.")
    error: str | None = strawberry.field(description="Why it failed, if it did.")
    duration_ms: int = strawberry.field(description="How long it took.")

    @classmethod
    def from_row(cls, row: AttemptRow) -> WebhookAttempt:
        return cls(attempt=row.attempt, at=row.at, status_code=row.status_code,
                   error=row.error, duration_ms=row.duration_ms)


@strawberry.type(description="One change sent (or being sent) to one endpoint.")
class WebhookDelivery:
    id: strawberry.ID = strawberry.field(description="Delivery id.")
    endpoint_id: strawberry.ID = strawberry.field(description="The endpoint.")
    event_key: str = strawberry.field(description="Sent as X-Promoflow-Delivery.")
    event_type: str = strawberry.field(description="e.g. customer.win.")
    status: str = strawberry.field(description="PENDING, DELIVERED or DEAD (dead-lettered).")
    attempts: int = strawberry.field(description="Tries so far.")
    next_attempt_at: datetime | None = strawberry.field(description="The next try.")
    delivered_at: datetime | None = strawberry.field(description="When it got a 2xx.")
    last_status_code: int | None = strawberry.field(
        description="The receiver's HTTP status on the last try.")
    last_error: str | None = strawberry.field(
        description="Why the last try failed, or why it was not tried (endpoint switched off).")
    payload: JSON = strawberry.field(description="The JSON body sent.")
    _id: strawberry.Private[int]

    @strawberry.field(description="Every try, in order.")
    async def attempt_log(self, info: Info) -> list[WebhookAttempt]:
        rows = await info.context.loaders.webhook_attempts.load(self._id)
        return [WebhookAttempt.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: DeliveryRow) -> WebhookDelivery:
        return cls(id=strawberry.ID(str(row.id)), endpoint_id=strawberry.ID(str(row.endpoint_id)),
                   event_key=row.event_key, event_type=row.event_type,
                   status=row.status.upper(), attempts=row.attempts,
                   next_attempt_at=row.next_attempt_at, delivered_at=row.delivered_at,
                   last_status_code=row.last_status_code, last_error=row.last_error,
                   payload=cast(JSON, row.payload), _id=row.id)
