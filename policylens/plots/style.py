"""One look for every chart: theme, province colours, units, source line, figure set-up.

Everything here imports matplotlib and seaborn inside functions, so that
``import policylens.plots`` stays light. The theme is applied with
``matplotlib.rc_context`` around drawing (and saving, in ``write_figures``):
it never changes the caller's global rcParams or matplotlib configuration.
"""

from __future__ import annotations

import contextvars
import os
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from policylens.errors import PolicylensError
from policylens.plots import glossary
from policylens.plots.fonts import LATIN_FAMILY, font_families
from policylens.schema import PROVINCES

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

LANGS = ("en", "zh")
#: Report size: charts are drawn 7.5 inches wide, to be pasted at 6-7.5 inches.
WIDTH = 7.5
BASE_FONT = 9.5
SOURCE_FONT = 7.0
SOURCE_GID = "policylens-source"
SVG_HASHSALT = "policylens"
#: Colour-blind-safe qualitative palette (seaborn "colorblind"), one colour per province.
PALETTE_NAME = "colorblind"
#: Money for display: English in CNY bn, Chinese in 亿元 (stored values are yuan).
MONEY = {"en": (1e9, "CNY bn"), "zh": (1e8, "亿元")}
HATCH_ASPIRATIONAL = "////"

# True while write_figures draws: figures are made without pyplot (no global state).
_DETACHED: contextvars.ContextVar[bool] = contextvars.ContextVar("detached", default=False)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be 'en' or 'zh', not {lang!r}")
    return lang


def theme_rc(lang: str) -> dict[str, Any]:
    """rcParams of the policylens theme: seaborn 'whitegrid', report-size type, a CJK font."""
    return dict(_theme_rc(lang))


@cache
def _theme_rc(lang: str) -> dict[str, Any]:
    import seaborn as sns

    rc: dict[str, Any] = {}
    rc.update(sns.axes_style("whitegrid"))
    rc.update(
        sns.plotting_context(
            "paper",
            rc={
                "font.size": BASE_FONT,
                "axes.titlesize": BASE_FONT + 1,
                "axes.labelsize": BASE_FONT,
                "xtick.labelsize": BASE_FONT - 0.5,
                "ytick.labelsize": BASE_FONT - 0.5,
                "legend.fontsize": BASE_FONT - 1,
                "legend.title_fontsize": BASE_FONT - 1,
            },
        )
    )
    rc.update(
        {
            "font.family": font_families(lang),
            "axes.unicode_minus": False,
            "axes.titlelocation": "left",
            "figure.titlesize": BASE_FONT + 2.5,
            # Noto Sans CJK SC ships in one weight: no bold for Chinese (no findfont warnings)
            "figure.titleweight": "bold" if lang == "en" else "normal",
            "figure.dpi": 100,
            "savefig.dpi": 200,
            "savefig.facecolor": "white",
            "svg.fonttype": "path",
            "svg.hashsalt": SVG_HASHSALT,
            "legend.frameon": False,
            "hatch.linewidth": 0.8,
        }
    )
    return rc


@contextmanager
def theme(lang: str) -> Iterator[None]:
    """Draw (and save) inside this context to get the policylens look in ``lang``."""
    import matplotlib as mpl

    with mpl.rc_context(theme_rc(check_lang(lang))):
        yield


@contextmanager
def detached() -> Iterator[None]:
    """Make figures without pyplot while inside (used by write_figures)."""
    token = _DETACHED.set(True)
    try:
        yield
    finally:
        _DETACHED.reset(token)


def new_figure(ax: Axes | None, height: float, ncols: int = 1, **kwargs: Any):
    """(figure, axes): the caller's ``ax`` and its figure, or a new report-size figure.

    A new figure uses constrained layout, and is made through pyplot (so that
    notebooks show it) unless write_figures is drawing.
    """
    if ax is not None:
        if ncols != 1:
            raise ValueError("this chart has several panels; draw it without ax=")
        return ax.figure, ax
    size = (WIDTH, height)
    if _DETACHED.get():
        from matplotlib.figure import Figure

        fig = Figure(figsize=size, layout="constrained")
    else:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=size, layout="constrained")
    axes = fig.subplots(1, ncols, squeeze=True, **kwargs)
    return fig, axes


