"""Revisions: the same goal lined up across successive documents of a province.

How two documents are compared (a function of the targets and documents tables):

1. A province's documents are placed in time by issue date (else the first
   year of their horizon); a draft comes before a final of the same date.
2. A document *follows* the nearest earlier one with the same title once years,
   征求意见稿 and review words are set aside (``goals.series_stem``): a draft
   and its final, one year's action plan and the next, a plan and its review.
3. For every goal key (``goals.goal_key``), a document's goals are compared
   with those of the document it follows when that one states the key, else
   with the nearest earlier document of the province that does. Earlier goals
   already past due when the later document came out are left to attainment.
4. Goals pair by target year (then by the closest value); when one goal of the
   key is left on each side with different years, the year moved
   (postponed / brought_forward). Between a document and the one it follows,
   what is left is ``dropped`` (earlier) or ``new`` (later).

The reviewer's ``revision:`` decisions reject a proposed pair or pair two goals
by hand; every row says in ``why`` why its two goals are taken for one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from policylens.errors import ReviewError
from policylens.model.schema import conform, empty_frame, validate
from policylens.overtime.decisions import RevisionDecision, describe
from policylens.overtime.goals import (
    describe_key,
    document_order,
    goal_key,
    number,
    same_value,
    shown,
    text_or_empty,
    year_of,
)

_SIDE_FIELDS = {
    "target": "target_id",
    "value": "value",
    "stretch": "value_stretch",
    "year": "target_year",
    "comparator": "comparator",
    "commitment": "commitment",
    "quote": "quote",
}


@dataclass
class _Decisions:
    """The reviewer's decisions, and which of the rejections met a proposed pair."""

    rejected: dict[tuple[str, str], RevisionDecision] = field(default_factory=dict)
    paired: list[RevisionDecision] = field(default_factory=list)
    used: set[tuple[str, str]] = field(default_factory=set)

    def allowed(self, earlier: str, later: str) -> bool:
        if (earlier, later) in self.rejected:
            self.used.add((earlier, later))
            return False
        return True


def revisions(
    targets: pd.DataFrame,
    documents: pd.DataFrame,
    decisions: Iterable[RevisionDecision] = (),
    *,
    decisions_path=None,
) -> pd.DataFrame:
    """The ``revisions`` table of ``targets`` (validated), one row per pair or lone goal.

    ``decisions``: checked ``revision:`` entries (``decisions.read_revision_decisions``).
    A rejection that meets no proposed pair is an error naming it.
    """
    decided = _Decisions()
    for decision in decisions:
        if decision.action == "reject":
            decided.rejected[(decision.earlier, decision.later)] = decision
        else:
            decided.paired.append(decision)
    by_id = {str(row["target_id"]): row for row in _records(targets)}
    hand = {d.earlier for d in decided.paired} | {d.later for d in decided.paired}
    rows = [
        _pair_row(by_id[d.earlier], by_id[d.later], describe(d), "reviewed") for d in decided.paired
    ]
    order = document_order(documents)
    for _, docs in order.groupby("province", sort=True, observed=True):
        rows += _province_rows(list(docs.itertuples(index=False)), targets, decided, hand)
    unused = [d for key, d in decided.rejected.items() if key not in decided.used]
    if unused:
        raise ReviewError(
            f"{unused[0].where()} rejects a pair policylens does not propose",
            path=decisions_path,
            fix="remove the decision (the pair is not proposed any more), or check the two goals",
        )
    return _table(rows)


def _province_rows(docs: list, targets: pd.DataFrame, decided: _Decisions, hand: set) -> list:
    """Every revision row of one province's documents (in order); goals paired by hand
    (``hand``: their target ids) are left out of the matching."""
    rows = []
    # only this province's documents: keying the whole corpus for each province was
    # quadratic (165 s of a 1,000-document build)
    mine = targets["doc_id"].astype(str).isin({doc.doc_id for doc in docs})
    free = targets[mine & ~targets["target_id"].astype(str).isin(hand)]
    keyed: dict[str, dict[tuple, list[dict]]] = {}
    for row in _records(free):  # one conversion per province, grouped by document here
        keyed.setdefault(str(row["doc_id"]), {}).setdefault(goal_key(row), []).append(row)
    for position, later in enumerate(docs):
        earlier_docs = docs[:position]
        predecessor = next((d for d in reversed(earlier_docs) if d.stem == later.stem), None)
        mine = keyed.get(later.doc_id, {})
        before = keyed.get(predecessor.doc_id, {}) if predecessor is not None else {}
        for key in sorted(set(mine) | set(before)):
            compared = predecessor if key in before else _nearest(earlier_docs, key, keyed)
            rows += _compare_key(
                key, compared, later, predecessor, mine.get(key, []), keyed, decided
            )
    return rows


