"""Escalation ladders on the real database: steps, timing, exactly once, met deadlines."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from engine import clock, deadlines, escalation, jobs, outbox, runtime
from engine.authz import Principal
from engine.models import (
    AuditEvent,
    Customer,
    Deadline,
    EscalationStep,
    FollowUp,
    HouseRuleRun,
    Notification,
    OutboxMessage,
    Task,
)
from engine.services import approvals, customers, follow_ups, incidents, overdue, tasks
from tests.conftest import CampaignFactory, CustomerFactory

# Monday 23 Nov 2026, 12:00 in Shanghai
MONDAY_NOON = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


def shanghai(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour - 8, minute, tzinfo=UTC)


async def _follow_up(org: dict[str, Principal], customer: Any, due: date,
                     actor: str = "rep.li") -> FollowUp:
    return await follow_ups.create(org[actor], follow_ups.FollowUpInput(
        customer_id=customer.id, customer_code=None, method="phone", summary="电话沟通",
        feedback="neutral", next_action="发送报价", due_date=due,
        follow_up_date=date(2026, 11, 23)))


async def _notes(kind: str | None = None) -> list[tuple[str, int]]:
    qs = Notification.all().order_by("id")
    if kind:
        qs = qs.filter(kind=kind)
    return [(n.title, n.recipient_id) for n in await qs]


async def test_follow_up_ladder_step_by_step(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    with clock.frozen(MONDAY_NOON) as advance:
        customer = await make_customer()
        # due Friday 27th at the end of the working day (18:00 Shanghai)
        row = await _follow_up(org, customer, date(2026, 11, 27))
        deadline = await Deadline.get(kind="follow_up", object_id=row.id)
        assert (deadline.due_at, deadline.next_at, deadline.next_step) == (
            shanghai(27, 18), shanghai(27, 18), 0)
        advance(shanghai(27, 17, 59) - MONDAY_NOON)
        assert await escalation.apply_due() == 0  # not before its time
        advance(timedelta(minutes=1))
        assert await escalation.apply_due() == 1
        assert await escalation.apply_due() == 0
        assert (await FollowUp.get(id=row.id)).status == "overdue"
        assert await _notes() == [("跟进已逾期：测试客户 1：发送报价", org["rep.li"].id)]
        deadline = await Deadline.get(id=deadline.id)
        # +1 working day from Friday 18:00 is Monday 18:00
        assert (deadline.next_step, deadline.next_at) == (1, shanghai(30, 18))
        advance(shanghai(30, 18) - clock.now())
        assert await escalation.apply_due() == 1
        assert await _notes("escalation") == [
            ("下属跟进逾期：测试客户 1：发送报价", org["mgr.east"].id)]
        advance(shanghai(2, 18, month=12) - clock.now())  # +3 working days: Wednesday
        assert await escalation.apply_due() == 1
        flagged = await Customer.get(id=customer.id)
        assert flagged.flagged_for_reassignment and flagged.flag_reason
        deadline = await Deadline.get(id=deadline.id)
        assert (deadline.status, deadline.next_at) == ("done", None)
    steps = await EscalationStep.filter(deadline_id=deadline.id).order_by("step")
    assert [(s.step, s.actions) for s in steps] == [
        (0, ["mark", "notify_owner"]), (1, ["notify_manager"]),
        (2, ["flag_for_reassignment", "notify_manager"])]
    assert [s.applied_at >= s.due_at for s in steps] == [True, True, True]
    trail = [(e.action, e.actor_name) for e in
             await AuditEvent.filter(object_type="follow_up", object_id=row.id).order_by("id")]
    assert trail == [("create", "rep.li"), ("escalate", "system"), ("mark_overdue", "system"),
                     ("escalate", "system"), ("escalate", "system")]
    assert await AuditEvent.filter(object_type="customer", action="flag_for_reassignment",
                                   actor_name="system").count() == 1
    # reassigning the customer clears the flag and moves the deadline
    moved = await customers.reassign(org["mgr.east"], customer.id, "rep.wang")
    assert not moved.flagged_for_reassignment
    assert (await Deadline.get(id=deadline.id)).owner_id == org["rep.wang"].id


async def test_a_met_deadline_cancels_its_ladder(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    with clock.frozen(MONDAY_NOON) as advance:
        customer = await make_customer()
        row = await _follow_up(org, customer, date(2026, 11, 24))
        advance(timedelta(days=1, hours=5, minutes=59))  # one minute before it is due
        await follow_ups.complete(org["rep.li"], row.id)
        advance(timedelta(days=10))
        assert await escalation.apply_due() == 0
    deadline = await Deadline.get(kind="follow_up", object_id=row.id)
    assert deadline.status == "met" and deadline.met_at is not None
    assert await EscalationStep.all().count() == 0
    assert (await FollowUp.get(id=row.id)).status == "done"


async def test_concurrent_runs_apply_each_step_once(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    with clock.frozen(MONDAY_NOON) as advance:
        customer = await make_customer()
        for _ in range(30):
            await _follow_up(org, customer, date(2026, 11, 23))
        advance(timedelta(hours=7))  # past 18:00
        counts = await asyncio.gather(*(escalation.apply_due(batch=7) for _ in range(4)))
    assert sum(counts) == 30
    assert await EscalationStep.all().count() == 30
    assert await FollowUp.filter(status="overdue").count() == 30
    assert await AuditEvent.filter(action="mark_overdue").count() == 30


async def test_task_ladder_and_completion(
    org: dict[str, Principal], make_campaign: CampaignFactory
) -> None:
    from engine.services import campaigns

    with clock.frozen(datetime(2026, 7, 1, 2, 0, tzinfo=UTC)) as advance:
        campaign = await make_campaign(phases=[campaigns.PhaseInput(
            "preparation", date(2026, 7, 1), date(2026, 7, 3), [
                campaigns.TaskInput("准备物料", "rep.li", date(2026, 7, 1), date(2026, 7, 2)),
                campaigns.TaskInput("直播彩排", "rep.wang", date(2026, 7, 1),
                                    date(2026, 7, 2))])])
        rows = {t.title: t for t in await Task.filter(campaign_id=campaign.id)}
        await tasks.fire(org["rep.wang"], rows["直播彩排"].id, "start")
        await tasks.fire(org["rep.wang"], rows["直播彩排"].id, "complete")
        advance(timedelta(days=2))  # 3 July, past the 2nd's end of day
        assert await escalation.apply_due() == 1
    late = await Task.get(id=rows["准备物料"].id)
    assert (late.status, late.status_reason) == ("delayed", "escalated")
    assert await _notes("reminder") == [("任务已延期：" + campaign.code + " 准备物料",
                                         org["rep.li"].id)]
    done = await Deadline.get(kind="task", object_id=rows["直播彩排"].id)
    assert done.status == "met"

    # +3 working days (Tue 7 July 18:00): flagged for reassignment; a new owner clears it
    with clock.frozen(datetime(2026, 7, 7, 10, 0, 1, tzinfo=UTC)):
        # one step per deadline per run: a run that was missed catches up step by step
        assert await escalation.apply_due() == 1  # the +1d step (Fri 3rd)
        assert await escalation.apply_due() == 1  # the +3d step (Tue 7th)
        assert await escalation.apply_due() == 0
        late = await Task.get(id=late.id)
        assert late.flagged_for_reassignment
        flag = await AuditEvent.get(object_type="task", object_id=late.id,
                                    action="flag_for_reassignment")
        assert (flag.actor_name, flag.version) == ("system", late.version)
        assert await escalation.apply_due() == 0  # nothing flags it twice
        page = await tasks.list_(org["mkt.chen"], tasks.TaskFilter(
            flagged_for_reassignment=True), first=10, after=None)
        assert [t.id for t in page.items] == [late.id]
        moved = await tasks.update(org["mkt.chen"], late.id,
                                   tasks.TaskPatch(owner_username="rep.wang"), None)
    assert not moved.flagged_for_reassignment
    assert not (await Task.get(id=late.id)).flagged_for_reassignment
    change = await AuditEvent.filter(object_type="task", object_id=late.id,
                                     action="update").first()
    assert change is not None
    assert change.changes["flagged_for_reassignment"] == [True, False]


async def test_approval_and_exception_deadlines(
    org: dict[str, Principal], make_campaign: CampaignFactory
) -> None:
    with clock.frozen(MONDAY_NOON) as advance:
        campaign = await make_campaign(amounts=("60000", "40000"))
        await approvals.submit(org["mkt.chen"], campaign.id)
        first = await Deadline.get(kind="approval", object_id=campaign.id)
        assert first.due_at == MONDAY_NOON + timedelta(days=2)  # two working days
        incident = await incidents.report(org["mkt.chen"], incidents.IncidentInput(
            campaign_id=campaign.id, problem="设备故障"))
        assert incident.acknowledge_due_at == shanghai(23, 16)  # +4 working hours
        assert incident.resolve_due_at == shanghai(24, 12)  # +1 working day
        advance(timedelta(hours=4))
        assert await escalation.apply_due() == 1  # the acknowledgement is late
        assert ("异常超时未确认：" + incident.code + " 设备故障", org["mkt.chen"].id) in \
            await _notes("reminder")
        await incidents.fire(org["mkt.chen"], incident.id, "acknowledge")
        advance(timedelta(days=2))  # Wednesday noon: the manager's level is due
        assert await escalation.apply_due() == 2  # approval reminder + unresolved exception
        reminders = await _notes("reminder")
        assert ("预算待你审批已超时：" + campaign.code + " " + campaign.name,
                org["mgr.east"].id) in reminders
        # the director is away; mgr.east stands in, but has decided level 1 of this round
        await approvals.set_delegation(org["dir.sun"], delegate_username="mgr.east",
                                       starts_on=date(2026, 11, 23), ends_on=date(2026, 12, 31))
        await approvals.approve(org["mgr.east"], campaign.id)
        second = await Deadline.get(kind="approval", object_id=campaign.id)
        assert (second.generation, second.next_step, second.status) == (2, 0, "active")
        assert second.due_at == clock.now() + timedelta(days=2)
        advance(timedelta(days=2))  # Friday noon: the director's level is due
        assert await escalation.apply_due() >= 1
        late = [who for title, who in await _notes("reminder")
                if title == "预算待你审批已超时：" + campaign.code + " " + campaign.name]
        # reminded: who may still decide (the director); not the stand-in who may not
        assert late.count(org["dir.sun"].id) == 1 and late.count(org["mgr.east"].id) == 1
    ack = await Deadline.get(kind="exception_acknowledge", object_id=incident.id)
    assert ack.status == "met"


async def test_overdue_items_are_scoped(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    with clock.frozen(MONDAY_NOON) as advance:
        li = await _follow_up(org, await make_customer(owner="rep.li"), date(2026, 11, 23))
        await _follow_up(org, await make_customer(owner="rep.wang"), date(2026, 11, 23),
                         actor="rep.wang")
        await follow_ups.create(org["rep.zhao"], follow_ups.FollowUpInput(
            customer_id=(await make_customer(owner="rep.zhao")).id, customer_code=None,
            method="phone", summary="s", feedback="neutral", next_action="a",
            due_date=date(2026, 11, 23)))
        await _follow_up(org, await make_customer(owner="rep.li"), date(2026, 12, 1))
        advance(timedelta(hours=7))
        await escalation.apply_due()

        async def count(who: str) -> int:
            page = await overdue.list_(org[who], overdue.OverdueFilter(), first=50, after=None)
            return len(page.items)

        assert await count("rep.li") == 1
        assert await count("mgr.east") == 2
        assert await count("mgr.west") == 1
        assert await count("dir.sun") == 3
        page = await overdue.list_(org["rep.li"], overdue.OverdueFilter(), first=5, after=None)
        assert page.items[0].object_id == li.id and page.items[0].next_step == 1
        titles = await overdue.titles(page.items)
        assert titles[page.items[0].id].endswith("：发送报价")


async def test_house_rules_run_once_per_period(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    customer = await make_customer()
    with clock.frozen(MONDAY_NOON):
        await _follow_up(org, customer, date(2026, 11, 23))
        # Tuesday evening, after the working day: no late reminder for Tuesday
        # the weekly KPI review runs with the digest (engine.services.kpis.review_week)
        weekly = ["weekly_digest", "kpi_review"]
        assert await jobs.house_rules(shanghai(24, 18, 0)) == weekly
        assert await HouseRuleRun.filter(rule="daily_reminder").count() == 0
        await HouseRuleRun.all().delete()
        assert await jobs.house_rules(shanghai(23, 16, 29)) == weekly
        assert await jobs.house_rules(shanghai(23, 16, 30)) == ["daily_reminder"]
        assert await jobs.house_rules(shanghai(23, 17, 0)) == []
    reminder = await Notification.get(kind="reminder")
    assert reminder.recipient_id == org["rep.li"].id and reminder.title.startswith("今天还有 1 项")
    assert await HouseRuleRun.all().count() == 3
    assert await jobs.house_rules(shanghai(28, 17, 0)) == []  # Saturday: not a working day


class Recorder:
    """Stands in for arq and pub/sub: records what would be enqueued and published."""

    def __init__(self) -> None:
        self.jobs: list[tuple[str, str]] = []
        self.pushed: list[dict[str, Any]] = []

    async def enqueue(self, function: str, *, job_id: str, at: Any = None,
                      **kwargs: Any) -> None:
        self.jobs.append((function, job_id))

    async def publish(self, messages: list[dict[str, Any]]) -> None:
        self.pushed.extend(messages)


async def test_sweep_enqueues_every_due_second_from_the_database(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    customer = await make_customer()
    with clock.frozen(MONDAY_NOON):
        for day in (23, 24, 25):  # due Mon, Tue, Wed at 18:00 Shanghai
            await _follow_up(org, customer, date(2026, 11, day))
    # their jobs went to a Redis that has since lost them: only the database knows
    await OutboxMessage.all().update(processed_at=MONDAY_NOON)
    recorder = Recorder()
    runtime.configure(recorder, recorder)
    try:
        # Tuesday 17:59:30: Monday's step is past due, Tuesday's falls due before the next
        # sweep, Wednesday's is too far ahead to enqueue yet
        with clock.frozen(shanghai(24, 17, 59) + timedelta(seconds=30)):
            report = await jobs.sweep()
        now = int((shanghai(24, 17, 59) + timedelta(seconds=30)).timestamp())
        tuesday = int(shanghai(24, 18).timestamp())
        assert report["escalations"] == 2
        assert sorted(recorder.jobs) == [("escalate_due", f"escalate:{now}"),
                                         ("escalate_due", f"escalate:{tuesday}")]
    finally:
        runtime.configure(None, None)


async def test_outbox_waits_for_commit(org: dict[str, Principal],
                                       make_customer: CustomerFactory) -> None:
    recorder = Recorder()
    runtime.configure(recorder, recorder)
    try:
        last = await OutboxMessage.all().order_by("-id").first()
        start = last.id if last else 0
        customer = await make_customer()
        with clock.frozen(MONDAY_NOON):
            row = await _follow_up(org, customer, date(2026, 11, 24))
        bucket = int(datetime(2026, 11, 24, 10, 0, tzinfo=UTC).timestamp())
        assert ("escalate_due", f"escalate:{bucket}") in recorder.jobs
        # the customer's and the follow-up's changes wait for the per-second events job
        # (one job for both); everything else was dispatched right after its commit
        events_jobs = [j for j in recorder.jobs if j[0] == "fan_out_events"]
        assert events_jobs and all(j[1].startswith("events:") for j in events_jobs)
        pending = await OutboxMessage.filter(id__gt=start, processed_at__isnull=True)
        assert pending and {m.kind for m in pending} == {outbox.EVENT}
        assert await jobs.fan_out_events() >= len(pending)  # with the org fixture's own
        assert await OutboxMessage.filter(id__gt=start, processed_at__isnull=True).count() == 0
        assert [n["recipient_id"] for n in recorder.pushed] == []
        # a change that rolls back leaves nothing to dispatch
        before, jobs_before = await OutboxMessage.all().count(), len(recorder.jobs)
        with pytest.raises(RuntimeError):
            async with outbox.atomic() as conn:
                await deadlines.set_deadline(conn, "follow_up", row.id,
                                              MONDAY_NOON + timedelta(days=9),
                                              owner_id=None, department_id=None)
                raise RuntimeError("rollback")
        assert await OutboxMessage.all().count() == before
        assert len(recorder.jobs) == jobs_before
        # nor does a savepoint that rolls back inside a transaction that commits
        async with outbox.atomic() as conn:
            with pytest.raises(RuntimeError):
                async with outbox.atomic() as inner:
                    await deadlines.set_deadline(inner, "follow_up", row.id,
                                                  MONDAY_NOON + timedelta(days=9),
                                                  owner_id=None, department_id=None)
                    raise RuntimeError("rollback to the savepoint")
        assert await OutboxMessage.all().count() == before
        assert len(recorder.jobs) == jobs_before
    finally:
        runtime.configure(None, None)


async def test_a_bad_event_does_not_hold_back_the_others(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    from engine.models import WebhookDelivery
    from engine.services import webhooks

    await webhooks.create_endpoint(org["admin"], url="http://127.0.0.1:9/hook",
                                   event_types=["*"])
    await OutboxMessage.filter(processed_at__isnull=True).update(processed_at=clock.now())
    poison = await OutboxMessage.create(kind=outbox.EVENT, created_at=clock.now(),
                                        payload={"events": [{"type": "customer.create"}]})
    customer = await make_customer()  # its change comes after the bad one
    recorder = Recorder()
    runtime.configure(recorder, recorder)
    try:
        assert await jobs.fan_out_events() >= 1
    finally:
        runtime.configure(None, None)
    delivery = await WebhookDelivery.get(event_type="customer.create")
    assert delivery.payload["object"]["code"] == customer.code
    assert (await OutboxMessage.get(id=poison.id)).processed_at is None  # kept for a retry
    assert ("deliver_webhook", f"webhook:{delivery.id}:1") in recorder.jobs


async def test_weekly_digest_counts_last_weeks_late_items_per_person(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    from engine.models import User

    li_customer = await make_customer(owner="rep.li")
    wang_customer = await make_customer(owner="rep.wang")

    async def record(customer: Any, due: date, actor: str = "rep.li") -> FollowUp:
        return await follow_ups.create(org[actor], follow_ups.FollowUpInput(
            customer_id=customer.id, customer_code=None, method="phone", summary="电话沟通",
            feedback="neutral", next_action="发送报价", due_date=due,
            follow_up_date=date(2026, 11, 16)))

    with clock.frozen(shanghai(16, 12)) as advance:  # Monday of the week before
        on_time = await record(li_customer, date(2026, 11, 16))
        done_late = await record(li_customer, date(2026, 11, 17))
        await record(li_customer, date(2026, 11, 18))  # never done
        await record(wang_customer, date(2026, 11, 17), actor="rep.wang")
        await follow_ups.complete(org["rep.li"], on_time.id)
        advance(timedelta(days=3))  # Thursday: the 17th's action is done two days late
        await follow_ups.complete(org["rep.li"], done_late.id)
    assert await jobs.house_rules(shanghai(23, 9, 0)) == ["weekly_digest", "kpi_review"]
    digest = await Notification.get(recipient_id=org["mgr.east"].id,
                                    title__startswith="上周逾期汇总")
    li = await User.get(id=org["rep.li"].id)
    wang = await User.get(id=org["rep.wang"].id)
    assert digest.body == f"{li.display_name}：2 项；{wang.display_name}：1 项"
    assert not await Notification.filter(recipient_id=org["mgr.west"].id,
                                         title__startswith="上周逾期汇总").exists()
