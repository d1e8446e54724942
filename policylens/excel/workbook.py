"""The Excel summary: one workbook that stands on its own, for readers who never open Python.

``write_workbook`` turns the built tables into ``policylens_summary.xlsx``:

- a README sheet first (what the workbook is, which documents and which
  policylens made it, how to cite, what every sheet and column means, units);
- the data sheets Documents, Targets, Actuals, Chains, Modes, Mode actors and Milestones,
  whose cells hold exactly the values of ``data/processed/*.csv`` (formats
  change only what is shown; nothing is rounded);
- the reading sheets Revenue goals (chain x province/year in 亿元 and CNY bn),
  Chain counts, Collaboration modes (mode x actor), Review and Figures.

Three guarantees:

- *Text is text.* Every text cell is written as a string cell (never a
  formula, never an error value), and text that Excel would treat as a formula
  when typed (``=``, ``+``, ``-``, ``@``, tab, CR) also carries Excel's
  quote-prefix flag, so that editing the cell keeps it text. The reader sees
  the exact original text.
- *Reproducible bytes.* No wall-clock time is written: the document
  properties carry the newest issue date of the corpus and every zip entry a
  fixed time, so the same tables give a byte-identical file.
- *Atomic.* The workbook is built in memory and replaces the previous file in
  one ``os.replace``; any failure leaves the previous file as it was.

It is written in openpyxl's write-only (streaming) mode: each sheet's rows are computed
first (values, styles, widths, heights) and then appended in order, so no sheet keeps
openpyxl cell objects for the whole workbook; openpyxl streams each sheet's XML to a
temporary file until the zip is assembled (removed also when writing fails).

>>> import policylens as pl
>>> pl.to_excel("summary.xlsx")  # doctest: +SKIP
"""

from __future__ import annotations

import io
import math
import os
import re
import struct
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from openpyxl.drawing.image import Image
from openpyxl.styles import Font
from PIL import Image as PILImage

from policylens.errors import FigureNotEmbeddedWarning, OutputError
from policylens.excel.cells import (
    REVIEW_ROWS,
    RowBuffer,
    _cell_at,
    _Col,
    _put_text,
    _save,
    _source_links,
    _write_frame,
    declare_size,
    streaming_workbook,
)
from policylens.excel.readme import (
    README,
    SHEET_NAMES,
    _Info,
    _set_properties,
    _write_readme,
    _write_tables_readme,
)
from policylens.excel.views import (
    YI_COLUMNS,
    _chain_counts,
    _in_date_order,
    _kind_of,
    _mode_matrix,
    _revenue_goals,
    _review_columns,
    _schema_columns,
    with_money_columns,
    with_yi_columns,
)
from policylens.model.schema import TABLES
from policylens.outputs import write_bytes_atomic
from policylens.version import __version__

_FIGURE_WIDTH = 760  # pixels shown on the Figures sheet
_PIXELS_PER_ROW = 20
#: Embedded figures are at most this long on their long side (larger ones scaled down):
#: a chart pasted from the sheet stays sharp and the workbook small.
EMBED_LONG_SIDE = 1600
#: A figure of more pixels than this is linked, not embedded (decoding it costs ~4 bytes a
#: pixel; charts that summarise stay far below it).
EMBED_MAX_PIXELS = 40_000_000


def write_workbook(
    tables: dict[str, pd.DataFrame],
    path: str | os.PathLike[str],
    *,
    figures: Sequence[Path] = (),
    build_info: dict | None = None,
) -> None:
    """Write the Excel summary of ``tables`` to ``path``, atomically and reproducibly.

    ``tables`` holds the six tables of the data model, typed per schema, and
    ``candidates`` (what still awaits a decision, on the Review sheet; missing or
    empty: nothing pending); ``figures`` are PNG files to embed (other files are
    ignored); ``build_info`` the build's ``build_info.json`` (policylens version and the
    documents' sha256s; taken from ``tables["documents"]`` when missing).

    Raises OutputError naming the path when the file cannot be replaced (open
    in Excel, or a folder that is not writable); the previous file is intact.
    """
    data = workbook_bytes(tables, figures=figures, build_info=build_info)
    write_bytes_atomic(
        Path(path),
        data,
        hint="If the workbook is open in Excel (or another program), close it. ",
    )


def workbook_bytes(
    tables: dict[str, pd.DataFrame],
    *,
    figures: Sequence[Path] = (),
    build_info: dict | None = None,
) -> bytes:
    """The bytes of the workbook ``write_workbook`` writes (the target file is not touched;
    openpyxl streams the sheets through temporary files, removed before returning)."""

    missing = [name for name in TABLES if name not in tables]
    if missing:
        raise ValueError(f"write_workbook needs the tables {', '.join(missing)}")
    info = _Info.of(tables["documents"], build_info)
    pngs = sorted((Path(p) for p in figures if Path(p).suffix.lower() == ".png"), key=_fig_key)

    # write-only (streaming): each sheet's rows are appended in order and written out at
    # once, so a corpus of thousands never holds a million cell objects (issue 15)
    with streaming_workbook() as wb:
        _fill_summary(wb, tables, pngs, info)
        return _save(wb)


