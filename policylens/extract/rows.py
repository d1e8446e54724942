"""The row record every stage fills, and the one DataFrame built per call."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import pandas as pd

from policylens.grammar.periods import Period

#: Columns of the DataFrame returned by :func:`extract_targets`, in order.
TARGET_COLUMNS: list[str] = [
    "scope_zh",
    "scope",
    "chain",
    "indicator",
    "value",
    "value_stretch",
    "unit",
    "per",
    "comparator",
    "commitment",
    "target_year",
    "period",
    "deadline",
    "quote",
    "char_start",
    "char_end",
    "needs_review",
    "review_reason",
    "unit_as_written",
]


@dataclass(slots=True)
class Row:
    start: int  # quote start
    end: int  # quote end
    num_start: int
    num_end: int
    sentence_start: int
    scope_zh: str
    scope_explicit: bool
    tail: str
    indicator: str
    value: float | None
    stretch: float | None
    unit: str
    comparator: str
    commitment: str
    period: Period | None
    needs_review: bool = False
    review_reason: str = ""
    in_headline: bool = False
    in_table: bool = False
    metric: str = ""
    subject: str = ""  # what a later clause without a subject refers to (never a counted noun)
    label: str = ""
    chain: str = ""
    covered: bool = False  # the scope is (almost) all vocabulary words
    raw: str = ""  # number and unit as written, for rows to review (300GWh)
    year_inferred: bool = False  # the year comes from the section or the title, not the text
    per: str = ""  # what the value is per (city, chain, year …); '' for a total
    unit_written: str = ""  # the unit as the text writes it (亿元, 兆瓦时, 亿立方米)


#: every field of a Row, read in one C call (see :func:`changed`)
_ALL_FIELDS = operator.attrgetter(*(f.name for f in fields(Row)))


def changed(row: Row, **changes: Any) -> Row:
    """A copy of `row` with `changes`: what ``dataclasses.replace`` gives, without its walk
    over every field's metadata (~5x the cost, per floor+stretch pair and listed subject)."""
    new = Row(*_ALL_FIELDS(row))
    for name, value in changes.items():
        setattr(new, name, value)
    return new


@functools.cache
def _default_str_dtype():
    """The dtype pandas itself infers for text ("str" in pandas 3, object before), in
    Python storage where pandas 3 would pick pyarrow's (installed for the Parquet
    outputs): a frame per document costs twice as much there (1.9 vs 0.95 ms, bundled texts).
    """

    dtype = pd.Series(["text"]).dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return pd.StringDtype("python", na_value=dtype.na_value)
    return dtype


@functools.cache
def _wraps_str_arrays() -> bool:
    """True when the text dtype is pandas 3's python-backed "str" (StringArray takes dtype=)."""

    dtype = _default_str_dtype()
    major = int(pd.__version__.split(".")[0])
    return major >= 3 and isinstance(dtype, pd.StringDtype) and dtype.storage == "python"


def _dated(p: Period | None) -> bool:
    """A period with a year of its own; a recurring one (每年) has none (TARGETS.md)."""
    return p is not None and p.year is not None and not p.recurring


def record(r: Row, source: str, span: tuple[int, int] | None = None) -> dict[str, Any]:
    """The public fields of a row (TARGET_COLUMNS), as plain Python values.

    `span` is where the quote stands in `source` when the row was read from an
    analysed copy of it (see :mod:`policylens.extract.layout`).
    """
    p = r.period
    dated = _dated(p)
    start, end = span if span is not None else (r.start, r.end)
    return {
        "scope_zh": r.scope_zh,
        "scope": r.label,
        "chain": r.chain,
        "indicator": r.indicator,
        "value": r.value,
        "value_stretch": r.stretch,
        "unit": r.unit,
        "per": r.per,
        "comparator": r.comparator,
        "commitment": r.commitment,
        "target_year": p.year if dated else None,
        "period": p.period if dated else "",
        "deadline": p.deadline if p is not None and not p.recurring else None,
        "quote": source[start:end],
        "char_start": start,
        "char_end": end,
        "needs_review": r.needs_review,
        "review_reason": r.review_reason,
        "unit_as_written": r.unit_written,
    }


def to_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """Records of :func:`record` (of one or many documents) as one DataFrame of TARGET_COLUMNS.

    Built from arrays that already have their final dtypes, so pandas does not
    infer them (~0.3 ms a frame instead of ~0.8 ms); a batch of documents pays it once.
    """

    str_dtype = _default_str_dtype()
    nan = float("nan")
    # The values are all str: pandas 3's StringArray(values, dtype=) only checks them,
    # where pd.array converts each one (3x slower, ~8 ms on the 5 MB benchmark).
    wrap = _wraps_str_arrays()

    def text(name: str) -> pd.api.extensions.ExtensionArray:
        values = [r[name] for r in records]
        if wrap:
            return pd.arrays.StringArray(np.array(values, dtype=object), dtype=str_dtype)
        return pd.array(values, dtype=str_dtype)

    def floats(name: str) -> np.ndarray:
        return np.array([nan if r[name] is None else r[name] for r in records], dtype="float64")

    def ints(name: str) -> np.ndarray:
        return np.array([r[name] for r in records], dtype="int64")

    years = [r["target_year"] for r in records]
    columns: dict[str, Any] = {name: text(name) for name in _TEXT_COLUMNS}
    columns.update(
        value=floats("value"),
        value_stretch=floats("value_stretch"),
        target_year=pd.arrays.IntegerArray(
            np.array([y or 0 for y in years], dtype="int64"),
            np.array([y is None for y in years], dtype=bool),
        ),
        deadline=np.array([r["deadline"] for r in records], dtype=object),
        char_start=ints("char_start"),
        char_end=ints("char_end"),
        needs_review=np.array([r["needs_review"] for r in records], dtype=bool),
    )
    frame = {name: columns[name] for name in TARGET_COLUMNS}
    return pd.DataFrame(frame, index=pd.RangeIndex(len(records)), copy=False)


_TEXT_COLUMNS = (
    "scope_zh",
    "scope",
    "chain",
    "indicator",
    "unit",
    "per",
    "comparator",
    "commitment",
    "period",
    "quote",
    "review_reason",
    "unit_as_written",
)
