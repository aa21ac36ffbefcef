"""Everything the review report shows, read with a few queries (aggregates run in SQL).

Who may see the report: whoever may read the campaign *and* its budget (`campaign.read`
and `campaign.read_budget`): the report is built around budget, spend and CAC, which the
API hides from everyone without `read_budget` (sales reps; managers and marketing of
other departments). Like `campaignEffect`, the report shows aggregate figures of all the
campaign's customers (counts and sums, never a customer record or contact), so that its
CAC and funnel describe the campaign, not the part of it one manager's team owns.

The effect figures are `analytics.campaign_effect`, the channel table is
`analytics.channel_comparison` for this campaign: the report and the API agree by
construction. The funnel adds the negotiation step and losses from the same stage
history with the same cohort (customers created in the period, stages entered by its end).

Period: `date_from`/`date_to` (company-zone days, both inclusive, both optional; see
`analytics.period_of`) limit the customers to those created in the period, stage entries
to those before its end, KPI periods to those overlapping it and exceptions to those
reported in it. Late tasks and open exceptions are as of now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from engine import clock, db, settings, sqlkit, texts
from engine.authz import Principal, require
from engine.errors import NotFound, ValidationFailed
from engine.models import (
    Campaign,
    CampaignReview,
    Department,
    Incident,
    Task,
    User,
)
from engine.models.enums import (
    ApprovalState,
    BudgetCategory,
    CampaignType,
    Channel,
    CustomerStage,
    GoalMetric,
    IncidentState,
    KpiGranularity,
    KpiSource,
    Severity,
    TaskStatus,
)
from engine.services import analytics, campaigns, kpis
from engine.services.analytics import Figure

CENT = Decimal("0.01")
PCT = Decimal("0.1")
LIST_LIMIT = 50
FUNNEL = (CustomerStage.POTENTIAL, CustomerStage.INTENT, CustomerStage.NEGOTIATION,
          CustomerStage.WON)
OPEN_INCIDENT_STATES = (IncidentState.REPORTED.value, IncidentState.ACKNOWLEDGED.value,
                        IncidentState.RESOLVING.value)


@dataclass(frozen=True)
class Header:
    campaign_id: int
    code: str
    name: str
    campaign_type: str
    type_label: str
    owner: str
    department: str
    start_date: date
    end_date: date
    approval_state: str
    approval_label: str
    budget_total: Decimal
    approved_total: Decimal | None
    channels: list[str]
    date_from: date | None
    date_to: date | None
    generated_at: datetime


@dataclass(frozen=True)
class KpiPoint:
    start: date
    end: date
    plan: Decimal
    actual: Decimal | None
    actual_note: str | None  # why actual is null (English; the layouts translate)
    deviation: Decimal | None  # a fraction
    note: str | None  # why deviation is null
    alerted: bool


@dataclass(frozen=True)
class KpiRow:
    metric: str
    label: str
    source: str  # KpiSource: derived, channel_metrics, recorded
    source_label: str
    target: Decimal
    period_start: date
    period_end: date
    actual_total: Decimal | None  # null: nothing known yet (never a fake 0)
    actual_note: str | None
    achievement_percent: Decimal | None
    points: list[KpiPoint]


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    label: str
    reached: int
    # share of the previous step that reached this one (None for the first or after 0)
    step_conversion: Figure


@dataclass(frozen=True)
class Funnel:
    steps: list[FunnelStep]
    lost: int
    current: dict[str, int]


@dataclass(frozen=True)
class ChannelRow:
    channel: str
    label: str
    row: analytics.ChannelRow


@dataclass(frozen=True)
class BudgetRow:
    category: str
    label: str
    description: str
    channel: str | None
    channel_label: str | None
    amount: Decimal
    spent: Decimal
    remaining: Decimal
    used: Figure


@dataclass(frozen=True)
class Budget:
    lines: list[BudgetRow]
    amount: Decimal
    spent: Decimal
    used: Figure


@dataclass(frozen=True)
class IncidentRow:
    code: str
    problem: str
    severity: str
    state: str
    reported_at: datetime
    due_at: datetime
    late: bool


@dataclass(frozen=True)
class Exceptions:
    by_state: dict[str, int]
    total: int
    open: int
    late: int
    listed: list[IncidentRow]


@dataclass(frozen=True)
class TaskRow:
    title: str
    phase: str
    owner: str
    end_date: date
    status: str
    days_late: int
    reason: str | None


@dataclass(frozen=True)
class Tasks:
    by_status: dict[str, int]
    total: int
    late: int
    listed: list[TaskRow]


@dataclass(frozen=True)
class Review:
    highlights: str | None
    problems: str | None
    suggestions: str | None


@dataclass(frozen=True)
class ReportData:
    header: Header
    effect: analytics.CampaignEffect
    kpis: list[KpiRow]
    funnel: Funnel
    channels: list[ChannelRow]
    budget: Budget
    exceptions: Exceptions
    tasks: Tasks
    review: Review


# -- helpers -------------------------------------------------------------------------------


def money(raw: Any) -> Decimal:
    """A SUM from the database as cents (SQLite returns REAL from its numeric casts)."""
    if raw is None:
        return Decimal("0.00")
    value = raw if isinstance(raw, Decimal) else Decimal(str(raw))
    return value.quantize(CENT, ROUND_HALF_UP)


def ratio(num: Decimal | int, den: Decimal | int, why_zero: str, *, percent: bool = False
          ) -> Figure:
    """The analytics' ratio, percentages to one decimal as the report prints them."""
    return analytics.ratio(num, den, why_zero, percent=percent, quantum=PCT if percent else CENT)


