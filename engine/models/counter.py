"""Per-prefix, per-day counters behind record codes like C20261123001."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class CodeCounter(Model):
    id = fields.IntField(primary_key=True)
    prefix = fields.CharField(max_length=8)
    day = fields.CharField(max_length=8, description="YYYYMMDD in the company's time zone")
    value = fields.IntField(default=0)

    class Meta:
        table = "code_counter"
        unique_together = (("prefix", "day"),)
