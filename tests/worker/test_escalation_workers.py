"""Real worker processes on the real Redis and database: each ladder step exactly once.

The follow-up ladder is shortened for the tests (mark + remind at due, the manager 2 s
later); everything else is the shipped engine: `promoflow worker` processes, arq on Redis,
jobs enqueued after commit, the sweep, the unique key on applied steps.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from arq.connections import ArqRedis

from engine import clock, db
from engine.authz import Principal
from engine.models import AuditEvent, Deadline, EscalationStep, FollowUp, Notification
from engine.services import follow_ups
from tests.conftest import CustomerFactory
from tests.worker.conftest import (
    MakeDue,
    Workers,
    namespace,
    needs_postgres,
    parse_time,
    wait_for,
)


async def _applied() -> int:
    return await EscalationStep.all().count()


async def _assert_exactly_once(ids: list[int], steps: int) -> None:
    conn = db.connection()
    rows = await db.fetch_all(
        conn, "SELECT count(*) AS n, count(DISTINCT deadline_id * 100 + step) AS d "
        "FROM escalation_step")
    assert (rows[0]["n"], rows[0]["d"]) == (len(ids) * steps, len(ids) * steps)
    early = [s for s in await EscalationStep.all() if parse_time(s.applied_at) < parse_time(
        s.due_at)]
    assert early == []  # none before its time
    assert await FollowUp.filter(id__in=ids, status="overdue").count() == len(ids)
    assert await AuditEvent.filter(action="mark_overdue").count() == len(ids)
    owner_reminders = await Notification.filter(kind="reminder").count()
    manager_notes = await Notification.filter(kind="escalation").count()
    assert (owner_reminders, manager_notes) == (len(ids), len(ids) * (steps - 1))


async def test_several_workers_apply_2000_ladders_exactly_once(
    workers: Workers, make_due: MakeDue, redis_pool: ArqRedis
) -> None:
    needs_postgres()
    started = [workers() for _ in range(3)]
    ids = await make_due(2000, 4.0)
    took = await wait_for(lambda: _count_is(4000), timeout=120)
    await _assert_exactly_once(ids, steps=2)
    assert all(w.process.poll() is None for w in started), "a worker died"
    assert took < 60


async def _count_is(n: int) -> bool:
    return await _applied() >= n


async def test_a_killed_worker_loses_and_doubles_nothing(
    workers: Workers, make_due: MakeDue, redis_pool: ArqRedis
) -> None:
    needs_postgres()
    first, second = workers(), workers()
    ids = await make_due(1500, 6.0)
    await wait_for(lambda: _count_is(1), timeout=60)  # steps are being applied
    first.kill()  # SIGKILL mid-run: its transaction, if any, rolls back
    third = workers()
    took = await wait_for(lambda: _count_is(3000), timeout=120)
    await _assert_exactly_once(ids, steps=2)
    assert second.process.poll() is None and third.process.poll() is None
    # bound: every step within 60 s of the kill (the sweep runs every 5 s here)
    assert took < 60


async def test_flushed_redis_loses_nothing(
    workers: Workers, make_due: MakeDue, redis_pool: ArqRedis
) -> None:
    needs_postgres()
    ids = await make_due(300, 2.0)
    await redis_pool.flushdb()  # every queued escalation job is gone
    workers()
    await wait_for(lambda: _count_is(600), timeout=90)  # the sweep finds them in the DB
    await _assert_exactly_once(ids, steps=2)


async def test_a_deadline_met_just_before_its_step_does_not_fire(
    org: dict[str, Principal], make_customer: CustomerFactory, workers: Workers,
    redis_pool: ArqRedis,
) -> None:
    from engine import runtime

    workers()
    customer = await make_customer()
    runtime.configure(runtime.ArqQueue(redis_pool, namespace()), None)
    try:
        row = await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
            customer_id=customer.id, customer_code=None, method="phone", summary="s",
            feedback="neutral", next_action="回电", due_at=clock.now() + timedelta(seconds=3)))
        other = await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
            customer_id=customer.id, customer_code=None, method="phone", summary="s",
            feedback="neutral", next_action="回电", due_at=clock.now() + timedelta(seconds=3)))
        await asyncio.sleep(2.5)
        await follow_ups.complete(org["rep.li"], row.id)  # half a second before it is due
    finally:
        runtime.configure(None, None)
    await wait_for(lambda: _count_is(2), timeout=60)  # the other one's two steps
    await asyncio.sleep(3)
    steps = await EscalationStep.all().prefetch_related("deadline")
    assert {s.deadline.object_id for s in steps} == {other.id}
    assert (await FollowUp.get(id=row.id)).status == "done"
    assert (await Deadline.get(kind="follow_up", object_id=row.id)).status == "met"
