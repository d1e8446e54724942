"""Comparison 2: how many chains, clusters and industries; firm and project count goals."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.patches import Patch

from policylens.plots import glossary, style
from policylens.plots import scale as plot_scale
from policylens.plots.goals import (
    ROW_INCH,
    draw_goal_bars,
    encoding_handles,
    scope_label,
    wrap_label,
)
from policylens.summaries import LEVELS, chain_counts_data, firm_project_data

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def chain_counts(
    chains: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
    lang: str = "en",
) -> Figure:
    """Key chains, sub-chains, clusters and advantage industries: named now vs targeted.

    One panel per level, one pair of bars per province: the number the plans
    name or count now (solid) and the number they target (hatched, with the
    target year).
    """

    style.check_lang(lang)
    chains = style.table(chains, "chains", province=province)
    targets = style.table(targets, "targets", province=province, year=year)
    documents = style.documents_table(documents, province=province)
    data = chain_counts_data(chains, targets)
    provinces = style.province_order(data)
    colors = style.province_colors(provinces)
    levels = [level for level in LEVELS if (data["level"] == level).any()]
    with style.theme(lang):
        fig, axes, key = _panels_with_key_row(
            1.9 + 0.42 * max(len(provinces), 2), max(len(levels), 1)
        )
        if not levels:
            style.no_data(axes[0], lang)
        for ax, level in zip(axes[: len(levels)], levels, strict=True):  # no level: no_data
            mine = data[data["level"] == level].set_index("province")
            top = max(mine["named"].fillna(0).max(), mine["targeted"].fillna(0).max())
            for pos, province in enumerate(provinces):
                if province not in mine.index:
                    continue
                row = mine.loc[province]
                color = colors[province]
                if not pd.isna(row["named"]):
                    ax.barh(pos - 0.2, row["named"], height=0.38, color=color, gid="named")
                    ax.text(
                        row["named"] + top * 0.03,
                        pos - 0.2,
                        style.fmt(row["named"]),
                        va="center",
                        fontsize=8,
                    )
                if not pd.isna(row["targeted"]):
                    ax.barh(
                        pos + 0.2,
                        row["targeted"],
                        height=0.38,
                        color=(*color[:3], 0.28),
                        edgecolor=color,
                        hatch=style.HATCH_ASPIRATIONAL,
                        gid="targeted",
                    )
                    year = row["target_year"]
                    label = style.with_comparator(style.fmt(row["targeted"]), row["comparator"])
                    if not pd.isna(year):
                        label += f" ({year})" if lang == "en" else f"（{year}年）"
                    ax.text(row["targeted"] + top * 0.03, pos + 0.2, label, va="center", fontsize=8)
            ax.set_title(glossary.level_label(level, lang))
            ax.set_xlim(0, top * 1.6 if top else 1)
            ax.grid(axis="y", visible=False)
            ax.tick_params(axis="y", length=0)
            ax.set_xlabel(glossary.text("chain_counts_axis", lang))
            ax.xaxis.get_major_locator().set_params(integer=True)
            style.thousands(ax.xaxis)
        axes[0].set_yticks(
            range(len(provinces)), [style.province_label(p, lang) for p in provinces]
        )
        axes[0].set_ylim(len(provinces) - 0.4, -0.6)

        grey = (0.45, 0.45, 0.45)
        # in a row of its own under the chart title: never over a title or a panel
        key.legend(
            handles=[
                Patch(facecolor=grey, label=glossary.text("named", lang)),
                Patch(
                    facecolor=(*grey, 0.28),
                    edgecolor=grey,
                    hatch=style.HATCH_ASPIRATIONAL,
                    label=glossary.text("targeted", lang),
                ),
            ],
            loc="center left",
            ncols=2,
            borderaxespad=0.0,
        )
        style.add_title(fig, "chain_counts_title", lang)
        docs = list(data["named_doc"].dropna()) + list(data["target_doc"].dropna())
        shown = style.drawn(targets, data["target_id"].dropna())
        style.add_source(fig, documents, docs, lang, shown=shown)
        return style.finish(fig)


def _panels_with_key_row(height: float, n: int):
    """(figure, panels sharing y, legend axes): a thin row above the panels holds the legend."""
    fig, _ = style.new_figure(None, height)
    fig.clear()
    grid = fig.add_gridspec(2, n, height_ratios=[1, 9])
    key = fig.add_subplot(grid[0, :])
    key.set_axis_off()
    first = fig.add_subplot(grid[1, 0])
    panels = [first] + [fig.add_subplot(grid[1, i], sharey=first) for i in range(1, n)]
    for panel in panels[1:]:
        panel.tick_params(labelleft=False)
    return fig, panels, key


def firm_project_counts(
    targets: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Figure:
    """Goals for numbers of firms (chain-leader firms, chain firms …) and projects.

    A per-unit goal (每条产业链1-2个, per chain) is labelled so ("per chain").
    """
    style.check_lang(lang)
    targets = style.table(targets, "targets", province=province, year=year)
    documents = style.documents_table(documents, province=province)
    rows = firm_project_data(targets)
    provinces = style.province_order(rows)
    colors = style.province_colors(provinces)
    labels, bar_rows, groups = [], [], []
    shown, left_out = plot_scale.top_n(rows, ["value_stretch", "value"])
    for _, row in shown.iterrows():
        labels.append(wrap_label(scope_label(row, lang), lang, 40))
        bar_rows.append(row)
        groups.append(str(row["indicator"]))
    notes = {}
    if left_out:
        notes[len(labels)] = plot_scale.more_label(left_out, lang, ("smaller goals", "较小目标"))
        labels.append("")
        bar_rows.append(None)
        groups.append(groups[-1])
    owned = style.owns(None, ax)
    with style.theme(lang):
        fig, ax = style.new_figure(ax, 1.9 + ROW_INCH * max(len(labels), 3))
        if rows.empty:
            style.no_data(ax, lang)
        else:
            draw_goal_bars(ax, bar_rows, colors, lang, labels=labels, notes=notes)
            # a rule and a heading between firms and projects
            for pos in range(1, len(groups)):
                if groups[pos] != groups[pos - 1]:
                    ax.axhline(pos - 0.5, color="0.6", linewidth=0.8)
            ax.set_xlabel(glossary.text("firm_project_axis", lang))
            present = [p for p in provinces if (shown["province"] == p).any()]
            handles = style.province_handles(colors, present, lang) + encoding_handles(lang)
            style.legend(fig, ax, handles, owned=owned)
        if owned:
            style.add_title(fig, "firm_project_title", lang)
            shown = style.drawn(targets, rows["target_id"])
            style.add_source(fig, documents, rows["doc_id"], lang, shown=shown)
        return style.finish(fig)
