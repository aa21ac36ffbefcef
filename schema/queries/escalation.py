"""Overdue items and webhook administration queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import overdue, webhooks
from engine.validation import parse_id
from schema.context import Info
from schema.enums import values_of
from schema.types.common import After, Connection, First, arg, connection
from schema.types.escalation import DeadlineKind, OverdueItem
from schema.types.webhook import WebhookDelivery, WebhookEndpoint


@strawberry.input(description="Narrow the overdue list.")
class OverdueFilter:
    kind: list[DeadlineKind] | None = strawberry.field(default=None, description="Any kind.")
    owner_username: str | None = strawberry.field(default=None, description="Whose.")


@strawberry.type
class EscalationQuery:
    @strawberry.field(description="What is overdue in your scope (yours; your department's for "
                      "managers and marketing; everything for directors and finance), oldest "
                      "first, with its escalation step.")
    async def overdue_items(
        self,
        info: Info,
        filter: Annotated[OverdueFilter | None, arg("Conditions, all must hold.")] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[OverdueItem]:
        f = filter or OverdueFilter()
        page = await overdue.list_(
            info.context.actor, overdue.OverdueFilter(kinds=values_of(f.kind),
                                                      owner_username=f.owner_username),
            first=first, after=after)
        titles = await overdue.titles(page.items)
        return connection(page, lambda d: OverdueItem.from_row(d, titles[d.id]))

    @strawberry.field(description="Webhook endpoints (admins).")
    async def webhook_endpoints(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[WebhookEndpoint]:
        page = await webhooks.endpoints(info.context.actor, first=first, after=after)
        return connection(page, WebhookEndpoint.from_row)

    @strawberry.field(description="Webhook deliveries with their attempts, newest first.")
    async def webhook_deliveries(
        self,
        info: Info,
        endpoint_id: Annotated[strawberry.ID | None, arg("Of this endpoint.")] = None,
        status: Annotated[str | None, arg("PENDING, DELIVERED or DEAD.")] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[WebhookDelivery]:
        page = await webhooks.deliveries(
            info.context.actor,
            endpoint_id=parse_id("endpointId", endpoint_id) if endpoint_id else None,
            status=status, first=first, after=after)
        return connection(page, WebhookDelivery.from_row)
