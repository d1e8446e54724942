"""Time reader: the period a value is set for, or None when it states a fact."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from policylens.extract.document import Doc
from policylens.extract.words import (
    BARE_YEARS,
    BASE_YEAR_AFTER,
    BASE_YEAR_BEFORE,
    CARRIED_HEAD_END,
    CARRIED_HEAD_START,
    GOAL_WORDS,
    NEXT_STEP,
    SPAN_FROM_NOW,
    VALUE_BEFORE,
)
from policylens.grammar.periods import Period
from policylens.grammar.sections import Section

if TYPE_CHECKING:
    pass


def governing_period(
    doc: Doc, num_start: int, sentence_start: int, para_start: int
) -> Period | None:
    """The nearest time expression before the hit in its paragraph (base years skipped)."""
    t = doc.text
    periods, starts = doc.periods_before(num_start, para_start)
    i = bisect_right(starts, num_start) - 1
    period: Period | None = None
    while i >= 0 and periods[i].start >= para_start:
        pm = periods[i]
        i -= 1
        if pm.end > num_start:
            continue
        if _base_year(t, pm.start, pm.end):
            continue  # 比2020年增长50%: a base year, not the target's time
        if pm.start < sentence_start and (pm.period.recurring or _span_from_now(pm.text)):
            continue  # 每年, 3年内 in an earlier sentence: look further for a dated head
        if pm.start < sentence_start and not _opens_its_sentence(doc, pm.start):
            # 今年产值突破800亿元，到“十四五”末力争…。: that sentence's own year; but a past
            # year reported on (2024年，…增长7.5%，上半年…。新开工项目52个) dates what follows
            return _reported_year(doc, periods, i + 1, sentence_start, para_start, num_start)
        if pm.start >= sentence_start and pm.text in BARE_YEARS:
            # 2024年，…。全年新开工项目52个: that past year's whole year
            return _reported_year(doc, periods, i, sentence_start, para_start, num_start) or (
                pm.period
            )
        period = pm.period
        break
    return period


def _reported_year(
    doc: Doc, periods: list, i: int, sentence_start: int, para_start: int, num_start: int
) -> Period | None:
    """The past year an earlier sentence of the paragraph reports on (the nearest time
    before `sentence_start` from index `i` down, a year before the issue year), when the
    hit's sentence has no goal word and does not turn to what comes next (会议强调，…):
    the later facts of a paragraph reviewing a past year are that year's."""
    t = doc.text
    while i >= 0 and periods[i].start >= para_start:
        pm = periods[i]
        i -= 1
        if pm.start >= sentence_start:
            if pm.text in BARE_YEARS:
                continue
            return None  # 2025年全年…: the sentence names its own year
        if _base_year(t, pm.start, pm.end):
            continue
        year, ref = pm.period.year, doc.ref_year
        if year is None or ref is None or year >= ref or pm.period.recurring:
            return None
        end = t.find("。", num_start)
        end = len(t) if end == -1 else end
        if GOAL_WORDS.search(t, sentence_start, end) or NEXT_STEP.search(t, sentence_start, end):
            return None
        return pm.period
    return None


#: the last character of a BASE_YEAR_BEFORE word and the first of a BASE_YEAR_AFTER word
_BASE_BEFORE_END = frozenset("比较与同对于")
_BASE_AFTER_START = frozenset("相基水同的")


def _base_year(t: str, start: int, end: int) -> bool:
    """The time at [start, end) is a base year (比2020年, 与2020年相比, 2020年基础上).

    Each regex runs only when the character next to the time can begin its match
    (a word's end before, its start after, or a blank): most times have neither.
    """
    before = t[start - 1] if start else ""
    if (before in _BASE_BEFORE_END or before.isspace()) and BASE_YEAR_BEFORE.search(
        t, max(0, start - 3), start
    ):
        return True
    after = t[end] if end < len(t) else ""
    return (after in _BASE_AFTER_START or after.isspace()) and bool(BASE_YEAR_AFTER.match(t, end))


