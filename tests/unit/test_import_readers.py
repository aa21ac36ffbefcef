"""The CSV reader: what Excel writes comes back cell for cell (no database)."""

from __future__ import annotations

import pytest

from engine.importing.readers import open_table

HEADER = "客户名称,联系人,客户来源,负责人,电话,备注"


def _notes(data: bytes) -> list[str | None]:
    with open_table(data, "客户.csv", "customers") as table:
        return [cells["notes"] for _, cells in table.rows()]


def test_excel_doubled_quotes_inside_a_quoted_cell_stay_one_cell() -> None:
    # given: Excel's way of writing 客户说"下周签约",请跟进 — quotes doubled, comma inside
    row = '甲公司,张三,展会,rep.li,13800138000,"客户说""下周签约"",请跟进"'
    # when
    notes = _notes(f"{HEADER}\r\n{row}\r\n".encode())
    # then
    assert notes == ['客户说"下周签约",请跟进']


@pytest.mark.parametrize("sep", [";", "\t"])
def test_other_separators_keep_doubled_quotes_too(sep: str) -> None:
    header = HEADER.replace(",", sep)
    row = sep.join(["甲公司", "张三", "展会", "rep.li", "13800138000",
                    f'"他说""好{sep}下周""再谈"'])
    notes = _notes(f"{header}\n{row}\n".encode("gb18030"))
    assert notes == [f'他说"好{sep}下周"再谈']


def test_a_quoted_newline_and_a_quoted_header_cell_are_read() -> None:
    data = ('"客户名称",联系人,客户来源,负责人,电话,备注\n'
            '乙公司,李四,展会,rep.li,13800138001,"第一行\n第二行, 含逗号"\n').encode()
    assert _notes(data) == ["第一行\n第二行, 含逗号"]
