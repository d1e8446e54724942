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


def test_rows_and_one_frame_per_batch():
    a = extract_target_rows("到2025年，全省光伏产业营业收入突破1000亿元。", ISSUED)
    b = extract_target_rows("到2026年，新增规上工业企业200家以上。", ISSUED)
    frame = targets_frame(a + b)
    assert frame.value.tolist() == [1e11, 200.0]
    assert list(frame.columns) == list(extract_targets("", ISSUED).columns)


def test_per_units_are_the_schemas():
    from policylens.extract.words import PER_UNITS as READ
    from policylens.schema import PER_UNITS

    assert set(READ.values()) <= set(PER_UNITS)
