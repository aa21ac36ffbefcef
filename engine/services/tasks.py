"""Campaign tasks: plan, change, start, complete (workflows/task_status.yaml).

A task is "own" to its owner and belongs to its campaign's department. It cannot start
or finish while a task it depends on is unfinished; past its end date and not done it is
late (computed here, marked `delayed` by the deadline worker).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import audit, clock, deadlines, machines, outbox, validation
from engine.authz import NoAccess, Principal, can, require, scope_filter
from engine.errors import Conflict, NotFound, ValidationFailed
from engine.models import Campaign, Task, TaskDependency
from engine.models.enums import CampaignPhase, NotificationKind, TaskEvent, TaskStatus
from engine.pagination import OrderKey, Page, empty_page, paginate
from engine.services import campaigns, notifications, org
from engine.versioning import versioned_update

OBJECT = "task"
WORKFLOW = "task_status"


@dataclass(frozen=True)
class TaskCreate:
    campaign_id: int
    phase: str
    title: str
    owner_username: str
    start_date: date
    end_date: date
    depends_on: Sequence[int] = ()
    description: str | None = None


@dataclass(frozen=True)
class TaskPatch:
    phase: Any = validation.UNSET
    title: Any = validation.UNSET
    description: Any = validation.UNSET
    owner_username: Any = validation.UNSET
    start_date: Any = validation.UNSET
    end_date: Any = validation.UNSET
    depends_on: Any = validation.UNSET
    progress: Any = validation.UNSET


def rel_args(task: Task, campaign: Campaign) -> tuple[int, int]:
    return task.owner_id, campaign.department_id


async def track(conn: BaseDBAsyncClient, task: Task, campaign: Campaign) -> None:
    await deadlines.track_task(conn, task.id, task.end_date, task.owner_id,
                                campaign.department_id)


async def _load(conn: BaseDBAsyncClient, actor: Principal, task_id: int
                ) -> tuple[Task, Campaign]:
    task = await Task.filter(id=task_id).using_db(conn).first()
    if task is None:
        raise NotFound(OBJECT, task_id)
    campaign = await Campaign.filter(id=task.campaign_id).using_db(conn).get()
    if not can(actor, OBJECT, "read", *rel_args(task, campaign)):
        raise NotFound(OBJECT, task_id)
    return task, campaign


async def dependencies_of(conn: BaseDBAsyncClient, task_ids: Sequence[int]
                          ) -> dict[int, list[int]]:
    result: dict[int, list[int]] = {i: [] for i in task_ids}
    if task_ids:
        for link in await TaskDependency.filter(task_id__in=list(task_ids)).using_db(
                conn).order_by("id"):
            result[link.task_id].append(link.depends_on_id)
    return result


async def _unfinished_dependencies(conn: BaseDBAsyncClient, task: Task) -> list[int]:
    deps = (await dependencies_of(conn, [task.id]))[task.id]
    if not deps:
        return []
    return [t.id for t in await Task.filter(id__in=deps).using_db(conn)
            if t.status != TaskStatus.DONE.value]


async def _check_dependencies(conn: BaseDBAsyncClient, campaign: Campaign, task_id: int | None,
                              depends_on: Sequence[int]) -> list[int]:
    wanted = list(dict.fromkeys(depends_on))
    if task_id is not None and task_id in wanted:
        raise ValidationFailed("depends_on", "a task cannot depend on itself", rule="self")
    found = {t.id for t in await Task.filter(id__in=wanted, campaign_id=campaign.id)
             .using_db(conn)}
    missing = [d for d in wanted if d not in found]
    if missing:
        raise ValidationFailed("depends_on", f"task(s) {missing} are not in this campaign",
                               rule="unknown_task")
    if task_id is not None:
        all_tasks = [t.id for t in await Task.filter(campaign_id=campaign.id).using_db(conn)]
        edges = {k: set(v) for k, v in (await dependencies_of(conn, all_tasks)).items()}
        edges[task_id] = set(wanted)
        campaigns.check_acyclic(edges, "depends_on")
    return wanted


async def create(actor: Principal, data: TaskCreate) -> Task:
    async with outbox.atomic() as conn:
        campaign = await campaigns.load_for(conn, actor, data.campaign_id)
        require(actor, OBJECT, "create", *campaigns.rel_args(campaign))
        values = {
            "phase": validation.enum_value("phase", CampaignPhase, data.phase).value,
            "title": validation.required_text("title", data.title, max_len=200),
            "description": validation.text("description", data.description, max_len=5000),
        }
        owner = await org.resolve_user("owner_username", data.owner_username)
        _dates(campaign, data.start_date, data.end_date)
        deps = await _check_dependencies(conn, campaign, None, data.depends_on)
        status = machines.workflow(WORKFLOW).initial
        task = await Task.create(
            using_db=conn, campaign_id=campaign.id, owner_id=owner.id, status=status,
            start_date=data.start_date, end_date=data.end_date, **values)
        for dep in deps:
            await TaskDependency.create(using_db=conn, task_id=task.id, depends_on_id=dep)
        await track(conn, task, campaign)
        await audit.write_event(
            conn, actor, OBJECT, task.id, "create", to_state=status, version=1,
            changes={**{k: [None, v] for k, v in values.items()},
                     "owner": [None, owner.username], "start_date": [None, data.start_date],
                     "end_date": [None, data.end_date], "depends_on": [None, deps],
                     "campaign": [None, campaign.code]})
        await notifications.notify(
            conn, [owner.id], NotificationKind.TASK_ASSIGNED.value, f"新任务：{task.title}",
            f"活动 {campaign.code} {campaign.name}", object_type=OBJECT, object_id=task.id,
            exclude=actor.id)
        return task


def _dates(campaign: Campaign, start: date | None, end: date | None) -> None:
    campaigns.check_dates(start, end)
    assert start is not None and end is not None
    campaigns.check_within(start, end, campaign.start_date, campaign.end_date)


async def update(actor: Principal, task_id: int, patch: TaskPatch,
                 expected_version: int | None) -> Task:
    U = validation.UNSET
    async with outbox.atomic() as conn:
        task, campaign = await _load(conn, actor, task_id)
        require(actor, OBJECT, "update", *rel_args(task, campaign))
        new: dict[str, Any] = {}
        if patch.phase is not U:
            new["phase"] = validation.enum_value("phase", CampaignPhase, patch.phase).value
        if patch.title is not U:
            new["title"] = validation.required_text("title", patch.title, max_len=200)
        if patch.description is not U:
            new["description"] = validation.text("description", patch.description,
                                                 max_len=5000)
        if patch.owner_username is not U:
            owner = await org.resolve_user("owner_username", patch.owner_username)
            new["owner_id"] = owner.id
        if patch.progress is not U:
            progress = patch.progress
            if not isinstance(progress, int) or not 0 <= progress <= 100:
                raise ValidationFailed("progress", "progress is a whole percent, 0–100",
                                       rule="range")
            new["progress"] = progress
        start = task.start_date if patch.start_date is U else patch.start_date
        end = task.end_date if patch.end_date is U else patch.end_date
        if (start, end) != (task.start_date, task.end_date):
            _dates(campaign, start, end)
            new["start_date"], new["end_date"] = start, end
        changes = audit.diff({k: getattr(task, k) for k in new}, new)
        if "owner_id" in changes and task.flagged_for_reassignment:
            # reassigned: the escalation's flag has done its job
            new["flagged_for_reassignment"] = False
            changes["flagged_for_reassignment"] = [True, False]
        deps_change: list[Any] | None = None
        if patch.depends_on is not U:
            deps = await _check_dependencies(conn, campaign, task.id, patch.depends_on or [])
            old = (await dependencies_of(conn, [task.id]))[task.id]
            if sorted(old) != sorted(deps):
                deps_change = [old, deps]
        if not changes and deps_change is None:
            if expected_version is not None and expected_version != task.version:
                raise Conflict(OBJECT, task.id, task.version)
            return task
        if {"end_date", "owner_id"} & set(changes) and task.status != TaskStatus.DONE.value:
            # the deadline row first (the escalation job locks in the same order)
            await deadlines.track_task(
                conn, task.id, new.get("end_date", task.end_date),
                new.get("owner_id", task.owner_id), campaign.department_id)
        version = await versioned_update(conn, task, OBJECT, expected_version,
                                         {k: new[k] for k in changes})
        if deps_change is not None:
            await TaskDependency.filter(task_id=task.id).using_db(conn).delete()
            for dep in deps_change[1]:
                await TaskDependency.create(using_db=conn, task_id=task.id, depends_on_id=dep)
            changes["depends_on"] = deps_change
        await audit.write_event(conn, actor, OBJECT, task.id, "update", changes=changes,
                                version=version)
        if "owner_id" in changes:
            await notifications.notify(
                conn, [task.owner_id], NotificationKind.TASK_ASSIGNED.value,
                f"任务转交给你：{task.title}", f"活动 {campaign.code} {campaign.name}",
                object_type=OBJECT, object_id=task.id, exclude=actor.id)
        return task


async def fire(actor: Principal, task_id: int, event: str, *, reason: str | None = None,
               expected_version: int | None = None) -> Task:
    """Fire a task status event (start, complete, reopen, mark_delayed)."""
    event_v = validation.enum_value("event", TaskEvent, event).value
    reason_v = validation.text("reason", reason, max_len=500)
    async with outbox.atomic() as conn:
        task, campaign = await _load(conn, actor, task_id)
        require(actor, OBJECT, event_v, *rel_args(task, campaign))
        if expected_version is not None and expected_version != task.version:
            raise Conflict(OBJECT, task.id, task.version)
        unfinished = await _unfinished_dependencies(conn, task)
        before = task.status
        after = await machines.workflow(WORKFLOW).fire(
            before, event_v, reason=reason_v, unfinished_dependencies=unfinished)
        if after == TaskStatus.DONE.value:
            await deadlines.meet(conn, deadlines.TASK, task.id)
        elif event_v == TaskEvent.REOPEN.value:
            await track(conn, task, campaign)
        now = clock.now()
        values: dict[str, Any] = {"status": after}
        if event_v == TaskEvent.START.value:
            values["started_at"] = now
        if after == TaskStatus.DONE.value:
            values.update(completed_at=now, progress=100)
        if event_v == TaskEvent.REOPEN.value:
            values["completed_at"] = None
        if reason_v is not None:
            values["status_reason"] = reason_v
        changes = audit.diff({k: getattr(task, k) for k in values}, values)
        version = await versioned_update(conn, task, OBJECT, expected_version, values)
        await audit.write_event(conn, actor, OBJECT, task.id, event_v, from_state=before,
                                to_state=after, reason=reason_v, changes=changes,
                                version=version)
        return task


async def get(actor: Principal, task_id: int) -> Task | None:
    task = await Task.get_or_none(id=task_id)
    if task is None:
        return None
    campaign = await Campaign.get(id=task.campaign_id)
    return task if can(actor, OBJECT, "read", *rel_args(task, campaign)) else None


@dataclass(frozen=True)
class TaskFilter:
    campaign_id: int | None = None
    owner_id: int | None = None
    statuses: Sequence[str] = ()
    late_on: date | None = None
    flagged_for_reassignment: bool | None = None


async def list_(actor: Principal, flt: TaskFilter, *, first: int | None, after: str | None
                ) -> Page[Task]:
    """Tasks the caller may read, earliest end first."""
    try:
        scope = scope_filter(actor, OBJECT, "read", owner_field="owner_id",
                             department_field="campaign__department_id")
    except NoAccess:
        return empty_page()
    qs = Task.all() if scope is None else Task.filter(scope)
    if flt.campaign_id is not None:
        qs = qs.filter(campaign_id=flt.campaign_id)
    if flt.owner_id is not None:
        qs = qs.filter(owner_id=flt.owner_id)
    if flt.statuses:
        qs = qs.filter(status__in=[validation.enum_value("status", TaskStatus, s).value
                                   for s in flt.statuses])
    if flt.late_on is not None:
        qs = qs.filter(end_date__lt=flt.late_on).exclude(status=TaskStatus.DONE.value)
    if flt.flagged_for_reassignment is not None:
        qs = qs.filter(flagged_for_reassignment=flt.flagged_for_reassignment)
    return await paginate(qs, first=first, after=after,
                          order=(OrderKey("end_date", kind="date"), OrderKey("id")))


async def by_ids(ids: Iterable[int]) -> dict[int, Task]:
    wanted = list(set(ids))
    return {t.id: t for t in await Task.filter(id__in=wanted)} if wanted else {}
