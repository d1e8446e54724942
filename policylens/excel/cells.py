"""Cells of the workbook: text that stays text, number formats, widths, heights, links,
one frame written as a sheet, and the zip writer that keeps the bytes reproducible."""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from copy import copy
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TIME_FORMATS
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_ISO8601
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from policylens.errors import OutputError
from policylens.excel.rows import Cell, RowWriter, date_number, number_text

YUAN_PER_YI = 1e8  # 亿元
YUAN_PER_BN = 1e9  # CNY bn

# Text Excel treats as a formula (or a DDE call) when it is typed in.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# East Asian wide and full-width characters (CJK, kana, hangul, full-width forms)
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
_URL = re.compile(r"^https?://[^\s\"<>]+$")
_MAX_CELL_TEXT = 32767
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

_WRAP_AT = 60  # characters (CJK count double) beyond which a column wraps
_MIN_WIDTH = 6
_LINE_HEIGHT = 15.0  # points per wrapped line
_MAX_ROW_HEIGHT = 409.0  # Excel's limit

FORMAT_YUAN = "#,##0"
FORMAT_COUNT = "#,##0"
FORMAT_YEAR = "0"
FORMAT_DATE = "yyyy-mm-dd"
FORMAT_PERCENT = "0.0"
#: A comparator as it is shown before a number (突破1万亿 is ">10,000", 以上 is "≥").
COMPARATOR_SIGNS = {">": ">", ">=": "≥", "~": "~", "=": "", "<=": "≤"}
#: Table sheets: a row of readable headers, then the row of column names (with filter
#: buttons) that the table starts on, then the data.
LABEL_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
#: Money shown beside the exact yuan: (column, of column, unit, divisor).
MONEY_COLUMNS = (
    ("value_yi", "value", "亿元", 1e8),
    ("value_cny_bn", "value", "CNY bn", 1e9),
    ("value_stretch_yi", "value_stretch", "亿元", 1e8),
    ("value_stretch_cny_bn", "value_stretch", "CNY bn", 1e9),
)

#: Readable headers, shown above the column names (which stay in the header row below them).
LABELS: dict[str, str] = {
    "target_id": "Target",
    "doc_id": "Document",
    "province": "Province",
    "province_zh": "Province (Chinese)",
    "title_zh": "Title (Chinese)",
    "title_en": "Title (English)",
    "issuer_zh": "Issued by",
    "doc_number": "Document number",
    "issued": "Issue date",
    "status": "Final or draft",
    "horizon_start": "Plan from (year)",
    "horizon_end": "Plan to (year)",
    "source_url": "Link",
    "file": "Text file",
    "sha256": "SHA-256 of the text",
    "note": "Note",
    "scope_zh": "Subject (as written)",
    "scope": "Subject (English)",
    "chain": "Chain key",
    "indicator": "What is measured",
    "value": "Value (floor), in its unit",
    "value_stretch": "Stretch value (力争), in its unit",
    "value_yi": "Value in 亿元",
    "value_cny_bn": "Value in CNY bn",
    "value_stretch_yi": "Stretch value in 亿元",
    "value_stretch_cny_bn": "Stretch value in CNY bn",
    "unit": "Unit",
    "per": "Value per (empty: a total)",
    "comparator": "Comparator",
    "commitment": "Firm or aspirational",
    "target_year": "Target year",
    "period": "Period",
    "deadline": "Deadline",
    "quote": "Quote from the text",
    "char_start": "Quote starts at character",
    "char_end": "Quote ends at character",
    "origin": "Extracted or curated",
    "chain_zh": "Chain (as written)",
    "label": "Chain (English)",
    "level": "Level",
    "parent": "Part of",
    "count": "Count",
    "count_stretch": "Stretch count",
    "mode_id": "Mode",
    "mode_zh": "Mode (as written)",
    "mode_key": "Actors (canonical keys)",
    "kind": "Collaboration or other",
    "purpose_zh": "Purpose (as written)",
    "purpose": "Purpose (English)",
    "mentions": "Times stated",
    "actor": "Actor",
    "actor_zh": "Actor (as written)",
    "position": "Place in the mode",
    "milestone_id": "Milestone",
    "recurring": "Recurs",
    "action_zh": "Action (as written)",
    "basis": "Named now, or a target",
    "measure": "What is counted",
    "what_zh": "What (as written)",
    "what": "What (English)",
    "needs_review": "Needs review",
    "review_reason": "Why",
    "candidate_id": "Candidate",
    "unit_as_written": "Unit as written",
    # the over-time tables (revisions, attainment)
    "revision_id": "Revision",
    "earlier_doc": "Earlier document",
    "later_doc": "Later document",
    "earlier_target": "Earlier target",
    "later_target": "Later target",
    "earlier_value": "Earlier value (floor), in its unit",
    "later_value": "Later value (floor), in its unit",
    "earlier_stretch": "Earlier stretch (力争), in its unit",
    "later_stretch": "Later stretch (力争), in its unit",
    "earlier_year": "Earlier target year",
    "later_year": "Later target year",
    "earlier_comparator": "Earlier comparator",
    "later_comparator": "Later comparator",
    "earlier_commitment": "Earlier: firm or aspirational",
    "later_commitment": "Later: firm or aspirational",
    "earlier_quote": "Earlier quote",
    "later_quote": "Later quote",
    "change": "What changed",
    "why": "Why these are one goal",
    "tested": "Value tested: firm or aspirational",
    "tested_value": "Value tested, in its unit",
    "tolerance": "Tolerance below the value (for ~)",
    "outcome_value": "Outcome, in its unit",
    "outcome_year": "Outcome year",
    "outcome_comparator": "Outcome reported as",
    "outcome_source": "Outcome from",
    "outcome_ref": "Outcome row",
    "outcome_doc": "Outcome document",
    "outcome_quote": "Outcome quote (or source)",
    "stretch_status": "Stretch met?",
    "reference_date": "Judged at",
}

