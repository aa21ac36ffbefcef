"""Historical imports (customers and orders from CSV/XLSX): one row per run, with progress."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from engine.models.org import User


class ImportJob(Model):
    """A file being imported: its progress, its outcome and its validation report."""

    id = fields.BigIntField(primary_key=True)
    kind = fields.CharField(max_length=16, description="customers or orders")
    filename = fields.CharField(max_length=300)
    file_format = fields.CharField(max_length=8, description="csv or xlsx")
    dry_run = fields.BooleanField(default=False)
    status = fields.CharField(max_length=16, description="pending, running, succeeded, failed")
    total_rows = fields.IntField(null=True)
    processed_rows = fields.IntField(default=0)
    created_count = fields.IntField(default=0)
    updated_count = fields.IntField(default=0)
    error_count = fields.IntField(default=0)
    # The validation report: [{row, column, value, problem}], capped (see error_count).
    problems: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    message = fields.CharField(max_length=500, null=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "import_job"
        indexes = (Index(fields=("created_by_id", "id"), name="ix_import_job_creator"),)
