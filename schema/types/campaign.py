"""The Campaign type (推广活动计划表) with its goals, phases and budget."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from engine.authz import Principal
from engine.models import BudgetLine as BudgetLineRow
from engine.models import Campaign as CampaignRow
from engine.models import CampaignGoal as GoalRow
from engine.models import PhaseWindow as PhaseRow
from engine.models.enums import ApprovalState as DomainApprovalState
from engine.models.enums import BudgetCategory as DomainCategory
from engine.models.enums import CampaignPhase as DomainPhase
from engine.models.enums import CampaignType as DomainType
from engine.models.enums import GoalMetric as DomainMetric
from engine.models.enums import Role as DomainRole
from engine.services import approvals, campaigns, tasks
from schema.context import Info
from schema.enums import (
    ApprovalState,
    BudgetCategory,
    CampaignPhase,
    CampaignType,
    Channel,
    GoalMetric,
    Role,
)
from schema.types.common import After, Connection, First, connection
from schema.types.org import Department, User
from schema.types.product import Product

if TYPE_CHECKING:
    from schema.types.approval import ApprovalDecision, BudgetLineChange
    from schema.types.task import Task

TaskType = Annotated["Task", strawberry.lazy("schema.types.task")]
DecisionType = Annotated["ApprovalDecision", strawberry.lazy("schema.types.approval")]
LineChangeType = Annotated["BudgetLineChange", strawberry.lazy("schema.types.approval")]


@strawberry.type(description="A SMART goal: a metric, a target and its period (推广目标).")
class Goal:
    id: strawberry.ID = strawberry.field(description="Goal id.")
    metric: GoalMetric = strawberry.field(description="What is measured.")
    metric_label: str = strawberry.field(description="Chinese label of the metric.")
    target: Decimal = strawberry.field(description="The target value.")
    period_start: date = strawberry.field(description="First day of the goal's period.")
    period_end: date = strawberry.field(description="Last day of the goal's period.")

    @classmethod
    def from_row(cls, row: GoalRow) -> Goal:
        return cls(id=strawberry.ID(str(row.id)), metric=GoalMetric(row.metric),
                   metric_label=DomainMetric.of(row.metric).label, target=row.target,
                   period_start=row.period_start, period_end=row.period_end)


@strawberry.type(description="The dates of one phase of the campaign (关键节点).")
class PhaseWindow:
    phase: CampaignPhase = strawberry.field(description="The phase.")
    label: str = strawberry.field(description="Chinese label, e.g. 筹备期.")
    start_date: date = strawberry.field(description="First day.")
    end_date: date = strawberry.field(description="Last day.")

    @classmethod
    def from_row(cls, row: PhaseRow) -> PhaseWindow:
        return cls(phase=CampaignPhase(row.phase), label=DomainPhase.of(row.phase).label,
                   start_date=row.start_date, end_date=row.end_date)


@strawberry.type(description="A line of the budget (预算明细).")
class BudgetLine:
    id: strawberry.ID = strawberry.field(description="Line id.")
    category: BudgetCategory = strawberry.field(description="The kind of cost.")
    category_label: str = strawberry.field(description="Chinese label of the category.")
    description: str = strawberry.field(description="What the money is for.")
    amount: Decimal = strawberry.field(description="Amount in CNY, exact to the fen.")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")
    channel: Channel | None = strawberry.field(
        description="The channel this cost buys; null: shared by all the campaign's channels "
        "(channel comparison splits it equally)."
    )
    spent: Decimal = strawberry.field(
        description="Actually spent so far (CNY), recorded with campaignBudgetLineSpendRecord; "
        "recording it does not send the budget back to approval."
    )

    @classmethod
    def from_row(cls, row: BudgetLineRow) -> BudgetLine:
        return cls(id=strawberry.ID(str(row.id)), category=BudgetCategory(row.category),
                   category_label=DomainCategory.of(row.category).label,
                   description=row.description, amount=row.amount, version=row.version,
                   channel=Channel(row.channel) if row.channel else None,
                   spent=row.spent)


@strawberry.type(description="A department that works on the campaign, and how (协作部门).")
class Collaborator:
    department: str = strawberry.field(description="The department's name.")
    responsibility: str | None = strawberry.field(description="What it does, e.g. 直播支持.")


@strawberry.type(description="One level of an approval route and who may decide it.")
class ApprovalRouteLevel:
    level: int = strawberry.field(description="1 for the first level.")
    role: Role = strawberry.field(description="The role that approves this level.")
    role_label: str = strawberry.field(description="Chinese label of the role.")
    approvers: list[User] = strawberry.field(
        description="Who holds that role for this department now (delegates not listed)."
    )

    @classmethod
    def from_level(cls, level: approvals.RouteLevel) -> ApprovalRouteLevel:
        return cls(level=level.level, role=Role(level.role),
                   role_label=DomainRole.of(level.role).label,
                   approvers=[User.from_row(u) for u in level.approvers])


@strawberry.type(
    description="A campaign plan (推广活动). Budget figures are null for roles that may not "
    "see budgets (budgetVisible = false)."
)
class Campaign:
    id: strawberry.ID = strawberry.field(description="Campaign id.")
    code: str = strawberry.field(description="Read-only code, e.g. HD20261123001.")
    name: str = strawberry.field(description="Name (活动名称).")
    type: CampaignType = strawberry.field(description="Kind of campaign (活动类型).")
    type_label: str = strawberry.field(description="Chinese label of the type.")
    target_audience: str | None = strawberry.field(description="Target audience (目标客户群体).")
    start_date: date = strawberry.field(description="First day (起止时间).")
    end_date: date = strawberry.field(description="Last day.")
    kpi_alert_threshold: Decimal = strawberry.field(
        description="KPI deviation that raises an alert, as a fraction (0.2 = 20 %)."
    )
    collaborators: list[Collaborator] = strawberry.field(description="协作部门.")
    approval_state: ApprovalState = strawberry.field(description="Budget approval state.")
    approval_state_label: str = strawberry.field(description="Chinese label of the state.")
    approval_level: int | None = strawberry.field(
        description="While submitted: the level (1, 2, …) waiting for a decision."
    )
    pending_role: Role | None = strawberry.field(
        description="While submitted: the role that decides the current level."
    )
    submitted_at: datetime | None = strawberry.field(description="When last submitted.")
    approved_at: datetime | None = strawberry.field(description="When last approved.")
    budget_visible: bool = strawberry.field(description="Whether you may see the budget.")
    budget_total: Decimal | None = strawberry.field(
        description="Sum of the budget lines (derived, never typed in); null if hidden."
    )
    approved_total: Decimal | None = strawberry.field(
        description="The total as last approved; null if never approved or hidden."
    )
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")
    created_at: datetime = strawberry.field(description="When the plan was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    _row: strawberry.Private[CampaignRow]
    _actor: strawberry.Private[Principal]

    @strawberry.field(description="The first responsible person (负责人).")
    async def owner(self, info: Info) -> User:
        row = await info.context.loaders.user.load(self._row.owner_id)
        assert row is not None
        return User.from_row(row)

    @strawberry.field(description="The department running the campaign.")
    async def department(self, info: Info) -> Department:
        row = await info.context.loaders.department.load(self._row.department_id)
        assert row is not None
        return Department.from_row(row)

    @strawberry.field(description="Who submitted the budget last.")
    async def submitted_by(self, info: Info) -> User | None:
        if self._row.submitted_by_id is None:
            return None
        row = await info.context.loaders.user.load(self._row.submitted_by_id)
        return User.from_row(row) if row else None

    @strawberry.field(description="The catalogue products the campaign promotes (at most 20).")
    async def products(self, info: Info) -> list[Product]:
        rows = await info.context.loaders.campaign_products.load(self._row.id)
        return [Product.from_row(p) for p in rows or []]

    @strawberry.field(description="Promotion channels (推广渠道, at least two).")
    async def channels(self, info: Info) -> list[Channel]:
        values = await info.context.loaders.channels.load(self._row.id)
        return [Channel(v) for v in values or []]

    @strawberry.field(description="Quantified goals (推广目标).")
    async def goals(self, info: Info) -> list[Goal]:
        return [Goal.from_row(g) for g in await info.context.loaders.goals.load(self._row.id)]

    @strawberry.field(description="Phase windows: preparation, warm-up, execution, review.")
    async def phases(self, info: Info) -> list[PhaseWindow]:
        rows = await info.context.loaders.phases.load(self._row.id)
        return [PhaseWindow.from_row(p) for p in rows]

    @strawberry.field(description="Budget lines (预算明细); null if you may not see budgets.")
    async def budget_lines(self, info: Info) -> list[BudgetLine] | None:
        if not self.budget_visible:  # the engine's can_read_budget, from from_row
            return None
        rows = await info.context.loaders.budget_lines.load(self._row.id)
        return [BudgetLine.from_row(line) for line in rows]

    @strawberry.field(
        description="Lines that differ from the last approved budget (what approvers should "
        "look at); empty if never approved; null if you may not see budgets."
    )
    async def budget_changes_since_approval(self) -> list[LineChangeType] | None:
        from schema.types.approval import BudgetLineChange

        if not self.budget_visible:
            return None
        return [BudgetLineChange.from_change(c)
                for c in await approvals.changes_since_approval(self._actor, self._row)]

    @strawberry.field(description="The route of the current (or last) approval round.")
    async def approval_route(self) -> list[ApprovalRouteLevel] | None:
        levels = await approvals.current_route(self._actor, self._row)
        return None if levels is None else [ApprovalRouteLevel.from_level(lv) for lv in levels]

    @strawberry.field(description="Every approval decision on this budget, oldest first.")
    async def approval_decisions(
        self, first: First = None, after: After = None
    ) -> Connection[DecisionType] | None:
        from schema.types.approval import ApprovalDecision

        if not self.budget_visible:
            return None
        page = await approvals.decisions(self._actor, self._row, first=first, after=after)
        return connection(page, ApprovalDecision.from_row)

    @strawberry.field(description="The campaign's tasks, earliest end first.")
    async def tasks(self, first: First = None, after: After = None) -> Connection[TaskType]:
        from schema.types.task import Task

        page = await tasks.list_(self._actor, tasks.TaskFilter(campaign_id=self._row.id),
                                 first=first, after=after)
        return connection(page, Task.from_row)

    @classmethod
    def from_row(cls, row: CampaignRow, actor: Principal) -> Campaign:
        visible = campaigns.can_read_budget(actor, row)
        return cls(
            id=strawberry.ID(str(row.id)), code=row.code, name=row.name,
            type=CampaignType(row.campaign_type), type_label=DomainType.of(row.campaign_type).label,
            target_audience=row.target_audience, start_date=row.start_date,
            end_date=row.end_date, kpi_alert_threshold=row.kpi_alert_threshold,
            collaborators=[Collaborator(department=c.get("department", ""),
                                        responsibility=c.get("responsibility"))
                           for c in row.collaborators or []],
            approval_state=ApprovalState(row.approval_state),
            approval_state_label=DomainApprovalState.of(row.approval_state).label,
            approval_level=row.approval_level + 1 if row.approval_level is not None else None,
            pending_role=Role(row.pending_role) if row.pending_role else None,
            submitted_at=row.submitted_at, approved_at=row.approved_at,
            budget_visible=visible,
            budget_total=row.budget_total if visible else None,
            approved_total=row.approved_total if visible else None,
            version=row.version, created_at=row.created_at, updated_at=row.updated_at,
            _row=row, _actor=actor,
        )


def presenter(actor: Principal) -> Any:
    return lambda row: Campaign.from_row(row, actor)
