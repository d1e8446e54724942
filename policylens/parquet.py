"""Columnar copies of the built tables: ``data/processed/parquet/<table>.parquet``.

The CSV files are the citable, diff-able record; Parquet is for reading a large
corpus fast and with its types: categories, nullable integers, dates and booleans
come back as they were built (``pd.read_parquet``), and DuckDB, Polars or Spark can
query the folder directly::

    import duckdb
    duckdb.connect().execute(
        "SELECT province, count(*) FROM 'data/processed/parquet/targets.parquet' GROUP BY ALL"
    ).df()

pyarrow writes them (the reference implementation of the format, which keeps
pandas' dtypes in the file's metadata). Same table, same bytes: no time is
written, compression and row groups are fixed.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from policylens.errors import InputError, NotBuiltError, SchemaError
from policylens.model.schema import conform, validate

#: Fixed writing options, so that the same table always gives the same bytes.
_OPTIONS = {
    "compression": "zstd",
    "compression_level": 3,
    "row_group_size": 1_000_000,
    "write_statistics": True,
}


def table_to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    """One conformed table as Parquet bytes (no index; pandas dtypes kept in the metadata)."""
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    buffer = io.BytesIO()
    pq.write_table(arrow, buffer, **_OPTIONS)
    return buffer.getvalue()


def write_parquet_tables(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """Write each table as ``folder/<name>.parquet``; return the paths, in ``tables`` order."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        path = folder / f"{name}.parquet"
        path.write_bytes(table_to_parquet_bytes(frame))
        written.append(path)
    return written


def read_parquet_table(path: Path, table: str, *, columns: Iterable[str] | None = None):
    """A table written by :func:`write_parquet_tables`, typed and validated like its CSV.

    ``pd.read_parquet`` alone gives the same frame, except that an empty table's
    categories are empty (Parquet stores a column's dictionary only with its rows);
    this restores the schema's categories and checks the schema.
    """
    if not path.exists():
        raise NotBuiltError(
            f"{path} does not exist yet: run `policylens build` (or pl.build()) in the "
            "project folder first"
        )
    try:
        raw = pd.read_parquet(path, columns=None if columns is None else list(columns))
    except (OSError, pa.ArrowException) as exc:
        raise InputError(
            f"cannot read the table: {exc}",
            path=path,
            fix="rebuild it with `policylens build`",
        ) from None
    if columns is not None:
        return raw
    try:
        return validate(conform(raw, table), table)
    except SchemaError as exc:
        raise SchemaError(f"{path}: {exc}\n  fix: rebuild it with `policylens build`") from None
