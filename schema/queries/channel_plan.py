"""Channel-expansion plan queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine import machines
from engine.services.channel_plans import plans
from engine.validation import parse_id
from schema.context import Info
from schema.enums import ChannelPlanState, PlanPhase, PlanRiskCategory, RiskLevel, values_of
from schema.errors import camel_fields
from schema.types.channel_plan import ChannelPlan
from schema.types.common import After, Connection, First, RecordId, arg, connection


@strawberry.input(description="Narrow a plan list; all conditions must hold.")
class ChannelPlanFilter:
    state: list[ChannelPlanState] | None = strawberry.field(default=None,
                                                            description="Any of these states.")
    department_id: strawberry.ID | None = strawberry.field(
        default=None, description="Of this department.")
    owner_username: str | None = strawberry.field(default=None, description="Owned by.")
    search: str | None = strawberry.field(
        default=None, description="Name contains, or code starts with.")


@strawberry.type(description="A milestone of the plan template (workflows/channel_plan.yaml).")
class MilestoneTemplate:
    phase: PlanPhase = strawberry.field(description="Its phase.")
    month_from: int = strawberry.field(description="First month of the plan.")
    month_to: int = strawberry.field(description="Last month of the plan.")
    title: str = strawberry.field(description="What is to be reached.")


@strawberry.type(description="A risk of the plan template.")
class RiskTemplate:
    category: PlanRiskCategory = strawberry.field(description="Its category.")
    title: str = strawberry.field(description="The risk.")
    likelihood: RiskLevel = strawberry.field(description="Starting likelihood.")
    impact: RiskLevel = strawberry.field(description="Starting impact.")
    response: str = strawberry.field(description="The plan's response.")


@strawberry.type(description="What a plan created from the template starts with (seed 002).")
class ChannelPlanTemplate:
    milestones: list[MilestoneTemplate] = strawberry.field(description="Month by month.")
    risks: list[RiskTemplate] = strawberry.field(description="The risk register.")
    respond_within: str = strawberry.field(
        description="A risk's response is due this long after it is added (working time, "
        "e.g. 10d).")


@strawberry.type
class ChannelPlanQuery:
    @strawberry.field(description="One channel-expansion plan; null if absent or not visible "
                      "to you (the owner, anyone owning one of its parts, its department's "
                      "managers, marketing, director, finance, admin).")
    async def channel_plan(self, info: Info, id: RecordId) -> ChannelPlan | None:
        row = await plans.get(info.context.actor, parse_id("id", id))
        return ChannelPlan.from_row(row) if row else None

    @strawberry.field(description="Channel-expansion plans you may see, newest first.")
    async def channel_plans(
        self, info: Info,
        filter: Annotated[ChannelPlanFilter | None, arg("Conditions, all must hold.")] = None,
        first: First = None, after: After = None,
    ) -> Connection[ChannelPlan]:
        f = filter or ChannelPlanFilter()
        with camel_fields():
            flt = plans.PlanFilter(
                states=values_of(f.state),
                department_id=parse_id("filter.departmentId", f.department_id)
                if f.department_id else None,
                owner_username=f.owner_username, search=f.search)
            page = await plans.list_(info.context.actor, flt, first=first, after=after)
        return connection(page, ChannelPlan.from_row)

    @strawberry.field(description="The milestones and risks a plan created from the "
                      "template starts with.")
    def channel_plan_template(self, info: Info) -> ChannelPlanTemplate:
        info.context.actor  # noqa: B018 - signed-in callers only
        t = machines.plan_template()
        return ChannelPlanTemplate(
            milestones=[MilestoneTemplate(phase=PlanPhase(m.phase), month_from=m.month_from,
                                          month_to=m.month_to, title=m.title)
                        for m in t.milestones],
            risks=[RiskTemplate(category=PlanRiskCategory(r.category), title=r.title,
                                likelihood=RiskLevel(r.likelihood), impact=RiskLevel(r.impact),
                                response=r.response) for r in t.risks],
            respond_within=t.respond_within)
