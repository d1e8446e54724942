"""From one number+unit hit to one row: the named stages of the analysis.

1. :func:`~policylens.extract.context.number_token` — the number as written;
2. :func:`~policylens.extract.context.place_in_clause`, ``read_unit_word``,
   ``read_goal_words`` — its clause, unit and goal words;
3. the is-it-a-target filters of :mod:`policylens.extract.filters`;
4. the field readers: time (:mod:`~policylens.extract.timing`), value and comparator
   (:mod:`~policylens.extract.values`), commitment, scope
   (:mod:`~policylens.extract.subjects`) and indicator.
"""

from __future__ import annotations

import re

from policylens.extract import filters
from policylens.extract.commitment import commitment_of
from policylens.extract.context import (
    Hit,
    number_token,
    place_in_clause,
    read_goal_words,
    read_unit_word,
)
from policylens.extract.document import Doc, in_table_cell
from policylens.extract.indicators import indicator_of
from policylens.extract.per import read_per
from policylens.extract.rows import Row
from policylens.extract.scan import SentenceBudget, scan_candidates
from policylens.extract.scope import quote_start
from policylens.extract.subjects import Scope, read_scope
from policylens.extract.timing import target_time
from policylens.extract.values import Value, read_comparator, read_value
from policylens.extract.words import (
    CUMULATIVE,
    GOAL_VERB,
    GOAL_WORDS,
    HEADLINE_LINE,
    PLAN_SAYS,
    POWER_BEFORE_SLASH,
    REPORT_MARK,
    SIZE_RATIO_RULE,
    YOY,
)
from policylens.grammar.periods import Period

#: what :func:`judge` decides a hit is
TARGET, FACT = "target", "fact"


def judge(hit: Hit, facts: bool = False) -> str:
    """The filters, in order: a rule, a fact, a qualified noun, a frame, no goal words,
    a report of an event.

    Returns :data:`TARGET`, :data:`FACT` (an achieved or current figure, only when
    `facts` is asked for: else the hit is dropped as early as today) or ``''``.
    A fact is judged by the same filters as a target, so that a figure is one or the
    other, never both; a target candidate may still turn out to look back
    (:func:`read_time`).
    """
    place_in_clause(hit)
    if filters.states_rule(hit):
        return ""
    fact = filters.states_fact(hit)
    if fact and not facts:
        return ""
    read_unit_word(hit)
    if filters.qualifies_a_noun(hit):
        return ""
    read_goal_words(hit)
    if filters.is_framing_or_listed(hit):
        return ""
    if fact:
        return FACT
    if not (filters.has_goal_evidence(hit) or filters.is_noun_phrase_goal(hit)):
        return ""
    if hit.is_range and not hit.last_verb and not hit.same_sentence_prev:
        return ""
    # last: the fewest hits get here, and most leave it at its first test
    return "" if filters.reports_an_event(hit) else TARGET


def is_target(hit: Hit) -> bool:
    """The hit passes every is-it-a-target filter (its time is read next)."""
    return judge(hit) == TARGET


def read_time(hit: Hit) -> tuple[Period | None, bool] | None:
    """(period, year inferred), or None for a fact (past section, past year, undated noun phrase).

    Sets ``hit.looks_back`` when the value reports the past (a section reviewing it,
    a year before the issue year): the one case of None that is an actual.
    """
    doc = hit.doc
    hit.line_start, hit.line_end = doc.line_bounds(hit.num_start)
    timing = target_time(doc, hit.num_start, hit.sentence_start, hit.line_start)
    if timing is None:
        hit.looks_back = True
        return None
    period = timing[0]
    if timing[1] and _reports_a_total(hit, period):
        hit.looks_back = True  # 累计推广燃料电池汽车超过800辆 in a report: reached
        return None
    signed = timing[1] and hit.text.find("签约", hit.sentence_start, hit.num_start) != -1
    if signed and _reports_a_signing(hit):
        return None  # a report's sub-headline 签约项目36个 总投资约480亿元: what was signed
    undated = period is None or period.year is None
    if (
        undated  # first: a dated target needs neither test
        and not filters.has_goal_evidence(hit)
        and not GOAL_WORDS.search(hit.text, hit.sentence_start, hit.num_start)
    ):
        return None  # a metric and a value with no verb, no date and no goal word: a fact
    return timing


