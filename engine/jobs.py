"""Job functions: the same code runs in arq workers and in the in-process scheduler.

Jobs act as the system actor and change records only through conditional updates, so a
job that runs twice, or in two workers at once, changes nothing the second time.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Any, cast

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.functions import Count

from engine import calendar, clock, deadlines, escalation, ladders, metrics, outbox, runtime
from engine import settings as settings_module
from engine.models import Deadline, FollowUp, HouseRuleRun, Task, User
from engine.models.enums import FollowUpStatus, NotificationKind, TaskStatus
from engine.services import kpis, notifications, org, webhooks

log = logging.getLogger("promoflow.jobs")

# The sweep also enqueues what falls due before the next sweep (plus this margin), so a job
# lost with Redis costs at most one sweep interval of lateness.
UPCOMING_MARGIN = timedelta(seconds=15)


async def escalate_due() -> int:
    """Apply every escalation step that is due (any number of workers may run it)."""
    return await escalation.apply_due()


async def deliver_webhook(delivery_id: int) -> str:
    return await webhooks.deliver(delivery_id)


async def fan_out_events() -> int:
    """Turn every pending change into webhook deliveries (enqueued once per second)."""
    return await webhooks.drain_events()


def _upcoming() -> timedelta:
    interval = settings_module.current().scheduler_interval_seconds
    return timedelta(seconds=interval) + UPCOMING_MARGIN


async def sweep() -> dict[str, int]:
    """The safety net, every sweep interval: nothing pending may depend on Redis having
    kept it.

    Straight from the database it (re)enqueues the escalation jobs of steps that are due
    or fall due before the next sweep, re-enqueues webhook deliveries whose attempt is due,
    offers outbox messages left behind (by a process that died after commit, or a failed
    handler) to their handlers again, fans out pending events and purges old messages.
    Each part runs on its own: one that fails is logged and counted (`errors`), and the
    others still run; within a part, one item that fails does not stop the rest.
    """
    report = {"escalations": 0, "outbox": 0, "webhooks": 0, "events": 0, "purged": 0,
              "errors": 0}
    parts: list[tuple[str, Callable[[], Awaitable[int]]]] = [
        ("escalations", _enqueue_due_escalations),
        ("webhooks", _enqueue_due_deliveries),
        ("outbox", lambda: outbox.dispatch(older_than=5,
                                           kinds=[outbox.ESCALATE, outbox.PUBLISH])),
        ("events", webhooks.drain_events),
        ("purged", outbox.purge),
    ]
    for name, part in parts:
        try:
            report[name] = await part()
        except Exception:
            report["errors"] += 1
            log.exception("sweep: %s failed", name, extra={"job": "sweep", "part": name})
    return report


async def _enqueue_due_escalations() -> int:
    """One job per second with a step due before the next sweep (past ones: now)."""
    queue = runtime.queue()
    if queue is None:
        return 0
    now = clock.now()
    upcoming = await Deadline.filter(
        status=deadlines.ACTIVE, next_at__lte=now + _upcoming()
    ).values_list("next_at", flat=True)
    times: list[datetime] = [cast(datetime, at) for at in upcoming if at is not None]
    buckets = sorted({deadlines.bucket(max(at, now)) for at in times})
    failed = 0
    for at in buckets:
        try:
            await deadlines.enqueue(at)
        except Exception as exc:
            failed += 1
            last = exc
    if failed:
        raise RuntimeError(f"{failed} of {len(buckets)} escalation job(s) not enqueued: "
                           f"{last!r}")
    return len(buckets)


async def _enqueue_due_deliveries() -> int:
    queue = runtime.queue()
    if queue is None:
        return 0
    count = 0
    for delivery_id, attempt in await webhooks.due_deliveries():
        await queue.enqueue("deliver_webhook", job_id=f"webhook:{delivery_id}:{attempt}",
                            delivery_id=delivery_id)
        count += 1
    return count


async def rfm_refresh() -> bool:
    """RFM's standing window: rank everyone again when the boundaries are old enough
    (PROMOFLOW_RFM_REFRESH_SECONDS) or the day changed (engine/services/rfm_summary.py)."""
    from engine.services import rfm_summary

    return await rfm_summary.refresh_if_due()


# -- house rules -------------------------------------------------------------------------


async def house_rules(now: datetime | None = None) -> list[str]:
    """Run the daily reminder, the weekly digest and the weekly KPI review when due; each
    once per period."""
    at = now or clock.now()
    cal, rules = calendar.current(), ladders.current().house_rules
    local = at.astimezone(cal.zone)
    today = local.date()
    ran: list[str] = []
    # the reminder is for the day's entries: caught up after a restart, but not once the
    # working day has ended (a reminder at 22:00 to enter follow-ups by 17:00 helps nobody)
    if (cal.is_working_day(today) and rules.daily_reminder_at <= local.time() < cal.day_end
            and await _once("daily_reminder", today.isoformat(),
                            lambda conn: daily_reminder(conn, today))):
        ran.append("daily_reminder")
    week_start = today - timedelta(days=today.weekday())
    digest_day = week_start + timedelta(days=rules.digest_weekday)
    year, week, _ = today.isocalendar()
    if (today >= digest_day and (today > digest_day or local.time() >= rules.digest_at)
            and await _once("weekly_digest", f"{year}-W{week:02d}",
                            lambda conn: weekly_digest(conn, week_start - timedelta(days=7)))):
        ran.append("weekly_digest")
    # last week's computed KPI actuals against plan, judged with the digest (docs/analytics.md)
    if (today >= digest_day and (today > digest_day or local.time() >= rules.digest_at)
            and await _once("kpi_review", f"{year}-W{week:02d}",
                            lambda conn: kpis.review_week(conn, week_start - timedelta(days=7)))):
        ran.append("kpi_review")
    return ran


async def _once(rule: str, period: str, work: Any) -> bool:
    """Claim the rule's period and do its work in one transaction: once, in any worker."""
    try:
        async with outbox.atomic() as conn:
            await HouseRuleRun.create(using_db=conn, rule=rule, period=period,
                                      ran_at=clock.now())
            await work(conn)
    except IntegrityError:
        return False
    return True


