"""Does the extractor still give exactly the rows of another revision? (issue 12 item 5)

A speed change must not change one row. This script reads every text the tests and
the package carry, and variants of them, with the package on the path, and compares
the rows with those of another revision (default ``main``) read the same way:

* every ``.txt`` under ``tests/data`` (with its ``issued`` from ``gold.yaml``, and
  without a date) and the bundled documents (``load_text``, with their issue dates);
* each of those with ASCII punctuation (，；（）。→ ,;(). as web copies write them),
  hard-wrapped every 23 and 31 characters (as PDF text), and with spaces around
  every number (as PDF text) — the variants ``test_extract_contract.py`` makes;
* the string literals of ``tests/extract`` and ``tests/grammar`` that hold a
  number (the sentences the tests are written with), one document each;
* documents generated from the bundled sentences with randomised numbers
  (``extract_speed.documents``, 1 MB by default).

For each it compares ``extract_target_rows`` and ``extract_actual_rows`` (every
field, floats exactly). The other revision is read by ``git archive`` into a
temporary directory and this script run there in a fresh process (``--save``), so
the comparison needs no saved file; ``--against FILE`` compares with a file
saved earlier instead.

Run:  python benchmarks/extract_same.py                  # against main
      python benchmarks/extract_same.py --rev 4f602df    # against a commit
      python benchmarks/extract_same.py --save rows.json # this checkout's rows
      python benchmarks/extract_same.py --against rows.json

Exits 1 when any row differs (and lists the first differences).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
_ASCII = str.maketrans({"，": ",", "；": ";", "（": "(", "）": ")", "。": "."})
_NUMBER = re.compile(r"[0-9.]+")
_HAS_NUMBER = re.compile(r"[0-9０-９一二两三四五六七八九十百千万]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _dated_files() -> Iterator[tuple[str, str, str | None]]:
    """(name, text, issued) of every text under tests/data, with its gold issue date."""
    for folder in sorted((REPO / "tests" / "data").iterdir()):
        gold = folder / "gold.yaml"
        issued: dict[str, str] = {}
        if gold.exists():
            for doc in yaml.safe_load(gold.read_text(encoding="utf-8")).get("documents", []):
                if doc.get("issued"):
                    issued[doc["file"]] = str(doc["issued"])
        for path in sorted(folder.glob("*.txt")):
            name = f"{folder.name}/{path.name}"
            yield name, path.read_text(encoding="utf-8"), issued.get(path.name)


def _bundled() -> Iterator[tuple[str, str, str | None]]:
    """The bundled documents as the pipeline reads them, with their issue dates."""
    import policylens as pl

    for d in pl.load_documents(REPO).itertuples():
        day = None if d.issued is None or str(d.issued) == "NaT" else str(d.issued)[:10]
        yield f"bundled/{d.doc_id}", pl.load_text(d.doc_id, REPO), day


def _test_sentences() -> Iterator[str]:
    """String literals of the extraction and grammar tests that hold a number."""
    for folder in ("extract", "grammar"):
        for path in sorted((REPO / "tests" / folder).glob("test_*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    s = node.value
                    if _CJK.search(s) and _HAS_NUMBER.search(s) and len(s) >= 4:
                        yield s


def _variants(text: str) -> Iterator[tuple[str, str]]:
    """The text as given, with ASCII punctuation, hard-wrapped, and spaced numbers."""
    yield "", text
    yield "+ascii", text.translate(_ASCII)
    for width in (23, 31):
        lines = text.split("\n")
        wrapped = "\n".join(ln[i : i + width] for ln in lines for i in range(0, len(ln), width))
        yield f"+wrap{width}", wrapped
    yield "+spaced", _NUMBER.sub(r" \g<0> ", text)


def cases(generated_mb: float) -> Iterator[tuple[str, str, str | None]]:
    """(name, text, issued) of every case compared."""
    for name, text, day in [*_dated_files(), *_bundled()]:
        for tag, variant in _variants(text):
            yield name + tag, variant, day
            if day is not None and not tag:
                yield name + "@undated", variant, None
    for i, s in enumerate(dict.fromkeys(_test_sentences())):
        yield f"tests/{i}", s, "2024-03-01"
    if generated_mb > 0:
        import extract_speed

        for i, doc in enumerate(extract_speed.documents(generated_mb)):
            yield f"generated/{i}", doc, "2024-01-12"


def _plain(value: Any) -> Any:
    """A JSON value that compares exactly (floats as repr, dates as ISO text)."""
    if isinstance(value, float):
        return repr(value)
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


def all_rows(generated_mb: float) -> dict[str, Any]:
    """Every case's target and actual rows, keyed by case name."""
    from policylens.extract import extract_target_rows
    from policylens.extract.actuals import extract_actual_rows

    out: dict[str, Any] = {}
    for name, text, day in cases(generated_mb):
        out[name] = {
            "targets": [
                {k: _plain(v) for k, v in r.items()} for r in extract_target_rows(text, day)
            ],
            "actuals": [
                {k: _plain(v) for k, v in r.items()} for r in extract_actual_rows(text, day)
            ],
        }
    return out


def _rows_of_rev(rev: str, generated_mb: float) -> dict[str, Any]:
    """The rows of the package at `rev`, read by this script in a fresh process."""
    from extract_instructions import package_at  # benchmarks/: a sibling script

    with tempfile.TemporaryDirectory() as tmp:
        package_at(rev, tmp)
        saved = Path(tmp) / "rows.json"
        subprocess.run(
            [sys.executable, __file__, "--save", str(saved), "--mb", str(generated_mb)],
            check=True,
            env={**os.environ, "PYTHONPATH": tmp, "PYTHONSAFEPATH": "1"},
        )
        return json.loads(saved.read_text(encoding="utf-8"))


def compare(ours: dict[str, Any], theirs: dict[str, Any], shown: int = 10) -> int:
    """The number of cases whose rows differ; the first `shown` are printed."""
    differing = [k for k in sorted(set(ours) | set(theirs)) if ours.get(k) != theirs.get(k)]
    for name in differing[:shown]:
        for kind in ("targets", "actuals"):
            a = (ours.get(name) or {}).get(kind, [])
            b = (theirs.get(name) or {}).get(kind, [])
            n = max(len(a), len(b))
            pairs = zip(a + [None] * (n - len(a)), b + [None] * (n - len(b)), strict=True)
            for i, (x, y) in enumerate(pairs):
                if x != y:
                    print(f"{name} {kind} row {i}:\n  this:  {x}\n  other: {y}")
                    break
    return len(differing)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="main", help="revision to compare with (default main)")
    parser.add_argument("--against", type=Path, help="compare with rows saved by --save")
    parser.add_argument("--save", type=Path, help="write this checkout's rows to a JSON file")
    parser.add_argument("--mb", type=float, default=1.0, help="generated documents (MB, default 1)")
    args = parser.parse_args(argv)
    ours = all_rows(args.mb)
    if args.save is not None:
        args.save.write_text(json.dumps(ours, ensure_ascii=False), encoding="utf-8")
        return 0
    if args.against is not None:
        theirs = json.loads(args.against.read_text(encoding="utf-8"))
        other = str(args.against)
    else:
        theirs = _rows_of_rev(args.rev, args.mb)
        other = args.rev
    n_rows = sum(len(v["targets"]) + len(v["actuals"]) for v in theirs.values())
    bad = compare(ours, theirs)
    print(
        f"{len(theirs)} cases, {n_rows} rows of {other}: "
        + ("the same rows" if bad == 0 else f"{bad} cases differ")
    )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