# -- the sections --------------------------------------------------------------------------


async def load_campaign(actor: Principal, key: str) -> Campaign:
    """The campaign by id or code, if `actor` may read its report (NotFound / Forbidden)."""
    key = (key or "").strip()
    if not key:
        raise ValidationFailed("id", "give the campaign's id or code", rule="required")
    campaign = await campaigns.get(
        actor, **({"campaign_id": int(key)} if key.isdigit() and len(key) <= 18
                  else {"code": key[:32]}))
    if campaign is None:
        raise NotFound("campaign", key)
    require(actor, "campaign", "read_budget", *campaigns.rel_args(campaign))
    return campaign


async def _header(campaign: Campaign, date_from: date | None, date_to: date | None
                  ) -> Header:
    owner = await User.get(id=campaign.owner_id)
    department = await Department.get(id=campaign.department_id)
    channels = (await campaigns.channels_of([campaign.id]))[campaign.id]
    return Header(
        campaign_id=campaign.id, code=campaign.code, name=campaign.name,
        campaign_type=campaign.campaign_type,
        type_label=_label(CampaignType, campaign.campaign_type),
        owner=owner.display_name or owner.username, department=department.name,
        start_date=campaign.start_date, end_date=campaign.end_date,
        approval_state=campaign.approval_state,
        approval_label=_label(ApprovalState, campaign.approval_state),
        budget_total=campaign.budget_total, approved_total=campaign.approved_total,
        channels=channels, date_from=date_from, date_to=date_to, generated_at=clock.now())


def _label(enum: Any, value: str | None) -> str:
    if value is None:
        return ""
    try:
        return str(enum.of(value).label)
    except (KeyError, ValueError):
        return value


async def _funnel_rows(conn: BaseDBAsyncClient, campaign_id: int,
                       period: analytics.Period) -> list[dict[str, Any]]:
    """How many of the campaign's customers got how far, and where they stand at the end.

    The cohort is `campaign_effect`'s: customers whose first stage entry (creation) is in
    the period, with the stage entries made before its end. One row per (furthest stage
    reached, stage at the end of the period, ever lost); the funnel sums them.
    """
    q = sqlkit.Params(conn)
    campaign_p = q(campaign_id)
    end_p = q(period.end)
    entered = f" HAVING MIN(s.at) >= {q(period.start)}" if period.start is not None else ""
    rank = ("CASE s.to_stage WHEN 'intent' THEN 2 WHEN 'negotiation' THEN 3 "
            "WHEN 'won' THEN 4 ELSE 1 END")
    sql = f"""
        WITH reach AS (
            SELECT c.id, MAX({rank}) AS furthest,
                   MAX(CASE WHEN s.to_stage = 'lost' THEN 1 ELSE 0 END) AS was_lost,
                   MAX(s.at) AS last_at
            FROM customer c
            JOIN customer_stage_change s ON s.customer_id = c.id
            WHERE c.source_campaign_id = {campaign_p} AND s.at < {end_p}
            GROUP BY c.id{entered}
        ), latest AS (
            SELECT r.furthest, r.was_lost,
                   (SELECT s2.to_stage FROM customer_stage_change s2
                    WHERE s2.customer_id = r.id AND s2.at = r.last_at
                    ORDER BY s2.id DESC LIMIT 1) AS stage_now
            FROM reach r
        )
        SELECT furthest, stage_now, was_lost, COUNT(*) AS n
        FROM latest
        GROUP BY furthest, stage_now, was_lost
    """
    return await q.fetch(sql)


