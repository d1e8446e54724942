"""How accurate is `extract_targets` on documents it was never developed on?

The held-out set is `tests/data/heldout/`: policy texts from provinces and cities
outside the bundled corpus, and `gold.yaml`, the targets a careful economist
records in each (written from the texts and DESIGN.md, not from extractor output),
plus `not_targets`, substrings with numbers that must not give a row.

For each document `extract_targets(text, issued)` runs and is scored:

* a gold target is *found* when an extracted row overlaps its quote's span (or a
  `restated` span, e.g. an annex row) and has its unit (`needs_review` gold needs a
  `needs_review` row); rows with the same value are preferred;
* recall    = gold targets found / gold targets;
* precision = matched rows / extracted rows. Every other row is a false positive:
  a *duplicate* of a found target, a *not-target* (overlaps a `not_targets`
  substring) or an *unjudged extra* (matches nothing in the gold);
* field accuracy = agreeing fields / compared fields over the found targets, for
  indicator, value, value_stretch, comparator, commitment, target_year;
* target-level F1: a gold target counts when its row has the same value, unit,
  indicator, value_stretch, comparator, commitment and target_year (precision over
  all rows, recall over all gold targets); value-level F1: the same with value and
  unit only. A `needs_review` gold target needs a row to review (no value); when the
  gold gives `unit_as_written`, a differing one is listed.

Every miss, false positive and field mismatch is listed. Always exits 0: a report.

Run:  python benchmarks/heldout_accuracy.py              # all documents
      python benchmarks/heldout_accuracy.py --doc hubei  # documents whose file contains it
      python benchmarks/heldout_accuracy.py --data DIR   # another folder (.txt files + gold.yaml)
      python benchmarks/heldout_accuracy.py --summary    # only the totals lines (no quotes)
"""

from __future__ import annotations

import argparse
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from policylens import extract_targets

HELDOUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "heldout"
FIELDS = ("indicator", "value", "value_stretch", "comparator", "commitment", "target_year")
Span = tuple[int, int]


def _norm(v: Any) -> Any:
    """None for empty cells; floats for numbers; str otherwise."""
    if v is None or (isinstance(v, str) and v == "") or (not isinstance(v, str) and pd.isna(v)):
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(v) if isinstance(v, str) and v[0].isdigit() else str(v)
    except ValueError:
        return str(v)


def _same(a: Any, b: Any) -> bool:
    a, b = _norm(a), _norm(b)
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9)
    return a == b


def _span(text: str, quote: str, where: str) -> Span:
    n = text.count(quote)
    if n != 1:
        raise SystemExit(f"{where}: gold quote {quote!r} occurs {n} times; it must occur once")
    i = text.find(quote)
    return i, i + len(quote)


def _spans_all(text: str, quote: str, where: str) -> list[Span]:
    starts = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not starts:
        raise SystemExit(f"{where}: not-target {quote!r} does not occur in the text")
    return [(i, i + len(quote)) for i in starts]


def _overlap(row: dict[str, Any], span: Span) -> int:
    return max(0, min(int(row["char_end"]), span[1]) - max(int(row["char_start"]), span[0]))


def _overlaps(row: dict[str, Any], span: Span) -> bool:
    return _overlap(row, span) > 0


@dataclass
class Report:
    gold: int = 0
    found: int = 0
    rows: int = 0
    fields: int = 0
    fields_ok: int = 0
    exact: int = 0  # found with every field right (target level)
    valued: int = 0  # found with the right value and unit (value level)
    by_field: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    lines: list[str] = field(default_factory=list)


def _unit_ok(gold: dict[str, Any], row: dict[str, Any]) -> bool:
    if gold.get("needs_review"):
        return bool(row["needs_review"])
    return not row["needs_review"] and _norm(row["unit"]) == gold["unit"]


