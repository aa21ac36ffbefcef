"""The outbox: side effects stored in the transaction that causes them, carried out after.

A mechanism, not a service: it knows no kind of message. The services register a handler
per kind (engine/wiring.py connects them), and `atomic()` — the transaction every write
service uses — inserts the transaction's messages just before it commits (all of them in
one statement) and hands them to their handlers right after. Never before: a rolled-back
change enqueues nothing, publishes nothing and reaches no webhook.

Nothing is lost when a process dies between commit and dispatch, or a handler fails: the
message stays pending, and the sweep (`dispatch`) offers it again. One failing message
never stops its batch: handlers report per message, and a message that failed
`MAX_ATTEMPTS` times is set aside (dead) instead of being retried for ever. Handlers must
be idempotent: a message can be offered twice (job ids are deterministic, webhook
deliveries unique per endpoint and change, live pushes carry their notification id).

Items can also be collected over a transaction into one message (`collect`): every change
audited in a transaction becomes one `event` message, completed by its kind's finaliser
(the webhooks' snapshot of each record as the change left it) just before commit.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from engine import clock, db, metrics
from engine.models import OutboxMessage

log = logging.getLogger("promoflow.outbox")

ESCALATE, PUBLISH, EVENT = "escalate", "publish", "event"
MAX_ATTEMPTS = 10


@dataclass
class Outcome:
    """What a handler did with the messages it was given: done, failed (with why), or
    neither (left pending for a process that can act on them, not counted as an attempt)."""

    done: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)

    def fail(self, message_id: int, error: str) -> None:
        self.failed[message_id] = error[:500]

    @classmethod
    def later(cls, rows: Sequence[OutboxMessage] = ()) -> Outcome:
        return cls()


Handler = Callable[[Sequence[OutboxMessage]], Awaitable[Outcome]]
Finaliser = Callable[[BaseDBAsyncClient, list[Any]], Awaitable[list[Any]]]

_handlers: dict[str, Handler] = {}
_finalisers: dict[str, Finaliser] = {}


def register(kind: str, handler: Handler) -> None:
    """`handler` carries out the messages of `kind` (replacing any earlier one)."""
    _handlers[kind] = handler


def register_finaliser(kind: str, finaliser: Finaliser) -> None:
    """`finaliser` completes the items collected for `kind`, in the transaction."""
    _finalisers[kind] = finaliser


def handled_kinds() -> list[str]:
    return sorted(_handlers)


@dataclass
class _Pending:
    kind: str
    payload: dict[str, Any]


@dataclass
class _Collected:
    kind: str
    key: str
    items: list[Any]


@dataclass
class _Transaction:
    """The outermost transaction's messages, written just before it commits."""

    messages: list[_Pending | _Collected] = field(default_factory=list)
    written: list[OutboxMessage] = field(default_factory=list)

    def mark(self) -> int:
        return len(self.messages)

    def rollback_to(self, mark: int) -> None:
        del self.messages[mark:]  # a rolled-back savepoint takes its messages with it

    async def flush(self, conn: BaseDBAsyncClient) -> None:
        rows: list[tuple[str, dict[str, Any]]] = []
        merged: dict[tuple[str, str], list[Any]] = {}
        for m in self.messages:
            if isinstance(m, _Pending):
                rows.append((m.kind, m.payload))
            else:
                merged.setdefault((m.kind, m.key), []).extend(m.items)
        for (kind, key), items in merged.items():
            rows.append((kind, {key: await _finalise(conn, kind, items)}))
        self.written = await _insert(conn, rows)


async def _finalise(conn: BaseDBAsyncClient, kind: str, items: list[Any]) -> list[Any]:
    finaliser = _finalisers.get(kind)
    return await finaliser(conn, items) if finaliser else items


async def _insert(conn: BaseDBAsyncClient, rows: Sequence[tuple[str, dict[str, Any]]]
                  ) -> list[OutboxMessage]:
    if not rows:
        return []
    now = clock.now()
    values, params = db.values_clause(conn, [(kind, payload, now, 0) for kind, payload in rows])
    inserted = await db.fetch_all(
        conn, f"INSERT INTO outbox (kind, payload, created_at, attempts) VALUES {values} "
        "RETURNING id", params)
    # ids are drawn in VALUES order within one INSERT; RETURNING's order is not promised
    ids = sorted(int(r["id"]) for r in inserted)
    return [OutboxMessage(id=i, kind=kind, payload=payload, created_at=now, attempts=0)
            for i, (kind, payload) in zip(ids, rows, strict=True)]


_transaction: ContextVar[_Transaction | None] = ContextVar("promoflow_outbox_tx", default=None)


