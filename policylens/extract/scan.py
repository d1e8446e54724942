"""Candidate scan: every number+unit hit of a text, in time linear in the text."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from policylens.extract.words import CANDIDATE, SENTENCE_DELIM, SENTENCE_DELIMS

if TYPE_CHECKING:
    pass


def scan_candidates(text: str) -> Iterator[re.Match[str]]:
    """The number+unit candidates of `text`, in time linear in the text.

    ``finditer`` retries a failed match at every following position; with a plain
    number token each retry re-read the rest of a run of number characters
    (quadratic: '1' * 100000 took minutes). :data:`~policylens.extract.words.CANDIDATE`
    starts only where a run starts, so a run is read once; the candidates are those
    the plain token finds (a match from inside a run ends and fails where one from
    its start does). One pass in C, with no pre-scan for long runs.
    """
    return CANDIDATE.finditer(text)


#: most hits read in one sentence (the real texts of the tests have at most 7)
MAX_HITS_PER_SENTENCE = 20
#: hits closer together than this are not prose: 9 hits within 40 characters (the
#: densest real list, 1个国家级、3个省级、5个市级集群, has 3 in 16)
CROWD_HITS, CROWD_SPAN = 9, 40


class SentenceBudget:
    """Counts hits since the last sentence end; past the budget the sentence is not prose.

    A run such as '1个1个1个…' or '新增企业5家、' * 7000 is hits all the way with no
    sentence end: each hit reads a window of context, so such text would cost
    ~100 µs per character pair. Sentence ends are looked for only when a sentence
    seems to have gone over the budget (most never come near it), and each stretch
    of text is searched once (linear overall).
    """

    def __init__(self, text: str, limit: int = MAX_HITS_PER_SENTENCE) -> None:
        self.text = text
        self.limit = limit
        self.since: list[int] = []  # hits after the last sentence end found
        self.checked = 0  # the text before this offset has been searched for sentence ends
        self.recent: deque[int] = deque(maxlen=CROWD_HITS - 1)  # the last hits' offsets

    def spent(self, pos: int) -> bool:
        """Count a hit at `pos`; True when its sentence has had too many already, or
        when it is the ninth hit within 40 characters (a run of numbers, not prose)."""
        recent, since = self.recent, self.since
        crowded = len(recent) == CROWD_HITS - 1 and pos - recent[0] < CROWD_SPAN
        recent.append(pos)
        since.append(pos)
        if len(since) <= self.limit:
            return crowded
        self._forget_finished_sentences(pos)
        return crowded or len(self.since) > self.limit

    def _forget_finished_sentences(self, pos: int) -> None:
        """Drop the hits before the last sentence end before `pos`."""
        lo = max(self.checked, self.since[0])
        self.checked = pos
        if SENTENCE_DELIM.search(self.text, lo, pos) is None:
            return  # text that is hits all the way: one search per hit, as short as the gap
        end = max(self.text.rfind(mark, lo, pos) for mark in SENTENCE_DELIMS)
        self.since = [p for p in self.since if p > end]
