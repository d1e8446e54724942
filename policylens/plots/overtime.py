"""Targets over time: how successive plans revised a goal, and whether targets were met."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from policylens.overtime.attainment import attainment_counts
from policylens.overtime.goals import shown
from policylens.overtime.revisions import revision_index
from policylens.plots import glossary, style

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: One colour per change and per status, the same in every build and language.
CHANGE_COLORS = {
    "raised": "#2a9d8f",
    "lowered": "#d1495b",
    "tightened": "#1d6b62",  # a lower cap: more ambitious, as raised (a darker shade)
    "loosened": "#8f2436",  # a higher cap: less ambitious, as lowered
    "postponed": "#e9a03b",
    "brought_forward": "#3d6fa8",
    "unchanged": "#8c8c8c",
    "dropped": "#4d4d4d",
    "new": "#7b5ea7",
}
STATUS_COLORS = {
    "met": "#2a9d8f",
    "not_met": "#d1495b",
    "not_yet_due": "#b9c7d6",
    "no_outcome": "#e0e0e0",
}
#: The most targets the attainment chart lists by name (the rest are in the counts).
TOP_OUTCOMES = 20


def _goal_label(row: pd.Series, lang: str, years: str) -> str:
    province = style.province_label(str(row["province"]), lang)
    indicator = glossary.indicator_label(str(row["indicator"]), lang)
    scope = row["scope"] if lang == "en" and isinstance(row["scope"], str) else row["scope_zh"]
    sep = ": " if lang == "en" else "："
    return style.wrap_label(f"{province} · {indicator}{sep}{scope} · {years}", lang, 46)


def _years(row: pd.Series) -> str:
    years = [y for y in (row["earlier_year"], row["later_year"]) if pd.notna(y)]
    if len(years) == 2 and years[0] != years[1]:
        return f"{years[0]}→{years[1]}"
    return str(years[0]) if years else "—"


def _shown(value: float, unit: str, lang: str) -> str:
    """A value as the chart's language shows money (CNY bn in English, 亿元 in Chinese)."""
    if unit == "CNY" and lang == "en":
        return f"CNY {value / 1e9:,.6g} bn"
    return shown(value, unit)


def _values(row: pd.Series, lang: str) -> str:
    unit = str(row["unit"])
    values = [float(v) for v in (row["earlier_value"], row["later_value"]) if pd.notna(v)]
    return " → ".join(_shown(v, unit, lang) for v in values)


