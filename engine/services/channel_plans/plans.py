"""Channel plans: create (from seed 002's template), update, advance, read, list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from engine import audit, clock, codes, machines, outbox, settings, validation
from engine.authz import NoAccess, Principal, can, require
from engine.errors import ValidationFailed
from engine.models import ChannelPlan, PlanChannel, PlanMilestone, User
from engine.models.enums import MilestoneStatus, PlanEvent, PlanState, RiskStatus
from engine.pagination import OrderKey, Page, empty_page, paginate
from engine.services import org
from engine.services.channel_plans import (
    access,
    channels,
    common,
    deadlines,
    milestones,
    risks,
)
from engine.services.channel_plans.access import PLAN

WORKFLOW = "channel_plan"
CODE_PREFIX = "QD"  # 渠道


@dataclass(frozen=True)
class PlanInput:
    name: str
    start_month: date | None
    months: int | None = None
    objective: str | None = None
    owner_username: str | None = None
    department_code: str | None = None
    # candidate keys of channel_evaluation.yaml to add (scored as the file scores them);
    # None: all of them
    candidates: Sequence[str] | None = None
    channels: Sequence[channels.ChannelInput] = ()
    use_template: bool = True  # seed 002's milestones and risks


@dataclass(frozen=True)
class PlanPatch:
    name: Any = validation.UNSET
    objective: Any = validation.UNSET
    start_month: Any = validation.UNSET
    months: Any = validation.UNSET
    owner_username: Any = validation.UNSET


async def create(actor: Principal, data: PlanInput) -> ChannelPlan:
    """A plan in draft with its candidate channels and (by default) the template's
    milestones and risks; audited (the plan and every part)."""
    values: dict[str, Any] = {
        "name": validation.required_text("name", data.name, max_len=200),
        "objective": common.text("objective", data.objective, 500),
        "start_month": common.check_start_month("start_month", data.start_month),
        "months": common.check_months("months", data.months),
    }
    owner = (await org.resolve_user("owner_username", data.owner_username)
             if data.owner_username else None)
    if owner is None:
        if actor.id is None:
            raise ValidationFailed("owner_username", "name the plan's owner", rule="required")
        owner = await User.get(id=actor.id)
    dept = await org.department_by_code(data.department_code)
    department_id = dept.id if dept is not None else owner.department_id
    if department_id is None:
        raise ValidationFailed("department_code", "the plan needs a department",
                               rule="required")
    # as for campaigns: planning for another department is judged by that department
    require(actor, PLAN, "create",
            owner.id if department_id == actor.department_id else None, department_id)
    template = machines.plan_template()
    if data.use_template:
        last = max((m.month_to for m in template.milestones), default=1)
        if values["months"] < last:
            raise ValidationFailed("months", f"the template's milestones run to month {last}: "
                                   "plan at least that long, or create without the template",
                                   rule="template")
    planned = await channels.clean_new(data.candidates, data.channels, owner.id)
    now = clock.now()
    today = clock.local_date(now, settings.current().zone)
    async with outbox.atomic() as conn:
        code = await codes.next_code(conn, CODE_PREFIX, today)
        state = machines.workflow(WORKFLOW).initial
        plan = await ChannelPlan.create(using_db=conn, code=code, state=state,
                                        owner_id=owner.id, department_id=department_id,
                                        created_by_id=actor.id, **values)
        await audit.write_event(
            conn, actor, PLAN, plan.id, "create", to_state=state, version=1,
            changes={**{k: [None, audit.jsonable(v)] for k, v in values.items()},
                     "code": [None, code], "owner": [None, owner.username]})
        for item in planned:
            await channels.insert(conn, actor, plan, item)
        if data.use_template:
            for m in template.milestones:
                await _template_milestone(conn, actor, plan, m)
            for r in template.risks:
                await _template_risk(conn, actor, plan, r, common.respond_by(today))
        return plan


async def _template_milestone(conn: Any, actor: Principal, plan: ChannelPlan, m: Any) -> None:
    await milestones.insert(conn, actor, plan, {
        "phase": m.phase, "title": m.title, "description": None, "month_from": m.month_from,
        "month_to": m.month_to, "due_date": common.month_end(plan.start_month, m.month_to),
        "owner_id": plan.owner_id})


async def _template_risk(conn: Any, actor: Principal, plan: ChannelPlan, r: Any,
                         by: date) -> None:
    await risks.insert(conn, actor, plan, {
        "category": r.category, "title": r.title, "description": None,
        "likelihood": r.likelihood, "impact": r.impact, "response": r.response or None,
        "owner_id": plan.owner_id, "respond_by": by})


async def update(actor: Principal, plan_id: int, patch: PlanPatch,
                 expected_version: int | None = None) -> ChannelPlan:
    """Change the plan's name, objective, period or owner (not once it is finished)."""
    values: dict[str, Any] = {}
    if patch.name is not validation.UNSET:
        values["name"] = validation.required_text("name", patch.name, max_len=200)
    if patch.objective is not validation.UNSET:
        values["objective"] = common.text("objective", patch.objective, 500)
    if patch.start_month is not validation.UNSET:
        values["start_month"] = common.check_start_month("start_month", patch.start_month)
    if patch.months is not validation.UNSET:
        values["months"] = common.check_months("months", patch.months)
    owner = None
    if patch.owner_username is not validation.UNSET:
        owner = await org.resolve_user("owner_username", patch.owner_username)
        values["owner_id"] = owner.id
    async with outbox.atomic() as conn:
        plan = await access.plan_for(conn, actor, plan_id)
        require(actor, PLAN, "update", *access.rel_args(plan))
        access.open_for_changes(plan)
        if "start_month" in values and plan.state != PlanState.DRAFT.value and \
                values["start_month"] != plan.start_month:
            raise ValidationFailed("start_month", "a started plan keeps its start month",
                                   rule="started")
        months = values.get("months", plan.months)
        too_late = await PlanMilestone.filter(plan_id=plan.id, month_to__gt=months).using_db(
            conn).exists()
        if too_late:
            raise ValidationFailed("months", f"a milestone runs past month {months}",
                                   rule="milestone_after_end")
        moved = values.get("start_month", plan.start_month) != plan.start_month
        await common.patch(conn, actor, plan, audit_type=PLAN, values=values,
                           expected_version=expected_version)
        if moved:  # due dates follow the months they are set in
            await milestones.follow_start_month(conn, actor, plan)
        return plan