def score(doc: dict[str, Any], rep: Report, data: Path = HELDOUT) -> None:
    """Score one gold document of the folder `data`, adding to `rep`."""
    name = doc["file"]
    text = (data / name).read_text(encoding="utf-8")
    issued = None if doc.get("issued") is None else str(doc["issued"])
    rows = extract_targets(text, issued).to_dict("records")
    golds = doc["targets"]
    spans = [[_span(text, q, name) for q in [g["quote"], *g.get("restated", [])]] for g in golds]
    nots = [n if isinstance(n, str) else n["text"] for n in doc.get("not_targets", [])]
    # a not-target only labels false positives, so it may occur more than once
    not_spans = [_spans_all(text, q, name) for q in nots]

    match: dict[int, int] = {}  # gold index -> row index
    used: set[int] = set()
    for need_value in (True, False):
        for gi, g in enumerate(golds):
            if gi in match:
                continue
            ok = [
                ri
                for s in spans[gi]  # the quote itself before its restatements
                for ri, r in enumerate(rows)
                if ri not in used
                and _overlaps(r, s)
                and _unit_ok(g, r)
                and (not need_value or _same(g["value"], r["value"]))
            ]
            if ok:
                match[gi] = ok[0]
                used.add(ok[0])

    found, fields, fields_ok = len(match), 0, 0
    out = [f"== {name}"]
    for gi, g in enumerate(golds):
        if gi not in match:
            out.append(f"  MISS      {g['quote']}  ({g['indicator']} {g['value']} {g['unit']})")
            continue
        r = rows[match[gi]]
        bad = [f for f in FIELDS if not _same(g.get(f), r[f])]
        diffs = [f"{f}: gold {g.get(f)!r} got {_norm(r[f])!r}" for f in bad]
        rep.exact += not bad
        rep.valued += "value" not in bad
        written = g.get("unit_as_written")
        if written and r.get("unit_as_written") != written:
            diffs.append(f"unit_as_written: gold {written!r} got {r.get('unit_as_written')!r}")
        for f in bad:
            rep.by_field[f] += 1
        fields += len(FIELDS)
        fields_ok += len(FIELDS) - len(diffs)
        if diffs:
            out.append(f"  FIELD     {g['quote']}  [{r['quote']}]  " + "; ".join(diffs))
    for ri, r in enumerate(rows):
        if ri in used:
            continue
        dup = any(
            _unit_ok(g, r)
            and _same(g["value"], r["value"])
            and any(_overlaps(r, s) for s in spans[gi])
            for gi, g in enumerate(golds)
            if gi in match
        )
        overlap = [
            (max(_overlap(r, s) for s in ss), q) for q, ss in zip(nots, not_spans, strict=True)
        ]
        hit = max(overlap, default=(0, ""))[1] if any(n for n, _ in overlap) else None
        kind = "DUPLICATE" if dup else f"NOT-TARGET ({hit})" if hit else "EXTRA"
        out.append(
            f"  FP {kind:9} {r['quote']}  ({r['indicator']} {_norm(r['value'])} {_norm(r['unit'])}"
            f"{' review' if r['needs_review'] else ''})"
        )
    rep.gold += len(golds)
    rep.found += found
    rep.rows += len(rows)
    rep.fields += fields
    rep.fields_ok += fields_ok
    out[0] += f" | recall {_pct(found, len(golds))} precision {_pct(found, len(rows))}"
    rep.lines.extend(out)


def _f1(hits: int, rows: int, gold: int) -> str:
    """F1 of `hits` correct rows among `rows` extracted, against `gold` targets."""
    p = hits / rows if rows else 0.0
    r = hits / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"{f1:.3f} (precision {_pct(hits, rows)}, recall {_pct(hits, gold)})"


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:.0f}%" if b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doc", help="only documents whose file name contains this")
    parser.add_argument(
        "--data",
        type=Path,
        default=HELDOUT,
        help="folder with the .txt files and gold.yaml (default: tests/data/heldout)",
    )
    parser.add_argument(
        "--summary",
        action="store_true",
        help="print only each document's recall/precision line and the totals (no quotes)",
    )
    args = parser.parse_args()
    gold = yaml.safe_load((args.data / "gold.yaml").read_text(encoding="utf-8"))
    rep = Report()
    for doc in gold["documents"]:
        if args.doc is None or args.doc in doc["file"]:
            score(doc, rep, args.data)
    if not args.summary:
        print("\n".join(rep.lines) + "\n")
    print(f"TOTAL target-level F1 {_f1(rep.exact, rep.rows, rep.gold)}")
    print(f"TOTAL value-level F1 {_f1(rep.valued, rep.rows, rep.gold)}")
    print(
        f"TOTAL recall {_pct(rep.found, rep.gold)} | precision {_pct(rep.found, rep.rows)}"
        f" | field accuracy {_pct(rep.fields_ok, rep.fields)}"
    )
    print("mismatches by field: " + ", ".join(f"{k} {v}" for k, v in rep.by_field.items()))


if __name__ == "__main__":
    main()
