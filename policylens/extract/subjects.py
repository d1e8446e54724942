"""Scope reader for one hit: the counted noun after a count, or the subject and metric before a
value; anaphors (全产业链, 整体) resolve to the paragraph's chain or the previous subject."""

from __future__ import annotations

from dataclasses import dataclass

from policylens.extract.context import Hit
from policylens.extract.document import paragraph_topic
from policylens.extract.scope import metric_search, shared_head_noun, strip_subject
from policylens.extract.words import (
    ANAPHOR,
    CLAUSE_DELIMS,
    COUNT_METRICS,
    COUNTED_METRIC,
    GOAL_VERB,
    LEVEL_HEAD,
    LEVEL_ONLY,
    LIST_METRIC_END,
    METRIC,
    NOUN_AFTER_VALUE,
    NOUN_STOP,
    NOUN_TRAIL_VERB,
    NUMBER_AT,
    PRODUCED_HEAD,
)

_CONJUNCTIONS = ("和", "及", "与", "以及")


@dataclass(slots=True)
class Scope:
    """The subject of a value as the text words it."""

    scope_zh: str
    raw: str  # before anaphors were resolved: the counted noun or subject words
    explicit: bool
    metric: str
    own_metric: bool  # the metric word belongs to this value's own subject
    tail: str  # words after a counted noun (tells restatements apart)
    quote_end: int


@dataclass(slots=True)
class _Noun:
    noun: str
    tail: str
    quote_end: int


def counted_noun(hit: Hit) -> _Noun | None:
    """The noun a count counts when it follows the measure word (5家链主企业, 2个千亿级产业链)."""
    cmp_len = hit.cmp_after.end() if hit.cmp_after else 0
    rest = hit.after[cmp_len:]
    rest_l = rest.lstrip("的")
    if not rest_l.strip() or rest_l[0] in CLAUSE_DELIMS + "、（(）)":
        return None
    stop = NOUN_STOP.search(rest_l)
    noun = rest_l[: stop.start()] if stop else rest_l
    conj_end = None
    if stop and stop.group(0) in _CONJUNCTIONS:
        conj_end = hit.num_end + cmp_len + (len(rest) - len(rest_l)) + stop.start()
    if "的" in noun:
        noun = noun.rsplit("的", 1)[1]
    noun = NOUN_TRAIL_VERB.sub("", noun).strip()
    tail = rest_l[len(noun) :][:40] if noun else ""
    if stop and LEVEL_ONLY.fullmatch(noun):  # 1个国家级、3个省级集群: the shared noun follows
        shared = shared_head_noun(rest_l[stop.end() :], hit.unit_word)
        if shared:
            noun += shared
            conj_end = None  # the quote runs on to the shared noun
    return _Noun(noun, tail, conj_end or hit.clause_end)


def _subject_words(hit: Hit) -> tuple[str, tuple[int, str] | None]:
    """(subject words, metric match) of the words before a value in its clause."""
    region = hit.region
    subj_region = region
    counted = False
    if hit.last_verb:
        after_verb = region[hit.last_verb.end() :]
        if hit.is_count:  # 培育营收超百亿元企业5家: 超 qualifies the firms; 培育 heads the noun
            heads = [v for v in hit.verbs if not NUMBER_AT.match(region, v.end())]
            after_verb = region[heads[-1].end() :] if heads else region
        counted = bool(after_verb.strip()) and hit.is_count
        subj_region = after_verb if counted else region[: hit.last_verb.start()]
        # both its words hold 产: the `in` test spares most clauses the regex
        has_own = "产" in after_verb and (counted or not hit.is_count)
        own = COUNTED_METRIC.search(after_verb) if has_own else None
        if own:  # 新增整车产能10万辆, 实现年产电堆2万套 / 正极材料10万吨: the metric is its own
            word = own.group("tail") or own.group("head")
            rest = after_verb[own.end() :] if own.group("head") else after_verb[: own.start()]
            return rest, (own.start(), word)
    elif hit.is_count:
        produced = PRODUCED_HEAD.search(region)
        if produced and region[produced.end() :].strip():  # 年产风电整机1500台: the machines
            return region[produced.end() :], (produced.start(), "年产")
    # 培育营业收入过千亿元企业2家: the metric words qualify the counted noun
    metric_m = None if counted else metric_search(subj_region)
    if (
        hit.is_count
        and metric_m
        and not COUNT_METRICS.intersection((metric_m[1], metric_m[1].lstrip("年")))
    ):
        metric_m = None  # 主营业务收入超百亿元企业达到10家: still the firms
    if metric_m:
        subj_region = subj_region[: metric_m[0]]
    return subj_region, metric_m