def allowed_events(actor: Principal, plan: ChannelPlan) -> list[str]:
    wf = machines.workflow(WORKFLOW)
    return [e for e in wf.allowed_events(plan.state)
            if can(actor, PLAN, e, *access.rel_args(plan))]


async def advance(actor: Principal, plan_id: int, event: str, *, note: str | None = None,
                  expected_version: int | None = None) -> ChannelPlan:
    """start, begin_review, resume (note = reason), close (note = review summary), cancel
    (note = reason). Starting sets the deadlines of open milestones and risks; reviewing,
    closing or cancelling meets them."""
    event_v = validation.enum_value("event", PlanEvent, event).value
    note_v = validation.text("note", note, max_len=1000)
    async with outbox.atomic() as conn:
        plan = await access.plan_for(conn, actor, plan_id)
        require(actor, PLAN, event_v, *access.rel_args(plan))
        context = {
            "channels": await PlanChannel.filter(plan_id=plan.id).using_db(conn).count(),
            "milestones": await PlanMilestone.filter(plan_id=plan.id).using_db(conn).count(),
            "reason": note_v, "review_summary": note_v,
        }
        now = clock.now()
        extra: dict[str, Any] = {"state_reason": note_v}
        if event_v == PlanEvent.START.value:
            extra["started_at"] = now
        if event_v == PlanEvent.CLOSE.value:
            extra.update(review_summary=note_v, closed_at=now)
        if event_v == PlanEvent.CANCEL.value:
            extra["closed_at"] = now
        await common.fire(conn, actor, plan, workflow=WORKFLOW, audit_type=PLAN,
                          event=event_v, state_field="state", context=context,
                          expected_version=expected_version, extra=extra, reason=note_v)
        await deadlines.track_plan(conn, plan)
        return plan


async def get(actor: Principal, plan_id: int) -> ChannelPlan | None:
    return await access.get(actor, plan_id)


@dataclass(frozen=True)
class PlanFilter:
    states: Sequence[str] = ()
    department_id: int | None = None
    owner_username: str | None = None
    search: str | None = None
    ids: Sequence[int] = field(default_factory=tuple)


async def query(actor: Principal, flt: PlanFilter) -> QuerySet[ChannelPlan] | None:
    """The plans `actor` may read that match `flt` (None: certainly none); lists and the
    export share it."""
    try:
        scope = access.read_filter(actor)
    except NoAccess:
        return None
    qs = ChannelPlan.all() if scope is None else ChannelPlan.filter(scope)
    if flt.states:
        qs = qs.filter(state__in=[validation.enum_value("state", PlanState, s).value
                                  for s in flt.states])
    if flt.department_id is not None:
        qs = qs.filter(department_id=flt.department_id)
    if flt.owner_username:
        owner = await User.get_or_none(username=flt.owner_username.strip())
        if owner is None:
            return None
        qs = qs.filter(owner_id=owner.id)
    if flt.search and flt.search.strip():
        term = validation.required_text("search", flt.search, max_len=100)
        qs = qs.filter(Q(name__icontains=term) | Q(code__istartswith=term.upper()))
    if flt.ids:
        qs = qs.filter(id__in=list(flt.ids))
    return qs


async def list_(actor: Principal, flt: PlanFilter, *, first: int | None, after: str | None
                ) -> Page[ChannelPlan]:
    """Plans `actor` may read, newest first."""
    qs = await query(actor, flt)
    if qs is None:
        return empty_page()
    return await paginate(qs, first=first, after=after)


STATUS_ENUMS: dict[str, Any] = {access.MILESTONE: MilestoneStatus, access.RISK: RiskStatus}


async def parts(actor: Principal, plan: ChannelPlan, kind: str, statuses: Sequence[str], *,
                first: int | None, after: str | None) -> Page[Any]:
    """A page of a readable plan's channels, milestones (soonest due first) or risks."""
    if not await access.can_read(actor, plan):
        return empty_page()
    qs = access.PARTS[kind].filter(plan_id=plan.id)
    if statuses:
        enum = STATUS_ENUMS[kind]
        qs = qs.filter(status__in=[validation.enum_value("status", enum, s).value
                                   for s in statuses])
    order = (OrderKey("due_date", kind="date"), OrderKey("id")) if kind == access.MILESTONE \
        else (OrderKey("id"),)
    return await paginate(qs, first=first, after=after, order=order)
