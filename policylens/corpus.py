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
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from policylens.errors import InputError, MetadataError, TextEncodingError
from policylens.model.schema import DOCUMENTS, PROVINCES, STATUSES, conform, validate
from policylens.paths import Project
from policylens.read import MAX_FILE_BYTES
from policylens.read.pages import normalise_pages
from policylens.text import decode

if TYPE_CHECKING:
    import os


_DOC_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# ASCII digits only: \d would also take full-width ２０２４, which no date parser reads
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_YEAR = re.compile(r"^[0-9]{4}$")
_URL = re.compile(r"^https?://\S+$")
#: Years a date or horizon may name: a policy of this era, and within pandas' date range.
YEARS = range(1900, 2101)
#: The most characters an Excel cell holds; every metadata field ends up in one.
MAX_FIELD_CHARS = 32_767
#: The most bytes read from one text file (a plan is at most a few MB; /dev/zero is endless).
MAX_TEXT_BYTES = MAX_FILE_BYTES  # one bound for every input file
# Control characters other than tab and line breaks: never part of a title or a note
# (and no spreadsheet cell may hold them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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


def read_text_file(path: str | os.PathLike[str]) -> str:
    """Decode and normalise any text file (for `policylens extract` on loose files)."""
    path = Path(path)
    data = read_bounded(path, fix="check the path and its permissions")
    return text_of(data, source=str(path))


def read_bounded(
    path: Path, *, fix: str, row: int | None = None, where: Path | None = None
) -> bytes:
    """The bytes of a text file, refusing folders, unreadable files and endless streams.

    Errors name ``where`` (documents.csv) and ``row`` when given, else ``path``.
    """

    def fail(problem: str, advice: str = fix) -> InputError:
        if where is not None:
            return MetadataError(f"{path}: {problem}", path=where, row=row, fix=advice)
        return InputError(problem, path=path, fix=advice)

    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_TEXT_BYTES + 1)
    except IsADirectoryError:
        raise fail("is a folder, not a text file", "name the text file itself") from None
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}") from None
    except ValueError as exc:  # e.g. an embedded NUL in the path
        raise fail(f"is not a usable path ({exc})", "correct the file name") from None
    if len(data) > MAX_TEXT_BYTES:
        raise fail(
            f"is larger than {MAX_TEXT_BYTES // 2**20} MB (or an endless stream): "
            "not a policy text",
            "give the text of one document",
        )
    return data


def text_of(data: bytes, *, source: str) -> str:
    """Decoded, normalised text; a file with no text once decoded is refused."""
    text, encoding = decode(data, source=source)
    text = normalise_pages(text).text
    if not text.strip():
        raise TextEncodingError(
            f"the file holds no text once decoded (as {encoding}): only a byte-order mark, "
            "whitespace or markup",
            path=source,
            fix="put the document's text in the file, or remove its row from documents.csv",
        )
    return text


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
        content = path.read_bytes().decode("utf-8-sig")  # line ends left to the csv module
    except UnicodeDecodeError as exc:
        raise MetadataError(
            f"not UTF-8 (invalid byte at offset {exc.start})",
            path=path,
            fix="save documents.csv as UTF-8",
        ) from None
    except OSError as exc:
        raise MetadataError(
            f"cannot read documents.csv: {exc.strerror or exc}",
            path=path,
            fix="make it a readable file (check its permissions)",
        ) from None
    # newline="": the csv module splits records itself, so a line break (or U+2028,
    # U+0085) inside a quoted cell stays part of that cell
    reader = csv.DictReader(io.StringIO(content, newline=""))
    try:
        return _rows(reader, project)
    except csv.Error as exc:
        raise MetadataError(
            f"cannot be read as CSV: {exc}",
            path=path,
            row=reader.line_num + 1,  # the row being read when it failed
            fix="check the quoting of that row; a cell holds at most "
            f"{MAX_FIELD_CHARS:,} characters",
        ) from None


def _rows(reader: csv.DictReader, project: Project) -> list[tuple[int, dict[str, str]]]:
    path = project.metadata
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
        line = reader.line_num  # where the row ends (a quoted cell may span lines)
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
    """Check one metadata row, raising a MetadataError naming its line and the fix."""

    def fail(problem: str, fix: str) -> None:
        raise MetadataError(problem, path=project.metadata, row=line, fix=fix)

    _check_fields(row, fail)
    _check_keys(row, fail)
    _check_dates(row, fail)
    if row["source_url"] and not _URL.match(row["source_url"]):
        fail(
            f"source_url {row['source_url']!r} is not an http(s) link",
            "write the full link or leave it empty",
        )
    _resolve_file(row["file"], project, line)


