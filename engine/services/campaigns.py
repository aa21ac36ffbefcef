"""Campaign plans (推广活动计划表): create, update, budget lines, read, list, Gantt.

The budget's approval lives in services/approvals.py; tasks in services/tasks.py. A
budget line change of a submitted or approved budget sends it back to approval in the
same transaction (approvals.revise).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from engine import audit, clock, codes, deadlines, machines, outbox, settings, validation
from engine.authz import NoAccess, Principal, can, require, scope_filter
from engine.errors import Conflict, NotFound, ValidationFailed
from engine.models import (
    BudgetLine,
    Campaign,
    CampaignChannelLink,
    CampaignGoal,
    CampaignProduct,
    PhaseWindow,
    Task,
    TaskDependency,
    User,
)
from engine.models.enums import (
    ApprovalState,
    BudgetCategory,
    CampaignPhase,
    CampaignType,
    Channel,
    GoalMetric,
    NotificationKind,
    TaskStatus,
)
from engine.pagination import Page, empty_page, paginate
from engine.services import notifications, org, products
from engine.versioning import versioned_update

OBJECT = "campaign"
CODE_PREFIX = "HD"
APPROVAL_WORKFLOW = "campaign_approval"
TASK_WORKFLOW = "task_status"
DEFAULT_THRESHOLD = Decimal("0.20")


@dataclass(frozen=True)
class GoalInput:
    metric: str
    target: Any
    period_start: date | None = None
    period_end: date | None = None


@dataclass(frozen=True)
class BudgetLineInput:
    category: str
    description: str
    amount: Any
    # The channel the cost buys (one of the campaign's channels); None: shared by all.
    # Left UNSET, an update keeps the line's channel (a new line is shared).
    channel: Any = validation.UNSET


@dataclass(frozen=True)
class TaskInput:
    title: str
    owner_username: str
    start_date: date
    end_date: date
    key: str | None = None
    depends_on: Sequence[str] = ()
    description: str | None = None


@dataclass(frozen=True)
class PhaseInput:
    phase: str
    start_date: date
    end_date: date
    tasks: Sequence[TaskInput] = ()


@dataclass(frozen=True)
class CollaboratorInput:
    department: str
    responsibility: str | None = None


@dataclass(frozen=True)
class CampaignInput:
    name: str
    campaign_type: str
    start_date: date
    end_date: date
    channels: Sequence[str]
    goals: Sequence[GoalInput] = ()
    target_audience: str | None = None
    budget_lines: Sequence[BudgetLineInput] = ()
    phases: Sequence[PhaseInput] = ()
    owner_username: str | None = None
    department_code: str | None = None
    collaborators: Sequence[CollaboratorInput] = ()
    kpi_alert_threshold: Any = None
    # The catalogue products the campaign promotes, by code (active products only).
    product_codes: Sequence[str] | None = None


@dataclass(frozen=True)
class CampaignPatch:
    name: Any = validation.UNSET
    campaign_type: Any = validation.UNSET
    target_audience: Any = validation.UNSET
    start_date: Any = validation.UNSET
    end_date: Any = validation.UNSET
    channels: Any = validation.UNSET
    goals: Any = validation.UNSET
    phases: Any = validation.UNSET
    owner_username: Any = validation.UNSET
    collaborators: Any = validation.UNSET
    kpi_alert_threshold: Any = validation.UNSET
    product_codes: Any = validation.UNSET


@dataclass(frozen=True)
class CampaignFilter:
    approval_states: Sequence[str] = ()
    types: Sequence[str] = ()
    channels: Sequence[str] = ()
    department_id: int | None = None
    owner_username: str | None = None
    search: str | None = None
    active_on: date | None = None


# -- relations and reading ---------------------------------------------------------------


def rel_args(campaign: Campaign) -> tuple[int, int]:
    return campaign.owner_id, campaign.department_id


def can_read_budget(actor: Principal, campaign: Campaign) -> bool:
    return can(actor, OBJECT, "read_budget", *rel_args(campaign))


BUDGET_KEYS = ("budget_lines", "budget_total", "approved_total", "route", "decision")


def mask_changes(actor: Principal, campaign: Campaign, changes: dict[str, Any]
                 ) -> dict[str, Any]:
    """Audit changes as `actor` may see them: budget figures hidden without read_budget."""
    if can_read_budget(actor, campaign):
        return changes
    return hide_budget(changes)


def hide_budget(changes: dict[str, Any]) -> dict[str, Any]:
    """Audit `changes` with every budget figure hidden."""
    return {k: ["***", "***"] if k.startswith(BUDGET_KEYS) else v for k, v in changes.items()}


async def get(actor: Principal, *, campaign_id: int | None = None, code: str | None = None
              ) -> Campaign | None:
    if campaign_id is None and not code:
        raise ValidationFailed("id", "give an id or a code", rule="required")
    qs = (Campaign.filter(id=campaign_id) if campaign_id is not None
          else Campaign.filter(code=(code or "").strip().upper()))
    campaign = await qs.first()
    if campaign is None or not can(actor, OBJECT, "read", *rel_args(campaign)):
        return None
    return campaign


async def load_for(conn: BaseDBAsyncClient, actor: Principal, campaign_id: int) -> Campaign:
    """The campaign, if it exists and `actor` may read it (else NotFound)."""
    campaign = await Campaign.filter(id=campaign_id).using_db(conn).first()
    if campaign is None or not can(actor, OBJECT, "read", *rel_args(campaign)):
        raise NotFound(OBJECT, campaign_id)
    return campaign


async def list_(actor: Principal, flt: CampaignFilter, *, first: int | None, after: str | None
                ) -> Page[Campaign]:
    qs = await query(actor, flt)
    if qs is None:
        return empty_page()
    return await paginate(qs, first=first, after=after)


async def query(actor: Principal, flt: CampaignFilter) -> QuerySet[Campaign] | None:
    """The campaigns `actor` may read that match `flt`, unordered (None: certainly none).

    The list's WHERE, shared with exports so both always show the same rows.
    """
    try:
        scope = scope_filter(actor, OBJECT, "read", owner_field="owner_id",
                             department_field="department_id")
    except NoAccess:
        return None
    qs = Campaign.all()
    if scope is not None:
        qs = qs.filter(scope)
    if flt.approval_states:
        qs = qs.filter(approval_state__in=[
            validation.enum_value("approval_state", ApprovalState, s).value
            for s in flt.approval_states])
    if flt.types:
        qs = qs.filter(campaign_type__in=[
            validation.enum_value("type", CampaignType, t).value for t in flt.types])
    if flt.channels:
        channels = [validation.enum_value("channel", Channel, c).value for c in flt.channels]
        qs = qs.filter(id__in=Subquery(
            CampaignChannelLink.filter(channel__in=channels).values("campaign_id")))
    if flt.department_id is not None:
        qs = qs.filter(department_id=flt.department_id)
    if flt.owner_username:
        owner = await User.get_or_none(username=flt.owner_username.strip())
        if owner is None:
            return None
        qs = qs.filter(owner_id=owner.id)
    if flt.search and flt.search.strip():
        term = flt.search.strip()
        qs = qs.filter(Q(name__icontains=term) | Q(code__istartswith=term))
    if flt.active_on is not None:
        qs = qs.filter(start_date__lte=flt.active_on, end_date__gte=flt.active_on)
    return qs


async def by_ids(ids: Iterable[int]) -> dict[int, Campaign]:
    wanted = list(set(ids))
    return {c.id: c for c in await Campaign.filter(id__in=wanted)} if wanted else {}


async def channels_of(campaign_ids: Iterable[int]) -> dict[int, list[str]]:
    ids = list(set(campaign_ids))
    result: dict[int, list[str]] = {i: [] for i in ids}
    for link in await CampaignChannelLink.filter(campaign_id__in=ids).order_by("id"):
        result[link.campaign_id].append(link.channel)
    return result


async def goals_of(campaign_id: int) -> list[CampaignGoal]:
    return (await goals_by_campaign([campaign_id]))[campaign_id]


async def goals_by_campaign(campaign_ids: Iterable[int]) -> dict[int, list[CampaignGoal]]:
    ids = list(set(campaign_ids))
    result: dict[int, list[CampaignGoal]] = {i: [] for i in ids}
    for goal in await CampaignGoal.filter(campaign_id__in=ids).order_by("id"):
        result[goal.campaign_id].append(goal)
    return result


async def phases_of(campaign_id: int) -> list[PhaseWindow]:
    return (await phases_by_campaign([campaign_id]))[campaign_id]


async def phases_by_campaign(campaign_ids: Iterable[int]) -> dict[int, list[PhaseWindow]]:
    """Each campaign's phase windows, in phase order."""
    order = {p.value: i for i, p in enumerate(CampaignPhase)}
    ids = list(set(campaign_ids))
    result: dict[int, list[PhaseWindow]] = {i: [] for i in ids}
    for window in await PhaseWindow.filter(campaign_id__in=ids):
        result[window.campaign_id].append(window)
    for windows in result.values():
        windows.sort(key=lambda p: order.get(p.phase, 99))
    return result


