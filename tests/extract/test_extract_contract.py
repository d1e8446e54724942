"""shared/TARGETS.md, rule by rule: each class of wording with two or more sentences of our own."""

import math

import pandas as pd
import pytest
from test_extract import check_invariants

from policylens.extract import extract_target_rows, extract_targets, targets_frame

ISSUED = "2024-02-01"


def rows(text, issued=ISSUED):
    df = extract_targets(text, issued)
    check_invariants(text, df)
    return df


def one(text, issued=ISSUED):
    df = rows(text, issued)
    assert len(df) == 1, df[["quote", "indicator", "value", "unit"]].to_string()
    return df.iloc[0]


def year(r):
    return None if pd.isna(r.target_year) else int(r.target_year)


# ------------------------------------------------------------------ indicators


@pytest.mark.parametrize(
    ("text", "indicator", "value", "unit"),
    [
        ("到2026年，全市数字经济核心产业增加值达到800亿元。", "value_added", 8e10, "CNY"),
        ("到2025年，全省规上工业增加值突破1.5万亿元。", "value_added", 1.5e12, "CNY"),
        ("到2027年，氢能产业规模达到500亿元。", "scale", 5e10, "CNY"),
        ("到2026年，全市储能产业体量超过300亿元。", "scale", 3e10, "CNY"),
        ("到2025年，全省新型储能装机规模达到5GWh以上。", "capacity", 5.0, "GWh"),
        ("到2026年，动力电池产能达到200吉瓦时。", "capacity", 200.0, "GWh"),
        ("到2027年，多晶硅产量达到30万吨。", "production", 3e5, "t"),
        ("到2025年，全省光伏发电量达到150亿千瓦时。", "production", 15000.0, "GWh"),
        ("到2026年，全市新能源汽车产量突破50万辆。", "production", 5e5, "count"),
        ("到2025年，全省总产值达到6000亿元。", "output_value", 6e11, "CNY"),
    ],
)
def test_indicator_from_the_kind_of_quantity(text, indicator, value, unit):
    r = one(text)
    assert (r.indicator, r.value, r.unit) == (indicator, value, unit)


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        ("到2027年，培育10个优势产业。", "industry_count", 10.0),
        ("到2026年，打造万亿级产业3个。", "industry_count", 3.0),
        ("到2025年，培育县域冠军产业20个。", "industry_count", 20.0),
        ("到2026年，建设省级化工园区8个。", "cluster_count", 8.0),
        ("到2025年，新建氢能产业示范基地3个。", "cluster_count", 3.0),
        ("到2025年，新增规上工业企业300户。", "enterprise_count", 300.0),
        ("到2026年，培育2个千亿级产业链。", "chain_count", 2.0),
        ("到2027年，培育形成4个千亿级产业集群。", "cluster_count", 4.0),
    ],
)
def test_counts_keep_their_counted_noun(text, indicator, value):
    r = one(text)
    assert (r.indicator, r.value, r.unit) == (indicator, value, "count")


def test_a_threshold_before_a_count_is_the_counts_and_its_comparator_is_equal():
    for text, indicator in [
        ("到2026年，年营收超500亿元的集群5个。", "cluster_count"),
        ("到2025年，主营业务收入超百亿元的企业达到12家。", "enterprise_count"),
    ]:
        r = one(text)
        assert (r.indicator, r.comparator) == (indicator, "=")


def test_vehicles_and_stations_are_other():
    for text in ("到2025年，建成加氢站50座。", "到2026年，推广燃料电池汽车3000辆。"):
        assert one(text).indicator == "other"


# ------------------------------------------------------------------ units


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("到2025年，新型储能装机达到500兆瓦时。", 0.5),
        ("到2025年，储能电池产能达到1吉瓦时。", 1.0),
        ("到2026年，储能规模达到300万千瓦时。", 3.0),
        ("到2026年，储能电池产能达到20GWh。", 20.0),
        ("到2027年，抽水蓄能规模达到2MWh。", 0.002),
    ],
)
def test_energy_is_gwh_never_gw(text, value):
    r = one(text)
    assert r.unit == "GWh" and math.isclose(r.value, value)
    assert r.quote.endswith(("时", "Wh"))  # the quote is not cut before 时


def test_square_metres():
    assert (one("到2025年，新建标准厂房100万平方米。").value, "m2") == (1e6, "m2")
    r = one("2024年，建成数据中心机房5万㎡以上。")
    assert (r.value, r.unit, r.comparator) == (5e4, "m2", ">=")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("到2025年，全省天然气产量达到500亿立方米。", "亿立方米"),
        ("到2025年，全市出口额达到30亿美元。", "亿美元"),
        ("到2026年，人均产值达到50万元/人。", "万元/人"),
    ],
)
def test_rows_to_review_carry_the_unit_as_written_and_a_reason(text, written):
    r = one(text)
    assert r.needs_review and r.review_reason
    assert r.unit_as_written == written
    assert math.isnan(r.value)


# ------------------------------------------------------------------ time


