"""Attainment: each target against the outcome for its year.

The outcome of a target is a figure with the same goal key (``goals.goal_key``)
for the target's year: from ``outcomes.csv`` (your statistics, preferred), else
from the ``actuals`` table (what a document of the corpus reports as achieved;
the latest report wins). Only a figure for the whole year counts (a figure for
2024-04 says nothing of a 2024 goal). The status:

- ``met`` / ``not_met``: the outcome compared as the target's comparator says —
  ``>=`` and ``=`` (达到: reaching it or more) need outcome ≥ value, ``>``
  (突破/超过) needs outcome > value, ``~`` (左右/约) needs outcome ≥ value × (1 −
  :data:`TOLERANCE`), ``<=`` (控制在…以内, 不超过: a cap) needs outcome ≤ value;
- ``not_yet_due``: no outcome, and the target's deadline lies after the reference date;
- ``no_outcome``: no outcome although the deadline has passed (or an outcome
  reported only as a lower bound, 超过…, that does not reach the value).

``status`` tests the target's ``value``: a firm floor, or — when the whole
target is worded 力争 — an aspirational value (``tested`` says which). A
stretch value (超过3500亿元、力争达到4500亿元) is tested apart, in ``stretch_status``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from policylens.model.schema import ATTAINMENT_STATUSES, conform, empty_frame, validate
from policylens.overtime.goals import (
    document_order,
    goal_key,
    number,
    shown,
    text_or_empty,
    year_of,
)
from policylens.overtime.outcomes import empty_outcomes

#: For ``~`` (左右/约): how far below the value an outcome may fall and still meet it.
TOLERANCE = 0.05
#: Outcomes this close (relative) to the value count as reaching it (floats, never rounded).
_EPSILON = 1e-9


def reference_date_of(
    documents: pd.DataFrame | None,
    actuals: pd.DataFrame | None,
    outcomes: pd.DataFrame | None,
) -> pd.Timestamp:
    """The date the evidence stands at: the newest issue date (or horizon start) of the
    documents, as-of date of an actual, or year end of an outcome; today if none."""
    dates = []
    if documents is not None and len(documents):
        dates += list(document_order(documents)["order_date"])
    if actuals is not None and len(actuals) and "as_of" in actuals:
        dates += list(pd.to_datetime(actuals["as_of"]).dropna())
    if outcomes is not None and len(outcomes):
        dates.append(pd.Timestamp(int(max(outcomes["year"])), 12, 31))
    dates = [pd.Timestamp(d) for d in dates if pd.notna(d)]
    return max(dates) if dates else pd.Timestamp(dt.date.today())


def attainment(
    targets: pd.DataFrame,
    actuals: pd.DataFrame | None = None,
    outcomes: pd.DataFrame | None = None,
    *,
    documents: pd.DataFrame | None = None,
    reference_date: str | dt.date | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """The ``attainment`` table: one row per target, validated.

    ``actuals``: the actuals table (what documents report as achieved);
    ``outcomes``: rows of ``outcomes.read_outcomes``; ``reference_date``: when
    'due' is judged (default :func:`reference_date_of`, so the same inputs always
    give the same table).
    """
    outcomes = empty_outcomes() if outcomes is None else outcomes
    when = (
        reference_date_of(documents, actuals, outcomes)
        if reference_date is None
        else pd.Timestamp(reference_date)
    )
    found = _outcome_index(actuals, outcomes, documents)
    rows = [_row(target, found, when) for target in targets.to_dict("records")]
    frame = conform(pd.DataFrame(rows), "attainment") if rows else empty_frame("attainment")
    return validate(frame, "attainment")


def _outcome_index(actuals, outcomes: pd.DataFrame, documents) -> dict[tuple, dict]:
    """(goal key, year) → the outcome to use: outcomes.csv first, else the latest actual."""
    index: dict[tuple, dict] = {}
    for candidate in _actual_outcomes(actuals, documents):
        index[candidate.pop("_key")] = candidate  # later reports overwrite earlier ones
    for _, row in outcomes.iterrows():
        index[(goal_key(row), int(row["year"]))] = {
            "outcome_value": float(row["value"]),
            "outcome_year": int(row["year"]),
            "outcome_comparator": None,
            "outcome_source": "outcomes.csv",
            "outcome_ref": f"outcomes.csv row {row['row']}",
            "outcome_doc": None,
            "outcome_quote": row["source"],
        }
    return index


def _actual_outcomes(actuals, documents) -> list[dict]:
    """Whole-year actuals as outcomes, oldest report first."""
    if actuals is None or not len(actuals):
        return []
    frame = actuals[actuals["year"].notna()].copy()
    whole_year = frame["period"].isna() | (
        frame["period"].astype("string") == frame["year"].astype("Int64").astype("string")
    )
    frame = frame[whole_year.fillna(False).astype(bool)]
    place = {}
    if documents is not None and len(documents):
        place = {d: n for n, d in enumerate(document_order(documents)["doc_id"])}
    frame = frame.assign(
        _place=frame["doc_id"].astype(str).map(place).fillna(-1),
        _as_of=pd.to_datetime(frame["as_of"]),
    ).sort_values(["_place", "_as_of", "actual_id"], kind="stable", na_position="first")
    return [
        {
            "_key": (goal_key(row), int(row["year"])),
            "outcome_value": float(row["value"]),
            "outcome_year": int(row["year"]),
            "outcome_comparator": text_or_empty(row["comparator"]) or None,
            "outcome_source": "actuals",
            "outcome_ref": str(row["actual_id"]),
            "outcome_doc": str(row["doc_id"]),
            "outcome_quote": row["quote"],
        }
        for row in frame.to_dict("records")
    ]


def reaches(outcome: float, value: float, comparator: str, *, lower_bound: str = "") -> bool:
    """Whether ``outcome`` meets ``value`` under ``comparator`` (see the module docstring).

    ``lower_bound`` is the outcome's own comparator: an outcome of 超过100 (``>``)
    is more than 100, so it meets a goal of 突破100.

    >>> reaches(100.0, 100.0, ">="), reaches(100.0, 100.0, ">"), reaches(96.0, 100.0, "~")
    (True, False, True)
    >>> reaches(5.2, 5.5, "<="), reaches(5.6, 5.5, "<="), reaches(5.2, 5.5, "<=", lower_bound=">")
    (True, False, False)
    """
    if comparator == "<=":  # a cap: a lower bound (超过5%) never shows it was kept
        return outcome <= value * (1 + _EPSILON) and lower_bound not in (">", ">=")
    floor = value * (1 - TOLERANCE) if comparator == "~" else value
    at_least = outcome >= floor * (1 - _EPSILON)
    if comparator != ">":
        return at_least
    return outcome > value * (1 + _EPSILON) or (at_least and lower_bound == ">")


def _row(target: pd.Series, found: dict, when: pd.Timestamp) -> dict:
    comparator = str(target["comparator"])
    value = float(target["value"])
    year = year_of(target["target_year"])
    deadline = target["deadline"]
    if pd.isna(deadline) and year is not None:
        deadline = pd.Timestamp(year, 12, 31)
    outcome = found.get((goal_key(target), year)) if year is not None else None
    row = {
        **{name: target[name] for name in _TARGET_COLUMNS},
        "deadline": deadline,
        "tested": "aspirational" if str(target["commitment"]) == "aspirational" else "firm",
        "tested_value": value,
        "tolerance": TOLERANCE if comparator == "~" else None,
        "reference_date": when,
        **(outcome or {}),
    }
    row["status"], row["stretch_status"], row["note"] = _status(target, outcome, deadline, when)
    return row


_TARGET_COLUMNS = (
    "target_id", "doc_id", "province", "scope_zh", "scope", "chain", "indicator", "unit",
    "per", "comparator", "commitment", "target_year", "value", "value_stretch",
)  # fmt: skip


def _status(target: pd.Series, outcome: dict | None, deadline, when) -> tuple[str, str | None, str]:
    """status, stretch_status and the note saying what they rest on."""
    value, comparator = float(target["value"]), str(target["comparator"])
    if outcome is None:
        if year_of(target["target_year"]) is None:
            return "no_outcome", None, "no target year (a recurring or undated goal)"
        due = pd.Timestamp(deadline)
        if due > when:
            return "not_yet_due", None, f"due {due.date()}, after the reference date {when.date()}"
        return "no_outcome", None, f"due {due.date()}; no outcome for {target['target_year']}"
    got, bound = outcome["outcome_value"], text_or_empty(outcome["outcome_comparator"])
    unit = text_or_empty(target["unit"])
    more = "more than " if bound in (">", ">=") else ""
    note = (
        f"outcome {more}{shown(got, unit)} ({outcome['outcome_ref']}) against "
        f"{comparator} {shown(value, unit)}"
    )
    if reaches(got, value, comparator, lower_bound=bound):
        status = "met"
    elif bound in (">", ">=") and (comparator != "<=" or got <= value):
        return "no_outcome", None, note + ": reported only as a lower bound below the value"
    else:
        status = "not_met"
    stretch = number(target["value_stretch"])
    stretch_status = None
    if stretch is not None:
        if reaches(got, stretch, ">=", lower_bound=bound):
            stretch_status = "met"
        elif bound not in (">", ">="):  # a lower bound below the stretch says nothing of it
            stretch_status = "not_met"
        said = stretch_status.replace("_", " ") if stretch_status else "unknown (a lower bound)"
        note += f"; stretch {shown(stretch, unit)}: {said}"
    return status, stretch_status, note


def attainment_counts(attainment: pd.DataFrame) -> pd.DataFrame:
    """How many targets of each province are met, not met, not yet due or without outcome.

    One row per province, one column per status (in that order), and ``total``.

    >>> rows = pd.DataFrame({"province": ["Hubei", "Hubei", "Anhui"],
    ...                      "status": ["met", "not_yet_due", "met"]})
    >>> attainment_counts(rows)[["met", "not_yet_due", "total"]].to_dict("index")
    {'Anhui': {'met': 1, 'not_yet_due': 0, 'total': 1}, 'Hubei': {'met': 1, 'not_yet_due': 1, 'total': 2}}
    """
    statuses = list(ATTAINMENT_STATUSES)
    if attainment.empty:
        return pd.DataFrame(columns=[*statuses, "total"], dtype="int64")
    counts = pd.crosstab(attainment["province"].astype(str), attainment["status"].astype(str))
    counts = counts.reindex(columns=statuses, fill_value=0).astype("int64")
    counts["total"] = counts.sum(axis=1)
    counts.index.name = "province"
    counts.columns.name = None
    return counts.sort_index()