async def budget_lines_of(actor: Principal, campaign: Campaign) -> list[BudgetLine] | None:
    """The lines, or None when `actor` may not see this campaign's budget."""
    if not can_read_budget(actor, campaign):
        return None
    return (await lines_by_campaign([campaign.id]))[campaign.id]


async def lines_by_campaign(campaign_ids: Iterable[int]) -> dict[int, list[BudgetLine]]:
    """Budget lines by campaign, unscoped: callers show them only where `can_read_budget`."""
    ids = list(set(campaign_ids))
    result: dict[int, list[BudgetLine]] = {i: [] for i in ids}
    for line in await BudgetLine.filter(campaign_id__in=ids).order_by("id"):
        result[line.campaign_id].append(line)
    return result


# -- validation --------------------------------------------------------------------------


def check_dates(start: date | None, end: date | None, prefix: str = "") -> None:
    if start is None:
        raise ValidationFailed(f"{prefix}start_date", "a start date is required",
                               rule="required")
    if end is None:
        raise ValidationFailed(f"{prefix}end_date", "an end date is required", rule="required")
    if end < start:
        raise ValidationFailed(f"{prefix}end_date", "the end date is before the start date",
                               rule="before_start")


def check_within(start: date, end: date, c_start: date, c_end: date, prefix: str = ""
                 ) -> None:
    if start < c_start or end > c_end:
        raise ValidationFailed(
            f"{prefix}start_date" if start < c_start else f"{prefix}end_date",
            f"{start}…{end} is outside the campaign period {c_start}…{c_end}",
            rule="outside_campaign",
        )


