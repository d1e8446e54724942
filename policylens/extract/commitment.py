"""Commitment reader: is a value aspirational (力争, 争取, 努力 govern it) or firm?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policylens.extract.document import Doc
from policylens.extract.words import (
    COMMIT,
    COMMIT_STOP,
    CONNECTIVE,
    HEAD_ONLY_CLAUSE,
    STRETCH_CLAUSE,
)

if TYPE_CHECKING:
    pass


def commitment_of(doc: Doc, region: str, sentence_start: int, region_start: int) -> str:
    """'aspirational' when 力争/争取/努力 is in the clause or heads an earlier clause."""
    # every commitment word holds 力 or 争: str.find skips the regex for most clauses
    if ("力" in region or "争" in region) and COMMIT.search(region):
        return "aspirational"
    t = doc.text
    if (
        t.find("力", sentence_start, region_start) < 0
        and t.find("争", sentence_start, region_start) < 0
    ):
        return "firm"  # no commitment word earlier in the sentence
    stop = COMMIT_STOP.match(t, sentence_start, region_start)
    lo = stop.end() if stop else sentence_start  # a leading 力争 stops at ；
    for cm in COMMIT.finditer(t, lo, region_start):
        cstart = max(doc.last_delim(lo, cm.start()) + 1, lo)
        lead = t[cstart : cm.start()]
        if STRETCH_CLAUSE.match(t, cm.start()):
            continue  # 突破1500亿元，力争达到2000亿元；培育…: the stretch of one target only
        if not lead.strip() or HEAD_ONLY_CLAUSE.match(lead) or CONNECTIVE.fullmatch(lead):
            return "aspirational"
    return "firm"
