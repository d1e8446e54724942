"""A corpus of any size on Dask: ``pl.extract_corpus(paths_or_bag, out=...)``.

The same unit as a build (:func:`~policylens.engine.unit.extract_document`) mapped
over the partitions of a ``dask.bag``; Dask schedules it — on this machine's
processes, or on a ``distributed`` cluster when a ``Client`` is active (the same
code). Files are read by the workers themselves through ``fsspec``, so a folder,
``s3://bucket/plans/`` or any other fsspec URL works alike, and each partition
writes its own Parquet file per table (``out/<table>/part-00000.parquet``, any
fsspec URL too): nothing is gathered on one machine. Needs the optional extra
``pip install 'policylens[dask]'`` (dask, distributed, pyarrow).
"""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import pandas as pd

from policylens.engine.frames import CANDIDATE_COLUMNS, table_frame
from policylens.engine.unit import PER_DOCUMENT_TABLES, extract_document
from policylens.errors import InputError, MissingExtraError, PolicylensError
from policylens.extract import targets_frame
from policylens.model.schema import conform, empty_frame
from policylens.read import SUPPORTED, read_bytes
from policylens.read.pages import normalise_pages, with_pages

#: Documents per partition: one task reads, extracts and writes this many.
PARTITION_SIZE = 64
#: The table of what was read: one row per file (or record), with why it was skipped.
DOCUMENTS_COLUMNS = ["doc_id", "file", "sha256", "characters", "problem"]


@dataclass
class CorpusResult:
    """What :func:`extract_corpus` wrote: where, how many rows, which files it skipped."""

    out: str
    documents: int
    rows: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        counts = ", ".join(f"{name} {n}" for name, n in self.rows.items())
        lines = [f"extracted {self.documents} documents into {self.out} ({counts})"]
        lines += [f"skipped: {file}: {problem}" for file, problem in self.skipped]
        return "\n".join(lines)


def _dask():
    """dask, dask.bag and fsspec, or a MissingExtraError saying how to install them."""
    try:
        import dask
        import dask.bag as db
        import fsspec
        import pyarrow  # noqa: F401  (pandas writes Parquet with it)
    except ImportError as exc:
        raise MissingExtraError(
            f"extract_corpus needs the dask extra ({exc.name} is not installed): "
            "pip install 'policylens[dask]'"
        ) from None
    return dask, db, fsspec


def _files(source: str, fsspec) -> list[tuple[str, str]]:
    """(doc_id, url) of every supported file of a folder, glob or single file URL."""
    fs, path = fsspec.core.url_to_fs(source)
    base = path.rstrip("/") if fs.isdir(path) else None
    if base is not None:
        found = fs.find(base)
    else:
        found = fs.glob(path) if any(c in path for c in "*?[") else [path]
    files = sorted(
        f for f in found if PurePosixPath(f).suffix.lower() in SUPPORTED and "/." not in f
    )
    if not files:
        raise InputError(
            "holds no document policylens reads",
            path=source,
            fix=f"name a folder or URL with {', '.join(SUPPORTED)} files",
        )
    out = []
    for file in files:
        doc_id = file[len(base) + 1 :] if base and file.startswith(base + "/") else file
        out.append((doc_id, fs.unstrip_protocol(file)))
    return out


def _read(record: tuple[str, str], fsspec) -> tuple[str, str, str]:
    """(doc_id, url, normalised text) of one file, read where the task runs."""
    doc_id, url = record
    with fsspec.open(url, "rb") as handle:
        data = handle.read()
    return doc_id, url, normalise_pages(read_bytes(data, url).text).text


def _documents_of(records: Sequence[Any], issued, fsspec) -> list[dict[str, Any]]:
    """Each record as {doc_id, file, text, issued, problem} (a file that cannot be read
    keeps its problem instead of stopping the run)."""
    out = []
    for record in records:
        if isinstance(record, dict):
            text = record.get("text")
            out.append(
                {
                    "doc_id": str(record["doc_id"]),
                    "file": str(record.get("file") or record["doc_id"]),
                    "text": text if isinstance(text, str) else "",
                    "issued": _date(record.get("issued", issued)),
                    "province": record.get("province") or "",
                    "problem": "" if isinstance(text, str) else "no text",
                }
            )
            continue
        try:
            doc_id, url, text = _read(record, fsspec)
            problem = ""
        except (PolicylensError, OSError, ValueError) as exc:
            doc_id, url, text, problem = record[0], record[1], "", str(exc)
        out.append(
            {"doc_id": doc_id, "file": url, "text": text, "issued": _date(issued), "province": ""}
            | {"problem": problem}
        )
    return out


def _date(value) -> datetime.date | None:
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _partition_frames(docs: list[dict[str, Any]], tables: Sequence[str]) -> dict[str, pd.DataFrame]:
    """Every requested table of one partition, typed the same in every partition."""
    readable = [d for d in docs if not d["problem"]]
    found = [extract_document(d["text"], d["issued"], tables) for d in readable]
    sources = [(d["doc_id"], d["province"]) for d in readable]
    pages = {d["doc_id"]: normalise_pages(d["text"]) for d in readable}
    frames = {"documents": _documents_frame(docs)}
    for table in tables:
        rows = [f["tables"][table] for f in found]
        if table == "targets":
            frames[table] = _candidates(sources, rows)
            continue
        frame = table_frame(table, sources, rows)
        if not len(frame):
            frames[table] = empty_frame(table)
        else:
            frame = with_pages(frame, pages) if "quote" in frame.columns else frame
            frames[table] = conform(frame, table)
    return frames