def clean_channels(raw: Iterable[Any] | None) -> list[str]:
    channels = [c.value for c in validation.enum_list("channels", Channel, raw or [],
                                                       required=True)]
    if len(channels) < 2:
        raise ValidationFailed("channels", "a campaign needs at least two channels",
                               rule="min_two")
    return channels


def clean_goals(raw: Sequence[GoalInput], start: date, end: date) -> list[dict[str, Any]]:
    goals: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, goal in enumerate(raw):
        prefix = f"goals.{i}."
        metric = validation.enum_value(f"{prefix}metric", GoalMetric, goal.metric).value
        if metric in seen:
            raise ValidationFailed(f"{prefix}metric", f"{metric} has two goals", rule="unique")
        seen.add(metric)
        target = validation.money(f"{prefix}target", goal.target, required=True, positive=True)
        g_start = goal.period_start or start
        g_end = goal.period_end or end
        check_dates(g_start, g_end, prefix + "period_")
        check_within(g_start, g_end, start, end, prefix + "period_")
        goals.append({"metric": metric, "target": target, "period_start": g_start,
                      "period_end": g_end})
    return goals


GOAL_REQUIRED = ("a campaign needs at least one quantified goal (a metric, a target and "
                 "its period; 推广目标 必填, SMART) before its budget is submitted or approved")


async def require_goals(conn: BaseDBAsyncClient, campaign: Campaign) -> None:
    """ValidationFailed on `goals` unless the campaign has a quantified goal."""
    if not await CampaignGoal.filter(campaign_id=campaign.id).using_db(conn).exists():
        raise ValidationFailed("goals", GOAL_REQUIRED, rule="required")


