"""The audit trail: one row per change of any record, written in the same transaction."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model


class AuditEvent(Model):
    id = fields.BigIntField(primary_key=True)
    object_type = fields.CharField(max_length=32)
    object_id = fields.BigIntField()
    action = fields.CharField(max_length=64)
    # No foreign key: the trail must outlive users and survive the system actor (null).
    actor_id = fields.IntField(null=True)
    actor_name = fields.CharField(max_length=64)
    at = fields.DatetimeField()
    from_state = fields.CharField(max_length=32, null=True)
    to_state = fields.CharField(max_length=32, null=True)
    reason = fields.CharField(max_length=500, null=True)
    changes: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    version = fields.IntField(null=True, description="the record's version after the change")
    request_id = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "audit_event"
        indexes = (
            Index(fields=("object_type", "object_id", "id"), name="ix_audit_object"),
            Index(fields=("actor_id", "id"), name="ix_audit_actor"),
        )
