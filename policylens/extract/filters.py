"""Is-it-a-target filters: facts, rules, thresholds, nameplates and framing counts are not goals.

Each filter takes a :class:`~policylens.extract.context.Hit` and answers one
question; :func:`policylens.extract.hits.analyse_hit` calls them in order.
"""

from __future__ import annotations

import re

from policylens.extract.context import Hit, may_start
from policylens.extract.scope import strip_subject
from policylens.extract.words import (
    AS_OF_MONTH,
    ATTEND_AFTER,
    ATTEND_BEFORE,
    BLOCK,
    CHANGE_BEFORE,
    CONFIGURE,
    COUNT_SET,
    CREATE_VERB,
    DATED_HEAD,
    EVENT_WORDS,
    EVERY,
    FACILITY_AFTER,
    FACT,
    FACT_HEAD,
    FACT_HEAD_END,
    FIRM_SPEAKS,
    FIRST_TIME,
    FRAMING_AFTER,
    FRAMING_BEFORE,
    FROM_TO,
    FUND_AFTER,
    FUND_BEFORE,
    GOAL_VERB,
    GOAL_WORDS,
    IN_PROJECT_BRACKETS,
    LAND_UNITS,
    LEVERAGED,
    LIST_SEP,
    MEASURE_NOUN,
    MEETING,
    METRIC_RIGHT_BEFORE,
    NAMEPLATE_AFTER,
    NAMEPLATE_BEFORE,
    NAMEPLATE_LAST,
    ORDINAL_BEFORE,
    PAST_POINT,
    PEOPLE_UNITS,
    PER_ITEM,
    POWER_ENERGY_PAIR,
    PROCEDURE,
    PROJECT_EFFECT,
    PROJECT_ENDS_CLAUSE,
    PROJECT_INVESTMENT,
    PROJECT_WORD,
    QUALIFIED_AFTER,
    RATIO_BASE,
    REGIONAL,
    REQUIREMENT,
    RETROSPECTIVE,
    RETROSPECTIVE_WORDS,
    RULE_WORDING,
    SHARE_AFTER,
    SHARE_WORDS,
    SIGNED_AT_EVENT,
    SIZE_ONLY_CLAUSE,
    SIZE_TIER_AFTER,
    SIZED_BY,
    SUBSIDY,
    YOY,
    YOY_WORDS,
)
from policylens.grammar.numbers import parse_number


def _sentence_marks(hit: Hit) -> tuple[bool, int, int, bool]:
    """(a 同比 statistic without goal words, end of its first retrospective mark or -1,
    end of a fact head such as 目前， or -1, a word of an event report (签, 后, 负责, 董事长)).

    The same for every hit of a sentence, so computed once per sentence.
    """
    key = (hit.sentence_start, hit.sentence_end)
    marks = hit.doc.sentence_marks.get(key)
    if marks is None:
        t, lo, hi = hit.text, hit.sentence_start, hit.sentence_end
        # each pattern is searched only in a sentence holding a word every match of it holds
        # (most sentences hold none, and `in` is cheaper than the search)
        sentence = t[lo:hi]
        statistic = (
            _holds_one_of(sentence, YOY_WORDS)
            and YOY.search(t, lo, hi) is not None
            and not GOAL_WORDS.search(t, lo, hi)
        )
        # 近三年来…年均增长30%, 截至今年4月底…: a review of the past, a reporting date
        past = _holds_one_of(sentence, RETROSPECTIVE_WORDS) and RETROSPECTIVE.search(t, lo, hi)
        as_of = "截" in sentence and AS_OF_MONTH.search(t, lo, hi)
        if past and as_of:
            past_end = min(past.end(), as_of.end())
        else:
            past_end = past.end() if past else as_of.end() if as_of else -1
        head = may_start(t, lo, "截目当现") and FACT_HEAD.match(t, lo, hi)
        event = _holds_one_of(sentence, EVENT_WORDS)
        marks = (statistic, past_end, head.end() if head else -1, event)
        hit.doc.sentence_marks[key] = marks
    return marks


def _holds_one_of(text: str, words: tuple[str, ...]) -> bool:
    """Any of `words` stands in `text` (a loop: cheaper than any() over a generator)."""
    for word in words:  # noqa: SIM110 (any() over a generator costs a frame per call)
        if word in text:
            return True
    return False


