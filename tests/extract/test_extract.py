"""The target extractor: general grammar on varied sentences, the bundled corpus, invariants."""

import datetime as dt
import math
import pickle

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policylens as pl
from policylens.extract import TARGET_COLUMNS, extract_targets
from policylens.model.vocab import COMMITMENTS, COMPARATORS, INDICATORS, UNITS

ISSUED = "2024-01-15"


def only_row(text, issued=ISSUED):
    df = extract_targets(text, issued)
    assert len(df) == 1, df[["quote", "value", "unit"]].to_string()
    return df.iloc[0]


def check_invariants(text, df):
    assert list(df.columns) == TARGET_COLUMNS
    for r in df.itertuples():
        assert text[r.char_start : r.char_end] == r.quote
        if r.needs_review:
            assert math.isnan(r.value) and r.review_reason
        else:
            assert r.review_reason == ""
            assert r.indicator in INDICATORS
            assert r.unit in UNITS
            assert r.comparator in COMPARATORS
            assert r.commitment in COMMITMENTS
    assert list(df.char_start) == sorted(df.char_start)


# --------------------------------------------------------------- single targets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2025年，全市数字经济核心产业增加值占GDP比重达到12%。",
            ("数字经济核心产业", "share", 12.0, "percent", "=", "firm", 2025),
        ),
        (
            "新增规上工业企业200家以上。",
            ("规上工业企业", "enterprise_count", 200.0, "count", ">=", "firm", None),
        ),
        (
            "培育国家级专精特新“小巨人”企业30家。",
            ("国家级专精特新“小巨人”企业", "enterprise_count", 30.0, "count", "=", "firm", None),
        ),
        (
            "到2025年，新能源装机容量达到5000万千瓦。",  # 5000万 kW = 50 GW
            ("新能源", "capacity", 50.0, "GW", "=", "firm", 2025),
        ),
        (
            "引进亿元以上项目100个。",  # 亿元以上 qualifies the projects: no money row
            ("亿元以上项目", "project_count", 100.0, "count", "=", "firm", None),
        ),
        ("建成5G基站3万个。", ("5G基站", "other", 30000.0, "count", "=", "firm", None)),
        (
            "到2030年，风电、光伏发电总装机容量达到1.2亿千瓦以上。",
            ("风电、光伏发电", "capacity", 120.0, "GW", ">=", "firm", 2030),
        ),
        (
            "到“十四五”末，全省新型储能装机规模达到800MW左右。",
            ("新型储能", "capacity", 0.8, "GW", "~", "firm", 2025),
        ),
        (
            "到2025年，全省多晶硅产能达到30万吨。",
            ("多晶硅", "capacity", 300000.0, "t", "=", "firm", 2025),
        ),
        (
            "力争到2025年，全省氢能产业产值突破500亿元。",
            ("氢能产业", "output_value", 5e10, "CNY", ">", "aspirational", 2025),
        ),
        (
            "到2026年，全市工业投资年均增长10%以上。",
            ("工业", "growth_rate", 10.0, "percent", ">=", "firm", 2026),
        ),
        (
            "到二〇二五年，全省规上工业企业数量突破一万五千家。",
            ("规上工业企业", "enterprise_count", 15000.0, "count", ">", "firm", 2025),
        ),
        (
            "全年新增上市企业约１２家。",  # full-width digits, 约 → ~
            ("上市企业", "enterprise_count", 12.0, "count", "~", "firm", 2024),
        ),
        (
            "二季度前，完成20个重点项目开工建设。",
            ("重点项目", "project_count", 20.0, "count", "=", "firm", 2024),
        ),
        (
            "每年举办产业链对接活动不少于10场。",
            ("产业链对接活动", "event_count", 10.0, "count", ">=", "firm", None),  # recurring
        ),
        (
            "到2027年，全省先进制造业集群数量达到8个。",
            ("先进制造业集群", "cluster_count", 8.0, "count", "=", "firm", 2027),
        ),
        (
            "到2026年，新培育省级重点产业链6条。",
            ("省级重点产业链", "chain_count", 6.0, "count", "=", "firm", 2026),
        ),
        (
            "力争全市培育百亿级企业200余家。",  # 余: more than
            ("百亿级企业", "enterprise_count", 200.0, "count", ">", "aspirational", None),
        ),
        (
            "到2025年，工业增加值比2020年增长50%以上。",  # 2020 is a base year
            ("工业", "growth_rate", 50.0, "percent", ">=", "firm", 2025),
        ),
        (
            "到2025年，规模以上工业企业研发机构覆盖率达到50%左右。",
            ("规模以上工业企业研发机构", "share", 50.0, "percent", "~", "firm", 2025),
        ),
        (
            "力争到2025年，全市规上工业总产值突破万亿元。",  # 万亿元 without a digit
            ("规上工业", "output_value", 1e12, "CNY", ">", "aspirational", 2025),
        ),
        (
            "“十四五”期间，累计新增规上工业企业3000家。",  # due by the plan's end
            ("规上工业企业", "enterprise_count", 3000.0, "count", "=", "firm", 2025),
        ),
        (
            "到2025年，全省高新技术企业数量达到1.5万家。",
            ("高新技术企业", "enterprise_count", 15000.0, "count", "=", "firm", 2025),
        ),
        (
            "每年滚动实施500个以上重点技改项目。",
            ("重点技改项目", "project_count", 500.0, "count", ">=", "firm", None),
        ),
        (
            "到2025年，全省千兆光网覆盖家庭超过2000万户。",  # 户 of households, not firms
            ("千兆光网覆盖家庭", "other", 2e7, "count", ">", "firm", 2025),
        ),
        (
            "到2025年，全市规上工业企业达到5000户。",
            ("规上工业企业", "enterprise_count", 5000.0, "count", "=", "firm", 2025),
        ),
        (
            "到2025年，光伏组件产量达到100GW。",  # output in GW is production, not capacity
            ("光伏组件", "production", 100.0, "GW", "=", "firm", 2025),
        ),
        (
            "到2025年，电子信息产业营业收入超万亿元。",
            ("电子信息产业", "revenue", 1e12, "CNY", ">", "firm", 2025),
        ),
        (
            "到2025年，战略性新兴产业占规上工业比重达到三分之一。",
            ("战略性新兴产业", "share", 100 / 3, "percent", "=", "firm", 2025),
        ),
        (
            "到2025年，民营经济占比超过1/2。",
            ("民营经济", "share", 50.0, "percent", ">", "firm", 2025),
        ),
        (
            "力争全年规上工业增加值同比增长8%。",  # 同比 in a goal is still a goal
            ("规上工业", "growth_rate", 8.0, "percent", "=", "aspirational", 2024),
        ),
    ],
)
def test_single_targets(text, expected):
    r = only_row(text)
    year = None if pd.isna(r.target_year) else int(r.target_year)
    got = (r.scope_zh, r.indicator, r.value, r.unit, r.comparator, r.commitment, year)
    assert got == expected
    assert not r.needs_review
    check_invariants(text, extract_targets(text, ISSUED))


