"""A streaming XLSX writer: worksheet XML written row by row into the zip, nothing kept.

Why not a library: the exports need only values, four number formats, a bold frozen
header row and column widths. openpyxl's write-only workbook costs tens of microseconds
a cell (100,000 customers × 22 columns: 66 s) and XlsxWriter's constant-memory mode about
half that (both measured in `bench/export_bench.py`); writing the few parts of the format
directly is 7–14× faster than either, with flat memory. What is written is the subset of
Office Open XML (ECMA-376 part 1, SpreadsheetML) every spreadsheet reads: strings inline
(`t="inlineStr"`, no shared-string table to keep in memory), numbers, booleans, and dates
as serial numbers in the 1900 date system with a date format.

Text is never a formula here (formulas are `<f>` elements, which this writer never
writes), so `=…` or `#N/A` read back as the text they are. Characters XML 1.0 cannot carry
(C0 controls other than tab, newline and carriage return) are dropped, and a cell's text
stops at Excel's limit of 32,767 characters.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any
from xml.sax.saxutils import quoteattr

# Styles (indexes into cellXfs below): the header, and one per number format.
HEADER, MONEY, NUMBER, INT, DATE, DATETIME = 1, 2, 3, 4, 5, 6
MAX_TEXT = 32767
_EPOCH = datetime(1899, 12, 30)  # the 1900 system, as Excel counts (its 1900-02-29 included)
_EPOCH_DAY = _EPOCH.date()
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_STYLES = f"""{_XML}<styleSheet xmlns="{_NS}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" \
formatCode="yyyy-mm-dd hh:mm"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill \
patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" \
applyAlignment="1"><alignment vertical="center"/></xf>
<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