def test_recurring_targets_have_no_target_year_and_are_per_year():
    for text in ("每年引进链主企业3家。", "到2025年，全省每年新增规上工业企业500家以上。"):
        r = one(text)
        assert (year(r), r.per) == (None, "year")


def test_months_in_chinese_numerals_and_decades_of_a_month():
    assert one("十月底前，新增签约项目10个。").period == "2024-10"
    assert one("2024年3月下旬前，完成投资20亿元。").period == "2024-03"


# ------------------------------------------------------------------ per-unit values


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("到2025年，每个市（州）培育省级特色产业集群1个以上。", "city"),
        ("到2026年，各市培育链主企业5家。", "city"),
        ("到2025年，每条产业链引进1-2个龙头企业。", "chain"),
        ("到2025年，每个县打造特色园区2个。", "county"),
        ("到2026年，全省培育链主企业50家。", ""),
        ("2024年，每个承载示范开发区至少形成2个招商落地项目。", "park"),
        ("到2027年，每个设区市建设1个以上汽车零部件产业园。", "city"),
    ],
)
def test_per_unit_targets_say_what_they_are_per(text, per):
    assert one(text).per == per


# ------------------------------------------------------------------ not targets


@pytest.mark.parametrize(
    "text",
    [
        "巩固提升十大支柱产业，推动制造业高质量发展。",
        "以打造十大产业链为抓手，推进新型工业化。",
        "做强做优八大重点产业，加快转型升级。",
    ],
)
def test_framing_counts_are_not_targets(text):
    assert rows(text).empty


def test_a_count_of_things_to_create_is_a_target():
    assert one("到2026年，培育五大未来产业集群。").value == 5.0
    assert one("到2025年，新增3个千亿级集群。").value == 3.0


# ------------------------------------------------------------------ shares


@pytest.mark.parametrize(
    "text",
    [
        "到2025年，新能源汽车保有量达到全省汽车保有量的20%。",
        "到2025年，公交车100%使用新能源汽车。",
        "到2026年，新建公共建筑光伏覆盖率达到50%。",
    ],
)
def test_shares(text):
    assert one(text).indicator == "share"


# ------------------------------------------------------------------ rows and frames


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("2024年，全年组织开展产业链对接活动50场以上。", "Chain matchmaking events"),
        ("到2025年，每季度举办1场供需对接活动。", "Supply-demand matchmaking events"),
        ("二季度前召开产销对接会3场。", "Producer-buyer matchmaking meetings"),
    ],
)
def test_matchmaking_events_are_counted_events_with_an_english_scope(text, scope):
    r = one(text)
    assert (r.indicator, r.unit, r.scope) == ("event_count", "count", scope)


def test_rows_and_one_frame_per_batch():
    a = extract_target_rows("到2025年，全省光伏产业营业收入突破1000亿元。", ISSUED)
    b = extract_target_rows("到2026年，新增规上工业企业200家以上。", ISSUED)
    frame = targets_frame(a + b)
    assert frame.value.tolist() == [1e11, 200.0]
    assert list(frame.columns) == list(extract_targets("", ISSUED).columns)


def test_per_units_are_the_schemas():
    from policylens.extract.words import PER_UNITS as READ
    from policylens.model.schema import PER_UNITS

    assert set(READ.values()) <= set(PER_UNITS)


# ------------------------------------------------------------------ grammar classes (issue 12)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("2030年——加氢站70座，燃料电池汽车7000辆，产业产值300亿元；", [70.0, 7000.0, 3e10]),
        ("2026年：充电桩5万个，换电站200座。", [5e4, 200.0]),
        ("（二）2027年——新能源汽车产量60万辆，动力电池产能80GWh。", [6e5, 80.0]),
    ],
)
def test_dated_indicator_rows_without_verbs_are_targets(text, values):
    df = rows(text)
    assert df.value.tolist() == values
    assert set(df.target_year) == {int(text.split("年")[0][-4:])}


@pytest.mark.parametrize(
    ("text", "scopes", "units"),
    [
        (
            "到2025年，全省形成10万吨可再生能源制氢、5万吨工业副产氢和2GW电解槽产能。",
            ["可再生能源制氢", "工业副产氢", "电解槽"],
            ["t", "t", "GW"],
        ),
        (
            "到2026年，建成20万吨正极材料、10万吨负极材料产能。",
            ["正极材料", "负极材料"],
            ["t", "t"],
        ),
    ],
)
def test_lists_with_the_noun_after_each_number(text, scopes, units):
    df = rows(text)
    assert df.scope_zh.tolist() == scopes and df.unit.tolist() == units
    assert set(df.indicator) == {"capacity"}
    for r in df.itertuples():  # each quote runs on to its own noun
        assert r.scope_zh in r.quote[-len(r.scope_zh) - 2 :]


