"""Word (.docx): paragraphs and tables in document order, with python-docx.

Tables become ``| a | b |`` rows, one per table row, which
:mod:`policylens.grammar.annex` reads as indicator tables. A cell merged across
columns is repeated in each column it covers, so every row keeps the
header's number of cells. A .docx has no fixed pages, so it is one page.
"""

from __future__ import annotations

import io
import zipfile
from importlib.metadata import version
from pathlib import Path

import docx
from docx.table import Table

from policylens.errors import InputError
from policylens.read import Found


def read(data: bytes, *, source: Path) -> Found:
    """The document's text as one page."""

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(
            f"not a readable Word .docx file ({exc.__class__.__name__})",
            path=source,
            fix="open it in Word or WPS and save it again as .docx (an old .doc is not read)",
        ) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += [_table_row(row) for row in block.rows]
        elif block.text.strip():
            lines.append(block.text)
    return Found(["\n".join(lines)], f"python-docx {_version()}")


def _table_row(row) -> str:
    cells = [" ".join(cell.text.split()).replace("|", "｜") for cell in row.cells]
    return "| " + " | ".join(cells) + " |"


def _version() -> str:

    return version("python-docx")
