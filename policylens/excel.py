"""The Excel summary: one workbook that stands on its own, for readers who never open Python.

``write_workbook`` turns the built tables into ``policylens_summary.xlsx``:

- a README sheet first (what the workbook is, which documents and which
  policylens made it, how to cite, what every sheet and column means, units);
- the data sheets Documents, Targets, Chains, Modes, Mode actors and Milestones,
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

import hashlib
import io
import math
import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policylens.errors import OutputError
from policylens.outputs import write_bytes_atomic
from policylens.schema import CHAIN_LEVELS, TABLES
from policylens.version import __version__

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd

# Sheet names, in workbook order.
README = "README"
SHEET_NAMES: dict[str, str] = {
    "documents": "Documents",
    "targets": "Targets",
    "revenue_goals": "Revenue goals",
    "chain_counts": "Chain counts",
    "chains": "Chains",
    "collaboration_modes": "Collaboration modes",
    "modes": "Modes",
    "mode_actors": "Mode actors",
    "milestones": "Milestones",
    "review": "Review",
    "figures": "Figures",
}
SHEETS: tuple[str, ...] = (README, *SHEET_NAMES.values())
# Sheets whose cells are a processed table, row for row (key: table name).
DATA_SHEETS: dict[str, str] = {name: SHEET_NAMES[name] for name in TABLES}

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
_FIGURE_WIDTH = 760  # pixels shown on the Figures sheet
_PIXELS_PER_ROW = 20

FORMAT_YUAN = "#,##0"
FORMAT_COUNT = "#,##0"
FORMAT_YEAR = "0"
FORMAT_DATE = "yyyy-mm-dd"
FORMAT_PERCENT = "0.0"
#: A comparator as it is shown before a number (突破1万亿 is ">10,000", 以上 is "≥").
COMPARATOR_SIGNS = {">": ">", ">=": "≥", "~": "~", "=": ""}
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
}

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
    from openpyxl import Workbook

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
            if key == "targets":
                frame, specs[key] = with_money_columns(frame, specs[key])
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
    import pandas as pd
    from openpyxl import Workbook

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


def _write_tables_readme(ws, sheets: list[tuple[str, int, list[_Col]]]) -> None:
    from openpyxl.styles import Alignment, Font

    for letter, width in {"A": 24, "B": 26, "C": 14, "D": 12, "E": 80}.items():
        ws.column_dimensions[letter].width = width
    top = Alignment(vertical="top", wrap_text=True)
    _put_text(ws.cell(1, 1), "policylens workbook").font = Font(bold=True, size=14)
    notes = [
        f"Made with policylens {__version__} from the tables given to pl.to_excel(tables=...).",
        "Each sheet: readable headers in row 1, the column names (with filter buttons) in "
        "row 2, one row per observation below. Money is stored in yuan and also shown in "
        "亿元 (1e8 yuan) and CNY bn (1e9 yuan); a floor value shows its comparator "
        "(>: 突破/超过, ≥: 以上, ~: 左右) — the cell holds the exact number.",
        "Every text cell is stored as text: a value that begins with =, +, -, @ or a tab is "
        "shown as written and never runs as a formula.",
    ]
    for row, text in enumerate(notes, 2):
        _put_text(ws.cell(row, 1), text).alignment = top
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        ws.row_dimensions[row].height = _row_height([(text, 150)])
    row = len(notes) + 3
    for col, name in enumerate(("sheet", "column", "type", "unit", "meaning"), 1):
        _put_text(ws.cell(row, col), name).font = Font(bold=True)
    for title, n, columns in sheets:
        row += 1
        _put_text(ws.cell(row, 1), f"{title} ({n} row{'s' if n != 1 else ''})")
        for column in columns:
            _put_text(ws.cell(row, 2), column.name)
            _put_text(ws.cell(row, 3), _TYPE_WORDS.get(column.kind, column.kind))
            _put_text(
                ws.cell(row, 4), {"unit": "see unit", "CNY": "yuan"}.get(column.unit, column.unit)
            )
            _put_text(ws.cell(row, 5), column.description or column.heading).alignment = top
            row += 1


# --------------------------------------------------------------------------- what was built


@dataclass(frozen=True)
class _Info:
    version: str
    fingerprint: str
    as_of: dt.date | None
    documents: int

    @classmethod
    def of(cls, documents: pd.DataFrame, build_info: dict | None) -> _Info:
        import pandas as pd

        build_info = build_info or {}
        shas = build_info.get("documents")
        if not isinstance(shas, dict) or not shas:
            shas = dict(zip(documents["doc_id"], documents["sha256"], strict=True))
        fingerprint = build_info.get("input_fingerprint") or input_fingerprint(shas)
        issued = pd.to_datetime(documents["issued"]).dropna()
        as_of = issued.max().date() if len(issued) else None
        version = str(build_info.get("policylens_version") or __version__)
        return cls(version, fingerprint, as_of, len(documents))


def input_fingerprint(shas: dict[str, str]) -> str:
    """SHA-256 of the documents' SHA-256s, one per line in doc_id order.

    >>> input_fingerprint({"b": "22", "a": "11"}) == input_fingerprint({"a": "11", "b": "22"})
    True
    """
    lines = "".join(f"{shas[doc_id]}\n" for doc_id in sorted(shas))
    return hashlib.sha256(lines.encode("ascii")).hexdigest()


# --------------------------------------------------------------------------- sheets


def _schema_columns(table: str) -> list[_Col]:
    out = []
    for column in TABLES[table].columns:
        kind = {"string": "text", "category": "text"}.get(column.type, column.type)
        unit = column.unit
        if column.name in ("value", "value_stretch"):
            unit = "unit"
        wrap = True if column.name in ("quote", "title_zh", "title_en", "note") else None
        shows = table == "targets" and column.name == "value"
        out.append(_Col(column.name, kind, unit, _describe(column), wrap=wrap, comparator=shows))
    return out


def with_money_columns(frame: pd.DataFrame, columns: list[_Col]) -> tuple[pd.DataFrame, list[_Col]]:
    """Targets with money also in 亿元 and CNY bn, right after the exact yuan (display only:
    the stored value stays in yuan; rows in other units leave these cells empty)."""
    import pandas as pd

    if not {"value", "value_stretch", "unit"} <= set(frame.columns):
        return frame, columns
    money = frame["unit"].astype("string") == "CNY"
    out = frame.copy()
    extra = []
    for name, of, unit, divisor in MONEY_COLUMNS:
        out[name] = pd.to_numeric(out[of], errors="coerce").where(money.fillna(False)) / divisor
        extra.append(
            _Col(
                name,
                "float",
                unit,
                f"{of} of a money target in {unit} ({of} / {divisor:.0e}); shown beside the "
                "exact yuan, not in the CSV",
                comparator=of == "value",
            )
        )
    names = [c.name for c in columns]
    at = names.index("value_stretch") + 1 if "value_stretch" in names else len(columns)
    return out, [*columns[:at], *extra, *columns[at:]]


def _describe(column) -> str:
    text = column.description
    if column.values and column.values[0] not in text and len(column.values) <= 12:
        text += f" (one of: {', '.join(column.values)})"
    return text


def _in_date_order(milestones: pd.DataFrame) -> pd.DataFrame:
    """Milestones by deadline (undated last), then in text order."""
    return milestones.sort_values(
        ["deadline", "doc_id", "char_start", "milestone_id"], na_position="last", kind="stable"
    ).reset_index(drop=True)


def _revenue_goals(
    targets: pd.DataFrame, chains: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, list[_Col], set, dict]:
    """Chain revenue goals: one row per chain and floor/stretch, one column per province/year."""
    import pandas as pd

    revenue = targets[
        (targets["indicator"].astype(str) == "revenue") & (targets["unit"].astype(str) == "CNY")
    ].copy()
    lead = [
        _Col("chain", description="Normalised chain key (the scope as written when there is none)"),
        _Col("scope", description="English label of the scope"),
        _Col("scope_zh", description="The scope in the text's own words"),
        _Col(
            "value",
            description="floor (the value stated), or stretch (力争 'strive for')",
            label="Floor or stretch",
        ),
    ]
    tail = [_Col("target_id", description="The targets summarised in the row (sheet Targets)")]
    if revenue.empty:
        columns = [*lead, *tail]
        return pd.DataFrame(columns=[c.name for c in columns]), columns, set(), {}
    revenue["key"] = (
        revenue["chain"]
        .astype(object)
        .where(revenue["chain"].notna(), revenue["scope_zh"].astype(object))
    )
    # a value per city, per chain … is its own row, never a province's total
    per = [_per_words(row) for row in revenue.to_dict("records")]
    revenue["key"] = [
        f"{k} ({en})" if en else k for k, (en, _) in zip(revenue["key"], per, strict=True)
    ]
    revenue["scope"] = [
        f"{s}, {en}" if en else s
        for s, (en, _) in zip(revenue["scope"].astype(object), per, strict=True)
    ]
    revenue["scope_zh"] = [
        f"{s}（{zh}）" if zh else s
        for s, (_, zh) in zip(revenue["scope_zh"].astype(object), per, strict=True)
    ]
    # a goal for a province's whole set of chains says so ("all 16 key chains")
    for index, text_en, text_zh in _whole_sets(targets, chains):
        if index in revenue.index:
            revenue.loc[index, "scope"] = text_en
            revenue.loc[index, "scope_zh"] = text_zh
    revenue["group"] = [
        (str(p), None if pd.isna(y) else int(y))
        for p, y in zip(revenue["province"], revenue["target_year"], strict=True)
    ]
    groups = sorted(set(revenue["group"]), key=lambda g: (g[0], g[1] is None, g[1] or 0))

    def label(group, unit: str) -> str:
        province, year = group
        return f"{province} {'(no year)' if year is None else year} ({unit})"

    records, italic, formats = [], set(), {}
    order = (
        revenue.groupby("key", sort=True)["value"].max().sort_values(ascending=False, kind="stable")
    )
    for key in order.index:
        rows = revenue[revenue["key"] == key]
        measures = ["floor"] + (["stretch"] if rows["value_stretch"].notna().any() else [])
        for measure in measures:
            record: dict[str, Any] = {
                "chain": key,
                "scope": rows["scope"].iloc[0],
                "scope_zh": rows["scope_zh"].iloc[0],
                "value": measure,
            }
            column = "value" if measure == "floor" else "value_stretch"
            for group in groups:
                cell = rows[[g == group for g in rows["group"]]].dropna(subset=[column])
                if cell.empty:
                    continue
                best = cell.loc[cell[column].idxmax()]
                comparator = str(best["comparator"]) if measure == "floor" else "="
                for unit, divisor in (("亿元", YUAN_PER_YI), ("CNY bn", YUAN_PER_BN)):
                    shown = float(best[column]) / divisor
                    record[label(group, unit)] = shown
                    formats[(len(records), label(group, unit))] = _with_sign(
                        _decimals_format(shown), comparator
                    )
                    if measure == "stretch" or str(best["commitment"]) == "aspirational":
                        italic.add((len(records), label(group, unit)))
            record["target_id"] = "; ".join(rows["target_id"].astype(str))
            records.append(record)
    values = [
        _Col(
            label(group, unit),
            "float",
            unit,
            f"Revenue goal of {group[0]} for "
            f"{'an unstated year' if group[1] is None else group[1]}, in {unit}; a floor "
            "keeps its comparator (>: 突破/超过, ≥: 以上)",
            label=f"{group[0]}, {'no year' if group[1] is None else f'by {group[1]}'}, in {unit}",
        )
        for unit in ("亿元", "CNY bn")
        for group in groups
    ]
    columns = [*lead, *values, *tail]
    frame = pd.DataFrame.from_records(records, columns=[c.name for c in columns])
    return frame, columns, italic, formats


def _whole_sets(targets: pd.DataFrame, chains: pd.DataFrame | None) -> list[tuple]:
    """(index in targets, English, Chinese) of each revenue goal for a whole set of chains."""
    from policylens.plots.revenue import revenue_roles, whole_set_label

    revenue = targets[
        (targets["indicator"].astype(str) == "revenue") & (targets["unit"].astype(str) == "CNY")
    ]
    roles = revenue_roles(revenue, chains)
    index = dict(zip(revenue["target_id"], revenue.index, strict=True))
    out = []
    for row in roles[roles["role"] == "whole_set"].to_dict("records"):
        stated = {
            "stated_set_size": row["set_size"],
            "stated_scope": row["scope"],
            "stated_scope_zh": row["scope_zh"],
        }
        english = whole_set_label(stated, "en")
        english = english[:1].upper() + english[1:] + " (as stated; not a sum of chains)"
        out.append((index[row["target_id"]], english, whole_set_label(stated, "zh")))
    return out


def _per_words(row: dict) -> tuple[str, str]:
    """('per city', '每个市') for a per-unit target, ('', '') for a total."""
    from policylens.plots.glossary import per_label

    per = row.get("per")
    return per_label(per, "en"), per_label(per, "zh")


_COUNT_INDICATORS = (
    "chain_count",
    "cluster_count",
    "industry_count",
    "enterprise_count",
    "project_count",
)


def _chain_counts(chains: pd.DataFrame, targets: pd.DataFrame) -> tuple[pd.DataFrame, list[_Col]]:
    """How many chains each document names now, and the counts it targets."""
    import pandas as pd

    records = []
    levels = list(CHAIN_LEVELS)
    for (doc_id, level), rows in chains.groupby(["doc_id", chains["level"].astype(str)], sort=True):
        records.append(
            {
                "province": str(rows["province"].iloc[0]),
                "doc_id": doc_id,
                "basis": "named",
                "measure": level,
                "what_zh": "、".join(rows["chain_zh"].astype(str)),
                "what": "; ".join(rows["label"].astype(str)),
                "count": float(rows["count"].sum()),
                "_order": levels.index(level) if level in levels else len(levels),
            }
        )
    counted = targets[targets["indicator"].astype(str).isin(_COUNT_INDICATORS)]
    for row in counted.itertuples():
        per_en, per_zh = _per_words(row._asdict())
        records.append(
            {
                "province": str(row.province),
                "doc_id": row.doc_id,
                "basis": "target",
                "measure": str(row.indicator),
                "what_zh": f"{row.scope_zh}（{per_zh}）" if per_zh else row.scope_zh,
                "what": f"{row.scope}, {per_en}" if per_en else row.scope,
                "target_year": row.target_year,
                "comparator": str(row.comparator),
                "count": row.value,
                "count_stretch": row.value_stretch,
                "commitment": str(row.commitment),
                "target_id": row.target_id,
                "_order": len(levels) + _COUNT_INDICATORS.index(str(row.indicator)),
            }
        )
    columns = [
        _Col("province", description="Province"),
        _Col("doc_id", description="Source document"),
        _Col("basis", description="named: chains the text names (or counts) now; target: a goal"),
        _Col(
            "measure",
            description="chain, sub_chain, cluster or industry (named); "
            "chain_count, cluster_count, industry_count, enterprise_count or project_count "
            "(target)",
        ),
        _Col("what_zh", description="The chains named, or the target's scope, as written"),
        _Col("what", description="English labels of the same"),
        _Col("target_year", "int", "year", "Year the target is due"),
        _Col("comparator", description="How the target is stated: >=, >, = or ~"),
        _Col(
            "count",
            "float",
            "count",
            "How many: chains named, or the target's floor value (with its comparator)",
            comparator=True,
        ),
        _Col("count_stretch", "float", "count", "The target's 'strive for' value, if any"),
        _Col("commitment", description="firm, or aspirational (力争/争取/努力)"),
        _Col("target_id", description="The target (sheet Targets)"),
    ]
    names = [c.name for c in columns]
    if not records:
        return pd.DataFrame(columns=names), columns
    frame = pd.DataFrame.from_records(records)
    frame = frame.sort_values(
        ["province", "doc_id", "basis", "_order", "target_year", "target_id"]
        if "target_id" in frame
        else ["province", "doc_id", "basis", "_order"],
        kind="stable",
        na_position="first",
    )
    frame = frame.reindex(columns=names).reset_index(drop=True)
    frame["target_year"] = pd.to_numeric(frame["target_year"]).astype("Int64")
    return frame, columns


def _mode_matrix(modes: pd.DataFrame, actors: pd.DataFrame) -> tuple[pd.DataFrame, list[_Col]]:
    """Collaboration modes (not other + slogans) x actors: 1 where the mode has the actor."""
    import pandas as pd

    lead = [
        _Col("province", description="Province"),
        _Col("doc_id", description="Source document"),
        _Col("mode_id", description="The mode (sheet Modes)"),
        _Col("mode_zh", description="The mode as first written"),
        _Col("mode_key", description="Its actors: canonical English keys, sorted, joined by +"),
        _Col("purpose", description="What the mode is for"),
        _Col("mentions", "int", "count", "How often the document states this mode"),
    ]
    collab = modes[modes["kind"].astype(str) == "collaboration"]
    members = actors[actors["mode_id"].isin(collab["mode_id"])]
    counts = members.groupby("actor")["mode_id"].nunique()
    order = sorted(counts.index, key=lambda a: (-int(counts[a]), str(a)))
    taken = {c.name.lower() for c in lead}  # Excel table headers are case-insensitive
    actor_cols = []
    for actor in order:
        name = str(actor) if str(actor).lower() not in taken else f"actor {actor}"
        words = "、".join(
            sorted(set(members.loc[members["actor"] == actor, "actor_zh"].astype(str)))
        )
        actor_cols.append(
            _Col(name, "int", "count", f"1 when the mode combines the actor {actor} ({words})")
        )
        taken.add(name.lower())
    frame = pd.DataFrame(
        {c.name: collab[c.name].astype(object) for c in lead if c.name in collab}
    ).reset_index(drop=True)
    pairs = set(zip(members["mode_id"], members["actor"], strict=True))
    for actor, col in zip(order, actor_cols, strict=True):
        frame[col.name] = pd.array(
            [1 if (m, actor) in pairs else None for m in frame["mode_id"]], dtype="Int64"
        )
    return frame, [*lead, *actor_cols]


def _review_columns(review: pd.DataFrame) -> list[_Col]:
    known = {c.name: c for c in _schema_columns("targets")}
    extra = {
        "needs_review": _Col("needs_review", "bool", "", "TRUE when the extractor is unsure"),
        "review_reason": _Col("review_reason", description="Why the candidate needs a look"),
    }
    out = []
    for name in review.columns:
        if name in known:
            out.append(known[name])
        elif name in extra:
            out.append(extra[name])
        else:
            out.append(_Col(str(name), _kind_of(review[name])))
    return out


def _kind_of(series: pd.Series) -> str:
    import pandas as pd

    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    return "text"


def _write_review(ws, review: pd.DataFrame | None, links: dict[str, str]) -> int:
    from openpyxl.styles import Font

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
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Font

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


# --------------------------------------------------------------------------- README


def _write_readme(
    ws,
    tables: dict[str, pd.DataFrame],
    info: _Info,
    rows: dict[str, int],
    specs: dict[str, list[_Col]],
    pngs: list[Path],
) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    documents = tables["documents"]
    widths = {"A": 22, "B": 24, "C": 14, "D": 12, "E": 80}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    bold, title_font = Font(bold=True), Font(bold=True, size=14)
    top = Alignment(vertical="top", wrap_text=True)
    state = {"row": 1}

    def paragraph(label: str, text: str) -> None:
        row = state["row"]
        _put_text(ws.cell(row, 1), label).font = bold
        ws.cell(row, 1).alignment = top
        cell = _put_text(ws.cell(row, 2), text)
        cell.alignment = top
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        ws.row_dimensions[row].height = _row_height([(text, sum(widths.values()) - 22)])
        state["row"] += 1

    def heading(text: str) -> None:
        state["row"] += 1
        _put_text(ws.cell(state["row"], 1), text).font = Font(bold=True, size=12)
        state["row"] += 1

    def header(*names: str) -> None:
        for col, name in enumerate(names, 1):
            _put_text(ws.cell(state["row"], col), name).font = bold
        state["row"] += 1

    _put_text(ws.cell(1, 1), "policylens summary workbook").font = title_font
    _put_text(
        ws.cell(2, 1),
        "Targets, chains, collaboration modes and milestones of Chinese provincial "
        "industrial-policy documents, each row citing the sentence it comes from.",
    )
    state["row"] = 4
    n_docs = info.documents
    paragraph(
        "What this is",
        f"A summary of {n_docs} policy document{'s' if n_docs != 1 else ''} (listed below) "
        "in tidy tables: one row per observation, one column per variable. The data sheets "
        "(Documents, Targets, Chains, Modes, Mode actors, Milestones) hold exactly the values "
        "of the CSV tables in data/processed/; the other sheets summarise them for reading. "
        "It was made by policylens (`policylens build`) from the texts in data/raw/; no cell "
        "was typed in by hand.",
    )
    paragraph("Made with", f"policylens {info.version}")
    as_of = info.as_of.isoformat() if info.as_of else "no document states its issue date"
    paragraph(
        "Corpus as of",
        f"{as_of} — the newest issue date among the documents (documents whose text states no "
        "issue date are included but not dated).",
    )
    paragraph(
        "Input fingerprint",
        f"{info.fingerprint} — SHA-256 of the documents' SHA-256 hashes (one per line, in "
        "doc_id order). The same fingerprint means the same source texts.",
    )
    paragraph(
        "Why no build time",
        "The workbook deliberately carries no build date or time: rebuilding from the same "
        "inputs gives a byte-identical file, so a file that changed always means data that "
        "changed. To say which build you used, quote the policylens version, the input "
        "fingerprint and the corpus date above.",
    )
    paragraph("How to cite", _citation_text(tables, info))
    paragraph(
        "Units",
        "Money is in yuan (CNY), stored in full and never rounded; shown with thousands "
        "separators and no decimals, and beside it in 亿元 and CNY bn (Targets: columns "
        "value_yi, value_cny_bn, value_stretch_yi, value_stretch_cny_bn; these are shown "
        "only, not in the CSV). 亿元 = 100 million yuan (1e8); CNY bn = one billion "
        "yuan (1e9) = 10 亿元; 万亿元 = 1e12 yuan. A floor value shows its comparator before "
        "the number (>10,000 for 突破1万亿, ≥ for 以上, ~ for 左右); the cell holds the "
        "number itself. Whole numbers show no decimals. Each target's unit is in its unit column: "
        "CNY (yuan), GW (gigawatts), t (tonnes), count, or percent (12.5 means 12.5 %). "
        "Years are plain numbers; dates are real Excel dates shown as yyyy-mm-dd. Number "
        "formats change only what is shown: the cells hold the exact values.",
    )
    paragraph(
        "Text is text",
        "Every text cell is stored as text. A quote or title that begins with =, +, -, @ or a "
        "tab is shown exactly as written and is never run as a formula, even when edited.",
    )
    paragraph(
        "Headers",
        "Each table sheet has a readable header in row 1 and, in row 2, the column name as in "
        "the CSV tables and pl.load_*() (with filter buttons); data starts in row 3. Sheets "
        "print landscape, one page wide, with both header rows on every page. To read a sheet "
        "with pandas: pd.read_excel(path, sheet_name='Targets', header=1).",
    )
    paragraph(
        "Links",
        "A doc_id cell in blue links to the document's source on the web, when the document "
        "gives one; the sheet names below link to the sheets.",
    )
    pending = rows.get("review", 0)
    paragraph(
        "Review",
        f"{pending} extracted candidate target{'s' if pending != 1 else ''} still await a "
        "reviewer's decision (sheet Review); they are not in Targets."
        if pending
        else "Nothing is awaiting review: every candidate target the extractor found has a "
        "reviewer's decision in data/raw/review.yaml.",
    )

    heading("Documents")
    header("doc_id", "province", "issued", "status", "title, issuer, document number, link")
    for doc in documents.itertuples():
        row = state["row"]
        cell = _put_text(ws.cell(row, 1), doc.doc_id)
        _link(cell, _clean_url(doc.source_url))
        _put_text(ws.cell(row, 2), f"{doc.province} {doc.province_zh}")
        issued = ws.cell(row, 3)
        if _missing(doc.issued):
            _put_text(issued, "not stated")
        else:
            issued.value = doc.issued.date()
            issued.number_format = FORMAT_DATE
        _put_text(ws.cell(row, 4), str(doc.status))
        issuer = "issuer not stated" if _missing(doc.issuer_zh) else f"Issued by {doc.issuer_zh}"
        parts = [str(doc.title_zh), str(doc.title_en), issuer]
        if not _missing(doc.doc_number):
            parts.append(str(doc.doc_number))
        if not _missing(doc.source_url):
            parts.append(str(doc.source_url))
        text = "\n".join(parts)
        _put_text(ws.cell(row, 5), text).alignment = top
        for col in range(1, 5):
            ws.cell(row, col).alignment = Alignment(vertical="top")
        ws.row_dimensions[row].height = _row_height([(text, widths["E"])])
        state["row"] += 1

    heading("Sheets")
    header("sheet", "rows", "", "", "what it holds")
    descriptions = _sheet_descriptions(len(pngs))
    for title, text in descriptions.items():
        row = state["row"]
        cell = _put_text(ws.cell(row, 1), title)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{title}'!A1", display=title)
        cell.font = Font(color="0563C1", underline="single")
        key = next((k for k, v in SHEET_NAMES.items() if v == title), None)
        if key in rows:
            ws.cell(row, 2).value = rows[key]
            ws.cell(row, 2).number_format = FORMAT_COUNT
            ws.cell(row, 2).alignment = Alignment(horizontal="left", vertical="top")
        _put_text(ws.cell(row, 5), text).alignment = top
        ws.cell(row, 1).alignment = Alignment(vertical="top")
        ws.row_dimensions[row].height = _row_height([(text, widths["E"])])
        state["row"] += 1

    heading("Columns")
    header("sheet", "column", "type", "unit", "meaning")
    for key, columns in specs.items():
        for column in columns:
            row = state["row"]
            _put_text(ws.cell(row, 1), SHEET_NAMES[key])
            _put_text(ws.cell(row, 2), column.name)
            _put_text(ws.cell(row, 3), _TYPE_WORDS.get(column.kind, column.kind))
            unit = {"unit": "see unit", "CNY": "yuan"}.get(column.unit, column.unit)
            _put_text(ws.cell(row, 4), unit)
            text = column.description
            _put_text(ws.cell(row, 5), text).alignment = top
            if _display_width(text) > widths["E"]:
                ws.row_dimensions[row].height = _row_height([(text, widths["E"])])
            state["row"] += 1


def _citation_text(tables: dict[str, pd.DataFrame], info: _Info) -> str:
    text = (
        "Cite the source document of each number you use, with the quote that states it: "
        "issuer, title, document number and issue date are in the Documents sheet; the quote "
        "(and its character offsets in the document's text) is on every row of Targets, "
        "Chains, Modes and Milestones. Name the tables too: "
        f"“policylens {info.version}, input fingerprint {info.fingerprint[:12]}”."
    )
    targets, documents = tables["targets"], tables["documents"]
    if len(targets):
        row = targets.iloc[0]
        doc = documents[documents["doc_id"] == row["doc_id"]]
        if len(doc):
            doc = doc.iloc[0]
            when = "n.d." if _missing(doc["issued"]) else doc["issued"].date().isoformat()
            number = "" if _missing(doc["doc_number"]) else f", {doc['doc_number']}"
            issuer = "" if _missing(doc["issuer_zh"]) else f"{doc['issuer_zh']}, "
            text += (
                f" Example (target {row['target_id']}): {issuer}《{doc['title_zh']}》"
                f"{number} ({when}): “{row['quote']}”; tabulated with policylens {info.version}."
            )
    return text


def _sheet_descriptions(figures: int) -> dict[str, str]:
    return {
        README: "This sheet: what the workbook is, how it was made, how to cite, units, and "
        "what every sheet and column means.",
        "Documents": "One row per source document: province, titles (Chinese and English), "
        "issuer, document number, issue date, status (final or draft), the years it covers, "
        "link and the SHA-256 of its text.",
        "Targets": "Every quantitative target, one row per distinct target: scope, chain, "
        "indicator, floor value and 'strive for' stretch value in the canonical unit, "
        "comparator, firm or aspirational wording, target year and deadline, the exact quote "
        "and its offsets, and whether it was extracted or curated by a reviewer.",
        "Revenue goals": "Chain revenue goals (营业收入/营收) side by side: one row per chain "
        "(floor, and stretch when one is given), one column per province and target year, in "
        "亿元 and in CNY bn. Italic: aspirational wording (力争/争取/努力) or a stretch value. "
        "Where one province states several revenue goals for a chain and year, the cell shows "
        "the largest; every goal is in Targets (target_id column).",
        "Chain counts": "How many chains, sub-chains, clusters and industries each document "
        "names now (basis named, with their names), and the counts it targets: chains, "
        "clusters, firms (e.g. chain-leader firms) and projects (basis target).",
        "Chains": "Every chain, sub-chain, cluster and industry each document names, or counts "
        "without naming them, with its quote.",
        "Collaboration modes": "The 'A+B+C' collaboration modes (政府+链主+园区 …) against "
        "the actors they combine: 1 where a mode includes an actor. Slogans joined by + that "
        "are not collaboration between actors are left out here (they are in Modes, kind "
        "other).",
        "Modes": "The list of A+B(+C) modes, one row per distinct mode in a document: as "
        "written, its canonical actor key, collaboration or other, purpose, how often stated, "
        "quote.",
        "Mode actors": "One row per mode and actor: the actor's English key and its Chinese "
        "words, and its place in the mode as written.",
        "Milestones": "Dated actions of each plan in date order (undated ones last): period, "
        "deadline, recurrence, the action as written, quote.",
        "Review": "Candidate targets the extractor found that still await a reviewer's decision "
        "(accept, reject or correct in data/raw/review.yaml); they are not in Targets.",
        "Figures": f"The {figures} chart{'s' if figures != 1 else ''} built with the tables "
        "(PNG images; the same files are in figures/).",
    }


# --------------------------------------------------------------------------- cells


def _put_text(cell, value: str):
    """Write ``value`` as a string cell that Excel shows as it is and never evaluates."""
    text = str(value)
    bad = _ILLEGAL.search(text)
    if bad:
        raise OutputError(
            f"cannot write the text {text[:60]!r} to {cell.parent.title}!{cell.coordinate}: it "
            f"holds the control character U+{ord(bad.group()):04X}, which an .xlsx file cannot "
            "store. Remove it from the source text or the decisions file and build again."
        )
    if len(text) > _MAX_CELL_TEXT:
        raise OutputError(
            f"cannot write {cell.parent.title}!{cell.coordinate}: the text is {len(text)} "
            f"characters long and an Excel cell holds at most {_MAX_CELL_TEXT}."
        )
    cell.value = text  # openpyxl takes '=…' for a formula and '#N/A' for an error …
    cell.data_type = "s"  # … so say explicitly that it is a string
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True  # Excel's own "typed with a leading '" flag
    return cell


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _python_value(value: Any) -> Any:
    """A value openpyxl can write: None, bool, int, float, date, datetime or str."""
    import datetime as dt

    import numpy as np
    import pandas as pd

    if _missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if not math.isfinite(value):
            raise OutputError(f"cannot write the number {value} to Excel")
        return value
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
    from openpyxl.styles import Font

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


def _write_frame(
    ws,
    frame: pd.DataFrame,
    columns: list[_Col],
    *,
    table_name: str,
    links: dict[str, str] | None = None,
    italic: set | None = None,
    formats: dict | None = None,
) -> None:
    """One frame as an Excel table: readable headers over the column names (with filters,
    frozen), widths, formats, links, and a landscape print set-up that fits the width.

    ``italic`` and ``formats`` hold cells (row index, column name) to set in italic or
    to give their own number format."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.filters import AutoFilter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    header_align = Alignment(vertical="top", wrap_text=False)
    top, wrapped = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    italic_font = Font(italic=True)
    link_font = Font(color="0563C1", underline="single")
    links = links or {}
    italic = italic or set()
    formats_of = formats or {}
    n = len(frame)
    comparators = frame["comparator"].tolist() if "comparator" in frame.columns else [None] * n
    label_font = Font(bold=True, color="404040")
    label_align = Alignment(vertical="bottom", wrap_text=True)
    units = (
        [None if _missing(u) else str(u) for u in frame["unit"]]
        if "unit" in frame.columns
        else [None] * n
    )
    doc_ids = [str(d) for d in frame["doc_id"]] if "doc_id" in frame.columns else [None] * n

    styles = _StyleCache()
    widths: list[int] = []
    wrap_cols: list[bool] = []
    texts: list[list[str | None]] = []
    for j, column in enumerate(columns, 1):
        caption = ws.cell(LABEL_ROW, j)
        styles.apply(caption, ("label",), font=label_font, alignment=label_align)
        _put_text(caption, column.heading)
        head = ws.cell(HEADER_ROW, j)
        styles.apply(head, ("header",), font=bold, fill=fill, alignment=header_align)
        _put_text(head, column.name)
        raw = frame[column.name].tolist() if column.name in frame.columns else [None] * n
        values = [_python_value(value) for value in raw]
        formats = [
            None
            if v is None or isinstance(v, str)
            else formats_of.get((i, column.name))
            or _number_format(column, v, units[i], comparators[i])
            for i, v in enumerate(values)
        ]
        shown = [None if v is None else _shown(v, f) for v, f in zip(values, formats, strict=True)]
        width = _display_width(column.name) + 3  # room for the filter button
        for text in shown:
            if text is not None:
                longest = max(text.split("\n"), key=len)
                width = max(width, min(_display_width(longest) + 2, 200))
        wrap = column.wrap if column.wrap is not None else width > _WRAP_AT
        widths.append(max(min(width, _WRAP_AT), _MIN_WIDTH))
        wrap_cols.append(wrap)
        texts.append(shown)
        ws.column_dimensions[get_column_letter(j)].width = widths[-1]
        alignment = wrapped if wrap else top
        for i, value in enumerate(values):
            cell = ws.cell(i + FIRST_ROW, j)
            url = None
            if column.name == "doc_id" and doc_ids[i] in links:
                url = links[doc_ids[i]]
            elif column.name == "source_url" and isinstance(value, str):
                url = _clean_url(value)
            font = link_font if url else italic_font if (i, column.name) in italic else None
            key = (wrap, formats[i], url is not None, font is italic_font)
            styles.apply(cell, key, font=font, alignment=alignment, number_format=formats[i])
            if value is None:
                continue
            if isinstance(value, str):
                _put_text(cell, value)
                if url:
                    cell.hyperlink = url
            elif isinstance(value, float) and float(f"{value:.16g}") != value:
                # openpyxl writes numbers with 16 significant digits; this one needs 17
                cell._value, cell.data_type = repr(value), "n"
            else:
                cell.value = value

    for i in range(n):
        cells = [
            (texts[j][i], widths[j])
            for j in range(len(columns))
            if wrap_cols[j] and texts[j][i] is not None
        ]
        height = _row_height(cells) if cells else None
        if height:
            ws.row_dimensions[i + FIRST_ROW].height = height
    captions = [(c.heading, widths[j]) for j, c in enumerate(columns)]
    ws.row_dimensions[LABEL_ROW].height = _row_height(captions) or _LINE_HEIGHT

    last = get_column_letter(max(len(columns), 1))
    ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(n, 1)}"
    table = Table(displayName=table_name, ref=ref, autoFilter=AutoFilter(ref=ref))
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = f"A{FIRST_ROW}"
    print_setup(ws)


