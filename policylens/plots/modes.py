"""Comparison 3: collaboration modes ("政府+链主+园区" …) and the actors they combine."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from policylens.plots import glossary, style
from policylens.summaries import modes_data

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

VIEWS = ("modes", "provinces")


def _actor_order(data: pd.DataFrame) -> list[str]:
    """Actors by how many modes use them (most first), then by key."""
    counts = data.groupby("actor").size()
    return sorted(counts.index, key=lambda a: (-counts[a], a))


def _other_slogans(modes: pd.DataFrame) -> int:
    return int((modes["kind"] == "other").sum())


def collaboration_modes(
    modes: pd.DataFrame,
    mode_actors: pd.DataFrame,
    *,
    view: str = "modes",
    documents: pd.DataFrame | None = None,
    province: str | Iterable[str] | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Figure:
    """Which actors the collaboration modes combine.

    ``view="modes"``: one row per mode (labelled with its purpose), one column
    per actor, a dot where the mode uses the actor — modes that combine the
    same actors line up. ``view="provinces"``: one row per province, a dot
    sized by how many of its modes use each actor. Slogans joined by "+" that
    are not collaboration between actors (线上+线下, 1+N) are left out.
    """
    style.check_lang(lang)
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, not {view!r}")
    modes = style.table(modes, "modes", province=province)
    mode_actors = style.table(mode_actors, "mode_actors", province=province)
    documents = style.documents_table(documents, province=province)
    data = modes_data(modes, mode_actors)
    provinces = style.province_order(modes)
    colors = style.province_colors(provinces)
    actors = _actor_order(data)
    owned = style.owns(None, ax)
    if view == "modes":
        n_rows = data.groupby(["province", "mode_key"]).ngroups
    else:
        n_rows = data["province"].nunique()
    with style.theme(lang):
        fig, ax = style.new_figure(ax, 2.4 + 0.34 * max(n_rows, 3))
        if data.empty:
            style.no_data(ax, lang)
        elif view == "modes":
            _draw_modes(ax, data, actors, colors, lang)
        else:
            _draw_provinces(ax, data, actors, colors, lang)
        if not data.empty:
            ax.set_xticks(
                range(len(actors)),
                [glossary.actor_label(a, lang, _written(data, a)) for a in actors],
                rotation=35,
                ha="right",
                rotation_mode="anchor",
            )
            ax.set_xlim(-0.6, len(actors) - 0.4)
            ax.set_xlabel(
                glossary.text("actor", lang)
                + ("" if view == "modes" else glossary.text("modes_cell_note", lang))
            )
            ax.tick_params(length=0)
            present = [p for p in provinces if (data["province"] == p).any()]
            style.legend(fig, ax, style.province_handles(colors, present, lang), owned=owned)
        if owned:
            style.add_title(fig, "modes_title" if view == "modes" else "modes_province_title", lang)
            others = _other_slogans(modes)
            doc_ids = ",".join(data["doc_ids"]).split(",") if len(data) else []
            line = style.add_source(fig, documents, doc_ids, lang)
            if others:
                note = _others_note(others, lang)
                line.set_text(line.get_text() + "\n" + note)
        return style.finish(fig)


def _written(data: pd.DataFrame, actor: str) -> str | None:
    words = data.loc[data["actor"] == actor, "actor_zh"].dropna()
    return str(words.mode().iloc[0]) if len(words) else None


def _others_note(n: int, lang: str) -> str:
    if lang == "en":
        return f"Left out: {n} slogan(s) joined by '+' that are not collaboration between actors."
    return f"未计入：{n}个并非主体间协作的“+”式提法。"


def _mode_label(row: pd.Series, lang: str, *, unique_purpose: bool) -> str:
    """'政府+链主+园区（招商）' in Chinese; the purpose in English, with the actors when
    the province has several modes for the same purpose."""
    purpose = glossary.purpose_label(row["purpose_zh"], row["purpose"], lang)
    if lang == "zh":
        return f"{row['mode_zh']}（{purpose}）" if purpose else str(row["mode_zh"])
    actors = " + ".join(
        glossary.actor_label(a, lang).lower() for a in str(row["mode_key"]).split("+")
    )
    if purpose and unique_purpose:
        return purpose[:1].upper() + purpose[1:]
    if purpose:
        return f"{purpose[:1].upper() + purpose[1:]}: {actors}"
    return actors[:1].upper() + actors[1:]


def _draw_modes(ax, data, actors, colors, lang):
    modes = (
        data.drop_duplicates(["province", "mode_key"])
        .assign(_n=lambda d: d["mode_key"].str.count(r"\+"))
        .sort_values(["province", "mode_key"], kind="stable")
        .reset_index(drop=True)
    )
    column = {a: i for i, a in enumerate(actors)}
    labels = []
    for pos, mode in modes.iterrows():
        mine = data[(data["province"] == mode["province"]) & (data["mode_key"] == mode["mode_key"])]
        xs = sorted(column[a] for a in mine["actor"])
        color = colors[mode["province"]]
        ax.plot([xs[0], xs[-1]], [pos, pos], color=color, linewidth=2.2, alpha=0.45, zorder=1)
        ax.scatter(
            xs,
            [pos] * len(xs),
            s=110,
            color=color,
            zorder=2,
            edgecolor="white",
            linewidth=0.8,
            gid="mode-actor",
        )
        same = modes[
            (modes["province"] == mode["province"]) & (modes["purpose"] == mode["purpose"])
        ]
        labels.append(_mode_label(mode, lang, unique_purpose=len(same) == 1))
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_ylabel(glossary.text("mode", lang))
    # rules between provinces
    for pos in range(1, len(modes)):
        if modes.loc[pos, "province"] != modes.loc[pos - 1, "province"]:
            ax.axhline(pos - 0.5, color="0.6", linewidth=0.8)


def _draw_provinces(ax, data, actors, colors, lang):
    provinces = sorted(data["province"].unique())
    counts = data.groupby(["province", "actor"]).size()
    top = counts.max()
    column = {a: i for i, a in enumerate(actors)}
    for pos, province in enumerate(provinces):
        for actor, n in counts[province].items():
            x = column[actor]
            ax.scatter(
                [x],
                [pos],
                s=120 + 380 * n / top,
                color=colors[province],
                zorder=2,
                gid="province-actor",
            )
            ax.text(
                x,
                pos,
                str(n),
                ha="center",
                va="center",
                color="white",
                fontsize=8,
                zorder=3,
                fontweight="normal",
            )
    ax.set_yticks(range(len(provinces)), [style.province_label(p, lang) for p in provinces])
    ax.set_ylim(len(provinces) - 0.5, -0.5)
    ax.set_ylabel(glossary.text("province", lang))


def mode_purposes(
    modes: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    province: str | Iterable[str] | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Figure:
    """How many collaboration modes each province sets up for each purpose (招商, 共建 …)."""

    style.check_lang(lang)
    modes = style.table(modes, "modes", province=province)
    documents = style.documents_table(documents, province=province)
    collab = modes[modes["kind"] == "collaboration"].copy()
    collab["province"] = collab["province"].astype(str)
    collab = collab.drop_duplicates(["province", "mode_key"])
    collab["label"] = [
        glossary.purpose_label(z, e, lang) or "—"
        for z, e in zip(collab["purpose_zh"], collab["purpose"], strict=True)
    ]
    if lang == "en" and len(collab):  # an empty column has no .str (a float dtype)
        collab["label"] = collab["label"].str[:1].str.upper() + collab["label"].str[1:]
    table = pd.crosstab(collab["label"], collab["province"]) if len(collab) else pd.DataFrame()
    provinces = style.province_order(modes)
    colors = style.province_colors(provinces)
    owned = style.owns(None, ax)
    with style.theme(lang):
        fig, ax = style.new_figure(ax, 1.9 + 0.3 * max(len(table), 3))
        if table.empty:
            style.no_data(ax, lang)
        else:
            table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
            left = pd.Series(0, index=table.index)
            for province in table.columns:
                values = table[province]
                ax.barh(
                    range(len(table)),
                    values,
                    left=left,
                    color=colors[province],
                    height=0.6,
                    gid="purpose",
                )
                left = left + values
            ax.set_yticks(range(len(table)), list(table.index))
            ax.set_ylim(len(table) - 0.5, -0.5)
            ax.set_xlabel(glossary.text("purposes_axis", lang))
            ax.set_ylabel(glossary.text("purpose", lang))
            ax.xaxis.get_major_locator().set_params(integer=True)
            style.thousands(ax.xaxis)
            ax.grid(axis="y", visible=False)
            ax.tick_params(axis="y", length=0)
            style.legend(
                fig, ax, style.province_handles(colors, list(table.columns), lang), owned=owned
            )
        if owned:
            style.add_title(fig, "purposes_title", lang)
            style.add_source(fig, documents, collab["doc_id"], lang)
        return style.finish(fig)