def finish(fig: Figure) -> Figure:
    """Resolve lazily made artists (tick labels) now, inside the theme, so fonts stick."""
    if not _DETACHED.get():
        fig.draw_without_rendering()
    return fig


# --- provinces --------------------------------------------------------------------------------


def province_order(*frames: pd.DataFrame | None) -> list[str]:
    """Every province that occurs in ``frames``, in a fixed (alphabetical) order."""
    seen: set[str] = set()
    for frame in frames:
        if frame is not None and "province" in frame and len(frame):
            seen.update(str(p) for p in frame["province"].dropna().unique())
    return sorted(seen)


def province_colors(provinces: Iterable[str]) -> dict[str, tuple[float, float, float]]:
    """One colour per province: the n-th province (alphabetically) gets the n-th colour.

    Every chart derives its colours from the provinces of the documents table,
    so a province has the same colour in every chart of a build.
    """
    import seaborn as sns

    names = sorted(set(provinces))
    palette = sns.color_palette(PALETTE_NAME, max(len(names), 1))
    if len(names) > len(sns.color_palette(PALETTE_NAME)):
        palette = sns.color_palette("husl", len(names))
    return {name: tuple(palette[i]) for i, name in enumerate(names)}


def province_label(province: str, lang: str) -> str:
    return province if lang == "en" else PROVINCES.get(province, province)


def province_handles(colors: dict, provinces: Iterable[str], lang: str) -> list:
    """Legend entries: one colour patch per province."""
    from matplotlib.patches import Patch

    return [
        Patch(facecolor=colors[p], edgecolor="none", label=province_label(p, lang))
        for p in provinces
    ]


# --- numbers and units ------------------------------------------------------------------------


def money(value: float, lang: str) -> float:
    """Yuan → display unit (CNY bn in English, 亿元 in Chinese)."""
    return value / MONEY[lang][0]


def fmt(value: float) -> str:
    """A display number: thousands separated, at most one decimal, no trailing .0."""
    if value != value:  # NaN
        return ""
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.1f}".rstrip("0").rstrip(".")


COMPARATOR_SIGNS = {">=": "≥", ">": ">", "=": "", "~": "~"}


def with_comparator(text: str, comparator: str | None) -> str:
    return COMPARATOR_SIGNS.get(str(comparator), "") + text


# --- source line ------------------------------------------------------------------------------


def _display_width(char: str) -> float:
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.55


def _tokens(text: str) -> list[str]:
    """Words of ASCII characters, single spaces, and single CJK characters."""
    tokens: list[str] = []
    for char in text:
        if (
            char.isascii()
            and char != " "
            and tokens
            and tokens[-1][-1:].isascii()
            and (tokens[-1] != " ")
        ):
            tokens[-1] += char
        else:
            tokens.append(char)
    return tokens


#: Chinese line-breaking rules: never start a line with these …
NO_LINE_START = set("，。、；：？！）》〉」』”’】,.;:?!)]}")
#: … nor end one with these.
NO_LINE_END = set("（《〈「『“‘【([{")


def wrap(text: str, width_em: float) -> list[str]:
    """Greedy wrap by display width, never inside a run of ASCII (2023-2026, words).

    CJK characters count about twice as wide as Latin ones; closing punctuation
    stays on the line it closes and opening punctuation moves to the next one.
    """
    lines: list[str] = []
    line, used = "", 0.0
    for token in _tokens(text):
        w = sum(_display_width(c) for c in token)
        if used + w > width_em and line.strip() and token not in NO_LINE_START:
            carry = ""
            while line and line[-1] in NO_LINE_END:
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line.rstrip())
            line, used = carry, sum(_display_width(c) for c in carry)
            if token == " ":
                continue
        line += token
        used += w
    if line.strip():
        lines.append(line.rstrip())
    return lines