def print_setup(ws) -> None:
    """Landscape, as wide as one page, the two header rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{LABEL_ROW}:{HEADER_ROW}"
    ws.print_options.gridLines = False


class _StyleCache:
    """Style cells by copying a finished style, not by re-hashing fonts for every cell."""

    def __init__(self) -> None:
        self._done: dict = {}

    def apply(self, cell, key, *, font=None, fill=None, alignment=None, number_format=None):
        from copy import copy

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


# --------------------------------------------------------------------------- file


def _set_properties(wb, info: _Info) -> None:
    """Document properties that depend on the inputs only (no wall-clock time)."""
    import datetime as dt

    from openpyxl.packaging.core import DocumentProperties

    stamp = dt.datetime.combine(info.as_of or dt.date(1980, 1, 1), dt.time())
    wb.properties = DocumentProperties(
        creator=f"policylens {info.version}",
        lastModifiedBy=f"policylens {info.version}",
        title="policylens summary",
        subject="Targets, chains, collaboration modes and milestones of Chinese provincial "
        "industrial-policy documents",
        description=f"Input fingerprint {info.fingerprint}; corpus as of "
        f"{info.as_of.isoformat() if info.as_of else 'n.d.'}",
        created=stamp,
        modified=stamp,
    )


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


def _save(wb) -> bytes:
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    archive = _FixedZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # writes every part, then closes the archive
    return buffer.getvalue()