async def daily_reminder(conn: BaseDBAsyncClient, day: date) -> int:
    """Remind everyone who still owes a follow-up or a task due today (17:00 entry rule)."""
    cal = calendar.current()
    start = cal.local(day, datetime.min.time())
    end = start + timedelta(days=1)
    owed: dict[int, list[str]] = defaultdict(list)
    for f in await FollowUp.filter(status=FollowUpStatus.PENDING.value, due_at__gte=start,
                                   due_at__lt=end):
        owed[f.assignee_id].append(f"跟进 {f.code}：{f.next_action}")
    for t in await Task.filter(end_date=day).exclude(status=TaskStatus.DONE.value):
        owed[t.owner_id].append(f"任务：{t.title}")
    rows = [(user, NotificationKind.REMINDER.value,
             f"今天还有 {len(items)} 项待完成（请在 17:00 前录入跟进）",
             "；".join(items[:10]), None, None) for user, items in owed.items()]
    await notifications.notify_many(conn, rows)
    return len(rows)


async def weekly_digest(conn: BaseDBAsyncClient, week_start: date) -> int:
    """To each manager: last week's overdue follow-ups and late tasks, per person."""
    cal = calendar.current()
    start = cal.local(week_start, datetime.min.time())
    end = start + timedelta(days=7)
    per_user: dict[int, int] = defaultdict(int)
    # follow-ups due that week and not done in time, counted per person by the database
    late = await FollowUp.filter(
        Q(due_at__gte=start, due_at__lt=end)
        & (~Q(status=FollowUpStatus.DONE.value) | Q(completed_at__gt=F("due_at")))
    ).using_db(conn).annotate(n=Count("id")).group_by("assignee_id").values("assignee_id", "n")
    for row in late:
        per_user[int(row["assignee_id"])] += int(row["n"])
    for t in await Task.filter(end_date__gte=week_start,
                               end_date__lt=week_start + timedelta(days=7)):
        if t.status != TaskStatus.DONE.value or (
                t.completed_at and t.completed_at > cal.end_of_day(t.end_date)):
            per_user[t.owner_id] += 1
    users = {u.id: u for u in await User.filter(id__in=list(per_user))}
    by_department: dict[int, list[str]] = defaultdict(list)
    for uid, count in sorted(per_user.items(), key=lambda kv: -kv[1]):
        user = users.get(uid)
        if user is not None and user.department_id is not None:
            by_department[user.department_id].append(f"{user.display_name}：{count} 项")
    managers = [m for ms in (await org.managers_by_department(by_department, conn)).values()
                for m in ms]
    label = f"{week_start.isoformat()} 起一周"
    rows = [(m.id, NotificationKind.REMINDER.value, f"上周逾期汇总（{label}）",
             "；".join(by_department[m.department_id or -1]), None, None) for m in managers]
    await notifications.notify_many(conn, rows)
    return len(rows)


def observed(name: str, function: Callable[..., Awaitable[Any]]
             ) -> Callable[..., Awaitable[Any]]:
    """The job, counted and timed (promoflow_jobs_total, promoflow_job_duration_seconds)."""

    async def run(*args: Any, **kwargs: Any) -> Any:
        with metrics.Timer() as timer:
            try:
                result = await function(*args, **kwargs)
            except BaseException:
                metrics.JOBS.labels(name, "failed").inc()
                raise
            finally:
                metrics.JOB_DURATION.labels(name).observe(timer.seconds_so_far())
        metrics.JOBS.labels(name, "ok").inc()
        return result

    run.__name__ = name
    run.__doc__ = function.__doc__
    return run


# The functions a queue may run, by name (arq registers them under these names too).
_FUNCTIONS: dict[str, Callable[..., Awaitable[Any]]] = {
    "escalate_due": escalate_due,
    "deliver_webhook": deliver_webhook,
    "fan_out_events": fan_out_events,
    "sweep": sweep,
    "house_rules": house_rules,
    "rfm_refresh": rfm_refresh,
}
JOBS: dict[str, Any] = {name: observed(name, fn) for name, fn in _FUNCTIONS.items()}
