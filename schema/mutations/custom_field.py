"""Admin mutations on custom field definitions (audited, versioned)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import custom_fields
from engine.validation import parse_id
from schema.context import Info
from schema.enums import CustomFieldRecordType, CustomFieldType, value_of
from schema.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError, mutate
from schema.types.common import ExpectedVersion, RecordId, arg
from schema.types.org import CustomFieldDefinition


@strawberry.input(
    description="Create or redefine a custom field (by key). On a redefinition the fields "
    "left out (recordType, labelEn, position) stay as they are; defining an archived key "
    "again restores it."
)
class CustomFieldDefineInput:
    key: str = strawberry.field(
        description="Key in customFields: letters, digits, _; unique across record types.")
    label: str = strawberry.field(description="The Chinese label (≤ 100).")
    field_type: CustomFieldType = strawberry.field(description="Type.")
    choices: list[str] | None = strawberry.field(
        default=None, description="The options of a CHOICE field (at most 100, ≤ 100 each).")
    required: bool = strawberry.field(
        default=False, description="New records and writes of customFields need a value.")
    active: bool = strawberry.field(
        default=True, description="Accepted on input (false: define it archived).")
    record_type: CustomFieldRecordType | None = strawberry.field(
        default=None, description="The records that carry it (a new key: CUSTOMER if left out; "
        "a key keeps its record type).")
    label_en: str | None = strawberry.field(
        default=None, description="The English label (≤ 100).")
    position: int | None = strawberry.field(
        default=None, description="Display order, 0–10000 (a new key: after the last).")


CustomFieldDefineResult = Annotated[
    CustomFieldDefinition | ValidationError | ForbiddenError | ConflictError,
    strawberry.union("CustomFieldDefineResult", description="The definition, or why not."),
]
CustomFieldArchiveResult = Annotated[
    CustomFieldDefinition | NotFoundError | ValidationError | ForbiddenError | ConflictError,
    strawberry.union("CustomFieldArchiveResult", description="The definition, or why not."),
]


@strawberry.type
class CustomFieldMutation:
    @strawberry.mutation(
        description="Define or redefine a custom field of customers, follow-ups or campaigns "
        "(admins). A new type or fewer choices are refused while stored values would not fit "
        "(ValidationError, rule values_incompatible)."
    )
    async def custom_field_define(
        self, info: Info, input: Annotated[CustomFieldDefineInput, arg("The definition.")],
        expected_version: ExpectedVersion = None,
    ) -> CustomFieldDefineResult:
        actor = info.context.actor
        data = custom_fields.Definition(
            key=input.key, label=input.label, field_type=value_of(input.field_type),
            choices=input.choices, required=input.required, active=input.active,
            record_type=value_of(input.record_type) if input.record_type else None,
            label_en=input.label_en, position=input.position,
        )
        return await mutate(lambda: custom_fields.define(actor, data, expected_version),
                            CustomFieldDefinition.from_row)

    @strawberry.mutation(
        description="Archive a custom field (admins): no longer accepted, required, filtered "
        "on or exported; the values records hold stay (customFieldDefine restores it)."
    )
    async def custom_field_archive(
        self, info: Info, id: RecordId,
        reason: Annotated[str | None, arg("Why (≤ 500), kept in the audit trail.")] = None,
        expected_version: ExpectedVersion = None,
    ) -> CustomFieldArchiveResult:
        actor = info.context.actor
        return await mutate(
            lambda: custom_fields.archive(actor, parse_id("id", id), reason, expected_version),
            CustomFieldDefinition.from_row)
