"""The wording classes the sixth blind round found unread (issue 12), each with two or more
sentences of our own, tested both ways where a class has a target and a not-target side."""

import pandas as pd
import pytest
from test_extract import check_invariants

from policylens.extract import extract_targets
from policylens.extract.actuals import extract_actuals

ISSUED = "2024-03-01"


def rows(text, issued=ISSUED):
    df = extract_targets(text, issued)
    check_invariants(text, df)
    return df


def triples(df):
    """(indicator, value, unit, year) of each row; a review row has no value."""
    return [
        (
            r.indicator,
            None if pd.isna(r.value) else r.value,
            r.unit or None,
            None if pd.isna(r.target_year) else int(r.target_year),
        )
        for r in df.itertuples()
    ]


# ------------------------------------------------------------ 1. indicator rows


def test_indicator_rows_written_as_text_give_each_future_year_a_target():
    text = (
        "某市储能产业发展方案（2024—2027年）\n"
        "主要指标：\n"
        "储能电池产量（GWh）：2023年40；2025年90；2027年150。\n"
        "储能产业营业收入（亿元）：2023年300，2025年600，2027年1000以上。\n"
    )
    assert triples(rows(text)) == [
        ("production", 90.0, "GWh", 2025),
        ("production", 150.0, "GWh", 2027),
        ("revenue", 6e10, "CNY", 2025),
        ("revenue", 1e11, "CNY", 2027),
    ]
    assert rows(text).comparator.tolist()[-1] == ">="


def test_the_base_year_of_a_text_row_is_an_actual():
    text = "主要指标：充电桩（万台）：2022年1.5；2025年4。换电站（座）：2022年20；2026年80。"
    got = extract_actuals(text, "2023-05-01")
    assert sorted(got.value.tolist()) == [20.0, 1.5e4]
    assert triples(rows(text, "2023-05-01")) == [
        ("other", 4e4, "count", 2025),
        ("other", 80.0, "count", 2026),
    ]


def test_a_spaced_table_under_a_year_header_gives_targets_of_that_year():
    text = (
        "二、发展目标\n"
        "指标 单位 2022年 2025年\n"
        "国家级专精特新企业 家 12 20\n"
        "风电装备产能 万千瓦 300 500\n"
        "\n"
        "指标名称\u3000单位\u30002023年完成\u30002024年目标\n"
        "工业投资增速\u3000%\u30008.1\u30009以上\n"
    )
    assert triples(rows(text, "2023-02-01")) == [
        ("enterprise_count", 20.0, "count", 2025),
        ("capacity", 5.0, "GW", 2025),
        ("growth_rate", 9.0, "percent", 2024),
    ]


def test_text_rows_on_lines_of_their_own_are_not_read_as_wrapped_text():
    text = (
        "主要指标\n"
        "锂电池产量（GWh）：2023年210，2025年320，2027年450\n"
        "锂电池产业营业收入（亿元）：2023年800，2025年1500\n"
        "到2025年，全市新增锂电池企业10家。\n"
    )
    assert triples(rows(text)) == [
        ("production", 320.0, "GWh", 2025),
        ("production", 450.0, "GWh", 2027),
        ("revenue", 1.5e11, "CNY", 2025),
        ("enterprise_count", 10.0, "count", 2025),
    ]


def test_long_rows_of_a_spaced_table_are_not_read_as_wrapped_text():
    text = (
        "三、主要指标\n"
        "序号 指标名称 单位 2022年 2025年 2027年 属性\n"
        "1 新材料产业规模以上企业营业收入 亿元 1200 2000 3500 预期性\n"
        "2 国家级专精特新“小巨人”企业数量 家 12 25 40 预期性\n"
        "四、重点任务\n"
    )
    assert [(i, v, y) for i, v, _, y in triples(rows(text, "2023-05-01"))] == [
        ("revenue", 2e11, 2025),
        ("revenue", 3.5e11, 2027),
        ("enterprise_count", 25.0, 2025),
        ("enterprise_count", 40.0, 2027),
    ]


def test_a_wrapped_line_of_running_text_with_spaced_numbers_is_still_joined():
    text = "一、发展目标\n到 2025 年全省光伏和储能产业规模以上企业营业收入达到 1000 亿元\n以上，组件产能达到 50 GW。"
    assert rows(text).comparator.tolist()[0] == ">="