def _funnel(rows: list[dict[str, Any]]) -> Funnel:
    # a handful of grouped rows (≤ 4 × 5 × 2), summed into cumulative steps
    reached = dict.fromkeys(range(1, 5), 0)
    current: dict[str, int] = {}
    lost = 0
    for row in rows:
        furthest, n = int(row["furthest"]), int(row["n"])
        for rank in range(1, furthest + 1):
            reached[rank] += n
        stage_now = str(row["stage_now"])
        current[stage_now] = current.get(stage_now, 0) + n
        lost += n if int(row["was_lost"] or 0) else 0
    steps: list[FunnelStep] = []
    previous: int | None = None
    for rank, stage in enumerate(FUNNEL, start=1):
        count = reached[rank]
        if previous is None:
            conv = Figure.none("first step")
        else:
            conv = ratio(count, previous, f"no customer reached {FUNNEL[rank - 2].value}",
                         percent=True)
        steps.append(FunnelStep(stage.value, stage.label, count, conv))
        previous = count
    return Funnel(steps=steps, lost=lost, current=current)


async def _budget_rows(conn: BaseDBAsyncClient, campaign_id: int) -> list[dict[str, Any]]:
    q = sqlkit.Params(conn)
    sql = f"""
        SELECT b.id, b.category, b.description, b.channel, b.amount, b.spent,
               SUM({sqlkit.number(q, 'b.amount')}) OVER () AS total_amount,
               SUM({sqlkit.number(q, 'b.spent')}) OVER () AS total_spent
        FROM budget_line b WHERE b.campaign_id = {q(campaign_id)}
        ORDER BY b.id
    """
    return await q.fetch(sql)


def _budget(rows: list[dict[str, Any]]) -> Budget:
    lines = []
    for r in rows:
        amount, spent = money(r["amount"]), money(r["spent"])
        lines.append(BudgetRow(
            category=r["category"], label=_label(BudgetCategory, r["category"]),
            description=r["description"],
            channel=r["channel"],
            channel_label=_label(Channel, r["channel"]) if r["channel"] else None,
            amount=amount, spent=spent,
            remaining=amount - spent,
            used=ratio(spent, amount, "no amount budgeted on this line", percent=True)))
    total = money(rows[0]["total_amount"]) if rows else Decimal("0.00")
    spent = money(rows[0]["total_spent"]) if rows else Decimal("0.00")
    return Budget(lines=lines, amount=total, spent=spent,
                  used=ratio(spent, total, "no budget lines", percent=True))


def _channels(comparison: analytics.ChannelComparison) -> list[ChannelRow]:
    return [ChannelRow(channel=r.channel or "unattributed",
                       label=_label(Channel, r.channel) if r.channel else texts.UNATTRIBUTED,
                       row=r)
            for r in comparison.rows]


async def _kpis(actor: Principal, campaign_id: int, date_from: date | None,
                date_to: date | None) -> list[KpiRow]:
    result = []
    for s in await kpis.series(actor, campaign_id, KpiGranularity.WEEK.value):
        points = [
            KpiPoint(start=p.start, end=p.end, plan=p.plan, actual=p.actual,
                     actual_note=p.actual_note, deviation=p.deviation, note=p.deviation_note,
                     alerted=p.alerted)
            for p in s.periods
            if (date_from is None or p.end >= date_from)
            and (date_to is None or p.start <= date_to)
        ]
        result.append(KpiRow(
            metric=s.goal.metric, label=_label(GoalMetric, s.goal.metric), source=s.source,
            source_label=_label(KpiSource, s.source), target=s.goal.target,
            period_start=s.goal.period_start, period_end=s.goal.period_end,
            actual_total=s.actual_so_far, actual_note=s.actual_so_far_note,
            achievement_percent=s.achievement_percent, points=points))
    return result