#: Headers of a column whose name means something else in another table.
TABLE_LABELS: dict[tuple[str, str], str] = {
    ("revisions", "origin"): "Matched, or paired by a reviewer",
    ("attainment", "status"): "Met?",
    ("attainment", "note"): "What the status rests on",
}

#: The most candidates the Review sheet lists; a corpus has tens of thousands, all of them
#: in candidates.csv and parquet/candidates.parquet (a row under the sheet's table says so).
REVIEW_ROWS = 5_000

_TYPE_WORDS = {
    "string": "text",
    "category": "text",
    "float": "number",
    "int": "whole number",
    "date": "date",
    "bool": "TRUE/FALSE",
}


@dataclass(frozen=True)
class _Col:
    """How one column is written: header, kind of value, unit, format and meaning."""

    name: str
    kind: str = "text"  # text | int | float | date | bool
    unit: str = ""  # year | count | CNY | 亿元 | CNY bn | unit (per row, from the unit column)
    description: str = ""
    number_format: str | None = None  # None: chosen from kind, unit and value
    wrap: bool | None = None  # None: wrap when the content is long
    label: str = ""  # readable header shown above the column name ("" : from LABELS)
    comparator: bool = False  # show the row's comparator before the number (>10,000)

    @property
    def heading(self) -> str:
        return self.label or LABELS.get(self.name) or self.name.replace("_", " ").capitalize()


# --------------------------------------------------------------------------- cells


def clip_text(text: str, see: str = "the CSV tables", limit: int = _MAX_CELL_TEXT) -> str:
    """``text`` cut to fit one Excel cell (32,767 characters), saying what was left out.

    A list joined by "; " or "、" (target ids, chain names) keeps whole items and
    ends "… (N more; see <see>)"; other text is cut between characters and ends
    "… (N more characters; see <see>)". Text that fits is returned as it is.
    """
    if len(text) <= limit:
        return text
    for sep in ("; ", "、"):
        items = text.split(sep)
        if len(items) > 1:
            kept: list[str] = []
            used = 0
            for item in items:
                note = f"{sep}… ({len(items) - len(kept)} more; see {see})"
                if used + len(item) + len(sep) + len(note) + 8 > limit:
                    break
                kept.append(item)
                used += len(item) + len(sep)
            if kept:
                return sep.join(kept) + f"{sep}… ({len(items) - len(kept)} more; see {see})"
    note = f" … ({{}} more characters; see {see})"
    cut = limit - len(note.format(len(text))) - 2
    return text[:cut] + note.format(len(text) - cut)