def states_rule(hit: Hit) -> bool:
    """An ordinal (第三), a subsidy or its rate (按投资额的30%给予补助), or a per-item
    specification (单站…不低于500公斤): neither a goal nor a figure achieved."""
    region = hit.region
    if hit.region_last and hit.region_last in "第前pP" and ORDINAL_BEFORE.search(region[-6:]):
        return True
    if region and _RULE_IN_REGION.search(region) is not None and _rule_in_region(hit):
        return True
    if hit.after and SUBSIDY.search(hit.after):  # most clauses end at the unit
        return True
    if _ratio_without_base(hit):
        return True  # 按1:1比例配套: a rule, not a ratio the plan sets
    if _configured_share(hit):
        return True  # 新建项目配建储能比例不低于10%、时长不低于2小时: a rule for each project
    if hit.text.find("基金", hit.sentence_start, hit.clause_end) != -1 and _fund_budget(hit):
        return True  # 设立规模20亿元的产业基金: a budget line
    return _placed_on_firms(hit)


def _fund_budget(hit: Hit) -> bool:
    """设立规模20亿元的产业基金, 省级产业基金对链上企业的投资规模不低于50亿元, 首期出资不少于
    3亿元: a fund's size or what it invests is a budget line (TARGETS.md's subsidies and
    rules), not a target."""
    t, lo, at = hit.text, hit.sentence_start, hit.num_start
    if "元" not in (hit.match.group("unit") or ""):
        return False
    fund = FUND_BEFORE.search(t, lo, at)
    if fund is not None:  # up to 全省… or what the fund draws in (撬动社会资本300亿元)
        return not (REGIONAL.search(t, fund.start(), at) or LEVERAGED.search(t, fund.start(), at))
    return FUND_AFTER.match(t, hit.num_end, hit.clause_end) is not None


#: any of the wordings `_rule_in_region` looks for: most regions hold none, and one
#: search of them all is answered before four (their branches joined flat, each starting
#: with a literal, so that the search skips ahead on their first characters)
_RULE_IN_REGION = re.compile(
    "|".join(rx.pattern for rx in (SUBSIDY, PER_ITEM, RULE_WORDING, SIZED_BY))
)


def _ratio_without_base(hit: Hit) -> bool:
    """A ratio X∶1 is a target only when the clause names what it compares (…之比, 收入比),
    and not a funding or matching rule (财政资金配套比例为1:1)."""
    unit = hit.match.group("unit")
    if unit is None or unit[0] not in "∶:：":
        return False
    region = hit.region
    return "比" not in region or any(w in region for w in ("配套", "资金", "按", "匹配"))


def _rule_in_region(hit: Hit) -> bool:
    """A subsidy (not a cap on a share), a per-item specification, rule wording (原则上) or a
    sizing by each project's own size, in the clause before the number."""
    region = hit.region
    if (SUBSIDY.search(region) and not _caps_a_share(hit)) or PER_ITEM.search(region):
        return True
    if RULE_WORDING.search(region):
        return True
    # 按装机容量的15%、时长2小时配置储能: each project's own sizing
    return SIZED_BY.search(region) is not None and CONFIGURE.search(hit.after) is not None


def _configured_share(hit: Hit) -> bool:
    """A share or duration of storage each project configures (配建储能比例, 配储时长), in a
    clause without a regional subject (全省新能源配储比例达到15% is the region's)."""
    if hit.unit_match not in ("%", "％", "小时"):
        return False
    return CONFIGURE.search(hit.region) is not None and not REGIONAL.search(hit.region)


def _placed_on_firms(hit: Hit) -> bool:
    """引导电池回收企业达到…回收率不低于98%, 要求制氢企业…比例达到70%以上: a requirement on
    each firm or project (a rule), up to a regional subject (全省…) that sets the region's goal."""
    t, lo, hi = hit.text, hit.sentence_start, hit.num_start
    if t.find("引导", lo, hi) < 0 and t.find("要求", lo, hi) < 0 and t.find("督促", lo, hi) < 0:
        return False  # no word REQUIREMENT starts with (str.find is cheaper than its search)
    req = REQUIREMENT.search(t, lo, hi)
    return req is not None and not REGIONAL.search(t, req.end(), hi)


