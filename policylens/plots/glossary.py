"""The words of the charts, in English and Chinese.

English chart text comes from the tables' English columns (``scope``,
``label``, ``purpose``, ``title_en``) and from this glossary of policy terms;
Chinese chart text comes from the tables' Chinese columns and the Chinese
column of :data:`TEXT`. Append entries here when a new document brings a new
actor or purpose; unknown keys fall back to a readable form of the key.
"""

from __future__ import annotations

import pandas as pd

from policylens.model import vocab

#: Policy terms a reader of the English charts meets, with the English used for them.
TERMS: dict[str, str] = {
    "链主": "chain-leader firm",
    "链主企业": "chain-leader firm",
    "链核": "chain-core firm",
    "链长": "chain chief",
    "链长制": "chain-chief system",
    "链长牵头单位": "chain lead agency",
    "专精特新": "specialised SMEs",
    "小巨人": "'little giant' firms",
    "力争": "strive to",
    "争取": "strive to",
    "努力": "endeavour to",
    "营业收入": "revenue",
    "营收": "revenue",
    "产业链": "industrial chain",
    "产业集群": "industrial cluster",
    "优势产业": "advantage industry",
    "园区": "industrial park",
    "开发区": "development zone",
    "属地": "host locality",
    "招商": vocab.PURPOSES["招商"],
}

#: Actor key of ``mode_actors.actor`` → (English, Chinese): the vocabulary's one translation.
ACTORS: dict[str, tuple[str, str]] = vocab.ACTOR_LABELS

#: Purpose as written (``modes.purpose_zh``) → English, used when ``modes.purpose`` is empty.
PURPOSES: dict[str, str] = vocab.PURPOSES

#: Indicator key → (English, Chinese).
INDICATORS: dict[str, tuple[str, str]] = {
    "revenue": ("Revenue", "营业收入"),
    "output_value": ("Output value", "产值"),
    "value_added": ("Value added", "增加值"),
    "scale": ("Industry scale", "产业规模"),
    "capacity": ("Capacity", "产能"),
    "production": ("Production", "产量"),
    "industry_count": ("Industries", "产业数"),
    "enterprise_count": ("Firms", "企业数"),
    "project_count": ("Projects", "项目数"),
    "chain_count": ("Key chains", "重点产业链"),
    "cluster_count": ("Clusters", "产业集群"),
    "event_count": ("Events", "活动场次"),
    "growth_rate": ("Growth rate", "增速"),
    "share": ("Share", "占比"),
    "investment": ("Investment", "投资"),
    "other": ("Other", "其他"),
}

#: What a per-unit value is per (``targets.per``) → (English, Chinese).
PER: dict[str, tuple[str, str]] = {
    "city": ("per city", "每个市"),
    "county": ("per county", "每个县"),
    "district": ("per district", "每个区"),
    "township": ("per township", "每个乡镇"),
    "zone": ("per zone", "每个园区/开发区"),
    "park": ("per park", "每个园区"),
    "chain": ("per chain", "每条产业链"),
    "enterprise": ("per firm", "每家企业"),
    "project": ("per project", "每个项目"),
    "year": ("per year", "每年"),
    "half_year": ("per half-year", "每半年"),
    "quarter": ("per quarter", "每季度"),
    "month": ("per month", "每月"),
}

#: Chain level (``chains.level``) → (English, Chinese).
LEVELS: dict[str, tuple[str, str]] = {
    "chain": ("Key chains", "重点产业链"),
    "sub_chain": ("Sub-chains", "细分产业链"),
    "cluster": ("Clusters", "产业集群"),
    "industry": ("Advantage industries", "优势产业"),
}

#: Count indicators that are not chains, shown apart in the chain-count comparison.
LEVEL_OF_COUNT: dict[str, str] = {
    "chain_count": "chain",
    "cluster_count": "cluster",
    "industry_count": "industry",
}