def test_scope_label_and_chain_key():
    r = only_row("到2025年，全省锂电产业链营业收入达到3000亿元。")
    assert (r.scope_zh, r.scope, r.chain) == (
        "锂电产业链",
        "Lithium batteries chain",
        "lithium_battery",
    )
    assert (r.indicator, r.value, r.unit) == ("revenue", 3e11, "CNY")


def test_quote_is_the_clause_with_its_time_head():
    text = "产业规模持续壮大。到2026年，全省光伏产业链营业收入力争达到2500亿元，氢能初具规模。"
    r = only_row(text)
    assert r.quote == "到2026年，全省光伏产业链营业收入力争达到2500亿元"
    assert text[r.char_start : r.char_end] == r.quote


# --------------------------------------------------------------- several clauses


def test_head_of_sentence_carries_time_commitment_and_scope():
    text = "力争到2024年底，产业链企业突破700家，整体营收突破7000亿元，持续保持两位数增长。"
    df = extract_targets(text, "2024-01-12")
    got = df[["indicator", "value", "unit", "comparator", "commitment"]].values.tolist()
    assert got == [
        ["enterprise_count", 700.0, "count", ">", "aspirational"],
        ["revenue", 7e11, "CNY", ">", "aspirational"],
        ["growth_rate", 10.0, "percent", ">=", "aspirational"],  # 两位数 = at least 10 %
    ]
    assert set(df.target_year) == {2024}
    assert set(df.deadline) == {dt.date(2024, 12, 31)}
    assert df.quote.iloc[2] == "持续保持两位数增长"
    # the growth has no subject of its own: it is the revenue's
    assert df.scope_zh.iloc[2] == df.scope_zh.iloc[1]


def test_floor_and_stretch_pair_is_one_row_with_the_floors_commitment():
    text = (
        "到2026年，全省新能源产业链营业收入力争达到7000亿元，其中，锂电产业链营业收入超过3500亿元、"
        "力争达到4500亿元；光伏产业链营业收入达到2000亿元、力争达到2500亿元。"
    )
    df = extract_targets(text)
    got = df[["scope_zh", "value", "value_stretch", "comparator", "commitment"]]
    got = got.astype(object).where(got.notna(), None).values.tolist()
    assert got == [
        ["新能源产业链", 7e11, None, "=", "aspirational"],
        ["锂电产业链", 3.5e11, 4.5e11, ">", "firm"],
        ["光伏产业链", 2e11, 2.5e11, "=", "firm"],
    ]
    assert df.quote.iloc[1] == "锂电产业链营业收入超过3500亿元、力争达到4500亿元"
    assert set(df.target_year) == {2026}


def test_a_stretch_does_not_make_the_next_targets_aspirational():
    text = (
        "到2026年，全省光伏产业营业收入突破1500亿元，力争达到2000亿元；培育链主企业10家以上；\n"
        "组件产能达到50GW。"  # a line wrapped mid-sentence keeps its year
    )
    df = extract_targets(text, "2024-03-01")
    got = df[["value", "value_stretch", "commitment", "target_year"]]
    assert got.astype(object).where(got.notna(), None).values.tolist() == [
        [1.5e11, 2e11, "firm", 2026],
        [10.0, None, "firm", 2026],
        [50.0, None, "firm", 2026],
    ]


def test_floor_and_stretch_across_a_comma():
    r = only_row("到2025年，全省软件业务收入达到1000亿元，争取达到1200亿元。")
    assert (r.value, r.value_stretch, r.commitment) == (1e11, 1.2e11, "firm")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("为每条产业链梳理1-2个示范性项目。", 1.0, 2.0),
        ("每个园区引进5至10家配套企业。", 5.0, 10.0),
        ("每个园区引进5～10家配套企业。", 5.0, 10.0),
        ("培育三至五个省级先进制造业集群。", 3.0, 5.0),
    ],
)
def test_range_is_low_value_and_high_stretch(text, low, high):
    r = only_row(text)
    assert (r.value, r.value_stretch, r.comparator) == (low, high, ">=")


