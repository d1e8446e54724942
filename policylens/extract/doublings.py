"""Goals written as doublings (营业收入翻一番): growth rates the number scan cannot see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from policylens.extract.commitment import commitment_of
from policylens.extract.document import Doc, in_table_cell
from policylens.extract.rows import Row
from policylens.extract.scan import SentenceBudget
from policylens.extract.scope import named_subject, quote_start
from policylens.extract.timing import target_time
from policylens.extract.words import (
    DOUBLING,
    DOUBLINGS,
    FACT,
    GOAL_VERB,
    HEADLINE_LINE,
    RETROSPECTIVE,
    SUBSIDY,
)

if TYPE_CHECKING:
    pass


def doubling_rows(doc: Doc) -> list[Row]:
    """Goals written as doublings (营业收入翻一番, 规模实现翻番): growth of 100% (翻两番: 300%).

    The number is implied by the word, so the candidate scan (number + unit) cannot
    see them; they are read here with the same clause, time, commitment and scope
    rules. 翻了一番 and doublings in a clause of fact (已, 实现了) are achievements.
    """
    t = doc.text
    rows: list[Row] = []
    budget = SentenceBudget(t, limit=8)  # a sentence doubles a few things at most
    for m in DOUBLING.finditer(t):
        start, end = m.span()
        if budget.spent(start):
            continue
        clause_start, sentence_start = doc.clause_and_sentence_start(start)
        region = t[clause_start:start]
        if m.group("past") or FACT.search(region) or SUBSIDY.search(region):
            continue
        if RETROSPECTIVE.search(t, sentence_start, start):
            continue
        line_start, line_end = doc.line_bounds(start)
        timing = target_time(doc, start, sentence_start, line_start)
        if timing is None:
            continue
        period, year_inferred = timing
        verbs = list(GOAL_VERB.finditer(region))
        subject = region[: verbs[-1].start()] if verbs else region
        scope_zh, explicit, metric = named_subject(doc, subject, line_start, line_end)
        rows.append(
            Row(
                start=quote_start(doc, clause_start, sentence_start, start),
                end=end,
                num_start=start,
                num_end=end,
                sentence_start=sentence_start,
                scope_zh=scope_zh,
                scope_explicit=explicit,
                tail="",
                indicator="growth_rate",
                value=float(2 ** DOUBLINGS[m.group("n") or ""] - 1) * 100,
                stretch=None,
                unit="percent",
                comparator=">=" if m.group("ge") else "=",
                commitment=commitment_of(doc, region, sentence_start, clause_start),
                period=period,
                in_headline=bool(HEADLINE_LINE.match(t, line_start)),
                in_table=in_table_cell(t, line_start, end),
                metric=metric,
                subject=scope_zh,
                year_inferred=year_inferred,
            )
        )
    return rows
