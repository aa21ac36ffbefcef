"""Real time and shared infrastructure against the real Redis (issue 8, points 1–3).

Back-dated work and a worker that was away for days run at once through arq; two
deployments on one Redis never see each other's jobs or pushes; a live notification
reaches its subscriber once, across sweeps and restarts.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from arq.connections import ArqRedis

from engine import clock, deadlines, jobs, outbox, realtime, runtime, settings
from engine.authz import Principal
from engine.models import Deadline, EscalationStep, FollowUp, OutboxMessage
from engine.services import follow_ups, notifications
from engine.settings import Settings
from engine.worker import make_worker
from tests.conftest import CustomerFactory
from tests.worker.conftest import namespace

MONDAY_NOON = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


async def _run_burst_worker(pool: ArqRedis, cfg: Settings) -> None:
    """An arq worker in this process, until no job is due and none is running (arq's own
    burst mode also waits for the deferred ones)."""
    worker = make_worker(cfg, redis_pool=pool, handle_signals=False, cron_jobs=[],
                         poll_delay=0.01)
    task = asyncio.create_task(worker.async_run())
    queue = runtime.ArqQueue(pool, cfg.redis_prefix)
    try:
        idle = 0
        for _ in range(600):
            await asyncio.sleep(0.1)
            busy = any(not t.done() for t in worker.tasks.values())
            idle = idle + 1 if not busy and (await queue.depth())[1] == 0 else 0
            if idle >= 5:
                break
        else:
            raise AssertionError("the worker did not get through its due jobs in 60 s")
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await asyncio.gather(*worker.tasks.values(), return_exceptions=True)
        await worker.close()
        runtime.configure(None, None)


@pytest.fixture
def queued(redis_pool: ArqRedis) -> Iterator[runtime.ArqQueue]:
    """The server's side of the queue: this test run's namespace on the real Redis."""
    queue = runtime.ArqQueue(redis_pool, namespace())
    runtime.configure(queue, None)
    yield queue
    runtime.configure(None, None)


@pytest.mark.parametrize("ago", [timedelta(hours=3), timedelta(days=3), timedelta(weeks=3)],
                         ids=["hours", "days", "weeks"])
async def test_back_dated_follow_ups_escalate_at_once(
    ago: timedelta, org: dict[str, Principal], make_customer: CustomerFactory,
    redis_pool: ArqRedis, queued: runtime.ArqQueue, test_settings: Settings,
) -> None:
    # given: a follow-up whose next action was due hours, days or weeks ago
    customer = await make_customer()
    due = clock.now() - ago
    row = await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
        customer_id=customer.id, customer_code=None, method="phone", summary="s",
        feedback="neutral", next_action="回电", due_at=due,
        follow_up_date=clock.local_date(due, settings.current().zone)))
    # then: its escalation job is in Redis, due now; nothing is left in the outbox
    _total, ready = await queued.depth()
    assert ready >= 1
    assert await OutboxMessage.filter(kind="escalate", processed_at__isnull=True).count() == 0
    # when: a worker runs
    await _run_burst_worker(redis_pool, test_settings)
    # then: every step due by now was applied once, and none that is not yet due
    deadline = await Deadline.get(kind="follow_up", object_id=row.id)
    steps = await EscalationStep.filter(deadline_id=deadline.id).order_by("step")
    assert steps and [s.step for s in steps] == list(range(len(steps)))
    assert all(s.due_at <= s.applied_at for s in steps)
    assert deadline.next_at is None or deadline.next_at > clock.now() - timedelta(seconds=5)
    assert (await FollowUp.get(id=row.id)).status == "overdue"
    # and the sweep runs all its parts without an error
    runtime.configure(queued, None)
    report = await jobs.sweep()
    assert report["errors"] == 0


async def test_a_worker_away_three_days_catches_up_through_arq(
    org: dict[str, Principal], make_customer: CustomerFactory, redis_pool: ArqRedis,
    queued: runtime.ArqQueue, test_settings: Settings,
) -> None:
    # given: follow-ups due Monday afternoon, their jobs deferred in Redis, no worker
    with clock.frozen(MONDAY_NOON) as advance:
        customer = await make_customer()
        rows = [await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
            customer_id=customer.id, customer_code=None, method="phone", summary="s",
            feedback="neutral", next_action="回电", follow_up_date=date(2026, 11, 23),
            due_at=MONDAY_NOON + timedelta(hours=h))) for h in range(1, 6)]
        total, ready = await queued.depth()
        assert total >= 5 and ready == 0  # deferred to Monday afternoon
        # when: the clock moves on three days and a half (the worker was down), the
        # sweep runs and a worker starts
        advance(timedelta(days=3, hours=12))
        report = await jobs.sweep()
        assert report["errors"] == 0 and report["escalations"] >= 1
        await _run_burst_worker(redis_pool, test_settings)
        # then: all three steps of each ladder were applied, each once, none early
        steps = await EscalationStep.all()
        ids = {d.id: d.object_id for d in await Deadline.filter(kind="follow_up")}
        assert sorted((ids[s.deadline_id], s.step) for s in steps) == sorted(
            (r.id, k) for r in rows for k in range(3))
        assert all(s.applied_at >= s.due_at for s in steps)


async def test_two_deployments_on_one_redis_share_no_job(
    redis_pool: ArqRedis, test_settings: Settings,
) -> None:
    # given: two deployments' queues on the same Redis database
    ours = runtime.ArqQueue(redis_pool, namespace())
    theirs = runtime.ArqQueue(redis_pool, "promoflow:another-deployment")
    # when: both enqueue the same job id (the same second's escalation job)
    second = clock.now() - timedelta(seconds=1)
    await ours.enqueue(deadlines.ESCALATE_JOB, job_id=deadlines.job_id(second), at=second)
    await theirs.enqueue(deadlines.ESCALATE_JOB, job_id=deadlines.job_id(second), at=second)
    # then: each queue holds its own job (neither was taken for a duplicate)
    assert await ours.depth() == (1, 1)
    assert await theirs.depth() == (1, 1)
    # and our worker takes ours only
    await _run_burst_worker(redis_pool, test_settings)
    assert await ours.depth() == (0, 0)
    assert await theirs.depth() == (1, 1)
    # every key either deployment made carries its namespace
    keys = [k.decode() for k in await redis_pool.keys("*")]
    assert keys and all(namespace() in k or "another-deployment" in k for k in keys), keys


@contextlib.asynccontextmanager
async def _bridged(pool: ArqRedis, ns: str) -> AsyncIterator[realtime.Broker]:
    broker = realtime.Broker()
    listening = asyncio.Event()
    task = asyncio.create_task(realtime.bridge(pool, broker, ns, listening))
    try:
        await asyncio.wait_for(listening.wait(), 5)
        yield broker
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _drain(queue: asyncio.Queue[dict[str, Any]], wait: float = 0.5
                 ) -> list[dict[str, Any]]:
    got: list[dict[str, Any]] = []
    with contextlib.suppress(TimeoutError):
        while True:
            got.append(await asyncio.wait_for(queue.get(), wait))
    return got


async def test_two_deployments_on_one_redis_hear_no_push_of_the_other(
    redis_pool: ArqRedis,
) -> None:
    # given: a subscriber of user 7 in each deployment, and a plain listener on the old
    # fixed channel name
    spy = redis_pool.pubsub()
    await spy.psubscribe("*")
    async with _bridged(redis_pool, "promoflow:deployment-a") as a, \
            _bridged(redis_pool, "promoflow:deployment-b") as b, \
            a.subscribe(7) as inbox_a, b.subscribe(7) as inbox_b:
        # when: deployment A pushes a notification to its user 7
        await realtime.RedisPublisher(redis_pool, "promoflow:deployment-a").publish(
            [{"id": 1, "recipient_id": 7, "title": "客户张三需跟进"}])
        # then: A's subscriber has it, B's does not
        assert [m["id"] for m in await _drain(inbox_a)] == [1]
        assert await _drain(inbox_b) == []
    channels = set()
    for _ in range(10):
        message = await spy.get_message(ignore_subscribe_messages=True, timeout=0.1)
        if message is not None:
            channels.add(message["channel"].decode())
    await spy.aclose()
    # (the spy hears every deployment on this Redis server: only these two are ours)
    ours = {c for c in channels if "deployment-a" in c or "deployment-b" in c}
    assert ours == {"promoflow:deployment-a:notifications"}


async def test_a_subscriber_gets_each_notification_once_across_sweeps_and_restarts(
    org: dict[str, Principal], redis_pool: ArqRedis,
) -> None:
    ns = namespace()
    user = org["rep.li"].id
    runtime.configure(None, realtime.RedisPublisher(redis_pool, ns))
    try:
        async with _bridged(redis_pool, ns) as server, server.subscribe(user) as inbox:
            # given: a notification pushed right after its commit
            async with outbox.atomic() as conn:
                await notifications.notify(conn, [user], "reminder", "请跟进", None)
            first = await _drain(inbox)
            assert len(first) == 1
            # when: its message is offered again (a process died before marking it done)
            # in two sweeps
            for _ in range(2):
                await OutboxMessage.filter(kind="publish").update(processed_at=None)
                assert await outbox.dispatch(kinds=[outbox.PUBLISH]) >= 1
            # then: the subscriber got it once
            assert await _drain(inbox) == []
        # when: the server restarts a minute later and the client subscribes again
        with clock.frozen(clock.now() + timedelta(minutes=1)):
            async with _bridged(redis_pool, ns) as restarted, \
                    restarted.subscribe(user) as again:
                await OutboxMessage.filter(kind="publish").update(processed_at=None)
                await outbox.dispatch(kinds=[outbox.PUBLISH])
                # then: the old notification is not pushed to the new socket (the inbox
                # has it), and a new one is
                async with outbox.atomic() as conn:
                    await notifications.notify(conn, [user], "reminder", "新的", None)
                got = await _drain(again)
        assert [m["title"] for m in got] == ["新的"]
    finally:
        runtime.configure(None, None)


async def test_a_notification_left_behind_long_ago_is_not_pushed_late(
    org: dict[str, Principal], redis_pool: ArqRedis,
) -> None:
    ns = namespace()
    user = org["rep.li"].id
    # given: a notification written while nothing could push it (the CLI, Redis away)
    runtime.configure(None, None)
    async with outbox.atomic() as conn:
        await notifications.notify(conn, [user], "reminder", "旧的", None)
    runtime.configure(None, realtime.RedisPublisher(redis_pool, ns))
    try:
        async with _bridged(redis_pool, ns) as server:
            # when: a subscriber opens and the sweep runs ten minutes later
            with clock.frozen(clock.now() + timedelta(minutes=10)):
                async with server.subscribe(user) as inbox:
                    await outbox.dispatch(kinds=[outbox.PUBLISH])
                    got = await _drain(inbox)
        # then: nothing is pushed, and the message is done
        assert got == []
        assert await OutboxMessage.filter(kind="publish", processed_at__isnull=True
                                          ).count() == 0
    finally:
        runtime.configure(None, None)


def test_default_namespaces_differ_between_databases_and_keep_secrets_out() -> None:
    a = Settings(database_url="postgres://app:s3cret@db.example:5432/acme")
    rotated = Settings(database_url="postgres://app:n3w@db.example:5432/acme")
    b = Settings(database_url="postgres://app:s3cret@db.example:5432/globex")
    assert a.redis_prefix == rotated.redis_prefix != b.redis_prefix
    assert "s3cret" not in a.redis_prefix and a.redis_prefix.startswith("promoflow:")
    assert Settings(database_url="sqlite:///tmp/x.sqlite3",
                    redis_prefix_setting="acme").redis_prefix == "acme"
    assert json.dumps(a.redis_prefix)
