"""Users, departments and custom field definitions."""

from __future__ import annotations

from datetime import datetime

import strawberry

from engine.models import CustomFieldDefinition as CustomFieldRow
from engine.models import Department as DepartmentRow
from engine.models import User as UserRow
from engine.models.enums import Role as DomainRole
from schema.context import Info
from schema.enums import CustomFieldRecordType, CustomFieldType, Role


@strawberry.type(description="A department (部门); managers see their department's records.")
class Department:
    id: strawberry.ID = strawberry.field(description="Department id.")
    code: str = strawberry.field(description="Stable key, e.g. east.")
    name: str = strawberry.field(description="Display name.")
    version: int = strawberry.field(description="Optimistic-lock version.")

    @classmethod
    def from_row(cls, row: DepartmentRow) -> Department:
        return cls(id=strawberry.ID(str(row.id)), code=row.code, name=row.name,
                   version=row.version)


@strawberry.type(description="A user of the engine with one role (岗位).")
class User:
    id: strawberry.ID = strawberry.field(description="User id.")
    username: str = strawberry.field(description="Login name, the subject of tokens.")
    display_name: str = strawberry.field(description="Name shown to people.")
    role: Role = strawberry.field(description="The user's role.")
    role_label: str = strawberry.field(description="The role's Chinese label.")
    active: bool = strawberry.field(description="Inactive users cannot sign in.")
    version: int = strawberry.field(description="Optimistic-lock version.")
    created_at: datetime = strawberry.field(description="When the user was created (UTC).")
    _department_id: strawberry.Private[int | None]

    @strawberry.field(description="The user's department, if any.")
    async def department(self, info: Info) -> Department | None:
        if self._department_id is None:
            return None
        row = await info.context.loaders.department.load(self._department_id)
        return Department.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: UserRow) -> User:
        return cls(
            id=strawberry.ID(str(row.id)), username=row.username, display_name=row.display_name,
            role=Role(row.role), role_label=DomainRole.of(row.role).label, active=row.active,
            version=row.version, created_at=row.created_at, _department_id=row.department_id,
        )


@strawberry.type(
    description="A company-specific field of customers, follow-ups or campaigns (自定义字段) "
    "and its rules; values are in the record's customFields by key."
)
class CustomFieldDefinition:
    id: strawberry.ID = strawberry.field(description="Definition id.")
    record_type: CustomFieldRecordType = strawberry.field(
        description="The records that carry the field.")
    key: str = strawberry.field(
        description="Key in the record's customFields (unique across record types).")
    label: str = strawberry.field(
        description="The Chinese label (a header in imports and Chinese exports).")
    label_en: str | None = strawberry.field(
        description="The English label (a header in imports and English exports).")
    field_type: CustomFieldType = strawberry.field(description="The value's type.")
    choices: list[str] = strawberry.field(description="Allowed values of a CHOICE field.")
    required: bool = strawberry.field(
        description="New records, and every write that sets customFields, must give a value.")
    position: int = strawberry.field(description="Display order within the record type.")
    active: bool = strawberry.field(
        description="False once archived: no longer accepted, required, filtered or exported.")
    archived_at: datetime | None = strawberry.field(description="When it was archived.")
    version: int = strawberry.field(description="Optimistic-lock version.")

    @classmethod
    def from_row(cls, row: CustomFieldRow) -> CustomFieldDefinition:
        return cls(
            id=strawberry.ID(str(row.id)), record_type=CustomFieldRecordType(row.record_type),
            key=row.key, label=row.label, label_en=row.label_en,
            field_type=CustomFieldType(row.field_type), choices=list(row.choices),
            required=row.required, position=row.position, active=row.active,
            archived_at=row.archived_at, version=row.version,
        )
