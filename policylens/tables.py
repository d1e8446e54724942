"""Assembling the tidy tables of one project from its documents and texts.

Each table is a function of the documents table and the normalised texts:
:func:`extract_documents` runs the extractors over every document (in processes,
through a per-document cache: :mod:`policylens.engine`); targets are the
extractor's candidates after the reviewer's decisions (applied by ``review``
before they come here). ``build_tables`` checks that every quote stands at its
offsets in its text, and validates each table against its schema.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from policylens.engine.cache import DocumentCache, document_key
from policylens.engine.frames import reissue, tables_frames
from policylens.engine.pool import extract_many
from policylens.engine.unit import PER_DOCUMENT_TABLES
from policylens.errors import SchemaError
from policylens.model.schema import conform, empty_frame, validate
from policylens.model.vocab import UnlabelledWarning
from policylens.read.pages import PagedText, with_pages

if TYPE_CHECKING:
    import datetime as dt


QUOTED_TABLES = ("targets", "actuals", "chains", "modes", "milestones")


def _issued(value) -> dt.date | None:

    return None if pd.isna(value) else value.date()


def extract_documents(
    documents: pd.DataFrame,
    texts: dict[str, str],
    *,
    jobs: int = 1,
    cache: DocumentCache | None = None,
) -> dict[str, pd.DataFrame]:
    """Every per-document table of the corpus as extracted, before review and checks.

    ``targets`` holds the candidates (:func:`candidate_targets`); the others have
    ``doc_id``, ``province`` and corpus-unique ids. Documents whose rows ``cache``
    holds (same text, issue date and extractor code) are not extracted again; the
    others are extracted in ``jobs`` processes (1: this one; 0: one per core),
    with the same result whatever ``jobs`` is. Warnings name their document.
    """
    sources = [(doc.doc_id, doc.province) for doc in documents.itertuples()]
    items = [(texts[doc.doc_id], _issued(doc.issued)) for doc in documents.itertuples()]
    keys = [document_key(text, issued) for text, issued in items] if cache else []
    found = [cache.get(key) for key in keys] if cache else [None] * len(items)
    missing = [i for i, rows in enumerate(found) if rows is None]
    for i, rows in zip(missing, extract_many([items[i] for i in missing], jobs), strict=True):
        found[i] = rows
        if cache is not None:
            cache.put(keys[i], rows)
    reissue(sources, found)
    return tables_frames(sources, found)


def candidate_targets(
    documents: pd.DataFrame,
    texts: dict[str, str],
    *,
    jobs: int = 1,
    cache: DocumentCache | None = None,
) -> pd.DataFrame:
    """What the extractor proposes for every document, before review."""
    return extract_documents(documents, texts, jobs=jobs, cache=cache)["targets"]


def _per_document(frame: pd.DataFrame, pages: dict[str, PagedText], table: str) -> pd.DataFrame:

    if not len(frame):
        return empty_frame(table)
    if table in QUOTED_TABLES:
        frame = with_pages(frame, pages)
    return conform(frame, table)


def build_tables(
    documents: pd.DataFrame,
    texts: dict[str, str],
    pages: dict[str, PagedText],
    targets: pd.DataFrame,
    extracted: dict[str, pd.DataFrame] | None = None,
) -> dict[str, pd.DataFrame]:
    """Every table of the data model, validated.

    A function of its inputs: the documents table, their texts and pages, the
    reviewed targets (:func:`candidate_targets` through ``review.apply_decisions``)
    and the other tables as :func:`extract_documents` gave them (extracted here
    when not given).
    """
    if extracted is None:
        extracted = extract_documents(documents, texts)
    tables = {
        "documents": documents,
        "targets": conform(with_pages(targets, pages), "targets"),
    }
    for name in PER_DOCUMENT_TABLES:
        if name != "targets":
            tables[name] = _per_document(extracted[name], pages, name)
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
    spans = _target_spans(targets)
    keep = [
        not _is_a_target(figure, spans.get(doc_id, ()))
        for doc_id, figure in zip(actuals["doc_id"], _figures(actuals), strict=True)
    ]
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


def _figures(frame: pd.DataFrame) -> list[tuple]:
    """(start, end, value, unit) of each row: numbers as floats, a missing one NaN (it
    compares False, as pandas' missing values do in a mask), the unit as text."""
    numbers = [
        frame[name].to_numpy(dtype="float64", na_value=np.nan).tolist()
        for name in ("char_start", "char_end", "value")
    ]
    return list(zip(*numbers, [str(u) for u in frame["unit"]], strict=True))


def _target_spans(targets: pd.DataFrame) -> dict[Any, list[tuple]]:
    """The targets' (start, end, value, unit) by document: plain tuples, compared per
    figure without building a pandas mask for each (2,700 figures took 9 s that way)."""
    spans: dict[Any, list[tuple]] = {}
    for doc_id, span in zip(targets["doc_id"], _figures(targets), strict=True):
        spans.setdefault(doc_id, []).append(span)
    return spans


def _is_a_target(actual: tuple, targets: list[tuple]) -> bool:
    """Whether a target stands at the figure's offsets, or overlaps it with its value and unit."""
    start, end, value, unit = actual
    for t_start, t_end, t_value, t_unit in targets:
        if t_start == start and t_end == end:
            return True
        if t_start < end and start < t_end and t_value == value and t_unit == unit:
            return True
    return False


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
