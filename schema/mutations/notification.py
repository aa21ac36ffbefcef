"""Marking notifications read."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from engine.services import notifications
from engine.validation import parse_id
from schema.context import Info
from schema.errors import ValidationError, mutate
from schema.types.common import arg


@strawberry.type(description="How many notifications were marked, and how many stay unread.")
class NotificationsMarked:
    marked: int = strawberry.field(description="Marked read by this call.")
    unread: int = strawberry.field(description="Still unread.")


NotificationMarkReadResult = Annotated[
    NotificationsMarked | ValidationError,
    strawberry.union("NotificationMarkReadResult", description="The count, or why not."),
]


@strawberry.type
class NotificationMutation:
    @strawberry.mutation(description="Mark some of your notifications read (or all).")
    async def notification_mark_read(
        self,
        info: Info,
        ids: Annotated[list[strawberry.ID] | None, arg("Which ones.")] = None,
        all: Annotated[bool, arg("Mark every unread one instead.")] = False,
    ) -> NotificationMarkReadResult:
        actor = info.context.actor

        async def run() -> Any:
            wanted = None if all else [parse_id("ids", i) for i in ids or []]
            marked = await notifications.mark_read(actor, wanted)
            return NotificationsMarked(marked=marked,
                                       unread=await notifications.unread_count(actor))

        return await mutate(run, lambda result: result)