def test_coordinated_counts_are_separate_rows_with_their_own_quotes():
    text = "打造3个千亿级产业集群和10个百亿级产业集群。"
    df = extract_targets(text)
    assert df.scope_zh.tolist() == ["千亿级产业集群", "百亿级产业集群"]
    assert df.value.tolist() == [3.0, 10.0]
    assert df.quote.iloc[0] == "打造3个千亿级产业集群"
    assert set(df.indicator) == {"cluster_count"}


def test_counted_noun_keeps_its_qualifying_metric_words():
    text = "到2024年，培育营业收入过千亿元企业2家、过百亿元企业10家；组建3—5个产业创新联合体。"
    df = extract_targets(text)
    assert df.scope_zh.tolist() == ["营业收入过千亿元企业", "过百亿元企业", "产业创新联合体"]
    assert df.indicator.tolist() == ["enterprise_count", "enterprise_count", "other"]
    assert (df.value.tolist(), df.value_stretch.tolist()[2]) == ([2.0, 10.0, 3.0], 5.0)
    assert (df.unit == "count").all()  # 千亿元/百亿元 qualify the firms: no money rows


def test_a_threshold_inside_a_counted_noun_keeps_its_verb_and_subject():
    text = "到2025年，培育营收超百亿元企业5家以上、超十亿元企业20家以上。"
    df = extract_targets(text)
    assert df.scope_zh.tolist() == ["营收超百亿元企业", "超十亿元企业"]
    assert df.comparator.tolist() == [">=", ">="]
    assert (df.unit == "count").all()


@pytest.mark.parametrize(
    ("text", "scopes", "values"),
    [
        (
            "到2025年，培育1个国家级、3至5个省级先进制造业集群。",
            ["国家级先进制造业集群", "省级先进制造业集群"],
            [1.0, 3.0],
        ),
        (
            "创建2个国家级和5个省级新型工业化示范基地。",
            ["国家级新型工业化示范基地", "省级新型工业化示范基地"],
            [2.0, 5.0],
        ),
        (
            "力争新增3家国家级、10家省级、20家市级企业技术中心。",
            ["国家级企业技术中心", "省级企业技术中心", "市级企业技术中心"],
            [3.0, 10.0, 20.0],
        ),
        (
            "到2025年，培育国家级专精特新企业10家、省级100家。",
            ["国家级专精特新企业", "省级专精特新企业"],
            [10.0, 100.0],
        ),
        ("建成5个产业园、10个孵化器。", ["产业园", "孵化器"], [5.0, 10.0]),
    ],
)
def test_a_counted_noun_shared_by_levels_goes_to_every_item(text, scopes, values):
    df = extract_targets(text)
    assert df.scope_zh.tolist() == scopes
    assert df.value.tolist() == values
    for r in df.itertuples():  # every quote names the counted noun
        assert r.scope_zh[-2:] in r.quote


@pytest.mark.parametrize(
    ("text", "scope", "value", "comparator", "commitment"),
    [
        ("到2025年，全省新能源汽车产业规模翻一番。", "新能源汽车产业", 100.0, "=", "firm"),
        ("力争到2027年，全市光伏产业营业收入实现翻番。", "光伏产业", 100.0, "=", "aspirational"),
        ("到2035年，人均地区生产总值比2020年翻两番。", "人均地区生产总值", 300.0, "=", "firm"),
        ("到2030年，氢能产业产值翻一番以上。", "氢能产业", 100.0, ">=", "firm"),
    ],
)
def test_doubling_is_growth_of_one_hundred_percent(text, scope, value, comparator, commitment):
    r = only_row(text)
    assert (r.scope_zh, r.indicator, r.value, r.unit) == (scope, "growth_rate", value, "percent")
    assert (r.comparator, r.commitment) == (comparator, commitment)
    assert text[r.char_start : r.char_end] == r.quote and "番" in r.quote


def test_a_doubling_already_achieved_is_not_a_target():
    assert extract_targets("与2015年相比，全省地区生产总值翻了一番。", ISSUED).empty
    assert extract_targets("2022年全省光伏产业营业收入已实现翻番。", ISSUED).empty


def test_a_value_after_a_doubling_takes_the_metric_named_before_it():
    df = extract_targets("力争到2027年，全市光伏产业营业收入实现翻番，达到2000亿元。", ISSUED)
    assert df.indicator.tolist() == ["growth_rate", "revenue"]
    assert df.value.tolist() == [100.0, 2e11]
    assert set(df.commitment) == {"aspirational"}


def test_a_year_after_lizheng_heads_the_sentence_rather_than_a_stretch():
    text = "力争2024年新能源产业营收增长15%以上，2025年达到3500亿元，2027年突破5000亿元。"
    df = extract_targets(text, ISSUED)
    assert df.target_year.tolist() == [2024, 2025, 2027]
    assert set(df.commitment) == {"aspirational"}
    assert df.indicator.tolist() == ["growth_rate", "revenue", "revenue"]


