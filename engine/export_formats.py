"""Writing tables as CSV and XLSX files, streamed: the rows arrive page by page.

Pure formatting, no database: `engine.services.exports` supplies the sheets (columns and
an async iterator of rows of plain values) and these writers turn them into bytes.

- CSV: UTF-8 with a byte-order mark, so Excel opens Chinese text correctly; one sheet per
  file (the first); dates ISO 8601, amounts as plain decimals, empty cells for null.
- XLSX: `engine.xlsx_writer` writes the sheet XML row by row into the zip (a temporary
  file), so memory stays flat for 100,000 rows; a bold, frozen header row, column widths
  from the column definitions, dates as Excel dates, amounts and counts as numbers.

Text that a spreadsheet would run as a formula (`=…`, `@…`, `+cmd…`) is written as text:
a leading apostrophe in CSV (OWASP's advice); in XLSX every text is a string cell, which
no spreadsheet evaluates.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
import tempfile
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from engine import xlsx_writer

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
CHUNK_ROWS = 250
FILE_CHUNK = 64 * 1024

# How a column's values are written: text, whole numbers, money, ratios, dates, times
# (in XLSX: `0`, `#,##0.00`, `0.00`, `yyyy-mm-dd`, `yyyy-mm-dd hh:mm`).
TEXT, INT, MONEY, NUMBER, DATE, DATETIME = "text", "int", "money", "number", "date", "datetime"
_SAFE_SIGNED = re.compile(r"[+-][\d\s().-]*")


@dataclass(frozen=True)
class Column:
    """One column: its key, its Chinese and English header, value kind and width."""

    key: str
    zh: str
    en: str
    kind: str = TEXT
    width: int = 14

    def header(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass
class Sheet:
    """A named sheet: its columns and its rows (lists of values in column order)."""

    name: str
    columns: Sequence[Column]
    rows: Callable[[], AsyncIterator[Sequence[Any]]]
    lang: str = "zh"
    written: int = field(default=0, init=False)


def defuse(text: str) -> str:
    """Keep a spreadsheet from reading `text` as a formula (CSV injection)."""
    if not text:
        return text
    first = text[0]
    if first in "=@\t\r" or (first in "+-" and not _SAFE_SIGNED.fullmatch(text)):
        return "'" + text
    return text


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return defuse(value)
    return value


async def _chunks(sheet: Sheet) -> AsyncIterator[list[Sequence[Any]]]:
    """The sheet's rows in lists of CHUNK_ROWS, counted in `sheet.written`."""
    sheet.written = 0
    chunk: list[Sequence[Any]] = []
    async for row in sheet.rows():
        chunk.append(row)
        if len(chunk) >= CHUNK_ROWS:
            sheet.written += len(chunk)
            yield chunk
            chunk = []
    if chunk:
        sheet.written += len(chunk)
        yield chunk


def _csv_chunk(rows: list[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([_csv_value(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


async def csv_stream(sheet: Sheet) -> AsyncIterator[bytes]:
    """The sheet as UTF-8 CSV with a BOM, in chunks of a few hundred rows.

    Formatting runs in a worker thread, so a large export does not hold up the event loop
    (the other requests of this process) while it turns rows into text.
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(
        [c.header(sheet.lang) for c in sheet.columns])
    yield (BOM + buffer.getvalue()).encode("utf-8")
    async for chunk in _chunks(sheet):
        yield await asyncio.to_thread(_csv_chunk, chunk)


_STYLES = {MONEY: xlsx_writer.MONEY, NUMBER: xlsx_writer.NUMBER, INT: xlsx_writer.INT,
           DATE: xlsx_writer.DATE, DATETIME: xlsx_writer.DATETIME}


def _xlsx_rows(sheet: xlsx_writer.SheetWriter, styles: Sequence[int],
               rows: list[Sequence[Any]]) -> None:
    sheet.rows(rows, styles)


async def xlsx_stream(sheets: Sequence[Sheet]) -> AsyncIterator[bytes]:
    """The sheets as one XLSX workbook: built in a temporary file, then sent in chunks.

    An XLSX is a zip whose directory comes last, so nothing can be sent before the last
    row is written; rows go into the zip as they come, so memory stays flat meanwhile.
    The XML is written in a thread of its own (one for the whole workbook: the zip entry
    being written must not be touched from two threads) while the event loop keeps
    serving the process's other requests.
    """
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="xlsx") as writer, \
            tempfile.TemporaryFile() as tmp:
        book = xlsx_writer.WorkbookWriter(tmp, [s.name for s in sheets])
        for sheet in sheets:
            ws = await loop.run_in_executor(
                writer, book.sheet, [c.width for c in sheet.columns],
                [c.header(sheet.lang) for c in sheet.columns])
            styles = [_STYLES.get(c.kind, 0) for c in sheet.columns]
            async for chunk in _chunks(sheet):
                await loop.run_in_executor(writer, _xlsx_rows, ws, styles, chunk)
            await loop.run_in_executor(writer, ws.close)
        await loop.run_in_executor(writer, book.close)
        tmp.seek(0)
        while chunk_bytes := await loop.run_in_executor(writer, tmp.read, FILE_CHUNK):
            yield chunk_bytes
