"""Data rows of a write-only sheet, written as finished XML elements.

openpyxl's write-only mode still turns every appended value into a cell object and
writes it through a chain of Python calls (binding the value, failing to bind a cell
object, a style look-up, nested XML contexts): the ~1.5 M cells of a 1,000-document
workbook spent ~40 s there (issue 15). A table sheet's data cells are kept here as
plain tuples instead, and each row becomes one lxml element (parsed from text built in
one go) carrying the attributes, in the order, that openpyxl writes for the same cells:
the sheet's XML is byte for byte the one openpyxl's own cells give
(tests/excel/test_rows.py compares the two).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from lxml.etree import fromstring
from openpyxl.compat import safe_string
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.hyperlink import Hyperlink


class Cell(NamedTuple):
    """One data cell: its style (None: unstyled), its type attribute as openpyxl writes it
    (``inlineStr``, ``n`` or ``b``), the text of its value (None: empty) and a link."""

    style: StyleArray | None
    kind: str
    text: str | None = None
    link: str | None = None


def number_text(value: float | int | bool) -> str:
    """A number as openpyxl writes it (16 significant digits; True is 1)."""
    return safe_string(value)


def date_number(value, epoch) -> str:
    """A date or datetime as openpyxl writes it outside ISO-date mode: Excel's serial number."""
    return safe_string(to_excel(value, epoch))


class _Prepared(tuple):
    """A row of :class:`Cell` handed to ``ws.append`` (which takes only lists and tuples)."""


class RowWriter:
    """Appends rows of :class:`Cell` to a write-only sheet, one lxml element per row.

    Create it when the sheet's first row is due (widths, frozen panes and page set-up
    are written then); rows of plain values or openpyxl cells may still be appended to
    the sheet before and after, the usual way. Row heights are read from
    ``ws.row_dimensions`` as each row is written, as openpyxl does.
    """

    def __init__(self, ws) -> None:
        self.ws = ws
        ws._get_writer()  # writes the sheet's head (widths, views) as a first append would
        plain_values, plain_write = ws._values_to_row, ws._writer.write_row
        # openpyxl's own path for anything but a prepared row; this instance's only
        ws._values_to_row = lambda values, row_idx: (
            values if isinstance(values, _Prepared) else plain_values(values, row_idx)
        )
        ws._writer.write_row = lambda xf, row, row_idx: (
            xf.write(self._element(row, row_idx))
            if isinstance(row, _Prepared)
            else plain_write(xf, row, row_idx)
        )
        self._styles = ws.parent._cell_styles
        self._ids: dict[int, tuple[StyleArray, str]] = {}
        self._letters: list[str] = []

    def append(self, cells: Sequence[Cell | None]) -> None:
        """Append one row; None leaves a column's cell out (an empty, unstyled cell)."""
        self.ws.append(_Prepared(cells))

    def _style_id(self, style: StyleArray) -> str:
        # one look-up per style object (the table sheets share one per distinct look);
        # the object is kept with its id, so that the id cannot be reused by another
        known = self._ids.get(id(style))
        if known is None:
            known = self._ids[id(style)] = (style, str(self._styles.add(style)))
        return known[1]

    def _element(self, cells: Sequence[Cell | None], row_idx: int):
        while len(self._letters) < len(cells):
            self._letters.append(get_column_letter(len(self._letters) + 1))
        r = f"{row_idx}"
        attrs = {"r": r}
        attrs.update(self.ws.row_dimensions.get(row_idx, {}))
        parts = ["<row", *(f' {key}="{value}"' for key, value in attrs.items()), ">"]
        empty = []  # places of the empty cells among the row's cells
        for letter, cell in zip(self._letters, cells, strict=False):
            if cell is not None:
                if not cell.text:
                    empty.append(len(parts) - len(attrs) - 2)
                parts.append(self._cell(letter + r, cell))
        parts.append("</row>")
        # one parse per row: lxml then writes it as it writes any element
        row = fromstring("".join(parts))
        for at in empty:
            row[at].text = ""  # <c …></c>, as openpyxl writes an empty cell (not <c …/>)
        return row

    def _cell(self, coordinate: str, cell: Cell) -> str:
        style, kind, text, link = cell
        if link:
            self.ws._hyperlinks.append(Hyperlink(ref=coordinate, target=link))
        if style is None:
            head = f'<c r="{coordinate}" t="{kind}"'
        else:
            head = f'<c r="{coordinate}" s="{self._style_id(style)}" t="{kind}"'
        if not text:
            return head + "/>"
        if kind == "inlineStr":
            space = ' xml:space="preserve"' if text != text.strip() else ""
            return f"{head}><is><t{space}>{_escaped(text)}</t></is></c>"
        return f"{head}><v>{text}</v></c>"


def _escaped(text: str) -> str:
    """``text`` as XML character data that parses back to itself (a CR included)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text