def test_mixed_parallel_targets_in_a_dated_sentence():
    df = extract_targets("全年计划完成投资300亿元，开工项目50个。", ISSUED)
    assert df.indicator.tolist() == ["investment", "project_count"]
    assert df.target_year.tolist() == [2024, 2024]


def test_annual_output_word_is_not_part_of_the_scope():
    r = extract_targets("到2026年，全省新能源汽车年产量突破50万辆。").iloc[0]
    assert (r.scope_zh, r.value, r.comparator) == ("新能源汽车", 500000.0, ">")


@pytest.mark.parametrize(
    ("text", "scopes", "values", "comparators"),
    [
        (
            "到2025年，风电、光伏装机规模分别达到1500万千瓦、3000万千瓦。",
            ["风电", "光伏"],
            [15.0, 30.0],
            ["=", "="],
        ),
        (
            "到2027年，锂电、光伏、氢能产业营业收入分别突破3000亿元、2000亿元和500亿元。",
            ["锂电产业", "光伏产业", "氢能产业"],
            [3e11, 2e11, 5e10],
            [">", ">", ">"],
        ),
        (  # one value for two subjects: each has it
            "到2025年，风电、光伏装机规模分别达到1500万千瓦。",
            ["风电", "光伏"],
            [15.0, 15.0],
            ["=", "="],
        ),
        (  # two values for three subjects: the rows keep the list
            "到2025年，风电、光伏、储能装机分别达到1500万千瓦、800万千瓦。",
            ["风电、光伏、储能", "风电、光伏、储能"],
            [15.0, 8.0],
            ["=", "="],
        ),
    ],
)
def test_respectively_gives_each_subject_its_own_value(text, scopes, values, comparators):
    df = extract_targets(text, ISSUED)
    assert df.scope_zh.tolist() == scopes
    assert df.value.tolist() == values
    assert df.comparator.tolist() == comparators


def test_a_dated_metric_and_value_without_a_verb_is_a_goal():
    df = extract_targets("目标：2025年产值1000亿元；2027年产值1500亿元。", ISSUED)
    assert df.value.tolist() == [1e11, 1.5e11]
    assert df.target_year.tolist() == [2025, 2027]
    assert set(df.indicator) == {"output_value"}
    # without a date or a goal word the same phrase is a statement, not a goal
    assert extract_targets("全省光伏产业产值1000亿元。", ISSUED).empty


def test_share_of_a_whole_without_the_word_bizhong():
    r = extract_targets("到2025年，全省锂电池产量占全国的15%。", ISSUED).iloc[0]
    assert (r.indicator, r.value, r.unit) == ("share", 15.0, "percent")


def test_chinese_numeral_after_jiancheng_is_a_count():
    r = only_row("到二〇二五年，建成十个省级示范园区。")
    assert (r.value, r.target_year, r.scope_zh) == (10.0, 2025, "省级示范园区")


def test_each_gives_every_listed_subject_the_value():
    df = extract_targets("到2026年，硅片、电池片和组件产能各达到20GW以上。", ISSUED)
    assert df.scope_zh.tolist() == ["硅片", "电池片", "组件"]
    assert df.value.tolist() == [20.0, 20.0, 20.0]
    assert set(df.comparator) == {">="} and set(df.indicator) == {"capacity"}


@pytest.mark.parametrize(
    ("text", "indicator", "value", "unit"),
    [
        ("到2026年，全市整车产能达到80万辆。", "capacity", 800000.0, "count"),
        ("到2026年，绿氢年供应能力超过5万吨。", "capacity", 50000.0, "t"),
        ("到2026年，电解槽制氢能力达到2万吨/年。", "capacity", 20000.0, "t"),
        ("到2026年，公共领域新能源汽车比例达到80%。", "share", 80.0, "percent"),
        ("2024年居民消费价格涨幅2%左右。", "growth_rate", 2.0, "percent"),
        ("到2026年，电池量产转换效率突破27%。", "other", 27.0, "percent"),
        ("力争撬动社会资本200亿元投向光伏产业。", "investment", 2e10, "CNY"),
        ("到2026年，本地配套率由目前的35%提高到60%以上。", "share", 60.0, "percent"),
        ("到2026年，新能源汽车销量达到汽车销售总量的30%。", "share", 30.0, "percent"),
        ("全年引进项目到位资金300亿元。", "investment", 3e10, "CNY"),
        # a change, not a level: 提高20% grows; 下降/降低 and percentage points stay "other"
        ("到2026年，工业用地亩均税收提高20%。", "growth_rate", 20.0, "percent"),
        ("到2026年，碳排放强度较2023年降低15%。", "other", 15.0, "percent"),
        ("到2026年，制造业增加值比重提高3个百分点。", "other", 3.0, "percent"),
        ("到2026年，制造业增加值比重提高到35%。", "share", 35.0, "percent"),
    ],
)
def test_indicator_follows_the_metric_word(text, indicator, value, unit):
    r = only_row(text)
    assert (r.indicator, r.value, r.unit) == (indicator, value, unit)


@pytest.mark.parametrize(
    ("text", "unit_text"),
    [
        ("到2026年，储能电站平均用电成本降低0.03元/千瓦时以上。", "元/千瓦时"),
        ("到2026年，燃料电池电堆功率密度达到4.5kW/L。", "kW/L"),
        ("到2026年，蔬菜产量稳定在200亿斤以上。", "斤"),
    ],
)
def test_rates_and_other_units_are_flagged_with_the_whole_unit(text, unit_text):
    r = only_row(text)
    assert r.needs_review and unit_text in r.review_reason and unit_text in r.quote
    assert math.isnan(r.value)


