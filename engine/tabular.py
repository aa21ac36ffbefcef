"""The import's file readers and column mapping, under the name callers knew them by.

They live in `engine.importing.readers` (CSV and XLSX) and `engine.importing.columns`
(workflows/import_columns.yaml); see `engine.importing`.
"""

from __future__ import annotations

from engine.importing.columns import (
    COLUMNS_FILE,
    ColumnTable,
    column_table,
    map_headers,
    normalise_header,
)
from engine.importing.readers import FORMATS, Table, file_format, open_table

__all__ = [
    "COLUMNS_FILE", "FORMATS", "ColumnTable", "Table", "column_table", "file_format",
    "map_headers", "normalise_header", "open_table",
]
