"""The channel-expansion plan (渠道拓展计划, seed 002): the plan, its channels, milestones
and risks (docs/channel-plan.md)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry

from engine import clock
from engine.models import ChannelPlan as PlanRow
from engine.models import PlanChannel as ChannelRow
from engine.models import PlanMilestone as MilestoneRow
from engine.models import PlanRisk as RiskRow
from engine.models import enums as domain
from engine.services.analytics import evaluation
from engine.services.channel_plans import access, channels, common, kpis, milestones, plans, risks
from schema.context import Info
from schema.enums import (
    Channel,
    ChannelPlanState,
    PlanChannelStage,
    PlanMilestoneStatus,
    PlanPhase,
    PlanRiskCategory,
    PlanRiskStatus,
    RiskLevel,
    values_of,
)
from schema.errors import camel_fields
from schema.types.analytics import CriterionScore, EvaluationCriterion, Figure
from schema.types.common import After, Connection, First, arg, connection
from schema.types.org import Department, User


async def _user(info: Info, user_id: int) -> User:
    row = await info.context.loaders.user.load(user_id)
    assert row is not None
    return User.from_row(row)


def _events(events: list[str]) -> list[str]:
    return [e.upper() for e in events]


async def _part_events(info: Info, allowed: Any, row: Any) -> list[str]:
    """A part's available events: its workflow's moves that the caller may make on it."""
    plan = await access.get(info.context.actor, row.plan_id)
    return _events(allowed(info.context.actor, row, plan)) if plan else []


@strawberry.type(description="A channel's sales figures over the plan's months (to today) "
                 "against its targets (销售指标, 用户指标).")
class PlanChannelKpis:
    date_from: date = strawberry.field(name="from", description="The plan's first day.")
    date_to: date = strawberry.field(name="to", description="Today, or the plan's last day.")
    revenue: Decimal = strawberry.field(
        description="Sales (销售额): the orders of its engine channel in the period, CNY.")
    orders: int = strawberry.field(description="Orders (订单量) in the period.")
    aov: Figure = strawberry.field(description="AOV (客单价) = revenue ÷ orders, CNY.")
    new_customers: int = strawberry.field(
        description="Customers from this channel created in the period (新增用户).")
    revenue_achievement: Figure = strawberry.field(
        description="revenue ÷ revenueTarget as a fraction (0.8500 = 85 %).")
    orders_achievement: Figure = strawberry.field(
        description="orders ÷ ordersTarget as a fraction.")
    new_customers_achievement: Figure = strawberry.field(
        description="newCustomers ÷ newCustomersTarget as a fraction.")

    @classmethod
    def of(cls, k: kpis.ChannelKpis) -> PlanChannelKpis:
        return cls(date_from=k.date_from, date_to=k.date_to, revenue=k.revenue,
                   orders=k.orders, aov=Figure.of(k.aov), new_customers=k.new_customers,
                   revenue_achievement=Figure.of(k.revenue_achievement),
                   orders_achievement=Figure.of(k.orders_achievement),
                   new_customers_achievement=Figure.of(k.new_customers_achievement))


@strawberry.type(description="A candidate channel of a plan: its evaluation, where it stands "
                 "and its targets (候选渠道).")
class PlanChannel:
    id: strawberry.ID = strawberry.field(description="Plan channel id.")
    name: str = strawberry.field(description="Its name, e.g. 社交内容电商平台 or 抖音小店.")
    channel: Channel = strawberry.field(description="The engine channel its sales are "
                                        "recorded under (orders, customers' source channel).")
    channel_label: str = strawberry.field(description="Chinese label of the channel.")
    candidate_key: str | None = strawberry.field(
        description="The candidate of the evaluation file it came from, if any.")
    stage: PlanChannelStage = strawberry.field(description="Where it stands.")
    stage_label: str = strawberry.field(description="Chinese label of the stage.")
    stage_reason: str | None = strawberry.field(
        description="The note of its last move (why rejected or stopped, …).")
    note: str | None = strawberry.field(description="Why it scores as it does.")
    missing_criteria: list[str] = strawberry.field(
        description="Criteria without a score yet (evaluate needs none missing).")
    revenue_target: Decimal | None = strawberry.field(description="Sales target (CNY).")
    orders_target: int | None = strawberry.field(description="Orders target.")
    new_customers_target: int | None = strawberry.field(description="New customers target.")
    review_note: str | None = strawberry.field(description="Its review (复盘).")
    selected_at: datetime | None = strawberry.field(description="When it was selected.")
    live_at: datetime | None = strawberry.field(description="When it went live (正式运营).")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")
    _row: strawberry.Private[ChannelRow]

    @strawberry.field(description="Its score on each criterion, with the weights.")
    def scores(self) -> list[CriterionScore]:
        model = channels.model()
        out = []
        for c in model.criteria:
            raw = (self._row.scores or {}).get(c.key)
            if raw is not None:
                score = Decimal(raw)
                out.append(CriterionScore(criterion=EvaluationCriterion.of(c), score=score,
                                          weight=c.weight,
                                          contribution=(score * c.weight).quantize(
                                              evaluation.RATIO)))
        return out

    @strawberry.field(description="Σ score × weight; null until every criterion is scored.")
    async def total(self, info: Info) -> Decimal | None:
        hit = (await _ranking(info, self._row.plan_id)).get(self._row.id)
        return hit.total if hit else None

    @strawberry.field(description="Its rank among the plan's fully scored channels (1 = "
                      "best, ties share); null until every criterion is scored.")
    async def rank(self, info: Info) -> int | None:
        hit = (await _ranking(info, self._row.plan_id)).get(self._row.id)
        return hit.rank if hit else None

    @strawberry.field(description="Who is responsible for it.")
    async def owner(self, info: Info) -> User:
        return await _user(info, self._row.owner_id)

    @strawberry.field(description="Its sales over the plan's months against its targets.")
    async def kpis(self, info: Info) -> PlanChannelKpis | None:
        plan = await access.get(info.context.actor, self._row.plan_id)
        if plan is None:
            return None
        found = await kpis.of_plan(plan, [self._row])
        return PlanChannelKpis.of(found[0]) if found else None

    @strawberry.field(description="Events its workflow allows next and you may perform "
                      "(upper-case).")
    async def available_events(self, info: Info) -> list[str]:
        return await _part_events(info, channels.allowed_events, self._row)

    @classmethod
    def from_row(cls, row: ChannelRow) -> PlanChannel:
        return cls(
            id=strawberry.ID(str(row.id)), name=row.name, channel=Channel(row.channel),
            channel_label=domain.Channel.of(row.channel).label,
            candidate_key=row.candidate_key, stage=PlanChannelStage(row.stage),
            stage_label=domain.PlanChannelStage.of(row.stage).label,
            stage_reason=row.stage_reason, note=row.note,
            missing_criteria=channels.missing_criteria(row),
            revenue_target=row.revenue_target, orders_target=row.orders_target,
            new_customers_target=row.new_customers_target, review_note=row.review_note,
            selected_at=row.selected_at, live_at=row.live_at, version=row.version, _row=row)


async def _ranking(info: Info, plan_id: int) -> dict[int, evaluation.ChannelEvaluation]:
    ranked: dict[int, evaluation.ChannelEvaluation] | None = \
        await info.context.loaders.plan_ranking.load(plan_id)
    return ranked or {}


@strawberry.type(description="A milestone of a plan, by months of it (项目里程碑).")
class PlanMilestone:
    id: strawberry.ID = strawberry.field(description="Milestone id.")
    phase: PlanPhase = strawberry.field(description="The phase it belongs to.")
    phase_label: str = strawberry.field(description="Chinese label of the phase.")
    title: str = strawberry.field(description="What is to be reached.")
    description: str | None = strawberry.field(description="More about it.")
    month_from: int = strawberry.field(description="Its first month of the plan (1 = the "
                                       "plan's first).")
    month_to: int = strawberry.field(description="Its last month of the plan.")
    due_date: date = strawberry.field(
        description="Due at the end of this working day (the end of monthTo unless moved).")
    status: PlanMilestoneStatus = strawberry.field(description="Where it stands.")
    status_label: str = strawberry.field(description="Chinese label of the status.")
    status_reason: str | None = strawberry.field(
        description="Why it was delayed or reopened ('escalated' when the deadline worker "
        "marked it).")
    started_at: datetime | None = strawberry.field(description="When it was started.")
    completed_at: datetime | None = strawberry.field(description="When it was done.")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")
    _row: strawberry.Private[MilestoneRow]

    @strawberry.field(description="ON_TIME or LATE once done; OVERDUE while open past its "
                      "due date; OPEN otherwise (company time).")
    def timing(self, info: Info) -> str:
        today = clock.local_date(clock.now(), info.context.settings.zone)
        return milestones.timing(self._row, today).upper()

    @strawberry.field(description="Who is responsible for it.")
    async def owner(self, info: Info) -> User:
        return await _user(info, self._row.owner_id)

    @strawberry.field(description="Events its workflow allows next and you may perform "
                      "(upper-case).")
    async def available_events(self, info: Info) -> list[str]:
        return await _part_events(info, milestones.allowed_events, self._row)

    @classmethod
    def from_row(cls, row: MilestoneRow) -> PlanMilestone:
        return cls(
            id=strawberry.ID(str(row.id)), phase=PlanPhase(row.phase),
            phase_label=domain.PlanPhase.of(row.phase).label, title=row.title,
            description=row.description, month_from=row.month_from, month_to=row.month_to,
            due_date=row.due_date, status=PlanMilestoneStatus(row.status),
            status_label=domain.MilestoneStatus.of(row.status).label,
            status_reason=row.status_reason, started_at=row.started_at,
            completed_at=row.completed_at, version=row.version, _row=row)


@strawberry.type(description="A risk of a plan's register (风险识别与应对).")
class PlanRisk:
    id: strawberry.ID = strawberry.field(description="Risk id.")
    category: PlanRiskCategory = strawberry.field(description="What kind of risk.")
    category_label: str = strawberry.field(description="Chinese label, e.g. 平台政策变动风险.")
    title: str = strawberry.field(description="The risk.")
    description: str | None = strawberry.field(description="More about it.")
    likelihood: RiskLevel = strawberry.field(description="How likely (可能性).")
    impact: RiskLevel = strawberry.field(description="How bad if it happens (影响程度).")
    exposure: int = strawberry.field(
        description="likelihood × impact, 1 (low, low) to 9 (high, high): ranks the register.")
    response: str | None = strawberry.field(description="The response (应对措施).")
    status: PlanRiskStatus = strawberry.field(description="Where it stands.")
    status_label: str = strawberry.field(description="Chinese label of the status.")
    status_reason: str | None = strawberry.field(description="The note of its last move.")
    respond_by: date = strawberry.field(
        description="Its response must be in place (MITIGATING) by the end of this working "
        "day; it escalates otherwise while the plan runs.")
    closed_at: datetime | None = strawberry.field(description="When it was closed.")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")
    _row: strawberry.Private[RiskRow]

    @strawberry.field(description="Who is responsible for it.")
    async def owner(self, info: Info) -> User:
        return await _user(info, self._row.owner_id)

    @strawberry.field(description="Events its workflow allows next and you may perform "
                      "(upper-case).")
    async def available_events(self, info: Info) -> list[str]:
        return await _part_events(info, risks.allowed_events, self._row)

    @classmethod
    def from_row(cls, row: RiskRow) -> PlanRisk:
        return cls(
            id=strawberry.ID(str(row.id)), category=PlanRiskCategory(row.category),
            category_label=domain.RiskCategory.of(row.category).label, title=row.title,
            description=row.description, likelihood=RiskLevel(row.likelihood),
            impact=RiskLevel(row.impact), exposure=risks.exposure(row),
            response=row.response, status=PlanRiskStatus(row.status),
            status_label=domain.RiskStatus.of(row.status).label,
            status_reason=row.status_reason, respond_by=row.respond_by,
            closed_at=row.closed_at, version=row.version, _row=row)


StatusFilter = Annotated[list[PlanMilestoneStatus] | None, arg("Only these statuses.")]
RiskStatusFilter = Annotated[list[PlanRiskStatus] | None, arg("Only these statuses.")]


@strawberry.type(description="A channel-expansion plan (网络销售渠道拓展计划): candidate channels "
                 "through evaluation → selection → onboarding → operation → review, with "
                 "month-by-month milestones and a risk register.")
class ChannelPlan:
    id: strawberry.ID = strawberry.field(description="Plan id.")
    code: str = strawberry.field(description="Read-only code, e.g. QD20260803001.")
    name: str = strawberry.field(description="Its name.")
    objective: str | None = strawberry.field(description="Its core objective (核心目标).")
    start_month: date = strawberry.field(description="The first day of its first month.")
    months: int = strawberry.field(description="How many months it runs.")
    end_date: date = strawberry.field(description="The last day of its last month.")
    state: ChannelPlanState = strawberry.field(description="Where it stands.")
    state_label: str = strawberry.field(description="Chinese label of the state.")
    state_reason: str | None = strawberry.field(description="The note of its last move.")
    review_summary: str | None = strawberry.field(description="Its closing review (复盘总结).")
    started_at: datetime | None = strawberry.field(description="When it was started.")
    closed_at: datetime | None = strawberry.field(description="When it was closed or "
                                                  "cancelled.")
    created_at: datetime = strawberry.field(description="When it was created.")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")
    _row: strawberry.Private[PlanRow]

    @strawberry.field(description="Its owner (first responsible).")
    async def owner(self, info: Info) -> User:
        return await _user(info, self._row.owner_id)

    @strawberry.field(description="The department it belongs to.")
    async def department(self, info: Info) -> Department:
        row = await info.context.loaders.department.load(self._row.department_id)
        assert row is not None
        return Department.from_row(row)

    @strawberry.field(description="Events its workflow allows next and you may perform "
                      "(upper-case).")
    def available_events(self, info: Info) -> list[str]:
        return _events(plans.allowed_events(info.context.actor, self._row))

    @strawberry.field(description="Its candidate channels in the order they were added.")
    async def channels(self, info: Info, first: First = None, after: After = None
                       ) -> Connection[PlanChannel]:
        with camel_fields():
            page = await plans.parts(info.context.actor, self._row, access.CHANNEL, (),
                                     first=first, after=after)
        return connection(page, PlanChannel.from_row)

    @strawberry.field(description="Its milestones, soonest due first.")
    async def milestones(self, info: Info, status: StatusFilter = None, first: First = None,
                         after: After = None) -> Connection[PlanMilestone]:
        with camel_fields():
            page = await plans.parts(info.context.actor, self._row, access.MILESTONE,
                                     values_of(status), first=first, after=after)
        return connection(page, PlanMilestone.from_row)

    @strawberry.field(description="Its risk register, in the order risks were added.")
    async def risks(self, info: Info, status: RiskStatusFilter = None, first: First = None,
                    after: After = None) -> Connection[PlanRisk]:
        with camel_fields():
            page = await plans.parts(info.context.actor, self._row, access.RISK,
                                     values_of(status), first=first, after=after)
        return connection(page, PlanRisk.from_row)

    @strawberry.field(description="Where its review report is (HTML and PDF).")
    def review_report(self) -> ChannelPlanReviewReport:
        from schema.http_reports import plan_report_url

        return ChannelPlanReviewReport(
            plan_id=strawberry.ID(str(self._row.id)), plan_code=self._row.code,
            html_url=plan_report_url(self._row.code, "html"),
            pdf_url=plan_report_url(self._row.code, "pdf"))

    @classmethod
    def from_row(cls, row: PlanRow) -> ChannelPlan:
        return cls(
            id=strawberry.ID(str(row.id)), code=row.code, name=row.name,
            objective=row.objective, start_month=row.start_month, months=row.months,
            end_date=common.plan_end(row), state=ChannelPlanState(row.state),
            state_label=domain.PlanState.of(row.state).label, state_reason=row.state_reason,
            review_summary=row.review_summary, started_at=row.started_at,
            closed_at=row.closed_at, created_at=row.created_at, version=row.version, _row=row)


@strawberry.type(description="Where a plan's review report (渠道拓展复盘报告) is fetched; paths "
                 "relative to the server root, with the same bearer token as /graphql.")
class ChannelPlanReviewReport:
    plan_id: strawberry.ID = strawberry.field(description="The plan.")
    plan_code: str = strawberry.field(description="Its code.")
    html_url: str = strawberry.field(description="The report as a self-contained HTML page.")
    pdf_url: str = strawberry.field(description="The report as a PDF.")