def test_numbers_spaced_out_as_in_pdf_text():
    df = extract_targets(
        "到 2025 年，全省光伏产业营业收入达到 1500 亿元，培育链主企业 10 家。", ISSUED
    )
    assert df.value.tolist() == [1.5e11, 10.0]
    assert df.target_year.tolist() == [2025, 2025]
    assert df.indicator.tolist() == ["revenue", "enterprise_count"]


def test_output_counted_in_units_is_output_whatever_the_subject():
    r = only_row("到2026年，全市新能源汽车产业集群产量突破80万辆。")
    assert (r.indicator, r.value, r.unit) == ("production", 800000.0, "count")


def test_annual_capacity_per_year_is_read_in_its_unit():
    assert only_row("到2026年，绿氢产能达到30万吨/年。").value == 300000.0
    r = only_row("到2026年，电解水制氢装备产能达到200万千瓦/年。")
    assert (r.value, r.unit, r.indicator) == (2.0, "GW", "capacity")


def test_a_restated_target_to_review_is_one_row():
    text = "到2026年，储能电池产能达到80亿立方米。\n|指标|单位|2026年目标|\n|储能电池产能|亿立方米|80|\n"
    df = extract_targets(text, ISSUED)
    assert len(df) == 1 and df.needs_review.all() and not df.quote.iloc[0].startswith("|")


def test_a_restated_energy_target_is_one_row_in_gwh():
    text = "到2026年，储能电池产能达到80GWh。\n|指标|单位|2026年目标|\n|储能电池产能|GWh|80|\n"
    r = only_row(text)
    assert (r.indicator, r.value, r.unit, r.needs_review) == ("capacity", 80.0, "GWh", False)


def test_the_subject_stands_before_an_inner_lizheng():
    r = only_row("2024年，全市锂电产业链力争实现规上工业产值增长12%。")
    assert (r.scope_zh, r.commitment, r.indicator) == ("锂电产业链", "aspirational", "growth_rate")


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        ("到2026年，打造三大千亿级产业集群。", "cluster_count", 3.0),
        ("到2026年，培育形成5大优势产业链。", "chain_count", 5.0),
        ("全年举办4期专题培训班。", "event_count", 4.0),
        ("二季度召开1次产业链供需对接会。", "event_count", 1.0),
        ("全年签约项目40个以上。", "project_count", 40.0),
        ("到2026年，全市新能源汽车企业推出新车型15款。", "other", 15.0),
    ],
)
def test_counts_by_their_measure_word_and_noun(text, indicator, value):
    r = only_row(text)
    assert (r.indicator, r.value, r.unit) == (indicator, value, "count")


def test_a_yoy_growth_restating_an_aspirational_goal_is_aspirational():
    df = extract_targets("今年新能源汽车产量力争达到40万辆，同比增长两位数。", "2024-01-20")
    assert df.commitment.tolist() == ["aspirational", "aspirational"]
    assert df.indicator.tolist() == ["production", "growth_rate"]


def test_parallel_clauses_without_their_own_verb():
    text = "到2027年，力争创建世界500强企业5家,“领航”企业5家。"
    df = extract_targets(text, "2023-01-03")
    assert df.scope_zh.tolist() == ["世界500强企业", "“领航”企业"]  # two targets, not one
    assert df.value.tolist() == [5.0, 5.0]
    assert set(df.commitment) == {"aspirational"}


def test_time_in_an_earlier_sentence_of_the_paragraph_governs():
    text = "到2027年，将十个优势产业培育成为世界一流产业。努力培育一流企业，力争创建领航企业5家。"
    r = only_row(text)
    assert (r.target_year, r.value) == (2027, 5.0)


def test_relative_times_resolve_against_the_issue_date():
    text = "年底前，力争重点产业链总数达到20条。二季度前再培育新增4条省级重点产业链。"
    df = extract_targets(text, dt.date(2024, 1, 12))
    assert df.period.tolist() == ["2024", "2024Q2"]
    assert df.deadline.tolist() == [dt.date(2024, 12, 31), dt.date(2024, 6, 30)]
    assert df.commitment.tolist() == ["aspirational", "firm"]
    # without an issue date the year is unknown, never guessed
    undated = extract_targets(text)
    assert undated.target_year.isna().all()
    assert undated.deadline.isna().all()
    assert undated.value.tolist() == [20.0, 4.0]


def test_same_count_with_different_subjects_are_different_targets():
    text = (
        "年底前，力争在5条以上的省级重点产业链探索形成“项目+链长+属地”共建示范。"
        "年底前，力争5条以上的产业链形成协作联合体试点示范。"
        "年底前，力争在有条件的5条以上重点产业链形成“链长牵头单位+园区”锻造示范。"
    )
    df = extract_targets(text, "2024-01-12")
    assert len(df) == 3
    assert set(df.indicator) == {"chain_count"}


def test_restatements_are_one_row_keeping_the_body_statement():
    text = (
        "标题：某省到2026年光伏产业链营收力争达2500亿元\n"
        "近日，某省印发行动方案。到2026年，光伏产业链营业收入达到2000亿元、力争达到2500亿元。\n"
        "附件：重点任务表 |\n"
        "光伏产业链营业收入达到2000亿元 |\n"
    )
    df = extract_targets(text)
    assert len(df) == 1
    r = df.iloc[0]
    assert (r.value, r.value_stretch, r.target_year) == (2e11, 2.5e11, 2026)
    assert r.quote == "到2026年，光伏产业链营业收入达到2000亿元、力争达到2500亿元"


