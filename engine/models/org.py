"""The organisation: departments and the engine's own user table (roles live here)."""

from __future__ import annotations

from tortoise import fields

from engine.models.base import Versioned


class Department(Versioned):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True, description="stable key, e.g. east")
    name = fields.CharField(max_length=100)
    # The department's key in the HR system (departmentsUpsert matches on it first).
    external_id = fields.CharField(max_length=100, null=True, unique=True)

    class Meta:
        table = "department"
        ordering = ("id",)


class User(Versioned):
    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=64, unique=True)
    display_name = fields.CharField(max_length=100)
    role = fields.CharField(max_length=32, db_index=True)
    department: fields.ForeignKeyNullableRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="users", null=True, on_delete=fields.RESTRICT
    )
    department_id: int | None
    email = fields.CharField(max_length=200, null=True)
    active = fields.BooleanField(default=True)
    # The user's key in the HR system (usersUpsert and the users import match on it first).
    external_id = fields.CharField(max_length=100, null=True, unique=True)
    deactivated_at = fields.DatetimeField(null=True)

    class Meta:
        table = "app_user"
        ordering = ("id",)
