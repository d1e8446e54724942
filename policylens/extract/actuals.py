"""Achieved or current figures in a Chinese policy text → one tidy row per figure.

Plans open by reporting what was reached (2023年全省光伏产能达到50GW;
截至2024年底，产业链企业达到700家; 同比增长12%), and indicator tables carry
baseline columns (基期值, 2022年). The target extractor recognises such figures
only to leave them out; this module keeps them, as ``actuals``.

A figure is never both a target and an actual: one scan judges every hit once
(:func:`policylens.extract.hits.sort_hit`, with the target extractor's own
filters :func:`~policylens.extract.filters.states_fact` and
:func:`~policylens.extract.timing.looks_back`), and a hit is an actual only when
that judgement says so. Rules, subsidies, thresholds of a noun, nameplates and
framing counts are neither.

The fields are a target's (``shared/TARGETS.md``: value in the canonical unit,
unit, per, comparator, indicator, scope, chain key, quote and offsets), with the
time it refers to instead of a target year: ``year`` and ``period`` as the text
states them (2023年 → 2023; 截至2024年4月底 → 2024-04) and ``as_of``, the date the
figure stands at — the end of that period, or the issue date for a figure the text
gives as current (目前, 现有, 截至目前) without a time of its own.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from policylens.extract import filters, finish_targets
from policylens.extract.annex_rows import baseline_rows
from policylens.extract.context import (
    number_token,
    place_in_clause,
    read_goal_words,
    read_unit_word,
)
from policylens.extract.document import Doc
from policylens.extract.hits import FACT, TARGET, read_fields, sort_hit
from policylens.extract.layout import Layout, analysed
from policylens.extract.lists import distribute_lists
from policylens.extract.merge import dedupe, label_rows
from policylens.extract.rows import Row
from policylens.extract.scan import SentenceBudget, scan_candidates
from policylens.extract.timing import fact_time
from policylens.grammar.periods import as_date

if TYPE_CHECKING:
    from policylens.extract.context import Hit

__all__ = [
    "ACTUAL_COLUMNS",
    "actuals_frame",
    "extract_actual_rows",
    "extract_actuals",
    "extract_rows",
]

#: Columns of the DataFrame returned by :func:`extract_actuals`, in order.
ACTUAL_COLUMNS: list[str] = [
    "actual_id",
    "scope_zh",
    "scope",
    "chain",
    "indicator",
    "value",
    "unit",
    "per",
    "comparator",
    "year",
    "period",
    "as_of",
    "quote",
    "char_start",
    "char_end",
    "needs_review",
    "review_reason",
    "unit_as_written",
]


def extract_actual_rows(
    text: str, issued: datetime.date | str | None = None
) -> list[dict[str, Any]]:
    """The actuals of one document as plain rows (dicts keyed by :data:`ACTUAL_COLUMNS`).

    The core of :func:`extract_actuals` without the DataFrame, as
    :func:`policylens.extract.extract_target_rows` is for targets.
    """
    doc, layout, text = _read(text, issued)
    return _finish_actuals(doc, sorted_rows(doc)[1], text, layout)


def extract_rows(
    text: str, issued: datetime.date | str | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(targets, actuals) of one document from one scan: the rows of
    :func:`policylens.extract.extract_target_rows` and of :func:`extract_actual_rows`,
    for a caller that wants both at the cost of one."""
    doc, layout, text = _read(text, issued)
    targets, facts = sorted_rows(doc)
    target_rows = finish_targets(doc, targets, text, layout)
    return target_rows, _finish_actuals(doc, facts, text, layout)


