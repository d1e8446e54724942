"""Indicator reader: the kind of quantity a value measures (TARGETS.md, table of indicators)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from policylens.extract.words import (
    CAPACITY_METRIC,
    CHANGE_BEFORE,
    CLUSTER_NOUN,
    EVENT_NOUN,
    FIRM_NOUN,
    FOREIGN_MONEY,
    GOAL_VERB,
    GROWTH_AFTER,
    GROWTH_WORDS,
    HOUSEHOLD_NOUN,
    INDUSTRY_NOUN,
    INSTITUTION_NOUN,
    INVESTMENT_METRIC,
    OUTPUT_METRIC,
    PRODUCTION_METRIC,
    REVENUE_METRIC,
    SCALE_METRIC,
    SHARE_AFTER,
    SHARE_WORDS,
)

if TYPE_CHECKING:
    pass


@functools.lru_cache(maxsize=4096)  # pure; policy wording repeats a lot
def count_indicator(noun: str, unit_word: str) -> str:
    """The indicator of a count, from its counted noun (a size tier before it does not matter)."""
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
    if CLUSTER_NOUN.search(noun):
        return "cluster_count"  # 园区, 基地 count with clusters
    if INDUSTRY_NOUN.search(noun) and unit_word not in "家户":
        return "industry_count"  # 10个优势产业, 县域冠军产业 (but 汽车产业5家 counts firms)
    if FIRM_NOUN.search(noun):
        return "enterprise_count"
    if unit_word == "家" and not INSTITUTION_NOUN.search(noun):
        return "enterprise_count"  # 家 is the measure word of firms
    if unit_word == "户" and not HOUSEHOLD_NOUN.search(noun):
        return "enterprise_count"  # 户 counts firms (规上工业企业100户), not households
    return "other"


@functools.lru_cache(maxsize=1024)  # a metric word (营业收入, 产值, 投资, 占…比): pure
def _money_indicator(metric: str) -> str:
    if REVENUE_METRIC.search(metric):
        return "revenue"
    if "产值" in metric:
        return "output_value"
    if "增加值" in metric:
        return "value_added"
    if INVESTMENT_METRIC.search(metric):
        return "investment"
    if SCALE_METRIC.search(metric):
        return "scale"
    return "other"


def _percent_indicator(region: str, after: str) -> str:
    if SHARE_WORDS.search(region) or SHARE_AFTER.match(after):
        return "share"
    if GROWTH_WORDS.search(region) or GROWTH_AFTER.match(after):
        return "growth_rate"
    return "other"


@functools.lru_cache(maxsize=1024)  # a metric word, a flag and a unit: pure
def _physical_indicator(metric: str, own_metric: bool, unit: str) -> str:
    """capacity (产能, 装机, 规模), production (产量, 发电量) or other, for GW, GWh, t, m2, counts."""
    if PRODUCTION_METRIC.search(metric) and (unit != "count" or own_metric):
        return "production"  # 产量突破100万辆, 发电量100亿千瓦时, 组件产量100GW
    if CAPACITY_METRIC.search(metric) and (unit not in ("count", "") or own_metric):
        return "capacity"  # 产能达到20万吨 / 150万辆 / 300GWh
    return ""


def _area_of_its_own(region: str) -> bool:
    """An area whose clause names its own noun after the verb (新建厂房100万平方米) and no
    capacity or production word: it does not take the metric of the clause before."""
    verbs = list(GOAL_VERB.finditer(region))
    if not verbs:
        return False
    noun = region[verbs[-1].end() :].strip()
    return bool(noun) and not (CAPACITY_METRIC.search(region) or PRODUCTION_METRIC.search(region))


def indicator_of(
    unit: str, unit_word: str, metric: str, own_metric: bool, noun: str, region: str, after: str
) -> str:
    """The indicator of a value, from its canonical unit and the words that name it.

    `own_metric` says the metric word belongs to the value's own subject
    (整车产能达到150万辆), not to a neighbouring clause.
    """
    if unit == "CNY" or (not unit and FOREIGN_MONEY.search(unit_word)):
        return _money_indicator(metric)  # 实际使用外资10亿美元: investment, kept for review
    if unit == "percent":
        change = CHANGE_BEFORE.search(region[-8:])
        if change:  # 提高20%, 下降13.5%: a change, not a level
            rising = change.group("up") and "百分点" not in unit_word
            return "growth_rate" if rising else "other"
        return _percent_indicator(region, after)
    if unit == "m2" and _area_of_its_own(region):
        return "other"  # 新建标准化厂房100万平方米: floor area, not the previous clause's 产能
    physical = _physical_indicator(metric, own_metric, unit)
    if physical:
        return physical
    if unit in ("GW", "GWh"):
        return "capacity" if unit == "GW" else "other"
    if unit == "count":
        if own_metric and OUTPUT_METRIC.search(metric):
            return "other"  # 销量突破100万辆: vehicles sold
        return count_indicator(noun, unit_word[:1])
    return "other"
