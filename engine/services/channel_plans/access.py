"""Who may see and change a channel plan and its parts; loading them for a change.

A plan is "own" to its owner and belongs to its department. For reading, everyone on
the plan — the owner of one of its channels, milestones or risks — counts as own, as the
campaign's task owners do for exceptions. A part (channel, milestone, risk) is own to its
owner and belongs to its plan's department. Lists push the same rule into SQL.
"""

from __future__ import annotations

from typing import Any, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q, Subquery

from engine.authz import NoAccess, Principal, Rel, Scope, authorizer, require
from engine.errors import NotFound, ValidationFailed
from engine.models import ChannelPlan, PlanChannel, PlanMilestone, PlanRisk
from engine.models.base import Versioned
from engine.models.enums import PlanState

PLAN = "channel_plan"
CHANNEL = "plan_channel"
MILESTONE = "plan_milestone"
RISK = "plan_risk"
PARTS: dict[str, type[Versioned]] = {CHANNEL: PlanChannel, MILESTONE: PlanMilestone,
                                     RISK: PlanRisk}
FINISHED = (PlanState.CLOSED.value, PlanState.CANCELLED.value)

T = TypeVar("T", bound=Versioned)


def rel_args(plan: ChannelPlan) -> tuple[int, int]:
    return plan.owner_id, plan.department_id


async def _on_plan(conn: BaseDBAsyncClient | None, actor: Principal, plan: ChannelPlan) -> bool:
    if actor.id is None:
        return False
    if plan.owner_id == actor.id:
        return True
    for model in PARTS.values():
        if await model.filter(plan_id=plan.id, owner_id=actor.id).using_db(conn).exists():
            return True
    return False


async def can_read(actor: Principal, plan: ChannelPlan,
                   conn: BaseDBAsyncClient | None = None) -> bool:
    rel = Rel.OWN if await _on_plan(conn, actor, plan) else \
        actor.relation(None, plan.department_id)
    return authorizer().allowed(actor, PLAN, "read", rel)


def read_filter(actor: Principal) -> Q | None:
    """The plans `actor` may read, as a WHERE (None: all). Raises NoAccess for none."""
    scope = authorizer().scope(actor, PLAN, "read")
    if scope is None:
        raise NoAccess
    if scope is Scope.ALL:
        return None
    on_plan = Q(owner_id=actor.id)
    for model in PARTS.values():
        on_plan |= Q(id__in=Subquery(model.filter(owner_id=actor.id).values("plan_id")))
    if scope is Scope.DEPARTMENT and actor.department_id is not None:
        return Q(department_id=actor.department_id) | on_plan
    if actor.id is None:
        raise NoAccess
    return on_plan


async def get(actor: Principal, plan_id: int) -> ChannelPlan | None:
    plan = await ChannelPlan.get_or_none(id=plan_id)
    if plan is None or not await can_read(actor, plan):
        return None
    return plan


async def readable(actor: Principal, kind: str, object_id: int) -> bool:
    """May `actor` read this plan or part of a plan (its audit trail, its report)?"""
    if kind == PLAN:
        return await get(actor, object_id) is not None
    row = await PARTS[kind].get_or_none(id=object_id)
    return row is not None and await get(actor, int(row.plan_id)) is not None  # type: ignore[attr-defined]


async def plan_for(conn: BaseDBAsyncClient, actor: Principal, plan_id: int, *,
                   lock: bool = True) -> ChannelPlan:
    """The plan, if it exists and `actor` may read it (else NotFound); row-locked."""
    qs = ChannelPlan.filter(id=plan_id).using_db(conn)
    plan = await (qs.select_for_update() if lock else qs).first()
    if plan is None or not await can_read(actor, plan, conn):
        raise NotFound(PLAN, plan_id)
    return plan


def open_for_changes(plan: ChannelPlan) -> None:
    if plan.state in FINISHED:
        raise ValidationFailed("plan", f"the plan is {plan.state}: it no longer changes",
                               rule="finished")


async def part_for(conn: BaseDBAsyncClient, actor: Principal, kind: str, part_id: int
                   ) -> tuple[Any, ChannelPlan]:
    """A part of a plan and its plan (plan locked first), if `actor` may read the plan."""
    model = PARTS[kind]
    row = await model.filter(id=part_id).using_db(conn).first()
    if row is None:
        raise NotFound(kind, part_id)
    try:
        plan = await plan_for(conn, actor, int(row.plan_id))  # type: ignore[attr-defined]
    except NotFound:
        raise NotFound(kind, part_id) from None
    locked = await model.filter(id=part_id).using_db(conn).select_for_update().first()
    if locked is None:  # pragma: no cover - removed meanwhile (parts are never deleted)
        raise NotFound(kind, part_id)
    return locked, plan


def require_part(actor: Principal, kind: str, action: str, owner_id: int,
                 plan: ChannelPlan) -> None:
    require(actor, kind, action, owner_id, plan.department_id)



async def part_to_change(conn: BaseDBAsyncClient, actor: Principal, kind: str, part_id: int,
                         action: str) -> tuple[Any, ChannelPlan]:
    """A part and its plan, locked, once `actor` may `action` it and the plan still
    changes (NotFound, Forbidden, ValidationFailed otherwise)."""
    row, plan = await part_for(conn, actor, kind, part_id)
    require_part(actor, kind, action, row.owner_id, plan)
    open_for_changes(plan)
    return row, plan
