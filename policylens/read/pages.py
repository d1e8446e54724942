"""Page numbers for character offsets.

A text derived from a PDF keeps its pages apart with form feeds (``\\f``).
``normalise_pages`` normalises each page on its own (``text.normalise``) and
joins them, recording where each page starts in the normalised text;
``page_at`` then gives the page of any offset, so a quote can be cited as
"p. 3" as well as by its characters. A page break becomes one newline, except
where a paragraph runs on from one page to the next (the page ends without a
paragraph's closing punctuation): there the two halves are joined, so that the
sentence stays whole for the extractor, and the next page still starts at the
offset recorded for it. A text without form feeds is one page and normalises
exactly as before.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from policylens.text import _HEADING_START, _TERMINAL, decode, normalise

if TYPE_CHECKING:
    from policylens.paths import Project

PAGE_BREAK = "\f"


@dataclass(frozen=True)
class PagedText:
    """Normalised text, and the offset at which each of its pages starts."""

    text: str
    page_starts: tuple[int, ...]  # (0,) for a text of one page

    @property
    def has_pages(self) -> bool:
        """True for a text that came in pages (a PDF), False for one running text."""
        return len(self.page_starts) > 1

    def page_at(self, offset: int) -> int:
        """The 1-based page holding the character at ``offset``."""
        return bisect_right(self.page_starts, offset)


def normalise_pages(raw: str) -> PagedText:
    """Normalise ``raw`` page by page, recording where each page starts."""
    if PAGE_BREAK not in raw:
        return PagedText(normalise(raw), (0,))
    starts: list[int] = []
    text = ""
    open_ended = False  # the previous page stopped mid-paragraph
    for n, page in enumerate(raw.split(PAGE_BREAK)):
        piece = normalise(page)  # a blank page stays an empty line: numbering is kept
        if n and not (open_ended and _runs_on(text, piece)):
            text += "\n"
        starts.append(len(text))
        text += piece
        open_ended = not page.endswith("\n")
    return PagedText(text, tuple(starts))


def _runs_on(before: str, after: str) -> bool:
    """True when the paragraph at the end of ``before`` can continue at the start of ``after``.

    Only asked for a page that does not end with a newline (the PDF reader writes
    one wherever a page's last line stops short or closes its sentence); closing
    punctuation or a heading at the top of the next page still end a paragraph.
    """
    if not before or not after or before[-1] in _TERMINAL or before[-1] == "\n":
        return False
    return not _HEADING_START.match(after)


def document_pages(project: Project, documents: pd.DataFrame) -> dict[str, PagedText]:
    """The paged text of every document whose text file has pages (form feeds).

    Run after ``corpus.load_texts`` has checked every file against its row;
    documents without pages are left out.
    """
    out: dict[str, PagedText] = {}
    for doc in documents.itertuples():
        data = (project.raw / doc.file).read_bytes()
        if b"\f" not in data:
            continue
        paged = normalise_pages(decode(data, source=str(doc.file))[0])
        if paged.has_pages:
            out[doc.doc_id] = paged
    return out


def with_pages(frame: pd.DataFrame, pages: dict[str, PagedText]) -> pd.DataFrame:
    """A copy of ``frame`` whose ``page`` column gives each quote's page (by char_start)."""

    page = [
        pages[doc_id].page_at(int(start)) if doc_id in pages else None
        for doc_id, start in zip(frame["doc_id"], frame["char_start"], strict=True)
    ]
    return frame.assign(page=pd.array(page, dtype="Int64"))