def column_letter(index: int) -> str:
    """1 → A, 26 → Z, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_names(names: Iterable[str]) -> list[str]:
    """Names Excel accepts: ≤ 31 characters, none of []:*?/\\, unique (case-insensitive)."""
    seen: set[str] = set()
    out: list[str] = []
    for i, raw in enumerate(names, start=1):
        name = _SHEET_NAME_BAD.sub("_", raw).strip("'")[:31] or f"Sheet{i}"
        base, n = name, 2
        while name.casefold() in seen:
            suffix = f" ({n})"
            name, n = base[:31 - len(suffix)] + suffix, n + 1
        seen.add(name.casefold())
        out.append(name)
    return out


_NEEDS_WORK = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TRANSLATE = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;",
              **{c: None for c in (*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF)}}
_XML_SPACE = " \t\r\n"


def text_xml(value: str) -> str:
    """`<t>…</t>` for a cell's text: escaped, illegal characters dropped, cut at the limit,
    leading or trailing white space kept."""
    if len(value) > MAX_TEXT:
        value = value[:MAX_TEXT]
    if _NEEDS_WORK.search(value) is not None:
        value = value.translate(_TRANSLATE)  # one pass: escapes and drops together
    if value and (value[0] in _XML_SPACE or value[-1] in _XML_SPACE):
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


def number_text(value: int | float | Decimal) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return repr(value) if isinstance(value, float) else str(value)


def _other_cell(ref: str, value: Any, style: int) -> str:
    """The cells the fast path of `SheetWriter.rows` does not spell out itself."""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal):
        s = f' s="{style}"' if style else ""
        return f'<c r="{ref}"{s}><v>{number_text(value)}</v></c>'
    if isinstance(value, datetime):  # a subclass (the fast path takes datetime itself)
        serial = (value.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400
        return f'<c r="{ref}" s="{DATETIME}"><v>{serial!r}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="{DATE}"><v>{(value - _EPOCH_DAY).days}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is>{text_xml(str(value))}</is></c>'


class SheetWriter:
    """One worksheet being written: its rows go straight into the zip entry."""

    def __init__(self, stream: IO[bytes], widths: Sequence[int], header: Sequence[str]) -> None:
        self._out = stream
        self._refs = [column_letter(i) for i in range(1, len(widths) + 1)]
        self._row = 0
        cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                       for i, w in enumerate(widths, start=1))
        self._write(
            f'{_XML}<worksheet xmlns="{_NS}" xmlns:r="{_REL_NS}">'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" '
            'activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/>{"<cols>" + cols + "</cols>" if cols else ""}'
            "<sheetData>")
        self.rows([header], [HEADER] * len(header))

    def _write(self, text: str) -> None:
        self._out.write(text.encode("utf-8"))

    def rows(self, rows: Iterable[Sequence[Any]], styles: Sequence[int]) -> None:
        """Append rows of values, the n-th value in the n-th column's style (HEADER, MONEY,
        …; 0 for none); a None value leaves its cell empty."""
        refs = self._refs
        parts: list[str] = []
        add = parts.append
        for cells in rows:
            self._row += 1
            r = self._row
            add(f'<row r="{r}">')
            for ref, value, style in zip(refs, cells, styles, strict=False):
                if value is None:
                    continue
                kind = type(value)
                if kind is str:
                    s = ' s="1"' if style == HEADER else ""
                    add(f'<c r="{ref}{r}"{s} t="inlineStr"><is>{text_xml(value)}</is></c>')
                elif kind is datetime:
                    # Excel has no zones: the wall-clock time
                    naive = value if value.tzinfo is None else value.replace(tzinfo=None)
                    serial = (naive - _EPOCH).total_seconds() / 86400
                    add(f'<c r="{ref}{r}" s="{DATETIME}"><v>{serial!r}</v></c>')
                elif kind is date:
                    add(f'<c r="{ref}{r}" s="{DATE}"><v>{(value - _EPOCH_DAY).days}</v></c>')
                else:
                    add(_other_cell(f"{ref}{r}", value, style))
            add("</row>")
        self._write("".join(parts))

    def close(self) -> None:
        self._write("</sheetData></worksheet>")
        self._out.close()


class WorkbookWriter:
    """A workbook of known sheet names, written sheet after sheet into `target`.

    The package parts that name the sheets come first (so the zip reads in the usual
    order); then each sheet is opened with `sheet()`, fed rows and closed before the next.
    Deflate level 1: the sheet XML compresses about 10× at that level already, and higher
    levels cost more CPU than the bytes they save on the way to the client.
    """

    def __init__(self, target: IO[bytes], names: Sequence[str]) -> None:
        self.names = sheet_names(names)
        self._zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._next = 0
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(self.names) + 1))
        self._part("[Content_Types].xml", (
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}'
            "</Types>"))
        self._part("_rels/.rels", (
            f'{_XML}<Relationships xmlns="{_PKG_REL_NS}"><Relationship Id="rId1" '
            f'Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        sheets = "".join(f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
                         for i, name in enumerate(self.names, start=1))
        self._part("xl/workbook.xml", (
            f'{_XML}<workbook xmlns="{_NS}" xmlns:r="{_REL_NS}"><bookViews><workbookView/>'
            f"</bookViews><sheets>{sheets}</sheets></workbook>"))
        rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL_NS}/worksheet" '
                       f'Target="worksheets/sheet{i}.xml"/>'
                       for i in range(1, len(self.names) + 1))
        styles_id = len(self.names) + 1
        self._part("xl/_rels/workbook.xml.rels", (
            f'{_XML}<Relationships xmlns="{_PKG_REL_NS}">{rels}<Relationship '
            f'Id="rId{styles_id}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
            "</Relationships>"))
        self._part("xl/styles.xml", _STYLES)

    def _part(self, name: str, xml: str) -> None:
        self._zip.writestr(name, xml.encode("utf-8"))

    def sheet(self, widths: Sequence[int], header: Sequence[str]) -> SheetWriter:
        """The next sheet (in the order of `names`)."""
        self._next += 1
        if self._next > len(self.names):
            raise ValueError("more sheets than names")
        stream = self._zip.open(f"xl/worksheets/sheet{self._next}.xml", "w",
                                force_zip64=True)
        return SheetWriter(stream, widths, header)

    def close(self) -> None:
        while self._next < len(self.names):  # a sheet never opened is written empty
            self.sheet([], []).close()
        self._zip.close()
