"""The goal key and the order of documents: what makes two rows one goal."""

from __future__ import annotations

import pandas as pd
import pytest

from policylens.overtime.goals import document_order, goal_key, series_stem, shown


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        (
            "湖北省光伏产业行动方案（2024-2027年）（征求意见稿）",
            "湖北省光伏产业行动方案（2024-2027年）",
        ),
        ("安徽省锂电池产业链2024年行动计划", "安徽省锂电池产业链2025年行动计划"),
        (
            "河南省氢能产业发展规划（2023—2030年）",
            "河南省氢能产业发展规划（2023—2030年）中期评估报告",
        ),
        ("江苏省“十四五”新能源产业发展规划", "江苏省“十五五”新能源产业发展规划"),
    ],
)
def test_versions_of_one_plan_share_a_stem(earlier, later):
    assert series_stem(earlier) == series_stem(later)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("安徽省锂电池产业链2024年行动计划", "安徽省光伏产业链2024年行动计划"),
        ("湖北省光伏产业行动方案（征求意见稿）", "湖北省光伏产业发展规划"),
    ],
)
def test_different_plans_keep_different_stems(one, other):
    assert series_stem(one) != series_stem(other)


def test_the_chain_key_joins_scopes_written_differently_and_per_keeps_totals_apart():
    a = {"province": "Hubei", "indicator": "revenue", "unit": "CNY", "chain": "photovoltaic",
         "scope_zh": "光伏产业链", "per": None}  # fmt: skip
    b = a | {"scope_zh": "光伏产业"}
    assert goal_key(a) == goal_key(b)
    assert goal_key(a) != goal_key(a | {"per": "city"})
    no_chain = a | {"chain": None, "scope_zh": "全省规模以上工业"}
    assert goal_key(no_chain)[-1] == "scope:全省规模以上工业"


def test_documents_are_ordered_by_issue_date_else_horizon_and_a_draft_comes_first():
    documents = pd.DataFrame(
        {
            "doc_id": ["final", "draft", "undated", "horizon_only"],
            "province": ["Hubei"] * 4,
            "title_zh": ["规划", "规划（征求意见稿）", "意见", "计划（2023-2026年）"],
            "issued": pd.to_datetime(["2024-01-10", "2024-01-10", None, None]),
            "status": ["final", "draft", "final", "final"],
            "horizon_start": pd.array([2024, 2024, None, 2023], dtype="Int64"),
        }
    )
    order = document_order(documents)
    assert list(order["doc_id"]) == ["horizon_only", "draft", "final"]  # undated: no place
    assert order.loc[order["doc_id"] == "horizon_only", "order_date"].item() == pd.Timestamp(
        "2023-01-01"
    )


def test_values_are_shown_in_the_units_an_economist_reads():
    assert shown(1.2e12, "CNY") == "12,000亿元"
    assert shown(200.0, "GWh") == "200 GWh"
    assert shown(60.0, "count") == "60"