@asynccontextmanager
async def atomic() -> AsyncIterator[BaseDBAsyncClient]:
    """A transaction; the outermost one writes its outbox messages just before it commits
    and dispatches them right after."""
    tx = _transaction.get()
    if tx is not None:
        mark = tx.mark()
        try:
            async with in_transaction() as conn:
                yield conn
        except BaseException:
            tx.rollback_to(mark)
            raise
        return
    tx = _Transaction()
    token = _transaction.set(tx)
    try:
        async with in_transaction() as conn:
            yield conn
            await tx.flush(conn)
    finally:
        _transaction.reset(token)
    if tx.written:
        await after_commit(tx.written)


async def add(conn: BaseDBAsyncClient, kind: str, payload: dict[str, Any]) -> None:
    """A message, written with the transaction (at once when there is none)."""
    tx = _transaction.get()
    if tx is not None:
        tx.messages.append(_Pending(kind, payload))
        return
    await _insert(conn, [(kind, payload)])


async def collect(conn: BaseDBAsyncClient, kind: str, items: Sequence[Any], *,
                  key: str = "items") -> None:
    """Items that join the transaction's one message of `kind` (payload `{key: items}`)."""
    if not items:
        return
    tx = _transaction.get()
    if tx is not None:
        tx.messages.append(_Collected(kind, key, list(items)))
        return
    await _insert(conn, [(kind, {key: await _finalise(conn, kind, list(items))})])


async def after_commit(rows: Sequence[OutboxMessage]) -> None:
    """Right after a commit, from memory: no read of the outbox on the request's path.
    Never raises: what fails here stays pending for the sweep."""
    try:
        await _run(rows)
    except Exception:
        log.exception("dispatch after commit failed",
                      extra={"outbox_ids": [m.id for m in rows[:20]]})


async def _run(rows: Sequence[OutboxMessage]) -> int:
    by_kind: dict[str, list[OutboxMessage]] = {}
    for row in rows:
        by_kind.setdefault(row.kind, []).append(row)
    done = 0
    for kind, group in by_kind.items():
        handler = _handlers.get(kind)
        if handler is None:
            continue  # no handler in this process: left for one that has it
        try:
            outcome = await handler(group)
        except Exception as exc:
            log.exception("outbox handler failed", extra={"kind": kind})
            outcome = Outcome(failed={m.id: repr(exc)[:500] for m in group})
        done += await record(kind, outcome)
    return done


async def record(kind: str, outcome: Outcome) -> int:
    """Mark done messages processed, and count an attempt against failed ones."""
    now = clock.now()
    if outcome.done:
        await OutboxMessage.filter(id__in=outcome.done, processed_at__isnull=True).update(
            processed_at=now)
        metrics.OUTBOX_DISPATCHED.labels(kind, "done").inc(len(outcome.done))
    for message_id, error in outcome.failed.items():
        await OutboxMessage.filter(id=message_id, processed_at__isnull=True).update(
            attempts=F("attempts") + 1, last_error=error)
        metrics.OUTBOX_DISPATCHED.labels(kind, "failed").inc()
    if outcome.failed:
        log.warning("%d outbox message(s) of kind %s failed", len(outcome.failed), kind,
                    extra={"outbox_ids": list(outcome.failed)[:20],
                           "error": next(iter(outcome.failed.values()))})
    return len(outcome.done)


def pending(kinds: Sequence[str] | None = None, *, older_than: float = 0.0
            ) -> Any:
    """Messages not yet carried out and not dead, oldest first (a queryset)."""
    qs = OutboxMessage.filter(processed_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    if older_than:
        qs = qs.filter(created_at__lte=clock.now() - timedelta(seconds=older_than))
    return qs


async def dispatch(*, older_than: float = 0.0, batch: int = 500, max_batches: int = 20,
                   kinds: Sequence[str] | None = None) -> int:
    """Offer pending messages to their handlers again, oldest first; returns how many were
    carried out. Walks past failing messages, so they never hold up those behind them."""
    kinds = [k for k in (kinds if kinds is not None else handled_kinds()) if k in _handlers]
    if not kinds:
        return 0
    done, after_id = 0, 0
    for _ in range(max_batches):
        rows = list(await pending(kinds, older_than=older_than).filter(id__gt=after_id)
                    .order_by("id").limit(batch))
        if not rows:
            break
        done += await _run(rows)
        after_id = rows[-1].id
        if len(rows) < batch:
            break
    return done


async def purge(older_than: timedelta = timedelta(days=1),
                dead_older_than: timedelta = timedelta(days=7)) -> int:
    """Delete messages carried out a day ago, and dead ones a week old (logged)."""
    now = clock.now()
    removed = int(await OutboxMessage.filter(processed_at__lte=now - older_than).delete())
    dead = OutboxMessage.filter(processed_at__isnull=True, attempts__gte=MAX_ATTEMPTS,
                                created_at__lte=now - dead_older_than)
    dead_count = int(await dead.delete())
    if dead_count:
        log.error("purged %d dead outbox message(s) after %s", dead_count, dead_older_than)
    return removed + dead_count
