"""The bundled corpus: documents.csv (one metadata row per text) and the texts.

``load_documents`` validates every row against its file before anything is
built: a missing or outside file, a changed sha256, a duplicate doc_id, an
unknown province or a malformed date stops with an error naming the file, the
row and the fix. ``load_text`` returns the normalised running text that every
quote and offset of the project refers to; raw files are never modified.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from policylens.errors import InputError, MetadataError
from policylens.paths import Project, find_project
from policylens.read.pages import normalise_pages
from policylens.schema import DOCUMENTS, PROVINCES, STATUSES, conform, validate
from policylens.text import decode

if TYPE_CHECKING:
    import os

    import pandas as pd

_DOC_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_YEAR = re.compile(r"^\d{4}$")
_URL = re.compile(r"^https?://\S+$")
_REQUIRED = (
    "doc_id",
    "province",
    "province_zh",
    "title_zh",
    "title_en",
    "issuer_zh",
    "status",
    "file",
    "sha256",
)
# Columns that must be present but may be empty: a text need not name its issuer
# (a newspaper reprint), and an empty sha256 is answered with the value to write.
_MAY_BE_EMPTY = frozenset({"issuer_zh", "sha256"})


def load_documents(root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The ``documents`` table: every metadata row, validated against its text file.

    >>> import policylens as pl
    >>> pl.load_documents()[["doc_id", "province", "issued"]]  # doctest: +SKIP
    """
    project = find_project(root)
    rows = read_metadata(project)
    load_texts(project, rows)
    return documents_frame(rows)


def load_text(doc_id: str, root: str | os.PathLike[str] | None = None) -> str:
    """The normalised text of one document; quotes and offsets everywhere refer to it."""
    project = find_project(root)
    rows = {row["doc_id"]: (line, row) for line, row in read_metadata(project)}
    if doc_id not in rows:
        known = ", ".join(sorted(rows)) or "none"
        raise InputError(
            f"unknown doc_id {doc_id!r} (known: {known})",
            path=project.metadata,
            fix="use a doc_id from documents.csv, or add a row for the document",
        )
    line, row = rows[doc_id]
    return _checked_text(project, line, row)


