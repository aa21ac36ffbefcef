"""Notifications: one row per recipient, written in the transaction that causes them."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from engine.models.org import User


class Notification(Model):
    id = fields.BigIntField(primary_key=True)
    recipient: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="notifications", on_delete=fields.CASCADE
    )
    recipient_id: int
    kind = fields.CharField(max_length=32)
    title = fields.CharField(max_length=200)
    body = fields.CharField(max_length=2000, null=True)
    object_type = fields.CharField(max_length=32, null=True)
    object_id = fields.BigIntField(null=True)
    created_at = fields.DatetimeField()
    read_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notification"
        indexes = (
            Index(fields=("recipient_id", "id"), name="ix_notification_recipient"),
            Index(fields=("recipient_id", "read_at", "id"), name="ix_notification_unread"),
        )
