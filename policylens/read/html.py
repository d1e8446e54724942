"""Web pages saved from a portal (.html/.htm): the article, not the portal around it.

Library: trafilatura, which finds a page's main text by its structure and
density (navigation, bread-crumbs, "related articles" and footers go) and
renders tables as ``| a | b |`` rows that :mod:`policylens.grammar.annex` reads. The
page's headline, which trafilatura returns as metadata, is put back as the
first line: a policy's title is part of its text. A web page is one page.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import trafilatura

from policylens.errors import InputError
from policylens.read import Found

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def read(data: bytes, *, source: Path) -> Found:
    """The article's text (headline first) as one page, and the link the page gives."""
    found = article(data, source=source)
    return Found([found.text], f"trafilatura {_version()}", found.url)


class Article:
    """The headline, body and link of a saved page."""

    def __init__(self, title: str, body: str, url: str) -> None:
        self.title, self.body, self.url = title, body, url

    @property
    def text(self) -> str:
        if self.title and not self.body.startswith(self.title):
            return f"{self.title}\n{self.body}"
        return self.body


def article(data: bytes, *, source: Path) -> Article:
    """The article of a saved page; raise InputError when the page holds none."""

    found = trafilatura.bare_extraction(
        _chinese_legacy_decoded(data),
        include_tables=True,
        include_comments=False,
        with_metadata=True,
    )
    body = (found.text or "").strip() if found is not None else ""
    if not body:
        raise InputError(
            "no article text found in the web page",
            path=source,
            fix="save the page again with its content (File > Save Page As, complete page), "
            "or copy the article's text into a .txt file",
        )
    lines = [line.rstrip() for line in body.splitlines()]
    return Article((found.title or "").strip(), "\n".join(lines), (found.url or "").strip())


def _chinese_legacy_decoded(data: bytes) -> bytes | str:
    """A page declared gb2312 or gbk, decoded as GB18030 (their superset, as browsers do).

    Python's gb2312 codec reads the common dash 0xA1AA as U+2015 (―) instead of
    U+2014 (—), which would split 2024—2026 apart; other pages are left to
    trafilatura's own detection.
    """
    declared = _CHARSET.search(data[:4096])
    if declared and declared.group(1).lower() in (b"gb2312", b"gbk", b"x-gbk", b"gb18030"):
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            return data
    return data


def _version() -> str:

    return version("trafilatura")
