"""Chains, clusters and industries: the real corpus, sentences of other plans, properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policylens as pl
from policylens.engine.frames import table_frame
from policylens.extract.chains import extract_chain_rows
from policylens.model.schema import CHAINS, conform, validate
from policylens.model.vocab import UnlabelledWarning

JIANGXI_CHAINS = {
    "电子信息", "有色金属", "装备制造", "新能源", "石化化工", "建材",
    "钢铁", "航空", "食品", "纺织服装", "医药", "现代家具",
}  # fmt: skip
SICHUAN_INDUSTRIES = {
    "新型显示", "清洁能源装备", "动力电池", "晶硅光伏", "航空航天",
    "生物医药", "钒钛稀土", "天然气产业", "轨道交通", "优质白酒",
}  # fmt: skip


def _chains(text, doc_id="d", province="Hubei", check_schema=True):
    df = table_frame("chains", [(doc_id, province)], [extract_chain_rows(text)])
    assert list(df.columns) == CHAINS.column_names
    if check_schema:
        validate(conform(df, "chains"), "chains")
    for row in df.itertuples():
        assert text[row.char_start : row.char_end] == row.quote
    assert not df.duplicated(["chain_zh", "level", "parent"]).any()
    return df


@pytest.fixture(scope="module")
def corpus():
    docs = pl.load_documents()
    return {row.doc_id: (pl.load_text(row.doc_id), row.province) for row in docs.itertuples()}


def _doc(corpus, doc_id):
    text, province = corpus[doc_id]
    return _chains(text, doc_id, province)


def test_jiangxi_twelve_chains_six_clusters_and_new_energy_sub_chains(corpus):
    df = _doc(corpus, "jiangxi_chains_2023_2026")
    chains = df[df.level == "chain"]
    assert set(chains.chain_zh) == JIANGXI_CHAINS
    assert set(chains.parent) == {"制造业重点产业链"} and set(chains["count"]) == {1}
    assert chains.set_index("chain_zh").loc["新能源", "chain"] == "new_energy"
    clusters = df[df.level == "cluster"]
    assert len(clusters) == 6 and set(clusters.parent) == {"先进制造业集群"}
    assert {"电子信息", "铜基新材料", "锂电和光伏新能源", "航空"} <= set(clusters.chain_zh)
    new_energy = df[(df.level == "sub_chain") & (df.parent == "新能源产业链")]
    assert set(new_energy.chain) == {
        "lithium_battery",
        "photovoltaic",
        "hydrogen",
        "sodium_ion_battery",
        "new_type_energy_storage",
    }
    assert set(new_energy.chain_zh) == {"锂电", "光伏", "氢能", "钠离子电池", "新型储能"}
    # other headed paragraphs get their own sub-chains
    electronics = df[(df.level == "sub_chain") & (df.parent == "电子信息产业链")]
    assert "集成电路" in set(electronics.chain_zh)
    # “12条重点产业链” restates the named twelve: no separate count row
    assert (df["count"] == 1).all()


def test_sichuan_ten_advantage_industries(corpus):
    df = _doc(corpus, "sichuan_everest_2023_draft")
    industries = df[df.level == "industry"]
    assert set(industries.chain_zh) == SICHUAN_INDUSTRIES
    assert set(industries.parent) == {"优势产业"}
    assert industries.set_index("chain_zh").loc["晶硅光伏", "chain"] == "crystalline_silicon_pv"
    assert len(df) == 10


def test_shanxi_pv_main_and_side_chains(corpus):
    df = _doc(corpus, "shanxi_pv_2023")
    pv = df[df.chain_zh == "光伏产业链"].iloc[0]
    assert (pv.level, pv.chain) == ("chain", "photovoltaic")
    subs = df[df.level == "sub_chain"]
    assert set(subs.parent) == {"光伏产业链"}
    assert set(subs.chain_zh) == {"硅料-硅片-电池-组件", "辅材", "设备"}
    by_name = subs.set_index("chain_zh")
    assert by_name.loc["硅料-硅片-电池-组件", "label"] == (
        "Main chain: silicon feedstock – silicon wafers – PV cells – PV modules"
    )
    assert by_name.loc["硅料-硅片-电池-组件", "chain"] == "silicon_feedstock_to_pv_modules"
    assert by_name.loc["辅材", "label"] == "Side chain: PV auxiliary materials"
    assert "photovoltaic" not in set(subs.chain)  # no sub-chain stands for its parent


@pytest.mark.parametrize(
    ("text", "side"),
    [
        (
            "新能源产业链。加快构建以“硅料-硅片-电池-组件”为主链，辅材和设备等为侧链的产业链生态体系。",
            {"辅材": "pv_auxiliary_materials", "设备": "pv_equipment"},
        ),
        (
            "储能产业链。坚持以晶硅、电池片、组件为主链、辅料及设备为支链，推动延链补链。",
            {"辅料": "pv_auxiliary_materials", "设备": "pv_equipment"},
        ),
    ],
)
def test_side_chains_are_read_in_the_chain_their_main_chain_names(text, side, recwarn):
    """Under a heading that is not PV's, 辅材/设备 beside a PV main chain are still PV's."""
    df = _chains(text)
    subs = df[df.level == "sub_chain"].set_index("chain_zh")
    sides = subs[subs.label.str.startswith("Side chain: ")]
    assert dict(zip(sides.index, sides.chain, strict=True)) == side
    assert set(subs.parent) == {text.split("。")[0]}  # the parent stays the heading's
    assert not [w for w in recwarn if issubclass(w.category, UnlabelledWarning)]


def test_side_chains_of_a_main_chain_without_context_words_stay_unlabelled():
    """设备 beside a lithium main chain is no PV equipment: no label, a warning."""
    with pytest.warns(UnlabelledWarning, match="设备"):
        df = _chains("锂电产业链。以“正极材料-负极材料-电解液-隔膜”为主链，设备等为侧链。")
    assert df.set_index("chain_zh").loc["设备", ["label", "chain"]].tolist() == ["", ""]


def test_jiangxi_sub_chains_have_their_own_keys_and_translations(corpus):
    df = _doc(corpus, "jiangxi_chains_2023_2026")
    subs = df[df.level == "sub_chain"].set_index("chain_zh")
    assert subs.loc["石油化工", ["chain", "parent"]].tolist() == [
        "petrochemicals",
        "石化化工产业链",
    ]
    assert subs.loc["绿色建材", "chain"] == "green_building_materials"
    assert subs.loc["地方特色食品", "chain"] == "local_specialty_food"
    assert subs.loc["产业用纺织品", "label"] == "Technical textiles"
    chains = df[df.level == "chain"].set_index("chain_zh")
    assert chains.loc["石化化工", "chain"] == "petrochemical_chemical"
    assert not set(subs.chain) & set(chains.chain)


@pytest.mark.parametrize(
    ("text", "sub_chain", "parent_key"),
    [
        # a sub-chain whose words read as its parent's key (锂电池 in 锂电产业链) gets none
        ("锂电产业链。重点发展锂电池、正极材料等细分产业链。", "锂电池", "lithium_battery"),
        ("光伏产业链。重点发展光伏设备、光伏组件等细分产业链。", "光伏设备", "photovoltaic"),
    ],
)
def test_a_sub_chain_named_like_its_parent_is_flagged_not_keyed(text, sub_chain, parent_key):
    with pytest.warns(UnlabelledWarning, match=sub_chain):
        df = _chains(text)
    row = df[(df.level == "sub_chain") & (df.chain_zh == sub_chain)].iloc[0]
    assert (row.label, row.chain) == ("", "")
    assert parent_key not in set(df[df.level == "sub_chain"].chain)


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("打造无人船、光伏2个产业集群。", "无人船"),
        ("新能源汽车产业链。重点发展整车、车规级芯片等细分产业链。", "车规级芯片"),
    ],
)
def test_unknown_chain_names_are_flagged_with_empty_label_and_key(text, unknown):
    with pytest.warns(UnlabelledWarning, match=unknown):
        df = _chains(text)
    row = df[df.chain_zh == unknown].iloc[0]
    assert (row.label, row.chain) == ("", "")
    assert (df[df.chain_zh != unknown].label != "").all()


def test_shanxi_sixteen_chains_as_a_stated_count(corpus):
    df = _doc(corpus, "shanxi_chain_chief_2024")
    assert len(df) == 1
    row = df.iloc[0]
    assert (row.chain_zh, row.level, row["count"], row.chain) == (
        "省级重点产业链",
        "chain",
        16,
        "key_chains",
    )
    assert "向全部16条省级重点产业链推行" in row.quote
    # targets and subsets (新增4条, 5条以上, 达到20条) are not chain counts
    opinions = _doc(corpus, "shanxi_investment_opinions")
    assert list(opinions.chain_zh) == ["光伏产业链"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "湖北省将着力打造光电子信息、新能源与智能网联汽车、生命健康、高端装备、北斗5个万亿级产业集群。",
            {
                ("光电子信息", "cluster", "万亿级产业集群"),
                ("北斗", "cluster", "万亿级产业集群"),
                ("新能源与智能网联汽车", "cluster", "万亿级产业集群"),
                ("生命健康", "cluster", "万亿级产业集群"),
                ("高端装备", "cluster", "万亿级产业集群"),
            },
        ),
        (
            "培育壮大汽车、钢铁、石化、食品、纺织五大支柱产业。",
            {(w, "industry", "支柱产业") for w in ("汽车", "钢铁", "石化", "食品", "纺织")},
        ),
        (
            "重点发展集成电路、新型显示、人工智能3个产业集群。",
            {(w, "cluster", "产业集群") for w in ("集成电路", "新型显示", "人工智能")},
        ),
        (
            "新能源汽车产业链。重点发展整车、动力电池、电机电控等细分产业链。",
            {
                ("新能源汽车产业链", "chain", ""),
                ("整车", "sub_chain", "新能源汽车产业链"),
                ("动力电池", "sub_chain", "新能源汽车产业链"),
                ("电机电控", "sub_chain", "新能源汽车产业链"),
            },
        ),
        ("围绕全省18条重点产业链开展精准招商。", {("重点产业链", "chain", "")}),
        ("力争新增4条省级重点产业链，5条以上产业链形成示范。", set()),
        ("到2025年，重点产业链总数达到20条。", set()),
        (
            "加快发展光伏产业链，推动锂电产业链延链补链。",
            {("光伏产业链", "chain", ""), ("锂电产业链", "chain", "")},
        ),
        (
            "以“晶硅-电池片-组件”为主链、逆变器等为侧链，打造光伏产业链。",
            {
                ("晶硅-电池片-组件", "sub_chain", "光伏产业链"),
                ("逆变器", "sub_chain", "光伏产业链"),
                ("光伏产业链", "chain", ""),
            },
        ),
        ("支持专精特新“小巨人”企业、制造业单项冠军等产业链上下游骨干企业参与。", set()),
        ("汇聚研发创新、生产制造、贸易流通等产业链数据。", set()),
    ],
)
def test_sentences_of_other_plans(text, expected):
    df = _chains(text)
    assert set(zip(df.chain_zh, df.level, df.parent, strict=True)) == expected


def test_a_count_row_counts_and_named_rows_count_one():
    df = _chains("全省共有十大重点产业链。围绕12条重点产业链，推行链长制。")
    assert dict(zip(df.chain_zh, df["count"], strict=True)) == {"重点产业链": 10}
    df = _chains("聚焦电子信息、装备制造2条重点产业链。")
    assert list(df["count"]) == [1, 1]


@settings(max_examples=100, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("光伏锂电新能源产业链集群、等细分12条个，。“”以为主链侧链\n")
        ),
        max_size=80,
    )
    | st.text(max_size=60)
)
def test_never_raises_and_quotes_hold(text):
    _chains(text, check_schema=False)  # schema checks are too slow for 100 examples
