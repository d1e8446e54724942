"""Attainment on rows of our own: each comparator, firm and aspirational, due or not."""

from __future__ import annotations

import pandas as pd
import pytest
from overtime_fixtures import actual, frame, target

from policylens.overtime.attainment import TOLERANCE, attainment, reaches


def _one(targets: list[dict], actuals: list[dict] = (), outcomes=None, **options) -> pd.Series:
    table = attainment(
        frame("targets", targets), frame("actuals", list(actuals)), outcomes, **options
    )
    assert len(table) == len(targets)
    return table.iloc[0]


@pytest.mark.parametrize(
    ("comparator", "outcome", "status"),
    [
        (">=", 3.0e11, "met"),
        (">=", 3.2e11, "met"),
        (">=", 2.99e11, "not_met"),
        (">", 3.0e11, "not_met"),  # 突破3000亿元 needs more than 3000亿元
        (">", 3.01e11, "met"),
        ("=", 3.0e11, "met"),  # 达到: reaching it, or more
        ("=", 3.5e11, "met"),
        ("=", 2.9e11, "not_met"),
        ("~", 3.0e11 * (1 - TOLERANCE), "met"),  # 左右: within the stated tolerance
        ("~", 2.8e11, "not_met"),
        ("<=", 2.9e11, "met"),  # 控制在…以内: a cap, kept
        ("<=", 3.0e11, "met"),
        ("<=", 3.1e11, "not_met"),
    ],
)
def test_each_comparator_is_respected(comparator, outcome, status):
    row = _one([target(comparator=comparator)], [actual(value=outcome)])
    assert row["status"] == status
    assert row["outcome_value"] == outcome and row["outcome_source"] == "actuals"
    assert row["outcome_ref"] == "report:a1" and row["outcome_doc"] == "report"
    assert (row["tolerance"] == TOLERANCE) if comparator == "~" else pd.isna(row["tolerance"])


def test_a_reported_lower_bound_meets_a_goal_of_exceeding_the_same_figure():
    assert reaches(3.0e11, 3.0e11, ">", lower_bound=">")
    row = _one([target(comparator=">")], [actual(value=3.0e11, comparator=">")])
    assert row["status"] == "met"


def test_a_lower_bound_never_shows_a_cap_kept():
    assert not reaches(2.0e11, 3.0e11, "<=", lower_bound=">")
    below = _one([target(comparator="<=")], [actual(value=2.0e11, comparator=">")])
    assert below["status"] == "no_outcome" and "lower bound" in below["note"]
    above = _one([target(comparator="<=")], [actual(value=3.5e11, comparator=">")])
    assert above["status"] == "not_met"  # more than 3500亿: over the cap whatever it was


def test_a_lower_bound_below_the_goal_says_nothing():
    row = _one([target()], [actual(value=2.0e11, comparator=">")])
    assert row["status"] == "no_outcome" and "lower bound" in row["note"]


def test_firm_floor_and_stretch_are_tested_apart():
    row = _one([target(value_stretch=3.5e11)], [actual(value=3.2e11)])
    assert (row["tested"], row["tested_value"], row["status"]) == ("firm", 3.0e11, "met")
    assert row["stretch_status"] == "not_met"
    assert "stretch 3,500亿元: not met" in row["note"]
    row = _one([target(value_stretch=3.5e11)], [actual(value=3.6e11)])
    assert row["stretch_status"] == "met"
    row = _one([target(value_stretch=3.5e11)], [actual(value=3.2e11, comparator=">")])
    assert row["status"] == "met" and pd.isna(row["stretch_status"])  # 超过3200亿: maybe more


def test_an_aspirational_goal_says_that_the_value_tested_is_aspirational():
    row = _one([target(commitment="aspirational")], [actual(value=2.5e11)])
    assert (row["tested"], row["status"]) == ("aspirational", "not_met")
    assert pd.isna(row["stretch_status"])


def test_without_an_outcome_the_deadline_decides_between_not_yet_due_and_no_outcome():
    goal = [target(target_year=2027)]
    assert _one(goal, reference_date="2026-06-30")["status"] == "not_yet_due"
    late = _one(goal, reference_date="2028-01-01")
    assert late["status"] == "no_outcome" and "no outcome for 2027" in late["note"]
    quarter = [target(target_year=2027, period="2027Q2", deadline="2027-06-30")]
    assert _one(quarter, reference_date="2027-07-01")["status"] == "no_outcome"
    assert _one([target(target_year=None)], reference_date="2020-01-01")["status"] == "no_outcome"


def test_only_a_whole_years_figure_of_the_same_goal_is_an_outcome():
    goal = [target(), target(target_id="plan:2", per="city")]
    reports = [
        actual(actual_id="r:a1", period="2025-06", as_of="2025-06-30"),  # half a year
        actual(actual_id="r:a2", chain="lithium_battery"),  # another chain
        actual(actual_id="r:a3", year=2024, period="2024"),  # another year
    ]
    table = attainment(
        frame("targets", goal), frame("actuals", reports), reference_date="2026-01-01"
    )
    assert list(table["status"]) == ["no_outcome", "no_outcome"]
    assert table["outcome_value"].isna().all()


def test_your_statistics_come_before_the_documents_and_the_latest_report_wins():
    reports = [
        actual(actual_id="old:a1", doc_id="old", value=2.0e11, as_of="2025-12-31"),
        actual(actual_id="new:a1", doc_id="new", value=3.1e11, as_of="2025-12-31"),
    ]
    documents = pd.DataFrame(
        {
            "doc_id": ["old", "new"],
            "province": ["Hubei", "Hubei"],
            "title_zh": ["甲", "乙"],
            "issued": pd.to_datetime(["2026-01-05", "2026-03-01"]),
            "status": ["final", "final"],
            "horizon_start": pd.array([2026, 2026], dtype="Int64"),
        }
    )
    row = _one([target()], reports, documents=documents)
    assert (row["outcome_ref"], row["status"]) == ("new:a1", "met")
    assert row["reference_date"] == pd.Timestamp("2026-03-01")  # the newest evidence
    statistics = pd.DataFrame(
        [
            {
                "province": "Hubei",
                "indicator": "revenue",
                "chain": "photovoltaic",
                "scope_zh": None,
                "per": None,
                "year": 2025,
                "value": 2.9e11,
                "unit": "CNY",
                "source": "湖北统计年鉴2026 表5",
                "row": 2,
            }
        ]
    )
    row = _one([target()], reports, statistics, documents=documents)
    assert (row["outcome_source"], row["outcome_ref"], row["status"]) == (
        "outcomes.csv",
        "outcomes.csv row 2",
        "not_met",
    )
    assert row["outcome_quote"] == "湖北统计年鉴2026 表5"


def test_no_targets_give_an_empty_table_of_the_right_columns():
    table = attainment(frame("targets", []), None, reference_date="2026-01-01")
    assert table.empty and "status" in table.columns
