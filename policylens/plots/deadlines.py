"""Comparison 4: each plan's issue date, horizon and milestones on one time axis."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator

from policylens.plots import glossary, scale, style
from policylens.summaries import milestones_per_quarter_data, timelines_data

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

QUARTER_ZH = {1: "一季", 2: "二季", 3: "三季", 4: "四季"}
#: Quarters labelled one by one at most (more: only their years are written).
QUARTER_LABELS = 24


def _doc_label(doc: pd.Series, lang: str) -> str:
    if lang == "en":
        title = str(doc["title_en"])
        prefix = f"{doc['province']} Province "
        title = title.removeprefix(prefix)
        lines = textwrap.wrap(title, 40)
        if len(lines) > 2:
            lines = [lines[0], lines[1] + " …"]
        title = "\n".join(lines)
        return f"{doc['province']}: {title}"
    title = str(doc["title_zh"]).removeprefix(str(doc["province_zh"]) + "省")
    lines = style.wrap(title, 16)
    if len(lines) > 2:
        lines = [lines[0], lines[1] + "…"]
    return f"{doc['province_zh']}：" + "\n".join(lines)


def _timeline_rows(
    documents: pd.DataFrame, data: pd.DataFrame, lang: str
) -> list[tuple[str, str, list[str]]]:
    """(label, province, doc_ids) of each row: one per plan (by first date) up to
    :data:`scale.PLAN_ROWS` plans, else one per province ('Shanxi (37 plans)')."""
    documents = documents.assign(province=documents["province"].astype(str))
    if scale.by_plan(documents):
        docs = documents.assign(
            _first=documents["doc_id"].map(data.groupby("doc_id")["date"].min())
        ).sort_values(["_first", "doc_id"], na_position="last", kind="stable")
        return [(_doc_label(d, lang), d["province"], [d["doc_id"]]) for _, d in docs.iterrows()]
    rows = []
    for name, group in documents.groupby("province", sort=True):
        n = len(group)
        label = style.province_label(str(name), lang)
        label += f" ({n:,} plans)" if lang == "en" else f"（{n:,}份文件）"
        rows.append((label, str(name), list(group["doc_id"])))
    return rows


def _due(data: pd.DataFrame) -> pd.DataFrame:
    """Milestones due per date (summed over the documents of ``data``)."""
    due = data[data["what"] == "milestone"]
    return due.groupby("date", as_index=False, sort=True)["count"].sum()


def _draw_timeline_row(ax, pos: int, mine: pd.DataFrame, color, top_count: int) -> None:
    """One row: horizons (bands), issue dates (diamonds), milestones (dots sized by count)."""
    starts = mine[mine["what"] == "horizon_start"].set_index("doc_id")["date"]
    ends = mine[mine["what"] == "horizon_end"].set_index("doc_id")["date"]
    spans = []
    for doc_id, first in starts.items():
        start = mdates.date2num(first)
        spans.append((start, mdates.date2num(ends[doc_id] + pd.Timedelta(days=1)) - start))
    if spans:
        ax.broken_barh(
            spans,
            (pos - 0.3, 0.6),
            facecolor=(*color[:3], 0.22),
            edgecolor=color,
            linewidth=0.8,
            gid="horizon",
        )
    issued = mine.loc[mine["what"] == "issued", "date"]
    if len(issued):
        ax.scatter(
            list(mdates.date2num(issued)),
            [pos - 0.3] * len(issued),
            marker="D",
            s=45,
            color=color,
            edgecolor="black",
            linewidth=0.8,
            zorder=3,
            gid="issued",
        )
    due = _due(mine)
    if len(due):
        xs = mdates.date2num(due["date"])
        ax.scatter(
            xs,
            [pos] * len(due),
            s=30 + 150 * due["count"] / top_count,
            color=color,
            edgecolor="white",
            linewidth=0.8,
            zorder=4,
            gid="milestone",
        )
        for x, n in zip(xs, due["count"], strict=True):
            if n > 1:
                ax.text(
                    x, pos, f"{n:,}", ha="center", va="center", fontsize=7, color="white", zorder=5
                )


def timelines(
    documents: pd.DataFrame,
    milestones: pd.DataFrame,
    *,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Figure:
    """Each document on one time axis: horizon (band), issue date (diamond), milestones (dots).

    Dots are sized by how many milestones fall due on that date, and carry the
    number. A document that states neither an issue date nor a horizon says so.
    """

    style.check_lang(lang)
    documents = style.table(documents, "documents", province=province)
    milestones = style.table(milestones, "milestones", province=province, year=year)
    data = timelines_data(documents, milestones)
    rows = _timeline_rows(documents, data, lang)
    colors = style.province_colors(style.province_order(documents, milestones))
    owned = style.owns(None, ax)
    per_row = 0.62 if scale.by_plan(documents) else 0.42
    with style.theme(lang):
        fig, ax = style.new_figure(ax, 1.9 + per_row * max(len(rows), 3))
        if data.empty:
            style.no_data(ax, lang)
        else:
            span = (data["date"].min(), data["date"].max())
            mines = [data[data["doc_id"].isin(ids)] for _, _, ids in rows]
            top_count = max([1, *(_due(mine)["count"].max() for mine in mines if len(_due(mine)))])
            for pos, ((_label, province_name, _ids), mine) in enumerate(
                zip(rows, mines, strict=True)
            ):
                _draw_timeline_row(ax, pos, mine, colors[province_name], top_count)
                if mine.empty:
                    ax.text(
                        mdates.date2num(span[0]),
                        pos,
                        glossary.text("undated", lang),
                        va="center",
                        fontsize=8,
                        style="italic",
                        color="0.3",
                    )
            ax.set_yticks(range(len(rows)), [label for label, _, _ in rows])
            ax.set_ylim(len(rows) - 0.5, -0.5)
            first = pd.Timestamp(span[0].year, 1, 1)
            last = pd.Timestamp(span[1].year + 1, 1, 1)
            ax.set_xlim(mdates.date2num(first) - 20, mdates.date2num(last) + 20)
            # fixed locators: dateutil's rrule behind YearLocator/MonthLocator is slow
            years = range(first.year, last.year + 1)
            ax.xaxis.set_major_locator(
                FixedLocator([mdates.date2num(pd.Timestamp(y, 1, 1)) for y in years])
            )
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y" if lang == "en" else "%Y年"))
            ax.xaxis.set_minor_locator(
                FixedLocator(
                    [mdates.date2num(pd.Timestamp(y, m, 1)) for y in years for m in (4, 7, 10)]
                )
            )
            ax.grid(axis="x", which="minor", linewidth=0.4, color="0.92")
            ax.grid(axis="y", visible=False)
            ax.tick_params(axis="y", length=0)
            ax.set_xlabel(glossary.text("time_axis", lang))
            grey = (0.45, 0.45, 0.45)
            present = list(dict.fromkeys(province for _, province, _ in rows))
            handles = [
                *style.province_handles(colors, sorted(present), lang),
                Patch(
                    facecolor=(*grey, 0.22), edgecolor=grey, label=glossary.text("horizon", lang)
                ),
                Line2D(
                    [],
                    [],
                    marker="D",
                    linestyle="none",
                    color=grey,
                    markeredgecolor="black",
                    label=glossary.text("issued", lang),
                ),
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="none",
                    color=grey,
                    markersize=8,
                    label=glossary.text("milestone", lang),
                ),
            ]
            style.legend(fig, ax, handles, owned=owned)
        if owned:
            style.add_title(fig, "timelines_title", lang)
            style.add_source(fig, documents, documents["doc_id"], lang)
        return style.finish(fig)


def quarter_label(date: pd.Timestamp, lang: str) -> str:
    """'Q1' in English, '一季' in Chinese: the year is written once per year, below."""
    q = (date.month - 1) // 3 + 1
    return f"Q{q}" if lang == "en" else QUARTER_ZH[q]


def _year_axis(ax, quarters, lang: str) -> None:
    """The years under the quarter labels, once each, centred on their quarters."""
    years: dict[int, list[int]] = {}
    for x, period in enumerate(quarters):
        years.setdefault(period.year, []).append(x)
    axis = ax.secondary_xaxis(0)
    axis.set_xticks(
        [sum(xs) / len(xs) for xs in years.values()],
        [str(y) if lang == "en" else f"{y}年" for y in years],
    )
    axis.tick_params(length=0, pad=22)
    axis.spines["bottom"].set_visible(False)
    axis.set_xlabel(glossary.text("quarter", lang))
    ax.set_xlabel("")
    for x in [xs[0] - 0.5 for xs in list(years.values())[1:]]:
        ax.axvline(x, color="0.85", linewidth=0.8, zorder=0)


def milestones_per_quarter(
    milestones: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Figure:
    """How many milestones fall due in each quarter, stacked by province."""

    style.check_lang(lang)
    milestones = style.table(milestones, "milestones", province=province, year=year)
    documents = style.documents_table(documents, province=province)
    dated = milestones.dropna(subset=["deadline"])
    table, folded = scale.fold_provinces(milestones_per_quarter_data(milestones))
    provinces = style.province_order(milestones)
    colors = {**style.province_colors(provinces), scale.OTHERS: scale.OTHERS_COLOR}
    owned = style.owns(None, ax)
    with style.theme(lang):
        fig, ax = style.new_figure(ax, 3.6)
        if table.empty:
            style.no_data(ax, lang)
        else:
            bottom = pd.Series(0, index=table.index)
            xs = range(len(table))
            for province in table.columns:
                ax.bar(
                    xs,
                    table[province],
                    bottom=bottom,
                    color=colors[province],
                    width=0.7,
                    gid="quarter",
                )
                bottom = bottom + table[province]
            for x, total in zip(xs, bottom, strict=True):
                if total:
                    ax.text(x, total, str(int(total)), ha="center", va="bottom", fontsize=8)
            labels = [quarter_label(p.end_time, lang) for p in table.index]
            if len(labels) > QUARTER_LABELS:  # too many to read: the years below say when
                labels = [""] * len(labels)
            ax.set_xticks(list(xs), labels)
            _year_axis(ax, table.index, lang)
            ax.set_ylim(0, bottom.max() * 1.15)
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.grid(axis="x", visible=False)
            ax.set_ylabel(glossary.text("quarters_axis", lang))
            style.thousands(ax.yaxis)
            named = [p for p in table.columns if p != scale.OTHERS]
            handles = style.province_handles(colors, named, lang)
            style.legend(
                fig,
                ax,
                handles + ([scale.others_handle(folded, lang)] if folded else []),
                owned=owned,
            )
        if owned:
            style.add_title(fig, "quarters_title", lang)
            style.add_source(fig, documents, dated["doc_id"], lang)
        return style.finish(fig)
