"""Assembling the tidy tables of one project from its documents and texts.

Each table is a function of the documents table and the normalised texts;
targets also go through the reviewer's decisions (``review``). ``build_tables``
runs them all, checks that every quote stands at its offsets in its text, and
validates each table against its schema.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policylens.errors import SchemaError
from policylens.paths import Project, find_project
from policylens.read.pages import PagedText, document_pages, with_pages
from policylens.schema import TABLES, conform, empty_frame, validate
from policylens.storage import read_table_csv

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd

QUOTED_TABLES = ("targets", "chains", "modes", "milestones")


@dataclass
class BuiltTables:
    """Every table of the data model, plus the candidates still awaiting review."""

    tables: dict[str, pd.DataFrame]
    pending: pd.DataFrame


def _issued(value) -> dt.date | None:
    import pandas as pd

    return None if pd.isna(value) else value.date()


def candidate_targets(documents: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """What the extractor proposes for every document, before review."""
    import pandas as pd

    from policylens.extract import TARGET_COLUMNS, extract_targets

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
    import pandas as pd

    frames = [extract(doc) for doc in documents.itertuples()]
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return empty_frame(table)
    frame = pd.concat(frames, ignore_index=True)
    if table in QUOTED_TABLES:
        frame = with_pages(frame, pages)
    return conform(frame, table)


def build_tables(project: Project, documents: pd.DataFrame, texts: dict[str, str]) -> BuiltTables:
    """Every table of the data model, validated, and the pending review candidates."""
    from policylens.chains import extract_chains
    from policylens.milestones import extract_milestones
    from policylens.modes import extract_modes
    from policylens.review import apply_decisions, read_decisions

    pages = document_pages(project, documents)
    candidates = candidate_targets(documents, texts)
    decisions = read_decisions(project.decisions, texts)
    reviewed = apply_decisions(candidates, decisions, texts, project.decisions)

    modes = {
        doc.doc_id: extract_modes(texts[doc.doc_id], doc.doc_id, doc.province)
        for doc in documents.itertuples()
    }
    tables = {
        "documents": documents,
        "targets": conform(with_pages(reviewed.targets, pages), "targets"),
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
    return BuiltTables(validated, reviewed.pending)


def warn_unlabelled_scopes(targets: pd.DataFrame) -> None:
    """Name the target scopes the vocabulary cannot translate (their ``scope`` is empty)."""
    import warnings

    from policylens.vocab import UnlabelledWarning

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
                + " — add their words to policylens/vocab.py, or set `scope` in review.yaml"
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


def load_table(table: str, root: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """A built table from data/processed/, typed and validated."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; tables are {', '.join(TABLES)}")
    project = find_project(root)
    return read_table_csv(project.processed / f"{table}.csv", table)


#: How each table is narrowed to a year: the column holding it (None: no year to filter by).
YEAR_OF: dict[str, str | None] = {
    "documents": None,
    "targets": "target_year",
    "chains": None,
    "modes": None,
    "mode_actors": None,
    "milestones": "deadline",
}


def _as_set(choice) -> set | None:
    if choice is None:
        return None
    if isinstance(choice, (str, int)):
        return {choice}
    return set(choice)


def _province_names(choice) -> set[str] | None:
    """English province names of ``choice`` (English or Chinese, e.g. "Shanxi" or "山西")."""
    from policylens.schema import PROVINCES

    wanted = _as_set(choice)
    if wanted is None:
        return None
    by_zh = {zh: en for en, zh in PROVINCES.items()}
    by_en = {en.lower(): en for en in PROVINCES}
    names = set()
    for name in wanted:
        text = str(name).strip()
        english = by_en.get(text.lower()) or by_zh.get(text) or by_zh.get(text.removesuffix("省"))
        if english is None:
            raise ValueError(
                f"province {name!r} is not a province name; use the English or Chinese name, "
                "e.g. 'Shanxi' or '山西'"
            )
        names.add(english)
    return names


def select(
    frame: pd.DataFrame,
    table: str,
    *,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
) -> pd.DataFrame:
    """The rows of ``frame`` (a ``table`` of the data model) of ``province`` and ``year``.

    ``province``: one name or several, English or Chinese. ``year``: the target
    year of targets, the deadline's year of milestones; a table without years
    (documents, chains, modes) refuses a year rather than ignore it. A new frame;
    ``frame`` is not changed.

    >>> select(pl.load_targets(), "targets", province="山西", year=2024)  # doctest: +SKIP
    """
    import pandas as pd

    keep = pd.Series(True, index=frame.index)
    names = _province_names(province)
    if names is not None and "province" in frame:
        keep &= frame["province"].astype(str).isin(names)
    years = _as_set(year)
    if years is not None:
        column = YEAR_OF.get(table)
        if column is None:
            raise ValueError(f"the {table} table has no year to filter by; pass province= only")
        values = frame[column]
        if column == "deadline":
            values = pd.to_datetime(values).dt.year
        keep &= values.isin({int(y) for y in years}).fillna(False).astype(bool)
    return frame[keep.to_numpy()].copy()


def load_targets(
    root: str | os.PathLike[str] | None = None,
    *,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
) -> pd.DataFrame:
    """Quantitative targets, one row per distinct target, each citing its quote.

    ``province`` (English or Chinese name, or several) and ``year`` (target year)
    keep only those rows: ``pl.load_targets(province="Shanxi", year=2024)``.
    """
    return select(load_table("targets", root), "targets", province=province, year=year)


def load_chains(
    root: str | os.PathLike[str] | None = None, *, province: str | Iterable[str] | None = None
) -> pd.DataFrame:
    """Chains, clusters and industries each document names or counts (of ``province``)."""
    return select(load_table("chains", root), "chains", province=province)


def load_modes(
    root: str | os.PathLike[str] | None = None, *, province: str | Iterable[str] | None = None
) -> pd.DataFrame:
    """A+B(+C) collaboration modes and other + slogans, one row per distinct mode."""
    return select(load_table("modes", root), "modes", province=province)


def load_mode_actors(
    root: str | os.PathLike[str] | None = None, *, province: str | Iterable[str] | None = None
) -> pd.DataFrame:
    """The actors of each mode, one row per (mode, actor)."""
    return select(load_table("mode_actors", root), "mode_actors", province=province)


def load_milestones(
    root: str | os.PathLike[str] | None = None,
    *,
    province: str | Iterable[str] | None = None,
    year: int | Iterable[int] | None = None,
) -> pd.DataFrame:
    """Dated actions of each plan, with period and deadline (``year``: the deadline's year)."""
    return select(load_table("milestones", root), "milestones", province=province, year=year)