def _check_fields(row: dict[str, str], fail) -> None:
    """Every field fits an Excel cell and holds no control character; required ones are set."""
    for name, value in row.items():
        if len(value) > MAX_FIELD_CHARS:
            fail(
                f"{name} is {len(value):,} characters long, more than an Excel cell holds "
                f"({MAX_FIELD_CHARS:,})",
                f"shorten {name}",
            )
        control = _CONTROL.search(value)
        if control:
            fail(
                f"{name} contains the control character U+{ord(control.group()):04X}",
                f"retype {name} without it",
            )
    for name in _REQUIRED:
        if not row[name] and name not in _MAY_BE_EMPTY:
            fail(f"{name} is empty", f"fill in {name}")


def _check_keys(row: dict[str, str], fail) -> None:
    """doc_id, province and status are values policylens knows."""
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


def _check_dates(row: dict[str, str], fail) -> None:
    """The issue date is a real date and the horizon real years, within :data:`YEARS`."""
    if row["issued"]:
        try:
            if not _DATE.match(row["issued"]):
                raise ValueError
            issued = dt.date.fromisoformat(row["issued"])
        except ValueError:
            fail(
                f"issued {row['issued']!r} is not a real date in YYYY-MM-DD form (ASCII digits)",
                "write the date the text gives, e.g. 2024-01-12, or leave it empty "
                "(and say why in note) when the text gives none",
            )
        if issued.year not in YEARS:
            fail(
                f"issued {row['issued']!r} lies outside {YEARS[0]}–{YEARS[-1]} (a typo?)",
                "write the date the text gives, e.g. 2024-01-12",
            )
    for name in ("horizon_start", "horizon_end"):
        if row[name] and not (_YEAR.match(row[name]) and int(row[name]) in YEARS):
            fail(
                f"{name} {row[name]!r} is not a four-digit year between {YEARS[0]} and {YEARS[-1]}",
                "write e.g. 2026 (ASCII digits)",
            )
    if (
        row["horizon_start"]
        and row["horizon_end"]
        and int(row["horizon_start"]) > int(row["horizon_end"])
    ):
        fail("horizon_start is after horizon_end", "swap or correct the years")


def _resolve_file(name: str, project: Project, line: int) -> Path:
    """The text file of a row, which must lie inside data/raw/."""

    def fail(problem: str, fix: str) -> MetadataError:
        return MetadataError(problem, path=project.metadata, row=line, fix=fix)

    raw = project.raw.resolve()
    candidate = Path(name)
    try:
        path = (raw / candidate).resolve()
        is_file = path.is_file()
    except ValueError:  # a NUL character
        raise fail(f"file {name!r} is not a usable file name", "correct the file column") from None
    except (OSError, RuntimeError) as exc:  # too long a name, a symlink loop
        reason = getattr(exc, "strerror", None) or str(exc)
        raise fail(
            f"file {name!r} cannot be opened: {reason}",
            "correct the file column, or replace the link by the text file itself",
        ) from None
    if candidate.is_absolute() or (path != raw and raw not in path.parents):
        raise MetadataError(
            f"file {name!r} lies outside data/raw/",
            path=project.metadata,
            row=line,
            fix="copy the text into data/raw/texts/ and give its path relative to data/raw/",
        )
    if path.is_dir():
        raise fail(f"file {name!r} is a folder, not a text file", "name the text file itself")
    if not is_file:
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
    data = read_bounded(
        path, fix="make the file readable (check its permissions)", row=line, where=project.metadata
    )
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
    return text_of(data, source=f"{path} (documents.csv row {line})")


def load_texts(
    project: Project, rows: list[tuple[int, dict[str, str]]] | None = None
) -> dict[str, str]:
    """Every document's normalised text, each checked against its metadata row."""
    if rows is None:
        rows = read_metadata(project)
    return {row["doc_id"]: _checked_text(project, line, row) for line, row in rows}


def documents_frame(rows: list[tuple[int, dict[str, str]]]) -> pd.DataFrame:
    """The typed, validated documents table from checked metadata rows."""

    frame = pd.DataFrame([row for _, row in rows], columns=DOCUMENTS.column_names)
    return validate(conform(frame, "documents"), "documents")