def _checked_text(value: Any, see: str, where) -> str:
    """``value`` as text an .xlsx cell can hold: an OutputError naming ``where()`` (the
    cell) when it holds a control character; cut by :func:`clip_text` when too long."""
    text = str(value)
    bad = _ILLEGAL.search(text)
    if bad:
        raise OutputError(
            f"cannot write the text {text[:60]!r} to {where()}: it "
            f"holds the control character U+{ord(bad.group()):04X}, which an .xlsx file cannot "
            "store. Remove it from the source text or the decisions file and build again."
        )
    return clip_text(text, see)


def _put_text(cell, value: str, see: str = "the CSV tables"):
    """Write ``value`` as a string cell that Excel shows as it is and never evaluates.

    Text longer than a cell holds is cut by :func:`clip_text`, naming ``see``.
    """
    text = _checked_text(value, see, lambda: f"{cell.parent.title}!{cell.coordinate}")
    cell.value = text  # openpyxl takes '=…' for a formula and '#N/A' for an error …
    cell.data_type = "s"  # … so say explicitly that it is a string
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True  # Excel's own "typed with a leading '" flag
    return cell


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _python_value(value: Any) -> Any:
    """A value openpyxl can write: None, bool, int, float, date, datetime or str."""

    kind = type(value)  # the plain types of a column's tolist() first: most cells
    if kind is str or kind is int:
        return value
    if kind is float:
        return None if value != value else _finite(value)
    return _other_value(value)


def _finite(value: float) -> float:
    """``value``, or an OutputError for an infinity (Excel has no such number)."""
    if not math.isfinite(value):
        raise OutputError(f"cannot write the number {value} to Excel")
    return value


def _other_value(value: Any) -> Any:
    if _missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return _finite(float(value))
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        stamp = pd.Timestamp(value)
        if stamp == stamp.normalize():
            return stamp.date()
        return stamp.to_pydatetime().replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value
    return str(value)


def _decimals_format(value: float, base: str = "#,##0", minimum: int = 0) -> str:
    """A format showing as many decimals as the value has (at most 4), no more."""
    text = f"{abs(value):.4f}".rstrip("0")
    decimals = max(minimum, len(text.split(".")[1]))
    return base + ("." + "0" * decimals if decimals else "")


def _with_sign(number_format: str, comparator: Any) -> str:
    """``number_format`` showing the comparator before the number: '">"#,##0' shows >10,000."""
    sign = COMPARATOR_SIGNS.get(str(comparator), "") if not _missing(comparator) else ""
    return f'"{sign}"{number_format}' if sign else number_format


def _number_format(
    column: _Col, value: Any, unit: str | None, comparator: Any = None
) -> str | None:
    base = _base_format(column, value, unit)
    if base and column.comparator:
        return _with_sign(base, comparator)
    return base


def _base_format(column: _Col, value: Any, unit: str | None) -> str | None:
    if column.number_format:
        return column.number_format
    if column.kind == "date":
        return FORMAT_DATE
    if column.kind == "int" or (isinstance(value, int) and not isinstance(value, bool)):
        return FORMAT_COUNT if column.unit == "count" else FORMAT_YEAR
    if column.kind == "float" and isinstance(value, float):
        if column.unit == "unit" and unit == "percent":
            return _decimals_format(value, "0")
        if column.unit == "year":
            return FORMAT_YEAR
        return _decimals_format(value)
    return None


