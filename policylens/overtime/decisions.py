"""The reviewer's word on revision pairs: the ``revision:`` section of review.yaml.

Revision pairs are proposed by :mod:`policylens.overtime.revisions`; a reviewer
can reject a pair (the two rows are not the same goal) or pair two goals by
hand (the same goal written under another scope, say)::

    - revision:
        action: reject              # reject | pair
        earlier: {doc_id: hubei_pv_draft, quote: 全省光伏产业营业收入达到3000亿元}
        later: {target_id: "hubei_pv_final:1"}
        note: why (optional)

Each side names one target: by ``target_id``, or by ``doc_id`` and a quote
that overlaps exactly one target of that document. Every entry is checked like
a target decision; a bad one stops the build with a message naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd

from policylens.errors import ReviewError
from policylens.overtime.goals import document_order, text_or_empty
from policylens.review import REVISION_KEY, is_revision_entry, load_entries

REVISION_ACTIONS = ("reject", "pair")
_KEYS = {"action", "earlier", "later", "note"}
_SIDE_KEYS = {"doc_id", "quote", "target_id"}


@dataclass(frozen=True)
class RevisionDecision:
    """One ``revision:`` entry: reject or pair the goals ``earlier`` and ``later`` (target ids)."""

    number: int
    line: int
    action: str
    earlier: str
    later: str
    note: str = ""

    def where(self) -> str:
        return f"revision decision {self.number} (line {self.line}, {self.earlier} → {self.later})"


def read_revision_decisions(
    path: Path, texts: dict[str, str], targets: pd.DataFrame, documents: pd.DataFrame
) -> list[RevisionDecision]:
    """Every ``revision:`` entry of the decisions file, checked against the built targets."""
    decisions = []
    for number, line, item in load_entries(path):
        if is_revision_entry(item):
            decisions.append(_decision(item, number, line, path, texts, targets, documents))
    _check_conflicts(decisions, path)
    return decisions


def _decision(item, number, line, path, texts, targets, documents) -> RevisionDecision:
    def fail(problem: str, fix: str) -> NoReturn:
        raise ReviewError(
            f"revision decision {number} (line {line}): {problem}", path=path, fix=fix
        )

    body = item[REVISION_KEY]
    if len(item) > 1:
        others = ", ".join(sorted(str(k) for k in item if k != REVISION_KEY))
        fail(f"a revision: entry holds nothing beside it (found {others})", "indent them under it")
    if not isinstance(body, dict):
        fail("revision: must be a mapping", "write action, earlier and later under revision:")
    unknown = sorted(str(k) for k in set(body) - _KEYS)
    if unknown:
        fail(f"unknown key(s) {', '.join(unknown)}", f"the keys are {', '.join(sorted(_KEYS))}")
    action = body.get("action")
    if action not in REVISION_ACTIONS:
        fail(f"action {action!r} is not one of {', '.join(REVISION_ACTIONS)}", "use one of them")
    earlier = _side(body.get("earlier"), "earlier", texts, targets, fail)
    later = _side(body.get("later"), "later", texts, targets, fail)
    _check_pair(targets.loc[earlier], targets.loc[later], action, documents, fail)
    note = body.get("note")
    if note is not None and not isinstance(note, str):
        fail("note must be text", "write the note in quotes")
    return RevisionDecision(
        number, line, action, str(targets.at[earlier, "target_id"]),
        str(targets.at[later, "target_id"]), note or "",
    )  # fmt: skip


def _side(side: Any, name: str, texts, targets: pd.DataFrame, fail) -> int:
    """The index in ``targets`` of the goal one side names."""
    if not isinstance(side, dict) or not side:
        fail(f"{name} is missing", f"give {name}: {{target_id: …}} or {{doc_id: …, quote: …}}")
    unknown = sorted(str(k) for k in set(side) - _SIDE_KEYS)
    if unknown:
        fail(
            f"{name} has unknown key(s) {', '.join(unknown)}", "use target_id, or doc_id and quote"
        )
    if "target_id" in side:
        found = targets.index[targets["target_id"].astype(str) == str(side["target_id"])]
        if len(found) != 1:
            fail(
                f"{name}: no target has target_id {side['target_id']!r}",
                "take the target_id from targets.csv (or name the goal by doc_id and quote)",
            )
        return int(found[0])
    doc_id, quote = side.get("doc_id"), side.get("quote")
    if not isinstance(doc_id, str) or doc_id not in texts:
        fail(
            f"{name}: unknown doc_id {doc_id!r}",
            f"use a doc_id of documents.csv ({', '.join(sorted(texts))})",
        )
    if not isinstance(quote, str) or not quote or quote not in texts[doc_id]:
        fail(
            f"{name}: the quote {quote!r} is not in the text of {doc_id}",
            "copy the quote exactly from pl.load_text(doc_id)",
        )
    found = _overlapping(targets, doc_id, quote, texts[doc_id])
    if len(found) != 1:
        ids = ", ".join(targets.loc[found, "target_id"].astype(str)) or "none"
        fail(
            f"{name}: the quote {quote!r} covers {len(found)} targets of {doc_id} ({ids})",
            "quote the passage of exactly one target, or name it by target_id",
        )
    return int(found[0])


def _overlapping(targets: pd.DataFrame, doc_id: str, quote: str, text: str) -> list:
    mine = targets[targets["doc_id"].astype(str) == doc_id]
    spans, start = [], text.find(quote)
    while start >= 0:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return [
        index
        for index, row in mine.iterrows()
        if any(s < int(row["char_end"]) and int(row["char_start"]) < e for s, e in spans)
    ]


def _check_pair(earlier: pd.Series, later: pd.Series, action: str, documents, fail) -> None:
    if earlier["doc_id"] == later["doc_id"]:
        fail("earlier and later are goals of one document", "pair goals of two documents")
    if str(earlier["province"]) != str(later["province"]):
        fail(
            f"earlier is a goal of {earlier['province']}, later of {later['province']}",
            "a revision lines up goals of one province",
        )
    order = list(document_order(documents)["doc_id"])
    positions = [
        order.index(d) if d in order else None for d in (earlier["doc_id"], later["doc_id"])
    ]
    if None in positions:
        fail(
            "a document of the pair has neither an issue date nor a horizon, so it has no place "
            "in time",
            "give the document its issued date (or horizon_start) in documents.csv",
        )
    if positions[0] > positions[1]:
        fail(
            f"{earlier['doc_id']} comes after {later['doc_id']} (by issue date)",
            "swap earlier and later",
        )
    if action == "pair" and str(earlier["unit"]) != str(later["unit"]):
        fail(
            f"the goals are in different units ({earlier['unit']}, {later['unit']}): their "
            "values do not compare",
            "pair goals measured in one unit",
        )


def _check_conflicts(decisions: list[RevisionDecision], path: Path) -> None:
    seen: dict[tuple[str, str], RevisionDecision] = {}
    paired_later: dict[str, RevisionDecision] = {}
    for decision in decisions:
        key = (decision.earlier, decision.later)
        first = seen.get(key) or (
            paired_later.get(decision.later) if decision.action == "pair" else None
        )
        if first is not None:
            raise ReviewError(
                f"{decision.where()} conflicts with {first.where()}",
                path=path,
                fix="keep one decision per pair, and pair each later goal with one earlier goal",
            )
        seen[key] = decision
        if decision.action == "pair":
            paired_later[decision.later] = decision


def describe(decision: RevisionDecision) -> str:
    """The ``why`` of a pair made by hand."""
    note = text_or_empty(decision.note)
    return f"paired by a reviewer ({decision.where()})" + (f": {note}" if note else "")
