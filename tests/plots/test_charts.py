"""policylens.plots: every chart in both languages, checked by its artists, not its pixels."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import itertools

import pandas as pd
import pytest
from matplotlib.colors import to_rgb
from matplotlib.patches import Rectangle

import policylens as pl
from policylens import pipeline, summaries
from policylens.corpus import documents_frame, read_metadata
from policylens.model.schema import TABLES, conform
from policylens.overtime.attainment import attainment
from policylens.pipeline import find_project, load_table
from policylens.plots import export, glossary, style

REPO = Path(__file__).resolve().parents[2]
YI = 1e8
JX, SX, SXPV, SC = (
    "jiangxi_chains_2023_2026",
    "shanxi_chain_chief_2024",
    "shanxi_pv_2023",
    "sichuan_everest_2023_draft",
)


# --- small hand-made tables, modelled on the corpus -------------------------------------------


def _target(n, doc, province, scope_zh, scope, chain, indicator, value, stretch, unit, comp,
            commitment, year):  # fmt: skip
    return {
        "target_id": f"{doc}:{n}", "doc_id": doc, "province": province, "scope_zh": scope_zh,
        "scope": scope, "chain": chain, "indicator": indicator, "value": value,
        "value_stretch": stretch, "unit": unit, "comparator": comp, "commitment": commitment,
        "target_year": year, "period": str(year), "deadline": f"{year}-12-31", "quote": scope_zh,
        "char_start": n * 10, "char_end": n * 10 + 5, "origin": "extracted",
        "per": None,  # a total (TARGETS.md: per is set only for per-unit values)
    }  # fmt: skip


def sample_tables() -> dict[str, pd.DataFrame]:
    targets = [
        _target(1, JX, "Jiangxi", "新能源产业链", "New energy chain", "new_energy", "revenue",
                7000 * YI, None, "CNY", "=", "aspirational", 2026),
        _target(2, JX, "Jiangxi", "锂电产业链", "Lithium battery chain", "lithium_battery",
                "revenue", 3500 * YI, 4500 * YI, "CNY", ">", "firm", 2026),
        _target(3, JX, "Jiangxi", "光伏产业链", "Photovoltaic chain", "photovoltaic", "revenue",
                2000 * YI, 2500 * YI, "CNY", "=", "firm", 2026),
        _target(4, JX, "Jiangxi", "电子信息产业链", "Electronics & IT chain", "electronics",
                "revenue", 12000 * YI, None, "CNY", "=", "aspirational", 2026),
        _target(5, SX, "Shanxi", "重点产业链", "Key chains", None, "revenue", 7000 * YI, None,
                "CNY", ">", "aspirational", 2024),
        _target(6, SX, "Shanxi", "链上企业", "Chain firms", None, "enterprise_count", 700, None,
                "count", ">", "aspirational", 2024),
        _target(7, SX, "Shanxi", "亿元以上项目", "Projects above CNY 100m", None,
                "project_count", 150, None, "count", "=", "aspirational", 2024),
        _target(8, SX, "Shanxi", "重点产业链", "Key chains", None, "chain_count", 20, None,
                "count", "=", "aspirational", 2024),
        _target(9, SXPV, "Shanxi", "光伏产业", "PV industry", "photovoltaic", "capacity", 20,
                None, "GW", ">=", "aspirational", 2023),
    ]  # fmt: skip
    chains = []
    for key, zh, en, level, parent, count in [
        ("new_energy", "新能源", "New energy", "chain", None, 1),
        ("electronics", "电子信息", "Electronics & IT", "chain", None, 1),
        ("lithium_battery", "锂电", "Lithium batteries", "sub_chain", "新能源产业链", 1),
        ("photovoltaic", "光伏", "Photovoltaics", "sub_chain", "新能源产业链", 1),
        (None, "先进制造业集群", "Advanced manufacturing clusters", "cluster", None, 6),
    ]:
        chains.append((JX, "Jiangxi", zh, en, key, level, parent, count))
    chains.append(
        (SX, "Shanxi", "省级重点产业链", "Provincial key chains", None, "chain", None, 16)
    )
    chains.append((SC, "Sichuan", "优势产业", "Advantage industries", None, "industry", None, 10))
    chains = pd.DataFrame(
        [
            dict(zip(["doc_id", "province", "chain_zh", "label", "chain", "level", "parent",
                      "count"], row, strict=True), quote=row[2], char_start=i, char_end=i + 1)
            for i, row in enumerate(chains)
        ]
    )  # fmt: skip
    modes, actors = [], []
    for i, (doc, province, zh, key_actors, words, purpose_zh, purpose, kind) in enumerate([
        (SX, "Shanxi", "政府+链主+园区", ["government", "chain_leader_firm", "park"],
         ["政府", "链主", "园区"], "招商", "investment promotion", "collaboration"),
        (SX, "Shanxi", "重大项目+链长+属地", ["major_project", "chain_chief", "locality"],
         ["重大项目", "链长", "属地"], "共建", "joint development", "collaboration"),
        (SX, "Shanxi", "产业链+链主企业+产业基金", ["chain", "chain_leader_firm", "fund"],
         ["产业链", "链主企业", "产业基金"], "运作", "operation", "collaboration"),
        (JX, "Jiangxi", "产业链+链主企业+产业基金", ["chain", "chain_leader_firm", "fund"],
         ["产业链", "链主企业", "产业基金"], "运作", "operation", "collaboration"),
        (SX, "Shanxi", "线上+线下", ["other:线上", "other:线下"], ["线上", "线下"], None, None,
         "other"),
    ]):  # fmt: skip
        mode_id = f"{doc}:m{i}"
        key = "+".join(sorted(key_actors))
        modes.append({
            "mode_id": mode_id, "doc_id": doc, "province": province, "mode_zh": zh,
            "mode_key": key, "kind": kind, "purpose_zh": purpose_zh, "purpose": purpose,
            "mentions": 1, "quote": zh, "char_start": i, "char_end": i + 1,
        })  # fmt: skip
        for j, (actor, word) in enumerate(zip(key_actors, words, strict=True), 1):
            actors.append({
                "mode_id": mode_id, "doc_id": doc, "province": province, "mode_key": key,
                "actor": actor, "actor_zh": word, "position": j,
            })  # fmt: skip
    milestones = [
        (SX, "2024Q1", "2024-03-31"), (SX, "2024Q1", "2024-03-31"), (SX, "2024Q2", "2024-06-30"),
        (SX, "2024", "2024-12-31"), (SXPV, "2023", "2023-12-31"), (JX, "2026", "2026-12-31"),
        (JX, None, None),
    ]  # fmt: skip
    milestones = pd.DataFrame(
        [
            {
                "milestone_id": f"{doc}:t{i}", "doc_id": doc,
                "province": doc.split("_")[0].capitalize(), "period": period,
                "deadline": deadline, "recurring": None if deadline else "yearly",
                "action_zh": "行动", "quote": "行动", "char_start": i, "char_end": i + 1,
            }
            for i, (doc, period, deadline) in enumerate(milestones)
        ]
    )  # fmt: skip
    revision = {
        "revision_id": f"{SX}:r1", "province": "Shanxi", "indicator": "capacity", "unit": "GW",
        "chain": "photovoltaic", "scope_zh": "光伏产业", "scope": "PV industry",
        "earlier_doc": SXPV, "later_doc": SX, "earlier_value": 20.0, "later_value": 25.0,
        "earlier_year": 2024, "later_year": 2024, "change": "raised", "why": "same goal",
        "origin": "matched",
    }  # fmt: skip
    targets = conform(pd.DataFrame(targets), "targets")
    documents = documents_frame(read_metadata(find_project(REPO)))
    return {
        "documents": documents,
        "targets": targets,
        "revisions": conform(pd.DataFrame([revision]), "revisions"),
        "attainment": attainment(targets, None, documents=documents, reference_date="2024-12-31"),
        "chains": conform(chains, "chains"),
        "modes": conform(pd.DataFrame(modes), "modes"),
        "mode_actors": conform(pd.DataFrame(actors), "mode_actors"),
        "milestones": conform(milestones, "milestones"),
    }


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return sample_tables()


# --- helpers ----------------------------------------------------------------------------------


def render_strictly(fig, caplog, formats=("png",)) -> None:
    """Draw ``fig``; fail on a missing glyph or a font that was not found."""
    caplog.clear()
    with (
        caplog.at_level(logging.WARNING, logger="matplotlib.font_manager"),
        warnings.catch_warnings(),
    ):
        warnings.filterwarnings("error", message=".*[Gg]lyph.*missing")
        warnings.filterwarnings("error", message=".*missing from (current )?font")
        for fmt in formats:
            fig.savefig(io.BytesIO(), format=fmt, dpi=40)
    problems = [r.getMessage() for r in caplog.records if "findfont" in r.getMessage()]
    assert not problems, problems


def source_line(fig) -> str:
    texts = [t for t in fig.texts if t.get_gid() == style.SOURCE_GID]
    assert len(texts) == 1, "every chart has one source line"
    return texts[0].get_text().replace("\n", " ")


def bars(ax, gid: str) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid() == gid]


CHARTS = [spec.name for spec in export.FIGURES]


# --- every chart, both languages --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_renders_with_title_units_and_source(tables, name, lang, caplog):
    spec = next(s for s in export.FIGURES if s.name == name)
    fig = spec.draw(tables, lang)
    render_strictly(fig, caplog)
    title = fig.get_suptitle()
    assert title and (title.isascii() if lang == "en" else not title.isascii())
    source = source_line(fig)
    assert source.startswith("Source: " if lang == "en" else "资料来源：")
    labels = [ax.get_xlabel() + ax.get_ylabel() for ax in fig.axes if ax.axison]
    assert all(labels), "every axis says what it shows"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_revenue_goals_shows_floor_stretch_and_wording(tables, lang, caplog):
    fig = pl.plots.revenue_goals(
        tables["targets"], chains=tables["chains"], documents=tables["documents"], lang=lang
    )
    render_strictly(fig, caplog)
    ax = fig.axes[0]
    revenue = tables["targets"][tables["targets"]["indicator"] == "revenue"]
    floors, stretches = bars(ax, "goal-floor"), bars(ax, "goal-stretch")
    assert len(floors) == len(revenue) == 5
    assert len(stretches) == revenue["value_stretch"].notna().sum() == 2
    scale, unit = (1e9, "CNY bn") if lang == "en" else (1e8, "亿元")
    assert unit in ax.get_xlabel()
    assert sorted(b.get_width() for b in floors) == pytest.approx(sorted(revenue["value"] / scale))
    # 力争 (aspirational) floors are hatched, firm ones are not
    assert (
        sum(bool(b.get_hatch()) for b in floors) == (revenue["commitment"] == "aspirational").sum()
    )
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert any("2026" in t for t in ticks) and any("2024" in t for t in ticks)
    # Sichuan is in no row of targets: the chart makes no claim about it
    assert ("Sichuan" if lang == "en" else "四川") not in ticks
    assert not any(glossary.text("no_revenue", lang) in t.get_text() for t in ax.texts)
    assert (
        "Lithium battery chain, sub-chain · 2026" in ticks
        if lang == "en"
        else "锂电产业链（细分产业链，2026年）" in ticks
    )
    source = source_line(fig)
    if lang == "en":
        assert "Jiangxi Province" in source and "Chain Chief System" in source
    else:
        assert "《山西省重点产业链“链长制”2024年行动计划》" in source


def test_revenue_totals_do_not_double_count_sub_chains(tables):
    totals = pl.plots.revenue_totals_data(tables["targets"], tables["chains"])
    jiangxi = totals[totals["province"] == "Jiangxi"].iloc[0]
    # new energy 7000 + electronics 12000; lithium and PV are sub-chains of new energy
    assert jiangxi["chain_floor"] == pytest.approx(19000 * YI)
    assert jiangxi["chains"] == 2
    shanxi = totals[totals["province"] == "Shanxi"].iloc[0]
    assert shanxi["stated_floor"] == pytest.approx(7000 * YI)
    # a goal for the whole set of key chains is not "1 chain": it is shown as stated
    assert shanxi["chains"] == 0 and shanxi["stated_set_size"] == 16
    for lang, words in (("en", "all 16 key chains"), ("zh", "全部16条重点产业链")):
        fig = pl.plots.revenue_totals(
            tables["targets"], tables["chains"], documents=tables["documents"], lang=lang
        )
        texts = [t.get_text() for t in fig.axes[0].texts]
        assert any(words in t for t in texts), texts
        assert not any("1 chain)" in t or "（1条" in t for t in texts)


def _with(frame: pd.DataFrame, rows: list[dict], **columns) -> pd.DataFrame:
    """``frame`` plus ``rows`` (missing fields copied from its first row) and ``columns``."""
    extra = pd.DataFrame([{**frame.iloc[0].to_dict(), **row} for row in rows])
    out = pd.concat([frame.astype(object), extra.astype(object)], ignore_index=True)
    return out.assign(**columns) if columns else out


def test_a_sub_chain_that_shares_its_parents_key_does_not_hide_the_parent(tables):
    # 石化化工 (a key chain) lists 石油化工 as a sub-chain; both read as "petrochemicals"
    chains = _with(
        tables["chains"],
        [
            {"chain_zh": "石化化工", "chain": "petrochemicals", "level": "chain", "count": 1},
            {"chain_zh": "石油化工", "chain": "petrochemicals", "level": "sub_chain",
             "parent": "石化化工产业链", "count": 1},
        ],
    )  # fmt: skip
    targets = _with(
        tables["targets"],
        [{"target_id": f"{JX}:20", "scope_zh": "石化化工产业链", "chain": "petrochemicals",
          "value": 4500 * YI, "value_stretch": None, "target_year": 2026}],
    )  # fmt: skip
    totals = pl.plots.revenue_totals_data(targets, chains)
    jiangxi = totals[totals["province"] == "Jiangxi"].iloc[0]
    assert jiangxi["chains"] == 3
    assert jiangxi["chain_floor"] == pytest.approx((7000 + 12000 + 4500) * YI)


def test_per_unit_values_are_labelled_and_never_summed(tables, caplog):
    per_city = [
        {"target_id": f"{JX}:21", "scope_zh": "各设区市", "scope": "Each city", "chain": "steel",
         "value": 100 * YI, "value_stretch": None, "target_year": 2026, "per": "city"},
        {"target_id": f"{SX}:22", "province": "Shanxi", "doc_id": SX, "scope_zh": "每条产业链",
         "scope": "Each chain", "chain": None, "indicator": "project_count", "unit": "count",
         "value": 1.0, "value_stretch": 2.0, "target_year": 2024, "per": "chain"},
        {"target_id": f"{SX}:23", "province": "Shanxi", "doc_id": SX, "scope_zh": "每个市",
         "scope": "Each city", "chain": None, "indicator": "chain_count", "unit": "count",
         "value": 99.0, "value_stretch": None, "target_year": 2024, "per": "city"},
    ]  # fmt: skip
    targets = _with(tables["targets"], per_city)
    targets["per"] = targets["per"].where(targets["per"].notna(), None)
    before = pl.plots.revenue_totals_data(tables["targets"], tables["chains"])
    after = pl.plots.revenue_totals_data(targets, tables["chains"])
    pd.testing.assert_series_equal(after["chain_floor"], before["chain_floor"])
    assert after.loc[after["province"] == "Jiangxi", "per_unit"].item() == 1
    for lang, words in (("en", "per city"), ("zh", "每个市")):
        fig = pl.plots.revenue_goals(targets, chains=tables["chains"], lang=lang)
        render_strictly(fig, caplog)
        ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert sum(words in t for t in ticks) == 1, ticks
    firms = pl.plots.firm_project_counts(targets)
    assert any("per chain" in t.get_text() for t in firms.axes[0].get_yticklabels())
    counts = pl.plots.chain_counts_data(tables["chains"], targets)
    shanxi = counts[(counts["province"] == "Shanxi") & (counts["level"] == "chain")]
    assert shanxi["targeted"].item() == 20  # 99 per city is no provincial target


def test_industries_are_counted_apart_from_chains(tables):
    targets = _with(
        tables["targets"],
        [{"target_id": f"{SC}:1", "doc_id": SC, "province": "Sichuan", "scope_zh": "优势产业",
          "scope": "Advantage industries", "chain": None, "indicator": "industry_count",
          "unit": "count", "value": 10.0, "value_stretch": None, "target_year": 2027}],
    )  # fmt: skip
    data = pl.plots.chain_counts_data(tables["chains"], targets)
    sichuan = data[data["province"] == "Sichuan"].set_index("level")
    assert "chain" not in sichuan.index
    assert sichuan.loc["industry", "targeted"] == 10


def test_built_revenue_totals_add_up_the_rows_of_the_targets_table(built_tables):
    """Totals of the real tables equal the sum of exactly the chain goals of targets.csv."""
    targets, chains = built_tables["targets"], built_tables["chains"]
    totals = pl.plots.revenue_totals_data(targets, chains)
    key_chains = set(
        zip(
            chains.loc[chains["level"] == "chain", "doc_id"],
            chains.loc[chains["level"] == "chain", "chain"],
            strict=True,
        )
    )
    revenue = targets[(targets["indicator"] == "revenue") & (targets["unit"] == "CNY")]
    for row in totals.itertuples():
        ids = [i for i in row.chain_ids.split(",") if i]
        mine = revenue[
            (revenue["province"] == row.province) & (revenue["target_year"] == row.target_year)
        ]
        expected = mine[
            [
                (d, c) in key_chains and c not in summaries.WHOLE_SET_KEYS
                for d, c in zip(mine["doc_id"], mine["chain"], strict=True)
            ]
        ]
        assert sorted(ids) == sorted(expected["target_id"])
        if ids:
            assert row.chain_floor == pytest.approx(expected["value"].sum())
    jiangxi = totals[totals["province"] == "Jiangxi"].iloc[0]
    # the plan's 12 key chains: 1.2万亿 + 1万亿 + 8000 + 7000 + 4500 + 4500 + 3500 + 2500 + 2000
    # + 1600 + 1500 + 1000 亿元
    assert (jiangxi["chains"], jiangxi["chain_floor"]) == (12, pytest.approx(58100 * YI))
    shanxi = totals[totals["province"] == "Shanxi"].iloc[0]
    assert (shanxi["chains"], shanxi["stated_floor"]) == (0, pytest.approx(7000 * YI))
    text = pl.plots.describe_revenue_totals(totals)
    assert "12 named chains add up to 58,100 亿元" in text and "all 16 key chains" in text


def test_charts_of_filtered_data_claim_nothing_about_the_provinces_left_out(tables, built_project):
    shanxi = tables["targets"][tables["targets"]["province"] == "Shanxi"]
    for fig in (
        pl.plots.revenue_goals(shanxi, chains=tables["chains"], documents=tables["documents"]),
        pl.plots.revenue_goals(tables["targets"], province="Shanxi"),
        pl.plots.revenue_totals(tables["targets"], tables["chains"], province="山西"),
    ):
        words = [t.get_text() for ax in fig.axes for t in [*ax.texts, *ax.get_yticklabels()]]
        words += [
            t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()
        ]
        assert not any("Jiangxi" in w or "Sichuan" in w for w in words), words
        assert "Jiangxi" not in source_line(fig)


def test_a_province_without_revenue_goal_is_told_what_it_does_state(tables):
    targets = _with(
        tables["targets"],
        [{"target_id": f"{SC}:2", "doc_id": SC, "province": "Sichuan", "scope_zh": "晶硅光伏",
          "scope": "Crystalline-silicon PV", "chain": "photovoltaic", "indicator": "output_value",
          "value": 3000 * YI, "value_stretch": None, "target_year": 2027},
         {"target_id": f"{SX}:30", "doc_id": SX, "province": "Shanxi", "scope_zh": "x",
          "indicator": "enterprise_count", "unit": "count", "value": 5.0}],
    )  # fmt: skip
    with_capacity = targets
    targets = targets[(targets["province"] != "Shanxi") | (targets["target_id"] == f"{SX}:30")]
    for lang, says in (("en", "output value"), ("zh", "产值")):
        fig = pl.plots.revenue_goals(targets, lang=lang)
        notes = [t.get_text() for t in fig.axes[0].texts if t.get_style() == "italic"]
        assert any(says in n for n in notes), notes
        assert glossary.text("no_revenue", lang) in notes  # Shanxi: counts only, no money goal
    other = pl.plots.other_goals(with_capacity, lang="en")
    panels = [ax for ax in other.axes if ax.axison]
    assert [b.get_width() for b in bars(panels[0], "goal-floor")] == [pytest.approx(300)]
    assert [b.get_width() for b in bars(panels[1], "goal-floor")] == [20]  # GW
    assert "GW" in panels[1].get_xlabel()


def test_loaders_and_select_filter_by_province_and_year(built_project):
    targets = pl.load_targets(built_project, province="山西", year=2024)
    assert len(targets) and set(targets["province"]) == {"Shanxi"}
    assert set(targets["target_year"]) == {2024}
    both = pl.load_targets(built_project, province=["Shanxi", "Jiangxi"])
    assert set(both["province"]) == {"Shanxi", "Jiangxi"}
    milestones = pl.load_milestones(built_project, year=2024)
    assert set(milestones["deadline"].dt.year) == {2024}
    assert set(pl.load_chains(built_project, province="Sichuan")["province"]) == {"Sichuan"}
    with pytest.raises(ValueError, match="not a province"):
        pl.load_targets(built_project, province="Shanxy")
    from policylens.filters import select

    with pytest.raises(ValueError, match="no year"):
        select(pl.load_chains(built_project), "chains", year=2024)


def test_a_province_keeps_its_colour_whatever_else_is_drawn():
    alone = style.province_colors(["Shanxi"])
    crowd = style.province_colors(["Shanxi", "Anhui", "Hunan", "Yunnan", "Jiangxi"])
    assert alone["Shanxi"] == crowd["Shanxi"] == to_rgb(style.FIXED_COLORS["Shanxi"])
    fixed = {to_rgb(c) for c in style.FIXED_COLORS.values()}
    assert crowd["Hunan"] not in fixed and crowd["Yunnan"] not in fixed
    assert crowd["Hunan"] != crowd["Yunnan"]
    assert style.province_colors(["Hunan"])["Hunan"] == crowd["Hunan"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_label_overprints_another(built_tables, lang):
    quarters = pl.plots.milestones_per_quarter(
        built_tables["milestones"], documents=built_tables["documents"], lang=lang
    )
    renderer = quarters.canvas.get_renderer()
    boxes = [
        t.get_window_extent(renderer) for t in quarters.axes[0].get_xticklabels() if t.get_text()
    ]
    assert len(boxes) > 8
    assert all(a.x1 <= b.x0 for a, b in itertools.pairwise(boxes)), "tick labels overlap"
    counts = pl.plots.chain_counts(built_tables["chains"], built_tables["targets"], lang=lang)
    renderer = counts.canvas.get_renderer()
    title = counts._suptitle.get_window_extent(renderer)
    for ax in counts.axes:
        if ax.get_legend() is not None:
            assert not ax.get_legend().get_window_extent(renderer).overlaps(title)
        if ax.axison:
            assert not ax.title.get_window_extent(renderer).overlaps(title)


def test_axes_carry_thousands_separators_like_the_bars(tables):
    fig = pl.plots.revenue_goals(tables["targets"], lang="zh")
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert "10,000" in ticks and "10000" not in ticks


def test_lines_break_between_words_and_chinese_phrases_never_inside():
    title = "《江西省制造业重点产业链现代化建设“1269”行动计划（2023-2026年）》"
    lines = style.wrap(
        "资料来源：江西" + title + "（未注明日期）；山西《山西省光伏产业链2023年行动方案》", 60
    )
    assert any(title in line for line in lines)  # a title that fits a line is never cut
    assert style.wrap("锂电产业链营业收入超过3500亿元（2026年）", 18) == [
        "锂电产业链营业收入超过3500亿元",
        "（2026年）",
    ]
    assert style.wrap("Projects above CNY 100m on key chains", 11) == [
        "Projects above CNY",
        "100m on key chains",
    ]


def test_drawing_leaves_interactive_mode_and_backend_as_they_were(tmp_path, built_project):
    """In Jupyter the backend turns interactive mode on when pyplot is first imported; if that
    happened inside the theme's rc_context, leaving it would switch it off and no later chart
    would show. Here a backend does the same; drawing must leave both as they were."""
    (tmp_path / "switching_backend.py").write_text(
        "import matplotlib\n"
        "from matplotlib.backends.backend_agg import FigureCanvasAgg as FigureCanvas  # noqa\n"
        "from matplotlib.backend_bases import FigureManagerBase as FigureManager  # noqa\n"
        "matplotlib.interactive(True)  # what matplotlib_inline does in a notebook\n"
    )
    code = (
        "import matplotlib, policylens as pl\n"
        f"root = r'{built_project}'\n"
        "pl.plots.revenue_goals(pl.load_targets(root))\n"
        "pl.plots.timelines(pl.load_documents(root), pl.load_milestones(root), lang='zh')\n"
        "import matplotlib.pyplot as plt\n"
        "assert matplotlib.is_interactive(), 'interactive mode was switched off'\n"
        "assert plt.get_backend() == 'module://switching_backend', plt.get_backend()\n"
        "assert len(plt.get_fignums()) == 2\n"
    )
    env = {
        "MPLBACKEND": "module://switching_backend",
        "PYTHONPATH": str(tmp_path),
        "MPLCONFIGDIR": str(tmp_path / "mpl"),
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tmp_path)


def test_chain_counts_named_now_vs_targeted(tables, caplog):
    data = pl.plots.chain_counts_data(tables["chains"], tables["targets"])
    shanxi = data[(data["province"] == "Shanxi") & (data["level"] == "chain")].iloc[0]
    assert (shanxi["named"], shanxi["targeted"], shanxi["target_year"]) == (16, 20, 2024)
    fig = pl.plots.chain_counts(tables["chains"], tables["targets"], documents=tables["documents"])
    render_strictly(fig, caplog)
    panels = [ax for ax in fig.axes if ax.axison]
    titles = [ax.get_title(loc="left") for ax in panels]
    assert titles == ["Key chains", "Sub-chains", "Clusters", "Advantage industries"]
    key_chains = panels[0]
    assert sorted(b.get_width() for b in bars(key_chains, "named")) == [2, 16]
    assert [b.get_width() for b in bars(key_chains, "targeted")] == [20]


@pytest.mark.parametrize("view", ["modes", "provinces"])
def test_collaboration_modes_leave_out_slogans(tables, view, caplog):
    fig = pl.plots.collaboration_modes(
        tables["modes"], tables["mode_actors"], view=view, documents=tables["documents"]
    )
    render_strictly(fig, caplog)
    ax = fig.axes[0]
    actors = [t.get_text() for t in ax.get_xticklabels()]
    assert actors[0] == "Chain-leader firms"  # used by most modes
    assert not any("other" in a.lower() for a in actors)
    dots = [c for c in ax.collections if c.get_gid() in ("mode-actor", "province-actor")]
    if view == "modes":
        assert sum(len(c.get_offsets()) for c in dots) == 12  # 4 modes x 3 actors
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert "Investment promotion" in labels
    else:
        assert sum(len(c.get_offsets()) for c in dots) == 11  # Jiangxi 3 + Shanxi 8 actors
    assert "Left out: 1 slogan" in source_line(fig)


def test_timelines_put_issue_dates_horizons_and_milestones_on_one_axis(tables, caplog):
    fig = pl.plots.timelines(tables["documents"], tables["milestones"], lang="zh")
    render_strictly(fig, caplog)
    ax = fig.axes[0]
    gids = [c.get_gid() for c in ax.collections]
    assert gids.count("horizon") == 4  # the investment opinions state no horizon
    assert gids.count("issued") == 3  # nor does Jiangxi's plan state its issue date
    assert sum(len(c.get_offsets()) for c in ax.collections if c.get_gid() == "milestone") == 5
    assert glossary.text("undated", "zh") in [t.get_text() for t in ax.texts]
    assert ax.get_xticklabels()[0].get_text().endswith("年")


def test_one_colour_per_province_in_every_chart(tables):
    colours: dict[str, set] = {}
    for spec in export.FIGURES:
        fig = spec.draw(tables, "en")
        for ax in fig.axes:
            legend = ax.get_legend()
            for legend_ in [legend, *fig.legends]:
                if legend_ is None:
                    continue
                for handle, text in zip(legend_.legend_handles, legend_.get_texts(), strict=True):
                    if text.get_text() in ("Jiangxi", "Shanxi", "Sichuan"):
                        colour = tuple(round(c, 3) for c in to_rgb(handle.get_facecolor()))
                        colours.setdefault(text.get_text(), set()).add(colour)
    assert set(colours) == {"Jiangxi", "Shanxi", "Sichuan"}
    assert all(len(c) == 1 for c in colours.values()), colours
    assert len({next(iter(c)) for c in colours.values()}) == 3


def test_empty_tables_give_a_chart_that_says_so(tables, caplog):
    empty = {**tables, "targets": tables["targets"].iloc[0:0]}
    fig = pl.plots.revenue_goals(empty["targets"], documents=empty["documents"], lang="zh")
    render_strictly(fig, caplog)
    assert glossary.text("no_data", "zh") in [t.get_text() for t in fig.axes[0].texts]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_chart_of_a_project_without_modes_chains_or_targets_says_no_data(tables, lang):
    """A corpus of plans that name no chain and no A+B mode (all its targets unreviewed)."""
    empty = {name: frame.iloc[0:0] for name, frame in tables.items()}
    empty["documents"] = tables["documents"]
    for spec in export.FIGURES:
        if spec.stem(lang).startswith(("09_timelines", "10_milestones")):
            continue  # the documents alone give a timeline
        fig = spec.draw(empty, lang)
        said = [t.get_text() for ax in fig.axes for t in ax.texts]
        assert said, spec.stem(lang)  # "no data", or the chart's own word for it (revisions)
        if spec.stem(lang)[:2] <= "08":
            assert glossary.text("no_data", lang) in said, spec.stem(lang)


def test_bad_arguments_are_refused(tables):
    with pytest.raises(ValueError, match="lang"):
        pl.plots.revenue_goals(tables["targets"], documents=tables["documents"], lang="fr")
    with pytest.raises(ValueError, match="view"):
        pl.plots.collaboration_modes(tables["modes"], tables["mode_actors"], view="x")


def test_drawing_into_the_callers_axes(tables):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    out = pl.plots.revenue_goals(tables["targets"], documents=tables["documents"], ax=ax)
    assert out is fig and len(bars(ax, "goal-floor")) == 5


def test_plot_functions_do_not_change_their_inputs(tables):
    before = {name: frame.copy() for name, frame in tables.items()}
    for spec in export.FIGURES:
        spec.draw(tables, "zh")
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(frame, before[name])


@pytest.fixture(scope="module")
def built_tables(built_project: Path) -> dict[str, pd.DataFrame]:
    return {name: load_table(name, built_project) for name in TABLES}


# --- files ------------------------------------------------------------------------------------


EXPECTED_FILES = [
    f"{spec.number:02d}_{spec.name}_{lang}.{fmt}"
    for spec in export.FIGURES
    for lang in ("en", "zh")
    for fmt in ("png", "svg")
]


@pytest.fixture(scope="module")
def built_figures(built_project: Path, built_tables, tmp_path_factory) -> Path:
    """The figures the build wrote (or, if the build writes none, write_figures' own)."""
    folder = built_project / "figures"
    if not (folder / EXPECTED_FILES[0]).exists():
        folder = tmp_path_factory.mktemp("figures")
        pl.plots.write_figures(built_tables, folder)
    return folder


def test_every_chart_is_written_in_both_languages_as_png_and_svg(built_figures: Path):
    from PIL import Image

    assert len(export.FIGURES) >= 8
    names = sorted(p.name for p in built_figures.iterdir() if p.suffix in (".png", ".svg"))
    assert names == sorted(EXPECTED_FILES)
    for name in EXPECTED_FILES:
        path = built_figures / name
        if path.suffix == ".png":
            with Image.open(path) as image:
                assert min(image.info["dpi"]) >= 199.9
                assert "Software" not in image.info  # no matplotlib version in the file
        else:
            head = path.read_text(encoding="utf-8")[:2000]
            assert "<dc:date>" not in head and "Matplotlib v" not in head


@pytest.mark.parametrize("number", [spec.number for spec in export.FIGURES])
def test_built_charts_redraw_byte_for_byte_without_missing_glyphs(
    built_tables, built_figures: Path, number: int
):
    """Drawn again here (in this process, without forking), each file has the same bytes."""
    spec = next(s for s in export.FIGURES if s.number == number)
    for lang in ("en", "zh"):
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*[Gg]lyph.*missing")
            again = export.render(built_tables, number, lang)
        for fmt in ("png", "svg"):
            assert again[fmt] == (built_figures / f"{spec.stem(lang)}.{fmt}").read_bytes()


def test_write_figures_reuses_the_files_of_the_same_inputs(tables, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "FIGURES", export.FIGURES[:1])
    cache = tmp_path / "cache"
    first = pipeline.write_figures(tables, tmp_path / "first", cache=cache, workers=1)
    assert [p.name for p in first] == EXPECTED_FILES[:4]
    monkeypatch.setattr(export, "_render_all", lambda *a: pytest.fail("drew again"))
    again = pipeline.write_figures(tables, tmp_path / "again", cache=cache)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in first]
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        export.FIGURES[0].stem(lang) for lang in ("en", "zh")
    )  # one folder per chart, each holding one version
    spec = export.FIGURES[0]
    changed = {**tables, "targets": tables["targets"].iloc[1:]}
    assert pipeline.chart_key(spec, "en", changed) != pipeline.chart_key(spec, "en", tables)