def goal_revisions(
    revisions: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    province: str | Iterable[str] | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Figure:
    """A dumbbell per revised goal: the earlier goal at 100, the later one as a share of it.

    Goals in any unit share the axis; each row names its values and years
    (3,000亿元 → 3,500亿元; 2025→2026 for a postponed goal). A dropped or new
    goal is a single mark at 100. At most ``revision_index``'s top rows, the
    largest changes first; the source line names the documents compared.
    """
    style.check_lang(lang)
    table = style.table(revisions, "revisions", province=province)
    documents = style.documents_table(documents, province=province)
    rows, more = revision_index(table)
    owned = style.owns(None, ax)
    with style.theme(lang):
        fig, ax = style.new_figure(ax, 1.9 + 0.36 * max(len(rows), 3))
        if rows.empty:
            _say(ax, "no_revisions", lang)
        else:
            _draw_dumbbells(ax, rows, lang)
            if more:
                ax.annotate(
                    glossary.text("more_rows", lang).format(n=more),
                    (0, 0), xycoords="axes fraction", xytext=(0, -28),
                    textcoords="offset points", fontsize=style.SOURCE_FONT, color="0.3",
                )  # fmt: skip
        if owned:
            present = [c for c in CHANGE_COLORS if c in set(rows["change"].astype(str))]
            if present:
                style.legend(fig, ax, _change_handles(present, lang), owned=True)
            style.add_title(fig, "revisions_title", lang)
            doc_ids = [*table["earlier_doc"].astype(str), *table["later_doc"].astype(str)]
            style.add_source(fig, documents, doc_ids, lang)
        return style.finish(fig)


def _draw_dumbbells(ax: Axes, rows: pd.DataFrame, lang: str) -> None:
    n = len(rows)
    ax.axvline(100, color="0.6", linewidth=0.8, zorder=1)
    right = max(100.0, float(rows["index"].max(skipna=True) or 100.0))
    left = min(100.0, float(rows["index"].min(skipna=True) or 100.0))
    span = max(right - left, 20.0)
    for i, row in rows.iterrows():
        y = n - 1 - i
        change = str(row["change"])
        color = CHANGE_COLORS[change]
        if pd.notna(row["index"]):
            ax.plot([100, row["index"]], [y, y], color=color, linewidth=2.2, zorder=2)
            ax.plot(100, y, "o", mfc="white", mec=color, mew=1.5, ms=6.5, zorder=3)
            ax.plot(row["index"], y, "o", color=color, ms=7, zorder=4)
        else:
            marker = "x" if change == "dropped" else "D"
            ax.plot(100, y, marker, color=color, ms=6.5, mew=1.8, zorder=4)
        words = glossary.text(f"change_{change}", lang)
        ax.annotate(
            f"{words}: {_values(row, lang)}",
            (max(100.0, row["index"] if pd.notna(row["index"]) else 100.0), y),
            xytext=(8, 0), textcoords="offset points", va="center",
            fontsize=style.BASE_FONT - 1.5, color="0.2",
        )  # fmt: skip
    ax.set_yticks(range(n))
    ax.set_yticklabels([_goal_label(r, lang, _years(r)) for _, r in rows.iloc[::-1].iterrows()])
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlim(left - 0.08 * span, right + 1.2 * span)  # room for the value labels
    ax.set_xlabel(glossary.text("revisions_axis", lang))
    ax.grid(axis="x", color="0.92")


def _change_handles(changes: list[str], lang: str) -> list:
    return [
        Line2D([], [], color=CHANGE_COLORS[c], marker="o", linewidth=2,
               label=glossary.text(f"change_{c}", lang))
        for c in changes
    ]  # fmt: skip


def _say(ax: Axes, key: str, lang: str) -> None:
    """Say in the panel why it is empty (in words a reader can act on)."""
    ax.set_axis_off()
    ax.text(
        0.5, 0.5, "\n".join(style.wrap(glossary.text(key, lang), 60)),
        ha="center", va="center", transform=ax.transAxes,
    )  # fmt: skip


def goal_attainment(
    attainment: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
    lang: str = "en",
) -> Figure:
    """Were the targets met? Counts per province and status above; below, each target with
    an outcome as a share of the value tested (100 = the target), coloured by status."""
    style.check_lang(lang)
    table = style.table(attainment, "attainment", province=province, year=year)
    documents = style.documents_table(documents, province=province)
    counts = attainment_counts(table)
    judged = table[table["outcome_value"].notna()].copy()
    judged["share"] = judged["outcome_value"] / judged["tested_value"] * 100
    judged = judged.sort_values("share", kind="stable").head(TOP_OUTCOMES).reset_index(drop=True)
    heights = [max(len(counts), 1) + 1.2, max(len(judged), 2) + 1.2]
    with style.theme(lang):
        fig, (top, bottom) = style.new_figure(
            None, 2.4 + 0.3 * sum(heights), nrows=2, gridspec_kw={"height_ratios": heights}
        )
        if counts.empty:
            _say(top, "no_data", lang)
        else:
            _draw_counts(top, counts, lang, table["reference_date"].iloc[0])
        if judged.empty:
            _say(bottom, "no_outcomes", lang)
        else:
            _draw_outcomes(bottom, judged, lang)
        present = [s for s in STATUS_COLORS if s in set(table["status"].astype(str))]
        if present:
            handles = [
                Patch(color=STATUS_COLORS[s], label=glossary.text(f"status_{s}", lang))
                for s in present
            ]
            style.legend(fig, top, handles, owned=True)
        style.add_title(fig, "attainment_title", lang)
        doc_ids = [*table["doc_id"].astype(str), *judged["outcome_doc"].dropna().astype(str)]
        style.add_source(fig, documents, doc_ids, lang)
        return style.finish(fig)


def _draw_counts(ax: Axes, counts: pd.DataFrame, lang: str, when) -> None:
    provinces = list(counts.index)[::-1]
    left = pd.Series(0, index=provinces)
    for status, color in STATUS_COLORS.items():
        values = counts.loc[provinces, status]
        bars = ax.barh(range(len(provinces)), values, left=left, color=color, height=0.6)
        labels = [str(v) if v else "" for v in values]
        ax.bar_label(bars, labels=labels, label_type="center", fontsize=style.BASE_FONT - 1.5)
        left = left + values
    ax.set_yticks(range(len(provinces)))
    ax.set_yticklabels([style.province_label(p, lang) for p in provinces])
    date = pd.Timestamp(when).date().isoformat() if pd.notna(when) else "—"
    ax.set_xlabel(glossary.text("attainment_axis", lang).format(date=date))
    style.thousands(ax.xaxis)


def _draw_outcomes(ax: Axes, judged: pd.DataFrame, lang: str) -> None:
    n = len(judged)
    ax.axvline(100, color="0.5", linewidth=0.9, zorder=1)
    for i, row in judged.iterrows():
        y = n - 1 - i
        color = STATUS_COLORS[str(row["status"])]
        ax.plot([100, row["share"]], [y, y], color=color, linewidth=1.5, zorder=2)
        ax.plot(row["share"], y, "o", color=color, ms=7, zorder=3)
        unit = str(row["unit"])
        got, goal = (
            _shown(row["outcome_value"], unit, lang),
            _shown(row["tested_value"], unit, lang),
        )
        text = f"{got} / {goal}"
        ax.annotate(
            text, (max(100.0, row["share"]), y), xytext=(8, 0), textcoords="offset points",
            va="center", fontsize=style.BASE_FONT - 1.5, color="0.2",
        )  # fmt: skip
    labels = [_goal_label(r, lang, str(r["target_year"])) for _, r in judged.iloc[::-1].iterrows()]
    ax.set_yticks(range(n))
    ax.set_yticklabels(labels)
    ax.set_ylim(-0.7, n - 0.3)
    low, high = min(judged["share"].min(), 100.0), max(judged["share"].max(), 100.0)
    span = max(high - low, 20.0)
    ax.set_xlim(low - 0.08 * span, high + 0.8 * span)
    ax.set_xlabel(glossary.text("outcome_axis", lang))
    ax.grid(axis="x", color="0.92")
