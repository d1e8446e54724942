"""Merge stage: floor+stretch pairs become one row; restatements of a target become one row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from policylens.extract.rows import Row, changed
from policylens.extract.words import COMPARATOR_AFTER, STRETCH_LINK
from policylens.model.vocab import scope_reading

if TYPE_CHECKING:
    pass


def similarity(a: str, b: str, grams: dict[str, set[str]] | None = None) -> float:
    """Dice coefficient of the character bigrams of `a` and `b` (1.0 when one holds the other).

    `grams` keeps the bigrams of strings already seen: :func:`dedupe` compares a kept row
    with every restatement of it.
    """
    if not a and not b:
        return 1.0
    if a and b and (a in b or b in a):
        return 1.0
    grams = {} if grams is None else grams
    ga = grams.get(a)
    if ga is None:
        ga = grams[a] = {a[i : i + 2] for i in range(len(a) - 1)} or {a}
    gb = grams.get(b)
    if gb is None:
        gb = grams[b] = {b[i : i + 2] for i in range(len(b) - 1)} or {b}
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def pair_stretch(rows: list[Row], text: str) -> list[Row]:
    """Merge 'floor、力争 stretch' pairs into one row (value=floor, value_stretch=stretch)."""
    out: list[Row] = []
    for row in rows:
        if out:
            a = out[-1]
            # the fields first: the text between the values is read only for a possible pair
            if (
                a.sentence_start == row.sentence_start
                and a.unit == row.unit
                and a.stretch is None
                and a.value is not None
                and row.value is not None
                and row.value > a.value
                and _stretch_link(text, a.num_end, row.num_start)
            ):
                out[-1] = changed(a, stretch=row.value, end=row.end)
                continue
        out.append(row)
    return out


def _stretch_link(text: str, start: int, end: int) -> bool:
    """The words between a floor and a higher value make it its stretch (、力争, ，争取达到)."""
    link = text[start:end]
    cmp_tail = COMPARATOR_AFTER.match(link)
    if cmp_tail:
        link = link[cmp_tail.end() :]
    return STRETCH_LINK.match(link) is not None


def _same_target(a: Row, b: Row, grams: dict[str, set[str]]) -> bool:
    if a.needs_review or b.needs_review:
        # rows to review have no value: the same number and unit as written (300GWh)
        if not (a.needs_review and b.needs_review and a.raw and a.raw == b.raw):
            return False
    elif (a.indicator, a.unit) != (b.indicator, b.unit):
        return False
    else:
        # tuples, not sets less None: this runs for every candidate pair
        a_in_b = a.value is not None and a.value in (b.value, b.stretch)
        if not a_in_b and (b.value is None or b.value not in (a.value, a.stretch)):
            return False
    ya = a.period.year if a.period else None
    yb = b.period.year if b.period else None
    stated = not (a.year_inferred or b.year_inferred)  # else a section's year yields to the text's
    if ya is not None and yb is not None and ya != yb and stated:
        return False
    if a.chain and b.chain and a.chain != b.chain and not _headline_abbreviates(a, b):
        return False
    if a.in_headline != b.in_headline:
        return True  # a headline abbreviates the body's subject (规上企业 / 规上工业企业)
    if not a.scope_zh or not b.scope_zh:
        return (
            similarity(a.tail, b.tail, grams) >= 0.6
        )  # a restatement without its subject (annex tables)
    same_words = a.label == b.label and a.covered and b.covered
    if not same_words and similarity(a.scope_zh, b.scope_zh, grams) < 0.6:
        return False
    return similarity(a.tail, b.tail, grams) >= 0.6


def _headline_abbreviates(a: Row, b: Row) -> bool:
    """A headline names the body's subject in fewer words (光伏营收 for 晶硅光伏产业营业收入),
    so its chain may read wider: one row when one subject holds the other's words."""
    if a.in_headline == b.in_headline:
        return False
    head, body = (a, b) if a.in_headline else (b, a)
    core = head.scope_zh.removesuffix("产业")
    return bool(core) and core in body.scope_zh


def _rank(r: Row) -> tuple:
    return (
        r.stretch is not None,
        not r.in_headline,
        not r.in_table,
        r.period is not None and r.period.year is not None,
        not r.year_inferred,
        r.period is not None and r.period.deadline is not None,
        r.scope_explicit,
        -r.start,
    )


def _keys(r: Row) -> list[tuple]:
    if r.needs_review:
        return [(r.indicator, "as written", r.raw)] if r.raw else []
    keys = []  # no comprehension: this runs for every row
    if r.value is not None:
        keys.append((r.indicator, r.unit, r.value))
    if r.stretch is not None:
        keys.append((r.indicator, r.unit, r.stretch))
    return keys


def dedupe(rows: list[Row]) -> list[Row]:
    """One row per target: restatements merge into the most complete statement."""
    kept: list[Row] = []
    index: dict[tuple, list[int]] = {}
    grams: dict[str, set[str]] = {}  # bigrams of the scopes and tails compared so far
    for row in rows:
        keys = _keys(row)
        seen: set[int] = set()
        for key in keys:
            for i in index.get(key, ()):
                if i in seen:
                    continue
                seen.add(i)
                if _same_target(row, kept[i], grams):
                    if _rank(row) > _rank(kept[i]):
                        kept[i] = row
                        for k in keys:
                            index.setdefault(k, []).append(i)
                    break
            else:
                continue
            break
        else:
            for key in keys:
                index.setdefault(key, []).append(len(kept))
            kept.append(row)
    return kept


def label_rows(rows: list[Row]) -> None:
    """English label and chain key of each row's scope (memoised per call)."""
    memo: dict[str, tuple[str, str, bool]] = {}
    for r in rows:
        found = memo.get(r.scope_zh)
        if found is None:
            found = memo[r.scope_zh] = scope_reading(r.scope_zh)
        r.label, r.chain, r.covered = found
