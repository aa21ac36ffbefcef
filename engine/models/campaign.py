"""The campaign plan (推广活动计划表): goals, channels, budget lines, phases and tasks."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from engine.models.base import Versioned
from engine.models.org import Department, User


class Campaign(Versioned):
    id = fields.BigIntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    campaign_type = fields.CharField(max_length=32)
    target_audience = fields.CharField(max_length=500, null=True)
    start_date = fields.DateField()
    end_date = fields.DateField()
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="owned_campaigns", on_delete=fields.RESTRICT
    )
    owner_id: int
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="campaigns", on_delete=fields.RESTRICT
    )
    department_id: int
    collaborators: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    kpi_alert_threshold = fields.DecimalField(max_digits=6, decimal_places=4,
                                              default=Decimal("0.2"))
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    # Budget and its approval. The total is derived from the lines, kept in step by every
    # line change in the same transaction, so lists and the inbox need no aggregate.
    budget_total = fields.DecimalField(max_digits=16, decimal_places=2, default=Decimal("0"))
    approval_state = fields.CharField(max_length=16)
    approval_round = fields.IntField(default=0)
    approval_level = fields.IntField(null=True, description="index into the round's route")
    pending_role = fields.CharField(max_length=32, null=True)
    submitted_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    submitted_by_id: int | None
    submitted_at = fields.DatetimeField(null=True)
    approved_total = fields.DecimalField(max_digits=16, decimal_places=2, null=True)
    approved_at = fields.DatetimeField(null=True)
    # Company-specific fields (custom_field_definition, record type campaign).
    custom_fields: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)

    class Meta:
        table = "campaign"
        indexes = (
            # the approval inbox: department managers, then roles that approve everywhere
            Index(fields=("approval_state", "pending_role", "department_id", "id"),
                  name="ix_campaign_inbox_dept"),
            Index(fields=("approval_state", "pending_role", "id"), name="ix_campaign_inbox"),
            Index(fields=("department_id", "id"), name="ix_campaign_department"),
            Index(fields=("owner_id", "id"), name="ix_campaign_owner"),
            Index(fields=("start_date",), name="ix_campaign_start"),
        )


class CampaignChannelLink(Model):
    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="channel_links", on_delete=fields.CASCADE
    )
    campaign_id: int
    channel = fields.CharField(max_length=32)

    class Meta:
        table = "campaign_channel"
        unique_together = (("campaign_id", "channel"),)
        indexes = (Index(fields=("channel", "campaign_id"), name="ix_campaign_channel"),)


class CampaignGoal(Versioned):
    """A SMART goal: a metric, a target, and the period it must be reached in."""

    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="goals", on_delete=fields.CASCADE
    )
    campaign_id: int
    metric = fields.CharField(max_length=32)
    target = fields.DecimalField(max_digits=16, decimal_places=2)
    period_start = fields.DateField()
    period_end = fields.DateField()

    class Meta:
        table = "campaign_goal"
        unique_together = (("campaign_id", "metric"),)


class BudgetLine(Versioned):
    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="budget_lines", on_delete=fields.CASCADE
    )
    campaign_id: int
    category = fields.CharField(max_length=32)
    description = fields.CharField(max_length=200)
    amount = fields.DecimalField(max_digits=16, decimal_places=2)
    # The channel this cost buys (channel comparison); null = shared by all the
    # campaign's channels.
    channel = fields.CharField(max_length=32, null=True)
    # What has actually been spent on the line so far (ROI, budget against spend). Recording
    # spend does not change the approved budget, so it does not send it back to approval.
    spent = fields.DecimalField(max_digits=16, decimal_places=2, default=Decimal("0"))

    class Meta:
        table = "budget_line"
        indexes = (Index(fields=("campaign_id", "id"), name="ix_budget_line_campaign"),)


class PhaseWindow(Versioned):
    """The dates of one phase of a campaign: 筹备期, 预热期, 执行期 or 复盘期."""

    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="phases", on_delete=fields.CASCADE
    )
    campaign_id: int
    phase = fields.CharField(max_length=16)
    start_date = fields.DateField()
    end_date = fields.DateField()

    class Meta:
        table = "campaign_phase"
        unique_together = (("campaign_id", "phase"),)


class Task(Versioned):
    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="tasks", on_delete=fields.CASCADE
    )
    campaign_id: int
    phase = fields.CharField(max_length=16)
    title = fields.CharField(max_length=200)
    description = fields.TextField(null=True)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="tasks", on_delete=fields.RESTRICT
    )
    owner_id: int
    start_date = fields.DateField()
    end_date = fields.DateField()
    status = fields.CharField(max_length=16)
    status_reason = fields.CharField(max_length=500, null=True)
    progress = fields.IntField(default=0)
    started_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)
    flagged_for_reassignment = fields.BooleanField(default=False)

    class Meta:
        table = "task"
        indexes = (
            Index(fields=("campaign_id", "phase", "start_date"), name="ix_task_campaign"),
            Index(fields=("owner_id", "status", "end_date"), name="ix_task_owner"),
            Index(fields=("status", "end_date"), name="ix_task_status_end"),
        )


class TaskDependency(Model):
    id = fields.BigIntField(primary_key=True)
    task: fields.ForeignKeyRelation[Task] = fields.ForeignKeyField(
        "models.Task", related_name="dependency_links", on_delete=fields.CASCADE
    )
    task_id: int
    depends_on: fields.ForeignKeyRelation[Task] = fields.ForeignKeyField(
        "models.Task", related_name="dependent_links", on_delete=fields.CASCADE
    )
    depends_on_id: int

    class Meta:
        table = "task_dependency"
        unique_together = (("task_id", "depends_on_id"),)


class CampaignReview(Versioned):
    """The campaign owner's three short texts of the effect analysis (推广效果分析表)."""

    id = fields.BigIntField(primary_key=True)
    campaign: fields.OneToOneRelation[Campaign] = fields.OneToOneField(
        "models.Campaign", related_name="review", on_delete=fields.CASCADE
    )
    campaign_id: int
    highlights = fields.CharField(max_length=50, null=True)
    problems = fields.CharField(max_length=50, null=True)
    suggestions = fields.CharField(max_length=50, null=True)
    updated_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    updated_by_id: int | None

    class Meta:
        table = "campaign_review"
