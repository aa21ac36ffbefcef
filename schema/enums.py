"""GraphQL enums: upper-case names of the engine's vocabularies, described by their labels.

The engine keeps lower-case values; `value_of` and `member_of` translate at the edge.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

import strawberry

from engine.models import enums as domain

E = TypeVar("E", bound=Enum)


def _mirror(source: type[domain.LabelledEnum], description: str) -> Any:
    members = {
        m.name: strawberry.enum_value(m.value, description=f"{m.label}") for m in source
    }
    mirrored: Any = Enum(source.__name__, members)  # type: ignore[misc]
    return strawberry.enum(mirrored, description=description)


CustomerStage = _mirror(
    domain.CustomerStage,
    "The sales stage of a customer (需求阶段). Each value's description is its Chinese label.",
)
CustomerStageEvent = _mirror(
    domain.CustomerStageEvent,
    "A trigger of the customer stage workflow (workflows/customer_stage.yaml).",
)
CustomerSource = _mirror(domain.CustomerSource, "Where a customer came from (客户来源).")
FollowUpMethod = _mirror(domain.FollowUpMethod, "How the customer was contacted (跟进方式).")
Feedback = _mirror(domain.Feedback, "The customer's reaction (客户反馈类型).")
FollowUpStatus = _mirror(domain.FollowUpStatus, "The state of a follow-up's next action.")
Role = _mirror(domain.Role, "A user's role in the role–permission matrix (岗位).")
CustomFieldType = _mirror(domain.CustomFieldType, "The type of a custom customer field.")

# The enums portals may ask labels for, by GraphQL name.
LABELLED: dict[str, type[domain.LabelledEnum]] = {
    "CustomerStage": domain.CustomerStage,
    "CustomerStageEvent": domain.CustomerStageEvent,
    "CustomerSource": domain.CustomerSource,
    "FollowUpMethod": domain.FollowUpMethod,
    "Feedback": domain.Feedback,
    "FollowUpStatus": domain.FollowUpStatus,
    "Role": domain.Role,
    "CustomFieldType": domain.CustomFieldType,
}


@strawberry.enum(description="Sort order of a customer list.")
class CustomerOrder(Enum):
    CREATED_DESC = strawberry.enum_value("created_desc", description="newest first (default)")
    CREATED_ASC = strawberry.enum_value("created_asc", description="oldest first")
    NAME_ASC = strawberry.enum_value("name_asc", description="by name")
    UPDATED_DESC = strawberry.enum_value("updated_desc", description="recently changed first")


@strawberry.enum(description="Sort order of a follow-up list.")
class FollowUpOrder(Enum):
    CREATED_DESC = strawberry.enum_value("created_desc", description="newest first (default)")
    DUE_ASC = strawberry.enum_value("due_asc", description="earliest due first")


@strawberry.enum(description="The kinds of record that have an audit trail.")
class AuditObjectType(Enum):
    CUSTOMER = strawberry.enum_value("customer", description="客户")
    FOLLOW_UP = strawberry.enum_value("follow_up", description="跟进记录")
    USER = strawberry.enum_value("user", description="用户")
    DEPARTMENT = strawberry.enum_value("department", description="部门")
    CUSTOM_FIELD = strawberry.enum_value("custom_field", description="自定义字段")


def value_of(member: Enum) -> str:
    return str(member.value)


def values_of(members: list[Any] | None) -> list[str]:
    return [value_of(m) for m in members or []]


def member_of(gql_enum: type[E], value: str) -> E:
    return gql_enum(value)


def upper(value: str) -> str:
    """The GraphQL spelling of an engine value (won → WON)."""
    return value.upper()