def _nearest(earlier_docs: list, key, keyed: dict):
    """The nearest earlier document that states a goal with ``key``."""
    return next((d for d in reversed(earlier_docs) if key in keyed.get(d.doc_id, {})), None)


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows of ``frame`` as dicts (read by column name, as rows of iterrows were, at a
    fraction of the cost: a 1,000-document build keyed ~9,000 targets that way)."""
    return frame.to_dict("records")


def _compare_key(key, compared, later, predecessor, later_rows, keyed, decided) -> list:
    """The rows of one goal key between the ``compared`` document and ``later``."""
    if compared is None:
        if predecessor is None:
            return []
        return [
            _lone_row(r, predecessor.doc_id, later.doc_id, "new", _new_why(key, predecessor))
            for r in later_rows
        ]
    due_from = later.order_date.year
    earlier_rows = [
        r
        for r in keyed.get(compared.doc_id, {}).get(key, [])
        if year_of(r["target_year"]) is None or year_of(r["target_year"]) >= due_from
    ]
    pairs, left_earlier, left_later = _match(earlier_rows, later_rows, decided)
    relation = _relation(compared, later)
    rows = [
        _pair_row(e, g, f"{describe_key(key)}; {how}; {relation}", "matched") for e, g, how in pairs
    ]
    if compared is predecessor:
        rows += [
            _lone_row(
                r, compared.doc_id, later.doc_id, "dropped", _dropped_why(key, compared, later)
            )
            for r in left_earlier
        ]
    if predecessor is not None:
        rows += [
            _lone_row(r, predecessor.doc_id, later.doc_id, "new", _new_why(key, predecessor))
            for r in left_later
        ]
    return rows


def _match(earlier: list, later: list, decided: _Decisions):
    """Pair goals of one key: same target year first (closest value), then one left each side."""
    pairs, left = [], list(earlier)
    rest = []
    for row in sorted(later, key=lambda r: number(r["value"]) or 0.0):
        candidates = [
            e
            for e in left
            if year_of(e["target_year"]) == year_of(row["target_year"])
            and decided.allowed(str(e["target_id"]), str(row["target_id"]))
        ]
        if not candidates:
            rest.append(row)
            continue
        best = min(candidates, key=lambda e: _distance(e, row))
        left = [e for e in left if e is not best]
        year = year_of(row["target_year"])
        pairs.append((best, row, f"same target year {year}" if year else "both without a year"))
    if len(left) == 1 and len(rest) == 1:
        early, late = left[0], rest[0]
        years = year_of(early["target_year"]), year_of(late["target_year"])
        if None not in years and decided.allowed(str(early["target_id"]), str(late["target_id"])):
            pairs.append(
                (
                    early,
                    late,
                    f"the one goal of this key on each side, due {years[0]} and {years[1]}",
                )
            )
            left, rest = [], []
    return pairs, left, rest


def _distance(a: pd.Series, b: pd.Series) -> float:
    x, y = number(a["value"]) or 0.0, number(b["value"]) or 0.0
    return abs(x - y) / max(abs(x), abs(y), 1e-12)


def _relation(earlier, later) -> str:
    if earlier.stem == later.stem:
        if str(earlier.status) == "draft" and str(later.status) == "final":
            return f"{later.doc_id} is the final version of the draft {earlier.doc_id}"
        return f"{later.doc_id} is the next version of {earlier.doc_id} (same plan title)"
    return f"{earlier.doc_id} is the nearest earlier document of the province with this goal"


def _dropped_why(key, earlier, later) -> str:
    return (
        f"{earlier.doc_id} states this goal; {later.doc_id}, the next version of the plan, "
        f"states none that pairs with it ({describe_key(key)})"
    )


def _new_why(key, earlier) -> str:
    return (
        f"{earlier.doc_id}, the previous version of the plan, states no goal that pairs with "
        f"it ({describe_key(key)})"
    )


def change_of(earlier: pd.Series, later: pd.Series) -> tuple[str, list[str]]:
    """What changed from ``earlier`` to ``later``, and the details in words.

    A moved year is the change (postponed / brought_forward) even when the value
    moved too; otherwise the floor decides, then the stretch (a goal without a
    stretch reaches as high as its floor). A cap on both sides (comparator '<=',
    控制在…以内) reads by ambition, as an economist reads a limit: a lower cap is
    ``tightened``, a higher one ``loosened`` (never raised/lowered, which would read
    a stricter cap as a goal cut).
    """
    details = []
    years = year_of(earlier["target_year"]), year_of(later["target_year"])
    floors = number(earlier["value"]), number(later["value"])
    stretches = (
        number(earlier["value_stretch"]) or floors[0],
        number(later["value_stretch"]) or floors[1],
    )
    for name in ("comparator", "commitment"):
        before, after = text_or_empty(earlier[name]), text_or_empty(later[name])
        if before != after:
            details.append(f"{name} {before} → {after}")
    caps = text_or_empty(earlier["comparator"]) == text_or_empty(later["comparator"]) == "<="
    by_value = "unchanged"
    for before, after, name in ((*floors, "value"), (*stretches, "stretch")):
        if not same_value(before, after) and None not in (before, after):
            if caps:
                name, by_value = "cap", ("loosened" if after > before else "tightened")
            else:
                by_value = "raised" if after > before else "lowered"
            unit = text_or_empty(later["unit"])
            details.append(f"{name} {by_value} from {shown(before, unit)} to {shown(after, unit)}")
            break
    if None not in years and years[0] != years[1]:
        return ("postponed" if years[1] > years[0] else "brought_forward"), details
    return by_value, details


def _side(prefix: str, row: pd.Series | None) -> dict:
    return {
        f"{prefix}_{name}": (None if row is None else row[column])
        for name, column in _SIDE_FIELDS.items()
    }


def _goal(row: pd.Series) -> dict:
    return {
        name: row[name]
        for name in ("province", "indicator", "unit", "per", "chain", "scope_zh", "scope")
    }


def _pair_row(earlier: pd.Series, later: pd.Series, why: str, origin: str) -> dict:
    change, details = change_of(earlier, later)
    why = why + ("; " + "; ".join(details) if details else "")
    return {
        **_goal(later),
        "earlier_doc": earlier["doc_id"],
        "later_doc": later["doc_id"],
        **_side("earlier", earlier),
        **_side("later", later),
        "change": change,
        "why": why,
        "origin": origin,
    }


def _lone_row(row: pd.Series, earlier_doc: str, later_doc: str, change: str, why: str) -> dict:
    earlier, later = (row, None) if change == "dropped" else (None, row)
    return {
        **_goal(row),
        "earlier_doc": earlier_doc,
        "later_doc": later_doc,
        **_side("earlier", earlier),
        **_side("later", later),
        "change": change,
        "why": why,
        "origin": "matched",
    }


def _table(rows: list[dict]) -> pd.DataFrame:
    """The rows as the validated ``revisions`` table, numbered per later document."""
    if not rows:
        return validate(empty_frame("revisions"), "revisions")
    frame = pd.DataFrame(rows)
    pair = frame["earlier_target"].astype("string").fillna("") + "|"
    pair += frame["later_target"].astype("string").fillna("")
    year = frame["later_year"].fillna(frame["earlier_year"]).fillna(0).astype(int)
    order = ["province", "later_doc", "earlier_doc", "indicator", "scope_zh", "_year", "_pair"]
    frame = frame.assign(_pair=pair, _year=year).sort_values(order, kind="stable")
    frame = frame.drop_duplicates("_pair").drop(columns=["_pair", "_year"])
    number_ = frame.groupby("later_doc", sort=False).cumcount() + 1
    frame["revision_id"] = frame["later_doc"].astype(str) + ":r" + number_.astype(str)
    return validate(conform(frame, "revisions"), "revisions")


#: The most rows a revisions chart shows (the largest changes first): a chart summarises.
TOP = 24


def revision_index(revisions: pd.DataFrame, *, top: int = TOP) -> tuple[pd.DataFrame, int]:
    """The rows a revisions chart draws, and how many more the table holds.

    Each pair gets ``index`` = later value (floor) as a share of the earlier one
    (earlier = 100), so goals in any unit share one axis; a dropped or new goal
    has no index. The largest changes come first (then dropped, new, unchanged),
    at most ``top`` rows.

    >>> rows = pd.DataFrame({"change": ["raised", "dropped"], "earlier_value": [100.0, 5.0],
    ...                      "later_value": [120.0, None]})
    >>> list(revision_index(rows)[0]["index"].round(1).fillna(-1))
    [120.0, -1.0]
    """
    frame = revisions.copy()
    before = pd.to_numeric(frame["earlier_value"], errors="coerce")
    after = pd.to_numeric(frame["later_value"], errors="coerce")
    frame["index"] = (after / before * 100).where(before > 0)
    rank = {"dropped": 1, "new": 2, "unchanged": 3}
    frame["_rank"] = frame["change"].astype(str).map(rank).fillna(0)
    frame["_size"] = -(frame["index"] - 100).abs().fillna(0)
    frame = frame.sort_values(["_rank", "_size"], kind="stable").drop(columns=["_rank", "_size"])
    return frame.head(top).reset_index(drop=True), max(len(frame) - top, 0)
