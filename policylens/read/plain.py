"""Plain text files: decoded as the corpus decodes them (UTF-8, UTF-16 with BOM, GB18030)."""

from __future__ import annotations

from pathlib import Path

from policylens.text import decode


def read(data: bytes, *, source: Path) -> tuple[list[str], str, str]:
    """The text's pages (form feeds, as pdftotext writes them, separate pages)."""
    text, encoding = decode(data, source=str(source))
    return text.split("\f"), f"plain text ({encoding})", ""
