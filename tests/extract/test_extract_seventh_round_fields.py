"""The field classes the seventh blind round found misread (issue 12): indicators, counters,
rows kept for review and missed goals, each with two or more sentences of our own, tested
both ways where a class has a target and a not-target side."""

import pandas as pd
import pytest
from test_extract import check_invariants

from policylens.extract import extract_targets

ISSUED = "2025-03-01"


def rows(text, issued=ISSUED):
    df = extract_targets(text, issued)
    check_invariants(text, df)
    return df


def fields(df):
    """(indicator, value, unit, comparator) of each row; a review row has no value."""
    return [
        (r.indicator, None if pd.isna(r.value) else r.value, r.unit or None, r.comparator)
        for r in df.itertuples()
    ]


# ------------------------------------------------------------ 1. indicators


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # after a clause about investment, its own amount word decides
        ("到2027年，全社会研发投入年均增长10%以上，技术合同成交额达到300亿元。", 3e10),
        ("到2027年，固定资产投资增长8%，外贸出口额突破200亿元。", 2e10),
        ("到2027年，规上工业增加值增长7%，货物进出口总额达到800亿元左右。", 8e10),
        ("力争到2026年，完成产业投资500亿元，跨境电商交易额超过50亿元。", 5e9),
        ("今年，完成固定资产投资300亿元，外贸进出口总值达到800亿元。", 8e10),
        ("今年，规上工业增加值达到1000亿元，出口交货值突破200亿元。", 2e10),
    ],
)
def test_a_trade_or_transaction_amount_is_other_money(text, value):
    last = rows(text).iloc[-1]
    assert (last.indicator, last.value, last.unit) == ("other", value, "CNY")


def test_an_export_amount_in_dollars_after_value_added_is_other_for_review():
    df = rows("到2027年，制造业增加值达到5000亿元，机电产品出口额达到50亿美元。")
    assert fields(df)[1] == ("other", None, None, "=")
    assert df.needs_review.iloc[1] and df.unit_as_written.iloc[1] == "亿美元"


@pytest.mark.parametrize(
    "text",
    [
        "到2027年，全市营业收入突破3000亿元，重大招商项目签约金额突破1000亿元。",
        "今年，产业链招商签约额达到500亿元以上。",
    ],
)
def test_the_signed_amount_of_investment_projects_is_investment(text):
    assert rows(text).indicator.iloc[-1] == "investment"


@pytest.mark.parametrize(
    "text",
    [
        "到2027年，实施重大科技专项15项。",
        "到2026年，组织实施关键核心技术攻关项目20项以上。",
        "今年实施省级科技攻关12项。",
        "今年，实施科技重大专项3个。",
    ],
)
def test_special_programmes_counted_in_xiang_are_projects(text):
    assert rows(text).indicator.tolist() == ["project_count"]


def test_policies_counted_in_xiang_are_still_no_target():
    assert rows("到2027年，出台政策措施20项。").empty


def test_a_capacity_in_a_counted_unit_of_a_base_is_capacity():
    df = rows("到2027年，支持甲市、乙市分别形成整车产能60万辆、30万辆的生产基地。")
    assert fields(df) == [("capacity", 6e5, "count", "="), ("capacity", 3e5, "count", "=")]
    df = rows("到2026年，形成电动两轮车产能200万辆的制造基地。")
    assert fields(df) == [("capacity", 2e6, "count", "=")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("今年，形成120万辆整车产能。", 1.2e6),
        ("到2027年，具备年产50万辆整车的生产能力。", 5e5),
    ],
)
def test_a_count_before_a_capacity_word_is_capacity(text, value):
    assert fields(rows(text)) == [("capacity", value, "count", "=")]


def test_a_count_of_bases_without_a_capacity_word_stays_a_cluster_count():
    assert rows("到2026年，建成整车生产基地3个。").indicator.tolist() == ["cluster_count"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("到2027年，光伏电池量产转换效率达到26%以上。", 26.0),
        ("到2026年，电解水制氢系统效率不低于75%。", 75.0),
    ],
)
def test_an_efficiency_is_a_share(text, value):
    assert fields(rows(text))[0][:3] == ("share", value, "percent")


