"""Vocabulary: one key per chain, real English labels, and the tables built with them."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from policylens.model import vocab
from policylens.model.vocab import (
    ACTOR_LABELS,
    ACTORS,
    BROADER,
    CHAINS,
    CONTEXT_CHAINS,
    PURPOSES,
    actor_label,
    label_scope,
    mode_label,
    scope_reading,
    unlabelled_words,
)
from policylens.pipeline import load_table

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
FALLBACKS = ("Other (", "Side chain (", "Main chain (")


def _is_real_english(label: str) -> bool:
    return bool(label) and not CJK.search(label) and not label.startswith(FALLBACKS)


def _chain_entries():
    yield from CHAINS.items()
    for words in CONTEXT_CHAINS.values():
        yield from words.items()


# --- the vocabulary itself --------------------------------------------------


def test_chain_keys_are_snake_case_and_labels_real_english():
    for word, (key, label) in _chain_entries():
        assert SNAKE.match(key), (word, key)
        assert _is_real_english(label), (word, label)


def test_one_key_one_label_both_ways():
    """Words sharing a key are synonyms (one label); distinct labels never share a key."""
    labels_of = defaultdict(set)
    keys_of = defaultdict(set)
    for _, (key, label) in _chain_entries():
        labels_of[key].add(label)
        keys_of[label].add(key)
    assert {k: v for k, v in labels_of.items() if len(v) > 1} == {}
    assert {k: v for k, v in keys_of.items() if len(v) > 1} == {}


def test_broader_links_known_keys_without_cycles():
    keys = {key for _, (key, _) in _chain_entries()}
    for narrow, broad in BROADER.items():
        assert narrow in keys and broad in keys and narrow != broad
        assert broad not in BROADER or BROADER[broad] != narrow


def test_every_actor_word_and_purpose_has_one_translation():
    assert set(ACTORS.values()) <= set(ACTOR_LABELS)
    for key, (english, chinese) in ACTOR_LABELS.items():
        assert _is_real_english(english) and CJK.search(chinese), key
    for word, english in PURPOSES.items():
        assert _is_real_english(english), word
    assert PURPOSES["招商"] == PURPOSES["招商引资"] == "investment promotion"


# --- labelling scopes -------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "label", "key"),
    [
        ("石化化工产业链", "Petrochemicals & chemicals chain", "petrochemical_chemical"),
        ("石油化工", "Petrochemicals", "petrochemicals"),
        ("绿色建材", "Green building materials", "green_building_materials"),
        ("建材产业链", "Building materials chain", "building_materials"),
        ("地方特色食品", "Local specialty foods", "local_specialty_food"),
        ("产业用纺织品", "Technical textiles", "technical_textiles"),
        ("“领航”企业", "Flagship firms", ""),
        ("链主企业", "Chain-leader firms", ""),
        ("印制电路板（PCB）", "Printed circuit boards", "printed_circuit_boards"),
        ("钨和稀土金属新材料", "Tungsten & rare-earth metal new materials",
         "tungsten_and_rare_earth_metal_materials"),
        ("风电与氢能产业", "Wind power & hydrogen industry", "wind_power_and_hydrogen"),
    ],
)  # fmt: skip
def test_known_scopes_get_a_translation_and_their_own_key(scope, label, key):
    assert label_scope(scope) == (label, key)
    assert unlabelled_words(scope) == []


@pytest.mark.parametrize(
    ("scope", "unknown"),
    [
        ("无人船产业链", ["无人船"]),  # a chain the vocabulary does not know
        ("产值超百亿元企业", ["超百亿元"]),  # a qualifier it cannot translate
        ("10亿元以上项目", ["10"]),  # 10亿 is not 亿元以上: no half-right label
        ("某某", ["某某"]),
    ],
)
def test_unknown_words_leave_the_label_empty_and_are_named(scope, unknown):
    label, _ = label_scope(scope)
    assert label == ""
    assert unlabelled_words(scope) == unknown


def test_a_partly_known_name_is_not_labelled_as_the_part_it_knows():
    # 无机非金属新材料 once read as 新材料 (New materials): a wrong translation
    vocab.CHAINS.pop("无机非金属新材料")
    try:
        assert label_scope("无机非金属新材料")[0] == ""
    finally:
        vocab.CHAINS["无机非金属新材料"] = (
            "inorganic_nonmetallic_materials",
            "Inorganic non-metallic new materials",
        )
    assert label_scope("无机非金属新材料")[0] == "Inorganic non-metallic new materials"


@pytest.mark.parametrize(
    ("scope", "covered"),
    [
        ("锂电产业链", True),  # all vocabulary words
        ("光伏企业", True),
        ("产值超百亿元企业", False),  # 超百亿元 is no vocabulary word: half the scope
        ("无人船产业链", False),
    ],
)
def test_a_scope_reading_is_its_label_and_whether_known_words_cover_it(scope, covered):
    label, key, is_covered = scope_reading(scope)
    assert (label, key) == label_scope(scope)
    assert is_covered is covered


def test_a_scope_reading_sees_a_word_added_to_the_vocabulary():
    assert scope_reading("无人船产业链")[0] == ""
    vocab.CHAINS["无人船"] = ("unmanned_ships", "Unmanned ships")
    try:
        assert scope_reading("无人船产业链") == ("Unmanned ships chain", "unmanned_ships", True)
    finally:
        vocab.CHAINS.pop("无人船")
    assert scope_reading("无人船产业链")[0] == ""


def test_words_read_in_the_context_of_their_chain():
    assert label_scope("电池", "photovoltaic") == ("PV cells", "pv_cells")
    assert label_scope("电池")[0] == ""  # alone, 电池 could be any battery
    label, key = label_scope("硅料—硅片—电池—组件", "photovoltaic")
    assert label == "Silicon feedstock – silicon wafers – PV cells – PV modules"
    assert key == "silicon_feedstock_to_pv_modules"


def test_mode_and_actor_labels():
    assert mode_label("chain_chief+locality+major_project") == (
        "Chain chief + host locality + major projects"
    )
    assert mode_label("chain_chief+*") == "Chain chief +"
    assert mode_label("other:线上+other:线下") == "Online + offline"
    assert mode_label("other:1+other:N") == "1 + N"
    assert actor_label("other:未知词") == "" and mode_label("government+other:未知词") == ""


# --- the built bundled tables -----------------------------------------------


@pytest.fixture(scope="module")
def tables(built_project):
    return {
        name: load_table(name, built_project)
        for name in ("targets", "chains", "modes", "mode_actors")
    }


def test_jiangxi_2026_revenue_goals_add_up_to_58100_yi_over_12_chains(tables):
    """Leaving out sub-chains' goals (as the totals do) keeps all 12 key chains."""
    chains, targets = tables["chains"], tables["targets"]
    doc = "jiangxi_chains_2023_2026"
    in_doc = chains[chains.doc_id == doc]
    sub_keys = set(in_doc[in_doc.level == "sub_chain"]["chain"])
    revenue = targets[
        (targets.doc_id == doc) & (targets.indicator == "revenue") & (targets.target_year == 2026)
    ]
    chain_goals = revenue[revenue["chain"].notna() & ~revenue["chain"].isin(sub_keys)]
    assert set(chain_goals["chain"]) == set(in_doc[in_doc.level == "chain"]["chain"])
    assert chain_goals["chain"].nunique() == len(chain_goals) == 12
    assert chain_goals["value"].sum() == pytest.approx(58_100e8)
    # the sub-chains' own goals (lithium batteries, PV) keep their own keys
    assert set(revenue["chain"]) - set(chain_goals["chain"]) == {"lithium_battery", "photovoltaic"}