def clean_line(line: BudgetLineInput, prefix: str = "",
               channels: Sequence[str] | None = None) -> dict[str, Any]:
    """A budget line's values; its channel must be one of `channels` (the campaign's)."""
    values = {
        "category": validation.enum_value(f"{prefix}category", BudgetCategory,
                                          line.category).value,
        "description": validation.required_text(f"{prefix}description", line.description,
                                                max_len=200),
        "amount": validation.money(f"{prefix}amount", line.amount, required=True,
                                   positive=True),
    }
    if line.channel is validation.UNSET:
        return values
    if line.channel is not None and str(line.channel).strip():
        channel = validation.enum_value(f"{prefix}channel", Channel, line.channel).value
        if channels is not None and channel not in channels:
            raise ValidationFailed(
                f"{prefix}channel",
                f"{channel} is not one of the campaign's channels ({', '.join(channels)})",
                rule="not_campaign_channel",
            )
        values["channel"] = channel
    else:
        values["channel"] = None
    return values


LINE_FIELDS = ("category", "description", "amount", "channel")


def clean_collaborators(raw: Sequence[CollaboratorInput]) -> list[dict[str, Any]]:
    return [
        {
            "department": validation.required_text(f"collaborators.{i}.department",
                                                   c.department, max_len=100),
            "responsibility": validation.text(f"collaborators.{i}.responsibility",
                                              c.responsibility, max_len=200),
        }
        for i, c in enumerate(raw)
    ]


def clean_threshold(raw: Any) -> Decimal:
    if raw is None:
        return DEFAULT_THRESHOLD
    try:
        value = Decimal(str(raw))
    except ArithmeticError:
        raise ValidationFailed("kpi_alert_threshold", "not a number", rule="format") from None
    if not value.is_finite() or value <= 0 or value > 10:
        raise ValidationFailed("kpi_alert_threshold",
                               "the threshold is a fraction above 0 (0.2 = 20 %)", rule="range")
    return value.quantize(Decimal("0.0001"))


def clean_phases(raw: Sequence[PhaseInput], start: date, end: date) -> list[dict[str, Any]]:
    phases: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, ph in enumerate(raw):
        prefix = f"phases.{i}."
        name = validation.enum_value(f"{prefix}phase", CampaignPhase, ph.phase).value
        if name in seen:
            raise ValidationFailed(f"{prefix}phase", f"phase {name} appears twice",
                                   rule="unique")
        seen.add(name)
        check_dates(ph.start_date, ph.end_date, prefix)
        check_within(ph.start_date, ph.end_date, start, end, prefix)
        phases.append({"phase": name, "start_date": ph.start_date, "end_date": ph.end_date})
    return phases


def check_acyclic(edges: dict[Any, set[Any]], field_name: str) -> None:
    """Refuse a dependency graph with a cycle (task A waits for B waits for A)."""
    state: dict[Any, int] = {}

    def visit(node: Any) -> None:
        state[node] = 1
        for nxt in edges.get(node, ()):
            if state.get(nxt) == 1:
                raise ValidationFailed(field_name, "the dependencies form a cycle",
                                       rule="cycle")
            if state.get(nxt) is None:
                visit(nxt)
        state[node] = 2

    for node in list(edges):
        if state.get(node) is None:
            visit(node)


@dataclass
class _PlannedTask:
    values: dict[str, Any]
    key: str
    depends_on: list[str]


async def _clean_tasks(data: CampaignInput, start: date, end: date) -> list[_PlannedTask]:
    planned: list[_PlannedTask] = []
    keys: set[str] = set()
    owners = await org.users_by_username(t.owner_username for ph in data.phases
                                         for t in ph.tasks)
    for i, ph in enumerate(data.phases):
        for j, task in enumerate(ph.tasks):
            prefix = f"phases.{i}.tasks.{j}."
            key = task.key or f"{i}.{j}"
            if key in keys:
                raise ValidationFailed(f"{prefix}key", f"task key {key!r} appears twice",
                                       rule="unique")
            keys.add(key)
            check_dates(task.start_date, task.end_date, prefix)
            check_within(task.start_date, task.end_date, start, end, prefix)
            owner = await org.resolve_user(f"{prefix}owner_username", task.owner_username,
                                           owners)
            planned.append(_PlannedTask(
                values={
                    "phase": validation.enum_value(f"phases.{i}.phase", CampaignPhase,
                                                   ph.phase).value,
                    "title": validation.required_text(f"{prefix}title", task.title,
                                                      max_len=200),
                    "description": validation.text(f"{prefix}description", task.description,
                                                   max_len=5000),
                    "owner_id": owner.id,
                    "start_date": task.start_date,
                    "end_date": task.end_date,
                },
                key=key,
                depends_on=list(task.depends_on),
            ))
    for n, task_plan in enumerate(planned):
        for dep in task_plan.depends_on:
            if dep not in keys or dep == task_plan.key:
                raise ValidationFailed(f"tasks.{n}.depends_on",
                                       f"{dep!r} is not another task of this plan",
                                       rule="unknown_task")
    check_acyclic({t.key: set(t.depends_on) for t in planned}, "depends_on")
    return planned