def read_text_file(path: str | os.PathLike[str]) -> str:
    """Decode and normalise any text file (for `policylens extract` on loose files)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror}",
            path=path,
            fix="check the path and its permissions",
        ) from None
    text, _ = decode(data, source=str(path))
    return normalise_pages(text).text


def read_metadata(project: Project) -> list[tuple[int, dict[str, str]]]:
    """Rows of documents.csv as ``(line number, row)``, each field checked on its own."""
    path = project.metadata
    if not path.exists():
        raise MetadataError(
            "documents.csv is missing",
            path=path,
            fix="create it with one row per text in data/raw/texts/ "
            f"(columns: {', '.join(DOCUMENTS.column_names)})",
        )
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MetadataError(
            f"not UTF-8 (invalid byte at offset {exc.start})",
            path=path,
            fix="save documents.csv as UTF-8",
        ) from None
    reader = csv.DictReader(content.splitlines())
    header = reader.fieldnames or []
    missing = [name for name in _REQUIRED if name not in header]
    if missing:
        raise MetadataError(
            f"documents.csv lacks the column(s) {', '.join(missing)}",
            path=path,
            row=1,
            fix=f"add them to the header row; the full header is "
            f"{','.join(DOCUMENTS.column_names)}",
        )
    unknown = [name for name in header if name not in DOCUMENTS.column_names]
    if unknown:
        raise MetadataError(
            f"unknown column(s) {', '.join(unknown)}",
            path=path,
            row=1,
            fix=f"the columns are {','.join(DOCUMENTS.column_names)}",
        )
    rows: list[tuple[int, dict[str, str]]] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            raise MetadataError(
                "the row has more cells than the header",
                path=path,
                row=line,
                fix="quote cells that contain commas",
            )
        clean = {name: (row.get(name) or "").strip() for name in DOCUMENTS.column_names}
        _check_row(clean, project, line)
        if clean["doc_id"] in seen:
            raise MetadataError(
                f"duplicate doc_id {clean['doc_id']!r} (also on row {seen[clean['doc_id']]})",
                path=path,
                row=line,
                fix="give every document its own doc_id",
            )
        seen[clean["doc_id"]] = line
        rows.append((line, clean))
    if not rows:
        raise MetadataError(
            "documents.csv has no rows", path=path, fix="add one row per document text"
        )
    return rows


def _check_row(row: dict[str, str], project: Project, line: int) -> None:
    def fail(problem: str, fix: str) -> None:
        raise MetadataError(problem, path=project.metadata, row=line, fix=fix)

    for name in _REQUIRED:
        if not row[name] and name not in _MAY_BE_EMPTY:
            fail(f"{name} is empty", f"fill in {name}")
    if not _DOC_ID.match(row["doc_id"]):
        fail(
            f"doc_id {row['doc_id']!r} is not a plain key",
            "use lower-case letters, digits, _ and -, e.g. hubei_pv_2025",
        )
    if row["province"] not in PROVINCES:
        fail(f"unknown province {row['province']!r}", f"use one of: {', '.join(PROVINCES)}")
    if row["province_zh"] != PROVINCES[row["province"]]:
        fail(
            f"province_zh {row['province_zh']!r} does not match province {row['province']!r}",
            f"write {PROVINCES[row['province']]}",
        )
    if row["status"] not in STATUSES:
        fail(
            f"status {row['status']!r} is not one of {', '.join(STATUSES)}",
            "write final, or draft for a 征求意见稿",
        )
    if row["issued"]:
        try:
            dt.date.fromisoformat(row["issued"])
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["issued"]):
                raise ValueError
        except ValueError:
            fail(
                f"issued {row['issued']!r} is not a real date in YYYY-MM-DD form",
                "write the date the text gives, e.g. 2024-01-12, or leave it empty "
                "(and say why in note) when the text gives none",
            )
    for name in ("horizon_start", "horizon_end"):
        if row[name] and not _YEAR.match(row[name]):
            fail(f"{name} {row[name]!r} is not a four-digit year", "write e.g. 2026")
    if (
        row["horizon_start"]
        and row["horizon_end"]
        and int(row["horizon_start"]) > int(row["horizon_end"])
    ):
        fail("horizon_start is after horizon_end", "swap or correct the years")
    if row["source_url"] and not _URL.match(row["source_url"]):
        fail(
            f"source_url {row['source_url']!r} is not an http(s) link",
            "write the full link or leave it empty",
        )
    _resolve_file(row["file"], project, line)


def _resolve_file(name: str, project: Project, line: int) -> Path:
    """The text file of a row, which must lie inside data/raw/."""
    raw = project.raw.resolve()
    candidate = Path(name)
    path = (raw / candidate).resolve()
    if candidate.is_absolute() or (path != raw and raw not in path.parents):
        raise MetadataError(
            f"file {name!r} lies outside data/raw/",
            path=project.metadata,
            row=line,
            fix="copy the text into data/raw/texts/ and give its path relative to data/raw/",
        )
    if not path.is_file():
        raise MetadataError(
            f"file {name!r} does not exist (looked for {path})",
            path=project.metadata,
            row=line,
            fix="put the text there, or correct the file column (relative to data/raw/)",
        )
    return path


def _checked_text(project: Project, line: int, row: dict[str, str]) -> str:
    """Read a row's file, check its sha256, decode and normalise it."""
    path = _resolve_file(row["file"], project, line)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if not row["sha256"]:
        raise MetadataError(
            f"sha256 is empty for {row['file']}",
            path=project.metadata,
            row=line,
            fix=f"set sha256 to {digest} (after checking that the file holds the right text)",
        )
    if not _SHA256.match(row["sha256"]):
        raise MetadataError(
            f"sha256 {row['sha256']!r} is not 64 lower-case hex digits",
            path=project.metadata,
            row=line,
            fix=f"the file's sha256 is {digest}",
        )
    if digest != row["sha256"]:
        raise MetadataError(
            f"{row['file']} has changed: its sha256 is {digest}, the row says {row['sha256']}",
            path=project.metadata,
            row=line,
            fix="restore the original file (raw texts are never edited), or, if the new "
            f"text is intended, set sha256 to {digest} and review its targets again",
        )
    text, _ = decode(data, source=f"{path} (documents.csv row {line})")
    return normalise_pages(text).text


def load_texts(
    project: Project, rows: list[tuple[int, dict[str, str]]] | None = None
) -> dict[str, str]:
    """Every document's normalised text, each checked against its metadata row."""
    if rows is None:
        rows = read_metadata(project)
    return {row["doc_id"]: _checked_text(project, line, row) for line, row in rows}


def documents_frame(rows: list[tuple[int, dict[str, str]]]) -> pd.DataFrame:
    """The typed, validated documents table from checked metadata rows."""
    import pandas as pd

    frame = pd.DataFrame([row for _, row in rows], columns=DOCUMENTS.column_names)
    return validate(conform(frame, "documents"), "documents")
