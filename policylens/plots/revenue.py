"""Comparison 1: chain revenue goals per province, chain and target year."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from policylens.errors import PolicylensError
from policylens.plots import glossary, style
from policylens.plots.goals import (
    ROW_INCH,
    draw_goal_bars,
    encoding_handles,
    scope_label,
    wrap_label,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

COLUMNS = [
    "target_id",
    "doc_id",
    "province",
    "scope",
    "scope_zh",
    "chain",
    "target_year",
    "value",
    "value_stretch",
    "comparator",
    "commitment",
    "quote",
]


def revenue_goals_data(targets: pd.DataFrame) -> pd.DataFrame:
    """The revenue goals a chart shows: ``targets`` rows on revenue in CNY, in chart order.

    Values stay in yuan. Rows are ordered by province, target year, then
    floor value (largest first).
    """
    rows = targets[(targets["indicator"] == "revenue") & (targets["unit"] == "CNY")]
    rows = rows.assign(_year=rows["target_year"].fillna(0))
    rows = rows.sort_values(
        ["province", "_year", "value", "target_id"],
        ascending=[True, True, False, True],
        kind="stable",
    )
    rows = rows[COLUMNS].reset_index(drop=True)
    rows["province"] = rows["province"].astype(str)
    return rows


def revenue_totals_data(targets: pd.DataFrame, chains: pd.DataFrame | None = None) -> pd.DataFrame:
    """Revenue goals added up per province and target year, without double counting.

    ``chain_floor``/``chain_stretch`` add up the goals of named chains, leaving
    out sub-chains (a chain that ``chains`` lists as a sub_chain, e.g. lithium
    batteries inside new energy); a chain without a stretch value counts with
    its floor. ``stated_floor`` is a goal the document states for all its chains
    together (a revenue target with no chain key), when there is one. Yuan.
    """
    import pandas as pd

    rows = revenue_goals_data(targets)
    sub = set()
    if chains is not None and len(chains):
        subs = chains[chains["level"] == "sub_chain"].dropna(subset=["chain"])
        sub = set(zip(subs["doc_id"].astype(str), subs["chain"].astype(str), strict=True))
    is_sub = [(str(d), str(c)) in sub for d, c in zip(rows["doc_id"], rows["chain"], strict=True)]
    named = rows[rows["chain"].notna() & ~pd.Series(is_sub, index=rows.index, dtype=bool)]
    stated = rows[rows["chain"].isna()]
    keys = ["province", "target_year"]
    named = named.assign(_stretch=named["value_stretch"].fillna(named["value"]))
    sums = named.groupby(keys, dropna=False).agg(
        chains=("target_id", "size"),
        chain_floor=("value", "sum"),
        chain_stretch=("_stretch", "sum"),
        doc_ids=("doc_id", lambda s: ",".join(sorted(set(s)))),
    )
    totals = stated.groupby(keys, dropna=False).agg(
        stated_floor=("value", "max"),
        stated_doc_ids=("doc_id", lambda s: ",".join(sorted(set(s)))),
    )
    out = sums.join(totals, how="outer").reset_index()
    out["chains"] = out["chains"].fillna(0).astype(int)
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


def revenue_goals(
    targets: pd.DataFrame | None = None,
    *,
    documents: pd.DataFrame | None = None,
    lang: str = "en",
    ax: Axes | None = None,
    root: str | os.PathLike[str] | None = None,
) -> Figure:
    """Bar chart of chain revenue goals: floor, stretch, firm vs 'strive to' wording.

    One bar per goal, grouped and coloured by province, labelled with its chain
    and target year; CNY bn in English, 亿元 in Chinese. A province whose
    documents set no revenue goal gets a row saying so.

    >>> fig = pl.plots.revenue_goals(lang="zh")  # doctest: +SKIP
    """
    style.check_lang(lang)
    targets = style.table(targets, "targets", root)
    documents = style.documents_table(documents, root)
    rows = revenue_goals_data(targets)
    provinces = style.province_order(documents, targets)
    colors = style.province_colors(provinces)
    scale, _unit = style.MONEY[lang]

    # Rows in order, with a note row for each province that sets no revenue goal.
    labels, notes, bar_rows = [], {}, []
    for province in provinces:
        mine = rows[rows["province"] == province]
        if mine.empty:
            notes[len(labels)] = glossary.text("no_revenue", lang)
            labels.append(style.province_label(province, lang))
            bar_rows.append(None)
            continue
        for _, row in mine.iterrows():
            labels.append(wrap_label(scope_label(row, lang), lang))
            bar_rows.append(row)
    owned = style.owns(None, ax)
    with style.theme(lang):
        fig, ax = style.new_figure(ax, 1.9 + ROW_INCH * max(len(labels), 3))
        if rows.empty:
            style.no_data(ax, lang)
        else:
            draw_goal_bars(ax, bar_rows, colors, lang, scale=scale, labels=labels, notes=notes)
            ax.set_xlabel(glossary.text("revenue_axis", lang))
            present = [p for p in provinces if (rows["province"] == p).any()]
            handles = style.province_handles(colors, present, lang) + encoding_handles(lang)
            style.legend(fig, ax, handles, owned=owned)
        if owned:
            style.add_title(fig, "revenue_title", lang)
            style.add_source(fig, documents, rows["doc_id"], lang)
        return style.finish(fig)


def revenue_totals(
    targets: pd.DataFrame | None = None,
    chains: pd.DataFrame | None = None,
    *,
    documents: pd.DataFrame | None = None,
    lang: str = "en",
    ax: Axes | None = None,
    root: str | os.PathLike[str] | None = None,
) -> Figure:
    """Revenue goals added up per province and target year (sub-chains not double counted)."""
    style.check_lang(lang)
    targets = style.table(targets, "targets", root)
    if chains is None:
        try:
            chains = style.table(None, "chains", root)
        except PolicylensError:
            chains = None
    documents = style.documents_table(documents, root)
    totals = revenue_totals_data(targets, chains)
    provinces = style.province_order(documents, targets)
    colors = style.province_colors(provinces)
    scale, _ = style.MONEY[lang]
    owned = style.owns(None, ax)
    with style.theme(lang):
        fig, ax = style.new_figure(ax, 2.2 + 0.5 * max(len(totals), 3))
        if totals.empty:
            style.no_data(ax, lang)
        else:
            _draw_totals(fig, ax, totals, colors, lang, scale, owned)
        if owned:
            style.add_title(fig, "revenue_totals_title", lang)
            doc_ids = ",".join(
                totals["doc_ids"].fillna("") + "," + totals["stated_doc_ids"].fillna("")
            )
            style.add_source(fig, documents, [d for d in doc_ids.split(",") if d], lang)
        return style.finish(fig)


def _draw_totals(fig, ax, totals, colors, lang, scale, owned):
    import pandas as pd
    from matplotlib.patches import Patch

    labels = []
    top = 0.0
    height = 0.38
    for pos, row in totals.iterrows():
        color = colors[row["province"]]
        year = row["target_year"]
        province = style.province_label(row["province"], lang)
        if lang == "en":
            labels.append(province if pd.isna(year) else f"{province} · by {year}")
        else:
            labels.append(province if pd.isna(year) else f"{province}（到{year}年）")
        if not pd.isna(row["chain_floor"]):
            floor, stretch = row["chain_floor"] / scale, row["chain_stretch"] / scale
            ax.barh(pos - height / 2, floor, height=height, color=color, gid="sum-floor")
            if stretch > floor:
                ax.barh(
                    pos - height / 2,
                    stretch - floor,
                    left=floor,
                    height=height,
                    facecolor="none",
                    edgecolor=color,
                    linestyle=(0, (3, 2)),
                    gid="sum-stretch",
                )
            note = fmt_sum(floor, stretch, int(row["chains"]), lang)
            ax.text(stretch, pos - height / 2, "  " + note, va="center", fontsize=8)
            top = max(top, stretch)
        if not pd.isna(row["stated_floor"]):
            stated = row["stated_floor"] / scale
            ax.barh(
                pos + height / 2,
                stated,
                height=height,
                color=(*color[:3], 0.28),
                edgecolor=color,
                hatch="....",
                gid="stated-total",
            )
            ax.text(stated, pos + height / 2, "  " + style.fmt(stated), va="center", fontsize=8)
            top = max(top, stated)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.4, -0.6)
    ax.set_xlim(0, top * 1.45)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(glossary.text("revenue_totals_axis", lang))
    grey = (0.45, 0.45, 0.45)
    present = list(dict.fromkeys(totals["province"]))
    handles = [
        *style.province_handles(colors, present, lang),
        Patch(facecolor=grey, label=glossary.text("chain_sum", lang)),
        Patch(
            facecolor="none",
            edgecolor=grey,
            linestyle=(0, (3, 2)),
            label=glossary.text("stretch", lang),
        ),
        Patch(
            facecolor=(*grey, 0.28),
            edgecolor=grey,
            hatch="....",
            label=glossary.text("stated_total", lang),
        ),
    ]
    style.legend(fig, ax, handles, owned=owned)


def fmt_sum(floor: float, stretch: float, n: int, lang: str) -> str:
    text = style.fmt(floor) + (f" → {style.fmt(stretch)}" if stretch > floor else "")
    return f"{text} ({n} chains)" if lang == "en" else f"{text}（{n}条产业链）"
