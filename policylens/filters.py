"""Narrowing a table of the data model to provinces and years, as notebooks and charts do."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from policylens.model.schema import PROVINCES

#: How each table is narrowed to a year: the column holding it (None: no year to filter by).
YEAR_OF: dict[str, str | None] = {
    "documents": None,
    "targets": "target_year",
    "actuals": "year",
    "chains": None,
    "modes": None,
    "mode_actors": None,
    "milestones": "deadline",
    "revisions": None,
    "attainment": "target_year",
}


def _as_set(choice) -> set | None:
    if choice is None:
        return None
    if isinstance(choice, (str, int)):
        return {choice}
    return set(choice)


def _province_names(choice) -> set[str] | None:
    """English province names of ``choice`` (English or Chinese, e.g. "Shanxi" or "山西")."""
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
    year of targets, the year an actual refers to, the deadline's year of
    milestones; a table without years
    (documents, chains, modes) refuses a year rather than ignore it. A new frame;
    ``frame`` is not changed.

    >>> targets = pd.DataFrame(
    ...     {"province": ["Shanxi", "Shanxi", "Jiangxi"], "target_year": [2024, 2025, 2024]}
    ... )
    >>> select(targets, "targets", province="山西", year=2024).to_dict("records")
    [{'province': 'Shanxi', 'target_year': 2024}]
    >>> select(targets, "chains", year=2024)
    Traceback (most recent call last):
    ...
    ValueError: the chains table has no year to filter by; pass province= only
    """
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
