"""Reading and writing the tidy tables as CSV, typed and byte-for-byte reproducible.

CSV is UTF-8 without BOM, ``\\n`` line ends, dates as ISO ``YYYY-MM-DD``,
missing values as empty cells, floats written in full (never rounded), so
that the same table always gives the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from policylens.errors import InputError, NotBuiltError, SchemaError
from policylens.schema import TABLES, conform, validate

if TYPE_CHECKING:
    import pandas as pd


def table_to_csv_bytes(df: pd.DataFrame, table: str) -> bytes:
    """Serialise a conformed table to CSV bytes."""
    out = df.copy()
    for column in TABLES[table].columns:
        if column.type == "date":
            out[column.name] = out[column.name].dt.strftime("%Y-%m-%d")
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n", na_rep="")
    return buffer.getvalue().encode("utf-8")


def read_table_csv(path: Path, table: str) -> pd.DataFrame:
    """Read a table written by ``table_to_csv_bytes``, typed and validated."""
    import pandas as pd

    if not path.exists():
        raise NotBuiltError(
            f"{path} does not exist yet: run `policylens build` (or pl.build()) in the "
            "project folder first"
        )
    rebuild = (
        "the table is out of date (made by another policylens version) or damaged: "
        "rebuild it with `policylens build`"
    )
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"cannot read the table: {exc}", path=path, fix=rebuild) from None
    except OSError as exc:
        raise InputError(
            f"cannot read the table: {exc.strerror or exc}",
            path=path,
            fix="make the file readable, or rebuild it with `policylens build`",
        ) from None
    try:
        return validate(conform(raw, table), table)
    except SchemaError as exc:
        raise SchemaError(f"{path}: {exc}\n  fix: {rebuild}") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a cell conform cannot type
        raise SchemaError(
            f"{path}: a cell does not fit its column ({exc})\n  fix: {rebuild}"
        ) from None
