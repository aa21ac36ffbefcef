"""The caller, the organisation, and what portals need to render the vocabularies."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine import machines
from engine.errors import ValidationFailed
from engine.services import custom_fields, org
from engine.validation import parse_id
from schema.context import Info
from schema.enums import LABELLED, CustomFieldRecordType, Role, value_of
from schema.types.common import After, Connection, EnumLabel, First, arg, connection, labels
from schema.types.org import CustomFieldDefinition, Department, User


@strawberry.input(description="Narrow a user list.")
class UserFilter:
    role: Role | None = strawberry.field(default=None, description="With this role.")
    department_code: str | None = strawberry.field(default=None, description="In this department.")
    search: str | None = strawberry.field(default=None, description="Text in username or name.")
    active: bool | None = strawberry.field(default=None, description="Active or not.")


@strawberry.type(description="A state of a workflow.")
class WorkflowState:
    name: str = strawberry.field(description="Upper-case state name, as in the enums.")
    label: str = strawberry.field(description="Chinese label.")
    initial: bool = strawberry.field(description="New records start here.")
    final: bool = strawberry.field(description="No transition leaves it.")


@strawberry.type(description="A transition of a workflow.")
class WorkflowTransition:
    trigger: str = strawberry.field(description="Upper-case event name.")
    label: str = strawberry.field(description="Chinese label.")
    sources: list[str] = strawberry.field(description="States it may fire from.")
    dest: str = strawberry.field(description="State it leads to.")
    guards: list[str] = strawberry.field(description="Named rules it must pass.")


@strawberry.type(description="A state machine loaded from workflows/*.yaml.")
class Workflow:
    name: str = strawberry.field(description="e.g. customer_stage.")
    description: str = strawberry.field(description="What it governs.")
    states: list[WorkflowState] = strawberry.field(description="Its states.")
    transitions: list[WorkflowTransition] = strawberry.field(description="Its transitions.")


@strawberry.type
class OrgQuery:
    @strawberry.field(description="The signed-in user.")
    async def me(self, info: Info) -> User:
        actor = info.context.actor
        row = await org.get_user(actor, user_id=actor.id) if actor.id is not None else None
        if row is None:
            raise ValidationFailed("token", "the token's user no longer exists", rule="unknown")
        return User.from_row(row)

    @strawberry.field(description="One user by id or username.")
    async def user(
        self,
        info: Info,
        id: Annotated[strawberry.ID | None, arg("The user's id.")] = None,
        username: Annotated[str | None, arg("Or the username.")] = None,
    ) -> User | None:
        row = await org.get_user(
            info.context.actor, user_id=parse_id("id", id) if id is not None else None,
            username=username,
        )
        return User.from_row(row) if row else None

    @strawberry.field(description="Users, in id order; `first` is 1–100.")
    async def users(
        self, info: Info,
        filter: Annotated[UserFilter | None, arg("Conditions, all must hold.")] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[User]:
        f = filter or UserFilter()
        page = await org.list_users(
            info.context.actor,
            org.UserFilter(role=value_of(f.role) if f.role else None,
                           department_code=f.department_code, search=f.search, active=f.active),
            first=first, after=after,
        )
        return connection(page, User.from_row)

    @strawberry.field(description="Departments, in id order.")
    async def departments(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[Department]:
        page = await org.list_departments(info.context.actor, first=first, after=after)
        return connection(page, Department.from_row)

    @strawberry.field(
        description="The company's custom fields, by record type and display order "
        "(archived ones too unless `active` says otherwise)."
    )
    async def custom_field_definitions(
        self, info: Info, first: First = None, after: After = None,
        record_type: Annotated[CustomFieldRecordType | None,
                               arg("Only the fields of this record type.")] = None,
        active: Annotated[bool | None,
                          arg("true: in use only; false: archived only.")] = None,
    ) -> Connection[CustomFieldDefinition]:
        page = await custom_fields.list_(
            info.context.actor, record_type=value_of(record_type) if record_type else None,
            active=active, first=first, after=after)
        return connection(page, CustomFieldDefinition.from_row)

    @strawberry.field(
        description="The Chinese labels of an enum's values, e.g. enum: \"CustomerStage\"."
    )
    def enum_labels(
        self, info: Info, enum: Annotated[str, arg("GraphQL enum name, e.g. CustomerStage.")]
    ) -> list[EnumLabel]:
        info.context.actor  # noqa: B018 - signed-in callers only
        source = LABELLED.get(enum)
        if source is None:
            raise ValidationFailed(
                "enum", f"enum must be one of {', '.join(sorted(LABELLED))}", rule="choice"
            )
        return labels(list(source))

    @strawberry.field(description="A workflow definition: states, labels and transitions.")
    def workflow(
        self, info: Info, name: Annotated[str, arg("Workflow name, e.g. customer_stage.")]
    ) -> Workflow:
        info.context.actor  # noqa: B018 - signed-in callers only
        try:
            wf = machines.workflow(name)
        except KeyError:
            raise ValidationFailed("name", f"no workflow {name!r}", rule="unknown") from None
        return Workflow(
            name=wf.name,
            description=wf.description,
            states=[
                WorkflowState(name=s.name.upper(), label=s.label, initial=s.initial,
                              final=s.final)
                for s in wf.states.values()
            ],
            transitions=[
                WorkflowTransition(
                    trigger=t.trigger.upper(), label=t.label,
                    sources=[s.upper() for s in t.sources], dest=t.dest.upper(),
                    guards=list(t.guards),
                )
                for t in wf.transitions
            ],
        )