def _caps_a_share(hit: Hit) -> bool:
    """亏损企业占比不超过10%, 能源消费总量不超过1.5亿吨: 不超过 caps a share or a physical
    quantity the plan sets (a target with comparator '<='), not a subsidy, a land quota, a
    term or a number of applications (最高不超过500万元, 不超过500亩, 不超过3个)."""
    words = {m.group(0) for m in SUBSIDY.finditer(hit.region)}
    if words != {"不超过"}:
        return False
    unit = hit.unit_match or ("%" if hit.percent_words else "")
    if unit in ("%", "％"):
        return bool(SHARE_WORDS.search(hit.region))
    return bool(unit) and unit not in COUNT_SET and "元" not in unit and unit not in LAND_UNITS


def states_fact(hit: Hit) -> bool:
    """An achieved or current figure: 已/目前/现有 wording in its clause, a 同比 statistic
    in a sentence without goal words, a retrospective (近三年来, 1-6月, 截至4月底) before it,
    or a sentence headed by 目前，/截至目前， with no goal word or ； before it.

    The one decision both extractors share: such a hit is never a target
    (:func:`policylens.extract.hits.judge`) and may be an actual
    (:mod:`policylens.extract.actuals`).
    """
    region = hit.region
    from_to = "由" in region and FROM_TO.search(region)
    # 由目前的40%提高到65%: 目前 is the base, not a fact
    fact_region = region[from_to.end() :] if from_to else region
    if fact_region and (
        FACT.search(fact_region) or ("首次" in fact_region and _first_time(hit, fact_region))
    ):
        return True
    statistic, past_end, head_end, _ = _sentence_marks(hit)
    # 实现营业收入1200亿元，同比增长35%: a statistic
    if statistic or 0 <= past_end <= hit.num_start:
        return True
    if (
        ("较" in region or "比" in region)
        and PAST_POINT.search(region)
        and not GOAL_WORDS.search(hit.text, hit.sentence_start, hit.sentence_end)
    ):
        return True  # 价格较高点下降超过70%, 较去年同期回落15%: measured from a past point
    # 目前，全省已建成加氢站18座，推广燃料电池汽车1200辆: the head reaches every clause
    return 0 <= head_end <= hit.num_start and not FACT_HEAD_END.search(
        hit.text, head_end, hit.num_start
    )


def _first_time(hit: Hit, region: str) -> bool:
    """产值首次突破千亿元: an achievement, unless a goal word of the sentence sets it
    (力争2026年产值首次突破千亿元)."""
    if FIRST_TIME.search(region) is None:
        return False
    return not GOAL_WORDS.search(hit.text, hit.sentence_start, hit.sentence_end)


def reports_an_event(hit: Hit) -> bool:
    """What a report says happened, or what one project or firm expects: the people at a
    meeting, the results of a signing, a project's effect once built, one firm's own plan.
    None is a goal of the plan (seventh blind round). Cheap `in` tests first: most hits
    have none of these words."""
    people = hit.unit_word in PEOPLE_UNITS
    if not (people or _sentence_marks(hit)[3]):
        return False
    t, lo, at = hit.text, hit.sentence_start, hit.num_start
    said = t[lo:at]
    if FIRM_SPEAKS.search(said) is not None:
        return True  # 一家企业负责人介绍，该企业今年计划再投资35亿元
    if GOAL_WORDS.search(t, lo, hit.sentence_end):
        return False  # 计划签约项目100个, 力争…: a goal governs the sentence
    if people and (
        ATTEND_BEFORE.search(hit.region) or (not hit.last_verb and ATTEND_AFTER.match(hit.after))
    ):
        return True  # 共约260人参加会议 (每年组织1000名企业家参加培训 is a goal)
    if "签" in said and SIGNED_AT_EVENT.search(said):
        return True  # 现场签约项目36个，总投资约480亿元
    return "后" in said and _project_effect(said)


def _project_effect(said: str) -> bool:
    """项目全部投产后预计年产值可达120亿元, 达产后可年产组件5GW: one project's expected
    effect (a project named before it, no regional subject after it)."""
    effect = PROJECT_EFFECT.search(said)
    if effect is None:
        return False
    if effect.start() > 0 and PROJECT_WORD.search(said, 0, effect.start()) is None:
        return False  # 建成后可…: at the head of its sentence, the project just reported
    return REGIONAL.search(said, effect.start()) is None


def states_fact_or_rule(hit: Hit) -> bool:
    """An ordinal, an achieved figure, a subsidy or a per-item specification, or a statistic."""
    return states_rule(hit) or states_fact(hit)


