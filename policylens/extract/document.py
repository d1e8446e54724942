"""One document under analysis: its text, reference dates, clause/sentence/paragraph bounds,
the time expressions read so far and each paragraph's topic chain."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from policylens.extract.words import (
    CHAIN_TOPIC,
    LAST_CLAUSE_DELIM,
    LAST_SENTENCE_DELIM,
    NEXT_CLAUSE_DELIM,
    PERIOD_CUT,
    SENTENCE_DELIM,
    SENTENCE_DELIMS,
    SOFT_WRAP_END,
)
from policylens.grammar.periods import PeriodMatch, scan_periods
from policylens.grammar.sections import Outline

if TYPE_CHECKING:
    pass


WINDOW = 400  # characters of context analysed before a hit


PARA = 5000  # longest paragraph considered (a 1 MB single line is cut into such spans)


class Doc:
    """Per-call helper: the text, the reference dates and lazily computed periods."""

    def __init__(self, text: str, issued: datetime.date | None) -> None:
        self.text = text
        self.issued = issued
        self.issued_year = issued.year if issued else None
        self.ref_year = issued.year if issued else _latest_written_year(text)
        self.periods: list[PeriodMatch] = []
        self.topics: dict[int, str] = {}
        #: per sentence (start, end): facts every hit of it shares (see filters)
        self.sentence_marks: dict[tuple[int, int], tuple[bool, int, int, bool]] = {}
        self.period_starts: list[int] = []
        self._scanned = 0  # end of the last span claimed for reading periods
        self._span_lo = 0  # start of that span
        self._read = 0  # how far that span has been read
        self._outline: Outline | None = None
        self._line = (-1, 0, 0)  # the last line_bounds answer: (offset, start, end)
        lead = len(text) - len(text.lstrip())
        #: where the first non-blank line starts (a title or headline, see hits)
        self.first_line_start = text.rfind("\n", 0, lead) + 1
        #: the text has table cells ('|'): most have none, and line_bounds then never
        #: scans a line for them (one scan of the text instead of several per hit)
        self.has_bars = "|" in text

    @property
    def outline(self) -> Outline:
        """The document's headings and title horizon (found on first use)."""
        if self._outline is None:
            self._outline = Outline(self.text, self.issued, self.ref_year)
        return self._outline

    def last_delim(self, lo: int, hi: int, sentence: bool = False) -> int:
        """Offset of the last clause (or sentence) delimiter in [lo, hi), or -1.

        A greedy ``.*[delims]`` match backtracks from `hi`, so the cost is the
        distance to the delimiter, with no copy of the window.
        """
        rx = LAST_SENTENCE_DELIM if sentence else LAST_CLAUSE_DELIM
        m = rx.match(self.text, lo, hi)
        return m.end() - 1 if m else -1

    def clause_and_sentence_start(self, pos: int) -> tuple[int, int]:
        """Where the clause and the sentence holding `pos` begin (at most WINDOW chars back).

        A sentence delimiter is a clause delimiter too, so the sentence starts at the
        clause or before it: it is read back from the clause start, and a clause that
        follows a 。 needs no second search.
        """
        lo = max(0, pos - WINDOW)
        clause_start = self.last_delim(lo, pos) + 1 or lo
        if clause_start == lo or self.text[clause_start - 1] in SENTENCE_DELIMS:
            return clause_start, clause_start
        return clause_start, self.last_delim(lo, clause_start - 1, sentence=True) + 1 or lo

    def next_sentence_end(self, pos: int) -> int:
        """Offset of the end of the sentence holding `pos` (at most WINDOW chars on)."""
        hi = min(len(self.text), pos + WINDOW)
        m = SENTENCE_DELIM.search(self.text, pos, hi)
        return m.start() if m else hi

    def next_delim(self, lo: int, hi: int) -> int:
        """Offset of the first clause delimiter in [lo, hi), or hi."""
        m = NEXT_CLAUSE_DELIM.search(self.text, lo, hi)
        return m.start() if m else hi

    def line_bounds(self, pos: int) -> tuple[int, int]:
        """The paragraph (line or table cell) holding `pos`, at most PARA chars each way.

        Targets of one line share its bounds: the last answer is reused when no line
        break or '|' stands between its offset and `pos` (see :meth:`_same_line`).
        """
        if self._same_line(pos):
            return self._line[1], self._line[2]
        start, end = self._line_bounds(pos)
        self._line = (pos, start, end)
        return start, end

    def _same_line(self, pos: int) -> bool:
        """`pos` lies in the line of the last :meth:`line_bounds` answer, which is the same.

        With no '\n' or '|' between that answer's offset and `pos`, the search back
        from `pos` finds the same breaks (all of them later than `pos` - PARA, so the
        window does not cut them), and the search on finds the same '\n' or '|'
        (which ended that answer's line, before its window's end).
        """
        last, start, end = self._line
        t = self.text
        return (
            last <= pos < end
            and start - 1 > pos - PARA
            and (t[end] in "\n|" if end < len(t) else False)
            and t.find("\n", last, pos) == -1
            and not (self.has_bars and t.find("|", last, pos) != -1)
        )

    def _line_bounds(self, pos: int) -> tuple[int, int]:
        t = self.text
        lo = max(0, pos - PARA)
        start = self._last_break(lo, pos)
        # a line that ends mid-sentence (；，、) is wrapped, not a paragraph end
        for _ in range(3):
            if start <= lo or t[start] != "\n":
                break
            last = start - 1  # the last visible character before the line break
            while last >= 0 and t[last] in " \t\u3000\r":
                last -= 1
            if last < 0 or t[last] not in SOFT_WRAP_END:
                break
            start = self._last_break(lo, start)
        start = start + 1 if start != -1 else lo
        hi = min(len(t), pos + PARA)
        end = t.find("\n", pos, hi)
        end = hi if end == -1 else end
        if not self.has_bars:
            return start, end
        bar = t.find("|", pos, end)  # only up to the line end
        return start, (end if bar == -1 else bar)

    def _last_break(self, lo: int, hi: int) -> int:
        """Offset of the last '\\n' or '|' in [lo, hi), or -1 (looks for '|' after the '\\n' only)."""
        nl = self.text.rfind("\n", lo, hi)
        if not self.has_bars:
            return nl
        return max(nl, self.text.rfind("|", max(lo, nl), hi))

    def periods_before(self, pos: int, para_start: int) -> tuple[list[PeriodMatch], list[int]]:
        """Time expressions found so far, up to and including `pos`'s sentence.

        The text is cut into spans once, lazily, in order; paragraphs without a
        hit that needs a time are skipped. A span is read only up to the
        sentence end (。！？) after the hit, and on for later hits: the rest of a
        paragraph after its last hit is never read. No time expression contains
        those characters and the year of bare expressions resets at them, so
        reading a span in such pieces finds exactly what one read would.
        """
        t = self.text
        if self._read < self._scanned <= pos and para_start < self._scanned:
            self._read_periods(self._scanned)  # the new paragraph reaches back into this span
        start = max(self._scanned, para_start)
        if start <= pos and start < len(t):
            # cut at a paragraph or sentence end after `pos`, so carried years stay whole
            hi = t.find("\n", pos, pos + PARA)
            if hi == -1:
                hi = t.find("。", pos, pos + PARA)
            if hi == -1:
                hi = min(len(t), pos + PARA)
            self._span_lo = self._read = start
            self._scanned = min(hi + 1, len(t))
        if self._read <= pos:
            end = PERIOD_CUT.search(t, pos, self._scanned)
            self._read_periods(end.end() if end else self._scanned)
        return self.periods, self.period_starts

    def _read_periods(self, hi: int) -> None:
        """Add the time expressions from where the current span was read up to `hi`."""
        found = scan_periods(self.text, self.issued_year, self._read, hi, floor=self._span_lo)
        self.periods += found
        self.period_starts += [m.start for m in found]
        self._read = hi