#: Chart text key → (English, Chinese).
TEXT: dict[str, tuple[str, str]] = {
    # revenue goals
    "revenue_title": ("Chain revenue goals", "产业链营业收入目标"),
    "revenue_axis": ("Revenue goal (CNY bn)", "营业收入目标（亿元）"),
    "revenue_totals_title": (
        "Revenue goals added up per province and target year",
        "各省按目标年份汇总的营业收入目标",
    ),
    "revenue_totals_axis": (
        "Sum of chain revenue goals (CNY bn)",
        "产业链营业收入目标合计（亿元）",
    ),
    "floor": ("Floor (firm wording)", "底线值（明确表述）"),
    "floor_aspirational": ("Floor ('strive to', 力争)", "力争值（力争/争取）"),
    "stretch": ("Stretch ('strive to reach')", "力争更高值"),
    "stated_total": ("Province-wide goal as stated", "文件所列总体目标"),
    "chain_sum": ("Sum of the chains' goals", "各产业链目标之和"),
    "no_revenue": ("sets no revenue goal", "未设营业收入目标"),
    "no_revenue_but": ("no revenue goal; states ", "未设营业收入目标；另设"),
    "see_other_goals": (" (chart: other money and capacity goals)", "（见其他金额与产能目标图）"),
    "other_goals_title": ("Other money and capacity goals", "其他金额与产能目标"),
    "other_goals_axis": ("Goal", "目标"),
    "whole_set": ("all {n} {scope}", "全部{n}条{scope_zh}"),
    "whole_set_uncounted": ("{scope} as a whole", "{scope_zh}整体"),
    "left_out": ("Not added up: ", "未计入合计："),
    "by": ("by", "到"),
    # chain counts
    "chain_counts_title": (
        "Key chains, clusters and advantage industries: named now vs targeted",
        "重点产业链、产业集群和优势产业：现有与目标数量",
    ),
    "chain_counts_axis": ("Number (count)", "数量（个/条）"),
    "named": ("Named or counted in the plan", "文件列明的数量"),
    "targeted": ("Targeted", "目标数量"),
    "firm_project_title": ("Firm and project count goals", "企业和项目数量目标"),
    "firm_project_axis": ("Goal (number of firms or projects)", "目标（企业数或项目数）"),
    # modes
    "modes_title": (
        "Collaboration modes: which actors each mode combines",
        "协作模式：各模式组合的主体",
    ),
    "modes_province_title": (
        "Collaboration modes: how often each province combines each actor",
        "协作模式：各省组合各类主体的次数",
    ),
    "actor": ("Actor", "主体"),
    "mode": ("Mode (purpose)", "模式（用途）"),
    "modes_cell_note": (
        " (dot size and number: how many of the province's modes use the actor)",
        "（圆点大小和数字：该省使用此主体的模式数）",
    ),
    "purposes_title": ("What the collaboration modes are for", "协作模式的用途"),
    "purposes_axis": ("Number of modes (count)", "模式数量（个）"),
    "purpose": ("Purpose", "用途"),
    "other_slogans": (
        "Slogans joined by '+' that are not collaboration between actors are left out: ",
        "未计入非主体协作的“+”式提法：",
    ),
    # timelines
    "timelines_title": (
        "Plans on one time axis: issue date, horizon and milestones",
        "政策时间轴：发布日期、规划期与时间节点",
    ),
    "time_axis": ("Date", "日期"),
    "issued": ("Issue date", "发布日期"),
    "horizon": ("Plan horizon", "规划期"),
    "milestone": ("Milestones due (number)", "到期节点（个数）"),
    "target_due": ("Quantitative targets due", "量化目标到期"),
    "undated": ("no date or horizon stated", "未注明日期和规划期"),
    "quarters_title": ("Milestones due per quarter", "各季度到期的时间节点"),
    "quarters_axis": ("Milestones due (count)", "到期节点数（个）"),
    "quarter": ("Quarter", "季度"),
    # targets over time
    "revisions_title": (
        "How successive documents revised the same goal",
        "前后文件对同一目标的调整",
    ),
    "revisions_axis": ("Later goal (earlier goal = 100)", "调整后目标（调整前目标 = 100）"),
    "no_revisions": (
        "No revisions in this corpus: no goal is stated by two successive documents of a "
        "province (add a plan's final version or next year's plan to see them)",
        "本语料中没有目标调整：没有同一省份前后两份文件都提出的目标（加入方案的正式稿或下一年度方案即可看到）",
    ),
    "more_rows": ("… and {n} more rows in revisions.csv", "……另有{n}行见revisions.csv"),
    "change_raised": ("raised", "上调"),
    "change_lowered": ("lowered", "下调"),
    "change_tightened": ("cap tightened", "上限收紧"),
    "change_loosened": ("cap loosened", "上限放宽"),
    "change_postponed": ("postponed", "推迟"),
    "change_brought_forward": ("brought forward", "提前"),
    "change_unchanged": ("unchanged", "未变"),
    "change_dropped": ("dropped", "删除"),
    "change_new": ("new", "新增"),
    "attainment_title": ("Were the targets met?", "目标完成情况"),
    "attainment_axis": (
        "Targets (count), judged at {date}",
        "目标数（个），截至{date}",
    ),
    "outcome_axis": (
        "Outcome as a share of the value tested (target = 100)",
        "实际值占目标值的比例（目标 = 100）",
    ),
    "no_outcomes": (
        "No outcomes yet for targets that are due: add later documents that report results, "
        "or your statistics in data/raw/outcomes.csv",
        "已到期目标暂无实际值：可加入报告完成情况的后续文件，或在data/raw/outcomes.csv中填入统计数据",
    ),
    "status_met": ("met", "已完成"),
    "status_not_met": ("not met", "未完成"),
    "status_not_yet_due": ("not yet due", "尚未到期"),
    "status_no_outcome": ("no outcome", "无实际值"),
    # common
    "source": ("Source", "资料来源"),
    "no_data": ("No data in the tables for this chart", "表中暂无此图所需数据"),
    "province": ("Province", "省份"),
    "draft": ("draft", "征求意见稿"),
}