def test_a_sub_chain_never_carries_its_parents_key(tables):
    chains = tables["chains"]
    for row in chains[chains.level == "sub_chain"].itertuples():
        assert row.chain != label_scope(row.parent)[1], (row.doc_id, row.chain_zh, row.parent)


def test_distinct_chains_of_a_document_have_distinct_keys_and_labels(tables):
    chains = tables["chains"]
    for doc_id, rows in chains.groupby("doc_id"):
        bare = rows.assign(name=rows["label"].str.removesuffix(" chain"))
        per_key = bare.groupby("chain")["name"].nunique()
        assert (per_key == 1).all(), (doc_id, per_key[per_key > 1])
        per_label = bare.groupby("name")["chain"].nunique()
        assert (per_label == 1).all(), (doc_id, per_label[per_label > 1])


def test_every_label_in_the_built_tables_is_real_english(tables):
    assert all(_is_real_english(x) for x in tables["chains"]["label"]), "chains.label"
    assert all(_is_real_english(x) for x in tables["targets"]["scope"]), "targets.scope"
    modes = tables["modes"]
    assert all(_is_real_english(mode_label(k)) for k in modes["mode_key"]), "mode labels"
    with_purpose = modes[modes["purpose_zh"].notna()]
    assert all(_is_real_english(x) for x in with_purpose["purpose"]), "modes.purpose"
    assert all(_is_real_english(actor_label(a)) for a in tables["mode_actors"]["actor"])


