"""Instructions the extractor executes on the bundled texts, this checkout beside another revision.

CPU seconds on a machine shared by several engineers move by ±20 % from run to run;
instruction counts do not (±0.3 %). Each package runs in a fresh process under
valgrind's callgrind with instrumentation switched on only for the workload
(``extract_target_rows`` over the five bundled documents, ``--passes`` times, after
one warm pass, and one ``targets_frame``): imports and start-up are not counted.

Instructions are not time (a cache miss costs more than an add), but a change that
executes fewer of them in the same interpreter is faster on any load; confirm with
``extract_speed.py --real``.

Run:  python benchmarks/extract_instructions.py                 # this checkout and main
      python benchmarks/extract_instructions.py --rev 4f602df   # and a commit
Needs ``valgrind`` (callgrind) on the PATH; about 40 s per package.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _workload(passes: int) -> None:
    """Run inside callgrind: the bundled texts through the extractor, instrumented."""
    from policylens.extract import extract_target_rows, targets_frame

    raw = REPO / "data" / "raw"
    with open(raw / "documents.csv", encoding="utf-8") as f:
        docs = [
            ((raw / r["file"]).read_text(encoding="utf-8"), r["issued"] or "2024-01-12")
            for r in csv.DictReader(f)
        ]
    for text, day in docs:  # warm: first-call compiles and caches are not the cost
        extract_target_rows(text, day)
    pid = str(os.getpid())
    subprocess.run(["callgrind_control", "-i", "on", pid], capture_output=True, check=False)
    rows = []
    for _ in range(passes):
        for text, day in docs:
            rows += extract_target_rows(text, day)
    targets_frame(rows)
    subprocess.run(["callgrind_control", "-i", "off", pid], capture_output=True, check=False)


def instructions(package_root: Path, passes: int) -> int:
    """Instructions of the workload with the package found under `package_root`."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--instr-atstart=no",
                f"--callgrind-out-file={tmp}/callgrind.out",
                sys.executable,
                __file__,
                "--workload",
                str(passes),
            ],
            env={**os.environ, "PYTHONPATH": str(package_root), "PYTHONSAFEPATH": "1"},
            capture_output=True,
            text=True,
            check=True,
        ).stderr
    found = re.search(r"Collected : (\d+)", out)
    if found is None:
        raise SystemExit(f"callgrind reported no count:\n{out[-2000:]}")
    return int(found.group(1))


def package_at(rev: str, tmp: str) -> Path:
    """The package at `rev` (``git archive``), extracted under `tmp`; `tmp` is returned,
    to put on ``PYTHONPATH``."""
    data = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "policylens"], check=True, capture_output=True
    ).stdout
    tar_path = Path(tmp) / "rev.tar"
    tar_path.write_bytes(data)
    with tarfile.open(tar_path) as tar:
        tar.extractall(tmp, filter="data")
    return Path(tmp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="main", help="revision to compare with (default main)")
    parser.add_argument("--passes", type=int, default=4, help="passes over the five texts")
    parser.add_argument("--workload", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.workload is not None:
        _workload(args.workload)
        return 0
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        other = instructions(package_at(args.rev, tmp), args.passes)
    ours = instructions(REPO, args.passes)
    print(f"{args.rev:>12}: {other / 1e6:8.1f} M instructions")
    print(f"{'this':>12}: {ours / 1e6:8.1f} M instructions  ({(ours / other - 1) * 100:+.1f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
