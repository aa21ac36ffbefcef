"""The caller's notifications."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import notifications
from schema.context import Info
from schema.enums import NotificationKind, values_of
from schema.types.common import After, Connection, First, arg, connection
from schema.types.notification import Notification


@strawberry.type
class NotificationQuery:
    @strawberry.field(description="Your notifications, newest first.")
    async def notifications(
        self,
        info: Info,
        unread_only: Annotated[bool, arg("Only those not yet marked read.")] = False,
        kind: Annotated[list[NotificationKind] | None, arg("Only these kinds.")] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Notification]:
        page = await notifications.list_(info.context.actor, unread_only=unread_only,
                                         first=first, after=after, kinds=values_of(kind))
        return connection(page, Notification.from_row)

    @strawberry.field(description="How many of your notifications are unread.")
    async def notifications_unread_count(self, info: Info) -> int:
        return await notifications.unread_count(info.context.actor)