def test_a_row_restating_a_body_target_is_one_row():
    text = (
        "到2025年，全省风电装备产能达到500万千瓦，光伏组件产量达到30GW。\n"
        "指标 单位 2022年 2025年\n"
        "风电装备产能 万千瓦 300 500\n"
        "主要指标：光伏组件产量（GW）：2022年12；2025年30。\n"
    )
    df = rows(text, "2023-02-01")
    assert triples(df) == [("capacity", 5.0, "GW", 2025), ("production", 30.0, "GW", 2025)]
    assert not df.quote.str.contains("万千瓦 300").any()


# ------------------------------------------------------------ 2. counts before a size tier


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        ("到2027年，全市打造两个千亿级产业集群。", "cluster_count", 2),
        ("到2027年，建成三个五百亿级特色园区。", "cluster_count", 3),
        ("到2027年，新培育2条百亿级产业链。", "chain_count", 2),
        ("到2027年，打造新能源、新材料两个千亿级产业集群。", "cluster_count", 2),
        # a capacity tier, too: the named bases are to grow to that size
        ("到2027年，规划建设荆门、随州、襄北等3个百万千瓦级新能源基地。", "cluster_count", 3),
        ("到2027年，建设海东、海北两个千万千瓦级风光基地。", "cluster_count", 2),
        ("到2027年，打造长沙、株洲2个十万吨级储能材料园区。", "cluster_count", 2),
    ],
)
def test_a_count_before_a_size_tier_keeps_its_counted_noun(text, indicator, value):
    assert triples(rows(text)) == [(indicator, float(value), "count", 2027)]


# ------------------------------------------------------------ 3. rules, not targets


@pytest.mark.parametrize(
    "text",
    [
        "到2025年，引导动力电池回收企业达到镍钴锰回收率不低于98%的要求。",
        "到2025年，要求制氢企业可再生能源电力消纳比例达到70%以上，燃料电池汽车年均运营里程不低于3万公里。",
        "到2025年，分布式光伏项目自发自用比例原则上不低于80%。",
        "新建集中式风电项目按装机容量的15%、时长2小时配置储能。",
        "新型储能容量租赁参考价格不高于200元/千瓦·年。",
        "加氢站氢气终端售价原则上不高于35元/公斤。",
        "新建新能源项目配建储能比例不低于10%、时长不低于2小时。",
        "鼓励新建风电项目配置储能，配储比例不低于10%。",
    ],
)
def test_requirements_on_firms_or_each_project_are_rules(text):
    assert rows(text).empty


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("到2027年，全省新型储能调节能力占最大用电负荷比重不低于12%。", 12.0),
        ("到2025年，引导企业加大投入，全市动力电池回收利用率达到95%以上。", 95.0),
        ("到2025年，全省新能源配储比例达到15%。", 15.0),
    ],
)
def test_a_region_wide_share_of_the_same_shape_is_a_target(text, value):
    assert [(i, v) for i, v, _, _ in triples(rows(text))] == [("share", value)]


# ------------------------------------------------------------ 4. framing counts


@pytest.mark.parametrize(
    "text",
    [
        "2024年，继续办好十件民生实事，实施十大工程。",
        "重点打造整车、动力电池、储能电池3条产业链。",
        "到2025年，重点发展光伏、风电、储能三条产业链。",
    ],
)
def test_counts_of_tasks_or_of_things_just_named_are_framing(text):
    assert rows(text).empty


@pytest.mark.parametrize(
    "text", ["到2025年，新增3条省级重点产业链。", "到2025年，新增省级重点产业链3条。"]
)
def test_a_count_of_unnamed_things_to_create_is_a_target(text):
    assert triples(rows(text)) == [("chain_count", 3.0, "count", 2025)]


# ------------------------------------------------------------ 5. nameplates


@pytest.mark.parametrize(
    "text",
    [
        "2024年，加快推进东港光伏制氢示范项目（年产绿氢1万吨）建设。",
        "2024年，开工建设库车绿氢示范工程（总装机30万千瓦）。",
        "2024年，加快推进某县120万千瓦抽水蓄能电站、阳江300万千瓦海上风电场建设。",
        "2024年，推进某光伏基地二期（50万千瓦）。",
        "2024年，建成某某绿氢示范项目，年产绿氢1万吨。",
        "2024年，加快建设某风电场，总装机容量50万千瓦。",
    ],
)
def test_a_single_projects_capacity_is_no_target(text):
    assert rows(text).empty


