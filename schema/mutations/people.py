"""People sync from HR and offboarding (admins; docs/people.md)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import offboarding, people
from schema.context import Info
from schema.enums import Role, value_of
from schema.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError, mutate
from schema.mutations.customer import patched
from schema.types.common import ExpectedVersion, arg
from schema.types.people import DepartmentsUpsertReport, UserDeactivation, UsersUpsertReport


@strawberry.input(description="A department as HR knows it.")
class DepartmentUpsertInput:
    code: str = strawberry.field(description="Stable key, e.g. east (≤ 32).")
    name: str = strawberry.field(description="Display name (≤ 100).")
    external_id: str | None = strawberry.field(
        default=None, description="The HR system's key (≤ 100): matched first, so a code "
        "may change.")


@strawberry.input(
    description="A user as HR knows them. Fields left out keep an existing user's value "
    "(a new user: none, active)."
)
class UserUpsertInput:
    username: str = strawberry.field(
        description="Login name (the tokens' subject): lower-case letters, digits, . _ -")
    display_name: str = strawberry.field(description="Name shown to people (≤ 100).")
    role: Role = strawberry.field(description="The role.")
    department_code: str | None = strawberry.field(
        default=strawberry.UNSET, description="Department code (null: none; sales staff need "
        "one).")
    email: str | None = strawberry.field(default=strawberry.UNSET, description="E-mail.")
    external_id: str | None = strawberry.field(
        default=None, description="The HR system's key, e.g. the employee number (≤ 100): "
        "matched first, so a username may change.")
    active: bool | None = strawberry.field(
        default=strawberry.UNSET, description="false deactivates a user who holds nothing "
        "(someone who does: userDeactivate, which hands it over).")


UsersUpsertResult = Annotated[
    UsersUpsertReport | ValidationError | ForbiddenError,
    strawberry.union("UsersUpsertResult", description="The report per row, or why the call "
                     "as a whole was refused (too many rows, not an admin)."),
]
DepartmentsUpsertResult = Annotated[
    DepartmentsUpsertReport | ValidationError | ForbiddenError,
    strawberry.union("DepartmentsUpsertResult", description="The report per row, or why the "
                     "call as a whole was refused."),
]
UserDeactivateResult = Annotated[
    UserDeactivation | NotFoundError | ValidationError | ForbiddenError | ConflictError,
    strawberry.union("UserDeactivateResult", description="The handover, or why not "
                     "(nothing changed)."),
]


@strawberry.type
class PeopleMutation:
    @strawberry.mutation(
        description="Create or change departments from HR, matched by externalId or code "
        "(admins; at most 200 rows). Each row in its own transaction: created, changed, "
        "unchanged or refused."
    )
    async def departments_upsert(
        self, info: Info,
        input: Annotated[list[DepartmentUpsertInput], arg("The departments (≤ 200).")],
    ) -> DepartmentsUpsertResult:
        actor = info.context.actor
        rows = [people.DepartmentRow(code=d.code, name=d.name, external_id=d.external_id)
                for d in input]
        return await mutate(lambda: people.upsert_departments(actor, rows),
                            DepartmentsUpsertReport.from_results)

    @strawberry.mutation(
        description="Create or change users from HR, matched by externalId or username "
        "(admins; at most 200 rows). Each row in its own transaction: created, changed (with "
        "the fields), unchanged or refused (with a typed error naming input.<index>.<field>)."
    )
    async def users_upsert(
        self, info: Info,
        input: Annotated[list[UserUpsertInput], arg("The users (≤ 200).")],
    ) -> UsersUpsertResult:
        actor = info.context.actor
        rows = [people.UserRow(
            username=u.username, display_name=u.display_name, role=value_of(u.role),
            department_code=patched(u.department_code), email=patched(u.email),
            external_id=u.external_id, active=patched(u.active)) for u in input]
        return await mutate(lambda: people.upsert_users(actor, rows),
                            UsersUpsertReport.from_results)

    @strawberry.mutation(
        description="Deactivate a user (admins) and, in the same audited transaction, hand "
        "everything they hold to reassignTo: customers, open follow-ups and their deadlines, "
        "campaign tasks, campaigns, budget levels waiting on them and their delegations. "
        "Their tokens stop working at once. userDeactivationPreview shows it first."
    )
    async def user_deactivate(
        self, info: Info,
        username: Annotated[str, arg("Who leaves.")],
        reassign_to: Annotated[str | None, arg(
            "Who takes over: active, same department, a role that may hold what is handed "
            "over (may be left out only when the user holds nothing).")] = None,
        reason: Annotated[str | None, arg("Why (≤ 500), kept in the audit trail.")] = None,
        expected_version: ExpectedVersion = None,
    ) -> UserDeactivateResult:
        actor = info.context.actor
        return await mutate(
            lambda: offboarding.deactivate(actor, username, reassign_to, reason,
                                           expected_version),
            UserDeactivation.from_handover)