def qualifies_a_noun(hit: Hit) -> bool:
    """A threshold or nameplate that is part of a noun (亿元以上项目, 50GW光伏组件项目)."""
    region, after = hit.region, hit.after
    if not hit.is_count and _qualifies_as_amount(hit):
        return True
    if hit.canonical_unit in ("GW", "GWh", "t") and NAMEPLATE_AFTER.match(after):
        return True  # 50GW光伏组件项目: the project's nameplate, part of its name
    # the bracket is looked for first: the regex needs one, and few regions hold one
    in_brackets = ("（" in region or "(" in region) and IN_PROJECT_BRACKETS.search(region)
    if in_brackets or _sizes_the_project_before(hit):
        return True  # 某制氢示范项目（年产绿氢1万吨）: one project's figure
    if hit.canonical_unit in ("GW", "GWh") and FACILITY_AFTER.match(after):
        return _named_facility(hit)
    if "的" in after and SUBSIDY.search(hit.text, hit.clause_end, hit.sentence_end):
        return True  # 新建5G基站1万个以上的地市，给予奖励: the condition of a subsidy
    if not hit.is_frac or any(w in region for w in ("比重", "占比", "占", "份额")):
        return False
    return CHANGE_BEFORE.search(region[-8:]) is None  # 会议数量压减三分之一: a reduction


def _qualifies_as_amount(hit: Hit) -> bool:
    """An amount that is a nameplate (年产1000吨) or qualifies a noun after it (亿元以上项目),
    not the energy of a power/energy pair (5GW/20GWh以上)."""
    if _nameplate_before(hit) and not _invests_in_counted_projects(hit):
        return True
    after = hit.after
    pair = hit.canonical_unit == "GW" and POWER_ENERGY_PAIR.match(after)
    return bool(QUALIFIED_AFTER.match(after)) and not pair


def _nameplate_before(hit: Hit) -> bool:
    """年产, 设计产能, 总投资 right before the number (tested first by the region's last
    character, as NAMEPLATE_BEFORE is anchored at the region's end)."""
    return (
        hit.region_last in NAMEPLATE_LAST and NAMEPLATE_BEFORE.search(hit.region[-8:]) is not None
    )


def _sizes_the_project_before(hit: Hit) -> bool:
    """建成某绿氢示范项目，年产绿氢1万吨: a clause that only gives the size of the project
    the clause before it names."""
    start = hit.clause_start
    if start <= hit.sentence_start or not may_start(hit.text, start, "年设总装建"):
        return False
    if not SIZE_ONLY_CLAUSE.match(hit.text, start, hit.num_start):
        return False
    return PROJECT_ENDS_CLAUSE.search(hit.text, max(0, start - 12), start) is not None


def _named_facility(hit: Hit) -> bool:
    """加快推进滨江200万千瓦抽水蓄能电站: one station, named by its place (or in a list of
    projects to push on), not a regional capacity (全省建成300万千瓦储能电站)."""
    verbs = list(GOAL_VERB.finditer(hit.region))
    name = hit.region[verbs[-1].end() :] if verbs else hit.region
    name = name.strip(" ，,、")
    if verbs and verbs[-1].group(0) == "推进":
        return not REGIONAL.search(name)
    return bool(name) and not REGIONAL.search(name) and not METRIC_RIGHT_BEFORE.search(name)


def _invests_in_counted_projects(hit: Hit) -> bool:
    """实施重点项目100项，总投资2000亿元: the investment of the projects just counted."""
    prev = hit.prev
    return (
        hit.same_sentence_prev
        and prev.indicator == "project_count"
        and bool(PROJECT_INVESTMENT.search(hit.region))
    )


def counts_named_places(hit: Hit, listed: str) -> bool:
    """建设海南州、海西州两个基地, 重点打造整车、电池、储能3条产业链: the count of things just
    named (what the plan covers, TARGETS.md's framing counts), not a goal of its own; but
    打造新能源、新材料两个千亿级产业集群 sets the size they are to reach (a goal)."""
    if not (hit.is_count and "、" in listed) or SIZE_TIER_AFTER.match(hit.after):
        return False
    names = [w for w in LIST_SEP.split(strip_subject(listed)) if w]
    return len(names) == parse_number(hit.numtext)


