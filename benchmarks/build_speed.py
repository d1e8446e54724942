"""How long `policylens build` takes on the bundled corpus, warm, next to a baseline.

Target (issue: comparison notebooks and figures): the whole main job — tables,
every figure in both languages, the workbook — in at most 5 s warm on a 2-core
machine. The machine is noisy, so the script also times a baseline in the same
run (reading, hashing and normalising every input, and writing its CSV) and
reports the build as a multiple of it. Figures are cached under a digest of
their inputs (.policylens-cache/), so the script reports the build with a warm
cache and with the cache cleared.

Usage: python benchmarks/build_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 5.0


def fresh_project(parent: Path) -> Path:
    root = parent / "project"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(REPO / "data" / "raw", root / "data" / "raw")
    return root


def clear_outputs(root: Path) -> None:
    shutil.rmtree(root / "data" / "processed", ignore_errors=True)
    shutil.rmtree(root / "figures", ignore_errors=True)


def baseline(root: Path) -> None:
    """The least a build must do: read and check every input, write one table."""
    from policylens.corpus import documents_frame, load_texts, read_metadata
    from policylens.pipeline import find_project, table_to_csv_bytes

    project = find_project(root)
    rows = read_metadata(project)
    load_texts(project, rows)
    (root / "baseline.csv").write_bytes(table_to_csv_bytes(documents_frame(rows), "documents"))


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import policylens as pl

    with tempfile.TemporaryDirectory() as tmp:
        parent = Path(tmp)
        root = fresh_project(parent)
        cold = timed(pl.build, root)
        base = [timed(baseline, root) for _ in range(args.runs)]
        # Warm process, outputs removed each time so that everything is written again;
        # once with the figure cache (the everyday case: unchanged tables are not redrawn)
        # and once without it (every chart drawn).
        warm, uncached = [], []
        for _ in range(args.runs):
            clear_outputs(root)
            warm.append(timed(pl.build, root))
            clear_outputs(root)
            shutil.rmtree(root / ".policylens-cache", ignore_errors=True)
            uncached.append(timed(pl.build, root))
        unchanged = [timed(pl.build, root) for _ in range(args.runs)]
        # The command as a user runs it: a new process, imports included.
        clear_outputs(root)
        cli = timed(
            subprocess.run, [sys.executable, "-m", "policylens", "--root", str(root), "build"]
        )
        files = [p for p in (root / "data" / "processed").rglob("*") if p.is_file()]
        files += [p for p in (root / "figures").rglob("*") if p.is_file()]

    median_warm, median_base = statistics.median(warm), statistics.median(base)
    print(f"outputs: {len(files)} files")
    print(f"cold build (first in process, imports included): {cold:.2f} s")
    print(f"baseline (read, hash, normalise inputs; one CSV): {median_base:.3f} s")
    print(
        f"warm build, outputs removed, figure cache warm, median of {args.runs}: {median_warm:.2f} s "
        f"({median_warm / median_base:.0f}x baseline)  target <= {TARGET_SECONDS:.0f} s: "
        f"{'met' if median_warm <= TARGET_SECONDS else 'NOT met'}"
    )
    median_uncached = statistics.median(uncached)
    print(
        f"warm build, figure cache cleared (all 36 figure files drawn), median: "
        f"{median_uncached:.2f} s ({median_uncached / median_base:.0f}x baseline)"
    )
    print(f"warm rebuild, outputs unchanged, median: {statistics.median(unchanged):.2f} s")
    print(f"`policylens build` in a new process: {cli:.2f} s")


if __name__ == "__main__":
    main()
