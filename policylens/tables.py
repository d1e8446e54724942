"""Assembling the tidy tables of one project from its documents and texts.

Each table is a function of the documents table and the normalised texts;
targets are the extractor's candidates after the reviewer's decisions (applied
by ``review`` before they come here). ``build_tables``
runs them all, checks that every quote stands at its offsets in its text, and
validates each table against its schema.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import pandas as pd

from policylens.errors import SchemaError
from policylens.extract import TARGET_COLUMNS, extract_targets
from policylens.extract.actuals import extract_actuals
from policylens.extract.chains import extract_chains
from policylens.extract.milestones import extract_milestones
from policylens.extract.modes import extract_modes
from policylens.model.schema import TABLES, conform, empty_frame, validate
from policylens.model.vocab import UnlabelledWarning
from policylens.read.pages import PagedText, with_pages

if TYPE_CHECKING:
    import datetime as dt


QUOTED_TABLES = ("targets", "actuals", "chains", "modes", "milestones")


def _issued(value) -> dt.date | None:

    return None if pd.isna(value) else value.date()


def candidate_targets(documents: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """What the extractor proposes for every document, before review."""

    frames = []
    for doc in documents.itertuples():
        found = extract_targets(texts[doc.doc_id], issued=_issued(doc.issued))
        found.insert(0, "province", doc.province)
        found.insert(0, "doc_id", doc.doc_id)
        frames.append(found)
    columns = ["doc_id", "province", *TARGET_COLUMNS]
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


#: Each table's id column, made per text by its extractor (m1) and per corpus here (doc:m1).
ID_COLUMNS = {
    "actuals": "actual_id",
    "modes": "mode_id",
    "mode_actors": "mode_id",
    "milestones": "milestone_id",
}


def for_document(frame: pd.DataFrame, table: str, doc_id: str, province: str) -> pd.DataFrame:
    """The rows one extractor read from a text, as rows of ``table`` for that document.

    Every extractor has one contract — ``(text, issued)`` in, rows out, knowing
    nothing of the corpus; this adds ``doc_id`` and ``province`` and makes the ids
    unique in the corpus. A new frame in the table's column order.

    >>> rows = pd.DataFrame({"mode_id": ["m1"], "mode_key": ["government+park"]})
    >>> for_document(rows, "mode_actors", "d", "Shanxi")[["mode_id", "doc_id", "province"]]
      mode_id doc_id province
    0    d:m1      d   Shanxi
    """
    out = frame.copy()
    out["doc_id"] = doc_id
    out["province"] = province
    id_column = ID_COLUMNS.get(table)
    if id_column is not None:
        out[id_column] = doc_id + ":" + out[id_column].astype(str)
    return out[[c for c in TABLES[table].column_names if c in out.columns]]


def actuals_of(text: str, doc_id: str, province: str, issued: dt.date | None) -> pd.DataFrame:
    """The actuals of one document as rows of the ``actuals`` table.

    A figure whose number or unit cannot be read (50亿立方米) has no value to compare:
    it is left out with a warning that names it, never given a guessed value.
    """
    found = extract_actuals(text, issued)
    unread = found[found["needs_review"]]
    if len(unread):
        listed = "; ".join(
            f"{q!r} ({r})" for q, r in zip(unread["quote"], unread["review_reason"], strict=True)
        )
        warnings.warn(
            f"{doc_id}: {len(unread)} figure(s) achieved left out of actuals, their value "
            f"cannot be read: {listed}",
            stacklevel=2,
        )
    found = found[~found["needs_review"]].assign(origin="extracted")
    return for_document(found, "actuals", doc_id, province)


def _chains_of(text: str, doc_id: str, province: str) -> pd.DataFrame:
    """The chains of one document; a name the vocabulary lacks is warned about by doc_id."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnlabelledWarning)
        rows = extract_chains(text)
    for warning in caught:
        if issubclass(warning.category, UnlabelledWarning):
            warnings.warn(UnlabelledWarning(f"{doc_id}: {warning.message}"), stacklevel=3)
        else:
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    return for_document(rows, "chains", doc_id, province)


def _per_document(
    documents: pd.DataFrame, pages: dict[str, PagedText], table: str, extract
) -> pd.DataFrame:

    frames = [extract(doc) for doc in documents.itertuples()]
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return empty_frame(table)
    frame = pd.concat(frames, ignore_index=True)
    if table in QUOTED_TABLES:
        frame = with_pages(frame, pages)
    return conform(frame, table)