def is_framing_or_listed(hit: Hit) -> bool:
    """围绕12条产业链, 巩固提升十大支柱产业, A、B和C等: what a plan covers, not what it creates."""
    last = hit.last_verb
    listed = hit.region[last.end() :] if last else hit.region
    if listed and BLOCK.search(listed):  # most goals have their verb right before the number
        return True
    if hit.is_count and (_framing_before(hit.region[-12:]) or _framing_after(hit.after)):
        return True
    if hit.unit_word == "大" and not _creates_the_big_ones(hit):
        return True  # 推进三大集聚区建设, 发挥两大基地作用: what exists, not what is created
    if "、" in listed and last and not CREATE_VERB.search(last.group(0)):
        return True
    if counts_named_places(hit, listed):
        return True
    # 年产1000台风机项目: a project's nameplate
    return hit.is_count and _nameplate_before(hit) and bool(NAMEPLATE_AFTER.match(hit.after))


def _framing_before(tail: str) -> bool:
    """巩固提升, 做大做强, 以打造 before a count (each holds one of 巩, 做, 优化, 以)."""
    if "巩" in tail or "做" in tail or "优化" in tail or "以" in tail:
        return FRAMING_BEFORE.search(tail) is not None
    return False


def _framing_after(after: str) -> bool:
    """…为抓手, …为重点 after a count (each holds 为)."""
    return "为" in after and FRAMING_AFTER.match(after) is not None


def _creates_the_big_ones(hit: Hit) -> bool:
    """打造两大锂电产业基地, 培育壮大三大集聚区: 两大/三大 after a verb that creates them."""
    last = hit.last_verb
    return (
        last is not None
        and CREATE_VERB.search(last.group(0)) is not None
        and len(hit.region) - last.end() <= 4
    )


def has_goal_evidence(hit: Hit) -> bool:
    """A goal verb, a comparator or a range; or a parallel clause of a target before it."""
    if hit.last_verb or hit.cmp_after_word or hit.prefix_cmp or hit.is_dd or hit.is_range:
        return True
    if hit.canonical_unit == "percent" and SHARE_AFTER.match(hit.after):
        return True  # 100%使用新能源汽车: the verb follows the share
    if DATED_HEAD.match(hit.text, hit.sentence_start, hit.num_start):
        return True  # 2030年——加氢站70座，燃料电池汽车7000辆: rows of a dated goal
    if _after_a_goal_colon(hit):
        return True  # 新增规上工业企业：南京10家、苏州12家

    prev = hit.prev
    if not hit.same_sentence_prev:
        return False
    # parallel clause: 创建…企业5家,“领航”企业5家
    return (
        hit.is_count == (prev.unit == "count")
        or bool(GOAL_WORDS.search(hit.text, hit.sentence_start, hit.num_start))
        or prev.period is not None
    )


def _after_a_goal_colon(hit: Hit) -> bool:
    """A list after a colon that closes a goal clause of the same sentence."""
    t, start = hit.text, hit.clause_start
    if start <= hit.sentence_start or t[start - 1] not in "：:":
        return False
    head_start = hit.doc.last_delim(hit.sentence_start, start - 1) + 1 or hit.sentence_start
    return bool(GOAL_VERB.search(t, max(head_start, hit.sentence_start), start - 1))


def is_noun_phrase_goal(hit: Hit) -> bool:
    """目标：2025年产值1000亿元 — a metric and its value with no verb (a goal only when dated)."""
    return bool(METRIC_RIGHT_BEFORE.search(hit.region[-10:]))


def is_ratio_rule(hit: Hit) -> bool:
    """不低于装机容量的10%, 基准地价的70%: a ratio rule, not a goal."""
    base = hit.region.rstrip("的 ")
    return bool(METRIC_RIGHT_BEFORE.search(base) or RATIO_BASE.search(base))


def is_procedure(hit: Hit, scope_zh: str) -> bool:
    """每季度召开1次推进会议, 开展1次督导, 出台政策5项: procedure or measures, not a target."""
    if hit.is_count and MEASURE_NOUN.search(scope_zh):
        return True
    if hit.unit_word != "次":
        return False
    words = scope_zh + hit.region
    if PROCEDURE.search(words):
        return True
    return bool(MEETING.search(words)) and bool(
        EVERY.search(hit.text, hit.clause_start, hit.num_start)
    )
