"""A plan's month-by-month milestones (项目里程碑与时间表), workflows/plan_milestone.yaml.

A milestone spans months of the plan (month 1 = its first) and is due at the end of its
last month unless given another due date; while the plan runs its deadline escalates
(ladder plan_milestone): marked delayed, the owner reminded, then the plan's people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import clock, outbox, settings, validation
from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.models import ChannelPlan, PlanMilestone
from engine.models.enums import MilestoneEvent, MilestoneStatus, PlanPhase
from engine.services import org
from engine.services.channel_plans import access, common, deadlines
from engine.services.channel_plans.access import MILESTONE

WORKFLOW = "plan_milestone"


@dataclass(frozen=True)
class MilestoneInput:
    phase: str
    title: str
    month_from: int | None
    month_to: int | None
    description: str | None = None
    due_date: date | None = None
    owner_username: str | None = None


@dataclass(frozen=True)
class MilestonePatch:
    phase: Any = validation.UNSET
    title: Any = validation.UNSET
    description: Any = validation.UNSET
    month_from: Any = validation.UNSET
    month_to: Any = validation.UNSET
    due_date: Any = validation.UNSET
    owner_username: Any = validation.UNSET


def _check_due(plan: ChannelPlan, due: date) -> date:
    if due < plan.start_month or due > common.plan_end(plan):
        raise ValidationFailed("due_date", "the due date is outside the plan's months",
                               rule="outside_plan")
    return due


async def insert(conn: BaseDBAsyncClient, actor: Principal, plan: ChannelPlan,
                 values: dict[str, Any]) -> PlanMilestone:
    row = await common.insert_part(conn, actor, plan, PlanMilestone, audit_type=MILESTONE,
                                   workflow=WORKFLOW, state_field="status", values=values)
    await deadlines.track_milestone(conn, plan, row)
    return row


async def add(actor: Principal, plan_id: int, data: MilestoneInput) -> PlanMilestone:
    async with outbox.atomic() as conn:
        plan = await access.plan_for(conn, actor, plan_id)
        access.open_for_changes(plan)
        first, last = common.check_month_range("", data.month_from, data.month_to,
                                               plan.months)
        owner = await common.owner_or("owner_username", data.owner_username, plan.owner_id)
        access.require_part(actor, MILESTONE, "create", owner.id, plan)
        values = {
            "phase": validation.enum_value("phase", PlanPhase, data.phase).value,
            "title": validation.required_text("title", data.title, max_len=200),
            "description": common.text("description", data.description, 1000),
            "month_from": first, "month_to": last,
            "due_date": _check_due(plan, data.due_date) if data.due_date
            else common.month_end(plan.start_month, last),
            "owner_id": owner.id,
        }
        return await insert(conn, actor, plan, values)


async def update(actor: Principal, milestone_id: int, patch: MilestonePatch,
                 expected_version: int | None = None) -> PlanMilestone:
    """Change what, when or whose; a new due date restarts its deadline."""
    async with outbox.atomic() as conn:
        await deadlines.lock(conn, deadlines.MILESTONE_KIND, milestone_id)  # deadline first
        row, plan = await access.part_to_change(conn, actor, MILESTONE, milestone_id,
                                                "update")
        values: dict[str, Any] = {}
        if patch.phase is not validation.UNSET:
            values["phase"] = validation.enum_value("phase", PlanPhase, patch.phase).value
        if patch.title is not validation.UNSET:
            values["title"] = validation.required_text("title", patch.title, max_len=200)
        if patch.description is not validation.UNSET:
            values["description"] = common.text("description", patch.description, 1000)
        months_given = patch.month_from is not validation.UNSET or \
            patch.month_to is not validation.UNSET
        if months_given:
            first, last = common.check_month_range(
                "", row.month_from if patch.month_from is validation.UNSET else patch.month_from,
                row.month_to if patch.month_to is validation.UNSET else patch.month_to,
                plan.months)
            values.update(month_from=first, month_to=last,
                          due_date=common.month_end(plan.start_month, last))
        if patch.due_date is not validation.UNSET:
            if patch.due_date is None:
                values["due_date"] = common.month_end(plan.start_month,
                                                      values.get("month_to", row.month_to))
            else:
                values["due_date"] = _check_due(plan, patch.due_date)
        if patch.owner_username is not validation.UNSET:
            values["owner_id"] = (await org.resolve_user("owner_username",
                                                         patch.owner_username)).id
        changes = await common.patch(conn, actor, row, audit_type=MILESTONE, values=values,
                                     expected_version=expected_version)
        if {"due_date", "owner_id"} & set(changes):
            await deadlines.track_milestone(conn, plan, row)
        return row


async def follow_start_month(conn: BaseDBAsyncClient, actor: Principal, plan: ChannelPlan
                             ) -> None:
    """A draft plan moved in time: its milestones fall due in the same months of it."""
    for row in await PlanMilestone.filter(plan_id=plan.id).using_db(conn).order_by("id"):
        await common.patch(conn, actor, row, audit_type=MILESTONE, values={
            "due_date": common.month_end(plan.start_month, row.month_to)},
            expected_version=None)
        await deadlines.track_milestone(conn, plan, row)


def allowed_events(actor: Principal, row: PlanMilestone, plan: ChannelPlan) -> list[str]:
    return common.part_events(actor, MILESTONE, WORKFLOW, row.status, row.owner_id, plan)


async def advance(actor: Principal, milestone_id: int, event: str, *, note: str | None = None,
                  expected_version: int | None = None) -> PlanMilestone:
    """start, complete (meets its deadline), mark_delayed (note = reason), reopen (note)."""
    event_v = validation.enum_value("event", MilestoneEvent, event).value
    note_v = validation.text("note", note, max_len=500)
    async with outbox.atomic() as conn:
        await deadlines.lock(conn, deadlines.MILESTONE_KIND, milestone_id)  # deadline first
        row, plan = await access.part_to_change(conn, actor, MILESTONE, milestone_id,
                                                event_v)
        now = clock.now()
        extra: dict[str, Any] = {"status_reason": note_v}
        if event_v == MilestoneEvent.START.value:
            extra["started_at"] = now
        if event_v == MilestoneEvent.COMPLETE.value:
            extra["completed_at"] = now
            if row.started_at is None:
                extra["started_at"] = now
        if event_v == MilestoneEvent.REOPEN.value:
            extra["completed_at"] = None
        await common.fire(conn, actor, row, workflow=WORKFLOW, audit_type=MILESTONE,
                          event=event_v, state_field="status", context={"reason": note_v},
                          expected_version=expected_version, extra=extra, reason=note_v)
        await deadlines.track_milestone(conn, plan, row)
        return row


def timing(row: PlanMilestone, today: date) -> str:
    """on_time | late (done after its due date) | overdue (open past it) | open."""
    zone_day = clock.local_date(row.completed_at, settings.current().zone) \
        if row.completed_at else None
    if row.status == MilestoneStatus.DONE.value and zone_day is not None:
        return "on_time" if zone_day <= row.due_date else "late"
    return "overdue" if today > row.due_date else "open"