def _opens_its_sentence(doc: Doc, pos: int) -> bool:
    """The time at `pos` heads its sentence (到2027年，…; 方案提出，到2025年，…): no value
    stands before it in the sentence, so it dates the sentences after it in its paragraph.
    A time after a value of its own sentence (今年产值突破800亿元，到“十四五”末…) dates
    only that sentence."""
    start = doc.clause_and_sentence_start(pos)[1]
    return VALUE_BEFORE.search(doc.text, start, pos) is None


def _span_from_now(expr: str) -> bool:
    """3年内, 三年时间 (but not 2025年内): a span counted from the issue date."""
    return SPAN_FROM_NOW.fullmatch(expr) is not None


def looks_back(doc: Doc, section: Section, period: Period | None) -> bool:
    """The value reports the past rather than sets a goal.

    Its section reviews achievements (一、2023年工作回顾, 第一章 发展基础), or the time
    governing it lies before the reference year (the issue year). Shared by both
    extractors: such a value is never a target and may be an actual.
    """
    if section.past:
        return True
    return period is not None and period.year is not None and period.year < (doc.ref_year or 0)


def target_time(
    doc: Doc, pos: int, sentence_start: int, line_start: int
) -> tuple[Period | None, bool] | None:
    """(period, whether its year was inferred) of a value at `pos`, or None for a fact.

    A value that :func:`looks_back` states a fact. The year is inferred when the
    text gives none near the value and it comes from the section or the title.
    """
    section = doc.outline.section_at(pos)
    if section.past:
        return None  # before reading times: a past section needs none
    period = governing_period(doc, pos, sentence_start, line_start)
    inferred = period is None
    period = period or undated_period(doc, section, line_start)
    if looks_back(doc, section, period):
        return None
    return period, inferred


def fact_time(doc: Doc, pos: int, sentence_start: int, line_start: int) -> Period | None:
    """The period an achieved figure at `pos` refers to, or None when the text names none.

    The nearest time before it in its paragraph (2023年…达到, 截至2024年4月底), else
    the year of a section that reviews the past (一、2023年工作回顾). A time after the
    reference year (到2025年, 由目前的20GW提高到…) is the goal's, not the figure's.
    """
    period = governing_period(doc, pos, sentence_start, line_start)
    if period is None or period.recurring or period.year is None:
        section = doc.outline.section_at(pos)
        period = section.period if section.past else None
    if period is not None and period.year is not None and period.year > (doc.ref_year or 9999):
        return None
    return period


def undated_period(doc: Doc, section: Section, para_start: int) -> Period | None:
    """The time an undated target takes from its section or its plan.

    In order (TARGETS.md: "its section's year or the plan's horizon"): the year of
    its section heading (三、2024年重点工作), the horizon in the document's title, and
    only for a plan without one the last 到2025年-style deadline earlier in its section
    (主要目标：到2025年…。光伏制造业：产能达到…), when those deadlines name one year: a
    text with several horizons (到2025年…；到2027年…) leaves an undated target undated.
    """
    if section.period is not None:
        return section.period
    if doc.outline.horizon is not None:
        return doc.outline.horizon
    heads = _deadlines_before(doc, section, para_start)
    if len({pm.period.year for pm in heads}) == 1:
        return heads[0].period
    return None  # several horizons (到2025年…；到2027年…): an undated target has none


def _carried_head(expr: str) -> bool:
    """到2025年, 至2027年, “十四五”末: a deadline that dates the undated goals after it
    (CARRIED_HEAD's wording, read with str methods: no regex call per period)."""
    return expr.startswith(CARRIED_HEAD_START) or CARRIED_HEAD_END in expr


def _deadlines_before(doc: Doc, section: Section, para_start: int) -> list:
    """The 到2025年-style deadlines of the section before `para_start`, nearest first."""
    i = bisect_right(doc.period_starts, para_start) - 1
    lowest = max(-1, i - 50)  # the nearest few suffice; keeps long sections linear
    heads = []
    while i > lowest and doc.periods[i].start >= section.start:
        pm = doc.periods[i]
        i -= 1
        year = pm.period.year
        if (
            year is not None
            and not pm.period.recurring
            and _carried_head(pm.text)
            and year >= (doc.ref_year or 0)
        ):
            heads.append(pm)
    return heads
