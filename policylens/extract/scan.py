"""Candidate scan: every number+unit hit of a text, in time linear in the text."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from policylens.extract.words import CANDIDATE, LONG_RUN, RUN, SENTENCE_DELIM

if TYPE_CHECKING:
    pass


def scan_candidates(text: str) -> Iterator[re.Match[str]]:
    """The candidate matches of `text`, as `CANDIDATE.finditer` gives them, in linear time.

    finditer retries a failed match at every following position, and each retry
    re-reads the rest of a run of number characters: quadratic on '1' * 100000.
    With no run of 64 number characters a retry re-reads at most 64, so the regex
    engine's own loop (in C) is used; otherwise :func:`scan_by_runs`.
    """
    if LONG_RUN.search(text) is None:
        return CANDIDATE.finditer(text)
    return scan_by_runs(text)


def scan_by_runs(text: str) -> Iterator[re.Match[str]]:
    """The matches of `CANDIDATE.finditer`, trying the regex only where a run of number
    characters starts: the number token is possessive, so a match from inside a run
    ends where a match from its start ends and fails the same way."""
    pos = 0
    while True:
        run = RUN.search(text, pos)
        if run is None:
            return
        m = CANDIDATE.match(text, run.start())
        if m is None:
            pos = run.end()
            continue
        yield m
        pos = max(m.end(), run.start() + 1)


#: most hits read in one sentence (the real texts of the tests have at most 7)
MAX_HITS_PER_SENTENCE = 20
#: hits closer together than this are not prose: 9 hits within 40 characters (the
#: densest real list, 1个国家级、3个省级、5个市级集群, has 3 in 16)
CROWD_HITS, CROWD_SPAN = 9, 40


class SentenceBudget:
    """Counts hits since the last sentence end; past the budget the sentence is not prose.

    A run such as '1个1个1个…' or '新增企业5家、' * 7000 is hits all the way with no
    sentence end: each hit reads a window of context, so such text would cost
    ~100 µs per character pair. Hits are visited in order, so the sentence ends
    between them are found with one forward search each (linear overall).
    """

    def __init__(self, text: str, limit: int = MAX_HITS_PER_SENTENCE) -> None:
        self.text = text
        self.limit = limit
        self.pos = 0
        self.hits = 0
        self.recent: deque[int] = deque(maxlen=CROWD_HITS - 1)  # the last hits' offsets

    def spent(self, pos: int) -> bool:
        """Count a hit at `pos`; True when its sentence has had too many already, or
        when it is the ninth hit within 40 characters (a run of numbers, not prose)."""
        if SENTENCE_DELIM.search(self.text, self.pos, pos):
            self.hits = 0
        crowded = len(self.recent) == self.recent.maxlen and pos - self.recent[0] < CROWD_SPAN
        self.recent.append(pos)
        self.pos = pos
        self.hits += 1
        return crowded or self.hits > self.limit