_WRITTEN_DATE = re.compile(r"[12][0-9]{3}年[0-9]{1,2}月[0-9]{1,2}日")


def _latest_written_year(text: str) -> int | None:
    """Latest year of a full written date (2023年3月20日) — the document's own date.

    The regex starts with a character class (the engine skips ahead in C); the
    check that no digit precedes the year is made on the few matches.
    """
    head = text[:200_000]
    years = [
        int(m.group(0)[:4])
        for m in _WRITTEN_DATE.finditer(head)
        if m.group(0)[:2] in ("19", "20") and not (m.start() and head[m.start() - 1].isdigit())
    ]
    return max(years) if years else None


def paragraph_topic(doc: Doc, start: int, end: int) -> str:
    """The first named chain of the paragraph [start, end) (outside 《》 titles)."""
    if start not in doc.topics:
        doc.topics[start] = _find_topic(doc, start, end)
    return doc.topics[start]


def _find_topic(doc: Doc, start: int, end: int) -> str:
    t = doc.text
    fallback = ""
    for m in CHAIN_TOPIC.finditer(t, start, min(end, start + 5000)):
        opened = t.rfind("《", start, m.start())
        if opened != -1 and t.rfind("》", opened, m.start()) == -1:
            continue
        word = m.group(0)
        if word.endswith(("链", "产业", "行业")):
            return word
        fallback = fallback or word
    return fallback


def in_table_cell(t: str, line_start: int, pos: int) -> bool:
    """True when `pos` lies in a table cell (a line delimited by '|')."""
    if line_start and t[line_start - 1] == "|":
        return True
    bar = t.find("|", pos, pos + 400)
    return bar != -1 and "\n" not in t[pos:bar]