def test_tiered_counts_in_a_list_share_the_counted_noun():
    for text, values in [
        ("到2026年，打造4个万亿级、4个五千亿级产业集群。", [4.0, 4.0]),
        ("到2025年，培育1个千亿级、3个五百亿级产业链。", [1.0, 3.0]),
    ]:
        df = rows(text)
        assert df.value.tolist() == values
        assert len(set(df.indicator)) == 1 and df.indicator.iloc[0] in (
            "cluster_count",
            "chain_count",
        )


def test_a_share_in_parentheses_after_a_value():
    for text, share in [
        ("到2026年，全市新能源汽车产量达到100万辆（约占全国5%）。", 5.0),
        ("到2025年，光伏组件产量达到50GW，约占全省40%。", 40.0),
    ]:
        r = rows(text).iloc[-1]
        assert (r.indicator, r.value, r.comparator) == ("share", share, "~")


@pytest.mark.parametrize(
    ("text", "values", "comparators"),
    [
        ("2024年，制造业、高技术制造业投资分别增长8%和15%以上。", [8.0, 15.0], [">=", ">="]),
        ("到2025年，风电、光伏装机分别超过10GW、20GW。", [10.0, 20.0], [">", ">"]),
    ],
)
def test_respectively_lists_share_comparator_and_indicator(text, values, comparators):
    df = rows(text)
    assert df.value.tolist() == values and df.comparator.tolist() == comparators
    assert len(set(df.indicator)) == 1 and df.indicator.iloc[0] != "other"


def test_each_of_a_list_grows_by_the_same_rate():
    for text, n in [
        ("2024年，新能源、新材料和生物医药产业营收均增长10%以上。", 3),
        ("2025年，光伏和储能产业产值均增长20%。", 2),
    ]:
        df = rows(text)
        assert len(df) == n and set(df.value) == {20.0 if "20%" in text else 10.0}


@pytest.mark.parametrize(
    ("text", "commitments"),
    [
        (
            "2024年，全省生产总值增长5%以上，固定资产投资增长5%；努力跑赢全国平均水平。",
            ["firm", "firm"],
        ),
        (
            "2024年，力争新增规上工业企业2000家，高新技术企业突破3万家；确保粮食产量稳定在1100亿斤以上。",
            ["aspirational", "aspirational", "firm"],
        ),
        ("2025年，将力争形成3个万亿级产业集群，实现产值2000亿元以上。", ["aspirational"] * 2),
        ("2026年，还要争取培育链主企业5家，引进配套企业50家。", ["aspirational"] * 2),
    ],
)
def test_commitment_scope(text, commitments):
    assert rows(text).commitment.tolist() == commitments


@pytest.mark.parametrize(
    "text",
    [
        "截至今年4月底，全省新能源汽车产量达到25万辆。",
        "去年全市累计签约项目123个，总投资800亿元。",
        "该基地占地面积1700平方米，已建成生产线3条。",
        "报告中“新质生产力”出现12次。",
        "推进甲公司20万吨多晶硅项目、乙基地10GW组件项目建设。",
        "该项目总建筑面积5万平方米，已投产生产线3条。",
        "报告全文共1.2万字，提到“产业链”36次。",
    ],
)
def test_false_rows_are_not_targets(text):
    assert rows(text).empty


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2024年，全年新增光伏装机五千九百点二一万千瓦。", 59.0021),
        ("2024年，新建5G基站3万5千个。", 35000.0),
        ("到2025年，培育两大千亿级产业集群。", 2.0),
        ("到2026年，打造五大先进制造业集群。", 5.0),
    ],
)
def test_numerals(text, value):
    assert math.isclose(one(text).value, value)


FIELDS = ["indicator", "value", "value_stretch", "unit", "comparator", "commitment"]


@pytest.mark.parametrize(
    ("text", "spelled", "digits", "value"),
    [
        ("到2025年，全省光伏组件占全国比重达到百分之五点五。", "百分之五点五", "5.5%", 5.5),
        ("到2026年，新能源汽车渗透率力争提高到百分之三十以上。", "百分之三十", "30%", 30.0),
        ("到2027年，软件业务收入年均增长百分之十二点五。", "百分之十二点五", "12.5%", 12.5),
        ("到2025年，亏损企业占比控制在百分之八以内。", "百分之八", "8%", 8.0),
        ("到2026年，规上企业数字化改造覆盖率达到百分之百。", "百分之百", "100%", 100.0),
        (
            "到2025年，本地配套率提高到百分之四十至百分之五十。",
            "百分之四十至百分之五十",
            "40%至50%",
            40.0,
        ),
    ],
)
def test_percentages_in_words_read_as_the_same_percent_in_digits(text, spelled, digits, value):
    """百分之N (点 decimals too) is N percent: the row the same sentence gives in digits."""
    in_words, in_digits = one(text), one(text.replace(spelled, digits))
    assert in_words.value == value and in_words.unit == "percent"
    assert in_words[FIELDS].equals(in_digits[FIELDS])
    assert spelled in in_words.quote


def test_percentages_in_words_in_rules_and_facts_are_not_targets():
    assert rows("对新建项目按投资额的百分之三十给予补助。").empty
    assert rows("2023年，全市工业投资已增长百分之六点二。").empty


