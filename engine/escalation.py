"""Escalation: the worker's side of deadlines (engine/deadlines.py is the services' side).

`apply_due` (the job) claims due rows of `deadline` — `FOR UPDATE SKIP LOCKED` on
PostgreSQL, so any number of workers share the work — and, per kind and step, applies the
step's actions set-based in one transaction per batch:

- the deadline row moves on with `WHERE next_step = k AND status = 'active'`, and each
  applied step inserts an `escalation_step` row unique per (deadline, generation, step):
  a step can be applied once, whatever runs twice;
- `mark` fires the record's state machine event for every row in one UPDATE whose
  sources and destination come from the workflow definition;
- every effect is audited as the system actor; notifications go out after commit.

This module imports the services it acts through (notifications, org, approvals); none of
them imports it. Locks are always taken deadline first, then the record, in services and
here alike.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import audit, calendar, clock, db, deadlines, ladders, machines, metrics, outbox
from engine.authz import SYSTEM
from engine.deadlines import (
    ACTIVE,
    APPROVAL,
    DONE,
    EXCEPTION_ACK,
    EXCEPTION_RESOLVE,
    FOLLOW_UP,
    MET,
    PLAN_MILESTONE,
    PLAN_RISK,
    TASK,
)
from engine.models import (
    AuditEvent,
    Campaign,
    ChannelPlan,
    Customer,
    EscalationStep,
    FollowUp,
    Incident,
    PlanMilestone,
    PlanRisk,
    Task,
    User,
)
from engine.models.enums import NotificationKind, Role
from engine.services import approvals, notifications, org

log = logging.getLogger("promoflow.escalation")

__all__ = ["ACTIVE", "APPROVAL", "DONE", "EXCEPTION_ACK", "EXCEPTION_RESOLVE", "FOLLOW_UP",
           "MET", "TASK", "apply_due"]
REASON = "escalated"


# -- the worker's side -------------------------------------------------------------------


@dataclass
class Due:
    id: int
    kind: str
    object_id: int
    generation: int
    step: int
    due_at: datetime
    next_at: datetime
    owner_id: int | None
    department_id: int | None


async def _claim(conn: BaseDBAsyncClient, now: datetime, limit: int) -> list[Due]:
    pg = db.dialect_of(conn) == "postgres"
    p1, p2, p3 = db.placeholders(conn, 3)
    rows = await db.fetch_all(
        conn,
        "SELECT id, kind, object_id, generation, next_step, due_at, next_at, owner_id, "
        f"department_id FROM deadline WHERE status = {p1} AND next_at <= {p2} "
        f"ORDER BY next_at, id LIMIT {p3}" + (" FOR UPDATE SKIP LOCKED" if pg else ""),
        [ACTIVE, db.adapt(conn, now), limit],
    )
    return [Due(id=int(r["id"]), kind=r["kind"], object_id=int(r["object_id"]),
                generation=int(r["generation"]), step=int(r["next_step"]),
                due_at=_dt(r["due_at"]), next_at=_dt(r["next_at"]), owner_id=r["owner_id"],
                department_id=r["department_id"]) for r in rows]


def _dt(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


async def apply_due(*, batch: int = 500, now: datetime | None = None,
                    max_batches: int = 1000) -> int:
    """Apply every escalation step that is due; returns how many were applied."""
    applied = 0
    for _ in range(max_batches):
        at = now or clock.now()
        done: list[tuple[str, int, float]] = []
        async with outbox.atomic() as conn:
            claimed = await _claim(conn, at, batch)
            if claimed:
                done = await _apply(conn, claimed, at)
        for kind, step, lag in done:  # counted once committed
            metrics.ESCALATION_STEPS.labels(kind, str(step)).inc()
            metrics.ESCALATION_LAG.labels(kind).observe(lag)
        applied += len(done)
        if len(claimed) < batch:
            break
    if applied:
        log.info("applied %d escalation step(s)", applied, extra={"job": "escalate_due"})
    return applied


async def _apply(conn: BaseDBAsyncClient, due: list[Due], now: datetime
                 ) -> list[tuple[str, int, float]]:
    """Apply the claimed steps; returns (ladder, step, lag in seconds) of each."""
    config = ladders.current()
    cal = calendar.current()
    moves: list[tuple[Any, ...]] = []
    next_runs: set[datetime] = set()
    steps: list[EscalationStep] = []
    groups: dict[tuple[str, int], list[Due]] = defaultdict(list)
    kinds = {d.id: d.kind for d in due}
    for d in due:
        ladder = config.ladders[d.kind]
        if d.step >= len(ladder.steps):  # the ladder shrank since: nothing left to do
            moves.append((d.step, None, DONE, d.id, d.step, d.generation))
            continue
        nxt = d.step + 1
        if nxt < len(ladder.steps):
            next_at: datetime | None = cal.add(d.due_at, ladder.steps[nxt].offset)
            status = ACTIVE
            assert next_at is not None
            next_runs.add(deadlines.bucket(next_at))
        else:
            next_at, status = None, DONE
        moves.append((nxt, next_at, status, d.id, d.step, d.generation))
        groups[(d.kind, d.step)].append(d)
        steps.append(EscalationStep(
            deadline_id=d.id, generation=d.generation, step=d.step, due_at=d.next_at,
            applied_at=now, actions=list(ladder.steps[d.step].actions)))
    p = db.placeholders(conn, 8)
    await conn.execute_many(
        f"UPDATE deadline SET next_step = {p[0]}, next_at = {p[1]}, status = {p[2]}, "
        f"version = version + 1, updated_at = {p[3]} WHERE id = {p[4]} "
        f"AND next_step = {p[5]} AND generation = {p[6]} AND status = {p[7]}",
        [[db.adapt(conn, v) for v in (nxt, at, status, now, did, step, gen, ACTIVE)]
         for nxt, at, status, did, step, gen in moves],
    )
    # The unique (deadline, generation, step) key: a second application fails here and
    # rolls the whole batch back.
    await EscalationStep.bulk_create(steps, using_db=conn)
    for (kind, step), group in groups.items():
        actions = config.ladders[kind].steps[step].actions
        await HANDLERS[kind](conn, group, actions, now)
    for at in sorted(next_runs):
        await deadlines.schedule(conn, at)
    return [(kinds[s.deadline_id], s.step, max(0.0, (now - s.due_at).total_seconds()))
            for s in steps]


# -- what each kind of deadline does ---------------------------------------------------


Handler = Callable[[BaseDBAsyncClient, list[Due], Sequence[str], datetime], Awaitable[None]]


async def _managers(conn: BaseDBAsyncClient, department_ids: Iterable[int | None]
                    ) -> dict[int, list[int]]:
    found = await org.managers_by_department(department_ids, conn)
    return {d: [u.id for u in users] for d, users in found.items()}


async def _fire_set(conn: BaseDBAsyncClient, table: str, workflow: str, event: str,
                    states: dict[int, str], now: datetime, object_type: str
                    ) -> list[int]:
    """Fire `event` of `workflow` on every row at once; audited; returns the ids moved.

    `states` maps id → state as read; the UPDATE repeats the state condition and reports
    (RETURNING) the rows it really moved, with their versions; only those are audited.
    The machine runs once per distinct state (its guards see the state and the reason).
    """
    wf = machines.workflow(workflow)
    leads_to: dict[str, str | None] = {}
    for state in set(states.values()):
        allowed = event in wf.allowed_events(state)  # e.g. already done: nothing to mark
        leads_to[state] = await wf.fire(state, event, reason=REASON) if allowed else None
    by_move: dict[tuple[str, str], list[int]] = defaultdict(list)
    for object_id, state in states.items():
        target = leads_to[state]
        if target is not None:
            by_move[(state, target)].append(object_id)
    moved: list[tuple[int, int, str, str]] = []
    for (source, dest), ids in by_move.items():
        for chunk in _chunks(ids, 500):
            marks = db.placeholders(conn, len(chunk) + 4)
            returned = await db.fetch_all(
                conn,
                f"UPDATE {table} SET status = {marks[0]}, status_reason = {marks[1]}, "
                f"version = version + 1, updated_at = {marks[2]} WHERE status = {marks[3]} "
                f"AND id IN ({', '.join(marks[4:])}) RETURNING id, version",
                [dest, REASON, db.adapt(conn, now), source, *chunk])
            moved.extend((int(r["id"]), int(r["version"]), source, dest) for r in returned)
    await audit.write_events(conn, [
        AuditEvent(object_type=object_type, object_id=object_id, action=event, actor_id=None,
                   actor_name=SYSTEM.username, at=now, from_state=source, to_state=dest,
                   reason=REASON, version=version,
                   changes={"status": [source, dest], "status_reason": [None, REASON]})
        for object_id, version, source, dest in moved])
    return [m[0] for m in moved]


def _chunks(items: Sequence[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield list(items[i:i + size])


async def _audit_steps(conn: BaseDBAsyncClient, object_type: str, group: list[Due],
                       actions: Sequence[str], now: datetime) -> None:
    await audit.write_events(conn, [
        AuditEvent(object_type=object_type, object_id=d.object_id, action="escalate",
                   actor_id=None, actor_name=SYSTEM.username, at=now, reason=REASON,
                   changes={"escalation_step": [d.step, d.step + 1],
                            "actions": [None, list(actions)]})
        for d in group])


async def _follow_ups(conn: BaseDBAsyncClient, group: list[Due], actions: Sequence[str],
                      now: datetime) -> None:
    rows = {f.id: f for f in await FollowUp.filter(
        id__in=[d.object_id for d in group]).using_db(conn)}
    customers = {c.id: c for c in await Customer.filter(
        id__in=list({f.customer_id for f in rows.values()})).using_db(conn)}
    await _audit_steps(conn, "follow_up", group, actions, now)
    if ladders.MARK in actions:
        # pending → overdue, only for those whose state machine allows it
        await _fire_set(conn, "follow_up", "follow_up_status", "mark_overdue",
                        {i: f.status for i, f in rows.items()}, now, "follow_up")
    notes: list[notifications.NotificationRow] = []
    kind = NotificationKind.ESCALATION.value
    managers = await _managers(conn, [c.department_id for c in customers.values()]) \
        if ladders.NOTIFY_MANAGER in actions or ladders.FLAG in actions else {}
    for d in group:
        f = rows.get(d.object_id)
        if f is None:
            continue
        c = customers[f.customer_id]
        label = f"{c.name}：{f.next_action}"
        if ladders.NOTIFY_OWNER in actions:
            notes.append((f.assignee_id, NotificationKind.REMINDER.value,
                          f"跟进已逾期：{label}", f"跟进 {f.code} 已过完成时限", "follow_up", f.id))
        if ladders.NOTIFY_MANAGER in actions:
            notes.extend((m, kind, f"下属跟进逾期：{label}",
                          f"跟进 {f.code} 仍未完成（第 {d.step + 1} 级升级）", "follow_up", f.id)
                         for m in managers.get(c.department_id or -1, []))
    if ladders.FLAG in actions:
        flagged = await _flag_customers(conn, [customers[rows[d.object_id].customer_id]
                                               for d in group if d.object_id in rows], now)
        notes.extend((m, kind, f"客户需重新分配：{c.name}",
                      "跟进多次逾期，已标记为待重新分配", "customer", c.id)
                     for c in flagged for m in managers.get(c.department_id or -1, []))
    await notifications.notify_many(conn, notes)


async def _flag_customers(conn: BaseDBAsyncClient, customers: list[Customer], now: datetime
                          ) -> list[Customer]:
    reason = "follow-ups left overdue (escalation ladder)"
    flagged = set(await _flag(conn, "customer", [c.id for c in customers], now, reason))
    return [c for c in {c.id: c for c in customers}.values() if c.id in flagged]


async def _flag(conn: BaseDBAsyncClient, table: str, ids: Sequence[int], now: datetime,
                reason: str | None = None) -> list[int]:
    """Flag these rows for reassignment unless they already are; audits and returns those
    really flagged (RETURNING: a row flagged or changed meanwhile is judged as it is)."""
    columns = ["flagged_for_reassignment", "updated_at"] + (
        ["flag_reason"] if reason is not None else [])
    values: list[Any] = [True, db.adapt(conn, now)] + ([reason] if reason is not None else [])
    flagged: list[tuple[int, int]] = []
    for chunk in _chunks(sorted(set(ids)), 500):
        marks = db.placeholders(conn, len(values) + 1 + len(chunk))
        sets = ", ".join(f"{c} = {m}" for c, m in zip(columns, marks, strict=False))
        returned = await db.fetch_all(
            conn,
            f"UPDATE {table} SET {sets}, version = version + 1 WHERE "
            f"flagged_for_reassignment = {marks[len(values)]} AND id IN "
            f"({', '.join(marks[len(values) + 1:])}) RETURNING id, version",
            [*values, False, *chunk])
        flagged.extend((int(r["id"]), int(r["version"])) for r in returned)
    changes: dict[str, Any] = {"flagged_for_reassignment": [False, True]}
    if reason is not None:
        changes["flag_reason"] = [None, reason]
    await audit.write_events(conn, [
        AuditEvent(object_type=table, object_id=object_id, action="flag_for_reassignment",
                   actor_id=None, actor_name=SYSTEM.username, at=now, reason=REASON,
                   version=version, changes=changes)
        for object_id, version in flagged])
    return [f[0] for f in flagged]


async def _tasks(conn: BaseDBAsyncClient, group: list[Due], actions: Sequence[str],
                 now: datetime) -> None:
    rows = {t.id: t for t in await Task.filter(
        id__in=[d.object_id for d in group]).using_db(conn)}
    campaigns = {c.id: c for c in await Campaign.filter(
        id__in=list({t.campaign_id for t in rows.values()})).using_db(conn)}
    owners = {u.id: u for u in await User.filter(
        id__in=list({t.owner_id for t in rows.values()})).using_db(conn)}
    await _audit_steps(conn, "task", group, actions, now)
    if ladders.MARK in actions:
        await _fire_set(conn, "task", "task_status", "mark_delayed",
                        {i: t.status for i, t in rows.items()}, now, "task")
    def dept(t: Task) -> int | None:
        owner = owners.get(t.owner_id)
        return owner.department_id if owner and owner.department_id else \
            campaigns[t.campaign_id].department_id
    managers = await _managers(conn, [dept(t) for t in rows.values()])
    notes: list[notifications.NotificationRow] = []
    flag: list[int] = []
    for d in group:
        t = rows.get(d.object_id)
        if t is None:
            continue
        label = f"{campaigns[t.campaign_id].code} {t.title}"
        if ladders.NOTIFY_OWNER in actions:
            notes.append((t.owner_id, NotificationKind.REMINDER.value, f"任务已延期：{label}",
                          f"计划 {t.end_date} 完成", "task", t.id))
        if ladders.NOTIFY_MANAGER in actions:
            notes.extend((m, NotificationKind.ESCALATION.value, f"任务延期未完成：{label}",
                          f"第 {d.step + 1} 级升级", "task", t.id)
                         for m in managers.get(dept(t) or -1, []))
        if ladders.FLAG in actions and not t.flagged_for_reassignment:
            flag.append(t.id)
    await _flag(conn, "task", flag, now)
    await notifications.notify_many(conn, notes)


async def _approvals(conn: BaseDBAsyncClient, group: list[Due], actions: Sequence[str],
                     now: datetime) -> None:
    rows = {c.id: c for c in await Campaign.filter(
        id__in=[d.object_id for d in group]).using_db(conn)}
    await _audit_steps(conn, "campaign", group, actions, now)
    directors: list[int] = []
    admins: list[int] = []
    if ladders.NOTIFY_MANAGER in actions:
        directors = [u.id for u in await User.filter(role=Role.DIRECTOR.value, active=True)
                     .using_db(conn)]
        admins = [u.id for u in await User.filter(role=Role.ADMIN.value, active=True)
                  .using_db(conn)]
    waiting_on = await approvals.awaited(
        conn, list(rows.values()), clock.local_date(now, calendar.current().zone)) \
        if ladders.NOTIFY_OWNER in actions else {}
    notes: list[notifications.NotificationRow] = []
    for d in group:
        c = rows.get(d.object_id)
        if c is None or c.pending_role is None:
            continue
        label = f"{c.code} {c.name}"
        if ladders.NOTIFY_OWNER in actions:
            notes.extend((u, NotificationKind.REMINDER.value, f"预算待你审批已超时：{label}",
                          f"第 {(c.approval_level or 0) + 1} 级（{c.pending_role}）",
                          "campaign", c.id) for u in waiting_on.get(c.id, []))
        if ladders.NOTIFY_MANAGER in actions:
            above = directors if c.pending_role != Role.DIRECTOR.value else admins
            notes.extend((u, NotificationKind.ESCALATION.value, f"预算审批超时：{label}",
                          f"第 {(c.approval_level or 0) + 1} 级（{c.pending_role}）仍未决定",
                          "campaign", c.id) for u in above)
        if ladders.NOTIFY_SUBMITTER in actions and c.submitted_by_id:
            notes.append((c.submitted_by_id, NotificationKind.ESCALATION.value,
                          f"你提交的预算仍在等待审批：{label}", None, "campaign", c.id))
    await notifications.notify_many(conn, notes)


async def _exceptions(conn: BaseDBAsyncClient, group: list[Due], actions: Sequence[str],
                      now: datetime) -> None:
    rows = {i.id: i for i in await Incident.filter(
        id__in=[d.object_id for d in group]).using_db(conn)}
    campaigns = {c.id: c for c in await Campaign.filter(
        id__in=list({i.campaign_id for i in rows.values()})).using_db(conn)}
    owners = {u.id: u for u in await User.filter(
        id__in=list({c.owner_id for c in campaigns.values()})).using_db(conn)}
    await _audit_steps(conn, "exception", group, actions, now)
    managers = await _managers(conn, [u.department_id for u in owners.values()])
    which = "确认" if group[0].kind == EXCEPTION_ACK else "解决"
    notes: list[notifications.NotificationRow] = []
    for d in group:
        incident = rows.get(d.object_id)
        if incident is None:
            continue
        c = campaigns[incident.campaign_id]
        owner = owners[c.owner_id]
        label = f"{incident.code} {incident.problem}"
        if ladders.NOTIFY_OWNER in actions:
            notes.append((c.owner_id, NotificationKind.REMINDER.value,
                          f"异常超时未{which}：{label}", None, "exception", incident.id))
        if ladders.NOTIFY_MANAGER in actions:
            notes.extend((m, NotificationKind.ESCALATION.value, f"异常超时未{which}：{label}",
                          f"活动 {c.code}，第 {d.step + 1} 级升级", "exception", incident.id)
                         for m in managers.get(owner.department_id or -1, []))
    await notifications.notify_many(conn, notes)


async def _plan_items(conn: BaseDBAsyncClient, group: list[Due], actions: Sequence[str],
                      now: datetime) -> None:
    """A channel plan's milestones (marked delayed) and risks past their dates: their
    owners, then the plan's owner and its department's managers, are told."""
    kind = group[0].kind
    model: type[PlanMilestone] | type[PlanRisk] = \
        PlanMilestone if kind == PLAN_MILESTONE else PlanRisk
    rows: dict[int, Any] = {r.id: r for r in await model.filter(
        id__in=[d.object_id for d in group]).using_db(conn)}
    plans = {p.id: p for p in await ChannelPlan.filter(
        id__in=list({r.plan_id for r in rows.values()})).using_db(conn)}
    await _audit_steps(conn, kind, group, actions, now)
    if ladders.MARK in actions and kind == PLAN_MILESTONE:
        await _fire_set(conn, "plan_milestone", "plan_milestone", "mark_delayed",
                        {i: r.status for i, r in rows.items()}, now, kind)
    managers = await _managers(conn, [p.department_id for p in plans.values()]) \
        if ladders.NOTIFY_MANAGER in actions else {}
    notes: list[notifications.NotificationRow] = []
    for d in group:
        row = rows.get(d.object_id)
        if row is None:
            continue
        plan = plans[row.plan_id]
        label = f"{plan.code} {row.title}"
        if kind == PLAN_MILESTONE:
            title, body = f"里程碑已逾期：{label}", f"应于 {row.due_date} 完成"
        else:
            title, body = f"风险应对已超期：{label}", f"应于 {row.respond_by} 前落实应对措施"
        if ladders.NOTIFY_OWNER in actions:
            notes.append((row.owner_id, NotificationKind.REMINDER.value, title, body, kind,
                          row.id))
        if ladders.NOTIFY_MANAGER in actions:
            above = dict.fromkeys([plan.owner_id, *managers.get(plan.department_id, [])])
            notes.extend((u, NotificationKind.ESCALATION.value, title,
                          f"{body}（第 {d.step + 1} 级升级）", kind, row.id)
                         for u in above if u != row.owner_id)
    await notifications.notify_many(conn, notes)


HANDLERS: dict[str, Handler] = {
    FOLLOW_UP: _follow_ups,
    TASK: _tasks,
    APPROVAL: _approvals,
    EXCEPTION_ACK: _exceptions,
    EXCEPTION_RESOLVE: _exceptions,
    PLAN_MILESTONE: _plan_items,
    PLAN_RISK: _plan_items,
}
