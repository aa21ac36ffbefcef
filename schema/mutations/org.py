"""Admin mutations on the organisation (each audited)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import org, people
from engine.validation import parse_id
from schema.context import Info
from schema.enums import Role, value_of
from schema.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError, mutate
from schema.mutations.customer import patched
from schema.types.common import ExpectedVersion, RecordId, arg
from schema.types.org import Department, User


@strawberry.input(description="A new user.")
class UserCreateInput:
    username: str = strawberry.field(description="Login name: lower-case, digits, . _ -")
    display_name: str = strawberry.field(description="Name shown to people.")
    role: Role = strawberry.field(description="The role.")
    department_code: str | None = strawberry.field(
        default=None, description="Department (required for sales staff)."
    )
    email: str | None = strawberry.field(default=None, description="E-mail.")


@strawberry.input(description="User fields to change; omitted fields stay.")
class UserUpdateInput:
    display_name: str | None = strawberry.field(default=strawberry.UNSET, description="Name.")
    role: Role | None = strawberry.field(default=strawberry.UNSET, description="Role.")
    department_code: str | None = strawberry.field(
        default=strawberry.UNSET, description="Department code (null: none)."
    )
    email: str | None = strawberry.field(default=strawberry.UNSET, description="E-mail.")
    active: bool | None = strawberry.field(default=strawberry.UNSET, description="Active.")


DepartmentCreateResult = Annotated[
    Department | ValidationError | ForbiddenError,
    strawberry.union("DepartmentCreateResult", description="The department, or why not."),
]
UserCreateResult = Annotated[
    User | ValidationError | ForbiddenError,
    strawberry.union("UserCreateResult", description="The user, or why not."),
]
UserUpdateResult = Annotated[
    User | NotFoundError | ValidationError | ForbiddenError | ConflictError,
    strawberry.union("UserUpdateResult", description="The user, or why not."),
]

@strawberry.type
class OrgMutation:
    @strawberry.mutation(description="Create a department (admins).")
    async def department_create(
        self,
        info: Info,
        code: Annotated[str, arg("Stable key, e.g. east.")],
        name: Annotated[str, arg("Display name.")],
    ) -> DepartmentCreateResult:
        actor = info.context.actor
        return await mutate(lambda: org.create_department(actor, code, name),
                            Department.from_row)

    @strawberry.mutation(description="Create a user (admins).")
    async def user_create(
        self, info: Info, input: Annotated[UserCreateInput, arg("The new user.")]
    ) -> UserCreateResult:
        actor = info.context.actor
        return await mutate(
            lambda: org.create_user(
                actor, username=input.username, display_name=input.display_name,
                role=value_of(input.role), department_code=input.department_code,
                email=input.email,
            ),
            User.from_row,
        )

    @strawberry.mutation(description="Change a user's name, role, department or activity (admins).")
    async def user_update(
        self,
        info: Info,
        id: RecordId,
        input: Annotated[UserUpdateInput, arg("The fields to change.")],
        expected_version: ExpectedVersion = None,
    ) -> UserUpdateResult:
        actor = info.context.actor
        role = patched(input.role)
        patch = people.UserPatch(
            display_name=patched(input.display_name),
            role=value_of(role) if role else role,
            department_code=patched(input.department_code),
            email=patched(input.email),
            active=patched(input.active),
        )
        return await mutate(
            lambda: people.update_user(actor, parse_id("id", id), patch, expected_version),
            User.from_row,
        )