def _fill_summary(wb, tables: dict[str, pd.DataFrame], pngs: list[Path], info: _Info) -> None:
    """Every sheet of the summary, README first (filled last: it counts the others' rows)."""
    readme = RowBuffer(wb.create_sheet(README))  # first sheet, written last
    rows: dict[str, int] = {}
    specs: dict[str, list[_Col]] = {}
    links = _source_links(tables["documents"])
    for key, title in SHEET_NAMES.items():
        ws = wb.create_sheet(title)
        if key in TABLES:
            frame = tables[key]
            if key == "milestones":
                frame = _in_date_order(frame)
            specs[key] = _schema_columns(key)
            if key in ("targets", "actuals"):
                frame, specs[key] = with_money_columns(frame, specs[key])
            elif key in YI_COLUMNS:  # revisions, attainment
                frame, specs[key] = with_yi_columns(frame, specs[key], YI_COLUMNS[key])
            _write_frame(ws, frame, specs[key], table_name=key, links=links)
            rows[key] = len(frame)
        elif key == "revenue_goals":
            frame, specs[key], italic, formats = _revenue_goals(tables["targets"], tables["chains"])
            _write_frame(
                ws,
                frame,
                specs[key],
                table_name=key,
                italic=italic,
                formats=formats,
                see="targets.csv",
            )
            rows[key] = len(frame)
        elif key == "chain_counts":
            frame, specs[key] = _chain_counts(tables["chains"], tables["targets"])
            _write_frame(ws, frame, specs[key], table_name=key, links=links, see="chains.csv")
            rows[key] = len(frame)
        elif key == "collaboration_modes":
            frame, specs[key] = _mode_matrix(tables["modes"], tables["mode_actors"])
            _write_frame(ws, frame, specs[key], table_name=key, links=links, see="modes.csv")
            rows[key] = len(frame)
        elif key == "review":
            review = tables.get("candidates")
            rows[key] = _write_review(ws, review, links)
            specs[key] = _review_columns(review) if rows[key] else []
        elif key == "figures":
            _write_figures(ws, pngs)
            rows[key] = len(pngs)
    _write_readme(readme, tables, info, rows, specs, pngs)
    readme.flush()
    _set_properties(wb, info)


# --------------------------------------------------------------------------- any frames

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_NAME_CHARS = re.compile(r"[^A-Za-z0-9_]")
_CELL_LIKE = re.compile(r"^(?:[A-Za-z]{1,3}\d+|[RrCc]\d*|[Rr]\d*[Cc]\d*)$")


def tables_workbook_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    """The bytes of a workbook holding ``frames`` ({sheet name: DataFrame}), one sheet each.

    Columns known from the data model keep their types, formats and meanings
    (money also in 亿元 and CNY bn, the comparator before a floor value); other
    columns are written by their dtype. A README sheet lists sheets and columns.
    """

    if not frames:
        raise ValueError("to_excel(tables=...) needs at least one DataFrame")
    with streaming_workbook() as wb:
        _fill_tables(wb, frames)
        return _save(wb)


def _fill_tables(wb, frames: dict[str, pd.DataFrame]) -> None:
    readme = RowBuffer(wb.create_sheet(README))  # first sheet, written last
    sheets: list[tuple[str, int, list[_Col]]] = []
    used_sheets: set[str] = {README.lower()}
    used_tables: set[str] = set()
    for key, frame in frames.items():
        if not isinstance(frame, pd.DataFrame):
            raise ValueError(
                f"to_excel(tables=...): {key!r} is a {type(frame).__name__}, not a DataFrame"
            )
        title = _unique(_sheet_title(str(key)), used_sheets, limit=31)
        frame = frame.reset_index(drop=True)
        columns = _columns_of(frame)
        frame, columns = with_money_columns(frame, columns)
        ws = wb.create_sheet(title)
        name = _unique(_table_name(str(key)), used_tables, limit=200, sep="_")
        _write_frame(ws, frame, columns, table_name=name)
        sheets.append((title, len(frame), columns))
    _write_tables_readme(readme, sheets)
    readme.flush()
    _set_properties(wb, _Info(__version__, "", None, 0))


def _sheet_title(key: str) -> str:
    title = _SHEET_FORBIDDEN.sub(" ", key).strip().strip("'") or "Sheet"
    return title[:31]


def _table_name(key: str) -> str:
    name = _NAME_CHARS.sub("_", key).strip("_") or "table"
    if not re.match(r"[A-Za-z_]", name) or _CELL_LIKE.match(name):
        name = "t_" + name
    return name


def _unique(name: str, used: set[str], *, limit: int, sep: str = " ") -> str:
    """``name`` (at most ``limit`` characters), numbered when already taken (case-insensitive)."""
    candidate, n = name[:limit], 1
    while candidate.lower() in used:
        n += 1
        suffix = f"{sep}({n})" if sep == " " else f"_{n}"
        candidate = name[: limit - len(suffix)] + suffix
    used.add(candidate.lower())
    return candidate


