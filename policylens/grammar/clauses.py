"""The clause around a match: what chains and modes quote as their source.

A clause runs between Chinese or ASCII clause punctuation (，。；：！？),
line breaks and table-cell bars, so a quote is a readable citation rather than
a bare match or a whole paragraph.
"""

from __future__ import annotations

import re

CLAUSE_DELIMITERS = "，。；：！？,;:!?\n|"
#: The number that opens a heading or a list item: （三）, 3. or 三、 (a regex fragment).
HEADING_NUMBER = r"(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[一二三四五六七八九十]+、)"
_CLAUSE_END = re.compile(f"[{re.escape(CLAUSE_DELIMITERS)}]")
MAX_CLAUSE = 600


def clause_span(text: str, start: int, end: int, max_chars: int = MAX_CLAUSE) -> tuple[int, int]:
    """Offsets of the clause around ``text[start:end]``, at most ``max_chars`` either side."""
    lo = start
    floor = max(0, start - max_chars)
    while lo > floor and text[lo - 1] not in CLAUSE_DELIMITERS:
        lo -= 1
    stop = _CLAUSE_END.search(text, end, end + max_chars)
    hi = stop.start() if stop else min(len(text), end + max_chars)
    while lo < start and text[lo].isspace():
        lo += 1
    while hi > end and text[hi - 1].isspace():
        hi -= 1
    return lo, hi
