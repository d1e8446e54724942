"""Actuals: achieved or current figures, one class of wording per test, each with sentences
of our own; and the one decision shared with targets (never both)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pandas as pd
import pytest
import yaml

from policylens.extract import extract_targets
from policylens.extract.actuals import ACTUAL_COLUMNS, extract_actual_rows, extract_actuals

ROOT = Path(__file__).resolve().parents[2]


def rows(text: str, issued: str) -> list[tuple]:
    df = extract_actuals(text, issued)
    return [
        (r.indicator, r.value, r.unit, None if r.year is None else int(r.year), r.period)
        for r in df.astype(object).where(df.notna(), None).itertuples()
    ]


def one(text: str, issued: str):
    df = extract_actuals(text, issued)
    assert len(df) == 1, df[["quote", "value"]]
    row = df.iloc[0]
    assert text[row.char_start : row.char_end] == row.quote
    return row


@pytest.mark.parametrize(
    ("text", "issued", "expected"),
    [
        (
            "截至2023年底，全省已建成充电桩4.2万个。",
            "2024-02-01",
            ("other", 42000.0, "count", 2023, "2023"),
        ),
        (
            "截至2022年末，全市光伏发电装机规模达到320万千瓦。",
            "2023-06-01",
            ("capacity", 3.2, "GW", 2022, "2022"),
        ),
        (
            "截至2024年6月底，产业链上企业达到512家。",
            "2024-09-01",
            ("enterprise_count", 512.0, "count", 2024, "2024-06"),
        ),
    ],
)
def test_as_of_a_date(text, issued, expected):
    assert rows(text, issued) == [expected]


@pytest.mark.parametrize(
    ("text", "issued", "expected"),
    [
        (
            "2023年，全省锂电产业营业收入达到2850亿元。",
            "2024-03-01",
            ("revenue", 2.85e11, "CNY", 2023, "2023"),
        ),
        (
            "2022年全市新能源汽车产量突破30万辆。",
            "2023-01-15",
            ("production", 300000.0, "count", 2022, "2022"),
        ),
    ],
)
def test_a_year_before_the_issue_year(text, issued, expected):
    assert rows(text, issued) == [expected]


def test_a_year_before_the_issue_year_gives_its_comparator_and_date():
    row = one("2023年，全区风电装机超过800万千瓦。", "2024-04-01")
    assert (row.comparator, row.as_of) == (">", datetime.date(2023, 12, 31))
    row = one("2021年全省光伏组件产量约12GW。", "2022-05-01")
    assert (row.comparator, row.indicator) == ("~", "production")


@pytest.mark.parametrize(
    ("text", "issued", "value", "unit"),
    [
        ("近年来，全省累计培育国家级绿色工厂65家。", "2024-01-10", 65.0, "count"),
        ("过去三年，全市累计完成产业链投资1200亿元。", "2024-02-10", 1.2e11, "CNY"),
    ],
)
def test_running_totals_of_the_past(text, issued, value, unit):
    row = one(text, issued)
    assert (row.value, row.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "issued", "first", "growth"),
    [
        (
            "2023年，全省规上工业企业实现营业收入3200亿元，同比增长9.5%。",
            "2024-02-01",
            "规上工业企业",
            9.5,
        ),
        (
            "截至今年5月底，全市储能产业产值达到260亿元，同比增长31%。",
            "2024-06-20",
            "储能产业",
            31.0,
        ),
    ],
)
def test_reported_growth_takes_the_subject_of_its_figure(text, issued, first, growth):
    df = extract_actuals(text, issued)
    assert list(df["indicator"]) == [df["indicator"][0], "growth_rate"]
    assert df["scope_zh"].tolist() == [first, first]
    assert df["value"][1] == growth
    assert df["year"][0] == df["year"][1]


def test_a_month_of_this_year_is_the_period():
    row = one("截至今年4月底，全省新增规上企业310家。", "2024-05-10")
    assert (row.period, row.as_of) == ("2024-04", datetime.date(2024, 4, 30))
    row = one("截至去年11月底，全市已投运加氢站9座。", "2024-01-20")
    assert (row.period, row.as_of) == ("2023-11", datetime.date(2023, 11, 30))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("全省已建成光伏中试平台12个。", 12.0),
        ("目前，全市已形成新能源汽车零部件企业180家。", 180.0),
    ],
)
def test_already_built_stands_at_the_issue_date(text, value):
    row = one(text, "2024-03-01")
    assert row.value == value
    assert pd_isna(row.year) and row.as_of == datetime.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("全省现有光伏制造企业230家。", 230.0, "count"),
        ("目前全市动力电池产能为45GWh。", 45.0, "GWh"),
    ],
)
def test_current_figures(text, value, unit):
    row = one(text, "2024-03-01")
    assert (row.value, row.unit, row.as_of) == (value, unit, datetime.date(2024, 3, 1))
    assert not row.scope_zh.startswith(("现有", "目前"))  # the fact word says when, not what


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("目前，全省已建成加氢站18座，推广燃料电池汽车1200辆。", [18.0, 1200.0]),
        ("截至目前，全市储能装机达到150万千瓦，储能电池产能12GWh。", [1.5, 12.0]),
        ("当前，全区共有链主企业25家，带动配套企业300家。", [25.0, 300.0]),
    ],
)
def test_a_present_head_reaches_every_clause_of_its_sentence(text, values):
    actuals = extract_actuals(text, "2024-03-01")
    assert actuals["value"].tolist() == values
    assert set(actuals["as_of"]) == {datetime.date(2024, 3, 1)}
    assert extract_targets(text, "2024-03-01").empty


@pytest.mark.parametrize(
    ("text", "actual", "target"),
    [
        ("当前，全市光伏企业达到85家；到2025年，光伏企业达到150家。", 85.0, 150.0),
        ("目前，全市光伏产能20GW，力争2025年达到50GW。", 20.0, 50.0),
    ],
)
def test_a_present_head_stops_at_a_goal(text, actual, target):
    assert extract_actuals(text, "2024-03-01")["value"].tolist() == [actual]
    assert extract_targets(text, "2024-03-01")["value"].tolist() == [target]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2023年以来，全省新签约项目85个。", 85.0),
        ("今年以来，全市累计签约项目42个。", 42.0),
    ],
)
def test_a_total_since_a_time_stands_at_the_issue_date(text, value):
    row = one(text, "2024-03-01")
    assert row.value == value
    assert pd_isna(row.year) and row.as_of == datetime.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("2023年，全省组件产能达到45GW，规上光伏企业86家。", [45.0, 86.0]),
        (
            "截至2023年底，全市储能装机达到210万千瓦，储能电池产能30GWh，占全国的6%。",
            [2.1, 30.0, 6.0],
        ),
    ],
)
def test_a_bare_figure_after_a_fact_reports_with_it(text, values):
    assert extract_actuals(text, "2024-02-01")["value"].tolist() == values
    assert extract_targets(text, "2024-02-01").empty


@pytest.mark.parametrize(
    "text",
    [
        "2023年，全省组件产能达到45GW，对新落地企业最高奖励500万元。",
        "2023年，全市已建成加氢站12座，推进某公司年产5万吨绿氢项目。",
    ],
)
def test_a_rule_or_nameplate_after_a_fact_is_neither(text):
    assert len(extract_actuals(text, "2024-02-01")) == 1


def test_the_current_value_of_a_goal_is_an_actual_and_the_goal_a_target():
    for text in (
        "到2026年，本地配套率由目前的35%提高到60%。",
        "到2025年，全省储能装机由当前的2GW提高到10GW。",
    ):
        actual = one(text, "2024-03-01")
        targets = extract_targets(text, "2024-03-01")
        assert len(targets) == 1 and targets["value"][0] > actual.value
        assert pd_isna(actual.year)  # 到2026年 is the goal's time, not the figure's
        assert not actual.scope_zh.endswith(("由目前", "由当前", "的"))


BASELINE_TABLE = """主要指标
| 序号 | 指标名称 | 单位 | 2022年基期值 | 2025年目标 |
| 1 | 新能源产业营业收入 | 亿元 | 3200 | 6000 |
| 2 | 光伏组件产能 | GW | 25 | 60 |
"""

BASELINE_TABLE_2 = """附表
| 指标 | 单位 | 现状值 | 2026年 |
| 锂电产业链企业 | 家 | 420 | 700 |
| 储能装机 | 万千瓦 | 150 | 500 |
"""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            BASELINE_TABLE,
            [("revenue", 3.2e11, "CNY", 2022, "2022"), ("capacity", 25.0, "GW", 2022, "2022")],
        ),
        (
            BASELINE_TABLE_2,
            [("enterprise_count", 420.0, "count", None, ""), ("capacity", 1.5, "GW", None, "")],
        ),
    ],
)
def test_baseline_columns_of_an_indicator_table(table, expected):
    assert rows(table, "2024-01-01") == expected
    actuals = extract_actuals(table, "2024-01-01")
    targets = extract_targets(table, "2024-01-01")
    assert len(targets) == len(actuals)  # the target columns stay targets
    assert not set(zip(actuals.char_start, actuals.char_end, strict=True)) & set(
        zip(targets.char_start, targets.char_end, strict=True)
    )


@pytest.mark.parametrize(
    "text",
    [
        "到2025年，全省光伏产业营业收入力争突破1000亿元。",
        "2024年，新增规上工业企业500家以上，培育链主企业10家。",
        "到2026年底，建成加氢站50座，推广燃料电池汽车5000辆。",
        "山西省光伏产业链行动方案（2023—2025年）",
        "“十四五”时期，全省新能源装机年均增长15%左右。",
    ],
)
def test_goals_and_horizons_are_not_actuals(text):
    assert extract_actuals(text, "2024-01-15").empty


@pytest.mark.parametrize(
    "text",
    [
        "对2023年已建成投产的项目，按设备投资额的10%给予补助，最高不超过500万元。",
        "2023年已开工的年产10GW组件项目和年产5万吨多晶硅项目要加快建设。",
        "截至2023年底，全省已围绕12条重点产业链开展招商。",
        "现有企业单站日加氢能力不低于500公斤的，给予奖励。",
    ],
)
def test_rules_nameplates_and_frames_are_not_actuals(text):
    assert extract_actuals(text, "2024-01-15").empty


def test_a_sentence_with_both_splits_them():
    for text in (
        "2023年全省光伏产能达到42GW，到2025年力争达到80GW。",
        "截至2023年底，全市链上企业达到386家；2024年，新增链上企业50家以上。",
    ):
        actuals = extract_actuals(text, "2024-02-01")
        targets = extract_targets(text, "2024-02-01")
        assert len(actuals) == 1 and len(targets) == 1
        assert actuals["year"][0] == 2023 and targets["target_year"][0] > 2023


def test_rows_and_frame_agree_on_columns():
    text = "2023年，全省锂电产业营业收入达到2850亿元。"
    assert list(extract_actual_rows(text, "2024-01-01")[0]) == ACTUAL_COLUMNS
    assert list(extract_actuals("", None).columns) == ACTUAL_COLUMNS
    assert str(extract_actuals("", None)["year"].dtype) == "Int64"


def test_without_an_issue_date_the_latest_written_date_is_the_reference():
    text = "2024年3月1日\n2023年全省光伏产能达到42GW。"
    assert rows(text, None) == [("capacity", 42.0, "GW", 2023, "2023")]


def pd_isna(value) -> bool:
    return bool(pd.isna(value))


# --------------------------------------------------------------------------- never both


def _texts():
    """Every bundled document and every text of the annotated sets, with its issue date."""
    meta = pd.read_csv(ROOT / "data/raw/documents.csv", dtype=str, keep_default_na=False)
    for row in meta.itertuples():
        yield row.doc_id, (ROOT / "data/raw" / row.file).read_text(), row.issued or None
    for gold in sorted((ROOT / "tests/data").glob("*/gold.yaml")):
        for doc in yaml.safe_load(gold.read_text(encoding="utf-8"))["documents"]:
            text = (gold.parent / doc["file"]).read_text(encoding="utf-8")
            yield doc["file"], text, str(doc.get("issued") or "") or None


def _same_figure(actual, target) -> bool:
    """The same quote, or overlapping quotes giving the same value and unit for the same
    year (a table's 2025 baseline of 35% and its 2030 goal of 35%以上 are two figures)."""
    if (actual.char_start, actual.char_end) == (target.char_start, target.char_end):
        return True
    overlap = actual.char_start < target.char_end and target.char_start < actual.char_end
    years = {actual.year, target.target_year} - {None}
    other_years = len(years) == 2 and not any(pd.isna(y) for y in years)
    return (
        overlap and (actual.value, actual.unit) == (target.value, target.unit) and not other_years
    )


def test_no_figure_is_both_a_target_and_an_actual_on_every_corpus():
    found = 0
    for name, text, issued in _texts():
        actuals = extract_actuals(text, issued)
        targets = extract_targets(text, issued)
        found += len(actuals)
        for a in actuals.itertuples():
            assert text[a.char_start : a.char_end] == a.quote
            both = [t.quote for t in targets.itertuples() if _same_figure(a, t)]
            assert not both, (name, a.quote, both)
    assert found >= 30  # the annotated sets report many achievements (read in the PR)


def test_one_scan_gives_both_tables_as_the_two_extractors_do():
    from policylens.extract import extract_target_rows
    from policylens.extract.actuals import extract_rows

    for name, text, issued in _texts():
        targets, actuals = extract_rows(text, issued)
        assert targets == extract_target_rows(text, issued), name
        assert actuals == extract_actual_rows(text, issued), name
