"""tables: the actuals of a document (readable values only), and a reviewer's target wins
over an actual at the same place."""

from __future__ import annotations

import pandas as pd
import pytest

from policylens.tables import extract_documents, not_targets


def frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["doc_id", "char_start", "char_end", "value", "unit", "quote"]
    )


ACTUALS = frame(
    [
        ("a", 0, 20, 8.6e10, "CNY", "2023年营业收入860亿元"),
        ("a", 21, 30, 35.0, "percent", "同比增长35%"),
        ("b", 0, 20, 8.6e10, "CNY", "2023年营业收入860亿元"),
    ]
)


@pytest.mark.parametrize(
    "target",
    [
        ("a", 0, 20, 9.0e10, "CNY", "2023年营业收入860亿元"),  # the same offsets, corrected value
        ("a", 5, 40, 8.6e10, "CNY", "营业收入860亿元，同比增长35%"),  # overlapping, same value
    ],
)
def test_an_actual_a_reviewer_made_a_target_is_left_out_with_a_warning(target):
    with pytest.warns(UserWarning, match="a reviewed target states them: a: '2023年"):
        kept = not_targets(ACTUALS, frame([target]))
    assert kept["quote"].tolist() == ["同比增长35%", "2023年营业收入860亿元"]
    assert kept["doc_id"].tolist() == ["a", "b"]


def test_targets_elsewhere_leave_actuals_alone():
    targets = frame(
        [
            ("a", 40, 60, 1.5e11, "CNY", "到2025年营业收入1500亿元"),
            ("a", 5, 40, 20.0, "percent", "营业收入860亿元，同比增长20%"),  # overlaps, other value
        ]
    )
    assert not_targets(ACTUALS, targets).equals(ACTUALS)
    assert not_targets(ACTUALS, targets.iloc[0:0]).equals(ACTUALS)


def test_a_figure_without_a_readable_value_is_left_out_of_actuals_with_a_warning():
    text = "2023年，全省汽车产量达到320万辆，同比增长1.4倍，天然气产量50亿立方米。"
    with pytest.warns(UserWarning, match=r"d: 2 figure\(s\).*1\.4倍.*亿立方米"):
        documents = pd.DataFrame({"doc_id": ["d"], "province": ["Anhui"], "issued": [pd.NaT]})
        rows = extract_documents(documents, {"d": text})["actuals"]
    assert rows["quote"].tolist() == ["2023年，全省汽车产量达到320万辆"]
    assert rows[["actual_id", "doc_id", "province", "origin"]].values.tolist() == [
        ["d:a1", "d", "Anhui", "extracted"]
    ]


def test_typed_tables_with_missing_values_compare_as_pandas_masks_do():
    """Nullable offsets and values (as the schema types them): a target without a value
    overlaps an actual without taking it; one at the same offsets takes it all the same."""
    typed = {"char_start": "Int64", "char_end": "Int64", "value": "Float64", "unit": "category"}
    actuals = ACTUALS.astype(typed)
    no_value = frame(
        [
            ("a", 5, 40, None, "CNY", "营业收入860亿元"),  # overlaps, value unread
            ("b", 0, 20, None, None, "2023年营业收入860亿元"),  # the same offsets
        ]
    ).astype(typed)
    with pytest.warns(UserWarning, match="1 figure"):
        kept = not_targets(actuals, no_value)
    assert kept["quote"].tolist() == ["2023年营业收入860亿元", "同比增长35%"]
    assert kept["doc_id"].tolist() == ["a", "a"]
