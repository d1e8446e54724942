"""`policylens add FILE`: a published document into the corpus in one step.

What it writes, all under ``data/raw/`` (nothing else is touched):

- ``originals/<doc_id>.<pdf|docx|html|htm>`` — the file as published, byte for
  byte, never modified (a ``.txt`` is its own original and goes to texts/);
- ``texts/<doc_id>.txt`` — the running text its reader found (UTF-8, pages
  separated by form feeds), which every quote and offset refers to, so that a
  build never depends on a PDF library's version;
- one row of ``documents.csv`` with the text's sha256 and the facts the text
  states about itself (:mod:`policylens.metadata`); options given by the user
  win over what was read, and a fact neither states stays empty.

Everything is checked as the build checks it before anything is written, and a
failure afterwards removes what was written: either the document is added
whole, or nothing changes.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from policylens.corpus import load_texts, read_metadata
from policylens.errors import InputError, MetadataError
from policylens.metadata import read_facts
from policylens.model.schema import DOCUMENTS, PROVINCES
from policylens.paths import Project
from policylens.pipeline import find_project
from policylens.read import read_document
from policylens.read.pages import normalise_pages
from policylens.version import __version__

#: Fields the user may set with options (``--issued`` …), in documents.csv order: every
#: column but the two that ``add`` itself derives from the file.
SETTABLE = tuple(name for name in DOCUMENTS.column_names if name not in ("file", "sha256"))
#: What a reviewer should check by eye for each field read from the text.
_CHECK = {
    "title_zh": "the title",
    "issuer_zh": "the issuer (all bodies that sign?)",
    "doc_number": "the document number",
    "issued": "the issue date (the signing date, 落款)",
    "status": "final or draft",
    "horizon_start": "the first year of the plan",
    "horizon_end": "the last year of the plan",
    "province": "the province",
}
_ORIGINALS = "originals"


@dataclass
class Added:
    """What `add` did: the row it wrote, where each value came from, what to check."""

    row: dict[str, str]
    text_file: Path
    original: Path | None
    pages: int
    read: dict[str, str] = field(default_factory=dict)  # field -> where in the text
    given: list[str] = field(default_factory=list)  # fields set by options
    empty: list[str] = field(default_factory=list)  # fields neither stated nor given
    warnings: tuple[str, ...] = ()  # what the reader could not read

    def report(self) -> str:
        """A short account for the terminal: filled, given, empty, next steps."""
        row = self.row
        lines = [f"added {row['doc_id']}: {row['title_zh']} ({row['province']})"]
        if self.original is not None:
            lines.append(f"  original kept as data/raw/{_ORIGINALS}/{self.original.name}")
        pages = f", {self.pages} pages" if self.pages > 1 else ""
        lines.append(f"  text written to data/raw/{row['file']}{pages}")
        lines += [f"  warning: {warning}" for warning in self.warnings]
        if self.read:
            lines.append("read from the text (check each):")
            lines += [f"  {name}: {row[name]}    <- {where}" for name, where in self.read.items()]
        if self.given:
            lines.append("set by you: " + ", ".join(self.given))
        if self.empty:
            lines.append(
                "left empty (the text does not state them): "
                + ", ".join(self.empty)
                + " — set them in data/raw/documents.csv if you know them from elsewhere"
            )
        lines.append(
            "next: policylens review (then add decisions to data/raw/review.yaml), "
            "then policylens build"
        )
        return "\n".join(lines)


def add_document(
    path: str | os.PathLike[str],
    root: str | os.PathLike[str] | None = None,
    **fields: str | None,
) -> Added:
    """Add the published document at ``path`` to the project at ``root``.

    ``fields`` set any column of documents.csv (``province="Fujian"``,
    ``issued="2024-03-01"`` …) and win over what the text states.
    """
    unknown = sorted(set(fields) - set(SETTABLE))
    if unknown:
        raise TypeError(f"add_document() got unknown field(s) {', '.join(unknown)}")
    given = {name: str(value).strip() for name, value in fields.items() if value}
    project = find_project(root)
    source = Path(path)
    document = read_document(source)
    paged = normalise_pages(document.text)
    facts = read_facts(paged.text)

    row = {name: "" for name in DOCUMENTS.column_names}
    row["status"] = "final"
    row.update(facts.values)
    if document.url:
        row["source_url"] = document.url
    _apply_given(row, given)
    taken = _existing_ids(project)
    row["doc_id"] = given.get("doc_id") or _new_doc_id(row, taken)
    _check_new(row, taken, project, given)

    suffix = source.suffix.lower()
    text_name = f"texts/{row['doc_id']}.txt"
    if suffix == ".txt":
        text_bytes, original = source.read_bytes(), None
    else:
        text_bytes = document.text.encode("utf-8")
        original = project.raw / _ORIGINALS / f"{row['doc_id']}{suffix}"
    row["file"] = text_name
    row["sha256"] = hashlib.sha256(text_bytes).hexdigest()
    read = {name: facts.sources[name] for name, value in facts.values.items() if row[name] == value}
    if document.url and "source_url" not in given:
        read["source_url"] = "the saved page's own link"
    if not given.get("note"):
        kept = f"{_ORIGINALS}/{original.name}" if original else text_name
        row["note"] = _note(document, source, kept, read, len(paged.page_starts))
    _write(project, row, text_bytes, source if original else None, original)
    empty = [name for name in ("issuer_zh", "doc_number", "issued", "source_url") if not row[name]]
    empty += [name for name in ("horizon_start", "horizon_end") if not row[name]]
    return Added(
        row,
        project.raw / text_name,
        original,
        len(paged.page_starts),
        {name: where for name, where in read.items() if name in _CHECK or name == "source_url"},
        [name for name in SETTABLE if name in given],
        empty,
        document.warnings,
    )


def _apply_given(row: dict[str, str], given: dict[str, str]) -> None:
    """Options win; a province may be given in English or Chinese."""
    for name, value in given.items():
        row[name] = value
    if "province" in given or "province_zh" in given:
        english = _province_key(given.get("province") or given.get("province_zh", ""))
        row["province"], row["province_zh"] = english, PROVINCES.get(english, "")


def _province_key(value: str) -> str:
    for english, chinese in PROVINCES.items():
        if value.lower() in (english.lower(), chinese) or value.startswith(chinese):
            return english
    raise InputError(
        f"unknown province {value!r}",
        fix=f"use one of: {', '.join(PROVINCES)} (or its Chinese name)",
    )


def _existing_ids(project: Project) -> set[str]:
    if not project.metadata.exists():
        return set()
    with project.metadata.open(encoding="utf-8-sig", newline="") as handle:
        return {row.get("doc_id", "") for row in csv.DictReader(handle)}


def _new_doc_id(row: dict[str, str], taken: set[str]) -> str:
    """<province>_<year>[_n]: a plain key the user can rename with --doc-id."""
    province = re.sub(r"[^a-z0-9]+", "_", row["province"].lower()).strip("_") or "doc"
    year = row["horizon_start"] or row["issued"][:4] or row["horizon_end"]
    base = f"{province}_{year}" if year else province
    if row["status"] == "draft":
        base += "_draft"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


def _check_new(row: dict[str, str], taken: set[str], project: Project, given: dict) -> None:
    """Refuse, before writing anything, what the build would refuse."""
    missing = []
    if not row["province"]:
        missing.append("--province (the text names no province in its title or issuer)")
    if not row["title_zh"]:
        missing.append("--title-zh (no line of the text reads as its title)")
    if not row["title_en"]:
        missing.append("--title-en (an English title is never made up)")
    if missing:
        raise InputError(
            "cannot add the document without " + "; ".join(missing),
            fix="run policylens add again with these options",
        )
    if row["doc_id"] in taken:
        raise InputError(
            f"doc_id {row['doc_id']!r} is already in documents.csv",
            path=project.metadata,
            fix="choose another key with --doc-id",
        )
    if not re.fullmatch(r"[a-z0-9][a-z0-9_\-]*", row["doc_id"]):
        raise InputError(
            f"doc_id {row['doc_id']!r} is not a plain key",
            fix="use lower-case letters, digits, _ and -, e.g. fujian_nev_2024",
        )
    if "issued" in given:
        try:
            dt.date.fromisoformat(given["issued"])
        except ValueError:
            raise InputError(
                f"--issued {given['issued']!r} is not a date", fix="write it as YYYY-MM-DD"
            ) from None
    for folder in ("texts", _ORIGINALS):
        clash = sorted((project.raw / folder).glob(f"{row['doc_id']}.*"))
        if clash:
            raise InputError(
                f"{clash[0]} already exists",
                fix="choose another key with --doc-id (files under data/raw/ are never replaced)",
            )


def _note(document, source: Path, kept: str, read: dict, pages: int) -> str:
    """What the row's note says: where the document came from and what was read."""
    how = f"; {pages} pages" if pages > 1 else ""
    facts = ", ".join(read) or "nothing"
    return (
        f"Added with policylens add {__version__} from {source.name} ({document.kind}, kept as "
        f"{kept}; text read with {document.reader}{how}). Read from the text: {facts}; "
        "check them against the original."
    )


