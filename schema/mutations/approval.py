"""Budget approval mutations: submit, approve, reject, withdraw; delegation; bands."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry

from engine.services import approvals
from engine.validation import parse_id
from schema.context import Info
from schema.enums import Role, values_of
from schema.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    TransitionNotAllowedError,
    ValidationError,
    mutate,
)
from schema.types.approval import ApprovalBand, ApprovalDelegation
from schema.types.campaign import Campaign, presenter
from schema.types.common import ExpectedVersion, RecordId, arg

Comment = Annotated[str | None, arg("What the approver says (kept with the decision).")]

BudgetDecisionResult = Annotated[
    Campaign
    | NotFoundError
    | ForbiddenError
    | ValidationError
    | TransitionNotAllowedError
    | ConflictError,
    strawberry.union("BudgetDecisionResult", description="The campaign, or why not."),
]


@strawberry.input(description="A stand-in for an approver over a window of days.")
class ApprovalDelegationInput:
    delegate_username: str = strawberry.field(description="The colleague who will decide.")
    starts_on: date = strawberry.field(description="First day (company time).")
    ends_on: date = strawberry.field(description="Last day (company time).")
    approver_username: str | None = strawberry.field(
        default=None, description="Whose approvals (default: yours; admins may name anyone).")


@strawberry.input(description="An approval band: up to this amount, these roles in order.")
class ApprovalBandInput:
    up_to: Decimal | None = strawberry.field(description="Inclusive upper bound; null: none.")
    approvers: list[Role] = strawberry.field(description="Approver roles, level by level.")


ApprovalDelegationResult = Annotated[
    ApprovalDelegation | NotFoundError | ValidationError | ForbiddenError | ConflictError,
    strawberry.union("ApprovalDelegationResult", description="The delegation, or why not."),
]


@strawberry.type(description="The approval bands now in force.")
class ApprovalBands:
    bands: list[ApprovalBand] = strawberry.field(description="Bands, ascending.")


ApprovalBandsResult = Annotated[
    ApprovalBands | ValidationError | ForbiddenError,
    strawberry.union("ApprovalBandsResult", description="The bands, or why not."),
]


@strawberry.type
class ApprovalMutation:
    @strawberry.mutation(description="Submit the budget for approval; its route follows from "
                         "its total. Approvers are notified.")
    async def campaign_submit_budget(
        self, info: Info, id: RecordId, expected_version: ExpectedVersion = None
    ) -> BudgetDecisionResult:
        actor = info.context.actor
        return await mutate(
            lambda: approvals.submit(actor, parse_id("id", id), expected_version),
            presenter(actor))

    @strawberry.mutation(description="Approve the current level (yours, or as a stand-in). The "
                         "last level approves the budget. Nobody approves what they submitted "
                         "or two levels of one round.")
    async def campaign_approve_budget(
        self, info: Info, id: RecordId, comment: Comment = None,
        expected_version: ExpectedVersion = None,
    ) -> BudgetDecisionResult:
        actor = info.context.actor
        return await mutate(
            lambda: approvals.approve(actor, parse_id("id", id), comment, expected_version),
            presenter(actor))

    @strawberry.mutation(description="Reject the budget at the current level (a comment is "
                         "required); it goes back to its author, comments kept.")
    async def campaign_reject_budget(
        self, info: Info, id: RecordId, comment: Comment = None,
        expected_version: ExpectedVersion = None,
    ) -> BudgetDecisionResult:
        actor = info.context.actor
        return await mutate(
            lambda: approvals.reject(actor, parse_id("id", id), comment, expected_version),
            presenter(actor))

    @strawberry.mutation(description="Take a submitted budget back (its submitter, before "
                         "the last decision).")
    async def campaign_withdraw_budget(
        self, info: Info, id: RecordId, expected_version: ExpectedVersion = None
    ) -> BudgetDecisionResult:
        actor = info.context.actor
        return await mutate(
            lambda: approvals.withdraw(actor, parse_id("id", id), expected_version),
            presenter(actor))

    @strawberry.mutation(description="Let a colleague decide your approvals for a window of "
                         "days; replaces your overlapping delegations.")
    async def approval_delegation_set(
        self, info: Info, input: Annotated[ApprovalDelegationInput, arg("The delegation.")]
    ) -> ApprovalDelegationResult:
        actor = info.context.actor
        return await mutate(
            lambda: approvals.set_delegation(
                actor, delegate_username=input.delegate_username, starts_on=input.starts_on,
                ends_on=input.ends_on, approver_username=input.approver_username),
            ApprovalDelegation.from_row)

    @strawberry.mutation(description="End a delegation early.")
    async def approval_delegation_cancel(
        self, info: Info, id: RecordId
    ) -> ApprovalDelegationResult:
        actor = info.context.actor
        return await mutate(
            lambda: approvals.cancel_delegation(actor, parse_id("id", id)),
            ApprovalDelegation.from_row)

    @strawberry.mutation(description="Replace the approval bands (admins). Budgets already "
                         "submitted keep the route they were submitted with.")
    async def approval_bands_set(
        self, info: Info, bands: Annotated[list[ApprovalBandInput], arg("Bands, ascending.")]
    ) -> ApprovalBandsResult:
        actor = info.context.actor
        raw = [{"up_to": str(b.up_to) if b.up_to is not None else None,
                "approvers": values_of(b.approvers)} for b in bands]
        return await mutate(
            lambda: approvals.set_bands(actor, raw),
            lambda result: ApprovalBands(bands=[ApprovalBand.from_band(b) for b in result]))