def test_forked_workers_draw_the_same_bytes_and_pass_on_warnings(tables, tmp_path, monkeypatch):
    timelines = next(s for s in export.FIGURES if s.name == "timelines")
    monkeypatch.setattr(export, "FIGURES", (timelines,))
    strange = {**tables, "documents": tables["documents"].copy()}
    strange["documents"].loc[0, "title_en"] = "Plan \U00013000"  # a glyph no font here has
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        paths = pl.plots.write_figures(strange, tmp_path, workers=2)
    assert any("missing" in str(w.message) for w in caught)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        serial = export.render(strange, timelines.number, "zh")
    assert serial["png"] == (tmp_path / f"{timelines.stem('zh')}.png").read_bytes()
    assert len(paths) == 4


def test_svg_text_is_drawn_as_paths(tables):
    svg = export.render(tables, 1, "zh")["svg"].decode("utf-8")
    assert "<text" not in svg  # glyph outlines: renders without the CJK font installed


def test_import_stays_light_and_the_font_is_registered_only_when_drawing(tmp_path):
    code = (
        "import sys, policylens, policylens.plots\n"
        "heavy = [m for m in ('matplotlib', 'seaborn', 'pandas') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "from matplotlib import font_manager\n"
        "from policylens.plots.fonts import bundled_font_path\n"
        "bundled = str(bundled_font_path())\n"
        "assert not any(f.fname == bundled for f in font_manager.fontManager.ttflist)\n"
        "from policylens.plots.fonts import cjk_family\n"
        "assert 'CJK' in cjk_family()\n"
    )
    env = {"MPLCONFIGDIR": str(tmp_path / "mpl"), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tmp_path)
    assert not (tmp_path / "mpl" / "matplotlibrc").exists()


# --- the built project ------------------------------------------------------------------------


def test_charts_read_no_file_and_ask_for_the_tables_they_draw(built_project: Path):
    with pytest.raises(TypeError, match=r"pl\.load_targets\(\)"):
        pl.plots.revenue_goals(None)
    fig = pl.plots.timelines(pl.load_documents(built_project), pl.load_milestones(built_project))
    assert len(fig.axes[0].get_yticklabels()) == 5


def test_every_comparator_has_a_sign_in_the_charts():
    from policylens.model.vocab import COMPARATORS
    from policylens.plots import style

    assert set(style.COMPARATOR_SIGNS) == set(COMPARATORS)
    assert style.with_comparator("5.5", "<=") == "≤5.5"  # 控制在5.5%以内
