"""Columns every mutable record shares: an optimistic-lock version and timestamps."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Versioned(Model):
    version = fields.IntField(default=1, description="optimistic-lock version, +1 per change")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True