def test_approximate_numbers_are_ranges_to_review():
    for text in ("2024年，力争引进数十家链主企业。", "到2025年，培育上百个特色产业园区。"):
        r = one(text)
        assert r.needs_review and "range" in r.review_reason and math.isnan(r.value)


def test_more_than_and_about_as_written():
    assert one("到2025年，培育200余家专精特新企业。").comparator == ">"
    assert one("到2025年，新增规上企业近100家。").comparator == "~"


def test_a_floor_before_the_verb_of_a_count():
    assert one("到2027年，每个设区市至少建设1个零部件产业园。").comparator == ">="
    assert one("2024年，各县不少于培育3家链主企业。").comparator == ">="


def test_counts_of_policies_and_measures_are_not_targets():
    assert rows("9月底前出台支持政策5项。").empty
    assert rows("年内制定配套措施10条。").empty


def test_the_investment_of_the_projects_just_counted_is_a_target():
    for text, value in [
        ("到2027年，实施锂电重点项目100项，总投资2000亿元。", 2e11),
        ("2024年，开工建设重点项目50个，计划投资300亿元。", 3e10),
    ]:
        df = rows(text)
        assert df.indicator.tolist() == ["project_count", "investment"]
        assert df.value.iloc[1] == value


def test_money_scale_without_yuan_closing_its_clause():
    for text, value in [
        ("力争到2028年，全区氢能产业达到千亿规模。", 1e11),
        ("到2026年，新能源产业突破三千亿规模。", 3e11),
    ]:
        r = one(text)
        assert (r.indicator, r.value, r.unit) == ("scale", value, "CNY")
    assert one("到2025年，打造千亿规模产业集群2个。").indicator == "cluster_count"  # a tier


def test_an_undated_target_takes_the_plans_horizon_before_an_earlier_deadline():
    plan = (
        "某省储能产业发展行动计划（2024—2027年）\n"
        "到2025年，全省储能装机达到5GW。\n"
        "全省将举办储能产业对接活动不少于30场。\n"
    )
    assert rows(plan).target_year.tolist() == [2025, 2027]
    news = (
        "记者获悉，《某省氢能产业发展行动计划(2024-2028年)》日前印发。\n"
        "到2025年底，全省建成加氢站30座。\n"
        "计划还明确，培育氢能企业50家。\n"
    )
    assert rows(news).target_year.tolist() == [2025, 2028]


# ------------------------------------------------------------------ text as it arrives

OFFICIAL = [
    "到2025年，全省新能源汽车产量达到300万辆以上，产业营收力争达到1.5万亿元；培育链主企业5家。",
    "2024年，每个设区市至少建设1个零部件产业园（含改扩建），本地配套率提高到60%。",
]


def _fields(df):
    return [
        (r.indicator, r.value, r.unit, r.comparator, r.commitment, r.target_year)
        for r in df.itertuples()
    ]


@pytest.mark.parametrize("text", OFFICIAL)
def test_ascii_punctuation_gives_the_same_rows(text):
    web = text.translate(str.maketrans({"，": ",", "；": ";", "（": "(", "）": ")", "。": "."}))
    assert _fields(rows(web)) == _fields(rows(text))


@pytest.mark.parametrize("text", OFFICIAL)
def test_spaces_around_numbers_give_the_same_rows(text):
    import re

    pdf = re.sub(r"([0-9.]+)", r" \1 ", text)
    assert _fields(rows(pdf)) == _fields(rows(text))


@pytest.mark.parametrize("width", [17, 23, 31])
def test_lines_wrapped_anywhere_give_the_same_rows(width):
    text = "\n".join(OFFICIAL)
    wrapped = "\n".join(
        line[i : i + width] for line in text.split("\n") for i in range(0, len(line), width)
    )
    df = rows(wrapped)  # the invariants: every quote stands at its offsets in `wrapped`
    assert _fields(df) == _fields(rows(text))


def test_a_title_line_is_not_merged_with_the_text_below():
    text = "某省光伏产业链2025年工作要点\n为加快发展，制定本方案。\n培育链主企业10家以上。\n"
    assert rows(text, "2024-03-01").target_year.tolist() == [2025]


@pytest.mark.parametrize(
    ("heading", "body", "scope"),
    [
        ("二、加强建立完善相适应的政府服务链", "链主企业数量达到60家。", "链主企业"),
        ("三、推进重点产业链强链补链延链工作", "规上工业企业突破500家。", "规上工业企业"),
        (
            "联系人:张小华 联系电话：028-86246495",
            "力争省级重点产业链企业突破92家。",
            "省级重点产业链企业",
        ),
        ("传真：0351-4048290  电子邮箱：abc@163.com", "全省链上企业突破700家。", "链上企业"),
    ],
)
def test_an_enumerated_heading_or_a_contact_line_is_not_wrapped_into_the_next(heading, body, scope):
    """二、…/（三）… headings without clause marks after the enumerator, and contact lines
    (联系人, 电话, 传真, 邮箱), end their line: the body below keeps its own subject."""
    text = "为加快发展，制定本方案，促进产业集聚，推动高质量发展。\n" + heading + "\n" + body
    r = one(text)
    assert r.scope_zh == scope and heading not in r.quote