def _display_width(text: str) -> int:
    """Width in Excel character units: CJK and full-width characters count double."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def _shown(value: Any, number_format: str | None) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "FALSE" if not value else "TRUE"
    if isinstance(value, (int, float)):
        if number_format and "," in number_format:
            decimals = len(number_format.split(".")[1]) if "." in number_format else 0
            return f"{value:,.{decimals}f}"
        return str(value)
    return "2000-01-01"


def _row_height(cells: list[tuple[str, float]]) -> float | None:
    """Height of a row whose wrapped cells hold ``(text, column width)``."""
    lines = 1
    for text, width in cells:
        count = sum(
            max(1, math.ceil(_display_width(part) / max(width - 1, 1))) for part in text.split("\n")
        )
        lines = max(lines, count)
    return min(_MAX_ROW_HEIGHT, _LINE_HEIGHT * lines) if lines > 1 else None


def _clean_url(url: Any) -> str | None:
    if _missing(url):
        return None
    url = str(url).strip()
    return url if _URL.match(url) else None


def _link(cell, url: str | None) -> None:
    """Give a text cell a hyperlink *attribute* (never a HYPERLINK() formula)."""

    if url:
        cell.hyperlink = url
        cell.font = Font(color="0563C1", underline="single")


def _source_links(documents: pd.DataFrame) -> dict[str, str]:
    out = {}
    for doc_id, url in zip(documents["doc_id"], documents["source_url"], strict=True):
        clean = _clean_url(url)
        if clean:
            out[str(doc_id)] = clean
    return out


@dataclass
class _Look:
    """The fonts, fills and alignments of a table sheet, made once and shared by its cells."""

    bold: Font = field(default_factory=lambda: Font(bold=True))
    fill: PatternFill = field(default_factory=lambda: PatternFill("solid", fgColor="DDEBF7"))
    header_align: Alignment = field(
        default_factory=lambda: Alignment(vertical="top", wrap_text=False)
    )
    top: Alignment = field(default_factory=lambda: Alignment(vertical="top"))
    wrapped: Alignment = field(default_factory=lambda: Alignment(vertical="top", wrap_text=True))
    italic: Font = field(default_factory=lambda: Font(italic=True))
    link: Font = field(default_factory=lambda: Font(color="0563C1", underline="single"))
    label: Font = field(default_factory=lambda: Font(bold=True, color="404040"))
    label_align: Alignment = field(
        default_factory=lambda: Alignment(vertical="bottom", wrap_text=True)
    )


@dataclass
class _Frame:
    """What every column of a frame being written needs: per-row units, comparators and
    documents, the cells given their own font or format, and where long text is whole."""

    ws: Any
    n: int
    units: list
    comparators: list
    doc_ids: list
    links: dict
    italic: set
    formats: dict
    see: str
    look: _Look
    styles: _StyleCache

    @classmethod
    def of(cls, ws, frame: pd.DataFrame, **given) -> _Frame:
        n = len(frame)
        has = frame.columns
        units = [None if _missing(u) else str(u) for u in frame["unit"]] if "unit" in has else None
        return cls(
            ws,
            n,
            units or [None] * n,
            frame["comparator"].tolist() if "comparator" in has else [None] * n,
            [str(d) for d in frame["doc_id"]] if "doc_id" in has else [None] * n,
            styles=_StyleCache(ws),
            look=_Look(),
            **given,
        )


@dataclass
class _Column:
    """One column ready to write: its width, whether it wraps, the text each row shows
    (for row heights) and its data cells."""

    width: int
    wrap: bool
    shown: list
    cells: list


def _write_frame(
    ws,
    frame: pd.DataFrame,
    columns: list[_Col],
    *,
    table_name: str,
    links: dict[str, str] | None = None,
    italic: set | None = None,
    formats: dict | None = None,
    see: str | None = None,
) -> None:
    """One frame as an Excel table, appended to the write-only sheet ``ws`` in row order:
    readable headers over the column names (with filters, frozen), widths, formats, links,
    and a landscape print set-up that fits the width.

    ``italic`` and ``formats`` hold cells (row index, column name) to set in italic or
    to give their own number format. A text longer than a cell holds is cut, naming
    ``see`` (default: ``<table_name>.csv``) as where the whole of it is.

    Each column is converted once (values, formats, widths, styles: one style object per
    distinct look, shared by its cells), and the data rows go to the sheet as finished
    XML rows (:class:`~policylens.excel.rows.RowWriter`), not as openpyxl cell objects."""

    given = {"links": links or {}, "italic": italic or set(), "formats": formats or {}}
    at = _Frame.of(ws, frame, see=see or f"{table_name}.csv", **given)
    look = at.look
    labels: list[Any] = []
    heads: list[Any] = []
    prepared: list[_Column] = []
    for j, column in enumerate(columns, 1):
        caption = _cell_at(ws, LABEL_ROW, j)
        at.styles.apply(caption, ("label",), font=look.label, alignment=look.label_align)
        labels.append(_put_text(caption, column.heading))
        head = _cell_at(ws, HEADER_ROW, j)
        at.styles.apply(
            head, ("header",), font=look.bold, fill=look.fill, alignment=look.header_align
        )
        heads.append(_put_text(head, column.name))
        raw = frame[column.name].tolist() if column.name in frame.columns else [None] * at.n
        prepared.append(_prepare_column(at, j, column, raw))
        # write-only: column widths must be set before the first row is appended
        ws.column_dimensions[get_column_letter(j)].width = prepared[-1].width

    # write-only: row heights and frozen panes are read when their row is written
    _set_row_heights(ws, prepared, at.n)
    captions = [(c.heading, prepared[j].width) for j, c in enumerate(columns)]
    ws.row_dimensions[LABEL_ROW].height = _row_height(captions) or _LINE_HEIGHT
    ws.freeze_panes = f"A{FIRST_ROW}"
    print_setup(ws)  # the sheet properties (fit to page) are written with the first row
    if getattr(ws, "calculate_dimension", None) is None:  # a caller may declare more rows
        declare_size(ws, FIRST_ROW + at.n - 1, len(columns))
    ws.append(labels)
    ws.append(heads)
    if prepared:
        rows = RowWriter(ws)
        for row in zip(*(column.cells for column in prepared), strict=True):
            rows.append(row)
    else:  # a frame without columns still declares its rows
        for _ in range(at.n):
            ws.append([])
    _add_table(ws, table_name, heads, at.n)


def _prepare_column(at: _Frame, j: int, column: _Col, raw: list) -> _Column:
    """Values, number formats, width, wrapping and the data cells of one column."""
    values = [_python_value(value) for value in raw]
    own, name = at.formats, column.name
    formats = [
        None
        if v is None or isinstance(v, str)
        else own.get((i, name)) or _number_format(column, v, at.units[i], at.comparators[i])
        for i, v in enumerate(values)
    ]
    shown = [None if v is None else _shown(v, f) for v, f in zip(values, formats, strict=True)]
    width = _display_width(name) + 3  # room for the filter button
    for text in shown:
        if text is not None:
            longest = max(text.split("\n"), key=len) if "\n" in text else text
            width = max(width, min(_display_width(longest) + 2, 200))
    wrap = column.wrap if column.wrap is not None else width > _WRAP_AT
    width = max(min(width, _WRAP_AT), _MIN_WIDTH)
    alignment = at.look.wrapped if wrap else at.look.top
    letter = get_column_letter(j)
    cells = []
    for i, value in enumerate(values):
        url = _url_of(at, name, i, value)
        font = at.look.link if url else at.look.italic if (i, name) in at.italic else None
        key = (wrap, formats[i], url is not None, font is at.look.italic)
        style = at.styles.get(key, font=font, alignment=alignment, number_format=formats[i])
        cells.append(_data_cell(at, value, style, url, (letter, i + FIRST_ROW)))
    return _Column(width, wrap, shown, cells)


def _url_of(at: _Frame, name: str, i: int, value: Any) -> str | None:
    if name == "doc_id":
        return at.links.get(at.doc_ids[i])
    if name == "source_url" and isinstance(value, str):
        return _clean_url(value)
    return None


def _data_cell(
    at: _Frame, value: Any, style: StyleArray | None, url: str | None, place: tuple[str, int]
) -> Cell | None:
    """The cell openpyxl would write for ``value`` in a cell of ``style`` (None: the default
    style; text stays text, with the quote prefix when Excel would take it for a formula;
    a link only on text). ``place`` (column letter, row) names the cell in an error."""
    if isinstance(value, str):
        text = _checked_text(value, at.see, lambda: f"{at.ws.title}!{place[0]}{place[1]}")
        if text.startswith(_FORMULA_START):
            style = at.styles.quoted(style)
        return Cell(style, "inlineStr", text, url)
    if value is None:  # an empty cell is written only when it has a style
        return None if style is None else Cell(style, "n")
    if isinstance(value, bool):
        return Cell(style, "b", number_text(value))
    if isinstance(value, float) and float(f"{value:.16g}") != value:
        # openpyxl writes numbers with 16 significant digits; this one needs 17
        return Cell(style, "n", repr(value))
    if isinstance(value, (int, float)):
        return Cell(style, "n", number_text(value))
    # a date or datetime: openpyxl gives it a date format when its own is not one
    style = at.styles.dated(style, type(value))
    if at.ws.parent.iso_dates:
        return Cell(style, "d", to_ISO8601(value))
    return Cell(style, "n", date_number(value, at.ws.parent.epoch))


def _set_row_heights(ws, prepared: list[_Column], n: int) -> None:
    """Rows as tall as their longest wrapped text (unwrapped columns never add lines)."""
    wrapped = [(column.shown, column.width) for column in prepared if column.wrap]
    if not wrapped:
        return
    for i in range(n):
        texts = [(shown[i], width) for shown, width in wrapped if shown[i] is not None]
        height = _row_height(texts) if texts else None
        if height:
            ws.row_dimensions[i + FIRST_ROW].height = height


def _add_table(ws, table_name: str, heads: list, n: int) -> None:
    """The Excel table (with filter buttons) over the header row and ``n`` data rows."""
    last = get_column_letter(max(len(heads), 1))
    ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(n, 1)}"
    table = Table(displayName=table_name, ref=ref, autoFilter=AutoFilter(ref=ref))
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    # a normal sheet names the table's columns from its header cells when saved; a
    # write-only sheet has no cells left to read, so they are named here
    table._initialise_columns()
    for table_column, head in zip(table.tableColumns, heads, strict=False):
        table_column.name = str(head.value)
    with warnings.catch_warnings():  # openpyxl's reminder to do just that, on every table
        warnings.filterwarnings("ignore", "In write-only mode you must add table columns")
        ws.add_table(table)


def declare_size(ws, rows: int, columns: int) -> None:
    """Give a write-only sheet the <dimension> a normal sheet writes (A1:<last cell>), so
    that readers that trust it (openpyxl read-only, pandas) see every row padded to the
    full width, as before. Must be called before the sheet's first row is appended."""
    ref = f"A1:{get_column_letter(max(columns, 1))}{max(rows, 1)}"
    ws.calculate_dimension = lambda: ref


