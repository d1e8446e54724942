"""Scope reader: the subject of a value, its metric word and where its quote starts."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from policylens.extract.document import Doc, paragraph_topic
from policylens.extract.words import (
    ANAPHOR,
    BASE_YEAR_PHRASE,
    ENUMERATOR,
    HEAD_ONLY_CLAUSE,
    HEAD_STRIP,
    INNER_COMMIT,
    LEVEL_HEAD,
    LEVEL_ONLY,
    METRIC,
    METRIC_CUT,
    NOUN_TRAIL_VERB,
    PLACE_HEAD,
    RATE_NOUN,
    TAIL_STRIP,
    TIME_HEAD,
    TOKEN,
)

if TYPE_CHECKING:
    pass


@functools.lru_cache(maxsize=4096)  # pure; policy wording repeats a lot
def metric_search(s: str) -> tuple[int, str] | None:
    """(offset, text) of the first metric word; a rate (覆盖率) starts up to 6 chars before 率."""
    m = METRIC.search(s)
    if m is None:
        return None
    if m.group(0) != "率":
        return m.start(), m.group(0)
    known = RATE_NOUN.search(s, max(0, m.start() - 6), m.end())
    lo = known.start() if known else max(0, m.start() - 2)
    cut = list(METRIC_CUT.finditer(s, lo, m.start()))
    lo = cut[-1].end() if cut else lo
    return lo, s[lo : m.end()]


def shared_head_noun(rest: str, unit_word: str) -> str:
    """The head noun that later items of a list share (…、3至5个省级集群 → 集群), or ''."""
    item = re.compile(
        rf"\s*{TOKEN}(?:\s*(?:-|~|～|—|–|至|到)\s*{TOKEN})?\s*(?:余|多)?\s*"
        rf"{re.escape(unit_word)}(?:及以上|以上|左右)?\s*(?P<noun>[^，,；;。、（(和及与]+)(?P<sep>[、和及与]?)"
    )
    for _ in range(5):  # 1个国家级、2个省级、5个市级集群
        m = item.match(rest)
        if m is None:
            return ""
        noun = m.group("noun").strip()
        if not LEVEL_ONLY.fullmatch(noun):
            head = LEVEL_HEAD.sub("", noun)
            return NOUN_TRAIL_VERB.sub("", head) if head else ""
        if not m.group("sep"):
            return ""
        rest = rest[m.end() :]
    return ""


@functools.lru_cache(maxsize=4096)  # pure; policy wording repeats a lot
def strip_subject(s: str) -> str:
    """The subject words of a clause prefix: no time, commitment, place or verb at its head."""
    s = BASE_YEAR_PHRASE.sub("", s)  # 能耗比2020年(下降): the base of a change
    inner = INNER_COMMIT.search(s, 1)
    if inner:
        s = s[: inner.start()]  # 光伏产业链力争实现规上工业产值: the subject is before 力争
    prev = None
    while prev != s:
        prev = s
        s = HEAD_STRIP.sub("", s)
        s = PLACE_HEAD.sub("", s)
        m = TIME_HEAD.match(s)
        if m and m.end():
            s = s[m.end() :]
        s = TAIL_STRIP.sub("", s)
    return s.strip()


def named_subject(doc: Doc, words: str, line_start: int, line_end: int) -> tuple[str, bool, str]:
    """(scope, whether the words name it, metric) of the words before a value or in a cell.

    新能源汽车产业规模 → 新能源汽车产业, metric 规模; 全产业链营业收入 → the
    paragraph's chain.
    """
    metric_m = metric_search(words)
    scope_zh = strip_subject(words[: metric_m[0]] if metric_m else words)
    explicit = scope_zh not in ANAPHOR
    if not explicit:
        scope_zh = paragraph_topic(doc, line_start, line_end) or scope_zh
    return scope_zh, explicit, metric_m[1] if metric_m else ""


def quote_start(doc: Doc, clause_start: int, sentence_start: int, num_start: int) -> int:
    """The clause start, extended over a head-only clause (到2026年，) and past enumerators."""
    t = doc.text
    qstart = clause_start
    # only a comma can close a head-only clause, and such a clause ends in a time word
    # (年, 季度, 月, 底, 末, 前) or a blank: tested first, they spare most hits the regexes
    if (
        qstart > 1
        and t[qstart - 1] in "，,"
        and (t[qstart - 2] in _TIME_END or t[qstart - 2].isspace())
    ):
        prev_delim = qstart - 1
        pstart = doc.last_delim(max(0, prev_delim - 40), prev_delim) + 1
        reaches = (pstart > 0 or prev_delim - 40 <= 0) and pstart >= sentence_start
        if reaches and HEAD_ONLY_CLAUSE.match(t[pstart:prev_delim]):
            qstart = pstart
    while qstart < num_start and t[qstart] in " \t\u3000":
        qstart += 1
    if qstart < num_start and (t[qstart] in _ENUMERATOR_START or t[qstart].isspace()):
        enum = ENUMERATOR.match(t, qstart, num_start)
        return enum.end() if enum else qstart
    return qstart


#: the last character of a head-only clause (to 2025年, 三季度, 年底前, 年末)
_TIME_END = frozenset("年度月底末前")
#: the first character of an enumerator ((一), 1., 二、)
_ENUMERATOR_START = frozenset("（(0123456789一二三四五六七八九十")