# -- writing -----------------------------------------------------------------------------


async def create(actor: Principal, data: CampaignInput) -> Campaign:
    """Create a campaign plan in draft, with goals, channels, lines, phases and tasks."""
    values: dict[str, Any] = {
        "name": validation.required_text("name", data.name, max_len=200),
        "campaign_type": validation.enum_value("campaign_type", CampaignType,
                                               data.campaign_type).value,
        "target_audience": validation.text("target_audience", data.target_audience,
                                           max_len=500),
        "kpi_alert_threshold": clean_threshold(data.kpi_alert_threshold),
        "collaborators": clean_collaborators(data.collaborators),
    }
    check_dates(data.start_date, data.end_date)
    start, end = data.start_date, data.end_date
    channels = clean_channels(data.channels)
    goals = clean_goals(data.goals, start, end)
    lines = [clean_line(line, f"budget_lines.{i}.", channels)
             for i, line in enumerate(data.budget_lines)]
    phases = clean_phases(data.phases, start, end)
    tasks = await _clean_tasks(data, start, end)
    promoted = await products.resolve_codes("product_codes", data.product_codes)
    owner = (await org.resolve_user("owner_username", data.owner_username)
             if data.owner_username else await User.get_or_none(id=actor.id))
    if owner is None:
        raise ValidationFailed("owner_username", "name the campaign's owner", rule="required")
    dept = await org.department_by_code(data.department_code)
    if dept is not None:
        department_id = dept.id
    elif owner.department_id is not None:
        department_id = owner.department_id
    else:
        raise ValidationFailed("department_code", "the campaign needs a department",
                               rule="required")
    # Planning for another department is judged by that department alone: naming oneself
    # owner does not make another department's campaign one's own.
    require(actor, OBJECT, "create",
            owner.id if department_id == actor.department_id else None, department_id)
    now = clock.now()
    total = sum((line["amount"] for line in lines), Decimal("0"))
    approval_initial = machines.workflow(APPROVAL_WORKFLOW).initial
    task_initial = machines.workflow(TASK_WORKFLOW).initial
    async with outbox.atomic() as conn:
        code = await codes.next_code(conn, CODE_PREFIX,
                                     clock.local_date(now, settings.current().zone))
        campaign = await Campaign.create(
            using_db=conn, code=code, start_date=start, end_date=end, owner_id=owner.id,
            department_id=department_id, created_by_id=actor.id, budget_total=total,
            approval_state=approval_initial, **values,
        )
        await CampaignChannelLink.bulk_create(
            [CampaignChannelLink(campaign_id=campaign.id, channel=c) for c in channels],
            using_db=conn)
        await CampaignGoal.bulk_create(
            [CampaignGoal(campaign_id=campaign.id, **goal) for goal in goals], using_db=conn)
        await BudgetLine.bulk_create(
            [BudgetLine(campaign_id=campaign.id, **line) for line in lines], using_db=conn)
        await PhaseWindow.bulk_create(
            [PhaseWindow(campaign_id=campaign.id, **phase) for phase in phases], using_db=conn)
        await products.replace_links(conn, CampaignProduct, "campaign_id", campaign.id,
                                     promoted)
        created: dict[str, Task] = {}
        for planned in tasks:
            created[planned.key] = await Task.create(
                using_db=conn, campaign_id=campaign.id, status=task_initial, **planned.values)
        for planned in tasks:
            for dep in planned.depends_on:
                await TaskDependency.create(using_db=conn, task_id=created[planned.key].id,
                                            depends_on_id=created[dep].id)
        await audit.write_event(
            conn, actor, OBJECT, campaign.id, "create", to_state=approval_initial, version=1,
            changes={**{k: [None, v] for k, v in values.items()}, "code": [None, code],
                     "start_date": [None, start], "end_date": [None, end],
                     "owner": [None, owner.username], "channels": [None, channels],
                     "goals": [None, goals], "budget_lines": [None, lines],
                     "budget_total": [None, total], "phases": [None, phases]}
            | ({"products": [None, [p.code for p in promoted]]} if promoted else {}),
        )
        for planned in tasks:
            task = created[planned.key]
            await deadlines.track_task(conn, task.id, task.end_date, task.owner_id,
                                        campaign.department_id)
            await audit.write_event(
                conn, actor, "task", task.id, "create", to_state=task_initial, version=1,
                changes={k: [None, v] for k, v in planned.values.items()}
                | {"depends_on": [None, [created[d].id for d in planned.depends_on]]},
            )
            await notifications.notify(
                conn, [task.owner_id], NotificationKind.TASK_ASSIGNED.value,
                f"新任务：{task.title}", f"活动 {code} {campaign.name}",
                object_type="task", object_id=task.id, exclude=actor.id,
            )
    return campaign


