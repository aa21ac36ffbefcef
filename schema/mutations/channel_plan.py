"""Channel-expansion plan mutations: the plan, its channels, milestones and risks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

import strawberry

from engine import validation
from engine.services.channel_plans import channels, milestones, plans, risks
from engine.validation import parse_id
from schema.context import Info
from schema.enums import (
    Channel,
    ChannelPlanEvent,
    PlanChannelEvent,
    PlanMilestoneEvent,
    PlanPhase,
    PlanRiskCategory,
    PlanRiskEvent,
    RiskLevel,
    value_of,
)
from schema.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    TransitionNotAllowedError,
    ValidationError,
    mutate,
)
from schema.mutations.customer import patched
from schema.types.channel_plan import ChannelPlan, PlanChannel, PlanMilestone, PlanRisk
from schema.types.common import ExpectedVersion, RecordId, arg

Note = Annotated[str | None, arg("The note the move needs: a reason (reject, discontinue, "
                                 "cancel, resume, mark delayed, reopen, occur, close), the "
                                 "review (a channel's review, a plan's closing summary).")]
PlanId = Annotated[strawberry.ID, arg("The plan.")]


def _maybe(value: Any, convert: Any) -> Any:
    """A patch value: UNSET and null pass through, anything else is converted."""
    value = patched(value)
    return value if value is None or value is validation.UNSET else convert(value)


@strawberry.input(description="A channel's score on one evaluation criterion.")
class CriterionScoreInput:
    criterion: str = strawberry.field(
        description="The criterion's key, e.g. user_match (see channelEvaluation.criteria).")
    score: Decimal | None = strawberry.field(
        description="On the evaluation scale (1–5), at most one decimal; null: no score.")


def _scores(items: list[CriterionScoreInput] | None) -> dict[str, Any]:
    return {s.criterion: s.score for s in items or []}


@strawberry.input(description="A candidate channel of a plan.")
class PlanChannelInput:
    name: str | None = strawberry.field(
        default=None, description="Its name (≤ 100 chars, unique in the plan); default: "
        "the candidate's.")
    channel: Channel | None = strawberry.field(
        default=None, description="The engine channel its sales are recorded under; "
        "default: the candidate's, else OTHER.")
    candidate_key: str | None = strawberry.field(
        default=None, description="Start from a candidate of the evaluation file (its "
        "scores and note).")
    scores: list[CriterionScoreInput] | None = strawberry.field(
        default=None, description="Scores (replacing the candidate's for those given).")
    note: str | None = strawberry.field(default=None, description="Why it scores so (≤ 500).")
    owner_username: str | None = strawberry.field(
        default=None, description="Who is responsible (default: the plan's owner).")
    revenue_target: Decimal | None = strawberry.field(default=None,
                                                      description="Sales target (CNY).")
    orders_target: int | None = strawberry.field(default=None, description="Orders target.")
    new_customers_target: int | None = strawberry.field(
        default=None, description="New customers target.")


def _channel(c: PlanChannelInput) -> channels.ChannelInput:
    return channels.ChannelInput(
        name=c.name, channel=value_of(c.channel) if c.channel else None,
        candidate_key=c.candidate_key, scores=_scores(c.scores), note=c.note,
        owner_username=c.owner_username, revenue_target=c.revenue_target,
        orders_target=c.orders_target, new_customers_target=c.new_customers_target)


@strawberry.input(description="A new channel-expansion plan.")
class ChannelPlanCreateInput:
    name: str = strawberry.field(description="Its name (≤ 200 chars).")
    start_month: date = strawberry.field(description="The first day of its first month.")
    months: int | None = strawberry.field(default=None,
                                          description="How many months (1–36, default 12).")
    objective: str | None = strawberry.field(default=None,
                                             description="Its core objective (≤ 500).")
    owner_username: str | None = strawberry.field(
        default=None, description="Its owner (default: you).")
    department_code: str | None = strawberry.field(
        default=None, description="Its department (default: the owner's).")
    candidates: list[str] | None = strawberry.field(
        default=None, description="Candidates of the evaluation file to start with, by key; "
        "null: all of them, []: none.")
    channels: list[PlanChannelInput] | None = strawberry.field(
        default=None, description="More candidate channels.")
    use_template: bool = strawberry.field(
        default=True, description="Start with seed 002's month-by-month milestones and its "
        "four risks (channelPlanTemplate).")


@strawberry.input(description="The plan fields to change; fields left out keep their value.")
class ChannelPlanUpdateInput:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Name.")
    objective: str | None = strawberry.field(default=strawberry.UNSET, description="Objective.")
    start_month: date | None = strawberry.field(
        default=strawberry.UNSET, description="First month (only while in draft).")
    months: int | None = strawberry.field(default=strawberry.UNSET, description="Months.")
    owner_username: str | None = strawberry.field(default=strawberry.UNSET,
                                                  description="New owner.")


@strawberry.input(description="The channel fields to change; fields left out keep theirs.")
class PlanChannelUpdateInput:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Name.")
    channel: Channel | None = strawberry.field(default=strawberry.UNSET,
                                               description="Engine channel.")
    scores: list[CriterionScoreInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Scores to set (others are kept; null clears "
        "one).")
    note: str | None = strawberry.field(default=strawberry.UNSET, description="Note.")
    owner_username: str | None = strawberry.field(default=strawberry.UNSET,
                                                  description="New owner.")
    revenue_target: Decimal | None = strawberry.field(default=strawberry.UNSET,
                                                      description="Sales target (CNY).")
    orders_target: int | None = strawberry.field(default=strawberry.UNSET,
                                                 description="Orders target.")
    new_customers_target: int | None = strawberry.field(default=strawberry.UNSET,
                                                        description="New customers target.")


@strawberry.input(description="A milestone of a plan.")
class PlanMilestoneInput:
    phase: PlanPhase = strawberry.field(description="Its phase.")
    title: str = strawberry.field(description="What is to be reached (≤ 200).")
    month_from: int = strawberry.field(description="Its first month of the plan (1 = first).")
    month_to: int = strawberry.field(description="Its last month of the plan.")
    description: str | None = strawberry.field(default=None, description="More (≤ 1000).")
    due_date: date | None = strawberry.field(
        default=None, description="Due then instead of the end of monthTo (within the plan).")
    owner_username: str | None = strawberry.field(
        default=None, description="Who is responsible (default: the plan's owner).")


@strawberry.input(description="The milestone fields to change; fields left out keep theirs.")
class PlanMilestoneUpdateInput:
    phase: PlanPhase | None = strawberry.field(default=strawberry.UNSET, description="Phase.")
    title: str | None = strawberry.field(default=strawberry.UNSET, description="Title.")
    description: str | None = strawberry.field(default=strawberry.UNSET,
                                               description="Description.")
    month_from: int | None = strawberry.field(default=strawberry.UNSET,
                                              description="First month.")
    month_to: int | None = strawberry.field(default=strawberry.UNSET, description="Last month.")
    due_date: date | None = strawberry.field(
        default=strawberry.UNSET, description="Due date (null: the end of monthTo).")
    owner_username: str | None = strawberry.field(default=strawberry.UNSET,
                                                  description="New owner.")


@strawberry.input(description="A risk of a plan's register.")
class PlanRiskInput:
    category: PlanRiskCategory = strawberry.field(description="Its category.")
    title: str = strawberry.field(description="The risk (≤ 200).")
    likelihood: RiskLevel = strawberry.field(default=RiskLevel.MEDIUM,
                                             description="How likely.")
    impact: RiskLevel = strawberry.field(default=RiskLevel.MEDIUM, description="How bad.")
    response: str | None = strawberry.field(default=None,
                                            description="The response (≤ 1000).")
    description: str | None = strawberry.field(default=None, description="More (≤ 1000).")
    owner_username: str | None = strawberry.field(
        default=None, description="Who is responsible (default: the plan's owner).")
    respond_by: date | None = strawberry.field(
        default=None, description="The response is due then (default: the template's "
        "respondWithin from today).")


@strawberry.input(description="The risk fields to change; fields left out keep theirs.")
class PlanRiskUpdateInput:
    category: PlanRiskCategory | None = strawberry.field(default=strawberry.UNSET,
                                                         description="Category.")
    title: str | None = strawberry.field(default=strawberry.UNSET, description="Title.")
    description: str | None = strawberry.field(default=strawberry.UNSET,
                                               description="Description.")
    likelihood: RiskLevel | None = strawberry.field(default=strawberry.UNSET,
                                                    description="Likelihood.")
    impact: RiskLevel | None = strawberry.field(default=strawberry.UNSET, description="Impact.")
    response: str | None = strawberry.field(default=strawberry.UNSET, description="Response.")
    owner_username: str | None = strawberry.field(default=strawberry.UNSET,
                                                  description="New owner.")
    respond_by: date | None = strawberry.field(default=strawberry.UNSET,
                                               description="New response date.")


ChannelPlanResult = Annotated[
    ChannelPlan | NotFoundError | ForbiddenError | ValidationError | TransitionNotAllowedError
    | ConflictError,
    strawberry.union("ChannelPlanResult", description="The plan after the change, or why not."),
]
PlanChannelResult = Annotated[
    PlanChannel | NotFoundError | ForbiddenError | ValidationError | TransitionNotAllowedError
    | ConflictError,
    strawberry.union("PlanChannelResult",
                     description="The plan channel after the change, or why not."),
]
PlanMilestoneResult = Annotated[
    PlanMilestone | NotFoundError | ForbiddenError | ValidationError
    | TransitionNotAllowedError | ConflictError,
    strawberry.union("PlanMilestoneResult",
                     description="The milestone after the change, or why not."),
]
PlanRiskResult = Annotated[
    PlanRisk | NotFoundError | ForbiddenError | ValidationError | TransitionNotAllowedError
    | ConflictError,
    strawberry.union("PlanRiskResult", description="The risk after the change, or why not."),
]


@strawberry.type
class ChannelPlanMutation:
    @strawberry.mutation(description="Create a channel-expansion plan in draft (code QD + "
                         "date + sequence) with its candidate channels and, by default, the "
                         "template's milestones and risks. Audited.")
    async def channel_plan_create(
        self, info: Info, input: Annotated[ChannelPlanCreateInput, arg("The plan.")],
    ) -> ChannelPlanResult:
        actor = info.context.actor
        data = plans.PlanInput(
            name=input.name, start_month=input.start_month, months=input.months,
            objective=input.objective, owner_username=input.owner_username,
            department_code=input.department_code, candidates=input.candidates,
            channels=[_channel(c) for c in input.channels or []],
            use_template=input.use_template)
        return await mutate(lambda: plans.create(actor, data), ChannelPlan.from_row)

    @strawberry.mutation(description="Change the plan's name, objective, months or owner.")
    async def channel_plan_update(
        self, info: Info, id: RecordId,
        input: Annotated[ChannelPlanUpdateInput, arg("The fields to change.")],
        expected_version: ExpectedVersion = None,
    ) -> ChannelPlanResult:
        actor = info.context.actor
        patch = plans.PlanPatch(name=patched(input.name), objective=patched(input.objective),
                                start_month=patched(input.start_month),
                                months=patched(input.months),
                                owner_username=patched(input.owner_username))
        return await mutate(lambda: plans.update(actor, parse_id("id", id), patch,
                                                 expected_version), ChannelPlan.from_row)

    @strawberry.mutation(description="Move the plan: START (needs channels and milestones; "
                         "starts the deadlines), BEGIN_REVIEW, RESUME, CLOSE (note = the "
                         "review summary), CANCEL (note = reason).")
    async def channel_plan_advance(
        self, info: Info, id: RecordId,
        event: Annotated[ChannelPlanEvent, arg("The trigger.")], note: Note = None,
        expected_version: ExpectedVersion = None,
    ) -> ChannelPlanResult:
        actor = info.context.actor
        return await mutate(lambda: plans.advance(actor, parse_id("id", id), value_of(event),
                                                  note=note, expected_version=expected_version),
                            ChannelPlan.from_row)

    @strawberry.mutation(description="Add a candidate channel to a plan.")
    async def channel_plan_channel_add(
        self, info: Info, plan_id: PlanId,
        input: Annotated[PlanChannelInput, arg("The channel.")],
    ) -> PlanChannelResult:
        actor = info.context.actor
        return await mutate(lambda: channels.add(actor, parse_id("planId", plan_id),
                                                 _channel(input)), PlanChannel.from_row)

    @strawberry.mutation(description="Change a plan channel's scores, targets, note or owner.")
    async def channel_plan_channel_update(
        self, info: Info, id: RecordId,
        input: Annotated[PlanChannelUpdateInput, arg("The fields to change.")],
        expected_version: ExpectedVersion = None,
    ) -> PlanChannelResult:
        actor = info.context.actor
        patch = channels.ChannelPatch(
            name=patched(input.name), channel=_maybe(input.channel, value_of),
            scores=_maybe(input.scores, _scores), note=patched(input.note),
            owner_username=patched(input.owner_username),
            revenue_target=patched(input.revenue_target),
            orders_target=patched(input.orders_target),
            new_customers_target=patched(input.new_customers_target))
        return await mutate(lambda: channels.update(actor, parse_id("id", id), patch,
                                                    expected_version), PlanChannel.from_row)

    @strawberry.mutation(description="Move a plan channel: EVALUATE (all five criteria "
                         "scored), SELECT, REJECT (note), RECONSIDER, START_ONBOARDING and "
                         "GO_LIVE (the plan active), REVIEW (note), CONTINUE_OPERATING, "
                         "DISCONTINUE (note).")
    async def channel_plan_channel_advance(
        self, info: Info, id: RecordId,
        event: Annotated[PlanChannelEvent, arg("The trigger.")], note: Note = None,
        expected_version: ExpectedVersion = None,
    ) -> PlanChannelResult:
        actor = info.context.actor
        return await mutate(lambda: channels.advance(
            actor, parse_id("id", id), value_of(event), note=note,
            expected_version=expected_version), PlanChannel.from_row)

    @strawberry.mutation(description="Add a milestone to a plan; due at the end of its last "
                         "month unless a due date is given.")
    async def channel_plan_milestone_add(
        self, info: Info, plan_id: PlanId,
        input: Annotated[PlanMilestoneInput, arg("The milestone.")],
    ) -> PlanMilestoneResult:
        actor = info.context.actor
        data = milestones.MilestoneInput(
            phase=value_of(input.phase), title=input.title, month_from=input.month_from,
            month_to=input.month_to, description=input.description, due_date=input.due_date,
            owner_username=input.owner_username)
        return await mutate(lambda: milestones.add(actor, parse_id("planId", plan_id), data),
                            PlanMilestone.from_row)

    @strawberry.mutation(description="Change a milestone; a new due date or owner moves its "
                         "deadline.")
    async def channel_plan_milestone_update(
        self, info: Info, id: RecordId,
        input: Annotated[PlanMilestoneUpdateInput, arg("The fields to change.")],
        expected_version: ExpectedVersion = None,
    ) -> PlanMilestoneResult:
        actor = info.context.actor
        patch = milestones.MilestonePatch(
            phase=_maybe(input.phase, value_of), title=patched(input.title),
            description=patched(input.description), month_from=patched(input.month_from),
            month_to=patched(input.month_to), due_date=patched(input.due_date),
            owner_username=patched(input.owner_username))
        return await mutate(lambda: milestones.update(actor, parse_id("id", id), patch,
                                                      expected_version), PlanMilestone.from_row)

    @strawberry.mutation(description="Move a milestone: START, COMPLETE (meets its deadline), "
                         "MARK_DELAYED (note), REOPEN (note).")
    async def channel_plan_milestone_advance(
        self, info: Info, id: RecordId,
        event: Annotated[PlanMilestoneEvent, arg("The trigger.")], note: Note = None,
        expected_version: ExpectedVersion = None,
    ) -> PlanMilestoneResult:
        actor = info.context.actor
        return await mutate(lambda: milestones.advance(
            actor, parse_id("id", id), value_of(event), note=note,
            expected_version=expected_version), PlanMilestone.from_row)

    @strawberry.mutation(description="Add a risk to a plan's register.")
    async def channel_plan_risk_add(
        self, info: Info, plan_id: PlanId, input: Annotated[PlanRiskInput, arg("The risk.")],
    ) -> PlanRiskResult:
        actor = info.context.actor
        data = risks.RiskInput(
            category=value_of(input.category), title=input.title,
            likelihood=value_of(input.likelihood), impact=value_of(input.impact),
            response=input.response, description=input.description,
            owner_username=input.owner_username, respond_by=input.respond_by)
        return await mutate(lambda: risks.add(actor, parse_id("planId", plan_id), data),
                            PlanRisk.from_row)

    @strawberry.mutation(description="Reassess a risk, rewrite its response, move its date or "
                         "hand it over.")
    async def channel_plan_risk_update(
        self, info: Info, id: RecordId,
        input: Annotated[PlanRiskUpdateInput, arg("The fields to change.")],
        expected_version: ExpectedVersion = None,
    ) -> PlanRiskResult:
        actor = info.context.actor
        patch = risks.RiskPatch(
            category=_maybe(input.category, value_of), title=patched(input.title),
            description=patched(input.description),
            likelihood=_maybe(input.likelihood, value_of),
            impact=_maybe(input.impact, value_of), response=patched(input.response),
            owner_username=patched(input.owner_username),
            respond_by=patched(input.respond_by))
        return await mutate(lambda: risks.update(actor, parse_id("id", id), patch,
                                                 expected_version), PlanRisk.from_row)

    @strawberry.mutation(description="Move a risk: MITIGATE (needs a response: give it here or "
                         "before), OCCUR (note), CLOSE (note), REOPEN (note).")
    async def channel_plan_risk_advance(
        self, info: Info, id: RecordId,
        event: Annotated[PlanRiskEvent, arg("The trigger.")], note: Note = None,
        response: Annotated[str | None, arg("The response, when mitigating.")] = None,
        expected_version: ExpectedVersion = None,
    ) -> PlanRiskResult:
        actor = info.context.actor
        return await mutate(lambda: risks.advance(
            actor, parse_id("id", id), value_of(event), note=note, response=response,
            expected_version=expected_version), PlanRisk.from_row)
