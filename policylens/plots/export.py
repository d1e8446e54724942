"""Writing every figure, in both languages, as PNG (200 dpi) and SVG with stable names.

Files are byte-reproducible: no dates or software versions in their metadata,
a fixed SVG hash salt (ids in the SVG), and SVG text drawn as paths
(``svg.fonttype='path'``) so that the SVG shows the same glyphs on a machine
without the CJK font.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policylens.plots import style
from policylens.plots.counts import chain_counts, firm_project_counts
from policylens.plots.modes import collaboration_modes, mode_purposes
from policylens.plots.revenue import revenue_goals, revenue_totals
from policylens.plots.timelines import milestones_per_quarter, timelines

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

DPI = 200
FORMATS = ("png", "svg")
#: Metadata that would make files differ between runs or installs, switched off.
METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}
#: zlib level 1: PNGs about a third larger than level 6, written in half the time.
PNG_OPTIONS = {"compress_level": 1}


@dataclass(frozen=True)
class FigureSpec:
    """One chart of the report: its file stem and how to draw it from the tables."""

    number: int
    name: str
    draw: Callable[[dict[str, pd.DataFrame], str], Figure]

    def stem(self, lang: str) -> str:
        return f"{self.number:02d}_{self.name}_{lang}"


#: Every chart write_figures makes, in report order.
FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec(
        1,
        "revenue_goals",
        lambda t, lang: revenue_goals(t["targets"], documents=t["documents"], lang=lang),
    ),
    FigureSpec(
        2,
        "revenue_totals",
        lambda t, lang: revenue_totals(
            t["targets"], t["chains"], documents=t["documents"], lang=lang
        ),
    ),
    FigureSpec(
        3,
        "chain_counts",
        lambda t, lang: chain_counts(
            t["chains"], t["targets"], documents=t["documents"], lang=lang
        ),
    ),
    FigureSpec(
        4,
        "firm_project_counts",
        lambda t, lang: firm_project_counts(t["targets"], documents=t["documents"], lang=lang),
    ),
    FigureSpec(
        5,
        "collaboration_modes",
        lambda t, lang: collaboration_modes(
            t["modes"], t["mode_actors"], documents=t["documents"], lang=lang
        ),
    ),
    FigureSpec(
        6,
        "modes_by_province",
        lambda t, lang: collaboration_modes(
            t["modes"], t["mode_actors"], view="provinces", documents=t["documents"], lang=lang
        ),
    ),
    FigureSpec(
        7,
        "mode_purposes",
        lambda t, lang: mode_purposes(t["modes"], documents=t["documents"], lang=lang),
    ),
    FigureSpec(
        8,
        "timelines",
        lambda t, lang: timelines(t["documents"], t["milestones"], lang=lang),
    ),
    FigureSpec(
        9,
        "milestones_per_quarter",
        lambda t, lang: milestones_per_quarter(
            t["milestones"], documents=t["documents"], lang=lang
        ),
    ),
)


def figure_bytes(fig: Figure, fmt: str, lang: str) -> bytes:
    """``fig`` saved as ``fmt`` (png or svg), reproducibly, in the theme of ``lang``."""
    buffer = io.BytesIO()
    with style.theme(lang):
        fig.savefig(
            buffer,
            format=fmt,
            dpi=DPI,
            metadata=METADATA[fmt],
            **({"pil_kwargs": PNG_OPTIONS} if fmt == "png" else {}),
        )
    return buffer.getvalue()


def render(tables: dict[str, pd.DataFrame], number: int, lang: str) -> dict[str, bytes]:
    """Chart ``number`` of :data:`FIGURES` in ``lang``: {"png": bytes, "svg": bytes}."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    spec = next(s for s in FIGURES if s.number == number)
    with style.detached():
        fig = spec.draw(tables, lang)
        FigureCanvasAgg(fig)
        out = {}
        for fmt in FORMATS:
            out[fmt] = figure_bytes(fig, fmt, lang)
            # the layout is done: keep it for the other format (halves the work)
            fig.set_layout_engine("none")
    return out


# The tables of the write_figures call in progress, inherited by forked workers.
_TABLES: dict[str, pd.DataFrame] = {}


def _render_job(job: tuple[int, str]) -> dict[str, bytes]:
    return render(_TABLES, *job)


def _workers(requested: int | None, jobs: int) -> int:
    """How many processes to draw with: one per available core (at most 2), forked on Linux.

    Only a single-threaded process forks (forking one with threads, e.g. a
    Jupyter kernel, can deadlock); elsewhere starting fresh interpreters would
    cost more than it saves, so drawing stays in this process.
    """
    import threading

    if requested is not None:
        return max(1, min(requested, jobs))
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    cores = len(os.sched_getaffinity(0))
    return max(1, min(cores, 2, jobs))


def write_figures(
    tables: dict[str, pd.DataFrame],
    folder: str | os.PathLike[str],
    *,
    workers: int | None = None,
) -> list[Path]:
    """Draw every chart of :data:`FIGURES` in English and Chinese into ``folder``.

    Writes ``<nn>_<name>_<lang>.png`` (200 dpi) and ``.svg`` for each chart
    and returns the paths written, in order. A table missing from ``tables``
    counts as empty (its charts say there is no data). Files whose bytes are
    unchanged are not rewritten. Charts are drawn in ``workers`` processes
    (default: up to two, forked, on Linux; else one); the files are the same
    bytes either way.
    """
    from policylens.plots.fonts import cjk_family
    from policylens.schema import TABLES, empty_frame

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    full = {name: tables[name] if name in tables else empty_frame(name) for name in TABLES}
    jobs = [(spec.number, lang) for spec in FIGURES for lang in style.LANGS]
    n = _workers(workers, len(jobs))
    cjk_family()  # register the font once, before any fork
    if n == 1:
        results = [render(full, *job) for job in jobs]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _TABLES
        _TABLES = full
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(n, mp_context=context) as pool:
                results = list(pool.map(_render_job, jobs))
        finally:
            _TABLES = {}
    written: list[Path] = []
    for (number, lang), result in zip(jobs, results, strict=True):
        spec = next(s for s in FIGURES if s.number == number)
        for fmt in FORMATS:
            path = folder / f"{spec.stem(lang)}.{fmt}"
            if not path.exists() or path.read_bytes() != result[fmt]:
                path.write_bytes(result[fmt])
            written.append(path)
    return written