def test_a_headline_restated_in_the_body_is_one_row():
    for text in (
        "标题：到2025年某省光伏营收将突破1000亿元\n记者获悉，到2025年，全省光伏产业营收将突破1000亿元，培育链主企业5家。",
        "某市：2026年新增规上企业500家\n2026年，全市力争新增规上工业企业500家以上。",
    ):
        df = rows(text)
        assert len(df) == len(set(df.value))  # each value once
        assert not df.quote.iloc[0].startswith(("标题", "某市"))  # the body's statement is kept


def test_zhengchuang_is_aspirational():
    for text in (
        "到2025年，争创国家级专精特新“小巨人”企业10家。",
        "2024年，争创国家先进制造业集群1个。",
    ):
        r = one(text)
        assert r.commitment == "aspirational" and r.value in (10.0, 1.0)


def test_a_list_after_a_goal_and_a_colon():
    for text, values in [
        ("到2025年，培育链主企业：汽车产业5家、电子信息产业3家。", [5.0, 3.0]),
        ("2024年，新增规上工业企业：南京10家、苏州12家。", [10.0, 12.0]),
    ]:
        df = rows(text)
        assert df.value.tolist() == values and set(df.indicator) == {"enterprise_count"}
    assert rows("发展现状：汽车产业企业5家。").empty  # no goal verb before the colon


def test_institutions_counted_in_jia_are_not_firms():
    for text in ("到2027年，建成储能技术创新平台10家。", "到2025年，新增省级企业技术中心30家。"):
        assert one(text).indicator == "other"
    assert one("到2025年，新增规上工业企业30家。").indicator == "enterprise_count"


# ------------------------------------------------------- issue 12, round 7 (dev7)


@pytest.mark.parametrize(
    ("text", "issued", "expected"),
    [
        # a year span dates by its last year (in a heading, in a sentence)
        ("（一）2023—2024年，夯实基础。建成加氢站50座。", "2023-04-20", 2024),
        ("在2024—2026年期间，累计建成充电站点300个。", "2024-02-01", 2026),
        ("2025年至2027年，全市累计引进储能企业40家。", "2024-05-01", 2027),
        # N年内 is the issue year + N (TARGETS.md: 5年内 in a 2020 plan → 2025)
        ("力争3年内建成氢能产业创新中心2个。", "2023-04-20", 2026),
        ("力争5年内实现光伏产业链本地配套率超过60%。", "2024-06-10", 2029),
        # a part of a relative year (明年上半年) is in that year
        ("明年上半年，新增氢能重卡200辆。", "2024-04-08", 2025),
        ("明年一季度，建成充电站30座。", "2023-11-20", 2024),
        # 本世纪中叶 is 2050
        ("到本世纪中叶，氢能在终端能源消费中的比重达到10%以上。", "2023-04-20", 2050),
        ("远期到本世纪中叶，全省可再生能源装机达到3亿千瓦。", "2022-01-10", 2050),
    ],
)
def test_spans_and_distant_times_give_their_target_year(text, issued, expected):
    assert year(one(text, issued)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "《光伏产业发展规划（2024—2027年）》提出，新建光伏产业园区3个。",
        "某市氢能行动计划（2024-2027年）明确，引进氢能企业20家。",
    ],
)
def test_the_span_in_a_plans_name_is_its_title_not_a_time_of_the_text(text):
    # the span names the plan: an undated target takes no year from it
    assert year(one(text, "2024-03-01")) is None


@pytest.mark.parametrize(
    ("text", "issued", "expected"),
    [
        ("力争3年内建成创新中心2个。每个设区市至少建设1个示范场景。", "2023-04-20", [2026, None]),
        (
            "到2026年，培育链主企业5家。两年内建成平台2个。新增园区3个。",
            "2024-01-05",
            [2026, 2026, 2026],
        ),
    ],
)
def test_a_span_from_now_dates_its_own_sentence_only(text, issued, expected):
    # the later sentence takes the paragraph's dated head (or none), not the span
    assert [year(r) for r in rows(text, issued).itertuples()] == expected


@pytest.mark.parametrize(
    ("text", "years", "values", "comparators"),
    [
        (
            "2023年、2024年、2025年，全省新建加氢站分别不少于15座、20座、25座。",
            [2023, 2024, 2025],
            [15, 20, 25],
            [">=", ">=", ">="],
        ),
        (
            "2025年和2026年，全市新能源汽车产量分别达到10万辆、15万辆以上。",
            [2025, 2026],
            [1e5, 1.5e5],
            [">=", ">="],
        ),
        (
            "2024年、2025年全省储能装机分别突破3GW和5GW。",
            [2024, 2025],
            [3, 5],
            [">", ">"],
        ),
    ],
)
def test_years_listed_before_respectively_date_each_value(text, years, values, comparators):
    df = rows(text, "2023-06-01")
    assert [year(r) for r in df.itertuples()] == years
    assert df.value.tolist() == values
    assert df.comparator.tolist() == comparators
    assert not df.scope_zh.str.contains("分别").any()


