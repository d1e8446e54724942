"""One look for every chart: theme, province colours, units, source line, figure set-up.

Everything here imports matplotlib and seaborn inside functions, so that
``import policylens.plots`` stays light. The theme is applied with
``matplotlib.rc_context`` around drawing (and saving, in ``write_figures``):
it never changes the caller's global rcParams or matplotlib configuration.
"""

from __future__ import annotations

import colorsys
import contextvars
import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import seaborn as sns
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from policylens.filters import YEAR_OF, select
from policylens.model.schema import PROVINCES
from policylens.plots import glossary, scale
from policylens.plots.fonts import LATIN_FAMILY, font_families
from policylens.review import unreviewed_note

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

LANGS = ("en", "zh")
#: Report size: charts are drawn 7.5 inches wide, to be pasted at 6-7.5 inches.
WIDTH = 7.5
BASE_FONT = 9.5
SOURCE_FONT = 7.0
SOURCE_GID = "policylens-source"
SVG_HASHSALT = "policylens"
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
    """Draw (and save) inside this context to get the policylens look in ``lang``.

    The context restores every rcParam on exit, so nothing that must outlive it
    may be set inside: pyplot (and with it the backend, which in Jupyter turns
    interactive mode on) is imported *before* entering, never first inside,
    and the interactive flag is carried over as it stands on exit.
    """

    rc = theme_rc(check_lang(lang))
    if not _DETACHED.get():
        # pyplot (which may switch interactive mode on) is resolved outside the context;
        # a drawing worker never loads it: the one import that stays lazy on purpose
        pass
    interactive = None
    try:
        with mpl.rc_context(rc):
            try:
                yield
            finally:
                interactive = mpl.is_interactive()
    finally:
        if interactive is not None and interactive != mpl.is_interactive():
            mpl.interactive(interactive)


@contextmanager
def detached() -> Iterator[None]:
    """Make figures without pyplot while inside (used by write_figures)."""
    token = _DETACHED.set(True)
    try:
        yield
    finally:
        _DETACHED.reset(token)


def new_figure(ax: Axes | None, height: float, ncols: int = 1, nrows: int = 1, **kwargs: Any):
    """(figure, axes): the caller's ``ax`` and its figure, or a new report-size figure.

    A new figure uses constrained layout, and is made through pyplot (so that
    notebooks show it) unless write_figures is drawing.
    """
    if ax is not None:
        if ncols != 1 or nrows != 1:
            raise ValueError("this chart has several panels; draw it without ax=")
        return ax.figure, ax
    size = (WIDTH, height)
    if _DETACHED.get():
        fig = Figure(figsize=size, layout="constrained")
    else:
        import matplotlib.pyplot as plt  # noqa: PLC0415 (see theme: workers never load pyplot)

        fig = plt.figure(figsize=size, layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=True, **kwargs)
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


#: Fixed colours (seaborn "colorblind") of the provinces of the bundled corpus and of the
#: held-out documents: a province keeps its colour whichever others a chart shows. Grey
#: (#949494) is left out: it explains the encodings in legends.
FIXED_COLORS: dict[str, str] = {
    "Jiangxi": "#0173b2",
    "Shanxi": "#de8f05",
    "Sichuan": "#029e73",
    "Guangdong": "#d55e00",
    "Jiangsu": "#cc78bc",
    "Hubei": "#56b4e9",
    "Zhejiang": "#ca9161",
    "Shandong": "#fbafe4",
    "Anhui": "#ece133",
}
#: Hues (HUSL, evenly spaced) for any other province, chosen by a digest of its name.
EXTRA_HUES = 18