async def update(actor: Principal, campaign_id: int, patch: CampaignPatch,
                 expected_version: int | None) -> Campaign:
    """Change the plan (not the budget lines: those have their own mutations)."""
    async with outbox.atomic() as conn:
        campaign = await load_for(conn, actor, campaign_id)
        require(actor, OBJECT, "update", *rel_args(campaign))
        new: dict[str, Any] = {}
        U = validation.UNSET
        if patch.name is not U:
            new["name"] = validation.required_text("name", patch.name, max_len=200)
        if patch.campaign_type is not U:
            new["campaign_type"] = validation.enum_value("campaign_type", CampaignType,
                                                         patch.campaign_type).value
        if patch.target_audience is not U:
            new["target_audience"] = validation.text("target_audience", patch.target_audience,
                                                     max_len=500)
        if patch.kpi_alert_threshold is not U:
            new["kpi_alert_threshold"] = clean_threshold(patch.kpi_alert_threshold)
        if patch.collaborators is not U:
            new["collaborators"] = clean_collaborators(patch.collaborators or [])
        start = campaign.start_date if patch.start_date is U else patch.start_date
        end = campaign.end_date if patch.end_date is U else patch.end_date
        check_dates(start, end)
        if (start, end) != (campaign.start_date, campaign.end_date):
            new["start_date"], new["end_date"] = start, end
            outside = await Task.filter(campaign_id=campaign.id).filter(
                Q(start_date__lt=start) | Q(end_date__gt=end)).using_db(conn).first()
            if outside is not None:
                raise ValidationFailed(
                    "start_date" if outside.start_date < start else "end_date",
                    f"task {outside.title!r} ({outside.start_date}…{outside.end_date}) "
                    "would fall outside the campaign", rule="tasks_outside")
        if patch.owner_username is not U:
            owner = await org.resolve_user("owner_username", patch.owner_username)
            new["owner_id"] = owner.id
        changes = audit.diff({k: getattr(campaign, k) for k in new}, new)
        extra: dict[str, list[Any]] = {}
        if patch.channels is not U:
            channels = clean_channels(patch.channels)
            old = (await channels_of([campaign.id]))[campaign.id]
            if sorted(old) != sorted(channels):
                extra["channels"] = [old, channels]
                stranded = await BudgetLine.filter(campaign_id=campaign.id).using_db(
                    conn).exclude(channel__in=channels).exclude(channel=None).first()
                if stranded is not None:
                    raise ValidationFailed(
                        "channels",
                        f"budget line {stranded.id} buys {stranded.channel}: give it another "
                        "channel (or none) before removing that channel", rule="in_use")
        if patch.goals is not U:
            goals = clean_goals(patch.goals or [], start, end)
            if not goals and campaign.approval_state in (ApprovalState.SUBMITTED.value,
                                                         ApprovalState.APPROVED.value):
                raise ValidationFailed("goals", GOAL_REQUIRED + "; keep one while the budget "
                                       "is submitted or approved", rule="required")
            old_goals = [audit.snapshot(g, ("metric", "target", "period_start", "period_end"))
                         for g in await CampaignGoal.filter(campaign_id=campaign.id)
                         .using_db(conn).order_by("id")]
            if audit.jsonable(old_goals) != audit.jsonable(goals):
                extra["goals"] = [old_goals, audit.jsonable(goals)]
        if patch.phases is not U:
            phases = clean_phases(patch.phases or [], start, end)
            old_phases = [audit.snapshot(p, ("phase", "start_date", "end_date"))
                          for p in await phases_of(campaign.id)]
            if audit.jsonable(old_phases) != audit.jsonable(phases):
                extra["phases"] = [old_phases, audit.jsonable(phases)]
        promoted: list[Any] | None = None
        if patch.product_codes is not U:
            old_ids = await products.linked_ids(CampaignProduct, "campaign_id", campaign.id,
                                                conn)
            promoted = await products.resolve_codes("product_codes", patch.product_codes or [],
                                                    current=old_ids)
            if [p.id for p in promoted] != old_ids:
                known = await products.by_ids(old_ids)
                extra["products"] = [[known[i].code for i in old_ids],
                                     [p.code for p in promoted]]
        if not changes and not extra:
            if expected_version is not None and expected_version != campaign.version:
                raise Conflict(OBJECT, campaign.id, campaign.version)
            return campaign
        version = await versioned_update(conn, campaign, OBJECT, expected_version,
                                         {k: new[k] for k in changes})
        if "channels" in extra:
            await CampaignChannelLink.filter(campaign_id=campaign.id).using_db(conn).delete()
            await CampaignChannelLink.bulk_create(
                [CampaignChannelLink(campaign_id=campaign.id, channel=c)
                 for c in extra["channels"][1]], using_db=conn)
        if "goals" in extra:
            await CampaignGoal.filter(campaign_id=campaign.id).using_db(conn).delete()
            for goal in goals:
                await CampaignGoal.create(using_db=conn, campaign_id=campaign.id, **goal)
        if "phases" in extra:
            await PhaseWindow.filter(campaign_id=campaign.id).using_db(conn).delete()
            for phase in phases:
                await PhaseWindow.create(using_db=conn, campaign_id=campaign.id, **phase)
        if "products" in extra and promoted is not None:
            await products.replace_links(conn, CampaignProduct, "campaign_id", campaign.id,
                                         promoted)
        await audit.write_event(conn, actor, OBJECT, campaign.id, "update",
                                changes={**changes, **extra}, version=version)
        return campaign