def test_labour_productivity_stays_other():
    df = rows("到2027年，全员劳动生产率达到45万元/人，劳动生产率年均增长7%。")
    assert df.indicator.tolist() == ["other", "growth_rate"]
    assert df.needs_review.iloc[0]


# ------------------------------------------------------------ 2. counters


@pytest.mark.parametrize(
    ("text", "value", "indicator"),
    [
        ("到2027年，推动中欧班列开行70列以上。", 70.0, "other"),
        ("今年，开行铁海联运班列120列。", 120.0, "other"),
        ("今年，开行中欧班列1000列次。", 1000.0, "other"),
        ("今年，举办企业家大讲堂10期、创新沙龙6期。", 10.0, "event_count"),
        ("今年，举办外贸业务培训班4期。", 4.0, "event_count"),
        ("到2026年，开展企业家专题培训12期。", 12.0, "event_count"),
        ("到2027年，建成车路协同示范路段10条。", 10.0, "other"),
        ("今年，新开通国际货运航线5条、测试道路8条。", 5.0, "other"),
    ],
)
def test_trains_sessions_and_roads_are_counted(text, value, indicator):
    first = rows(text).iloc[0]
    assert (first.indicator, first.value, first.unit) == (indicator, value, "count")


def test_a_project_phase_is_no_session_and_listing_is_no_train():
    assert rows("今年，推进二期项目建设，列入省重点项目名单。").empty
    assert rows("今年，加快一期、二期建设。").empty
    assert rows("今年，推进某园区三期工程建设，确保二期投产。").empty
    assert rows("今年，推进项目1期、2期建设，推进某园区2期。").empty


def test_ten_thousand_people_in_a_blank_spaced_table_row_is_a_count():
    text = (
        "某县2025年政府工作报告\n主要指标\n指标　单位　2024年完成　2025年目标\n"
        "数字经济从业人员　万人　4.2　6\n高技能人才　万人　1.5　2.5\n"
    )
    assert fields(rows(text)) == [("other", 6e4, "count", "="), ("other", 2.5e4, "count", "=")]


# ------------------------------------------------------------ 3. rows kept for review


@pytest.mark.parametrize(
    "text",
    [
        "今年，农村居民人均可支配收入突破2.8万元。",
        "到2027年，规上工业人均增加值达到30万元。",
        "到2026年，城镇居民人均可支配收入达到6万元。",
    ],
)
def test_per_capita_money_is_kept_for_review_per_person(text):
    df = rows(text)
    assert fields(df)[0][:3] == ("other", None, None)
    assert df.needs_review.iloc[0] and df.unit_as_written.iloc[0] == "万元/人"


def test_per_capita_money_and_daily_quantities_in_tables_are_kept_for_review():
    text = (
        "某县2025年政府工作报告\n指标　单位　2024年完成　2025年目标\n"
        "农村居民人均可支配收入　元　26500　28000\n营业收入　亿元　100　120\n\n"
        "| 指标 | 单位 | 2024年 | 2025年 |\n|---|---|---|---|\n"
        "| 规上工业人均增加值 | 万元 | 28 | 30 |\n| 光伏玻璃日熔化量 | 万吨 | 1.2 | 1.5 |\n"
    )
    df = rows(text)
    assert df.unit_as_written.tolist() == ["元/人", "亿元", "万元/人", "万吨/日"]
    assert df.needs_review.tolist() == [True, False, True, True]
    assert fields(df)[1] == ("revenue", 1.2e10, "CNY", "=")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("到2027年，农产品加工产值与农业总产值之比达到3.2∶1。", "∶1"),
        ("到2026年，城乡居民收入比缩小到2.1:1。", ":1"),
    ],
)
def test_a_ratio_to_one_is_kept_for_review(text, written):
    df = rows(text)
    assert len(df) == 1 and df.needs_review.iloc[0] and df.unit_as_written.iloc[0] == written


def test_a_ratio_rule_is_no_target():
    assert rows("今年，对新建项目按1:1比例给予配套支持，按照1∶1的比例安排资金。").empty
    assert rows("今年，省市财政资金配套比例为1:1。").empty


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("到2027年，光伏玻璃日熔化量达到1.5万吨。", "万吨/日"),
        ("今年，绿氢项目日产氢能力达到20吨。", "吨/日"),
    ],
)
def test_a_daily_quantity_is_kept_for_review(text, written):
    df = rows(text)
    assert len(df) == 1 and df.needs_review.iloc[0] and pd.isna(df.value.iloc[0])
    assert df.unit_as_written.iloc[0] == written


