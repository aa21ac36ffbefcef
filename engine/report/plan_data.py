"""The data of a channel plan's review report (《渠道拓展复盘报告》), read in a few queries.

Channels with their weighted evaluation and KPIs against targets, milestones on time or
late, risks with their responses. Whoever may read the plan may read its report: it holds
counts, sums and the plan's own texts, no customer record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from engine import clock, settings
from engine.authz import Principal
from engine.errors import NotFound
from engine.models import ChannelPlan, Department, PlanChannel, PlanMilestone, PlanRisk, User
from engine.models import enums as domain
from engine.services.channel_plans import access, channels, common, kpis, milestones, risks

TITLE = "渠道拓展复盘报告"
TIMING_LABELS = {"on_time": "按期完成", "late": "逾期完成", "overdue": "已逾期", "open": "进行中"}


@dataclass(frozen=True)
class PlanHeader:
    code: str
    name: str
    objective: str | None
    state_label: str
    owner: str
    department: str
    start_month: date
    end_date: date
    months: int
    review_summary: str | None
    generated_at: datetime


@dataclass(frozen=True)
class ChannelLine:
    name: str
    channel_label: str
    stage_label: str
    rank: int | None
    total: Decimal | None
    scores: list[tuple[str, Decimal | None]]  # by criterion, in the file's order
    note: str | None
    owner: str
    kpis: kpis.ChannelKpis | None
    revenue_target: Decimal | None
    orders_target: int | None
    new_customers_target: int | None


@dataclass(frozen=True)
class MilestoneLine:
    phase_label: str
    title: str
    month_from: int
    month_to: int
    due_date: date
    owner: str
    status_label: str
    completed_on: date | None
    timing: str  # on_time | late | overdue | open


@dataclass(frozen=True)
class RiskLine:
    category_label: str
    title: str
    likelihood_label: str
    impact_label: str
    exposure: int
    response: str | None
    owner: str
    status_label: str
    respond_by: date
    overdue: bool  # still without a response in place after its date


@dataclass(frozen=True)
class PlanReportData:
    header: PlanHeader
    criteria: list[tuple[str, Decimal]]  # label, weight
    channels: list[ChannelLine]
    milestones: list[MilestoneLine]
    risks: list[RiskLine]
    today: date

    def timing_count(self, timing: str) -> int:
        return sum(1 for m in self.milestones if m.timing == timing)


async def load_plan(actor: Principal, key: str) -> ChannelPlan:
    """The plan by id or code, if `actor` may read it (else NotFound)."""
    text = key.strip()
    qs = ChannelPlan.filter(id=int(text)) if text.isdigit() else \
        ChannelPlan.filter(code=text.upper())
    plan = await qs.first()
    if plan is None or not await access.can_read(actor, plan):
        raise NotFound(access.PLAN, key)
    return plan


async def gather(actor: Principal, key: str) -> PlanReportData:
    plan = await load_plan(actor, key)
    zone = settings.current().zone
    today = clock.local_date(clock.now(), zone)
    rows = await PlanChannel.filter(plan_id=plan.id).order_by("id")
    ms = await PlanMilestone.filter(plan_id=plan.id).order_by("due_date", "id")
    rs = await PlanRisk.filter(plan_id=plan.id).order_by("id")
    user_ids = {plan.owner_id, *(r.owner_id for r in rows), *(m.owner_id for m in ms),
                *(r.owner_id for r in rs)}
    names = {u.id: u.display_name for u in await User.filter(id__in=list(user_ids))}
    dept = await Department.get(id=plan.department_id)
    model = channels.model()
    ranked = channels.ranking(rows)
    figures = {k.channel.id: k for k in await kpis.of_plan(plan, rows)}
    lines = [ChannelLine(
        name=r.name, channel_label=domain.Channel.of(r.channel).label,
        stage_label=domain.PlanChannelStage.of(r.stage).label,
        rank=ranked[r.id].rank if r.id in ranked else None,
        total=ranked[r.id].total if r.id in ranked else None,
        scores=[(c.label, Decimal(r.scores[c.key]) if c.key in r.scores else None)
                for c in model.criteria],
        note=r.note, owner=names.get(r.owner_id, ""), kpis=figures.get(r.id),
        revenue_target=r.revenue_target, orders_target=r.orders_target,
        new_customers_target=r.new_customers_target) for r in rows]
    lines.sort(key=lambda c: (c.rank is None, c.rank or 0))
    return PlanReportData(
        header=PlanHeader(
            code=plan.code, name=plan.name, objective=plan.objective,
            state_label=domain.PlanState.of(plan.state).label,
            owner=names.get(plan.owner_id, ""), department=dept.name,
            start_month=plan.start_month, end_date=common.plan_end(plan), months=plan.months,
            review_summary=plan.review_summary, generated_at=clock.now()),
        criteria=[(c.label, c.weight) for c in model.criteria],
        channels=lines,
        milestones=[MilestoneLine(
            phase_label=domain.PlanPhase.of(m.phase).label, title=m.title,
            month_from=m.month_from, month_to=m.month_to, due_date=m.due_date,
            owner=names.get(m.owner_id, ""),
            status_label=domain.MilestoneStatus.of(m.status).label,
            completed_on=clock.local_date(m.completed_at, zone) if m.completed_at else None,
            timing=milestones.timing(m, today)) for m in ms],
        risks=sorted((RiskLine(
            category_label=domain.RiskCategory.of(r.category).label, title=r.title,
            likelihood_label=domain.RiskLevel.of(r.likelihood).label,
            impact_label=domain.RiskLevel.of(r.impact).label, exposure=risks.exposure(r),
            response=r.response, owner=names.get(r.owner_id, ""),
            status_label=domain.RiskStatus.of(r.status).label, respond_by=r.respond_by,
            overdue=r.status in (domain.RiskStatus.OPEN.value, domain.RiskStatus.OCCURRED.value)
            and today > r.respond_by) for r in rs), key=lambda r: -r.exposure),
        today=today)