@pytest.mark.parametrize(
    ("text", "indicator", "value", "unit"),
    [
        # 年产能 is a capacity, 年产 (a quantity made in a year) a production
        ("到2027年，工业硅年产能稳定在120万吨左右。", "capacity", 1.2e6, "t"),
        ("到2025年，燃料电池系统年产能达到5000套。", "capacity", 5000, "count"),
        ("到2025年，实现年产燃料电池电堆2万套。", "production", 2e4, "count"),
        ("到2026年，实现年产动力电池正极材料10万吨。", "production", 1e5, "t"),
        # a capacity or output named by the counted noun itself
        ("2024年，新增整车产能10万辆。", "capacity", 1e5, "count"),
        ("到2025年，新增电动两轮车产能50万台。", "capacity", 5e5, "count"),
        ("到2025年，提升整车产量30万辆。", "production", 3e5, "count"),
    ],
)
def test_capacity_and_production_read_from_the_metric_word(text, indicator, value, unit):
    r = one(text, "2024-01-10")
    assert (r.indicator, r.value, r.unit) == (indicator, value, unit)


# ------------------------------------------------- upper bounds, facilities, ratios (issue 12)


@pytest.mark.parametrize(
    ("text", "indicator", "value", "unit"),
    [
        ("2025年，全市城镇登记失业率控制在4%以内。", "share", 4.0, "percent"),
        ("到2026年，全省钢铁产能控制在3000万吨以内。", "capacity", 3e7, "t"),
        ("今年，居民消费价格涨幅控制在3%以下。", "growth_rate", 3.0, "percent"),
        ("到2025年，规上工业企业资产负债率不超过60%。", "share", 60.0, "percent"),
        ("到2027年，单位产值能耗不高于0.4吨。", "other", 0.4, "t"),
        ("到2025年，全省能源消费总量不超过1.5亿吨。", "other", 1.5e8, "t"),
    ],
)
def test_an_upper_bound_is_a_cap_with_its_value(text, indicator, value, unit):
    r = one(text)
    assert (r.indicator, r.value, r.unit, r.comparator) == (indicator, value, unit, "<=")
    assert not r.needs_review


@pytest.mark.parametrize(
    "text",
    [
        "对新建项目给予补助，最高不超过500万元。",
        "单个项目供地不超过300亩。",
        "每家企业每年申报项目不超过3个。",
    ],
)
def test_a_cap_on_a_subsidy_or_a_quota_is_no_target(text):
    assert rows(text).empty


def test_about_wins_over_a_cap():
    assert one("到2025年，能源消费总量控制在3000万吨左右。").comparator == "~"


@pytest.mark.parametrize(
    ("text", "reason_word"),
    [
        ("到2025年，建设用地规模控制在50平方公里以内。", "平方公里"),
        ("到2026年，终端用氢价格降至每公斤30元以下。", "元/公斤"),
    ],
)
def test_a_cap_in_a_unit_outside_the_contract_is_kept_for_review(text, reason_word):
    r = one(text)
    assert r.needs_review and reason_word in r.review_reason and math.isnan(r.value)
    assert r.comparator == "<="


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("到2026年，工商业电价降至每千瓦时0.45元。", "元/千瓦时"),
        ("到2025年，氢气售价不高于每公斤25元。", "元/公斤"),
    ],
)
def test_a_price_per_measure_is_a_rate_not_an_amount(text, written):
    r = one(text)
    assert r.needs_review and r.unit_as_written == written and math.isnan(r.value)


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("到2026年，认定市级绿色工厂30家。", "other"),
        ("到2025年，建成数字化车间200个。", "other"),
        ("到2027年，建设省级重点实验室15家。", "other"),
        ("到2025年，新建中试示范线5条。", "other"),
        ("到2026年，培育未来工厂12家。", "other"),
        ("到2025年，培育专精特新企业300家。", "enterprise_count"),
        ("到2025年，新增规上工业企业100户。", "enterprise_count"),
        ("到2027年，引进链主企业8家。", "enterprise_count"),
    ],
)
def test_a_counted_facility_is_other_and_firms_stay_firms(text, indicator):
    assert one(text).indicator == indicator


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        ("到2025年，全社会研发经费投入强度达到2.8%。", "other", 2.8),
        ("到2026年，规上企业研发投入强度不低于2%。", "other", 2.0),
        ("到2026年，单位地区生产总值能耗下降13.5%。", "other", 13.5),
        ("到2025年，数字经济核心产业增加值占地区生产总值比重达到10%。", "share", 10.0),
        ("到2027年，光伏产业营业收入年均增长15%。", "growth_rate", 15.0),
    ],
)
def test_a_ratio_that_is_not_a_share_is_other(text, indicator, value):
    r = one(text)
    assert (r.indicator, r.value, r.unit) == (indicator, value, "percent")


