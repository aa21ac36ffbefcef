"""What the demo organisation (`promoflow demo`) created, by the demo's own stable keys.

The demo finds its rows here, never by names people can type too, and `demo --reset`
removes exactly these rows (and what hangs off them), nothing a user made.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class DemoRecord(Model):
    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=100, unique=True, description="e.g. customer:07")
    object_type = fields.CharField(max_length=32)
    object_id = fields.BigIntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "demo_record"
