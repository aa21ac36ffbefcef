"""The one place a channel plan's deadlines are set and met (engine/deadlines.py; ladders
plan_milestone and plan_risk in workflows/escalation.yaml, applied by engine/escalation.py).

A milestone is due at the end of the working day of its due date; a risk's response at
the end of the working day of its response date. Deadlines run only while the plan is
active: starting the plan sets those of its open milestones and risks, an item added or
moved while it runs sets its own, and finishing the plan (review, close, cancel) meets
them all. Marking a milestone done, or a risk mitigated or closed, meets its deadline.
"""

from __future__ import annotations

from collections.abc import Iterable

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import calendar, deadlines
from engine.models import ChannelPlan, Deadline, PlanMilestone, PlanRisk
from engine.models.enums import MilestoneStatus, PlanState, RiskStatus

MILESTONE_KIND, RISK_KIND = deadlines.PLAN_MILESTONE, deadlines.PLAN_RISK
OPEN_MILESTONE = (MilestoneStatus.PENDING.value, MilestoneStatus.IN_PROGRESS.value,
                  MilestoneStatus.DELAYED.value)
OPEN_RISK = (RiskStatus.OPEN.value, RiskStatus.OCCURRED.value)


async def lock(conn: BaseDBAsyncClient, kind: str, object_id: int) -> None:
    """Lock the item's deadline row before the item itself: the escalation job holds the
    deadline when it marks the item, so every writer takes them in that order."""
    await Deadline.filter(kind=kind, object_id=object_id).using_db(conn).select_for_update()


async def track_milestone(conn: BaseDBAsyncClient, plan: ChannelPlan, m: PlanMilestone
                          ) -> None:
    if plan.state != PlanState.ACTIVE.value or m.status not in OPEN_MILESTONE:
        await deadlines.meet(conn, MILESTONE_KIND, m.id)
        return
    await deadlines.set_deadline(conn, MILESTONE_KIND, m.id,
                                  calendar.current().end_of_day(m.due_date),
                                  owner_id=m.owner_id, department_id=plan.department_id)


async def track_risk(conn: BaseDBAsyncClient, plan: ChannelPlan, r: PlanRisk) -> None:
    if plan.state != PlanState.ACTIVE.value or r.status not in OPEN_RISK:
        await deadlines.meet(conn, RISK_KIND, r.id)
        return
    await deadlines.set_deadline(conn, RISK_KIND, r.id,
                                  calendar.current().end_of_day(r.respond_by),
                                  owner_id=r.owner_id, department_id=plan.department_id)


async def track_plan(conn: BaseDBAsyncClient, plan: ChannelPlan) -> None:
    """After the plan's state changed: (re)start or meet every item's deadline."""
    for m in await PlanMilestone.filter(plan_id=plan.id).using_db(conn).order_by("id"):
        await track_milestone(conn, plan, m)
    for r in await PlanRisk.filter(plan_id=plan.id).using_db(conn).order_by("id"):
        await track_risk(conn, plan, r)


async def reassign(conn: BaseDBAsyncClient, kind: str, ids: Iterable[int], owner_id: int,
                   department_id: int) -> None:
    await deadlines.reassign(conn, kind, list(ids), owner_id, department_id)