# ------------------------------------------------- which time carries (issue 12)


def _year_of(df, word):
    r = df[df.quote.str.contains(word, regex=False)]
    assert len(r) == 1, df[["quote", "target_year"]].to_string()
    return year(r.iloc[0])


@pytest.mark.parametrize(
    ("text", "issued", "word", "expected"),
    [
        (
            "政府工作报告\n三、2024年重点工作\n（一）壮大产业。锂电产业今年营收突破300亿元，到2027年力争达到"
            "600亿元。光伏产业营收增长15%。",
            "2024-02-01",
            "15%",
            2024,
        ),
        (
            "某市工业工作要点\n二、2025年重点任务\n新材料产业今年产值达到500亿元，到“十五五”末达到900亿元。"
            "新增规上企业50家。",
            "2025-01-15",
            "50家",
            2025,
        ),
    ],
)
def test_a_time_after_a_value_dates_only_its_own_sentence(text, issued, word, expected):
    df = rows(text, issued)
    assert _year_of(df, word) == expected
    assert len(df) == 3  # 今年… and 到…: two rows of one indicator, not a stretch


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("到2027年，全市储能产值达到800亿元。新增储能企业20家。", "20家", 2027),
        ("方案提出，到2026年，光伏产值达到500亿元。培育链主企业3家。", "3家", 2026),
    ],
)
def test_a_time_heading_its_sentence_dates_the_paragraph(text, word, expected):
    assert _year_of(rows(text), word) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "方案提出，到2025年，氢能产值达到100亿元；到2030年，产值突破500亿元。\n\n"
            "方案明确，建成加氢站30座。",
            "30座",
        ),
        ("到2026年，新增风电装机5GW；到2028年，新增风电装机10GW。\n\n新建储能示范线5条。", "5条"),
        (
            "某市出台氢能方案 到2030年产值突破500亿元\n\n方案提出，到2025年，产值突破100亿元；"
            "到2030年，突破500亿元。\n\n新建加氢站10座。",
            "10座",
        ),
    ],
)
def test_a_text_with_several_horizons_leaves_an_undated_target_undated(text, word):
    assert _year_of(rows(text), word) is None


def test_one_horizon_before_still_dates_an_undated_target():
    text = "主要目标：到2025年，光伏产值达到500亿元。\n\n光伏制造业：组件产能达到50GW。"
    assert _year_of(rows(text), "50GW") == 2025


@pytest.mark.parametrize("heading", ["（一）近期目标（到2026年）", "（一）2026年目标"])
def test_a_stage_heading_dates_its_stage_not_the_plan(heading):
    text = (
        f"某市储能产业培育方案\n\n一、发展目标\n{heading}\n储能电池产能达到20GWh。\n\n"
        "二、重点任务\n（一）建设平台。建设中试平台3个。"
    )
    df = rows(text)
    assert _year_of(df, "20GWh") == 2026
    assert _year_of(df, "3个") is None


# ------------------------------------------------- pairs, people, units outside (issue 12)


@pytest.mark.parametrize(
    ("text", "gw", "gwh", "comparator"),
    [
        ("到2025年，全省新型储能装机规模达到300万千瓦/1200万千瓦时。", 3.0, 12.0, "="),
        ("到2027年，新型储能装机达到5GW/20GWh以上。", 5.0, 20.0, ">="),
        ("到2026年，建成独立储能电站100MW/400MWh。", 0.1, 0.4, "="),
    ],
)
def test_storage_written_as_power_over_energy_gives_two_capacities(text, gw, gwh, comparator):
    df = rows(text).set_index("unit")
    assert set(df.index) == {"GW", "GWh"}
    assert math.isclose(df.loc["GW", "value"], gw) and math.isclose(df.loc["GWh", "value"], gwh)
    assert set(df.indicator) == {"capacity"} and set(df.comparator) == {comparator}


def test_a_price_per_unit_after_a_slash_is_still_a_rate():
    r = one("到2025年，储能系统成本降至1000元/千瓦时。")
    assert r.needs_review and r.unit_as_written == "元/千瓦时"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("到2025年，培训数字化转型人才10万人次。", 1e5),
        ("到2026年，培养高技能人才5万人。", 5e4),
    ],
)
def test_people_trained_are_counted(text, value):
    r = one(text)
    assert (r.indicator, r.value, r.unit) == ("other", value, "count")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("到2025年，货物贸易进出口总额突破200亿美元。", "亿美元"),
        ("到2026年，全员劳动生产率达到35万元/人。", "万元/人"),
        ("到2025年，新建高速公路500公里。", "公里"),
        ("到2027年，天然气供应量新增8000万标准立方米。", "万标准立方米"),
    ],
)
def test_a_unit_outside_the_contract_keeps_its_unit_as_written(text, written):
    r = one(text)
    assert r.needs_review and r.unit_as_written == written and math.isnan(r.value)
    assert written.lstrip("万亿") in r.review_reason


