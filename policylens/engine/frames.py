"""One DataFrame per table from the rows of many documents (a batch, or a corpus).

Every extractor knows only its text (:mod:`policylens.engine.unit`); here each row
gets its document's ``doc_id`` and ``province``, and the per-text ids (``m1``,
``t1``) become unique in the corpus (``<doc_id>:m1``). Building one frame for all
rows instead of one per document is most of what makes a corpus run fast.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import pandas as pd

from policylens.engine.unit import PER_DOCUMENT_TABLES, DocumentRows
from policylens.extract import TARGET_COLUMNS, targets_frame
from policylens.model.schema import TABLES
from policylens.model.vocab import UnlabelledWarning

#: Each table's id column, made per text by its extractor (m1) and per corpus here (doc:m1).
ID_COLUMNS = {
    "actuals": "actual_id",
    "modes": "mode_id",
    "mode_actors": "mode_id",
    "milestones": "milestone_id",
}

#: The columns of the candidate targets: the extractor's, after the document's.
CANDIDATE_COLUMNS = ["doc_id", "province", *TARGET_COLUMNS]

#: One document of a batch: (doc_id, province).
Source = tuple[str, str]


#: At most this many distinct warnings per corpus; the rest are counted in one more.
MAX_WARNINGS = 25


def reissue(sources: Sequence[Source], found: Sequence[DocumentRows]) -> None:
    """Raise again, naming the documents, the warnings their extractors returned.

    One warning per distinct message, naming the first documents that gave it, and at
    most :data:`MAX_WARNINGS` of them: a corpus of thousands of plans must not print
    one line per document.
    """
    by_message: dict[tuple[str, str], list[str]] = {}
    for (doc_id, _), rows in zip(sources, found, strict=True):
        for category, message in rows["warnings"]:
            by_message.setdefault((category, message), []).append(doc_id)
    for (category, message), doc_ids in list(by_message.items())[:MAX_WARNINGS]:
        kind = UnlabelledWarning if category == UnlabelledWarning.__name__ else UserWarning
        warnings.warn(kind(f"{_documents_named(doc_ids)}: {message}"), stacklevel=3)
    if len(by_message) > MAX_WARNINGS:
        rest = list(by_message.values())[MAX_WARNINGS:]
        documents = len({doc_id for doc_ids in rest for doc_id in doc_ids})
        warnings.warn(
            UserWarning(
                f"{len(rest)} more distinct extraction warnings, from {documents} "
                "document(s), not shown; chains without a label have an empty chain key "
                "in chains.csv"
            ),
            stacklevel=3,
        )


def _documents_named(doc_ids: Sequence[str], shown: int = 3) -> str:
    names = list(dict.fromkeys(doc_ids))
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} and {len(names) - shown} more documents"


def _candidates(sources: Sequence[Source], found: Sequence[DocumentRows]) -> pd.DataFrame:
    """The targets the extractor proposes, before review (``candidate_targets``' frame)."""
    records, doc_ids, provinces = [], [], []
    for (doc_id, province), rows in zip(sources, found, strict=True):
        targets = rows["tables"]["targets"]
        records += targets
        doc_ids += [doc_id] * len(targets)
        provinces += [province] * len(targets)
    if not records:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    frame = targets_frame(records)
    frame.insert(0, "province", provinces)
    frame.insert(0, "doc_id", doc_ids)
    return frame


def table_frame(
    table: str, sources: Sequence[Source], rows: Sequence[list[dict[str, Any]]]
) -> pd.DataFrame:
    """One table's rows of every document (``rows[i]`` of ``sources[i]``) as one frame,
    with doc_id, province and corpus-unique ids, in the table's column order.

    >>> from policylens.extract.milestones import extract_milestone_rows
    >>> found = extract_milestone_rows("2024年一季度，要加大宣贯力度。")
    >>> table_frame("milestones", [("d1", "Hubei")], [found])[["milestone_id", "doc_id"]].values.tolist()
    [['d1:t1', 'd1']]
    """
    id_column = ID_COLUMNS.get(table)
    out = []
    for (doc_id, province), found in zip(sources, rows, strict=True):
        for row in found:
            row = {**row, "doc_id": doc_id, "province": province}
            if id_column is not None:
                row[id_column] = f"{doc_id}:{row[id_column]}"
            out.append(row)
    return pd.DataFrame(out, columns=TABLES[table].column_names)


def tables_frames(
    sources: Sequence[Source], found: Sequence[DocumentRows]
) -> dict[str, pd.DataFrame]:
    """Every per-document table of a batch as one frame (``targets``: the candidates).

    ``found[i]`` is what :func:`~policylens.engine.unit.extract_document` gave for
    the document ``sources[i]``; rows keep the documents' order.

    >>> from policylens.engine.unit import extract_document
    >>> found = extract_document("推行“政府+链主+园区”招商。")
    >>> tables_frames([("d1", "Shanxi")], [found])["modes"][["mode_id", "doc_id"]].values.tolist()
    [['d1:m1', 'd1']]
    """
    frames = {"targets": _candidates(sources, found)}
    for table in PER_DOCUMENT_TABLES:
        if table != "targets":
            frames[table] = table_frame(table, sources, [f["tables"][table] for f in found])
    return frames
