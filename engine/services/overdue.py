"""What is overdue, in the caller's scope, with where its escalation stands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.expressions import Q

from engine import clock, deadlines, validation
from engine.authz import NoAccess, Principal, scope_filter
from engine.errors import ValidationFailed
from engine.models import (
    Campaign,
    Customer,
    Deadline,
    FollowUp,
    Incident,
    PlanMilestone,
    PlanRisk,
    Task,
    User,
)
from engine.pagination import OrderKey, Page, empty_page, paginate

KINDS = deadlines.KINDS


@dataclass(frozen=True)
class OverdueFilter:
    kinds: Sequence[str] = ()
    owner_username: str | None = None


async def list_(actor: Principal, flt: OverdueFilter, *, first: int | None, after: str | None
                ) -> Page[Deadline]:
    """Everything past its due time whose action is not done, oldest first — also what is
    still owed after the last step of its ladder."""
    for kind in flt.kinds:
        if kind not in KINDS:
            raise ValidationFailed("kind", f"kind must be one of {', '.join(KINDS)}",
                                   rule="choice")
    try:
        scope = scope_filter(actor, "overdue", "read", owner_field="owner_id",
                             department_field="department_id")
    except NoAccess:
        return empty_page()
    qs = Deadline.filter(status__in=list(deadlines.OWED), due_at__lte=clock.now())
    if scope is not None:
        qs = qs.filter(scope)
    if flt.kinds:
        qs = qs.filter(kind__in=list(flt.kinds))
    if flt.owner_username:
        owner = await User.get_or_none(username=validation.required_text(
            "owner_username", flt.owner_username, max_len=64))
        if owner is None:
            return empty_page()
        qs = qs.filter(Q(owner_id=owner.id))
    return await paginate(qs, first=first, after=after,
                          order=(OrderKey("due_at", kind="datetime"), OrderKey("id")))


OBJECT_TYPES = deadlines.OBJECT_TYPES


async def titles(deadlines: Sequence[Deadline]) -> dict[int, str]:
    """A line for each deadline: what is overdue."""
    ids: dict[str, list[int]] = {k: [] for k in KINDS}
    for d in deadlines:
        ids[d.kind].append(d.object_id)
    result: dict[tuple[str, int], str] = {}
    follow_ups = {f.id: f for f in await FollowUp.filter(id__in=ids["follow_up"])}
    customers = {c.id: c for c in await Customer.filter(
        id__in=list({f.customer_id for f in follow_ups.values()}))}
    for f in follow_ups.values():
        result[("follow_up", f.id)] = f"{customers[f.customer_id].name}：{f.next_action}"
    for t in await Task.filter(id__in=ids["task"]):
        result[("task", t.id)] = t.title
    for c in await Campaign.filter(id__in=ids["approval"]):
        result[("approval", c.id)] = f"{c.code} {c.name}（预算审批）"
    exception_ids = ids["exception_acknowledge"] + ids["exception_resolve"]
    for i in await Incident.filter(id__in=exception_ids):
        result[("exception_acknowledge", i.id)] = f"{i.code} {i.problem}（待确认）"
        result[("exception_resolve", i.id)] = f"{i.code} {i.problem}（待解决）"
    for m in await PlanMilestone.filter(id__in=ids["plan_milestone"]):
        result[("plan_milestone", m.id)] = f"{m.title}（渠道计划里程碑）"
    for r in await PlanRisk.filter(id__in=ids["plan_risk"]):
        result[("plan_risk", r.id)] = f"{r.title}（风险应对）"
    return {d.id: result.get((d.kind, d.object_id), "") for d in deadlines}
