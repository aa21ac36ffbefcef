"""Notifications: an inbox per user. Written in the transaction that causes them."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import clock, db, metrics, outbox, runtime
from engine.authz import Principal, require
from engine.errors import ValidationFailed
from engine.models import Notification, OutboxMessage
from engine.pagination import OrderKey, Page, paginate

log = logging.getLogger("promoflow.notifications")

OBJECT = "notification"
# A live push is worth making this long after its notification was written; a message left
# behind longer (a process died, Redis was away) is not pushed late: the inbox has it.
LIVE_WINDOW = timedelta(minutes=5)


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


async def on_publish_messages(rows: Sequence[OutboxMessage]) -> outbox.Outcome:
    """The outbox handler of `publish` messages: push each to its recipients' sockets.

    Each message on its own: one that cannot be published stays pending for the sweep,
    the others go out. A message older than the live window is done without a push.
    """
    publisher = runtime.publisher()
    if publisher is None:
        return outbox.Outcome.later(rows)  # a process with no subscribers and no Redis
    outcome = outbox.Outcome()
    stale_before = clock.now() - LIVE_WINDOW
    for row in rows:
        items = row.payload.get("notifications", []) if isinstance(row.payload, dict) else []
        if row.created_at is not None and row.created_at < stale_before:
            metrics.NOTIFICATIONS_PUSHED.labels("stale").inc(len(items))
            outcome.done.append(row.id)
            continue
        try:
            await publisher.publish(list(items))
        except Exception as exc:
            outcome.fail(row.id, repr(exc))
            continue
        outcome.done.append(row.id)
    return outcome


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
