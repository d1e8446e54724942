"""Figures 11 and 12: revisions as dumbbells, attainment as counts and outcomes — by artists."""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest
from overtime_fixtures import actual, frame, target

import policylens as pl
from policylens.model.schema import TABLES, empty_frame
from policylens.overtime.attainment import attainment
from policylens.plots import export, glossary


def _revision(n: int, change: str, before, after, **fields) -> dict:
    row = {
        "revision_id": f"later:r{n}", "province": "Hubei", "indicator": "revenue", "unit": "CNY",
        "chain": "photovoltaic", "scope_zh": "光伏产业", "scope": "Photovoltaics industry",
        "earlier_doc": "draft", "later_doc": "later", "earlier_value": before,
        "later_value": after, "earlier_year": 2027 if before else None,
        "later_year": 2027 if after else None, "change": change, "why": "same goal",
        "origin": "matched",
    }  # fmt: skip
    return row | fields


REVISIONS = [
    _revision(1, "raised", 3.0e11, 3.5e11),
    _revision(2, "dropped", 10.0, None, indicator="enterprise_count", unit="count"),
    _revision(
        3,
        "postponed",
        200.0,
        200.0,
        unit="GWh",
        indicator="capacity",
        earlier_year=2025,
        later_year=2026,
    ),
]


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def _draw_everything(fig) -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*[Gg]lyph.*missing")
        fig.savefig(io.BytesIO(), format="png", dpi=40)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_revision_is_a_row_with_its_change_values_and_years(lang):
    fig = pl.plots.goal_revisions(frame("revisions", REVISIONS), lang=lang)
    _draw_everything(fig)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 3 and any("2025→2026" in label for label in labels)
    texts = _texts(fig)
    raised = glossary.text("change_raised", lang)
    money = "CNY 300 bn → CNY 350 bn" if lang == "en" else "3,000亿元 → 3,500亿元"
    assert f"{raised}: {money}" in texts
    assert f"{glossary.text('change_dropped', lang)}: 10" in texts
    legend = (
        [t.get_text() for t in fig.legends[0].get_texts()]
        if fig.legends
        else [t.get_text() for t in ax.get_legend().get_texts()]
    )
    assert legend == [
        glossary.text(f"change_{c}", lang) for c in ("raised", "postponed", "dropped")
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_caps_tightened_and_loosened_are_named_and_coloured_as_more_or_less_ambitious(lang):
    from policylens.plots.overtime import CHANGE_COLORS

    caps = [
        _revision(
            1, "tightened", 10.0, 8.0, indicator="share", unit="percent", scope_zh="亏损企业"
        ),
        _revision(2, "loosened", 1.5e8, 1.6e8, indicator="other", unit="t", scope_zh="能源消费"),
    ]
    fig = pl.plots.goal_revisions(frame("revisions", caps), lang=lang)
    _draw_everything(fig)
    texts = _texts(fig)
    assert f"{glossary.text('change_tightened', lang)}: 10% → 8%" in texts
    ax = fig.axes[0]
    legend = fig.legends[0] if fig.legends else ax.get_legend()
    names = [t.get_text() for t in legend.get_texts()]
    assert names == [glossary.text(f"change_{c}", lang) for c in ("tightened", "loosened")]
    assert len(set(CHANGE_COLORS.values())) == len(CHANGE_COLORS)  # each change its colour


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_revisions_draw_a_figure_that_says_so(lang):
    fig = pl.plots.goal_revisions(empty_frame("revisions"), lang=lang)
    _draw_everything(fig)
    assert any(glossary.text("no_revisions", lang)[:12] in t.replace("\n", "") for t in _texts(fig))


def test_a_long_table_is_summarised_to_the_largest_changes():
    rows = [_revision(n, "raised", 100.0, 100.0 + n, unit="GW", indicator="capacity",
                      scope_zh=f"产能{n}") for n in range(1, 41)]  # fmt: skip
    fig = pl.plots.goal_revisions(frame("revisions", rows))
    assert len(fig.axes[0].get_yticklabels()) == 24
    assert "… and 16 more rows in revisions.csv" in _texts(fig)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_attainment_counts_statuses_per_province_and_draws_each_outcome(lang):
    targets = frame(
        "targets",
        [target(), target(target_id="plan:2", target_year=2030, chain="wind", scope_zh="风电")],
    )
    table = attainment(
        targets, frame("actuals", [actual(value=2.4e11)]), reference_date="2026-01-01"
    )
    fig = pl.plots.goal_attainment(table, lang=lang)
    _draw_everything(fig)
    top, bottom = fig.axes[:2]
    assert [t.get_text() for t in top.get_yticklabels()] == ["Hubei" if lang == "en" else "湖北"]
    assert sorted(t.get_text() for t in top.texts if t.get_text()) == ["1", "1"]  # not met, due
    assert len(bottom.get_yticklabels()) == 1
    goal = "CNY 240 bn / CNY 300 bn" if lang == "en" else "2,400亿元 / 3,000亿元"
    assert goal in [t.get_text() for t in bottom.texts]
    assert glossary.text("attainment_axis", lang).format(date="2026-01-01") == top.get_xlabel()


def test_attainment_without_outcomes_says_where_to_add_them():
    table = attainment(frame("targets", [target()]), None, reference_date="2024-01-01")
    fig = pl.plots.goal_attainment(table)
    assert any("outcomes.csv" in t for t in _texts(fig))


def test_figures_11_and_12_are_in_the_report_set_and_draw_from_empty_tables():
    numbers = {spec.number: spec.name for spec in export.FIGURES}
    assert (numbers[11], numbers[12]) == ("revisions", "attainment")
    empty = {name: empty_frame(name) for name in TABLES}
    for number in (8, 11, 12):  # 8: mode_purposes used to fail on an empty modes table
        for lang in ("en", "zh"):
            assert export.render(empty, number, lang)["png"].startswith(b"\x89PNG")


def test_the_charts_leave_their_input_unchanged():
    revisions = frame("revisions", REVISIONS)
    before = revisions.copy()
    pl.plots.goal_revisions(revisions, lang="zh")
    pd.testing.assert_frame_equal(revisions, before)
