"""Deadlines as the services keep them: set when an action becomes owed, met when it is done.

A record's deadline is a row of `deadline` holding the next step of its escalation ladder
(workflows/escalation.yaml) and when it applies. The services call `set_deadline`, `meet`
and `reassign` inside their own transaction; each new or moved step writes an outbox
message, so a job is queued for the step's second only after commit. Applying the steps is
the worker's side (engine/escalation.py), which imports the services; this module imports
none, so services never import the escalation machinery back.

A deadline is `active` while steps remain, `done` once its ladder ran out (the action is
still owed), and `met` when the action was done, whatever the ladder's progress.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from datetime import UTC, date, datetime

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F

from engine import calendar, clock, ladders, outbox, runtime
from engine.models import Deadline, OutboxMessage

log = logging.getLogger("promoflow.deadlines")

FOLLOW_UP, TASK, APPROVAL = "follow_up", "task", "approval"
EXCEPTION_ACK, EXCEPTION_RESOLVE = "exception_acknowledge", "exception_resolve"
PLAN_MILESTONE, PLAN_RISK = "plan_milestone", "plan_risk"  # a channel plan's (issue 10)
KINDS = (FOLLOW_UP, TASK, APPROVAL, EXCEPTION_ACK, EXCEPTION_RESOLVE, PLAN_MILESTONE,
         PLAN_RISK)
ACTIVE, MET, DONE = "active", "met", "done"
OWED = (ACTIVE, DONE)  # past due and owed: what overdue lists show

# The record type (as audited, and as auditTrail takes it) of each kind of deadline.
OBJECT_TYPES = {FOLLOW_UP: "follow_up", TASK: "task", APPROVAL: "campaign",
                EXCEPTION_ACK: "exception", EXCEPTION_RESOLVE: "exception",
                PLAN_MILESTONE: "plan_milestone", PLAN_RISK: "plan_risk"}

ESCALATE_JOB = "escalate_due"


async def set_deadline(conn: BaseDBAsyncClient, kind: str, object_id: int, due_at: datetime,
                       *, owner_id: int | None, department_id: int | None) -> Deadline:
    """Start (or restart, when it moved) the ladder of a record's deadline."""
    ladder = ladders.ladder(kind)
    first_at = calendar.current().add(due_at, ladder.steps[0].offset)
    row = await Deadline.filter(kind=kind, object_id=object_id).using_db(conn).first()
    now = clock.now()
    if row is None:
        row = await Deadline.create(
            using_db=conn, kind=kind, object_id=object_id, due_at=due_at, next_step=0,
            next_at=first_at, status=ACTIVE, owner_id=owner_id, department_id=department_id)
    elif row.status == ACTIVE and row.due_at == due_at:
        if (row.owner_id, row.department_id) != (owner_id, department_id):
            await Deadline.filter(id=row.id).using_db(conn).update(
                owner_id=owner_id, department_id=department_id, version=F("version") + 1,
                updated_at=now)
        return row
    else:
        await Deadline.filter(id=row.id).using_db(conn).update(
            generation=F("generation") + 1, due_at=due_at, next_step=0, next_at=first_at,
            status=ACTIVE, met_at=None, owner_id=owner_id, department_id=department_id,
            version=F("version") + 1, updated_at=now)
    await schedule(conn, first_at)
    return row


async def track_task(conn: BaseDBAsyncClient, task_id: int, end_date: date, owner_id: int,
                     department_id: int | None) -> Deadline:
    """(Re)start a task's deadline: due at the end of its end date's working day."""
    return await set_deadline(conn, TASK, task_id, calendar.current().end_of_day(end_date),
                              owner_id=owner_id, department_id=department_id)


async def meet(conn: BaseDBAsyncClient, kind: str, object_id: int) -> bool:
    """The action was done: the rest of the ladder is cancelled, and the record leaves the
    overdue lists even when its ladder had already run out. True if it was owed."""
    now = clock.now()
    updated = await Deadline.filter(kind=kind, object_id=object_id,
                                    status__in=list(OWED)).using_db(conn).update(
        status=MET, met_at=now, next_at=None, version=F("version") + 1, updated_at=now)
    return bool(updated)


async def reassign(conn: BaseDBAsyncClient, kind: str, object_ids: Sequence[int],
                   owner_id: int | None, department_id: int | None) -> None:
    if object_ids:
        await Deadline.filter(kind=kind, object_id__in=list(object_ids)).using_db(conn).update(
            owner_id=owner_id, department_id=department_id, version=F("version") + 1,
            updated_at=clock.now())


# -- the escalation jobs: one per second with a step due ---------------------------------


def bucket(at: datetime) -> datetime:
    """Escalation jobs run per second: a step due at 12:00:04.2 runs with the 12:00:05 job."""
    return datetime.fromtimestamp(math.ceil(at.timestamp()), UTC)


def job_id(at: datetime) -> str:
    return f"escalate:{int(bucket(at).timestamp())}"


async def schedule(conn: BaseDBAsyncClient, at: datetime) -> None:
    """Queue the escalation job of `at`'s second, after this transaction commits."""
    await outbox.add(conn, outbox.ESCALATE, {"at": bucket(at).isoformat()})


async def enqueue(at: datetime) -> None:
    """Enqueue the job of `at`'s second (now, when that second is past)."""
    queue = runtime.queue()
    if queue is not None:
        when = bucket(at)
        await queue.enqueue(ESCALATE_JOB, job_id=job_id(when), at=when)


async def on_escalate_messages(rows: Sequence[OutboxMessage]) -> outbox.Outcome:
    """The outbox handler of `escalate` messages: one job per distinct second.

    A second that cannot be enqueued (Redis away) is counted as failed for its messages;
    the sweep would enqueue it from the deadline table anyway, so nothing depends on it.
    """
    if runtime.queue() is None:
        return outbox.Outcome.later(rows)  # a process that runs no jobs (the CLI)
    by_second: dict[str, list[int]] = {}
    outcome = outbox.Outcome()
    for row in rows:
        at = row.payload.get("at") if isinstance(row.payload, dict) else None
        if not isinstance(at, str):
            outcome.fail(row.id, "no 'at' in the message")
            continue
        by_second.setdefault(at, []).append(row.id)
    for at, ids in sorted(by_second.items()):
        try:
            await enqueue(datetime.fromisoformat(at))
        except Exception as exc:
            log.warning("escalation job not enqueued", extra={"at": at, "error": repr(exc)})
            for i in ids:
                outcome.fail(i, repr(exc))
            continue
        outcome.done.extend(ids)
    return outcome
