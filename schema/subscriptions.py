"""GraphQL subscriptions over graphql-transport-ws."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from engine import realtime
from schema.context import Info
from schema.types.notification import Notification


@strawberry.type(description="Live events. Connect with graphql-transport-ws and send "
                 '{"Authorization": "Bearer <token>"} as the connection_init payload.')
class Subscription:
    @strawberry.subscription(description="Each new notification for you, as it is created "
                             "(by anyone's action or by a deadline job, in any process).")
    async def notifications(self, info: Info) -> AsyncGenerator[Notification, None]:
        actor = info.context.actor
        assert actor.id is not None
        async with realtime.broker().subscribe(actor.id) as queue:
            while True:
                yield Notification.from_message(await queue.get())
