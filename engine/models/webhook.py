"""Outbound webhooks: endpoints, deliveries, attempts."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from engine.models.base import Versioned
from engine.models.org import User


class WebhookEndpoint(Versioned):
    id = fields.IntField(primary_key=True)
    url = fields.CharField(max_length=500)
    description = fields.CharField(max_length=200, null=True)
    event_types: fields.JSONField[list[str]] = fields.JSONField(default=list)
    secret = fields.CharField(max_length=128)
    # Payloads show what this user may read (contact details masked unless allowed).
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, on_delete=fields.RESTRICT
    )
    owner_id: int
    active = fields.BooleanField(default=True)

    class Meta:
        table = "webhook_endpoint"


class WebhookDelivery(Versioned):
    id = fields.BigIntField(primary_key=True)
    endpoint: fields.ForeignKeyRelation[WebhookEndpoint] = fields.ForeignKeyField(
        "models.WebhookEndpoint", related_name="deliveries", on_delete=fields.CASCADE
    )
    endpoint_id: int
    event_key = fields.CharField(max_length=64, description="the change it reports, once")
    event_type = fields.CharField(max_length=64)
    payload: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    status = fields.CharField(max_length=16, description="pending | delivered | dead")
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True)
    last_status_code = fields.IntField(null=True)
    last_error = fields.CharField(max_length=500, null=True)
    delivered_at = fields.DatetimeField(null=True)
    redelivery_of_id = fields.BigIntField(null=True)

    class Meta:
        table = "webhook_delivery"
        unique_together = (("endpoint_id", "event_key"),)
        indexes = (
            Index(fields=("status", "next_attempt_at"), name="ix_webhook_due"),
            Index(fields=("endpoint_id", "id"), name="ix_webhook_endpoint"),
        )


class WebhookAttempt(Model):
    id = fields.BigIntField(primary_key=True)
    delivery: fields.ForeignKeyRelation[WebhookDelivery] = fields.ForeignKeyField(
        "models.WebhookDelivery", related_name="attempt_log", on_delete=fields.CASCADE
    )
    delivery_id: int
    attempt = fields.IntField()
    at = fields.DatetimeField()
    status_code = fields.IntField(null=True)
    error = fields.CharField(max_length=500, null=True)
    duration_ms = fields.IntField()

    class Meta:
        table = "webhook_attempt"
        unique_together = (("delivery_id", "attempt"),)
