"""The README sheet: what the workbook is, who made it from which documents, how to cite
it, and what every sheet and column means (and the document properties)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.hyperlink import Hyperlink

from policylens.excel.cells import (
    _TYPE_WORDS,
    FORMAT_COUNT,
    FORMAT_DATE,
    REVIEW_ROWS,
    _clean_url,
    _Col,
    _display_width,
    _link,
    _missing,
    _put_text,
    _row_height,
)
from policylens.model.schema import TABLES
from policylens.model.vocab import units_described
from policylens.version import __version__

# Sheet names, in workbook order.
README = "README"
SHEET_NAMES: dict[str, str] = {
    "documents": "Documents",
    "targets": "Targets",
    "actuals": "Actuals",
    "revenue_goals": "Revenue goals",
    "chain_counts": "Chain counts",
    "chains": "Chains",
    "collaboration_modes": "Collaboration modes",
    "modes": "Modes",
    "mode_actors": "Mode actors",
    "milestones": "Milestones",
    "revisions": "Revisions",
    "attainment": "Attainment",
    "review": "Review",
    "figures": "Figures",
}
SHEETS: tuple[str, ...] = (README, *SHEET_NAMES.values())
# Sheets whose cells are a processed table, row for row (key: table name).
DATA_SHEETS: dict[str, str] = {name: SHEET_NAMES[name] for name in TABLES}


def _write_tables_readme(ws, sheets: list[tuple[str, int, list[_Col]]]) -> None:

    for letter, width in {"A": 24, "B": 26, "C": 14, "D": 12, "E": 80}.items():
        ws.column_dimensions[letter].width = width
    top = Alignment(vertical="top", wrap_text=True)
    _put_text(ws.cell(1, 1), "policylens workbook").font = Font(bold=True, size=14)
    notes = [
        f"Made with policylens {__version__} from the tables given to pl.to_excel(tables=...).",
        "Each sheet: readable headers in row 1, the column names (with filter buttons) in "
        "row 2, one row per observation below. Money is stored in yuan and also shown in "
        "亿元 (1e8 yuan) and CNY bn (1e9 yuan); a floor value shows its comparator "
        "(>: 突破/超过, ≥: 以上, ~: 左右, ≤: 以内/不超过) — the cell holds the exact number.",
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


# --------------------------------------------------------------------------- README


def _write_readme(
    ws,
    tables: dict[str, pd.DataFrame],
    info: _Info,
    rows: dict[str, int],
    specs: dict[str, list[_Col]],
    pngs: list[Path],
) -> None:

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
        f"{units_described()}. "
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
        f"{pending:,} extracted candidate target{'s' if pending != 1 else ''} still await a "
        "reviewer's decision (sheet Review, and the table candidates.csv, each row marked "
        "status unreviewed); they are not in Targets."
        if pending
        else "Nothing is awaiting review: every candidate target the extractor found has a "
        "reviewer's decision in data/raw/review.yaml.",
    )

    heading("Documents")
    header("doc_id", "province", "issued", "status", "title, issuer, document number, link")
    for doc in documents.itertuples():
        _write_document_row(ws, state["row"], doc, widths["E"], top)
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


def _write_document_row(ws, row: int, doc, width: float, top) -> None:
    """One document of the README's list: key and link, province, date, status, titles."""

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
    ws.row_dimensions[row].height = _row_height([(text, width)])


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
        "Actuals": "Every achieved or current figure the documents report (what the plans "
        "start from: 2023年…达到, 截至2024年底, 同比增长, an annex's 基期值), one row per "
        "distinct figure: scope, chain, indicator, value in the canonical unit, comparator, the "
        "year or period it refers to and the date it stands at (as_of), the exact quote and its "
        "offsets. A figure is never both a target and an actual.",
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
        "(accept, reject or correct in data/raw/review.yaml): the candidates table, marked "
        f"unreviewed, at most {REVIEW_ROWS:,} rows (all are in candidates.csv); they are not in "
        "Targets.",
        "Figures": f"The {figures} chart{'s' if figures != 1 else ''} built with the tables "
        "(PNG images; the same files are in figures/).",
    }


# --------------------------------------------------------------------------- file


def _set_properties(wb, info: _Info) -> None:
    """Document properties that depend on the inputs only (no wall-clock time)."""

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
