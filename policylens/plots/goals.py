"""Horizontal goal bars shared by the revenue and firm/project charts.

One bar per target: the floor value is a bar (solid for firm wording, hatched
for 力争 "strive to" wording), a stretch value is a dashed outline that extends
it, and the number is written at its end with its comparator (≥, >, ~).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.patches import Patch

from policylens.plots import glossary, style
from policylens.plots.style import HATCH_ASPIRATIONAL, fmt, with_comparator
from policylens.summaries import per_of

if TYPE_CHECKING:
    from matplotlib.axes import Axes

BAR_HEIGHT = 0.66
ROW_INCH = 0.27  # figure height per bar row


def wrap_label(text: str, lang: str, width: int = 44) -> str:
    """Break a long y label between words (or Chinese phrases), never inside one."""
    return style.wrap_label(text, lang, width)


def draw_goal_bars(
    ax: Axes,
    rows: list[pd.Series | None],
    colors: dict,
    lang: str,
    *,
    scale: float = 1.0,
    labels: list[str],
    notes: dict[int, str] | None = None,
) -> None:
    """Draw ``rows`` (value, value_stretch, comparator, commitment, province) top-down.

    ``scale`` divides values for display; ``labels`` are the y tick labels; a
    row that is None gets its ``notes`` text instead of a bar (e.g. "sets no
    revenue goal").
    """

    n = len(labels)
    positions = list(range(n))
    values = [r[c] for r in rows if r is not None for c in ("value", "value_stretch")]
    top = max([0.0] + [v / scale for v in values if not pd.isna(v)])
    for pos, row in enumerate(rows):
        if row is None:
            continue
        color = colors[str(row["province"])]
        floor = row["value"] / scale
        aspirational = str(row["commitment"]) == "aspirational"
        ax.barh(
            pos,
            floor,
            height=BAR_HEIGHT,
            color=color if not aspirational else (*color[:3], 0.28),
            edgecolor=color,
            linewidth=0.9,
            hatch=HATCH_ASPIRATIONAL if aspirational else None,
            gid="goal-floor",
        )
        text = with_comparator(fmt(floor), row["comparator"])
        end = floor
        stretch = row["value_stretch"]
        if not pd.isna(stretch):
            stretch = stretch / scale
            ax.barh(
                pos,
                stretch - floor,
                left=floor,
                height=BAR_HEIGHT,
                facecolor="none",
                edgecolor=color,
                linestyle=(0, (3, 2)),
                linewidth=1.0,
                gid="goal-stretch",
            )
            text += " → " + fmt(stretch)
            end = stretch
        ax.text(end + top * 0.012, pos, text, va="center", ha="left", fontsize=8, color="0.15")
    for pos, note in (notes or {}).items():
        ax.text(top * 0.012, pos, note, va="center", ha="left", fontsize=8, style="italic")
    ax.set_yticks(positions, labels)
    ax.set_ylim(n - 0.4, -0.6)
    ax.set_xlim(0, top * 1.2 if top > 0 else 1)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    style.thousands(ax.xaxis)


def encoding_handles(lang: str) -> list:
    """Legend entries explaining floor / 'strive to' / stretch."""

    grey = (0.45, 0.45, 0.45)
    return [
        Patch(facecolor=grey, edgecolor=grey, label=glossary.text("floor", lang)),
        Patch(
            facecolor=(*grey, 0.28),
            edgecolor=grey,
            hatch=HATCH_ASPIRATIONAL,
            label=glossary.text("floor_aspirational", lang),
        ),
        Patch(
            facecolor="none",
            edgecolor=grey,
            linestyle=(0, (3, 2)),
            label=glossary.text("stretch", lang),
        ),
    ]


def scope_label(row, lang: str) -> str:
    """'<scope> · 2026' in English, '<scope_zh>（2026年）' in Chinese; per-unit values say so
    ('<scope>, per city · 2026', '<scope_zh>（每个市，2026年）')."""

    year = row["target_year"]
    per = glossary.per_label(per_of(row), lang)
    if lang == "en":
        label = str(row["scope_zh"] if pd.isna(row["scope"]) else row["scope"])
        label += f", {per}" if per else ""
        return label if pd.isna(year) else f"{label} · {year}"
    label = str(row["scope_zh"])
    inner = [p for p in (per, "" if pd.isna(year) else f"{year}年") if p]
    return label + (f"（{'，'.join(inner)}）" if inner else "")
