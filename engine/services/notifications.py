"""Notifications: an inbox per user. Written in the transaction that causes them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import clock
from engine.authz import Principal, require
from engine.errors import ValidationFailed
from engine.models import Notification
from engine.pagination import OrderKey, Page, paginate

OBJECT = "notification"


async def notify(
    conn: BaseDBAsyncClient,
    recipients: Iterable[int | None],
    kind: str,
    title: str,
    body: str | None = None,
    *,
    object_type: str | None = None,
    object_id: int | None = None,
    exclude: int | None = None,
) -> list[int]:
    """Write one notification per distinct recipient (skipping None and `exclude`)."""
    ids = [r for r in dict.fromkeys(recipients) if r is not None and r != exclude]
    if not ids:
        return []
    now = clock.now()
    await Notification.bulk_create(
        [
            Notification(
                recipient_id=rid, kind=kind, title=title[:200],
                body=body[:2000] if body else None, object_type=object_type,
                object_id=object_id, created_at=now,
            )
            for rid in ids
        ],
        using_db=conn,
    )
    return ids


async def list_(
    actor: Principal, *, unread_only: bool, first: int | None, after: str | None,
    kinds: Sequence[str] = (),
) -> Page[Notification]:
    """The caller's own notifications, newest first."""
    require(actor, OBJECT, "read", actor.id, actor.department_id)
    qs = Notification.filter(recipient_id=actor.id)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    if kinds:
        qs = qs.filter(kind__in=list(kinds))
    return await paginate(qs, first=first, after=after,
                          order=(OrderKey("id", descending=True),))


async def mark_read(actor: Principal, ids: Sequence[int] | None) -> int:
    """Mark some (or, with None, all) of the caller's notifications read; returns how many."""
    require(actor, OBJECT, "read", actor.id, actor.department_id)
    qs = Notification.filter(recipient_id=actor.id, read_at__isnull=True)
    if ids is not None:
        if not ids:
            raise ValidationFailed("ids", "give at least one notification id", rule="required")
        qs = qs.filter(id__in=list(ids))
    return int(await qs.update(read_at=clock.now()))


async def unread_count(actor: Principal) -> int:
    return int(await Notification.filter(recipient_id=actor.id, read_at__isnull=True).count())