def _cell_at(ws, row: int, column: int) -> WriteOnlyCell:
    """A cell for a write-only sheet, placed at (row, column) so that errors can name it."""
    cell = WriteOnlyCell(ws)
    cell.row, cell.column = row, column
    return cell


class RowBuffer:
    """The cells of a small sheet (README, Review note, Figures), placed in any order and
    appended in row order by :meth:`flush`: a write-only sheet takes rows only in order.

    Widths, heights, merges, images and the rest go to the sheet itself; widths and
    heights must be set before :meth:`flush` (write-only reads them when rows are written).
    """

    def __init__(self, ws) -> None:
        self.ws = ws
        self._cells: dict[int, dict[int, WriteOnlyCell]] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.ws, name)

    def cell(self, row: int, column: int) -> WriteOnlyCell:
        """The cell at (row, column), made on first use (like ``Worksheet.cell``)."""
        placed = self._cells.setdefault(row, {})
        if column not in placed:
            placed[column] = _cell_at(self.ws, row, column)
        return placed[column]

    def merge_cells(self, *, start_row: int, start_column: int, end_row: int, end_column: int):
        """Merge a range; write-only keeps the merge list, the covered cells stay empty."""
        ref = (
            f"{get_column_letter(start_column)}{start_row}:{get_column_letter(end_column)}{end_row}"
        )
        self.ws.merged_cells.add(ref)

    def flush(self) -> None:
        """Append every row, first to last (empty rows included), to the sheet."""
        last = max(self._cells, default=0)
        width = max((max(placed, default=0) for placed in self._cells.values()), default=0)
        for ref in self.ws.merged_cells.ranges:
            last, width = max(last, ref.max_row), max(width, ref.max_col)
        declare_size(self.ws, last, width)
        for row in range(1, last + 1):
            placed = self._cells.get(row, {})
            width = max(placed, default=0)
            self.ws.append([placed.get(col) for col in range(1, width + 1)])
        self._cells.clear()