def _subject_before(hit: Hit) -> tuple[str, str, bool]:
    """(scope, metric, own metric) when the value's subject is written before it."""
    subj_region, metric_m = _subject_words(hit)
    scope_zh = strip_subject(subj_region)
    prev = hit.prev
    if hit.same_sentence_prev and LEVEL_ONLY.fullmatch(scope_zh):
        # 国家级专精特新企业10家、省级100家: the level of the previous item's noun
        head = LEVEL_HEAD.sub("", prev.scope_zh)
        if head != prev.scope_zh:
            scope_zh += head
    metric = metric_m[1] if metric_m else ""
    if not metric:
        found = list(METRIC.finditer(hit.region))
        metric = found[-1].group(0) if found else ""
    return scope_zh, metric, metric_m is not None


def _resolve_anaphor(hit: Hit, scope_zh: str, unit: str, metric: str, counted: bool) -> str:
    """全产业链, 整体, or nothing: the previous subject, else the paragraph's chain."""
    prev = hit.prev
    referent = ""
    if hit.same_sentence_prev and not counted and scope_zh == "":
        # 实施重点项目300个，计划投资1500亿元: the investment of those projects
        projects = prev.indicator == "project_count" and unit == "CNY" and "投" in metric
        referent = prev.scope_zh if projects else prev.subject
        if metric and not projects and metric != prev.metric:
            referent = _subject_of_earlier_metric(hit, metric) or referent
    if hit.region.strip("，,、；; ").startswith(("整体", "全产业链")):
        referent = ""
    topic = paragraph_topic(hit.doc, hit.line_start, hit.line_end)
    return referent or topic or scope_zh


def _subject_of_earlier_metric(hit: Hit, metric: str) -> str:
    """The subject the sentence gave the same metric earlier: 到2025年，光伏产业营业收入达到
    3000亿元，组件产能达到100GW；到2027年，营业收入突破4000亿元 — the revenue is the
    industry's, not the modules' of the clause just before."""
    if metric not in hit.region:
        return ""  # the metric is not restated in this clause
    t = hit.text
    at = t.rfind(metric, hit.sentence_start, hit.region_start)
    if at < 0:
        return ""
    start = hit.doc.last_delim(hit.sentence_start, at) + 1 or hit.sentence_start
    return strip_subject(t[start:at])


def _sentence_metric(hit: Hit, unit: str) -> str:
    """A metric named earlier: the previous value's, or the sentence's (营业收入实现翻番，达到…)."""
    if hit.same_sentence_prev:
        return hit.prev.metric
    if unit in ("CNY", "GW", "GWh"):
        found = list(METRIC.finditer(hit.text, hit.sentence_start, hit.region_start))
        return found[-1].group(0) if found else ""
    return ""


_PHYSICAL = ("t", "GW", "GWh", "m2")
#: the last characters of LIST_METRIC_END's words (产能, 产量, 装机, 规模, 能力)
_LIST_METRIC_LAST = frozenset("能量机模力")


def _noun_after_value(hit: Hit) -> tuple[str, str, int] | None:
    """(noun, list metric, quote end) of 形成10万吨甲、20万吨乙和50GW丙产能: each value names
    its noun after it, and the metric closing the list is every item's."""
    cmp_len = hit.cmp_after.end() if hit.cmp_after else 0
    rest = hit.after[cmp_len:]
    m = NOUN_AFTER_VALUE.match(rest)
    if m is None or GOAL_VERB.search(m.group("noun")):
        return None
    words = hit.after.rstrip()
    # each metric word ends in one of these: the regex tries every offset of the clause
    metric = LIST_METRIC_END.search(words) if words[-1:] in _LIST_METRIC_LAST else None
    noun = m.group("noun")
    if metric and noun.endswith(metric.group(0)):
        noun = noun[: -len(metric.group(0))]
    end = hit.num_end + cmp_len + m.end()
    return noun, metric.group(0) if metric else "", end


def read_scope(hit: Hit, unit: str) -> Scope:
    """The scope, metric and quote end of a hit."""
    cmp_len = hit.cmp_after.end() if hit.cmp_after else 0
    noun = counted_noun(hit) if hit.is_count else None
    quote_end = noun.quote_end if noun else hit.num_end + cmp_len
    if noun and noun.noun:
        scope_zh, own, tail = noun.noun, False, noun.tail
        found = list(METRIC.finditer(hit.region))
        metric = found[-1].group(0) if found else ""
    else:
        scope_zh, metric, own = _subject_before(hit)
        tail = ""
        item = _noun_after_value(hit) if unit in _PHYSICAL and not own else None
        if item and item[0]:
            scope_zh, metric, quote_end = item[0], item[1] or metric, item[2]
    raw = scope_zh
    explicit = scope_zh not in ANAPHOR
    if not explicit:
        scope_zh = _resolve_anaphor(hit, scope_zh, unit, metric, bool(noun and noun.noun))
    if not metric:
        metric = _sentence_metric(hit, unit)
    return Scope(scope_zh, raw, explicit, metric, own, tail, quote_end)
