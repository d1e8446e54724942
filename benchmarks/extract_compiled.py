"""Would a compiled extractor pay? This checkout's package beside the same code built by mypyc.

Issue 12 item 5: the extractor's cost is mostly Python work per hit, so the candidate
left was to compile the per-hit modules (``policylens/extract`` and ``policylens/grammar``)
with mypyc, from the same source. This script copies the package into a temporary folder,
compiles those modules there (nothing in the checkout changes), then:

* counts the instructions of both builds (:func:`extract_instructions.instructions`:
  callgrind, the five bundled texts, load-independent);
* checks the compiled build gives the rows of ``--rev`` (``extract_same.py``);
* with ``--speed N``, runs ``extract_speed.py --real --mb 5 --no-memory`` N times for
  each build, alternated, and prints their ``ours`` and ratio lines.

mypy cannot follow some narrowing the code relies on (``prev`` is not None when
``hit.same_sentence_prev`` is set, a match that the regex guarantees): those error
codes are switched off for the build, so the source compiles as it is.

Run:  pip install mypy          # mypyc; a C compiler is needed too
      python benchmarks/extract_compiled.py --speed 2
Takes ~2 min to compile on one core, ~40 s per instruction count.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from extract_instructions import REPO, instructions

COMPILED = ("policylens/extract", "policylens/grammar")
MYPY_INI = """[mypy]
ignore_missing_imports = True
follow_imports = silent
disable_error_code = union-attr, arg-type, operator, index
"""


def build(tmp: Path) -> Path:
    """The package copied under `tmp` with the per-hit modules compiled in place."""
    shutil.copytree(
        REPO / "policylens", tmp / "policylens", ignore=shutil.ignore_patterns("__pycache__")
    )
    (tmp / "mypy.ini").write_text(MYPY_INI, encoding="utf-8")
    sources = sorted(str(p.relative_to(tmp)) for d in COMPILED for p in (tmp / d).glob("*.py"))
    subprocess.run([sys.executable, "-m", "mypyc", *sources], cwd=tmp, check=True)
    return tmp


def _core(root: Path) -> str:
    """Where `policylens.extract.hits` is loaded from with `root` on the path."""
    return subprocess.run(
        [sys.executable, "-c", "import policylens.extract.hits as h; print(h.__file__)"],
        env={**os.environ, "PYTHONPATH": str(root), "PYTHONSAFEPATH": "1"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def _bench(script: str, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A benchmark script of this folder run with the package under `root` first on the path."""
    return subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / script), *args],
        env={**os.environ, "PYTHONPATH": str(root), "PYTHONSAFEPATH": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="main", help="revision for the same-rows check")
    parser.add_argument("--speed", type=int, default=0, help="extract_speed runs per build")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        compiled = build(Path(tmp))
        print(f"compiled core: {_core(compiled)}")
        same = _bench("extract_same.py", compiled, "--rev", args.rev)
        print(same.stdout.strip().splitlines()[-1] if same.stdout.strip() else same.stderr)
        pure_n, compiled_n = instructions(REPO, 4), instructions(compiled, 4)
        print(f"instructions: pure {pure_n / 1e6:.1f} M, compiled {compiled_n / 1e6:.1f} M")
        print(f"              pure / compiled = {pure_n / compiled_n:.2f}")
        for run in range(args.speed):
            for name, root in (("pure", REPO), ("compiled", compiled)):
                out = _bench("extract_speed.py", root, "--real", "--mb", "5", "--no-memory")
                lines = [
                    ln for ln in out.stdout.splitlines() if ln.strip().startswith(("ours", "bare"))
                ]
                print(f"run {run + 1}, {name}:", *lines, sep="\n  ")
    return 0 if same.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
