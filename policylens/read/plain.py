"""Plain text files: decoded as the corpus decodes them (UTF-8, UTF-16 with BOM, GB18030)."""

from __future__ import annotations

from pathlib import Path

from policylens.read import Found
from policylens.text import decode


def read(data: bytes, *, source: Path) -> Found:
    """The text's pages (form feeds, as pdftotext writes them, separate pages)."""
    text, encoding = decode(data, source=str(source))
    return Found(text.split("\f"), f"plain text ({encoding})")