def _read(text: str, issued: datetime.date | str | None) -> tuple[Doc, Layout, str]:
    """The document under analysis, its layout and the text as given (None → '')."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    layout = analysed(text)
    return Doc(layout.text, as_date(issued)), layout, text


def _finish_actuals(doc: Doc, found: list[Row], text: str, layout: Layout) -> list[dict[str, Any]]:
    """Baselines of tables, lists, labels and restatements, as for targets."""
    read = doc.text
    based = baseline_rows(doc)
    if based:
        found = sorted(found + based, key=lambda r: r.num_start)
    if "分别" in read or "各" in read or "均" in read:
        found = distribute_lists(found, read)
    label_rows(found)
    rows = dedupe(found)
    rows.sort(key=lambda r: (r.start, r.num_start))
    return [
        _record(n, r, text, layout.span(r.start, r.end), doc.issued)
        for n, r in enumerate(rows, start=1)
    ]


def sorted_rows(doc: Doc) -> tuple[list[Row], list[Row]]:
    """(targets, facts): every hit judged once, read as a row of the one or the other.

    The targets are those of :func:`policylens.extract.hits.candidate_rows` (the next
    hit's judgement depends on the previous target, exactly as there). A fact's own fields are
    read with the previous *fact* as its neighbour (a clause without a subject takes
    the figure's before it), and its time from a second reading of the document's
    times, so reading them never changes how a later target is judged.
    """
    times = Doc(doc.text, doc.issued)
    times._outline = doc.outline  # the same headings: found once
    targets: list[Row] = []
    facts: list[Row] = []
    prev_target: Row | None = None
    prev_fact: Row | None = None
    budget = SentenceBudget(doc.text)
    for m in scan_candidates(doc.text):
        if budget.spent(m.start()):
            continue
        try:
            kind, hit, timing = sort_hit(doc, m, prev_target)
            if kind == TARGET:
                target = read_fields(hit, timing)
                if target is not None:
                    targets.append(target)
                    prev_target = target
                continue
            if kind == FACT:
                row = _fact_row(doc, times, m, prev_fact)
            elif hit is not None and prev_fact is not None:
                row = _fact_row(doc, times, m, prev_fact, continuing=True)
            else:
                row = None
        except (ValueError, ArithmeticError, IndexError, KeyError):
            row = None
        if row is not None:
            facts.append(row)
            prev_fact = row
    return targets, facts


def _fact_row(
    doc: Doc, times: Doc, m: re.Match[str], prev: Row | None, continuing: bool = False
) -> Row | None:
    """The row of a hit judged a fact, its context read again beside the previous fact.

    With `continuing`, a hit judged neither target nor fact is a fact when it
    continues the previous fact's sentence (:func:`_continues_a_fact`).
    """
    hit: Hit | None = number_token(doc, m, prev)
    if hit is None:
        return None
    place_in_clause(hit)
    if continuing:
        if not _continues_a_fact(hit):
            return None
    else:
        read_unit_word(hit)
        read_goal_words(hit)
    hit.line_start, hit.line_end = doc.line_bounds(hit.num_start)
    period = fact_time(times, hit.num_start, hit.sentence_start, hit.line_start)
    if _SINCE.search(doc.text, hit.sentence_start, hit.num_start):
        period = None  # 2023年以来…85个: a running total up to the issue date, not 2023's
    row = read_fields(hit, (period, False))
    if row is not None:
        row.scope_zh = _FACT_LEAD.sub("", _FROM_BASE.sub("", row.scope_zh)) or row.scope_zh
        if row.indicator == "growth_rate" and _YOY_ONLY.match(row.scope_zh) and prev is not None:
            row.scope_zh = prev.subject or prev.scope_zh  # 营收1200亿元，同比增长12%
    return row


#: a time that starts a running total (2023年以来, 今年以来, 年初以来)
_SINCE = re.compile(r"(?:[12][0-9]{3}\s*年|今年|去年|上年|年初)[初底末]?\s*以来")
#: a growth whose subject is only its base (同比增长12%) grows the figure before it
_YOY_ONLY = re.compile(r"(?:同比|比上年|较上年|上年同期|比去年)?$")
#: 现有光伏企业230家: the fact word says when, the subject is 光伏企业
_FACT_LEAD = re.compile(r"^(?:现有|目前|当前|已有|共有|拥有|已)")
#: 本地配套率由目前的40%(提高到60%): the current value of a goal, its subject without 由目前
_FROM_BASE = re.compile(r"\s*由(?:目前|现在|当前|现阶段)?的?$")


def _continues_a_fact(hit: Hit) -> bool:
    """全省组件产能达到45GW，规上企业86家: a figure without a goal of its own after a fact
    of its sentence reports with it — unless the shared filters call it a rule, a
    threshold, a nameplate or a frame."""
    if not hit.same_sentence_prev or filters.states_rule(hit):
        return False
    read_unit_word(hit)
    if filters.qualifies_a_noun(hit):
        return False
    read_goal_words(hit)
    return not filters.is_framing_or_listed(hit)


def _record(
    n: int, r: Row, source: str, span: tuple[int, int], issued: datetime.date | None
) -> dict[str, Any]:
    """The public fields of an actual row (ACTUAL_COLUMNS), as plain Python values."""
    p = r.period
    dated = p is not None and p.year is not None and not p.recurring
    start, end = span
    return {
        "actual_id": f"a{n}",
        "scope_zh": r.scope_zh,
        "scope": r.label,
        "chain": r.chain,
        "indicator": r.indicator,
        "value": r.value,
        "unit": r.unit,
        "per": r.per,
        "comparator": r.comparator,
        "year": p.year if dated else None,
        "period": p.period if dated else "",
        "as_of": (p.deadline if dated else None) or (None if dated else issued),
        "quote": source[start:end],
        "char_start": start,
        "char_end": end,
        "needs_review": r.needs_review,
        "review_reason": r.review_reason,
        "unit_as_written": r.unit_written,
    }


_DTYPES = {"value": "float64", "year": "Int64", "char_start": "int64", "char_end": "int64"}


def actuals_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows of :func:`extract_actual_rows` (one document or many) as one DataFrame."""
    frame = pd.DataFrame.from_records(rows, columns=ACTUAL_COLUMNS)
    frame = frame.astype(_DTYPES)
    frame["needs_review"] = frame["needs_review"].astype(bool)
    return frame


def extract_actuals(text: str, issued: datetime.date | str | None = None) -> pd.DataFrame:
    """Achieved or current figures stated in one document, one row per distinct figure.

    Parameters
    ----------
    text
        The document's text; ``text[char_start:char_end] == quote`` always holds.
    issued
        The document's issue date: a year before its year looks back (an actual),
        and 目前/现有 figures stand at it (``as_of``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ACTUAL_COLUMNS`, sorted by ``char_start``.

    Examples
    --------
    >>> df = extract_actuals("2023年，全省光伏产业营业收入达到800亿元。", issued="2024-02-01")
    >>> df[["scope_zh", "indicator", "value", "year", "as_of"]].values.tolist()
    [['光伏产业', 'revenue', 80000000000.0, 2023, datetime.date(2023, 12, 31)]]
    """
    return actuals_frame(extract_actual_rows(text, issued))