def test_news_lede_body_and_annex_table_without_subject_are_one_row_each():
    text = (
        "标题：某省：到2025年新型储能产业营业收入达到6000亿元\n"
        "近日，某省印发指导意见，提出到2025年，全省新型储能产业营业收入达到6000亿元，"
        "装机规模达到200万千瓦。\n"
        "（二）发展目标。到2025年，全省新型储能产业营业收入达到6000亿元，"
        "主营业务收入超百亿元企业达到10家，装机规模达到200万千瓦。\n"
        "2022年，全省新型储能产业营业收入约2800亿元。\n"
        "|1|产业规模|到2025年营业收入达到6000亿元|\n"
    )
    df = extract_targets(text, "2023-03-06")
    got = df[["scope_zh", "indicator", "value", "unit"]].values.tolist()
    assert got == [
        ["新型储能产业", "revenue", 6e11, "CNY"],
        ["新型储能产业", "capacity", 2.0, "GW"],
        ["主营业务收入超百亿元企业", "enterprise_count", 10.0, "count"],
    ]


def test_clause_without_subject_after_a_count_refers_to_the_sentence_subject():
    text = "到2025年，全省氢能产业产值达到500亿元，培育龙头企业10家，装机规模达到1GW。"
    df = extract_targets(text)
    assert df.scope_zh.tolist() == ["氢能产业", "龙头企业", "氢能产业"]
    text = "2024年，全市计划实施重点项目300个，年度计划投资1500亿元。"
    df = extract_targets(text, "2024-01-01")
    assert df.scope_zh.tolist() == ["重点项目", "重点项目"]
    assert df.indicator.tolist() == ["project_count", "investment"]


def test_annex_table_restatement_of_a_count():
    text = (
        "年底前，力争省级重点产业链企业突破45家，链上企业突破700家。\n"
        "全年工作成果 |\n力争省级重点产业链企业突破45家，链上企业突破700家。 |\n"
    )
    df = extract_targets(text, "2024-01-12")
    assert df.value.tolist() == [45.0, 700.0]
    assert (df.char_start < text.index("\n")).all()  # the body rows are kept


# --------------------------------------------------------------- not targets


@pytest.mark.parametrize(
    "text",
    [
        "晋能源新能源发【2023】68号",
        "山西省能源局\n2023年3月20日",
        "（一）着力打造区域产业集群\n1. 加快建设。第三条 本办法所称企业。",
        "联系电话：028-86246495，电子邮箱：28016831@qq.com，网址 http://x.cn/a/12.html",
        "紧盯世界500强、中国500强、行业100强企业。",
        "制定《江西省“1269”行动计划》，落实“1+N”政策体系，探索“1+11”机制。",
        "全面贯彻党的二十大精神，结合“十五五”规划编制。山西省商务厅等23部门印发意见。",
        "编制重点产业链空间、产业、政策三个图谱和一套资源要素表。",
        "向全部16条省级重点产业链推行招商模式，围绕12条重点产业链开展招商。",
        "将“新能源产业链”列为12条重点产业链之一。",
        "加快年产16GW高效单晶电池工厂项目、一期4GW项目、2×1000t/d光伏玻璃生产线建设。",
        "支持总投资10亿元以上的重大项目建设，培育千亿级产业集群。",
        "积极培育现有世界500强在川投资且工业板块占集团业务达到1/3的总部型企业。",
        "2022年，全省光伏产业营收达到500亿元，同比增长20%。",
        "目前，全省已有规上工业企业5000家。",
        "截至2023年底，全省累计建成5G基站8万个。",
        "近三年来，全省光伏产业年均增长30%。",
        "对新认定的国家级专精特新“小巨人”企业，给予50万元一次性奖励，最高不超过200万元。",
        "实施“六种模式”“四项支撑”，推动一批项目落地，组建一个专家组。",
        "省委十二届二次全会提出要求，几十家企业参加。",
        "全省光伏产业链实现营业收入1200亿元，同比增长35%。",
        "2024年1-6月，全省规上工业增加值增长5.8%。",
        "省财政每年安排10亿元专项资金，单个项目最高奖励500万元。",
        "对符合条件的项目，按照设备投资额的10%给予补助。",
        "贷款额度不超过1000万元，贴息比例不超过50%。",
        "用地面积50亩以上的项目优先保障，项目总投资达到10亿元以上的，给予支持。",
        "新建5G基站1万个以上的地市，给予100万元奖励。",
        "全省共有规上工业企业3000家，召开2次会议，研究3个方面问题。",
        "设立规模1000亿元的产业基金。",
        "计划总投资120亿元的50GW光伏组件项目开工建设。",
        "推进年产10万吨磷酸铁锂正极材料项目、20GW异质结电池生产线建设。",
        "与2015年相比，全省地区生产总值翻了一番。",
        "成百上千家企业参与，成千上万个岗位。",
        "支持在物流领域推广应用18吨以上氢燃料电池重卡。",
        "对新建充电站按照设备投资额的20%给予补助。",
        "新建风电光伏项目按不低于装机容量的15%配置储能。",
        "单站日加氢能力不低于1000公斤，单个项目总投资约5亿元。",
        "推进年产30GW组件项目建设，总投资约120亿元。",
        "每季度召开1次产业链调度会，每年开展2次督导检查。",
        "每月召开1次链长制工作例会。",
        "实施十大工程，推进五大行动。",
        "聚焦11个先进制造业集群，做强10条标志性产业链。",  # existing chains, no count goal
        "加快建设二期项目，建成特高压直流二期。",
        "工业用地出让底价不低于所在地基准地价的70%。",
        "推进年产1000台大型风机项目、年产5000套储能变流器项目建设。",
        "",
    ],
)
def test_not_targets(text):
    assert extract_targets(text, ISSUED).empty