def print_setup(ws) -> None:
    """Landscape, as wide as one page, the two header rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{LABEL_ROW}:{HEADER_ROW}"
    ws.print_options.gridLines = False


class _StyleCache:
    """One style object per distinct look of a sheet's cells, shared by all of them.

    Each is made once through an openpyxl cell, so fonts, fills, alignments and number
    formats are registered with the workbook in the order openpyxl's own cells would
    register them; the data cells then carry the finished style (no per-cell copies)."""

    def __init__(self, ws=None) -> None:
        self._ws = ws
        self._done: dict = {}
        self._shared: dict = {}
        self._variants: dict = {}

    def apply(self, cell, key, *, font=None, fill=None, alignment=None, number_format=None):
        """Give the openpyxl ``cell`` the style of ``key`` (made from the rest on first use)."""
        style = self._done.get(key)
        if style is not None:
            cell._style = copy(style)
            return
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if alignment is not None:
            cell.alignment = alignment
        if number_format:
            cell.number_format = number_format
        self._done[key] = copy(cell._style)

    def get(self, key, **look) -> StyleArray | None:
        """The style of ``key``, made from ``look`` on first use (keep it unchanged); None
        when it is openpyxl's default style (its cells are written unstyled)."""
        if key not in self._shared:
            self.apply(WriteOnlyCell(self._ws), key, **look)
            style = self._done[key]
            self._shared[key] = style if any(style) else None
        return self._shared[key]

    def quoted(self, style: StyleArray | None) -> StyleArray:
        """``style`` with Excel's quote prefix ("typed with a leading '")."""
        key = ("quoted", id(style))
        if key not in self._variants:
            variant = copy(style) if style is not None else StyleArray()
            variant.quotePrefix = 1
            self._variants[key] = (style, variant)  # the original kept: its id stays its own
        return self._variants[key][1]

    def dated(self, style: StyleArray | None, kind: type) -> StyleArray | None:
        """``style`` as openpyxl leaves it after a date of type ``kind`` is put in its cell:
        with a date format when its own is not one."""
        key = ("dated", id(style), kind)
        if key not in self._variants:
            cell = WriteOnlyCell(self._ws)
            if style is not None:
                cell._style = copy(style)
            if not is_date_format(cell.number_format):
                cell.number_format = TIME_FORMATS[kind]
            self._variants[key] = (style, cell._style if any(cell._style) else None)
        return self._variants[key][1]


