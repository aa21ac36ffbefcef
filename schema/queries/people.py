"""The preview of a user's deactivation (admins)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import offboarding
from schema.context import Info
from schema.types.common import arg
from schema.types.people import UserDeactivationPreview


@strawberry.type
class PeopleQuery:
    @strawberry.field(
        description="What userDeactivate(username, reassignTo) would move and what would "
        "refuse it, without changing anything (admins)."
    )
    async def user_deactivation_preview(
        self, info: Info,
        username: Annotated[str, arg("Who would leave.")],
        reassign_to: Annotated[str | None, arg("Who would take over.")] = None,
    ) -> UserDeactivationPreview:
        return UserDeactivationPreview.from_preview(
            await offboarding.preview(info.context.actor, username, reassign_to))
