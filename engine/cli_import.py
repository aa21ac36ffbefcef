"""`promoflow import FILE`: runs an import in this process with a progress bar on stderr."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from engine.errors import EngineError
from engine.models import ImportJob
from engine.services import imports, org

BAR_WIDTH = 30


class ProgressBar:
    """A plain `\\r` bar: redrawn at most every `interval` seconds and at phase changes."""

    def __init__(self, stream: TextIO, interval: float = 0.2) -> None:
        self.stream = stream
        self.interval = interval
        self.last = 0.0
        self.phase = ""
        self.drawn = False

    def __call__(self, job: ImportJob, phase: str) -> None:
        now = time.monotonic()
        if phase == "done":
            if self.drawn:
                self.draw(job, self.phase, final=True)
                self.stream.write("\n")
                self.stream.flush()
            return
        if phase == self.phase and now - self.last < self.interval:
            return
        self.phase, self.last = phase, now
        self.draw(job, phase)

    def draw(self, job: ImportJob, phase: str, final: bool = False) -> None:
        share = (imports.percent(job, phase) or 0.0) / 100
        if final and job.status == imports.SUCCEEDED:
            share = 1.0
        filled = int(share * BAR_WIDTH)
        total = f"{job.total_rows:,}" if job.total_rows is not None else "?"
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share * 100:5.1f}%  "
            f"{phase:<10} {job.processed_rows:,}/{total} rows "
        )
        self.stream.flush()
        self.drawn = True


def report(job: ImportJob, limit: int, out: TextIO) -> None:
    kind = "dry run" if job.dry_run else "import"
    print(f"{kind} #{job.id} of {job.filename} ({job.kind}, {job.file_format}): "
          f"{job.status}", file=out)
    print(f"  rows {job.total_rows or 0:,}  created {job.created_count:,}  updated "
          f"{job.updated_count:,}  problems {job.error_count:,}", file=out)
    if job.message:
        print(f"  {job.message}", file=out)
    shown = job.problems[:max(limit, 0)]
    if shown:
        print(f"  {'row':>7}  {'column':<16} {'value':<24} problem", file=out)
        for p in shown:
            value = "" if p.get("value") is None else str(p["value"])
            print(f"  {p['row']:>7}  {p.get('column') or ''!s:<16} {value[:24]:<24} "
                  f"{p['problem']}", file=out)
    more = job.error_count - len(shown)
    if more > 0:
        print(f"  … and {more:,} more problem(s)", file=out)


async def run_import(path: str, kind: str, dry_run: bool, username: str,
                     limit: int, defaults: dict[str, str] | None = None) -> int:
    actor = await org.principal_for_username(username)
    if actor is None:
        print(f"promoflow: no active user {username!r}", file=sys.stderr)
        return 2
    bar = ProgressBar(sys.stderr)
    try:
        job = await imports.start_import(actor, path, path, kind, dry_run, on_progress=bar,
                                         defaults=defaults)
    except EngineError as exc:
        print(f"promoflow: {exc.message}", file=sys.stderr)
        return 1
    report(job, limit, sys.stdout)
    return 0 if job.status == imports.SUCCEEDED else 1
