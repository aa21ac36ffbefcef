"""The outbox as a mechanism: per-kind handlers, one failing message never stops the batch,
dead messages, and a past due time that means now (issue 8, points 1 and 2)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from engine import clock, deadlines, jobs, outbox, runtime, settings
from engine.authz import Principal
from engine.models import Deadline, EscalationStep, FollowUp, OutboxMessage
from engine.services import follow_ups, notifications
from tests.conftest import CustomerFactory

MONDAY_NOON = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


class FlakyQueue:
    """A job queue that refuses the escalation jobs (as arq did for a time a day past)."""

    def __init__(self) -> None:
        self.jobs: list[tuple[str, str, datetime | None]] = []

    async def enqueue(self, function: str, *, job_id: str, at: datetime | None = None,
                      **kwargs: Any) -> None:
        if function == deadlines.ESCALATE_JOB:
            raise RuntimeError("invalid expire time in 'psetex' command")
        self.jobs.append((function, job_id, at))

    async def depth(self) -> tuple[int, int]:
        return len(self.jobs), len(self.jobs)


class Pushes:
    def __init__(self) -> None:
        self.pushed: list[dict[str, Any]] = []

    async def publish(self, messages: list[dict[str, Any]]) -> None:
        self.pushed.extend(messages)


@pytest.fixture
def flaky() -> Iterator[tuple[FlakyQueue, Pushes]]:
    queue, pushes = FlakyQueue(), Pushes()
    runtime.configure(queue, pushes)
    yield queue, pushes
    runtime.configure(None, None)


async def _back_dated(org: dict[str, Principal], customer: Any, ago: timedelta) -> FollowUp:
    due = clock.now() - ago
    return await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
        customer_id=customer.id, customer_code=None, method="phone", summary="电话沟通",
        feedback="neutral", next_action="发送报价", due_at=due,
        follow_up_date=clock.local_date(due, settings.current().zone)))


async def test_a_failing_kind_does_not_stop_the_others(
    org: dict[str, Principal], make_customer: CustomerFactory,
    flaky: tuple[FlakyQueue, Pushes],
) -> None:
    # given: a queue that refuses escalation jobs
    queue, pushes = flaky
    customer = await make_customer()
    start = (await OutboxMessage.all().order_by("-id").first() or OutboxMessage(id=0)).id
    # when: one transaction writes an escalation message and a notification
    async with outbox.atomic() as conn:
        await deadlines.schedule(conn, clock.now() - timedelta(days=3))
        await notifications.notify(conn, [org["rep.li"].id], "reminder", "请跟进", None,
                                   object_type="customer", object_id=customer.id)
    # then: the notification went out and is done; the escalation message failed once
    assert [n["recipient_id"] for n in pushes.pushed] == [org["rep.li"].id]
    rows = {m.kind: m for m in await OutboxMessage.filter(id__gt=start)}
    assert rows["publish"].processed_at is not None
    assert (rows["escalate"].processed_at, rows["escalate"].attempts) == (None, 1)
    assert "psetex" in (rows["escalate"].last_error or "")
    # the events job was asked for, despite the failing kind
    assert any(j[0] == "fan_out_events" for j in queue.jobs)
    # and a sweep later neither pushes the notification again nor stops: the escalation
    # message counts one more failed attempt, every part of the sweep ran
    with clock.frozen(clock.now() + timedelta(seconds=10)):  # it offers messages 5 s old
        report = await jobs.sweep()
    assert len(pushes.pushed) == 1
    assert report["errors"] == 0
    assert (await OutboxMessage.get(id=rows["escalate"].id)).attempts == 2


async def test_a_message_failing_every_time_is_set_aside(
    flaky: tuple[FlakyQueue, Pushes],
) -> None:
    # given: an escalation message the queue always refuses, and a notification after it
    async with outbox.atomic() as conn:
        await deadlines.schedule(conn, clock.now())
    poison = await OutboxMessage.filter(kind="escalate").order_by("-id").first()
    assert poison is not None
    # when: the sweep's dispatch offers it again and again
    for _ in range(outbox.MAX_ATTEMPTS + 3):
        await outbox.dispatch(kinds=[outbox.ESCALATE, outbox.PUBLISH])
    # then: it is dead after MAX_ATTEMPTS and no longer offered
    dead = await OutboxMessage.get(id=poison.id)
    assert (dead.attempts, dead.processed_at) == (outbox.MAX_ATTEMPTS, None)
    assert await outbox.pending([outbox.ESCALATE]).filter(id=poison.id).count() == 0


async def test_messages_behind_a_failing_one_are_carried_out(
    org: dict[str, Principal], flaky: tuple[FlakyQueue, Pushes],
) -> None:
    # given: 30 failing messages older than a notification, written while nothing ran
    runtime.configure(None, None)
    async with outbox.atomic() as conn:
        for _ in range(30):
            await deadlines.schedule(conn, clock.now() - timedelta(weeks=2))
        await notifications.notify(conn, [org["rep.li"].id], "reminder", "t", None)
    queue, pushes = flaky
    runtime.configure(queue, pushes)
    # when: the sweep dispatches in small batches
    done = await outbox.dispatch(batch=10, kinds=[outbox.ESCALATE, outbox.PUBLISH])
    # then: the notification behind them went out
    assert done == 1 and len(pushes.pushed) == 1


@pytest.mark.parametrize("ago", [timedelta(hours=3), timedelta(days=3), timedelta(weeks=3)],
                         ids=["hours", "days", "weeks"])
async def test_back_dated_follow_ups_queue_their_job_for_now(
    ago: timedelta, org: dict[str, Principal], make_customer: CustomerFactory,
) -> None:
    # given: a queue that records when jobs are asked to run
    recorded: list[tuple[str, datetime | None]] = []

    class Queue:
        async def enqueue(self, function: str, *, job_id: str, at: datetime | None = None,
                          **kwargs: Any) -> None:
            recorded.append((function, at))
            assert runtime.delay_seconds(at) == 0.0 or at is None or at > clock.now()

        async def depth(self) -> tuple[int, int]:
            return 0, 0

    runtime.configure(Queue(), Pushes())
    try:
        customer = await make_customer()
        # when: a follow-up due hours, days or weeks ago is recorded
        row = await _back_dated(org, customer, ago)
    finally:
        runtime.configure(None, None)
    # then: its first step's job was queued (a time in the past: run now), nothing pending
    escalations = [at for f, at in recorded if f == deadlines.ESCALATE_JOB]
    assert escalations and all(at is not None and at <= clock.now() for at in escalations)
    pending = await OutboxMessage.filter(kind="escalate", processed_at__isnull=True).count()
    assert pending == 0
    deadline = await Deadline.get(kind="follow_up", object_id=row.id)
    assert deadline.next_at is not None and deadline.next_at <= clock.now()


def test_a_run_time_in_the_past_is_no_delay() -> None:
    now = clock.now()
    assert runtime.delay_seconds(now - timedelta(weeks=5)) == 0.0
    assert runtime.delay_seconds(None) == 0.0
    assert 59 < runtime.delay_seconds(now + timedelta(minutes=1)) <= 60


async def test_a_three_day_outage_applies_every_step_once_and_none_early(
    org: dict[str, Principal], make_customer: CustomerFactory,
) -> None:
    # given: five follow-ups due Monday afternoon, and no worker running
    with clock.frozen(MONDAY_NOON) as advance:
        customer = await make_customer()
        rows = [await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
            customer_id=customer.id, customer_code=None, method="phone", summary="s",
            feedback="neutral", next_action="回电", follow_up_date=date(2026, 11, 23),
            due_at=MONDAY_NOON + timedelta(hours=h))) for h in range(1, 6)]
        # when: the clock moves three days and a half on, then the jobs run
        advance(timedelta(days=3, hours=12))
        applied = 0
        for _ in range(5):
            applied += await jobs.escalate_due()
    # then: all three steps of each ladder, each once, none before its time
    steps = await EscalationStep.all()
    ids = {d.id: d.object_id for d in await Deadline.filter(kind="follow_up")}
    assert applied == len(steps) == 15
    assert sorted((ids[s.deadline_id], s.step) for s in steps) == sorted(
        (r.id, k) for r in rows for k in range(3))
    assert all(s.applied_at >= s.due_at for s in steps)
    assert {d.status for d in await Deadline.filter(kind="follow_up")} == {"done"}
