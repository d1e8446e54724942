"""Money and capacity goals besides revenue: output value, value added, scale, investment,
capacity and production — so that every money goal of a plan appears in a comparison."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from policylens.plots import glossary, style
from policylens.plots import scale as plot_scale
from policylens.plots.goals import (
    ROW_INCH,
    draw_goal_bars,
    encoding_handles,
    scope_label,
    wrap_label,
)
from policylens.summaries import other_goals_data

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
UNIT_LABELS = {"GW": "GW", "GWh": "GWh", "t": "t", "m2": "m²", "count": ""}


def _axis_label(unit: str, lang: str) -> str:
    if unit == "CNY":
        return glossary.text("revenue_axis", lang).replace(
            *(("Revenue goal", "Goal") if lang == "en" else ("营业收入目标", "目标"))
        )
    shown = UNIT_LABELS.get(unit, unit)
    name = glossary.text("other_goals_axis", lang)
    if not shown:
        return name
    return f"{name} ({shown})" if lang == "en" else f"{name}（{shown}）"


def _panels(rows: pd.DataFrame, units: list[str]) -> list[tuple[pd.DataFrame, int]]:
    """(the goals shown, how many left out) of each unit's panel: the largest, at most
    :data:`scale.TOP_N` in all, shared among the panels (at least 8 each)."""
    per_panel = max(8, plot_scale.TOP_N // max(len(units), 1))
    return [
        plot_scale.top_n(rows[rows["unit"].astype(str) == u], ["value_stretch", "value"], per_panel)
        for u in units
    ]


def other_goals(
    targets: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
    lang: str = "en",
) -> Figure:
    """One panel per unit (money in CNY bn / 亿元, then GW, GWh, t …), one bar per goal,
    labelled '<indicator>: <scope> · <year>' (and 'per city' for a per-unit value)."""
    style.check_lang(lang)
    targets = style.table(targets, "targets", province=province, year=year)
    documents = style.documents_table(documents, province=province)
    rows = other_goals_data(targets)
    colors = style.province_colors(style.province_order(targets))
    units = list(dict.fromkeys(rows["unit"].astype(str)))
    panels = _panels(rows, units)
    sizes = [len(mine) + (1 if more else 0) for mine, more in panels] or [1]
    with style.theme(lang):
        fig, axes = style.new_figure(
            None,
            1.6 + 0.55 * len(sizes) + ROW_INCH * 1.2 * sum(sizes),
            nrows=len(sizes),
            gridspec_kw={"height_ratios": [s + 1 for s in sizes]},
        )
        axes = list(axes) if len(sizes) > 1 else [axes]
        if rows.empty:
            style.no_data(axes[0], lang)
        for ax, unit, (mine, more) in zip(axes, units, panels, strict=False):
            labels = [
                wrap_label(
                    f"{glossary.indicator_label(str(r['indicator']), lang)}"
                    f"{': ' if lang == 'en' else '：'}{scope_label(r, lang)}",
                    lang,
                    52,
                )
                for _, r in mine.iterrows()
            ]
            bars: list = [r for _, r in mine.iterrows()]
            notes = {}
            if more:
                notes[len(labels)] = plot_scale.more_label(
                    more, lang, ("smaller goals", "较小目标")
                )
                labels.append("")
                bars.append(None)
            scale = style.MONEY[lang][0] if unit == "CNY" else 1.0
            draw_goal_bars(ax, bars, colors, lang, scale=scale, labels=labels, notes=notes)
            ax.set_xlabel(_axis_label(unit, lang))
        if not rows.empty:
            shown = [p for mine, _ in panels for p in mine["province"]]
            present = list(dict.fromkeys(sorted(shown)))
            handles = style.province_handles(colors, present, lang) + encoding_handles(lang)
            style.legend(fig, axes[0], handles, owned=True)
        style.add_title(fig, "other_goals_title", lang)
        shown = style.drawn(targets, rows["target_id"])
        style.add_source(fig, documents, rows["doc_id"], lang, shown=shown)
        return style.finish(fig)