# -- budget lines ------------------------------------------------------------------------


async def _budget_write(
    conn: BaseDBAsyncClient, actor: Principal, campaign: Campaign, expected_version: int | None,
    action: str, line_changes: dict[str, Any],
) -> Campaign:
    """Recompute the total, bump the campaign, audit, and send it back to approval if due."""
    from engine.services import approvals

    lines = await BudgetLine.filter(campaign_id=campaign.id).using_db(conn)
    total = sum((line.amount for line in lines), Decimal("0"))
    before_total = campaign.budget_total
    version = await versioned_update(conn, campaign, OBJECT, expected_version,
                                     {"budget_total": total})
    await audit.write_event(
        conn, actor, OBJECT, campaign.id, action, version=version,
        changes={**line_changes, "budget_total": [audit.jsonable(before_total),
                                                  audit.jsonable(total)]},
    )
    if campaign.approval_state in (ApprovalState.SUBMITTED.value, ApprovalState.APPROVED.value):
        await approvals.revise(conn, actor, campaign,
                               reason=f"budget changed ({action.replace('_', ' ')})")
    return campaign


async def _channels(conn: BaseDBAsyncClient, campaign_id: int) -> list[str]:
    return [link.channel for link in await CampaignChannelLink.filter(
        campaign_id=campaign_id).using_db(conn).order_by("id")]


async def _editable(conn: BaseDBAsyncClient, actor: Principal, campaign_id: int) -> Campaign:
    campaign = await load_for(conn, actor, campaign_id)
    require(actor, OBJECT, "edit_budget", *rel_args(campaign))
    return campaign


async def add_budget_line(actor: Principal, campaign_id: int, line: BudgetLineInput,
                          expected_version: int | None = None) -> tuple[Campaign, BudgetLine]:
    clean_line(line)
    async with outbox.atomic() as conn:
        campaign = await _editable(conn, actor, campaign_id)
        values = clean_line(line, channels=await _channels(conn, campaign.id))
        row = await BudgetLine.create(using_db=conn, campaign_id=campaign.id, **values)
        campaign = await _budget_write(
            conn, actor, campaign, expected_version, "budget_line_added",
            {f"budget_lines.{row.id}": [None, audit.jsonable(values)]})
        return campaign, row