@pytest.mark.parametrize(
    ("text", "indicator", "value", "unit"),
    [
        ("到2025年，全市制氢能力达到5万吨。", "capacity", 5e4, "t"),
        ("到2025年，全省建成抽水蓄能电站装机240万千瓦。", "capacity", 2.4, "GW"),
        ("到2025年，新建加氢站后，全市年产绿氢1万吨。", "production", 1e4, "t"),
    ],
)
def test_a_regional_capacity_is_a_target(text, indicator, value, unit):
    assert triples(rows(text)) == [(indicator, value, unit, 2025)]


# ------------------------------------------------------------ 6. totals reached


@pytest.mark.parametrize(
    "text",
    [
        "本报讯 记者从市发改委获悉，全市累计推广燃料电池汽车超过800辆，建成加氢站12座。",
        "我市氢能产业发展势头良好，累计推广燃料电池汽车超过800辆，累计建成充电桩3.5万个。",
        "北山省氢能产业方案（2025—2027年）印发实施\n近日，我省氢能产业发展势头良好，累计推广燃料电池汽车超过800辆。",
    ],
)
def test_a_cumulative_total_reported_as_done_is_no_target(text):
    assert rows(text, "2025-05-20").empty


@pytest.mark.parametrize(
    "text",
    [
        "到2025年累计推广燃料电池汽车1000辆。",
        "本报讯 记者获悉，方案提出，到2026年累计推广燃料电池汽车1000辆。",
    ],
)
def test_a_cumulative_total_with_a_goal_is_a_target(text):
    assert [(i, v) for i, v, _, _ in triples(rows(text))] == [("other", 1000.0)]


# ------------------------------------------------------------ 7. indicators


@pytest.mark.parametrize(
    ("text", "indicator", "value", "unit"),
    [
        ("2024年，利用外资达到50亿元。", "investment", 5e9, "CNY"),
        ("2024年，全市利用内资突破800亿元。", "investment", 8e10, "CNY"),
        ("2024年，实际使用外资15亿美元。", "investment", None, None),
        ("2024年，全省年产风电整机1500台。", "production", 1500.0, "count"),
        ("2024年，新能源整车年产达到25万辆。", "production", 2.5e5, "count"),
        ("2024年，储能系统年产20万套。", "production", 2e5, "count"),
        ("2024年，新型储能年放电量达到8亿千瓦时。", "production", 800.0, "GWh"),
        ("2024年，全市光伏上网电量达到60亿千瓦时。", "production", 6000.0, "GWh"),
        ("2024年，新增整车年产能10万辆。", "capacity", 1e5, "count"),
    ],
)
def test_indicators_of_capital_used_and_quantities_produced(text, indicator, value, unit):
    assert triples(rows(text)) == [(indicator, value, unit, 2024)]


@pytest.mark.parametrize(
    "text",
    [
        "2024年，新开工亿元以上项目80个、竣工投产50个。",
        "2024年，新签约招商项目120个、开工建设60个。",
    ],
)
def test_a_later_count_that_names_only_a_verb_counts_the_same_noun(text):
    assert rows(text).indicator.tolist() == ["project_count", "project_count"]


# ------------------------------------------------------------ 8. counted units


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2024年，新增养老床位1万张。", 1e4),
        ("2024年，新建人才公寓2000间。", 2000.0),
        ("2024年，新建标准厂房30栋。", 30.0),
    ],
)
def test_beds_rooms_and_buildings_are_counts(text, value):
    assert triples(rows(text)) == [("other", value, "count", 2024)]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("到2027年，动力电池单体能量密度达到350瓦时/公斤。", "瓦时/公斤"),
        ("到2027年，乘用车百公里电耗降至12千瓦时。", "千瓦时/百公里"),
        ("到2027年，燃料电池重卡百公里氢耗降至8公斤以下。", "公斤/百公里"),
        ("到2027年，储能电池能量密度300瓦时/公斤。", "瓦时/公斤"),
        ("到2027年，电池能量密度提升至300Wh/kg。", "Wh/kg"),
        ("到2027年，燃料电池系统功率密度4.0千瓦/升。", "千瓦/升"),
    ],
)
def test_a_compound_unit_is_kept_for_review_as_written(text, written):
    r = rows(text).iloc[0]
    assert bool(r.needs_review) and pd.isna(r.value) and r.unit_as_written == written