def _documents_frame(docs: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": pd.array([d["doc_id"] for d in docs], dtype="string"),
            "file": pd.array([d["file"] for d in docs], dtype="string"),
            "sha256": pd.array(
                [hashlib.sha256(d["text"].encode()).hexdigest() for d in docs], dtype="string"
            ),
            "characters": pd.array([len(d["text"]) for d in docs], dtype="Int64"),
            "problem": pd.array([d["problem"] or None for d in docs], dtype="string"),
        },
        columns=DOCUMENTS_COLUMNS,
    )


def _candidates(sources, rows: list[list[dict[str, Any]]]) -> pd.DataFrame:
    """The candidate targets of a partition (the extractor's columns after doc_id, province)."""
    records, doc_ids, provinces = [], [], []
    for (doc_id, province), found in zip(sources, rows, strict=True):
        records += found
        doc_ids += [doc_id] * len(found)
        provinces += [province or None] * len(found)
    frame = targets_frame(records)
    frame.insert(0, "province", pd.array(provinces, dtype="string"))
    frame.insert(0, "doc_id", pd.array(doc_ids, dtype="string"))
    return frame[CANDIDATE_COLUMNS]


def _write_partition(
    records: list[Any], number: int, out: str, tables: Sequence[str], issued
) -> dict[str, Any]:
    """Read, extract and write one partition; return its row counts and skipped files."""
    _, _, fsspec = _dask()
    frames = _partition_frames(_documents_of(records, issued, fsspec), tables)
    fs, root = fsspec.core.url_to_fs(out)
    for name, frame in frames.items():
        folder = f"{root.rstrip('/')}/{name}"
        fs.makedirs(folder, exist_ok=True)
        with fs.open(f"{folder}/part-{number:05d}.parquet", "wb") as handle:
            frame.to_parquet(handle, index=False)
    docs = frames["documents"]
    skipped = docs[docs["problem"].notna()]
    return {
        "rows": {name: len(frame) for name, frame in frames.items() if name != "documents"},
        "documents": len(docs),
        "skipped": list(zip(skipped["file"], skipped["problem"], strict=True)),
    }


def extract_corpus(
    source,
    out: str | os.PathLike[str],
    *,
    issued: datetime.date | str | None = None,
    tables: Sequence[str] = PER_DOCUMENT_TABLES,
    partition_size: int = PARTITION_SIZE,
    scheduler: str | None = None,
) -> CorpusResult:
    """Extract every document of ``source`` with Dask and write partitioned Parquet to ``out``.

    ``source``: a folder, a glob or any fsspec URL (``s3://bucket/plans/``,
    ``memory://corpus``) of .txt/.pdf/.docx/.html files — each file's path below the
    folder is its ``doc_id`` — or a ``dask.bag.Bag`` of records ``{"doc_id", "text"}``
    (optionally ``"issued"``, ``"province"``, ``"file"``). ``issued`` applies to
    documents that carry no date of their own.

    ``out`` (a folder or fsspec URL) gets one folder per table — ``targets`` (the
    candidates, not reviewed), ``chains``, ``modes``, ``mode_actors``, ``milestones``,
    and ``documents`` (what was read, and why a file was skipped) — each of one
    Parquet file per partition, typed alike, so that ``pd.read_parquet(out +
    "/targets")`` or DuckDB read the folder. Existing part files of a table are
    replaced. ``scheduler``: Dask's (``"processes"``, ``"threads"``,
    ``"synchronous"``); by default the active ``distributed`` Client, else processes.

    >>> import policylens as pl
    >>> pl.extract_corpus("s3://bucket/plans/", "s3://bucket/extracted/")  # doctest: +SKIP
    """
    dask, db, fsspec = _dask()
    unknown = [t for t in tables if t not in PER_DOCUMENT_TABLES]
    if unknown:
        raise ValueError(f"unknown tables {unknown}; per-document tables are {PER_DOCUMENT_TABLES}")
    out = os.fspath(out)
    if isinstance(source, db.Bag):
        bag = source
    else:
        files = _files(os.fspath(source), fsspec)
        bag = db.from_sequence(files, partition_size=max(1, partition_size))
    _clear(out, ["documents", *tables], fsspec)
    writes = [
        dask.delayed(_write_partition)(part, n, out, tuple(tables), issued)
        for n, part in enumerate(bag.to_delayed())
    ]
    if scheduler is None and not _has_client():
        scheduler = "processes"
    done = dask.compute(*writes, scheduler=scheduler)
    result = CorpusResult(out, sum(d["documents"] for d in done))
    for d in done:
        for name, n in d["rows"].items():
            result.rows[name] = result.rows.get(name, 0) + n
        result.skipped += d["skipped"]
    return result


def _clear(out: str, tables: Sequence[str], fsspec) -> None:
    """Remove the part files an earlier run left in ``out`` (fewer partitions now)."""
    fs, root = fsspec.core.url_to_fs(out)
    for name in tables:
        for old in fs.glob(f"{root.rstrip('/')}/{name}/part-*.parquet"):
            fs.rm(old)


def _has_client() -> bool:
    try:
        from distributed import default_client
    except ImportError:
        return False
    try:
        default_client()
    except ValueError:
        return False
    return True
