"""Exceptions during a campaign (异常处理流程): equipment failure, a cancelled visit, …

Named Incident in code (Exception is Python's); the API calls them exceptions.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index

from engine.models.base import Versioned
from engine.models.campaign import Campaign, Task
from engine.models.org import User


class Incident(Versioned):
    id = fields.BigIntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="incidents", on_delete=fields.RESTRICT
    )
    campaign_id: int
    task: fields.ForeignKeyNullableRelation[Task] = fields.ForeignKeyField(
        "models.Task", related_name="incidents", null=True, on_delete=fields.SET_NULL
    )
    task_id: int | None
    reporter: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="reported_incidents", on_delete=fields.RESTRICT
    )
    reporter_id: int
    problem = fields.CharField(max_length=500)
    cause = fields.CharField(max_length=500, null=True)
    impact = fields.CharField(max_length=500, null=True)
    proposed_solution = fields.CharField(max_length=500, null=True)
    severity = fields.CharField(max_length=16)
    state = fields.CharField(max_length=16)
    resolution = fields.CharField(max_length=1000, null=True)
    reported_at = fields.DatetimeField()
    acknowledged_at = fields.DatetimeField(null=True)
    resolved_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)
    acknowledge_due_at = fields.DatetimeField()
    resolve_due_at = fields.DatetimeField()

    class Meta:
        table = "incident"
        indexes = (
            Index(fields=("campaign_id", "id"), name="ix_incident_campaign"),
            Index(fields=("state", "acknowledge_due_at"), name="ix_incident_ack_due"),
            Index(fields=("state", "resolve_due_at"), name="ix_incident_resolve_due"),
        )
