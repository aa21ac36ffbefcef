"""arq workers against the real Redis: the overdue sweep applies each change exactly once."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from arq.connections import ArqRedis

from engine import clock
from engine.authz import Principal
from engine.models import AuditEvent, FollowUp
from engine.services import follow_ups
from engine.settings import Settings
from engine.worker import make_worker
from tests.conftest import CustomerFactory


async def _past_due(org: dict[str, Principal], make_customer: CustomerFactory, n: int) -> list[int]:
    today = clock.now().date()
    customer = await make_customer()
    ids = []
    for _ in range(n):
        row = await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
            customer_id=customer.id, customer_code=None, method="phone", summary="s",
            feedback="neutral", next_action="a", follow_up_date=today - timedelta(days=5),
            due_date=today - timedelta(days=2)))
        ids.append(row.id)
    return ids


async def test_two_workers_mark_each_follow_up_overdue_exactly_once(
    org: dict[str, Principal], make_customer: CustomerFactory, redis_pool: ArqRedis,
    test_settings: Settings,
) -> None:
    # given 40 past-due follow-ups and one still in the future
    ids = await _past_due(org, make_customer, 40)
    future = await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
        customer_id=(await FollowUp.get(id=ids[0])).customer_id, customer_code=None,
        method="phone", summary="s", feedback="neutral", next_action="a",
        due_date=date(2099, 1, 1)))
    # when the sweep is enqueued twice and two workers race on it
    await redis_pool.enqueue_job("sweep_overdue_follow_ups", _job_id="sweep-a")
    await redis_pool.enqueue_job("sweep_overdue_follow_ups", _job_id="sweep-b")
    workers = [
        make_worker(test_settings, burst=True, redis_pool=redis_pool, handle_signals=False,
                    cron_jobs=[], poll_delay=0.01)
        for _ in range(2)
    ]
    await asyncio.gather(*(w.main() for w in workers))
    for w in workers:
        await w.close()
    # then every past-due action is overdue, marked once, by the system actor
    statuses = {r.id: r.status for r in await FollowUp.all()}
    assert all(statuses[i] == "overdue" for i in ids)
    assert statuses[future.id] == "pending"
    marks = await AuditEvent.filter(object_type="follow_up", action="mark_overdue")
    assert sorted(m.object_id for m in marks) == sorted(ids)
    assert {m.actor_name for m in marks} == {"system"}
    assert sum(w.jobs_complete for w in workers) == 2
    assert sum(w.jobs_failed for w in workers) == 0


async def test_worker_settings_run_the_sweep_every_minute(test_settings: Settings,
                                                          redis_pool: ArqRedis) -> None:
    worker = make_worker(test_settings, burst=True, redis_pool=redis_pool,
                         handle_signals=False)
    cron_names = [c.name for c in worker.cron_jobs]
    assert cron_names == ["cron:sweep_overdue_follow_ups"]
    assert worker.cron_jobs[0].second == 0 and worker.cron_jobs[0].minute is None
    await worker.close()