def test_past_year_relative_to_issue_date_is_a_fact_not_a_target():
    text = "2023年，全省规上工业营业收入达到3.2万亿元。"
    assert extract_targets(text, "2024-02-01").empty
    assert len(extract_targets(text, "2023-01-10")) == 1  # written as a goal for 2023


def test_without_issue_date_the_documents_own_date_marks_the_past():
    text = "2022年，全省光伏产业营收达到500亿元。\n某某厅\n2023年3月20日"
    assert extract_targets(text).empty


# --------------------------------------------------------------- needs review


@pytest.mark.parametrize(
    ("text", "reason_word"),
    [
        ("到2025年，全省天然气产量达到500亿立方米。", "立方米"),
        ("到2025年，全省建设用地规模控制在50平方公里以内。", "平方公里"),
        ("出口额达到50亿美元。", "美元"),
        ("到2025年，单位工业增加值能耗控制在0.8吨标准煤以内。", "吨标准煤"),
        ("到2030年，全市光伏产业营业收入较2023年增长1倍。", "倍"),
    ],
)
def test_uninterpretable_units_are_flagged_never_guessed(text, reason_word):
    r = only_row(text)
    assert r.needs_review
    assert math.isnan(r.value) and math.isnan(r.value_stretch)
    assert reason_word in r.review_reason


# --------------------------------------------------------------- the bundled corpus

# (scope_zh, indicator, value, value_stretch, unit, comparator, commitment, period)
EXPECTED = {
    "shanxi_pv_2023": [
        ("光伏产业", "capacity", 20.0, None, "GW", ">=", "aspirational", "2023"),
        ("招商项目", "project_count", 3.0, None, "count", ">=", "aspirational", "2023"),
        ("产业链协作配套签约活动", "event_count", 4.0, None, "count", ">=", "firm", "2023"),
    ],
    "shanxi_investment_opinions": [],
    "shanxi_chain_chief_2024": [
        ("产业链企业", "enterprise_count", 700.0, None, "count", ">", "aspirational", "2024"),
        ("重点产业链", "revenue", 7e11, None, "CNY", ">", "aspirational", "2024"),
        ("重点产业链", "growth_rate", 10.0, None, "percent", ">=", "aspirational", "2024"),
        ("招商落地项目", "project_count", 2.0, None, "count", ">=", "aspirational", "2024"),
        ("产业链招商落地项目", "project_count", 10.0, None, "count", ">=", "aspirational", "2024"),
        # undated, in the 2024 action plan: due in the year its title names
        ("示范性项目", "project_count", 1.0, 2.0, "count", ">=", "firm", "2024"),
        ("省级重点产业链", "chain_count", 5.0, None, "count", ">=", "aspirational", "2024"),
        (
            "亿元以上省重点产业链项目",
            "project_count",
            150.0,
            None,
            "count",
            "=",
            "aspirational",
            "2024",
        ),
        (
            "省级重点产业链企业",
            "enterprise_count",
            45.0,
            None,
            "count",
            ">",
            "aspirational",
            "2024",
        ),
        ("重点产业链", "chain_count", 5.0, None, "count", ">=", "aspirational", "2024"),
        ("重点产业链", "chain_count", 5.0, None, "count", ">=", "aspirational", "2024"),
        ("省级重点产业链", "chain_count", 4.0, None, "count", "=", "firm", "2024Q2"),
        ("产业链上下游协作配套活动", "event_count", 2.0, None, "count", ">=", "firm", "2024"),
        ("重点产业链", "chain_count", 20.0, None, "count", "=", "aspirational", "2024"),
    ],
    "jiangxi_chains_2023_2026": [
        ("新能源产业链", "revenue", 7e11, None, "CNY", "=", "aspirational", "2026"),
        ("锂电产业链", "revenue", 3.5e11, 4.5e11, "CNY", ">", "firm", "2026"),
        ("光伏产业链", "revenue", 2e11, 2.5e11, "CNY", "=", "firm", "2026"),
        ("先进制造业集群", "cluster_count", 6.0, None, "count", "=", "aspirational", "2026"),
        ("规模以上工业", "growth_rate", 9.0, None, "percent", "~", "aspirational", "2026"),
        ("电子信息产业链", "revenue", 1.2e12, None, "CNY", "=", "aspirational", "2026"),
        ("有色金属产业链", "revenue", 1e12, None, "CNY", ">", "aspirational", "2026"),
        ("装备制造业产业链", "revenue", 8e11, None, "CNY", "=", "aspirational", "2026"),
        ("石化化工产业链", "revenue", 4.5e11, None, "CNY", "=", "aspirational", "2026"),
        ("建材产业链", "revenue", 4.5e11, None, "CNY", "=", "aspirational", "2026"),
        ("钢铁产业链", "revenue", 3.5e11, None, "CNY", "=", "aspirational", "2026"),
        ("航空产业链", "revenue", 2.5e11, None, "CNY", "=", "aspirational", "2026"),
        ("食品产业链", "revenue", 2e11, None, "CNY", "=", "aspirational", "2026"),
        ("纺织服装产业链", "revenue", 1.6e11, None, "CNY", "=", "aspirational", "2026"),
        ("医药产业链", "revenue", 1.5e11, None, "CNY", "=", "aspirational", "2026"),
        ("现代家具产业链", "revenue", 1e11, None, "CNY", ">", "aspirational", "2026"),
    ],
    "sichuan_everest_2023_draft": [
        ("世界500强企业", "enterprise_count", 5.0, None, "count", "=", "aspirational", "2027"),
        ("“领航”企业", "enterprise_count", 5.0, None, "count", "=", "aspirational", "2027"),
    ],
}


