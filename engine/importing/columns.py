"""Header mapping of imported files: which column each header means, as data.

`workflows/import_columns.yaml` lists, per file kind, its canonical columns, the header
texts (Chinese or English) that mean each one, and the columns a file must have. Headers
are compared after `normalise_header` (case, spaces, separators and a unit suffix do not
count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from engine.errors import ValidationFailed

COLUMNS_FILE = Path(__file__).resolve().parents[2] / "workflows" / "import_columns.yaml"
_UNIT = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]\s*$")
_DROP = re.compile(r"[\s_\-*:：]+")


def normalise_header(text: str) -> str:
    """The comparable form of a header: no unit suffix, spaces, separators or case."""
    cleaned = _UNIT.sub("", str(text).strip())
    return _DROP.sub("", cleaned).casefold()


@dataclass(frozen=True)
class ColumnTable:
    """One file kind's canonical columns, required columns and header aliases."""

    kind: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    aliases: dict[str, str]  # normalised header → canonical column


@cache
def _mapping() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COLUMNS_FILE.read_text(encoding="utf-8"))
    return data


def kinds() -> tuple[str, ...]:
    """The file kinds the mapping file describes."""
    return tuple(_mapping())


@cache
def column_table(kind: str) -> ColumnTable:
    data = _mapping()
    if kind not in data:
        raise ValidationFailed("kind", f"kind must be one of {', '.join(kinds())}",
                               rule="choice")
    spec = data[kind]
    aliases: dict[str, str] = {}
    for canonical, names in spec["columns"].items():
        for name in [canonical, *names]:
            key = normalise_header(name)
            if aliases.setdefault(key, canonical) != canonical:
                raise ValueError(f"{COLUMNS_FILE.name}: {name!r} maps to two {kind} columns")
    return ColumnTable(kind=kind, columns=tuple(spec["columns"]),
                       required=tuple(spec["required"]), aliases=aliases)


def map_headers(kind: str, headers: list[Any], extra: dict[str, str] | None = None,
                given: set[str] | None = None) -> tuple[dict[str, int], list[str]]:
    """Canonical column → index, and the headers that mean nothing (reported, ignored).

    `extra` adds aliases (normalised header → column), e.g. custom field labels; `given`
    names columns the import supplies for the whole file (they need no header).
    Raises ValidationFailed for a header used twice or a missing required column.
    """
    table = column_table(kind)
    aliases = {**table.aliases, **(extra or {})}
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for index, raw in enumerate(headers):
        text = "" if raw is None else str(raw).strip()
        if not text:
            continue
        canonical = aliases.get(normalise_header(text))
        if canonical is None:
            unknown.append(text)
        elif canonical in columns:
            raise ValidationFailed(
                "file", f"columns {headers[columns[canonical]]!r} and {text!r} both mean "
                f"{canonical}; keep one", rule="duplicate_column",
            )
        else:
            columns[canonical] = index
    missing = [c for c in table.required if c not in columns and c not in (given or ())]
    if missing:
        raise ValidationFailed(
            "file", f"required column(s) missing: {', '.join(missing)} (found: "
            f"{', '.join(str(h) for h in headers if h not in (None, '')) or 'no header'})",
            rule="missing_column",
        )
    return columns, unknown
