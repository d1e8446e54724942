"""Indicator reader: the kind of quantity a value measures (TARGETS.md, table of indicators)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from policylens.extract.words import (
    CAPACITY_METRIC,
    CHANGE_BEFORE,
    EVENT_NOUN,
    FIRM_NOUN,
    GROWTH_AFTER,
    GROWTH_WORDS,
    INSTITUTION_NOUN,
    INVESTMENT_METRIC,
    OUTPUT_METRIC,
    REVENUE_METRIC,
    SHARE_WORDS,
)

if TYPE_CHECKING:
    pass


@functools.lru_cache(maxsize=4096)  # pure; policy wording repeats a lot
def count_indicator(noun: str, unit_word: str) -> str:
    if noun.endswith("项目"):
        return "project_count"  # 签约项目30个: projects, though 签约 is an event word
    if unit_word in "场期" or (EVENT_NOUN.search(noun) and unit_word in "场次个期"):
        return "event_count"
    if "集群" in noun:
        return "cluster_count"
    if "项目" in noun:
        return "project_count"
    if (unit_word == "条" and "链" in noun) or noun.endswith("链"):
        return "chain_count"
    if FIRM_NOUN.search(noun):
        return "enterprise_count"
    if unit_word == "家" and not INSTITUTION_NOUN.search(noun):
        return "enterprise_count"  # 家 is the measure word of firms
    return "other"  # 户 also counts households: 覆盖家庭2000万户


def _money_indicator(metric: str) -> str:
    if REVENUE_METRIC.search(metric):
        return "revenue"
    if "产值" in metric:
        return "output_value"
    if INVESTMENT_METRIC.search(metric):
        return "investment"
    return "other"


def _percent_indicator(region: str, after: str) -> str:
    if SHARE_WORDS.search(region):
        return "share"
    if GROWTH_WORDS.search(region) or GROWTH_AFTER.match(after):
        return "growth_rate"
    return "other"


def indicator_of(
    unit: str, unit_word: str, metric: str, own_metric: bool, noun: str, region: str, after: str
) -> str:
    """The indicator of a value, from its canonical unit and the words that name it.

    `own_metric` says the metric word belongs to the value's own subject
    (整车产能达到150万辆), not to a neighbouring clause.
    """
    capacity = bool(CAPACITY_METRIC.search(metric)) and (unit not in ("count", "") or own_metric)
    if unit == "CNY":
        return _money_indicator(metric)
    if unit == "GW":
        return "other" if "产量" in metric else "capacity"  # 组件产量100GW: output
    if unit in ("t", "") or (unit == "count" and capacity):
        # 产能达到20万吨 / 150万辆 / 300GWh (a unit to review): still a capacity
        return "capacity" if capacity else "other"
    if unit == "percent":
        change = CHANGE_BEFORE.search(region[-8:])
        if change:  # 提高20%, 下降13.5%: a change, not a level
            rising = change.group("up") and "百分点" not in unit_word
            return "growth_rate" if rising else "other"
        return _percent_indicator(region, after)
    if unit == "count":
        if own_metric and OUTPUT_METRIC.search(metric):
            return "other"  # 产量突破100万辆: vehicles made, whatever the subject is
        return count_indicator(noun, unit_word[:1])
    return "other"
