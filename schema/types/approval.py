"""Approval decisions, inbox items, delegations, bands and budget line changes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import cast

import strawberry
from strawberry.scalars import JSON

from engine.authz import Principal
from engine.machines import Band
from engine.models import ApprovalDecision as DecisionRow
from engine.models import ApprovalDelegation as DelegationRow
from engine.models.enums import Role as DomainRole
from engine.services import approvals
from schema.context import Info
from schema.enums import ApprovalDecisionKind, Role
from schema.types.campaign import Campaign
from schema.types.org import User


async def _user(info: Info, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    row = await info.context.loaders.user.load(user_id)
    return User.from_row(row) if row else None


@strawberry.type(description="One approver's decision on one level of a round.")
class ApprovalDecision:
    id: strawberry.ID = strawberry.field(description="Decision id.")
    round: int = strawberry.field(description="Which submission (1 for the first).")
    level: int = strawberry.field(description="Level decided (1, 2, …).")
    role: Role = strawberry.field(description="The role the level asked for.")
    decision: ApprovalDecisionKind = strawberry.field(description="Approved or rejected.")
    comment: str | None = strawberry.field(description="What the approver wrote.")
    at: datetime = strawberry.field(description="When.")
    _approver_id: strawberry.Private[int]
    _on_behalf_of_id: strawberry.Private[int | None]

    @strawberry.field(description="Who decided.")
    async def approver(self, info: Info) -> User:
        user = await _user(info, self._approver_id)
        assert user is not None
        return user

    @strawberry.field(description="The approver the decider stood in for (delegation).")
    async def on_behalf_of(self, info: Info) -> User | None:
        return await _user(info, self._on_behalf_of_id)

    @classmethod
    def from_row(cls, row: DecisionRow) -> ApprovalDecision:
        return cls(id=strawberry.ID(str(row.id)), round=row.round_no, level=row.level + 1,
                   role=Role(row.role), decision=ApprovalDecisionKind(row.decision),
                   comment=row.comment, at=row.at, _approver_id=row.approver_id,
                   _on_behalf_of_id=row.on_behalf_of_id)


@strawberry.type(description="A budget line added, removed or changed since the last approval.")
class BudgetLineChange:
    line_id: strawberry.ID = strawberry.field(description="The line.")
    change: str = strawberry.field(description="ADDED, REMOVED or CHANGED.")
    before: JSON | None = strawberry.field(description="The line as approved.")
    after: JSON | None = strawberry.field(description="The line now.")

    @classmethod
    def from_change(cls, change: approvals.LineChange) -> BudgetLineChange:
        return cls(line_id=strawberry.ID(str(change.line_id)), change=change.change.upper(),
                   before=cast(JSON, change.before), after=cast(JSON, change.after))


@strawberry.type(description="A budget waiting for your decision.")
class ApprovalInboxItem:
    campaign: Campaign = strawberry.field(description="The campaign and its budget.")
    level: int = strawberry.field(description="The level you would decide (1, 2, …).")
    role: Role = strawberry.field(description="The role that level asks for.")
    _on_behalf_of_id: strawberry.Private[int | None]
    _actor: strawberry.Private[Principal]

    @strawberry.field(description="Whom you would decide for (you stand in for them).")
    async def on_behalf_of(self, info: Info) -> User | None:
        return await _user(info, self._on_behalf_of_id)

    @strawberry.field(description="Lines changed since the budget was last approved.")
    async def changes_since_approval(self) -> list[BudgetLineChange]:
        return [BudgetLineChange.from_change(c) for c in
                await approvals.changes_since_approval(self._actor, self.campaign._row)]

    @classmethod
    def from_item(cls, item: approvals.InboxItem) -> ApprovalInboxItem:
        return cls(campaign=Campaign.from_row(item.campaign, item.viewer), level=item.level,
                   role=Role(item.role),
                   _on_behalf_of_id=item.on_behalf_of.id if item.on_behalf_of else None,
                   _actor=item.viewer)


@strawberry.type(description="An approver's stand-in for a window of days (out of office).")
class ApprovalDelegation:
    id: strawberry.ID = strawberry.field(description="Delegation id.")
    starts_on: date = strawberry.field(description="First day (company time).")
    ends_on: date = strawberry.field(description="Last day.")
    active: bool = strawberry.field(description="False once replaced or cancelled.")
    version: int = strawberry.field(description="Optimistic-lock version.")
    _approver_id: strawberry.Private[int]
    _delegate_id: strawberry.Private[int]

    @strawberry.field(description="Who delegates.")
    async def approver(self, info: Info) -> User:
        user = await _user(info, self._approver_id)
        assert user is not None
        return user

    @strawberry.field(description="Who may decide on the approver's behalf.")
    async def delegate(self, info: Info) -> User:
        user = await _user(info, self._delegate_id)
        assert user is not None
        return user

    @classmethod
    def from_row(cls, row: DelegationRow) -> ApprovalDelegation:
        return cls(id=strawberry.ID(str(row.id)), starts_on=row.starts_on, ends_on=row.ends_on,
                   active=row.active, version=row.version, _approver_id=row.approver_id,
                   _delegate_id=row.delegate_id)


@strawberry.type(description="Budgets up to `upTo` (inclusive; null: no bound) need these roles.")
class ApprovalBand:
    up_to: Decimal | None = strawberry.field(description="Upper bound in CNY, inclusive.")
    approvers: list[Role] = strawberry.field(description="Approver roles, level by level.")
    approver_labels: list[str] = strawberry.field(description="Their Chinese labels.")

    @classmethod
    def from_band(cls, band: Band) -> ApprovalBand:
        return cls(up_to=band.up_to, approvers=[Role(r) for r in band.approvers],
                   approver_labels=[DomainRole.of(r).label for r in band.approvers])