def _write(
    project: Project,
    row: dict[str, str],
    text_bytes: bytes,
    source: Path | None,
    original: Path | None,
) -> None:
    """Write the files and the row; on any failure, undo what was written."""

    metadata = project.metadata
    before = metadata.read_bytes() if metadata.exists() else None
    written: list[Path] = []
    folders = [project.raw / "texts", project.raw / _ORIGINALS]
    new_folders = [folder for folder in folders if not folder.exists()]
    try:
        text_path = project.raw / row["file"]
        text_path.parent.mkdir(parents=True, exist_ok=True)
        text_path.write_bytes(text_bytes)
        written.append(text_path)
        if source is not None and original is not None:
            original.parent.mkdir(parents=True, exist_ok=True)
            original.write_bytes(source.read_bytes())
            written.append(original)
        metadata.write_bytes(_with_row(before, row))
        rows = read_metadata(project)
        load_texts(project, [item for item in rows if item[1]["doc_id"] == row["doc_id"]])
    except BaseException as exc:
        for path in written:
            path.unlink(missing_ok=True)
        for folder in new_folders:
            if folder.exists() and not any(folder.iterdir()):
                folder.rmdir()
        if before is None:
            metadata.unlink(missing_ok=True)
        else:
            metadata.write_bytes(before)
        if isinstance(exc, OSError):
            raise MetadataError(
                f"cannot write the document: {exc.strerror}",
                path=getattr(exc, "filename", None),
                fix="make data/raw/ writable and run again",
            ) from None
        raise


def _with_row(before: bytes | None, row: dict[str, str]) -> bytes:
    """documents.csv with ``row`` appended; its existing bytes and column order are kept."""
    text = before.decode("utf-8") if before else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    if text.strip():
        header = next(csv.reader([text.lstrip("\ufeff").splitlines()[0]]))
        if not text.endswith("\n"):
            text += newline
    else:
        header, text = DOCUMENTS.column_names, ""
        writer.writerow(header)
    writer.writerow([row.get(name, "") for name in header])
    return (text + buffer.getvalue()).encode("utf-8")
