"""Rows written as finished XML (excel/rows.py) are the rows openpyxl writes for the same
cells, byte for byte; and a large frame written through the public writer reads back
cell by cell as the frame it came from."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from copy import copy

import pytest

openpyxl = pytest.importorskip("openpyxl")
pd = pytest.importorskip("pandas")

from openpyxl.cell import WriteOnlyCell  # noqa: E402
from openpyxl.styles import Alignment, Font  # noqa: E402

from policylens.excel.cells import _put_text, _save, streaming_workbook  # noqa: E402
from policylens.excel.rows import Cell, RowWriter, date_number, number_text  # noqa: E402
from policylens.excel.workbook import tables_workbook_bytes  # noqa: E402

TEXTS = [
    "plain",
    " padded ",
    "a & <b> > c",
    "line\r\nbreak\nand\ttab",
    "江西省重点产业链",
    "=1+1",
    "",
]
NUMBERS = [0, 7, -3, 1.5, 0.1 + 0.2, 1e21, 123456789012, True, False]
DATES = [dt.date(2025, 3, 1), dt.datetime(2025, 3, 1, 12, 30)]


def _styled(ws, value, row: int, column: int, j: int) -> WriteOnlyCell:
    """An openpyxl cell holding ``value`` (text as the workbook writes it: a string, quote
    prefix on formula-like text), with a style that varies by column."""
    cell = WriteOnlyCell(ws)
    cell.row, cell.column = row, column
    if isinstance(value, str):
        _put_text(cell, value)
    else:
        cell.value = value
    if j % 3:
        cell.alignment = Alignment(vertical="top", wrap_text=j % 2 == 0)
    if j % 4 == 1:
        cell.font = Font(italic=True)
    if j % 5 == 2 and isinstance(value, float):
        cell.number_format = "#,##0.00"
    return cell


def _as_row_cell(cell: WriteOnlyCell, epoch) -> Cell | None:
    """The :class:`Cell` of an openpyxl cell: what the table sheets hand to RowWriter."""
    style = copy(cell._style) if cell.has_style else None
    value = cell._value
    if value is None:
        return None if style is None else Cell(style, "n")
    if cell.data_type == "s":
        return Cell(style, "inlineStr", value, cell.hyperlink.target if cell.hyperlink else None)
    if cell.data_type == "d":
        return Cell(style, "n", date_number(value, epoch))
    return Cell(style, cell.data_type, number_text(value))


def _sheet_xml(rows_of, *, fast: bool) -> tuple[bytes, bytes]:
    with streaming_workbook() as wb:
        ws = wb.create_sheet("data")
        ws.row_dimensions[2].height = 45
        ws.append(["head", "er"])  # a plain row first, as the table sheets' headers are
        rows = RowWriter(ws) if fast else None
        for index, cells in enumerate(rows_of(ws), 2):
            if fast:
                rows.append([_as_row_cell(c, wb.epoch) if c is not None else None for c in cells])
            else:
                ws.append(cells)
            if index == 3:  # a plain row between written rows
                ws.append(["between"])
        data = _save(wb)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml"), archive.read("xl/styles.xml")


def _cells(ws):
    values = [*TEXTS, *NUMBERS, *DATES, None]
    for i in range(4):
        cells = []
        for j, value in enumerate(values[i:] + values[:i]):
            cells.append(None if j == 5 else _styled(ws, value, 2 + i, j + 1, j + i))
        link = _styled(ws, "see the source", 2 + i, len(values) + 1, 0)
        link.hyperlink = f"https://example.org/{i}?a=1&b=2"
        cells.append(link)
        yield cells


def test_rows_are_the_xml_openpyxl_writes_for_the_same_cells():
    # text (spaces kept, &, <, CR, CJK, formula-like, empty), numbers (17 digits, large,
    # booleans), dates, empty cells with and without a style, links, a row height
    ours, our_styles = _sheet_xml(_cells, fast=True)
    theirs, their_styles = _sheet_xml(_cells, fast=False)
    assert b"<hyperlink" in ours and b'xml:space="preserve"' in ours and b"&#13;" in ours
    assert ours == theirs
    assert our_styles == their_styles


def _large_frame(n: int) -> pd.DataFrame:
    texts = ["=SUM(A1)", "  spaced  ", "长文本" * 40, "a\nb", "plain"]
    return pd.DataFrame(
        {
            "name": [f"{texts[i % len(texts)]} {i}" for i in range(n)],
            "count": pd.array([None if i % 7 == 0 else i for i in range(n)], dtype="Int64"),
            "share": [i / 3 if i % 11 else float("nan") for i in range(n)],
            "flag": [i % 2 == 0 for i in range(n)],
            "day": pd.to_datetime(["2024-01-01"] * n) + pd.to_timedelta(range(n), unit="D"),
            "source_url": [f"https://example.org/{i}" if i % 3 else "not a link" for i in range(n)],
        }
    )


def test_a_large_frame_reads_back_cell_by_cell_through_the_public_writer():
    frame = _large_frame(3_000)
    wb = openpyxl.load_workbook(io.BytesIO(tables_workbook_bytes({"big": frame})))
    ws = wb["big"]
    assert [c.value for c in ws[2]] == list(frame.columns)
    rows = list(ws.iter_rows(min_row=3))
    assert len(rows) == len(frame)
    for i, (name, count, share, flag, day, url) in enumerate(rows):
        assert name.data_type == "s" and name.value == frame["name"][i]
        assert name.quotePrefix == name.value.startswith("=")
        assert name.alignment.vertical == "top"
        expected = frame["count"][i]
        assert count.value == (None if pd.isna(expected) else expected)
        expected = frame["share"][i]
        assert share.value == (None if pd.isna(expected) else expected)
        assert flag.value is bool(frame["flag"][i])
        assert day.value == frame["day"][i].to_pydatetime() and day.number_format == "yyyy-mm-dd"
        assert url.value == frame["source_url"][i]
        if i % 3:
            assert url.hyperlink.target == url.value and url.font.underline == "single"
        else:
            assert url.hyperlink is None and not url.font.underline
    assert ws.column_dimensions["A"].width == 60 and rows[0][0].alignment.wrap_text
    tall = [ws.row_dimensions[i + 3].height for i in range(len(frame)) if i % 5 == 2]
    assert tall and all(height and height > 15 for height in tall)  # the long CJK text wraps