class _FixedZip(zipfile.ZipFile):
    """A zip whose entries carry a fixed time and attributes, so equal content is equal bytes."""

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
        info.create_system = 0
        info.external_attr = 0
        info.compress_type = zipfile.ZIP_STORED if name.endswith(".png") else zipfile.ZIP_DEFLATED
        return info

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
        info = self._info(name)
        super().writestr(info, data, compresslevel=6 if info.compress_type else None)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as handle:
            data = handle.read()
        self.writestr(arcname or os.path.basename(filename), data)


@contextmanager
def streaming_workbook() -> Iterator[Workbook]:
    """A write-only workbook whose sheets' temporary files are removed if writing fails
    (openpyxl streams each sheet's XML to a temporary file until the workbook is saved;
    on failure it would keep them until the interpreter exits)."""
    wb = Workbook(write_only=True)
    try:
        yield wb
    except BaseException:
        for ws in wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            if ws._rows is not None:  # end the sheet's row stream before its file
                with suppress(Exception):
                    ws._rows.close()
            with suppress(Exception):
                writer.close()
            with suppress(Exception):
                writer.cleanup()
        raise


def _save(wb) -> bytes:

    buffer = io.BytesIO()
    archive = _FixedZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # writes every part, then closes the archive
    return buffer.getvalue()
