"""The context of one number+unit hit, as the stages of :mod:`policylens.extract.hits` read it.

Built once per hit in two steps (the number token, then its clause and unit), so the
filters and field readers share the same slices of text instead of recomputing them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policylens.extract.document import Doc
from policylens.extract.rates import rate_suffix
from policylens.extract.rows import Row
from policylens.extract.words import (
    BARE_SCALES,
    CANDIDATE,
    COMPARATOR_AFTER,
    COMPARATOR_AFTER_AT,
    COUNT_SET,
    DIGITS,
    FLOOR_BEFORE_VERB,
    FRACTION_TOKEN,
    GLUE,
    GOAL_RIGHT_BEFORE,
    GOAL_VERB,
    NOT_AFTER,
    PER_DISTANCE_BEFORE,
    PER_MEASURE_BEFORE,
    PER_UNIT,
    PERCENT_WORDS,
    POWER_BEFORE_SLASH,
    POWER_ENERGY_PAIR,
    PREFIX_CMP,
    PREFIX_CMP_LAST,
    PREFIX_CMP_OF,
    SENTENCE_DELIMS,
    UNITS,
)


@dataclass(slots=True)
class Hit:
    """One candidate: where its number stands, its clause, and what the stages found so far."""

    doc: Doc
    match: re.Match[str]
    prev: Row | None
    num_start: int
    num_end: int
    numtext: str
    is_range: bool
    is_dd: bool  # 两位数 (double digits)
    is_frac: bool
    clause_start: int = 0
    sentence_start: int = 0
    region_start: int = 0  # the clause start, or the previous value of the sentence
    region: str = ""  # text of the clause before the number
    clause_end: int = 0
    after: str = ""  # text of the clause after the number and unit
    sentence_end: int = 0
    unit_word: str = ""
    is_count: bool = False
    unknown_unit: bool = False
    verbs: list[re.Match[str]] = field(default_factory=list)
    cmp_after: re.Match[str] | None = None
    prefix_cmp: str | None = None
    line_start: int = 0
    line_end: int = 0
    vague: str = ""  # 数十, 几百, 上千: an approximate number, kept for review
    # CANDIDATE's groups, read once from Match.regs (a lookup by name per use costs more)
    unit_match: str = ""  # the unit group as matched, '' when none
    percent_words: bool = False  # 百分之五: the unit written before the number
    scale_only: bool = False  # 千亿规模: money without 元
    #: the region's last character that is not a space: a pattern anchored at the region's
    #: end (第, 年产, 不低于) can match only if it ends so, a test cheaper than the search
    region_last: str = ""
    # set once by the stage that reads them (plain attributes: they are read often)
    text: str = ""
    same_sentence_prev: bool = False  # the previous row stands in the same sentence
    last_verb: re.Match[str] | None = None
    cmp_after_word: str = ""
    canonical_unit: str | None = ""
    looks_back: bool = False  # its time lies before the issue year (see hits.read_time)


def _glued(t: str, num_start: int, before: str) -> bool:
    """Digits glued to other digits/letters (B2版, v1.2), or a vague or ordinal numeral
    (`before` is the character before the number, '' at the start)."""
    if t[num_start] in DIGITS:
        if before in "/／" and POWER_BEFORE_SLASH.search(t, max(0, num_start - 6), num_start):
            return False  # 300万千瓦/1200万千瓦时: the energy of a storage capacity
        return bool(before) and (before in GLUE or (before.isascii() and before.isalnum()))
    # 几十家, 数百个, 上千家, 成百上千: vague; 第三: ordinal (but 建成十个)
    return before in "几数上余多第" or (before == "成" and t[num_start] in "百千万")


def _vague_prefix(t: str, num_start: int, before: str) -> str:
    """数/几/上 before 十/百/千/万 (数十家, 上千个): an approximate number, or ''."""
    return before if before in "几数上" and t[num_start] in "十百千万" else ""


def may_start(t: str, pos: int, firsts: str) -> bool:
    """A pattern that starts with optional spaces and then one of `firsts` may match at `pos`
    (a test of one character, cheaper than the match it saves)."""
    c = t[pos : pos + 1]
    return c != "" and (c in firsts or c.isspace())


#: CANDIDATE's group numbers, to index `Match.regs`
_PW, _HI, _APPROX, _UNIT, _DD, _FRAC, _YI = (
    CANDIDATE.groupindex[name] for name in ("pw", "hi", "approx", "unit", "dd", "frac", "yi")
)


def number_token(doc: Doc, m: re.Match[str], prev: Row | None) -> Hit | None:
    """Stage 1: the number as written, or None for a number that sets no value."""
    t = doc.text
    regs = m.regs  # every group's span at once (cheaper than a call per group by name)
    num_start, num_end = regs[0]
    unit_at = regs[_APPROX][0]
    if unit_at < 0:
        unit_at = regs[_UNIT][0]
        if unit_at < 0:
            unit_at = regs[_DD][0] if regs[_DD][0] >= 0 else num_end
    numtext = t[num_start:unit_at]
    if " " in numtext or "\t" in numtext or "\u3000" in numtext:
        numtext = "".join(numtext.split())
    percent_words = regs[_PW][0] >= 0
    if percent_words:  # 百分之五点五: the number after 百分之, a percent (read_unit_word)
        numtext = numtext.replace(PERCENT_WORDS, "")
    # first: a quarter of the candidates of real text are 一个/一家/一批
    elif len(numtext) > 40 or numtext == "一":
        return None  # 一个/一家/一批: an article, not a goal
    before = t[num_start - 1] if num_start else ""
    vague = _vague_prefix(t, num_start, before)
    if not vague and _glued(t, num_start, before):
        return None
    if numtext in BARE_SCALES and not vague and not percent_words:
        # 突破万亿元 means one 万亿; elsewhere (万元以上, 千亿级, 百万吨) it is no number
        if not GOAL_RIGHT_BEFORE.search(t, max(0, num_start - 3), num_start):
            return None
        numtext = "一" + numtext
    is_range, is_dd, is_frac = regs[_HI][0] >= 0, regs[_DD][0] >= 0, False
    if regs[_FRAC][0] >= 0:
        is_frac = True
        if not FRACTION_TOKEN.fullmatch(numtext):
            return None
    if is_dd and numtext not in ("两", "双"):
        return None
    if before in '“"「『‘' or (
        may_start(t, num_end, "之强届大号版") and NOT_AFTER.match(t, num_end)
    ):
        return None  # “六种模式”: a quoted name
    hit = Hit(doc, m, prev, num_start, num_end, numtext, is_range, is_dd, is_frac)
    hit.vague = vague
    hit.text = t
    unit_start, unit_end = regs[_UNIT]
    hit.unit_match = t[unit_start:unit_end] if unit_start >= 0 else ""
    hit.percent_words = percent_words
    hit.scale_only = regs[_YI][0] >= 0
    return hit


def place_in_clause(hit: Hit) -> None:
    """Stage 2: the clause and sentence around the number, and the text before and after it."""
    doc, t, num_start, num_end = hit.doc, hit.text, hit.num_start, hit.num_end
    clause_start, sentence_start = doc.clause_and_sentence_start(num_start)
    hit.clause_start = hit.region_start = clause_start
    hit.sentence_start = sentence_start
    prev = hit.prev
    hit.same_sentence_prev = prev is not None and prev.sentence_start == sentence_start
    if hit.same_sentence_prev and prev.num_end > clause_start:
        hit.region_start = prev.num_end
    # spaces before a number (到 2025 年, 达到 1000 亿元) are layout, not words
    hit.region = region = t[hit.region_start : num_start].rstrip(" \t\u3000")
    last = region[-1:]
    hit.region_last = region.rstrip()[-1:] if last.isspace() else last
    hit.clause_end = clause_end = doc.next_delim(num_end, min(len(t), num_end + 200))
    hit.after = t[num_end:clause_end]
    # the first clause delimiter, when it ends a sentence, is the first sentence delimiter
    ends_sentence = clause_end < len(t) and t[clause_end] in SENTENCE_DELIMS
    hit.sentence_end = clause_end if ends_sentence else doc.next_sentence_end(num_end)


def read_unit_word(hit: Hit) -> None:
    """Stage 3: the unit as written, with a per-unit tail (4万吨/年 a capacity, 0.05元/千瓦时 a rate)."""
    t = hit.text
    hit.unit_word = hit.unit_match or ("%" if hit.percent_words else "")
    if hit.scale_only:  # 千亿规模: yuan, and 规模 names the indicator
        hit.unit_word = "元"
        hit.num_end += len("规模")
    per = (
        PER_UNIT.match(t, hit.num_end)
        if hit.unit_word and may_start(t, hit.num_end, "/／")
        else None
    )
    written = UNITS.get(hit.unit_word, ("",))[0]
    if per and written in ("t", "GW", "GWh") and per.group("per") == "年":
        hit.num_end = per.end()  # 4万吨/年, 100万千瓦/年: an annual capacity
    elif per:
        hit.unit_word += per.group(0)  # 0.05元/千瓦时, 4.0kW/L: a rate, not an amount
        hit.num_end = per.end()
    elif hit.unit_word == "元":
        price = "每" in hit.region[-6:] and PER_MEASURE_BEFORE.search(hit.region[-6:])
        if price:  # 每公斤35元: a rate, 元/公斤, kept for review like 35元/公斤
            hit.unit_word += "/" + price.group("per")
        elif "均" in hit.region:  # 人均可支配收入2.8万元: per person, 元/人 (kept for review)
            hit.unit_word += rate_suffix(hit.region, "CNY")
    elif hit.unit_word:
        tail = hit.region[-14:]
        distance = "耗" in tail and PER_DISTANCE_BEFORE.search(tail)
        if distance:  # 百公里电耗12千瓦时: energy per distance, kept for review
            hit.unit_word += "/" + distance.group("per")
        elif "日" in hit.region:  # 日熔化量1.5万吨: a quantity a day (吨/日), kept for review
            hit.unit_word += rate_suffix(hit.region, written)
    hit.after = t[hit.num_end : hit.clause_end]
    hit.canonical_unit = UNITS.get(hit.unit_word, ("",))[0]
    hit.is_count = hit.unit_word in COUNT_SET
    hit.unknown_unit = bool(hit.unit_word) and not hit.is_count and hit.unit_word not in UNITS


def read_goal_words(hit: Hit) -> None:
    """Stage 4: the goal verbs of the clause and the comparator words around the number."""
    hit.verbs = list(GOAL_VERB.finditer(hit.region)) if hit.region else []
    hit.last_verb = hit.verbs[-1] if hit.verbs else None
    pair = POWER_ENERGY_PAIR.match(hit.after) if hit.canonical_unit == "GW" else None
    # 5GW/20GWh以上: the comparator after the pair bounds both
    if pair:
        hit.cmp_after = COMPARATOR_AFTER_AT.match(hit.after, pair.end())
    elif may_start(hit.after, 0, "及以左上之内"):
        hit.cmp_after = COMPARATOR_AFTER.match(hit.after)
    else:
        hit.cmp_after = None
    hit.cmp_after_word = hit.cmp_after.group("cmp") if hit.cmp_after else ""
    tail = hit.region[-12:]
    if "/" in hit.unit_word:  # 不高于每公斤25元: the comparator stands before 每公斤
        tail = PER_MEASURE_BEFORE.sub("", tail)
        prefix = PREFIX_CMP.search(tail[-6:])
    elif hit.region_last in PREFIX_CMP_LAST or "约占" in tail:
        prefix = PREFIX_CMP.search(tail[-6:])
    else:
        prefix = None
    if prefix:
        word = prefix.group().rstrip()
        hit.prefix_cmp = PREFIX_CMP_OF.get(word) or PREFIX_CMP_OF[word[:2]]  # 约占…: about
    else:
        hit.prefix_cmp = None
    floor_tail = hit.region[-8:]
    may_floor = "少" in floor_tail or "于" in floor_tail  # 至少, 不少于, 不低于
    if hit.prefix_cmp is None and may_floor and FLOOR_BEFORE_VERB.search(floor_tail):
        hit.prefix_cmp = ">="  # 至少建设1个: the floor stands before the verb
