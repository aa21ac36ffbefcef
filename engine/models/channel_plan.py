"""The channel-expansion plan (网络销售渠道拓展计划书, seed 002): the plan, its candidate
channels, its month-by-month milestones and its risk register."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from engine.models.base import Versioned
from engine.models.org import Department, User


class ChannelPlan(Versioned):
    id = fields.BigIntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    objective = fields.CharField(max_length=500, null=True, description="核心目标")
    start_month = fields.DateField(description="the first day of the plan's first month")
    months = fields.IntField(description="how many months the plan runs (usually 12)")
    state = fields.CharField(max_length=16)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="owned_channel_plans", on_delete=fields.RESTRICT
    )
    owner_id: int
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="channel_plans", on_delete=fields.RESTRICT
    )
    department_id: int
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    state_reason = fields.CharField(max_length=500, null=True)
    review_summary = fields.CharField(max_length=1000, null=True, description="复盘总结")
    started_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "channel_plan"
        indexes = (
            Index(fields=("department_id", "id"), name="ix_channel_plan_department"),
            Index(fields=("owner_id", "id"), name="ix_channel_plan_owner"),
        )


class PlanChannel(Versioned):
    """A candidate channel of a plan: its evaluation scores, stage and KPI targets."""

    id = fields.BigIntField(primary_key=True)
    plan: fields.ForeignKeyRelation[ChannelPlan] = fields.ForeignKeyField(
        "models.ChannelPlan", related_name="channels", on_delete=fields.CASCADE
    )
    plan_id: int
    name = fields.CharField(max_length=100)
    channel = fields.CharField(max_length=32, description="the engine channel its sales use")
    candidate_key = fields.CharField(max_length=64, null=True,
                                     description="the candidate of channel_evaluation.yaml")
    stage = fields.CharField(max_length=16)
    scores: fields.JSONField[dict[str, int]] = fields.JSONField(default=dict)
    note = fields.CharField(max_length=500, null=True)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="owned_plan_channels", on_delete=fields.RESTRICT
    )
    owner_id: int
    revenue_target = fields.DecimalField(max_digits=16, decimal_places=2, null=True)
    orders_target = fields.IntField(null=True)
    new_customers_target = fields.IntField(null=True)
    stage_reason = fields.CharField(max_length=500, null=True)
    review_note = fields.CharField(max_length=1000, null=True)
    selected_at = fields.DatetimeField(null=True)
    live_at = fields.DatetimeField(null=True)

    class Meta:
        table = "plan_channel"
        unique_together = (("plan_id", "name"),)
        indexes = (Index(fields=("plan_id", "id"), name="ix_plan_channel_plan"),)


class PlanMilestone(Versioned):
    """A milestone by months of the plan (第1个月, 第2-3个月 …), due at the end of its last."""

    id = fields.BigIntField(primary_key=True)
    plan: fields.ForeignKeyRelation[ChannelPlan] = fields.ForeignKeyField(
        "models.ChannelPlan", related_name="milestones", on_delete=fields.CASCADE
    )
    plan_id: int
    phase = fields.CharField(max_length=16)
    title = fields.CharField(max_length=200)
    description = fields.CharField(max_length=1000, null=True)
    month_from = fields.IntField()
    month_to = fields.IntField()
    due_date = fields.DateField()
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="owned_plan_milestones", on_delete=fields.RESTRICT
    )
    owner_id: int
    status = fields.CharField(max_length=16)
    status_reason = fields.CharField(max_length=500, null=True)
    started_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "plan_milestone"
        indexes = (Index(fields=("plan_id", "due_date", "id"), name="ix_plan_milestone_plan"),)


class PlanRisk(Versioned):
    """A risk of the plan's register: likelihood, impact, response, owner, status."""

    id = fields.BigIntField(primary_key=True)
    plan: fields.ForeignKeyRelation[ChannelPlan] = fields.ForeignKeyField(
        "models.ChannelPlan", related_name="risks", on_delete=fields.CASCADE
    )
    plan_id: int
    category = fields.CharField(max_length=32)
    title = fields.CharField(max_length=200)
    description = fields.CharField(max_length=1000, null=True)
    likelihood = fields.CharField(max_length=8)
    impact = fields.CharField(max_length=8)
    response = fields.CharField(max_length=1000, null=True, description="应对措施")
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="owned_plan_risks", on_delete=fields.RESTRICT
    )
    owner_id: int
    status = fields.CharField(max_length=16)
    status_reason = fields.CharField(max_length=500, null=True)
    respond_by = fields.DateField(description="the response must be in place by then")
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "plan_risk"
        indexes = (Index(fields=("plan_id", "id"), name="ix_plan_risk_plan"),)

