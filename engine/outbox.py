"""The outbox: side effects written in the transaction that causes them, run after commit.

`atomic()` is the transaction every write service uses. Messages added inside it are
dispatched when the outermost transaction has committed — never before, so a rolled-back
change enqueues nothing, publishes nothing and reaches no webhook. A process that dies
between commit and dispatch loses nothing either: the sweep dispatches messages left
unprocessed. Dispatching twice is harmless: job ids are deterministic, webhook deliveries
are unique per endpoint and message, and published notifications carry their id.
"""

from __future__ import annotations

import logging
import math
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from engine import clock, runtime
from engine.models import OutboxMessage, WebhookEndpoint

log = logging.getLogger("promoflow.outbox")

ESCALATE, PUBLISH, EVENT = "escalate", "publish", "event"
_added: ContextVar[list[OutboxMessage] | None] = ContextVar("promoflow_outbox_added",
                                                            default=None)
EVENTS_JOB = "fan_out_events"


@asynccontextmanager
async def atomic() -> AsyncIterator[BaseDBAsyncClient]:
    """A transaction; the outermost one dispatches its outbox messages after commit."""
    added = _added.get()
    if added is not None:
        mark = len(added)
        try:
            async with in_transaction() as conn:
                yield conn
        except BaseException:
            del added[mark:]  # a rolled-back savepoint took its messages with it
            raise
        return
    token = _added.set([])
    try:
        async with in_transaction() as conn:
            yield conn
        added = _added.get() or []
    finally:
        _added.reset(token)
    if added:
        try:
            await after_commit(added)
        except Exception:  # the sweep picks up whatever was not dispatched
            log.exception("dispatch after commit failed",
                          extra={"outbox_ids": [m.id for m in added[:20]]})


async def add(conn: BaseDBAsyncClient, kind: str, payload: dict[str, Any]) -> None:
    row = await OutboxMessage.create(using_db=conn, kind=kind, payload=payload,
                                     created_at=clock.now())
    added = _added.get()
    if added is not None:
        added.append(row)


async def after_commit(rows: Sequence[OutboxMessage]) -> None:
    """Right after a commit, from memory: no read of the outbox on the request's path.

    Escalation seconds are enqueued and notifications published at once. Events for
    webhooks are left to the `fan_out_events` job, enqueued once per second whatever the
    number of changes in it, which fans out every pending event in one pass.
    """
    await _act(rows, fan_out=False)


async def _act(rows: Sequence[OutboxMessage], *, fan_out: bool) -> int:
    """Carry out messages; marks and counts those done. Events are fanned out here only
    when `fan_out`, else left pending for the per-second events job."""
    queue, publisher = runtime.queue(), runtime.publisher()
    done: list[int] = []
    escalations: set[str] = set()
    events: list[OutboxMessage] = []
    for row in rows:
        if row.kind == ESCALATE and queue is not None:
            escalations.add(row.payload["at"])
            done.append(row.id)
        elif row.kind == PUBLISH and publisher is not None:
            await publisher.publish(row.payload.get("notifications", []))
            done.append(row.id)
        elif row.kind == EVENT and queue is not None:
            events.append(row)
    if queue is not None:
        for at in sorted(escalations):
            when = datetime.fromisoformat(at)
            await queue.enqueue("escalate_due", job_id=escalate_job_id(when), at=when)
        if events and fan_out:
            from engine.services import webhooks

            failed = await webhooks.fan_out_many(events)
            done += [e.id for e in events if e.id not in failed]
        elif events:
            # the job of the next whole second: it starts after this commit, so it sees it
            when = bucket(clock.now() + timedelta(milliseconds=1))
            await queue.enqueue(EVENTS_JOB, job_id=f"events:{int(when.timestamp())}",
                                at=when)
    if done:
        await OutboxMessage.filter(id__in=done, processed_at__isnull=True).update(
            processed_at=clock.now())
    return len(done)


def bucket(at: datetime) -> datetime:
    """Escalation jobs run per second: a step due at 12:00:04.2 runs with the 12:00:05 job."""
    return datetime.fromtimestamp(math.ceil(at.timestamp()), UTC)


def escalate_job_id(at: datetime) -> str:
    return f"escalate:{int(bucket(at).timestamp())}"


async def schedule_escalation(conn: BaseDBAsyncClient, at: datetime) -> None:
    await add(conn, ESCALATE, {"at": bucket(at).isoformat()})


async def dispatch(*, older_than: float = 0.0, limit: int = 500,
                   kinds: Sequence[str] | None = None) -> int:
    """Carry out the oldest unprocessed messages; returns how many."""
    queue, publisher = runtime.queue(), runtime.publisher()
    if queue is None and publisher is None:
        return 0  # no way to act here (e.g. the CLI): a server or worker's sweep will
    qs = OutboxMessage.filter(processed_at__isnull=True)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    if older_than:
        qs = qs.filter(created_at__lte=clock.now() - timedelta(seconds=older_than))
    return await _act(list(await qs.order_by("id").limit(limit)), fan_out=True)


async def drain_events(batch: int = 50) -> int:
    """Fan out every pending event to the webhook endpoints (the `fan_out_events` job).

    Batches are counted in messages, and one message may carry a whole escalation batch
    of events, hence the small default. With no active endpoint nothing is read: pending
    events written before the check are marked processed in one statement.
    """
    checked_at = clock.now()
    if not await WebhookEndpoint.filter(active=True).exists():
        return int(await OutboxMessage.filter(
            kind=EVENT, processed_at__isnull=True, created_at__lte=checked_at
        ).update(processed_at=checked_at))
    total = 0
    while True:
        done = await dispatch(kinds=[EVENT], limit=batch)
        total += done
        if done < batch:
            return total


async def purge(older_than: timedelta = timedelta(days=1)) -> int:
    return int(await OutboxMessage.filter(
        processed_at__lte=clock.now() - older_than).delete())
