"""Indicator tables (主要指标表): targets written as table rows, the unit in its own column.

Plans often end with an annex such as::

    | 序号 | 指标名称 | 单位 | 2022年基数 | 2025年目标 |
    | 1 | 产业链营业收入 | 亿元 | 5600 | 8000 |

where no number stands next to its unit, so the sentence scanner of
:mod:`policylens.extract` cannot see them. This module reads the table's
structure only — which column names the indicator, which holds the unit, which
columns are targets (a year not before the reference year, or 目标) and which
are baselines (基期, 基数, 现状, 完成, or a year before the reference year) — and
returns the target cells (:func:`table_targets`) or the baseline cells
(:func:`table_baselines`, figures achieved) with the row that states them. What the indicator means is decided by the extractor, with the
same rules as for sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policylens.grammar.numbers import halfwidth_digits

__all__ = [
    "HeaderLayout",
    "TableCell",
    "header_layout",
    "row_table_cells",
    "table_baselines",
    "table_targets",
]

_YEAR = re.compile(r"(?<![0-9])([12][0-9]{3})\s*年?")
_BASELINE = re.compile(r"基期|基数|基准|现状|现值|完成|实际|实绩|已")
_TARGET = re.compile(r"目标|预期|规划")
_NAME = re.compile(r"指标|名称|内容|项目")
_UNIT_HEAD = re.compile(r"^\s*(?:计量)?单位\s*$")
_ORDINAL_HEAD = re.compile(r"^\s*(?:序号|编号|No\.?)\s*$")
#: a header row names its indicator or unit column; found without splitting the text
_HEADER_HINT = re.compile(r"\|[^|\n]*(?:指标|名称|单位)[^|\n]*\|")
_UNIT_IN_NAME = re.compile(r"[（(]\s*(?:单位[:：])?\s*(?P<unit>[^（）()]{1,8})\s*[）)]\s*$")


@dataclass(frozen=True)
class TableCell:
    """One target cell of an indicator table, with the row that states it."""

    row_start: int  # offsets of the row's text (its quote)
    row_end: int
    name: str  # the indicator as the row names it (产业链营业收入)
    unit: str  # the unit as written (亿元, 万辆, %, GWh); '' when the table gives none
    value: str  # the cell as written (8000, ≥500, 1500以上)
    year: int | None  # the target (or baseline) column's year
    cell_start: int = -1  # offsets of the value cell itself
    cell_end: int = -1


def _cells(line: str) -> list[tuple[int, str]]:
    """(offset in line, stripped text) of each cell between '|' delimiters."""
    out: list[tuple[int, str]] = []
    pos = 0
    for part in line.split("|"):
        text = part.strip()
        out.append((pos + (len(part) - len(part.lstrip())), text))
        pos += len(part) + 1
    if line.lstrip().startswith("|"):
        out = out[1:]
    if line.rstrip().endswith("|"):
        out = out[:-1]
    return out


@dataclass(frozen=True)
class HeaderLayout:
    """Which columns of a header row hold what."""

    name_col: int
    unit_col: int  # -1 when the table has no unit column
    targets: list[tuple[int, int | None]]  # (column, its year)
    baselines: list[tuple[int, int | None]]


def header_layout(header: list[str], ref_year: int | None) -> HeaderLayout:
    """The name, unit, target and baseline columns of a header row (its cells' text)."""
    name_col = next((i for i, h in enumerate(header) if _NAME.search(h)), -1)
    if name_col < 0:
        name_col = next((i for i, h in enumerate(header) if h and not _ORDINAL_HEAD.match(h)), -1)
    unit_col = next((i for i, h in enumerate(header) if _UNIT_HEAD.match(h)), -1)
    targets: list[tuple[int, int | None]] = []
    baselines: list[tuple[int, int | None]] = []
    for i, h in enumerate(header):
        if i in (name_col, unit_col):
            continue
        year_m = _YEAR.search(halfwidth_digits(h))  # ２０２５年 as 2025年
        year = int(year_m.group(1)) if year_m else None
        if _BASELINE.search(h):
            baselines.append((i, year))
        elif year is not None and (ref_year is None or year >= ref_year or _TARGET.search(h)):
            targets.append((i, year))
        elif year is None and _TARGET.search(h):
            targets.append((i, None))
        elif year is not None:
            baselines.append((i, year))  # 2022年 in a 2024 plan: what was reached
    return HeaderLayout(name_col, unit_col, targets, baselines)


def table_targets(text: str, ref_year: int | None) -> list[TableCell]:
    """The target cells of every indicator table in `text` (lines with '|' cells)."""
    return _table_cells(text, ref_year, baselines=False)


def table_baselines(text: str, ref_year: int | None) -> list[TableCell]:
    """The baseline cells (基期值, 2022年基数, 现状) of every indicator table in `text`:
    the figures achieved that the table's targets start from."""
    return _table_cells(text, ref_year, baselines=True)


def _table_cells(text: str, ref_year: int | None, baselines: bool) -> list[TableCell]:
    out: list[TableCell] = []
    pos = 0
    for head in _HEADER_HINT.finditer(text):
        if head.start() < pos:
            continue  # inside a table already read
        lo = text.rfind("\n", 0, head.start()) + 1
        hi = text.find("\n", head.end())
        hi = len(text) if hi == -1 else hi
        pos = hi
        line = text[lo:hi]
        if line.count("|") < 3:
            continue
        header = [c for _, c in _cells(line)]
        layout = header_layout(header, ref_year)
        name_col, unit_col = layout.name_col, layout.unit_col
        has_unit = unit_col >= 0 or any(_UNIT_IN_NAME.search(h) for h in header)
        if name_col < 0 or not layout.targets or not (has_unit or _NAME.search(header[name_col])):
            continue
        wanted = layout.baselines if baselines else layout.targets
        while pos < len(text):
            row_start = pos + 1
            end = text.find("\n", row_start)
            end = len(text) if end == -1 else end
            row = text[row_start:end]
            if row.count("|") < 2:
                break
            pos = end
            out += _row_cells(row, row_start, header, name_col, unit_col, wanted)
    return out


def _row_cells(
    row: str,
    row_start: int,
    header: list[str],
    name_col: int,
    unit_col: int,
    targets: list[tuple[int, int | None]],
) -> list[TableCell]:
    cells = _cells(row)
    if len(cells) != len(header):
        return []
    name = cells[name_col][1]
    unit = cells[unit_col][1] if unit_col >= 0 else ""
    in_name = _UNIT_IN_NAME.search(name)
    if in_name:
        unit = unit or in_name.group("unit")
        name = name[: in_name.start()].strip()
    if not name:
        return []
    lo = row_start + len(row) - len(row.lstrip())
    hi = row_start + len(row.rstrip())
    filled = [(col, year) for col, year in targets if cells[col][1]]
    return row_table_cells(row_start, (lo, hi), name, unit, cells, filled)


def row_table_cells(
    row_start: int,
    row_span: tuple[int, int],
    name: str,
    unit: str,
    cells: list[tuple[int, str]],
    columns: list[tuple[int, int | None]],
) -> list[TableCell]:
    """The cell of each (column, year) of one row, `cells` being (offset in the row, text):
    one constructor for every table layout ('|' rows here, text and spaced rows in
    :mod:`policylens.grammar.annex_text`)."""
    lo, hi = row_span
    return [
        TableCell(
            lo,
            hi,
            name,
            unit,
            cells[col][1],
            year,
            row_start + cells[col][0],
            row_start + cells[col][0] + len(cells[col][1]),
        )
        for col, year in columns
    ]
