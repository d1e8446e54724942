"""Figures and workbook on generated corpora: time, largest PNG, workbook size, per size.

For each corpus size (default 100 and 1,000 documents) a project is generated
with ``corpus_gen.generate`` and its tables built (load, extract, review, tables:
not timed here), then the figures (every chart, en and zh, PNG and SVG; the
build's own ``write_figures``, no cache) and the workbook are timed. Before the
charts summarised, a corpus of ~960 documents could not be built (the timeline
grew 124 px per document and the workbook failed to embed it).

Run:  python benchmarks/figure_scale.py [--sizes 100 1000] [--workers N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import corpus_gen  # a sibling script (this folder is on the path of a script)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def tables_of(root: Path) -> dict:
    """The tables a build of ``root`` makes (as ``pipeline._build`` makes them)."""
    from policylens.corpus import documents_frame, load_texts, read_metadata
    from policylens.pipeline import find_project, over_time
    from policylens.read.pages import document_pages
    from policylens.review import apply_decisions, read_decisions
    from policylens.tables import build_tables, candidate_targets

    project = find_project(root)
    rows = read_metadata(project)
    texts = load_texts(project, rows)
    documents = documents_frame(rows)
    pages = document_pages(project, documents)
    decisions = read_decisions(project.decisions, texts)
    reviewed = apply_decisions(
        candidate_targets(documents, texts), decisions, texts, project.decisions
    )
    tables = build_tables(documents, texts, pages, reviewed.targets)
    return tables | over_time(project, tables, texts)


def bundled_seconds(parent: Path, workers: int | None) -> float:
    """Figure time of the bundled five documents: the baseline measured in the same run."""
    from policylens.pipeline import write_figures

    tables = tables_of(REPO)
    start = time.perf_counter()
    write_figures(tables, parent / "bundled_figures", workers=workers)
    return time.perf_counter() - start


def measure(n: int, parent: Path, workers: int | None) -> dict:
    import warnings

    from PIL import Image

    from policylens.excel import write_workbook
    from policylens.pipeline import write_figures

    root = corpus_gen.generate(parent / f"corpus_{n}", n, seed=n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unlabelled scopes of generated text
        tables = tables_of(root)
    folder = root / "figures"
    start = time.perf_counter()
    written = write_figures(tables, folder, workers=workers)
    figures = time.perf_counter() - start
    pngs = [p for p in written if p.suffix == ".png"]
    largest = max(pngs, key=lambda p: p.stat().st_size)
    with Image.open(largest) as image:
        pixels = image.size
    tallest = max(pngs, key=lambda p: Image.open(p).size[1])
    start = time.perf_counter()
    book = root / "summary.xlsx"
    write_workbook(tables, book, figures=pngs)
    workbook = time.perf_counter() - start
    return {
        "documents": n,
        "targets": len(tables["targets"]),
        "figures_s": figures,
        "figures_mb": sum(p.stat().st_size for p in written) / 1e6,
        "largest_png": f"{largest.name} {largest.stat().st_size / 1e3:.0f} KB {pixels}",
        "tallest_png": f"{tallest.name} {Image.open(tallest).size}",
        "workbook_s": workbook,
        "workbook_mb": book.stat().st_size / 1e6,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--workers", type=int, default=None, help="drawing processes")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base = bundled_seconds(Path(tmp), args.workers)
        print(f"baseline: the bundled 5 documents draw their figures in {base:.1f} s", flush=True)
        for n in args.sizes:
            result = measure(n, Path(tmp), args.workers)
            print(
                f"{result['documents']:>6,} documents ({result['targets']:,} targets): "
                f"figures {result['figures_s']:.1f} s, {result['figures_mb']:.1f} MB; "
                f"largest PNG {result['largest_png']}; tallest {result['tallest_png']}; "
                f"workbook {result['workbook_s']:.1f} s, {result['workbook_mb']:.1f} MB; "
                f"figures / baseline {result['figures_s'] / base:.1f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
