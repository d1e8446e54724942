"""Writing every figure, in both languages, as PNG (200 dpi) and SVG with stable names.

Files are byte-reproducible: no dates or software versions in their metadata,
a fixed SVG hash salt (ids in the SVG), and SVG text drawn as paths
(``svg.fonttype='path'``) so that the SVG shows the same glyphs on a machine
without the CJK font.
"""

from __future__ import annotations

import ctypes
import io
import multiprocessing
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from matplotlib.backends.backend_agg import FigureCanvasAgg

from policylens.model.schema import TABLES, empty_frame
from policylens.plots import style
from policylens.plots.counts import chain_counts, firm_project_counts
from policylens.plots.deadlines import milestones_per_quarter, timelines
from policylens.plots.fonts import cjk_family
from policylens.plots.modes import collaboration_modes, mode_purposes
from policylens.plots.other import other_goals
from policylens.plots.overtime import goal_attainment, goal_revisions
from policylens.plots.revenue import revenue_goals, revenue_totals

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
        lambda t, lang: revenue_goals(
            t["targets"], chains=t["chains"], documents=t["documents"], lang=lang
        ),
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
        "other_goals",
        lambda t, lang: other_goals(t["targets"], documents=t["documents"], lang=lang),
    ),
    FigureSpec(
        4,
        "chain_counts",
        lambda t, lang: chain_counts(
            t["chains"], t["targets"], documents=t["documents"], lang=lang
        ),
    ),
    FigureSpec(
        5,
        "firm_project_counts",
        lambda t, lang: firm_project_counts(t["targets"], documents=t["documents"], lang=lang),
    ),
    FigureSpec(
        6,
        "collaboration_modes",
        lambda t, lang: collaboration_modes(
            t["modes"], t["mode_actors"], documents=t["documents"], lang=lang
        ),
    ),
    FigureSpec(
        7,
        "modes_by_province",
        lambda t, lang: collaboration_modes(
            t["modes"], t["mode_actors"], view="provinces", documents=t["documents"], lang=lang
        ),
    ),
    FigureSpec(
        8,
        "mode_purposes",
        lambda t, lang: mode_purposes(t["modes"], documents=t["documents"], lang=lang),
    ),
    FigureSpec(
        9,
        "timelines",
        lambda t, lang: timelines(t["documents"], t["milestones"], lang=lang),
    ),
    FigureSpec(
        10,
        "milestones_per_quarter",
        lambda t, lang: milestones_per_quarter(
            t["milestones"], documents=t["documents"], lang=lang
        ),
    ),
    FigureSpec(
        11,
        "revisions",
        lambda t, lang: goal_revisions(t["revisions"], documents=t["documents"], lang=lang),
    ),
    FigureSpec(
        12,
        "attainment",
        lambda t, lang: goal_attainment(t["attainment"], documents=t["documents"], lang=lang),
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


def _render_job(job: tuple[int, str]) -> tuple[dict[str, bytes], list[tuple[str, type]]]:
    """Render in a worker, and bring its warnings (e.g. a missing glyph) back to the caller."""

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = render(_TABLES, *job)
    return result, [(str(w.message), w.category) for w in caught]


def _worker_start(parent: int) -> None:
    """Make a drawing worker end with the process that started it.

    A forked worker inherits its parent's signal handlers; it gets the default
    ones back, so SIGTERM/SIGHUP end it. On Linux it also asks the kernel for
    SIGTERM when its parent dies, even by SIGKILL, so that no worker outlives
    a build and holds the caller's output pipe open.
    """

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)


def _workers(requested: int | None, jobs: int) -> int:
    """How many processes to draw with: one per available core (at most 2), forked on Linux.

    Only a single-threaded process forks (forking one with threads, e.g. a
    Jupyter kernel, can deadlock); elsewhere starting fresh interpreters would
    cost more than it saves, so drawing stays in this process.
    """

    if requested is not None:
        return max(1, min(requested, jobs))
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    cores = len(os.sched_getaffinity(0))
    return max(1, min(cores, 2, jobs))


def figure_stems() -> list[str]:
    """The file stems of every chart in every language, in the order they are written."""
    return [spec.stem(lang) for spec in FIGURES for lang in style.LANGS]


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
    full = {name: tables[name] if name in tables else empty_frame(name) for name in TABLES}
    jobs = [(spec.number, lang) for spec in FIGURES for lang in style.LANGS]
    return save_figures(_render_all(full, jobs, workers), folder)


def save_figures(results: list[dict[str, bytes]], folder: str | os.PathLike[str]) -> list[Path]:
    """Write drawn charts (one {format: bytes} per stem of :func:`figure_stems`) to ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for stem, result in zip(figure_stems(), results, strict=True):
        for fmt in FORMATS:
            path = folder / f"{stem}.{fmt}"
            if not path.exists() or path.read_bytes() != result[fmt]:
                path.write_bytes(result[fmt])
            written.append(path)
    return written


def _render_all(full, jobs, workers) -> list[dict[str, bytes]]:

    cjk_family()  # register the font once, before any fork
    n = _workers(workers, len(jobs))
    if n == 1:
        return [render(full, *job) for job in jobs]

    global _TABLES
    _TABLES = full
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            n, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),)
        ) as pool:
            done = list(pool.map(_render_job, jobs))
    finally:
        _TABLES = {}

    for _, caught in done:
        for message, category in caught:
            warnings.warn(message, category, stacklevel=3)
    return [result for result, _ in done]
