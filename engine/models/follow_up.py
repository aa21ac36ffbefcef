"""Follow-up records (销售跟进记录表): a contact with a customer and its next action."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index

from engine.models.base import Versioned
from engine.models.customer import Customer
from engine.models.org import User


class FollowUp(Versioned):
    id = fields.BigIntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="follow_ups", on_delete=fields.RESTRICT
    )
    customer_id: int
    follow_up_date = fields.DateField(description="the day of the contact (company time)")
    method = fields.CharField(max_length=32)
    created_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="recorded_follow_ups", on_delete=fields.RESTRICT
    )
    created_by_id: int
    # Who owes the next action: the customer's owner, moved with the customer while open.
    assignee: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="assigned_follow_ups", on_delete=fields.RESTRICT
    )
    assignee_id: int
    summary = fields.CharField(max_length=100)
    feedback = fields.CharField(max_length=16)
    next_action = fields.CharField(max_length=200)
    due_at = fields.DatetimeField()
    status = fields.CharField(max_length=16)
    status_reason = fields.CharField(max_length=500, null=True)
    completed_at = fields.DatetimeField(null=True)
    completed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    completed_by_id: int | None
    # Company-specific fields (custom_field_definition, record type follow_up).
    custom_fields: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)

    class Meta:
        table = "follow_up"
        indexes = (
            Index(fields=("customer_id", "id"), name="ix_follow_up_customer"),
            Index(fields=("assignee_id", "status", "due_at"), name="ix_follow_up_assignee"),
            Index(fields=("status", "due_at"), name="ix_follow_up_status_due"),
        )