def _reports_a_total(hit: Hit, period: Period | None) -> bool:
    """An undated 累计 total in a sentence with no goal word, no time of its own and nothing a
    plan says (提出, 将): reached, in a news report or a text with no horizon at all."""
    if hit.text.find(CUMULATIVE, hit.sentence_start, hit.num_start) == -1:  # str.find: a word
        return False
    return _says_no_goal(hit) and (period is None or _in_a_report(hit.text))


def _reports_a_signing(hit: Hit) -> bool:
    """签约项目36个 总投资约480亿元 in a news report, with no goal word, no time of its own
    and nothing a plan says (提出, 将): the signing's results, not a goal."""
    return _says_no_goal(hit) and _in_a_report(hit.text)


def _says_no_goal(hit: Hit) -> bool:
    """No goal word in the hit's sentence and nothing a plan says (提出, 将) before it."""
    t, lo = hit.text, hit.sentence_start
    return not (
        GOAL_WORDS.search(t, lo, hit.sentence_end) or PLAN_SAYS.search(t, lo, hit.num_start)
    )


def _in_a_report(text: str) -> bool:
    """A news report or a report of results (记者, 来源：… in its first 400 characters)."""
    return REPORT_MARK.search(text, 0, 400) is not None


def read_commitment(hit: Hit) -> str:
    """aspirational or firm; a 同比 growth after an aspirational goal shares its commitment."""
    commitment = commitment_of(hit.doc, hit.region, hit.sentence_start, hit.region_start)
    prev = hit.prev
    if hit.same_sentence_prev and prev.commitment == "aspirational" and YOY.search(hit.region):
        return "aspirational"  # 产量力争达到40万辆，同比增长两位数: the same goal's growth
    return commitment


def read_indicator(hit: Hit, value: Value, scope: Scope) -> str | None:
    """The indicator; None when a percentage turns out to be a ratio rule."""
    if value.range_cmp == ">=g":
        return "growth_rate"  # 两位数增长
    if hit.match.group("yi") is not None:
        return "scale"  # 达到千亿规模
    noun = scope.raw or scope.scope_zh
    unit = value.unit
    if unit == "GWh" and _energy_of_a_power(hit):
        return hit.prev.indicator  # 储能电站100MW/400MWh: the energy of that capacity
    indicator = indicator_of(
        unit, hit.unit_word, scope.metric, scope.own_metric, noun, hit.region, hit.after
    )
    if unit == "count" and indicator == "other" and _verb_only_item(hit, noun):
        return hit.prev.indicator  # 新开工亿元以上项目80个、竣工投产50个: projects too
    if unit == "count" and _listed_capacity(hit):
        return "capacity"  # 分别形成整车产能60万辆、30万辆的生产基地: both are capacities
    if unit == "percent" and SIZE_RATIO_RULE.search(hit.region[-12:]):
        return None  # 配储比例不低于装机容量的10%: a rule per project
    if unit == "percent" and indicator == "other":
        if filters.is_ratio_rule(hit):
            return None
        if hit.same_sentence_prev and not hit.region.strip("，,、 "):
            return hit.prev.indicator
    return indicator


def _listed_capacity(hit: Hit) -> bool:
    """A count listed right after a capacity count of the same sentence (产能60万辆、30万辆)."""
    prev = hit.prev
    return (
        hit.same_sentence_prev
        and prev.indicator == "capacity"
        and prev.unit == "count"
        and hit.text[prev.num_end : hit.num_start].strip() == "、"
    )


def _verb_only_item(hit: Hit, noun: str) -> bool:
    """A later count of a list that names only a verb (…项目80个、竣工投产50个, 签约…30个、开工20个):
    it counts the noun of the count before it."""
    prev = hit.prev
    return hit.same_sentence_prev and prev.unit == "count" and not GOAL_VERB.sub("", noun)


def _energy_of_a_power(hit: Hit) -> bool:
    """The GWh after a power of the same sentence and a slash (300万千瓦/1200万千瓦时)."""
    t, at = hit.text, hit.num_start
    return (
        hit.same_sentence_prev
        and hit.prev.unit == "GW"
        and POWER_BEFORE_SLASH.search(t, max(0, at - 6), at) is not None
    )


def analyse_hit(doc: Doc, m: re.Match[str], prev: Row | None) -> Row | None:
    """Decide whether one number+unit hit is a target and read its fields."""
    hit = number_token(doc, m, prev)
    if hit is None or not is_target(hit):
        return None
    timing = read_time(hit)
    if timing is None:
        return None
    return read_fields(hit, timing)