def _columns_of(frame: pd.DataFrame) -> list[_Col]:
    """How to write each column: as the data model declares it, else by its dtype."""
    known: dict[str, _Col] = {}
    for table in TABLES:
        for column in _schema_columns(table):
            known.setdefault(column.name, column)
    out = []
    for name in frame.columns:
        column = known.get(str(name))
        if column is None:
            column = _Col(str(name), _kind_of(frame[name]))
        elif column.unit == "unit" and "unit" not in frame.columns:
            column = _Col(column.name, column.kind, "", column.description, label=column.label)
        out.append(column)
    return out


def _write_review(ws, review: pd.DataFrame | None, links: dict[str, str]) -> int:
    """The candidates awaiting a decision (at most REVIEW_ROWS of them); return how many
    there are in all."""
    if review is None or len(review) == 0:
        ws.column_dimensions["A"].width = 90
        title = _put_text(_cell_at(ws, 1, 1), "Nothing is awaiting review.")
        title.font = Font(bold=True)
        declare_size(ws, 2, 1)
        ws.append([title])
        text = (
            "Every candidate target the extractor found has a reviewer's decision "
            "(accept, reject or correct) in data/raw/review.yaml."
        )
        ws.append([_put_text(_cell_at(ws, 2, 1), text)])
        return 0
    shown = review.head(REVIEW_ROWS).reset_index(drop=True)
    columns = _review_columns(shown)
    if len(review) > len(shown):  # the table, an empty row, the note
        declare_size(ws, len(shown) + 4, len(columns))
    _write_frame(
        ws,
        shown,
        columns,
        table_name="review",
        links=links,
        see="candidates.csv",
    )
    if len(review) > len(shown):
        ws.append([])  # one empty row under the table
        note = _put_text(
            _cell_at(ws, len(shown) + 4, 1),
            f"The first {len(shown):,} of {len(review):,} candidates (in text order of each "
            "document); all of them are in data/processed/candidates.csv and "
            "data/processed/parquet/candidates.parquet (pl.load_candidates()).",
        )
        note.font = Font(bold=True)
        ws.append([note])
    return len(review)


def _fig_key(path: Path) -> tuple[str, str]:
    return (path.name.lower(), str(path))


def _write_figures(sheet, pngs: list[Path]) -> None:
    ws = RowBuffer(sheet)
    _place_figures(ws, pngs)
    ws.flush()


def _place_figures(ws: RowBuffer, pngs: list[Path]) -> None:
    if not pngs:
        _put_text(ws.cell(1, 1), "No figures were built.").font = Font(bold=True)
        return
    ws.column_dimensions["A"].width = 60
    row = 1
    for path in pngs:
        _put_text(ws.cell(row, 1), path.name).font = Font(bold=True)
        image = _embeddable(path)
        if image is None:
            cell = _put_text(ws.cell(row + 1, 1), f"Too large to embed: open {path.name}")
            cell.hyperlink = path.name
            cell.font = Font(color="0563C1", underline="single")
            row += 3
            continue
        scale = min(1.0, _FIGURE_WIDTH / max(image.width, 1))
        image.width = round(image.width * scale)
        image.height = round(image.height * scale)
        ws.add_image(image, f"A{row + 1}")
        row += 2 + math.ceil(image.height / _PIXELS_PER_ROW)


def _png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's header, without decoding it (None: not a PNG)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _embeddable(path: Path) -> Image | None:
    """The figure as an image to embed, its long side at most :data:`EMBED_LONG_SIDE` px
    (larger ones scaled down); None, with a FigureNotEmbeddedWarning, when it holds more
    than :data:`EMBED_MAX_PIXELS` (decoding it would cost too much memory)."""
    fix = "Rebuild the figures (policylens build)."
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OutputError(f"cannot embed the figure {path} in the workbook: {exc}. {fix}") from None
    size = _png_size(data)
    if size is None:
        raise OutputError(f"cannot embed the figure {path} in the workbook: not a PNG. {fix}")
    if size[0] * size[1] > EMBED_MAX_PIXELS:
        warnings.warn(
            f"{path.name} is {size[0]:,} x {size[1]:,} px, too large to embed in the workbook: "
            "the Figures sheet links to the file instead",
            FigureNotEmbeddedWarning,
            stacklevel=4,
        )
        return None
    if max(size) > EMBED_LONG_SIDE:
        data = _scaled_png(data, EMBED_LONG_SIDE / max(size))
    try:
        return Image(io.BytesIO(data))
    except (OSError, ValueError) as exc:
        raise OutputError(f"cannot embed the figure {path} in the workbook: {exc}. {fix}") from None


def _scaled_png(data: bytes, factor: float) -> bytes:
    """``data`` (a PNG) scaled by ``factor`` (Lanczos), saved again as PNG (same bytes each time)."""
    with PILImage.open(io.BytesIO(data)) as picture:
        width, height = picture.size
        small = picture.resize(
            (max(1, round(width * factor)), max(1, round(height * factor))),
            PILImage.Resampling.LANCZOS,
        )
    out = io.BytesIO()
    small.save(out, format="PNG", compress_level=6)
    return out.getvalue()
