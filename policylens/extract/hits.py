"""From one number+unit hit to one row: the named stages of the analysis."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from policylens.extract.commitment import commitment_of
from policylens.extract.document import Doc, in_table_cell, paragraph_topic
from policylens.extract.indicators import indicator_of
from policylens.extract.rows import Row
from policylens.extract.scan import SentenceBudget, scan_candidates
from policylens.extract.scope import metric_search, quote_start, shared_head_noun, strip_subject
from policylens.extract.timing import target_time
from policylens.extract.values import scale_value
from policylens.extract.words import (
    ANAPHOR,
    BARE_SCALES,
    BLOCK,
    CLAUSE_DELIMS,
    CN_COUNT,
    COMPARATOR_AFTER,
    COUNT_METRICS,
    COUNT_SET,
    CREATE_VERB,
    DIGITS,
    EVERY,
    FACT,
    FRACTION_TOKEN,
    FROM_TO,
    GLUE,
    GOAL_RIGHT_BEFORE,
    GOAL_VERB,
    GOAL_WORDS,
    HEADLINE_LINE,
    LEVEL_HEAD,
    LEVEL_ONLY,
    LIST_SEP,
    MEETING,
    METRIC,
    METRIC_RIGHT_BEFORE,
    NAMEPLATE_AFTER,
    NAMEPLATE_BEFORE,
    NOT_AFTER,
    NOUN_STOP,
    NOUN_TRAIL_VERB,
    NUMBER_AT,
    ORDINAL_BEFORE,
    PER_ITEM,
    PER_UNIT,
    PREFIX_CMP,
    PREFIX_CMP_GROUPS,
    PROCEDURE,
    QUALIFIED_AFTER,
    RATIO_BASE,
    RETROSPECTIVE,
    SUBSIDY,
    UNITS,
    YOY,
)
from policylens.numbers import parse_fraction, parse_number, parse_range

if TYPE_CHECKING:
    pass


def analyse_hit(doc: Doc, m: re.Match[str], prev: Row | None) -> Row | None:
    """Decide whether one number+unit hit is a target and read its fields."""
    t = doc.text
    num_start, num_end = m.span()
    before_char = t[num_start - 1] if num_start else ""

    # -- the number token: cheap rejections first (most hits end here)
    if t[num_start] in DIGITS:
        if before_char and (
            before_char in GLUE or (before_char.isascii() and before_char.isalnum())
        ):
            return None  # digits glued to other digits/letters (B2版, v1.2)
    elif before_char in "几数上余多第" or (before_char == "成" and t[num_start] in "百千万"):
        return None  # 几十家, 数百个, 上千家, 成百上千: vague; 第三: ordinal (but 建成十个)
    unit_at = m.start("approx")
    if unit_at < 0:
        unit_at = m.start("unit")
        if unit_at < 0:
            unit_at = m.start("dd") if m.start("dd") >= 0 else num_end
    numtext = "".join(t[num_start:unit_at].split())
    if len(numtext) > 40 or numtext == "一":
        return None  # 一个/一家/一批: an article, not a goal
    if numtext in BARE_SCALES:
        # 突破万亿元 means one 万亿; elsewhere (万元以上, 千亿级, 百万吨) it is no number
        if not GOAL_RIGHT_BEFORE.search(t, max(0, num_start - 3), num_start):
            return None
        numtext = "一" + numtext
    is_range = m.group("hi") is not None
    is_dd = m.group("dd") is not None
    is_frac = m.group("frac") is not None
    if is_dd and numtext not in ("两", "双"):
        return None
    if is_frac and not FRACTION_TOKEN.fullmatch(numtext):
        return None
    if before_char in '“"「『‘' or NOT_AFTER.match(t, num_end):
        return None

    clause_start, sentence_start = doc.clause_and_sentence_start(num_start)
    same_sentence_prev = prev is not None and prev.sentence_start == sentence_start
    region_start = clause_start
    if same_sentence_prev and prev.num_end > region_start:
        region_start = prev.num_end
    region = t[region_start:num_start]
    clause_end = doc.next_delim(num_end, min(len(t), num_end + 200))
    after = t[num_end:clause_end]

    # -- obvious non-targets
    if ORDINAL_BEFORE.search(region[-6:]):
        return None
    fact_region = region
    from_to = FROM_TO.search(region)
    if from_to:
        fact_region = region[from_to.end() :]  # 由目前的40%提高到65%: 目前 is the base, not a fact
    if SUBSIDY.search(region) or FACT.search(fact_region) or PER_ITEM.search(region):
        return None
    if SUBSIDY.search(after):
        return None  # 按投资额的30%给予补助: the rate of a subsidy
    if RETROSPECTIVE.search(t, sentence_start, num_start):
        return None  # 近三年来…年均增长30%: a review of the past
    sentence_end = doc.next_sentence_end(num_end)
    if YOY.search(t, sentence_start, sentence_end) and not GOAL_WORDS.search(
        t, sentence_start, sentence_end
    ):
        return None  # 实现营业收入1200亿元，同比增长35%: a statistic

    unit_word = m.group("unit") or ""
    per = PER_UNIT.match(t, num_end) if unit_word else None
    if per and UNITS.get(unit_word, ("",))[0] in ("t", "GW") and per.group("per") == "年":
        num_end = per.end()  # 4万吨/年, 100万千瓦/年: an annual capacity
        after = t[num_end:clause_end]
    elif per:
        unit_word += per.group(0)  # 0.05元/千瓦时, 4.0kW/L: a rate, not an amount
        num_end = per.end()
        after = t[num_end:clause_end]
    is_count = unit_word in COUNT_SET
    unknown_unit = bool(unit_word) and not is_count and unit_word not in UNITS

    if not is_count and (NAMEPLATE_BEFORE.search(region[-8:]) or QUALIFIED_AFTER.match(after)):
        return None
    if UNITS.get(unit_word, ("",))[0] in ("GW", "t") and NAMEPLATE_AFTER.match(after):
        return None  # 50GW光伏组件项目: the project's nameplate, part of its name
    if "的" in after and SUBSIDY.search(t, clause_end, sentence_end):
        return None  # 新建5G基站1万个以上的地市，给予奖励: the condition of a subsidy
    if is_frac and not re.search(r"比重|占比|占|份额", region):
        return None

    # -- is it a goal?
    verbs = list(GOAL_VERB.finditer(region))
    last_verb = verbs[-1] if verbs else None
    blocked = BLOCK.search(region[last_verb.end() :] if last_verb else region)
    cmp_after = COMPARATOR_AFTER.match(after)
    cmp_after_word = cmp_after.group("cmp") if cmp_after else ""
    prefix = PREFIX_CMP.search(region[-6:])
    prefix_cmp = PREFIX_CMP_GROUPS[prefix.lastgroup] if prefix else None
    if blocked:
        return None
    listed = region[last_verb.end() :] if last_verb else region
    if "、" in listed and last_verb and not CREATE_VERB.search(last_verb.group(0)):
        return None
    if is_count and t[num_start] in CN_COUNT and "、" in listed:
        names = [w for w in LIST_SEP.split(strip_subject(listed)) if w]
        if len(names) == parse_number(numtext):
            return None  # 建设海南州、海西州两个基地: counts the places just named
    if is_count and NAMEPLATE_BEFORE.search(region[-8:]) and NAMEPLATE_AFTER.match(after):
        return None  # 年产1000台风机项目: a project's nameplate
    evidence = bool(last_verb or cmp_after_word or prefix_cmp or is_dd or is_range)
    if (
        not evidence
        and same_sentence_prev
        and (
            is_count == (prev.unit == "count")
            or GOAL_WORDS.search(t, sentence_start, num_start)
            or prev.period is not None
        )
    ):
        evidence = True  # parallel clause: 创建…企业5家,“领航”企业5家
    # 目标：2025年产值1000亿元 — a metric and its value without a verb: a goal only when dated
    # or in a sentence that says it is one (the past years are facts, see below)
    noun_phrase_goal = not evidence and bool(METRIC_RIGHT_BEFORE.search(region[-10:]))
    if not (evidence or noun_phrase_goal):
        return None
    if is_range and not last_verb and not same_sentence_prev:
        return None

    # -- time
    line_start, line_end = doc.line_bounds(num_start)
    timing = target_time(doc, num_start, sentence_start, line_start)
    if timing is None:
        return None  # a review of the past, or a year before the reference year
    period, year_inferred = timing
    undated = period is None or period.year is None
    if noun_phrase_goal and undated and not GOAL_WORDS.search(t, sentence_start, num_start):
        return None

    # -- number
    needs_review = False
    reason = ""
    value: float | None
    stretch: float | None = None
    range_cmp = None
    if is_dd:
        value, unit, scale = 10.0, "percent", "1"
        grow = re.match(r"^\s*(?:以上)?的?(?:增长|增速|增幅)", t[num_end : num_end + 8])
        if grow:
            num_end += grow.end()
            after = t[num_end:clause_end]
        range_cmp = ">=g" if grow else ">="
    elif is_frac:
        value, unit, scale = parse_fraction(numtext, scale=100), "percent", "1"
    else:
        unit, scale = UNITS.get(unit_word, ("count", "1") if is_count else (None, "1"))
        if is_range:
            r = parse_range(numtext.replace("%", "").replace("％", ""))
            if r is None:
                value = None
            else:
                value, stretch = r
                range_cmp = ">="
        else:
            value = parse_number(numtext)
        if value is not None:
            value = scale_value(value, scale)
            if stretch is not None:
                stretch = scale_value(stretch, scale)
        if value is None:
            needs_review, reason = True, f"number '{numtext}' could not be parsed"
    if unknown_unit:
        needs_review, reason = True, f"unit '{unit_word}' is not one of CNY, GW, t, count, percent"
        value = stretch = None
        unit = ""

    # -- comparator
    cmps = {prefix_cmp} if prefix_cmp else set()
    if cmp_after_word in ("以上", "及以上"):
        cmps.add(">=")
    elif cmp_after_word in ("左右", "上下"):
        cmps.add("~")
    elif cmp_after_word in ("以内", "以下", "之内"):
        cmps.add("<=")
    if range_cmp:
        cmps.add(range_cmp[:2])
    if m.group("approx"):
        cmps.add(">")  # 200余家, 100多个: more than
    if "<=" in cmps and "~" in cmps:
        cmps.discard("<=")  # 控制在3000万吨左右: about, not a ceiling
    if "<=" in cmps:
        needs_review, reason = (
            True,
            "upper-bound target (以内/不超过) has no comparator in the vocabulary",
        )
        value = stretch = None
        comparator = "="
    elif "~" in cmps:
        comparator = "~"
    elif ">" in cmps:
        comparator = ">"
    elif ">=" in cmps:
        comparator = ">="
    else:
        comparator = "="

    # -- commitment
    commitment = commitment_of(doc, region, sentence_start, region_start)
    if same_sentence_prev and prev.commitment == "aspirational" and YOY.search(region):
        commitment = "aspirational"  # 产量力争达到40万辆，同比增长两位数: the same goal's growth

    # -- scope, indicator, quote end
    cmp_len = cmp_after.end() if cmp_after else 0
    quote_end = num_end + cmp_len
    tail = ""
    noun_after = ""
    if is_count:
        rest = after[cmp_len:]
        rest_l = rest.lstrip("的")
        if rest_l and rest_l[0] not in CLAUSE_DELIMS + "、（(）)" and rest_l.strip():
            stop = NOUN_STOP.search(rest_l)
            noun = rest_l[: stop.start()] if stop else rest_l
            conj_end = None
            if stop and stop.group(0) in ("和", "及", "与", "以及"):
                conj_end = num_end + cmp_len + (len(rest) - len(rest_l)) + stop.start()
            if "的" in noun:
                noun = noun.rsplit("的", 1)[1]
            noun = NOUN_TRAIL_VERB.sub("", noun)
            noun_after = noun.strip()
            tail = rest_l[len(noun_after) :][:40] if noun_after else ""
            if stop and LEVEL_ONLY.fullmatch(noun_after):
                shared = shared_head_noun(rest_l[stop.end() :], unit_word)
                if shared:
                    noun_after += shared
                    conj_end = None  # the quote runs on to the shared noun
            quote_end = conj_end or clause_end
    metric_m = None
    if noun_after:
        scope_zh = noun_after
    else:
        subj_region = region
        counted_noun = False
        if last_verb:
            verb = last_verb
            after_verb = region[verb.end() :]
            if is_count:  # 培育营收超百亿元企业5家: 超 qualifies the firms; 培育 heads the noun
                heads = [v for v in verbs if not NUMBER_AT.match(region, v.end())]
                after_verb = region[heads[-1].end() :] if heads else region
            counted_noun = bool(after_verb.strip()) and is_count
            subj_region = after_verb if counted_noun else region[: verb.start()]
        # 培育营业收入过千亿元企业2家: the metric words qualify the counted noun
        metric_m = None if counted_noun else metric_search(subj_region)
        if is_count and metric_m and metric_m[1].lstrip("年") not in COUNT_METRICS:
            metric_m = None  # 主营业务收入超百亿元企业达到10家: still the firms
        if metric_m:
            subj_region = subj_region[: metric_m[0]]
        scope_zh = strip_subject(subj_region)
        if same_sentence_prev and LEVEL_ONLY.fullmatch(scope_zh):
            # 国家级专精特新企业10家、省级100家: the level of the previous item's noun
            head = LEVEL_HEAD.sub("", prev.scope_zh)
            if head != prev.scope_zh:
                scope_zh += head
    metric = metric_m[1] if metric_m else ""
    if not metric:
        mm = list(METRIC.finditer(region))
        metric = mm[-1].group(0) if mm else ""
    raw_scope = scope_zh
    explicit = True
    if scope_zh in ANAPHOR:  # 全产业链, 整体 …: the paragraph's chain
        explicit = False
        referent = ""
        if same_sentence_prev and not noun_after and scope_zh == "":
            # 实施重点项目300个，计划投资1500亿元: the investment of those projects
            projects = prev.indicator == "project_count" and unit == "CNY" and "投" in metric
            referent = prev.scope_zh if projects else prev.subject
        if region.strip("，,、；; ").startswith(("整体", "全产业链")):
            referent = ""
        scope_zh = referent or paragraph_topic(doc, line_start, line_end) or scope_zh
    if not metric and same_sentence_prev:
        metric = prev.metric
    elif not metric and unit in ("CNY", "GW"):
        # 营业收入实现翻番，达到2000亿元: the metric named earlier in the sentence
        mm = list(METRIC.finditer(t, sentence_start, region_start))
        metric = mm[-1].group(0) if mm else ""

    if range_cmp == ">=g":
        indicator = "growth_rate"  # 两位数增长
    else:
        noun = raw_scope or scope_zh
        indicator = indicator_of(unit, unit_word, metric, metric_m is not None, noun, region, after)
    if unit == "percent" and indicator == "other":
        base = region.rstrip("的 ")
        if METRIC_RIGHT_BEFORE.search(base) or RATIO_BASE.search(base):
            return None  # 不低于装机容量的10%, 基准地价的70%: a ratio rule, not a goal
        if same_sentence_prev and not region.strip("，,、 "):
            indicator = prev.indicator
    if unit == "percent" and indicator == "growth_rate" and is_dd and not scope_zh and prev:
        scope_zh = prev.subject
    # a counted noun is not what a following clause talks about
    inherited = prev.subject if same_sentence_prev else ""
    subject = inherited if unit == "count" else scope_zh

    if unit_word == "次" and (
        PROCEDURE.search(scope_zh + region)
        or (MEETING.search(scope_zh + region) and EVERY.search(t, clause_start, num_start))
    ):
        return None  # 每季度召开1次推进会议, 开展1次督导: procedure
    qstart = quote_start(doc, clause_start, sentence_start, num_start)
    line_text = t[line_start : line_start + 10]
    return Row(
        start=qstart,
        end=quote_end,
        num_start=num_start,
        num_end=num_end,
        sentence_start=sentence_start,
        scope_zh=scope_zh,
        scope_explicit=explicit,
        tail=tail,
        indicator=indicator,
        value=value,
        stretch=stretch,
        unit=unit,
        comparator=comparator,
        commitment=commitment,
        period=period,
        needs_review=needs_review,
        review_reason=reason,
        raw=numtext + unit_word if needs_review else "",
        year_inferred=year_inferred,
        in_headline=bool(HEADLINE_LINE.match(line_text)),
        in_table=in_table_cell(t, line_start, num_end),
        metric=metric,
        subject=subject,
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