@pytest.fixture(scope="module")
def corpus():
    docs = pl.load_documents()
    out = {}
    for doc in docs.itertuples():
        text = pl.load_text(doc.doc_id)
        out[doc.doc_id] = (text, extract_targets(text, doc.issued))
    return out


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_bundled_documents(corpus, doc_id):
    text, df = corpus[doc_id]
    check_invariants(text, df)
    assert not df.needs_review.any()
    got = [
        (
            r.scope_zh,
            r.indicator,
            r.value,
            None if pd.isna(r.value_stretch) else r.value_stretch,
            r.unit,
            r.comparator,
            r.commitment,
            r.period,
        )
        for r in df.itertuples()
    ]
    assert got == EXPECTED[doc_id]


def test_bundled_chain_keys(corpus):
    _, df = corpus["jiangxi_chains_2023_2026"]
    assert df.chain.tolist()[:3] == ["new_energy", "lithium_battery", "photovoltaic"]
    _, pv = corpus["shanxi_pv_2023"]
    assert pv.deadline.iloc[0] == dt.date(2023, 12, 31)


# --------------------------------------------------------------- robustness


def test_accepts_dates_timestamps_strings_and_nat():
    text = "年底前，力争新增上市企业5家。"
    for issued in (dt.date(2024, 1, 12), pd.Timestamp("2024-01-12"), "2024-01-12"):
        assert extract_targets(text, issued).target_year.tolist() == [2024]
    for issued in (None, pd.NaT, "", "not a date"):
        assert extract_targets(text, issued).target_year.isna().all()


def test_empty_frame_has_the_columns_and_types():
    df = extract_targets("")
    assert list(df.columns) == TARGET_COLUMNS
    assert df.empty


def test_picklable_for_process_pools():
    fn = pickle.loads(pickle.dumps(extract_targets))
    assert fn("新增规上工业企业200家以上。").value.tolist() == [200.0]


def test_one_megabyte_single_line():
    text = ("力争到2025年，全省光伏产业营业收入突破1000亿元，" + "加快推进产业链建设" * 20) * 4000
    text = text[:1_000_000]
    df = extract_targets(text, ISSUED)
    check_invariants(text, df)
    assert len(df) == 1  # the same target restated is one row


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text):
    check_invariants(text, extract_targets(text, ISSUED))


PIECES = [
    "到2025年，",
    "力争",
    "全省光伏产业链营业收入",
    "达到",
    "突破",
    "1.5万亿元",
    "、",
    "年均增长12%左右",
    "，",
    "新增规上工业企业200家以上",
    "。",
    "\n",
    "|",
    "2022年",
    "1-2个",
    "两位数",
    "二季度前",
    "“",
    "”",
    "以上",
    "亿元以上项目",
    "30万吨",
    "5GWh",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from([None, ISSUED]))
def test_never_raises_on_policy_like_text(pieces, issued):
    text = "".join(pieces)
    check_invariants(text, extract_targets(text, issued))


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1, max_value=99_999),
    st.sampled_from([("亿元", 1e8, "CNY"), ("万元", 1e4, "CNY"), ("家", 1, "count")]),
)
def test_generated_numbers_read_back_exactly(n, unit):
    word, scale, canonical = unit
    text = f"到2027年，全省新能源产业链营业收入达到{n}{word}。"
    if canonical == "count":
        text = f"到2027年，新增规上工业企业{n}{word}。"
    r = only_row(text)
    assert (r.value, r.unit) == (n * scale, canonical)


def _row(scope: str, value: float) -> object:
    from policylens.extract.rows import Row

    return Row(0, 9, 5, 7, 0, scope, True, "", "revenue", value, None, "CNY", ">=", "firm", None)


@pytest.mark.parametrize(
    ("scope", "changes"),
    [
        ("光伏产业", {"stretch": 2e11, "end": 30}),  # a floor and its stretch
        ("锂电、光伏产业", {"scope_zh": "锂电产业", "subject": "锂电产业"}),  # a listed subject
    ],
)
def test_a_changed_row_is_what_dataclasses_replace_gives_and_the_original_stays(scope, changes):
    import dataclasses

    from policylens.extract.rows import changed

    row = _row(scope, 1e11)
    before = dataclasses.astuple(row)
    assert changed(row, **changes) == dataclasses.replace(row, **changes)
    assert changed(row, **changes) is not row
    assert dataclasses.astuple(row) == before
