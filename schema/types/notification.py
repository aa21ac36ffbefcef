"""Notifications in a user's inbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from engine.models import Notification as NotificationRow
from engine.models.enums import NotificationKind as DomainKind
from schema.enums import NotificationKind


@strawberry.type(description="A notification for you: a copy, an alert, an approval request.")
class Notification:
    id: strawberry.ID = strawberry.field(description="Notification id.")
    kind: NotificationKind = strawberry.field(description="What it is about.")
    kind_label: str = strawberry.field(description="Chinese label of the kind.")
    title: str = strawberry.field(description="One line.")
    body: str | None = strawberry.field(description="Details.")
    object_type: str | None = strawberry.field(description="The record it is about, if any.")
    object_id: strawberry.ID | None = strawberry.field(description="That record's id.")
    created_at: datetime = strawberry.field(description="When it was sent.")
    read_at: datetime | None = strawberry.field(description="When you marked it read.")

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> Notification:
        """From a real-time message (engine/services/notifications.notify_many)."""
        return cls(
            id=strawberry.ID(str(message["id"])), kind=NotificationKind(message["kind"]),
            kind_label=DomainKind.of(message["kind"]).label, title=message["title"],
            body=message.get("body"), object_type=message.get("object_type"),
            object_id=strawberry.ID(str(message["object_id"]))
            if message.get("object_id") is not None else None,
            created_at=datetime.fromisoformat(message["created_at"]), read_at=None,
        )

    @classmethod
    def from_row(cls, row: NotificationRow) -> Notification:
        return cls(
            id=strawberry.ID(str(row.id)), kind=NotificationKind(row.kind),
            kind_label=DomainKind.of(row.kind).label, title=row.title, body=row.body,
            object_type=row.object_type,
            object_id=strawberry.ID(str(row.object_id)) if row.object_id is not None else None,
            created_at=row.created_at, read_at=row.read_at,
        )
