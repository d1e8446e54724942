"""How fast is `extract_targets`, next to a bare regex scan and jionlp's money extractor?

The corpus is generated, not downloaded: sentences of the bundled documents are
recombined into documents of ~25 KB with their numbers randomised (years stay
plausible), deterministically from a seed. All three methods run in this same
process, on one core, over the same documents, one document per call, and
are timed in CPU seconds of this process. On a shared machine a method's speed moves
by half between minutes, so the methods are interleaved: each of ``--rounds`` rounds
(default 5) times bare, ours and jionlp one after the other, each ratio is taken
within its round, and the median ratio is reported with its range. The bare scan is
repeated within its round until it has run for at least ``BARE_SECONDS`` of CPU (one
pass takes a few hundredths of a second: timer and neighbours would otherwise decide
the ratio). Each method reads one document before its first round (jionlp loads its
dictionaries on its first call).

* bare   — `re.finditer(r"\\d+(?:\\.\\d+)?\\s*(?:亿元|万元|GW|家|个|%)")`, the floor;
* ours   — `extract_target_rows(text, issued)` per document, one DataFrame per batch
  (`targets_frame`); ours/doc — `extract_targets(text, issued)`, a DataFrame each;
* jionlp — `jionlp.ner.extract_money(text)` (the `bench` extra; skipped if absent).

Peak memory is measured in fresh processes that stream documents of a small and
a large corpus through `extract_targets`: flat peaks show memory does not grow
with the amount of text.

The real-text mode (``--real``) times the same three methods on the five bundled
documents as they are (each with its issue date), repeated to the requested size.

``ours`` is the extractor as a corpus run uses it: `extract_target_rows` per
document and one DataFrame (`targets_frame`) for the batch; ``ours/doc`` builds a
DataFrame per document (`extract_targets`), which costs ~0.5 ms a document.

Run:  python benchmarks/extract_speed.py            # 50 MB, the reference run
      python benchmarks/extract_speed.py --mb 2 --rounds 3   # a quick look
      python benchmarks/extract_speed.py --real --mb 2 --no-memory   # the bundled texts
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BARE = re.compile(r"\d+(?:\.\d+)?\s*(?:亿元|万元|GW|家|个|%)")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_SENTENCE = re.compile(r"[^。\n]+[。\n]?")
DOC_BYTES = 25_000
BARE_SECONDS = 0.5  # each round times the bare scan for at least this much CPU


def _sentences(root: Path = REPO) -> list[str]:
    """Sentences of the bundled corpus (the lead's `load_text` gives normalised text)."""
    import policylens as pl

    out: list[str] = []
    for doc_id in pl.load_documents(root).doc_id:
        out += [s for s in _SENTENCE.findall(pl.load_text(doc_id, root)) if len(s.strip()) > 4]
    return out


#: a number, or two joined as a range (1-2个, 3至5家): the bounds are drawn apart, then ordered
_NUMBER_OR_RANGE = re.compile(
    rf"(?P<lo>{_NUMBER.pattern})(?:(?P<sep>\s*(?:-|~|～|—|–|至|到)\s*)(?P<hi>{_NUMBER.pattern}))?"
)
#: a number that names, not counts: 世界500强, 中国500强 (TARGETS.md: rankings and names)
_NAMING_AFTER = re.compile(r"强")


def _randomise(sentence: str, rng: random.Random) -> str:
    """The sentence with its numbers redrawn (years as years); a range stays ascending
    (5-4个 is no range a plan writes, 2023-2026年 two years) and a ranking (世界500强)
    keeps its number."""

    def draw(text: str, end: int, year_at: int = -1) -> str:
        if sentence[max(end, year_at) : max(end, year_at) + 1] == "年" and len(text) == 4:
            return str(rng.randint(2020, 2030))
        whole, _, frac = text.partition(".")
        digits = len(whole)
        new = str(rng.randint(10 ** (digits - 1) if digits > 1 else 0, 10**digits - 1))
        new += "." + str(rng.randint(1, 9)) if frac else ""
        return text if _NAMING_AFTER.match(sentence, end) else new

    def repl(m: re.Match[str]) -> str:
        lo = draw(m.group("lo"), m.end("lo"), m.end())  # 2023-2026年: two years
        if m.group("hi") is None:
            return lo
        hi = draw(m.group("hi"), m.end("hi"))
        low, high = sorted((lo, hi), key=float)
        return low + m.group("sep") + high

    return _NUMBER_OR_RANGE.sub(repl, sentence)


def documents(mb: float, seed: int = 20240112) -> Iterator[str]:
    """Policy-like documents totalling about `mb` MB of UTF-8, generated lazily."""
    rng = random.Random(seed)
    pool = _sentences()
    budget = int(mb * 1_000_000)
    while budget > 0:
        doc = compose(pool, rng, DOC_BYTES)
        budget -= len(doc.encode("utf-8"))
        yield doc


def compose(pool: list[str], rng: random.Random, size: int) -> str:
    """One document of about ``size`` bytes: sentences of ``pool`` with randomised numbers."""
    parts: list[str] = []
    used = 0
    while used < size:
        s = _randomise(rng.choice(pool), rng)
        if not s.endswith(("。", "\n")):
            s += "。"
        if s.endswith("\n") and parts and not parts[-1].endswith("\n"):
            s = "\n" + s  # a line of its own (一、总体要求, a contact line) starts one
        if rng.random() < 0.2:
            s += "\n"
        parts.append(s)
        used += len(s.encode("utf-8"))
    return "".join(parts)


def real_documents(mb: float) -> list[tuple[str, str | None]]:
    """The bundled documents with their issue dates, repeated to about `mb` MB."""
    import policylens as pl

    docs = pl.load_documents()
    one = [
        (
            pl.load_text(d.doc_id),
            None if d.issued is None or str(d.issued) == "NaT" else str(d.issued)[:10],
        )
        for d in docs.itertuples()
    ]
    size = sum(len(t.encode("utf-8")) for t, _ in one)
    return one * max(1, round(mb * 1e6 / size))


def _batch(docs: list[str], issued: dict[int, str | None], day: str) -> int:
    """Rows of every document, one DataFrame for the batch (as a corpus run builds them)."""
    from policylens.extract import extract_target_rows, targets_frame

    rows = []
    for d in docs:
        rows += extract_target_rows(d, issued.get(id(d), day))
    return len(targets_frame(rows))


def _chars(docs: list) -> int:
    if docs and isinstance(docs[0], str):
        return sum(len(d) for d in docs)
    return sum(len(d) for batch in docs for d in batch)


def _cpu_rate(docs: list, fn, min_seconds: float = 0.0) -> tuple[float, int]:
    """Characters per CPU second of `fn` over `docs`, passes repeated until `min_seconds`."""
    chars = _chars(docs)
    passes, found = 0, 0
    start = time.process_time()  # CPU time of this process: fair on a shared machine
    while True:
        found = sum(fn(d) for d in docs)
        passes += 1
        seconds = time.process_time() - start
        if seconds >= min_seconds:
            return chars * passes / seconds, found


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _rounds(methods: dict[str, tuple[list, object, float]], rounds: int) -> dict[str, list]:
    """Rates per method and round, the methods interleaved within each round."""
    for docs, fn, _ in methods.values():
        fn(docs[0])  # warm-up: imports, compiled regexes, jionlp's dictionaries
    rates: dict[str, list[float]] = {name: [] for name in methods}
    hits: dict[str, int] = {}
    for _ in range(max(1, rounds)):
        for name, (docs, fn, min_seconds) in methods.items():
            rate, hits[name] = _cpu_rate(docs, fn, min_seconds)
            rates[name].append(rate)
    for name, series in rates.items():
        spread = f"{min(series) / 1e6:.2f}–{max(series) / 1e6:.2f}"
        print(
            f"  {name:<9} {_median(series) / 1e6:8.2f} M chars/s median "
            f"({spread} over {len(series)} rounds, {hits[name]} hits a pass)"
        )
    return rates


def _ratio(label: str, top: list[float], bottom: list[float], aim: str) -> None:
    """The median and range of a ratio taken within each round."""
    series = [a / b for a, b in zip(top, bottom, strict=True)]
    print(
        f"  {label} = {_median(series):5.1f}   "
        f"(rounds {min(series):.1f}–{max(series):.1f}; aim {aim})"
    )


def _head(docs: list[str], mb: float | None) -> list[str]:
    """The first documents of `docs` up to `mb` MB (all of them when `mb` is None)."""
    if mb is None:
        return docs
    budget, out = mb * 1e6, []
    for d in docs:
        if budget <= 0:
            break
        out.append(d)
        budget -= len(d.encode("utf-8"))
    return out


def _peak_rss_mb(mb: float) -> float:
    """Peak resident memory of a fresh process streaming `mb` MB through the extractor."""
    out = subprocess.run(
        [sys.executable, __file__, "--memory-probe", str(mb)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])["peak_rss_mb"]


def _memory_probe(mb: float) -> None:
    from policylens.extract import extract_targets

    import_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = 0
    for doc in documents(mb):
        rows += len(extract_targets(doc, "2024-01-12"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_rss_mb": round(peak, 1), "after_import_mb": round(import_rss, 1)}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument(
        "--jionlp-mb",
        type=float,
        default=None,
        help="time jionlp on only the first N MB (it is slow); default: the whole corpus",
    )
    parser.add_argument("--no-memory", action="store_true", help="skip the memory probes")
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="rounds of bare, ours and jionlp interleaved; ratios per round (default 5)",
    )
    parser.add_argument(
        "--real", action="store_true", help="the bundled documents as they are, repeated"
    )
    parser.add_argument("--memory-probe", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_probe is not None:
        _memory_probe(args.memory_probe)
        return 0

    from policylens.extract import extract_targets

    if args.real:
        dated = real_documents(args.mb)
        docs = [t for t, _ in dated]
        issued = {id(t): i for t, i in dated}
        kind = "the five bundled documents, repeated"
    else:
        docs = list(documents(args.mb))
        issued = {}
        kind = "generated from the bundled sentences"
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    chars = sum(len(d) for d in docs) / 1e6
    print(f"corpus ({kind}): {size:.1f} MB UTF-8, {chars:.1f} M chars, {len(docs)} documents")
    day = "2024-01-12"
    methods = {
        "bare": (docs, lambda d: sum(1 for _ in BARE.finditer(d)), BARE_SECONDS),
        "ours": ([docs], lambda batch: _batch(batch, issued, day), 0.0),
        "ours/doc": (docs, lambda d: len(extract_targets(d, issued.get(id(d), day))), 0.0),
    }
    try:
        import jionlp
    except ImportError:
        print("  jionlp   not installed (pip install -e '.[bench]'): skipped")
    else:
        sample = _head(docs, args.jionlp_mb)
        methods["jionlp"] = (sample, lambda d: len(jionlp.ner.extract_money(d)), 0.0)
    rates = _rounds(methods, args.rounds)
    print("ratios (each within its round):")
    if "jionlp" in rates:
        _ratio("ours / jionlp", rates["ours"], rates["jionlp"], ">= 3")
    _ratio("bare / ours  ", rates["bare"], rates["ours"], "<= 10")
    if not args.no_memory:
        small = max(args.mb / 5, 1.0)
        print("peak memory streaming documents through extract_targets (fresh process each):")
        for mb in (small, args.mb):
            print(f"  {mb:6.1f} MB corpus: {_peak_rss_mb(mb):7.1f} MiB peak RSS")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
