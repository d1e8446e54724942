"""Your own statistics: ``data/raw/outcomes.csv``, outcomes the documents do not report.

One row per figure, in the canonical unit of the targets (money in yuan)::

    province,indicator,chain,year,value,unit,source
    Sichuan,revenue,photovoltaic,2025,3.2e11,CNY,四川省统计局 2026-02 (table 5)

``chain`` is a chain key (``photovoltaic``); a figure that is not about a chain
leaves it empty and names its scope in an optional ``scope_zh`` column
(全省规模以上工业), exactly as the targets write it. An optional ``per``
column marks a per-unit figure. The file is optional; a bad row stops the build
with a message naming the row and what to fix.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pandas as pd

from policylens.errors import InputError
from policylens.model.schema import PER_UNITS, PROVINCES
from policylens.model.vocab import INDICATORS, UNITS

REQUIRED = ("province", "indicator", "chain", "year", "value", "unit", "source")
OPTIONAL = ("scope_zh", "per")
COLUMNS = (*REQUIRED, *OPTIONAL, "row")
_BY_ZH = {zh: en for en, zh in PROVINCES.items()}
_BY_EN = {en.lower(): en for en in PROVINCES}


def empty_outcomes() -> pd.DataFrame:
    """An outcomes frame without rows."""
    return pd.DataFrame({name: pd.Series(dtype=object) for name in COLUMNS})


def read_outcomes(path: str | Path) -> pd.DataFrame:
    """The rows of an outcomes file, checked (a missing file: no rows).

    Columns: province (English), indicator, chain, scope_zh, per, year (int),
    value (float), unit, source, and ``row`` (its row in the file, for citing).
    """
    path = Path(path)
    if not path.exists():
        return empty_outcomes()
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 (invalid byte at offset {exc.start})",
            path=path,
            fix="save outcomes.csv as UTF-8 (Excel: CSV UTF-8)",
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    reader = csv.DictReader(io.StringIO(content, newline=""))
    try:
        rows = _rows(reader, path)
    except csv.Error as exc:
        raise InputError(
            f"cannot be read as CSV: {exc}", path=path, row=reader.line_num + 1
        ) from None
    return pd.DataFrame(rows, columns=list(COLUMNS)) if rows else empty_outcomes()


def _rows(reader: csv.DictReader, path: Path) -> list[dict]:
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in (*REQUIRED, *OPTIONAL)]
    if missing or unknown:
        problem = "; ".join(
            part
            for part in (
                f"lacks the column(s) {', '.join(missing)}" if missing else "",
                f"has unknown column(s) {', '.join(unknown)}" if unknown else "",
            )
            if part
        )
        raise InputError(
            problem,
            path=path,
            row=1,
            fix=f"the header is {','.join(REQUIRED)} (and optionally {','.join(OPTIONAL)})",
        )
    out, seen = [], {}
    for raw in reader:
        line = reader.line_num
        if None in raw:
            raise InputError(
                "the row has more cells than the header",
                path=path,
                row=line,
                fix="quote cells that contain commas (the source, say)",
            )
        row = _row({k.strip(): (v or "").strip() for k, v in raw.items()}, path, line)
        key = tuple(
            row[name]
            for name in ("province", "indicator", "chain", "scope_zh", "per", "unit", "year")
        )
        if key in seen:
            raise InputError(
                f"a second figure for the same province, indicator, chain, unit and year "
                f"(also on row {seen[key]})",
                path=path,
                row=line,
                fix="keep one figure per quantity and year (the one you cite)",
            )
        seen[key] = line
        out.append(row)
    return out


def _row(cells: dict[str, str], path: Path, line: int) -> dict:
    """One row, typed; the first problem raises naming the row."""

    def fail(problem: str, fix: str):
        raise InputError(problem, path=path, row=line, fix=fix)

    province = _BY_EN.get(cells["province"].lower()) or _BY_ZH.get(
        cells["province"].removesuffix("省")
    )
    if province is None:
        fail(f"province {cells['province']!r} is not a province", "write e.g. Sichuan or 四川")
    if cells["indicator"] not in INDICATORS:
        fail(f"indicator {cells['indicator']!r} is unknown", f"use one of {', '.join(INDICATORS)}")
    if cells["unit"] not in UNITS:
        fail(
            f"unit {cells['unit']!r} is not one of {', '.join(UNITS)}",
            "write the value in the canonical unit (money in yuan: 3.2e11 for 3200亿元)",
        )
    per = cells.get("per", "")
    if per and per not in PER_UNITS:
        fail(f"per {per!r} is not one of {', '.join(PER_UNITS)}", "leave per empty for a total")
    if not cells["chain"] and not cells.get("scope_zh", ""):
        fail(
            "neither chain nor scope_zh says what the figure is about",
            "give a chain key (photovoltaic) or, in a scope_zh column, the scope as the targets write it",
        )
    year = cells["year"]
    if not (year.isascii() and year.isdigit() and 1900 <= int(year) <= 2100):
        fail(f"year {year!r} is not a year", "write the year the figure is for, e.g. 2025")
    try:
        value = float(cells["value"])
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        fail(
            f"value {cells['value']!r} is not a plain non-negative number",
            "write a number in the canonical unit, without separators (3.2e11 or 320000000000)",
        )
    if not cells["source"]:
        fail("source is empty", "say where the figure comes from (publication, table, date)")
    return {
        "province": province,
        "indicator": cells["indicator"],
        "chain": cells["chain"] or None,
        "scope_zh": cells.get("scope_zh", "") or None,
        "per": per or None,
        "year": int(year),
        "value": value,
        "unit": cells["unit"],
        "source": cells["source"],
        "row": line,
    }
