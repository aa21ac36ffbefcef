"""The streaming XLSX writer, read back by openpyxl and by calamine (no database)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from xml.etree import ElementTree

import openpyxl
import python_calamine

from engine import xlsx_writer
from engine.xlsx_writer import DATE, DATETIME, INT, MONEY, NUMBER, WorkbookWriter

HEAD = ["名称", "金额", "比率", "数量", "日期", "时间", "备注"]
STYLES = [0, MONEY, NUMBER, INT, DATE, DATETIME, 0]


def _book() -> bytes:
    out = io.BytesIO()
    book = WorkbookWriter(out, ["客户信息管理表", "预算明细"])
    first = book.sheet([16, 14, 10, 8, 12, 17, 30], HEAD)
    first.rows([
        ["甲 & <乙>", Decimal("1234.50"), Decimal("33.33"), 7, date(2026, 7, 1),
         datetime(2026, 7, 2, 9, 30), "=HYPERLINK(\"x\")"],
        ["  前后空格 ", None, None, 0, None, None, "#N/A"],
        ["控制\x00字符\x1f", Decimal("-0.01"), None, 10**12, date(1900, 3, 1),
         datetime(2026, 12, 31, 23, 59), "第一行\n第二行"],
    ], STYLES)
    first.close()
    second = book.sheet([10], ["只有表头"])
    second.close()
    book.close()
    return out.getvalue()


def test_every_part_is_well_formed_xml_and_the_zip_is_whole() -> None:
    with zipfile.ZipFile(io.BytesIO(_book())) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        assert names[0] == "[Content_Types].xml"
        for name in names:
            ElementTree.fromstring(zf.read(name))


def test_openpyxl_reads_values_formats_header_and_layout() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(_book()))
    assert wb.sheetnames == ["客户信息管理表", "预算明细"]
    ws = wb["客户信息管理表"]
    assert [c.value for c in ws[1]] == HEAD
    assert ws["A1"].font.b and ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width == 16
    first, second, third = ws.iter_rows(min_row=2)
    assert [c.value for c in first] == [
        "甲 & <乙>", 1234.5, 33.33, 7, datetime(2026, 7, 1), datetime(2026, 7, 2, 9, 30),
        "=HYPERLINK(\"x\")"]
    assert [c.number_format for c in first[1:6]] == [
        "#,##0.00", "0.00", "0", "yyyy-mm-dd", "yyyy-mm-dd hh:mm"]
    assert first[6].data_type == "s" and second[6].value == "#N/A"  # text, never a formula
    assert second[0].value == "  前后空格 " and second[1].value is None
    assert third[0].value == "控制字符" and third[6].value == "第一行\n第二行"
    assert (third[1].value, third[3].value, third[4].value) == (
        -0.01, 10**12, datetime(1900, 3, 1))
    assert [c.value for c in wb["预算明细"][1]] == ["只有表头"]


def test_calamine_reads_the_same_cells() -> None:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(_book()))
    rows = book.get_sheet_by_name("客户信息管理表").to_python()
    assert rows[0] == HEAD
    assert rows[1][:5] == ["甲 & <乙>", 1234.5, 33.33, 7, date(2026, 7, 1)]
    assert rows[1][5] == datetime(2026, 7, 2, 9, 30)


def test_sheet_names_are_made_acceptable_and_unique() -> None:
    assert xlsx_writer.sheet_names(["a/b", "A/B", "x" * 40, ""]) == [
        "a_b", "A_B (2)", "x" * 31, "Sheet4"]
    assert [xlsx_writer.column_letter(i) for i in (1, 26, 27, 52, 703)] == [
        "A", "Z", "AA", "AZ", "AAA"]


def test_text_is_cut_at_excels_cell_limit() -> None:
    out = io.BytesIO()
    book = WorkbookWriter(out, ["s"])
    sheet = book.sheet([10], ["t"])
    sheet.rows([["长" * 40000]], [0])
    sheet.close()
    book.close()
    ws = openpyxl.load_workbook(out).active
    assert ws["A2"].value == "长" * xlsx_writer.MAX_TEXT