def test_target_scopes_without_a_label_are_named_in_a_warning():
    import pandas as pd

    from policylens.tables import warn_unlabelled_scopes

    targets = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b"],
            "scope_zh": ["无人船产业链", "光伏产业链", "低空经济"],
            "scope": ["", "Photovoltaics chain", None],
        }
    )
    with pytest.warns(vocab.UnlabelledWarning, match="a: 无人船产业链; b: 低空经济"):
        warn_unlabelled_scopes(targets)


def test_a_chain_key_has_one_label_to_show():
    assert vocab.chain_label("petrochemicals") == "Petrochemicals"
    assert vocab.chain_label("petrochemical_chemical") == "Petrochemicals & chemicals"
    assert vocab.chain_label("pv_cells") == "PV cells"  # a context word's key too
    assert vocab.chain_label("no_such_chain") == ""


def test_every_unit_is_named_once_and_the_messages_list_them_from_the_vocabulary():
    from policylens.extract.words import CANONICAL_UNITS
    from policylens.model.schema import TARGETS
    from policylens.model.vocab import UNIT_NAMES, UNITS, units_described

    assert set(UNIT_NAMES) == set(UNITS)
    assert CANONICAL_UNITS == UNITS
    unit_column = next(column for column in TARGETS.columns if column.name == "unit")
    assert unit_column.description == units_described()
    for unit in UNITS:
        assert f"{unit} ({UNIT_NAMES[unit]})" in units_described()


@pytest.mark.parametrize("context", ["", "hydrogen", "key_chains"])
def test_a_sequence_of_links_is_read_in_the_chain_its_own_links_name(context):
    """硅料/多晶硅 are PV links, so 电池 and 组件 beside them are PV cells and modules,
    whatever chain the sequence is named under (a generated corpus moves sentences)."""
    assert vocab.label_scope("硅料-硅片-电池-组件", context) == (
        "Silicon feedstock – silicon wafers – PV cells – PV modules",
        "silicon_feedstock_to_pv_modules",
    )
    assert vocab.label_scope("多晶硅—硅片—电池—组件", context) == (
        "Polysilicon – silicon wafers – PV cells – PV modules",
        "polysilicon_to_pv_modules",
    )
    # no link names a chain: 电池 stays a word to add, never a guess
    assert vocab.label_scope("电池-组件", context)[0] == ""
    assert vocab.label_scope("电池", context)[0] == ""


@pytest.mark.parametrize(
    ("scope_zh", "label"),
    [
        ("产业链对接活动", "Chain matchmaking events"),
        ("供需对接活动", "Supply-demand matchmaking events"),
        ("产销对接会", "Producer-buyer matchmaking meetings"),
        ("政银企对接会", "Government-bank-firm matchmaking meetings"),
        ("对接活动", "Matchmaking events"),
    ],
)
def test_matchmaking_events_are_labelled_by_who_meets_whom(scope_zh, label):
    """对接 events (TARGETS.md: 对接会 is an event): the sides met are a qualifier."""
    assert label_scope(scope_zh) == (label, "")


def test_matchmaking_in_a_chain_keeps_the_chains_key():
    assert label_scope("储能产业对接活动") == (
        "Energy storage matchmaking events",
        "energy_storage",
    )
    assert unlabelled_words("专家咨询对接活动") == ["专家咨询"]  # no guess for the rest


def test_the_reading_context_of_a_scope_is_the_chain_its_own_words_name():
    """The chain whose words read differently (CONTEXT_CHAINS), named by any of the scope's
    own words in any separator; none for a chain without such words or no chain at all."""
    assert vocab.reading_context("硅料-硅片-电池-组件") == "photovoltaic"
    assert vocab.reading_context("多晶硅、电池片和组件") == "photovoltaic"
    assert vocab.reading_context("正极材料-负极材料-电解液") == ""
    assert vocab.reading_context("辅材和设备") == ""


def test_competitive_industry_fields_are_labelled():
    assert vocab.label_scope("优势产业领域") == ("Competitive industry", "")
    assert vocab.label_scope("优势产业") == ("Competitive industry", "")
    assert vocab.unlabelled_words("10个优势产业领域") == ["10个"]
