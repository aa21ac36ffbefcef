"""Historical imports: the job, its progress and its validation report."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry

from engine.errors import ValidationFailed
from engine.models import ImportJob as ImportJobRow
from engine.pagination import validate_first
from engine.services import imports
from schema.context import Info
from schema.types.common import After, Connection, Edge, First, PageInfo


@strawberry.enum(description="What an import file holds.")
class ImportKind(Enum):
    CUSTOMERS = strawberry.enum_value("customers", description="客户 (客户信息管理表)")
    ORDERS = strawberry.enum_value("orders", description="订单 (for RFM)")
    CHANNEL_METRICS = strawberry.enum_value(
        "channel-metrics", description="渠道数据: a platform's daily figures of a campaign's "
                                       "channel (UV, PV, clicks, add-to-cart, spend, …)")


@strawberry.enum(description="Where an import job stands.")
class ImportStatus(Enum):
    PENDING = strawberry.enum_value("pending", description="accepted, not started yet")
    RUNNING = strawberry.enum_value("running", description="validating or writing")
    SUCCEEDED = strawberry.enum_value(
        "succeeded", description="imported (a dry run: the file is valid)")
    FAILED = strawberry.enum_value(
        "failed", description="nothing imported: see problems and message")


@strawberry.enum(description="The step a running import is in.")
class ImportPhase(Enum):
    VALIDATING = strawberry.enum_value("validating", description="reading and checking rows")
    WRITING = strawberry.enum_value("writing", description="writing in one transaction")


@strawberry.type(description="One problem of an import file: where, what was there, why.")
class ImportProblem:
    row: int = strawberry.field(
        description="The row number as a spreadsheet shows it (the header is row 1).")
    column: str | None = strawberry.field(
        description="The column's header as written in the file (null: the file as a whole).")
    value: str | None = strawberry.field(description="The cell's value (≤ 200 chars).")
    problem: str = strawberry.field(description="What is wrong with it.")


def _problem_cursor(index: int) -> str:
    return f"p{index}"


@strawberry.type(
    description="An import of a CSV/XLSX file: progress while it runs, then its outcome and "
    "validation report. A real run is all-or-nothing; a dry run writes nothing."
)
class ImportJob:
    id: strawberry.ID = strawberry.field(description="Job id.")
    kind: ImportKind = strawberry.field(description="What the file holds.")
    filename: str = strawberry.field(description="The uploaded file's name.")
    file_format: str = strawberry.field(description="csv or xlsx.")
    dry_run: bool = strawberry.field(description="Validation only; nothing is written.")
    status: ImportStatus = strawberry.field(description="Where the job stands.")
    phase: ImportPhase | None = strawberry.field(
        description="While running: the current step (null otherwise).")
    total_rows: int | None = strawberry.field(
        description="Data rows in the file (an estimate from the sheet's size until read; "
        "null if unknown yet).")
    processed_rows: int = strawberry.field(
        description="Rows done in the current phase (all rows once finished).")
    percent: float | None = strawberry.field(
        description="Overall progress 0–100; a real run counts validating and writing as "
        "half each. Null while the total is unknown.")
    created_count: int = strawberry.field(
        description="Records created (a dry run: that would be created).")
    updated_count: int = strawberry.field(
        description="Existing records (same external id) changed (a dry run: would be).")
    error_count: int = strawberry.field(
        description="Exact number of problems (the stored list is capped at 1,000).")
    message: str | None = strawberry.field(
        description="A summary for people, incl. ignored (unknown) columns.")
    created_by: str | None = strawberry.field(description="Username of who started it.")
    created_at: datetime = strawberry.field(description="When the job was created (UTC).")
    started_at: datetime | None = strawberry.field(description="When it started (UTC).")
    finished_at: datetime | None = strawberry.field(description="When it ended (UTC).")
    _problems: strawberry.Private[list[dict[str, Any]]]

    @strawberry.field(
        description="The validation report in row order (the first 1,000 problems are "
        "kept; errorCount is exact). `first` is 1–100."
    )
    def problems(self, first: First = None, after: After = None) -> Connection[ImportProblem]:
        size = validate_first(first)
        start = 0
        if after:
            if not after.startswith("p") or not after[1:].isdigit():
                raise ValidationFailed("after", "after is not a cursor of this list",
                                       rule="format")
            start = int(after[1:]) + 1
        stored = self._problems
        chunk = stored[start:start + size]
        edges = [
            Edge(node=ImportProblem(row=int(p["row"]), column=p.get("column"),
                                    value=p.get("value"), problem=str(p["problem"])),
                 cursor=_problem_cursor(start + i))
            for i, p in enumerate(chunk)
        ]
        total = len(stored)

        async def count() -> int:
            return total

        return Connection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=start + size < total, has_previous_page=start > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            _count=count,
        )

    @classmethod
    def from_row(cls, row: ImportJobRow, phase: str | None = None,
                 created_by: str | None = None) -> ImportJob:
        running = row.status == imports.RUNNING
        current = phase if running and phase in (imports.VALIDATING, imports.WRITING) else None
        return cls(
            id=strawberry.ID(str(row.id)), kind=ImportKind(row.kind), filename=row.filename,
            file_format=row.file_format, dry_run=row.dry_run, status=ImportStatus(row.status),
            phase=ImportPhase(current) if current else None, total_rows=row.total_rows,
            processed_rows=row.processed_rows, percent=imports.percent(row, current),
            created_count=row.created_count, updated_count=row.updated_count,
            error_count=row.error_count, message=row.message, created_by=created_by,
            created_at=row.created_at, started_at=row.started_at,
            finished_at=row.finished_at, _problems=list(row.problems or []),
        )


async def present(info: Info, row: ImportJobRow, phase: str | None = None) -> ImportJob:
    creator = None
    if row.created_by_id is not None:
        user = await info.context.loaders.user.load(row.created_by_id)
        creator = user.username if user else None
    return ImportJob.from_row(row, phase, creator)


ImportJobId = Annotated[strawberry.ID, strawberry.argument(description="The import job's id.")]