async def update_budget_line(
    actor: Principal, line_id: int, line: BudgetLineInput, expected_version: int | None = None,
) -> tuple[Campaign, BudgetLine]:
    clean_line(line)
    async with outbox.atomic() as conn:
        row = await BudgetLine.filter(id=line_id).using_db(conn).first()
        if row is None:
            raise NotFound("budget_line", line_id)
        campaign = await _editable(conn, actor, row.campaign_id)
        values = clean_line(line, channels=await _channels(conn, campaign.id))
        values.setdefault("channel", row.channel)
        before = audit.snapshot(row, LINE_FIELDS)
        if audit.jsonable(values) == before:
            if expected_version is not None and expected_version != row.version:
                raise Conflict("budget_line", row.id, row.version)
            return campaign, row
        await versioned_update(conn, row, "budget_line", expected_version, values)
        campaign = await _budget_write(
            conn, actor, campaign, None, "budget_line_changed",
            {f"budget_lines.{row.id}": [before, audit.jsonable(values)]})
        return campaign, row


async def remove_budget_line(actor: Principal, line_id: int,
                             expected_version: int | None = None) -> Campaign:
    async with outbox.atomic() as conn:
        row = await BudgetLine.filter(id=line_id).using_db(conn).first()
        if row is None:
            raise NotFound("budget_line", line_id)
        campaign = await _editable(conn, actor, row.campaign_id)
        if expected_version is not None and expected_version != row.version:
            raise Conflict("budget_line", row.id, row.version)
        before = audit.snapshot(row, LINE_FIELDS)
        deleted = await BudgetLine.filter(id=row.id, version=row.version).using_db(conn).delete()
        if deleted != 1:
            raise Conflict("budget_line", row.id, None)
        return await _budget_write(conn, actor, campaign, None, "budget_line_removed",
                                   {f"budget_lines.{row.id}": [before, None]})


# -- Gantt -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GanttTask:
    task: Task
    depends_on: list[int]
    late: bool
    blocked: bool


@dataclass(frozen=True)
class GanttPhase:
    phase: str
    start_date: date | None
    end_date: date | None
    progress: int
    tasks: list[GanttTask]


@dataclass(frozen=True)
class Gantt:
    campaign: Campaign
    today: date
    phases: list[GanttPhase]


def is_late(task: Task, today: date) -> bool:
    return task.status != TaskStatus.DONE.value and task.end_date < today


def progress_of(task: Task) -> int:
    return 100 if task.status == TaskStatus.DONE.value else task.progress


async def gantt(actor: Principal, campaign_id: int) -> Gantt:
    """Everything a portal needs to draw the plan: phases, tasks, dependencies, flags."""
    campaign = await get(actor, campaign_id=campaign_id)
    if campaign is None:
        raise NotFound(OBJECT, campaign_id)
    require(actor, "task", "read", *rel_args(campaign))
    today = clock.local_date(clock.now(), settings.current().zone)
    tasks = list(await Task.filter(campaign_id=campaign.id).order_by("start_date", "id"))
    deps: dict[int, list[int]] = {t.id: [] for t in tasks}
    for link in await TaskDependency.filter(task_id__in=list(deps)).order_by("id"):
        deps[link.task_id].append(link.depends_on_id)
    status = {t.id: t.status for t in tasks}
    windows = {p.phase: p for p in await phases_of(campaign.id)}
    phases: list[GanttPhase] = []
    for phase in CampaignPhase:
        mine = [t for t in tasks if t.phase == phase.value]
        window = windows.get(phase.value)
        if window is None and not mine:
            continue
        starts = [t.start_date for t in mine] + ([window.start_date] if window else [])
        ends = [t.end_date for t in mine] + ([window.end_date] if window else [])
        phases.append(GanttPhase(
            phase=phase.value,
            start_date=window.start_date if window else min(starts),
            end_date=window.end_date if window else max(ends),
            progress=round(sum(progress_of(t) for t in mine) / len(mine)) if mine else 0,
            tasks=[
                GanttTask(
                    task=t, depends_on=deps[t.id], late=is_late(t, today),
                    blocked=t.status != TaskStatus.DONE.value and any(
                        status.get(d) != TaskStatus.DONE.value for d in deps[t.id]),
                )
                for t in mine
            ],
        ))
    return Gantt(campaign=campaign, today=today, phases=phases)
