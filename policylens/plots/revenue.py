"""Comparison 1: chain revenue goals per province, chain and target year, and their sums."""

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
from policylens.summaries import OTHER_GOALS, revenue_roles, revenue_totals_data

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def whole_set_label(row, lang: str) -> str:
    """'all 16 key chains' / '全部16条重点产业链': the scope of a province-wide goal as stated."""

    size = row["stated_set_size"]
    scope = str(row["stated_scope"] if not pd.isna(row["stated_scope"]) else "")
    scope_zh = str(row["stated_scope_zh"])
    key = "whole_set_uncounted" if pd.isna(size) else "whole_set"
    text = glossary.text(key, lang).format(
        n="" if pd.isna(size) else int(size), scope=scope.lower() or scope_zh, scope_zh=scope_zh
    )
    return text


def describe_revenue_totals(totals: pd.DataFrame, lang: str = "en") -> str:
    """The totals of :func:`revenue_totals_data` in sentences (for notebooks and reports)."""

    lines = []
    for _, row in totals.iterrows():
        year = "" if pd.isna(row["target_year"]) else int(row["target_year"])
        by = f" by {year}" if lang == "en" and year else ""
        if row["chains"]:
            floor, stretch = row["chain_floor"], row["chain_stretch"]
            if lang == "en":
                line = (
                    f"{row['province']}{by}: the revenue goals of its {row['chains']} named "
                    f"chains add up to {style.fmt(floor / 1e8)} 亿元 "
                    f"(CNY {style.fmt(floor / 1e9)} bn)"
                )
                if stretch > floor:
                    line += f", {style.fmt(stretch / 1e8)} 亿元 at their stretch values"
            else:
                line = (
                    f"{style.province_label(row['province'], 'zh')}"
                    f"{f'到{year}年' if year else ''}：{row['chains']}条产业链营业收入目标合计"
                    f"{style.fmt(floor / 1e8)}亿元"
                )
                if stretch > floor:
                    line += f"，按力争值合计{style.fmt(stretch / 1e8)}亿元"
            left = _left_out(row, lang)
            if left:
                line += f"; {left}" if lang == "en" else f"（{left}）"
            lines.append(line)
        if not pd.isna(row["stated_floor"]):
            value = style.with_comparator(
                style.fmt(row["stated_floor"] / 1e8), row["stated_comparator"]
            )
            scope = whole_set_label(row, lang)
            if lang == "en":
                lines.append(
                    f"{row['province']}{by}: one goal of {value} 亿元 "
                    f"(CNY {style.fmt(row['stated_floor'] / 1e9)} bn) for {scope}, as stated "
                    "(not a sum of chain goals)"
                )
            else:
                lines.append(
                    f"{style.province_label(row['province'], 'zh')}"
                    f"{f'到{year}年' if year else ''}：{scope}营业收入目标{value}亿元（文件所列总体目标）"
                )
    return "\n".join(lines)


def _left_out(row, lang: str) -> str:
    parts = []
    if row["sub_chains"]:
        n = int(row["sub_chains"])
        parts.append(
            f"{n} sub-chain goal{'s' if n > 1 else ''} already inside a parent's goal left out"
            if lang == "en"
            else f"{n}个细分产业链目标已含在上级产业链中，未重复计入"
        )
    if row["per_unit"]:
        n = int(row["per_unit"])
        parts.append(
            f"{n} per-unit goal{'s' if n > 1 else ''} (per city …) not added"
            if lang == "en"
            else f"{n}个按单位（每个市等）计的目标未计入"
        )
    return ("; " if lang == "en" else "；").join(parts)


def stated_goals_note(targets: pd.DataFrame, province: str, lang: str) -> str:
    """What a province without a revenue goal does state: 'no revenue goal; states output
    value, capacity goals (chart: …)', or 'sets no revenue goal' when it states none."""
    rows = targets[
        (targets["province"].astype(str) == province) & targets["indicator"].isin(OTHER_GOALS)
    ]
    if rows.empty:
        return glossary.text("no_revenue", lang)
    indicators = [i for i in OTHER_GOALS if (rows["indicator"] == i).any()]
    names = [glossary.indicator_label(i, lang) for i in indicators]
    if lang == "en":
        listed = ", ".join(n.lower() for n in names)
        return (
            glossary.text("no_revenue_but", lang)
            + f"{listed} goal{'s' if len(rows) > 1 else ''}"
            + glossary.text("see_other_goals", lang)
        )
    return glossary.text("no_revenue_but", lang) + "、".join(names) + "目标"


