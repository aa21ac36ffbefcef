"""The export writers without a database: formula defusing, CSV values, file names."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from engine.export_formats import (
    DATE,
    MONEY,
    TEXT,
    Column,
    Sheet,
    csv_stream,
    defuse,
    xlsx_stream,
)
from schema.http_exports import content_disposition


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("\tx", "'\tx"),
        ("+86 138 0013 8000", "+86 138 0013 8000"),
        ("-12.5", "-12.5"),
        ("(021) 5555-1234", "(021) 5555-1234"),
        ("华东精密制造", "华东精密制造"),
        ("", ""),
    ],
)
def test_defuse(text: str, expected: str) -> None:
    assert defuse(text) == expected


COLUMNS = (Column("name", "名称", "Name"), Column("amount", "金额", "Amount", MONEY),
           Column("day", "日期", "Day", DATE), Column("note", "备注", "Note", TEXT))
ROWS: list[Sequence[Any]] = [
    ["甲", Decimal("1234.50"), date(2026, 7, 1), "=HYPERLINK(\"x\")"],
    ["乙", None, None, "#N/A"],
    ["丙", Decimal("0"), datetime(2026, 7, 2, 9, 30), None],
]


def _sheet(lang: str) -> Sheet:
    async def rows() -> AsyncIterator[Sequence[Any]]:
        for row in ROWS:
            yield row

    return Sheet("测试", COLUMNS, rows, lang)


async def test_csv_values() -> None:
    sheet = _sheet("en")
    body = b"".join([c async for c in csv_stream(sheet)])
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == [
        ["Name", "Amount", "Day", "Note"],
        ["甲", "1234.50", "2026-07-01", "'=HYPERLINK(\"x\")"],
        ["乙", "", "", "#N/A"],
        ["丙", "0", "2026-07-02 09:30", ""],
    ]
    assert sheet.written == 3


async def test_xlsx_cells_are_typed() -> None:
    sheet = _sheet("zh")
    body = b"".join([c async for c in xlsx_stream([sheet])])
    ws = openpyxl.load_workbook(io.BytesIO(body))["测试"]
    assert [c.value for c in ws[1]] == ["名称", "金额", "日期", "备注"]
    first, second, _ = ws.iter_rows(min_row=2)
    assert (first[1].value, first[1].number_format) == (1234.5, "#,##0.00")
    assert first[2].is_date and first[2].value == datetime(2026, 7, 1)
    assert (first[3].value, first[3].data_type) == ("=HYPERLINK(\"x\")", "s")
    assert (second[3].value, second[3].data_type) == ("#N/A", "s")
    assert second[1].value is None
    assert sheet.written == 3


def test_content_disposition_has_an_ascii_fallback_and_the_utf8_name() -> None:
    header = content_disposition("客户信息管理表-20261203-1523.csv",
                                 "promoflow-customers-20261203-1523.csv")
    assert header == (
        'attachment; filename="promoflow-customers-20261203-1523.csv"; '
        "filename*=UTF-8''%E5%AE%A2%E6%88%B7%E4%BF%A1%E6%81%AF%E7%AE%A1%E7%90%86%E8%A1%A8"
        "-20261203-1523.csv"
    )
