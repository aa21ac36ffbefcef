"""Users: writing a validated plan, row by row through `people.write_user` (the rules of
usersUpsert), inside the import's one transaction: a file of an organisation's people is
hundreds or a few thousand rows, not the customers' hundred thousand."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.importing.plan import Progress
from engine.importing.users import UserPlan
from engine.models import ImportJob
from engine.services import people


async def write(conn: BaseDBAsyncClient, actor: Principal, job: ImportJob, plan: UserPlan,
                progress: Progress) -> None:
    for item in plan.items:
        if item.existing is None or item.changes:
            try:
                await people.write_user(conn, actor, dict(item.values))
            except ValidationFailed as exc:  # changed since validation (a concurrent write)
                raise ValidationFailed("file", f"row {item.row}: {exc.message}",
                                       rule=exc.rule) from None
        progress.advance()
