"""Import job queries: one job (live progress while it runs) and the caller's jobs."""

from __future__ import annotations

import strawberry

from engine.services import imports
from engine.validation import parse_id
from schema.context import Info
from schema.types.common import After, Connection, First, connection
from schema.types.imports import ImportJob, ImportJobId, present


@strawberry.type
class ImportQuery:
    @strawberry.field(
        description="One import job: poll it for progress (processedRows/totalRows/percent, "
        "phase) and, once finished, its counts and problems. Null if absent or not yours "
        "(admins see every job)."
    )
    async def import_job(self, info: Info, id: ImportJobId) -> ImportJob | None:
        found = await imports.get_job(info.context.actor, parse_id("id", id))
        if found is None:
            return None
        return await present(info, *found)

    @strawberry.field(
        description="Import jobs you may see (your own; admins: all), newest first; "
        "`first` is 1–100."
    )
    async def import_jobs(self, info: Info, first: First = None, after: After = None
                          ) -> Connection[ImportJob]:
        page = await imports.list_jobs(info.context.actor, first=first, after=after)
        nodes: dict[int, ImportJob] = {}
        for row in page.items:
            live = imports.running_job(row.id)
            nodes[row.id] = (await present(info, *live) if live
                             else await present(info, row))
        return connection(page, lambda row: nodes[row.id])
