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

>>> import policylens as pl
>>> pl.to_excel("summary.xlsx")  # doctest: +SKIP
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Font

from policylens.errors import OutputError
from policylens.excel.cells import _Col, _put_text, _save, _source_links, _write_frame
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


def write_workbook(
    tables: dict[str, pd.DataFrame],
    path: str | os.PathLike[str],
    *,
    figures: Sequence[Path] = (),
    review: pd.DataFrame | None = None,
    build_info: dict | None = None,
) -> None:
    """Write the Excel summary of ``tables`` to ``path``, atomically and reproducibly.

    ``tables`` holds the six tables of the data model, typed per schema;
    ``figures`` are PNG files to embed (other files are ignored); ``review``
    the candidates still awaiting a decision (None or empty: nothing pending);
    ``build_info`` the build's ``build_info.json`` (policylens version and the
    documents' sha256s; taken from ``tables["documents"]`` when missing).

    Raises OutputError naming the path when the file cannot be replaced (open
    in Excel, or a folder that is not writable); the previous file is intact.
    """
    data = workbook_bytes(tables, figures=figures, review=review, build_info=build_info)
    write_bytes_atomic(
        Path(path),
        data,
        hint="If the workbook is open in Excel (or another program), close it. ",
    )


def workbook_bytes(
    tables: dict[str, pd.DataFrame],
    *,
    figures: Sequence[Path] = (),
    review: pd.DataFrame | None = None,
    build_info: dict | None = None,
) -> bytes:
    """The bytes of the workbook ``write_workbook`` writes (nothing touches the disk)."""

    missing = [name for name in TABLES if name not in tables]
    if missing:
        raise ValueError(f"write_workbook needs the tables {', '.join(missing)}")
    info = _Info.of(tables["documents"], build_info)
    pngs = sorted((Path(p) for p in figures if Path(p).suffix.lower() == ".png"), key=_fig_key)

    wb = Workbook()
    wb.remove(wb.active)
    readme = wb.create_sheet(README)
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
            _write_frame(ws, frame, specs[key], table_name=key, italic=italic, formats=formats)
            rows[key] = len(frame)
        elif key == "chain_counts":
            frame, specs[key] = _chain_counts(tables["chains"], tables["targets"])
            _write_frame(ws, frame, specs[key], table_name=key, links=links)
            rows[key] = len(frame)
        elif key == "collaboration_modes":
            frame, specs[key] = _mode_matrix(tables["modes"], tables["mode_actors"])
            _write_frame(ws, frame, specs[key], table_name=key, links=links)
            rows[key] = len(frame)
        elif key == "review":
            rows[key] = _write_review(ws, review, links)
            specs[key] = _review_columns(review) if rows[key] else []
        elif key == "figures":
            _write_figures(ws, pngs)
            rows[key] = len(pngs)
    _write_readme(readme, tables, info, rows, specs, pngs)
    _set_properties(wb, info)
    return _save(wb)


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
    wb = Workbook()
    wb.remove(wb.active)
    readme = wb.create_sheet(README)
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
    _set_properties(wb, _Info(__version__, "", None, 0))
    return _save(wb)


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

    if review is None or len(review) == 0:
        _put_text(ws.cell(1, 1), "Nothing is awaiting review.").font = Font(bold=True)
        _put_text(
            ws.cell(2, 1),
            "Every candidate target the extractor found has a reviewer's decision "
            "(accept, reject or correct) in data/raw/review.yaml.",
        )
        ws.column_dimensions["A"].width = 90
        return 0
    review = review.reset_index(drop=True)
    _write_frame(ws, review, _review_columns(review), table_name="review", links=links)
    return len(review)


def _fig_key(path: Path) -> tuple[str, str]:
    return (path.name.lower(), str(path))


def _write_figures(ws, pngs: list[Path]) -> None:

    if not pngs:
        _put_text(ws.cell(1, 1), "No figures were built.").font = Font(bold=True)
        return
    ws.column_dimensions["A"].width = 60
    row = 1
    for path in pngs:
        _put_text(ws.cell(row, 1), path.name).font = Font(bold=True)
        try:
            image = Image(str(path))
        except (OSError, ValueError) as exc:
            raise OutputError(
                f"cannot embed the figure {path} in the workbook: {exc}. "
                "Rebuild the figures (policylens build)."
            ) from None
        scale = min(1.0, _FIGURE_WIDTH / max(image.width, 1))
        image.width = round(image.width * scale)
        image.height = round(image.height * scale)
        ws.add_image(image, f"A{row + 1}")
        row += 2 + math.ceil(image.height / _PIXELS_PER_ROW)