def revenue_goals(
    targets: pd.DataFrame,
    *,
    chains: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Figure:
    """Bar chart of chain revenue goals: floor, stretch, firm vs 'strive to' wording.

    One bar per goal, grouped and coloured by province, labelled with its chain
    and target year (and "per city" for a per-unit value); CNY bn in English,
    亿元 in Chinese. The provinces are those of ``targets`` (after ``province``
    and ``year``): a province there without a revenue goal gets a row saying
    what it does state instead. A province filtered away is simply not shown.

    >>> fig = pl.plots.revenue_goals(lang="zh", province="Shanxi")  # doctest: +SKIP
    """
    style.check_lang(lang)
    targets = style.table(targets, "targets", province=province, year=year)
    chains = _chains_or_none(chains, province)
    documents = style.documents_table(documents, province=province)
    rows = revenue_roles(targets, chains)
    provinces = style.province_order(targets)
    colors = style.province_colors(provinces)
    scale, _unit = style.MONEY[lang]
    labels, notes, bar_rows = _goal_rows(targets, rows, provinces, lang)
    owned = style.owns(None, ax)
    with style.theme(lang):
        fig, ax = style.new_figure(ax, 1.9 + ROW_INCH * max(len(labels), 3))
        if rows.empty:
            style.no_data(ax, lang)
        else:
            draw_goal_bars(ax, bar_rows, colors, lang, scale=scale, labels=labels, notes=notes)
            ax.set_xlabel(glossary.text("revenue_axis", lang))
            shown = {str(r["province"]) for r in bar_rows if r is not None}
            present = [p for p in provinces if p in shown]
            handles = style.province_handles(colors, present, lang) + encoding_handles(lang)
            style.legend(fig, ax, handles, owned=owned)
        if owned:
            style.add_title(fig, "revenue_title", lang)
            shown = style.drawn(targets, rows["target_id"])
            style.add_source(fig, documents, rows["doc_id"], lang, shown=shown)
        return style.finish(fig)


def _goal_rows(targets, rows, provinces, lang):
    """(labels, notes, bar rows) top-down: the largest :data:`scale.TOP_N` goals by province,
    a note row for each province that sets no revenue goal (while the chart shows plans
    one by one), and a last row counting the goals left out."""
    shown, left_out = plot_scale.top_n(rows, ["value_stretch", "value"])
    labels, notes, bar_rows = [], {}, []
    few = plot_scale.by_plan(pd.Series(provinces))
    for name in provinces:
        mine = shown[shown["province"] == name]
        if mine.empty:
            if few and not (rows["province"] == name).any():
                notes[len(labels)] = stated_goals_note(targets, name, lang)
                labels.append(style.province_label(name, lang))
                bar_rows.append(None)
            continue
        for _, row in mine.iterrows():
            labels.append(wrap_label(goal_label(row, lang), lang))
            bar_rows.append(row)
    if left_out:
        notes[len(labels)] = plot_scale.more_label(left_out, lang, ("smaller goals", "较小目标"))
        labels.append("")
        bar_rows.append(None)
    return labels, notes, bar_rows


def revenue_totals(
    targets: pd.DataFrame,
    chains: pd.DataFrame | None = None,
    *,
    documents: pd.DataFrame | None = None,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Figure:
    """Revenue goals added up per province and target year, beside province-wide goals.

    The solid bar adds up the goals of named chains (sub-chains and per-unit
    values left out, see :func:`revenue_totals_data`); a dotted bar shows a
    goal the plan states for its whole set of chains, labelled with that set
    ("all 16 key chains"), never added to the chains.
    """
    style.check_lang(lang)
    targets = style.table(targets, "targets", province=province, year=year)
    chains = _chains_or_none(chains, province)
    documents = style.documents_table(documents, province=province)
    totals, left_out = plot_scale.top_n(
        revenue_totals_data(targets, chains), ["chain_floor", "stated_floor"]
    )
    totals = totals.reset_index(drop=True)
    colors = style.province_colors(style.province_order(targets))
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
            doc_ids = _joined(totals, "doc_ids", "stated_doc_ids")
            shown = style.drawn(targets, _joined(totals, "chain_ids", "stated_ids").split(","))
            line = style.add_source(
                fig, documents, [d for d in doc_ids.split(",") if d], lang, shown=shown
            )
            plot_scale.note_left_out(
                line, left_out, lang, ("province-years (smaller sums)", "个省份年度（合计较小）")
            )
        return style.finish(fig)


def _joined(totals: pd.DataFrame, *columns: str) -> str:
    """The comma-joined lists of ``columns`` of every row, as one comma-joined text."""
    return ",".join(",".join(totals[c].astype("string").fillna("")) for c in columns)


def _chains_or_none(chains, province):
    """The chains table (to tell sub-chains and whole sets apart), or None without one."""
    return None if chains is None else style.table(chains, "chains", province=province)


def goal_label(row, lang: str) -> str:
    """A revenue goal's y label: its scope and year, saying when it is a sub-chain's goal
    or a goal for a whole set of chains ('All 16 key chains · 2024')."""

    role = row.get("role")
    if role == "whole_set":
        size = row.get("set_size")
        whole = whole_set_label(
            {
                "stated_set_size": size,
                "stated_scope": row["scope"],
                "stated_scope_zh": row["scope_zh"],
            },
            lang,
        )
        year = row["target_year"]
        if lang == "en":
            whole = whole[:1].upper() + whole[1:]
            return whole if pd.isna(year) else f"{whole} · {year}"
        return whole if pd.isna(year) else f"{whole}（{year}年）"
    label = scope_label(row, lang)
    if role == "sub_chain":
        if lang == "en":
            return label.replace(" · ", ", sub-chain · ", 1) if " · " in label else label
        return (
            label.replace("（", "（细分产业链，", 1) if "（" in label else label + "（细分产业链）"
        )
    return label


def _draw_totals(fig, ax, totals, colors, lang, scale, owned):

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
        both = row["chains"] and not pd.isna(row["stated_floor"])
        sum_at, stated_at = (pos - height / 2, pos + height / 2) if both else (pos, pos)
        if row["chains"]:
            floor, stretch = row["chain_floor"] / scale, row["chain_stretch"] / scale
            ax.barh(sum_at, floor, height=height, color=color, gid="sum-floor")
            if stretch > floor:
                ax.barh(
                    sum_at,
                    stretch - floor,
                    left=floor,
                    height=height,
                    facecolor="none",
                    edgecolor=color,
                    linestyle=(0, (3, 2)),
                    gid="sum-stretch",
                )
            note = fmt_sum(floor, stretch, int(row["chains"]), lang)
            ax.text(stretch, sum_at, "  " + note, va="center", fontsize=8)
            top = max(top, stretch)
        if not pd.isna(row["stated_floor"]):
            stated = row["stated_floor"] / scale
            ax.barh(
                stated_at,
                stated,
                height=height,
                color=(*color[:3], 0.28),
                edgecolor=color,
                hatch="....",
                gid="stated-total",
            )
            text = style.with_comparator(style.fmt(stated), row["stated_comparator"])
            text = (
                f"{text} ({whole_set_label(row, lang)})"
                if lang == "en"
                else (f"{text}（{whole_set_label(row, lang)}）")
            )
            ax.text(stated, stated_at, "  " + text, va="center", fontsize=8, gid="stated-label")
            top = max(top, stated)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.4, -0.6)
    ax.set_xlim(0, top * 1.6)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    style.thousands(ax.xaxis)
    ax.set_xlabel(glossary.text("revenue_axis", lang))
    grey = (0.45, 0.45, 0.45)
    present = list(dict.fromkeys(totals["province"]))
    handles = style.province_handles(colors, present, lang)
    if totals["chains"].any():
        handles.append(Patch(facecolor=grey, label=glossary.text("chain_sum", lang)))
    if (totals["chain_stretch"] > totals["chain_floor"]).any():
        handles.append(
            Patch(
                facecolor="none",
                edgecolor=grey,
                linestyle=(0, (3, 2)),
                label=glossary.text("stretch", lang),
            )
        )
    if totals["stated_floor"].notna().any():
        handles.append(
            Patch(
                facecolor=(*grey, 0.28),
                edgecolor=grey,
                hatch="....",
                label=glossary.text("stated_total", lang),
            )
        )
    style.legend(fig, ax, handles, owned=owned)


def fmt_sum(floor: float, stretch: float, n: int, lang: str) -> str:
    text = style.fmt(floor) + (f" → {style.fmt(stretch)}" if stretch > floor else "")
    if lang == "en":
        return f"{text} ({n} chain{'s' if n != 1 else ''})"
    return f"{text}（{n}条产业链）"
