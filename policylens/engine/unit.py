"""One document → the plain rows of every per-document table, and its warnings.

The unit of work of a corpus run: a pure function of ``(text, issued)`` that returns
lists of dicts — no DataFrame, which costs ~0.3 ms to build per document and is
expensive to pickle between processes (issue 15). ``doc_id`` and ``province`` are
not known here; :mod:`policylens.engine.frames` adds them.
"""

from __future__ import annotations

import datetime
import warnings
from collections.abc import Sequence
from typing import Any, TypedDict

from policylens.extract import extract_target_rows
from policylens.extract.actuals import extract_actual_rows, extract_rows
from policylens.extract.chains import extract_chain_rows
from policylens.extract.milestones import extract_milestone_rows
from policylens.extract.modes import extract_mode_rows

#: The tables extracted document by document, in the order they are built.
PER_DOCUMENT_TABLES: tuple[str, ...] = (
    "targets",
    "actuals",
    "chains",
    "modes",
    "mode_actors",
    "milestones",
)


class DocumentRows(TypedDict):
    """What one document gives: rows per table, and the warnings its extractors raised."""

    tables: dict[str, list[dict[str, Any]]]
    warnings: list[list[str]]  # [category name, message]


def _targets(text, issued) -> dict[str, list[dict[str, Any]]]:
    return {"targets": extract_target_rows(text, issued)}


def _targets_and_actuals(text, issued) -> dict[str, list[dict[str, Any]]]:
    """Both from one scan (a figure is a target or an actual, never both)."""
    targets, actuals = extract_rows(text, issued)
    return {"targets": targets, "actuals": _readable_actuals(actuals)}


def _actuals(text, issued) -> dict[str, list[dict[str, Any]]]:
    return {"actuals": _readable_actuals(extract_actual_rows(text, issued))}


def _readable_actuals(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actuals with a value: one whose number or unit cannot be read (50亿立方米) has
    nothing to compare, so it is left out with a warning naming it, never guessed."""
    unread = [row for row in rows if row["needs_review"]]
    if unread:
        listed = "; ".join(f"{row['quote']!r} ({row['review_reason']})" for row in unread)
        warnings.warn(
            f"{len(unread)} figure(s) achieved left out of actuals, their value "
            f"cannot be read: {listed}",
            stacklevel=2,
        )
    return [{**row, "origin": "extracted"} for row in rows if not row["needs_review"]]


def _chains(text, issued) -> dict[str, list[dict[str, Any]]]:
    return {"chains": extract_chain_rows(text, issued)}


def _modes(text, issued) -> dict[str, list[dict[str, Any]]]:
    modes, actors = extract_mode_rows(text, issued)
    return {"modes": modes, "mode_actors": actors}


def _milestones(text, issued) -> dict[str, list[dict[str, Any]]]:
    return {"milestones": extract_milestone_rows(text, issued)}


#: Each extractor and the tables it fills (modes gives two).
_EXTRACTORS = {
    "targets": _targets,
    "actuals": _actuals,
    "chains": _chains,
    "modes": _modes,
    "mode_actors": _modes,
    "milestones": _milestones,
}


def extract_document(
    text: str,
    issued: datetime.date | None = None,
    tables: Sequence[str] = PER_DOCUMENT_TABLES,
) -> DocumentRows:
    """The rows of every table in ``tables`` (default: all per-document ones) for one text.

    Warnings (a chain name the vocabulary lacks) are caught and returned, not
    raised, so that a worker process or the cache can carry them to the caller,
    which names the document (:func:`policylens.engine.frames.reissue`).

    >>> found = extract_document("到2025年，光伏产业营业收入力争突破1000亿元。")
    >>> [(name, len(rows)) for name, rows in found["tables"].items()]
    [('targets', 1), ('actuals', 0), ('chains', 0), ('modes', 0), ('mode_actors', 0), ('milestones', 0)]
    """
    unknown = [name for name in tables if name not in _EXTRACTORS]
    if unknown:
        raise ValueError(f"no per-document table {unknown}; they are {PER_DOCUMENT_TABLES}")
    found: dict[str, list[dict[str, Any]]] = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chosen = dict.fromkeys(_EXTRACTORS[name] for name in tables)
        if _targets in chosen and _actuals in chosen:  # one scan gives both
            chosen = {_targets_and_actuals: None, **chosen}
            del chosen[_targets], chosen[_actuals]
        for extractor in chosen:
            found.update(extractor(text, issued))
    return {
        "tables": {name: found[name] for name in PER_DOCUMENT_TABLES if name in tables},
        "warnings": [[w.category.__name__, str(w.message)] for w in caught],
    }