def read_fields(hit: Hit, timing: tuple[Period | None, bool]) -> Row | None:
    """The row of a hit judged a target (or a fact): value, comparator, scope, indicator."""
    value = read_value(hit)
    comparator = read_comparator(hit, value)
    scope = read_scope(hit, value.unit)
    indicator = read_indicator(hit, value, scope)
    if indicator is None or filters.is_procedure(hit, scope.scope_zh):
        return None
    return _row(hit, timing, value, comparator, scope, indicator)


def sort_hit(doc: Doc, m: re.Match[str], prev: Row | None) -> tuple[str, Hit | None, tuple | None]:
    """(TARGET, hit, timing), (FACT, hit, None) or ('', hit, None): one decision per hit.

    `prev` is the previous *target* row, as in :func:`analyse_hit`, so a hit judged here
    is judged exactly as the target extractor judges it.
    """
    hit = number_token(doc, m, prev)
    if hit is None:
        return "", None, None
    kind = judge(hit, facts=True)
    if kind != TARGET:
        return kind, hit, None
    timing = read_time(hit)
    if timing is None:
        return (FACT if hit.looks_back else ""), hit, None
    return TARGET, hit, timing


def _in_headline(doc: Doc, line_start: int) -> bool:
    """A headline line (标题：, #, 【) or the text's first line when it reads as a title
    (more text follows, no sentence end): its targets restate the body's."""
    if line_start and line_start != doc.first_line_start:
        return False  # HEADLINE_LINE's ^ matches at the text's start only (no MULTILINE)
    t = doc.text
    if HEADLINE_LINE.match(t, line_start):
        return True
    if line_start != doc.first_line_start:
        return False
    end = t.find("\n", line_start)
    first = t[line_start:end].rstrip() if end != -1 else ""
    more = _NON_BLANK.search(t, end) is not None if end != -1 else False
    return bool(first) and more and first[-1] not in "。；;！？!?"


_NON_BLANK = re.compile(r"\S")


def _unit_as_written(hit: Hit) -> str:
    """The unit with the multiplier written before it: 50亿立方米 → 亿立方米, 1.2万亿元 → 万亿元."""
    if hit.is_dd or hit.is_frac:
        return "%"
    head = hit.numtext.rstrip("十百千万亿")  # str.rstrip: a regex anchored at $ retries each offset
    digits_before = head != "" and head[-1] in "0123456789.０１２３４５６７８９"
    return (hit.numtext[len(head) :] if digits_before else "") + hit.unit_word


def _row(
    hit: Hit,
    timing: tuple[Period | None, bool],
    value: Value,
    comparator: str,
    scope: Scope,
    indicator: str,
) -> Row:
    """The row of a target hit, from what the readers found."""
    t, prev = hit.text, hit.prev
    reason = value.review_reason
    scope_zh = scope.scope_zh
    if value.unit == "percent" and indicator == "growth_rate" and hit.is_dd and not scope_zh:
        scope_zh = prev.subject if prev else scope_zh
    # a counted noun is not what a following clause talks about
    inherited = prev.subject if hit.same_sentence_prev else ""
    return Row(
        start=quote_start(hit.doc, hit.clause_start, hit.sentence_start, hit.num_start),
        end=scope.quote_end,
        num_start=hit.num_start,
        num_end=hit.num_end,
        sentence_start=hit.sentence_start,
        scope_zh=scope_zh,
        scope_explicit=scope.explicit,
        tail=scope.tail,
        indicator=indicator,
        value=None if reason else value.value,
        stretch=None if reason else value.stretch,
        unit=value.unit,
        comparator=comparator,
        commitment=read_commitment(hit),
        period=timing[0],
        needs_review=bool(reason),
        review_reason=reason,
        raw=hit.numtext + hit.unit_word if reason else "",
        year_inferred=timing[1],
        in_headline=_in_headline(hit.doc, hit.line_start),
        in_table=in_table_cell(t, hit.line_start, hit.num_end),
        metric=scope.metric,
        subject=inherited if value.unit == "count" else scope_zh,
        per=read_per(hit, timing[0]),
        unit_written=_unit_as_written(hit),
    )


def candidate_rows(doc: Doc) -> list[Row]:
    rows: list[Row] = []
    prev: Row | None = None
    budget = SentenceBudget(doc.text)
    for m in scan_candidates(doc.text):
        if budget.spent(m.start()):
            continue
        try:
            row = analyse_hit(doc, m, prev)
        except (ValueError, ArithmeticError, IndexError, KeyError):
            row = None
        if row is not None:
            rows.append(row)
            prev = row
    return rows