def text(key: str, lang: str) -> str:
    """Chart text ``key`` in ``lang`` (``"en"`` or ``"zh"``)."""
    english, chinese = TEXT[key]
    return english if lang == "en" else chinese


def actor_label(actor: str, lang: str, written: str | None = None) -> str:
    """English or Chinese name of an actor key; unknown keys fall back to the words as written."""
    if actor in ACTORS:
        english, chinese = ACTORS[actor]
        return english if lang == "en" else chinese
    if lang == "zh" and written:
        return written
    return vocab.actor_label(actor) or actor.replace("_", " ").capitalize()


def purpose_label(purpose_zh: str | None, purpose_en: str | None, lang: str) -> str:
    """The purpose of a mode in ``lang``, from the table's columns or the glossary."""
    # A mode whose purpose the text does not say has <NA> here, which has no truth value.
    purpose_zh = purpose_zh if isinstance(purpose_zh, str) else None
    purpose_en = purpose_en if isinstance(purpose_en, str) else None
    if lang == "zh":
        return purpose_zh or ""
    if purpose_en:
        return purpose_en
    if purpose_zh:
        return PURPOSES.get(purpose_zh, purpose_zh)
    return ""


def indicator_label(indicator: str, lang: str) -> str:
    english, chinese = INDICATORS.get(indicator, (indicator, indicator))
    return english if lang == "en" else chinese


def per_label(per: object, lang: str) -> str:
    """'per city' / '每个市' for a per-unit value; '' for a total (empty ``per``)."""

    if per is None or pd.isna(per) or not str(per).strip():
        return ""
    key = str(per).strip()
    english, chinese = PER.get(key, (f"per {key.replace('_', ' ')}", f"每{key}"))
    return english if lang == "en" else chinese


def level_label(level: str, lang: str) -> str:
    english, chinese = LEVELS.get(level, (level, level))
    return english if lang == "en" else chinese
