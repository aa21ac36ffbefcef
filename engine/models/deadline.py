"""Deadlines and their escalation, the outbox, house-rule runs."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from engine.models.base import Versioned


class Deadline(Versioned):
    """One deadline of one record and where its escalation ladder stands.

    The database is the source of truth: `next_step` is the step to apply next and
    `next_at` when; every step is applied by a conditional update on `next_step`.
    """

    id = fields.BigIntField(primary_key=True)
    kind = fields.CharField(max_length=32)
    object_id = fields.BigIntField()
    generation = fields.IntField(default=1, description="+1 each time the deadline moves")
    due_at = fields.DatetimeField()
    next_step = fields.IntField(default=0)
    next_at = fields.DatetimeField(null=True)
    # active | met | done (done: the ladder ran out and the action is still owed)
    status = fields.CharField(max_length=16, description="active | met | done")
    # Whose it is, for scoped lists of overdue items (kept in step with the record).
    owner_id = fields.IntField(null=True)
    department_id = fields.IntField(null=True)
    met_at = fields.DatetimeField(null=True)

    class Meta:
        table = "deadline"
        unique_together = (("kind", "object_id"),)
        indexes = (
            Index(fields=("status", "next_at"), name="ix_deadline_due"),
            Index(fields=("status", "due_at"), name="ix_deadline_overdue"),
            Index(fields=("owner_id", "status", "due_at"), name="ix_deadline_owner"),
            Index(fields=("department_id", "status", "due_at"), name="ix_deadline_department"),
        )


class EscalationStep(Model):
    """A ladder step that was applied. The unique key proves no step is applied twice."""

    id = fields.BigIntField(primary_key=True)
    deadline: fields.ForeignKeyRelation[Deadline] = fields.ForeignKeyField(
        "models.Deadline", related_name="steps", on_delete=fields.CASCADE
    )
    deadline_id: int
    generation = fields.IntField()
    step = fields.IntField()
    due_at = fields.DatetimeField(description="when the step was due")
    applied_at = fields.DatetimeField()
    actions: fields.JSONField[list[str]] = fields.JSONField(default=list)

    class Meta:
        table = "escalation_step"
        unique_together = (("deadline_id", "generation", "step"),)


class OutboxMessage(Model):
    """A side effect written with the change that causes it, carried out after commit."""

    id = fields.BigIntField(primary_key=True)
    kind = fields.CharField(max_length=16, description="escalate | publish | event")
    payload: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField()
    processed_at = fields.DatetimeField(null=True)
    attempts = fields.IntField(default=0, description="failed dispatches; dead at the limit")
    last_error = fields.CharField(max_length=500, null=True)

    class Meta:
        table = "outbox"
        indexes = (Index(fields=("processed_at", "id"), name="ix_outbox_pending"),)


class HouseRuleRun(Model):
    """A house rule (daily reminder, weekly digest) ran for a period: once, in any worker."""

    id = fields.BigIntField(primary_key=True)
    rule = fields.CharField(max_length=32)
    period = fields.CharField(max_length=16)
    ran_at = fields.DatetimeField()

    class Meta:
        table = "house_rule_run"
        unique_together = (("rule", "period"),)