def source_text(documents: pd.DataFrame | None, doc_ids: Iterable[str], lang: str) -> str:
    """'Source: …' naming each document a chart draws on (title, province, issue date)."""
    ids = sorted({str(d) for d in doc_ids if d == d and d is not None})
    parts = []
    rows = {}
    if documents is not None and len(documents):
        rows = {str(r["doc_id"]): r for _, r in documents.iterrows()}
    for doc_id in ids:
        row = rows.get(doc_id)
        if row is None:
            parts.append(doc_id)
            continue
        issued = row["issued"]
        draft = str(row["status"]) == "draft"
        if lang == "en":
            date = issued.strftime("%Y-%m-%d") if issued == issued else "date not stated"
            extra = ", draft for comment" if draft else ""
            parts.append(f"{row['title_en']} ({row['province']}, {date}{extra})")
        else:
            date = (
                f"{issued.year}年{issued.month}月{issued.day}日"
                if issued == issued
                else "未注明日期"
            )
            parts.append(f"{row['province_zh']}《{row['title_zh']}》（{date}）")
    label = glossary.text("source", lang)
    if lang == "en":
        return f"{label}: " + ("; ".join(parts) if parts else "none") + "."
    return f"{label}：" + ("；".join(parts) if parts else "无") + "。"


def add_source(fig: Figure, documents: pd.DataFrame | None, doc_ids: Iterable[str], lang: str):
    """Write the source line under the chart (wrapped to the figure's width)."""
    text = source_text(documents, doc_ids, lang)
    width_em = fig.get_figwidth() * 72 / SOURCE_FONT * 0.95
    return fig.supxlabel(
        "\n".join(wrap(text, width_em)),
        x=0.005,
        ha="left",
        fontsize=SOURCE_FONT,
        color="0.3",
        linespacing=1.3,
        gid=SOURCE_GID,
    )


def add_title(fig: Figure, key: str, lang: str):
    """The chart's title, top left (bold in English; the CJK font has a single weight)."""
    family = {"fontfamily": LATIN_FAMILY} if lang == "en" else {}
    return fig.suptitle(glossary.text(key, lang), x=0.005, ha="left", **family)


def legend(fig: Figure, ax: Axes, handles: list, *, owned: bool):
    """The chart's legend: in a band above the plot (below the title) when the chart owns
    its figure, else inside ``ax``."""
    if owned:
        fontsize = BASE_FONT - 1
        widest = max(sum(_display_width(c) for c in h.get_label()) for h in handles)
        column = (widest + 3.2) * fontsize  # points, with the handle and spacing
        fits = int(fig.get_figwidth() * 72 * 0.6 // column)
        return ax.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0.0, 1.01),
            ncols=max(1, min(len(handles), fits, 4)),
            borderaxespad=0.2,
            handlelength=1.8,
            columnspacing=1.4,
        )
    return ax.legend(handles=handles, loc="best")


def owns(fig: Figure, ax: Axes | None) -> bool:
    """True when the chart made ``fig`` itself (so it adds title, legend and source line)."""
    return ax is None


def no_data(ax: Axes, lang: str) -> None:
    """Say plainly that there is nothing to draw (rather than an empty frame)."""
    ax.set_axis_off()
    ax.text(
        0.5, 0.5, glossary.text("no_data", lang), ha="center", va="center", transform=ax.transAxes
    )


# --- tables -----------------------------------------------------------------------------------


def table(frame: pd.DataFrame | None, name: str, root: str | os.PathLike[str] | None):
    """``frame``, or the built table ``name`` of the project at ``root`` when it is None."""
    if frame is not None:
        return frame
    from policylens.tables import load_table

    return load_table(name, root)


def documents_table(documents: pd.DataFrame | None, root, *, required: bool = False):
    """The documents table for colours and source lines (None if it cannot be loaded)."""
    if documents is not None:
        return documents
    try:
        return table(None, "documents", root)
    except PolicylensError:
        if required:
            raise
        return None
