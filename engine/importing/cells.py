"""Cell conversion: what a spreadsheet cell means as text, a date, an amount or a label.

CSV cells are strings; XLSX cells keep their types (numbers, datetimes), so every
converter accepts both.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from engine.importing.problems import Report
from engine.models.enums import LabelledEnum

DATE_PROBLEM = "not a date (use YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 or an Excel date)"
_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def cell_text(value: Any) -> str | None:
    """A cell as text: numbers without a spurious '.0', dates as ISO, blanks as None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def parse_date(value: Any) -> tuple[date, time | None]:
    """A date (and time of day, if given) from a cell; ValueError if it is none.

    Accepts XLSX dates, Excel serial numbers (1900 system), 2025-03-07, 2025/3/7,
    2025.3.7, 20250307, 2025年3月7日, with an optional " HH:MM[:SS]".
    """
    if isinstance(value, datetime):
        return value.date(), (value.time() if value.time() != time(0) else None)
    if isinstance(value, date):
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        serial = float(value)
        if 1 <= serial < 2_958_466:
            at = datetime.combine(_EXCEL_EPOCH, time(0)) + timedelta(days=serial)
            return at.date(), (at.time().replace(microsecond=0)
                               if at.time() != time(0) else None)
        raise ValueError("not a date")
    text = cell_text(value) or ""
    if len(text) == 10 and text[4] == "-":
        try:
            return date.fromisoformat(text), None
        except ValueError:
            pass
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return parse_date(float(text))
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            day = date(y, mo, d)
            hh = m.group(4) if pattern.groups >= 4 else None
            if hh is not None:
                return day, time(int(hh), int(m.group(5)), int(m.group(6) or 0))
            return day, None
    raise ValueError("not a date")


def parse_amount(value: Any) -> Any:
    """Money text as the validator wants it: '¥12,345.60' → '12345.60'."""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    if isinstance(value, int | Decimal):
        return value
    text = cell_text(value)
    if text is None:
        return None
    return re.sub(r"[¥￥,，\s]|元$", "", text)


@cache
def _label_table(enum: type[LabelledEnum]) -> dict[str, LabelledEnum]:
    table: dict[str, LabelledEnum] = {}
    for member in enum:
        table[member.value] = member
        table[member.name.lower()] = member
        table[member.label.replace("（", "(").replace("）", ")").lower()] = member
    return table


def parse_label(enum: type[LabelledEnum], raw: str) -> LabelledEnum | None:
    """A member by value, name or Chinese label (brackets of either width)."""
    key = raw.strip().replace("（", "(").replace("）", ")").lower()
    return _label_table(enum).get(key)


def labels(enum: type[LabelledEnum]) -> str:
    """The accepted spellings of an enum, for a problem's message."""
    return ", ".join(f"{m.label}/{m.value}" for m in enum)


def label_value(enum: type[LabelledEnum], raw: str, report: Report, row: int, column: str,
                what: str) -> str | None:
    """The value of the member `raw` names; None, and a problem reported, if it names none."""
    member = parse_label(enum, raw)
    if member is None:
        report.add(row, column, raw, f"unknown {what}; one of {labels(enum)}")
        return None
    return str(member.value)
