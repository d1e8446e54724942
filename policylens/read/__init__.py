"""Reading a document as it is published (PDF, Word, web page, text) into running text.

The one place where a file's type chooses its reader: ``read_document`` looks
at the suffix and hands the bytes to the module of that format. Every reader
returns the document's text page by page; pages are joined by a form feed
(``\\f``) so that a derived ``.txt`` keeps them, and :mod:`policylens.read.pages`
turns them into page numbers for any character offset. Readers import their
library only when called, so ``import policylens`` stays light.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from policylens.errors import InputError

#: file suffix -> reader module (in policylens.read) and the kind of document it reads
READERS: dict[str, tuple[str, str]] = {
    ".pdf": ("pdf", "PDF"),
    ".docx": ("docx", "Word document"),
    ".html": ("html", "web page"),
    ".htm": ("html", "web page"),
    ".txt": ("plain", "text file"),
}
SUPPORTED = tuple(READERS)
PAGE_BREAK = "\f"


class UnsupportedFormatError(InputError):
    """A file whose type policylens has no reader for."""


class NoTextLayerError(InputError):
    """A PDF that holds images of pages but no text (a scan): there is nothing to read."""


@dataclass(frozen=True)
class ReadDocument:
    """A document's text as its reader found it, with where it came from."""

    pages: tuple[str, ...]  # the text of each page (one page for formats without pages)
    kind: str  # PDF, Word document, web page, text file
    reader: str  # the library (and version) that read it, for the metadata note
    url: str = ""  # the link a saved web page gives for itself, if any
    warnings: tuple[str, ...] = ()  # what the reader could not read (scanned pages …)

    @property
    def text(self) -> str:
        """The pages joined by form feeds: what a derived .txt file holds."""
        return PAGE_BREAK.join(self.pages)


def is_supported(path: str | Path) -> bool:
    """True when policylens has a reader for this file's type."""
    return Path(path).suffix.lower() in READERS


def read_document(path: str | Path) -> ReadDocument:
    """Read any supported file; raise an InputError naming the file and the fix otherwise."""
    path = Path(path)
    # a file named without a suffix (a Unix habit, or a stream such as /dev/stdin) is text
    suffix = path.suffix.lower() or ".txt"
    if suffix not in READERS:
        raise UnsupportedFormatError(
            f"policylens cannot read {suffix} files",
            path=path,
            fix=f"use one of {', '.join(SUPPORTED)} (for a .doc, save it as .docx; for a "
            "scan, run OCR yourself and save the text as .txt)",
        )
    return read_bytes(_read_bounded(path), path)


def read_bytes(data: bytes, path: str | Path) -> ReadDocument:
    """Read a document's bytes, of the type ``path``'s suffix names (no suffix: text).

    For files that are not on this disk (``fsspec`` URLs read by ``extract_corpus``);
    :func:`read_document` checks the suffix and reads the file first.
    """
    path = Path(path)
    module_name, kind = READERS.get(path.suffix.lower() or ".txt", (None, ""))
    if module_name is None:
        raise UnsupportedFormatError(
            f"policylens cannot read {path.suffix.lower()} files",
            path=path,
            fix=f"use one of {', '.join(SUPPORTED)}",
        )
    module = importlib.import_module(f"policylens.read.{module_name}")
    found = module.read(data, source=path)
    return ReadDocument(tuple(found.pages), kind, found.reader, found.url, tuple(found.warnings))


#: No policy document comes near this; a larger input is an endless stream (/dev/zero) or
#: the wrong file, and reading it whole would exhaust memory.
MAX_FILE_BYTES = 128 * 2**20


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, refusing folders, unreadable paths and endless streams."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise InputError("is a folder, not a document", path=path, fix="name the file") from None
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror or exc}", path=path, fix="check the path"
        ) from None
    except ValueError as exc:  # e.g. an embedded NUL in the path
        raise InputError(f"is not a usable path ({exc})", path=path, fix="correct it") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"is larger than {MAX_FILE_BYTES // 2**20} MB (or an endless stream)",
            path=path,
            fix="give the file of one document",
        )
    return data


@dataclass
class Found:
    """What a reader module returns: the pages' text and how it was read."""

    pages: list[str]
    reader: str
    url: str = ""
    warnings: list[str] = field(default_factory=list)
