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
from policylens.extract.chains import extract_chains
from policylens.extract.milestones import extract_milestones
from policylens.extract.modes import extract_modes
from policylens.model.schema import conform, empty_frame, validate
from policylens.model.vocab import UnlabelledWarning
from policylens.read.pages import PagedText, with_pages

if TYPE_CHECKING:
    import datetime as dt


QUOTED_TABLES = ("targets", "chains", "modes", "milestones")


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
        doc.doc_id: extract_modes(texts[doc.doc_id], doc.doc_id, doc.province)
        for doc in documents.itertuples()
    }
    tables = {
        "documents": documents,
        "targets": conform(with_pages(targets, pages), "targets"),
        "chains": _per_document(
            documents,
            pages,
            "chains",
            lambda doc: extract_chains(texts[doc.doc_id], doc.doc_id, doc.province),
        ),
        "modes": _per_document(documents, pages, "modes", lambda doc: modes[doc.doc_id][0]),
        "mode_actors": _per_document(
            documents, pages, "mode_actors", lambda doc: modes[doc.doc_id][1]
        ),
        "milestones": _per_document(
            documents,
            pages,
            "milestones",
            lambda doc: extract_milestones(
                texts[doc.doc_id], doc.doc_id, doc.province, _issued(doc.issued)
            ),
        ),
    }
    for name in QUOTED_TABLES:
        check_quotes(tables[name], texts, name)
    warn_unlabelled_scopes(tables["targets"])
    validated = {name: validate(frame, name) for name, frame in tables.items()}
    return validated


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
