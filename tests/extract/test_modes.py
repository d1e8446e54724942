"""Collaboration modes: the real corpus, many sentences of other provinces, and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policylens as pl
from policylens.engine.frames import table_frame
from policylens.extract.modes import extract_mode_rows
from policylens.model.schema import MODE_ACTORS, MODES, conform, validate

CHAIN_CHIEF_MODES = {
    "chain_leader_firm+government+park": "招商",
    "chain_chief+locality+major_project": "共建",
    "chain_core_firm+chain_leader_firm+sme": "培育",
    "lead_agency+park": "锻造",
    "chain+experts": "智库",
    "chain+chain_leader_firm+fund": "运作",
}


def _modes(text: str, doc_id: str = "d", province: str = "Hubei", check_schema: bool = True):
    modes, actors = extract_mode_rows(text)
    modes = table_frame("modes", [(doc_id, province)], [modes])
    actors = table_frame("mode_actors", [(doc_id, province)], [actors])
    if check_schema:
        validate(conform(modes, "modes"), "modes")
        validate(conform(actors, "mode_actors"), "mode_actors")
    else:
        assert list(modes.columns) == MODES.column_names
        assert list(actors.columns) == MODE_ACTORS.column_names
        assert set(actors.mode_id) <= set(modes.mode_id)
    for row in modes.itertuples():
        assert text[row.char_start : row.char_end] == row.quote
    return modes, actors


@pytest.fixture(scope="module")
def corpus():
    docs = pl.load_documents()
    return {row.doc_id: (pl.load_text(row.doc_id), row.province) for row in docs.itertuples()}


def _doc(corpus, doc_id):
    text, province = corpus[doc_id]
    return _modes(text, doc_id, province)


def test_chain_chief_plan_has_exactly_its_six_collaboration_modes(corpus):
    modes, actors = _doc(corpus, "shanxi_chain_chief_2024")
    collab = modes[modes.kind == "collaboration"]
    assert dict(zip(collab.mode_key, collab.purpose_zh, strict=True)) == CHAIN_CHIEF_MODES
    assert list(collab.mode_id) == [f"shanxi_chain_chief_2024:m{n}" for n in range(1, 7)]
    # 政府+链主+园区 and 政府+园区+链主 are one mode, stated many times
    govt = collab.set_index("mode_key").loc["chain_leader_firm+government+park"]
    assert govt.mode_zh == "政府+链主+园区" and govt.mentions >= 5
    assert govt.purpose == "investment promotion"
    # 项目+链长+属地 is the same mode as 重大项目+链长+属地
    assert collab.set_index("mode_key").loc["chain_chief+locality+major_project"].mentions >= 3
    first = actors[actors.mode_key == "chain_core_firm+chain_leader_firm+sme"]
    assert list(first.actor_zh) == ["链主", "链核", "专精特新"]
    assert list(first.position) == [1, 2, 3]
    other = modes[modes.kind == "other"]
    assert list(other.mode_zh) == ["清单制+责任制"]


def test_investment_opinions_separate_slogans_from_collaboration(corpus):
    modes, _ = _doc(corpus, "shanxi_investment_opinions")
    kinds = dict(zip(modes.mode_zh, modes.kind, strict=True))
    assert kinds["政府 + 链主 + 开发区"] == "collaboration"
    for slogan in ("线上+线下", "1+11", "1+N", "政策+服务", "专家评审+平台大数据画像"):
        assert kinds[slogan] == "other", slogan
    assert kinds["社会风险调查+公平竞争审查"] == "other"
    # 政府 + 链主 + 开发区 here and 政府+链主+园区 in Shanxi's 2024 plan share one key
    key = modes.set_index("mode_zh").loc["政府 + 链主 + 开发区", "mode_key"]
    assert key == "chain_leader_firm+government+park"


def test_pv_plan_and_other_provinces(corpus):
    modes, _ = _doc(corpus, "shanxi_pv_2023")
    assert dict(zip(modes.mode_zh, modes.kind, strict=True)) == {
        "政府+链主+园区": "collaboration",
        "承诺制+标准地+全代办": "other",
    }
    modes, _ = _doc(corpus, "jiangxi_chains_2023_2026")
    collab = set(modes[modes.kind == "collaboration"].mode_key)
    assert {"chain_chief+chain_leader_firm", "chain_chief+park", "chain_leader_firm+fund"} <= collab
    one_sided = modes[modes.mode_zh.isin(["链长+", "链主+", "医药+"])]
    assert len(one_sided) == 3 and set(one_sided.kind) == {"other"}
    assert set(one_sided.mode_key) == {"chain_chief+*", "chain_leader_firm+*", "other:医药+*"}
    modes, _ = _doc(corpus, "sichuan_everest_2023_draft")
    assert list(modes.mode_zh) == ["白酒+"] and list(modes.kind) == ["other"]


@pytest.mark.parametrize(
    ("sentence", "mode_key", "kind", "purpose_zh"),
    [
        (
            "推行‘链长+链主+链创’协同机制。",
            "chain_chief+chain_leader_firm+other:链创",
            "collaboration",
            "协同",
        ),
        (
            "构建“政府+银行+担保”风险分担模式。",
            "bank+government+guarantor",
            "collaboration",
            "风险分担",
        ),
        (
            "实施“龙头企业+合作社+农户”模式。",
            "cooperative+farmer+leading_firm",
            "collaboration",
            "",
        ),
        ("推广“揭榜挂帅+赛马”机制。", "other:揭榜挂帅+other:赛马", "other", ""),
        (
            "探索实施政府+链主+园区招商模式，推动项目落地。",
            "chain_leader_firm+government+park",
            "collaboration",
            "招商",
        ),
        (
            "建立“高校＋科研院所＋企业”协同创新机制。",
            "firm+research_institute+university",
            "collaboration",
            "协同",
        ),
        ("完善“基金 + 项目 + 园区”招商模式。", "fund+major_project+park", "collaboration", "招商"),
        ("坚持“政府引导基金＋社会资本”共同投资。", "fund+private_capital", "collaboration", "投资"),
        ("推进“互联网+先进制造业”融合发展。", "other:互联网+other:先进制造业", "other", "融合"),
        ("推动“5G+工业互联网”发展。", "other:5G+other:工业互联网", "other", ""),
        ("打造“链主+配套企业”协作体系。", "chain_leader_firm+other:配套企业", "other", ""),
        ("深化“党建+”引领。", "other:党建+*", "other", "引领"),
        ("开展“产业链+创新链”融合。", "chain+other:创新链", "other", "融合"),
        ("实行“一企一策+专班服务”。", "other:一企一策+other:专班服务", "other", ""),
        ("组建“链长+专家+金融机构”服务团。", "bank+chain_chief+experts", "collaboration", "服务"),
        ("印发《关于推行“园区+基金+平台”模式的通知》。", "fund+park+platform", "collaboration", ""),
    ],
)
def test_sentences_of_other_provinces(sentence, mode_key, kind, purpose_zh):
    modes, actors = _modes(sentence)
    assert len(modes) == 1
    row = modes.iloc[0]
    assert (row.mode_key, row.kind, row.purpose_zh) == (mode_key, kind, purpose_zh)
    assert set(actors.actor) == set(mode_key.removesuffix("+*").split("+"))


def test_order_and_synonyms_make_one_mode_with_mentions():
    text = "推行“政府+链主+园区”招商；落实“政府+园区+链主”方案；加强“政府 + 链主 + 开发区”机制。"
    modes, actors = _modes(text, "hb", "Hubei")
    assert len(modes) == 1
    assert modes.iloc[0].mentions == 3 and modes.iloc[0].mode_id == "hb:m1"
    assert list(actors.actor) == ["government", "chain_leader_firm", "park"]


def test_a_text_without_modes_has_none():
    modes, actors = _modes("加快发展光伏产业，到2025年营业收入达到1000亿元。")
    assert modes.empty and actors.empty
    assert list(modes.columns) == [
        "mode_id",
        "doc_id",
        "province",
        "mode_zh",
        "mode_key",
        "kind",
        "purpose_zh",
        "purpose",
        "mentions",
        "quote",
        "char_start",
        "char_end",
        "page",  # filled by the table builder for texts with pages
    ]


@settings(max_examples=100, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("政府链主园区+＋“”专家 1N，。、") + [chr(c) for c in range(0x4E00, 0x4E40)]
        ),
        max_size=60,
    )
    | st.text(max_size=60)
)
def test_never_raises_and_quotes_hold(text):
    _modes(text, check_schema=False)  # schema checks are too slow for 100 examples