def _extra_color(slot: int) -> tuple[float, float, float]:

    # HLS at fixed lightness/saturation: never equal to one of the fixed hex colours
    hue = (slot % EXTRA_HUES) / EXTRA_HUES
    return colorsys.hls_to_rgb(hue, 0.42 if slot // EXTRA_HUES % 2 == 0 else 0.6, 0.55)


def _slot(name: str) -> int:

    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % EXTRA_HUES


def province_colors(provinces: Iterable[str]) -> dict[str, tuple[float, float, float]]:
    """One colour per province, the same in every chart and every build.

    Provinces of :data:`FIXED_COLORS` keep theirs; any other gets a colour
    picked by a digest of its name (so it does not depend on the order or on
    which other provinces are drawn), moved to the next free slot only when
    two such provinces in one chart would share it.
    """

    colors: dict[str, tuple[float, float, float]] = {}
    taken: set[int] = set()
    for name in sorted(set(provinces)):
        if name in FIXED_COLORS:
            colors[name] = to_rgb(FIXED_COLORS[name])
            continue
        slot = _slot(name)
        while slot in taken:
            slot += 1
        taken.add(slot)
        colors[name] = _extra_color(slot)
    return colors


def province_label(province: str, lang: str) -> str:
    return province if lang == "en" else PROVINCES.get(province, province)


def province_handles(colors: dict, provinces: Iterable[str], lang: str) -> list:
    """Legend entries: one colour patch per province."""

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


def thousands(axis) -> None:
    """Tick labels of a numeric ``axis`` written like the numbers on the bars (2,500; 0.5)."""

    axis.set_major_formatter(FuncFormatter(lambda value, _pos: fmt(value)))


COMPARATOR_SIGNS = {">=": "≥", ">": ">", "=": "", "~": "~", "<=": "≤"}


def with_comparator(text: str, comparator: str | None) -> str:
    return COMPARATOR_SIGNS.get(str(comparator), "") + text


# --- source line ------------------------------------------------------------------------------


def _display_width(char: str) -> float:
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.55


def _tokens(text: str, *, titles: bool = True) -> list[str]:
    """Pieces a line may break between: ASCII words, single spaces, and Chinese phrases.

    A Chinese phrase runs up to a punctuation mark (kept with what it closes) or up
    to an opening mark (which starts the next phrase), so that a title in 《》 or a
    name in “” is never cut in the middle of a word; an over-long phrase is cut
    by :func:`wrap` only when it cannot fit on a line of its own.
    """
    tokens: list[str] = []
    for char in text:
        previous = tokens[-1][-1] if tokens else ""
        if not previous or char == " " or previous == " ":
            tokens.append(char)
        elif char in NO_LINE_END and previous not in NO_LINE_END:
            tokens.append(char)  # an opening mark begins the next phrase
        elif previous in BREAK_AFTER and char not in NO_LINE_START:
            tokens.append(char)
        else:
            tokens[-1] += char  # same word or phrase (2024年 stays one piece)
    return _join_titles(tokens) if titles else tokens


def _join_titles(tokens: list[str]) -> list[str]:
    """A title in 《》 is one piece (it is broken inside only when wider than a line)."""
    out: list[str] = []
    depth = 0
    for token in tokens:
        if depth > 0:
            out[-1] += token
        else:
            out.append(token)
        depth = max(0, depth + token.count("《") - token.count("》"))
    return out


#: Chinese line-breaking rules: never start a line with these …
NO_LINE_START = set("，。、；：？！）》〉」』”’】,.;:?!)]}")
#: … nor end one with these.
NO_LINE_END = set("（《〈「『“‘【([{")
#: A line may break after these (the end of a clause, a title or a name).
BREAK_AFTER = set("，。、；：？！）》〉」』”’】")


def wrap(text: str, width_em: float) -> list[str]:
    """Greedy wrap by display width, breaking only between words and Chinese phrases.

    CJK characters count about twice as wide as Latin ones; closing punctuation
    stays on the line it closes and opening punctuation moves to the next one. A
    phrase wider than a whole line is the only thing ever cut inside.
    """
    lines: list[str] = []
    line, used = "", 0.0
    for token in _split_long(_tokens(text), width_em):
        w = _width(token)
        if used + w > width_em and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0.0
            if token == " ":
                continue
        line += token
        used += w
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _width(text: str) -> float:
    return sum(_display_width(c) for c in text)


def _split_long(tokens: list[str], width_em: float) -> list[str]:
    out: list[str] = []
    for token in tokens:
        if _width(token) > width_em and "《" in token:
            out.extend(_split_long(_tokens(token, titles=False), width_em))
            continue
        while _width(token) > width_em:
            cut = 1
            while _width(token[: cut + 1]) <= width_em:
                cut += 1
            out.append(token[:cut])
            token = token[cut:]
        out.append(token)
    return out


def wrap_label(text: str, lang: str, width: int = 44) -> str:
    """A y-axis label on at most a few lines, broken between words or Chinese phrases.

    ``width`` is in Latin characters (a Chinese character counts as two).
    """
    return "\n".join(wrap(text, width * 0.55 if lang == "en" else width / 2))


def source_text(documents: pd.DataFrame | None, doc_ids: Iterable[str], lang: str) -> str:
    """'Source: …' naming each document a chart draws on (title, province, issue date);
    beyond a few documents, the first few and how many more (:func:`scale.source_ids`)."""
    ids, more = scale.source_ids(doc_ids)
    parts = []
    rows = {}
    if documents is not None and len(documents):
        named = documents[documents["doc_id"].astype(str).isin(ids)]
        rows = {str(r["doc_id"]): r for _, r in named.iterrows()}
    for doc_id in ids:
        row = rows.get(doc_id)
        if row is None:
            parts.append(doc_id)
            continue
        issued = row["issued"]
        title = str(row["title_en"])
        draft = str(row["status"]) == "draft"
        if lang == "en":
            date = issued.strftime("%Y-%m-%d") if issued == issued else "date not stated"
            extra = ", draft for comment" if draft and "draft" not in title.lower() else ""
            parts.append(f"{title} ({row['province']}, {date}{extra})")
        else:
            date = (
                f"{issued.year}年{issued.month}月{issued.day}日"
                if issued == issued
                else "未注明日期"
            )
            parts.append(f"{row['province_zh']}《{row['title_zh']}》（{date}）")
    if more:
        parts.append(scale.more_documents(more, lang))
    label = glossary.text("source", lang)
    if lang == "en":
        return f"{label}: " + ("; ".join(parts) if parts else "none") + "."
    return f"{label}：" + ("；".join(parts) if parts else "无") + "。"


def drawn(targets: pd.DataFrame, ids: Iterable[str]) -> pd.DataFrame:
    """The rows of ``targets`` a chart draws (by ``target_id``), for its source line."""
    return targets[targets["target_id"].isin(set(ids))]


def add_source(
    fig: Figure,
    documents: pd.DataFrame | None,
    doc_ids: Iterable[str],
    lang: str,
    *,
    shown: pd.DataFrame | None = None,
):
    """Write the source line under the chart (wrapped to the figure's width).

    ``shown``: the target rows the chart draws; when some are unreviewed candidates
    (``pl.load_targets(candidates=True)``) the line says so (``unreviewed_note``).
    """
    text = source_text(documents, doc_ids, lang)
    note = unreviewed_note(shown, lang)
    if note:
        text += (" " if lang == "en" else "") + note
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


def table(
    frame: pd.DataFrame | None,
    name: str,
    *,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
) -> pd.DataFrame:
    """``frame`` narrowed to ``province`` and ``year`` (a table without years: by province).

    Charts draw only what they are given; a missing table is a clear error
    naming the loader that gives it.
    """
    if frame is None:
        raise TypeError(f"pass the {name} table (e.g. pl.load_{name}()) to draw this chart")
    if province is None and year is None:
        return frame
    return select(frame, name, province=province, year=year if YEAR_OF.get(name) else None)


def documents_table(documents: pd.DataFrame | None, *, province=None) -> pd.DataFrame | None:
    """The documents table for source lines (None: the source line names doc_ids only)."""
    return None if documents is None else table(documents, "documents", province=province)
