"""Webhook administration (admins)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import webhooks
from engine.validation import parse_id
from schema.context import Info
from schema.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError, mutate
from schema.mutations.customer import patched
from schema.types.common import ExpectedVersion, RecordId, arg
from schema.types.webhook import WebhookDelivery, WebhookEndpoint, WebhookEndpointCreated


@strawberry.input(description="A webhook endpoint.")
class WebhookEndpointInput:
    url: str = strawberry.field(description="http(s) URL that receives POSTs.")
    event_types: list[str] = strawberry.field(
        description="Event type patterns: customer.*, follow_up.mark_overdue, campaign.approve…")
    owner_username: str | None = strawberry.field(
        default=None, description="Whose permissions shape payloads (default: you).")
    description: str | None = strawberry.field(default=None, description="What it is for.")
    secret: str | None = strawberry.field(
        default=None, description="Signing secret (≥ 16 chars; default: generated).")


@strawberry.input(description="Endpoint fields to change.")
class WebhookEndpointUpdateInput:
    url: str | None = strawberry.field(default=strawberry.UNSET, description="New URL.")
    event_types: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="New event type patterns.")
    active: bool | None = strawberry.field(default=strawberry.UNSET, description="On or off.")


WebhookEndpointCreateResult = Annotated[
    WebhookEndpointCreated | ValidationError | ForbiddenError,
    strawberry.union("WebhookEndpointCreateResult", description="The endpoint, or why not."),
]
WebhookEndpointUpdateResult = Annotated[
    WebhookEndpoint | NotFoundError | ValidationError | ForbiddenError | ConflictError,
    strawberry.union("WebhookEndpointUpdateResult", description="The endpoint, or why not."),
]
WebhookRedeliverResult = Annotated[
    WebhookDelivery | NotFoundError | ValidationError | ForbiddenError,
    strawberry.union("WebhookRedeliverResult", description="The new delivery, or why not."),
]


@strawberry.type
class WebhookMutation:
    @strawberry.mutation(description="Register an endpoint (admins); its secret is returned "
                         "once.")
    async def webhook_endpoint_create(
        self, info: Info, input: Annotated[WebhookEndpointInput, arg("The endpoint.")]
    ) -> WebhookEndpointCreateResult:
        actor = info.context.actor
        return await mutate(
            lambda: webhooks.create_endpoint(
                actor, url=input.url, event_types=input.event_types,
                owner_username=input.owner_username, description=input.description,
                secret=input.secret),
            lambda made: WebhookEndpointCreated(
                endpoint=WebhookEndpoint.from_row(made.endpoint), secret=made.secret))

    @strawberry.mutation(description="Change or switch off an endpoint (admins).")
    async def webhook_endpoint_update(
        self, info: Info, id: RecordId,
        input: Annotated[WebhookEndpointUpdateInput, arg("The fields to change.")],
        expected_version: ExpectedVersion = None,
    ) -> WebhookEndpointUpdateResult:
        actor = info.context.actor
        return await mutate(
            lambda: webhooks.update_endpoint(
                actor, parse_id("id", id), active=patched(input.active),
                event_types=patched(input.event_types), url=patched(input.url),
                expected_version=expected_version),
            WebhookEndpoint.from_row)

    @strawberry.mutation(description="Send a delivery again (a new delivery, same payload).")
    async def webhook_redeliver(
        self, info: Info, delivery_id: Annotated[strawberry.ID, arg("The delivery.")]
    ) -> WebhookRedeliverResult:
        actor = info.context.actor
        return await mutate(
            lambda: webhooks.redeliver(actor, parse_id("deliveryId", delivery_id)),
            WebhookDelivery.from_row)