def build_tables(
    documents: pd.DataFrame,
    texts: dict[str, str],
    pages: dict[str, PagedText],
    targets: pd.DataFrame,
) -> dict[str, pd.DataFrame]:
    """Every table of the data model, validated.

    A function of its inputs: the documents table, their texts and pages, and the
    reviewed targets (:func:`candidate_targets` through ``review.apply_decisions``).
    """

    modes = {
        doc.doc_id: extract_modes(texts[doc.doc_id], _issued(doc.issued))
        for doc in documents.itertuples()
    }
    tables = {
        "documents": documents,
        "targets": conform(with_pages(targets, pages), "targets"),
        "actuals": _per_document(
            documents,
            pages,
            "actuals",
            lambda doc: actuals_of(
                texts[doc.doc_id], doc.doc_id, doc.province, _issued(doc.issued)
            ),
        ),
        "chains": _per_document(
            documents,
            pages,
            "chains",
            lambda doc: _chains_of(texts[doc.doc_id], doc.doc_id, doc.province),
        ),
        "modes": _per_document(
            documents,
            pages,
            "modes",
            lambda doc: for_document(modes[doc.doc_id][0], "modes", doc.doc_id, doc.province),
        ),
        "mode_actors": _per_document(
            documents,
            pages,
            "mode_actors",
            lambda doc: for_document(modes[doc.doc_id][1], "mode_actors", doc.doc_id, doc.province),
        ),
        "milestones": _per_document(
            documents,
            pages,
            "milestones",
            lambda doc: for_document(
                extract_milestones(texts[doc.doc_id], _issued(doc.issued)),
                "milestones",
                doc.doc_id,
                doc.province,
            ),
        ),
    }
    tables["actuals"] = not_targets(tables["actuals"], tables["targets"])
    for name in QUOTED_TABLES:
        check_quotes(tables[name], texts, name)
    warn_unlabelled_scopes(tables["targets"])
    validated = {name: validate(frame, name) for name, frame in tables.items()}
    return validated


def not_targets(actuals: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """The actuals that are no target: a figure is never in both tables.

    The extractors decide once per figure; a reviewer may still add or correct a
    target where the extractor saw a fact. The reviewer's target wins: an actual
    at the same offsets, or overlapping it with the same value and unit, is left
    out with a warning that names it.
    """
    if actuals.empty or targets.empty:
        return actuals
    by_doc = {doc_id: frame for doc_id, frame in targets.groupby("doc_id", observed=True)}
    keep = [not _is_a_target(row, by_doc.get(row.doc_id)) for row in actuals.itertuples()]
    dropped = actuals[[not k for k in keep]]
    if len(dropped):
        listed = "; ".join(
            f"{d}: {q!r}" for d, q in zip(dropped.doc_id, dropped.quote, strict=True)
        )
        warnings.warn(
            f"{len(dropped)} figure(s) achieved left out of actuals, a reviewed target states "
            f"them: {listed}",
            stacklevel=2,
        )
    return actuals[keep].reset_index(drop=True)


def _is_a_target(actual, targets: pd.DataFrame | None) -> bool:
    if targets is None:
        return False
    same = (targets.char_start == actual.char_start) & (targets.char_end == actual.char_end)
    overlap = (targets.char_start < actual.char_end) & (actual.char_start < targets.char_end)
    alike = (targets.value == actual.value) & (targets.unit.astype(str) == str(actual.unit))
    return bool((same | (overlap & alike)).any())


def warn_unlabelled_scopes(targets: pd.DataFrame) -> None:
    """Name the target scopes the vocabulary cannot translate (their ``scope`` is empty)."""
    missing = sorted(
        {
            f"{doc_id}: {scope_zh}"
            for doc_id, scope_zh, scope in zip(
                targets["doc_id"], targets["scope_zh"], targets["scope"], strict=True
            )
            if isinstance(scope_zh, str) and scope_zh and not (isinstance(scope, str) and scope)
        }
    )
    if missing:
        warnings.warn(
            UnlabelledWarning(
                "no English label for the target scopes "
                + "; ".join(missing)
                + " — add their words to policylens/model/vocab.py, or set `scope` in review.yaml"
            ),
            stacklevel=2,
        )


def check_quotes(frame: pd.DataFrame, texts: dict[str, str], table: str) -> None:
    """Every quote must stand exactly at its offsets in its document's text."""
    for row in frame.itertuples():
        text = texts.get(row.doc_id, "")
        if text[row.char_start : row.char_end] != row.quote:
            raise SchemaError(
                f"table {table}: the quote {row.quote!r} of {row.doc_id} is not at "
                f"characters {row.char_start}-{row.char_end} of its text"
            )
