"""Merge stage: floor+stretch pairs become one row; restatements of a target become one row."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from policylens.extract.rows import Row
from policylens.extract.words import COMPARATOR_AFTER, STRETCH_LINK
from policylens.model.vocab import known_words, label_scope

if TYPE_CHECKING:
    pass


def similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    if a and b and (a in b or b in a):
        return 1.0
    ga = {a[i : i + 2] for i in range(len(a) - 1)} or {a}
    gb = {b[i : i + 2] for i in range(len(b) - 1)} or {b}
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def pair_stretch(rows: list[Row], text: str) -> list[Row]:
    """Merge 'floor、力争 stretch' pairs into one row (value=floor, value_stretch=stretch)."""
    out: list[Row] = []
    for row in rows:
        if out:
            a = out[-1]
            link = text[a.num_end : row.num_start]
            cmp_tail = COMPARATOR_AFTER.match(link)
            if cmp_tail:
                link = link[cmp_tail.end() :]
            if (
                a.sentence_start == row.sentence_start
                and a.unit == row.unit
                and a.stretch is None
                and a.value is not None
                and row.value is not None
                and row.value > a.value
                and STRETCH_LINK.match(link)
            ):
                out[-1] = replace(a, stretch=row.value, end=row.end)
                continue
        out.append(row)
    return out


def _same_target(a: Row, b: Row) -> bool:
    if a.needs_review or b.needs_review:
        # rows to review have no value: the same number and unit as written (300GWh)
        if not (a.needs_review and b.needs_review and a.raw and a.raw == b.raw):
            return False
    elif (a.indicator, a.unit) != (b.indicator, b.unit):
        return False
    else:
        av = {a.value, a.stretch} - {None}
        bv = {b.value, b.stretch} - {None}
        if a.value not in bv and b.value not in av:
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
        return similarity(a.tail, b.tail) >= 0.6  # a restatement without its subject (annex tables)
    same_words = a.label == b.label and a.covered and b.covered
    if not same_words and similarity(a.scope_zh, b.scope_zh) < 0.6:
        return False
    return similarity(a.tail, b.tail) >= 0.6


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
    return [(r.indicator, r.unit, v) for v in (r.value, r.stretch) if v is not None]


def dedupe(rows: list[Row]) -> list[Row]:
    """One row per target: restatements merge into the most complete statement."""
    kept: list[Row] = []
    index: dict[tuple, list[int]] = {}
    for row in rows:
        seen: set[int] = set()
        for key in _keys(row):
            for i in index.get(key, ()):
                if i in seen:
                    continue
                seen.add(i)
                if _same_target(row, kept[i]):
                    if _rank(row) > _rank(kept[i]):
                        kept[i] = row
                        for k in _keys(row):
                            index.setdefault(k, []).append(i)
                    break
            else:
                continue
            break
        else:
            for key in _keys(row):
                index.setdefault(key, []).append(len(kept))
            kept.append(row)
    return kept


def label_rows(rows: list[Row]) -> None:
    """English label and chain key of each row's scope (memoised per call)."""
    memo: dict[str, tuple[str, str, bool]] = {}
    for r in rows:
        if r.scope_zh not in memo:
            known = sum(len(w) for w in known_words(r.scope_zh))
            memo[r.scope_zh] = (*label_scope(r.scope_zh), known >= 0.75 * len(r.scope_zh))
        r.label, r.chain, r.covered = memo[r.scope_zh]