def test_a_daily_capacity_kept_for_review_is_still_a_capacity():
    df = rows("今年，新增工业固废日处理能力3000吨，污水日处理能力达到5万吨。")
    assert df.indicator.tolist() == ["capacity", "capacity"] and df.needs_review.all()


def test_a_yearly_quantity_is_still_read():
    assert fields(rows("今年，绿氢年产量达到20吨。")) == [("production", 20.0, "t", "=")]


# ------------------------------------------------------------ 4. misses


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("到2027年，弃光率控制在5%以内。", 5.0),
        ("今年，电网综合线损率控制在6%以下。", 6.0),
    ],
)
def test_a_cap_on_a_rate_is_a_share_at_most(text, value):
    assert fields(rows(text)) == [("share", value, "percent", "<=")]


def test_about_n_projects_after_rolling_or_reserving_verbs():
    text = "今年，滚动实施重大项目30个左右，谋划储备重大项目50个左右。"
    assert fields(rows(text)) == [
        ("project_count", 30.0, "count", "~"),
        ("project_count", 50.0, "count", "~"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("今年，涉企发文数量压减10%。", 10.0),
        ("今年，一般性支出压缩5%。", 5.0),
        ("到2027年，涉企检查事项削减20%。", 20.0),
    ],
)
def test_a_reduction_verb_sets_an_other_percent_goal(text, value):
    assert fields(rows(text)) == [("other", value, "percent", "=")]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("今年，会议数量压减三分之一。", 100 / 3, "percent"),
        ("今年，发文数量减少三分之一以上。", 100 / 3, "percent"),
        ("今年，压减粗钢产能500万吨。", 5e6, "t"),
        ("今年，削减煤炭消费量300万吨。", 3e6, "t"),
    ],
)
def test_a_reduction_by_a_fraction_or_a_quantity_is_other(text, value, unit):
    df = rows(text)
    assert fields(df)[0][:3] == ("other", pytest.approx(value), unit)


def test_a_level_reached_by_falling_keeps_its_indicator():
    df = rows("到2027年，粗钢产能降至3000万吨，单位能耗下降到0.5吨。")
    assert df.indicator.iloc[0] == "capacity"


def test_a_count_of_new_concentration_zones_is_a_cluster_count():
    df = rows("到2027年，新增省级产业集聚区5个，建成特色产业集聚区3个。")
    assert fields(df) == [
        ("cluster_count", 5.0, "count", "="),
        ("cluster_count", 3.0, "count", "="),
    ]


def test_a_third_or_more_without_its_own_year_takes_the_horizon():
    text = (
        "某省新能源汽车产业发展方案（2024—2027年）\n二、重点任务\n"
        "推动新能源汽车产量占全省汽车产量的三分之一以上。新能源装机占全省电力装机的三分之二左右。\n"
    )
    df = rows(text, "2024-05-01")
    assert df.indicator.tolist() == ["share", "share"]
    assert df.target_year.tolist() == [2027, 2027]
    assert df.value.round(2).tolist() == [33.33, 66.67]


# ------------------------------------------------------------ 5. 两大/三大 clusters


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("到2027年，打造两大锂电产业基地。", 2.0),
        ("到2027年，建设三大光伏制造集聚区。", 3.0),
        ("今年，培育三大特色产业集聚区。", 3.0),
    ],
)
def test_two_or_three_big_clusters_to_be_created_are_a_cluster_count(text, value):
    assert fields(rows(text)) == [("cluster_count", value, "count", "=")]


def test_big_ones_that_exist_already_stay_no_target():
    assert rows("到2027年，巩固提升四大传统优势产业。").empty
    assert rows("到2027年，推进三大集聚区建设，提升两大园区能级。").empty
    assert rows("到2027年，发挥两大产业基地引领作用。").empty


def test_a_cap_written_smaller_than_is_a_share_at_most():
    df = rows("到2027年，确保弃光率小于5%，综合线损率小于6%。")
    assert fields(df) == [("share", 5.0, "percent", "<="), ("share", 6.0, "percent", "<=")]
