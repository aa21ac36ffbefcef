"""Budget approval: rounds, decisions, delegations, and the admin's band configuration."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from engine.models.base import Versioned
from engine.models.campaign import Campaign
from engine.models.org import User


class ApprovalRound(Model):
    """One submission of a budget: what was submitted, the route it must pass, the end."""

    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="approval_rounds", on_delete=fields.CASCADE
    )
    campaign_id: int
    round_no = fields.IntField()
    submitted_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.RESTRICT
    )
    submitted_by_id: int
    submitted_at = fields.DatetimeField()
    total = fields.DecimalField(max_digits=16, decimal_places=2)
    lines: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(
        default=list, description="the budget lines as submitted"
    )
    route: fields.JSONField[list[str]] = fields.JSONField(
        default=list, description="approver roles, level by level"
    )
    outcome = fields.CharField(max_length=16, null=True)
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "approval_round"
        unique_together = (("campaign_id", "round_no"),)


class ApprovalDecision(Model):
    id = fields.BigIntField(primary_key=True)
    round: fields.ForeignKeyRelation[ApprovalRound] = fields.ForeignKeyField(
        "models.ApprovalRound", related_name="decisions", on_delete=fields.CASCADE
    )
    round_id: int
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="approval_decisions", on_delete=fields.CASCADE
    )
    campaign_id: int
    round_no = fields.IntField()
    level = fields.IntField()
    role = fields.CharField(max_length=32)
    approver: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.RESTRICT
    )
    approver_id: int
    on_behalf_of: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    on_behalf_of_id: int | None
    decision = fields.CharField(max_length=16)
    comment = fields.CharField(max_length=1000, null=True)
    at = fields.DatetimeField()

    class Meta:
        table = "approval_decision"
        # One decision per level and round: two approvers racing on one level cannot both win.
        unique_together = (("round_id", "level"),)
        indexes = (
            Index(fields=("campaign_id", "round_no", "approver_id"), name="ix_decision_round"),
            Index(fields=("approver_id", "id"), name="ix_decision_approver"),
        )


class ApprovalDelegation(Versioned):
    """An approver's stand-in for a window of days (out of office)."""

    id = fields.BigIntField(primary_key=True)
    approver: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="delegations_given", on_delete=fields.CASCADE
    )
    approver_id: int
    delegate: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="delegations_received", on_delete=fields.CASCADE
    )
    delegate_id: int
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    active = fields.BooleanField(default=True)

    class Meta:
        table = "approval_delegation"
        indexes = (
            Index(fields=("delegate_id", "active", "starts_on", "ends_on"),
                  name="ix_delegation_delegate"),
            Index(fields=("approver_id", "active"), name="ix_delegation_approver"),
        )


class EngineSetting(Versioned):
    """Configuration admins change at run time (e.g. approval bands), by key, audited."""

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=64, unique=True)
    value: fields.JSONField[Any] = fields.JSONField()

    class Meta:
        table = "engine_setting"
