"""Notifications: an inbox per user. Written in the transaction that causes them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import clock, db, outbox
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
    """Write one notification per distinct recipient (skipping None and `exclude`).

    Returns the recipients. After commit the notifications are pushed to the recipients'
    open subscriptions (an outbox message).
    """
    ids = [r for r in dict.fromkeys(recipients) if r is not None and r != exclude]
    await notify_many(conn, [(rid, kind, title, body, object_type, object_id) for rid in ids])
    return ids


NotificationRow = tuple[int, str, str, str | None, str | None, int | None]


async def notify_many(conn: BaseDBAsyncClient, rows: Sequence[NotificationRow]) -> None:
    """Insert many notifications in few statements and queue their real-time push."""
    if not rows:
        return
    now = clock.now()
    messages: list[dict[str, Any]] = []
    for chunk_start in range(0, len(rows), 500):
        chunk = [(rid, kind, title[:200], body[:2000] if body else None, otype, oid, now)
                 for rid, kind, title, body, otype, oid in rows[chunk_start:chunk_start + 500]]
        values, params = db.values_clause(conn, chunk)
        inserted = await db.fetch_all(
            conn,
            "INSERT INTO notification (recipient_id, kind, title, body, object_type, "
            f"object_id, created_at) VALUES {values} RETURNING id",
            params,
        )
        # Ids are drawn in VALUES order within one INSERT (the order RETURNING uses is
        # not promised, so sort).
        new_ids = sorted(int(r["id"]) for r in inserted)
        messages.extend(
            {"id": nid, "recipient_id": rid, "kind": kind, "title": title,
             "body": body, "object_type": otype, "object_id": oid,
             "created_at": now.isoformat()}
            for nid, (rid, kind, title, body, otype, oid, _) in zip(new_ids, chunk, strict=True)
        )
    await outbox.add(conn, outbox.PUBLISH, {"notifications": messages})


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
