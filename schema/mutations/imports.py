"""Start an import from an uploaded file (GraphQL multipart request spec)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.file_uploads import Upload

from engine.errors import ValidationFailed
from engine.models import ImportJob as ImportJobRow
from engine.services import imports
from schema.context import Info
from schema.enums import Channel, value_of
from schema.errors import ForbiddenError, ValidationError, refused, to_graphql
from schema.types.common import arg
from schema.types.imports import ImportJob, ImportKind, present

ImportStartResult = Annotated[
    ImportJob | ValidationError | ForbiddenError,
    strawberry.union("ImportStartResult",
                     description="The started job (poll importJob for progress), or why not."),
]


async def _read(file: Any) -> tuple[bytes, str]:
    limit = imports.MAX_UPLOAD_BYTES
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise ValidationFailed("file", f"the file is larger than {limit // 1_000_000} MB",
                               rule="max_size")
    return data, str(getattr(file, "filename", None) or "")


@strawberry.type
class ImportMutation:
    @strawberry.mutation(
        description="Upload a CSV (UTF-8 or GB18030) or XLSX file of customers or orders and "
        "start importing it (multipart request: the file in variable `file`). The job runs "
        "in the background in the server process that received the upload; poll "
        "importJob(id). Admins import for everyone, sales managers for their department's "
        "owners, marketing imports orders of their department's customers. A real run is "
        "all-or-nothing; re-importing updates records with the same external id."
    )
    async def import_start(
        self,
        info: Info,
        file: Annotated[Upload, arg("The file (.csv or .xlsx).")],
        kind: Annotated[ImportKind, arg("What the file holds.")],
        dry_run: Annotated[bool | None, arg("Validate and report only (default false).")]
        = False,
        campaign: Annotated[str | None, arg(
            "CHANNEL_METRICS only: the campaign (code or name) of every row, for a platform's "
            "export without a campaign column.")] = None,
        channel: Annotated[Channel | None, arg(
            "CHANNEL_METRICS only: the channel of every row, for an export without a channel "
            "column.")] = None,
    ) -> ImportStartResult:
        actor = info.context.actor
        defaults = {k: v for k, v in (("campaign", campaign),
                                      ("channel", value_of(channel) if channel else None)) if v}
        try:
            data, filename = await _read(file)
            row: ImportJobRow = await imports.start_import(
                actor, data, filename, value_of(kind), bool(dry_run), background=True,
                defaults=defaults,
            )
        except (ValidationFailed, imports.Forbidden) as exc:
            refused(exc)
            return to_graphql(exc)
        return await present(info, row)
