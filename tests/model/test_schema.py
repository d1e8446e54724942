"""The schema's `conform`: a value outside a category column's allowed values is named."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from policylens.errors import SchemaError
from policylens.model.schema import COMPARATORS, UNITS, conform, empty_frame


def _targets(**changes: list) -> pd.DataFrame:
    """Two target rows of the right columns, with ``changes`` to some of them."""
    frame = empty_frame("targets").astype(object)
    row = {name: None for name in frame.columns}
    row |= {"target_id": "demo:t1", "doc_id": "demo", "unit": "CNY", "comparator": ">="}
    frame = pd.DataFrame([row, {**row, "target_id": "demo:t2"}])
    for name, values in changes.items():
        frame[name] = values
    return frame


@pytest.mark.parametrize(
    "column, values, outside",
    [("unit", ["CNY", "RMB"], "RMB"), ("comparator", ["≥", ">="], "≥")],
)
def test_a_value_outside_a_category_is_an_error_naming_it(column, values, outside):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no pandas deprecation on the way
        with pytest.raises(SchemaError) as info:
            conform(_targets(**{column: values}), "targets")
    message = str(info.value)
    assert f"column {column}" in message and repr(outside) in message
    assert "rows [0]" in message or "rows [1]" in message


def test_allowed_values_and_missing_ones_conform_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = conform(_targets(unit=["GW", None], comparator=[">", "~"]), "targets")
    assert list(out["unit"].cat.categories) == list(UNITS)
    assert list(out["comparator"].cat.categories) == list(COMPARATORS)
    assert out["unit"].isna().sum() == 1 and set(out["unit"].dropna()) == {"GW"}
