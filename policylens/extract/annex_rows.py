"""Targets (and baselines) stated as rows of an indicator table (read by
:mod:`policylens.grammar.annex`)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from policylens.extract.document import Doc
from policylens.extract.indicators import indicator_of
from policylens.extract.rates import rate_suffix
from policylens.extract.rows import Row
from policylens.extract.scope import named_subject
from policylens.extract.timing import undated_period
from policylens.extract.values import scale_value
from policylens.extract.words import (
    CANONICAL_UNITS,
    COUNT_SET,
    TABLE_CMP,
    TABLE_VALUE,
    UNIT_TEXT,
    UNITS,
)
from policylens.grammar.annex import TableCell, table_baselines, table_targets
from policylens.grammar.annex_text import spaced_table_cells, text_row_cells
from policylens.grammar.numbers import parse_number
from policylens.grammar.periods import Period

if TYPE_CHECKING:
    pass


def table_rows(doc: Doc) -> list[Row]:
    """Targets stated as rows of an indicator table: '|' cells (:mod:`policylens.grammar.annex`),
    rows written as text or columns set apart by blanks (:mod:`policylens.grammar.annex_text`)."""
    return cell_rows(doc, _cells(doc, baselines=False))


def _cells(doc: Doc, baselines: bool) -> list[TableCell]:
    text, year = doc.text, doc.ref_year
    cells = (table_baselines if baselines else table_targets)(text, year) if "|" in text else []
    cells += text_row_cells(text, year, baselines) + spaced_table_cells(text, year, baselines)
    return cells


def baseline_rows(doc: Doc) -> list[Row]:
    """Figures achieved stated in the baseline columns (基期值, 2022年) of an indicator table.

    The quote runs from the row's start to the baseline cell (the cell alone when that
    is the whole row), so it never stands at a target's offsets: a target's quote is
    the whole row.
    """
    return cell_rows(doc, _cells(doc, baselines=True), baseline=True)


def _cell_period(doc: Doc, cell: TableCell, baseline: bool) -> Period | None:
    if cell.year is not None:
        return Period(str(cell.year), datetime.date(cell.year, 12, 31), cell.year)
    if baseline:
        return None  # 基期值, 现状: the table names no year, none is guessed
    return undated_period(doc, doc.outline.section_at(cell.row_start), cell.row_start)


def cell_rows(doc: Doc, cells: list[TableCell], baseline: bool = False) -> list[Row]:
    """One row per value cell of an indicator table."""
    rows: list[Row] = []
    for cell in cells:
        vm = TABLE_VALUE.match(cell.value)
        if vm is None:
            continue  # —, 待定, or a cell of words
        um = UNIT_TEXT.match(cell.unit.strip())
        base = um.group("base").strip()
        annual = base.removesuffix("/年")
        if annual != base and UNITS.get(annual, ("",))[0] in ("t", "GW", "GWh"):
            base = annual  # 万吨/年: an annual capacity, in tonnes
        unit, scale = UNITS.get(base, ("count", "1") if base in COUNT_SET else ("", "1"))
        rate = rate_suffix(cell.name, unit) if unit in ("CNY", "t", "GWh") else ""
        if rate:  # 人均可支配收入 | 元, 日熔化量 | 万吨: a rate, kept for review as in the text
            unit, scale, base = "", "1", base + rate
        value = parse_number(vm.group("num") + (um.group("mult") or ""))
        reason = ""
        if not unit:
            what = (
                f"unit '{cell.unit.strip()}{rate}'"
                if cell.unit
                else "the table gives no unit; its unit"
            )
            reason = f"{what} is not one of {', '.join(CANONICAL_UNITS)}"
        elif value is None:
            reason = f"number '{cell.value}' could not be parsed"
        else:
            value = scale_value(value, scale)
        line_start, line_end = doc.line_bounds(cell.row_start)
        scope_zh, explicit, metric = named_subject(doc, cell.name, line_start, line_end)
        year_inferred = cell.year is None and not baseline
        period = _cell_period(doc, cell, baseline)
        start, end = cell.row_start, cell.row_end
        if baseline:
            start, end = (
                (cell.cell_start, cell.cell_end) if cell.cell_end == end else (start, cell.cell_end)
            )
        words = [vm.group("pre") or "", vm.group("post") or ""]
        comparator = next((TABLE_CMP[w] for w in words if w in TABLE_CMP), "=")
        rows.append(
            Row(
                start=start,
                end=end,
                num_start=start,
                num_end=end,
                sentence_start=cell.row_start,
                scope_zh=scope_zh,
                scope_explicit=explicit,
                tail="",
                indicator=indicator_of(unit, base, metric, True, cell.name, cell.name, ""),
                value=None if reason else value,
                stretch=None,
                unit=unit,
                comparator=comparator,
                commitment="aspirational" if vm.group("pre") == "力争" else "firm",
                period=period,
                needs_review=bool(reason),
                review_reason=reason,
                raw=vm.group("num") + cell.unit.strip() if reason else "",
                in_table=True,
                metric=metric,
                subject=scope_zh,
                year_inferred=year_inferred,
                unit_written=cell.unit.strip() + rate,
            )
        )
    return rows