@pytest.mark.parametrize(
    "text",
    [
        "到2025年，新能源项目配建储能比例不低于装机容量的10%。",
        "新建集中式光伏电站按装机规模的15%配置储能。",
        "风电项目配储比例不低于其装机容量的20%。",
    ],
)
def test_a_ratio_to_a_projects_own_size_is_a_rule(text):
    assert rows(text).empty


@pytest.mark.parametrize(
    "text",
    [
        "到2025年，新能源汽车占比达到全省保有量的20%。",
        "到2026年，风电装机占电力装机的比重达到30%。",
    ],
)
def test_a_share_of_a_whole_stays_a_target(text):
    assert one(text).indicator == "share"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("年内，开通氢能公交线路10条。", 10.0),
        ("到2025年，新开通国际航线5条。", 5.0),
    ],
)
def test_lines_opened_are_goals(text, value):
    r = one(text)
    assert (r.indicator, r.value, r.unit) == ("other", value, "count")


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (
            "到2025年，全省光伏产业营业收入达到3000亿元，光伏组件产能达到100GW；"
            "到2027年，营业收入突破4000亿元。",
            "光伏产业",
        ),
        (
            "到2026年，全市锂电产业产值达到800亿元，正极材料产能达到20万吨；"
            "到2028年，产值突破1200亿元。",
            "锂电产业",
        ),
    ],
)
def test_a_restated_metric_takes_the_subject_it_had_in_the_sentence(text, subject):
    df = rows(text)
    money = df[df.unit == "CNY"]
    assert len(money) == 2 and set(money.scope_zh) == {subject}


def test_a_headline_restating_a_later_year_merges_with_its_body():
    text = (
        "某省：到2027年光伏产业营收突破4000亿元\n\n方案提出，到2025年，全省光伏产业营业收入达到"
        "3000亿元，光伏组件产能达到100GW；到2027年，营业收入突破4000亿元。"
    )
    df = rows(text, "2024-06-01")
    assert (df.value == 4e11).sum() == 1


_TABLE = "某省“十五五”规划纲要\n\n| 指标 | 2025年 | 2030年 | 属性 |\n| {name} | {base} | {goal} | 预期性 |\n"


@pytest.mark.parametrize(
    ("name", "goal", "indicator", "value", "comparator"),
    [
        ("城镇调查失业率（%）", "<5.5", "share", 5.5, "<="),
        ("规上企业资产负债率（%）", "≤60", "share", 60.0, "<="),
        ("能源消费总量（万吨）", "8000以内", "other", 8e7, "<="),
        ("单位地区生产总值能耗降低（%）", "[13.5]", "other", 13.5, "="),
        ("单位工业增加值用水量下降（%）", "［16］", "other", 16.0, "="),
    ],
)
def test_a_table_cell_reads_caps_and_period_sums(name, goal, indicator, value, comparator):
    df = rows(_TABLE.format(name=name, base="1", goal=goal), "2026-01-20")
    r = df[df.target_year == 2030].iloc[0]
    assert (r.indicator, r.value, r.comparator) == (indicator, value, comparator)


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("到2027年，正极材料产能达到50万吨，新建标准化厂房100万平方米。", "other"),
        ("到2026年，电池产量达到20万吨，建成孵化载体面积30万平方米。", "other"),
        ("到2026年，光伏玻璃产能达到500万平方米。", "capacity"),
    ],
)
def test_a_floor_area_does_not_take_the_capacity_before_it(text, indicator):
    df = rows(text)
    assert df[df.unit == "m2"].iloc[0].indicator == indicator


@pytest.mark.parametrize("deadline", ["到2027年", "到 2027 年"])
def test_a_headline_deadline_is_not_the_horizon_however_spaced(deadline):
    text = (
        f"某省出台储能方案 {deadline}装机达到1200万千瓦\n\n方案提出，到2025年，装机达到300万千瓦；"
        "到2027年，装机达到1200万千瓦。\n\n新建储能示范线5条。"
    )
    assert _year_of(rows(text), "5条") is None


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("到2030年，人均预期寿命达到80岁。", "岁"),
        ("到2030年，劳动年龄人口平均受教育年限达到11.8年。", "年"),
        ("到2030年，细颗粒物平均浓度控制在28微克/立方米以下。", "微克/立方米"),
    ],
)
def test_the_units_of_a_development_plan_are_kept_for_review(text, written):
    r = one(text, "2026-01-20")
    assert r.needs_review and r.unit_as_written == written and year(r) == 2030


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("到2030年，每千人口拥有执业（助理）医师数达到3.6人。", 3.6),
        ("到2030年，每万人口高价值发明专利拥有量达到25件。", 25.0),
    ],
)
def test_a_per_capita_stock_is_a_goal_not_a_fact(text, value):
    r = one(text, "2026-01-20")
    assert (r.value, r.unit, year(r)) == (value, "count", 2030)


def test_a_stock_held_now_is_still_a_fact():
    assert rows(
        "目前，全市拥有规上工业企业500家。到2025年，规上工业企业达到800家。"
    ).value.tolist() == [800.0]