async def _exceptions(conn: BaseDBAsyncClient, campaign_id: int, period: analytics.Period,
                      now: datetime) -> Exceptions:
    lo = period.start
    hi = period.end if period.date_to is not None and period.end < now else None
    q = sqlkit.Params(conn)
    where = f"i.campaign_id = {q(campaign_id)}"
    if lo is not None:
        where += f" AND i.reported_at >= {q(lo)}"
    if hi is not None:
        where += f" AND i.reported_at < {q(hi)}"
    now_p = q(now)
    sql = f"""
        SELECT i.state, COUNT(*) AS n,
               SUM(CASE WHEN (i.state = 'reported' AND i.acknowledge_due_at < {now_p})
                          OR (i.state IN ('reported', 'acknowledged', 'resolving')
                              AND i.resolve_due_at < {now_p})
                        THEN 1 ELSE 0 END) AS late
        FROM incident i WHERE {where}
        GROUP BY i.state
    """
    counts = await q.fetch(sql)
    by_state = {s.value: 0 for s in IncidentState}
    late = 0
    for row in counts:
        by_state[str(row["state"])] = int(row["n"])
        late += int(row["late"] or 0)
    qs = Incident.filter(campaign_id=campaign_id, state__in=list(OPEN_INCIDENT_STATES))
    if lo is not None:
        qs = qs.filter(reported_at__gte=lo)
    if hi is not None:
        qs = qs.filter(reported_at__lt=hi)
    listed = []
    for i in await qs.order_by("resolve_due_at", "id").limit(LIST_LIMIT):
        due = (i.acknowledge_due_at if i.state == IncidentState.REPORTED.value
               else i.resolve_due_at)
        listed.append(IncidentRow(
            code=i.code, problem=i.problem, severity=_label(Severity, i.severity),
            state=i.state, reported_at=i.reported_at, due_at=due,
            late=i.resolve_due_at < now or (
                i.state == IncidentState.REPORTED.value and i.acknowledge_due_at < now)))
    return Exceptions(by_state=by_state, total=sum(by_state.values()),
                      open=sum(by_state[s] for s in OPEN_INCIDENT_STATES), late=late,
                      listed=listed)


async def _tasks(conn: BaseDBAsyncClient, campaign_id: int, today: date) -> Tasks:
    q = sqlkit.Params(conn)
    today_p = q(today)
    sql = f"""
        SELECT t.status, COUNT(*) AS n,
               SUM(CASE WHEN t.status = 'delayed'
                          OR (t.status <> 'done' AND t.end_date < {today_p})
                        THEN 1 ELSE 0 END) AS late
        FROM task t WHERE t.campaign_id = {q(campaign_id)}
        GROUP BY t.status
    """
    by_status = {s.value: 0 for s in TaskStatus}
    late = 0
    for row in await q.fetch(sql):
        by_status[str(row["status"])] = int(row["n"])
        late += int(row["late"] or 0)
    late_q = Q(status=TaskStatus.DELAYED.value) | (
        ~Q(status=TaskStatus.DONE.value) & Q(end_date__lt=today))
    rows = await Task.filter(Q(campaign_id=campaign_id) & late_q).order_by(
        "end_date", "id").limit(LIST_LIMIT)
    owners = {u.id: u for u in await User.filter(id__in=list({t.owner_id for t in rows}))}
    listed = [
        TaskRow(title=t.title, phase=t.phase,
                owner=owners[t.owner_id].display_name or owners[t.owner_id].username,
                end_date=t.end_date, status=t.status,
                days_late=max(0, (today - t.end_date).days), reason=t.status_reason)
        for t in rows
    ]
    return Tasks(by_status=by_status, total=sum(by_status.values()), late=late,
                 listed=listed)


async def gather(actor: Principal, key: str, date_from: date | None = None,
                 date_to: date | None = None) -> ReportData:
    """The report of campaign `key` (id or code) for the period, as `actor` may see it."""
    period = analytics.period_of(date_from, date_to)
    campaign = await load_campaign(actor, key)
    for obj in ("kpi", "task", "exception"):
        require(actor, obj, "read", *campaigns.rel_args(campaign))
    conn = db.connection()
    now = clock.now()
    today = clock.local_date(now, settings.current().zone)
    header = await _header(campaign, date_from, date_to)
    review = await CampaignReview.get_or_none(campaign_id=campaign.id)
    return ReportData(
        header=header,
        effect=await analytics.campaign_effect(actor, campaign.id, date_from, date_to),
        kpis=await _kpis(actor, campaign.id, date_from, date_to),
        funnel=_funnel(await _funnel_rows(conn, campaign.id, period)),
        channels=_channels(await analytics.channel_comparison(
            actor, date_from, date_to, campaign_ids=[campaign.id])),
        budget=_budget(await _budget_rows(conn, campaign.id)),
        exceptions=await _exceptions(conn, campaign.id, period, now),
        tasks=await _tasks(conn, campaign.id, today),
        review=Review(highlights=review.highlights if review else None,
                      problems=review.problems if review else None,
                      suggestions=review.suggestions if review else None),
    )
